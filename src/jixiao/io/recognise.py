"""The layout recogniser: project tables read from a grid of located cells, whatever the source.

Every reader of jixiao turns its file into a :class:`~jixiao.io.grid.Grid`
(:mod:`jixiao.io.sources`); :func:`recognise` reads the tables from it by the
same rules for every source:

* **Where tables are.** A table starts at its title (项目支出绩效自评表, worded
  as districts word it: with or without the year or 支出, on one line or two),
  or, without a title, at its first identification line (项目编码 / 项目名称);
  a unit such as 单位：万元 may stand beside the title; a second
  identification after a table's body starts the next table. It ends
  at its 总分 row. A table that reaches the next table, or the end of the
  document, without a 总分 row is read and marked ``truncated``: it was cut.
* **What each line is.** Landmarks, not positions: identification labels
  (label and value in cells of their own, or ``label：value`` in one cell),
  the funds header (its words give the columns, annotations such as (A),
  (B/A), (%) aside), funds rows by their labels, the unit (元 or 万元) in the
  row label, a cell or a line of its own, the goal header and texts, the
  indicator header (on one line or two), indicator rows, the 总分 row.
  Indicator rows are read as ``jixiao.io._indicator_rows`` says.
* **What is not a table.** Page numbers and headers repeated after a page
  break are *furniture*; 填报说明 and 注： notes are *notes*; the rest of the
  document (headings, prose) is *text*. They are reported in
  :attr:`ReadResult.unplaced` with their kind; only ``"content"`` — a line
  that looks like table content but fits nowhere — is a problem.
* **Nothing is guessed.** A table that cannot be read at all (no indicator
  rows, a row whose cells cannot be told apart…) is not returned: its lines
  are reported as content, the one at fault with the reason. A cell is kept
  as printed; what it means is the audit's business.
"""

from __future__ import annotations

from pathlib import PurePath

from jixiao.io._indicator_rows import LayoutError
from jixiao.io._table_reader import TableReader, TableRejected, ident_labels, indicator_header
from jixiao.io._vocab import (
    HEADING,
    LABEL_LIMIT,
    TOTAL,
    compact,
    is_furniture,
    is_note_start,
    is_score,
    level1_label,
    level2_label,
    line_kind,
    title_line,
)
from jixiao.io._wraps import merge_wraps
from jixiao.io.grid import Cell, Grid, Line
from jixiao.io.result import ReadResult, Unplaced
from jixiao.project.model import ProjectTable

__all__ = ["recognise"]


def _title(line: Line) -> tuple[bool, int | None] | None:
    return title_line(line.texts())


def _is_total(texts: list[str]) -> bool:
    keys = [compact(t) for t in texts[:2] if len(t) <= LABEL_LIMIT]
    return TOTAL in keys


def _starts(title: tuple[bool, int | None] | None, after: tuple[bool, int | None] | None) -> bool:
    """Whether a line whose title reading is *title* starts a table: a title,
    or the year line of a two-line title (*after*: the next printed line's)."""
    if title is None:
        return False
    return title[0] or (after is not None and after[0])


def _identifies(labels: list[tuple[int, str, str | None]]) -> set[str]:
    """The project's code or name among a line's identification *labels*
    (what starts a table without a title)."""
    return {field for _, field, _ in labels if field in ("code", "name")}


def _prose(texts: list[str]) -> bool:
    """A line of the document's own text: a heading, a note, or a long single paragraph."""
    if len(texts) != 1:
        return False
    text = texts[0]
    return bool(HEADING.match(text) or is_note_start(text) or len(text) > 60)


def _row_like(line: Line) -> bool:
    texts = line.texts()
    return len(texts) >= 3 or any(level1_label(t) or level2_label(t) or is_score(t) for t in texts)


