"""The text forms: tab-separated text, text laid out with spaces, Markdown.

Each writer takes a document, the file to write and one dict per table that
it fills with the location (``str`` of :class:`jixiao.io.grid.Location`) of
every path the table prints: the first printing, the merged cell's anchor; a
value printed empty is located on its row's line at its column.

* Tab-separated text (the seeds' form): a row a line, cells joined by tabs,
  a merged cell's text in its first position and nothing elsewhere; a goal
  text as ``<p>…</p> <p>…</p>``; a cell of two lines (a header split in two,
  a title on two lines) on two lines; §2.12's shifted rows lose leading
  empty cells. Location ``file:line:cell`` (cell counted after the shift).
* Laid-out text, as ``pdftotext -layout`` writes it: cells placed at display
  columns (a wide character counts 2), at least two spaces apart, long cells
  wrapped in their column, top-aligned; a form feed begins the first line of
  each new page. Lines are counted by ``"\\n"``. Location
  ``file:line:displaycolumn+1`` (the form feed not counted).
* Markdown: pipe tables (one per page of a table; the delimiter row left out
  as a page's text prints one, ``Options.delimiter``), ``<br>`` for a newline
  in a cell, every other line a paragraph, headings as ``##``; §2.12's
  shifted rows lose leading empty cells, as a converter that drops a merged
  cell's places writes them. Location ``file:line:cell`` (cell counted after
  the shift).
* Markdown with drawn tables (form ``drawn``, as pandoc writes a table with
  merged cells): a page's rows drawn with ``+``, ``-`` and ``|`` (or
  box-drawing characters, ``Options.drawn``), a rule under every row, merged
  cells drawn merged, a cell's lines on lines of their own; sometimes in a
  code fence (``Options.fenced``). Location
  ``file:line:column`` (the row's first text line, the cell's first column).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from jixiao.io.grid import Location

from .document import Document
from .sheet import Cell, SheetRow, columns_of, widths
from .walk import Rows, Text, events

__all__ = ["display_width", "placed", "write_drawn", "write_layout", "write_markdown", "write_tsv"]

Locations = tuple[dict[str, str], ...]


def display_width(text: str) -> int:
    """Display columns of *text*: 2 for a wide (CJK, full-width) character, else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _note(locations: dict[str, str], paths: tuple[str, ...], where: Location) -> None:
    for path in paths:
        locations.setdefault(path, str(where))


def _paragraphs(cell: Cell, tags: bool) -> str:
    parts = cell.text.split("\n")
    if len(parts) == 1 and not tags:
        return cell.text
    return " ".join(f"<p>{p}</p>" for p in parts)


def write_tsv(document: Document, path: Path, locations: Locations) -> None:
    """Tab-separated text (see the module's docstring)."""
    name = str(path)
    lines: list[str] = []
    for event in events(document):
        if isinstance(event, Text):
            lines.append(event.text)
            if event.paths:
                _note(locations[event.table], event.paths, Location(name, len(lines), 1))
        elif isinstance(event, Rows):
            columns = columns_of(event.rows)
            for row in event.rows:
                _tsv_row(
                    row,
                    columns,
                    lines,
                    locations[event.table],
                    name,
                    document.options.p_single,
                    document.options.pad,
                )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tsv_row(
    row: SheetRow,
    columns: int,
    lines: list[str],
    where: dict[str, str],
    name: str,
    tags: bool,
    pad: bool,
) -> None:
    parts: list[list[str]] = [[""] for _ in range(columns)]
    for cell in row.cells:
        parts[cell.col] = [_paragraphs(cell, tags)] if cell.paragraphs else cell.text.split("\n")
    first = len(lines) + 1
    for h in range(max(len(p) for p in parts)):
        texts = [p[h] if h < len(p) else "" for p in parts][row.shift if h == 0 else 0 :]
        while texts and not pad and not texts[-1]:
            texts.pop()
        lines.append("\t".join(texts))
    for cell in row.cells:
        column = cell.col - row.shift + 1 if cell.text else cell.col + 1
        _note(where, cell.paths, Location(name, first, column))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            w = display_width(ch)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0
            line += ch
            used += w
        lines.append(line)
    return lines


_GAP = 2
_CAP = 24


def _place(pieces: list[tuple[int, str]]) -> str:
    line, used = "", 0
    for x, text in sorted(pieces):
        line += " " * (x - used) + text
        used = x + display_width(text)
    return line.rstrip()


