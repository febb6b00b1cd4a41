"""Quantities and the parser behind :func:`jixiao.targets.parse_value` (private).

A cell is normalised (full-width characters folded, blanks removed), then
read as a whole: not applicable, classified or unreadable; else as one value
(a deadline, a frequency, a quantity or a statement, in that order), as
alternatives joined by 或, or as parts separated by ``;`` or ``/``. The words
and patterns are in :mod:`jixiao._target_patterns`, the values other than
quantities in :mod:`jixiao._target_values`; the interpretations are listed in
the docstring of :mod:`jixiao.targets`, which re-exports everything public.

:class:`Quantity` lives here, with the parser, because its canonical text
(:meth:`Quantity.format`) is the text the parser reads back as the same quantity.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias

import attrs

import jixiao._target_patterns as p
from jixiao._target_cell import between, pieces, reported, unnoted
from jixiao._target_numbers import (
    UNBOUNDED,
    check_number,
    check_per,
    check_scaled,
    check_upper,
    read_body,
    refusal,
    same_per,
    scaled,
)
from jixiao._target_numerals import arabic
from jixiao._target_values import (
    Classified,
    Combine,
    Compound,
    Deadline,
    Direction,
    Frequency,
    Kind,
    NotApplicable,
    Qualitative,
    Unparsed,
    Unreadable,
    parse_deadline,
    parse_frequency,
    parse_qualitative,
)
from jixiao.errors import InputError
from jixiao.quantities import Ratio, Unit

__all__ = ["Quantity", "Value", "parse_cell"]


def _plain(number: Decimal) -> str:
    return format(number, "f")


_UPWARD = (Direction.AT_LEAST, Direction.MORE_THAN)
_DOWNWARD = (Direction.AT_MOST, Direction.LESS_THAN)
"""The directions that make more better, and less (compared by identity: an
enum member as a dict or set key is hashed by a Python call, on every row)."""
_AT_LEAST, _AT_MOST = Direction.AT_LEAST, Direction.AT_MOST
_COUNTED = (Kind.COUNT, Kind.MEASURE)
"""The kinds a bare number is compatible with."""
_KIND_MEMBER = {unit: Kind(kind) for unit, kind in p.KIND_OF_UNIT.items()}


@attrs.frozen
class Quantity:
    """A number with its unit and direction: "≥200人次", "≤5万元", "99%以上", "80%-90%".

    Args:
        number: the number as written, exactly (5 in "5万元", 21 in "21万").
        unit: the canonical unit: ``""`` (none), ``"元"``, ``"%"``, ``"‰"``, ``"分"``, a
            measure word (``"人次"``, ``"张"``…), a measure (``"米"``,
            ``"平方米"``…, ``"百分点"`` for percentage points) or a duration
            (``"小时"``, ``"工作日"``, ``"月"``…).
        direction: how the number bounds the value.
        upper: the upper bound of a ``RANGE`` (then *number* is the lower one).
        scale: the written multiplier ``"万"`` (10⁴) or ``"亿"`` (10⁸), or ``""``.
        noun: what is counted after a measure word ("工单" in "≥40000件工单").
        per: what a unit price or a rate is given per, ``""`` when it is
            not one: "人" in "≤500元/人", "公里" in "≤80万元/公里", "人·天" in
            "≤300元/人·天" (also written 人天 or 人/天); one or two count words
            (人, 件 …), measures (公里, 平方米 …) or periods (年, 月, 日 …)
            joined by "·". Only money, counts, measures and durations are
            given per something.
        text: the cell as written (not part of equality).

    Raises:
        InputError: for a negative or non-Decimal number, an unknown unit,
            scale or per, an upper bound without ``RANGE`` (or below the
            number), or a per on a percent, a score or a bare number.
    """

    number: Decimal = attrs.field(validator=check_number)
    unit: str = attrs.field(default="", validator=attrs.validators.in_(p.KIND_OF_UNIT))
    direction: Direction = Direction.EQUAL
    upper: Decimal | None = attrs.field(default=None, validator=check_upper)
    scale: str = attrs.field(
        default="", validator=[attrs.validators.in_({"", *p.SCALES}), check_scaled]
    )
    noun: str = ""
    per: str = attrs.field(default="", validator=check_per)
    text: str = attrs.field(eq=False, default="", kw_only=True)

    @property
    def kind(self) -> Kind:
        """What is measured, from the unit (:attr:`Kind.NUMBER` when there is none)."""
        return _KIND_MEMBER[self.unit]

    @property
    def value(self) -> Decimal:
        """The number times its scale, exactly: 210000 for "21万", 50000 for "5万元";
        a per mille in percent (0.5 for "5‰"), as it compares with percents."""
        return self._in_unit(self.number)

    @property
    def upper_value(self) -> Decimal | None:
        """The upper bound of a range times its scale (see :attr:`value`), or ``None``."""
        return None if self.upper is None else self._in_unit(self.upper)

    def _in_unit(self, number: Decimal) -> Decimal:
        in_scale = scaled(number, self.scale)
        return UNBOUNDED.scaleb(in_scale, -1) if self.unit == "‰" else in_scale  # exact

    @property
    def money_unit(self) -> Unit | None:
        """``Unit.YUAN``, ``Unit.WAN`` or ``Unit.YI`` for money as written, else ``None``."""
        return Unit.parse(self.scale + "元") if self.unit == "元" else None

    @property
    def in_yuan(self) -> Decimal | None:
        """Money converted to 元 exactly ("≤5万元" gives 50000; a unit price in
        元 per its :attr:`per`), else ``None``."""
        return self.value if self.unit == "元" else None

    @property
    def ratio(self) -> Ratio | None:
        """A percent or a per mille as a :class:`~jixiao.quantities.Ratio` (the
        lower bound of a range)."""
        return Ratio.percent(self.value) if self.kind is Kind.PERCENT else None

    @property
    def higher_is_better(self) -> bool | None:
        """True for ≥ and >, False for ≤ and <, ``None`` for a plain number or a range."""
        direction = self.direction
        if direction in _UPWARD:
            return True
        return False if direction in _DOWNWARD else None

    def compatible_with(self, other: Quantity) -> bool:
        """Whether :func:`completion_ratio` can divide one of the two by the other.

        Same kind, and for durations the same unit (天 and 日 alike), for counts
        the same measure word and noun (an empty noun matches any), for measures
        the same unit (米 and 公里 are not converted). Money in 元, 万元 and 亿元
        is compatible. Both must be per the same thing, or neither (天 and 日
        alike): "480元/人" and "≤500元/人" are, "480元" and "≤500元/人" are not.
        A bare number is compatible with a count or a measure (interpretation:
        "≥5" against "9个" counts the same things), never with money, a
        percent, a score or a duration.

        Args:
            other: the quantity to compare with.

        Returns:
            True when the two measure the same thing in convertible units.
        """
        if self.per != other.per and same_per(self.per) != same_per(other.per):
            return False
        kind, other_kind = self.kind, other.kind
        if kind is not other_kind:  # a bare number and a count or a measure, in either order
            return (kind is Kind.NUMBER and other_kind in _COUNTED) or (
                other_kind is Kind.NUMBER and kind in _COUNTED
            )
        if kind is Kind.DURATION:
            return self.unit.replace("天", "日") == other.unit.replace("天", "日")
        if kind is Kind.MEASURE:
            return self.unit == other.unit
        if kind is Kind.COUNT:
            return self.unit == other.unit and (
                self.noun == other.noun or not self.noun or not other.noun
            )
        return True

    def format(self) -> str:
        """Canonical text: "≥200人次", "≤5万元", "80%~90%", "≤500元/人";
        ``parse_value`` reads it back."""
        unit = p.WRITTEN_UNIT.get(self.unit, self.unit)
        after = f"{self.scale}{unit}{self.noun}" + (f"/{self.per}" if self.per else "")
        body = f"{_plain(self.number)}{after}"
        if self.upper is not None:
            return f"{body}~{_plain(self.upper)}{after}"
        if self.direction is not Direction.EQUAL:
            return f"{self.direction.value}{body}"
        return body if parse_cell(body) == self else "=" + body


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


def parse_cell(text: str) -> Value:
    """What :func:`jixiao.targets.parse_value` returns for *text* (see there)."""
    if type(text) is str and len(text) <= _KEPT_LENGTH:
        return _parse_kept(text)
    return _parse(text)


_KEPT_LENGTH = 200
"""The longest cell whose value :func:`_parse_kept` keeps."""


@lru_cache(maxsize=4096)
def _parse_kept(text: str) -> Value:
    """:func:`_parse` of a short cell, kept: tables print the same targets and
    actuals again and again ("100%", "≥90%", "无"), and what a cell reads as
    depends on nothing else (values are immutable)."""
    return _parse(text)


def _parse(text: str) -> Value:
    """:func:`parse_cell`, each time."""
    if not isinstance(text, str):
        raise InputError(
            "expected the text of a cell", zh="应为单元格的文本", field="text", value=text
        )
    s = p.normalise(text)
    if s.upper() in p.NOT_APPLICABLE:
        return NotApplicable(text=text)
    if "涉密" in s:
        return Classified(text=text)
    if p.UNREADABLE.fullmatch(s):
        return Unreadable(text=text)
    parsed = _parse_all(s, text)
    if parsed:
        return parsed
    why = refusal(s)
    return Unparsed(text, reason=why.en, reason_zh=why.zh)


def _parse_all(s: str, text: str) -> Value | None:
    if ";" not in s:  # no one value has a ";" (no word or pattern holds one): go to the parts
        single = _parse_any_of(s, text)
        if single is not None:
            return single
    inner = between(s)  # "在80%-100%之间", "[80%,100%]": the range alone
    if inner is not None and _is_range(ranged := _parse_any_of(inner, text)):
        return ranged
    texts, loose, numbered = pieces(s, text)
    parts: list[Value] = []
    for piece in texts:
        part = _parse_any_of(piece, piece)  # "≥500元/人" is one value: a unit price
        if part is not None:
            parts.append(part)
            continue
        slashes = piece.split("/")  # "≥100张/≥50份": two values
        slashed = [v for v in (_parse_any_of(value, value) for value in slashes) if v is not None]
        if len(slashes) < 2 or len(slashed) < len(slashes):
            return None
        parts += slashed
        loose = True
    if not parts:
        return None
    if len(parts) == 1:  # "100%;", "≥95%。": one value and a separator
        return attrs.evolve(parts[0], text=text)
    if len(parts) == 2 and not numbered and (closed := _two_sided(parts, text)) is not None:
        return closed  # (numbered items are values of their own: "1.≥80%；2.≤100%")
    if loose and any(
        isinstance(part, Qualitative | NotApplicable)
        or (isinstance(part, Quantity) and part.kind is Kind.NUMBER)
        for part in parts
    ):
        return None  # "1/2" may be a fraction, "满意/基本满意" an alternative
    return Compound(tuple(parts), Combine.ALL, text=text)


def _is_range(value: Value | None) -> bool:
    return isinstance(value, Quantity) and value.direction is Direction.RANGE


def _two_sided(parts: list[Value], text: str) -> Quantity | None:
    """A lower bound (≥) and an upper bound (≤) of one quantity as the range
    they close ("≥80%且≤100%", "不低于80%,不高于100%", "≥80且≤100%"), as
    :func:`_range` closes one; ``None`` for another pair (a bound that leaves
    its number out, >, <, is no edge of a range)."""
    low, high = sorted(parts, key=lambda part: getattr(part, "direction", None) is _AT_MOST)
    if not (isinstance(low, Quantity) and isinstance(high, Quantity)):
        return None
    if low.direction is not _AT_LEAST or high.direction is not _AT_MOST:
        return None
    return _range(_body(low), _body(high), text)


def _body(value: Quantity) -> Body:
    return value.number, value.scale, value.unit, value.noun, value.per


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
    value = _parse_value(s, text)
    if value is None and (written := arabic(s)) is not None:  # "不少于两次": in digits, again
        value = _parse_value(written, text)
        if isinstance(value, Quantity) and value.noun:
            value = None  # a noun after a numeral makes a word: "一次性"
    if value is None and (bare := unnoted(s)) is not None:  # "523人(含线上)": the value
        noted = _parse_single(bare, text)
        return None if isinstance(noted, Qualitative) else noted
    return value if value is not None else parse_qualitative(s, text)


def _parse_value(s: str, text: str) -> Deadline | Frequency | Quantity | None:
    """*s* read as a deadline, a frequency or a quantity, the first that reads it."""
    for parse in (parse_deadline, parse_frequency, _parse_quantity):
        value = parse(s, text)
        if value is not None:
            return value
    return None


_SUFFIX_WORDS = tuple(p.SUFFIXES)
_DIGIT = re.compile("[0-9]")


def _parse_quantity(s: str, text: str) -> Quantity | None:
    if _DIGIT.search(s) is None:  # the body of a quantity, and each end of a range, has one
        return None
    named = p.NAMED.match(s)  # 合格率100%: the rate's name, then its value
    if named is not None:
        return _parse_unnamed(s[named.end() :], text)
    lead = p.PER_LEAD.match(s)  # 人均≤500元, 每人每天20元: what it is per, first
    if lead is None:
        return _parse_unnamed(s, text)
    value = _parse_unnamed(s[lead.end() :], text)
    if value is None or value.per or p.KIND_OF_UNIT[value.unit] not in p.PER_KINDS:
        return None  # "每人500元/人" says it twice; "每人95%" is no unit price
    return attrs.evolve(value, per=p.per_of(lead) if lead["per"] else "人")


def _parse_unnamed(s: str, text: str) -> Quantity | None:
    s = reported(s)  # 全年, 完成
    sign = None
    lead = s.startswith(p.LEADS)
    if lead:  # 控制在: the suffix gives the direction
        s = s[len(next(word for word in p.LEADS if s.startswith(word))) :]
    prefix = None if lead else p.PREFIX.match(s)
    if prefix is not None:
        sign, s = p.PREFIXES[prefix.group()], s[prefix.end() :]
    included = p.INCLUDED.search(s)  # "(含)": the number is included, said again
    if included is not None:
        s = s[: included.start()]
    suffix = None
    if s.endswith(_SUFFIX_WORDS):  # then the longest one
        suffix = next(word for word in p.SUFFIXES if s.endswith(word))
    elif lead:
        return None
    if suffix is not None:
        if sign not in (None, p.SUFFIXES[suffix]):
            return None
        sign, s = p.SUFFIXES[suffix], s[: -len(suffix)]
    body = read_body(s)
    if included is not None and (
        sign not in ("≥", "≤")
        or body is None
        or (included["number"] is not None and read_body(included["number"]) != body)
    ):
        return None  # (含) with no direction, one that excludes, or another number
    if body is not None:
        number, scale, unit, noun, per = body
        direction = Direction(sign) if sign else Direction.EQUAL
        return Quantity(number, unit, direction, scale=scale, noun=noun, per=per, text=text)
    match = p.RANGE.fullmatch(s)
    if match is None or sign is not None:
        return None
    written_low, written_high = match["low"], match["high"]
    if written_low.startswith("¥") and not written_high.startswith("¥"):
        written_high = "¥" + written_high  # ¥300-500: the sign is written once, before both
    low, high = read_body(written_low), read_body(written_high)
    return None if low is None or high is None else _range(low, high, text)


Body: TypeAlias = tuple[Decimal, str, str, str, str]
"""A value's number, scale, unit, noun and per (:func:`~jixiao._target_numbers.read_body`)."""


def _range(low: Body, high: Body, text: str) -> Quantity | None:
    """The range from *low* to *high*, or ``None`` when they do not bound one
    quantity: the unit may be written once, after the upper bound ("80-90%",
    "5万~10万人", "300-500元/人"), and what it is per once after the upper
    when the lower gives the same unit alone ("¥300-500元/人", "300元-500元/人"),
    but not its scale ("5-10万": is the 5 also 万? unclear), and the lower bound
    is not above the upper."""
    if low[2:] == ("", "", "") or low[2:] == (high[2], "", ""):
        low = (low[0], low[1], *high[2:])
    if low[1:] != high[1:] or low[0] > high[0]:
        return None
    _, scale, unit, noun, per = high
    return Quantity(
        low[0], unit, Direction.RANGE, high[0], scale=scale, noun=noun, per=per, text=text
    )
