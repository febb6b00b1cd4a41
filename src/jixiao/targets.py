"""Target and actual values of a project self-evaluation table (年度指标值 / 实际完成值).

:func:`parse_value` reads what people write in those two cells and returns a
small frozen value saying what it is. Nothing is guessed: a cell that cannot be
read with certainty comes back as :class:`Unparsed`, keeping its text.

>>> parse_value("≥200人次").format()
'≥200人次'
>>> parse_value("全年突破21万").value
Decimal('210000')
>>> parse_value("≥2天或16小时").combine
<Combine.ANY: 'any'>
>>> parse_value("第四季度前完成").format()
'第四季度前'

Interpretations (the library's reading, not an official rule):

* 以上, 以下 and 以内 include the number (《民法典》第一千二百五十九条: "以上、以下、
  以内、届满，包括本数"), so "99%以上" is ``AT_LEAST`` and "24小时内" is ``AT_MOST``.
* 突破 ("break through"), 超过 and 高于 exclude it, as 超过 does in the same
  article ("不满、超过、以外，不包括本数"): "全年突破21万" is ``MORE_THAN``.
* A leading 全年 is dropped: the whole table is about one year.
* "2021.7" is a month (July 2021), not the number 2021.7; write "=2021.7" for
  the number. A four-digit year followed by 年 ("2022年") is a year, while
  "1年" is a duration. "3月" alone (March, or three months?) is unparsed;
  "3个月" is a duration and "3月底前" a deadline.
* In "≥2天或16小时" only the first part carries the sign; the second stays
  ``EQUAL`` as written.
* A bare number carries no unit: "1" stays the number 1 even in a row whose
  actual is "100%".
"""

from __future__ import annotations

import calendar
import datetime
import decimal
import enum
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from jixiao import _target_patterns as p
from jixiao.errors import InputError
from jixiao.quantities import Ratio, Unit

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
    "Quantity",
    "Span",
    "Unparsed",
    "Unreadable",
    "Value",
    "completion_ratio",
    "parse_value",
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


def _plain(number: Decimal) -> str:
    return format(number, "f")


_UNBOUNDED = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""Room for every digit of a number times its scale: the product is exact."""


_FACTORS = {scale: Decimal(10) ** power for scale, power in p.SCALES.items()}
"""Each scale word's power of ten (a power of ten is exact in any precision)."""


def _scaled(number: Decimal, scale: str) -> Decimal:
    if not scale:
        return number
    return _UNBOUNDED.multiply(number, _FACTORS[scale])


_HIGHER_IS_BETTER = {
    Direction.AT_LEAST: True,
    Direction.MORE_THAN: True,
    Direction.AT_MOST: False,
    Direction.LESS_THAN: False,
}
_KIND_OF_UNIT = {"": "number", **dict(p.UNITS.values())}
_KIND_MEMBER = {unit: Kind(kind) for unit, kind in _KIND_OF_UNIT.items()}


def _check_number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value.is_signed():
        message = "must be a finite, non-negative Decimal"
        raise InputError(message, field=attribute.name, value=value)


def _check_upper(instance: Quantity, attribute: attrs.Attribute[Any], value: object) -> None:
    if (instance.direction is Direction.RANGE) != (value is not None):
        message = "an upper bound goes with Direction.RANGE only"
        raise InputError(message, field="upper", value=value)
    if value is not None:
        _check_number(instance, attribute, value)
        if instance.number > value:  # type: ignore[operator]
            raise InputError("the lower bound exceeds the upper bound", field="upper", value=value)


@attrs.frozen
class Quantity:
    """A number with its unit and direction: "≥200人次", "≤5万元", "99%以上", "80%-90%".

    Args:
        number: the number as written, exactly (5 in "5万元", 21 in "21万").
        unit: the canonical unit: ``""`` (none), ``"元"``, ``"%"``, ``"分"``, a
            measure word (``"人次"``, ``"张"``…) or a duration (``"小时"``,
            ``"工作日"``, ``"月"``…).
        direction: how the number bounds the value.
        upper: the upper bound of a ``RANGE`` (then *number* is the lower one).
        scale: the written multiplier ``"万"`` (10⁴) or ``"亿"`` (10⁸), or ``""``.
        noun: what is counted after a measure word ("工单" in "≥40000件工单").
        text: the cell as written (not part of equality).

    Raises:
        InputError: for a negative or non-Decimal number, an unknown unit or
            scale, or an upper bound without ``RANGE`` (or below the number).
    """

    number: Decimal = attrs.field(validator=_check_number)
    unit: str = attrs.field(default="", validator=attrs.validators.in_(_KIND_OF_UNIT))
    direction: Direction = Direction.EQUAL
    upper: Decimal | None = attrs.field(default=None, validator=_check_upper)
    scale: str = attrs.field(default="", validator=attrs.validators.in_({"", *p.SCALES}))
    noun: str = ""
    text: str = attrs.field(eq=False, default="", kw_only=True)

    @property
    def kind(self) -> Kind:
        """What is measured, from the unit (:attr:`Kind.NUMBER` when there is none)."""
        return _KIND_MEMBER[self.unit]

    @property
    def value(self) -> Decimal:
        """The number times its scale, exactly: 210000 for "21万", 50000 for "5万元"."""
        return _scaled(self.number, self.scale)

    @property
    def upper_value(self) -> Decimal | None:
        """The upper bound of a range times its scale, or ``None``."""
        return None if self.upper is None else _scaled(self.upper, self.scale)

    @property
    def money_unit(self) -> Unit | None:
        """``Unit.YUAN``, ``Unit.WAN`` or ``Unit.YI`` for money as written, else ``None``."""
        return Unit.parse(self.scale + "元") if self.unit == "元" else None

    @property
    def in_yuan(self) -> Decimal | None:
        """Money converted to 元 exactly ("≤5万元" gives 50000), else ``None``."""
        return self.value if self.unit == "元" else None

    @property
    def ratio(self) -> Ratio | None:
        """A percent as a :class:`~jixiao.quantities.Ratio` (the lower bound of a range)."""
        return Ratio.percent(self.number) if self.unit == "%" else None

    @property
    def higher_is_better(self) -> bool | None:
        """True for ≥ and >, False for ≤ and <, ``None`` for a plain number or a range."""
        return _HIGHER_IS_BETTER.get(self.direction)

    def compatible_with(self, other: Quantity) -> bool:
        """Whether :func:`completion_ratio` can divide one of the two by the other.

        Same kind, and for durations the same unit (天 and 日 alike), for counts
        the same measure word and noun (an empty noun matches any). Money in 元,
        万元 and 亿元 is compatible. A bare number is compatible with a count
        (interpretation: "≥5" against "9个" counts the same things), never with
        money, a percent, a score or a duration.

        Args:
            other: the quantity to compare with.

        Returns:
            True when the two measure the same thing in convertible units.
        """
        kind = self.kind
        if kind is not other.kind:
            return {kind, other.kind} == {Kind.NUMBER, Kind.COUNT}
        if kind is Kind.DURATION:
            return self.unit.replace("天", "日") == other.unit.replace("天", "日")
        if kind is Kind.COUNT:
            return self.unit == other.unit and (
                self.noun == other.noun or not self.noun or not other.noun
            )
        return True

    def format(self) -> str:
        """Canonical text: "≥200人次", "≤5万元", "80%~90%"; ``parse_value`` reads it back."""
        unit = p.WRITTEN_UNIT.get(self.unit, self.unit)
        body = f"{_plain(self.number)}{self.scale}{unit}{self.noun}"
        if self.upper is not None:
            return f"{body}~{_plain(self.upper)}{self.scale}{unit}{self.noun}"
        if self.direction is not Direction.EQUAL:
            return f"{self.direction.value}{body}"
        return body if parse_value(body) == self else "=" + body


