"""The few reusable scoring primitives every rule is built from.

Each primitive is a small frozen object holding the numbers of one clause of a
rule text (band edges, points, deduction per item) together with that clause's
official wording. :meth:`Component.apply` turns one measured value into a
:class:`Part`: the points it gives and what applied (the band, the formula).

=====================  ================================================  =========================
primitive              what it scores                                    example clause
=====================  ================================================  =========================
:class:`Bands`         a value falling in one of several intervals       5%≤比率≤10%的，得0.5分
:class:`Proportional`  value × points, capped; optionally 0 on a range   政府采购执行率×1分
:class:`Deduction`     full points minus so much per item, floor 0       一项扣1分，扣完为止
:class:`Excess`        full points minus so much per unit above a line   超出一个百分点扣0.1分
:class:`Checklist`     items each worth points, judged met or partly     (1分)；(1分)；…
:class:`Judged`        the evaluator's points, bounded by the maximum    酌情扣分
:class:`Tiers`         one named tier chosen from a list                 公开 1.5 / 部分 1 / 未公开 0
=====================  ================================================  =========================

Interval edges are written in interval notation, each edge on its own:
``"[5%, 10%]"`` includes both, ``"[0, 5%)"`` excludes 5 %, ``"(10%, ∞)"``
excludes 10 %. There is no global "edges included" switch.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from jixiao.errors import FrameworkError, InputError, RuleError
from jixiao.quantities import ZERO, Ratio, to_decimal

__all__ = [
    "Band",
    "Bands",
    "Checklist",
    "ChecklistItem",
    "Component",
    "Deduction",
    "Excess",
    "Interval",
    "Judged",
    "Part",
    "Proportional",
    "Tier",
    "Tiers",
    "check_partition",
    "measure_value",
]

_INTERVAL = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")
_INFINITY = {"∞", "+∞", "inf", "+inf", "infinity"}


def _edge(text: str) -> Decimal | None:
    text = text.strip()
    if text.lower() in _INFINITY or text in {"-∞", "-inf"}:
        return None
    if text.endswith("%"):
        return to_decimal(text[:-1], "interval edge", negative=True) / 100
    return to_decimal(text, "interval edge", negative=True)


def _show(edge: Decimal, percent: bool) -> str:
    if percent:
        return f"{(edge * 100).normalize():f}%"
    return f"{edge.normalize():f}"


@attrs.frozen
class Interval:
    """An interval of the real line with each edge's inclusiveness of its own.

    ``None`` as an edge means unbounded. ``percent`` only affects display.

    >>> band = Interval.parse("[5%, 10%]")
    >>> band.contains(Decimal("0.05")), band.contains(Decimal("0.10")), band.contains(Decimal("0.1001"))
    (True, True, False)
    >>> str(Interval.parse("(10%, ∞)"))
    '(10%, ∞)'
    """

    lower: Decimal | None
    upper: Decimal | None
    lower_closed: bool = True
    upper_closed: bool = False
    percent: bool = attrs.field(default=False, eq=False)

    @classmethod
    def parse(cls, text: str) -> Interval:
        """Read interval notation such as ``"[5%, 10%]"`` or ``"(1, ∞)"``."""
        match = _INTERVAL.match(text) if isinstance(text, str) else None
        if not match:
            raise FrameworkError("not an interval such as '[5%, 10%)'", value=text)
        opening, low, high, closing = match.groups()
        lower, upper = _edge(low), _edge(high)
        if lower is not None and upper is not None and lower > upper:
            raise FrameworkError("interval lower edge above its upper edge", value=text)
        return cls(
            lower=lower,
            upper=upper,
            lower_closed=opening == "[" and lower is not None,
            upper_closed=closing == "]" and upper is not None,
            percent="%" in text,
        )

    def contains(self, value: Decimal) -> bool:
        """Whether *value* lies in the interval, edges as written."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def __str__(self) -> str:
        low = "-∞" if self.lower is None else _show(self.lower, self.percent)
        high = "∞" if self.upper is None else _show(self.upper, self.percent)
        return (
            f"{'[' if self.lower_closed else '('}{low}, {high}{']' if self.upper_closed else ')'}"
        )

    def inequality(self, name: str = "x") -> str:
        """The interval as an inequality, e.g. ``5% ≤ x ≤ 10%``."""
        left = (
            ""
            if self.lower is None
            else f"{_show(self.lower, self.percent)} {'≤' if self.lower_closed else '<'} "
        )
        right = (
            ""
            if self.upper is None
            else f" {'≤' if self.upper_closed else '<'} {_show(self.upper, self.percent)}"
        )
        if not left and not right:
            return f"any {name}"
        if not left:
            return f"{name}{right}"
        if not right:
            return f"{name} {'≥' if self.lower_closed else '>'} {_show(self.lower, self.percent)}"  # type: ignore[arg-type]
        return f"{left}{name}{right}"


