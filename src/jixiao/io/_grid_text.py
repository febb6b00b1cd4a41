"""Text sources of a grid: tab-separated text, text laid out with spaces (private).

Lines are split on ``"\\n"`` only (a ``"\\r"`` before it is dropped); a form
feed ``"\\f"`` starts a new page, so a line holding one is cut there and its
parts keep the line's number. Pages are numbered from 1 when the text holds a
form feed at all, and are ``None`` otherwise. Every pattern here is linear in
the line's length.

* **Tab-separated** (:func:`tsv_grid`): a line is split on tabs; each cell
  cleaned by :func:`clean_cell` (HTML tags stripped,
  ``</p> <p>`` and ``<br>`` made a newline; the lines where a tag was stripped
  are noted). Cell *i* (0-based) has ``column`` *i*, ``x0, x1 = i, i + 1`` and
  prints as ``file:line:i+1``.
* **Laid out with spaces** (:func:`layout_grid`), as ``pdftotext -layout``
  writes it: cells are separated by a run of two or more spaces (a full-width
  space U+3000 counts as two); one space stays inside a cell. ``x0`` is the
  display column of the cell's first character (East Asian wide and
  full-width characters count 2, combining marks 0, others 1), ``x1`` adds
  its display width; the cell prints as ``file:line:x0+1``; ``column`` is its
  ordinal on the line. A wrapped cell continues on the next lines, which are
  reported as they are: joining them needs the columns, which a text line
  cannot know.
* **Markdown**: see :mod:`jixiao.io._grid_markdown`.

At most :data:`~jixiao.io._grid_base.MAX_LINE_CELLS` cells a line: the last
one holds the rest of the line, and a note says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jixiao.io._grid_base import (
    MAX_LINE_CELLS,
    REST_OF_LINE,
    Collector,
    display_width,
    line_text,
)
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

__all__ = [
    "Fields",
    "clean_cell",
    "display_width",
    "field_lines",
    "layout_grid",
    "paged_lines",
    "tsv_grid",
]


_PARAGRAPH_BREAK = re.compile(r"</p\s{0,20}>\s*<p(?:\s[^<>]{0,200})?>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s{0,20}/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,200})?/?>")


def clean_cell(text: str) -> str:
    r"""A cell without HTML tags and surrounding space; ``</p> <p>`` becomes a newline.

    Text extracted from web pages carries the pages' tags inside cells (the
    seeds do); a ``<`` that starts no tag (``<关于…>``, a title bracket) is kept.

    >>> clean_cell("<p>甲</p> <p>乙</p>"), clean_cell("<关于…>")
    ('甲\n乙', '<关于…>')
    """
    if "<" in text:
        text = _PARAGRAPH_BREAK.sub("\n", text)
        text = _LINE_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    return text.strip()


def paged_lines(text: str, source: str) -> Iterator[tuple[Location, int | None, str]]:
    """``(where, page, text)`` of every line of *text*, blank ones too.

    A line holding form feeds is cut at each; its first printed part is
    located at the line (``file:12``), any later one at the column it starts
    in (``file:12:31``).
    """
    page: int | None = 1 if "\f" in text else None
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.endswith("\r"):
            raw = raw[:-1]
        if page is None or "\f" not in raw:
            yield Location(source, number), page, raw
            continue
        start, printed = 0, False
        for index, part in enumerate(raw.split("\f")):
            if index:
                page += 1
            yield Location(source, number, start + 1 if printed else 0), page, part
            printed = printed or (not part.isspace() and part != "")
            start += len(part) + 1


# ---------------------------------------------------------------- tab-separated


def tsv_grid(text: str, source: str) -> Grid:
    """The grid of tab-separated text (see the module's docstring)."""
    out = Collector(source)
    field_lines(out, _tsv_rows(out, text, source), 0)
    return out.grid(SourceKind.TSV)


def _tsv_rows(out: Collector, text: str, source: str) -> Iterator[Fields]:
    for where, page, raw in paged_lines(text, source):
        if not raw or raw.isspace():
            continue
        parts = raw.split("\t", MAX_LINE_CELLS - 1)
        if len(parts) == MAX_LINE_CELLS and "\t" in parts[-1].rstrip():
            out.note(where, REST_OF_LINE)
        yield where, page, parts, raw


Fields = tuple[Location, int | None, list[str], str | None]
"""A line's location, page, fields, and raw text (``None``: its cells joined)."""


def field_lines(out: Collector, rows: Iterable[Fields], block: int) -> None:
    """Add the lines of fields *rows* (tab-separated, or CSV's
    :mod:`jixiao.io._grid_csv`): each field stripped and cleaned by
    :func:`clean_cell`, a cell where it prints something (block *block*)."""
    for where, page, parts, raw in rows:
        tagged = "<" in raw if raw is not None else any("<" in part for part in parts)
        cells: list[Cell] = []
        stripped = False
        for index, part in enumerate(parts):
            cell = part.strip()
            if tagged and "<" in cell:
                cleaned = clean_cell(cell)
                stripped = stripped or cleaned != cell
                cell = cleaned
            if cell:
                cells.append(Cell(cell, index, index, index + 1, where, index + 1))
        if stripped:
            out.note(where, "HTML tags stripped")
        if cells:
            text = raw if raw is not None else line_text(cells)
            out.add(Line(tuple(cells), where, text, block, page))


# ---------------------------------------------------------------- laid out with spaces


_SEPARATOR = re.compile("(?: ?\u3000|  )[ \u3000]*")
"""A run of spaces that separates cells: two or more, or one with a full-width space."""


def _layout_cells(raw: str) -> tuple[list[tuple[str, int, int]], bool]:
    """The cells of a laid-out line as ``(text, x0, x1)``, and whether the line was cut."""
    cells: list[tuple[str, int, int]] = []
    pos = column = 0

    def take(segment: str, at: int) -> None:
        text = segment.strip()
        if text:
            x0 = at + display_width(segment[: len(segment) - len(segment.lstrip())])
            cells.append((text, x0, x0 + display_width(text)))

    for match in _SEPARATOR.finditer(raw):
        run = match.group()
        if len(cells) == MAX_LINE_CELLS - 1:
            take(raw[pos:], column)
            return cells, raw[pos:].strip() != raw[pos : match.start()].strip()
        segment = raw[pos : match.start()]
        take(segment, column)
        column += display_width(segment) + len(run) + run.count("\u3000")
        pos = match.end()
    take(raw[pos:], column)
    return cells, False


def layout_grid(text: str, source: str) -> Grid:
    """The grid of text laid out with spaces (see the module's docstring)."""
    out = Collector(source)
    for where, page, raw in paged_lines(text, source):
        if not raw or raw.isspace():
            continue
        found, cut = _layout_cells(raw)
        if cut:
            out.note(where, REST_OF_LINE)
        cells = tuple(
            Cell(cell, index, x0, x1, where, x0 + 1) for index, (cell, x0, x1) in enumerate(found)
        )
        if cells:
            out.add(Line(cells, where, raw, 0, page))
    return out.grid(SourceKind.LAYOUT)
