"""A framework compiled for the plain path, and the loop that runs it.

:func:`framework_plan` turns a framework into one step per level-3 indicator
(its measure function and its compiled rule, :mod:`jixiao._compiled`);
:func:`run_plan` runs the steps on a department's inputs in one decimal
context and keeps only the numbers. :func:`jixiao.evaluate` is built on it;
the :class:`~jixiao.Score` objects are made from what it keeps, when asked for.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from jixiao._compiled import PointsFunction, Scorer, component_points, missing_measure
from jixiao.errors import InputError, JixiaoError
from jixiao.quantities import CENT, CONTEXT, SETTLE, ZERO
from jixiao.score import Outcome

if TYPE_CHECKING:
    from jixiao.framework import Framework, Indicator
    from jixiao.rules._registry import MeasureFunction
    from jixiao.score import Override

__all__ = ["Plan", "Result", "Step", "framework_plan", "indicator_plan", "run_plan", "step_of"]

_HALF_UP = decimal.ROUND_HALF_UP
_RULE = Outcome.RULE

Result = tuple[
    "Indicator",
    Decimal,
    Decimal,
    Decimal,
    Mapping[str, object],
    Mapping[str, object],
    Outcome,
    "Override | None",
]
"""What the plain path keeps of one indicator: the indicator, final points,
rule points, unrounded points, inputs (a copy), measures, outcome and override."""

Single = tuple[str, PointsFunction, Decimal]
"""A rule of one component read as written: its measure, compiled points, weight."""

Step = tuple[
    "Indicator",
    str,
    "MeasureFunction | None",
    frozenset[str],
    "Single | None",
    Scorer,
]
"""One indicator of a plan: the indicator; its key; its measure function, or
``None`` when the measures are the inputs as given; the names of those inputs;
its rule when it is a single component read as written; its compiled rule."""


@attrs.frozen
class Plan:
    """A framework compiled for the plain path: one step per level-3
    indicator, in order, and the set of their keys."""

    steps: tuple[Step, ...]
    keys: frozenset[str]
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """Each group's key with the positions of the steps below it."""


def step_of(indicator: Indicator) -> Step:
    """*indicator*'s step: its measure function and its compiled rule."""
    from jixiao.rules._registry import AS_GIVEN, MEASURES, PARAMETERS, rule_function

    function = indicator.function
    rule_function(function)  # an unknown rule is refused here, by name
    measure = MEASURES[function]
    single: Single | None = None
    if (
        len(indicator.components) == 1
        and indicator.scale is None
        and indicator.veto is None
        and indicator.exemption is None
    ):
        (component,) = indicator.components
        single = (component.measure, component_points(component), indicator.weight)
    return (
        indicator,
        indicator.key,
        None if measure in AS_GIVEN else measure,
        PARAMETERS[function],
        single,
        indicator.scorer,
    )


def indicator_plan(indicator: Indicator) -> Plan:
    """A plan of one indicator (for scoring a rule many times, as a sweep does)."""
    return Plan((step_of(indicator),), frozenset({indicator.key}))


def framework_plan(fw: Framework) -> Plan:
    """The plan of *fw* (built once per framework: see ``Framework.plan``)."""
    steps = tuple(step_of(indicator) for indicator in fw.indicators)
    position = {indicator.key: index for index, indicator in enumerate(fw.indicators)}
    groups = tuple(
        (key, tuple(position[leaf] for leaf in leaves)) for key, leaves in fw.group_leaves
    )
    return Plan(steps, frozenset(position), groups)


def run_plan(
    plan: Plan,
    inputs: Mapping[str, Mapping[str, object]],
    overrides: Mapping[str, Override],
) -> tuple[Decimal, tuple[Result, ...]]:
    """Score every indicator of *plan* from *inputs*: the total and what each gave.

    Each indicator's inputs are checked by name (unknown, missing), its
    measure function computes the measures, its compiled rule the points, all
    in :data:`~jixiao.quantities.CONTEXT`; errors are located at the indicator.
    """
    results: list[Result] = []
    append = results.append
    total = ZERO
    # Locals: read once per indicator on the hot path.
    context, half_up, settle_to, cent, rule = CONTEXT, _HALF_UP, SETTLE, CENT, _RULE
    with decimal.localcontext(context):
        for indicator, key, measure, names, single, scorer in plan.steps:
            try:
                given = inputs[key]
            except KeyError:
                raise InputError(
                    "missing inputs for this indicator", field=f"inputs.{key}"
                ) from None
            try:
                if measure is None:  # the measures are the inputs as given
                    if type(given) is not dict or given.keys() != names:
                        _refuse_bad_inputs(indicator, given)
                    measures = copy = dict(given)
                else:
                    try:
                        measures = measure(**given)
                    except TypeError:
                        # Unknown or missing inputs, or not a table of inputs:
                        # say which; any other TypeError is a fault and propagates.
                        _refuse_bad_inputs(indicator, given)
                        raise
                    copy = dict(given)
                if single is None:
                    raw, points, how = scorer(measures)
                else:
                    only, points_of, weight = single
                    try:
                        value = measures[only]
                    except KeyError:
                        raise missing_measure(indicator.function, indicator.name, only) from None
                    raw = points_of(value).quantize(settle_to, half_up, context)
                    if raw > weight:
                        raw = weight
                    points = raw.quantize(cent, half_up, context)
                    how = rule
            except JixiaoError as error:
                raise error.located(row=indicator.name, field=f"inputs.{key}") from None
            override = overrides.get(key) if overrides else None
            final = points if override is None else override.final_points(indicator.weight, key)
            total += final
            append((indicator, final, points, raw, copy, measures, how, override))
    return total, tuple(results)


def _refuse_bad_inputs(indicator: Indicator, given: object) -> None:
    """Name what is wrong with an indicator's inputs (the error path of
    :func:`run_plan`, so the registry is imported only then)."""
    from jixiao.rules._registry import check_inputs

    check_inputs(indicator, given)
