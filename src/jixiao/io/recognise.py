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
  Indicator rows are read as ``jixiao.io._indicator_rows`` (in their columns) and
  ``jixiao.io._shifted_rows`` (tab-separated text and Markdown) say.
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

from jixiao.errors import Wording
from jixiao.io._form_words import (
    TOTAL,
)
from jixiao.io._furniture import HEADING, is_note_start, is_sign_off, line_kind
from jixiao.io._landmarks import Label, Marks, marks
from jixiao.io._records import split_records
from jixiao.io._rejected import Rejected
from jixiao.io._table_reader import read_table
from jixiao.io._vocab import (
    level1_label,
    level2_label,
    may_score,
    unread_ident,
)
from jixiao.io._wraps import merge_wraps
from jixiao.io.grid import Cell, Grid, Line
from jixiao.io.result import ReadResult, Unplaced
from jixiao.project.model import ProjectTable

__all__ = ["recognise"]

_NONE: frozenset[str] = frozenset()


_OUTSIDE = {
    "furniture": Wording("a page number", "页码"),
    "note": Wording("a note about the form", "填报说明"),
    "": Wording("outside any table", "在任何表格之外"),
}
"""Why a line outside the tables is not placed, by its kind."""


def _starts(lines: list[Marks], n: int) -> bool:
    """Whether line *n* starts a table: a title, or the year line of a
    two-line title (the next printed line, past page numbers, is a title)."""
    title = lines[n].title
    if title is None or title[0]:
        return title is not None
    for after in lines[n + 1 : n + 4]:
        if not after.furniture:
            return after.title is not None and after.title[0]
    return False


def _identifies(labels: tuple[Label, ...]) -> frozenset[str]:
    """The project's code or name among a line's identification *labels*
    (what starts a table without a title)."""
    if not labels:
        return _NONE
    return frozenset(label.field for label in labels if label.field in ("code", "name"))


def _prose(texts: list[str]) -> bool:
    """A line of the document's own text: a heading, a note, or a long single paragraph."""
    if len(texts) != 1:
        return False
    text = texts[0]
    return bool(HEADING.match(text) or is_note_start(text) or len(text) > 60)


def _row_like(texts: list[str]) -> bool:
    return len(texts) >= 3 or any(level1_label(t) or level2_label(t) or may_score(t) for t in texts)


