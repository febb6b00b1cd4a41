"""The values of target and actual cells other than quantities, and their parsers (private).

:mod:`jixiao.targets` is the public face: it re-exports every class here and
documents them. The quantity, the parser of a whole cell and the ``Value``
alias are in :mod:`jixiao._target_parse`, which builds these values; this
module imports neither.
"""

from __future__ import annotations

import calendar
import datetime
import enum
from typing import TYPE_CHECKING, Any

import attrs

import jixiao._target_patterns as p
from jixiao.numbers import MAX_INTEGER_DIGITS

if TYPE_CHECKING:
    from jixiao._target_parse import Value

__all__ = [
    "Classified",
    "Combine",
    "Compound",
    "Deadline",
    "Direction",
    "Frequency",
    "Kind",
    "NotApplicable",
    "Period",
    "Qualitative",
    "Span",
    "Unparsed",
    "Unreadable",
    "parse_deadline",
    "parse_frequency",
    "parse_qualitative",
]


class Direction(enum.Enum):
    """How a written number bounds the value: the sign before it or the word after it.

    ``AT_LEAST`` (≥, 以上, 不低于, 至少), ``MORE_THAN`` (>, 超过, 突破),
    ``AT_MOST`` (≤, 以下, 以内, 内, 不超过), ``LESS_THAN`` (<, 低于),
    ``EQUAL`` (no sign, or =) and ``RANGE`` ("80%-90%", "5~10人").
    """

    AT_LEAST = "≥"
    MORE_THAN = ">"
    AT_MOST = "≤"
    LESS_THAN = "<"
    EQUAL = "="
    RANGE = "~"


class Kind(enum.Enum):
    """What a :class:`Quantity` measures, decided by its unit."""

    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    MEASURE = "measure"
    """A length, area, volume, weight or power (米, 平方米, 立方米, 亩, 吨, 千瓦 …),
    or percentage points (个百分点): compared only in the same unit."""
    DURATION = "duration"
    SCORE = "score"


