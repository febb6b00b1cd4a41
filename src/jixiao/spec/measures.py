"""Measures: what a rule computes from its inputs, from a small closed set.

A rule's components read *measures*: the non-establishment rate, the quarterly
execution rates, a count of violations. Each measure is one of a few kinds,
declared as data with the names of the inputs (or earlier measures) it reads:

==============  ==================================================================
kind            the value
==============  ==================================================================
``input``       an input as read (a count, a flag, verdicts, the evaluator's points)
``number``      a count read as an exact number (for bands on whole days)
``ratio``       ``part ÷ whole`` of two inputs (the whole may be a sum of inputs),
                or a ready ratio given instead; optionally at most ``at_most``
``change``      ``(current − previous) ÷ previous``, or a ready rate of change
``position``    ``"zero"``, ``"within"`` or ``"above"``: an amount against a limit
``schedule``    each period's progress (``part ÷ whole`` of a record, or a ready
                ratio) divided by the rule set's schedule (序时进度) for that period
``element``     one entry of a list measure (the second quarter's rate)
``mean``        the mean of a list measure's entries, each optionally capped first
==============  ==================================================================

An input that a component reads by its own name needs no declaration: it is
its own measure. :meth:`Measure.compute` is the one implementation of each
kind's meaning; nothing here is a Python function hidden in the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

import attrs

from jixiao.errors import InputError
from jixiao.quantities import (
    ONE,
    ZERO,
    Amount,
    Ratio,
    amount_ratio,
    as_ratio,
    exact_ratio,
    to_decimal,
)
from jixiao.spec._measure import POSITIONS, Given, Measure, Values, either, rounded
from jixiao.spec._period_measures import ElementMeasure, MeanMeasure, ScheduleMeasure

for _member in (Measure, ScheduleMeasure, ElementMeasure, MeanMeasure):
    _member.__module__ = __name__  # documented here, where they are imported from

__all__ = [
    "MEASURE_KINDS",
    "POSITIONS",
    "ChangeMeasure",
    "ElementMeasure",
    "InputMeasure",
    "MeanMeasure",
    "Measure",
    "NumberMeasure",
    "PositionMeasure",
    "RatioMeasure",
    "ScheduleMeasure",
]


@attrs.frozen
class InputMeasure(Measure):
    """An input as read, under the measure's key."""

    kind: ClassVar[str] = "input"

    input: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.input,)

    def compute(self, values: Values, given: Given) -> object:
        return values[self.input]


@attrs.frozen
class NumberMeasure(Measure):
    """A count (or number) input as an exact ``Decimal``."""

    kind: ClassVar[str] = "number"

    input: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.input,)

    def compute(self, values: Values, given: Given) -> object:
        value = values[self.input]
        return value if isinstance(value, Decimal) else to_decimal(value, self.input)


