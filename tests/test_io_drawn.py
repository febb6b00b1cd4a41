"""Tables drawn with characters (:mod:`jixiao.io._grid_drawn`): grid tables as
pandoc, console tools and box-drawing text print them.

Generated tables of every layout are drawn and read back in
``tests/test_io_layouts.py`` (form ``drawn``); here, the shapes the generator
does not draw (a console table of one row a line, a table padded as if wide
characters were one column wide, text past the last bar) and one real
converter's output: pandoc's Markdown of the bundled HTML tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io import read_tables
from jixiao.io._grid_drawn import drawn_rows, is_border, plain
from jixiao.io.grid import Grid
from jixiao.io.sources import markdown_grid, text_grid
from jixiao.project import audit, load_table, table_to_dict

from .conftest import ROOT
from .layouts.bundle import TABLES


def _cells(grid: Grid) -> list[list[tuple[str, int, int, int, bool]]]:
    return [
        [(c.text, c.column, c.colspan, c.rowspan, c.continued) for c in line.cells]
        for line in grid.lines
    ]


PANDOC = """\
+------+-----------+--------+
| 一级 | 二级      | 分值   |
+======+===========+========+
| 产出 | 数量指标  | 7.00   |
| 指标 |           |        |
|      +-----------+--------+
|      | 质量指标  | 3      |
+------+-----------+--------+
| 总分             | 10     |
+------------------+--------+
"""


def test_a_grid_table_reads_with_its_spans_and_lines() -> None:
    grid = markdown_grid(PANDOC, "t.md")
    assert _cells(grid) == [
        [("一级", 0, 1, 1, False), ("二级", 1, 1, 1, False), ("分值", 2, 1, 1, False)],
        [("产出\n指标", 0, 1, 2, False), ("数量指标", 1, 1, 1, False), ("7.00", 2, 1, 1, False)],
        [("", 0, 1, 1, True), ("质量指标", 1, 1, 1, False), ("3", 2, 1, 1, False)],
        [("总分", 0, 2, 1, False), ("10", 2, 1, 1, False)],
    ]
    assert [str(line.cells[-1].location) for line in grid.lines] == [
        "t.md:2:3",
        "t.md:4:3",
        "t.md:7:3",
        "t.md:9:3",
    ]
    assert {line.block for line in grid.lines} == {1}


def test_box_drawing_reads_as_the_same_table() -> None:
    boxed = (
        PANDOC.replace("+======+===========+========+", "╞══════╪═══════════╪════════╡")
        .replace("|      +", "│      ├")
        .replace("+", "┼")
        .replace("-", "─")
        .replace("|", "│")
    )
    assert _cells(markdown_grid(boxed, "t.md")) == _cells(markdown_grid(PANDOC, "t.md"))


def test_a_console_table_is_one_row_a_line() -> None:
    text = """\
