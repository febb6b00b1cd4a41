"""The components of a rule: the closed set of scoring primitives, as data.

Each component is a small frozen record of the numbers of one clause of a rule
text (band edges, points, deduction per item) with that clause's wording, and
:meth:`Component.score`, its meaning: the points one measured value gives and
what applied (the band, the tier, each item's points). That method is the one
implementation of the component's semantics; the evaluator
(:func:`jixiao.score.score_rule`) calls it, and another interpreter (over
columns of scenarios, say) reads the same fields.

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

Every component's ``text`` is the official wording of its clause, quoted in
full, unless ``official`` is false: then it is the library's own phrasing
(a formula written out, a summary of several clauses), shown as such in the
documentation. Interval edges are written in interval notation
(:mod:`jixiao.intervals`), each edge on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cached_property
from typing import ClassVar

import attrs

from jixiao.errors import FrameworkError, InputError, RuleError
from jixiao.intervals import Interval, check_partition
from jixiao.quantities import ZERO, Ratio, to_decimal

__all__ = [
    "EXCESS_STEPS",
    "KINDS",
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


def measure_value(value: object, field: str) -> Decimal:
    """The number a primitive works on: a :class:`Ratio`'s fraction, or a Decimal."""
    if isinstance(value, Ratio):
        return value.value
    if isinstance(value, Decimal):
        return value
    raise InputError(
        "expected a Ratio or a Decimal measure",
        zh="应为 Ratio 或 Decimal 计算量",
        field=field,
        value=value,
    )


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
    ``text`` is the clause's Chinese wording (official, quoted in full, unless
    ``official`` is false: then the library's own phrasing), ``text_en`` an
    English rendering; ``points`` the most the component can give."""

    kind: ClassVar[str] = "component"

    measure: str
    points: Decimal
    text: str = ""
    text_en: str = ""
    official: bool = True

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


@attrs.frozen
class Bands(Component):
    """Points by the interval the value falls in (bands in ascending order,
    touching, each shared edge belonging to exactly one band)."""

    kind: ClassVar[str] = "bands"

    bands: tuple[Band, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.bands:
            raise FrameworkError(
                "a band table needs at least one band",
                zh="区间表至少需要一个区间",
                field=self.measure,
            )
        check_partition([b.interval for b in self.bands], self.measure)
        if max(b.points for b in self.bands) != self.points:
            raise FrameworkError(
                f"the best band gives {max(b.points for b in self.bands)}, not {self.points}",
                zh=f"最高区间给 {max(b.points for b in self.bands)} 分，而不是 {self.points} 分",
                field=self.measure,
            )

    @cached_property
    def _uppers(self) -> tuple[tuple[Decimal | None, bool, Band], ...]:
        """Each band's upper edge, whether it is included, and the band."""
        return tuple((b.interval.upper, b.interval.upper_closed, b) for b in self.bands)

    def score(self, value: object) -> tuple[Decimal, object]:
        number = value.value if type(value) is Ratio else measure_value(value, self.measure)
        first = self.bands[0].interval
        lower = first.lower
        if lower is None or number > lower or (number == lower and first.lower_closed):
            # The bands touch in ascending order: the first whose upper edge
            # admits the value holds it.
            for upper, closed, band in self._uppers:
                if upper is None or number < upper or (closed and number == upper):
                    return band.points, band
        raise InputError(
            "the value lies outside every band",
            zh="该值不在任何区间内",
            field=self.measure,
            value=value,
        )


@attrs.frozen
class Proportional(Component):
    """``value × factor`` points, never above ``points`` (the cap, unless
    ``capped`` is false) nor below 0; 0 outright when the value lies in
    ``zero_when`` (e.g. "actual above plan")."""

    kind: ClassVar[str] = "proportional"

    factor: Decimal | None = None
    zero_when: Interval | None = None
    capped: bool = True

    @property
    def multiplier(self) -> Decimal:
        """The factor, which defaults to the component's points."""
        return self.points if self.factor is None else self.factor

    def score(self, value: object) -> tuple[Decimal, object]:
        number = measure_value(value, self.measure)
        if self.zero_when is not None and self.zero_when.contains(number):
            return ZERO, "zero"
        raw = number * self.multiplier
        if raw > self.points and self.capped:
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
                "expected a whole, non-negative count",
                zh="应为非负整数",
                field=self.measure,
                value=value,
            )
        return max(self.points - self.per_item * value, ZERO), None