class Span(enum.Enum):
    """The length of the period a :class:`Deadline` names."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    YEAR = "year"


class Period(enum.Enum):
    """The period of a :class:`Frequency` (每年, 每半年, 每季度, 每月, 每周, 每日)."""

    YEAR = "年"
    HALF_YEAR = "半年"
    QUARTER = "季度"
    MONTH = "月"
    WEEK = "周"
    DAY = "日"


class Combine(enum.Enum):
    """Whether all parts of a :class:`Compound` apply (; ／) or any one of them (或)."""

    ALL = "all"
    ANY = "any"


_DEADLINE_SUFFIXES = ("", *p.DEADLINE_SUFFIXES)


def _optional_in(allowed: range) -> Any:
    return attrs.validators.optional(attrs.validators.in_(allowed))


@attrs.frozen
class Deadline:
    """A date or period: "2023年11月30日", "2022年12月", "2021.7", "第四季度前", "年底前".

    A year that was not written stays ``None``; nothing is assumed.

    Args:
        span: how long the named period is.
        year: the year, when written.
        month: the month (``DAY`` and ``MONTH``).
        day: the day of the month (``DAY``).
        part: the quarter (1–4) of a ``QUARTER`` or the half (1 上, 2 下) of a
            ``HALF_YEAR``.
        suffix: the word after the period, one of "" and 底前, 底, 末前, 末,
            结束前, 之前, 以前, 前, 内 (a trailing 完成 is dropped). Whether
            "第四季度前" means before the quarter starts or by its end is not
            decided here.
        text: the cell as written (not part of equality).
    """

    span: Span
    year: int | None = None
    month: int | None = attrs.field(default=None, validator=_optional_in(range(1, 13)))
    day: int | None = attrs.field(default=None, validator=_optional_in(range(1, 32)))
    part: int | None = attrs.field(default=None, validator=_optional_in(range(1, 5)))
    suffix: str = attrs.field(default="", validator=attrs.validators.in_(_DEADLINE_SUFFIXES))
    text: str = attrs.field(eq=False, default="", kw_only=True)

    def period_end(self) -> datetime.date | None:
        """The last day of the named period, or ``None`` when the year was not written.

        Returns:
            For example 2022-12-31 for "2022年12月" and for "2022年".
        """
        if self.year is None:
            return None
        if self.span is Span.DAY:
            return datetime.date(self.year, self.month or 1, self.day or 1)
        if self.span is Span.MONTH:
            last_month = self.month or 12
        elif self.span is Span.QUARTER:
            last_month = 3 * (self.part or 4)
        elif self.span is Span.HALF_YEAR:
            last_month = 6 * (self.part or 2)
        else:
            last_month = 12
        return datetime.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def format(self) -> str:
        """Canonical text: "2023年11月30日", "2022年12月", "第四季度前", "年底前"."""
        year = f"{self.year}年" if self.year is not None else ""
        match self.span:
            case Span.DAY:
                body = f"{self.month}月{self.day}日"
            case Span.MONTH:
                body = f"{self.month}月"
            case Span.QUARTER:
                body = f"第{p.QUARTERS[(self.part or 1) - 1]}季度"
            case Span.HALF_YEAR:
                body = f"{p.HALVES[(self.part or 1) - 1]}半年"
            case _:
                body = "" if self.year is not None else "年"
        return year + body + self.suffix


@attrs.frozen
class Frequency:
    """A count per period: "每半年一次", "每月一次", "每年2次", "4次/年", and
    bounded: "每季度不少于1次", "≥1次/月", "每年2次以上".

    Args:
        count: how many times per period.
        period: the period.
        unit: the measure word (次, 期, 场…).
        direction: how the count bounds the times (a sign or word before the
            count, or a word after it, as a quantity's); ``EQUAL`` when none
            is written. Never ``RANGE``.
        text: the cell as written (not part of equality).
    """

    count: int = attrs.field(validator=attrs.validators.ge(1))
    period: Period
    unit: str = "次"
    direction: Direction = attrs.field(
        default=Direction.EQUAL,
        validator=attrs.validators.in_([d for d in Direction if d is not Direction.RANGE]),
    )
    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """Canonical text: "每半年1次", "每季度≥1次"."""
        sign = "" if self.direction is Direction.EQUAL else self.direction.value
        return f"每{self.period.value}{sign}{self.count}{self.unit}"


@attrs.frozen
class Compound:
    """Several values in one cell: "≥100张; ≥50份; ≥10份" (all), "≥2天或16小时" (any).

    Args:
        parts: the values in written order.
        combine: ``Combine.ALL`` (separated by ; ； or /) or ``Combine.ANY`` (或).
        text: the cell as written (not part of equality).
    """

    parts: tuple[Value, ...]
    combine: Combine = Combine.ALL
    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """Canonical text: parts joined by "; " (all) or "或" (any)."""
        separator = "; " if self.combine is Combine.ALL else "或"
        return separator.join(part.format() for part in self.parts)


@attrs.frozen
class Qualitative:
    """A statement without a number: "有所提升", "有效保障", "基本满意", "良好".

    Args:
        statement: the text without blanks, full-width letters folded.
        text: the cell as written (not part of equality).
    """

    statement: str
    text: str = attrs.field(eq=False, default="", kw_only=True)

    @property
    def grade(self) -> str | None:
        """ "优", "良", "中" or "差" when the statement is just that grade (优秀, 良好…)."""
        return p.GRADES.get(self.statement)

    def format(self) -> str:
        """The statement."""
        return self.statement


@attrs.frozen
class NotApplicable:
    """不适用, 无, "/", "—", "-", "N/A" or an empty cell: the indicator does not apply.

    Args:
        text: the cell as written (not part of equality).
    """

    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """Canonical text: "不适用"."""
        return "不适用"


@attrs.frozen
class Classified:
    """ "有关内容涉密" or any text with 涉密: the value is withheld.

    Args:
        text: the cell as written (not part of equality).
    """

    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """Canonical text: "有关内容涉密"."""
        return "有关内容涉密"


@attrs.frozen
class Unreadable:
    """A cell whose content was lost: "#####" (too narrow in Excel) or "#VALUE!" and kin.

    Kept apart from :class:`Unparsed` so that an audit can list unreadable
    cells. All unreadable cells are equal.

    Args:
        text: the cell as written (not part of equality).
    """

    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """The text as written, or "#####" when there is none."""
        return self.text.strip() or "#####"


@attrs.frozen(repr=False)
class Unparsed:
    """Text that could not be read with certainty.

    Unlike the other values, the text *is* the content here, so it takes part
    in equality.

    Args:
        text: the cell as written.
        reason: why a number in it was refused, when one was (``"157,46"``: a
            comma out of its groups of three; ``"1e999"``: an exponent; more
            digits than any budget has), as :mod:`jixiao.numbers` says it;
            ``""`` when the text is simply no form jixiao reads (not part of
            equality).
        reason_zh: the reason in Chinese (not part of equality).
    """

    text: str
    reason: str = attrs.field(default="", eq=False, kw_only=True)
    reason_zh: str = attrs.field(default="", eq=False, kw_only=True)

    def __repr__(self) -> str:  # the reason (in English) only when there is one
        reason = f", reason={self.reason!r}" if self.reason else ""
        return f"Unparsed(text={self.text!r}{reason})"

    def format(self) -> str:
        """The text as written."""
        return self.text


def parse_deadline(s: str, text: str) -> Deadline | None:
    s = s.removesuffix("完成")
    match = p.DOTTED_DATE.fullmatch(s) or p.DEADLINE.fullmatch(s)
    if match is None or not s:
        return None
    groups = match.groupdict()
    year = int(groups["year"]) if groups["year"] else None
    suffix = groups["suffix"] or ""
    if groups.get("month"):
        month, day = int(groups["month"]), int(groups["day"]) if groups["day"] else None
        try:  # validate with a leap year when the year is not written
            datetime.date(year or 2000, month, day or 1)
        except ValueError:
            return None
        if day is not None:
            if suffix not in ("", "前", "之前", "以前"):
                return None
            return Deadline(Span.DAY, year, month, day, suffix=suffix, text=text)
        if year is None and suffix in ("", "内"):
            return None  # "3月": March, or three months?
        return Deadline(Span.MONTH, year, month, suffix=suffix, text=text)
    if groups.get("q"):  # Q4
        return Deadline(Span.QUARTER, year, part=int(groups["q"]), suffix=suffix, text=text)
    if groups.get("quarter"):
        quarter = p.QUARTERS.find(groups["quarter"]) + 1 or int(groups["quarter"])
        return Deadline(Span.QUARTER, year, part=quarter, suffix=suffix, text=text)
    if groups.get("half"):
        half = p.HALVES.index(groups["half"]) + 1
        return Deadline(Span.HALF_YEAR, year, part=half, suffix=suffix, text=text)
    if year is None and suffix not in ("底前", "底", "末前", "末", "结束前", "内"):
        return None  # "年前" is "before the Spring Festival"
    if year is None and not groups.get("bare"):
        return None
    return Deadline(Span.YEAR, year, suffix=suffix, text=text)


def parse_frequency(s: str, text: str) -> Frequency | None:
    match = p.FREQUENCY.fullmatch(s) or p.FREQUENCY_SLASH.fullmatch(s)
    if match is not None:
        period = Period(p.PERIOD_WORDS[match["period"]])
    elif (match := p.FREQUENCY_PER.fullmatch(s)) is not None:
        period = Period(p.PER_PERIOD[match["per"]])
    else:
        return None
    count = int(match["count"]) if len(match["count"]) <= MAX_INTEGER_DIGITS else 0
    if not count:
        return None
    signs = {p.PREFIXES[match["sign"]]} if match["sign"] else set()
    if match["suffix"]:
        signs.add(p.SUFFIXES[match["suffix"]])
    if len(signs) > 1:
        return None  # "≥1次以下/月" contradicts itself
    direction = Direction(signs.pop()) if signs else Direction.EQUAL
    return Frequency(count, period, match["unit"], direction, text=text)


def parse_qualitative(s: str, text: str) -> Qualitative | None:
    if not p.QUALITATIVE.fullmatch(s) or p.NUMBERISH.search(s):
        return None
    if p.STRUCTURAL.fullmatch(s) and s not in p.STATEMENTS:
        return None
    if s in p.PREFIXES or s == p.SCOPE_PREFIX:
        return None
    return Qualitative(s, text=text)
