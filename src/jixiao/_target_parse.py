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
    if not isinstance(text, str):
        raise InputError("expected the text of a cell", field="text", value=text)
    s = p.normalise(text)
    if s.upper() in p.NOT_APPLICABLE:
        return NotApplicable(text=text)
    if "涉密" in s:
        return Classified(text=text)
    if p.UNREADABLE.fullmatch(s):
        return Unreadable(text=text)
    return _parse_all(s, text) or Unparsed(text)


def _parse_all(s: str, text: str) -> Value | None:
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
    for parse in (_parse_deadline, _parse_frequency, _parse_quantity, _parse_qualitative):
        value = parse(s, text)
        if value is not None:
            return value
    return None


def _parse_quantity(s: str, text: str) -> Quantity | None:
    s = s.removeprefix(p.SCOPE_PREFIX)
    sign = None
    for word, word_sign in p.PREFIXES.items():
        if s.startswith(word):
            sign, s = word_sign, s[len(word) :]
            break
    suffix = next((word for word in p.SUFFIXES if s.endswith(word)), None)
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
