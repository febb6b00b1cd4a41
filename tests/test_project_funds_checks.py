"""The check that 年度资金总额 is the sum of its parts (:mod:`jixiao.project._funds_checks`).

Examples first (a published table whose total row prints 0 under parts of 90
万元, the rounding allowed, a blank part, what cannot be read), then properties
over generated amounts: a total that is its parts' sum, each amount rounded at
the decimals it prints, is never a finding; one off by more than the rounding
allows is exactly one finding a column, naming the total's and the parts'
cells.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.io import read_tables
from jixiao.project import Severity, audit, load_table
from jixiao.project._funds_checks import PARTS, check_funds_parts
from jixiao.project.model import Funds, FundsRow, ProjectTable
from jixiao.quantities import Unit

from .conftest import ROOT

PUBLISHED = ROOT / "tests" / "published" / "anhui-guichi-2022.txt"
"""A table published by a township of Guichi district (Chizhou, Anhui) for
2022, typed from the public page as printed, up to where the page's text
stops (in its 满意度指标 row)."""

EXAMPLES = sorted((ROOT / "examples" / "projects").glob("*.toml"))
COLUMNS = ("initial_budget", "full_year_budget", "executed")


def _table(total: tuple[str, str, str], *parts: tuple[str, str, str]) -> ProjectTable:
    base = load_table(EXAMPLES[0])
    current, carry, other = [FundsRow(*p) for p in parts] + [FundsRow()] * (3 - len(parts))
    funds = attrs.evolve(
        base.funds,
        total=FundsRow(*total),
        current_appropriation=current,
        carry_over=carry,
        other=other,
    )
    return attrs.evolve(base, funds=funds)


def _codes(table: ProjectTable) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in check_funds_parts(table)]


def test_the_published_total_row_of_zeros_under_its_parts_is_found() -> None:
    (table,) = read_tables(PUBLISHED).tables
    found = [f for f in audit(table).findings if f.code == "funds-parts"]
    assert [(f.severity, f.field, f.printed) for f in found] == [
        (Severity.ERROR, column, "0") for column in COLUMNS
    ]
    assert found[1].cells == (f"{PUBLISHED}:7:4", f"{PUBLISHED}:8:4")
    assert "89.974" in found[1].message_en


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_eighteen_example_tables_add_up(path: Path) -> None:
    assert _codes(load_table(path)) == []


@pytest.mark.parametrize(
    ("total", "parts", "expected"),
    [
        # all three parts printed: the total is their sum
        (
            ("100", "100", "90"),
            [("60", "60", "40"), ("30", "30", "30"), ("10", "10", "10")],
            [("funds-parts", "executed")],
        ),
        (
            ("100.00", "100.00", "90.00"),
            [("100.00", "100.00", "90.00"), ("0", "0", "0"), ("0", "0", "0")],
            [],
        ),
        # rounding at the printed decimals: 90 may be 89.974; 90.00 may not
        (
            ("90", "90", "90"),
            [("89.974", "89.974", "89.974"), ("0", "0", "0"), ("0", "0", "0")],
            [],
        ),
        (
            ("90.00", "90", "90"),
            [("89.974", "89.974", "89.974"), ("0.00", "0", "0"), ("0.00", "0", "0")],
            [("funds-parts", "initial_budget")],
        ),
        # a part left blank: the parts printed may be less, never more
        (("100", "100", "90"), [("60", "60", "50")], []),
        (
            ("0", "0", "0"),
            [("90", "89.974", "89.974"), ("", "", "")],
            [("funds-parts", c) for c in COLUMNS],
        ),
        (
            ("100", "100", "90"),
            [("60", "—", "50"), ("50", "/", "")],
            [("funds-parts", "initial_budget")],
        ),
        # nothing to check: no part printed, a part or the total unreadable or negative
        (("100", "100", "90"), [], []),
        (
            ("100", "100", "90"),
            [("#####", "200", "200")],
            [("funds-parts", "full_year_budget"), ("funds-parts", "executed")],
        ),
        (("#####", "", "—"), [("200", "200", "200")], []),
        (("100", "100", "100"), [("-10", "-10", "-10"), ("300", "300", "300")], []),
    ],
)
def test_examples(
    total: tuple[str, str, str],
    parts: list[tuple[str, str, str]],
    expected: list[tuple[str, str]],
) -> None:
    assert _codes(_table(total, *parts)) == expected


_AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=6)


def _printed(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


@given(
    st.lists(_AMOUNTS, min_size=3, max_size=3),
    st.lists(st.integers(0, 6), min_size=4, max_size=4),
    st.sampled_from(COLUMNS),
)
def test_a_total_that_is_its_parts_sum_as_printed_is_never_a_finding(
    parts: list[Decimal], places: list[int], column: str
) -> None:
    texts = [_printed(p, d) for p, d in zip(parts, places, strict=False)]
    total = _printed(sum(parts, Decimal(0)), places[3])

    def row(text: str) -> tuple[str, str, str]:
        initial, full_year, executed = (text if c == column else "" for c in COLUMNS)
        return initial, full_year, executed

    table = _table(row(total), *(row(t) for t in texts))
    assert _codes(table) == []


@given(
    st.lists(_AMOUNTS, min_size=3, max_size=3),
    st.integers(0, 6),
    st.decimals(min_value=2, max_value=10**6, places=2),
    st.booleans(),
)
def test_a_total_off_by_more_than_rounding_is_one_finding_naming_its_cells(
    parts: list[Decimal], places: int, off: Decimal, above: bool
) -> None:
    texts = [_printed(p, places) for p in parts]
    exact = sum((Decimal(t) for t in texts), Decimal(0))
    total = exact + off if above else exact - off
    if total < 0:
        total = exact + off
    table = _table(("", _printed(total, 2), ""), *[("", t, "") for t in texts])
    found = list(check_funds_parts(table))
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("funds-parts", "full_year_budget", Severity.ERROR)
    ]
    assert found[0].cells == (
        "funds.total.full_year_budget",
        *(f"funds.{part}.full_year_budget" for part in PARTS),
    )
    assert Decimal(found[0].expected or "") == exact


def _amounts_in(table: ProjectTable, unit: Unit, written: str) -> ProjectTable:
    """*table* with every amount printed with *written* around it ("¥{}", "{}元")."""

    def row(printed: FundsRow) -> FundsRow:
        texts = {c: getattr(printed, c) for c in COLUMNS}
        return attrs.evolve(
            printed, **{c: written.format(t) if t.strip() else t for c, t in texts.items()}
        )

    funds = table.funds
    return attrs.evolve(
        table,
        funds=attrs.evolve(
            funds,
            unit=unit,
            total=row(funds.total),
            current_appropriation=row(funds.current_appropriation),
            carry_over=row(funds.carry_over),
            other=row(funds.other),
        ),
    )


@pytest.mark.parametrize("written", ["¥{}", "￥ {}", "{}元", "{} 元"])
def test_amounts_printed_with_the_tables_unit_read_as_without(written: str) -> None:
    # A spreadsheet's currency or number format prints the unit in each amount.
    table = load_table(EXAMPLES[0])
    assert table.funds.unit is Unit.YUAN
    plain, with_unit = audit(table), audit(_amounts_in(table, Unit.YUAN, written))
    assert with_unit.evaluation.total == plain.evaluation.total
    assert with_unit.evaluation.execution is not None
    assert [(f.code, f.field) for f in with_unit.findings] == [
        (f.code, f.field) for f in plain.findings
    ]


def test_amounts_printed_in_another_unit_are_unreadable_saying_so() -> None:
    table = _amounts_in(load_table(EXAMPLES[0]), Unit.WAN, "{}元")
    found = [f for f in audit(table).findings if f.code == "unreadable" and f.row == "资金"]
    assert {f.field for f in found} == {"executed", "full_year_budget"}
    assert all("printed in 元, not in the amounts' unit (万元)" in f.message_en for f in found)
    assert all("以元印出，而非金额的单位（万元）" in f.message for f in found)
    assert _codes(table) == []  # no column that cannot be read is added up


def _funds_findings(table: ProjectTable) -> list[tuple[str, Severity, str]]:
    return [(f.code, f.severity, f.field) for f in audit(table).findings if f.row == "资金"]


@pytest.mark.parametrize("weight", ["", "10"])
def test_a_table_printing_no_funds_is_one_warning_not_unreadable_errors(weight: str) -> None:
    # An extract of the indicators alone, or a blank form (its weight printed).
    table = load_table(EXAMPLES[0])
    bare = attrs.evolve(table, funds=Funds(FundsRow(), weight=weight))
    assert bare.funds.blank
    assert not table.funds.blank
    assert _funds_findings(bare) == [("funds-absent", Severity.WARNING, "total")]
    result = audit(bare)
    assert result.evaluation.execution is None
    (absent,) = [f for f in result.findings if f.code == "funds-absent"]
    assert "资金使用情况" in absent.message_en


_FUNDS_CELLS = [(row, column) for row in ("total", *PARTS) for column in COLUMNS] + [
    (None, "rate"),
    (None, "points"),
]


@pytest.mark.parametrize(("row", "field"), _FUNDS_CELLS)
def test_one_funds_cell_printed_is_funds_printed(row: str | None, field: str) -> None:
    """Any amount, the rate or the points printed: the funds are there, and a
    missing amount the rate needs is the error it always was."""
    table = load_table(EXAMPLES[0])
    printed: dict[str, Any] = {field: "5"} if row is None else {row: FundsRow(**{field: "5"})}
    funds = attrs.evolve(Funds(FundsRow(), weight="10"), **printed)
    assert not funds.blank
    found = _funds_findings(attrs.evolve(table, funds=funds))
    assert ("funds-absent", Severity.WARNING, "total") not in found
    assert ("unreadable", Severity.ERROR, "executed") in found or (row, field) == (
        "total",
        "executed",
    )


def test_indicators_read_without_their_funds_block_are_funds_absent(tmp_path: Path) -> None:
    lines = PUBLISHED.read_text("utf-8").splitlines()
    funds_words = ("项目资金", "年度资金总额", "本年财政拨款", "上年结转资金", "其他资金")
    kept = [line for line in lines if not any(word in line for word in funds_words)]
    assert len(lines) - len(kept) == 5
    extract = tmp_path / "indicators.txt"
    extract.write_text("\n".join(kept), "utf-8")
    result = read_tables(extract)
    assert len(result.unplaced) == len(read_tables(PUBLISHED).unplaced)  # its cut last row
    (table,) = result.tables
    assert _funds_findings(table) == [("funds-absent", Severity.WARNING, "total")]
