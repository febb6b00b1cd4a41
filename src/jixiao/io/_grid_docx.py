"""Word (.docx) source of a grid: the body's tables and paragraphs (private).

Word's XML documents (:mod:`jixiao.io._grid_wordxml`), which name their
elements as a .docx does, are read by the same walk of their body
(:func:`body_grid`).

Read with the standard library only (:mod:`zipfile`, :mod:`xml.etree`): no
extra is needed. The package is checked first as every Office package is
(:func:`jixiao.io._ooxml.package`: size, zip, zip bombs); its main part (the
target of the ``officeDocument`` relationship, usually
``word/document.xml``) may unpack to at most :data:`MAX_PART_BYTES`, may
declare no document type or entity, and is parsed as it is unpacked, one
paragraph or table of the body held at a time: a document of more than
:data:`MAX_ELEMENTS` XML elements, a paragraph or table of more than
:data:`MAX_BLOCK_ELEMENTS`, elements nested more than :data:`MAX_DEPTH` deep,
more than :data:`MAX_TABLE_CELLS` table cells or more than
:data:`MAX_PARAGRAPHS` paragraphs is refused.

* **Paragraphs** of the body, outside tables, are lines of block 0, located
  by their number in the body (``report.docx:12``: its twelfth paragraph,
  empty ones counted). A paragraph that prints tabs is cut at each, as
  tab-separated text is (``report.docx:12:3``: its third part); one without
  is one cell.
* **Tables**: each table is numbered from 1 in the order it starts, nested
  ones counted; its rows are numbered from 1 and its cells stand in the columns of
  the table's grid, as Word places them: after the columns a row skips
  (``gridBefore``), spanning ``gridSpan`` columns (over 64 is ignored, taken
  as 1, and noted); a cell that continues an older horizontal merge
  (``hMerge``) widens the cell to its left (its text, if any, joined to it).
  A vertical merge (``vMerge``) gives its first cell a ``rowspan``, and each
  lower row it covers one ``continued`` cell (when it prints something); a
  cell that continues a merge but prints text of its own is read as a cell of
  its own, and noted. A cell prints as
  ``report.docx:t2:5:3`` (table 2, row 5, column 3). A row of more than 64
  cells keeps the rest in its 64th, noted. A row one of whose cells holds a
  table is a row of the document's layout, as in HTML: each line of its
  cells' paragraphs is a line outside tables (located at the row), and each
  table in them a table of its own; the runs of rows around it are blocks of
  their table.
* **Text** as Word shows it (:mod:`jixiao.io._docx_text`): runs' text, a
  line break a newline, a tab a blank inside a table cell; a cell's
  paragraphs one line each; deleted text of tracked changes and field codes
  are not text; ≥ and ≤ inserted from the Symbol font are read as such, a
  symbol of a font of its own glyphs is noted and shown as U+FFFD (�).
* Word has no fixed pages: page breaks, headers and footers are not read; a
  page number printed in the body is a paragraph like any other.

Locations and every bound (lines, cells, cells a line) are those of the
other sources (:mod:`jixiao.io._grid_base`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from jixiao.errors import ReadError
from jixiao.io._docx_text import (
    BODY,
    TBL,
    TC,
    TCPR,
    TR,
    TRPR,
    P,
    attribute,
    children,
    element_text,
    number,
    property_of,
)
from jixiao.io._grid_base import (
    MAX_BYTES,
    MAX_COLSPAN,
    MAX_LINE_CELLS,
    MAX_LINES,
    REST_OF_LINE,
    Collector,
    line_text,
)
from jixiao.io._ooxml import DOCX, damaged, main_part, package, xml_events
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

__all__ = [
    "MAX_BLOCK_ELEMENTS",
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_PARAGRAPHS",
    "MAX_PART_BYTES",
    "MAX_TABLE_CELLS",
    "body_grid",
    "docx_grid",
]

MAX_PART_BYTES = MAX_BYTES
"""The most bytes the document's main part may unpack to (20 MB)."""
MAX_ELEMENTS = 2_000_000
"""The most XML elements the main part may hold (a report of a thousand pages
holds fewer)."""
MAX_BLOCK_ELEMENTS = 500_000
"""The most XML elements one paragraph or top-level table may hold (the tree
holds one at a time)."""
MAX_DEPTH = 128
"""The deepest the main part's elements may be nested (a table in a table in a
text box is some 30 deep)."""
MAX_TABLE_CELLS = 100_000
"""The most table cells (``w:tc``) the document may hold, nested ones counted
(a report of two hundred tables of two hundred cells holds 40,000)."""
MAX_PARAGRAPHS = 100_000
"""The most paragraphs the body may hold, empty ones counted (a report of a
thousand pages holds some 30,000)."""

_Raw = tuple[int, int, str, str]
"""A cell of a table's row as read: (column, colspan, text, merge), *merge*
``""``, ``"restart"`` or ``"continue"`` (a vertical merge)."""


