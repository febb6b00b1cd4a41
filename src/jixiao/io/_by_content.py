"""Files read as what their bytes are, under the names systems give them (private).

Budget and performance systems, and many web applications, export "Excel" and
"Word" files that are no Excel or Word 97-2003 file: an XML Spreadsheet 2003,
a web page, tab-separated text or an ``.xlsx`` package named ``.xls``; a web
page, a web archive (Word's 单个文件网页), Word's XML document or a ``.docx``
package named ``.doc``. Excel and Word open them after a warning (Word without
one), and so does the reader: a workbook's name (``.xls``, ``.et``) or a
document's (``.doc``, ``.wps``) is read as what the content is, and a note
says what that is. A real Excel 97-2003 workbook (OLE2) is read by the xls
reader; a real Word 97-2003 or WPS document (OLE2) and an RTF document are
refused with what to do. Nothing is guessed: content of none of these forms is
refused, saying what was looked for.
"""

from __future__ import annotations

from pathlib import Path

import attrs

import jixiao.io._grid_docx as _grid_docx
import jixiao.io._grid_html as _grid_html
import jixiao.io._grid_mht as _grid_mht
import jixiao.io._grid_text as _grid_text
import jixiao.io._grid_wordxml as _grid_wordxml
import jixiao.io._grid_xls as _grid_xls
import jixiao.io._grid_xlsx as _grid_xlsx
import jixiao.io._grid_xmlss as _grid_xmlss
from jixiao.errors import ReadError, Wording
from jixiao.io._grid_base import byte_order_mark, check_text, collection_paused, decode_text
from jixiao.io.grid import Grid, Location

__all__ = ["RTF_UNREAD", "sheet_file", "word_file"]

_PAGE_MARKS = (b"<!doctype html", b"<html", b"<table")
"""What the first 4 kB of a web page print (lowercased)."""
_ZIP = b"PK\x03\x04"
_WORD_XML_MARKS = (
    (b"schemas.microsoft.com/office/word/2003/wordml", "a Word 2003 XML document"),
    (b"schemas.microsoft.com/office/2006/xmlpackage", "a Word XML document"),
)
"""What the first 4 kB of Word's XML documents print (their namespace), and
what each is (:mod:`jixiao.io._grid_wordxml`)."""


def _head(data: bytes) -> tuple[int, bytes]:
    """The length of *data*'s byte-order mark, and its first 4 kB after it,
    lowercased, leading blanks stripped (UTF-16 read, to be looked at)."""
    start, marked = byte_order_mark(data)
    head = data[start : start + 4096]
    if marked is not None and marked != "utf-8":  # UTF-16: what it says, to look at
        head = head.decode(marked, "ignore").encode("utf-8")
    return start, head.lstrip().lower()


def _is_page(head: bytes) -> bool:
    return head.startswith(b"<") and any(mark in head for mark in _PAGE_MARKS)


def _noted(grid: Grid, what: str, file: Path, as_: str) -> Grid:
    note = f"the file is {what} under the name {file.suffix}, as systems export {as_}: read as such"
    return attrs.evolve(grid, notes=((Location(grid.source, 1), note), *grid.notes))


def _page(data: bytes, source: str, named: str | None) -> Grid:
    text, note = _grid_html.decode_html(data, source, named)
    return _grid_html.page_grid(text, source, (note,) if note else ())


def sheet_file(data: bytes, file: Path, source: str, named: str | None) -> Grid:
    """A file named as a workbook (``.xls``, ``.et``), read as what its content
    is: an Excel 97-2003 workbook (OLE2, as Excel and WPS save them), an .xlsx
    package, or what systems export as "Excel" under that name — an XML
    Spreadsheet 2003, a web page of tables, tab-separated text — each noted as
    what it is; refused when it is none of these."""
    if data.startswith(_grid_xls.OLE_SIGNATURE):
        with collection_paused():
            return _grid_xls.xls_grid(data, source)
    if data.startswith(_ZIP):
        return _noted(_grid_xlsx.xlsx_grid(file, source), "an .xlsx workbook", file, '"Excel"')
    start, head = _head(data)
    if _grid_xmlss.is_spreadsheet_xml(head):
        with collection_paused():
            grid, what = _grid_xmlss.xmlss_grid(data, source), "an XML Spreadsheet 2003"
    elif _is_page(head):
        grid, what = _page(data, source, named), "a web page"
    elif b"\t" in data[: 1 << 16] and (start or b"\x00" not in data[: 1 << 16]):
        text = check_text(decode_text(data, source, named, hint=".txt"), source)
        with collection_paused():
            grid, what = _grid_text.tsv_grid(text, source), "tab-separated text"
    else:
        unread = _ET_UNREAD if file.suffix.lower() == ".et" else _XLS_UNREAD
        raise ReadError(unread.en, zh=unread.zh, source=source)
    return _noted(grid, what, file, '"Excel"')


