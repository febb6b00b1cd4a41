"""Printed numbers: the one reader of the numbers that tables and input fields print.

A budget table prints its numbers in a few forms, and jixiao reads exactly
those, the same way everywhere:

=====================  =====================================================
form                   examples
=====================  =====================================================
digits, one point      ``100``, ``95.3600``, ``0.8451``
thousands separators   ``1,234,567.89``, ``1，171.04`` (groups of three only)
full width             ``１２３．４５``, ``８４．５１％``
percent                ``84.51%``, ``84.51 ％`` (flagged, never divided)
scale and money unit   ``190.7万``, ``1.2亿元``, ``3657.80元``, ``548.3 万元``
yuan sign              ``¥1,234.56``, ``￥ 548.30`` (元; not with % or 元 after)
a sign                 ``-12.5``, ``+3`` (only where the caller allows one)
no number              ``""``, ``-``, ``--``, ``—``, ``——``, ``–``, ``/``, ``无``
unreadable             ``#####``, ``#VALUE!``, ``#DIV/0!``, ``#N/A`` …
=====================  =====================================================

Surrounding blanks (the ideographic space U+3000 too) are stripped, and
spaces (also U+00A0 and U+3000) may stand between the number and its ``%``
or unit. Everything else
is refused with a :class:`~jixiao.errors.NumberError` that names the text
and the field, row and file the caller passes. In particular the ambiguous
forms: a comma that does not separate groups of three (``157,46``,
``1,1``, ``0,5``: a decimal comma here, a misplaced separator there), a comma
after the decimal point (``1.571,04``), two decimal points (``1.234.567``);
and forms no table prints: exponents (``1e5``), NaN, infinity, ``_``
separators, a point without a digit on each side (``5.``, ``.5``: often the
remnant of a number cut by a line wrap), other digits than ``0-9``.

Bounds, checked before any arithmetic (interpretation of the library, not
of any rule text):

* at most :data:`MAX_LENGTH` (64) characters once blanks are stripped,
  checked first, so a string of ten megabytes is refused at once and every
  later step works on a short text;
* at most :data:`MAX_INTEGER_DIGITS` (15) digits before the decimal point,
  counted on the value after its scale (``1亿`` has 9): 10¹⁵ 元 is 1,000
  万亿元, several times China's yearly GDP, and 15 significant digits are
  also all that a spreadsheet keeps of a number;
* at most :data:`MAX_PLACES` (10) decimal places as printed: tables print
  two to four, rates up to six.

So a number has at most 25 significant digits, and its value times 10⁸ (亿)
at most 33: every result is exact in a 34-digit context, and no decimal
signal, overflow or integer-conversion limit can arise. The parser never
consults the caller's decimal context.

>>> parse_number("1,171.04")
PrintedNumber(number=Decimal('1171.04'), percent=False, scale=<Scale.ONE: ''>, unit='', text='1,171.04')
>>> parse_number("1.2亿元", units=True).in_yuan
Decimal('120000000.0')
>>> read_number("—"), read_number("#####")
(<NoNumber.BLANK: 'blank'>, <NoNumber.UNREADABLE: 'unreadable'>)
>>> parse_number("157,46", field="funds.total.executed")
Traceback (most recent call last):
...
jixiao.errors.NumberError: field funds.total.executed: a comma must separate groups of three digits (1,234,567.89), and a decimal comma is not read: ambiguous (got '157,46')
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

import attrs

import jixiao._number_bounds as _number_bounds
from jixiao._number_bounds import bounds_problem, check_decimal, shown
from jixiao._number_text import FORM, UNREADABLE, diagnosis, fold
from jixiao._printed_number import NoNumber, PrintedNumber, Scale
from jixiao.errors import NumberError, Wording

for _member in (NoNumber, PrintedNumber, Scale):
    _member.__module__ = __name__  # documented here, where they are imported from

__all__ = [
    "BLANKS",
    "MAX_INTEGER_DIGITS",
    "MAX_LENGTH",
    "MAX_PLACES",
    "NUMBER_TOKEN",
    "NoNumber",
    "PrintedNumber",
    "Scale",
    "check_decimal",
    "no_number",
    "parse_number",
    "read_number",
]

MAX_LENGTH: Final = _number_bounds.MAX_LENGTH
"""The most characters a printed number may have once surrounding blanks are stripped (64)."""
MAX_INTEGER_DIGITS: Final = _number_bounds.MAX_INTEGER_DIGITS
"""The most digits before the decimal point, counted on the value after 万 or 亿 (15)."""
MAX_PLACES: Final = _number_bounds.MAX_PLACES
"""The most decimal places a number may have (10)."""

BLANKS: Final = frozenset({"", "-", "--", "—", "——", "–", "/", "无"})
"""What a cell prints when it holds no number (after stripping and width folding)."""

NUMBER_TOKEN: Final = r"[0-9]+(?:[.,][0-9]+)*"
"""A regular expression for what may be a number inside longer (width-folded)
text: digits with single points or commas between them. It is deliberately
loose ("157,46" and "1.571,04" match whole), so that a caller finds the whole
candidate and :func:`parse_number` decides, instead of a strict pattern
reading "157" and leaving ",46"."""


def _absent(folded: str) -> NoNumber | None:
    if folded in BLANKS:
        return NoNumber.BLANK
    if folded[:1] == "#" and UNREADABLE.fullmatch(folded):
        return NoNumber.UNREADABLE
    return None


def no_number(text: str) -> NoNumber | None:
    """Whether *text* prints no number: :attr:`NoNumber.BLANK`,
    :attr:`NoNumber.UNREADABLE`, or ``None`` when it prints something else.

    Args:
        text: the cell's text.

    Returns:
        The kind of absence, or ``None``.

    Raises:
        NumberError: when *text* is not a ``str``.

    >>> no_number(" —— "), no_number("#DIV/0!"), no_number("达成")
    (<NoNumber.BLANK: 'blank'>, <NoNumber.UNREADABLE: 'unreadable'>, None)
    """
    if not isinstance(text, str):
        raise NumberError(
            "expected the text of a cell", zh="应为单元格的文本", value=type(text).__name__
        )
    stripped = text.strip()
    return None if len(stripped) > MAX_LENGTH else _absent(fold(stripped))


def read_number(
    text: str,
    *,
    negative: bool = False,
    percent: bool = False,
    units: bool = False,
    field: str | None = None,
    row: str | None = None,
    source: str | None = None,
) -> PrintedNumber | NoNumber:
    """Read the number a cell prints, or say that it prints none.

    Args:
        text: the text as printed.
        negative: allow a leading sign (``-``, ``+``, ``－``, ``−``); amounts
            and counts are never negative, so by default a sign is refused.
        percent: allow a trailing percent sign (``%``, ``％``).
        units: allow the scales 万 and 亿 and the money units 元, 万元, 亿元.
        field: the field the text belongs to, named in errors.
        row: the table row or indicator, named in errors.
        source: the file (and table), named in errors.

    Returns:
        A :class:`PrintedNumber`, or :attr:`NoNumber.BLANK` for an empty or
        dashed cell and :attr:`NoNumber.UNREADABLE` for ``#####`` or a
        spreadsheet error value.

    Raises:
        NumberError: for anything else that is not a number in an allowed
            form, or beyond the bounds (see the module's documentation).

    >>> read_number("８４．５１％", percent=True).number
    Decimal('84.51')
    >>> read_number("", field="weight")
    <NoNumber.BLANK: 'blank'>
    """
    if type(text) is str and len(text) <= _KEPT_LENGTH:
        read = _read_kept(text, negative, percent, units)
    else:
        read = _read(text, negative, percent, units)
    if isinstance(read, Wording):
        value = shown(text) if isinstance(text, str) else type(text).__name__
        raise NumberError(read.en, zh=read.zh, field=field, row=row, source=source, value=value)
    return read


def _read(
    text: object, negative: bool, percent: bool, units: bool
) -> PrintedNumber | NoNumber | Wording:
    """What :func:`read_number` returns, or the message of its error."""
    if not isinstance(text, str):
        kind = type(text).__name__
        return Wording(
            f"expected the text of a number, not {kind}", f"应为数字的文本，而不是 {kind}"
        )
    stripped = text.strip()
    if len(stripped) > MAX_LENGTH:
        return Wording(
            f"is too long to be a number ({len(stripped):,} characters, at most {MAX_LENGTH})",
            f"太长，不可能是数字（{len(stripped):,} 个字符，最多 {MAX_LENGTH} 个）",
        )
    folded = fold(stripped)
    match = FORM.fullmatch(folded)
    if match is None:
        return _absent(folded) or diagnosis(folded)
    yuan, sign, integer, fraction, percent_sign, scale_word, unit = match.group(
        "yuan", "sign", "integer", "fraction", "percent", "scale", "unit"
    )
    if yuan:
        if percent_sign or unit:
            return Wording(
                "a yuan sign (¥) goes with an amount, not with % or 元 after it",
                "人民币符号（¥）只用于金额，其后不再有 % 或 元",
            )
        unit = "元"
    if sign and not negative:
        return Wording(
            "a sign (+ or -) is not allowed here: the value cannot be negative",
            "此处不允许正负号（+ 或 -）：该值不可能为负",
        )
    if percent_sign and not percent:
        return Wording("a percentage is not allowed here", "此处不允许百分数")
    if (scale_word or unit) and not units:
        return Wording(
            "a scale or money unit (万, 亿, 元) is not allowed here",
            "此处不允许数量级或金额单位（万、亿、元）",
        )
    digits = integer.replace(",", "") if "," in integer else integer
    number = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    if number.is_zero() and number.is_signed():
        number = number.copy_abs()  # "-0.00" is 0.00
    scale = _SCALES[scale_word]
    problem = bounds_problem(number, len(fraction) if fraction else 0, scale.exponent)
    return problem or _printed(number, bool(percent_sign), scale, unit or "", text)


_KEPT_LENGTH: Final = 2 * MAX_LENGTH
"""The longest text whose reading :func:`_read_kept` keeps (longer ones are refused anyway)."""


@lru_cache(maxsize=4096)
def _read_kept(
    text: str, negative: bool, percent: bool, units: bool
) -> PrintedNumber | NoNumber | Wording:
    """:func:`_read` of a short text, kept: a table prints the same few numbers
    again and again ("7.00", "100%", "0.00", "—"), and what a text reads as
    depends on nothing else (the results are immutable)."""
    return _read(text, negative, percent, units)


_new = object.__new__
_SET_NUMBER, _SET_PERCENT, _SET_SCALE, _SET_UNIT, _SET_TEXT = (
    PrintedNumber.__dict__[field.name].__set__ for field in attrs.fields(PrintedNumber)
)
"""PrintedNumber is a slotted attrs class: a setter for each of its fields, in order."""
_SCALES: Final[dict[str | None, Scale]] = {None: Scale.ONE, **{s.value: s for s in Scale}}


def _printed(number: Decimal, percent: bool, scale: Scale, unit: str, text: str) -> PrintedNumber:
    """``PrintedNumber(number, percent=…, scale=…, unit=…, text=…)`` without its
    validators, which would check again what :func:`_read` has checked (as
    :func:`~jixiao.quantities.exact_ratio` does for ratios). Every field is
    set; a test fails when PrintedNumber gains one."""
    printed: PrintedNumber = _new(PrintedNumber)
    _SET_NUMBER(printed, number)
    _SET_PERCENT(printed, percent)
    _SET_SCALE(printed, scale)
    _SET_UNIT(printed, unit)
    _SET_TEXT(printed, text)
    return printed


def parse_number(
    text: str,
    *,
    negative: bool = False,
    percent: bool = False,
    units: bool = False,
    field: str | None = None,
    row: str | None = None,
    source: str | None = None,
) -> PrintedNumber:
    """Read the number *text* prints; a cell that prints none is an error too.

    Args:
        text: the text as printed.
        negative: allow a leading sign (by default refused).
        percent: allow a trailing percent sign.
        units: allow 万, 亿, 元, 万元 and 亿元.
        field: the field the text belongs to, named in errors.
        row: the table row or indicator, named in errors.
        source: the file (and table), named in errors.

    Returns:
        The :class:`PrintedNumber`.

    Raises:
        NumberError: as :func:`read_number` does, and for a blank or
            unreadable cell.

    >>> parse_number(" 2,568.79 ").value
    Decimal('2568.79')
    >>> parse_number("-3", field="change")
    Traceback (most recent call last):
    ...
    jixiao.errors.NumberError: field change: a sign (+ or -) is not allowed here: the value cannot be negative (got '-3')
    >>> parse_number("1e999999")
    Traceback (most recent call last):
    ...
    jixiao.errors.NumberError: an exponent (1e5, 1E-3) is not how a table prints a number (got '1e999999')
    """
    read = read_number(
        text, negative=negative, percent=percent, units=units, field=field, row=row, source=source
    )
    if isinstance(read, NoNumber):
        said = (
            Wording("prints no number", "未印出数字")
            if read is NoNumber.BLANK
            else Wording(
                "is unreadable (a spreadsheet's overflow mark or error value), not a number",
                "无法识别（电子表格的溢出标记或错误值），不是数字",
            )
        )
        raise NumberError(
            said.en, zh=said.zh, field=field, row=row, source=source, value=shown(text)
        )
    return read
