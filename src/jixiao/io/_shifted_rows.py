"""Rows of text put in lines, read by their structure (private).

Tab-separated text extracted from PDFs and web pages, and Markdown converted
from a web page, do not keep every cell at its place: an extraction or a
converter drops the empty cells of merged labels and shifts the rest of the
line, prints a label in another column, or prints a value twice. A line is
read by its structure instead: the labels by what they say ("产出指标(50分)",
a standard level-2 name) wherever they stand, the 分值 and 得分 pair found
from the right, and the other values placed around that pair by the header's
columns; every such repair is said in a remark. A line that fits two
readings (a number printed as the note) is read as its labels place it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from jixiao.errors import Wording
from jixiao.io._columns import Columns
from jixiao.io._indicator_rows import (
    PART_ROLES,
    Entry,
    read_exact,
    section_label,
    take_label,
)
from jixiao.io._rejected import LayoutError
from jixiao.io._vocab import compact, is_points, is_score, join_wraps, may_score
from jixiao.io.grid import Cell, Line

__all__ = ["dense", "find_scores", "read_shifted", "shift_words"]

_LOOSE_POINTS = frozenset({"无", "—", "-", "–", "－", "/"})
_NONE: Mapping[int, str] = {}
"""No column of no role (read only)."""


def dense(line: Line) -> tuple[list[str], dict[int, Cell]]:
    """A tab-separated line's texts by column, empty positions included, and its cells."""
    by_index: dict[int, Cell] = {}
    for cell in line.cells:
        if not cell.continued:
            by_index[cell.column] = cell
    texts = [""] * (max(by_index, default=-1) + 1)
    for column, cell in by_index.items():
        texts[column] = cell.text
    return texts, by_index


def find_scores(texts: Sequence[str]) -> int | None:
    """The index of the weight cell (分值), followed by points (得分) and at most a note.

    The rightmost pair of numbers (or ``#####``) with at most one printed cell
    after it; failing that, a number followed by "无" or a dash as points;
    failing that (an unscored table), a number followed by an empty cell.
    At each step plain numbers first, then numbers that print the unit 分
    ("10分 | 9分", both with it): an actual counted in 分 ("95分 | 10 | 9",
    or "95分 | 10 |" unscored) pairs with no plain weight. A line whose last
    two printed cells hold a number with 分 tries those first ("≥ | 97.7 | % |
    ##### | 1.00分": the ##### pairs with 1.00分, not with the target's 97.7).
    """
    last = len(texts) - 1
    while last >= 0 and not texts[last]:
        last -= 1
    before = last - 1  # the printed cell before the last
    while before >= 0 and not texts[before]:
        before -= 1
    unit = last >= 0 and (
        (is_points(texts[last]) and texts[last][0] != "#")
        or (before >= 0 and is_points(texts[before]) and texts[before][0] != "#")
    )
    order = (is_points, is_score) if unit else (is_score, is_points)
    for strictness in (2, 1, 0):
        for score in order:
            after = 0
            for w in range(last, -1, -1):
                if w + 2 <= last and texts[w + 2]:
                    after += 1
                if after > 1:
                    break
                if not score(texts[w]):
                    continue
                points = texts[w + 1] if w + 1 < len(texts) else ""
                if (
                    (strictness == 2 and score(points))
                    or (strictness == 1 and points in _LOOSE_POINTS)
                    or (strictness == 0 and not points and sum(1 for t in texts[:w] if t) >= 2)
                ):
                    return w
    return None


