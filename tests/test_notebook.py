"""Notebooks: tidy frames (float columns beside exact ones), charts whose
Chinese labels have glyphs, and HTML displays that keep to their own output."""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao
import jixiao._notebook as nb
from jixiao.errors import InputError, JixiaoError
from jixiao.io.batch import audit_paths, iter_audits
from jixiao.moves import grade_moves
from jixiao.notebook import batch_frame, moves_frame, plot_breakdown, plot_moves, scores_frame
from jixiao.project import audit, load_table
from tests.conftest import ROOT, require_module

pd = require_module("pandas")
matplotlib = require_module("matplotlib")
matplotlib.use("Agg")
require_module("manimgx_fonts_cjk")

LUOHU = ROOT / "examples" / "luohu-2023-department.toml"
PROJECTS = ROOT / "examples" / "projects"
PLANNING = PROJECTS / "futian-2022-07-数据规划管理.toml"


@pytest.fixture(scope="module")
def evaluation() -> jixiao.Evaluation:
    return jixiao.load_department(LUOHU).evaluate()


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# ---------------------------------------------------------------- frames


def test_evaluation_frame_has_float_columns_and_exact_ones(evaluation: Any) -> None:
    df = evaluation.to_pandas()
    assert len(df) == len(evaluation.framework.indicators)
    assert list(df["key"]) == [i.key for i in evaluation.framework.indicators]
    for name in ("points", "weight", "rate", "rule_points", "lost"):
        assert df[name].dtype == "float64", name
    for name in ("points", "weight", "rule_points", "lost"):
        assert all(isinstance(v, Decimal) for v in df[name + "_exact"]), name
    assert df["points_exact"].sum() == evaluation.total == Decimal("97.11")
    assert df["points"].sum() == pytest.approx(97.11)
    assert df["overridden"].dtype == "bool"
    staff = df.set_index("key").loc["non_establishment_staff"]
    assert staff["overridden"]
    assert staff["override_reason"]
    assert set(df["level1_name"]) == {"部门决策", "部门管理", "部门绩效"}
    assert (df["department"] == evaluation.department.name).all()
    assert (df["lost_exact"] == df["weight_exact"] - df["points_exact"]).all()


def test_scores_frame_of_any_scores(evaluation: Any) -> None:
    some = evaluation.scores[:3]
    df = scores_frame(some)
    assert list(df["key"]) == [s.key for s in some]
    assert list(df["points_exact"]) == [s.points for s in some]
    empty = scores_frame([])
    assert len(empty) == 0
    assert {"points", "points_exact", "rate", "citation"} <= set(empty.columns)
    assert empty["points"].dtype == "float64"


def test_frame_types_its_columns() -> None:
    df = nb.frame(
        [
            {"a": Decimal("1.5"), "n": 1, "m": None, "f": True, "t": "x"},
            {"a": None, "n": 2, "m": 3, "f": False, "t": None},
        ],
        ("a",),
    )
    assert list(df.columns) == ["a", "a_exact", "n", "m", "f", "t"]
    assert df["a"].dtype == "float64"
    assert pd.isna(df["a"][1])
    assert list(df["a_exact"]) == [Decimal("1.5"), None]
    assert (df["n"].dtype, df["m"].dtype, df["f"].dtype) == ("int64", "Int64", "bool")


def test_project_frame_starts_with_execution_and_sums_to_the_total() -> None:
    checked = audit(load_table(PLANNING))
    df = checked.evaluation.to_pandas()
    assert df.iloc[0]["method"] == "execution"
    assert pd.isna(df.iloc[0]["index"])
    assert list(df["index"][1:]) == list(range(len(checked.evaluation.rows)))
    assert sum(p for p in df["points_exact"] if p is not None) == checked.evaluation.total
    for name in ("weight", "points", "printed_points", "difference", "completion"):
        assert df[name].dtype == "float64", name


