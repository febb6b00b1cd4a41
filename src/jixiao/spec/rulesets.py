"""What a rule set (a department framework, a project template) states besides
its rules: its citation, validity period and family, grades, schedules, the
interpretations of what its text leaves open, and the reforms that derived it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from jixiao._conversion import finite_decimal
from jixiao.errors import FrameworkError, InputError, UnknownKeyError, Wording
from jixiao.intervals import Interval, check_partition
from jixiao.quantities import HUNDRED

__all__ = [
    "DEFAULT_GRADES",
    "Alternative",
    "Citation",
    "Grade",
    "GradeBand",
    "Grades",
    "Interpretation",
    "Outcome",
    "Period",
    "Reform",
    "Schedule",
]


@attrs.frozen
class Citation:
    """Where a rule comes from, precisely enough to cite.

    Args:
        title: the document's title as issued (《…》 marks not included).
        issuer: who issued it.
        year: the year the rule applies to.
        document_number: the 文号, e.g. ``财预〔2020〕10号``, when there is one.
        clause: the part of the document (indicator and item).
        source: where the text was taken from (a published report, an address).
        status: ``"transcribed"`` (from a public copy, not reviewed by the
            issuing office) or ``"official"``.
    """

    title: str
    issuer: str
    year: int
    document_number: str | None = None
    clause: str | None = None
    source: str | None = None
    status: str = "transcribed"

    def with_clause(self, clause: str) -> Citation:
        """The same citation narrowed to one clause."""
        return attrs.evolve(self, clause=clause)

    def __str__(self) -> str:
        text = f"{self.issuer}《{self.title}》"
        if self.document_number:
            text += f"（{self.document_number}）"
        text += f"，{self.year}年"
        if self.clause:
            text += f"，{self.clause}"
        return text


class Outcome(enum.Enum):
    """How an indicator's points came about."""

    RULE = "rule"
    """The rule's components, summed and capped at the weight."""
    VETO = "veto"
    """A clause that sets the indicator to 0 applied (e.g. 挤占挪用 → 0)."""
    EXEMPT = "exempt"
    """An exemption gave the full weight (e.g. 涉密单位 directly scores)."""


class Grade(enum.Enum):
    """The four grades: 优 (excellent), 良 (good), 中 (fair), 差 (poor)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @property
    def label_en(self) -> str:
        """The English name of the grade."""
        return self.name.lower()


@attrs.frozen
class GradeBand:
    """A grade and the interval of totals that earn it."""

    grade: Grade
    interval: Interval


@attrs.frozen
class Grades:
    """A rule set's grades: bands of the total, highest first, each including
    its lower edge, touching without gap or overlap.

    >>> DEFAULT_GRADES.grade(Decimal("90")).value, DEFAULT_GRADES.grade(Decimal("89.99")).value
    ('优', '良')
    """

    bands: tuple[GradeBand, ...]
    text: str = ""

    def __attrs_post_init__(self) -> None:
        for band in self.bands:
            if band.interval.lower is None or not band.interval.lower_closed:
                raise FrameworkError(
                    "a grade band must include its lower edge",
                    zh="等级区间应包含其下限",
                    value=str(band.interval),
                )
        check_partition([b.interval for b in reversed(self.bands)], "grades")

    @property
    def floors(self) -> tuple[tuple[Decimal, Grade], ...]:
        """Each grade's lowest total, highest first."""
        return tuple((b.interval.lower, b.grade) for b in self.bands)  # type: ignore[misc]

    @property
    def span(self) -> Interval:
        """The totals graded: from the lowest band's lower edge to the top
        band's upper edge, or to 100 (the national rules' total) when the top
        band states none (``[90, ∞)``).

        >>> str(DEFAULT_GRADES.span)
        '[0, 100]'
        """
        top, bottom = self.bands[0].interval, self.bands[-1].interval
        if top.upper is None:
            return Interval(bottom.lower, HUNDRED, upper_closed=True)
        return Interval(bottom.lower, top.upper, upper_closed=top.upper_closed)

    def grade(self, total: Decimal) -> Grade:
        """The grade of *total* (the first band, from the top, whose floor it reaches).

        Raises:
            InputError: a total that is not a finite ``Decimal`` (a float,
                text, ``None``, NaN, infinity), or outside :attr:`span` (a
                negative total, 100.01 on the national grades).

        >>> DEFAULT_GRADES.grade(Decimal("100.01"))
        Traceback (most recent call last):
        ...
        jixiao.errors.InputError: field total: a total lies between 0 and 100 (got Decimal('100.01'))
        """
        if type(total) is not Decimal or not total.is_finite():
            _refuse_total(total)
        span = self.span
        if not span.contains(total):
            lower, upper = (_edge(e) for e in (span.lower, span.upper))
            below = span.lower is not None and total < span.lower
            negative = below and span.lower == 0
            raise InputError(
                f"a total lies between {lower} and {upper}"
                + ("; it must not be negative" if negative else ""),
                zh=f"总分应在 {lower} 与 {upper} 之间" + ("；不得为负数" if negative else ""),
                field="total",
                value=total,
            )
        for band in self.bands:
            if band.interval.contains(total):
                return band.grade
        raise AssertionError("unreachable: the bands partition their span")  # pragma: no cover


def _edge(edge: Decimal | None) -> str:
    return "∞" if edge is None else f"{edge.normalize():f}"


