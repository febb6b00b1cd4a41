"""How a printed cell of a project table is recognised (private).

The layout recogniser (:mod:`jixiao.io.recognise`) finds a table by its
landmarks and gives each column a role from its header words
(:mod:`jixiao.io._form_words` holds those words). This module holds the
identification labels and the few patterns that read a cell: every variant a
district's export prints (full-width brackets and colons, ``*`` marks,
annotations such as ``(A)``, ``(B/A)``, ``(%)``, the unit in brackets) is
folded by :func:`compact` and :func:`header_word` before a word is looked up,
so the tables of words stay short and each word is said once.

Every pattern is anchored and bounded, so that a cell of a megabyte is read in
linear time; cells longer than a label can be are never looked up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache

from jixiao.io._form_words import FUNDS_ROWS, FUNDS_UNREAD, IDENT_UNREAD
from jixiao.project.model import Level2Kind
from jixiao.quantities import Unit

__all__ = [
    "IDENTIFICATION",
    "LABEL_LIMIT",
    "MAY_IDENTIFY",
    "compact",
    "funds_row",
    "header_word",
    "ident_label",
    "is_dash",
    "is_points",
    "is_score",
    "item_word",
    "join_line_wraps",
    "join_wraps",
    "level1_label",
    "level2_label",
    "level2_weight",
    "may_score",
    "number",
    "split_weight",
    "title_line",
    "title_year",
    "unit_of",
    "unread_funds_row",
]

LABEL_LIMIT = 40
"""No label a table prints is longer than this (in characters)."""

_READINGS = 4096
"""How many distinct cell texts each reading below keeps (a label, a score, a
title: the same few words recur in every table of a document, and of a batch)."""

_FOLD = str.maketrans({"：": ":", "（": "(", "）": ")", "％": "%", "＊": "*", "\u3000": " "})
_SPACE = re.compile(r"\s+")
_ANNOTATION = re.compile(r"\((?:[A-Za-z/%]{1,5}|元|万元|亿元)\)")
_WEIGHT_NOTE = re.compile(r"\([0-9]{1,3}(?:\.[0-9]{1,2})?分\)$")
"""The weight a section's header word may carry ("绩效指标(90分)"): the sum of
the weights below it, which the table prints (and the audit checks) again."""


@lru_cache(maxsize=16_384)
def compact(text: str) -> str:
    """A label as looked up: no spaces, no ``*`` marks, half-width brackets and
    colons, no trailing colon ("* 实际完成值" → "实际完成值", "项目编码：" → "项目编码")."""
    if len(text) > 200:
        return ""
    return _SPACE.sub("", text.translate(_FOLD)).strip("*").rstrip(":")


_GLOSS = re.compile(r"(?<=[^\x00-\x7f])[ ]{0,3}[A-Za-z][A-Za-z0-9 ]{0,30}$")


@lru_cache(maxsize=16_384)
def header_word(text: str) -> str:
    """A header word without its annotations, weight and English gloss:
    "全年预算数（A）" → "全年预算数", "执行率(B/A)" → "执行率", "* 分值" → "分值",
    "绩效指标（90分）" → "绩效指标", "复核得分 recomputed" → "复核得分"."""
    if len(text) > 200:
        return ""
    word = _ANNOTATION.sub("", compact(_GLOSS.sub("", text.strip())))
    return _WEIGHT_NOTE.sub("", word).strip("*")


IDENTIFICATION: Mapping[str, str] = {
    "项目编码": "code",
    "项目代码": "code",
    "项目名称": "name",
    "主管部门": "competent_department",
    "主管部门及代码": "competent_department",
    "实施单位": "implementing_unit",
    "一级预算单位": "budget_unit",
    "预算单位": "budget_unit",
    "绩效自评年度": "year",
    "自评年度": "year",
    "评价年度": "year",
    "年度": "year",
}
"""Identification labels → :class:`~jixiao.project.model.ProjectInfo` fields."""

_LABELLED = re.compile(
    "[*＊ ]{0,3}("
    + "|".join(sorted((k for k in IDENTIFICATION if len(k) > 2), key=len, reverse=True))
    + r")\s{0,3}(?:[(（](?:盖章|签章|公章)[)）]\s{0,3})?(?:[:：]\s{0,3}(.*)|\s+(.+))?",
    re.DOTALL,
)
"""A cell that starts with an identification label: the label (after ``*`` marks;
followed by the seal a form asks for, 实施单位(盖章), which is no value), and a
value printed after it in the same cell."""
_PREFIX = frozenset(k[:2] for k in IDENTIFICATION)
MAY_IDENTIFY = re.compile("\t[*＊ ]*[" + "".join(sorted({k[0] for k in IDENTIFICATION})) + "]")
"""Found in the texts of a line, each after a tab, when a cell starts with a
character an identification label starts with (after ``*`` marks); a line
without one prints no label. (The first character only, not the first two
that :func:`ident_label` checks: one class is tried at each tab in half the
time of nine alternatives.)"""


@lru_cache(maxsize=_READINGS)
def ident_label(text: str) -> tuple[str, str | None] | None:
    """The identification field a cell labels, with a value printed in the same
    cell ("项目名称：党政事务"), else ``None``."""
    if len(text) > 200 or text.lstrip("*＊ ")[:2] not in _PREFIX:
        return None
    key = compact(text)
    if key in IDENTIFICATION:  # "绩效自评 年度:" too: a label wrapped by the extraction
        return IDENTIFICATION[key], None
    match = _LABELLED.fullmatch(text)
    if match is None:
        return None
    value = match.group(2) if match.group(2) is not None else match.group(3)
    return IDENTIFICATION[match.group(1)], value.strip() if value else None


_UNREAD_LABEL = re.compile(
    "[*＊ ]{0,3}("
    + "|".join(sorted(IDENT_UNREAD, key=len, reverse=True))
    + r")\s{0,3}(?:[:：].*)?",
    re.DOTALL,
)


_UNREAD_FIRST = frozenset(word[0] for word in IDENT_UNREAD)


def unread_ident(text: str) -> str | None:
    """The label of an identification field the table model has no place for
    that a cell starts with (:data:`~jixiao.io._form_words.IDENT_UNREAD`:
    "项目负责人及电话", "联系电话：0557…"), else ``None``.

    >>> unread_ident("项目负责人及电话"), unread_ident("联系电话：123"), unread_ident("联系")
    ('项目负责人及电话', '联系电话', None)
    """
    if len(text) > 200 or text.lstrip("*＊ ")[:1] not in _UNREAD_FIRST:
        return None
    match = _UNREAD_LABEL.fullmatch(text)
    return match.group(1) if match else None


_ITEM_NUMBER = re.compile(r"[0-9]{1,2}[.．、]")


def item_word(text: str) -> str:
    """A label as looked up without the number of its item: "1.项目年度目标完成情况"
    → "项目年度目标完成情况"."""
    word = compact(text) if len(text) <= LABEL_LIMIT else ""
    number = _ITEM_NUMBER.match(word)
    return word[number.end() :] if number else word


_UNIT_WORD = r"(元|万元|亿元)"
_UNIT_CELL = re.compile(rf"(?:金额|资金)?单位:?{_UNIT_WORD}")
_UNIT_LABEL = re.compile(rf"(?:项目资金|资金情况|年度资金总额|年度预算数)\({_UNIT_WORD}\)")


@lru_cache(maxsize=_READINGS)
def unit_of(label: str) -> Unit | None:
    """The amounts' unit a cell states: "项目资金(万元)", "单位：元", "金额单位：万元"."""
    if "元" not in label:  # every unit word ends in 元
        return None
    key = compact(label)
    match = _UNIT_LABEL.fullmatch(key) or _UNIT_CELL.fullmatch(key)
    return Unit.parse(match.group(1)) if match else None


