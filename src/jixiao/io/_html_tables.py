"""The tables of an HTML page as parsed, and how their cells are placed (private;
the parser is :mod:`jixiao.io._grid_html`).

* **Cells** are placed as a browser places them: in the first column not
  covered by a ``rowspan`` from above, spanning ``colspan`` columns. A
  ``rowspan`` ends with its row group (``rowspan="0"`` reaches its end); a
  ``colspan`` over 64 or a ``rowspan`` over 1,000 is ignored (taken as 1) and
  noted. Each lower row a printed cell covers gets one ``continued`` cell at
  the cell's column. A cell prints as ``page.html:t<table>:<row>:<column>``,
  tables numbered from 1 in the order they start, nested ones counted.
* **Tables in tables**: a row one of whose cells holds a table is a row of
  the page's layout, not of a table (many sites set the whole page, or the
  article, in a table): the text of its cells is text outside tables, a line
  each line of it (at its source line), and every table in them is read as a
  table of its own, where it
  stands, nested ones alike. The rows before and after such a row are read as
  their table's rows (a block each run of them).
* **Text** is rendered as a browser does: whitespace collapsed (kept in
  ``<pre>``), a line break where the parser marks one, non-breaking spaces as
  spaces, empty lines dropped.
"""

from __future__ import annotations

import re

from jixiao.errors import ReadError
from jixiao.io._grid_base import MAX_COLSPAN, MAX_LINES, Collector, line_text
from jixiao.io.grid import Cell, Line, Location

__all__ = ["MAX_ROWSPAN", "Placer", "Table", "TableCell", "Text"]

MAX_ROWSPAN = 1_000
"""A larger ``rowspan`` is ignored (taken as 1) and noted."""

_SPACE = re.compile(r"[ \t\n\r\f]+")
_TEXT, _PRE, _BREAK = range(3)
_SPACE_PART = (_TEXT, " ", 0)  # a space's source line is never a line's start


class Text:
    """Text being gathered for a cell or an outside line, as the browser renders it."""

    __slots__ = ("line", "parts", "printed")

    def __init__(self) -> None:
        self.parts: list[tuple[int, str, int]] = []  # (kind, data, its source line)
        self.line = 0
        self.printed = False

    def add(self, data: str, pre: bool, line: int) -> None:
        at = line + data.count("\n", 0, len(data) - len(data.lstrip()))
        if not self.printed and not data.isspace():
            self.printed = True
            self.line = at
        self.parts.append((_PRE if pre else _TEXT, data, at))

    def space(self) -> None:
        """A space between two texts (the cells a too-long row keeps as one)."""
        self.parts.append(_SPACE_PART)

    def brk(self) -> None:
        if self.parts and self.parts[-1][0] != _BREAK:
            self.parts.append((_BREAK, "", 0))

    def render(self) -> str:
        """The text, its lines joined by newlines."""
        return "\n".join(text for _, text in self.lines())

    def lines(self) -> list[tuple[int, str]]:
        """Each printed line of the text with the source line it starts on."""
        lines: list[list[str]] = [[]]
        starts = [0]
        run: list[str] = []

        def put(piece: str, line: int) -> None:
            if not starts[-1] and piece.strip():
                starts[-1] = line
            lines[-1].append(piece)

        for kind, data, line in self.parts:
            if kind == _TEXT:
                if not starts[-1] and data.strip():
                    starts[-1] = line
                run.append(data)
                continue
            if run:
                lines[-1].append(_SPACE.sub(" ", "".join(run)))
                run.clear()
            if kind == _BREAK:
                lines.append([])
                starts.append(0)
            else:
                first, *rest = data.replace("\r\n", "\n").split("\n")
                put(first, line)
                for offset, piece in enumerate(rest, start=1):
                    lines.append([])
                    starts.append(0)
                    put(piece, line + offset)
        if run:
            lines[-1].append(_SPACE.sub(" ", "".join(run)))
        texts = ("".join(pieces).replace("\xa0", " ").strip() for pieces in lines)
        return [
            (start or self.line, text) for start, text in zip(starts, texts, strict=True) if text
        ]


class TableCell:
    """A ``<td>`` or ``<th>`` as parsed: its spans, and its content in order —
    text, and the tables set in it."""

    __slots__ = ("colspan", "items", "rowspan", "text")

    def __init__(self, colspan: int, rowspan: int) -> None:
        self.colspan = colspan
        self.rowspan = rowspan
        self.text = Text()  # where the cell's text goes now (after the last table set in it)
        self.items: list[Text | Table] = [self.text]

    def hold(self, table: Table) -> None:
        """*table* is set in the cell here; the cell's text goes on after it."""
        self.text = Text()
        self.items += (table, self.text)