def read_shifted(line: Line, columns: Columns) -> Entry | None:
    """Read a line of tab-separated text or Markdown by its structure (labels
    by what they say, 分值 and 得分 from the right); ``None`` for a line too
    short to be a row.

    Raises:
        LayoutError: the line looks like a row but its cells cannot be told apart.
    """
    texts, by_index = dense(line)
    first = next(iter(by_index), -1)  # (the cells are left to right)
    if first >= 0 and section_label(texts[first]):  # 年度绩效指标 on every row: no value
        texts[first] = ""
        del by_index[first]
    width = len(texts)
    w = find_scores(texts)
    end = width if w is None else w
    entry = Entry(line, {}, [])
    last_label = -1
    for i in range(end):
        if texts[i] and take_label(entry, by_index[i], level2_loose=False):
            last_label = i
    if last_label >= 0:
        _check_labels(entry, texts, last_label, columns)
    if w is None:
        printed = [i for i in range(last_label + 1, width) if texts[i]]
        if printed or last_label < 0:
            if len([t for t in texts if t]) <= 2:
                return None
            if "weight" in columns and len(printed) >= 3:  # no numbers: read it in place
                in_place = read_exact(line, columns, wraps=True)
                in_place.repairs.append(
                    "its 分值 and 得分 are not numbers; read in the header's columns"
                )
                return in_place
            raise LayoutError(
                Wording(
                    "no 分值 and 得分 numbers found where the row should print them",
                    "该行应印分值与得分之处没有数字",
                ),
                line,
            )
        return entry
    last = line.cells[-1]  # a note merged down from the row above (a drawn table)
    entry.note_continued = last.continued and last.column > w + 1
    noted = _noted_at(texts, w, columns)
    if noted is None:
        return _read_values(entry, texts, by_index, w, last_label, columns)[0]
    # Two readings: taken, the one whose shift is nearest the labels' (none without labels).
    expected = 0
    for cell, role in ((entry.level2_cell, "level2"), (entry.level1_cell, "level1")):
        if cell is not None and role in columns.by_role:
            expected = cell.column + 1 - columns.location_column(role)
            break
    alternative = attrs.evolve(entry, values=dict(entry.values), repairs=list(entry.repairs))
    alternative.repairs.append(f"the number {texts[-1]!r} after 得分 is read as the note")
    readings: list[tuple[Entry, int]] = []
    for at, candidate in ((w, entry), (noted, alternative)):
        try:
            readings.append(_read_values(candidate, texts, by_index, at, last_label, columns))
        except LayoutError:
            if candidate is alternative and not readings:
                raise
    return min(readings, key=lambda reading: abs(reading[1] - expected))[0]


def _noted_at(texts: Sequence[str], w: int, columns: Columns) -> int | None:
    """Where 分值 is when the one found at *w* is 得分 or the note, the row
    printing a number as its note ("0" for no deviation, as a Hebei table
    does): a number, then 得分 (a number, or empty in an unscored table), then
    the note, the line's last cell, under a header that prints a note column;
    ``None`` when the line does not end so."""
    last = len(texts) - 1
    if "note" not in columns.by_role:
        return None
    if w + 1 == last and w >= 1 and may_score(texts[w - 1]):
        return w - 1  # 分值 | 得分 | note
    if w == last and w >= 2 and not texts[w - 1] and may_score(texts[w - 2]):
        return w - 2  # 分值 | (empty) | note
    return None