def _funds_key(label: str) -> str:
    """A funds row's label as looked up: "其中：当年财政拨款" → "当年财政拨款"."""
    if len(label) > LABEL_LIMIT:
        return ""
    return _ANNOTATION.sub("", compact(label).removeprefix("其中").lstrip(":"))


@lru_cache(maxsize=_READINGS)
def funds_row(label: str) -> str | None:
    """The funds row a label names ("其中：当年财政拨款" → ``"current_appropriation"``)."""
    return FUNDS_ROWS.get(_funds_key(label))


def unread_funds_row(label: str) -> bool:
    """Whether a label names a funds row the table model has no place for
    (:data:`~jixiao.io._form_words.FUNDS_UNREAD`: "其中:财政资金")."""
    return _funds_key(label) in FUNDS_UNREAD


_TITLE = re.compile(
    r"(?:附件\d{0,2}:?|附表\d{0,2}:?)?"
    # a place before it (稷山县…; its 一, 二 … read as digits, as a year's are)
    r"(?:[\u4e00-\u9fff0-9]{1,10}?(?:省|自治区|市|州|盟|县|区|旗))?"
    r"([0-9]{4}年度?)?(?:部门预算)?(?:项目支出|项目)?绩效(?:目标)?自评表"
    r"(?:\(([0-9]{4})年度?\))?"
)
_TITLE_YEAR = re.compile(r"\(?([0-9]{4})年度?\)?")


