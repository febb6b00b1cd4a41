"""The parser behind :func:`jixiao.targets.parse_value` (private).

A cell is normalised (full-width characters folded, blanks removed), then
read as a whole: not applicable, classified or unreadable; else as one value
(a deadline, a frequency, a quantity or a statement, in that order), as
alternatives joined by 或, or as parts separated by ``;`` or ``/``. The words
and patterns are in :mod:`jixiao._target_patterns`; the interpretations are
listed in the docstring of :mod:`jixiao.targets`.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from jixiao import _target_patterns as p
from jixiao.errors import InputError
from jixiao.targets import (
    Classified,
    Combine,
    Compound,
    Deadline,
    Direction,
    Frequency,
    Kind,
    NotApplicable,
    Period,
    Qualitative,
    Quantity,
    Span,
    Unparsed,
    Unreadable,
    Value,
)


def parse_cell(text: str) -> Value:
    """What :func:`jixiao.targets.parse_value` returns for *text* (see there)."""
    if type(text) is str:
        if text in _NOT_APPLICABLE_AS_IS:
            return NotApplicable(text=text)
        quick = _quick_quantity(text, text)
        if quick is not None:
            return quick
    elif not isinstance(text, str):
        raise InputError("expected the text of a cell", field="text", value=text)
    s = p.normalise(text)
    if s.upper() in p.NOT_APPLICABLE:
        return NotApplicable(text=text)
    if "涉密" in s:
        return Classified(text=text)
    if p.UNREADABLE.fullmatch(s):
        return Unreadable(text=text)
    return _parse_all(s, text) or Unparsed(text)


# A short path for the common shapes of a cell: "100%", "≥90%", "12批次",
# "99%以上", "全年突破21万", "41000", and "无", "不适用", "" (not applicable).
# It takes only text that needs no normalising and that the general path
# below reads the same way: 全年 and a direction word or sign, each optional;
# a plain number (no thousands separator); 万 or 亿 before a count, money or no
# unit; a unit other than 年 ("2022年" is a year) and a direction word, each
# optional. A bare number with a decimal point is left to the general path
# ("2021.7" is a month), and so is everything else, however common: the
# general path decides all that is unusual. Tests compare the two paths.
_NOT_APPLICABLE_AS_IS = frozenset(t for t in p.NOT_APPLICABLE if p.normalise(t) == t.upper() == t)
_QUICK = re.compile(
    r"(?P<head>[^0-9]*)(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<scale>[万亿]?)(?P<tail>[^0-9.]*)"
)
_QUICK_HEADS: dict[str, str | None] = {
    scope + word: sign
    for scope in ("", p.SCOPE_PREFIX)
    for word, sign in (("", None), *p.PREFIXES.items())
}
"""What may stand before the number, and the sign it gives."""
_QUICK_TAILS: dict[str, tuple[str, str | None]] = {
    word + suffix: (unit, p.SUFFIXES.get(suffix))
    for word, (unit, _) in (("", ("", "number")), *p.UNITS.items())
    if word != "年"  # "2022年" is a year
    for suffix in ("", *p.SUFFIXES)
}
"""What may stand after the number and its scale: the canonical unit and the sign."""
_QUICK_SCALED = {"", "元", *p.COUNT_WORDS}
"""The units 万 and 亿 may precede (number, money and count units)."""
_DIRECTIONS: dict[str | None, Direction] = {
    None: Direction.EQUAL,
    **{d.value: d for d in Direction},
}


def _quick_quantity(s: str, text: str) -> Quantity | None:
    """The quantity a cell of a common shape shows, or ``None`` to take the general path."""
    match = _QUICK.fullmatch(s)
    if match is None:
        return None
    head, number, scale, tail = match.groups()
    if head not in _QUICK_HEADS or tail not in _QUICK_TAILS:
        return None
    sign = _QUICK_HEADS[head]
    unit, suffix_sign = _QUICK_TAILS[tail]
    if not unit:
        if not head and not scale and "." in number:
            return None  # "2021.7", "2021.7内": a month (see the general path)
    elif scale and unit not in _QUICK_SCALED:
        return None  # "5万%": not a quantity
    if suffix_sign is not None:
        if sign not in (None, suffix_sign):
            return None  # "≤5个以上": contradictory
        sign = suffix_sign
    return _quantity(Decimal(number), unit, _DIRECTIONS[sign], scale, text)


_new = object.__new__
_QUANTITY_SLOTS = ("number", "unit", "direction", "upper", "scale", "noun", "text")
_SET_SLOT = tuple(getattr(Quantity, name).__set__ for name in _QUANTITY_SLOTS)
"""Quantity is a slotted attrs class: a setter for each of its fields, in order."""


def _quantity(number: Decimal, unit: str, direction: Direction, scale: str, text: str) -> Quantity:
    """``Quantity(number, unit, direction, scale=scale, text=text)`` without its
    validators: the short path has read a finite, non-negative number, a known
    unit and scale, and no range, which is all they check (as
    :func:`~jixiao.quantities.exact_ratio` does for ratios). Every field is
    set; a test fails when Quantity gains one."""
    quantity: Quantity = _new(Quantity)
    set_number, set_unit, set_direction, set_upper, set_scale, set_noun, set_text = _SET_SLOT
    set_number(quantity, number)
    set_unit(quantity, unit)
    set_direction(quantity, direction)
    set_upper(quantity, None)
    set_scale(quantity, scale)
    set_noun(quantity, "")
    set_text(quantity, text)
    return quantity


def _parse_all(s: str, text: str) -> Value | None:
    if ";" not in s:  # no one value has a ";" (no word or pattern holds one): go to the parts
        single = _parse_any_of(s, text)
        if single is not None:
            return single
    pieces = s.strip(";").replace("/", ";").split(";")
    if len(pieces) < 2:
        return None
    parts: list[Value] = []
    for piece in pieces:
        part = _parse_any_of(piece, piece)
        if part is None:
            return None  # "元/人" is a unit price, not two values
        if "/" in s and (
            isinstance(part, Qualitative | NotApplicable)
            or (isinstance(part, Quantity) and part.kind is Kind.NUMBER)
        ):
            return None  # "1/2" may be a fraction, "满意/基本满意" an alternative
        parts.append(part)
    return Compound(tuple(parts), Combine.ALL, text=text)


def _parse_any_of(s: str, text: str) -> Value | None:
    single = _parse_single(s, text)
    if (single is not None and not isinstance(single, Qualitative)) or "或" not in s:
        return single
    parts = [_parse_single(piece, piece) for piece in s.split("或")]
    if any(part is None or isinstance(part, NotApplicable) for part in parts) or all(
        isinstance(part, Qualitative) for part in parts
    ):
        return single  # "满意或基本满意" is one statement
    return Compound(tuple(part for part in parts if part is not None), Combine.ANY, text=text)


def _parse_single(s: str, text: str) -> Value | None:
    if s in p.NOT_APPLICABLE and s:
        return NotApplicable(text=text)
    quick = _quick_quantity(s, text)
    if quick is not None:
        return quick
    for parse in (_parse_deadline, _parse_frequency, _parse_quantity, _parse_qualitative):
        value = parse(s, text)
        if value is not None:
            return value
    return None


_PREFIX = re.compile("|".join(map(re.escape, p.PREFIXES)))
"""The direction words before a number, tried in order (the longest first)."""
_SUFFIX_WORDS = tuple(p.SUFFIXES)
_DIGIT = re.compile("[0-9]")


def _parse_quantity(s: str, text: str) -> Quantity | None:
    if _DIGIT.search(s) is None:  # the body of a quantity, and each end of a range, has one
        return None
    s = s.removeprefix(p.SCOPE_PREFIX)
    sign = None
    prefix = _PREFIX.match(s)
    if prefix is not None:
        sign, s = p.PREFIXES[prefix.group()], s[prefix.end() :]
    suffix = None
    if s.endswith(_SUFFIX_WORDS):  # then the longest one
        suffix = next(word for word in p.SUFFIXES if s.endswith(word))
    if suffix is not None:
        if sign not in (None, p.SUFFIXES[suffix]):
            return None
        sign, s = p.SUFFIXES[suffix], s[: -len(suffix)]
    body = _parse_body(s)
    if body is not None:
        number, scale, unit, noun = body
        direction = Direction(sign) if sign else Direction.EQUAL
        return Quantity(number, unit, direction, scale=scale, noun=noun, text=text)
    match = p.RANGE.fullmatch(s)
    if match is None or sign is not None:
        return None
    low, high = _parse_body(match["low"]), _parse_body(match["high"])
    if low is None or high is None:
        return None
    if low[2:] == ("", ""):  # "80-90%", "5万~10万人": the unit is written once
        low = (low[0], low[1], *high[2:])
    if low[1:] != high[1:] or low[0] > high[0]:
        return None  # "5-10万": is the 5 also 万? unclear.
    _, scale, unit, noun = high
    return Quantity(low[0], unit, Direction.RANGE, high[0], scale=scale, noun=noun, text=text)


def _parse_body(s: str) -> tuple[Decimal, str, str, str] | None:
    match = p.BODY.fullmatch(s)
    if match is None:
        return None
    written, scale, noun = match["unit"] or "", match["scale"] or "", match["noun"]
    unit, kind = p.UNITS.get(written, ("", "number"))
    if scale and kind not in ("number", "count", "money"):
        return None
    if noun and (kind != "count" or not p.NOUN.fullmatch(noun) or p.NOT_A_NOUN.search(noun)):
        return None
    return Decimal(match["number"].replace(",", "")), scale, unit, noun


def _parse_deadline(s: str, text: str) -> Deadline | None:
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
    if groups.get("quarter"):
        quarter = p.chinese_int(groups["quarter"]) or 0
        return Deadline(Span.QUARTER, year, part=quarter, suffix=suffix, text=text)
    if groups.get("half"):
        half = p.HALVES.index(groups["half"]) + 1
        return Deadline(Span.HALF_YEAR, year, part=half, suffix=suffix, text=text)
    if year is None and suffix not in ("底前", "底", "末前", "末", "结束前", "内"):
        return None  # "年前" is "before the Spring Festival"
    if year is None and not groups.get("bare"):
        return None
    return Deadline(Span.YEAR, year, suffix=suffix, text=text)


def _parse_frequency(s: str, text: str) -> Frequency | None:
    match = p.FREQUENCY.fullmatch(s) or p.FREQUENCY_SLASH.fullmatch(s)
    if match is None:
        return None
    count = p.chinese_int(match["count"])
    if not count:
        return None
    return Frequency(count, Period(p.PERIOD_WORDS[match["period"]]), match["unit"], text=text)


def _parse_qualitative(s: str, text: str) -> Qualitative | None:
    if not p.QUALITATIVE.fullmatch(s) or p.NUMBERISH.search(s) or p.STRUCTURAL.fullmatch(s):
        return None
    if s in p.PREFIXES or s == p.SCOPE_PREFIX:
        return None
    return Qualitative(s, text=text)