def measure_value(value: object, field: str) -> Decimal:
    """The number a primitive works on: a :class:`Ratio`'s fraction, or a Decimal."""
    if isinstance(value, Ratio):
        return value.value
    if isinstance(value, Decimal):
        return value
    raise InputError("expected a Ratio or a Decimal measure", field=field, value=value)


@attrs.frozen
class Part:
    """What one component of a rule gave: its points and what applied.

    ``detail`` is the band, tier or item results that applied; ``value`` is the
    measured value the component read.
    """

    component: Component
    value: object
    points: Decimal
    detail: object = None


@attrs.frozen
class Component:
    """Base of the primitives. ``measure`` names the value the component reads;
    ``text`` is the clause's official Chinese wording, ``text_en`` an English
    rendering; ``points`` the most the component can give."""

    kind: ClassVar[str] = "component"

    measure: str
    points: Decimal
    text: str = ""
    text_en: str = ""

    def score(self, value: object) -> tuple[Decimal, object]:  # pragma: no cover - abstract
        """The points *value* gives and what applied (band, tier, item results)."""
        raise NotImplementedError

    def apply(self, value: object) -> Part:
        """The :class:`Part` *value* gives: points and what applied."""
        points, detail = self.score(value)
        return Part(self, value, points, detail)


@attrs.frozen
class Band:
    """One band: an interval and the points a value inside it gives."""

    interval: Interval
    points: Decimal
    text: str = ""


def check_partition(intervals: Sequence[Interval], measure: str) -> None:
    """Intervals (of bands, tiers, grades) must follow each other in ascending
    order without gap or overlap: each shared edge belongs to exactly one.

    Raises:
        FrameworkError: naming the two intervals and *measure*.
    """
    for low, high in itertools.pairwise(intervals):
        if high.lower is None or low.upper != high.lower or low.upper_closed == high.lower_closed:
            raise FrameworkError(
                f"bands {low} and {high} leave a gap or overlap at their shared edge",
                field=measure,
            )


