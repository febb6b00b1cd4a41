"""The Excel 97-2003 form: an .xls workbook written with xlwt.

As the xlsx form (:func:`tests.layouts.forms_rich.write_xlsx`): one sheet, or
one per table; a row per printed row, text lines in column A, merged ranges;
numbers as text or as numbers with the format that prints them as the table
does (``0.00``, ``0.00%``, General); a horizontal page break after each
page's number row. Location ``file:Sheet!B7``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.io.grid import Location

from .document import Document
from .forms_rich import number_cell
from .walk import Break, Rows, Text, sheet_events

__all__ = ["write_xls"]

Locations = tuple[dict[str, str], ...]


def write_xls(document: Document, path: Path, locations: Locations) -> None:
    """An .xls workbook (see the module's docstring)."""
    import xlwt

    name = str(path)
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}

    def style(shape: str) -> Any:
        if shape not in styles:
            styles[shape] = xlwt.easyxf("align: wrap on", num_format_str=shape)
        return styles[shape]

    sheets: dict[str, Any] = {}
    title = ""
    row_number = 0
    for title, event in sheet_events(document):
        if title not in sheets:
            sheets[title] = book.add_sheet(title, cell_overwrite_ok=True)
            row_number = 0
        sheet = sheets[title]
        if isinstance(event, Text):
            sheet.write(row_number, 0, event.text, style("General"))
            row_number += 1
            where = Location(name, row_number, 1, part=title, sheet=True)
            for p in event.paths:
                locations[event.table].setdefault(p, str(where))
        elif isinstance(event, Rows):
            for row in event.rows:
                for cell in row.cells:
                    stored = (
                        number_cell(cell.text, cell.paths)
                        if document.options.numbers == "number"
                        else None
                    )
                    value, shape = stored if stored is not None else (cell.text, "@")
                    if cell.span > 1 or cell.down > 1:
                        sheet.write_merge(
                            row_number,
                            row_number + cell.down - 1,
                            cell.col,
                            cell.col + cell.span - 1,
                            value,
                            style(shape),
                        )
                    elif value != "":
                        sheet.write(row_number, cell.col, value, style(shape))
                    where = Location(name, row_number + 1, cell.col + 1, part=title, sheet=True)
                    for p in cell.paths:
                        locations[event.table].setdefault(p, str(where))
                row_number += 1
        elif isinstance(event, Break):
            sheet.horz_page_breaks.append((row_number, 0, 255))
    book.save(str(path))