_YEAR_DIGITS = str.maketrans("０１２３４５６７８９〇零一二三四五六七八九", "012345678900123456789")
"""A year's digits as titles print them: full-width, or Chinese (二〇二三)."""


@lru_cache(maxsize=_READINGS)
def title_year(text: str) -> tuple[bool, int | None] | None:
    """Whether a cell is a table's title (or a line of a two-line title), and the
    year it prints: ``(True, 2023)`` for "2023年度项目支出绩效自评表" (the year
    in full-width or Chinese digits too: "二〇二三年度…"), ``(False, 2023)`` for
    a line "2023年度" or "（2023年度）" alone, ``None`` otherwise.

    >>> title_year("部门预算项目支出绩效自评表(2023年度)"), title_year("绩效目标自评表（2022年度）")
    ((True, 2023), (True, 2022))
    >>> title_year("稷山县项目支出绩效自评表"), title_year("三门峡市2021年度项目支出绩效自评表")
    ((True, None), (True, 2021))
    >>> title_year("2023年度部门整体支出绩效自评表") is None  # the department's table
    True
    """
    if len(text) > LABEL_LIMIT or ("表" not in text and "年" not in text):
        return None  # a title ends in 自评表, a year line prints 年
    key = compact(text).translate(_YEAR_DIGITS)
    match = _TITLE.fullmatch(key)
    if match:
        year = match.group(1) or match.group(2)
        return True, int(year[:4]) if year else None
    part = _TITLE_YEAR.fullmatch(key)
    return (False, int(part.group(1))) if part else None


def title_line(texts: Sequence[str]) -> tuple[bool, int | None] | None:
    """:func:`title_year` of a line's first cell, when the line prints nothing
    else but the amounts' unit ("2023年度项目支出绩效自评表 | 单位：万元") and
    the title again (merged across, unmerged and filled)."""
    title = title_year(texts[0]) if texts else None
    if title is None or any(unit_of(t) is None for t in texts[1:] if t != texts[0]):
        return None
    return title


_LABEL = re.compile(r"([^\s()]{0,20}指标)(?:\(([0-9]{1,3}(?:\.[0-9]{1,2})?)分\))?")
"""A label: a name ending in 指标, and the weight printed after it, if any."""
_LEVEL1_NAMES = frozenset({"产出指标", "效益指标", "满意度指标"})
_LEVEL2_NAMES = frozenset(kind.value for kind in Level2Kind)


@lru_cache(maxsize=_READINGS)
def _label(cell: str) -> tuple[str, str] | None:
    """``(name, weight)`` of a cell printing a label with or without its
    weight ("产出指标(50分)", "数量指标", "产 出 指 标 （50分）"), else ``None``."""
    if "标" not in cell or "指" not in cell or len(cell) > LABEL_LIMIT:  # 指标, 指 标
        return None
    match = _LABEL.fullmatch(compact(cell))
    return None if match is None else (match.group(1), match.group(2) or "")


@lru_cache(maxsize=_READINGS)
def level1_label(cell: str) -> tuple[str, str] | None:
    """``("产出指标", "50")`` for "产出指标(50分)" / "产出指标（50分）" /
    "产出指标 (50分)" / "产 出 指 标 (50分)", ``("产出指标", "")`` for a
    standard name printed without its weight; ``None`` for anything else,
    a standard level-2 name with its weight ("数量指标(20分)") too."""
    label = _label(cell)
    if label is None:
        return None
    name, weight = label
    if name not in _LEVEL1_NAMES and (not weight or name in _LEVEL2_NAMES):
        return None
    return label


