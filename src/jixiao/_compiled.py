"""The plain scoring path, compiled once per rule: points only, no details.

Each primitive explains itself through :meth:`~jixiao.primitives.Component.score`,
which returns the points *and* what applied (the band, the tier, each item's
points). Scoring a department needs only the points, many times over in a
sweep, so each component is compiled once into a small function of the
measured value that returns its points and nothing else; an indicator into a
function of its measures that returns the unrounded points, the rounded points
and the outcome.

A compiled function handles the common, valid values itself and hands
anything else (a value of an unexpected type, one outside every band) to the
component's own ``score``, so errors and edge cases are decided in one place.
The tests check, for every component of every shipped rule set, that the
compiled points equal ``score``'s on generated values.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from jixiao.errors import FrameworkError
from jixiao.primitives import (
    Bands,
    Checklist,
    Component,
    Deduction,
    Excess,
    Judged,
    Proportional,
    Tiers,
)
from jixiao.quantities import CENT, CONTEXT, SETTLE, ZERO, Ratio
from jixiao.score import Outcome

__all__ = [
    "PointsFunction",
    "Scorer",
    "component_points",
    "indicator_scorer",
    "missing_measure",
]

PointsFunction = Callable[[object], Decimal]
"""A compiled component: the points a measured value gives."""

Scorer = Callable[[Mapping[str, object]], tuple[Decimal, Decimal, Outcome]]
"""A compiled indicator: unrounded points, rounded points and outcome of its measures."""

_HALF_UP = decimal.ROUND_HALF_UP


def _generic(component: Component) -> PointsFunction:
    score = component.score

    def points(value: object) -> Decimal:
        return score(value)[0]

    return points


def _bands(component: Bands) -> PointsFunction:
    first = component.bands[0].interval
    lower, lower_closed = first.lower, first.lower_closed
    table = tuple((b.interval.upper, b.interval.upper_closed, b.points) for b in component.bands)
    slow = _generic(component)

    def points(value: object) -> Decimal:
        number = value.value if type(value) is Ratio else value
        if type(number) is not Decimal or (
            lower is not None and (number < lower or (number == lower and not lower_closed))
        ):
            return slow(value)
        # The bands touch in ascending order, so the first whose upper edge
        # admits the value is the one that holds it.
        for upper, closed, band_points in table:
            if upper is None or number < upper or (closed and number == upper):
                return band_points
        return slow(value)

    return points


def _proportional(component: Proportional) -> PointsFunction:
    zero_when, factor, cap = component.zero_when, component.multiplier, component.points
    slow = _generic(component)

    def points(value: object) -> Decimal:
        number = value.value if type(value) is Ratio else value
        if type(number) is not Decimal:
            return slow(value)
        if zero_when is not None and zero_when.contains(number):
            return ZERO
        raw = number * factor
        if raw > cap:
            return cap
        return ZERO if raw < ZERO else raw

    return points


def _deduction(component: Deduction) -> PointsFunction:
    full, per_item = component.points, component.per_item
    slow = _generic(component)

    def points(value: object) -> Decimal:
        if type(value) is not int or value < 0:
            return slow(value)
        left = full - per_item * value
        return ZERO if left < ZERO else left

    return points


def _excess(component: Excess) -> PointsFunction:
    full, threshold = component.points, component.threshold
    per_unit, unit = component.per_unit, component.unit
    slow = _generic(component)

    def points(value: object) -> Decimal:
        number = value.value if type(value) is Ratio else value
        if type(number) is not Decimal:
            return slow(value)
        excess = number - threshold
        if excess <= ZERO:
            return full
        left = full - per_unit * excess / unit
        return ZERO if left < ZERO else left

    return points


def _checklist(component: Checklist) -> PointsFunction:
    full, items = component.points, tuple(item.points for item in component.items)
    count = len(items)
    slow = _generic(component)

    def points(value: object) -> Decimal:
        if value is True:
            return full
        if value is False:
            return ZERO
        if (type(value) is list or type(value) is tuple) and len(value) == count:
            total = ZERO
            for index, verdict in enumerate(value):
                if verdict is True:
                    total = total + items[index]
                elif verdict is not False:
                    return slow(value)
            return total
        return slow(value)

    return points


def _judged(component: Judged) -> PointsFunction:
    full = component.points
    slow = _generic(component)

    def points(value: object) -> Decimal:
        if value is True:
            return full
        if value is False:
            return ZERO
        return slow(value)

    return points


def _tiers(component: Tiers) -> PointsFunction:
    table: dict[str, Decimal] = {}
    for tier in component.tiers:
        table.setdefault(tier.key, tier.points)
    slow = _generic(component)

    def points(value: object) -> Decimal:
        if type(value) is str:
            found = table.get(value)
            if found is not None:
                return found
        return slow(value)

    return points


_COMPILERS: dict[type[Component], Callable[[Any], PointsFunction]] = {
    Bands: _bands,
    Proportional: _proportional,
    Deduction: _deduction,
    Excess: _excess,
    Checklist: _checklist,
    Judged: _judged,
    Tiers: _tiers,
}


def component_points(component: Component) -> PointsFunction:
    """*component* compiled: a function of the measured value that returns the
    points :meth:`~jixiao.primitives.Component.score` would, without the
    detail. A subclass (which may score differently) gets ``score`` itself."""
    compiler = _COMPILERS.get(type(component))
    return compiler(component) if compiler is not None else _generic(component)


def indicator_scorer(
    name: str,
    function: str,
    weight: Decimal,
    components: tuple[Component, ...],
    scale: Decimal | None,
    veto: str | None,
    exemption: str | None,
) -> Scorer:
    """An indicator compiled (see :meth:`jixiao.Indicator.outcome` for what it
    computes): the components' points summed, scaled when re-weighted, settled
    to 20 places, capped at the weight and rounded half-up to 0.01."""
    parts = tuple((c.measure, component_points(c)) for c in components)
    rounded_weight = weight.quantize(CENT, _HALF_UP, CONTEXT)
    rounded_zero = ZERO.quantize(CENT, _HALF_UP, CONTEXT)

    if len(parts) == 1 and scale is None and veto is None and exemption is None:
        # Most indicators: one component, read as written.
        ((only, points_of),) = parts
        rule = Outcome.RULE

        def score_one(measures: Mapping[str, object]) -> tuple[Decimal, Decimal, Outcome]:
            try:
                value = measures[only]
            except KeyError:
                raise missing_measure(function, name, only) from None
            raw = points_of(value).quantize(SETTLE, _HALF_UP, CONTEXT)
            if raw > weight:
                raw = weight
            return raw, raw.quantize(CENT, _HALF_UP, CONTEXT), rule

        return score_one

    def score(measures: Mapping[str, object]) -> tuple[Decimal, Decimal, Outcome]:
        if exemption is not None and measures.get(exemption) is True:
            return weight, rounded_weight, Outcome.EXEMPT
        raw = ZERO
        for measure, points in parts:
            try:
                value = measures[measure]
            except KeyError:
                raise missing_measure(function, name, measure) from None
            raw = raw + points(value)
        if veto is not None and measures.get(veto) is True:
            return ZERO, rounded_zero, Outcome.VETO
        if scale is not None:
            raw = raw * scale
        raw = raw.quantize(SETTLE, _HALF_UP, CONTEXT)
        if raw > weight:
            raw = weight
        return raw, raw.quantize(CENT, _HALF_UP, CONTEXT), Outcome.RULE

    return score


def missing_measure(function: str, name: str, measure: str) -> FrameworkError:
    """The error of a rule function (*function*) that does not give a measure
    the rule of indicator *name* reads."""
    return FrameworkError(f"rule function {function!r} gives no measure {measure!r}", row=name)
