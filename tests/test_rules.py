"""jixiao.rules: properties every one of the 21 rule functions has, and the registry."""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import InputError, JixiaoError, UnknownKeyError
from jixiao.framework import Framework, Indicator
from jixiao.quantities import Ratio, as_ratio, round_points
from jixiao.rules import RULES, call_rule, rule_function
from jixiao.score import Outcome, Score
from jixiao.spec.measures import RatioMeasure

from .strategies import luohu, reweighted_frameworks, rule_inputs

D = Decimal
INDICATORS = luohu().indicators


def _check_points(score: Score, indicator: Indicator) -> None:
    assert isinstance(score.points, Decimal)
    assert score.points.as_tuple().exponent == -2, score.points
    assert 0 <= score.points <= indicator.weight
    assert score.rule_points == score.points
    assert score.weight == indicator.weight
    assert score.indicator == indicator


def test_there_are_21_rules_one_per_indicator() -> None:
    assert len(INDICATORS) == 21
    assert [i.key for i in INDICATORS] == [i.function for i in INDICATORS]
    # every registered rule function is used by some registered framework
    import jixiao

    used = {
        i.function for id in jixiao.available_frameworks() for i in jixiao.framework(id).indicators
    }
    assert sorted(RULES) == sorted(used)


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.key)
@given(data=st.data())
def test_points_within_weight_with_two_places(indicator: Indicator, data: st.DataObject) -> None:
    inputs = data.draw(rule_inputs(indicator), label="inputs")
    score = RULES[indicator.function](**inputs)
    _check_points(score, indicator)
    assert all(score.inputs[name] == value for name, value in inputs.items())
    assert call_rule(indicator, inputs) == score  # the same, and pure
    assert score.unrounded >= 0


@given(data=st.data(), fw=reweighted_frameworks())
def test_points_within_weight_on_reweighted_frameworks(data: st.DataObject, fw: Framework) -> None:
    indicator = data.draw(st.sampled_from(fw.indicators), label="indicator")
    inputs = data.draw(rule_inputs(indicator), label="inputs")
    score = RULES[indicator.function](**inputs, indicator=indicator)
    _check_points(score, indicator)


@given(rule_inputs(luohu().indicator("financial_compliance")))
def test_financial_compliance_veto_gives_zero(inputs: dict[str, Any]) -> None:
    score = RULES["financial_compliance"](**inputs)
    vetoed = inputs.get("violations", False)
    assert (score.outcome is Outcome.VETO) == vetoed
    if vetoed:
        assert score.points == D("0.00")
    else:
        assert score.points == round_points(sum((p.points for p in score.parts), D(0)))


# ---------------------------------------------------------------- the registry


def test_rule_function_lookup() -> None:
    assert rule_function("satisfaction") is RULES["satisfaction"]
    with pytest.raises(UnknownKeyError, match="no rule function") as caught:
        rule_function("happiness")
    assert "happiness" in str(caught.value)
    assert "satisfaction" in str(caught.value)


def test_every_rule_function_takes_exactly_its_indicators_declared_inputs() -> None:
    """The typed entry points and the rule data cannot drift: each function's
    parameters (but ``indicator``) are the inputs every indicator naming it
    declares, in order, required exactly when they have no default."""
    import jixiao

    for id in jixiao.available_frameworks():
        for indicator in jixiao.framework(id).indicators:
            parameters = [
                p
                for p in inspect.signature(RULES[indicator.function]).parameters.values()
                if p.name != "indicator"
            ]
            declared = [(i.name, i.required) for i in indicator.inputs]
            assert [(p.name, p.default is p.empty) for p in parameters] == declared, indicator.key


def test_scores_record_every_input_with_defaults_however_called() -> None:
    indicator = luohu().indicator("procurement_execution")
    given_inputs = {"policy": True, "rate": "98%"}
    expected = {"policy": True, "purchased": None, "planned": None, "rate": "98%"}
    assert call_rule(indicator, given_inputs).inputs == expected
    assert list(call_rule(indicator, given_inputs).inputs) == list(expected)
    assert RULES["procurement_execution"](True, rate="98%").inputs == expected


def test_call_rule_refuses_inputs_that_are_not_a_table() -> None:
    indicator = luohu().indicator("satisfaction")
    for bad in (["95%"], "95%", {1: "95%"}):
        with pytest.raises(InputError, match="expected a table of named inputs") as caught:
            call_rule(indicator, bad)  # type: ignore[arg-type]
        assert "inputs.satisfaction" in str(caught.value)


def test_call_rule_unknown_input_names_row_field_and_key() -> None:
    indicator = luohu().indicator("satisfaction")
    with pytest.raises(UnknownKeyError, match="unknown input") as caught:
        call_rule(indicator, {"rate": "95%", "colour": "red"})
    message = str(caught.value)
    assert "colour" in message
    assert "公众或服务对象满意度" in message
    assert "inputs.satisfaction" in message
    assert "expected: rate" in message


def test_call_rule_missing_input() -> None:
    indicator = luohu().indicator("funded_staff_control")
    with pytest.raises(InputError, match="missing input") as caught:
        call_rule(indicator, {"established": 11})
    message = str(caught.value)
    assert "authorized" in message
    assert "财政供养人员控制率" in message
    assert "inputs.funded_staff_control" in message