def write_layout(document: Document, path: Path, locations: Locations) -> None:
    """Text laid out with spaces (see the module's docstring)."""
    name = str(path)
    walk = list(events(document))
    columns: dict[int, list[int]] = {}
    for event in walk:
        if isinstance(event, Rows):
            columns.setdefault(event.table, [])
    for table in columns:
        rows = [r for e in walk if isinstance(e, Rows) and e.table == table for r in e.rows]
        sizes = widths(rows, lambda t: float(display_width(t)), _GAP, _CAP)
        x = [0]
        for size in sizes:
            x.append(x[-1] + int(size) + _GAP)
        columns[table] = x
    lines: list[str] = []
    feed = False

    def put(text: str) -> int:
        nonlocal feed
        lines.append(("\f" if feed else "") + text)
        feed = False
        return len(lines)

    for event in walk:
        if isinstance(event, Text):
            indent = 0
            if event.kind == "title":
                indent = max(0, (columns[event.table][-1] - display_width(event.text)) // 2)
            elif event.kind == "text":
                indent = 4
            number = put(" " * indent + event.text)
            if event.paths:
                _note(locations[event.table], event.paths, Location(name, number, indent + 1))
        elif isinstance(event, Rows):
            x = columns[event.table]
            for row in event.rows:
                cells = [(c, _wrap(c.text, x[c.col + c.span] - x[c.col] - _GAP)) for c in row.cells]
                height = max((len(w) for _, w in cells), default=1)
                first = len(lines) + 1
                for h in range(height):
                    put(_place([(x[c.col], w[h]) for c, w in cells if h < len(w) and w[h]]))
                for cell, _ in cells:
                    _note(
                        locations[event.table], cell.paths, Location(name, first, x[cell.col] + 1)
                    )
                if document.options.blank:
                    put("")
        else:
            feed = True
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_markdown(document: Document, path: Path, locations: Locations) -> None:
    """Markdown (see the module's docstring)."""
    name = str(path)
    lines: list[str] = []

    def block(text: str) -> int:
        if lines:
            lines.append("")
        lines.append(text)
        return len(lines)

    for event in events(document):
        if isinstance(event, Text):
            number = block(("## " if event.kind == "heading" else "") + event.text)
            if event.paths:
                _note(locations[event.table], event.paths, Location(name, number, 1))
        elif isinstance(event, Rows):
            columns = columns_of(event.rows)
            for n, row in enumerate(event.rows):
                texts = [""] * columns
                for cell in row.cells:
                    texts[cell.col] = cell.text.replace("\n", "<br>")
                line = "| " + " | ".join(texts[row.shift :]) + " |"
                number = block(line) if n == 0 else len(lines) + 1
                if n:
                    lines.append(line)
                if n == 0 and document.options.delimiter:
                    lines.append("|" + " --- |" * columns)
                for cell in row.cells:
                    column = cell.col - row.shift + 1 if cell.text else cell.col + 1
                    _note(locations[event.table], cell.paths, Location(name, number, column))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_drawn(document: Document, path: Path, locations: Locations) -> None:
    """Markdown whose tables are drawn (see the module's docstring)."""
    name = str(path)
    lines: list[str] = []
    for event in events(document):
        if isinstance(event, Text):
            if lines:
                lines.append("")
            lines.append(("## " if event.kind == "heading" else "") + event.text)
            if event.paths:
                _note(locations[event.table], event.paths, Location(name, len(lines), 1))
        elif isinstance(event, Rows):
            if lines:
                lines.append("")
            drawn, firsts, edges = _drawn(event.rows)
            if document.options.drawn == "box":
                drawn = _boxed(drawn)
            # a column is where the rules print a corner: box drawing joins no
            # line to a boundary that no row draws (a span under the top rule),
            # and the columns right of it count one less
            corners = sorted({x for line in drawn for x, ch in placed(line) if ch in _CORNERS})
            fence = ["```"] if document.options.fenced else []
            lines += fence
            start = len(lines)
            lines += drawn + fence
            for r, row in enumerate(event.rows):
                for cell in row.cells:
                    column = corners.index(edges[cell.col]) + 1
                    where = Location(name, start + firsts[r] + 1, column)
                    _note(locations[event.table], cell.paths, where)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def placed(line: str) -> list[tuple[int, str]]:
    """Each character of *line* with the display column it starts at."""
    out, used = [], 0
    for ch in line:
        out.append((used, ch))
        used += display_width(ch)
    return out


def _drawn(rows: tuple[SheetRow, ...]) -> tuple[list[str], list[int], list[int]]:
    """A page's rows drawn as a grid table (pandoc's, a rule under every row,
    merged cells drawn merged), the index of each row's first text line, and
    the display column of each column's left edge."""
    columns = columns_of(rows)
    owner: dict[tuple[int, int], Cell] = {}  # the cell covering each place
    for r, row in enumerate(rows):
        for cell in row.cells:
            for d in range(cell.down):
                for s in range(cell.span):
                    owner[(r + d, cell.col + s)] = cell
    sizes = [3] * columns
    for cell in sorted({id(c): c for c in owner.values()}.values(), key=lambda c: c.span):
        need = max(display_width(t) for t in cell.text.split("\n")) + 2
        have = sum(sizes[cell.col : cell.col + cell.span]) + cell.span - 1
        if need > have:
            sizes[cell.col + cell.span - 1] += need - have
    edges = [0]
    for size in sizes:
        edges.append(edges[-1] + size + 1)

    def same(a: tuple[int, int], b: tuple[int, int]) -> bool:
        one, other = owner.get(a), owner.get(b)
        return one is not None and one is other

    def rule(r: int) -> str:  # the border above row r (r == len(rows): the last)
        out = []
        for c in range(columns + 1):
            left = c > 0 and not same((r - 1, c - 1), (r, c - 1))
            right = c < columns and not same((r - 1, c), (r, c))
            bar = c in (0, columns) or not (
                same((r - 1, c - 1), (r - 1, c)) and same((r, c - 1), (r, c))
            )
            out.append(
                "+" if (left or right) and bar else "-" if left or right else "|" if bar else " "
            )
            if c < columns:
                out.append(("-" if right else " ") * sizes[c])
        return "".join(out)

    texts = {
        (r, cell.col): cell.text.split("\n") for r, row in enumerate(rows) for cell in row.cells
    }
    heights = [
        max((len(texts[(r, c.col)]) for c in row.cells), default=1) for r, row in enumerate(rows)
    ]
    lines: list[str] = []
    firsts: list[int] = []
    for r in range(len(rows)):
        lines.append(rule(r))
        firsts.append(len(lines))
        for k in range(heights[r]):
            out = []
            c = 0
            while c < columns:
                here = owner.get((r, c))
                span = here.span if here is not None and here.col == c else 1
                width = sum(sizes[c : c + span]) + span - 1
                text = ""
                if here is not None and here.col == c and (r, c) in texts:
                    parts = texts[(r, c)]
                    text = parts[k] if k < len(parts) else ""
                out.append("|" + " " + text + " " * (width - 1 - display_width(text)))
                c += span
            lines.append("".join(out) + "|")
    lines.append(rule(len(rows)))
    return lines, firsts, edges


_CORNERS = frozenset("+┌┐└┘├┤┬┴┼")
"""What a drawing prints at a corner."""

_BOX = {
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
    (True, True, False, True): "├",
    (True, True, True, False): "┤",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
    (True, True, False, False): "│",
    (False, False, True, True): "─",
}


def _boxed(lines: list[str]) -> list[str]:
    """A table's ASCII drawing lines drawn with box-drawing characters
    instead; its top and bottom rules join every column (┬, ┴), as tools
    that draw a table with box characters print them."""

    def at(n: int, x: int) -> str:
        if not 0 <= n < len(lines):
            return " "
        used = 0
        for ch in lines[n]:
            if used == x:
                return ch
            used += display_width(ch)
        return " "

    out = []
    for n, line in enumerate(lines):
        chars = []
        used = 0
        for ch in line:
            if ch == "+":
                key = (
                    at(n - 1, used) in "|+" or n == len(lines) - 1,
                    at(n + 1, used) in "|+" or n == 0,
                    at(n, used - 1) in "-+",
                    at(n, used + 1) in "-+",
                )
                chars.append(_BOX.get(key, "┼"))
            else:
                chars.append({"-": "─", "|": "│"}.get(ch, ch))
            used += display_width(ch)
        out.append("".join(chars))
    return out
