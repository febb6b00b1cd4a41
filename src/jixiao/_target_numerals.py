"""Numbers written in Chinese numerals in target and actual cells (private).

Tables print some counts and rates in words: "不少于两次", "≥三场",
"两个工作日内", "一万人次", "百分之百", "百分之九十五以上", "千分之三", "九成以上"
(tenths: 90 %). The parser
(:mod:`jixiao._target_parse`) reads a cell as it is printed first; when no
deadline, frequency or quantity reads it so, :func:`arabic` writes its
numbers in digits and they read it again, the printed text kept (a statement
is tried last, as printed). A run of numerals is a number only before a unit, a
scale word or a date's 月 and 号 ("三次", "一万人", "十二月底前"); elsewhere it
is part of a word ("统一", "一般", "三公经费", "进一步"), and the cell is left
as it is. Forms read two ways are refused rather than guessed: "一二" (one or
two, or twelve?) and the spoken "一百五" (150, or 105?) read as no number.

>>> arabic("不少于两次"), arabic("百分之九十五以上"), arabic("两个工作日内")
('不少于2次', '95%以上', '2个工作日内')
>>> arabic("统一标准") is None, arabic("一百五人") is None
(True, True)
"""

from __future__ import annotations

import re
from typing import Final

from jixiao._target_patterns import SCALES, UNITS

__all__ = ["NUMERALS", "arabic", "chinese_number"]

NUMERALS: Final = "零一二两三四五六七八九十百千"
"""The characters of a whole number below 10,000 written in Chinese numerals."""
_DIGITS: Final = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}  # fmt: skip
_POWERS: Final = {"十": 10, "百": 100, "千": 1000}
_DECIMALS: Final = str.maketrans("零一二三四五六七八九", "0123456789")


def chinese_number(text: str) -> int | None:
    """The whole number below 10,000 that *text* writes in Chinese numerals
    ("三", "十二", "二十", "一百零五", "两千"), or ``None``.

    Each power (千, 百, 十) follows a digit, in falling order; a skipped
    power is written 零 ("一百零五", "一千零五十"); 十 alone starts a number
    ("十二"); 两 is a digit before 百 or 千 or alone ("两千", "两"). Anything
    else is no number, and so are forms spoken but read two ways ("一百五":
    150 or 105?; "一二": one or two?).

    >>> [chinese_number(t) for t in ("零", "十", "十二", "二十", "一百零五", "一千零五十", "两千")]
    [0, 10, 12, 20, 105, 1050, 2000]
    >>> [chinese_number(t) for t in ("", "一二", "一百五", "两十", "二十两", "十十", "百")]
    [None, None, None, None, None, None, None]
    """
    if text == "零":
        return 0
    total, digit, last, skipped = 0, None, 10_000, False
    for index, char in enumerate(text):
        power = _POWERS.get(char)
        if power is not None:
            if digit is None and char == "十" and index == 0:
                digit = 1  # 十二
            if digit is None or power >= last or text[index - 1 : index + 1] == "两十":
                return None  # 百 alone, 十百, 两十 (二十)
            if last != 10_000 and (power * 10 == last) == skipped:
                return None  # 一千五十 (一千零五十), 一千零五百 (一千五百)
            total, digit, last, skipped = total + digit * power, None, power, False
        elif char == "零":
            if skipped or total == 0 or last == 10:
                return None  # 零零, a leading 零, 二十零五
            skipped = True
        elif char in _DIGITS and digit is None:
            digit = _DIGITS[char]
        else:
            return None  # 一二, or no numeral
    if digit is None:
        return None if skipped else total or None  # 一百零
    if text[-1] == "两" and len(text) > 1:
        return None  # 二十两: 二十二
    if total and last != 10 and not skipped:
        return None  # 一百五: 150, or 105?
    return total + digit


_UNIT_WORDS: Final = tuple(sorted((*UNITS, *SCALES, "月", "号"), key=len, reverse=True))
"""What a number in numerals stands before: a unit, a scale word, or a date's
月 and 号 ("十二月底前", "十二月三十一号前": read as 12月底前 is)."""
_RUN: Final = re.compile(
    rf"(?P<per>[百千])分之(?P<rate>[0-9]+(?:\.[0-9]+)?|[{NUMERALS}]+(?:点[零一二三四五六七八九]+)?)"
    rf"|(?P<whole>[{NUMERALS}]+)(?:点(?P<decimals>[零一二三四五六七八九]+))?"
)


def _digits(whole: str, decimals: str | None) -> str | None:
    number = chinese_number(whole)
    if number is None:
        return None
    return f"{number}.{decimals.translate(_DECIMALS)}" if decimals else str(number)


def arabic(s: str) -> str | None:
    """*s* (normalised) with its numbers written in Chinese numerals written
    in digits: a run of numerals before a unit or a scale word ("两个工作日",
    "三次", "一万人次"), 百分之… as a percent and 千分之… as a per mille, and
    tenths (一成 to 十成) as a percent ("九成以上" is 90%以上); ``None`` when it writes
    none, or a run of numerals in it is no number or stands before no unit
    (see the module's docstring). A run that ends in 千 before a unit that
    starts with 千 leaves it to the unit ("五千米" is 5 千米)."""
    parts: list[str] = []
    end = 0
    for match in _RUN.finditer(s):
        if match.start() < end:
            continue  # a numeral in the unit just read: the 百 of 个百分点
        if match["rate"] is not None:
            whole, _, decimals = match["rate"].partition("点")
            if whole[0].isdigit():
                number: str | None = whole
            else:  # 百分之百: all of it
                number = _digits("一百" if whole == "百" else whole, decimals)
            written = None if number is None else number + ("%" if match["per"] == "百" else "‰")
            start, stop = match.start(), match.end()
        else:
            whole, decimals, start, stop = match["whole"], match["decimals"], *match.span()
            after = s[stop:]
            if not decimals and whole.endswith("千") and ("千" + after).startswith(_UNIT_WORDS):
                whole, stop = whole[:-1], stop - 1  # 五千米, 两千瓦时: the unit's 千
            tenths = chinese_number(whole) if after[:1] == "成" and not decimals else None
            if tenths is not None and 1 <= tenths <= 10:  # 九成: nine tenths
                written, stop = f"{tenths * 10}%", stop + 1
            elif not whole or not s[stop:].startswith(_UNIT_WORDS):
                return None  # a word (统一, 一般), or a number of nothing
            else:
                number = _digits(whole, decimals)
                unit = next(word for word in _UNIT_WORDS if s.startswith(word, stop))
                written = None if number is None else number + unit  # read with its number
                stop += len(unit)
        if written is None:
            return None
        parts += [s[end:start], written]
        end = stop
    if not parts:
        return None
    return "".join(parts) + s[end:]