@attrs.frozen
class RatioMeasure(Measure):
    """``part ÷ whole`` (the whole may be the sum of several inputs), or the
    ready ratio *given* instead (exactly one of the two ways).

    Attributes:
        part: the input counted (numerator).
        whole: the inputs it is a share of (denominator; summed when several).
        given: an input holding the ready ratio, or ``""``.
        at_most: the largest value the measure takes (a whole of 0 gives it);
            ``None``: no bound, and a whole of 0 is an error.
        zero: the message when the whole is 0 (default: the ratio is undefined).
        zero_zh: the same in Chinese.
        rounding: round the ratio half-up to this fraction (0.0001 = 0.01 %).
        field: the name of the ratio in error messages (default: the key).
    """

    kind: ClassVar[str] = "ratio"

    part: str = ""
    whole: tuple[str, ...] = ()
    given: str = ""
    at_most: Decimal | None = None
    zero: str = ""
    rounding: Decimal | None = None
    field: str = ""
    zero_zh: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.part, *self.whole, *((self.given,) if self.given else ()))

    def compute(self, values: Values, given: Given) -> object:
        part_name, whole = self.part, self.whole
        whole_name = whole[0]
        part = values[part_name]
        if len(whole) == 1:
            total = values[whole_name]
            absent = total is None
        else:
            parts = [values[n] for n in whole]
            absent = None in parts
            total = None if absent else sum(parts, 0)  # type: ignore[arg-type]
        if self.given:
            ready = values.get(self.given)
            if ready is not None:
                if part is not None or any(values.get(n) is not None for n in whole):
                    raise either(self.given, (part_name, *whole), ready=True)
                return rounded(as_ratio(ready, self.given), self.rounding)
            if part is None or absent:
                raise either(self.given, (part_name, *whole), ready=False)
        bounded = self.zero or self.at_most is not None
        if bounded and not isinstance(total, Amount) and to_decimal(total, whole_name) == ZERO:
            if self.at_most is not None:
                return exact_ratio(self.at_most)
            raise InputError(
                self.zero,
                zh=self.zero_zh or self.zero,
                field=whole_name,
                value=given.get(whole_name, total),
            )
        ratio = amount_ratio(
            part,  # type: ignore[arg-type]
            total,  # type: ignore[arg-type]
            self.field or self.key,
            names=(part_name, whole_name),
        )
        if self.at_most is not None and ratio.value > self.at_most:
            return exact_ratio(self.at_most)
        return ratio if self.rounding is None else rounded(ratio, self.rounding)


@attrs.frozen
class ChangeMeasure(Measure):
    """``(current − previous) ÷ previous`` of two amounts, below 0 when the
    amount fell; or the ready rate of change *given* instead."""

    kind: ClassVar[str] = "change"

    current: str = ""
    previous: str = ""
    given: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.current, self.previous, *((self.given,) if self.given else ()))

    def compute(self, values: Values, given: Given) -> object:
        names = (self.current, self.previous)
        if self.given:
            ready = values.get(self.given)
            if ready is not None:
                if any(values.get(n) is not None for n in names):
                    raise either(self.given, names, ready=True)
                return ready
            if any(values.get(n) is None for n in names):
                raise either(self.given, names, ready=False)
        ratio = amount_ratio(
            values[self.current],  # type: ignore[arg-type]
            values[self.previous],  # type: ignore[arg-type]
            self.key,
            names=names,
        )
        return Ratio(ratio.value - ONE)


def _in_yuan(value: object, field: str) -> Decimal:
    if isinstance(value, Amount):
        if value.value < 0:
            raise InputError("must not be negative", zh="不得为负数", field=field, value=value)
        return value.in_yuan
    return to_decimal(value, field)


@attrs.frozen
class PositionMeasure(Measure):
    """Where an amount stands against a limit: ``"zero"`` (no amount at all),
    ``"within"`` (above 0, at most the limit) or ``"above"``."""

    kind: ClassVar[str] = "position"

    amount: str = ""
    limit: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.amount, self.limit)

    def compute(self, values: Values, given: Given) -> object:
        amount, limit = values[self.amount], values[self.limit]
        if isinstance(amount, Amount) != isinstance(limit, Amount):
            raise InputError(
                "give both amounts with their unit (Amount.wan(...)) or both as plain numbers",
                zh="请两个金额都带上单位（Amount.wan(...)），或都用不带单位的数字",
                field=self.amount,
                value=(amount, limit),
            )
        value, most = _in_yuan(amount, self.amount), _in_yuan(limit, self.limit)
        return "zero" if value == 0 else "within" if value <= most else "above"


MEASURE_KINDS: Mapping[str, type[Measure]] = {
    cls.kind: cls
    for cls in (
        InputMeasure,
        NumberMeasure,
        RatioMeasure,
        ChangeMeasure,
        PositionMeasure,
        ScheduleMeasure,
        ElementMeasure,
        MeanMeasure,
    )
}
"""Measure classes by the ``kind`` written in rule files."""
