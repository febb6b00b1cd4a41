"""Audit of project tables: the 18 seed tables, planted errors, finding kinds."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import FrameworkError, NumberError
from jixiao.numbers import PrintedNumber, read_number
from jixiao.project import (
    Level2Kind,
    Method,
    Severity,
    audit,
    default_template,
    load_table,
    score_row,
    score_table,
    template,
)
from jixiao.project.audit import _located
from jixiao.project.findings import Finding
from jixiao.project.model import (
    FundsRow,
    ProjectTable,
    Row,
    Total,
    is_unreadable,
    number_problem,
    printed_number,
)
from tests.layouts.tables import Sample, map_rows, samples

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "projects"
TABLES = sorted(EXAMPLES.glob("*.toml"))
INCONSISTENT = {
    "luohu-2023-02-干部健康管理.toml",  # ##### cells: points and total unreadable
    "futian-2022-08-政务事项管理.toml",  # 成本指标 row missing: weights 40 ≠ 50, total off by 10
}


def _table(name: str) -> ProjectTable:
    return load_table(EXAMPLES / name)


def test_all_eighteen_seed_tables_are_encoded() -> None:
    assert len(TABLES) == 18


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_seed_table_audit_verdict(path: Path) -> None:
    result = audit(load_table(path))
    assert result.ok is (path.name not in INCONSISTENT), [f.code for f in result.errors]


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_execution_rate_and_points_recomputed(path: Path) -> None:
    table = load_table(path)
    result = audit(table)
    codes = {f.code for f in result.findings if f.row == "资金"}
    assert not codes & {"execution-rate", "execution-points"}
    assert result.evaluation.execution is not None
    printed = table.funds.points
    assert result.evaluation.execution.points == Decimal(printed)


@pytest.mark.parametrize(
    ("name", "points"),
    [
        ("luohu-2023-01-党政事务.toml", "0.73"),
        ("luohu-2023-02-干部健康管理.toml", "9.54"),
        ("luohu-2023-03-平台运营及项目管理.toml", "9.70"),
    ],
)
def test_issue_execution_examples(name: str, points: str) -> None:
    execution = score_table(_table(name)).execution
    assert execution is not None
    assert str(execution.points) == points


def test_consistent_tables_reproduce_their_printed_totals() -> None:
    for path in TABLES:
        if path.name in INCONSISTENT:
            continue
        result = audit(load_table(path))
        assert not [f for f in result.findings if f.code in ("total", "total-unverifiable")]


def test_health_table_reports_every_unreadable_cell() -> None:
    result = audit(_table("luohu-2023-02-干部健康管理.toml"))
    unreadable = [f for f in result.errors if f.code == "unreadable"]
    assert len(unreadable) == 7  # six weighted rows and the total
    assert all(f.printed and set(f.printed) == {"#"} for f in unreadable)
    assert not result.evaluation.complete


def test_missing_cost_row_reports_weights_and_total() -> None:
    result = audit(_table("futian-2022-08-政务事项管理.toml"))
    codes = {f.code: f for f in result.errors}
    assert codes["level-weights"].printed == "50"
    assert codes["level-weights"].expected == "40"
    assert codes["total"].expected == "89.88"


def _level2_weighed(table: ProjectTable, weight: str | None = None) -> ProjectTable:
    """*table* with its first level-2 group printing its rows' weights' sum
    (or *weight*) after its name."""
    top = table.level1[0]
    group = top.level2[0]
    total = sum((Decimal(row.weight) for row in group.indicators), Decimal(0))
    group = attrs.evolve(group, weight=format(total, "f") if weight is None else weight)
    top = attrs.evolve(top, level2=(group, *top.level2[1:]))
    return attrs.evolve(table, level1=(top, *table.level1[1:]))


def test_a_level2_weight_is_checked_against_its_rows() -> None:
    table = _level2_weighed(_table("luohu-2023-01-党政事务.toml"))  # 数量指标: 3 rows of 7.00
    assert table.level1[0].level2[0].weight == "21.00"
    assert audit(table).ok
    off = _level2_weighed(table, "20")
    (found,) = [f for f in audit(off).errors if f.code == "level-weights"]
    assert (found.row, found.printed, found.expected) == ("产出指标 / 数量指标", "20", "21.00")
    assert found.message_en == "level-3 weights do not add up to their level-2 weight"
    weights = ("rows.0.weight", "rows.1.weight", "rows.2.weight")
    assert found.cells == ("level1.0.level2.0", *weights)  # a file's table: the paths
    unreadable = _level2_weighed(table, "二十")
    (found,) = [f for f in audit(unreadable).errors if f.field == "weight"]
    assert (found.code, found.printed) == ("unreadable", "二十")


def _replace_row(table: ProjectTable, index: int, **changes: str) -> ProjectTable:
    level1 = list(table.level1)
    count = 0
    for i, top in enumerate(level1):
        groups = list(top.level2)
        for j, group in enumerate(groups):
            rows = list(group.indicators)
            for k, row in enumerate(rows):
                if count == index:
                    rows[k] = attrs.evolve(row, **changes)
                    groups[j] = attrs.evolve(group, indicators=tuple(rows))
                    level1[i] = attrs.evolve(top, level2=tuple(groups))
                    return attrs.evolve(table, level1=tuple(level1))
                count += 1
    raise IndexError(index)


CONSISTENT = [p for p in TABLES if p.name not in INCONSISTENT]


@given(st.sampled_from(CONSISTENT), st.data())
def test_planted_changed_point_is_found(path: Path, data: st.DataObject) -> None:
    table = load_table(path)
    rows = [row for _, _, row in table.rows()]
    weighted = [i for i, r in enumerate(rows) if r.weight not in ("0", "0.00") and r.points]
    index = data.draw(st.sampled_from(weighted))
    original = rows[index]
    changed = _replace_row(table, index, points="0.01" if original.points != "0.01" else "0.02")
    assert audit(changed).errors, "a changed point must break the total"


@given(st.sampled_from(CONSISTENT))
def test_planted_changed_amount_is_found(path: Path) -> None:
    table = load_table(path)
    total = table.funds.total
    bumped = _add_one(total.executed)
    changed = attrs.evolve(
        table, funds=attrs.evolve(table.funds, total=attrs.evolve(total, executed=bumped))
    )
    codes = {f.code for f in audit(changed).errors}
    assert codes & {"execution-rate", "execution-points"}


def _add_one(text: str) -> str:
    """Twice the amount plus 1,000: a change no rounding can hide."""
    return str(Decimal(text) * 2 + 1000)


@given(st.sampled_from(CONSISTENT))
def test_planted_swapped_total_is_found(path: Path) -> None:
    table = load_table(path)
    wrong = str(Decimal(table.total.points or "0") - Decimal("1.5"))
    changed = attrs.evolve(table, total=Total(table.total.weight, wrong))
    assert "total" in {f.code for f in audit(changed).errors}


def test_rate_printed_as_fraction_is_named() -> None:
    table = _table("luohu-2023-03-平台运营及项目管理.toml")
    changed = attrs.evolve(table, funds=attrs.evolve(table.funds, rate="0.97"))
    finding = next(f for f in audit(changed).errors if f.code == "execution-rate")
    assert "小数" in finding.message
    assert "fraction" in finding.message_en
    assert finding.printed == "0.97"


def test_points_above_weight_is_an_error() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    changed = _replace_row(table, 0, points="7.50")
    assert "points-above-weight" in {f.code for f in audit(changed).errors}


@pytest.mark.parametrize(
    ("target", "words"),
    [("不适用", "a not-applicable indicator carries weight"), ("", "the target is not printed")],
)
def test_a_weighted_row_without_a_target_says_which(target: str, words: str) -> None:
    table = _replace_row(_table("luohu-2023-01-党政事务.toml"), 0, target=target)
    (found,) = [f for f in audit(table).findings if f.code == "not-applicable-weighted"]
    assert found.severity is Severity.WARNING
    assert found.message_en.startswith(words), found.message_en


@pytest.mark.parametrize(
    ("rate", "words"),
    [("", "the execution rate is not printed"), ("约九成", "the execution rate cannot be read")],
)
def test_an_execution_rate_without_a_number_says_whether_it_is_printed(
    rate: str, words: str
) -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    table = attrs.evolve(table, funds=attrs.evolve(table.funds, rate=rate))
    (found,) = [f for f in audit(table).errors if f.field == "rate"]
    assert (found.code, found.message_en) == ("unreadable", words)


@pytest.mark.parametrize(
    ("points", "words"),
    [
        ("", "the execution points are not printed"),
        ("满分", "the execution points cannot be read"),
    ],
)
def test_execution_points_without_a_number_say_whether_they_are_printed(
    points: str, words: str
) -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    table = attrs.evolve(table, funds=attrs.evolve(table.funds, points=points))
    (found,) = [f for f in audit(table).errors if f.row == "资金" and f.field == "points"]
    assert found.code == "unreadable"
    assert found.message_en.startswith(words)


@pytest.mark.parametrize(
    ("points", "words", "expected"),
    [
        ("", "the total is not printed", "90.73"),  # 合计 | 100 | (empty)
        ("九十", "the total cannot be read", None),
    ],
)
def test_a_total_without_a_number_says_whether_it_is_printed(
    points: str, words: str, expected: str | None
) -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    table = attrs.evolve(table, total=attrs.evolve(table.total, points=points))
    (found,) = [f for f in audit(table).errors if f.row == "总分"]
    assert (found.code, found.message_en, found.expected) == ("unreadable", words, expected)


def test_a_recomputed_row_whose_points_are_not_printed_is_an_error() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    row = next(r for _, _, r in table.rows())  # ≥200人次, 200人次: 7.00 of 7.00
    changed = _replace_row(table, 0, points="")
    (found,) = [f for f in audit(changed).errors if f.field == "points" and f.index == 0]
    assert (found.code, found.message_en) == ("unreadable", "the points are not printed")
    assert (found.printed, found.expected) == ("", row.weight)
    # the total, which counted the row, no longer adds up: said apart
    assert "total" in {f.code for f in audit(changed).errors}


def test_an_unscored_table_leaves_its_points_empty_without_a_finding() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    blank = map_rows(table, lambda _, row: attrs.evolve(row, points=""))
    blank = attrs.evolve(
        blank,
        funds=attrs.evolve(blank.funds, points=""),
        total=attrs.evolve(blank.total, points=""),
    )
    result = audit(blank)
    assert not result.errors, [(f.code, f.message_en) for f in result.errors]
    assert "table-unscored" in {f.code for f in result.findings}


def test_weights_and_points_printed_with_their_unit_audit_as_the_numbers() -> None:
    table = _table("luohu-2023-04-行政服务大厅运行.toml")

    def unit(text: str) -> str:
        return f"{text}分" if printed_number(text) is not None else text

    marked = map_rows(
        table, lambda _, row: attrs.evolve(row, weight=unit(row.weight), points=unit(row.points))
    )
    marked = attrs.evolve(
        marked,
        funds=attrs.evolve(
            marked.funds, weight=unit(table.funds.weight), points=unit(table.funds.points)
        ),
        total=attrs.evolve(
            marked.total, weight=unit(table.total.weight), points=unit(table.total.points)
        ),
    )
    plain, with_unit = audit(table), audit(marked)
    assert [(f.code, f.expected) for f in with_unit.findings] == [
        (f.code, f.expected) for f in plain.findings
    ]
    assert with_unit.evaluation.total == plain.evaluation.total
    # 分 after an amount is no number jixiao reads (a currency unit there)
    assert printed_number("100分") is None


def test_deduction_without_note_is_a_warning() -> None:
    table = _table("luohu-2023-04-行政服务大厅运行.toml")
    changed = _replace_row(table, 0, note="")
    warnings = [f for f in audit(changed).findings if f.severity is Severity.WARNING]
    assert "deduction-without-note" in {f.code for f in warnings}
    assert all(f.index == 0 for f in warnings if f.code == "deduction-without-note")


def test_shortfall_scored_differently_is_a_warning() -> None:
    table = _table("luohu-2023-04-行政服务大厅运行.toml")
    changed = _replace_row(table, 0, points="4.00")  # proportional gives 5.07
    finding = next(f for f in audit(changed).findings if f.code == "shortfall-scoring")
    assert finding.expected == "5.07"
    assert finding.severity is Severity.WARNING


def test_withdrawn_project_scores_zero() -> None:
    table = attrs.evolve(_table("luohu-2023-01-党政事务.toml"), withdrawn="资金已收回，未实施")
    assert score_table(table).total == 0
    assert "total" in {f.code for f in audit(table).errors}
    zeroed = attrs.evolve(table, total=Total("100.00", "0"))
    assert "total" not in {f.code for f in audit(zeroed).errors}


def test_weights_matching_no_template_is_a_finding_not_a_crash() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    odd = attrs.evolve(
        table, level1=(attrs.evolve(table.level1[0], weight="55"), *table.level1[1:])
    )
    findings = {f.code: f for f in audit(odd).findings}
    assert findings["template-weights"].severity is Severity.WARNING
    assert "level-weights" in findings


def test_unreadable_amount_is_an_error_not_a_smaller_table() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    broken = attrs.evolve(
        table, funds=attrs.evolve(table.funds, total=FundsRow("50000.00", "#####", "3657.80"))
    )
    result = audit(broken)
    assert any(f.code == "unreadable" and f.field == "full_year_budget" for f in result.errors)
    assert result.evaluation.execution is None


def test_finding_rows_point_at_their_row() -> None:
    table = _table("futian-2022-07-数据规划管理.toml")
    result = audit(table)
    rows = [row for _, _, row in table.rows()]
    for finding in result.findings:
        if finding.index is not None:
            assert rows[finding.index].name in finding.row


def test_row_with_two_equal_names_keeps_findings_apart() -> None:
    table = _table("luohu-2023-06-综合管理事务.toml")
    names = [row.name for _, _, row in table.rows()]
    assert names.count("各科室满意度") == 2
    second = names.index("各科室满意度", names.index("各科室满意度") + 1)
    changed = _replace_row(table, second, points="9")
    hits = [f for f in audit(changed).errors if f.code == "points-above-weight"]
    assert [f.index for f in hits] == [second]


def test_audit_data_has_format_and_no_float() -> None:
    data = audit(_table("luohu-2023-04-行政服务大厅运行.toml")).to_dict()
    assert data["format"] == "jixiao.project-audit/1"

    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)


def test_row_dataclass_keeps_cells_as_printed() -> None:
    row = Row("叫号数量", "全年突破21万", "17.76万", "6.00", "5.07", "")
    assert row.weight == "6.00"
    assert str(row.target_value.format()) == ">21万"


def test_incomplete_table_is_not_graded() -> None:
    evaluation = score_table(_table("luohu-2023-02-干部健康管理.toml"))
    assert not evaluation.complete
    assert evaluation.grade is None
    assert "not graded" in evaluation.explain()
    assert evaluation.to_dict()["grade"] is None


def test_stated_tier_contradicting_the_points_is_an_error() -> None:
    table = _replace_row(_table("luohu-2023-01-党政事务.toml"), 3, tier="not")
    finding = next(f for f in audit(table).errors if f.code == "unscored")
    assert "未达成" in finding.message
    assert finding.index == 3


def test_zero_budget_and_spreadsheet_errors_are_reported() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    zero = attrs.evolve(
        table, funds=attrs.evolve(table.funds, total=FundsRow("50000.00", "0.00", "3657.80"))
    )
    assert "execution-budget-zero" in {f.code for f in audit(zero).errors}
    broken = _replace_row(table, 0, weight="#VALUE!")
    assert any(f.code == "unreadable" and f.field == "weight" for f in audit(broken).errors)


def test_a_rate_on_the_initial_budget_is_checked_against_it() -> None:
    table = _table("luohu-2023-01-党政事务.toml")  # 3657.80 of 50000.00: 7.32 %, 0.73
    # a form that prints no 全年预算数 (Beijing's 2016): 3657.80 of 40000.00 is 9.14 %
    initial = attrs.evolve(
        table,
        funds=attrs.evolve(
            table.funds,
            total=FundsRow("40000.00", "", "3657.80"),
            current_appropriation=FundsRow("40000.00", "", "3657.80"),
            carry_over=FundsRow("0.00", "", "0.00"),
            other=FundsRow("0.00", "", "0.00"),
            rate="9.14",
            points="0.91",
            rate_on_initial_budget=True,
        ),
        total=attrs.evolve(table.total, points=str(Decimal(table.total.points) + Decimal("0.18"))),
    )
    assert initial.funds.rate_budget == "initial_budget"
    result = audit(initial)
    assert result.ok, [(f.code, f.field) for f in result.errors]
    assert result.evaluation.execution is not None
    assert result.evaluation.execution.points == Decimal("0.91")
    (said,) = [f for f in result.findings if f.code == "rate-on-initial-budget"]
    assert (said.severity, said.field, said.printed) == (
        Severity.INFO,
        "initial_budget",
        "40000.00",
    )
    # the rate and points of the full-year form are now errors, in the initial budget's cell
    wrong = attrs.evolve(initial, funds=attrs.evolve(initial.funds, rate="7.32", points="0.73"))
    errors = {f.code: f for f in audit(wrong).errors}
    assert set(errors) == {"execution-rate", "total"}  # the points follow the printed rate
    assert "funds.total.initial_budget" in errors["execution-rate"].cells
    # an empty or zero initial budget is the error a full-year one would be
    for text, code in (("", "unreadable"), ("0.00", "execution-budget-zero")):
        funds = attrs.evolve(initial.funds, total=FundsRow(text, "", "3657.80"))
        (error,) = [f for f in audit(attrs.evolve(initial, funds=funds)).errors if f.code == code]
        assert error.field == "initial_budget"
    assert not any(f.code == "rate-on-initial-budget" for f in audit(table).findings)


def test_a_grade_printed_beside_the_total_follows_it() -> None:
    table = _table("luohu-2023-01-党政事务.toml")  # total 90.73: 优 on the national grades

    def graded(grade: str, points: str = "90.73") -> list[tuple[str, Severity, str | None]]:
        total = attrs.evolve(table.total, points=points, grade=grade)
        found = audit(attrs.evolve(table, total=total)).findings
        return [(f.code, f.severity, f.expected) for f in found if f.field == "grade"]

    assert graded("优") == graded("优秀") == graded("") == []
    assert graded("良好") == [("grade", Severity.ERROR, "优")]
    assert graded("优", points="89.99") == [("grade", Severity.ERROR, "良")]  # 90 is 优's floor
    assert graded("甲") == [("unreadable", Severity.ERROR, None)]
    # 89.73 is 良, as printed, but the points add up to 90.73: 优 (and the total is an error)
    assert graded("良", points="89.73") == [("grade-recomputed", Severity.WARNING, "优")]
    total = attrs.evolve(table.total, grade="良好")
    (wrong,) = [f for f in audit(attrs.evolve(table, total=total)).errors if f.code == "grade"]
    assert wrong.cells == ("total.grade", "total.points")
    assert "90.73" in wrong.message
    assert "90.73" in wrong.message_en


def test_file_fields_that_must_be_text() -> None:
    from jixiao.errors import InputError
    from jixiao.project import table_from_dict, table_to_dict

    data = table_to_dict(_table("luohu-2023-01-党政事务.toml"))
    data["withdrawn"] = True
    with pytest.raises(InputError, match="withdrawn"):
        table_from_dict(data)


def test_a_template_prompt_is_not_a_deviation_note() -> None:
    from jixiao.project._checks import has_note

    assert not has_note("偏差原因: 根据实际情况填写 改进措施: 加强事中管理")
    assert not has_note(" 无偏差 ")
    assert has_note("因疫情影响，线上培训时间拉长")
    result = audit(_table("futian-2022-07-数据规划管理.toml"))
    assert result.ok
    assert {f.code for f in result.findings if f.severity is Severity.WARNING} == {
        "deduction-without-note",
        "large-deviation-without-note",
    }


# --- the short ways of an audit hold to the general ones -----------------------


def _printed_number_by_the_one_parser(text: str) -> Decimal | None:
    """printed_number as jixiao.numbers reads a cell (signs and % allowed):
    the number, or None for a blank, unreadable or refused cell."""
    try:
        read = read_number(text, negative=True, percent=True)
    except NumberError:
        return None
    return read.number if isinstance(read, PrintedNumber) else None


_PRINTED = (
    "6.00|100|0| 6 |5.|.5|.||٣|٣.٥|²|1e5|1_000|NaN|5\n|1,000.5|95.36%|-1|+2|6..0|6.0.0|#####|—|无"
    "|157,46|1.571,04|1,1|84,51%|1e999999"
)


@pytest.mark.parametrize("text", _PRINTED.split("|"))
def test_printed_number_is_the_one_parser(text: str) -> None:
    assert repr(printed_number(text)) == repr(_printed_number_by_the_one_parser(text))


@pytest.mark.parametrize("padding", [0, 60, 61, 500])
def test_printed_number_is_the_one_parser_whether_kept_or_not(padding: int) -> None:
    # A short text's number is kept; a long one is read each time: the same either way.
    for text in _PRINTED.split("|"):
        padded = " " * padding + text
        for _ in range(2):
            assert repr(printed_number(padded)) == repr(_printed_number_by_the_one_parser(padded))


@pytest.mark.parametrize("value", [None, 6, Decimal(6), ["6"], {"6": 6}])
def test_printed_number_of_what_is_not_text_is_none(value: object) -> None:
    assert printed_number(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000.5", Decimal("1000.5")),
        ("95.36%", Decimal("95.36")),
        ("157,46", None),  # once 15746
        ("84,51%", None),  # once 8451
        ("1.571,04", None),  # once read as nothing, by luck of the pattern
        ("1,1", None),  # once 11
        ("1_1", None),
        ("5.", None),  # once 5: the remnant of a number cut by a wrap?
        ("٣", None),  # once 3: no table prints Arabic-Indic digits
    ],
)
def test_printed_number_never_guesses(text: str, expected: Decimal | None) -> None:
    assert printed_number(text) == expected
    if expected is None and text != "٣":
        assert number_problem(text)


@given(st.text(alphabet="0123456789.,，%％+- e٣²\n#一_", max_size=8))
def test_printed_number_agrees_with_the_one_parser(text: str) -> None:
    assert repr(printed_number(text)) == repr(_printed_number_by_the_one_parser(text))


@pytest.mark.parametrize("text", ["#####", " #VALUE! ", "#n/a", "##x", "6.00", "", "＃＃", "a#"])
def test_unreadable_short_path(text: str) -> None:
    assert is_unreadable(text) is bool(re.match(r"^(#+|#(VALUE|N/A)[!?]?)$", text.strip(), re.I))


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_score_table_rows_are_score_row(path: Path) -> None:
    # score_table reads each row's cells once and calls the rules inside its
    # own decimal context; score_row, on its own, must give the same results.
    table = load_table(path)
    evaluation = score_table(table)
    alone = tuple(
        score_row(row, group.kind, evaluation.template, level1=top.name, level2_name=group.name)
        for top, group, row in table.rows()
    )
    assert evaluation.rows == alone


def test_named_template_that_does_not_fit_is_a_finding() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    assert not any(f.code == "template-weights" for f in audit(table).findings)
    finding = next(f for f in audit(table, "hubei-2020").findings if f.code == "template-weights")
    assert finding.message == "一级指标分值与所列模板 hubei-2020 不符"
    assert finding.expected is None  # a template is not a recomputed value
    assert finding.cells == ("funds.weight", "level1.0", "level1.1", "level1.2")
    named = attrs.evolve(table, template="national-2020-outcome40")
    assert any(f.code == "template-weights" for f in audit(named).findings)


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_each_row_score_carries_the_row_name(path: Path) -> None:
    # Rows are scored on the rule's own indicator; the score a reader gets
    # names the row, and its numbers are the rule's.
    evaluation = score_table(load_table(path))
    for result in evaluation.rows:
        if result.score is None:
            assert result.rule_score is None
            continue
        assert result.rule_score is not None
        assert result.score.indicator.name == (result.row.name or result.rule_score.indicator.name)
        assert result.score.points == result.rule_score.points
        assert result.score.indicator.weight == result.rule_score.indicator.weight
        if result.row.name:
            assert result.row.name in result.score.explain()


@pytest.mark.parametrize(
    ("target", "actual", "method", "points"),
    [
        ("24小时", "12小时", Method.LOWER, "6.00"),  # sooner than the limit: full points
        ("24小时", "48小时", Method.LOWER, "3.00"),  # twice the limit: 6 × 24 ÷ 48
        ("3个工作日", "3个工作日", Method.LOWER, "6.00"),
        ("≥24小时", "48小时", Method.HIGHER, "6.00"),  # an explicit direction is kept
    ],
)
def test_a_bare_duration_in_a_timeliness_row_is_a_ceiling(
    target: str, actual: str, method: Method, points: str
) -> None:
    result = score_row(
        Row("办结时限", target, actual, "6", points, "说明"),
        Level2Kind.TIMELINESS,
        default_template(),
    )
    assert result.method is method
    assert result.score is not None
    assert str(result.score.points) == points


def test_a_bare_duration_elsewhere_is_still_a_quantity_to_reach() -> None:
    result = score_row(
        Row("培训时长", "40小时", "20小时", "6", "3.00", "说明"),
        Level2Kind.QUANTITY,
        default_template(),
    )
    assert result.method is Method.HIGHER


@pytest.mark.parametrize(
    ("actual", "note", "warned"),
    [
        ("50人次", "", True),  # far below the target, nothing said
        ("50人次", "无偏差", True),
        ("50人次", "因疫情影响，活动改为线上，参与人数减少", False),  # the note explains it
        ("400人次", "", True),  # far above, nothing said
        ("400人次", "活动扩大到全系统，参与人数增加", False),
    ],
)
def test_a_large_deviation_is_reported_only_without_a_note(
    actual: str, note: str, warned: bool
) -> None:
    table = _replace_row(_table("luohu-2023-01-党政事务.toml"), 0, actual=actual, note=note)
    codes = {f.code for f in audit(table).findings if f.index == 0}
    assert ("large-deviation-without-note" in codes) is warned


# --- what each finding concerns, and what kind of table it is ------------------


def test_findings_name_the_paths_of_their_cells_when_no_location_is_known() -> None:
    result = audit(_table("futian-2022-08-政务事项管理.toml"))
    by_code = {f.code: f for f in result.errors}
    weights = by_code["level-weights"].cells
    assert weights[0] == "level1.0"  # the value at fault first
    assert weights[1:] == tuple(f"rows.{k}.weight" for k in range(12))  # the 产出 rows
    total = by_code["total"].cells
    assert total[:3] == ("total.points", "funds.points", "rows.0.points")
    assert len(total) == 2 + sum(1 for _ in result.table.rows())


def test_findings_name_the_locations_a_reader_recorded() -> None:
    table = _table("futian-2022-08-政务事项管理.toml")
    where = {"level1.0": "x.txt:20:2", "rows.0.weight": "x.txt:20:7", "total.points": "x.txt:44:8"}
    result = audit(attrs.evolve(table, locations=where))
    by_code = {f.code: f for f in result.errors}
    assert by_code["level-weights"].cells == ("x.txt:20:2", "x.txt:20:7")  # only known ones
    assert by_code["total"].cells == ("x.txt:44:8",)


def test_a_finding_whose_cells_were_not_printed_names_the_nearest_place() -> None:
    table = _replace_row(_table("luohu-2023-01-党政事务.toml"), 2, points="9.00")
    where = {"title": "x.txt:1:1", "rows.2.name": "x.txt:30:1", "funds.total.executed": "x.txt:6:5"}
    found = {f.code: f.cells for f in audit(attrs.evolve(table, locations=where)).findings}
    assert found["points-above-weight"] == ("x.txt:30:1",)  # the row's name
    found = {
        f.code: f.cells for f in audit(_unscored(attrs.evolve(table, locations=where))).findings
    }
    assert found["table-unscored"] == ("x.txt:1:1",)  # no 总分 printed: the title
    where.pop("title")
    found = {
        f.code: f.cells for f in audit(_unscored(attrs.evolve(table, locations=where))).findings
    }
    assert found["table-unscored"] == ("x.txt:30:1",)  # the first place printed


def test_row_findings_name_the_row_fields() -> None:
    table = _replace_row(_table("luohu-2023-01-党政事务.toml"), 2, points="9.00")
    found = next(f for f in audit(table).findings if f.code == "points-above-weight")
    assert found.index == 2
    assert found.cells == ("rows.2.points", "rows.2.weight")


def _unscored(table: ProjectTable) -> ProjectTable:
    level1 = tuple(
        attrs.evolve(
            top,
            level2=tuple(
                attrs.evolve(g, indicators=tuple(attrs.evolve(r, points="") for r in g.indicators))
                for g in top.level2
            ),
        )
        for top in table.level1
    )
    funds = attrs.evolve(table.funds, points="")
    return attrs.evolve(table, level1=level1, funds=funds, total=Total(table.total.weight, ""))


def test_an_unscored_table_is_scored_from_the_rules_and_says_so() -> None:
    table = _unscored(_table("luohu-2023-04-行政服务大厅运行.toml"))
    result = audit(table)
    assert result.ok, [f.code for f in result.errors]
    assert next(f.code for f in result.findings if f.severity is Severity.INFO) == "table-unscored"
    # the qualitative row waits for the evaluator's points: no finding, an incomplete total
    waiting = [r for r in result.evaluation.rows if r.rule_score is None and r.row.weight != "0"]
    assert [r.row.name for r in waiting] == ["提高企业群众办事效率"]
    assert not result.evaluation.complete


def _cut(table: ProjectTable, rows: int) -> ProjectTable:
    """The table as printed up to its *rows*-th level-3 row, with no 总分 row."""
    level1, kept = [], 0
    for top in table.level1:
        groups = []
        for group in top.level2:
            take = group.indicators[: max(rows - kept, 0)]
            kept += len(take)
            if take:
                groups.append(attrs.evolve(group, indicators=take))
        if groups:
            level1.append(attrs.evolve(top, level2=tuple(groups)))
    return attrs.evolve(table, level1=tuple(level1), total=Total("", ""), truncated=True)


def test_a_truncated_table_is_audited_as_far_as_it_goes() -> None:
    table = _cut(_table("luohu-2023-04-行政服务大厅运行.toml"), 5)
    result = audit(table)
    assert result.ok, [(f.code, f.cells) for f in result.errors]
    truncated = next(f for f in result.findings if f.code == "table-truncated")
    assert truncated.severity is Severity.WARNING
    assert truncated.cells == ("rows.4.name",)


def test_a_rate_printed_as_a_fraction_is_an_error_only_under_a_percent_header() -> None:
    table = _table("luohu-2023-01-党政事务.toml")  # rate 7.32 (%)
    fraction = attrs.evolve(table, funds=attrs.evolve(table.funds, rate="0.0732"))
    codes = {f.code for f in audit(fraction).errors}
    assert codes == {"execution-rate"}
    silent = attrs.evolve(fraction, funds=attrs.evolve(fraction.funds, rate_percent=False))
    assert audit(silent).ok
    wrong = attrs.evolve(silent, funds=attrs.evolve(silent.funds, rate="0.0832"))
    assert {f.code for f in audit(wrong).errors} == {"execution-rate"}


def test_a_template_choice_that_changes_the_outcome_is_said() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    plain = audit(table)
    assert plain.alternatives == ("national-2020-tiers50",)  # same weights
    assert not any(f.code == "template-ambiguous" for f in plain.findings)  # same outcome
    # 有所提升 is the evaluator's; 5.60 of 7 is 80 %: "achieved" on both templates;
    # 4.20 of 7 is 60 %: "partly" on national-2020, "partly" on tiers50 too; 3.50 is
    # 50 %: "not" on national-2020, "partly" on tiers50 — the choice matters.
    changed = _replace_row(table, 3, actual="有所提升", points="3.50", note="说明")
    found = next(f for f in audit(changed).findings if f.code == "template-ambiguous")
    assert found.severity is Severity.INFO
    assert "national-2020-tiers50" in found.message_en


# --- issue 13: an ambiguous number is a finding with its reason, never a guess ----------


def test_an_ambiguous_amount_is_an_unreadable_finding_with_its_reason() -> None:
    table = _table("luohu-2023-01-党政事务.toml")
    total = attrs.evolve(table.funds.total, executed="157,46")
    changed = attrs.evolve(table, funds=attrs.evolve(table.funds, total=total))
    found = [f for f in audit(changed).findings if f.code == "unreadable"]
    assert [(f.field, f.printed) for f in found] == [("executed", "157,46")]
    assert "decimal comma" in found[0].message_en
    assert "小数逗号" in found[0].message  # the Chinese message says it in Chinese
    assert score_table(changed).execution is None  # not scored on a guessed 15746


def _first_row_printing(**cells: str) -> ProjectTable:
    """党政事务 with its first level-3 row printing *cells* instead."""
    table = _table("luohu-2023-01-党政事务.toml")
    top = table.level1[0]
    group = top.level2[0]
    row = attrs.evolve(group.indicators[0], **cells)
    group = attrs.evolve(group, indicators=(row, *group.indicators[1:]))
    top = attrs.evolve(top, level2=(group, *top.level2[1:]))
    return attrs.evolve(table, level1=(top, *table.level1[1:]))


def test_an_ambiguous_row_weight_is_an_unreadable_finding_with_its_reason() -> None:
    changed = _first_row_printing(weight="1_1")
    found = [f for f in audit(changed).findings if f.code == "unreadable" and f.field == "weight"]
    assert len(found) == 1
    assert "'_' is not a thousands separator" in found[0].message_en


def test_an_ambiguous_actual_is_a_warning_with_its_reason() -> None:
    changed = _first_row_printing(actual="157,46")
    found = [f for f in audit(changed).findings if f.code == "unparsed" and f.field == "actual"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "decimal comma" in found[0].message_en


# --- issue 13: a table of a year outside its template's period ----------------------------


def _of_year(table: ProjectTable, year: int | None) -> ProjectTable:
    return attrs.evolve(table, project=attrs.evolve(table.project, year=year))


@pytest.mark.parametrize(
    ("year", "template_id", "period"),
    [(2019, None, "2020–"), (1999, "national-2020", "2020–"), (2023, "hubei-2020", "2020")],
)
def test_a_year_outside_the_templates_period_is_a_finding(
    year: int, template_id: str | None, period: str
) -> None:
    """Scoring refuses such a table; the audit checks it on the template all
    the same and says so (it was silent)."""
    table = _of_year(_table("luohu-2023-04-行政服务大厅运行.toml"), year)
    with pytest.raises(FrameworkError, match=f"applies to {period}, not to {year}"):
        score_table(table, template(template_id) if template_id else None)
    result = audit(table, template_id)
    found = [f for f in result.findings if f.code == "year-outside-period"]
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert (found[0].row, found[0].field, found[0].printed) == ("项目", "year", str(year))
    assert f"年度 {year} 不在模板" in found[0].message
    assert f"({period})" in found[0].message_en
    assert found[0].cells == ("project.year",)


@pytest.mark.parametrize("year", [None, 2020, 2023, 2099])
def test_a_year_inside_the_period_or_unknown_says_nothing(year: int | None) -> None:
    """A text source without a year: nothing to say, and scoring goes on."""
    table = _of_year(_table("luohu-2023-04-行政服务大厅运行.toml"), year)
    assert score_table(table).total == Decimal("98.16")
    assert not any(f.code == "year-outside-period" for f in audit(table).findings)


def test_a_total_beyond_the_grades_is_not_graded() -> None:
    """Found by the layouts' planted inconsistencies once grades refuse a
    total above 100: a row weighing a point more made the total 101 and the
    audit raise; the total is kept ungraded, and the weights' findings say why."""
    table = _table("luohu-2023-04-行政服务大厅运行.toml")
    weight = printed_number(table.level1[0].level2[0].indicators[0].weight)
    assert weight is not None
    heavier = _replace_row(table, 0, weight=str(weight + 5), points=str(weight + 5))
    result = audit(heavier)
    assert result.evaluation.total > 100
    assert result.evaluation.grade is None
    assert any(f.code in ("level-weights", "total-weight") for f in result.errors)
    assert score_table(heavier).grade is None