def test_as_ratio() -> None:
    assert as_ratio("84.51%", "rate") == Ratio.percent("84.51")
    assert as_ratio(" 84.51％ ", "rate") == Ratio.percent("84.51")
    ratio = Ratio.fraction("0.5")
    assert as_ratio(ratio, "rate") is ratio
    bare: list[Any] = [Decimal("95"), "95", 95, "0.95", 0.95, None]
    for value in bare:
        with pytest.raises(InputError, match="ratio must say what it is") as caught:
            as_ratio(value, "rate")
        assert "field rate" in str(caught.value)


RATE = RatioMeasure("rate", part="spent", whole=("budget",), given="rate")


def _rate(rate: object, spent: object, budget: object) -> object:
    values = {"rate": rate, "spent": spent, "budget": budget}
    return RATE.compute(values, values)


def test_a_ratio_measure_needs_exactly_one_form() -> None:
    assert _rate(Ratio.percent("50"), None, None) == Ratio.percent("50")
    assert _rate(None, "1", "2") == Ratio.percent("50")
    with pytest.raises(InputError, match="give either rate or spent and budget, not both"):
        _rate("50%", "1", "2")
    with pytest.raises(InputError, match="not both"):
        _rate("50%", "1", None)
    with pytest.raises(InputError, match="give rate, or both spent and budget") as caught:
        _rate(None, "1", None)
    assert caught.value.field == "rate"
    with pytest.raises(InputError, match="give rate, or both spent and budget"):
        _rate(None, None, None)


def test_a_ratio_measure_names_the_amounts() -> None:
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        _rate(None, "1", "0")
    assert caught.value.field == "budget"
    with pytest.raises(InputError, match="negative") as caught:
        _rate(None, "-1", "2")
    assert caught.value.field == "spent"


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.key)
def test_every_rule_refuses_no_inputs(indicator: Indicator) -> None:
    with pytest.raises((InputError, TypeError)):
        RULES[indicator.function]()
    with pytest.raises(JixiaoError):
        call_rule(indicator, {})


FLOAT: Any = 0.5

FLOAT_INPUTS: list[tuple[str, dict[str, Any]]] = [
    ("budget_reasonableness", {"items": [FLOAT, True, True, True, True]}),
    ("indicator_clarity", {"items": [True, FLOAT, True, True, True]}),
    ("procurement_execution", {"policy": FLOAT, "purchased": "1", "planned": "2"}),
    ("procurement_execution", {"policy": True, "purchased": FLOAT, "planned": "2"}),
    ("procurement_execution", {"policy": True, "purchased": "1", "planned": FLOAT}),
    ("financial_compliance", {"spending": FLOAT, "accounting": True, "adjustment": "1%"}),
    ("financial_compliance", {"spending": True, "accounting": FLOAT, "adjustment": "1%"}),
    (
        "financial_compliance",
        {"spending": True, "accounting": True, "adjusted": FLOAT, "budget_total": "9"},
    ),
    ("project_procedures", {"items": [True, FLOAT]}),
    ("project_supervision", {"items": [FLOAT, True]}),
    ("asset_security", {"items": [FLOAT, True]}),
    ("fixed_asset_utilization", {"in_use": FLOAT, "total": "2"}),
    ("fixed_asset_utilization", {"in_use": "1", "total": FLOAT}),
    ("management_systems", {"items": [FLOAT, True, True]}),
    (
        "public_funds_control",
        {
            "three_public_spent": FLOAT,
            "three_public_budget": "1",
            "routine_spent": "1",
            "routine_budget": "1",
        },
    ),
    (
        "public_funds_control",
        {
            "three_public_spent": "1",
            "three_public_budget": "1",
            "routine_spent": "1",
            "routine_budget": FLOAT,
        },
    ),
    ("budget_execution", {"quarters": [{"spent": FLOAT, "budget": "1"}] * 4}),
    ("effectiveness", {"points": FLOAT}),
    ("petition_handling", {"items": [True, True, FLOAT]}),
]

FLOAT_COUNTS: list[tuple[str, dict[str, Any]]] = [
    ("budget_compliance", {"violations": FLOAT}),
    ("target_completeness", {"shortfalls": FLOAT}),
    ("funded_staff_control", {"established": FLOAT, "authorized": 12}),
    ("non_establishment_staff", {"established": 11, "non_establishment": FLOAT}),
    ("key_task_completion", {"uncompleted": FLOAT}),
    ("project_timeliness", {"planned": 8, "completed": FLOAT}),
]


@pytest.mark.parametrize(("key", "inputs"), FLOAT_INPUTS, ids=[k for k, _ in FLOAT_INPUTS])
def test_a_float_anywhere_is_an_input_error_mentioning_float(
    key: str, inputs: dict[str, Any]
) -> None:
    with pytest.raises(InputError, match="float") as caught:
        RULES[key](**inputs)
    assert "0.5" in str(caught.value)
    assert f"inputs.{key}" in str(caught.value)


@pytest.mark.parametrize(("key", "inputs"), FLOAT_COUNTS, ids=[k for k, _ in FLOAT_COUNTS])
def test_a_float_count_is_an_input_error(key: str, inputs: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        RULES[key](**inputs)
    assert "0.5" in str(caught.value)
    assert f"inputs.{key}" in str(caught.value)


@pytest.mark.parametrize(("key", "inputs"), FLOAT_COUNTS, ids=[k for k, _ in FLOAT_COUNTS])
def test_a_float_count_error_mentions_float(key: str, inputs: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="float"):
        RULES[key](**inputs)