def level2_label(cell: str, *, loose: bool = False) -> str | None:
    """The level-2 name a cell prints ("服务对象满意度 指标" too, and with its
    weight: "数量指标(20分)"), else ``None``.

    With *loose*, any short name ending in 指标 (a district's own level-2 name)
    counts; used only where the cell's column says it is a level-2 label.
    """
    label = _label(cell)
    if label is not None and label[0] in _LEVEL2_NAMES:
        return label[0]
    if not loose or (label is not None and label[1]) or "标" not in cell or "指" not in cell:
        return None
    name = compact(cell)  # (一)数量指标 too: any name, but no level-1 name or weight
    if name.endswith("指标") and len(name) <= 15 and name not in _LEVEL1_NAMES:
        return name
    return None


_WEIGHT_AFTER = re.compile(
    r"(.{1,40}?)\s{0,3}[(（]\s{0,3}([0-9]{1,3}(?:\.[0-9]{1,2})?)\s{0,3}分\s{0,3}[)）]"
)


def split_weight(text: str) -> tuple[str, str]:
    """A label as printed and the weight printed after it: ``("产出", "50")``
    for "产出 (50分)", ``(text, "")`` when it prints none (spaces inside the
    name are kept: "产 出 指 标 (50分)" → "产 出 指 标")."""
    match = _WEIGHT_AFTER.fullmatch(text.strip())
    return (match.group(1), match.group(2)) if match else (text, "")


@lru_cache(maxsize=_READINGS)
def level2_weight(cell: str) -> str:
    """The weight a level-2 label prints after its name ("20" for
    "数量指标(20分)"), ``""`` when it prints none."""
    label = _label(cell)
    return "" if label is None else label[1]


_WEIGHT_NUMBER = r"[0-9]{1,6}(?:\.[0-9]{1,6})?"
"""A number a weight or points cell prints."""
_SCORE = re.compile(rf"{_WEIGHT_NUMBER}|#{{1,40}}")
_POINTS = re.compile(rf"{_WEIGHT_NUMBER} ?分|#{{1,40}}")
_NUMBER = re.compile(r"([0-9]{1,15}(?:\.[0-9]{1,10})?)(?: ?分)?")
_DASHES = frozenset({"", "—", "-", "--", "---", "–", "－", "/", "——", "无", "不适用"})


@lru_cache(maxsize=_READINGS)
def is_score(text: str) -> bool:
    """Whether a cell can be a weight or points cell: a plain number or ``#####``."""
    return _SCORE.fullmatch(text) is not None


def may_score(text: str) -> bool:
    """Whether a cell can be a weight or points cell at all: :func:`is_score`
    or :func:`is_points` (a line printing one is a row, not wrapped text)."""
    return is_score(text) or is_points(text)


@lru_cache(maxsize=_READINGS)
def is_points(text: str) -> bool:
    """Whether a cell is a number followed by the unit 分 ("90分", "7.5 分")
    or ``#####``: a weight or points cell of a table that prints 分 there, or
    an actual counted in 分 (so it is asked only where no plain number will do)."""
    return _POINTS.fullmatch(text) is not None


@lru_cache(maxsize=_READINGS)
def number(text: str) -> Decimal | None:
    """The plain number a weight cell shows ("7.00", "50", "10分"), else ``None``."""
    match = _NUMBER.fullmatch(text)
    return Decimal(match.group(1)) if match else None


def is_dash(text: str) -> bool:
    """Whether a cell prints "nothing applies": empty, a dash, "/", "无", "不适用"."""
    return text.strip() in _DASHES


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WRAP = re.compile(rf"(?<=[{_CJK}(（])[ \u3000\n]+(?=[{_CJK}(（)）])")


def join_wraps(text: str) -> str:
    """Join line-wraps in a label or name: drop spaces and line breaks between
    two Chinese characters, or a Chinese character and a bracket ("辅助性人力资源
    经费" → "辅助性人力资源经费", "管理局(\n本级)" → "管理局(本级)")."""
    if " " in text or "\u3000" in text or "\n" in text:
        return _WRAP.sub("", text)
    return text


_LINE_WRAP = re.compile(rf"(?<=[{_CJK}])\n(?=[{_CJK}(（])")


def join_line_wraps(text: str) -> str:
    """Join a cell's text wrapped between two Chinese characters ("一人干部健\\n康管理"
    → "一人干部健康管理"); spaces, and line breaks after punctuation or before a
    number (a list's items), are kept."""
    return _LINE_WRAP.sub("", text) if "\n" in text else text