def _cut(lines: list[Marks]) -> tuple[list[list[Marks]], list[Marks]]:
    """Cut the lines into tables and lines outside any.

    In a source of physical tables (a sheet, an HTML or ruled PDF table), the
    lines after a 总分 row that stand in the same physical table stay with it
    (jixiao writes its findings and notes there; a stray line is reported).
    """
    segments: list[list[Marks]] = []
    outside: list[Marks] = []
    current: list[Marks] | None = None
    body = False  # the current table has passed its title and identification
    indicators = False
    pending: list[Marks] = []
    trailer = 0  # the physical table a closed table's trailing lines stand in
    seen: set[str] = set()  # the identification fields the current table printed
    for n, marked in enumerate(lines):
        texts, block = marked.texts, marked.line.block
        starts = _starts(lines, n)
        if starts and current and not body and all(x.title or x.furniture for x in current):
            starts = False  # the second line of a two-line title
        identifies = _identifies(marked.labels)
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
            if trailer and block == trailer:
                segments[-1].append(marked)
            else:
                outside.append(marked)
            continue
        if marked.total == TOTAL or (marked.total and indicators):  # 合计 only past the header
            current.extend(pending)
            current.append(marked)
            segments.append(current)
            current, pending, trailer = None, [], block
            continue
        if indicators and (
            _prose(texts) or is_sign_off(texts) or (pending and not _row_like(texts))
        ):
            pending.append(marked)
            continue
        current.extend(pending)
        pending = []
        current.append(marked)
        # a field of no place (部门: 某中学, above Yunnan's 项目名称) is no body either
        placed = marked.title or marked.labels or marked.furniture
        if not body and not (placed or (texts and unread_ident(texts[0]))):
            body = True
        indicators = indicators or marked.header
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
        ``locations`` of every value read) and the lines not placed, with their
        kind. A table that cannot be read is reported by its lines, and keeps
        its number: the tables read are numbered among all those found
        (:attr:`~jixiao.io.result.ReadResult.numbers`).
    """
    marked_lines, split = split_records([marks(line) for line in merge_wraps(grid)])
    segments, outside = _cut(marked_lines)
    name = PurePath(grid.source).name or grid.source
    tables: list[ProjectTable] = []
    numbers: list[int] = []
    unplaced: list[tuple[Line, Unplaced]] = []
    previous = ""
    for marked in outside:
        line = marked.line
        kind = line_kind(marked.texts, previous)
        if kind != "furniture":  # a page break does not end a note
            previous = kind
        reason = _OUTSIDE.get(kind, _OUTSIDE[""])
        unplaced.append((line, _unplaced(grid, None, line, reason, kind)))
    for index, segment in enumerate(segments, start=1):
        label = f"{name}, table {index} of {len(segments)}"
        try:
            table, strays = read_table(segment, grid.kind, label, _cleaned(segment, grid))
        except Rejected as rejected:  # a table, or a line of it, cannot be read
            fault = rejected.line
            why = _columns_lost(segment, rejected.reason)
            for marked in segment:
                line = marked.line
                reason = (
                    why
                    if fault is not None and line is fault
                    else Wording(
                        f"part of table {index}, which was not read: {why.en}",
                        f"第 {index} 张表的一部分，该表未能读取：{why.zh}",
                    )
                )
                unplaced.append((line, _unplaced(grid, index, line, reason, "content")))
            continue
        tables.append(table)
        numbers.append(index)
        for stray in strays:
            entry = _unplaced(grid, index, stray.line, stray.reason, stray.kind, stray.cell)
            unplaced.append((stray.line, entry))
    if unplaced:  # in the order of their lines
        order = {id(marked.line): n for n, marked in enumerate(marked_lines)}
        unplaced.sort(key=lambda pair: order[id(pair[0])])
    notes = tuple(f"{location}: {note}" for location, note in (*grid.notes, *split))
    return ReadResult(
        grid.source, tuple(tables), tuple(u for _, u in unplaced), notes, tuple(numbers)
    )


_LOST = Wording(
    "; its lines print one cell each: the table's columns were lost before it was "
    "read (text extracted without its layout: extract it with pdftotext -layout, or "
    "read the PDF, Word document or workbook itself)",
    "；其各行只有一个单元格：表格的列在读取之前已丢失（提取文本时未保留版面：请用 pdftotext -layout "
    "提取，或直接读取 PDF、Word 文档或工作簿）",
)


def _cleaned(segment: list[Marks], grid: Grid) -> bool:
    """Whether a line of a table is of a block that lost its merges and their
    places (:attr:`~jixiao.io.grid.Grid.cleaned`)."""
    return bool(grid.cleaned) and any(m.line.block in grid.cleaned for m in segment)


def _columns_lost(segment: list[Marks], reason: Wording) -> Wording:
    """*reason*, and what to do when the table's lines print one cell each
    (at least 9 in 10 of 8 lines or more): a text extracted without its
    columns (``pdftotext`` without ``-layout``) reads so."""
    single = sum(1 for marked in segment if len(marked.line.cells) <= 1)
    if len(segment) < 8 or single * 10 < len(segment) * 9:
        return reason
    return Wording(reason.en + _LOST.en, reason.zh + _LOST.zh)


def _unplaced(
    grid: Grid,
    table: int | None,
    line: Line,
    reason: Wording,
    kind: str,
    cell: Cell | None = None,
) -> Unplaced:
    where = line.location if cell is None else cell.location
    if where.sheet and not where.column and line.cells:  # a sheet's row: its first cell, B7
        where = next((c.location for c in line.cells if c.text), line.cells[0].location)
    return Unplaced(grid.source, table, str(where), line.text, reason.en, kind, reason.zh)
