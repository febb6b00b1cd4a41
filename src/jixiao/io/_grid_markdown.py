"""Markdown sources of a grid: pipe tables, tables drawn with characters, text (private).

Lines are split and paged as :func:`jixiao.io._grid_text.paged_lines` does.

A line with an unescaped ``|`` is a table line, split on unescaped pipes
(leading and trailing pipes optional; ``\\|`` is a literal pipe); ``<br>`` in
a cell is a newline, other HTML tags are stripped, entities and backslash
escapes of ASCII punctuation are decoded (what a Markdown viewer prints). The
delimiter line (``|---|:--:|``, the first or second line of a block) is
dropped; consecutive table lines form a block (numbered from 1; a blank or
other line ends it). Cell *k* (1-based, empty cells counted) prints as
``file:line:k``, ``x0, x1 = k - 1, k``.

A table drawn with characters (``+---+---+``, as pandoc writes a table with
merged cells) is read by :mod:`jixiao.io._grid_drawn`, a block of its own.

Other lines are one cell in block 0, without their heading (``#``), bullet
(``-``, ``*``, ``+``) and quote (``>``) marks (an ordered list's number is
printed, and kept); a quote mark is removed before a line is tested for a
table. Fence lines (`````` ``` ``````, ``~~~``), thematic breaks (``---``) and
setext underlines print nothing and are dropped (a line of ``~`` under a text
line underlines it, as reStructuredText does, and opens no fence); lines
inside a fence are text lines, kept as written, but for a drawn table (a
console's table pasted as code is read as a table; a pipe in code is code).
A drawn table in a block quote is read without its quote marks.

At most :data:`~jixiao.io._grid_base.MAX_LINE_CELLS` cells a line: the last
one holds the rest of the line, and a note says so.
"""

from __future__ import annotations

import html
import itertools
import re

import jixiao.io._grid_drawn as _grid_drawn
from jixiao.io._grid_base import MAX_LINE_CELLS, REST_OF_LINE, Collector, line_text
from jixiao.io._grid_text import clean_cell, paged_lines
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

__all__ = ["has_pipe_table", "markdown_grid"]


_PIPE_OR_ESCAPE = re.compile(r"\\.|\|")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DELIMITER = re.compile(r"\s*:?-+:?\s*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r" {0,3}>[ ]?")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)")


def _printed(text: str) -> str:
    """What a Markdown viewer prints for *text*: tags, entities and escapes decoded."""
    if "<" in text:
        text = clean_cell(text)
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


def _pipe_cells(line: str) -> list[str] | None:
    """The raw cells of a pipe-table line (escaped pipes kept), or ``None``."""
    line = line.strip()
    closed = False
    if line.endswith("|"):
        escapes = len(line) - 1 - len(line[:-1].rstrip("\\"))
        closed = escapes % 2 == 0
        line = line[:-1] if closed else line  # the closing pipe is optional
    cuts: list[int] = []
    for match in _PIPE_OR_ESCAPE.finditer(line):
        if match.group() == "|":
            cuts.append(match.start())
            if len(cuts) > MAX_LINE_CELLS + 1:
                break  # enough to know the line is cut; its rest stays in the last cell
    if not cuts:
        return [line] if closed else None
    bounds = [-1, *cuts, len(line)]
    cells = [line[a + 1 : b] for a, b in itertools.pairwise(bounds)]
    if not cells[0].strip():
        cells.pop(0)  # the opening pipe is optional
    return cells


def has_pipe_table(text: str) -> bool:
    """Whether *text* holds a Markdown pipe table: a delimiter row (``| --- |
    :---: |``, ``---|---``), which nothing but a Markdown table prints; two
    lines in a row that each begin and end with a pipe and hold a cell
    between (a table a page's text prints without its delimiter row); or a
    drawn table's border (``+----+----+``, see :mod:`jixiao.io._grid_drawn`).

    >>> has_pipe_table("| 项目名称 | 社区活动 |\\n|---|---|\\n"), has_pipe_table("a | b\\n-----\\n")
    (True, False)
    >>> has_pipe_table("| 分值 | 得分 |\\n| 7 | 7 |\\n"), has_pipe_table("| 分值 | 得分 |\\n")
    (True, False)
    """
    piped = False  # the line before began and ended with a pipe
    for line in text.split("\n"):
        if "|" not in line:
            if _grid_drawn.is_border(line):
                return True
            piped = False
            continue
        if "-" in line and _delimits(_pipe_cells(line)):
            return True
        stripped = line.strip()
        rows = len(stripped) > 2 and stripped[0] == "|" == stripped[-1] and "|" in stripped[1:-1]
        if rows and piped:
            return True
        piped = rows
    return False


def _delimits(parts: list[str] | None) -> bool:
    """Whether a pipe-table line's cells make a delimiter row (``---``, ``:--:``)."""
    return parts is not None and len(parts) > 0 and all(map(_DELIMITER.fullmatch, parts))


