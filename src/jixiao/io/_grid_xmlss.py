"""XML Spreadsheet 2003 source of a grid: the "Excel" many systems export (private).

Budget and performance systems export "Excel" files that are no Excel 97-2003
workbook but the XML Spreadsheet of Excel 2003 (SpreadsheetML), under the
name ``.xls``; Excel opens them after a warning. Such a file is one XML
document: ``Workbook`` → ``Worksheet`` (``ss:Name``) → ``Table`` → ``Row`` →
``Cell`` → ``Data``. It is read with the standard library, as Excel shows it:

* a row's number is its ``ss:Index`` or the one after the row before; a cell's
  column its ``ss:Index`` or the one after the cell before and its merge;
* ``ss:MergeAcross`` and ``ss:MergeDown`` merge the cell rightwards and down;
* ``Data`` of ``ss:Type`` ``String`` is its text (rich text: its characters),
  ``Number`` the number shown in the cell's style's ``NumberFormat`` (named
  formats as Excel names them: ``Fixed`` 0.00, ``Percent`` 0.00%,
  ``Standard`` #,##0.00; a style's parent's format when it has none),
  ``DateTime`` the date, ``Boolean`` TRUE or FALSE, ``Error`` its code; a
  formula's stored value is what is shown (never computed);
* cells print as a workbook's do: ``report.xls:Sheet1!B7`` (one block a sheet).

Bounds: the size of an .xls (20 MB); no document type or entity declared;
the worksheets, rows, cells and merged cells of an .xlsx (500, 100,000,
200,000, 200,000, all sheets together); 64,000 styles; a row or column
index beyond Excel's (1,048,576 rows, 16,384 columns) is refused.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from jixiao.errors import ReadError
from jixiao.io._grid_base import Collector
from jixiao.io._grid_xlsx import sheet_lines
from jixiao.io._ooxml import Form, damaged, local, stream_events
from jixiao.io._xlsx_guard import MAX_CELLS, MAX_MERGED_CELLS, MAX_ROWS, MAX_SHEETS
from jixiao.io._xlsx_layout import cell_text
from jixiao.io.grid import Grid, SourceKind

__all__ = ["MAX_STYLES", "NAMESPACE", "XMLSS", "is_spreadsheet_xml", "xmlss_grid"]

NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet"
"""The namespace of SpreadsheetML's elements and ``ss:`` attributes."""
XMLSS = Form("an XML Spreadsheet 2003 workbook", "XML 电子表格 2003 工作簿", "")
_SS = "{" + NAMESPACE + "}"
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_NAMED_FORMATS = {
    "general": "General",
    "general number": "General",
    "fixed": "0.00",
    "standard": "#,##0.00",
    "percent": "0.00%",
}
_MAX_PARENTS = 32
"""The longest chain of styles followed to a number format."""
MAX_STYLES = 64_000
"""The most styles a workbook may declare (Excel's own limit of cell formats)."""


def is_spreadsheet_xml(head: bytes) -> bool:
    """Whether a file's first bytes *head* (lowercased, leading blanks removed)
    are those of an XML Spreadsheet: markup, a workbook, the namespace."""
    return head.startswith(b"<") and b"workbook" in head and NAMESPACE.encode() in head


class _Counts:
    __slots__ = ("cells", "merged", "rows", "sheets")

    def __init__(self) -> None:
        self.sheets = self.rows = self.cells = self.merged = 0

    def check(self, source: str) -> None:
        for count, bound, what, what_zh in (
            (self.sheets, MAX_SHEETS, "worksheets", "个工作表"),
            (self.rows, MAX_ROWS, "rows", "行"),
            (self.cells, MAX_CELLS, "cells", "个单元格"),
            (self.merged, MAX_MERGED_CELLS, "merged cells", "个合并单元格"),
        ):
            if count > bound:
                raise ReadError(
                    f"a workbook of over {bound:,} {what}; refused",
                    zh=f"工作簿超过 {bound:,} {what_zh}；拒绝读取",
                    source=source,
                )


def _index(element: ElementTree.Element, after: int, bound: int, source: str) -> int:
    """The 1-based index an element's ``ss:Index`` gives, else *after* + 1."""
    written = element.get(_SS + "Index")
    if written is None:
        index = after + 1
    else:
        try:
            index = int(written)
        except ValueError:
            index = 0
    if not 1 <= index <= bound:
        raise ReadError(
            f"a row or column index {written or index!r} beyond a worksheet; refused",
            zh=f"行号或列号 {written or index!r} 超出工作表；拒绝读取",
            source=source,
        )
    return index


