"""What a target or actual cell prints around its values (private): the
separators between them, the markers of numbered items, a note in brackets
after a value and the words that say what the cell reports (全年, 完成).

Text only, normalised (:func:`jixiao._target_patterns.normalise`): no value
is built here. :mod:`jixiao._target_parse` reads the values these leave.
"""

from __future__ import annotations

import re
from typing import Final

import jixiao._target_patterns as p

__all__ = ["between", "pieces", "reported", "unmarked", "unnoted"]

_LOOSE: Final = re.compile(r"、|(?<![0-9]),|并?且")
"""Separators that may also join the words of one value, and so part only
values that cannot be one ("≥3次、≥50人", "100%,100%", "≥80%且≤100%"): 、,
且 (并且), and a comma after no digit (after a digit it groups thousands, or
is a decimal comma)."""


def pieces(s: str, text: str) -> tuple[list[str], bool, bool]:
    """The texts of the values of a cell (*text*, normalised *s*), as its
    separators part them, whether a loose one did (see :data:`_LOOSE`), and
    whether they are numbered items.

    Values are separated by ";" (or "；", or a full stop), by lines, by
    ``_LOOSE`` ones, or are numbered items (:func:`unmarked`); "/" is left
    to the parser, as it may belong to a value ("≤500元/人").
    """
    lines = [p.normalise(line) for line in text.splitlines()] if "\n" in text else [s]
    joined = ";".join(line.strip(";") for line in lines if line.strip(";"))  # a value a line
    items = unmarked(joined)  # numbered items: "1.≥3次;2.≥50人", "①≥3次②≥50人"
    loose = len(lines) > 1 or _LOOSE.search(s) is not None
    values = _LOOSE.sub(";", (items or joined).replace("。", ";")).strip(";").split(";")
    return values, loose, items is not None


_RATE_VERBS: Final = ("覆盖", "达标", "合格", "到位", "落实", "兑现", "发放")
"""What a rate may be printed as reaching ("100%覆盖", "95%以上达标"): the rate
is the value, the row names what it measures."""
_AFTER_A_RATE: Final = "|".join(f"(?<={end})" for end in ("%", "以上", "以下", "以内"))
_TALLIES: Final = ("累计", "共计", "合计", "总计", "共")
"""The words that say a count is the year's total ("累计3次", "共3次")."""
_REPORTED: Final = re.compile(
    rf"(?:{p.SCOPE_PREFIX})?(?:(?:已|实际|{'|'.join(_TALLIES)})?完成|实际|{'|'.join(_TALLIES)})?"
    rf"(?P<value>.+?)(?:完成|(?:{_AFTER_A_RATE})(?:{'|'.join(_RATE_VERBS)}))?"
)


def reported(s: str) -> str:
    """*s* without the words around a value that say what the cell reports:
    a leading 全年 (the whole table is about one year), 完成 ("done") before
    or after it ("完成100%", "已完成523人", "100%完成"), 实际 ("actually") and
    the words of a total before it ("累计3次", "共计3次", "实际完成3次"), and
    what a rate is printed as reaching ("100%覆盖", "95%以上达标")."""
    match = _REPORTED.fullmatch(s)
    return s if match is None else match["value"]


_MARK: Final = re.compile(
    r"\((?P<bracketed>[0-9]{1,2})\)|(?<![0-9.])(?P<dotted>[0-9]{1,2})[.、)](?![0-9])"
    r"|(?P<circled>[①-⑳])"
)
"""The marker of a numbered item: "(1)", "1." (also "1、", "1)") or "①"; a
number's own point is none ("1.5万元")."""


def _mark(match: re.Match[str]) -> tuple[str, int]:
    """A marker's style and number."""
    if match["circled"]:
        return "circled", ord(match["circled"]) - ord("①") + 1
    style = "bracketed" if match["bracketed"] else "dotted"
    return style, int(match[style])


def unmarked(s: str) -> str | None:
    """The numbered items of *s* without their markers, separated by ";"
    ("1.≥3次;2.≥50人" and "①≥3次②≥50人" give "≥3次;≥50人"), or ``None`` when
    it is no numbered list: it must start with item 1, and its markers of
    that style must number 1, 2, 3 … in order, at least two of them, each
    before an item.
    """
    first = _MARK.match(s)
    if first is None:
        return None
    style, number = _mark(first)
    if number != 1:
        return None
    marks = [m for m in _MARK.finditer(s) if _mark(m)[0] == style]
    if len(marks) < 2 or [_mark(m)[1] for m in marks] != list(range(1, len(marks) + 1)):
        return None
    ends = [m.start() for m in marks[1:]] + [len(s)]
    items = [s[m.end() : end].strip(";") for m, end in zip(marks, ends, strict=True)]
    return ";".join(items) if all(items) else None


_NOTE: Final = re.compile(r"\((?P<note>[^()]+)\)$")
_NOT_IN_A_NOTE: Final = re.compile(
    "|".join(
        [
            *map(re.escape, p.SUFFIXES),
            *(re.escape(word) for word in p.PREFIXES if word != "达"),
            *("每", "均", "万", "亿"),
        ]
    )
)
"""Words a note may not hold: they would bound, scale or divide the value
("(以上)", "(万元)", "(人均)"), so the cell is not read without them. 达
before a number bounds it ("达95%"), but in words it is 达标 or 达成 ("523人
(达标)"): only 达到 is refused in a note."""


def unnoted(s: str) -> str | None:
    """The value before a note in brackets that ends *s* ("523人(含线上)",
    "100%(已完成)"), or ``None`` when it ends with none. The note must be
    words alone (a statement: no digit, unit or numeral) that neither bound
    nor scale nor divide the value, nor say that the number is included:
    "95%(以上)", "500(万元)", "500元(人均)" and ">95%(含)" have none.
    """
    match = _NOTE.search(s)
    if match is None or match.start() == 0:
        return None
    note = match["note"]
    if note in ("含", "含本数"):  # the number included: the direction's business
        return None
    if not p.QUALITATIVE.fullmatch(note) or p.NUMBERISH.search(note):
        return None
    if p.STRUCTURAL.fullmatch(note) or _NOT_IN_A_NOTE.search(note):
        return None
    return s[: match.start()]


_BETWEEN: Final = re.compile(r"在?(?P<range>.+?)(?:之间|范围内|区间内?)")
_CLOSED: Final = re.compile(r"\[(?P<low>[^,\[\]]+),(?P<high>[^,\[\]]+)\]")


def between(s: str) -> str | None:
    """The range a cell prints with words or brackets around it, written as
    a plain range ("在80%-100%之间", "80%~100%范围内" give "80%-100%",
    "80%~100%"; the closed interval "[80%,100%]" gives "80%~100%"), or
    ``None`` when it prints none of them. An interval that leaves out an
    edge ("(80%,100%]") is not one: its edge would be lost in a range.

    >>> between("在80%-100%之间"), between("[80%,100%]"), between("(80%,100%]")
    ('80%-100%', '80%~100%', None)
    """
    closed = _CLOSED.fullmatch(s)
    if closed is not None:
        return f"{closed['low']}~{closed['high']}"
    words = _BETWEEN.fullmatch(s)
    return None if words is None else words["range"]