def markdown_grid(text: str, source: str) -> Grid:
    """The grid of Markdown text (see the module's docstring)."""
    out = Collector(source)
    block = blocks = rows = 0
    fence = ""
    drawn: list[tuple[int, int | None, str]] = []  # the lines of a drawn table
    under = False  # the line before is a text line (which a line of ~ underlines)
    for where, page, raw in paged_lines(text, source):
        number = where.row
        after_text, under = under, False
        start = 0
        while (quote := _QUOTE.match(raw, start)) is not None:
            start = quote.end()
        body = raw[start:]
        if drawn:
            if _grid_drawn.goes_on(body):
                drawn.append((number, page, body))
                continue
            blocks = _drawn_table(out, drawn, blocks)
            drawn = []
        if fence:
            if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]):
                fence = ""
            elif _grid_drawn.is_border(body):  # a table drawn as code: a console's output
                drawn.append((number, page, body))
            elif raw.strip():
                cell = Cell(raw.strip(), 0, 0, 1, where, 1)
                out.add(Line((cell,), where, raw, 0, page))
            block = 0
            continue
        opening = _FENCE.match(raw)
        if opening is not None and opening.group(1)[0] == "`" and "`" in raw[opening.end() :]:
            opening = None  # inline code, not a fence
        if opening is not None and after_text and not raw.strip().strip("~"):
            continue  # reStructuredText's underline of a title (pandoc -t rst), not a fence
        if opening is None and _grid_drawn.is_border(body):
            drawn.append((number, page, body))
            block = 0
            continue
        parts = _pipe_cells(body) if "|" in body else None
        if opening is not None or parts is None:
            block = 0
            if opening is not None:
                fence = opening.group(1)
            elif not _RULE.fullmatch(body):
                _markdown_text(out, number, page, raw, body)
                under = bool(body.strip())
            continue
        if not block:
            blocks += 1
            block, rows = blocks, 0
        rows += 1
        if rows <= 2 and _delimits(parts):
            continue
        _markdown_row(out, number, page, raw, parts, block)
    if drawn:
        _drawn_table(out, drawn, blocks)
    return out.grid(SourceKind.MARKDOWN)


def _drawn_table(out: Collector, drawn: list[tuple[int, int | None, str]], blocks: int) -> int:
    """Add the table drawn on the lines *drawn* (``(number, page, text)``)
    as a block (see :mod:`jixiao.io._grid_drawn`); returns the blocks now counted."""
    read = _grid_drawn.drawn_rows([_grid_drawn.plain(raw) for _, _, raw in drawn])
    if read is None:  # no columns drawn: text lines
        for number, page, raw in drawn:
            _markdown_text(out, number, page, raw, raw)
        return blocks
    rows, cut = read
    if cut:
        out.note(Location(out.source, drawn[0][0]), REST_OF_LINE)
    blocks += 1
    covering: dict[int, list[_grid_drawn.DrawnCell]] = {}  # row → cells from above
    for r, (first, starting) in enumerate(rows):
        number, page, _ = drawn[first]
        where = Location(out.source, number)
        cells: list[Cell] = []
        for above in covering.pop(r, []):
            column, span = above.column, above.colspan
            cells.append(
                Cell("", column, column, column + span, where, column + 1, span, continued=True)
            )
        for drawn_cell in starting:
            text = "\n".join(t for t in map(_printed, drawn_cell.lines) if t)
            if not text:
                continue
            column, span = drawn_cell.column, drawn_cell.colspan
            rowspan = drawn_cell.rowspan
            cells.append(
                Cell(text, column, column, column + span, where, column + 1, span, rowspan)
            )
            for lower in range(r + 1, r + rowspan):
                covering.setdefault(lower, []).append(drawn_cell)
        if any(cell.text for cell in cells):
            cells.sort(key=lambda cell: cell.column)
            out.add(Line(tuple(cells), where, line_text(cells), blocks, page))
    return blocks


def _markdown_text(out: Collector, number: int, page: int | None, raw: str, body: str) -> None:
    heading = _HEADING.match(body)
    if heading is not None:
        body = _CLOSING_HASHES.sub("", body[heading.end() :])
    else:
        listed = _BULLET.match(body)
        if listed is not None:
            body = body[listed.end() :]
    text = _printed(body)
    if text:
        where = Location(out.source, number)
        out.add(Line((Cell(text, 0, 0, 1, where, 1),), where, raw, 0, page))


def _markdown_row(
    out: Collector, number: int, page: int | None, raw: str, parts: list[str], block: int
) -> None:
    where = Location(out.source, number)
    if len(parts) > MAX_LINE_CELLS:
        parts[MAX_LINE_CELLS - 1 :] = ["|".join(parts[MAX_LINE_CELLS - 1 :])]
        out.note(where, REST_OF_LINE)
    cells: list[Cell] = []
    for index, part in enumerate(parts):
        text = _printed(part)
        if text:
            cells.append(Cell(text, index, index, index + 1, where, index + 1))
    if cells:
        out.add(Line(tuple(cells), where, raw, block, page))