# --- the template choice decided without scoring the whole table again -----------------


def _outcome(table: ProjectTable, template_id: str) -> tuple[object, ...]:
    """The points and tier of every row, and the total, the whole table scored on a template."""
    undated = attrs.evolve(table, project=attrs.evolve(table.project, year=None))  # any period
    scored = score_table(undated, template(template_id))
    rows = tuple(
        (None if r.score is None else r.score.points, r.tier and r.tier.key) for r in scored.rows
    )
    return scored.total, rows


@settings(max_examples=60)
@given(samples().filter(lambda s: s.ambiguous), st.data())  # national weights: two templates
def test_template_ambiguous_is_said_exactly_when_another_template_scores_otherwise(
    sample: Sample, data: st.DataObject
) -> None:
    """The audit scores again only the rows another template could score
    otherwise; the finding must be what scoring the whole table again says."""
    shares = ("0.8", "0.6", "0.59", "0.55", "0.5", "0.49")  # about both templates' edges
    tiers = (None, "partly", "not")
    count = sum(1 for _ in sample.table.rows())
    chosen_row = data.draw(st.integers(0, count - 1))  # one row judged: its difference alone

    def judged(index: int, row: Row) -> Row:
        weight = printed_number(row.weight)
        if index != chosen_row or not weight:
            return row
        points = weight * Decimal(data.draw(st.sampled_from(shares)))
        tier = data.draw(st.sampled_from(tiers))
        return attrs.evolve(row, actual="有所提升", points=f"{points:.2f}", tier=tier, note="说明")

    table = map_rows(sample.table, judged)
    checked = audit(table)
    chosen = _outcome(table, checked.template.id)
    differ = {t for t in checked.alternatives if _outcome(table, t) != chosen}
    said = [f for f in checked.findings if f.code == "template-ambiguous"]
    assert bool(said) is bool(differ), (differ, [f.message_en for f in said])
    if said:
        assert all(t in said[0].message_en for t in differ)


