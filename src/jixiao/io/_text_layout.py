"""The machinery of :mod:`jixiao.io.text`: cells, labels, indicator rows, label
drift, cutting a text into tables and reading one table.

:mod:`jixiao.io.text` holds the public functions and the file guards; the
interpretations are listed in its docstring. Every pattern here is anchored or
bounded, so that a line of a megabyte is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level2,
    Level2Kind,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
    is_blank,
    is_unreadable,
    printed_number,
)
from jixiao.quantities import Unit

HEADING = "项目支出绩效自评表"
TOTAL = "总分"
INFO_LABELS = {
    "项目编码": "code",
    "项目名称": "name",
    "绩效自评年度": "year",
    "实施单位": "implementing_unit",
    "一级预算单位": "budget_unit",
}
FUNDS_LABELS = {
    "年度资金总额": "total",
    "当年财政拨款": "current_appropriation",
    "上年结转资金": "carry_over",
    "其他资金": "other",
}
LEVEL2_NAMES = {kind.value for kind in Level2Kind}

_PARAGRAPH_BREAK = re.compile(r"</p\s{0,20}>\s*<p(?:\s[^<>]{0,200})?>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s{0,20}/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,200})?/?>")
_SPACE = re.compile(r"\s+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}(（])")
_FULL_WIDTH = str.maketrans({"：": ":", "（": "(", "）": ")"})
_SCORE = re.compile(r"[0-9]+(?:\.[0-9]+)?|#+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LEVEL1 = re.compile(
    r"([^\s()（）]{0,20}指标)\s{0,5}[(（]\s{0,5}([0-9]+(?:\.[0-9]+)?)\s{0,5}分\s{0,5}[)）]"
)
_LOOSE_POINTS = {"无", "—", "-", "–", "－", "/"}
_VALUE_HINT = re.compile(r"[0-9%％≥≤<>＞＜]")

# Words that tell an indicator's level-2 kind by meaning; used only to undo a
# label drift that the printed weights have already proved (see fix_label_drift).
_MARKERS: dict[Level2Kind, tuple[str, ...]] = {
    Level2Kind.QUALITY: ("合格率", "准确率", "通过率", "覆盖率"),
    Level2Kind.TIMELINESS: ("及时性", "及时率"),
}


class LayoutError(Exception):
    """A line of a table cannot be read; the message says why (internal)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


def short(text: str, size: int = 40) -> str:
    """*text*, cut to *size* characters for a message."""
    return text if len(text) <= size else text[:size] + "…"


def shift_words(columns: int) -> str:
    """``"one column left"``, ``"two columns right"``."""
    count = {1: "one column", 2: "two columns"}.get(abs(columns), f"{abs(columns)} columns")
    return f"{count} {'left' if columns < 0 else 'right'}"


def clean_cell(text: str) -> str:
    """A cell without HTML tags and surrounding space; ``</p> <p>`` becomes a newline."""
    if "<" in text:
        text = _PARAGRAPH_BREAK.sub("\n", text)
        text = _LINE_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    return text.strip()


def has_tag(text: str) -> bool:
    """Whether *text* holds an HTML tag that :func:`clean_cell` strips."""
    return "<" in text and _TAG.search(text) is not None


MAX_CELLS = 64
"""More cells than this on a line make it no table line (its rest stays in the last cell)."""


def split_cells(line: str) -> list[str]:
    """The cleaned cells of a tab-separated line (at most ``MAX_CELLS + 1``)."""
    return [clean_cell(cell) for cell in line.rstrip("\r\n").split("\t", MAX_CELLS)]


def compact(text: str) -> str:
    """A label without spaces, wrap artefacts, ``*`` marks and colons; full width folded."""
    return _SPACE.sub("", text).translate(_FULL_WIDTH).lstrip("*").rstrip(":")


def join_wraps(text: str) -> str:
    """Join PDF line-wraps: drop spaces between two CJK characters or before a bracket."""
    return _WRAP.sub("", text) if " " in text or "\u3000" in text else text


def number(text: str) -> Decimal | None:
    """The plain number a weight cell shows, or ``None``."""
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def is_score(text: str) -> bool:
    """Whether a cell can be a weight or points cell: a plain number or ``#####``."""
    return _SCORE.fullmatch(text) is not None