def _cut(lines: tuple[Line, ...]) -> tuple[list[list[Line]], list[Line]]:
    """Cut the lines into tables and lines outside any.

    In a source of physical tables (a sheet, an HTML or ruled PDF table), the
    lines after a 总分 row that stand in the same physical table stay with it
    (jixiao writes its findings and notes there; a stray line is reported).
    """
    segments: list[list[Line]] = []
    outside: list[Line] = []
    current: list[Line] | None = None
    body = False  # the current table has passed its title and identification
    indicators = False
    pending: list[Line] = []
    trailer = 0  # the physical table a closed table's trailing lines stand in
    seen: set[str] = set()  # the identification fields the current table printed
    titles = [_title(line) for line in lines]  # each line read once for what starts a table
    furniture = [is_furniture(line.texts()) for line in lines]
    number = {id(line): n for n, line in enumerate(lines)}
    for n, line in enumerate(lines):
        texts = line.texts()
        after = next((k for k in range(n + 1, min(n + 4, len(lines))) if not furniture[k]), None)
        starts = _starts(titles[n], None if after is None else titles[after])
        if (
            starts
            and current
            and not body
            and all(titles[number[id(x)]] or furniture[number[id(x)]] for x in current)
        ):
            starts = False  # the second line of a two-line title
        labels = ident_labels(line)
        identifies = _identifies(labels)
        if identifies and (current is None or body or identifies & seen):
            starts = True  # a table without a title, or the next one's identification
        if starts:
            if current is not None:
                segments.append(current)
                outside.extend(pending)
            current, body, indicators, pending, trailer = [], False, False, [], 0
            seen = set()
        seen |= identifies
        if current is None:
            if trailer and line.block == trailer:
                segments[-1].append(line)
            else:
                outside.append(line)
            continue
        if _is_total(texts):
            current.extend(pending)
            current.append(line)
            segments.append(current)
            current, pending, trailer = None, [], line.block
            continue
        if indicators and (_prose(texts) or (pending and not _row_like(line))):
            pending.append(line)
            continue
        current.extend(pending)
        pending = []
        current.append(line)
        if not (titles[n] or labels or furniture[n]):
            body = True
        indicators = indicators or indicator_header(line)
    if current is not None:
        segments.append(current)
        outside.extend(pending)
    return segments, outside


def recognise(grid: Grid) -> ReadResult:
    """Read every project table of a grid, and report every line not placed.

    Args:
        grid: the document as a grid (:func:`jixiao.io.sources.read_grid`).

    Returns:
        The tables in printed order (each with ``source`` such as
        ``"report.txt, table 3 of 7"``, ``remarks`` saying what was repaired and
        ``locations`` of every value read) and the lines not placed, with their kind.
    """
    lines = merge_wraps(grid)
    segments, outside = _cut(lines)
    order = {id(line): n for n, line in enumerate(lines)}
    name = PurePath(grid.source).name or grid.source
    tables: list[ProjectTable] = []
    unplaced: list[tuple[int, Unplaced]] = []
    previous = ""
    for line in outside:
        kind = line_kind(line.texts(), previous)
        if kind != "furniture":  # a page break does not end a note
            previous = kind
        reason = {"furniture": "a page number", "note": "a note about the form"}.get(
            kind, "outside any table"
        )
        unplaced.append((order[id(line)], _unplaced(grid, None, line, reason, kind)))
    for index, segment in enumerate(segments, start=1):
        reader = TableReader(segment, grid, f"{name}, table {index} of {len(segments)}")
        try:
            tables.append(reader.read())
        except (TableRejected, LayoutError) as rejected:
            fault = rejected.line
            for line in segment:
                reason = (
                    rejected.reason
                    if fault is not None and line is fault
                    else f"part of table {index}, which was not read: {rejected.reason}"
                )
                unplaced.append((order[id(line)], _unplaced(grid, index, line, reason, "content")))
            continue
        for line, reason, kind, cell in reader.unplaced:
            entry = _unplaced(grid, index, line, reason, kind, cell)
            unplaced.append((order[id(line)], entry))
    unplaced.sort(key=lambda pair: pair[0])
    notes = tuple(f"{location}: {note}" for location, note in grid.notes)
    return ReadResult(grid.source, tuple(tables), tuple(u for _, u in unplaced), notes)


def _unplaced(
    grid: Grid, table: int | None, line: Line, reason: str, kind: str, cell: Cell | None = None
) -> Unplaced:
    where = line.location if cell is None else cell.location
    if where.sheet and not where.column and line.cells:  # a sheet's row: its first cell, B7
        where = next((c.location for c in line.cells if c.text), line.cells[0].location)
    return Unplaced(grid.source, table, str(where), line.text, reason, kind)