def _span(element: ElementTree.Element, name: str, source: str) -> int:
    written = element.get(_SS + name, "0")
    if not written.isdigit() or int(written) > _MAX_COLUMN * 64:
        raise ReadError(
            f"a merge ss:{name}={written[:20]!r} that is no count of cells; refused",
            zh=f"合并 ss:{name}={written[:20]!r} 不是单元格数；拒绝读取",
            source=source,
        )
    return int(written)


def _formats(styles: dict[str, tuple[str | None, str | None]]) -> dict[str, str]:
    """Each style's number format: its own, else its parent's (``General`` at the end)."""
    found: dict[str, str] = {}
    for name in styles:
        current: str | None = name
        for _ in range(_MAX_PARENTS):
            if current is None or current not in styles:
                break
            own, parent = styles[current]
            if own is not None:
                found[name] = _NAMED_FORMATS.get(own.lower(), own)
                break
            current = parent
    return found


def _shown(data: ElementTree.Element, number_format: str) -> str | None:
    """What a cell's ``Data`` shows (``None``: nothing)."""
    kind = data.get(_SS + "Type", "String")
    text = "".join(data.itertext())
    if kind == "Number":
        if len(text) > 64:  # no double prints so many characters
            return text.strip()
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            return text.strip() or None  # as Excel would show what it cannot read
        if not number.is_finite() or not math.isfinite(float(number)):
            return text.strip()
        return cell_text(float(number), number_format)  # a double, shown as Excel shows it
    if kind == "Boolean":
        return "TRUE" if text.strip() in ("1", "true", "TRUE") else "FALSE"
    if kind == "DateTime":
        return text.strip().removesuffix(".000").removesuffix("T00:00:00").replace("T", " ")
    return text


def xmlss_grid(data: bytes, source: str) -> Grid:
    """The grid of an XML Spreadsheet 2003 file's bytes (see the module's docstring).

    Raises:
        ReadError: not well-formed XML, a document type or entity declared,
            no worksheet, or over the bounds; the message names *source*.
    """
    out = Collector(source)
    counts = _Counts()
    styles: dict[str, tuple[str | None, str | None]] = {}
    formats: dict[str, str] = {}
    sheet: tuple[str, dict[tuple[int, int], str], list[tuple[int, int, int, int]]] | None = None
    row = column = 0
    with damaged(source, XMLSS):
        events = stream_events(io.BytesIO(data), "the workbook", "工作簿", source)
        for event, element in events:
            tag = local(element.tag)
            if event == "start":
                if tag == "Worksheet":
                    counts.sheets += 1
                    counts.check(source)
                    name = element.get(_SS + "Name") or f"Sheet{counts.sheets}"
                    sheet, row = (name[:31], {}, []), 0
                    formats = formats or _formats(styles)
                elif tag == "Row" and sheet is not None:
                    row, column = _index(element, row, _MAX_ROW, source), 0
                    counts.rows += 1
                    counts.check(source)
                elif tag == "Cell":
                    if sheet is None or not row:
                        raise ReadError(
                            "a cell outside a row of a worksheet",
                            zh="工作表的行之外有单元格",
                            source=source,
                        )
                    column = _index(element, column, _MAX_COLUMN, source)
                continue
            if tag == "Style":
                own = next((c for c in element if local(c.tag) == "NumberFormat"), None)
                shape = own.get(_SS + "Format") if own is not None else None
                styles[element.get(_SS + "ID", "")] = (shape, element.get(_SS + "Parent"))
                element.clear()
                if len(styles) > MAX_STYLES:
                    raise ReadError(
                        f"a workbook of over {MAX_STYLES:,} styles; refused",
                        zh=f"工作簿的样式超过 {MAX_STYLES:,} 个；拒绝读取",
                        source=source,
                    )
            elif tag == "Cell" and sheet is not None and row:
                counts.cells += 1
                across, down = (
                    _span(element, "MergeAcross", source),
                    _span(element, "MergeDown", source),
                )
                data_element = next((c for c in element if local(c.tag) == "Data"), None)
                if data_element is not None:
                    shape = formats.get(element.get(_SS + "StyleID", ""), "General")
                    text = _shown(data_element, shape)
                    if text:
                        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
                    if text:
                        sheet[1][row, column] = text
                if across or down:
                    counts.merged += (across + 1) * (down + 1)  # cells, as the .xlsx guard counts
                    sheet[2].append((row, column, row + down, column + across))
                column += across
                element.clear()
                counts.check(source)
            elif tag == "Row":
                element.clear()
            elif tag == "Worksheet" and sheet is not None:
                title, texts, merges = sheet
                sheet_lines(out, title, counts.sheets, texts, merges)
                sheet = None
                element.clear()
    if not counts.sheets:
        raise ReadError(
            "an XML Spreadsheet with no worksheet", zh="没有工作表的 XML 电子表格", source=source
        )
    return out.grid(SourceKind.XMLSS, merges=True)