class _Reader:
    """The walk of one document's body into *out*."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.tables = 0
        self.blocks = 0
        self.paragraphs = 0
        self.below: dict[tuple[int, int], list[int]] = {}

    # ------------------------------------------------------------ body

    def paragraph(self, node: Element) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise _refused(
                f"{MAX_PARAGRAPHS:,} paragraphs", f"{MAX_PARAGRAPHS:,} 个段落", self.out.source
            )
        if not len(node):  # an empty paragraph: nothing to read
            return
        where = Location(self.out.source, self.paragraphs)
        text = element_text(node, where, "\t", self.out.note)
        if not text.strip():
            return
        parts = text.split("\t", MAX_LINE_CELLS - 1)
        if len(parts) == MAX_LINE_CELLS and "\t" in parts[-1]:
            self.out.note(where, REST_OF_LINE)
        if len(parts) == 1:
            cells: tuple[Cell, ...] = (Cell(text, 0, 0, 1, where, 0),)
        else:
            cells = tuple(
                Cell(part.strip(), index, index, index + 1, where, index + 1)
                for index, part in enumerate(parts)
                if part.strip()
            )
        self.out.add(Line(cells, where, text))

    def table(self, node: Element) -> None:
        """A table: its runs of rows a block each, its layout rows (see the
        module's docstring) between them."""
        self.tables += 1
        source, part = self.out.source, f"t{self.tables}"
        run: list[tuple[int, list[_Raw]]] = []  # (row number, its cells) of a run of rows
        for r, row in enumerate(children(node, TR), start=1):
            if r > MAX_LINES:
                raise ReadError(
                    f"a table of more than {MAX_LINES:,} rows; refused",
                    zh=f"表格超过 {MAX_LINES:,} 行；拒绝读取",
                    source=source,
                )
            line = Location(source, r, 0, part)
            if any(True for cell in children(row, TC) for _ in children(cell, TBL)):
                self.rows(run, part)
                run = []
                self.layout_row(row, line)
            else:
                run.append((r, self.row(row, line)))
        self.rows(run, part)

    def layout_row(self, row: Element, line: Location) -> None:
        """A row of the document's layout: each line of its cells' paragraphs a
        line outside tables (at the row), each table in them a table of its own."""
        for cell in children(row, TC):
            for item in children(cell, P | TBL):
                if item.tag in TBL:
                    self.table(item)
                    continue
                for text in element_text(item, line, " ", self.out.note).split("\n"):
                    if text:
                        self.out.add(Line((Cell(text, 0, 0, 1, line, 0),), line, text))

    def rows(self, run: list[tuple[int, list[_Raw]]], part: str) -> None:
        """A run of rows of a table, a block."""
        if not run:
            return
        self.blocks += 1
        block, source = self.blocks, self.out.source
        numbers = [number for number, _ in run]
        rows = [cells for _, cells in run]
        firsts = self.merges(rows, numbers, part)
        for r, cells in enumerate(rows):
            line = Location(source, numbers[r], 0, part)
            placed: list[Cell] = []
            for column, colspan, text, _ in cells:
                first = firsts.get((r, column))
                if first is None:  # a cell of its own, or a merge's first cell
                    rowspan = len(self.below.get((r, column), ())) + 1
                    if text:
                        cell = Cell(text, column, column, column + colspan, line, column + 1,
                                    colspan, rowspan)  # fmt: skip
                        placed.append(cell)
                elif first[2]:  # covered by a merge above that prints something
                    cell = Cell("", column, column, column + colspan, line, column + 1,
                                colspan, continued=True)  # fmt: skip
                    placed.append(cell)
            self.out.count(len(placed))
            if any(cell.text for cell in placed):
                self.out.add(Line(tuple(placed), line, line_text(placed), block), counted=True)

    def merges(
        self, rows: list[list[_Raw]], numbers: list[int], part: str
    ) -> dict[tuple[int, int], _Raw]:
        """The first cell of the vertical merge covering each (row, column) it
        covers below its first row (and :attr:`below`: each first cell's lower
        rows), the rows indexed in *rows* (*numbers*: their numbers in the table)."""
        covered: dict[tuple[int, int], _Raw] = {}
        self.below = {}
        open_merges: dict[int, tuple[int, _Raw]] = {}  # column → (row, first cell) of its merge
        for r, cells in enumerate(rows):
            for cell in cells:
                column, _, text, merge = cell
                opened = open_merges.get(column)
                if merge == "continue" and opened is not None and not text:
                    covered[r, column] = opened[1]
                    self.below.setdefault((opened[0], column), []).append(r)
                    continue
                if merge == "continue" and opened is not None:
                    where = Location(self.out.source, numbers[r], column + 1, part)
                    self.out.note(where, "a cell continues a vertical merge but prints text")
                if merge == "restart":
                    open_merges[column] = (r, cell)
                else:
                    open_merges.pop(column, None)
        return covered

    def row(self, row: Element, line: Location) -> list[_Raw]:
        """The row's cells as read (:data:`_Raw`)."""
        column = number(property_of(row, TRPR, "gridBefore"), 0)
        out: list[_Raw] = []
        cut = False
        for cell in children(row, TC):
            colspan = number(property_of(cell, TCPR, "gridSpan"), 1)
            if colspan > MAX_COLSPAN:
                self.out.note(
                    line.at(column + 1), f"gridSpan {colspan} over {MAX_COLSPAN}; ignored"
                )
                colspan = 1
            colspan = max(colspan, 1)
            merged = property_of(cell, TCPR, "vMerge", "vmerge")  # (Word 2003: vmerge)
            merge = ""
            if merged is not None:
                merge = "restart" if attribute(merged, "val") == "restart" else "continue"
            text = element_text(cell, line.at(column + 1), " ", self.out.note)
            joined = property_of(cell, TCPR, "hMerge", "hmerge")  # the older horizontal merge
            continues = (
                joined is not None
                and attribute(joined, "val") != "restart"
                and bool(out)
                and out[-1][0] + out[-1][1] == column
                and out[-1][1] + colspan <= MAX_COLSPAN
            )
            if continues or len(out) == MAX_LINE_CELLS:  # as in text: the last holds the rest
                last = out[-1]
                width = last[1] + colspan if continues else last[1]
                out[-1] = (last[0], width, f"{last[2]} {text}".strip(), last[3])
                if not continues and not cut:
                    self.out.note(line, REST_OF_LINE)
                    cut = True
                column += colspan
                continue
            out.append((column, colspan, text, merge))
            column += colspan
        return out


_BLOCK_TAGS = P | TBL


def _refused(what: str, zh: str, source: str) -> ReadError:
    return ReadError(f"more than {what}; refused", zh=f"超过 {zh}；拒绝读取", source=source)


def _blocks(events: Iterator[tuple[str, Element]], source: str) -> Iterator[Element]:
    """The body's paragraphs and tables in order, each whole as the parser
    ends it, then dropped from the tree: the tree holds one block at a time.

    Raises:
        ReadError: over :data:`MAX_ELEMENTS` elements, :data:`MAX_BLOCK_ELEMENTS`
            in one block, or :data:`MAX_TABLE_CELLS` table cells.
    """
    path: list[Element] = []  # the open elements
    body = block = -1  # the depth of the body and of the open block, once open
    total = held = cells = 0
    for event, element in events:
        if event == "start":
            path.append(element)
            total += 1
            held += 1
            tag = element.tag
            if tag in TC:
                cells += 1
                if cells > MAX_TABLE_CELLS:
                    raise _refused(
                        f"{MAX_TABLE_CELLS:,} table cells",
                        f"{MAX_TABLE_CELLS:,} 个表格单元格",
                        source,
                    )
            if len(path) > MAX_DEPTH:
                raise _refused(f"{MAX_DEPTH} XML elements deep", f"{MAX_DEPTH} 层 XML 元素", source)
            if total > MAX_ELEMENTS:
                raise _refused(
                    f"{MAX_ELEMENTS:,} XML elements", f"{MAX_ELEMENTS:,} 个 XML 元素", source
                )
            if held > MAX_BLOCK_ELEMENTS:
                raise _refused(
                    f"{MAX_BLOCK_ELEMENTS:,} XML elements in one paragraph or table",
                    f"{MAX_BLOCK_ELEMENTS:,} 个 XML 元素（一个段落或表格）",
                    source,
                )
            if body < 0:
                if tag in BODY:
                    body = len(path) - 1
            elif block < 0 and tag in _BLOCK_TAGS:
                block = len(path) - 1
            continue
        path.pop()
        depth = len(path)
        if depth == block:
            block = -1
            yield element
        elif depth == body:  # the body ends: a flat package's footer after it is no block
            body = -1
        elif block >= 0 or body < 0 or depth < body:
            continue  # inside a block, or not in the body
        path[-1].remove(element)  # a block read, or what stands between blocks
        held = 0


def docx_grid(file: Path, source: str) -> Grid:
    """The grid of a Word document (see the module's docstring).

    Raises:
        ReadError: the package is refused (see :func:`jixiao.io._ooxml.package`),
            its main part is missing, too large, declares a document type or is
            not well-formed XML, or the document exceeds the bounds above or
            the sources' own.
    """
    with package(file, source, DOCX) as archive:
        with damaged(source, DOCX):
            part = main_part(archive, DOCX)
        return body_grid(xml_events(archive, part, source, DOCX, MAX_PART_BYTES), source)


def body_grid(events: Iterator[tuple[str, Element]], source: str) -> Grid:
    """The grid of a document's body, from its XML *events* (its ``w:body``;
    what stands outside it, as a flat package's headers and footers, is not
    read)."""
    out = Collector(source)
    reader = _Reader(out)
    for node in _blocks(events, source):
        if node.tag in P:
            reader.paragraph(node)
        else:
            reader.table(node)
    return out.grid(SourceKind.DOCX, merges=True)
