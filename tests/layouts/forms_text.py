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
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from jixiao.io.grid import Location

from .document import Document
from .sheet import Cell, SheetRow, columns_of, widths
from .walk import Rows, Text, events

__all__ = ["display_width", "write_layout", "write_markdown", "write_tsv"]

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
