"""部门管理 (management): funds, projects, assets, staff and institutions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import InputError, RuleError
from jixiao.primitives import Band, Bands
from jixiao.quantities import Amount, Ratio
from jixiao.rules import (
    asset_security,
    budget_disclosure,
    financial_compliance,
    fixed_asset_utilization,
    funded_staff_control,
    management_systems,
    non_establishment_staff,
    procurement_execution,
    project_procedures,
    project_supervision,
)
from jixiao.score import Outcome

from .strategies import amounts, counts, decimals, luohu, percents, positive_amounts

D = Decimal


def untyped(value: object) -> Any:
    """Hand a deliberately ill-typed value to a typed function."""
    return value


def _band_component(key: str) -> Bands:
    component = luohu().indicator(key).components[0]
    assert isinstance(component, Bands)
    return component


# ---------------------------------------------------------------- 政府采购执行情况


def test_procurement_seed_numbers() -> None:
    score = procurement_execution(True, purchased="157.46", planned="158.75")
    assert score.points == D("1.99")
    assert str(score.parts[0].value) == "99.19%"
    assert score.parts[1].points == 1
    assert procurement_execution(True, rate="99.19%").points == D("1.99")
    assert procurement_execution(
        True, purchased=Amount.wan("157.46"), planned=Amount.yuan("1587500")
    ).points == D("1.99")


@pytest.mark.parametrize(
    ("purchased", "planned", "policy", "points"),
    [
        ("158.75", "158.75", True, "2.00"),  # exactly the plan
        ("158.76", "158.75", True, "1.00"),  # above the plan: 本项得0分
        ("0", "158.75", True, "1.00"),
        ("79.375", "158.75", "0.5", "1.00"),
        ("158.75", "158.75", False, "1.00"),
    ],
)
def test_procurement_edges(purchased: str, planned: str, policy: Any, points: str) -> None:
    assert procurement_execution(policy, purchased=purchased, planned=planned).points == D(points)


@given(positive_amounts(), st.data())
def test_procurement_rises_with_purchases_up_to_the_plan(planned: Any, data: st.DataObject) -> None:
    plan = D(str(planned).strip())
    a = data.draw(decimals(0, plan), label="a")
    b = data.draw(decimals(a, plan), label="b")
    low = procurement_execution(True, purchased=a, planned=plan).points
    high = procurement_execution(True, purchased=b, planned=plan).points
    assert low <= high
    above = data.draw(decimals(plan + D("0.01"), plan * 3 + 1), label="above")
    assert procurement_execution(True, purchased=above, planned=plan).points == D("1.00")


def test_procurement_errors() -> None:
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        procurement_execution(True, purchased="1", planned="0")
    assert caught.value.field == "inputs.procurement_execution.planned"
    assert "row 政府采购执行情况" in str(caught.value)
    with pytest.raises(InputError, match="negative") as caught:
        procurement_execution(True, purchased="-1", planned="10")
    assert "政府采购执行情况" in str(caught.value)
    with pytest.raises(InputError, match="not both"):
        procurement_execution(True, purchased="1", planned="2", rate="50%")
    with pytest.raises(RuleError, match="maximum of 1"):
        procurement_execution("1.01", rate="50%")


# ---------------------------------------------------------------- 财务合规性


@pytest.mark.parametrize(
    ("adjustment", "points", "item"),
    [
        ("2.86%", "3.00", "1"),  # the seed department
        ("10%", "3.00", "1"),  # exactly 10 %: 在10%以内
        ("10.5%", "2.95", "0.95"),
        ("12.5%", "2.75", "0.75"),  # 1 − 0.1 × 2.5
        ("19.99%", "2.00", "0.001"),
        ("20%", "2.00", "0"),
        ("35%", "2.00", "0"),
    ],
)
def test_financial_compliance_adjustment(adjustment: str, points: str, item: str) -> None:
    score = financial_compliance(True, True, adjustment=adjustment)
    assert score.points == D(points)
    assert score.parts[1].points == D(item)


def test_financial_compliance_from_amounts() -> None:
    assert financial_compliance(True, True, adjusted="10", budget_total="100").points == D("3.00")
    assert financial_compliance(True, True, adjusted="12.5", budget_total="100").points == D("2.75")
    assert financial_compliance("0.5", "0.25", adjustment=Ratio.percent("5")).points == D("1.75")


@pytest.mark.parametrize(
    ("adjusted", "budget_total", "field", "words"),
    [
        ("1", "0", "budget_total", "is zero, so the ratio is undefined"),
        ("-1", "100", "adjusted", "must not be negative"),
        ("1", "abc", "budget_total", "not part of a printed number"),
    ],
)
def test_financial_compliance_amount_errors_name_the_input(
    adjusted: str, budget_total: str, field: str, words: str
) -> None:
    with pytest.raises(InputError, match=words) as caught:
        financial_compliance(True, True, adjusted=adjusted, budget_total=budget_total)
    assert caught.value.field == f"inputs.financial_compliance.{field}"
    assert "row 财务合规性" in str(caught.value)


def test_financial_compliance_veto() -> None:
    score = financial_compliance(True, True, adjustment="2%", violations=True)
    assert score.points == 0
    assert score.outcome is Outcome.VETO
    assert score.rule_points == 0
    assert len(score.parts) == 3  # the parts are still recorded


def test_financial_compliance_veto_has_two_places() -> None:
    score = financial_compliance(True, True, adjustment="2%", violations=True)
    assert score.points.as_tuple().exponent == -2


@given(percents(0, 40), percents(0, 40))
def test_financial_compliance_falls_as_adjustments_grow(a: Decimal, b: Decimal) -> None:
    low, high = sorted([a, b])
    first = financial_compliance(True, True, adjustment=Ratio.percent(low)).points
    second = financial_compliance(True, True, adjustment=Ratio.percent(high)).points
    assert second <= first


@pytest.mark.parametrize("violations", ["no", 0, None])
def test_financial_compliance_violations_must_be_true_or_false(violations: Any) -> None:
    with pytest.raises(InputError, match="true or false") as caught:
        financial_compliance(True, True, adjustment="2%", violations=violations)
    assert "violations" in str(caught.value)


def test_financial_compliance_violations_error_names_the_indicator() -> None:
    with pytest.raises(InputError) as caught:
        financial_compliance(True, True, adjustment="2%", violations=untyped("yes"))
    assert "financial_compliance" in str(caught.value) or "财务合规性" in str(caught.value)


def test_financial_compliance_bare_number_adjustment() -> None:
    with pytest.raises(InputError, match="ratio must say") as caught:
        financial_compliance(True, True, adjustment=untyped("12.5"))
    assert "adjustment" in str(caught.value)


# ---------------------------------------------------------------- 预决算信息公开


@pytest.mark.parametrize(
    ("budget", "final", "points"),
    [
        ("full", "full", "3.00"),
        ("full", "partial", "2.50"),
        ("partial", "partial", "2.00"),
        ("partial", "none", "1.00"),
        ("none", "full", "1.50"),
        ("none", "none", "0.00"),
    ],
)
def test_budget_disclosure_tiers(budget: str, final: str, points: str) -> None:
    assert budget_disclosure(budget, final).points == D(points)


@pytest.mark.parametrize(("budget", "final"), [(None, None), ("none", "none"), ("partial", None)])
def test_budget_disclosure_classified_exemption_gives_full_weight(budget: Any, final: Any) -> None:
    score = budget_disclosure(budget, final, classified=True)
    assert score.points == D("3.00")
    assert score.outcome is Outcome.EXEMPT
    assert score.parts == ()


def test_budget_disclosure_errors() -> None:
    with pytest.raises(InputError, match="full, partial, none") as caught:
        budget_disclosure("published", "full")
    assert "budget" in str(caught.value)
    assert "'published'" in str(caught.value)
    with pytest.raises(InputError, match="unknown tier"):
        budget_disclosure("full")
    with pytest.raises(InputError, match="true or false"):
        budget_disclosure("full", "full", classified=untyped("yes"))


# ---------------------------------------------------------------- checklists


@pytest.mark.parametrize("rule", [project_procedures, project_supervision, asset_security])
@pytest.mark.parametrize(
    ("items", "points"),
    [(True, "2.00"), ([True, False], "1.00"), ([False, "0.25"], "0.25"), (False, "0.00")],
)
def test_two_item_checklists(rule: Any, items: Any, points: str) -> None:
    assert rule(items).points == D(points)


@pytest.mark.parametrize(
    ("items", "points"),
    [
        (True, "3.00"),
        ([True, False, False], "0.50"),
        ([False, True, False], "1.50"),
        ([True, "1", True], "2.50"),
    ],
)
def test_management_systems(items: Any, points: str) -> None:
    assert management_systems(items).points == D(points)


def test_management_systems_item_points() -> None:
    with pytest.raises(RuleError, match=r"items\[1\]") as caught:
        management_systems(["0.6", True, True])
    assert "管理制度健全性" in str(caught.value)


# ---------------------------------------------------------------- 固定资产利用率


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        ("100", "1.00"),
        ("90", "1.00"),
        ("89.99", "0.70"),
        ("75", "0.70"),
        ("74.99", "0.40"),
        ("60", "0.40"),
        ("59.99", "0.00"),
        ("0", "0.00"),
    ],
)
def test_fixed_asset_utilization_edges(percent: str, points: str) -> None:
    assert fixed_asset_utilization(rate=f"{percent}%").points == D(points)
    assert fixed_asset_utilization(rate=Ratio.percent(percent)).points == D(points)
    assert fixed_asset_utilization(in_use=percent, total="100").points == D(points)


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        ("90", "1"),
        ("89.9999999", "0.7"),
        ("75", "0.7"),
        ("74.9999999", "0.4"),
        ("60", "0.4"),
        ("59.9999999", "0"),
    ],
)
def test_fixed_asset_underlying_band_edges(percent: str, points: str) -> None:
    assert _band_component("fixed_asset_utilization").apply(Ratio.percent(percent)).points == D(
        points
    )


def test_fixed_asset_seed_and_errors() -> None:
    assert fixed_asset_utilization(in_use="505.8", total="505.8").points == D("1.00")
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        fixed_asset_utilization(in_use="0", total="0")
    assert "field inputs.fixed_asset_utilization.total" in str(caught.value)
    with pytest.raises(InputError, match="give rate, or both in_use and total"):
        fixed_asset_utilization(in_use="5")


@given(percents(0, 100), percents(0, 100))  # above 100 % is refused (issue 13)
def test_fixed_asset_rises_with_the_rate(a: Decimal, b: Decimal) -> None:
    low, high = sorted([a, b])
    assert (
        fixed_asset_utilization(rate=Ratio.percent(low)).points
        <= fixed_asset_utilization(rate=Ratio.percent(high)).points
    )


# ---------------------------------------------------------------- 财政供养人员控制率


@pytest.mark.parametrize(
    ("established", "authorized", "points"),
    [(11, 12, "1.00"), (12, 12, "1.00"), (13, 12, "0.00"), (0, 12, "1.00"), (101, 100, "0.00")],
)
def test_funded_staff_control_edges(established: int, authorized: int, points: str) -> None:
    assert funded_staff_control(established, authorized).points == D(points)


def test_funded_staff_underlying_band_edges() -> None:
    band = _band_component("funded_staff_control")
    assert band.apply(Ratio.percent("100")).points == 1
    assert band.apply(Ratio.percent("100.0000001")).points == 0


def test_funded_staff_zero_establishment_is_an_error() -> None:
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        funded_staff_control(1, 0)
    message = str(caught.value)
    assert "row 财政供养人员控制率" in message
    assert "field inputs.funded_staff_control.authorized" in message
    assert "(got 0)" in message


def test_funded_staff_zero_establishment_names_authorized() -> None:
    with pytest.raises(InputError) as caught:
        funded_staff_control(1, 0)
    assert "authorized" in str(caught.value)


@given(st.integers(1, 300), counts(300), counts(300))
def test_funded_staff_falls_as_staff_grow(authorized: int, a: int, b: int) -> None:
    low, high = sorted([a, b])
    assert (
        funded_staff_control(high, authorized).points
        <= funded_staff_control(low, authorized).points
    )


# ---------------------------------------------------------------- 编外人员控制率


def test_non_establishment_staff_seed() -> None:
    score = non_establishment_staff(11, 60)
    assert score.points == D("0.00")
    assert str(score.parts[0].value) == "84.51%"
    band = score.parts[0].detail
    assert isinstance(band, Band)
    assert band.text == "比率>10%的，得0分"


@pytest.mark.parametrize(
    ("established", "extra", "points"),
    [
        (20, 1, "1.00"),  # 1/21 = 4.76 %
        (19, 1, "0.50"),  # exactly 5 %, 1 of 20
        (38, 2, "0.50"),  # exactly 5 %, 2 of 40
        (9, 1, "0.50"),  # exactly 10 %, 1/(9+1)
        (18, 2, "0.50"),  # exactly 10 %
        (8, 1, "0.00"),  # 11.1 %
        (899, 101, "0.00"),  # 10.1 %
        (100, 0, "1.00"),
        (0, 3, "0.00"),
    ],
)
def test_non_establishment_staff_edges(established: int, extra: int, points: str) -> None:
    assert non_establishment_staff(established, extra).points == D(points)


@pytest.mark.parametrize(
    ("ratio", "points"),
    [
        (Ratio.percent("4.9999999"), "1"),
        (Ratio.percent("5"), "0.5"),
        (Ratio.of(1, 20), "0.5"),
        (Ratio.percent("10"), "0.5"),
        (Ratio.of(1, 10), "0.5"),
        (Ratio.percent("10.0000001"), "0"),
        (Ratio.fraction(D("0.1000000000000000000000000000000001")), "0"),
    ],
)
def test_non_establishment_underlying_band_edges(ratio: Ratio, points: str) -> None:
    assert _band_component("non_establishment_staff").apply(ratio).points == D(points)


def test_non_establishment_staff_errors() -> None:
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        non_establishment_staff(0, 0)
    assert caught.value.field == "inputs.non_establishment_staff.established"
    with pytest.raises(InputError, match="negative") as caught:
        non_establishment_staff(11, -1)
    assert caught.value.field == "inputs.non_establishment_staff.non_establishment"
    with pytest.raises(InputError, match="whole number"):
        non_establishment_staff(untyped("11.5"), 1)


@given(counts(300), counts(300), counts(300))
def test_non_establishment_falls_as_non_establishment_grows(
    established: int, a: int, b: int
) -> None:
    low, high = sorted([a, b])
    if established + low == 0:
        low = high = max(high, 1)
    assert (
        non_establishment_staff(established, high).points
        <= non_establishment_staff(established, low).points
    )


# ---------------------------------------------------------------- amounts as strings, negative, NaN


@pytest.mark.parametrize(
    "bad", ["-1", "NaN", "inf", "-inf", Decimal("NaN"), Decimal("Infinity"), "abc"]
)
def test_procurement_amount_must_be_a_finite_non_negative_number(bad: Any) -> None:
    with pytest.raises(InputError) as caught:
        procurement_execution(True, purchased=bad, planned="10")
    assert "field inputs.procurement_execution.purchased" in str(caught.value)
    assert "row 政府采购执行情况" in str(caught.value)


@given(amounts(), positive_amounts())
def test_amount_text_with_blanks_is_read_exactly(part: Any, whole: Any) -> None:
    exact = procurement_execution(
        True, purchased=D(str(part).strip()), planned=D(str(whole).strip())
    )
    assert procurement_execution(True, purchased=part, planned=whole).points == exact.points