@attrs.frozen
class Excess(Component):
    """Full ``points`` while the value is at most ``threshold``; above it,
    ``per_unit`` off for each ``unit`` of excess, down to 0. ``steps`` says how
    a part of a unit counts: ``"pro-rata"`` (as its share: 2.5 units cost 2.5 ×
    ``per_unit``), ``"started"`` (as a whole unit: 2.5 cost 3) or
    ``"completed"`` (not at all: 2.5 cost 2)."""

    kind: ClassVar[str] = "excess"

    threshold: Decimal = ZERO
    per_unit: Decimal = Decimal(1)
    unit: Decimal = Decimal("0.01")
    steps: str = attrs.field(default="pro-rata")

    @steps.validator
    def _known_steps(self, _: object, value: object) -> None:
        if value not in EXCESS_STEPS:
            raise FrameworkError(
                f"unknown steps; expected one of: {', '.join(EXCESS_STEPS)}",
                zh=f"未知的 steps；应为以下之一：{', '.join(EXCESS_STEPS)}",
                field=f"{self.measure}.steps",
                value=value,
            )

    def score(self, value: object) -> tuple[Decimal, object]:
        number = measure_value(value, self.measure)
        excess = number - self.threshold
        if excess <= 0:
            return self.points, ZERO
        if self.steps == "pro-rata":
            deduction = self.per_unit * excess / self.unit
        else:
            units = (excess / self.unit).to_integral_value(
                ROUND_CEILING if self.steps == "started" else ROUND_FLOOR
            )
            deduction = self.per_unit * units
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
        raise RuleError(
            f"points above the item's maximum of {most}",
            zh=f"得分高于该项的最高分 {most}",
            field=field,
            value=value,
        )
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
                f"the checklist's items add up to {total}, not {self.points}",
                zh=f"检查项的分值合计为 {total}，而不是 {self.points}",
                field=self.measure,
            )

    @cached_property
    def _met(self) -> tuple[Decimal, tuple[Decimal, ...]]:
        """What every item met gives: the items' points, summed, and each."""
        earned = tuple(i.points for i in self.items)
        return sum(earned, ZERO), earned

    def score(self, value: object) -> tuple[Decimal, object]:
        if value is True:
            return self._met
        if isinstance(value, bool):
            value = [value] * len(self.items)
        elif type(value) is not list and (  # a list needs no more checking
            isinstance(value, (str, bytes)) or not isinstance(value, Sequence)
        ):
            raise InputError(
                f"expected a list of {len(self.items)} verdicts (true, false or points)",
                zh=f"应为 {len(self.items)} 个判断的列表（true、false 或得分）",
                field=self.measure,
                value=value,
            )
        if len(value) != len(self.items):
            raise InputError(
                f"expected {len(self.items)} verdicts, one per item",
                zh=f"应为 {len(self.items)} 个判断，每项一个",
                field=self.measure,
                value=value,
            )
        met: list[Decimal] = []
        for verdict, item in zip(value, self.items, strict=True):
            if type(verdict) is not bool:
                break
            met.append(item.points if verdict else ZERO)
        else:  # met or not, every one: no points to check
            earned = tuple(met)
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
                f"the best tier gives {best}, not {self.points}",
                zh=f"最高档次给 {best} 分，而不是 {self.points} 分",
                field=self.measure,
            )

    def score(self, value: object) -> tuple[Decimal, object]:
        for tier in self.tiers:
            if value == tier.key:
                return tier.points, tier
        keys = ", ".join(t.key for t in self.tiers)
        raise InputError(
            f"unknown tier; expected one of: {keys}",
            zh=f"未知的档次；应为以下之一：{keys}",
            field=self.measure,
            value=value,
        )


EXCESS_STEPS = ("pro-rata", "started", "completed")
"""How :class:`Excess` counts a part of a unit: as its share, as a whole unit, or not at all."""

KINDS: Mapping[str, type[Component]] = {
    cls.kind: cls for cls in (Bands, Proportional, Deduction, Excess, Checklist, Judged, Tiers)
}
"""Component classes by the ``kind`` written in framework files."""
