"""The CSV form: a sheet exported as comma-separated values.

As Excel's "CSV UTF-8", WPS or a budget system exports one sheet: a row a
record, text lines in the first field, a merged cell's text in its first
cell only, a cell of several lines as one quoted field holding its line
breaks. Options (:class:`~tests.layouts.document.Options`): a byte-order
mark (Excel writes one), ``\\r\\n`` or ``\\n`` line ends, every record padded
with empty fields to the sheet's width (as Excel pads each row to the used
range) or not, every field quoted (as some systems export) or only those
that need it. Location ``file:line:field``, *line* the first line of the
record.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jixiao.io.grid import Location

from .document import Document
from .walk import Rows, Text, events

__all__ = ["write_csv"]

Locations = tuple[dict[str, str], ...]


def write_csv(document: Document, path: Path, locations: Locations) -> None:
    """A CSV file (see the module's docstring)."""
    options = document.options
    records: list[list[str]] = []
    placed: list[tuple[int, int, int, tuple[str, ...]]] = []  # record, field, table, paths
    for event in events(document):
        if isinstance(event, Text):
            records.append([event.text])
            placed.append((len(records) - 1, 1, event.table, event.paths))
        elif isinstance(event, Rows):
            for row in event.rows:
                fields = [""] * (max((c.col for c in row.cells), default=0) + 1)
                for cell in row.cells:
                    fields[cell.col] = cell.text
                    placed.append((len(records), cell.col + 1, event.table, cell.paths))
                records.append(fields)
    if options.pad:
        width = max(len(fields) for fields in records)
        records = [fields + [""] * (width - len(fields)) for fields in records]
    else:
        for fields in records:
            while len(fields) > 1 and not fields[-1]:
                fields.pop()
    starts = [1]  # the first line of each record
    for fields in records:
        starts.append(starts[-1] + sum(field.count("\n") for field in fields) + 1)
    name = str(path)
    for record, field, table, paths in placed:
        where = str(Location(name, starts[record], field))
        for p in paths:
            locations[table].setdefault(p, where)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        lineterminator="\r\n" if options.crlf else "\n",
        quoting=csv.QUOTE_ALL if options.quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if options.bom else "utf-8")
