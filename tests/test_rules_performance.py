"""部门绩效 (performance): economy, efficiency, effectiveness and equity."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import InputError, RuleError
from jixiao.primitives import Bands
from jixiao.quantities import Amount, Ratio
from jixiao.rules import (
    QuarterSpending,
    budget_execution,
    effectiveness,
    key_task_completion,
    petition_handling,
    project_timeliness,
    public_funds_control,
    satisfaction,
)

from .strategies import (
    amounts,
    counts,
    decimals,
    luohu,
    percents,
    positive_amounts,
    quarter_amounts,
)

D = Decimal


def untyped(value: object) -> Any:
    """Hand a deliberately ill-typed value to a typed function."""
    return value


def _bands(key: str, index: int = 0) -> Bands:
    component = luohu().indicator(key).components[index]
    assert isinstance(component, Bands)
    return component


# ---------------------------------------------------------------- 公用经费控制率


def test_public_funds_control_seed() -> None:
    score = public_funds_control("19.98", "20.65", "407.57", "411.02")
    assert score.points == D("4.00")
    assert [str(p.value) for p in score.parts] == ["96.76%", "99.16%"]
    assert [p.points for p in score.parts] == [2, 2]


@pytest.mark.parametrize(
    ("spent", "points"),
    [
        ("0", "3"),
        ("89.99", "3"),  # a hair below 90 %
        ("90", "2"),  # exactly 90 %
        ("95", "2"),
        ("100", "2"),  # exactly 100 %
        ("100.01", "0"),  # a hair above 100 %
        ("150", "0"),
    ],
)
def test_public_funds_control_edges(spent: str, points: str) -> None:
    three = public_funds_control(spent, "100", "0", "100")
    assert three.parts[0].points == D(points)
    assert three.points == D(points) + 3
    routine = public_funds_control("0", "100", spent, "100")
    assert routine.parts[1].points == D(points)
    assert public_funds_control(spent, "100", spent, "100").points == 2 * D(points)


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize(
    ("ratio", "points"),
    [
        (Ratio.percent("89.9999999"), "3"),
        (Ratio.percent("90"), "2"),
        (Ratio.percent("100"), "2"),
        (Ratio.percent("100.0000001"), "0"),
    ],
)
def test_public_funds_underlying_band_edges(index: int, ratio: Ratio, points: str) -> None:
    assert _bands("public_funds_control", index).apply(ratio).points == D(points)


def test_public_funds_control_units() -> None:
    score = public_funds_control(
        Amount.wan("19.98"), Amount.yuan("206500"), Amount.wan("407.57"), Amount.wan("411.02")
    )
    assert score.points == D("4.00")


@given(
    positive_amounts(1_000),
    amounts(0, 2_000),
    amounts(0, 2_000),
    positive_amounts(1_000),
    amounts(0, 2_000),
)
def test_public_funds_control_falls_as_spending_grows(
    budget: Any, a: Any, b: Any, routine_budget: Any, routine_spent: Any
) -> None:
    low, high = sorted([D(str(a).strip()), D(str(b).strip())])
    first = public_funds_control(low, budget, routine_spent, routine_budget).points
    second = public_funds_control(high, budget, routine_spent, routine_budget).points
    assert second <= first
    first = public_funds_control(routine_spent, routine_budget, low, budget).points
    second = public_funds_control(routine_spent, routine_budget, high, budget).points
    assert second <= first


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        (("1", "0", "1", "1"), "three_public_budget", "is zero, so the ratio is undefined"),
        (("1", "1", "1", "0"), "routine_budget", "is zero, so the ratio is undefined"),
        (("-1", "1", "1", "1"), "three_public_spent", "must not be negative"),
        (("1", "1", "1", "-5"), "routine_budget", "must not be negative"),
        (("1", "NaN", "1", "1"), "three_public_budget", "finite"),
        (("1", "1", "inf", "1"), "routine_spent", "finite"),
    ],
)
def test_public_funds_control_errors_name_the_field(
    args: tuple[str, str, str, str], field: str, words: str
) -> None:
    with pytest.raises(InputError, match=words) as caught:
        public_funds_control(*args)
    assert caught.value.field == f"inputs.public_funds_control.{field}"
    assert "row 公用经费控制率" in str(caught.value)


# ---------------------------------------------------------------- 预算执行率

SEED_QUARTERS = [
    {"spent": "548.3", "budget": "2663.06"},
    {"spent": "1171.04", "budget": "2738.30"},
    {"spent": "1822.83", "budget": "2820.25"},
    {"spent": "2568.79", "budget": "2936.74"},
]
SEED_PROGRESS = ["20.59%", "42.77%", "64.63%", "87.47%"]


def test_budget_execution_seed_from_amounts() -> None:
    score = budget_execution(quarters=SEED_QUARTERS)
    assert score.points == D("5.12")
    assert [str(p.value) for p in score.parts] == ["82.36%", "85.53%", "86.18%", "87.47%", "85.38%"]
    assert [p.component.measure for p in score.parts] == ["q1", "q2", "q3", "q4", "average"]
    assert D("5.12") < score.unrounded < D("5.125")


def test_budget_execution_seed_from_ready_ratios() -> None:
    score = budget_execution(progress=SEED_PROGRESS)
    assert score.points == D("5.12")
    assert score.unrounded == D("5.12315")  # exact: computed in CONTEXT, settled to 20 places
    assert [str(p.value) for p in score.parts][:4] == ["82.36%", "85.54%", "86.17%", "87.47%"]


def test_budget_execution_quarter_objects_and_units() -> None:
    quarters = [QuarterSpending(q["spent"], q["budget"]) for q in SEED_QUARTERS]
    assert budget_execution(quarters=quarters).points == D("5.12")
    wan = [QuarterSpending(Amount.wan(q["spent"]), Amount.wan(q["budget"])) for q in SEED_QUARTERS]
    assert budget_execution(quarters=wan).points == D("5.12")
    ratios = [Ratio.parse(p) for p in SEED_PROGRESS]
    assert budget_execution(progress=ratios).points == D("5.12")


@pytest.mark.parametrize(
    ("progress", "points"),
    [
        (["25%", "50%", "75%", "100%"], "6.00"),  # on schedule
        (["50%", "100%", "100%", "100%"], "6.00"),  # ahead: each part capped
        (["0%", "0%", "0%", "0%"], "0.00"),
        (["30%", "50%", "75%", "100%"], "6.00"),
        (["12.5%", "25%", "37.5%", "50%"], "3.00"),  # half of schedule: 0.5 × 4 + 0.5 × 2
        (["0%", "0%", "0%", "100%"], "1.50"),  # 1 + (1/4) × 2
    ],
)
def test_budget_execution_formula(progress: list[str], points: str) -> None:
    assert budget_execution(progress=progress).points == D(points)


def test_budget_execution_average_counts_quarters_ahead_uncapped() -> None:
    # Q1 at 200 % of schedule: its part is capped at 1, but the average uses 200 %.
    score = budget_execution(progress=["50%", "0%", "0%", "0%"])
    assert score.parts[0].points == 1
    assert score.parts[4].value == Ratio.percent("50")
    assert score.points == D("2.00")


@given(quarter_amounts(), st.integers(0, 3), decimals(0, 2_000))
def test_budget_execution_rises_with_any_quarters_spending(
    quarters: list[dict[str, Any]], index: int, more: Decimal
) -> None:
    before = budget_execution(quarters=quarters).points
    raised = [dict(q) for q in quarters]
    for later in raised[index:]:  # cumulative: spending more then raises every later quarter
        later["spent"] = D(str(later["spent"]).strip()) + more
    assert budget_execution(quarters=raised).points >= before


@given(st.lists(percents(0, 130), min_size=4, max_size=4))
def test_budget_execution_within_weight(progress: list[Decimal]) -> None:
    score = budget_execution(progress=[Ratio.percent(p) for p in progress])
    assert 0 <= score.points <= 6
    assert score.points.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({}, "either quarters"),
        ({"quarters": SEED_QUARTERS, "progress": SEED_PROGRESS}, "not both"),
        ({"quarters": SEED_QUARTERS[:3]}, "four quarters"),
        ({"progress": SEED_PROGRESS * 2}, "four quarters"),
        ({"progress": "20.59%"}, "four quarters"),
        ({"quarters": [{"spent": "1", "budget": "2", "note": "x"}] * 4}, "exactly the keys"),
        ({"quarters": [{"spent": "1"}] * 4}, "exactly the keys"),
        ({"quarters": [("1", "2")] * 4}, "a table of spent and budget"),
        ({"quarters": [{"spent": "1", "budget": "0"}] * 4}, "is zero, so the ratio is undefined"),
        ({"quarters": [{"spent": "-1", "budget": "10"}] * 4}, "negative"),
        ({"progress": ["20.59", "42.77", "64.63", "87.47"]}, "ratio must say"),
    ],
)
def test_budget_execution_errors(kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        budget_execution(**kwargs)
    assert "预算执行率" in str(caught.value)
    assert "inputs.budget_execution" in str(caught.value)


def test_budget_execution_error_names_the_quarter() -> None:
    spent = SEED_QUARTERS[2]["spent"]  # cumulative spending never falls (issue 13)
    quarters = [*SEED_QUARTERS[:2], {"spent": spent, "budget": "0"}, SEED_QUARTERS[3]]
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        budget_execution(quarters=quarters)
    assert caught.value.field == "inputs.budget_execution.quarters[3].budget"


TIE = ["10%", "20%", "10%", "39%"]
"""Exactly 1.985 points: 0.4 + 0.4 + 0.1333… + 0.39 + 2 × (1.3233…/4) = 6·0.1 + 3·0.2
+ 2·0.1 + 1.5·0.39. Half-up gives 1.99."""


def test_budget_execution_exact_tie_rounds_half_up() -> None:
    assert budget_execution(progress=TIE).points == D("1.99")


def test_budget_execution_unrounded_is_exact() -> None:
    assert budget_execution(progress=SEED_PROGRESS).unrounded == D("5.12315")


@pytest.mark.parametrize("rounding", [decimal.ROUND_CEILING, decimal.ROUND_UP])
def test_budget_execution_independent_of_the_global_context(rounding: str) -> None:
    expected = budget_execution(progress=TIE).points
    with decimal.localcontext() as context:
        context.rounding = rounding
        assert budget_execution(progress=TIE).points == expected


@pytest.mark.parametrize(
    "rounding", [decimal.ROUND_HALF_EVEN, decimal.ROUND_DOWN, decimal.ROUND_FLOOR]
)
def test_seed_numbers_do_not_depend_on_the_global_rounding(rounding: str) -> None:
    with decimal.localcontext() as context:
        context.rounding = rounding
        assert budget_execution(quarters=SEED_QUARTERS).points == D("5.12")
        assert public_funds_control("19.98", "20.65", "407.57", "411.02").points == D("4.00")


# ---------------------------------------------------------------- 重点工作完成情况


@pytest.mark.parametrize(
    ("uncompleted", "points"), [(0, "8.00"), (1, "4.00"), (2, "0.00"), (3, "0.00")]
)
def test_key_task_completion(uncompleted: int, points: str) -> None:
    assert key_task_completion(uncompleted).points == D(points)


@given(counts(20))
def test_key_task_completion_falls_with_the_count(count: int) -> None:
    now, more = key_task_completion(count).points, key_task_completion(count + 1).points
    assert more == max(now - 4, D(0))


def test_key_task_completion_errors() -> None:
    with pytest.raises(InputError, match="uncompleted") as caught:
        key_task_completion(-1)
    assert "重点工作完成情况" in str(caught.value)


# ---------------------------------------------------------------- 项目完成及时性


@pytest.mark.parametrize(
    ("planned", "completed", "points"),
    [
        (8, 8, "6.00"),
        (8, 7, "5.25"),
        (3, 2, "4.00"),
        (3, 1, "2.00"),
        (7, 1, "0.86"),
        (8, 0, "0.00"),
    ],
)
def test_project_timeliness(planned: int, completed: int, points: str) -> None:
    assert project_timeliness(planned, completed).points == D(points)


@given(st.integers(1, 200), st.data())
def test_project_timeliness_rises_with_completed(planned: int, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, planned), label="a")
    b = data.draw(st.integers(a, planned), label="b")
    assert project_timeliness(planned, a).points <= project_timeliness(planned, b).points


def test_project_timeliness_errors() -> None:
    with pytest.raises(InputError, match="more projects completed than planned") as caught:
        project_timeliness(8, 9)
    assert "completed" in str(caught.value)
    assert "(got 9)" in str(caught.value)
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        project_timeliness(0, 0)
    assert caught.value.field == "inputs.project_timeliness.planned"
    with pytest.raises(InputError, match="negative"):
        project_timeliness(-1, 0)


# ---------------------------------------------------------------- 效果性


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ("25", "25.00"),
        ("23.5", "23.50"),
        (True, "25.00"),
        (False, "0.00"),
        (0, "0.00"),
        ("24.999", "25.00"),
    ],
)
def test_effectiveness(points: Any, expected: str) -> None:
    assert effectiveness(points).points == D(expected)


def test_effectiveness_above_the_weight() -> None:
    with pytest.raises(RuleError, match="maximum of 25") as caught:
        effectiveness("26")
    message = str(caught.value)
    assert "inputs.effectiveness.points" in message
    assert "'26'" in message
    assert "社会效益" in message


@pytest.mark.parametrize(
    ("bad", "words"),
    [("-1", "negative"), (untyped(0.5), "float"), ("NaN", "finite"), ("inf", "finite")],
)
def test_effectiveness_bad_points(bad: Any, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        effectiveness(bad)
    assert "inputs.effectiveness.points" in str(caught.value)


# ---------------------------------------------------------------- 群众信访办理情况


@pytest.mark.parametrize(
    ("items", "points"),
    [
        (True, "3.00"),
        ([True, True, False], "2.00"),
        ([True, "0.5", "0.5"], "2.00"),
        (False, "0.00"),
    ],
)
def test_petition_handling(items: Any, points: str) -> None:
    assert petition_handling(items).points == D(points)


# ---------------------------------------------------------------- 公众或服务对象满意度


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        ("100%", "6.00"),
        ("95%", "6.00"),
        ("94.99%", "4.00"),
        ("90%", "4.00"),
        ("89.99%", "2.00"),
        ("80%", "2.00"),
        ("79.99%", "1.00"),
        ("0%", "1.00"),
    ],
)
def test_satisfaction_edges(rate: str, points: str) -> None:
    assert satisfaction(rate).points == D(points)
    assert satisfaction(Ratio.parse(rate)).points == D(points)


@pytest.mark.parametrize(
    ("ratio", "points"),
    [
        (Ratio.percent("94.9999999"), "4"),
        (Ratio.percent("95"), "6"),
        (Ratio.percent("89.9999999"), "2"),
        (Ratio.percent("90"), "4"),
        (Ratio.percent("79.9999999"), "1"),
        (Ratio.percent("80"), "2"),
    ],
)
def test_satisfaction_underlying_band_edges(ratio: Ratio, points: str) -> None:
    assert _bands("satisfaction").apply(ratio).points == D(points)


@pytest.mark.parametrize("bare", [Decimal("95"), "95", 95, "0.95", Decimal("0.95")])
def test_satisfaction_refuses_a_bare_number(bare: Any) -> None:
    with pytest.raises(InputError, match="ratio must say what it is") as caught:
        satisfaction(bare)
    message = str(caught.value)
    assert "inputs.satisfaction.rate" in message
    assert "公众或服务对象满意度" in message
    assert repr(bare) in message


def test_satisfaction_accepts_both_ratio_forms() -> None:
    assert satisfaction("95%").points == D("6.00")
    assert satisfaction(Ratio.fraction("0.95")).points == D("6.00")
    assert satisfaction(" 95 ％").points == D("6.00")


@given(percents(0, 100), percents(0, 100))
def test_satisfaction_rises_with_the_rate(a: Decimal, b: Decimal) -> None:
    low, high = sorted([a, b])
    assert satisfaction(Ratio.percent(low)).points <= satisfaction(Ratio.percent(high)).points
