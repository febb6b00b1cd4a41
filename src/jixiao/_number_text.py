"""The text machinery of :mod:`jixiao.numbers` (private): width folding, the
pattern of every accepted form, and why a text that is no number is refused.

Every function here takes text that :mod:`jixiao.numbers` has already
stripped and bounded to ``MAX_LENGTH`` characters, so no pattern ever runs
over a long text.
"""

from __future__ import annotations

import re
from typing import Final

from jixiao.errors import Wording

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
    r"(?:(?P<yuan>[¥￥])[ \u00a0\u3000]*)?"
    r"(?P<sign>[+-]?)"
    rf"(?P<integer>{_INTEGER})"
    r"(?:\.(?P<fraction>[0-9]+))?"
    r"[ \u00a0\u3000]*"
    r"(?:(?P<percent>%)|(?P<scale>[万亿]?)(?P<unit>元?))"
)
"""Every accepted form, on stripped, width-folded text of at most MAX_LENGTH
characters; a yuan sign before it (¥ or ￥, as a spreadsheet's currency format
prints amounts: "¥1,234.56") is 元."""

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
_ALPHABET: Final = frozenset("0123456789.,+-%万亿元¥￥")


def fold(stripped: str) -> str:
    """*stripped* with full-width digits and marks folded to ASCII."""
    return stripped if stripped.isascii() else stripped.translate(FOLD)


_FORMS: Final = Wording(
    "is not a number as tables print them (digits, thousands separators in groups of "
    "three, one decimal point, then %, 万, 亿, 元, 万元 or 亿元, or ¥ before)",
    "不是表格印出数字的形式（数字、每三位一组的千位分隔符、一个小数点，"
    "之后可有 %、万、亿、元、万元 或 亿元，或之前有 ¥）",
)
_GROUPING: Final = Wording(
    "a comma must separate groups of three digits (1,234,567.89), and a decimal comma "
    "is not read: ambiguous",
    "逗号只能分隔每三位一组的数字（1,234,567.89），小数逗号不予识别：有歧义",
)
NOT_FINITE: Final = Wording(
    "NaN and infinity are not numbers (a number is finite)",
    "NaN 和无穷大不是数字（数字是有限的）",
)


def diagnosis(folded: str) -> Wording:
    """Why *folded* (stripped, width-folded, short, not a number) is refused."""
    if _SPECIAL.fullmatch(folded):
        return NOT_FINITE
    if _EXPONENT.fullmatch(folded):
        return Wording(
            "an exponent (1e5, 1E-3) is not how a table prints a number",
            "指数形式（1e5、1E-3）不是表格印出数字的方式",
        )
    if "_" in folded:
        return Wording(
            "'_' is not a thousands separator; print 1,234 or 1234",
            "'_' 不是千位分隔符；请写作 1,234 或 1234",
        )
    for char in folded:
        if char not in _ALPHABET and not char.isspace():
            return Wording(
                f"{char!r} is not part of a printed number", f"{char!r} 不是印出数字的一部分"
            )
    core = _CORE.match(folded)
    body = core.group(1) if core else ""
    if body.count(".") > 1:
        return Wording("has two decimal points", "有两个小数点")
    point = body.find(".")
    if point >= 0 and "," in body[point:]:
        return Wording(
            "a decimal comma is not read; the decimal point is '.'",
            "小数逗号不予识别；小数点是 '.'",
        )
    integer, _, fraction = body.partition(".")
    if "," in integer and not _GROUPED.fullmatch(integer):
        return _GROUPING
    if point >= 0 and (not integer or not fraction):
        return Wording("a decimal point needs a digit on each side", "小数点两侧都需要数字")
    return _FORMS
