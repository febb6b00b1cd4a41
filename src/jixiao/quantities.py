"""Exact numbers: conversion to :class:`~decimal.Decimal`, ratios, amounts, rounding.

jixiao never computes a score in binary floating point. Every number handed in
goes through :func:`to_decimal`, which accepts :class:`~decimal.Decimal`,
``int`` and ``str`` and **rejects** ``float`` (whose value is rarely the number
that was typed), ``bool``, NaN and infinity.

Ratios are a type of their own, :class:`Ratio`, so that "84.51" (percent) and
"0.8451" (a fraction) cannot be confused: a rule that wants a ratio refuses a
plain number and says how to make one.

Rounding happens at named points only, through :func:`round_points`: half-up
(ties away from zero) to 0.01, independent of the global decimal context.
"""

from __future__ import annotations

import contextvars
import decimal
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, TypeAlias, TypeVar

import attrs

import jixiao._conversion as _conversion
from jixiao._conversion import YEARS, Unit, round_points, to_count, to_decimal, to_year
from jixiao._number_bounds import within_bounds
from jixiao.errors import InputError
from jixiao.numbers import check_decimal, parse_number

for _member in (Unit, round_points, to_count, to_decimal, to_year):
    _member.__module__ = __name__  # documented here, where they are imported from

__all__ = [
    "CENT",
    "CONTEXT",
    "HUNDRED",
    "MAX_DIRECT_PLACES",
    "ONE",
    "SETTLE",
    "YEARS",
    "ZERO",
    "Amount",
    "AmountLike",
    "Number",
    "Ratio",
    "Unit",
    "amount_ratio",
    "as_ratio",
    "as_signed_ratio",
    "count_ratio",
    "exact",
    "exact_ratio",
    "round_points",
    "settle",
    "to_count",
    "to_decimal",
    "to_year",
]

F = TypeVar("F", bound=Callable[..., Any])

Number: TypeAlias = Decimal | int | str
"""What a caller may hand in where a number is wanted."""

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)
CENT: Final = Decimal("0.01")

# A private context: high precision, no traps that would surprise, and never
# the process-wide context (whose rounding a user may have changed).
_CONTEXT: Final = _conversion.CONTEXT
CONTEXT: Final = _CONTEXT
"""The decimal context every computation of the library runs in: 34 significant
digits, half-up. Rule functions enter it with :func:`decimal.localcontext`, so a
caller's own context (say, half-even) never changes a score."""

MAX_DIRECT_PLACES: Final = _conversion.MAX_DIRECT_PLACES
"""The most decimal places of a ``Decimal`` handed in directly (40; text has at
most :data:`jixiao.numbers.MAX_PLACES`): room for any value a program computes
in a 34-digit context down to 10⁻⁶, and far from the exponents (``1e-999``)
that would make arithmetic slow or signal. The integer digits are bounded as
for text (:data:`jixiao.numbers.MAX_INTEGER_DIGITS`)."""
_COUNT_LIMIT: Final = _conversion.COUNT_LIMIT

SETTLE: Final = Decimal("1e-20")
"""Before a score is rounded, its unrounded value is first rounded to 20 decimal
places, so that exact ties reached through repeating decimals (1/3, 2/75…)
round half-up as they do on paper: 1.98499…9 (34 digits) settles to 1.985 → 1.99."""


_IN_EXACT: Final = contextvars.ContextVar("jixiao_in_exact", default=False)


