"""The bounds of every number jixiao reads (private; documented in :mod:`jixiao.numbers`).

One check for printed text and for a ``Decimal`` or ``int`` handed in, so
that both meet the same limits before any arithmetic touches them.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from functools import cache
from typing import Final, TypeAlias

from jixiao._number_text import NOT_FINITE
from jixiao.errors import NumberError, Wording

# The bounds, each documented where jixiao.numbers makes it public.
MAX_LENGTH: Final = 64
MAX_INTEGER_DIGITS: Final = 15
MAX_PLACES: Final = 10

Where: TypeAlias = dict[str, str | None]
"""The location an error names: field, row and source."""

TOO_MANY_DIGITS: Final = Wording(
    f"has more than {MAX_INTEGER_DIGITS} digits before the decimal point "
    "(counted after 万 or 亿): more than any budget has",
    f"整数部分超过 {MAX_INTEGER_DIGITS} 位（按 万 或 亿 换算后计）：超过任何预算的金额",
)


def bounds_problem(
    number: Decimal, places: int, scale_exponent: int, max_places: int = MAX_PLACES
) -> Wording | None:
    """What breaks the bounds in *number* (finite, with *places* decimal places)
    times ten to *scale_exponent*, or ``None``."""
    if not number.is_zero() and number.adjusted() + scale_exponent >= MAX_INTEGER_DIGITS:
        return TOO_MANY_DIGITS
    if places > max_places:
        return Wording(f"has more than {max_places} decimal places", f"小数超过 {max_places} 位")
    return None


def places_of(number: Decimal) -> int:
    """The decimal places *number* (finite) holds, trailing zeros included
    (linear in its digits, as reading them was)."""
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@cache
def _quantum(places: int) -> tuple[decimal.Context, Decimal]:
    """The context and the quantum :func:`within_bounds` quantizes in for
    *places* (made once per bound)."""
    context = decimal.Context(
        prec=MAX_INTEGER_DIGITS + places, traps=[decimal.Rounded, decimal.InvalidOperation]
    )
    return context, Decimal(1).scaleb(-places)


def within_bounds(value: Decimal, places: int) -> bool:
    """Whether *value*, a nonzero ``Decimal``, is finite and within the bounds
    (fewer than :data:`MAX_INTEGER_DIGITS` digits before the point, at most
    *places* decimal places, *places* ≥ 0): what :func:`bounds_problem` and
    :func:`places_of` decide, in one exact operation.

    Quantizing *value* to *places* places within ``MAX_INTEGER_DIGITS +
    places`` digits is exact exactly when the bounds hold. A place beyond
    the last (a zero too) signals ``Rounded``; a digit too many before the
    point, an infinity or a signalling NaN signals ``InvalidOperation``; a
    quiet NaN stays a NaN. A zero quantizes silently whatever its exponent,
    so the caller leaves zeros to the full check.
    """
    context, quantum = _quantum(places)
    try:
        return context.quantize(value, quantum).is_finite()
    except decimal.DecimalException:
        return False


def shown(text: str) -> str:
    """*text* as an error shows it: cut when long, so no message is huge."""
    if len(text) <= 2 * MAX_LENGTH:
        return text
    return f"{text[:MAX_LENGTH]}… ({len(text):,} characters)"


def check_decimal(
    value: object,
    *,
    negative: bool = False,
    places: int = MAX_PLACES,
    field: str | None = None,
    row: str | None = None,
    source: str | None = None,
) -> Decimal:
    """Check a number handed in as a ``Decimal`` or ``int`` against the same
    bounds as a printed one, before any arithmetic touches it.

    Args:
        value: the number.
        negative: allow values below zero.
        places: the most decimal places allowed (:data:`MAX_PLACES` unless
            the caller documents another bound, as :mod:`jixiao.quantities`
            does for numbers computed by a program).
        field: the field, named in errors.
        row: the table row or indicator, named in errors.
        source: the file, named in errors.

    Returns:
        *value* as a ``Decimal`` (``-0`` as ``0``).

    Raises:
        NumberError: for another type (``bool`` and ``float`` included),
            NaN, infinity, a negative value when *negative* is false, or a
            value beyond :data:`MAX_INTEGER_DIGITS` or *places*.

    >>> check_decimal(Decimal("548.30"))
    Decimal('548.30')
    >>> check_decimal(10**5000, field="spent")
    Traceback (most recent call last):
    ...
    jixiao.errors.NumberError: field spent: has more than 15 digits before the decimal point (counted after 万 or 亿): more than any budget has (got 'an integer of at least 5,000 digits')
    """
    if (
        type(value) is Decimal
        and value  # a zero is left to the full check (its places, its sign)
        and places >= 0
        and within_bounds(value, places)
        and (negative or not value.is_signed())
    ):
        return value  # the common case: the checks below would pass it unchanged
    where: Where = {"field": field, "row": row, "source": source}
    if isinstance(value, int) and not isinstance(value, bool):
        if not -(10**MAX_INTEGER_DIGITS) < value < 10**MAX_INTEGER_DIGITS:
            # never str() an integer: it may exceed Python's conversion limit
            digits = (abs(value).bit_length() - 1) * 30_102 // 100_000 + 1  # a lower bound
            raise NumberError(
                TOO_MANY_DIGITS.en,
                zh=TOO_MANY_DIGITS.zh,
                value=Wording(
                    f"an integer of at least {digits:,} digits", f"至少 {digits:,} 位的整数"
                ),
                **where,
            )
        number = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(NOT_FINITE.en, zh=NOT_FINITE.zh, value=value, **where)
        number = value.copy_abs() if value.is_zero() else value
    else:
        raise NumberError(
            f"expected a Decimal or int, not {type(value).__name__}",
            zh=f"应为 Decimal 或 int，而不是 {type(value).__name__}",
            value=type(value).__name__,
            **where,
        )
    problem = bounds_problem(number, places_of(number), 0, places)
    if problem is not None:
        raise NumberError(problem.en, zh=problem.zh, value=shown(str(number)), **where)
    if number.is_signed() and not negative:
        raise NumberError(
            "must not be negative", zh="不得为负数", value=shown(str(number)), **where
        )
    return number
