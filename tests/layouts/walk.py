"""The walk every writer prints from: text lines, runs of rows, page breaks.

:func:`events` goes through a document once and yields, in printed order, the
lines outside the table grids (prose, 填报说明 notes, page numbers, and each
table's title lines), the rows of each table on each page (cut by
:func:`tests.layouts.sheet.pages`), and the page breaks, so that the six
writers agree on what is printed and differ only in how.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import attrs

from .document import Document, Prose, page_label
from .sheet import SheetRow, build, filled, pages, widths

__all__ = ["Break", "Event", "Rows", "Text", "column_widths", "events", "sheet_events"]


@attrs.frozen
class Text:
    """A line outside the table grid: *kind* ``"title"`` (the table's own,
    with the paths it prints), ``"heading"``, ``"text"``, ``"note"`` or ``"furniture"``."""

    kind: str
    text: str
    table: int = 0
    paths: tuple[str, ...] = ()


@attrs.frozen
class Rows:
    """The rows of table *table* (0-based) printed on one page."""

    table: int
    rows: tuple[SheetRow, ...]


@attrs.frozen
class Break:
    """A page break (after the page's number line)."""


Event = Text | Rows | Break


def events(document: Document) -> Iterator[Event]:
    """The document as a walk: text lines, runs of rows, page breaks."""
    total = 1 + sum(len(p.layout.breaks) for p in document.tables())
    page = 1
    index = 0
    for part in document.parts:
        if isinstance(part, Prose):
            for kind, text in part.lines:
                yield Text(kind, text)
            continue
        sheet = build(part.sample, part.layout)
        for line, paths in sheet.lines:
            yield Text("title", line, index, paths)
        runs = pages(sheet, part.layout.breaks, part.layout.repeat_header)
        if part.layout.filled:
            runs = [filled(run) for run in runs]
        for n, run in enumerate(runs):
            if n:
                yield Text("furniture", page_label(document.page_style, page, total))
                yield Break()
                page += 1
            yield Rows(index, tuple(run))
        index += 1


def sheet_events(document: Document) -> Iterator[tuple[str, Event]]:
    """Each event with the title of the workbook sheet it is written on:
    ``"Sheet1"``, or with one sheet a table (``Options.sheets``) ``"表1"``,
    ``"表2"`` …, a table's sheet starting at its title or its first rows."""
    per_table = document.options.sheets == "per-table"
    current = 0
    for event in events(document):
        if (
            per_table
            and isinstance(event, Text | Rows)
            and event.table > current
            and (isinstance(event, Rows) or event.kind == "title")
        ):
            current = event.table
        yield (f"表{current + 1}" if per_table else "Sheet1"), event


def column_widths(
    walk: Sequence[Event], measure: Callable[[str], float], cap: float
) -> dict[int, list[float]]:
    """Each table's column widths (:func:`~tests.layouts.sheet.widths`) over
    all its pages' rows, by table."""
    sizes: dict[int, list[float]] = {}
    for event in walk:
        if isinstance(event, Rows) and event.table not in sizes:
            rows = [
                r for e in walk if isinstance(e, Rows) and e.table == event.table for r in e.rows
            ]
            sizes[event.table] = widths(rows, measure, 0.0, cap)
    return sizes
