"""Records of one indicator each, several projects in one sheet: cut into one table a project (private).

Budget systems export self-evaluations as a list: one header line that names
the project columns (项目名称, 项目编码, 主管部门…) beside the indicator columns
(一级指标 … 分值, 得分), then one line a level-3 indicator, each line naming
its project::

    项目名称  一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分
    党政事务  产出指标  数量指标  参与人数  ≥200人次   200人次    7     7
    党政事务  …
    干部健康  产出指标  …

:func:`split_records` makes such a block the tables it holds, before the
recogniser reads the lines: for each run of records of one project (the same
texts in every project column, an empty one repeating the line above, as a
merged cell prints) it gives an identification line (each project column's
header cell and the run's first value, at the places they were printed), the
header without its project columns, and the run's lines without them (and
without their sequence numbers, when a 序号 column numbers the records). Each
table so read prints no funds and no 总分 row: the audit says so of each.

A record header is a line that is the indicator header and prints at least one
identification label alone in its cell. The block ends at the first line that
is no record: one printing fewer than three cells besides the project
columns, a title, another header, a 总分 row, or a cell across the project
columns. The recogniser's notes say which rows were read as the records of
which project.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from jixiao.io._landmarks import Marks, marks
from jixiao.io._vocab import header_word
from jixiao.io.grid import Cell, Line, Location

__all__ = ["split_records"]

_ROW_CELLS = 3
"""The fewest cells a record prints besides its project columns."""


def split_records(lines: list[Marks]) -> tuple[list[Marks], list[tuple[Location, str]]]:
    """*lines* (with their marks) with every block of records cut into one
    table a project (see the module's docstring), and a note for each table
    so made."""
    if not any(marked.header and marked.labels for marked in lines):
        return lines, []  # (no record header: what _project_columns checks first)
    out: list[Marks] = []
    notes: list[tuple[Location, str]] = []
    n = 0
    while n < len(lines):
        header = lines[n]
        columns = _project_columns(header)
        n += 1
        if not columns:
            out.append(header)
            continue
        numbered = _numbered(header)
        runs: list[tuple[tuple[Cell | None, ...], list[Line]]] = []
        while n < len(lines) and (split := _record(lines[n], columns, numbered)) is not None:
            values, rest = split
            texts = _texts(values)
            # the same project; or its cells merged down, or left empty, after its first line
            if runs and (not any(texts) or texts == _texts(runs[-1][0])):
                runs[-1][1].append(rest)
            else:
                runs.append((values, [rest]))
            n += 1
        if not runs:
            out.append(header)
            continue
        heads = {id(c) for c in (*columns, numbered)}
        unread = f", its {numbered.text} column not read" if numbered is not None else ""
        for values, records in runs:
            out.append(marks(_ident_line(columns, values, records[0])))
            kept = tuple(c for c in header.line.cells if id(c) not in heads)
            out.append(marks(attrs.evolve(header.line, cells=kept)))
            out.extend(marks(record) for record in records)
            first, last = records[0].location.row, records[-1].location.row
            named = "；".join(
                f"{c.text} {v.text}" for c, v in zip(columns, values, strict=True) if v
            )
            notes.append(
                (
                    records[0].location,
                    f"rows {first}–{last} read as the records of one project ({named}) "
                    f"under the header of row {header.line.location.row}{unread}",
                )
            )
    return out, notes


def _texts(values: Sequence[Cell | None]) -> tuple[str, ...]:
    return tuple(c.text if c is not None else "" for c in values)


def _project_columns(marked: Marks) -> tuple[Cell, ...]:
    """The cells that head project columns, when *marked* is a record header."""
    if not (marked.header and marked.labels):
        return ()
    cells = marked.line.cells
    return tuple(cells[label.position] for label in marked.labels if label.inline is None)


def _numbered(header: Marks) -> Cell | None:
    """The cell of a record header that heads its column of sequence numbers (序号)."""
    return next((c for c in header.line.cells if header_word(c.text) == "序号"), None)


def _record(
    marked: Marks, columns: Sequence[Cell], numbered: Cell | None
) -> tuple[tuple[Cell | None, ...], Line] | None:
    """The cells of a line under each of *columns* (``None``: none printed)
    and the line without them and without its sequence number (under
    *numbered*); ``None`` when the line is no record."""
    if marked.title or marked.header or marked.total:
        return None
    values: list[Cell | None] = [None] * len(columns)
    rest: list[Cell] = []  # (a position merged from above too)
    for cell in marked.line.cells:
        if numbered is not None and _overlaps(cell, numbered):
            if cell.text and not cell.text.isdigit():
                return None  # (合计, a note below the records…)
            continue
        under = [k for k, column in enumerate(columns) if _overlaps(cell, column)]
        if len(under) > 1 or (under and values[under[0]] is not None):
            return None  # a cell across project columns, or two in one: no record
        if under:
            values[under[0]] = cell if cell.text else None
        else:
            rest.append(cell)
    if sum(1 for c in rest if c.text) < _ROW_CELLS:
        return None
    return tuple(values), attrs.evolve(marked.line, cells=tuple(rest))


def _overlaps(cell: Cell, column: Cell) -> bool:
    return cell.x0 < column.x1 and column.x0 < cell.x1


def _ident_line(columns: Sequence[Cell], values: Sequence[Cell | None], first: Line) -> Line:
    """The identification line of a run whose first record is *first*: each
    project column's header cell, then its value (at the places they were
    printed; cells in the order of the line, one column each)."""
    cells: list[Cell] = []
    for column, value in zip(columns, values, strict=True):
        for cell in (column, value) if value is not None else (column,):
            at = len(cells)
            cells.append(attrs.evolve(cell, column=at, x0=at, x1=at + 1, colspan=1, rowspan=1))
    text = "\t".join(c.text for c in cells)
    return Line(tuple(cells), first.location, text, first.block, first.page)
