"""Conversion of the numbers handed in, rounding, and the money units (private;
documented in :mod:`jixiao.quantities`, which re-exports everything here).

Kept apart from :mod:`jixiao.quantities` (ratios and amounts) so that each
module stays short; both compute in the one context :data:`CONTEXT`.
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import Final

from jixiao._number_bounds import shown
from jixiao.errors import InputError, NumberError, Wording
from jixiao.numbers import (
    MAX_INTEGER_DIGITS,
    PrintedNumber,
    check_decimal,
    parse_number,
    read_number,
)

__all__ = [
    "CONTEXT",
    "MAX_DIRECT_PLACES",
    "YEARS",
    "Unit",
    "finite_decimal",
    "round_points",
    "to_count",
    "to_decimal",
    "to_year",
]

# A private context: high precision, no traps that would surprise, and never
# the process-wide context (whose rounding a user may have changed).
CONTEXT: Final = decimal.Context(prec=34, rounding=decimal.ROUND_HALF_UP)
_CONTEXT: Final = CONTEXT
MAX_DIRECT_PLACES: Final = 40
COUNT_LIMIT: Final = 10**MAX_INTEGER_DIGITS
_COUNT_LIMIT: Final = COUNT_LIMIT
ONE: Final = Decimal(1)
CENT: Final = Decimal("0.01")


def to_decimal(value: object, field: str = "value", *, negative: bool = False) -> Decimal:
    """Convert *value* to an exact, finite, bounded :class:`~decimal.Decimal`.

    Text is read by :func:`jixiao.numbers.parse_number`, the one reader of
    printed numbers (``"1,171.04"`` with thousands separators in groups of
    three and surrounding blanks is accepted; ``"157,46"``, ``"1_1"``,
    ``"1e5"`` are refused). A ``Decimal`` or ``int`` is held to the same
    bounds (:func:`jixiao.numbers.check_decimal`), except that a ``Decimal``
    computed by a program may carry up to :data:`MAX_DIRECT_PLACES` places.

    Args:
        value: a ``Decimal``, ``int`` or ``str``.
        field: the name used in the error message.
        negative: allow values below zero (amounts and counts never are).

    Returns:
        The exact decimal value.

    Raises:
        InputError: for a ``float`` or ``bool``, or another type.
        NumberError: (an :class:`InputError`) for text that is not a number
            as tables print them, NaN, infinity, a value beyond the bounds, or
            a negative value when *negative* is false.

    >>> to_decimal("2,568.79")
    Decimal('2568.79')
    >>> to_decimal("157,46", "executed")
    Traceback (most recent call last):
    ...
    jixiao.errors.NumberError: field executed: a comma must separate groups of three digits (1,234,567.89), and a decimal comma is not read: ambiguous (got '157,46')
    >>> to_decimal(0.1)
    Traceback (most recent call last):
    ...
    jixiao.errors.InputError: field value: a float is not exact; pass Decimal('0.1') or the text '0.1' (got 0.1)
    """
    if type(value) is Decimal:  # the common case on the scoring path: a number already read
        return check_decimal(value, negative=negative, places=MAX_DIRECT_PLACES, field=field)
    if isinstance(value, str):
        try:
            return parse_number(value, negative=negative, field=field).number
        except NumberError:
            if not negative and _is_negative(value):  # say so, as for a Decimal
                raise NumberError(
                    "must not be negative", zh="不得为负数", field=field, value=shown(value)
                ) from None
            raise
    if isinstance(value, bool):
        raise InputError(
            "expected a number, not a truth value",
            zh="应为数字，而不是真假值",
            field=field,
            value=value,
        )
    if isinstance(value, Decimal | int):
        return check_decimal(value, negative=negative, places=MAX_DIRECT_PLACES, field=field)
    if isinstance(value, float):
        raise InputError(
            f"a float is not exact; pass Decimal('{value!r}') or the text '{value!r}'",
            zh=f"浮点数（float）不精确；请传入 Decimal('{value!r}') 或文本 '{value!r}'",
            field=field,
            value=value,
        )
    raise InputError(
        f"expected a Decimal, int or str, not {type(value).__name__}",
        zh=f"应为 Decimal、int 或 str，而不是 {type(value).__name__}",
        field=field,
        value=type(value).__name__,
    )


def _is_negative(text: str) -> bool:
    """Whether *text* prints a number below zero."""
    try:
        read = read_number(text, negative=True)
    except NumberError:
        return False
    return isinstance(read, PrintedNumber) and read.number.is_signed()


def to_count(value: object, field: str = "count") -> int:
    """Check that *value* is a whole, non-negative number of people, items or
    tasks, within the bounds of :func:`to_decimal` (fewer than 10¹⁵)."""
    if type(value) is int and 0 <= value < _COUNT_LIMIT:  # the common case
        return value
    if isinstance(value, float):
        raise InputError(
            "a float is not a count; pass a whole number",
            zh="浮点数（float）不是人数或个数；请传入整数",
            field=field,
            value=value,
        )
    if isinstance(value, bool) or not isinstance(value, str | Decimal | int):
        raise InputError(
            "expected a whole number", zh="应为整数", field=field, value=type(value).__name__
        )
    number = to_decimal(value, field)
    if number != number.to_integral_value(context=_CONTEXT):
        raise InputError("expected a whole number", zh="应为整数", field=field, value=str(number))
    return int(number)


def finite_decimal(value: object, field: str, noun: Wording) -> Decimal:
    """*value* when it is a finite ``Decimal``; else the library's error naming
    *field* (*noun*: what the value is, "points" and 得分, "totals" and 总分).

    >>> finite_decimal(Decimal("NaN"), "total", Wording("totals", "总分"))
    Traceback (most recent call last):
    ...
    jixiao.errors.InputError: field total: NaN and infinity are not totals (got Decimal('NaN'))
    """
    if not isinstance(value, Decimal):
        raise InputError(
            f"expected a Decimal, not {type(value).__name__}",
            zh=f"应为 Decimal，而不是 {type(value).__name__}",
            field=field,
            value=type(value).__name__,
        )
    if not value.is_finite():
        raise InputError(
            f"NaN and infinity are not {noun.en}",
            zh=f"NaN 和无穷大不能作为{noun.zh}",
            field=field,
            value=value,
        )
    return value


YEARS = range(1000, 10000)
"""The years a file may name: four digits. Whether a rule set applies to the
year is checked against its period when scoring; this bound refuses at once
a year that is no year at all (−1, 0, 10³⁰)."""


def to_year(value: object, field: str = "year") -> int:
    """Check that *value* is a year: a whole number of four digits (an ``int``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            "expected the year as a whole number", zh="年度应为整数", field=field, value=value
        )
    if value not in YEARS:
        shown: object = (
            value
            if -(10**6) < value < 10**6
            else Wording("a number of more than six digits", "超过六位的数")
        )
        raise InputError(
            "a year has four digits (1000 to 9999); the rule set's period is checked when scoring",
            zh="年度为四位数（1000 至 9999）；规则集的适用期在评分时核对",
            field=field,
            value=shown,
        )
    return value