@pytest.mark.parametrize("name", [p.name for p in TABLES])
def test_a_negative_row_weight_is_reported_not_raised(name: str) -> None:
    # A negative weight printed in any row (quantitative or qualitative): no
    # rule scores it, so the row is unscored at error level and the audit goes on.
    table = _table(name)
    for index, (_, _, printed) in enumerate(table.rows()):
        if printed_number(f"-{printed.weight}") in (None, Decimal(0)):
            continue  # unreadable or zero: not negative

        def negative(i: int, row: Row, index: int = index) -> Row:
            return attrs.evolve(row, weight=f"-{row.weight}") if i == index else row

        found = audit(map_rows(table, negative)).findings
        at_row = [f for f in found if f.index == index and f.severity is Severity.ERROR]
        assert at_row, (index, found)  # unscored, or its points unreadable


@pytest.mark.parametrize(
    ("change", "code", "cell"),
    [
        (lambda f: attrs.evolve(f, weight="-10"), "total-weight", "funds.weight"),
        (
            lambda f: attrs.evolve(f, total=attrs.evolve(f.total, executed="-3657.80")),
            "execution-amount-negative",
            "funds.total.executed",
        ),
        (
            lambda f: attrs.evolve(f, total=attrs.evolve(f.total, full_year_budget="-50000.00")),
            "execution-amount-negative",
            "funds.total.full_year_budget",
        ),
    ],
)
def test_a_negative_execution_number_is_reported_not_raised(
    change: Any, code: str, cell: str
) -> None:
    # No rule scores a negative amount or weight: the execution is not scored,
    # and an error names the cell.
    table = _table("luohu-2023-01-党政事务.toml")
    checked = audit(attrs.evolve(table, funds=change(table.funds)))
    assert checked.evaluation.execution is None
    errors = [f for f in checked.findings if f.severity is Severity.ERROR and f.code == code]
    assert errors, checked.findings
    assert any(cell in f.cells for f in errors), errors


