"""The one evaluator: a rule's inputs → its measures → its points, with an
optional trace (private; :func:`jixiao.score.score_rule` is the public face).

Scoring runs in two stages, each written once:

- :func:`read_measures` checks the inputs by name against the rule's
  declared inputs, reads each by its kind, checks the constraints and
  computes the declared measures in order;
- :func:`score_measures` puts the points together from the measures as
  :mod:`jixiao.spec.rules` describes (exemption, components, scoped vetoes,
  rounding of parts, veto, scale, settling, cap, rounding), recording each
  part when a trace is asked for.

A department evaluation, a project row, a sweep and a what-if all call these;
an explanation asked for later re-runs the second stage with the trace on, on
the measures the first recorded. Nothing here enters the decimal context:
callers score in :data:`jixiao.quantities.CONTEXT`.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal

import attrs

from jixiao.errors import FrameworkError, InputError, UnknownKeyError
from jixiao.primitives import Checklist, Part
from jixiao.quantities import CENT, CONTEXT, SETTLE, ZERO, round_points
from jixiao.spec.rules import Condition, Indicator
from jixiao.spec.rulesets import Outcome

__all__ = ["RuleResult", "check_inputs", "evaluate_rule", "read_measures", "score_measures"]

_HALF_UP = decimal.ROUND_HALF_UP
_RULE, _VETO, _EXEMPT = Outcome.RULE, Outcome.VETO, Outcome.EXEMPT
_ROUNDED_ZERO = round_points(ZERO)


@attrs.define
class RuleResult:
    """What scoring one rule gave: built once by the evaluator and never
    changed (a slotted record that is not frozen, because building frozen
    records field by field took a sixth of an evaluation's time).

    Attributes:
        indicator: the rule.
        points: its points, rounded half-up to 0.01.
        unrounded: the points before rounding (scaled, settled, capped).
        total: the parts' sum as computed, before scaling, settling and capping.
        inputs: the inputs as given, in declared order, defaults filled in.
        measures: the measures its components and conditions read.
        outcome: rule, veto or exemption.
        parts: what each component gave, when traced (else ``None``).
        conditions: the scoped vetoes that set a part to 0.
    """

    indicator: Indicator
    points: Decimal
    unrounded: Decimal
    total: Decimal
    inputs: Mapping[str, object]
    measures: Mapping[str, object]
    outcome: Outcome
    parts: tuple[Part, ...] | None = None
    conditions: tuple[Condition, ...] = ()


def check_inputs(indicator: Indicator, inputs: object) -> Mapping[str, object]:
    """*inputs* as a mapping of the inputs *indicator*'s rule declares.

    Raises:
        InputError: *inputs* is not a table of inputs, or lacks a required one.
        UnknownKeyError: it names an input the rule does not take.
    """
    where = {"row": indicator.name, "field": f"inputs.{indicator.key}"}
    if not isinstance(inputs, Mapping) or not all(isinstance(k, str) for k in inputs):
        raise InputError(
            "expected a table of named inputs",
            zh="应为按名称给出输入的键值表",
            value=inputs,
            **where,
        )
    plan = indicator.plan
    allowed = plan.names
    if not allowed.issuperset(inputs):
        unknown = sorted(set(inputs) - allowed)
        raise UnknownKeyError(
            f"unknown input(s) {', '.join(unknown)}; expected: {', '.join(sorted(allowed))}",
            zh=f"未知的输入 {', '.join(unknown)}；可用的输入：{', '.join(sorted(allowed))}",
            **where,
        )
    if not plan.required.issubset(inputs):
        missing = sorted(plan.required - set(inputs))
        raise InputError(
            f"missing input(s) {', '.join(missing)}", zh=f"缺少输入 {', '.join(missing)}", **where
        )
    return inputs


def read_measures(
    indicator: Indicator, given: object
) -> tuple[dict[str, object], dict[str, object]]:
    """The inputs as given (in declared order, defaults filled in) and the
    measures the rule's components and conditions read.

    Raises:
        InputError: an input is missing, unknown or unusable (errors name the
            input; the caller locates them at the indicator).
    """
    plan = indicator.plan
    if (
        type(given) is not dict
        or not plan.names.issuperset(given)
        or not plan.required.issubset(given)
    ):
        given = check_inputs(indicator, given)
    inputs: dict[str, object] = {}
    values: dict[str, object] = {}
    for name, read, default in plan.inputs:
        if name in given:
            value = given[name]
            inputs[name] = value
            values[name] = value if read is None else read(value)
        else:  # optional: its default
            inputs[name] = values[name] = default
    for item in plan.constrained:
        for constraint in item.constraints:
            constraint.check(item, values, indicator.name)
    for measure in plan.measures:
        values[measure.key] = measure.compute(values, inputs)
    try:
        return inputs, {name: values[name] for name in plan.read}
    except KeyError as error:
        raise FrameworkError(
            f"the rule reads {error.args[0]!r}, which is neither an input nor a measure",
            zh=f"评分标准读取 {error.args[0]!r}，但它既不是输入也不是计算量",
            row=indicator.name,
        ) from None


def score_measures(
    indicator: Indicator,
    inputs: Mapping[str, object],
    measures: Mapping[str, object],
    trace: bool = False,
) -> RuleResult:
    """The points *measures* give on *indicator* (see :mod:`jixiao.spec.rules`
    for the order of the steps), each part recorded when *trace*."""
    plan = indicator.plan
    weight = plan.weight
    exemption = plan.exemption
    if exemption is not None and exemption.holds(measures.get(exemption.measure)):
        return RuleResult(
            indicator,
            plan.rounded_weight,
            weight,
            weight,
            inputs,
            measures,
            _EXEMPT,
            () if trace else None,
        )
    scoped = plan.scoped
    if scoped is not None and not scoped.holds(measures.get(scoped.measure)):
        scoped = None
    by_parts = plan.by_parts
    total = ZERO
    parts: list[Part] | None = [] if trace else None
    for component, measure, score in plan.components:
        value = measures[measure]
        points, detail = score(value)
        if scoped is not None and scoped.item[0] == measure:
            points, detail = _set_aside(component, points, detail, scoped)
        if by_parts:
            points = round_points(points)
        total = total + points
        if parts is not None:
            parts.append(Part(component, value, points, detail))
    recorded = None if parts is None else tuple(parts)
    applied = () if scoped is None else (scoped,)
    veto = plan.veto
    if veto is not None and veto.holds(measures.get(veto.measure)):
        return RuleResult(
            indicator, _ROUNDED_ZERO, ZERO, total, inputs, measures, _VETO, recorded, applied
        )
    raw = total
    scale = plan.scale
    if scale is not None:
        raw = raw * scale
    raw = raw.quantize(SETTLE, _HALF_UP, CONTEXT)
    if raw > weight:
        raw = weight
    points = raw.quantize(CENT, _HALF_UP, CONTEXT)
    return RuleResult(indicator, points, raw, total, inputs, measures, _RULE, recorded, applied)


def _set_aside(
    component: object, points: Decimal, detail: object, condition: Condition
) -> tuple[Decimal, object]:
    """A part under a veto scoped to it: 0, or its item set to 0."""
    _, item = condition.item
    if item is None or not isinstance(component, Checklist) or not isinstance(detail, tuple):
        return ZERO, detail
    earned = tuple(ZERO if i == item - 1 else e for i, e in enumerate(detail))
    return sum(earned, ZERO), earned


def evaluate_rule(indicator: Indicator, given: object, trace: bool = False) -> RuleResult:
    """Score *indicator* on the inputs *given* (both stages; see the module)."""
    inputs, measures = read_measures(indicator, given)
    return score_measures(indicator, inputs, measures, trace)