def _refuse_total(total: object) -> None:
    """Raise the error for a total that is not a finite Decimal."""
    finite_decimal(total, "total", Wording("totals", "总分"))


DEFAULT_GRADES = Grades(
    (
        GradeBand(Grade.EXCELLENT, Interval.parse("[90, ∞)")),
        GradeBand(Grade.GOOD, Interval.parse("[80, 90)")),
        GradeBand(Grade.FAIR, Interval.parse("[60, 80)")),
        GradeBand(Grade.POOR, Interval.parse("[0, 60)")),
    ),
    "90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差",
)
"""The grades of the national rules (财预〔2020〕10号 and the local frameworks
that follow it): 90 and above 优, 80 to 90 良, 60 to 80 中, below 60 差, each
band including its lower edge. A rule set that states no grades has these."""


@attrs.frozen
class Period:
    """The years a rule set applies to, both ends included; ``last`` is
    ``None`` while it is still in force.

    >>> str(Period(2018, 2019)), str(Period(2020)), Period(2020).contains(2031)
    ('2018–2019', '2020–', True)
    """

    first: int
    last: int | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("first", "last"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise FrameworkError(
                    "a year is a whole number",
                    zh="年份应为整数",
                    field=f"period.{name}",
                    value=value,
                )
        if self.last is not None and self.last < self.first:
            raise FrameworkError(
                "the period ends before it begins",
                zh="适用期的结束早于开始",
                field="period",
                value=self,
            )

    def contains(self, year: int) -> bool:
        """Whether the rule set applies to *year*."""
        return self.first <= year and (self.last is None or year <= self.last)

    def overlaps(self, other: Period) -> bool:
        """Whether some year lies in both periods."""
        return (self.last is None or other.first <= self.last) and (
            other.last is None or self.first <= other.last
        )

    def __str__(self) -> str:
        if self.last == self.first:
            return str(self.first)
        return f"{self.first}–{'' if self.last is None else self.last}"


@attrs.frozen
class Schedule:
    """Scheduled progress (序时进度): the share of the year that should be spent
    by the end of each period, in order.

    Attributes:
        key: the name rules refer to (``"quarterly"``).
        period: what one period is (``"quarter"``).
        shares: the scheduled progress at each period's end (0.25, 0.5, …).
        text: the wording that states it.
    """

    key: str
    period: str
    shares: tuple[Decimal, ...]
    text: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.shares or any(s <= 0 for s in self.shares):
            raise FrameworkError(
                "a schedule's shares are above 0",
                zh="序时进度的各期比例应大于 0",
                field=f"schedules.{self.key}",
            )


@attrs.frozen
class Alternative:
    """One reading of an interpretation.

    Attributes:
        key: its name (``"capped"``).
        text: what it reads the text as, in Chinese (may be empty).
        text_en: the same in English.
        changes: how the rule data differs under it from the data as written:
            each path (``"components.q1.capped"``) with its value in the file
            form (``None`` removes the key). The default's is empty.
    """

    key: str
    text: str = ""
    text_en: str = ""
    changes: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Interpretation:
    """A reading the source does not fix, as a named switch.

    The rule data as written is the default reading; each other alternative
    says how the data changes under it, so an evaluation under any reading
    runs on rule data, validated as every rule set is.

    Attributes:
        key: the name, unique in its rule (``"quarter_cap"``); the rule set
            names it ``"<indicator>.<key>"``.
        text_en: what the text leaves open and why the default reads it so.
        text: the same in Chinese (may be empty).
        default: the key of the alternative the data is written for.
        alternatives: every reading, the default among them.
    """

    key: str
    text_en: str
    default: str
    alternatives: tuple[Alternative, ...]
    text: str = ""

    def __attrs_post_init__(self) -> None:
        keys = [a.key for a in self.alternatives]
        if len(set(keys)) != len(keys) or len(keys) < 2:
            raise FrameworkError(
                "an interpretation has two or more alternatives of distinct keys",
                zh="一个解释应有两个或更多键各不相同的备选读法",
                field=f"interpretations.{self.key}",
                value=keys,
            )
        if self.default not in keys:
            raise FrameworkError(
                "the default is not one of the alternatives",
                zh="默认读法不在备选读法之中",
                field=f"interpretations.{self.key}.default",
                value=self.default,
            )
        if self.alternative(self.default).changes:
            raise FrameworkError(
                "the default reading is the data as written: it has no changes",
                zh="默认读法就是数据本身：它没有变更",
                field=f"interpretations.{self.key}",
            )

    def alternative(self, key: str) -> Alternative:
        """The alternative called *key*.

        Raises:
            UnknownKeyError: there is none (the message lists them).
        """
        for alternative in self.alternatives:
            if alternative.key == key:
                return alternative
        raise UnknownKeyError(
            f"no such reading; expected one of: {', '.join(a.key for a in self.alternatives)}",
            zh=f"没有这种解释；应为以下之一：{', '.join(a.key for a in self.alternatives)}",
            field=f"interpretations.{self.key}",
            value=key,
        )


@attrs.frozen
class Reform:
    """A named change that derived a rule set from another (OpenFisca's reforms):
    a re-weighting, a replaced indicator, readings chosen.

    Attributes:
        name: what the variant is called.
        changes: each change, in words (``"budget_execution 6 → 8"``).
    """

    name: str
    changes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.name}: {'; '.join(self.changes)}" if self.changes else self.name