@settings(max_examples=60)
@given(
    st.sampled_from(CONSISTENT),
    st.data(),
    st.one_of(
        st.integers(101, 10**15 - 1).map(str),  # the most digits a printed number may have
        st.decimals(min_value=Decimal("100.01"), max_value=Decimal("1e15") - 1, places=2).map(str),
    ),
)
def test_a_weight_above_the_total_is_unscored_never_a_fault(
    path: Path, data: st.DataObject, weight: str
) -> None:
    """A row printing a weight above the table's total (100) is not scored (a
    weight of 1e14 used to overflow the evaluator's precision): the weight
    checks report it, whatever its size."""
    table = load_table(path)
    index = data.draw(st.integers(0, len(list(table.rows())) - 1))
    changed = map_rows(
        table, lambda k, row: attrs.evolve(row, weight=weight) if k == index else row
    )
    checked = audit(changed)
    result = checked.evaluation.rows[index]
    assert result.method is Method.UNSCORED
    assert (result.reason, result.reason_zh) == (
        "weight above the table's total 100",
        "分值超过总分 100",
    )
    assert "level-weights" in {f.code for f in checked.errors}


def test_a_located_finding_keeps_every_field_of_the_finding() -> None:
    """The audit places a finding by building it again with its index and
    cells (cheaper than ``attrs.evolve``): every other field comes through,
    whatever fields a Finding has."""
    values = {
        field.name: f"<{field.name}>"
        for field in attrs.fields(Finding)
        if field.name not in ("severity", "index", "cells")
    }
    found = Finding(Severity.WARNING, **values, index=None, cells=("points",))
    table = load_table(CONSISTENT[0])
    placed = _located(table, found, 2)
    assert placed == attrs.evolve(found, index=2, cells=("rows.2.points",))