+------+------+
| 名称 | 分值 |
+------+------+
| 甲   | 5    |
| 乙   | 5    |
+------+------+
"""
    assert [line.texts() for line in text_grid(text, "t.txt").lines] == [
        ["名称", "分值"],
        ["甲", "5"],
        ["乙", "5"],
    ]


def test_a_table_padded_as_if_wide_characters_were_narrow_is_read_by_its_bars() -> None:
    text = "+------+----+\n| 项目名称 | 党建 |\n+------+----+\n| 分值   | 7  |\n+------+----+\n"
    assert [line.texts() for line in text_grid(text, "t.txt").lines] == [
        ["项目名称", "党建"],
        ["分值", "7"],
    ]


def test_text_past_the_last_bar_is_kept_in_the_last_cell() -> None:
    read = drawn_rows(["+---+---+", "| a | b | c", "+---+---+"])
    assert read is not None
    rows, cut = read
    assert not cut
    assert [[" ".join(t.strip() for t in c.lines) for c in cells] for _, cells in rows] == [
        ["a", "b c"]
    ]


def test_a_table_of_too_many_columns_keeps_the_rest_in_its_last_cell() -> None:
    rule, row = "+" + "-+" * 70, "|" + "a|" * 70
    grid = markdown_grid(f"{rule}\n{row}\n{rule}\n", "t.md")
    (line,) = grid.lines
    assert len(line.cells) == 64
    assert line.cells[-1].text.replace(" ", "") == "a" + "a|" * 6  # the rest, as printed
    assert [message for _, message in grid.notes] == [
        "more than 64 cells; the rest of the line kept as its last cell"
    ]


def test_only_a_whole_border_starts_a_table() -> None:
    assert is_border("+--+:-:+")
    assert is_border("  ╔══╦══╗")
    assert not is_border("| a | b |")
    assert not is_border("+ 3 +")
    assert not is_border("---")
    assert plain("┌─┬─┐") == "+-+-+"


@given(
    st.lists(
        st.lists(
            st.text("甲乙数量指标0123456789.%≥ ", min_size=1, max_size=6), min_size=3, max_size=3
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_ruled_grid_of_texts_reads_back(rows: list[list[str]]) -> None:
    """Each row of texts, drawn with a rule under every row, reads back as printed."""
    rows = [[t.strip() or "x" for t in row] for row in rows]

    def width(text: str) -> int:
        return sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in text)

    sizes = [max(width(row[c]) for row in rows) + 2 for c in range(3)]
    rule = "+" + "+".join("-" * s for s in sizes) + "+"
    lines = [rule]
    for row in rows:
        cells = [" " + t + " " * (sizes[c] - 1 - width(t)) for c, t in enumerate(row)]
        lines += ["|" + "|".join(cells) + "|", rule]
    grid = markdown_grid("\n".join(lines) + "\n", "t.md")
    assert [line.texts() for line in grid.lines] == rows
    assert [line.location.row for line in grid.lines] == [2 * k + 2 for k in range(len(rows))]


PANDOC_FILE = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.pandoc.md"


def _free(value: object) -> object:
    """Free texts compared as pandoc prints them: its line wraps as spaces
    and its straight quotes as the quotes the table prints."""
    if isinstance(value, dict):
        return {k: _free(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_free(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", "", value).replace("“", '"').replace("”", '"')
    return value


def test_pandocs_markdown_of_the_bundled_tables_reads_to_the_hand_transcription() -> None:
    """``pandoc luohu-2023-tables-1-2.html -t markdown`` (pandoc 3.9): merged
    cells drawn as a grid table, long cells wrapped, dashes written ``---``."""
    result = read_tables(PANDOC_FILE)
    hand = [load_table(ROOT / "examples" / "projects" / name) for name in TABLES]

    def cells(table: object) -> object:
        data = table_to_dict(table)  # type: ignore[arg-type]
        del data["source"], data["remarks"]
        return _free(data)

    assert [cells(t) for t in result.tables] == [cells(t) for t in hand]
    assert [[(f.code, f.row) for f in audit(t).findings] for t in result.tables] == [
        [(f.code, f.row) for f in audit(t).findings] for t in hand
    ]
    assert not [u for u in result.unplaced if u.kind == "content"]


def test_a_drawn_table_in_a_txt_file_is_read_as_one(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(PANDOC_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(read_tables(path).tables) == 2


def test_a_title_underlined_with_tildes_opens_no_fence() -> None:
    """reStructuredText (``pandoc -t rst``) underlines a title with ``~``; a
    Markdown fence would hide the table after it."""
    text = "项目支出绩效自评表\n~~~~~~~~~~~~~~~~~~\n\n" + PANDOC
    grid = text_grid(text, "t.txt")
    assert [line.texts() for line in grid.lines][:2] == [
        ["项目支出绩效自评表"],
        ["一级", "二级", "分值"],
    ]


def test_a_drawn_table_pasted_as_code_is_read_as_the_table() -> None:
    """A console's table pasted into a Markdown note inside a fence."""
    fenced = markdown_grid("说明\n\n```text\n" + PANDOC + "```\n\n```\na | b\n```\n", "t.md")
    table = markdown_grid(PANDOC, "t.md")
    assert _cells(fenced)[1:-1] == _cells(table)
    texts = [line.texts() for line in fenced.lines]
    assert (texts[0], texts[-1]) == (["说明"], ["a | b"])  # other code stays text
    rows = [line.location.row for line in fenced.lines[1:-1]]
    assert rows == [line.location.row + 3 for line in table.lines]  # where printed


def test_a_drawn_table_in_a_block_quote_is_read_without_its_marks() -> None:
    quoted = "".join(f"> {line}\n" for line in PANDOC.splitlines())
    assert _cells(markdown_grid(quoted, "t.md")) == _cells(markdown_grid(PANDOC, "t.md"))