def round_points(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round points half-up (ties away from zero) to *places*, 0.01 by default.

    This is the one rounding helper of the library; rules call it exactly
    where their text rounds. The global decimal context is not used.

    >>> round_points(Decimal("5.125")), round_points(Decimal("-5.125"))
    (Decimal('5.13'), Decimal('-5.13'))

    Raises:
        InputError: for anything but a finite ``Decimal`` (NaN, infinity, a
            float), or a value too large to round to *places*.
    """
    if type(value) is Decimal and value.is_finite() and value.adjusted() < _ROUNDABLE:
        return value.quantize(places, rounding=decimal.ROUND_HALF_UP, context=_CONTEXT)
    value = finite_decimal(value, "points", Wording("points", "得分"))
    if value.adjusted() >= _ROUNDABLE:
        raise InputError(
            "is too large to be points", zh="数值过大，不可能是得分", field="points", value=value
        )
    return value.quantize(places, rounding=decimal.ROUND_HALF_UP, context=_CONTEXT)


_ROUNDABLE: Final = _CONTEXT.prec - 4
"""Points of this many integer digits or more cannot be quantized to 0.0001 in
:data:`CONTEXT`; no rule gives them (points are at most a weight)."""


class Unit(enum.Enum):
    """The money units of published tables: 元, 万元 (10⁴ 元) and 亿元 (10⁸ 元)."""

    YUAN = "元"
    WAN = "万元"
    YI = "亿元"

    @property
    def factor(self) -> Decimal:
        """How many 元 one of this unit is."""
        return {Unit.YUAN: ONE, Unit.WAN: Decimal(10_000), Unit.YI: Decimal(100_000_000)}[self]

    @property
    def label_en(self) -> str:
        """The unit in English: ``yuan``, ``10,000 yuan``, ``100 million yuan``."""
        return {Unit.YUAN: "yuan", Unit.WAN: "10,000 yuan", Unit.YI: "100 million yuan"}[self]

    @classmethod
    def parse(cls, text: str, field: str = "unit") -> Unit:
        """Read ``"元"``, ``"万元"`` or ``"亿元"`` (or ``yuan``, ``wan``, ``yi``)."""
        key = text.strip().lower() if isinstance(text, str) else text
        for unit in cls:
            if key in (unit.value, unit.name.lower()):
                return unit
        raise InputError(
            "unknown money unit; use 元, 万元 or 亿元",
            zh="未知的金额单位；请用 元、万元 或 亿元",
            field=field,
            value=text,
        )
