"""Indicator lines: their labels and values, placed in the header's columns (private).

Where the source prints every cell at its place (laid-out text, Markdown,
HTML, xlsx, PDF), each cell takes the role of the header column it stands in.
Tab-separated text extracted from PDFs is not so kind: an extraction drops
the empty cells of merged labels and shifts the rest of the line, prints a
label in another column, or prints a value twice. There a line is read by its
structure instead: the labels by what they say ("产出指标(50分)", a standard
level-2 name) wherever they stand, the 分值 and 得分 pair found from the right,
and the other values placed around that pair by the header's columns; every
such repair is said in a remark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from jixiao.errors import Wording
from jixiao.io._columns import NO_ROLE, Columns
from jixiao.io._form_words import (
    INDICATOR_SECTION,
)
from jixiao.io._vocab import (
    compact,
    header_word,
    is_score,
    join_wraps,
    level1_label,
    level2_label,
)
from jixiao.io.grid import Cell, Line

__all__ = [
    "PART_ROLES",
    "VALUE_ROLES",
    "Entry",
    "LayoutError",
    "Rejected",
    "dense",
    "find_scores",
    "read_exact",
    "read_shifted",
    "shift_words",
]

VALUE_ROLES = ("name", "target", "actual", "weight", "points", "note")
"""The roles of an indicator row's printed values, in printed order."""
PART_ROLES = frozenset({"direction", "unit"})
"""The roles of the columns that print parts of the target (指标性质, 度量单位),
read into an entry's values beside the others and joined to the target when
the tree is assembled."""
_LOOSE_POINTS = frozenset({"无", "—", "-", "–", "－", "/"})
_NONE: Mapping[int, str] = {}
"""No column of no role (read only)."""


class Rejected(Exception):
    """Text the reader cannot read (internal): *reason* says why, in both
    languages; *line* is the line at fault, when there is one."""

    def __init__(self, reason: Wording, line: Line | None = None) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.line = line


class LayoutError(Rejected):
    """A line of a table cannot be read (internal)."""


@attrs.define
class Entry:
    """An indicator line as read: its labels and value cells, for assembly.

    ``level1``/``level2`` may be moved to another entry by the label-drift
    repair; ``repairs`` says what was repaired on the line; ``unread`` holds
    the cells printed under a header word that gives its column no role, with
    that word (the caller reports them).
    """

    line: Line
    values: dict[str, Cell] = attrs.field(factory=dict)
    level1: tuple[str, str] | None = None
    level1_cell: Cell | None = None
    level2: str | None = None
    level2_cell: Cell | None = None
    note_continued: bool = False
    repairs: list[str] = attrs.field(factory=list)
    unread: tuple[tuple[Cell, str], ...] = ()

    @property
    def has_row(self) -> bool:
        """Whether the line prints an indicator row (not only labels)."""
        return "weight" in self.values or "points" in self.values

    def text(self, role: str) -> str:
        cell = self.values.get(role)
        return cell.text if cell else ""


def _label(entry: Entry, cell: Cell, level2_loose: bool) -> bool:
    """Take *cell* as a label of *entry* when it is one; ``False`` otherwise.

    A level-1 name printed without a weight ("满意度指标") is the level-2
    label when it stands in the level-2 column (*level2_loose*) or after the
    line's level-1 label: some districts name the level-2 group under
    满意度指标(10分) 满意度指标 too.
    """
    if "指标" not in cell.text:  # every level-1 and level-2 label says 指标
        return False
    top = level1_label(cell.text)
    if top is not None and not top[1] and (level2_loose or entry.level1 is not None):
        group: str | None = top[0]
    elif top is not None:
        if entry.level1 is not None:
            raise LayoutError(
                Wording("two level-1 labels on one line", "一行中有两个一级指标"), entry.line
            )
        entry.level1, entry.level1_cell = top, cell
        return True
    else:
        group = level2_label(cell.text, loose=level2_loose)
    if group is not None:
        if entry.level2 is not None:
            raise LayoutError(
                Wording("two level-2 labels on one line", "一行中有两个二级指标"), entry.line
            )
        entry.level2, entry.level2_cell = group, cell
        if join_wraps(cell.text) != cell.text or " " in cell.text:
            entry.repairs.append(f"the wrapped label {cell.text!r} is joined to {group}")
        return True
    return False


