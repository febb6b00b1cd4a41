"""How numbers and values are written in explanations and in JSON (private).

Points are written as published (no exponent, trailing zeros dropped), derived
values exactly when short and with ``≈`` and four places otherwise, ratios in
percent; :func:`jsonable` turns inputs and values into JSON-ready data with
every exact number as a string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from jixiao.errors import LANGS, check_lang
from jixiao.quantities import CONTEXT, Amount, Ratio, round_points

__all__ = [
    "LANGS",
    "Words",
    "approx",
    "check_lang",
    "display_width",
    "grade_words",
    "jsonable",
    "number",
    "pad",
    "points_en",
    "tail",
    "value_text",
    "visible",
    "words",
    "words_in",
]

Words = Callable[..., str]
"""A label writer bound to a language (:func:`words_in`): ``w(zh, en)``."""


def words(zh: str, en: str, lang: str, both: str | None = None) -> str:
    """A fixed label in the language asked for: *zh* for ``"zh"``, *en* for
    ``"en"``, and for ``"both"`` the two side by side (or *both*, where a
    label has its own bilingual form). Every text renderer names its labels
    through this one function, so that ``--lang`` governs every line.

    >>> [words("总分", "Total", lang) for lang in LANGS]
    ['总分', 'Total', '总分 Total']
    >>> words("一致", "consistent", "both", both="一致 (consistent)")
    '一致 (consistent)'
    """
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return f"{zh} {en}" if both is None else both


def words_in(lang: str) -> Words:
    """:func:`words` bound to *lang*, checked once: ``w = words_in(lang)``,
    then ``w("总分", "Total")`` (and ``both=`` as :func:`words` takes it).

    Raises:
        InputError: *lang* is not ``zh``, ``en`` or ``both``.
    """
    check_lang(lang)

    def w(zh: str, en: str, both: str | None = None) -> str:
        return words(zh, en, lang, both=both)

    return w


def grade_words(zh: str, en: str, lang: str) -> str:
    """A grade in the language asked for: ``优``, ``excellent``, ``优 (excellent)``."""
    return words(zh, en, lang, both=f"{zh} ({en})")


_FOUR_PLACES = Decimal("0.0001")


def number(value: Decimal) -> str:
    """A point value as published: no exponent, trailing zeros dropped.

    ``str()`` of a Decimal is its plain notation unless it would show an
    exponent, and it is much faster than ``format(value, "f")``.

    >>> number(Decimal("5.00")), number(Decimal("1.990")), number(Decimal("1E+2"))
    ('5', '1.99', '100')
    """
    text = str(value) if type(value) is Decimal else format(value, "f")
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    shown = round_points(value, _FOUR_PLACES)
    if value == shown:
        return number(value)
    return "≈" + number(shown)


def points_en(points: Decimal, shown: str | None = None) -> str:
    """``"1 point"``, ``"2.5 points"``; *shown* is ``number(points)`` when known."""
    return (number(points) if shown is None else shown) + (" point" if points == 1 else " points")


def value_text(value: object) -> str:
    """A measured value as shown: a ratio in percent, a number without exponent."""
    if isinstance(value, Ratio):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def jsonable(value: object) -> Any:
    """Inputs and values as JSON-ready data: exact numbers as strings."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Ratio):
        return f"{format(value.percent_value.normalize(context=CONTEXT), 'f')}%"
    if isinstance(value, Amount):
        return {"value": str(value.value), "unit": value.unit.value}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if attrs.has(type(value)):
        return jsonable(attrs.asdict(value, recurse=False))  # type: ignore[arg-type]
    return str(value)


_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _picture(char: str) -> str:
    code = ord(char)
    return "\u2421" if code == 0x7F else chr(0x2400 + code) if code < 0x20 else "\ufffd"


def visible(text: str) -> str:
    """*text* as a page can show it: each control character (but tab and line
    breaks) as its picture (␀, ␛, ␡), a lone surrogate as U+FFFD."""
    return _INVISIBLE.sub(lambda m: _picture(m.group()), text)


def _columns(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """The terminal columns *text* takes: a wide or fullwidth character (汉字,
    fullwidth punctuation) two, a combining mark none, any other one.

    >>> display_width("预算 budget")
    11
    """
    return sum(_columns(char) for char in text)


def pad(text: str, width: int) -> str:
    """*text* followed by the spaces that make it *width* columns wide on a
    terminal (by display width, so that Chinese lines up with Latin text).

    >>> pad("预算", 6) + "|", pad("ab", 6) + "|"
    ('预算  |', 'ab    |')
    """
    return text + " " * max(0, width - display_width(text))


def tail(text: str, width: int) -> str:
    """The end of *text* that fits in *width* columns, padded to them (a file
    name on a progress line, which must never wrap).

    >>> tail("报告/罗湖区2023.txt", 12) + "|", tail("报告/罗湖区2023.txt", 11) + "|"
    ('湖区2023.txt|', '区2023.txt |')
    """
    kept, used = [], 0
    for char in reversed(text):
        used += _columns(char)
        if used > width:
            break
        kept.append(char)
    return pad("".join(reversed(kept)), width)