def test_audit_frame_puts_each_finding_with_its_row() -> None:
    checked = audit(load_table(PLANNING))
    rows = checked.to_pandas()
    findings = checked.to_pandas("findings")
    assert len(findings) == len(checked.findings)
    assert findings["index"].dtype == "Int64"
    about_rows = [f for f in checked.findings if f.index is not None]
    assert about_rows
    for f in about_rows:
        row = rows[rows["index"] == f.index].iloc[0]
        assert f.code in row["codes"]
        assert row["findings"] >= 1
    assert rows["findings"].sum() == len(about_rows) + sum(
        1 for f in checked.findings if f.index is None and f.row == "资金"
    )
    with pytest.raises(InputError):
        checked.to_pandas("cells")


def test_batch_frames_agree_and_keep_unreadable_files(tmp_path: Path) -> None:
    batch = audit_paths([PROJECTS])
    tables = batch.to_pandas()
    assert len(tables) == len(batch.audits)
    assert tables["ok"].sum() == batch.consistent
    assert tables["total"].dtype == "float64"
    assert tables["errors"].dtype == "int64"
    assert (tables["error"].isna()).all()
    streamed = batch_frame(iter_audits([PROJECTS]))
    pd.testing.assert_frame_equal(tables, streamed)
    assert len(batch.to_pandas("findings")) == sum(len(a.findings) for a in batch.audits)
    broken = tmp_path / "broken.toml"
    broken.write_text("not = [toml", "utf-8")
    mixed = batch_frame(iter_audits([PLANNING, broken]))
    assert list(mixed["ok"]) == [True, False]
    assert mixed["error"].iloc[0] is None
    assert "broken.toml" in mixed["error"].iloc[1]
    assert mixed["total_exact"].iloc[1] is None


def test_moves_frame(evaluation: Any) -> None:
    moves = grade_moves(evaluation, "down")
    df = moves_frame(moves)
    assert list(df["indicator"]) == [m.indicator for m in moves]
    assert list(df["total_exact"]) == [m.total for m in moves]
    assert df["change"].dtype == "float64"
    assert len(moves_frame([])) == 0


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, evaluation: Any) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(JixiaoError, match=r"jixiao\[notebook\]"):
        evaluation.to_pandas()


# ---------------------------------------------------------------- charts


