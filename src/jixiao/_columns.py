"""The column evaluator: one rule's data interpreted over columns of scenarios
(private; :mod:`jixiao.sweep` uses it when numpy is installed).

It reads the same data as the one evaluator (:mod:`jixiao._evaluator`): the
rule's plan (:attr:`jixiao.spec.rules.Indicator.plan`), its inputs' kinds and
constraints, its measures and components by their ``kind``, its conditions,
rounding, scale and cap. No rule is written here: each measure kind and each
component kind has a column form, chosen by the kind; a kind without one (or a
value it does not read, such as an :class:`~jixiao.Amount`) raises
:class:`NoColumnForm` and the caller scores that rule with the one evaluator.

**Exact by construction.** Numbers are float64 with a proven error bound
(:mod:`jixiao._column_values`: each conversion and operation adds its bound).
Every decision the rule takes (a band or interval edge, a condition's edge,
a whole that may be 0, a broken constraint, a rounding tie at the half-cent or
at a ratio's quantum, a whole step of an excess) is taken on the floats only
where the float lies farther than its bound from the decision point; every
other row is *flagged*. Away from decisions the rule is continuous (products,
caps ``min``/``max``, sums), so the final points, rounded half-up to the cent
where the float is not within its bound of a half-cent, are the cents the
Decimal evaluator gives. Flagged rows (and rows whose input the readers
refuse) are re-scored by the caller with the one evaluator, which also raises
the error a bad scenario deserves. Values a component scores from a small
table (tiers, verdicts, judged points) are scored exactly, once per entry, by
the component's own :meth:`~jixiao.primitives.Component.score`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

import jixiao._column_readers as _readers
from jixiao._column_readers import NoColumnForm, State
from jixiao._column_values import (
    SLACK,
    Cat,
    Flags,
    Num,
    constant,
    from_decimals,
    near,
    round_half_up,
    to_cents,
)
from jixiao._evaluator import _set_aside
from jixiao.errors import JixiaoError
from jixiao.intervals import Interval
from jixiao.primitives import Bands, Component, Deduction, Excess, Proportional
from jixiao.quantities import CENT, ONE, ZERO
from jixiao.spec.measures import (
    ChangeMeasure,
    ElementMeasure,
    MeanMeasure,
    Measure,
    PositionMeasure,
    RatioMeasure,
    ScheduleMeasure,
)
from jixiao.spec.rules import Condition, Indicator

__all__ = ["NoColumnForm", "column_points"]

Column: TypeAlias = Any
"""A value column: :class:`Num`, :class:`Cat`, or a tuple (list) or dict
(record) of columns."""
Ints: TypeAlias = npt.NDArray[np.int64]


def column_points(
    indicator: Indicator, given: Mapping[str, object], rows: int
) -> tuple[Ints, Flags]:
    """*indicator*'s points, in whole cents, over *rows* scenarios, and the
    rows to re-score with the one evaluator.

    *given* holds, for each input, its column as given (:class:`Coded`,
    :class:`Fixed`, or a tuple or dict of them for a list input changed in
    parts); an input left out takes its default.

    Raises:
        NoColumnForm: the rule (or a value it reads) has no column form.
    """
    plan = indicator.plan
    state = State(rows)
    values: dict[str, Column] = {}
    for item in indicator.inputs:
        values[item.name] = _readers.read_input(item, given.get(item.name), state)
    for item in plan.constrained:
        for constraint in item.constraints:
            _readers.check_constraint(constraint, item, values, state)
    for measure in plan.measures:
        compute = _MEASURES.get(measure.kind)
        if compute is None:
            raise NoColumnForm(measure.kind)
        values[measure.key] = compute(measure, values, state)
    exempt = _holds(plan.exemption, values, state)
    scoped = plan.scoped
    aside = _holds(scoped, values, state)
    total: Num | None = None
    for component, read, _ in plan.components:
        column = values.get(read)
        if column is None:
            raise NoColumnForm(read)
        scope = scoped if scoped is not None and scoped.item[0] == read else None
        points = _score(component, column, scope, aside, state)
        if plan.by_parts:
            points, flagged = round_half_up(points, CENT)
            state.flag(flagged)
        total = points if total is None else total + points
    vetoed = _holds(plan.veto, values, state)
    if total is None:
        total = constant(ZERO)
    if plan.scale is not None:
        total = total.times(plan.scale)
    cents, flagged = to_cents(total.clip(high=plan.weight))
    state.flag(flagged)
    if cents.shape != (rows,):  # a total the same in every row
        cents = np.full(rows, cents, dtype=np.int64)
    if vetoed is not None:
        cents = np.where(vetoed, 0, cents)
    if exempt is not None:
        cents = np.where(exempt, int(plan.rounded_weight * 100), cents)
    return cents, state.flagged


# Measures ---------------------------------------------------------------------


def _num(column: Column) -> Num:
    if isinstance(column, Num):
        return column
    raise NoColumnForm("a measure reads a value that is not a number")


def _ratio(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, RatioMeasure)
    part = values[measure.part]
    wholes = [values[name] for name in measure.whole]
    if measure.given and not _readers.is_none(values.get(measure.given)):
        if not all(_readers.is_none(c) for c in (part, *wholes)):
            raise NoColumnForm("both a ready ratio and its parts")
        return _quantized(_num(values[measure.given]), measure.rounding, state)
    total = _num(wholes[0])
    for whole in wholes[1:]:
        total = total + _num(whole)
    ratio = state.divide(_num(part), total)
    if measure.at_most is not None:
        state.flag(near(ratio, measure.at_most))
        above = ratio.x > float(measure.at_most)
        ratio = _quantized(ratio, measure.rounding, state)
        return constant(measure.at_most).where(above, ratio)
    return _quantized(ratio, measure.rounding, state)


def _quantized(ratio: Num, quantum: Decimal | None, state: State) -> Num:
    if quantum is None:
        return ratio
    rounded, flagged = round_half_up(ratio, quantum)
    state.flag(flagged)
    return rounded


def _change(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, ChangeMeasure)
    if measure.given and not _readers.is_none(values.get(measure.given)):
        if not (
            _readers.is_none(values[measure.current]) and _readers.is_none(values[measure.previous])
        ):
            raise NoColumnForm("both a ready rate and its amounts")
        return values[measure.given]
    ratio = state.divide(_num(values[measure.current]), _num(values[measure.previous]))
    return ratio - constant(ONE)


_POSITIONS = ("zero", "within", "above")


def _position(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, PositionMeasure)
    amount, limit = _num(values[measure.amount]), _num(values[measure.limit])
    state.flag(near(amount, ZERO))
    gap = amount - limit
    state.flag(near(gap, ZERO))
    codes = np.where(amount.x <= 0, 0, np.where(gap.x <= 0, 1, 2))
    return Cat(codes.astype(np.intp), _POSITIONS)


def _schedule(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, ScheduleMeasure)
    records, ready = values.get(measure.records), values.get(measure.given)
    if _readers.is_none(records) and isinstance(ready, tuple):
        progress = [_num(entry) for entry in ready]
    elif _readers.is_none(ready) and isinstance(records, tuple):
        progress = [
            state.divide(_num(entry[measure.part]), _num(entry[measure.whole])) for entry in records
        ]
    else:
        raise NoColumnForm("records and ready progress, or neither")
    return tuple(
        state.divide(_quantized(p, measure.rounding, state), constant(share))
        for p, share in zip(progress, measure.shares, strict=True)
    )


def _element(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, ElementMeasure)
    entries = values[measure.of]
    if not isinstance(entries, tuple):
        raise NoColumnForm("an element of a value that is not a list")
    return entries[measure.index]


def _mean(measure: Measure, values: dict[str, Column], state: State) -> Column:
    assert isinstance(measure, MeanMeasure)
    entries = values[measure.of]
    if not isinstance(entries, tuple):
        raise NoColumnForm("the mean of a value that is not a list")
    total: Num | None = None
    for entry in entries:
        value = _num(entry).clip(high=measure.cap)
        total = value if total is None else total + value
    if total is None:
        raise NoColumnForm("the mean of an empty list")
    return state.divide(total, constant(len(entries)))


def _same(measure: Measure, values: dict[str, Column], state: State) -> Column:
    return values[measure.reads[0]]


_MEASURES: Mapping[str, Callable[[Measure, dict[str, Column], State], Column]] = {
    "input": _same,
    "number": _same,
    "ratio": _ratio,
    "change": _change,
    "position": _position,
    "schedule": _schedule,
    "element": _element,
    "mean": _mean,
}
"""The column form of each measure kind (:data:`jixiao.spec.measures.MEASURE_KINDS`)."""


# Conditions and components ----------------------------------------------------


def _holds(condition: Condition | None, values: dict[str, Column], state: State) -> Flags | None:
    """Where *condition* holds (``None``: no condition)."""
    if condition is None:
        return None
    column = values.get(condition.measure)
    if column is None or isinstance(column, Cat):
        table = (None,) if column is None else column.table
        codes = np.zeros(state.rows, np.intp) if column is None else column.codes
        return np.array([condition.holds(v) for v in table], dtype=np.bool_)[codes]
    if condition.when is None:
        return np.zeros(state.rows, dtype=np.bool_)
    return _inside(condition.when, _num(column), state)


def _inside(interval: Interval, value: Num, state: State) -> Flags:
    """Where *value* lies in *interval*, its edges' rows flagged."""
    inside = np.ones(state.rows, dtype=np.bool_)
    for edge, closed, below in (
        (interval.lower, interval.lower_closed, False),
        (interval.upper, interval.upper_closed, True),
    ):
        if edge is None:
            continue
        state.flag(near(value, edge))
        point = float(edge)
        if below:
            inside &= (value.x <= point) if closed else (value.x < point)
        else:
            inside &= (value.x >= point) if closed else (value.x > point)
    return inside