def level1_label(cell: str) -> tuple[str, str] | None:
    """``("产出指标", "50")`` for ``"产出指标(50分)"`` / ``"产出指标 (50分)"``, else ``None``."""
    if "指标" not in cell or len(cell) > 40:
        return None
    match = _LEVEL1.fullmatch(cell.strip())
    return (match.group(1), match.group(2)) if match else None


def level2_label(cell: str) -> str | None:
    """The standard level-2 name a cell prints (``"服务对象满意度 指标"`` too), else ``None``."""
    if "指标" not in cell or len(cell) > 40:
        return None
    name = compact(cell)
    return name if name in LEVEL2_NAMES else None


def non_empty(cells: Sequence[str]) -> list[str]:
    """The cells that print something."""
    return [cell for cell in cells if cell]


def find_scores(cells: Sequence[str]) -> int | None:
    """The index of the weight cell (分值), followed by points (得分) and at most a note.

    The rightmost pair of numbers (or ``#####``) with at most one printed cell
    after it; failing that, a number followed by "无" or a dash as points.
    """
    last = len(cells) - 1
    while last >= 0 and not cells[last]:
        last -= 1
    for strict in (True, False):
        after = 0
        for w in range(last - 1, -1, -1):
            if cells[w + 2 : w + 3] and cells[w + 2]:
                after += 1
            if after > 1:
                break
            points = cells[w + 1]
            fits = is_score(points) or (not strict and points in _LOOSE_POINTS)
            if fits and is_score(cells[w]):
                return w
    return None


@attrs.frozen
class RowLine:
    """One indicator line as read: its labels and its six logical cells.

    ``weight_col`` is the column of the weight as printed (before dropping a
    duplicate); ``level1_col`` and ``level2_col`` where the labels were printed.
    """

    name: str = ""
    target: str = ""
    actual: str = ""
    weight: str = ""
    points: str = ""
    note: str = ""
    level1: tuple[str, str] | None = None
    level1_col: int | None = None
    level2: str | None = None
    level2_col: int | None = None
    level2_printed: str = ""
    weight_col: int | None = None
    duplicate: bool = False
    printed_name: str = ""

    @property
    def has_row(self) -> bool:
        """Whether the line prints an indicator row (not only labels)."""
        return self.weight_col is not None


def read_row(cells: Sequence[str]) -> RowLine | None:
    """Read an indicator line by its logical structure, whatever its column shifts.

    Returns ``None`` for a line that prints too little to be a row (one or two
    cells that are no labels: page furniture or a stray fragment).

    Raises:
        LayoutError: the line looks like a row but its cells cannot be told apart.
    """
    w = find_scores(cells)
    end = len(cells) if w is None else w
    level1: tuple[str, str] | None = None
    level2: str | None = None
    cols: dict[str, int] = {}
    printed = ""
    last_label = -1
    for i in range(end):
        cell = cells[i]
        if not cell:
            continue
        top = level1_label(cell)
        group = None if top else level2_label(cell)
        if top is None and group is None:
            continue
        if (top and level1) or (group and level2):
            raise LayoutError("two labels of the same level on one line")
        if top:
            level1, cols["level1"] = top, i
        else:
            level2, cols["level2"], printed = group, i, cell
        last_label = i
    stray = [
        c
        for c in cells[: max(last_label, 0)]
        if c and level1_label(c) is None and level2_label(c) is None
    ]
    if stray:
        raise LayoutError(f"text {short(stray[0])!r} printed before the indicator labels")
    if w is None:
        if non_empty(cells[last_label + 1 :]) or (level1 is None and level2 is None):
            if len(non_empty(cells)) <= 2:
                return None
            raise LayoutError("no 分值 and 得分 numbers found where the row should print them")
        return RowLine(
            level1=level1,
            level1_col=cols.get("level1"),
            level2=level2,
            level2_col=cols.get("level2"),
            level2_printed=printed,
        )
    start = last_label + 1
    if last_label < 0:
        while start < w and not cells[start]:
            start += 1
    pre = _drop_spacers(cells[start:w])
    duplicate = False
    if len(pre) == 4 and level2 is None and _unknown_level2(pre):
        level2, cols["level2"], printed = compact(pre[0]), w - 4, pre[0]
        pre = pre[1:]
    if len(pre) == 4 and pre[2] == pre[3] and _VALUE_HINT.search(pre[1]):
        duplicate = True
        pre = pre[:3]
    if len(pre) > 3:
        raise LayoutError(
            f"{len(pre)} cells before 分值 where 三级指标, 年度指标值, 实际完成值 are expected"
        )
    pre = [""] * (3 - len(pre)) + pre
    notes = non_empty(cells[w + 2 :])
    return RowLine(
        name=join_wraps(pre[0]),
        target=pre[1],
        actual=pre[2],
        weight=cells[w],
        points=cells[w + 1],
        note=notes[0] if notes else "",
        level1=level1,
        level1_col=cols.get("level1"),
        level2=level2,
        level2_col=cols.get("level2"),
        level2_printed=printed,
        weight_col=w,
        duplicate=duplicate,
        printed_name=pre[0],
    )


