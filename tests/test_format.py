"""Text widths on a terminal (jixiao._format): Chinese takes two columns, so
padding and cutting count display columns, not characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import jixiao
from jixiao._format import display_width, pad, tail

TEXT = st.text(
    st.sampled_from(list("ab1 .-/") + list("预算执行率（）罗湖区") + ["\u0301", "Ａ"]), max_size=30
)


def test_wide_characters_take_two_columns() -> None:
    assert display_width("预算执行率") == 10
    assert display_width("（Ａ）") == 6  # fullwidth
    assert display_width("e\u0301") == 1  # a combining accent takes none
    assert display_width("budget") == 6


@given(TEXT, st.integers(0, 40))
def test_pad_reaches_the_width_and_keeps_the_text(text: str, width: int) -> None:
    padded = pad(text, width)
    assert padded.startswith(text)
    assert padded[len(text) :].strip(" ") == ""
    assert display_width(padded) == max(width, display_width(text))


@given(TEXT, st.integers(1, 40))
def test_tail_keeps_the_longest_end_that_fits(text: str, width: int) -> None:
    ends = [text[k:] for k in range(len(text) + 1) if display_width(text[k:]) <= width]
    assert tail(text, width) == pad(ends[0], width)  # the longest end that fits, padded
    assert display_width(tail(text, width)) == width


def test_explanation_rows_line_up_in_chinese_and_english() -> None:
    department = jixiao.load_department("examples/luohu-2023-department.toml")
    evaluation = jixiao.evaluate(
        department.resolve_framework(), department.inputs, department.overrides
    )
    for lang in ("zh", "both"):
        lines = evaluation.explain(lang).splitlines()
        rows = [line for line in lines if " / " in line and "·" not in line and "总分" not in line]
        assert len(rows) > 20
        columns = [display_width(line.split(" / ")[0]) for line in rows]
        # every " / weight" starts in column 56 (counted by character, Chinese rows fell short),
        # but where a long label pushes it further
        assert {c for c in columns if c <= 56} == {56}, columns
        assert sum(c == 56 for c in columns) > 20