def _score(
    component: Component,
    column: Column,
    scope: Condition | None,
    aside: Flags | None,
    state: State,
) -> Num:
    """The points of *component* on *column*; a scoped veto where *aside*."""
    if isinstance(column, Cat):
        return _score_table(component, column, scope, aside, state)
    score = _COMPONENTS.get(component.kind)
    if score is None or not isinstance(column, Num):
        raise NoColumnForm(component.kind)
    points = score(component, column, state)
    if scope is not None and aside is not None:  # only a checklist keeps the rest
        points = constant(ZERO).where(aside, points)
    return points


def _score_table(
    component: Component, column: Cat, scope: Condition | None, aside: Flags | None, state: State
) -> Num:
    """Each entry of a small table scored exactly by the component itself."""
    table: list[Decimal] = []
    spared: list[Decimal] = []
    bad: list[bool] = []
    for value in column.table:
        try:
            points, detail = component.score(value)
            set_aside = _set_aside(component, points, detail, scope)[0] if scope else points
        except JixiaoError:
            points = set_aside = ZERO
            bad.append(True)
        else:
            bad.append(False)
        table.append(points)
        spared.append(set_aside)
    state.flag(np.array(bad, dtype=np.bool_)[column.codes])
    points_column = from_decimals(tuple(table)).take(column.codes)
    if scope is None or aside is None:
        return points_column
    return from_decimals(tuple(spared)).take(column.codes).where(aside, points_column)


