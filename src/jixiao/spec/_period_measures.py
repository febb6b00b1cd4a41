"""The measures of periods: each period's execution rate against a schedule,
one period's entry, and their mean (private: documented in
:mod:`jixiao.spec.measures`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from typing import ClassVar

import attrs

from jixiao.errors import InputError
from jixiao.quantities import ZERO, Ratio, amount_ratio, as_ratio, exact_ratio
from jixiao.spec._measure import Given, Measure, Values, rounded

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 6: "six", 12: "twelve"}
_PERIODS_ZH = {"quarter": "季度", "month": "月", "half-year": "半年", "year": "年"}
"""A schedule's period in Chinese, for messages."""


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
            progress = [rounded(ratio, rounding) for ratio in progress]
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