def completion_ratio(actual: Quantity, target: Quantity) -> Decimal:
    """The exact ratio actual ÷ target of two compatible quantities.

    Money is compared in 元, counts with their scale applied (17.76万 ÷ 21万),
    percents as percents. Directions are ignored: this is the ratio only; what
    it earns is for the scoring rule to say.

    Args:
        actual: the 实际完成值.
        target: the 年度指标值.

    Returns:
        actual ÷ target as a Decimal (34 significant digits where inexact).

    Raises:
        InputError: when the units are incompatible (see
            :meth:`Quantity.compatible_with`), either value is a range, or the
            target is zero.

    >>> completion_ratio(parse_value("3657.8元"), parse_value("≤5万元"))
    Decimal('0.073156')
    """
    if not actual.compatible_with(target):
        raise InputError(
            "the actual and the target are not in compatible units",
            field="actual",
            value=(actual.format(), target.format()),
        )
    if Direction.RANGE in (actual.direction, target.direction):
        raise InputError("a range has no single value to divide", value=target.format())
    return Ratio.of(actual.value, target.value, "completion_ratio").value


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
    """A count per period: "每半年一次", "每月一次", "每年2次", "4次/年".

    Args:
        count: how many times per period.
        period: the period.
        unit: the measure word (次, 期, 场…).
        text: the cell as written (not part of equality).
    """

    count: int = attrs.field(validator=attrs.validators.ge(1))
    period: Period
    unit: str = "次"
    text: str = attrs.field(eq=False, default="", kw_only=True)

    def format(self) -> str:
        """Canonical text: "每半年1次"."""
        return f"每{self.period.value}{self.count}{self.unit}"


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


@attrs.frozen
class Unparsed:
    """Text that could not be read with certainty.

    Unlike the other values, the text *is* the content here, so it takes part
    in equality.

    Args:
        text: the cell as written.
    """

    text: str

    def format(self) -> str:
        """The text as written."""
        return self.text


Value: TypeAlias = (
    Quantity
    | Deadline
    | Frequency
    | Compound
    | Qualitative
    | NotApplicable
    | Classified
    | Unreadable
    | Unparsed
)
"""Anything :func:`parse_value` returns."""


def parse_value(text: str) -> Value:
    """Read a target (年度指标值) or actual (实际完成值) cell.

    Full-width characters (＞ ％ ；) and blanks are tolerated. Never raises on
    text: what cannot be read comes back as :class:`Unparsed`.

    Args:
        text: the cell as written.

    Returns:
        A :class:`Quantity`, :class:`Deadline`, :class:`Frequency`,
        :class:`Compound`, :class:`Qualitative`, :class:`NotApplicable`,
        :class:`Classified`, :class:`Unreadable` or :class:`Unparsed`.

    Raises:
        InputError: when *text* is not a ``str``.

    >>> q = parse_value("≤5万元")
    >>> q.direction, q.money_unit, q.in_yuan
    (<Direction.AT_MOST: '≤'>, <Unit.WAN: '万元'>, Decimal('50000'))
    >>> parse_value("99%以上").ratio
    Ratio.percent('99')
    >>> d = parse_value("12月底前")
    >>> d.span, d.year, d.month, d.suffix
    (<Span.MONTH: 'month'>, None, 12, '底前')
    >>> parse_value("2022年12月").period_end()
    datetime.date(2022, 12, 31)
    >>> parse_value("158张; 167份; 72份").format()
    '158张; 167份; 72份'
    >>> parse_value("#####"), parse_value("不适用")
    (Unreadable(text='#####'), NotApplicable(text='不适用'))
    """
    from jixiao._target_parse import parse_cell  # here: it imports this module

    return parse_cell(text)