def _bands(component: Component, value: Num, state: State) -> Num:
    assert isinstance(component, Bands)
    points = constant(ZERO)
    found = np.zeros(state.rows, dtype=np.bool_)
    for band in component.bands:
        inside = _inside(band.interval, value, state)
        points = constant(band.points).where(inside, points)
        found |= inside
    state.flag(~found)  # outside every band: the evaluator says so
    return points


def _proportional(component: Component, value: Num, state: State) -> Num:
    assert isinstance(component, Proportional)
    raw = value.times(component.multiplier)
    raw = raw.clip(low=ZERO, high=component.points if component.capped else None)
    if component.zero_when is None:
        return raw
    zero = _inside(component.zero_when, value, state)
    return constant(ZERO).where(zero, raw)


def _deduction(component: Component, value: Num, state: State) -> Num:
    assert isinstance(component, Deduction)
    taken = value.times(component.per_item)
    return (constant(component.points) - taken).clip(low=ZERO)


def _excess(component: Component, value: Num, state: State) -> Num:
    assert isinstance(component, Excess)
    excess = value - constant(component.threshold)
    state.flag(near(excess, ZERO))
    units, flagged = excess.divide(constant(component.unit))
    state.flag(flagged)
    if component.steps != "pro-rata":
        whole = np.rint(units.x)  # a whole number of units is where a step begins
        state.flag(np.abs(units.x - whole) <= units.bound() + SLACK)
        stepped = np.ceil(units.x) if component.steps == "started" else np.floor(units.x)
        units = Num(stepped)
    deduction = units.times(component.per_unit)
    points = (constant(component.points) - deduction).clip(low=ZERO)
    return constant(component.points).where(excess.x <= 0, points)


_COMPONENTS: Mapping[str, Callable[[Component, Num, State], Num]] = {
    "bands": _bands,
    "proportional": _proportional,
    "deduction": _deduction,
    "excess": _excess,
}
"""The column form of each component kind that reads a number; every kind
also scores a small table of values exactly (:func:`_score_table`)."""