def _read_values(
    entry: Entry,
    texts: list[str],
    by_index: dict[int, Cell],
    w: int,
    last_label: int,
    columns: Columns,
) -> tuple[Entry, int]:
    """Read *entry*'s values with 分值 at *w*, the labels read (the last at
    *last_label*) (see :func:`read_shifted`); with the columns they stand
    right of the header's (left: negative), a repeated actual dropped.

    Raises:
        LayoutError: more than three cells before 分值.
    """
    line, width = entry.line, len(texts)
    first = last_label + 1
    if last_label < 0:
        while first < w and not texts[first]:
            first += 1
    weight_col = columns.location_column("weight") - 1 if "weight" in columns.by_role else w
    shift = w - weight_col
    positions = list(range(first, w))
    unknown: Mapping[int, str] = _NONE
    if columns.unknown:  # the columns of no role, shifted as the values are: not read
        unknown = {c.cell.location_column - 1 + shift: c.text for c in columns.unknown}
        for i in unknown.keys() & by_index.keys():
            if i > last_label and i not in (w, w + 1):
                entry.unread += ((by_index[i], unknown[i]),)
        positions = [i for i in positions if i not in unknown]
    if not PART_ROLES.isdisjoint(columns.by_role):  # the target's parts in columns of their own
        parts = {  # shifted as the values are
            c.cell.location_column - 1 + shift: c.role
            for c in columns.known
            if c.role in PART_ROLES
        }
        for i in parts.keys() & by_index.keys():
            if last_label < i < w:
                entry.values[parts[i]] = by_index[i]
        positions = [i for i in positions if i not in parts]
    pre = _drop_spacers(positions, texts)
    if len(pre) == 4 and entry.level2 is None and _unknown_level2(texts, pre):
        group = by_index[pre[0]]
        entry.level2, entry.level2_cell = compact(group.text), group
        pre = pre[1:]
    if (
        len(pre) == 4
        and texts[pre[2]] == texts[pre[3]]
        and any(ch.isdigit() or ch in "%％≥≤<>＞＜" for ch in texts[pre[1]])
    ):
        entry.repairs.append(
            f"the 实际完成值 {texts[pre[3]]!r} is printed twice; the duplicate is dropped"
        )
        pre = pre[:3]
        shift -= 1
    if len(pre) > 3:
        raise LayoutError(
            Wording(
                f"{len(pre)} cells before 分值 where 三级指标, 年度指标值, 实际完成值 are expected",
                f"分值之前有 {len(pre)} 个单元格，应为三级指标、年度指标值、实际完成值",
            ),
            line,
        )
    roles = ("name", "target", "actual")[3 - len(pre) :]
    for i, role in zip(pre, roles, strict=True):
        if texts[i]:
            entry.values[role] = by_index[i]
    entry.values["weight"] = by_index[w]
    if w + 1 in by_index:
        entry.values["points"] = by_index[w + 1]
    for i in range(w + 2, width):  # the note: the first cell printed after the points
        if texts[i] and i not in unknown:
            entry.values["note"] = by_index[i]
            break
    if "name" in entry.values:
        name = entry.values["name"]
        joined = join_wraps(name.text)
        if joined != name.text:
            entry.repairs.append(
                f"the wrapped name {name.text[:40]!r} is joined to {joined[:40]!r}"
            )
            entry.values["name"] = attrs.evolve(name, text=joined)
    if shift:
        entry.repairs.append(f"the cells are printed shifted {shift_words(shift)}")
    return entry, shift


def _check_labels(entry: Entry, texts: Sequence[str], last: int, columns: Columns) -> None:
    """Say which labels of a line read by its structure stand out of their
    header's column; the last is at *last*.

    Raises:
        LayoutError: text that is no label is printed before the labels.
    """
    labels: list[int] = []  # their columns
    for cell, role in ((entry.level1_cell, "level1"), (entry.level2_cell, "level2")):
        if cell is None:
            continue
        labels.append(cell.column)
        if role in columns.by_role:
            should = columns.location_column(role)
            if cell.column + 1 != should:
                entry.repairs.append(
                    f"the {role.replace('level', 'level-')} label {compact(cell.text)} is printed "
                    f"in column {cell.column + 1} instead of {should}"
                )
    for i in range(last):
        if texts[i] and i not in labels:
            raise LayoutError(
                Wording(
                    f"text {texts[i][:40]!r} printed before the indicator labels",
                    f"指标名称之前印有文字 {texts[i][:40]!r}",
                ),
                entry.line,
            )


def _drop_spacers(positions: list[int], texts: Sequence[str]) -> list[int]:
    """Drop empty positions, leftmost first, until three remain (or none is empty)."""
    excess = len(positions) - 3
    if excess <= 0:
        return positions
    kept: list[int] = []
    for i in positions:
        if excess > 0 and not texts[i]:
            excess -= 1
            continue
        kept.append(i)
    return kept


def _unknown_level2(texts: Sequence[str], pre: Sequence[int]) -> bool:
    """Whether the first of four cells is a level-2 label of a non-standard name."""
    name = compact(texts[pre[0]])
    return name.endswith("指标") and len(name) <= 15 and texts[pre[2]] != texts[pre[3]]


def shift_words(columns: int) -> str:
    """``"one column left"``, ``"two columns right"``."""
    count = {1: "one column", 2: "two columns"}.get(abs(columns), f"{abs(columns)} columns")
    return f"{count} {'left' if columns < 0 else 'right'}"