def _labels(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _drawn_without_missing_glyphs(ax: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" fails the test
        ax.figure.canvas.draw()


def test_the_cjk_font_is_found() -> None:
    family = nb.use_cjk_font()
    assert family is not None
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert nb.bundled_cjk_font() is not None


def test_breakdown_chart_has_a_bar_per_indicator(evaluation: Any) -> None:
    ax = plot_breakdown(evaluation)
    weights, points = ax.containers[0], ax.containers[1]
    scores = evaluation.scores
    assert [b.get_width() for b in weights] == [float(s.weight) for s in scores]
    assert [b.get_width() for b in points] == [float(s.points) for s in scores]
    labels = _labels(ax)
    assert labels[0] == scores[0].indicator.name
    assert "编外人员控制率 *" in labels  # the overridden indicator is marked
    assert "97.11" in ax.get_title()
    _drawn_without_missing_glyphs(ax)
    assert evaluation.plot().containers  # the method draws the same chart


def test_moves_chart_has_a_bar_per_move(evaluation: Any) -> None:
    moves = grade_moves(evaluation, "down")
    ax = plot_moves(evaluation, "down", moves=moves)
    bars = ax.containers[0]
    assert len(bars) == len(moves) == 2
    assert [b.get_x() + b.get_width() for b in bars] == pytest.approx(
        [float(m.total) for m in moves]
    )
    assert _labels(ax)[0].startswith("重点工作完成情况")
    assert any("90" in str(line.get_label()) for line in ax.get_lines())  # the edge of 优
    _drawn_without_missing_glyphs(ax)


def test_sweep_plot_draws_chinese_labels(evaluation: Any) -> None:
    from jixiao.sweep import plot_points

    ax = plot_points(evaluation.department, "satisfaction.rate", ["70%", "80%", "95%"])
    _drawn_without_missing_glyphs(ax)


# ---------------------------------------------------------------- HTML


@attrs.define
class Element:
    tag: str
    attributes: dict[str, str]
    children: list[Element | str] = attrs.Factory(list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    yield child
                yield from child.all(tag)


class _Tree(HTMLParser):
    VOID = frozenset({"br", "meta", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attributes})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [tree.root], "unclosed elements"
    (top,) = [c for c in tree.root.children if isinstance(c, Element)]
    return top


def _selectors_scoped(top: Element, scope: str) -> None:
    for style in top.all("style"):
        for rule in style.text().split("}"):
            if "{" in rule:
                for selector in rule.split("{")[0].split(","):
                    assert selector.strip().startswith(scope), selector


def test_evaluation_html_keeps_the_tree_and_shows_overrides_and_status(evaluation: Any) -> None:
    top = parse(evaluation._repr_html_())
    assert top.tag == "div"
    assert top.attributes["class"] == "jixiao-evaluation"
    _selectors_scoped(top, ".jixiao-evaluation")
    cells = list(top.all("td"))
    assert cells
    assert all("text-align:" in c.attributes.get("style", "") for c in cells)
    rows = [r for r in top.all("tr") if r.attributes.get("class") in ("group", "indicator")]
    assert len(rows) == len(evaluation.framework.text.rows)
    indents = {
        r.attributes["data-key"]: next(r.all("td")).attributes["style"].split("padding-left:")[1]
        for r in rows
    }
    assert indents["decision"] < indents["budgeting"] < indents["budget_reasonableness"]
    assert "text-align:left" in next(rows[0].all("td")).attributes["style"]
    (override,) = [r for r in top.all("tr") if r.attributes.get("class") == "override"]
    reason = evaluation.score("non_establishment_staff").override.reason
    assert reason in override.text()
    assert override.attributes["data-key"] == "non_establishment_staff"
    staff = next(r for r in rows if r.attributes["data-key"] == "non_establishment_staff")
    assert "*" in staff.text()
    text = top.text()
    assert "97.11" in text
    assert "优" in text
    assert "transcribed" in text
    assert "2023" in text
    assert str(evaluation.framework.citation) in text


def test_evaluation_html_escapes_text(evaluation: Any) -> None:
    department = attrs.evolve(evaluation.department, name="<b>部门</b> & co")
    top = parse(department.evaluate()._repr_html_())
    assert not list(top.all("b"))
    assert "<b>部门</b> & co" in top.text()


def test_audit_html_styles_only_its_own_output() -> None:
    top = parse(audit(load_table(PLANNING))._repr_html_())
    assert top.attributes["class"] == "jixiao-audit"
    _selectors_scoped(top, "div.jixiao-audit")
    (style,) = top.all("style")
    assert re.search(
        r"div\.jixiao-audit td,div\.jixiao-audit th\{[^}]*text-align:left", style.text()
    )


def test_project_html_is_scoped_and_names_the_template() -> None:
    evaluation = audit(load_table(PLANNING)).evaluation
    top = parse(evaluation._repr_html_())
    assert top.attributes["class"] == "jixiao-project"
    _selectors_scoped(top, ".jixiao-project")
    text = top.text()
    assert evaluation.template.id in text
    assert "status" in text
    assert str(evaluation.total) in text
    assert all("text-align:" in c.attributes.get("style", "") for c in top.all("td"))


selectors = st.lists(
    st.from_regex(r"[a-z][a-z0-9.#-]{0,8}( [a-z][a-z0-9]{0,5})?", fullmatch=True),
    min_size=1,
    max_size=4,
)


@given(st.lists(selectors, min_size=1, max_size=4))
def test_scoped_css_puts_every_selector_inside_the_scope(rules: list[list[str]]) -> None:
    css = "".join(f"{','.join(group)}{{color:red}}" for group in rules)
    scoped = nb.scoped_css(css, ".s")
    out = [r for r in scoped.split("}") if r]
    assert len(out) == len(rules)
    for rule, group in zip(out, rules, strict=True):
        chosen = rule.split("{")[0].split(",")
        assert len(chosen) == len(group)
        for selector, given_selector in zip(chosen, group, strict=True):
            expected = ".s" if given_selector == "body" else f".s {given_selector}"
            assert selector == expected