def _drop_spacers(cells: Sequence[str]) -> list[str]:
    """Drop empty cells, leftmost first, until three remain (or none is empty)."""
    excess = len(cells) - 3
    kept: list[str] = []
    for cell in cells:
        if excess > 0 and not cell:
            excess -= 1
            continue
        kept.append(cell)
    return kept


def _unknown_level2(pre: Sequence[str]) -> bool:
    """Whether the first of four cells is a level-2 label of a non-standard name."""
    name = compact(pre[0])
    return name.endswith("指标") and len(name) <= 15 and pre[2] != pre[3]


@attrs.define
class Entry:
    """An indicator line of a table with its (movable) labels, for assembly."""

    line: int
    row: RowLine
    level1: tuple[str, str] | None
    level2: str | None


def _markers(name: str) -> set[Level2Kind]:
    return {kind for kind, words in _MARKERS.items() if any(w in name for w in words)}


def fix_label_drift(entries: list[Entry]) -> list[tuple[int, str]]:
    """Undo labels printed one row too early; return a remark (line, text) for each repair.

    A level-1 label is moved one row down when its group's level-3 weights do
    not add up to its printed weight as printed but do once the labelled row
    is counted with the group before (the extraction drifted the label). Only
    in a table where the weights proved such a drift, a level-2 label is moved
    one row down too when its row names the kind of the group before
    (合格率 → 质量, 及时性 → 时效) and the next row names the label's own kind.
    """
    remarks: list[tuple[int, str]] = []
    tops = [i for i, e in enumerate(entries) if e.level1]
    drifted = False
    for k, i in enumerate(tops[1:], start=1):
        end = tops[k + 1] if k + 1 < len(tops) else len(entries)
        here, below = entries[i], entries[i + 1] if i + 1 < end else None
        printed = number(here.level1[1]) if here.level1 else None
        weights = [number(e.row.weight) for e in entries[i:end] if e.row.has_row]
        if printed is None or below is None or any(x is None for x in weights):
            continue
        total = sum((x for x in weights if x is not None), Decimal(0))
        moved = number(here.row.weight) if here.row.has_row else None
        if total == printed or moved is None or total - moved != printed:
            continue
        if not below.row.has_row or below.level1 or below.level2:
            continue
        below.level1, below.level2 = here.level1, here.level2
        here.level1 = here.level2 = None
        drifted = True
        top_name = below.level1[0] if below.level1 else ""
        remarks.append(
            (
                here.line,
                f"Line {here.line}: the labels {top_name} ({printed}分)"
                f"{' / ' + below.level2 if below.level2 else ''} are printed one row early, on the "
                f"row {here.row.name}; read literally the level-3 weights of {top_name} add up "
                f"to {total}, not the printed {printed}. The row is placed in the group before and "
                f"the labels start at line {below.line}.",
            )
        )
    if drifted:
        remarks.extend(_fix_level2_drift(entries))
    return remarks


def _fix_level2_drift(entries: list[Entry]) -> list[tuple[int, str]]:
    remarks: list[tuple[int, str]] = []
    before: Level2Kind | None = None
    for i, entry in enumerate(entries):
        kind = Level2Kind.of(entry.level2) if entry.level2 else None
        if entry.level1 and not entry.level2:
            before = None
        below = entries[i + 1] if i + 1 < len(entries) else None
        if (
            entry.level2
            and not entry.level1
            and kind is not None
            and before is not None
            and below is not None
            and below.row.has_row
            and not below.level1
            and not below.level2
            and before in _markers(entry.row.name)
            and kind not in _markers(entry.row.name)
            and kind in _markers(below.row.name)
        ):
            remarks.append(
                (
                    entry.line,
                    f"Line {entry.line}: the level-2 label {entry.level2} is printed one row early, "
                    f"on the row {entry.row.name}, which by its name belongs to "
                    f"{before.value} (the table's labels drifted, see above); the row is placed "
                    f"under {before.value} and {entry.level2} starts at line {below.line}.",
                )
            )
            below.level2, entry.level2 = entry.level2, None
            continue
        if entry.level2:
            before = kind
    return remarks