def exact(function: F) -> F:
    """Run *function* in :data:`CONTEXT`, whatever the caller's decimal context.

    Called from another such function (an audit scoring its rows), it runs in
    the context the outer one entered, without entering it again.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _IN_EXACT.get():
            return function(*args, **kwargs)
        token = _IN_EXACT.set(True)
        try:
            with decimal.localcontext(_CONTEXT):
                return function(*args, **kwargs)
        finally:
            _IN_EXACT.reset(token)

    return wrapper  # type: ignore[return-value]


def settle(value: Decimal) -> Decimal:
    """Round *value* to 20 decimal places (see :data:`SETTLE`)."""
    return value.quantize(SETTLE, rounding=decimal.ROUND_HALF_UP, context=_CONTEXT)


_divide: Final = _CONTEXT.divide
"""Exact division in :data:`CONTEXT` (the bound method: the scoring path calls it often)."""


@attrs.frozen(repr=False, order=True)
class Ratio:
    """A dimensionless ratio, stored as an exact fraction (0.8451 means 84.51 %).

    Build one with :meth:`percent`, :meth:`fraction`, :meth:`of` or
    :meth:`parse`; there is deliberately no way to build one from a bare
    number without saying which of the two it is.

    >>> Ratio.percent("84.51") == Ratio.fraction("0.8451")
    True
    >>> Ratio.parse("96.73%")
    Ratio.percent('96.73')
    """

    value: Decimal = attrs.field(order=True)

    @value.validator
    def _exact(self, _: object, value: object) -> None:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InputError(
                "a Ratio holds a finite Decimal; use Ratio.percent(...) or Ratio.fraction(...)",
                zh="Ratio 应持有有限的 Decimal；请用 Ratio.percent(...) 或 Ratio.fraction(...)",
                field="ratio",
                value=value if isinstance(value, Decimal) else type(value).__name__,
            )
        check_decimal(value, negative=True, places=MAX_DIRECT_PLACES, field="ratio")

    @classmethod
    def fraction(cls, value: Number, field: str = "ratio") -> Ratio:
        """A ratio given as a fraction of one: ``Ratio.fraction("0.8451")``."""
        return cls(to_decimal(value, field))

    @classmethod
    def percent(cls, value: Number, field: str = "ratio") -> Ratio:
        """A ratio given in percent: ``Ratio.percent("84.51")``."""
        return exact_ratio(_divide(to_decimal(value, field), HUNDRED))

    @classmethod
    def of(
        cls,
        part: Number,
        whole: Number,
        field: str = "ratio",
        *,
        names: tuple[str, str] | None = None,
    ) -> Ratio:
        """``part ÷ whole``; a zero *whole* is an :class:`InputError`.

        *names* are the two inputs' field names for error messages (default
        ``field.part`` and ``field.whole``).
        """
        part_name, whole_name = names or (f"{field}.part", f"{field}.whole")
        numerator = to_decimal(part, part_name)
        denominator = to_decimal(whole, whole_name)
        if denominator == 0:
            raise InputError(
                "is zero, so the ratio is undefined",
                zh="为零，比率无定义",
                field=whole_name,
                value=whole,
            )
        return exact_ratio(_divide(numerator, denominator))

    @classmethod
    def parse(cls, text: str, field: str = "ratio") -> Ratio:
        """Read ``"84.51%"`` (percent) or ``"0.8451"`` (fraction) from text,
        with :func:`jixiao.numbers.parse_number` (so ``"84,51%"`` is refused).

        The percent sign decides; text without it is a fraction.
        """
        if not isinstance(text, str):
            raise InputError(
                "expected text such as '84.51%'",
                zh="应为 '84.51%' 这样的文本",
                field=field,
                value=type(text).__name__,
            )
        printed = parse_number(text, percent=True, field=field)
        if printed.percent:
            return exact_ratio(_divide(printed.number, HUNDRED))
        return exact_ratio(printed.number)

    @property
    def percent_value(self) -> Decimal:
        """The ratio in percent, unrounded."""
        return _CONTEXT.multiply(self.value, HUNDRED)

    def __repr__(self) -> str:
        return f"Ratio.percent('{_plain(self.percent_value)}')"

    def __str__(self) -> str:
        percent = _CONTEXT.multiply(self.value, HUNDRED).quantize(
            CENT, decimal.ROUND_HALF_UP, _CONTEXT
        )
        return format(percent.normalize(_CONTEXT), "f") + "%"


_new = object.__new__
_set_value: Final = Ratio.__dict__["value"].__set__
"""Sets the slot of a new Ratio (frozen, so only through its slot descriptor)."""


def exact_ratio(value: Decimal) -> Ratio:
    """The :class:`Ratio` of *value*, a finite Decimal that an exact computation
    of the library has just produced, without checking it again (the scoring
    path builds many).

    >>> exact_ratio(Decimal("0.25")) == Ratio.percent("25")
    True
    """
    ratio: Ratio = _new(Ratio)
    _set_value(ratio, value)
    return ratio


def _plain(value: Decimal) -> str:
    """Format without exponent and without trailing zeros beyond the point."""
    text = format(value.normalize(context=_CONTEXT), "f")
    return text


@attrs.frozen
class Amount:
    """An amount of money with its unit said explicitly.

    >>> Amount.wan("548.3").in_yuan
    Decimal('5483000.0')
    """

    value: Decimal
    unit: Unit = Unit.YUAN

    @classmethod
    def yuan(cls, value: Number, field: str = "amount") -> Amount:
        """An amount in 元."""
        return cls(to_decimal(value, field), Unit.YUAN)

    @classmethod
    def wan(cls, value: Number, field: str = "amount") -> Amount:
        """An amount in 万元."""
        return cls(to_decimal(value, field), Unit.WAN)

    @classmethod
    def yi(cls, value: Number, field: str = "amount") -> Amount:
        """An amount in 亿元."""
        return cls(to_decimal(value, field), Unit.YI)

    @property
    def in_yuan(self) -> Decimal:
        """The amount converted to 元, exactly."""
        return _CONTEXT.multiply(self.value, self.unit.factor)

    def __str__(self) -> str:
        return f"{_plain(self.value)}{self.unit.value}"


AmountLike: TypeAlias = Amount | Decimal | int | str
"""An :class:`Amount`, or a plain number whose unit is the same as the other
amount of the same ratio (the unit then cancels)."""


def amount_ratio(
    part: AmountLike,
    whole: AmountLike,
    field: str = "ratio",
    *,
    names: tuple[str, str] | None = None,
) -> Ratio:
    """``part ÷ whole`` for two amounts of money.

    Both may be :class:`Amount` (in any units: they are converted), or both
    plain numbers in one unit (which cancels). Mixing a plain number with an
    :class:`Amount` is refused: its unit would be a guess. *names* name the two
    inputs in error messages.
    """
    if (
        type(part) is Decimal
        and type(whole) is Decimal
        and within_bounds(part, MAX_DIRECT_PLACES)
        and within_bounds(whole, MAX_DIRECT_PLACES)
        and part > ZERO
        and whole > ZERO
    ) or (
        type(part) is int
        and type(whole) is int
        and 0 <= part < _COUNT_LIMIT
        and 0 < whole < _COUNT_LIMIT
    ):  # the common cases, checked as to_decimal and Ratio.of would
        ratio: Ratio = _new(Ratio)
        _set_value(ratio, _divide(part, whole))
        return ratio
    part_is_amount = isinstance(part, Amount)
    if part_is_amount != isinstance(whole, Amount):
        raise InputError(
            "give both amounts with their unit (Amount.wan(...)) or both as plain numbers",
            zh="请两个金额都带上单位（Amount.wan(...)），或都用不带单位的数字",
            field=field,
            value=(part, whole),
        )
    if isinstance(part, Amount) and isinstance(whole, Amount):
        if part.value < 0 or whole.value < 0:
            raise InputError(
                "an amount must not be negative",
                zh="金额不得为负数",
                field=field,
                value=(part, whole),
            )
        return Ratio.of(part.in_yuan, whole.in_yuan, field, names=names)
    return Ratio.of(part, whole, field, names=names)  # type: ignore[arg-type]


def count_ratio(
    part: object, whole: object, field: str = "ratio", *, names: tuple[str, str] | None = None
) -> Ratio:
    """``part ÷ whole`` for two counts (people, projects, tasks)."""
    if (
        type(part) is int
        and type(whole) is int
        and 0 <= part < _COUNT_LIMIT
        and 0 < whole < _COUNT_LIMIT
    ):
        ratio: Ratio = _new(Ratio)  # the common case
        _set_value(ratio, _divide(part, whole))
        return ratio
    part_name, whole_name = names or (f"{field}.part", f"{field}.whole")
    numerator = to_count(part, part_name)
    denominator = to_count(whole, whole_name)
    if denominator == 0:
        raise InputError(
            "is zero, so the ratio is undefined",
            zh="为零，比率无定义",
            field=whole_name,
            value=whole,
        )
    return exact_ratio(_divide(Decimal(numerator), Decimal(denominator)))


def as_ratio(value: object, field: str) -> Ratio:
    """A :class:`Ratio`, or text with a percent sign (``"84.51%"``).

    A bare number is refused: whether ``84.51`` or ``0.8451`` was meant
    cannot be told, so the caller must say.
    """
    if type(value) is str and value[-1:] == "%":
        return Ratio.parse(value, field)
    if isinstance(value, Ratio):
        return value
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        return Ratio.parse(value, field)
    raise InputError(
        "a ratio must say what it is: Ratio.percent('84.51'), Ratio.fraction('0.8451') "
        "or the text '84.51%'",
        zh="比率须说明其形式：Ratio.percent('84.51')、Ratio.fraction('0.8451') 或文本 '84.51%'",
        field=field,
        value=value,
    )


def as_signed_ratio(value: object, field: str) -> Ratio:
    """Like :func:`as_ratio`, for a ratio that may be below 0 (a fall: ``"-3.5%"``)."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        printed = parse_number(value, negative=True, percent=True, field=field)
        return exact_ratio(_divide(printed.number, HUNDRED))
    return as_ratio(value, field)
