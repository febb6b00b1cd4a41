"""The numbers of target and actual cells (private): each read by
:mod:`jixiao.numbers`, the bounds of a :class:`~jixiao.targets.Quantity`,
and the reason a cell that is no value holds no number either.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from jixiao._number_bounds import TOO_MANY_DIGITS
from jixiao._target_patterns import SCALES
from jixiao.errors import InputError, NumberError, Wording
from jixiao.numbers import MAX_INTEGER_DIGITS, PrintedNumber, check_decimal, read_number
from jixiao.quantities import MAX_DIRECT_PLACES

__all__ = ["check_number", "check_scaled", "read_digits", "refusal"]


def check_number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A Quantity's number or upper bound: a finite, non-negative, bounded Decimal."""
    if not isinstance(value, Decimal) or not value.is_finite() or value.is_signed():
        shown = value if isinstance(value, Decimal) else type(value).__name__
        raise InputError(
            "must be a finite, non-negative Decimal",
            zh="应为有限、非负的 Decimal",
            field=attribute.name,
            value=shown,
        )
    check_decimal(value, places=MAX_DIRECT_PLACES, field=attribute.name)


def check_scaled(instance: object, attribute: attrs.Attribute[Any], scale: str) -> None:
    """The number and upper bound times the scale within the bounds of a printed number."""
    for name in ("number", "upper"):
        number = getattr(instance, name)
        too_many = (
            scale
            and number is not None
            and not number.is_zero()
            and number.adjusted() + SCALES[scale] >= MAX_INTEGER_DIGITS
        )
        if too_many:
            raise NumberError(
                TOO_MANY_DIGITS.en, zh=TOO_MANY_DIGITS.zh, field=name, value=f"{number}{scale}"
            )


def read_digits(digits: str, scale: str = "") -> Decimal | None:
    """The number *digits* print (before the scale word *scale*, which
    counts towards the bound on its digits), read by
    :func:`jixiao.numbers.read_number`; ``None`` when it refuses them."""
    try:
        read = read_number(digits + scale, units=True)
    except NumberError:
        return None
    return read.number if isinstance(read, PrintedNumber) else None


_CANDIDATE = re.compile(r"[0-9][0-9.,_]*(?:[eE][+-]?[0-9]+)?|(?i:s?nan|inf(?:inity)?)")
"""What may be meant as a number in a cell (normalised): digits with points,
commas, underscores or an exponent, NaN and infinity; each is tried alone."""


def refusal(s: str) -> Wording:
    """Why a cell (normalised) that is no value jixiao reads holds no number
    either: the first number in it that :mod:`jixiao.numbers` refuses, with
    the reason, in English and Chinese; empty when every number in it reads
    (the words are the problem)."""
    for match in _CANDIDATE.finditer(s):
        try:
            read_number(match.group().rstrip(".,"), units=True)
        except NumberError as error:
            shown = repr(match.group())
            return Wording(
                f"{error.message} (got {shown})", f"{error.message_zh}（所给值：{shown}）"
            )
    return Wording("", "")
