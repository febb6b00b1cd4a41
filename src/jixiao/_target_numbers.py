"""The numbers of target and actual cells (private): each read by
:mod:`jixiao.numbers` with the words of its unit after it (:func:`read_body`),
the checks of a :class:`~jixiao.targets.Quantity` (its bounds, its upper
bound, what it is per) and its scale applied exactly, and the reason a cell
that is no value holds no number either.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Any

import attrs

import jixiao._target_patterns as p
from jixiao._number_bounds import TOO_MANY_DIGITS
from jixiao._target_patterns import KIND_OF_UNIT, PER_KINDS, PER_WORDS, SCALES
from jixiao._target_values import Direction
from jixiao.errors import InputError, NumberError, Wording
from jixiao.numbers import MAX_INTEGER_DIGITS, PrintedNumber, check_decimal, read_number
from jixiao.quantities import MAX_DIRECT_PLACES

__all__ = [
    "UNBOUNDED",
    "check_number",
    "check_per",
    "check_scaled",
    "check_upper",
    "read_body",
    "read_digits",
    "refusal",
    "same_per",
    "scaled",
]

UNBOUNDED = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""Room for every digit of a number times its scale: the product is exact."""

_FACTORS = {scale: Decimal(10) ** power for scale, power in SCALES.items()}
"""Each scale word's power of ten (a power of ten is exact in any precision)."""


def scaled(number: Decimal, scale: str) -> Decimal:
    """*number* times the scale word *scale* (万, 亿 or none), exactly."""
    if not scale:
        return number
    return UNBOUNDED.multiply(number, _FACTORS[scale])


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


def check_upper(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A Quantity's upper bound: with ``RANGE`` only, a number, not below the lower one."""
    if (instance.direction is Direction.RANGE) != (value is not None):
        raise InputError(
            "an upper bound goes with Direction.RANGE only",
            zh="只有 Direction.RANGE 才有上限",
            field="upper",
            value=value,
        )
    if value is not None:
        check_number(instance, attribute, value)
        if instance.number > value:
            raise InputError(
                "the lower bound exceeds the upper bound",
                zh="下限大于上限",
                field="upper",
                value=value,
            )


_PER_CANONICAL = frozenset(PER_WORDS.values())


def check_per(instance: Any, _: attrs.Attribute[Any], value: object) -> None:
    """What a Quantity is per: one or two per words joined by "·", on a kind
    that can be per something (:data:`~jixiao._target_patterns.PER_KINDS`)."""
    if value == "":
        return
    words = value.split("·") if isinstance(value, str) else ()
    if not 0 < len(words) <= 2 or not _PER_CANONICAL.issuperset(words):
        raise InputError(
            "a per is one or two count words, measures or periods, joined by '·'",
            zh="“每”的单位应为一个或两个量词、计量单位或时段，以“·”连接",
            field="per",
            value=value,
        )
    if KIND_OF_UNIT[instance.unit] not in PER_KINDS:
        raise InputError(
            "only money, a count, a measure or a duration is given per something",
            zh="只有金额、数量、计量或时长可以按单位计",
            field="per",
            value=value,
        )


def same_per(per: str) -> str:
    """*per* as compared: 天 and 日 alike."""
    return per.replace("天", "日")


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


def read_body(s: str) -> tuple[Decimal, str, str, str, str] | None:
    """The number, scale, canonical unit, noun and per of a value's body, the
    text after its direction word ("5万元", "40000件工单", "500元/人"), or
    ``None`` when it is none: a scale on a percent, a noun after no measure
    word, a per on what is given per nothing, a number refused."""
    match = p.BODY.fullmatch(s)
    if match is None:
        return None
    written, scale, noun = match["unit"] or "", match["scale"] or "", match["noun"]
    unit, kind = p.UNITS.get(written, ("", "number"))
    if match["currency"] is not None:  # "¥5000", "¥5万", "¥5000元": money in 元
        if kind not in ("number", "money"):
            return None  # "¥5人": what is it?
        unit, kind = "元", "money"
    if scale and kind not in ("number", "count", "measure", "money"):
        return None
    if noun and (kind != "count" or not p.NOUN.fullmatch(noun) or p.NOT_A_NOUN.search(noun)):
        return None
    per = ""
    if match["per"] is not None:
        if kind not in PER_KINDS or noun:
            return None  # "5%/年": not a unit price
        per = p.per_of(match)
    number = read_digits(match["number"], scale)  # "1234,567", too many digits: none
    return None if number is None else (number, scale, unit, noun, per)


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
