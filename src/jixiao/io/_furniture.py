"""What on a page is not table content (private): page numbers, the
headings and notes of a report, and the prompts of a blank form left unfilled;
and, for a line outside any table, which of these it is (:func:`line_kind`).
The words of the tables themselves are in :mod:`jixiao.io._vocab`.
"""

from __future__ import annotations

import re

from jixiao.io._form_words import (
    FUNDS_HEADER,
    INDICATOR_HEADER,
    TOTALS,
)
from jixiao.io._vocab import (
    IDENTIFICATION,
    LABEL_LIMIT,
    funds_row,
    header_word,
    level1_label,
    level2_label,
    may_score,
    title_year,
)

__all__ = ["HEADING", "is_furniture", "is_note_start", "is_prompt", "is_sign_off", "line_kind"]

_PAGE = re.compile(
    r"[-—–]?\s{0,3}[0-9]{1,4}\s{0,3}[-—–]?"
    r"|第\s{0,3}[0-9]{1,4}\s{0,3}页(?:\s{0,3}[,，]?\s{0,3}共\s{0,3}[0-9]{1,4}\s{0,3}页)?"
    r"|[0-9]{1,4}\s{0,3}/\s{0,3}[0-9]{1,4}"
    r"|(?:page|Page|PAGE)\s{0,3}[0-9]{1,4}(?:\s{0,3}(?:of|/)\s{0,3}[0-9]{1,4})?"
)


def is_furniture(texts: list[str]) -> bool:
    """Whether a line is a page number ("- 3 -", "第3页 共12页", "3/12", "3")."""
    return len(texts) == 1 and len(texts[0]) <= 20 and _PAGE.fullmatch(texts[0].strip()) is not None


HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")
"""A heading of a report's chapters: 一、… or （一）…."""

_NOTE_START = re.compile(r"填报说明|填表说明|(?:说明|注|备注)\s{0,3}[:：]")


def is_note_start(text: str) -> bool:
    """Whether a line starts a note about the form (填报说明：…, 注：…)."""
    return _NOTE_START.match(text) is not None


_SIGN_OFF = re.compile(
    r"(?:(?:单位|部门|项目|财务)?负责人|(?:填表|填报|制表|审核|复核)人|联系人|联系电话"
    r"|(?:填表|填报|审核)?日期)\s{0,3}[:：]"
)


def is_sign_off(texts: list[str]) -> bool:
    """Whether a line is the form's sign-off, every cell a field of it
    (单位负责人：… | 填表人：… | 联系电话：…, 填报日期：…): text of the document
    below a table, never part of its rows."""
    if not texts or _SIGN_OFF.match(texts[0]) is None:  # (most lines: at their first cell)
        return False
    return all(_SIGN_OFF.match(text) for text in texts[1:])


_NUMBERED = re.compile(r"[0-9]{1,2}[.．、]|[(（][0-9]{1,2}[)）]")
_WORDS = frozenset([*FUNDS_HEADER, *INDICATOR_HEADER, *IDENTIFICATION, *TOTALS]) - {"年度"}


def line_kind(texts: list[str], previous: str) -> str:
    """What a line outside any table is: ``"furniture"`` (a page number),
    ``"note"`` (填报说明, 注：, and the numbered items after them — *previous*
    is the kind of the line before), ``"content"`` (it looks like table
    content: numbers in several cells, or a table's words) or ``"text"``."""
    if is_furniture(texts):
        return "furniture"
    if is_note_start(texts[0]) or (previous == "note" and _NUMBERED.match(texts[0])):
        return "note"
    looks = len(texts) >= 2 and any(may_score(t) for t in texts)
    words = any(
        len(t) <= LABEL_LIMIT
        and (
            header_word(t) in _WORDS
            or funds_row(t)
            or level1_label(t)
            or level2_label(t)
            or title_year(t) is not None
        )
        for t in texts
    )
    return "content" if looks or words else "text"


_PROMPT = re.compile(r"指标\s{0,2}[0-9]{1,2}\s{0,2}[:：]?|[…．.。·]{2,}")
_PROMPT_FIRST = frozenset("指…．.。·")
"""The characters a prompt starts with (:data:`_PROMPT`'s first)."""


def is_prompt(text: str) -> bool:
    """Whether a cell is a prompt of the blank form left unfilled: "指标2:", "……".

    >>> is_prompt("指标2："), is_prompt("……"), is_prompt("指标1:服务对象满意度")
    (True, True, False)
    """
    if text[:1] not in _PROMPT_FIRST:  # most cells: no match can start there
        return False
    return _PROMPT.fullmatch(text) is not None  # a cell's text is stripped
