"""Worked examples of the rule sets of other jurisdictions: the bundled input
files, and the Hubei template's and the linear lower-is-better rule's numbers.

Everything else about these rule sets (their indicators' own worked examples,
bounds, band edges, totals, file round trips) is checked for every registered
rule set alike in ``test_registry.py``.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

import attrs
import pytest

import jixiao
import jixiao.rules
from jixiao import Amount
from jixiao._toml import dumps_toml, read_toml_text
from jixiao.errors import FrameworkError, InputError
from jixiao.project import (
    LOWER_IS_BETTER,
    Level1,
    Level2,
    Method,
    Row,
    aggregate_completion,
    audit,
    available_templates,
    execution,
    load_table,
    load_template,
    lower_is_better,
    lower_is_better_linear,
    match_template,
    score_table,
    template,
)
from jixiao.quantities import Ratio

from .conftest import ROOT

D = Decimal
EXAMPLES = ROOT / "examples"


# ---------------------------------------------------------------- Yueyang 2019


def test_yueyang_example_department() -> None:
    evaluation = jixiao.load_department(EXAMPLES / "yueyang-2019-department.toml").evaluate()
    assert evaluation.framework.id == "yueyang-2019"
    points = {s.key: str(s.points) for s in evaluation.scores}
    assert points == {
        "staff_control": "2.50",  # 21 ÷ 20 = 105 %: 5 points above, 0.5 each
        "three_public_change": "5.00",  # fell
        "key_spending": "4.00",  # 84 %
        "budget_adjustment": "2.00",  # 6.4 %
        "payment_progress": "2.50",  # one special fund late
        "balance": "2.00",  # a balance, within last year's carry-over
        "three_public_control": "6.00",  # 97.89 %
        "management_systems": "3.00",
        "fund_compliance": "3.00",
        "budget_management_rest": "8.00",
        "process_rest": "9.00",
        "output_and_outcome_rest": "41.00",
    }
    assert (evaluation.total, evaluation.grade.value) == (D("88.00"), "良")
    assert evaluation.subtotals["input"] == D("11.50")
    assert evaluation.subtotals["process"] == D("35.50")


# ---------------------------------------------------------------- Daying 2020


def test_daying_example_department_reproduces_the_published_points() -> None:
    evaluation = jixiao.load_department(EXAMPLES / "daying-2021-department.toml").evaluate()
    assert evaluation.framework.id == "suining-daying-2020"
    # 大英县总工会's published self-evaluation: 目标制定 9, 目标实现 8, 编制准确 9.8
    assert evaluation.score("target_setting").points == D("9.00")
    assert evaluation.score("target_achievement").points == D("8.00")
    assert evaluation.score("budget_accuracy").points == D("9.80")
    assert evaluation.subtotals["budgeting"] == D("26.80")
    assert (evaluation.total, evaluation.grade.value) == (D("92.30"), "优")


def test_daying_budget_accuracy_is_one_minus_ten_times_the_ratio() -> None:
    indicator = jixiao.framework("suining-daying-2020").indicator("budget_accuracy")
    for part, points in (("0", "10.00"), ("3", "7.00"), ("9.99", "0.01"), ("10", "0.00")):
        score = jixiao.rules.amount_share(part=part, whole="100", indicator=indicator)
        assert score.points == D(points)
    assert jixiao.rules.amount_share(part="11", whole="100", indicator=indicator).points == 0


def test_daying_target_achievement_refuses_more_met_than_there_are() -> None:
    indicator = jixiao.framework("suining-daying-2020").indicator("target_achievement")
    with pytest.raises(InputError, match="more counted"):
        jixiao.rules.count_share(5, 4, indicator=indicator)
    with pytest.raises(InputError, match="zero"):
        jixiao.rules.count_share(0, 0, indicator=indicator)


# ---------------------------------------------------------------- Hubei 2020


def test_hubei_example_table() -> None:
    table = load_table(EXAMPLES / "hubei-2020-project.toml")
    result = audit(table)
    assert result.template.id == "hubei-2020"
    assert result.ok, [str(f) for f in result.findings]
    assert result.evaluation.execution is not None
    assert result.evaluation.execution.points == D("20.00")  # 20 × 1.56 ÷ 1.56
    assert result.evaluation.total == D("100.00")
    # without naming its template the table still fits Hubei's, and no other
    unnamed = attrs.evolve(table, template=None)
    assert match_template(unnamed) is template("hubei-2020")
    assert [i for i in available_templates() if template(i).fits(unnamed)] == ["hubei-2020"]


def test_hubei_execution_is_twenty_times_the_rate() -> None:
    hubei = template("hubei-2020")
    assert execution("0.78", "1.56", hubei.execution_weight, template=hubei).points == D("10.00")
    # the budget is the adjusted total, carry-over included; executed above it is capped
    assert execution("1.60", "1.56", 20, template=hubei).points == D("20.00")


def test_hubei_level1_weights_are_set_by_the_table() -> None:
    hubei = template("hubei-2020")
    table = load_table(EXAMPLES / "hubei-2020-project.toml")
    assert (hubei.level1, hubei.indicators_weight) == ((), D(80))
    moved = attrs.evolve(
        table,
        level1=(
            attrs.evolve(table.level1[0], weight="50"),
            table.level1[1],
            attrs.evolve(table.level1[2], weight="30"),
        ),
    )
    assert hubei.fits(moved)  # any split adding up to 80
    short = attrs.evolve(table, level1=(attrs.evolve(table.level1[0], weight="30"),))
    assert not hubei.fits(short)
    odd = attrs.evolve(table, level1=(*table.level1, Level1("其他指标", "0", ())))
    assert not hubei.fits(odd)  # a group that is not a standard level-1 kind


def test_hubei_quantitative_rules_never_exceed_the_weight() -> None:
    hubei = template("hubei-2020")
    assert hubei.lower_is_better == "inverse"
    assert jixiao.project.higher_is_better("7", "6", 20, template=hubei).points == D("20.00")
    assert jixiao.project.higher_is_better("3", "6", 20, template=hubei).points == D("10.00")
    assert lower_is_better("12", "10", 10, template=hubei).points == D("8.33")  # 10 × 10 ÷ 12


def test_hubei_qualitative_tiers() -> None:
    hubei = template("hubei-2020")
    assert [t.key for t in hubei.tiers] == ["not", "partly", "achieved"]
    assert str(hubei.tiers[1].interval) == "[50%, 80%)"
    found = [hubei.tier_of(D(share)) for share in ("0.8", "0.5", "0.4999")]
    assert [t.key if t else None for t in found] == ["achieved", "partly", "not"]


def test_sub_units_are_aggregated_before_scoring() -> None:
    # 绝对值直接累加计算
    assert aggregate_completion(["4", 2]) == D(6)
    # 相对值按照资金额度加权平均计算: 90 % on 30, 100 % on 10 → 92.5 %
    rate = aggregate_completion(["90%", "100%"], funds=["30", "10"], kind="rate")
    assert rate == Ratio.percent("92.5")
    mixed_units = aggregate_completion(
        [Ratio.percent(90), "100%"], funds=[Amount.wan("3"), Amount.yuan("10000")], kind="rate"
    )
    assert mixed_units == rate
    # 定量指标先汇总完成数，再计算得分: the row is scored on the aggregate
    hubei = template("hubei-2020")
    assert jixiao.project.higher_is_better(rate.percent_value, 95, 10, template=hubei).points == (
        D("9.74")
    )


@pytest.mark.parametrize(
    ("values", "funds", "kind", "message"),
    [
        ([], None, "absolute", "no sub-unit"),
        (["90%"], None, "rate", "weighted by funds"),
        (["90%", "80%"], ["1"], "rate", "weighted by funds"),
        (["90%"], ["0"], "rate", "add up to 0"),
        (["90%"], ["-1"], "rate", "negative"),
        (["90"], ["1"], "rate", "must say what it is"),
        (["1"], ["1"], "absolute", "funds are not used"),
        (["90%"], [Amount.wan("1"), "1"], "rate", "with its unit"),
    ],
)
def test_aggregation_refuses_what_it_cannot_weigh(
    values: list[object], funds: list[object] | None, kind: str, message: str
) -> None:
    if len(values) != len(funds or values):
        values = values * 2
    with pytest.raises(InputError, match=message):
        aggregate_completion(values, funds, kind)  # type: ignore[call-overload]


# ---------------------------------------------------------------- the linear variant


@pytest.mark.parametrize(
    ("actual", "points"),
    [
        ("0", "10.00"),
        ("100", "10.00"),  # at the target: full
        ("100.01", "10.00"),  # 9.999 → 10.00
        ("125", "7.50"),  # 10 × (1 − 25 ÷ 100)
        ("150", "5.00"),
        ("199.99", "0.00"),  # 0.001 → 0.00
        ("200", "0.00"),  # twice the target: 0
        ("350", "0.00"),
    ],
)
def test_linear_lower_is_better(actual: str, points: str) -> None:
    assert lower_is_better_linear(actual, "100", 10).points == D(points)


def test_linear_and_inverse_differ_between_the_target_and_twice_it() -> None:
    assert lower_is_better("125", "100", 10).points == D("8.00")  # 10 × 100 ÷ 125
    assert lower_is_better_linear("125", "100", 10).points == D("7.50")
    assert lower_is_better("200", "100", 10).points == D("5.00")
    assert lower_is_better_linear("200", "100", 10).points == D("0.00")
    # The share of its weight a compound row's part earns: the rule for a weight of 1.
    assert lower_is_better_linear("125", "100", 1).unrounded == D("0.75")
    assert lower_is_better_linear("250", "100", 1).unrounded == 0
    assert lower_is_better("125", "100", 1).unrounded == D("0.8")
    with pytest.raises(FrameworkError, match="lower-is-better"):
        attrs.evolve(template("national-2020"), lower_is_better="quadratic")
    with pytest.raises(InputError, match="no linear scale"):
        lower_is_better_linear("1", "0", 10)


def test_existing_templates_keep_the_inverse_rule() -> None:
    for id in available_templates():
        assert template(id).lower_is_better == "inverse"
    assert set(LOWER_IS_BETTER) == {"inverse", "linear"}


def _linear_template(tmp_path: Path) -> Path:
    text = resources.files("jixiao.data.templates").joinpath("national-2020.toml").read_text()
    data = read_toml_text(text, "national-2020.toml")
    data |= {"id": "mine-linear", "default": False, "lower_is_better": "linear"}
    path = tmp_path / "mine-linear.toml"
    path.write_text(dumps_toml(data), "utf-8")
    return path


def test_a_template_chooses_the_linear_rule_by_name(tmp_path: Path) -> None:
    linear = load_template(_linear_template(tmp_path))
    assert linear.lower_is_better == "linear"
    table = load_table(EXAMPLES / "projects" / "luohu-2023-01-党政事务.toml")
    cost = Row("项目成本", "≤5万元", "6万元", "8.00", "8.00", "超支")
    compound = Row("成本; 时间", "≤100; ≤10", "125; 10", "8.00", "", "")
    level1 = (
        attrs.evolve(
            table.level1[0],
            level2=(*table.level1[0].level2[:-1], Level2("成本指标", (cost, compound))),
        ),
        *table.level1[1:],
    )
    edited = attrs.evolve(table, level1=level1)
    rows = {r.row.name: r for r in score_table(edited, linear).rows}
    assert rows["项目成本"].method is Method.LOWER
    assert rows["项目成本"].score is not None
    assert rows["项目成本"].score.points == D("6.40")  # 8 × (1 − 1 ÷ 5)
    assert rows["成本; 时间"].method is Method.COMPOUND
    assert rows["成本; 时间"].score is not None
    assert rows["成本; 时间"].score.points == D("7.00")  # 8 × (0.75 + 1) ÷ 2
    inverse = {r.row.name: r for r in score_table(edited, template("national-2020")).rows}
    assert inverse["项目成本"].score is not None
    assert inverse["项目成本"].score.points == D("6.67")  # 8 × 5 ÷ 6
    assert inverse["成本; 时间"].score is not None
    assert inverse["成本; 时间"].score.points == D("7.20")  # 8 × (0.8 + 1) ÷ 2


def test_an_unknown_lower_is_better_rule_is_refused(tmp_path: Path) -> None:
    path = _linear_template(tmp_path)
    path.write_text(path.read_text("utf-8").replace('"linear"', '"cubic"'), "utf-8")
    with pytest.raises(FrameworkError, match="lower-is-better"):
        load_template(path)


def test_a_template_fixes_level1_weights_or_leaves_them_to_the_table(tmp_path: Path) -> None:
    text = resources.files("jixiao.data.templates").joinpath("hubei-2020.toml").read_text()
    data = read_toml_text(text, "hubei-2020.toml")
    data |= {"id": "both", "level1": [{"kind": "output", "name": "产出指标", "weight": "80"}]}
    path = tmp_path / "both.toml"
    path.write_text(dumps_toml(data), "utf-8")
    with pytest.raises(FrameworkError, match="not both"):
        load_template(path)
    del data["indicators_weight"]
    path.write_text(dumps_toml(data), "utf-8")
    assert load_template(path).weight_of(jixiao.project.Level1Kind.OUTPUT) == D(80)
    data["indicators_weight"] = "70"
    del data["level1"]
    path.write_text(dumps_toml(data), "utf-8")
    with pytest.raises(FrameworkError, match="add up to 90"):
        load_template(path)


def test_a_template_whose_grades_stop_below_its_total_is_refused(tmp_path: Path) -> None:
    """Issue 13: a total is graded only within the grades' span."""
    text = resources.files("jixiao.data.templates").joinpath("hubei-2020.toml").read_text()
    data = read_toml_text(text, "hubei-2020.toml")
    data["grades"] = {
        "bands": [
            {"grade": "优", "interval": "[90, 99]"},
            {"grade": "差", "interval": "[0, 90)"},
        ]
    }
    path = tmp_path / "short.toml"
    path.write_text(dumps_toml(data), "utf-8")
    with pytest.raises(FrameworkError, match=r"grades cover totals \[0, 99\], not the total 100"):
        load_template(path)
    data["grades"]["bands"][0]["interval"] = "[90, 100]"
    path.write_text(dumps_toml(data), "utf-8")
    assert load_template(path).grades.grade(D(100)).value == "优"