def assemble(
    entries: list[Entry], columns: dict[str, int]
) -> tuple[tuple[Level1, ...], list[tuple[int, str]]]:
    """Build the indicator tree from the lines of a table, with a remark per repair.

    *columns* gives where the header prints 一级指标, 二级指标 and 分值
    (``"level1"``, ``"level2"``, ``"weight"``), to tell shifted lines.

    Raises:
        LayoutError: a row or a level-2 label printed before the labels it needs.
    """
    remarks = fix_label_drift(entries)
    tops: list[tuple[str, str, list[tuple[str, list[Row]]]]] = []
    for entry in entries:
        row = entry.row
        if entry.level1 and not (tops and tops[-1][:2] == entry.level1):
            tops.append((*entry.level1, []))
        if entry.level2:
            if not tops:
                raise LayoutError("a level-2 label before any level-1 label", entry.line)
            groups = tops[-1][2]
            if not (groups and groups[-1][0] == entry.level2):
                groups.append((entry.level2, []))
        if not row.has_row:
            continue
        if not tops or not tops[-1][2]:
            raise LayoutError("an indicator row before its level-1 and level-2 labels", entry.line)
        top, group = tops[-1][0], tops[-1][2][-1]
        group[1].append(Row(row.name, row.target, row.actual, row.weight, row.points, row.note))
        remark = _row_remark(entry, columns, f"{top} / {group[0]}")
        if remark:
            remarks.append((entry.line, remark))
    level1 = tuple(
        Level1(name, weight, tuple(Level2(g, tuple(rows)) for g, rows in groups))
        for name, weight, groups in tops
    )
    return level1, remarks


def _row_remark(entry: Entry, columns: dict[str, int], where: str) -> str | None:
    """What was repaired on an indicator line, or ``None`` when it is printed in place."""
    row = entry.row
    parts: list[str] = []
    if row.level1 and row.level1_col != columns["level1"]:
        parts.append(
            f"the level-1 label {row.level1[0]} ({row.level1[1]}分) is printed in column "
            f"{(row.level1_col or 0) + 1} instead of {columns['level1'] + 1}"
        )
    if row.level2 and row.level2_col != columns["level2"]:
        parts.append(
            f"the level-2 label {row.level2} is printed in column "
            f"{(row.level2_col or 0) + 1} instead of {columns['level2'] + 1}"
        )
    if row.level2 and row.level2_printed and row.level2_printed != row.level2:
        parts.append(f"the wrapped label {row.level2_printed!r} is joined to {row.level2}")
    if row.duplicate:
        parts.append(f"the 实际完成值 {row.actual!r} is printed twice; the duplicate is dropped")
    shift = (row.weight_col or 0) - int(row.duplicate) - columns["weight"]
    if shift:
        parts.append(f"the cells are printed shifted {shift_words(shift)}")
    if row.printed_name != row.name:
        parts.append(
            f"the wrapped name {short(row.printed_name)!r} is joined to {short(row.name)!r}"
        )
    if not parts:
        return None
    return f"Line {entry.line}, row {short(row.name) or '(no name)'}: {'; '.join(parts)}; placed under {where}."


# ---------------------------------------------------------------- tables

_UNIT = re.compile(r"项目资金\((元|万元|亿元)\)")
_YEAR = re.compile(r"([0-9]{4})年?")
_INFO_HINT = re.compile(r"项目|绩效|实施|一级")


@attrs.frozen
class TextLine:
    """A non-blank line of the text: its number, the line as found and its cells."""

    number: int
    raw: str
    cells: list[str]

    @property
    def wide(self) -> bool:
        """Whether the line has more cells than any table line."""
        return len(self.cells) > MAX_CELLS


