"""The forms with merged cells: HTML, xlsx, PDF.

* HTML: a ``<table border="1">`` per page of a table, with ``rowspan`` and
  ``colspan`` (the form ``html-bare``: without, a merged cell printed once
  and the places it covered not at all, as a page whose attributes were
  cleaned prints it), ``<br>`` for a newline in a cell; titles in ``<h3>``, headings
  in ``<h2>``, everything else in ``<p>``; UTF-8 or GBK, declared in
  ``<meta charset>``; now and then everything set in one cell of a layout
  table, as many sites set an article. Location ``file:t<k>:<tr>:<col>`` (the document's
  ``<table>`` *k*, its row *tr*, the logical column, colspans expanded).
* xlsx (openpyxl): one sheet, or one per table; a row per printed row, text
  lines in column A, merged ranges, a manual page break after each page's
  number row; numbers as text or as numbers with the format that prints them
  as the table does (``0.00``, ``0.0000``, ``0.00%``, General). Location
  ``file:Sheet!B7``.
* PDF (reportlab, the built-in CID font STSong-Light): ruled tables (GRID and
  SPAN) whose cells are Paragraphs, column widths that fit every label and
  number (free texts wrap), text around as paragraphs, a real page break at
  each break. Pages are as tall as their content needs (up to 14400 pt), so
  no break but the planned ones occurs. Only the page of a location is
  predicted: ``file:p<page>``.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from jixiao.io.grid import Location

from .document import Document
from .sheet import WIDTH, SheetRow, columns_of
from .walk import Break, Rows, Text, column_widths, events, sheet_events

__all__ = ["number_cell", "write_html", "write_pdf", "write_xlsx"]

Locations = tuple[dict[str, str], ...]


def _note(locations: dict[str, str], paths: tuple[str, ...], where: str) -> None:
    for path in paths:
        locations.setdefault(path, where)


def write_html(document: Document, path: Path, locations: Locations) -> None:
    """An HTML page (see the module's docstring)."""
    name = str(path)
    charset = document.options.encoding
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>绩效自评报告</title></head><body>',
    ]
    wrapper = document.options.wrapper
    if wrapper:  # the content in a table of the page's layout: it is <table> 1
        out.append('<table width="100%" class="layout"><tr><td>')
    number = 1 if wrapper else 0
    for event in events(document):
        if isinstance(event, Text):
            tag = {"title": "h3", "heading": "h2"}.get(event.kind, "p")
            out.append(f"<{tag}>{html.escape(event.text)}</{tag}>")
        elif isinstance(event, Rows):
            number += 1
            out.append('<table border="1">')
            covered: set[tuple[int, int]] = set()
            spans = document.form != "html-bare"
            for r, row in enumerate(event.rows, 1):
                cells = []
                for col in range(columns_of(event.rows)):
                    cell = row.at(col)
                    if (r, col) in covered:
                        continue
                    if cell is None:
                        cells.append("<td></td>")
                        continue
                    span = f' colspan="{cell.span}"' if spans and cell.span > 1 else ""
                    span += f' rowspan="{cell.down}"' if spans and cell.down > 1 else ""
                    text = "<br>".join(html.escape(t) for t in cell.text.split("\n"))
                    cells.append(f"<td{span}>{text}</td>")
                    covered |= {
                        (r + d, col + s) for d in range(cell.down) for s in range(cell.span)
                    }
                    # without spans, a printed cell at its place on the row; an empty one
                    # where the header's column is (the reader cannot know its place)
                    column = len(cells) if not spans and cell.text else col + 1
                    where = Location(name, r, column, part=f"t{number}")
                    _note(locations[event.table], cell.paths, str(where))
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
    if wrapper:
        out.append("</td></tr></table>")
    out.append("</body></html>")
    path.write_bytes("\n".join(out).encode(charset))


_PLAIN = re.compile(r"^\d+(\.\d+)?%?$")
_NUMERIC = ("funds.", "total.", ".weight", ".points")


def number_cell(text: str, cell_paths: tuple[str, ...]) -> tuple[object, str] | None:
    """The number a cell stores and its format, for a printed number in a numeric role."""
    numeric = any(p.startswith(_NUMERIC[:2]) or p.endswith(_NUMERIC[2:]) for p in cell_paths)
    if not numeric or not _PLAIN.match(text) or any(p == "funds.unit" for p in cell_paths):
        return None
    percent = text.endswith("%")
    digits = text.rstrip("%")
    places = len(digits.split(".")[1]) if "." in digits else 0
    value = Decimal(digits) / (100 if percent else 1)
    stored: object = int(value) if not percent and places == 0 else float(value)
    pattern = "0" + ("." + "0" * places if places else "")
    if percent:
        return stored, pattern + "%"
    return stored, pattern if places else "General"


