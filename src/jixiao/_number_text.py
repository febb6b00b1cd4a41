"""The text machinery of :mod:`jixiao.numbers` (private): width folding, the
pattern of every accepted form, and why a text that is no number is refused.

Every function here takes text that :mod:`jixiao.numbers` has already
stripped and bounded to ``MAX_LENGTH`` characters, so no pattern ever runs
over a long text.
"""

from __future__ import annotations

import re
from typing import Final

FOLD: Final = {
    **{0xFF10 + digit: 0x30 + digit for digit in range(10)},
    ord("．"): ord("."),
    ord("，"): ord(","),
    ord("％"): ord("%"),
    ord("＋"): ord("+"),
    ord("－"): ord("-"),
    ord("−"): ord("-"),  # U+2212 MINUS SIGN
    ord("／"): ord("/"),
    ord("＃"): ord("#"),
}
"""Full-width digits and marks to their ASCII form."""

_INTEGER: Final = r"[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+"
"""The integer part: plain digits, or thousands in groups of three after a first
group of one to three digits that does not start with 0 ("0,5" is a decimal comma)."""
FORM: Final = re.compile(
    r"(?P<sign>[+-]?)"
    rf"(?P<integer>{_INTEGER})"
    r"(?:\.(?P<fraction>[0-9]+))?"
    r"[ \u00a0\u3000]*"
    r"(?:(?P<percent>%)|(?P<scale>[万亿]?)(?P<unit>元?))"
)
"""Every accepted form, on stripped, width-folded text of at most MAX_LENGTH characters."""

UNREADABLE: Final = re.compile(
    r"#+|#(?:VALUE|DIV/0|REF|NAME|NUM|NULL|N/A|SPILL|CALC|GETTING_DATA|FIELD|BLOCKED"
    r"|CONNECT|BUSY|UNKNOWN)[!?]?",
    re.IGNORECASE,
)
"""A spreadsheet's overflow mark (a column too narrow) or one of its error values."""

_SPECIAL: Final = re.compile(r"[+-]?(?:s?nan[0-9]*|inf|infinity)", re.IGNORECASE)
_EXPONENT: Final = re.compile(r"[+-]?[0-9.,]*[0-9][eE][+-]?[0-9]*")
_CORE: Final = re.compile(r"[+-]?([0-9.,]*)")
_GROUPED: Final = re.compile(_INTEGER)
_ALPHABET: Final = frozenset("0123456789.,+-%万亿元")


def fold(stripped: str) -> str:
    """*stripped* with full-width digits and marks folded to ASCII."""
    return stripped if stripped.isascii() else stripped.translate(FOLD)


_FORMS: Final = (
    "is not a number as tables print them (digits, thousands separators in groups of "
    "three, one decimal point, then %, 万, 亿, 元, 万元 or 亿元)"
)
_GROUPING: Final = (
    "a comma must separate groups of three digits (1,234,567.89), and a decimal comma "
    "is not read: ambiguous"
)


def diagnosis(folded: str) -> str:
    """Why *folded* (stripped, width-folded, short, not a number) is refused."""
    if _SPECIAL.fullmatch(folded):
        return "NaN and infinity are not numbers (a number is finite)"
    if _EXPONENT.fullmatch(folded):
        return "an exponent (1e5, 1E-3) is not how a table prints a number"
    if "_" in folded:
        return "'_' is not a thousands separator; print 1,234 or 1234"
    for char in folded:
        if char not in _ALPHABET and not char.isspace():
            return f"{char!r} is not part of a printed number"
    core = _CORE.match(folded)
    body = core.group(1) if core else ""
    if body.count(".") > 1:
        return "has two decimal points"
    point = body.find(".")
    if point >= 0 and "," in body[point:]:
        return "a decimal comma is not read; the decimal point is '.'"
    integer, _, fraction = body.partition(".")
    if "," in integer and not _GROUPED.fullmatch(integer):
        return _GROUPING
    if point >= 0 and (not integer or not fraction):
        return "a decimal point needs a digit on each side"
    return _FORMS
