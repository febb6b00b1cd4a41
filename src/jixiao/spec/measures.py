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

import decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cached_property
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

__all__ = [
    "MEASURE_KINDS",
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

Values = Mapping[str, object]
"""The inputs as read (by name) and the measures computed so far (by key)."""

Given = Mapping[str, object]
"""The inputs as given (for error messages, which show the value as given)."""

POSITIONS = ("zero", "within", "above")
"""What a ``position`` measure gives: the keys of the tiers that score it."""

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 6: "six", 12: "twelve"}
_PERIODS_ZH = {"quarter": "季度", "month": "月", "half-year": "半年", "year": "年"}
"""A schedule's period in Chinese, for messages."""


def _rounded(ratio: Ratio, quantum: Decimal | None) -> Ratio:
    if quantum is None:
        return ratio
    return exact_ratio(ratio.value.quantize(quantum, rounding=decimal.ROUND_HALF_UP))


def _either(given: str, names: Sequence[str], ready: bool) -> InputError:
    """The error of a measure that takes a ready value *given* or its parts
    *names*: given both (*ready*), or neither."""
    both = " and ".join(names)
    if ready:
        return InputError(
            f"give either {given} or {both}, not both",
            zh=f"请给出 {given} 或 {both} 之一，不能两者都给",
            field=given,
        )
    return InputError(
        f"give {given}, or both {both}", zh=f"请给出 {given}，或同时给出 {both}", field=given
    )


@attrs.frozen
class Measure:
    """Base of the measure kinds: ``key`` names the measure (what components
    read); ``field`` the name errors use (default: the key)."""

    kind: ClassVar[str] = "measure"

    key: str

    @property
    def reads(self) -> tuple[str, ...]:  # pragma: no cover - abstract
        """The inputs and earlier measures it reads."""
        raise NotImplementedError

    def compute(self, values: Values, given: Given) -> object:  # pragma: no cover - abstract
        """The measure's value from *values* (inputs as read, earlier measures);
        *given* holds the inputs as given, for messages."""
        raise NotImplementedError


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
                    raise _either(self.given, (part_name, *whole), ready=True)
                return _rounded(as_ratio(ready, self.given), self.rounding)
            if part is None or absent:
                raise _either(self.given, (part_name, *whole), ready=False)
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
        return ratio if self.rounding is None else _rounded(ratio, self.rounding)


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
                    raise _either(self.given, names, ready=True)
                return ready
            if any(values.get(n) is None for n in names):
                raise _either(self.given, names, ready=False)
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


@attrs.frozen
class ScheduleMeasure(Measure):
    """Each period's execution rate: its progress (``part ÷ whole`` of one
    record of *records*, or a ready ratio of *given*) divided by the rule
    set's scheduled progress for that period (序时进度).

    Attributes:
        records: the input holding one record per period (cumulative spending
            and the budget at each period's end).
        given: the input holding the ready progress ratios instead.
        part: the field of a record counted (spent).
        whole: the field it is a share of (budget).
        schedule: the key of the rule set's schedule it follows.
        shares: that schedule's progress at each period's end, in order.
        period: what one period is (``"quarter"``), for messages.
        rounding: round each progress half-up to this fraction first.
    """

    kind: ClassVar[str] = "schedule"

    records: str = ""
    given: str = ""
    part: str = ""
    whole: str = ""
    schedule: str = ""
    shares: tuple[Decimal, ...] = ()
    period: str = "quarter"
    rounding: Decimal | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.records, self.given)

    @cached_property
    def _fields(self) -> tuple[frozenset[str], tuple[tuple[str, tuple[str, str]], ...]]:
        """A record's keys, and each period's field name and its two inputs' names."""
        names = tuple(
            (
                f"{self.records}[{n}]",
                (f"{self.records}[{n}].{self.part}", f"{self.records}[{n}].{self.whole}"),
            )
            for n in range(1, len(self.shares) + 1)
        )
        return frozenset({self.part, self.whole}), names

    def progress(self, values: Values) -> tuple[Ratio, ...]:
        """Each period's progress, from the records or the ready ratios."""
        records, given = values.get(self.records), values.get(self.given)
        if (records is None) == (given is None):
            raise InputError(
                f"give either {self.records} ({self.part} and {self.whole}) "
                f"or {self.given}, not both",
                zh=f"请给出 {self.records}（{self.part} 与 {self.whole}）或 {self.given} 之一，不能两者都给",
            )
        name = self.records if records is not None else self.given
        entries = records if records is not None else given
        count = len(self.shares)
        if (
            not (type(entries) is list or type(entries) is tuple)
            and (isinstance(entries, (str, bytes)) or not isinstance(entries, Sequence))
        ) or len(entries) != count:
            raise InputError(
                f"expected {_COUNT_WORDS.get(count, count)} {self.period}s",
                zh=f"应为 {count} 个{_PERIODS_ZH.get(self.period, self.period)}",
                field=name,
                value=entries,
            )
        rounding = self.rounding
        if records is not None:
            keys, names = self._fields
            progress = [self._record(entry, keys, *names[i]) for i, entry in enumerate(entries)]
        else:
            progress = [as_ratio(p, f"{name}[{i + 1}]") for i, p in enumerate(entries)]
        if rounding is not None:
            progress = [_rounded(ratio, rounding) for ratio in progress]
        return tuple(progress)

    def _record(
        self, entry: object, keys: frozenset[str], field: str, names: tuple[str, str]
    ) -> Ratio:
        if type(entry) is dict or isinstance(entry, Mapping):
            if entry.keys() != keys:
                raise InputError(
                    f"expected exactly the keys {self.part} and {self.whole}",
                    zh=f"应恰好有键 {self.part} 和 {self.whole}",
                    field=field,
                    value=entry,
                )
            part, whole = entry[self.part], entry[self.whole]
        elif attrs.has(type(entry)) and hasattr(entry, self.part) and hasattr(entry, self.whole):
            part, whole = getattr(entry, self.part), getattr(entry, self.whole)
        else:
            raise InputError(
                f"expected a table of {self.part} and {self.whole}",
                zh=f"应为含 {self.part} 和 {self.whole} 的键值表",
                field=field,
                value=entry,
            )
        return amount_ratio(part, whole, field, names=names)

    def compute(self, values: Values, given: Given) -> object:
        # progress() gives exactly one ratio per period of the schedule
        return tuple(
            [
                exact_ratio(ratio.value / scheduled)
                for ratio, scheduled in zip(self.progress(values), self.shares, strict=False)
            ]
        )


@attrs.frozen
class ElementMeasure(Measure):
    """Entry *index* (from 0) of the list measure *of*."""

    kind: ClassVar[str] = "element"

    of: str = ""
    index: int = 0

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.of,)

    def compute(self, values: Values, given: Given) -> object:
        return values[self.of][self.index]  # type: ignore[index]


@attrs.frozen
class MeanMeasure(Measure):
    """The mean of the list measure *of* (ratios), each entry first capped at
    *cap* when one is given."""

    kind: ClassVar[str] = "mean"

    of: str = ""
    cap: Decimal | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.of,)

    def compute(self, values: Values, given: Given) -> object:
        entries: Sequence[Ratio] = values[self.of]  # type: ignore[assignment]
        total = ZERO
        cap = self.cap
        for entry in entries:
            rate = entry.value
            total += rate if cap is None or rate <= cap else cap
        return exact_ratio(total / len(entries))


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
