"""The row checks of :mod:`jixiao.project._row_checks` that need a table of
their own: a range target ("80%-90%"), which no rule scores, against the
actual and the printed points."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.io import read_tables
from jixiao.io.batch import audit_result
from jixiao.project import Method, ProjectTable, Row, Severity, audit, load_table, score_table
from tests.layouts.tables import map_rows

TABLE = (
    Path(__file__).resolve().parents[1]
    / "examples"
    / "projects"
    / "luohu-2023-04-行政服务大厅运行.toml"
)
"""A bundled table; one of its rows is replaced: 3 (质量指标, weight 6.00: more is
better), 6 (时效指标, 6.00: a duration is better shorter) or 7 (成本指标, 8.00: less
is better)."""
QUALITY, TIMELINESS, COST = 3, 6, 7
WEIGHTS = {QUALITY: "6.00", TIMELINESS: "6.00", COST: "8.00"}
RANGE_CODES = {"met-but-deducted", "range-shortfall-full-points"}


def _with_row(index: int, **changes: str) -> ProjectTable:
    def change(i: int, row: Row) -> Row:
        return attrs.evolve(row, **changes) if i == index else row

    return map_rows(load_table(TABLE), change)


def _range_findings(index: int, target: str, actual: str, points: str) -> set[str]:
    table = _with_row(index, target=target, actual=actual, points=points, note="偏差原因已说明")
    return {
        f.code
        for f in audit(table).findings
        if f.index == index and f.code in RANGE_CODES and f.severity is Severity.WARNING
    }


@pytest.mark.parametrize("index", sorted(WEIGHTS))
def test_the_rows_replaced_audit_clean_before_any_change(index: int) -> None:
    assert [f for f in audit(load_table(TABLE)).findings if f.index == index] == []


@pytest.mark.parametrize(
    ("index", "target", "actual", "points", "codes"),
    [
        # within the range, both bounds included
        (QUALITY, "80%-90%", "80%", "6.00", set()),
        (QUALITY, "80%-90%", "90%", "6.00", set()),
        (QUALITY, "80%-90%", "85.5%", "6.00", set()),
        (QUALITY, "80%-90%", "85%", "5.00", {"met-but-deducted"}),
        (QUALITY, "80%-90%", "90%", "5.99", {"met-but-deducted"}),
        (QUALITY, "80%-90%", "80%", "0.00", {"met-but-deducted"}),
        # more is better: short below the lower bound, exceeded above the upper
        (QUALITY, "80%-90%", "79.99%", "6.00", {"range-shortfall-full-points"}),
        (QUALITY, "80%-90%", "70%", "5.00", set()),  # the evaluator's deduction stands
        (QUALITY, "80%-90%", "90.01%", "6.00", set()),
        (QUALITY, "80%-90%", "100%", "5.00", set()),  # reduced for a target set too low?
        (QUALITY, "1‰-3‰", "0.05%", "6.00", {"range-shortfall-full-points"}),  # 0.5‰
        (QUALITY, "5万~10万人", "60000人", "5.00", {"met-but-deducted"}),
        (QUALITY, "5万~10万人", "49999人", "6.00", {"range-shortfall-full-points"}),
        # less is better: a cost, a duration in a timeliness row
        (COST, "300-500元/人", "500元/人", "8.00", set()),
        (COST, "300-500元/人", "480元/人", "7.00", {"met-but-deducted"}),
        (COST, "300-500元/人", "520元/人", "8.00", {"range-shortfall-full-points"}),
        (COST, "300-500元/人", "250元/人", "8.00", set()),
        (COST, "3万-5万元", "51000元", "8.00", {"range-shortfall-full-points"}),
        (TIMELINESS, "2-3个工作日", "4个工作日", "6.00", {"range-shortfall-full-points"}),
        (TIMELINESS, "2-3个工作日", "1个工作日", "6.00", set()),
        (TIMELINESS, "80%-90%", "79%", "6.00", {"range-shortfall-full-points"}),
        # nothing to compare: no range, an actual in another unit or with a
        # direction, a range actual, an actual in words
        (QUALITY, "≥80%", "70%", "6.00", set()),
        (QUALITY, "80%-90%", "85人", "5.00", set()),
        (QUALITY, "80%-90%", "≥95%", "6.00", set()),
        (QUALITY, "80%-90%", "85%-95%", "5.00", set()),
        (QUALITY, "80%-90%", "达标", "5.00", set()),
        (COST, "300-500元/人", "480元", "7.00", set()),
    ],
)
def test_a_range_target_against_the_actual_and_the_points(
    index: int, target: str, actual: str, points: str, codes: set[str]
) -> None:
    assert _range_findings(index, target, actual, points) == codes


def test_a_range_row_keeps_the_evaluators_points() -> None:
    evaluation = score_table(_with_row(QUALITY, target="80%-90%", actual="95%", points="5.00"))
    row = evaluation.rows[QUALITY]
    assert row.method is Method.EVALUATOR
    assert row.rule_score is not None
    assert row.rule_score.points == Decimal("5.00")


def test_each_range_finding_names_its_cells() -> None:
    table = _with_row(QUALITY, target="80%-90%", actual="85%", points="5.00", note="")
    found = {f.code: f for f in audit(table).findings if f.index == QUALITY}
    met = found["met-but-deducted"]
    assert (met.printed, met.expected) == ("5.00", "6.00")
    assert met.cells == ("rows.3.points", "rows.3.target", "rows.3.actual")
    assert "deduction-without-note" in found  # the note is checked as for any row
    table = _with_row(COST, target="300-500元/人", actual="520元/人", points="8.00")
    short = next(f for f in audit(table).findings if f.code == "range-shortfall-full-points")
    assert (short.index, short.printed, short.expected) == (COST, "8.00", None)
    assert short.cells == ("rows.7.points", "rows.7.target", "rows.7.actual")
    assert short.message == "实际完成值未达到指标值区间却得满分"


_NUMBERS = st.decimals(min_value=0, max_value=200, places=1)


@given(
    st.sampled_from([QUALITY, COST]),
    _NUMBERS,
    _NUMBERS,
    _NUMBERS,
    st.sampled_from(["full", "5.50", "0.00"]),
)
def test_a_range_row_is_found_exactly_when_its_points_contradict_its_actual(
    index: int, a: Decimal, b: Decimal, actual: Decimal, printed: str
) -> None:
    low, high = sorted((a, b))
    full = printed == "full"
    points = WEIGHTS[index] if full else printed
    short = actual < low if index == QUALITY else actual > high
    expected = set()
    if low <= actual <= high and not full:
        expected = {"met-but-deducted"}
    elif short and full:
        expected = {"range-shortfall-full-points"}
    unit = "%" if index == QUALITY else "元"
    found = _range_findings(index, f"{low}{unit}-{high}{unit}", f"{actual}{unit}", points)
    assert found == expected


def test_a_range_read_from_text_is_checked_in_its_printed_cells(tmp_path: Path) -> None:
    published = Path(__file__).resolve().parents[1] / "docs" / "guides" / "data"
    text = (published / "luohu-2023-tables-1-2.txt").read_text(encoding="utf-8")
    row = "党建活动参与率\t≥90%\t90%\t7.00\t7.00"
    assert text.count(row) == 1
    path = tmp_path / "tables.txt"
    path.write_text(text.replace(row, "党建活动参与率\t80%-95%\t79%\t7.00\t7.00"), encoding="utf-8")
    first = audit_result(read_tables(path))[0]
    (short,) = [f for f in first.findings if f.code == "range-shortfall-full-points"]
    assert short.row.endswith("党建活动参与率")
    # the points, the target and the actual where line 18 prints them
    assert short.cells == (f"{path}:18:8", f"{path}:18:5", f"{path}:18:6")