class Table:
    """A ``<table>`` as parsed: its rows of cells, and each row's group."""

    __slots__ = ("group", "groups", "number", "open_row", "overflowed", "parent", "rows")

    def __init__(self, number: int, parent: TableCell | None) -> None:
        self.number = number
        self.parent = parent  # the cell it is set in, if any
        self.rows: list[list[TableCell]] = []
        self.groups: list[int] = []
        self.group = 0
        self.open_row = False
        self.overflowed = 0  # the last row (counted from 1) whose cells ran over

    def new_row(self, source: str) -> list[TableCell]:
        if len(self.rows) >= MAX_LINES:
            raise ReadError(
                f"a table of more than {MAX_LINES:,} rows; refused",
                zh=f"表格超过 {MAX_LINES:,} 行；拒绝读取",
                source=source,
            )
        self.rows.append([])
        self.groups.append(self.group)
        self.open_row = True
        return self.rows[-1]


def _holds_table(row: list[TableCell]) -> bool:
    return any(len(cell.items) > 1 for cell in row)


class Placer:
    """Lays out the tables of one page into *out*, a block each run of rows."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.blocks = 0
        self.cleaned: set[int] = set()
        """The blocks that lost their merges and the places they covered (as
        a page whose attributes were cleaned prints a table): they merge no
        cell, and their rows print different numbers of cells."""

    def outside(self, text: Text, *, each_line: bool = False) -> None:
        """A line outside the tables: *text*, at its source line; or, with
        *each_line*, a line each line of it (a layout cell's text)."""
        if not text.printed:
            return
        lines = text.lines() if each_line else [(text.line, text.render())]
        for at, printed in lines:
            where = Location(self.out.source, at)
            self.out.add(Line((Cell(printed, 0, 0, 1, where, 0),), where, printed))

    def table(self, table: Table) -> None:
        """Place *table* (see the module's docstring)."""
        start = 0
        for r, row in enumerate(table.rows):
            if not _holds_table(row):
                continue
            self._rows(table, start, r)
            for cell in row:
                for item in cell.items:
                    if isinstance(item, Table):
                        self.table(item)
                    else:
                        self.outside(item, each_line=True)
            start = r + 1
        self._rows(table, start, len(table.rows))

    def _rows(self, table: Table, start: int, stop: int) -> None:
        """Place rows ``start`` to ``stop`` of *table* (none of them layout rows), a block."""
        if start >= stop:
            return
        self.blocks += 1
        block, out = self.blocks, self.out
        source, part = out.source, f"t{table.number}"
        groups = table.groups
        ends: list[int] = []  # the last row of each row's group, within these rows
        for index in range(stop - 1, start - 1, -1):
            same = index + 1 < stop and groups[index + 1] == groups[index]
            ends.append(ends[-1] if same else index)
        ends.reverse()
        covering: dict[int, list[Cell]] = {}  # row → the anchors above that cover part of it
        merged, widths = False, set()
        for r in range(start, stop):
            above = sorted(covering.pop(r, []), key=lambda anchor: anchor.column)
            line = Location(source, r + 1, 0, part)
            cells = [
                Cell("", a.column, a.x0, a.x1, line, a.column + 1, a.colspan, continued=True)
                for a in above
                if a.text
            ]
            column = at = 0
            for raw in table.rows[r]:
                while at < len(above) and above[at].column <= column:
                    column = max(column, above[at].column + above[at].colspan)
                    at += 1
                colspan, rowspan = self._spans(raw, line.at(column + 1))
                merged = merged or colspan > 1 or rowspan != 1
                rows = ends[r - start] - r + 1
                rowspan = min(rowspan or rows, rows)
                text = raw.text  # its only item: a cell of a table's row holds no table
                printed = text.render() if text.printed else ""
                anchor = Cell(
                    printed, column, column, column + colspan, line, column + 1, colspan, rowspan
                )
                if printed:
                    cells.append(anchor)
                out.count(rowspan - 1)
                for lower in range(r + 1, r + rowspan):
                    covering.setdefault(lower, []).append(anchor)
                column += colspan
            if any(cell.text for cell in cells):
                cells.sort(key=lambda cell: cell.column)
                out.add(Line(tuple(cells), line, line_text(cells), block), counted=True)
            if table.rows[r]:
                widths.add(len(table.rows[r]))
        if not merged and len(widths) > 1:
            self.cleaned.add(block)

    def _spans(self, cell: TableCell, where: Location) -> tuple[int, int]:
        colspan, rowspan = cell.colspan, cell.rowspan
        if colspan > MAX_COLSPAN:
            self.out.note(where, f"colspan {colspan} over {MAX_COLSPAN}; ignored")
            colspan = 1
        if rowspan > MAX_ROWSPAN:
            self.out.note(where, f"rowspan {rowspan} over {MAX_ROWSPAN}; ignored")
            rowspan = 1
        return max(colspan, 1), rowspan
