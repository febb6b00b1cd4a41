"""Indicator rows of extracted text, and the repairs of their labels (private).

The second stage of :mod:`jixiao.io.text`: an indicator line read from its
right (分值 and 得分, then the three cells before them), its level-1 and
level-2 labels wherever they are printed, the labels printed one row too
early moved back down when the printed weights prove the drift, and the
indicator tree assembled with a remark for every repair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from jixiao.io._text_cells import (
    compact,
    is_score,
    join_wraps,
    level1_label,
    level2_label,
    non_empty,
    number,
    shift_words,
    short,
)
from jixiao.project.model import Level1, Level2, Level2Kind, Row

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