def read_exact(line: Line, columns: Columns, wraps: bool) -> Entry:
    """Read a line whose cells stand in their columns; a cell under a header
    word of no role is a label when it says so, and otherwise left unread.

    Raises:
        LayoutError: a cell that is no label stands in a label column.
    """
    entry = Entry(line)
    for cell in line.cells:
        column = columns.column_of(cell)
        role = column.role
        if cell.continued:
            entry.note_continued = entry.note_continued or role == "note"
            continue
        if role == "recomputed":  # points jixiao wrote beside the printed ones
            continue
        if role == NO_ROLE:
            if not _label(entry, cell, level2_loose=False):
                entry.unread += ((cell, column.text),)
            continue
        if role in ("section", "level1", "level2"):
            if role == "section" and header_word(cell.text) in INDICATOR_SECTION:
                continue
            if not _label(entry, cell, level2_loose=role == "level2"):
                if role == "level1" and entry.level1 is None:
                    entry.level1, entry.level1_cell = level1_loose(cell.text), cell
                elif role == "level2" and entry.level2 is None:
                    entry.level2, entry.level2_cell = compact(cell.text), cell
                else:
                    raise LayoutError(
                        Wording(
                            f"text {cell.text[:40]!r} printed in the {role} column",
                            f"{role} 列中印有文字 {cell.text[:40]!r}",
                        ),
                        line,
                    )
            continue
        if role in entry.values:  # one printed cell split by wide spaces
            before = entry.values[role]
            joined = f"{before.text} {cell.text}"
            entry.values[role] = attrs.evolve(before, text=joined, x1=cell.x1)
        else:
            entry.values[role] = cell
    if wraps and "name" in entry.values:
        name = entry.values["name"]
        joined = join_wraps(name.text)
        if joined != name.text:
            entry.values["name"] = attrs.evolve(name, text=joined)
    return entry


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


_WEIGHTED = re.compile(
    r"(.{1,40}?)\s{0,3}[(（]\s{0,3}([0-9]{1,3}(?:\.[0-9]{1,2})?)\s{0,3}分\s{0,3}[)）]"
)


def level1_loose(text: str) -> tuple[str, str]:
    """A level-1 label printed in its own column, whatever its name:
    "产出(50分)" → ("产出", "50"); "综合指标" → ("综合指标", "")."""
    match = _WEIGHTED.fullmatch(text.strip())
    return (match.group(1).strip(), match.group(2)) if match else (text.strip(), "")


def find_scores(texts: Sequence[str]) -> int | None:
    """The index of the weight cell (分值), followed by points (得分) and at most a note.

    The rightmost pair of numbers (or ``#####``) with at most one printed cell
    after it; failing that, a number followed by "无" or a dash as points;
    failing that (an unscored table), a number followed by an empty cell.
    """
    last = len(texts) - 1
    while last >= 0 and not texts[last]:
        last -= 1
    for strictness in (2, 1, 0):
        after = 0
        for w in range(last, -1, -1):
            if w + 2 <= last and texts[w + 2]:
                after += 1
            if after > 1:
                break
            if not is_score(texts[w]):
                continue
            points = texts[w + 1] if w + 1 < len(texts) else ""
            if (
                (strictness == 2 and is_score(points))
                or (strictness == 1 and points in _LOOSE_POINTS)
                or (strictness == 0 and not points and sum(1 for t in texts[:w] if t) >= 2)
            ):
                return w
    return None


def read_shifted(line: Line, columns: Columns) -> Entry | None:
    """Read a tab-separated line by its structure (labels by what they say, 分值
    and 得分 from the right); ``None`` for a line too short to be a row.

    Raises:
        LayoutError: the line looks like a row but its cells cannot be told apart.
    """
    texts, by_index = dense(line)
    width = len(texts)
    w = find_scores(texts)
    end = width if w is None else w
    entry = Entry(line)
    last_label = -1
    for i in range(end):
        if texts[i] and _label(entry, by_index[i], level2_loose=False):
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
    return entry


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