@attrs.frozen
class Bands(Component):
    """Points by the interval the value falls in (bands in ascending order,
    touching, each shared edge belonging to exactly one band)."""

    kind: ClassVar[str] = "bands"

    bands: tuple[Band, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.bands:
            raise FrameworkError("a band table needs at least one band", field=self.measure)
        check_partition([b.interval for b in self.bands], self.measure)
        if max(b.points for b in self.bands) != self.points:
            raise FrameworkError(
                f"the best band gives {max(b.points for b in self.bands)}, not {self.points}",
                field=self.measure,
            )

    def score(self, value: object) -> tuple[Decimal, object]:
        number = measure_value(value, self.measure)
        for band in self.bands:
            if band.interval.contains(number):
                return band.points, band
        raise InputError("the value lies outside every band", field=self.measure, value=value)


@attrs.frozen
class Proportional(Component):
    """``value × factor`` points, never above ``points`` (the cap) nor below 0;
    0 outright when the value lies in ``zero_when`` (e.g. "actual above plan")."""

    kind: ClassVar[str] = "proportional"

    factor: Decimal | None = None
    zero_when: Interval | None = None

    @property
    def multiplier(self) -> Decimal:
        """The factor, which defaults to the component's points."""
        return self.points if self.factor is None else self.factor

    def score(self, value: object) -> tuple[Decimal, object]:
        number = measure_value(value, self.measure)
        if self.zero_when is not None and self.zero_when.contains(number):
            return ZERO, "zero"
        raw = number * self.multiplier
        if raw > self.points:
            return self.points, "capped"
        return max(raw, ZERO), "formula"


@attrs.frozen
class Deduction(Component):
    """Full ``points`` minus ``per_item`` for each counted item, down to 0
    (扣完为止)."""

    kind: ClassVar[str] = "deduction"

    per_item: Decimal = Decimal(1)

    def score(self, value: object) -> tuple[Decimal, object]:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(
                "expected a whole, non-negative count", field=self.measure, value=value
            )
        return max(self.points - self.per_item * value, ZERO), None


@attrs.frozen
class Excess(Component):
    """Full ``points`` while the value is at most ``threshold``; above it,
    ``per_unit`` off for each ``unit`` of excess (pro rata), down to 0."""

    kind: ClassVar[str] = "excess"

    threshold: Decimal = ZERO
    per_unit: Decimal = Decimal(1)
    unit: Decimal = Decimal("0.01")

    def score(self, value: object) -> tuple[Decimal, object]:
        number = measure_value(value, self.measure)
        excess = number - self.threshold
        if excess <= 0:
            return self.points, ZERO
        deduction = self.per_unit * excess / self.unit
        return max(self.points - deduction, ZERO), deduction


def judged_points(value: object, most: Decimal, field: str) -> Decimal:
    """An evaluator's verdict on one item: ``True`` (met, full), ``False``
    (not met, 0) or points between 0 and *most*."""
    if value is True:
        return most
    if value is False:
        return ZERO
    points = to_decimal(value, field)
    if points > most:
        raise RuleError(f"points above the item's maximum of {most}", field=field, value=value)
    return points


@attrs.frozen
class ChecklistItem:
    """One item of a checklist, worth ``points`` when met."""

    text: str
    points: Decimal
    text_en: str = ""


@attrs.frozen
class Checklist(Component):
    """Items each worth points; the evaluator says of each whether it is met
    (``True``/``False``) or how many of its points it earns. ``True`` for the
    whole list means every item is met."""

    kind: ClassVar[str] = "checklist"

    items: tuple[ChecklistItem, ...] = ()

    def __attrs_post_init__(self) -> None:
        total = sum((i.points for i in self.items), ZERO)
        if total != self.points:
            raise FrameworkError(
                f"the checklist's items add up to {total}, not {self.points}", field=self.measure
            )

    def score(self, value: object) -> tuple[Decimal, object]:
        if isinstance(value, bool):
            value = [value] * len(self.items)
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise InputError(
                f"expected a list of {len(self.items)} verdicts (true, false or points)",
                field=self.measure,
                value=value,
            )
        if len(value) != len(self.items):
            raise InputError(
                f"expected {len(self.items)} verdicts, one per item",
                field=self.measure,
                value=value,
            )
        if all(type(v) is bool for v in value):  # met or not: no points to check
            earned = tuple(
                [i.points if v else ZERO for v, i in zip(value, self.items, strict=True)]
            )
            return sum(earned, ZERO), earned
        earned = tuple(
            judged_points(v, item.points, f"{self.measure}[{i + 1}]")
            for i, (v, item) in enumerate(zip(value, self.items, strict=True))
        )
        return sum(earned, ZERO), earned


@attrs.frozen
class Judged(Component):
    """The evaluator's points (or ``True`` for full, ``False`` for none),
    never above ``points``."""

    kind: ClassVar[str] = "judged"

    def score(self, value: object) -> tuple[Decimal, object]:
        return judged_points(value, self.points, self.measure), None


@attrs.frozen
class Tier:
    """A named tier: its key (as written in input files), wording and points."""

    key: str
    points: Decimal
    text: str = ""
    text_en: str = ""


@attrs.frozen
class Tiers(Component):
    """Exactly one of several named tiers applies; the input names it."""

    kind: ClassVar[str] = "tiers"

    tiers: tuple[Tier, ...] = ()

    def __attrs_post_init__(self) -> None:
        best = max((t.points for t in self.tiers), default=ZERO)
        if best != self.points:
            raise FrameworkError(
                f"the best tier gives {best}, not {self.points}", field=self.measure
            )

    def score(self, value: object) -> tuple[Decimal, object]:
        for tier in self.tiers:
            if value == tier.key:
                return tier.points, tier
        keys = ", ".join(t.key for t in self.tiers)
        raise InputError(f"unknown tier; expected one of: {keys}", field=self.measure, value=value)


KINDS: Mapping[str, type[Component]] = {
    cls.kind: cls for cls in (Bands, Proportional, Deduction, Excess, Checklist, Judged, Tiers)
}
"""Component classes by the ``kind`` written in framework files."""