def word_file(data: bytes, file: Path, source: str, named: str | None) -> Grid:
    """A file named as a Word or WPS document (``.doc``, ``.wps``), read as
    what its content is: a .docx package, or what systems export as "Word"
    under that name — a web page, a web archive (Word's 单个文件网页), Word's
    XML document (of Word 2003, or a flat package) — each
    noted as what it is. A Word 97-2003 or WPS document (OLE2) and an RTF
    document are refused with what to do, and so is any other content."""
    wps = file.suffix.lower() == ".wps"
    if data.startswith(_grid_xls.OLE_SIGNATURE):
        binary = _WPS_BINARY if wps else _DOC_BINARY
        raise ReadError(binary.en, zh=binary.zh, source=source)
    if data.startswith(_ZIP):
        with collection_paused():
            grid = _grid_docx.docx_grid(file, source)
        return _noted(grid, "a .docx document", file, '"Word"')
    _, head = _head(data)
    if head.startswith(b"{\\rtf"):
        raise ReadError(RTF_UNREAD.en, zh=RTF_UNREAD.zh, source=source)
    if head.startswith(b"mime-version:") or b"\nmime-version:" in head[:2048]:
        with collection_paused():
            page, notes = _grid_mht.archived_page(data, source, named)
        grid = _grid_html.page_grid(page, source, tuple(notes))
        return _noted(grid, "a web archive (.mht)", file, '"Word"')
    xml = next((what for mark, what in _WORD_XML_MARKS if mark in head), None)
    if xml is not None:  # Word's XML, as Java systems fill a template for "Word"
        with collection_paused():
            grid = _grid_wordxml.word_xml_grid(data, source)
        return _noted(grid, xml, file, '"Word"')
    if _is_page(head):
        return _noted(_page(data, source, named), "a web page", file, '"Word"')
    unread = _WPS_UNREAD if wps else _DOC_UNREAD
    raise ReadError(unread.en, zh=unread.zh, source=source)


_XLS_UNREAD = Wording(
    "not an .xls workbook: its content is no Excel 97-2003 workbook (OLE2), .xlsx "
    "package, XML Spreadsheet, web page or tab-separated text",
    "不是 .xls 工作簿：其内容不是 Excel 97-2003 工作簿（OLE2）、.xlsx 包、XML 电子表格、网页或制表符分隔的文本",
)
_ET_UNREAD = Wording(
    "a WPS spreadsheet (.et) in neither the Excel 97-2003 nor the .xlsx form (nor a "
    'form systems export as "Excel") is not read: save it as .xlsx (WPS: Save As)',
    "不读取既非 Excel 97-2003 形式、也非 .xlsx 形式（亦非系统导出的“Excel”形式）的 WPS 表格文档（.et）："
    "请另存为 .xlsx（WPS：另存为）",
)
_DOC_BINARY = Wording(
    "a Word 97-2003 document (.doc) is not read: save it as .docx (Word or WPS: Save As)",
    "不读取 Word 97-2003 文档（.doc）：请另存为 .docx（Word 或 WPS：另存为）",
)
_WPS_BINARY = Wording(
    "a WPS document (.wps) is not read: save it as .docx (WPS: Save As)",
    "不读取 WPS 文字文档（.wps）：请另存为 .docx（WPS：另存为）",
)
RTF_UNREAD = Wording(  # also how a file named .rtf is refused (sources.UNREAD_FORMS)
    "an RTF document is not read: save it as .docx (Word or WPS: Save As)",
    "不读取 RTF 文档：请另存为 .docx（Word 或 WPS：另存为）",
)
_DOC_UNREAD = Wording(
    "not a Word document: its content is no Word 97-2003 document (OLE2), .docx "
    "package, Word XML document, web page or web archive",
    "不是 Word 文档：其内容不是 Word 97-2003 文档（OLE2）、.docx 包、Word XML 文档、网页或网页存档",
)
_WPS_UNREAD = Wording(
    "not a WPS document: its content is no WPS or Word 97-2003 document (OLE2), "
    ".docx package, Word XML document, web page or web archive",
    "不是 WPS 文字文档：其内容不是 WPS 或 Word 97-2003 文档（OLE2）、.docx 包、Word XML 文档、"
    "网页或网页存档",
)
