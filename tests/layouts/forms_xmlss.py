"""The XML Spreadsheet 2003 form: "Excel" as systems export it, under the name ``.xls``.

As the xls form (:mod:`tests.layouts.forms_xls`): one sheet, or one per
table; a row per printed row, text lines in column A; numbers as text or as
``Number`` data with a style whose ``NumberFormat`` prints them as the table
does (``Fixed`` for 0.00, ``Percent`` for 0.00%, a literal format
otherwise). Written as such exports write it: empty cells left out and the
next cell given its ``ss:Index``, merges as ``ss:MergeAcross`` and
``ss:MergeDown``, a row after a gap given its ``ss:Index``, line breaks as
``&#10;``, a double written with 17 significant digits when
``options.digits`` is set. Location ``file:Sheet!B7``.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from jixiao.io.grid import Location

from .document import Document
from .forms_rich import number_cell
from .walk import Rows, Text, sheet_events

__all__ = ["write_xmlss"]

Locations = tuple[dict[str, str], ...]

_NAMED = {"0.00": "Fixed", "0.00%": "Percent"}


def _number(value: object, digits: bool) -> str:
    if digits and isinstance(value, float):
        return f"{value:.17g}"
    return repr(value)


def write_xmlss(document: Document, path: Path, locations: Locations) -> None:
    """An XML Spreadsheet (see the module's docstring)."""
    name = str(path)
    options = document.options
    styles: dict[str, str] = {}  # number format → style id
    sheets: dict[str, list[str]] = {}
    row_number: dict[str, int] = {}
    written: dict[str, int] = {}  # the last row each sheet wrote

    def row_of(title: str, r: int, cells: str) -> None:
        index = f' ss:Index="{r}"' if r != written[title] + 1 else ""
        sheets[title].append(f"<Row{index}>{cells}</Row>")
        written[title] = r

    for title, event in sheet_events(document):
        sheets.setdefault(title, [])
        row_number.setdefault(title, 0)
        written.setdefault(title, 0)
        if isinstance(event, Text):
            row_number[title] += 1
            r = row_number[title]
            text = escape(event.text).replace("\n", "&#10;")
            row_of(title, r, f'<Cell><Data ss:Type="String">{text}</Data></Cell>')
            where = Location(name, r, 1, part=title, sheet=True)
            for p in event.paths:
                locations[event.table].setdefault(p, str(where))
        elif isinstance(event, Rows):
            for sheet_row in event.rows:
                row_number[title] += 1
                r = row_number[title]
                cells, last = [], 0
                for c in sorted(sheet_row.cells, key=lambda c: c.col):
                    stored = number_cell(c.text, c.paths) if options.numbers == "number" else None
                    style = ""
                    if stored is not None:
                        value, shape = stored
                        if shape not in styles:
                            styles[shape] = f"s{len(styles) + 21}"
                        style = f' ss:StyleID="{styles[shape]}"'
                        body = f'<Data ss:Type="Number">{_number(value, options.digits)}</Data>'
                    elif c.text:
                        text = escape(c.text).replace("\n", "&#10;")
                        body = f'<Data ss:Type="String">{text}</Data>'
                    else:
                        body = ""
                    merge = f' ss:MergeAcross="{c.span - 1}"' if c.span > 1 else ""
                    merge += f' ss:MergeDown="{c.down - 1}"' if c.down > 1 else ""
                    where = Location(name, r, c.col + 1, part=title, sheet=True)
                    for p in c.paths:
                        locations[event.table].setdefault(p, str(where))
                    if not body and not merge:
                        continue  # an empty cell: left out, as exports leave it
                    index = f' ss:Index="{c.col + 1}"' if c.col != last else ""
                    cells.append(f"<Cell{index}{merge}{style}>{body}</Cell>")
                    last = c.col + c.span
                if cells:
                    row_of(title, r, "".join(cells))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <Styles>\n  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:WrapText="1"/></Style>',
    ]
    for shape, ident in styles.items():
        written_shape = _NAMED.get(shape, shape)
        out.append(
            f'  <Style ss:ID="{ident}"><NumberFormat ss:Format={quoteattr(written_shape)}/></Style>'
        )
    out.append(" </Styles>")
    for title, rows in sheets.items():
        out.append(f" <Worksheet ss:Name={quoteattr(title)}>\n  <Table>")
        out.extend("   " + row for row in rows)
        out.append("  </Table>\n </Worksheet>")
    out.append("</Workbook>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
