"""jixiao._plan: a framework's plan gives what the explained path gives.

Every step of every shipped framework's plan is run on generated inputs and
compared with the rule function's Score and with what the explanation's parts
add up to; bad inputs are named at their indicator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jixiao
from jixiao._plan import Plan, run_plan
from jixiao.errors import FrameworkError, InputError, JixiaoError, UnknownKeyError
from jixiao.framework import Framework, Indicator
from jixiao.primitives import Bands
from jixiao.quantities import ZERO, round_points, settle
from jixiao.rules import call_rule
from jixiao.rules._registry import AS_GIVEN, MEASURES, PARAMETERS
from jixiao.score import Outcome

from .test_registry import inputs_for

D = Decimal
FRAMEWORKS: list[Framework] = [jixiao.framework(i) for i in jixiao.available_frameworks()]
INDICATORS: list[tuple[str, Indicator, Framework]] = [
    (f"{fw.id}:{indicator.key}", indicator, fw) for fw in FRAMEWORKS for indicator in fw.indicators
]


def _reference(indicator: Indicator, measures: dict[str, object]) -> tuple[Decimal, Outcome]:
    """The points the explanation's parts add up to, as the rule text says."""
    if indicator.exemption and measures.get(indicator.exemption.measure) is True:
        return indicator.weight, Outcome.EXEMPT
    parts = indicator.parts(measures)
    if indicator.veto and measures.get(indicator.veto.measure) is True:
        return ZERO, Outcome.VETO
    raw = sum((p.points for p in parts), ZERO)
    if indicator.scale is not None:
        raw *= indicator.scale
    return min(settle(raw), indicator.weight), Outcome.RULE


@pytest.mark.parametrize(("name", "indicator", "fw"), INDICATORS, ids=[n for n, *_ in INDICATORS])
@settings(max_examples=40)
@given(data=st.data())
def test_the_plan_gives_what_the_explanation_adds_up_to(
    name: str, indicator: Indicator, fw: Framework, data: st.DataObject
) -> None:
    inputs = data.draw(inputs_for(indicator), label="inputs")
    (step,) = [s for s in fw.plan.steps if s[0] is indicator]
    plan = Plan((step,), frozenset({indicator.key}))
    try:
        expected = call_rule(indicator, inputs)
    except JixiaoError as error:
        refused: JixiaoError | None = error
    else:
        refused = None
    if refused is not None:
        with pytest.raises(type(refused)) as caught:
            run_plan(plan, {indicator.key: inputs}, {})
        assert str(caught.value) == str(refused)
        return
    total, ((_, points, rule_points, raw, copy, measures, how, override),) = run_plan(
        plan, {indicator.key: inputs}, {}
    )
    assert (total, points, rule_points, raw, how) == (
        expected.points,
        expected.points,
        expected.rule_points,
        expected.unrounded,
        expected.outcome,
    )
    assert measures == expected.measures
    assert copy == inputs
    assert copy is not inputs
    assert override is None
    unrounded, outcome = _reference(indicator, dict(measures))
    assert (raw, how) == (unrounded, outcome)
    assert points == round_points(unrounded)


def test_measures_as_given_are_the_inputs_themselves() -> None:
    for key, function in MEASURES.items():
        if function in AS_GIVEN:
            (name,) = PARAMETERS[key]
            assert function(**{name: [True]}) == {name: [True]}


def _seed() -> tuple[Framework, dict[str, Any]]:
    department = jixiao.load_department("examples/luohu-2023-department.toml")
    return department.resolve_framework(), {k: dict(v) for k, v in department.inputs.items()}


def test_the_plan_names_the_indicator_of_a_bad_input() -> None:
    fw, inputs = _seed()
    inputs["satisfaction"] = {"rate": "ninety"}
    with pytest.raises(InputError) as caught:
        jixiao.evaluate(fw, inputs)
    assert "公众或服务对象满意度" in str(caught.value)
    assert "inputs.satisfaction" in str(caught.value)


@pytest.mark.parametrize(
    ("key", "given", "error", "message"),
    [
        ("satisfaction", {"rate": "95%", "colour": "red"}, UnknownKeyError, "colour"),
        ("funded_staff_control", {"established": 11}, InputError, "authorized"),
        ("budget_reasonableness", {"items": [True] * 5, "x": 1}, UnknownKeyError, "x"),
        ("budget_reasonableness", {}, InputError, "items"),
        ("satisfaction", ["95%"], InputError, "table of named inputs"),
        ("budget_reasonableness", "yes", InputError, "table of named inputs"),
    ],
)
def test_the_plan_names_unknown_and_missing_inputs(
    key: str, given: object, error: type[Exception], message: str
) -> None:
    fw, inputs = _seed()
    inputs[key] = given
    with pytest.raises(error, match=message) as caught:
        jixiao.evaluate(fw, inputs)
    assert f"inputs.{key}" in str(caught.value)


def test_the_plan_reads_any_mapping_of_inputs() -> None:
    from types import MappingProxyType

    fw, inputs = _seed()
    expected = jixiao.evaluate(fw, inputs).total
    proxied = {k: MappingProxyType(v) for k, v in inputs.items()}
    assert jixiao.evaluate(fw, proxied).total == expected


def test_a_rule_function_that_lacks_a_measure_is_named() -> None:
    fw, inputs = _seed()
    satisfaction = fw.indicator("satisfaction")
    (bands,) = satisfaction.components
    assert isinstance(bands, Bands)
    renamed = fw.replace(
        Indicator(
            key=satisfaction.key,
            name=satisfaction.name,
            name_en=satisfaction.name_en,
            weight=satisfaction.weight,
            function=satisfaction.function,
            components=(Bands(measure="share", points=bands.points, bands=bands.bands),),
            citation=satisfaction.citation,
        )
    )
    with pytest.raises(FrameworkError, match="gives no measure 'share'") as caught:
        jixiao.evaluate(renamed, inputs)
    assert "公众或服务对象满意度" in str(caught.value)


def test_the_evaluation_keeps_its_own_copy_of_the_inputs() -> None:
    fw, inputs = _seed()
    evaluation = jixiao.evaluate(fw, inputs)
    inputs["satisfaction"]["rate"] = "10%"
    assert evaluation.score("satisfaction").inputs == {"rate": "95%"}
