"""Indicator lines: their labels and values, placed in the header's columns (private).

Where the source prints every cell at its place (laid-out text, Markdown,
HTML, xlsx, PDF), each cell takes the role of the header column it stands in
(:func:`read_exact`). Tab-separated text is read by its structure instead
(:mod:`jixiao.io._shifted_rows`), with the same record of a line
(:class:`Entry`) and the same reading of its labels (:func:`take_label`).
"""

from __future__ import annotations

import attrs

from jixiao.errors import Wording
from jixiao.io._columns import NO_ROLE, Columns
from jixiao.io._form_words import (
    INDICATOR_SECTION,
)
from jixiao.io._rejected import LayoutError
from jixiao.io._vocab import (
    LABEL_LIMIT,
    compact,
    header_word,
    join_wraps,
    level1_label,
    level2_label,
    split_weight,
)
from jixiao.io.grid import Cell, Line

__all__ = [
    "PART_ROLES",
    "VALUE_ROLES",
    "Entry",
    "level1_loose",
    "read_exact",
    "section_label",
    "take_label",
]

VALUE_ROLES = ("name", "target", "actual", "weight", "points", "note")
"""The roles of an indicator row's printed values, in printed order."""
PART_ROLES = frozenset({"direction", "unit"})
"""The roles of the columns that print parts of the target (指标性质, 度量单位),
read into an entry's values beside the others and joined to the target when
the tree is assembled."""


@attrs.define
class Entry:
    """An indicator line as read: its labels and value cells, for assembly.

    ``level1``/``level2`` may be moved to another entry by the label-drift
    repair; ``repairs`` says what was repaired on the line; ``unread`` holds
    the cells printed under a header word that gives its column no role, with
    that word (the caller reports them).

    Its fields take no ``attrs.field`` (a factory, say): the optional compiled
    build (``setup.py``) compiles this module, and mypyc compiles an attrs
    class only when its fields are plain annotations with plain defaults.
    """

    line: Line
    values: dict[str, Cell]
    repairs: list[str]
    level1: tuple[str, str] | None = None
    level1_cell: Cell | None = None
    level2: str | None = None
    level2_cell: Cell | None = None
    note_continued: bool = False
    unread: tuple[tuple[Cell, str], ...] = ()

    @property
    def has_row(self) -> bool:
        """Whether the line prints an indicator row (not only labels)."""
        return "weight" in self.values or "points" in self.values

    def text(self, role: str) -> str:
        cell = self.values.get(role)
        return cell.text if cell else ""


def take_label(entry: Entry, cell: Cell, level2_loose: bool) -> bool:
    """Take *cell* as a label of *entry* when it is one; ``False`` otherwise.

    A level-1 name printed without a weight ("满意度指标") is the level-2
    label when it stands in the level-2 column (*level2_loose*) or after the
    line's level-1 label: some districts name the level-2 group under
    满意度指标(10分) 满意度指标 too.
    """
    text = cell.text
    if "标" not in text or "指" not in text:  # every label says 指标 (or 指 标, spaced)
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
        if join_wraps(text) != text or " " in text:
            printed = split_weight(text)[0]  # 数量指标 (20分): the name as printed
            if join_wraps(printed) != printed or " " in printed:
                entry.repairs.append(f"the wrapped label {text!r} is joined to {group}")
        return True
    return False


def section_label(text: str) -> bool:
    """Whether a row's cell prints the section's label (年度绩效指标), merged
    down over the rows and printed on each (repeated, or unmerged and filled)."""
    return (
        "绩效" in text  # (every section word says it: a quick no for the rest)
        and len(text) <= LABEL_LIMIT
        and header_word(split_weight(text)[0]) in INDICATOR_SECTION
    )


def read_exact(line: Line, columns: Columns, wraps: bool) -> Entry:
    """Read a line whose cells stand in their columns; a cell under a header
    word of no role is a label when it says so, and otherwise left unread.

    Raises:
        LayoutError: a cell that is no label stands in a label column.
    """
    entry = Entry(line, {}, [])
    for cell in line.cells:
        column = columns.column_of(cell)
        role = column.role
        if cell.continued:
            entry.note_continued = entry.note_continued or role == "note"
            continue
        if role == "recomputed":  # points jixiao wrote beside the printed ones
            continue
        if role == NO_ROLE:
            if not take_label(entry, cell, level2_loose=False):
                entry.unread += ((cell, column.text),)
            continue
        if role in ("section", "level1", "level2"):
            if role == "section" and section_label(cell.text):
                continue
            if not take_label(entry, cell, level2_loose=role == "level2"):
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
            if column.refills(cell.text, before.text):
                continue
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


def level1_loose(text: str) -> tuple[str, str]:
    """A level-1 label printed in its own column, whatever its name; a short
    name as it is looked up (:func:`~jixiao.io._vocab.compact`):
    "产出(50分)" → ("产出", "50"); "综 合 指 标" → ("综合指标", "")."""
    name, weight = split_weight(text)
    name = name.strip()
    return (compact(name) if len(name) <= LABEL_LIMIT else name), weight