def write_xlsx(document: Document, path: Path, locations: Locations) -> None:
    """An Excel workbook (see the module's docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break as RowBreak

    name = str(path)
    book = Workbook()
    blank = book.active  # the new workbook's own sheet, removed once the others are made
    row_number = 0
    for title, event in sheet_events(document):
        if title not in book.sheetnames:
            book.create_sheet(title)
            row_number = 0
        sheet = book[title]
        if isinstance(event, Text):
            row_number += 1
            sheet.cell(row_number, 1, event.text)
            where = Location(name, row_number, 1, part=sheet.title, sheet=True)
            _note(locations[event.table], event.paths, str(where))
        elif isinstance(event, Rows):
            for row in event.rows:
                row_number += 1
                for cell in row.cells:
                    target = sheet.cell(row_number, cell.col + 1)
                    stored = (
                        number_cell(cell.text, cell.paths)
                        if document.options.numbers == "number"
                        else None
                    )
                    if stored is None:
                        target.value = cell.text or None
                    else:
                        target.value, target.number_format = stored
                    if "\n" in cell.text:
                        target.alignment = Alignment(wrap_text=True)
                    if cell.span > 1 or cell.down > 1:
                        sheet.merge_cells(
                            start_row=row_number,
                            start_column=cell.col + 1,
                            end_row=row_number + cell.down - 1,
                            end_column=cell.col + cell.span,
                        )
                    where = Location(name, row_number, cell.col + 1, part=sheet.title, sheet=True)
                    _note(locations[event.table], cell.paths, str(where))
        elif isinstance(event, Break):
            sheet.row_breaks.append(RowBreak(id=row_number))
    if blank is not None:
        book.remove(blank)
    for page in book.worksheets:
        for col in range(1, max(page.max_column, WIDTH) + 1):
            page.column_dimensions[get_column_letter(col)].width = 16
    book.save(path)


_FONT = "STSong-Light"
_SIZE = 8.0
_PAD = 3.0


def write_pdf(document: Document, path: Path, locations: Locations) -> None:
    """A PDF file (see the module's docstring)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    style = ParagraphStyle(
        "cell", fontName=_FONT, fontSize=_SIZE, leading=_SIZE * 1.25, wordWrap="CJK"
    )
    heading = ParagraphStyle("heading", parent=style, fontSize=11, leading=14, spaceAfter=6)

    def measure(text: str) -> float:
        return float(pdfmetrics.stringWidth(text, _FONT, _SIZE)) + 2 * _PAD + 1

    def paragraph(text: str, look: object = style) -> object:
        return Paragraph("<br/>".join(escape(t) for t in text.split("\n")), look)

    def ruled(rows: tuple[SheetRow, ...], sizes: list[float]) -> object:
        data: list[list[object]] = [[""] * columns_of(rows) for _ in rows]
        commands: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ]
        for r, row in enumerate(rows):
            for cell in row.cells:
                if cell.text:
                    data[r][cell.col] = paragraph(cell.text)
                if cell.span > 1 or cell.down > 1:
                    end = (cell.col + cell.span - 1, r + cell.down - 1)
                    commands.append(("SPAN", (cell.col, r), end))
        return Table(data, colWidths=sizes, style=TableStyle(commands))

    walk = list(events(document))
    sizes = column_widths(walk, measure, 110.0)
    name = str(path)
    story: list[object] = []
    page = 1
    for event in walk:
        if isinstance(event, Text):
            look = heading if event.kind in ("title", "heading") else style
            story.append(paragraph(event.text, look))
            _note(locations[event.table], event.paths, f"{name}:p{page}")
        elif isinstance(event, Rows):
            story.append(ruled(event.rows, sizes[event.table]))
            for row in event.rows:
                for cell in row.cells:
                    _note(locations[event.table], cell.paths, f"{name}:p{page}")
        else:
            story.append(PageBreak())
            page += 1
    wide = max((sum(s) for s in sizes.values()), default=600.0)
    SimpleDocTemplate(
        str(path),
        pagesize=(max(842.0, wide + 72), 14400.0),
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
    ).build(story)