class TableRejected(Exception):
    """A table that cannot be read completely (internal)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _first(cells: list[str]) -> str:
    filled = non_empty(cells)
    return compact(filled[0]) if filled and len(filled[0]) <= 200 else ""


def _info_key(cell: str) -> tuple[str, str | None] | None:
    """The info field a cell labels, with the value printed in the same cell if any."""
    if not cell or len(cell) > 200 or not _INFO_HINT.search(cell, 0, 12):
        return None
    key = compact(cell)
    if key in INFO_LABELS:
        return INFO_LABELS[key], None
    for label, field in INFO_LABELS.items():
        if key.startswith(label + ":"):
            return field, cell.translate({0xFF1A: ":"}).split(":", 1)[1].strip()
    return None


def _funds_key(cell: str) -> str:
    """The funds row a cell labels ("其中:当年财政拨款" → "当年财政拨款"), or ``""``."""
    return compact(cell).removeprefix("其中:") if cell and len(cell) <= 40 else ""


def cut_tables(lines: list[TextLine]) -> tuple[list[list[TextLine]], list[TextLine]]:
    """Cut the lines into tables (heading or 项目编码 … 总分) and lines outside any."""
    segments: list[list[TextLine]] = []
    outside: list[TextLine] = []
    current: list[TextLine] | None = None
    has_code = False
    for line in lines:
        filled = non_empty(line.cells)
        if not filled:
            continue  # only tags or spaces: nothing printed
        if line.wide:
            (outside if current is None else current).append(line)
            continue
        first = _first(line.cells)
        heading = first.startswith(HEADING) and len(filled) == 1
        code = any(
            "项目编码" in c and (_info_key(c) or ("", None))[0] == "code" for c in line.cells[:8]
        )
        if heading or (code and (current is None or has_code)):
            if current is not None:
                segments.append(current)
            current, has_code = [], False
        if current is None:
            outside.append(line)
            continue
        current.append(line)
        has_code = has_code or code
        if first == TOTAL:
            segments.append(current)
            current = None
    if current is not None:
        segments.append(current)
    return segments, outside


class TableReader:
    """Reads one table's lines into a :class:`ProjectTable` (raises :class:`TableRejected`)."""

    def __init__(self, lines: list[TextLine], source: str, open_end: int | None) -> None:
        self.lines = lines
        self.source = source
        self.open_end = open_end
        self.unplaced: list[tuple[TextLine, str]] = []
        self.remarks: list[tuple[int, str]] = []
        self.remark_texts: set[str] = set()
        self.info: dict[str, str] = {}
        self.funds: dict[str, FundsRow] = {}
        self.funds_score: tuple[str, str, str] | None = None
        self.unit: Unit | None = None
        self.expected: list[str] = []
        self.achieved: list[str] = []
        self.achieved_col: int | None = None
        self.goal_label_line: int | None = None
        self.columns = {"level1": 1, "level2": 2, "weight": 6}
        self.entries: list[Entry] = []
        self.total: Total | None = None
        self.seen_indicator_header = False

    # ------------------------------------------------------------------ driver

    def read(self) -> ProjectTable:
        state = "top"
        tagged: list[int] = []
        for line in self.lines:
            if line.wide:
                self._unplace(line, f"more than {MAX_CELLS} cells: not a line of the table")
                continue
            if has_tag(line.raw):
                tagged.append(line.number)
            first = _first(line.cells)
            keys = {compact(c) for c in line.cells if c and len(c) <= 40}
            if first == TOTAL:
                self._total(line)
            elif (first.startswith(HEADING) and len(non_empty(line.cells)) == 1) or (
                state != "indicators" and self._info(line)
            ):
                continue
            elif first == "资金使用情况":
                state = "funds"
            elif first == "项目目标完成情况":
                state = "goal"
            elif state in ("top", "funds") and self._funds(line, keys):
                state = "funds"
            elif "一级指标" in keys and "三级指标" in keys:
                self._indicator_header(line, state == "indicators")
                state = "indicators"
            elif state != "indicators" and "预期目标" in keys:
                self._goal_header(line)
                state = "goal"
            elif state == "goal":
                self._goal_text(line)
            elif state == "indicators":
                self._indicator(line)
            else:
                self._unplace(line, "not recognised as part of the table")
        if tagged:
            self._remark(
                tagged[0],
                f"HTML tags are stripped (line {', '.join(map(str, tagged))}); "
                "paragraphs (</p> <p>) are joined with a newline.",
            )
        return self._build()

    def _unplace(self, line: TextLine, reason: str, text: str | None = None) -> None:
        self.unplaced.append((line, reason if text is None else f"{reason}: {text!r}"))

    def _remark(self, line: int, text: str) -> None:
        if text not in self.remark_texts:
            self.remark_texts.add(text)
            self.remarks.append((line, text))

    # ------------------------------------------------------------ header parts

    def _info(self, line: TextLine) -> bool:
        cells = line.cells
        labels = [(i, key) for i, c in enumerate(cells) if (key := _info_key(c))]
        if not labels:
            return False
        if non_empty(cells[: labels[0][0]]):
            self._unplace(line, "cells before the first label", short(cells[0]))
        for k, (i, (field, inline)) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(cells)
            parts = ([inline] if inline else []) + non_empty(cells[i + 1 : end])
            printed = " ".join(parts)
            value = printed if field in ("code", "year") else join_wraps(printed)
            if "：" in cells[i]:
                self._remark(
                    line.number,
                    "Labels are printed with full-width colons (：), read like ':'; values "
                    "keep their full-width punctuation as printed.",
                )
            if value != printed:
                self._remark(
                    line.number,
                    f"Line {line.number}: the {cells[i].rstrip(':：')} cell is printed wrapped as "
                    f"{printed!r}; joined to {value!r}.",
                )
            if field in self.info and self.info[field] != value:
                self._unplace(line, f"a second {field} in one table", short(value))
            else:
                self.info.setdefault(field, value)
        return True

    def _funds(self, line: TextLine, keys: set[str]) -> bool:
        if "年初预算数" in keys:
            return True
        cells = line.cells
        keyed = [(i, k) for i, c in enumerate(cells) if (k := _funds_key(c)) in FUNDS_LABELS]
        if not keyed:
            return False
        i, key = keyed[0]
        field = FUNDS_LABELS[key]
        for before in non_empty(cells[:i]):
            match = _UNIT.fullmatch(compact(before))
            if match:
                self.unit = Unit.parse(match.group(1))
            else:
                self._unplace(line, "unrecognised cell in the funds row", short(before))
        values = [*cells[i + 1 : i + 7], *[""] * 6][:6]
        for value in values:
            if value and not (
                printed_number(value) is not None or is_blank(value) or is_unreadable(value)
            ):
                raise TableRejected(
                    f"the funds cell {short(value)!r} of {key} is not a number", line.number
                )
        extra = non_empty(cells[i + 7 :])
        if field != "total":
            extra = [v for v in values[3:] if not is_blank(v)] + extra
        if extra:
            self._unplace(line, f"cells beyond the {key} row", short("\t".join(extra)))
        if field in self.funds:
            raise TableRejected(f"the funds row {key} is printed twice", line.number)
        self.funds[field] = FundsRow(*values[:3])
        if field == "total":
            self.funds_score = (values[3], values[4], values[5])
        return True

    def _goal_header(self, line: TextLine) -> None:
        for i, cell in enumerate(line.cells):
            if cell and compact(cell) == "实际完成情况":
                self.achieved_col = i
        if not any(compact(c) == "年度总体目标" for c in line.cells if len(c) <= 40):
            self.goal_label_line = line.number

    def _goal_text(self, line: TextLine) -> None:
        label = False
        parts: list[tuple[int, str]] = []
        for i, cell in enumerate(line.cells):
            if cell and len(cell) <= 40 and compact(cell) == "年度总体目标":
                label = True
            elif cell:
                parts.append((i, cell))
        if label and self.goal_label_line is not None:
            self._remark(
                line.number,
                f"Line {line.number}: the 年度总体目标 label is printed on the line of the "
                "goal texts rather than on the 预期目标 header line; no value moved.",
            )
        if self.expected or self.achieved:
            self._remark(
                line.number,
                f"Line {line.number}: the goal texts continue on a further line; joined with a newline.",
            )
        if self.achieved_col is not None and len(parts) != 2:
            expected = [c for i, c in parts if i < self.achieved_col]
            achieved = [c for i, c in parts if i >= self.achieved_col]
        else:
            expected = [c for _, c in parts[:1]]
            achieved = [c for _, c in parts[1:]]
        self.expected.extend(expected)
        self.achieved.extend(achieved)

    # -------------------------------------------------------------- indicators

    def _indicator_header(self, line: TextLine, repeated: bool) -> None:
        if repeated or self.seen_indicator_header:
            self._remark(
                line.number,
                f"Line {line.number}: the indicator header line is printed again; skipped.",
            )
            return
        self.seen_indicator_header = True
        names = {"一级指标": "level1", "二级指标": "level2", "分值": "weight"}
        for i, cell in enumerate(line.cells):
            key = compact(cell) if len(cell) <= 40 else ""
            if key in names:
                self.columns[names[key]] = i

    def _indicator(self, line: TextLine) -> None:
        try:
            row = read_row(line.cells)
        except LayoutError as error:
            raise TableRejected(str(error), line.number) from None
        if row is None:
            self._unplace(line, "not an indicator row (too few cells)")
            return
        self.entries.append(Entry(line.number, row, row.level1, row.level2))

    def _total(self, line: TextLine) -> None:
        cells = line.cells
        start = next(i for i, c in enumerate(cells) if c) + 1
        rest = cells[start:]
        w = find_scores(rest)
        if w is None or not is_score(rest[w + 1]):
            raise TableRejected("the 总分 row prints no 分值 and 得分 numbers", line.number)
        self.total = Total(rest[w], rest[w + 1])
        shift = start + w - self.columns["weight"]
        if shift:
            self._remark(
                line.number,
                f"Line {line.number}: the 总分 row is printed shifted {shift_words(shift)}; "
                f"taken as 分值 {rest[w]}, 得分 {rest[w + 1]}.",
            )
        notes = [c for c in non_empty(rest[w + 2 :]) if not is_blank(c)]
        if notes:
            self._unplace(line, "the 总分 row has no place for a note", short(notes[0]))
        if line.number == self.open_end and not non_empty(rest[w + 2 :]):
            self._remark(
                line.number,
                f"Line {line.number}: the file ends on this 总分 row without a final newline "
                "or note cell; if the file was cut here, the 得分 may be incomplete.",
            )

    # ---------------------------------------------------------------- assembly

    def _build(self) -> ProjectTable:
        missing = [
            label for label, field in INFO_LABELS.items() if field in ("code", "name", "year")
        ]
        missing = [label for label in missing if not self.info.get(INFO_LABELS[label])]
        if missing:
            raise TableRejected(f"no {', '.join(missing)} found in the table")
        year = _YEAR.fullmatch(compact(self.info["year"]))
        if year is None:
            raise TableRejected(f"the 绩效自评年度 {short(self.info['year'])!r} is not a year")
        if "total" not in self.funds or self.funds_score is None:
            raise TableRejected("no 年度资金总额 row found in the table")
        if not self.entries:
            raise TableRejected("no indicator rows found in the table")
        if self.total is None:
            raise TableRejected("no 总分 row: the table ends early (is the file cut?)")
        if self.unit is None:
            self._remark(0, "No 项目资金 unit is printed; 元 assumed.")
        try:
            level1, remarks = assemble(self.entries, self.columns)
        except LayoutError as error:
            raise TableRejected(str(error), error.line) from None
        for line, remark in remarks:
            self._remark(line, remark)
        if self.unplaced:
            numbers = [str(line.number) for line, _ in self.unplaced]
            listed = ", ".join(numbers[:10]) + (", …" if len(numbers) > 10 else "")
            self._remark(
                self.unplaced[0][0].number,
                f"{len(numbers)} line(s) of this table could not be placed (line {listed}); "
                "they are reported with the reader's unplaced text.",
            )
        weight, rate, points = self.funds_score
        funds = Funds(
            total=self.funds["total"],
            unit=self.unit or Unit.YUAN,
            current_appropriation=self.funds.get("current_appropriation", FundsRow()),
            carry_over=self.funds.get("carry_over", FundsRow()),
            other=self.funds.get("other", FundsRow()),
            weight=weight,
            rate=rate,
            points=points,
        )
        return ProjectTable(
            project=ProjectInfo(
                code=self.info["code"],
                name=self.info["name"],
                year=int(year.group(1)),
                implementing_unit=self.info.get("implementing_unit", ""),
                budget_unit=self.info.get("budget_unit", ""),
            ),
            funds=funds,
            level1=level1,
            total=self.total,
            goal=Goal("\n".join(self.expected), "\n".join(self.achieved)),
            source=self.source,
            remarks=tuple(text for _, text in sorted(self.remarks, key=lambda r: r[0])),
        )
