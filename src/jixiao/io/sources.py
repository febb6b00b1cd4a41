"""Every input form, read into one :class:`~jixiao.io.grid.Grid` of located cells.

A source reports what it found and nothing more: it does not know what a
project table is (the layout recogniser does). It never drops printed text
silently (what it cannot keep as it is, it notes in
:attr:`~jixiao.io.grid.Grid.notes`), never guesses, and stays bounded in time
and memory: a hostile file gets a :class:`~jixiao.errors.ReadError` naming the
file.

==========================  ==============================================  =========================
suffix                      form                                            a cell prints as
==========================  ==============================================  =========================
``.txt`` (a tab anywhere)   tab-separated text (the seeds' form)            ``report.txt:12:3``
``.txt`` (no tab)           text laid out with spaces (``pdftotext          ``report.txt:12:41``
                            -layout``)                                      (display column)
``.tsv``                    tab-separated text                              ``report.tsv:12:3``
``.csv``                    comma-separated values (a sheet exported)       ``sheet.csv:12:3``
                                                                            (the record's first
                                                                            line, field)
``.md``, ``.markdown``      Markdown: pipe tables, tables drawn with        ``notes.md:12:3``
                            characters (pandoc's grid tables, ``+---+``,    (a drawn table: the
                            ``┌─┬─┐``; also in a ``.txt``) and text         row's first line,
                                                                            its column)
``.html``, ``.htm``         a saved web page: its tables and text           ``page.html:t2:5:3``
(``.shtml``, ``.xhtml``)    (as a page downloaded by its address is named)
``.mht``, ``.mhtml``        a web page saved as one file (a browser's web   ``page.mht:t2:5:3``
                            archive; Word's and WPS's 单个文件网页): its
                            page read as an HTML file
``.xlsx``, ``.xlsm``        every sheet of a workbook (``[xlsx]``; the      ``book.xlsx:Sheet1!B7``
                            macros of an ``.xlsm`` never run)
``.xls``                    an Excel 97-2003 workbook (``[xls]``); what     ``book.xls:Sheet1!B7``
                            systems export as "Excel" under that name is
                            read by its content: an XML Spreadsheet 2003,
                            a web page, tab-separated text, an .xlsx
``.et``                     a WPS spreadsheet, read as the Excel 97-2003    ``book.et:Sheet1!B7``
                            (``[xls]``) or .xlsx (``[xlsx]``) workbook its
                            content is, or as an ``.xls`` of other content
``.docx``, ``.docm``        a Word document: its tables and paragraphs      ``report.docx:t2:5:3``
                            (the macros of a ``.docm`` never run)           (a paragraph:
                                                                            ``report.docx:12``)
``.doc``, ``.wps``          what systems export as "Word" under that name,  ``report.doc:t2:5:3``
                            read by its content: a web page, a web
                            archive, Word's XML document, a ``.docx`` (a
                            Word 97-2003 or WPS document itself is not
                            read)
``.pdf``                    ruled tables and positioned words (``[pdf]``)   ``report.pdf:p3:12:4``
``.ofd``                    OFD (GB/T 33190): ruled tables and positioned   ``report.ofd:p3:12:4``
                            characters (no extra needed)
==========================  ==============================================  =========================

What each form cannot know: text, CSV and Markdown pipe tables have no merged cells (a
merged cell is printed once, and the rows below it are simply empty there) and
HTML, Markdown, CSV, workbooks and Word documents no pages; laid-out text, and
PDF and OFD text outside ruled tables, have no columns, only positions; a cell
of laid-out text that wraps continues on the next lines, reported as they are.
See the private modules ``_by_content`` (files read by their content),
``_grid_text``, ``_grid_markdown`` (with ``_grid_drawn``), ``_grid_csv``, ``_grid_html``, ``_grid_wordxml``,
``_grid_mht``, ``_grid_docx``, ``_grid_xlsx``, ``_grid_xls``, ``_grid_xmlss``,
``_grid_pdf`` and ``_grid_ofd`` (with ``_ruled``) for the details of each form.

File guards, before anything is parsed: the path must name a regular file (a
directory, a device — ``/dev/zero`` or a symlink to it —, a FIFO or a socket is
refused from its ``stat``, before it is opened); text, Markdown, HTML and
web archive files over 20 MB, xlsx and docx over 20 MB (or unpacking to more
than 200 MB, a docx's document part to more than 20 MB), xls over 20 MB and PDF over
50 MB are refused; text must be UTF-8, or UTF-16 or UTF-8 with a byte-order
mark (never a guessed encoding; the first undecodable byte is named by its
offset) without NUL characters, and at most 200,000 lines; a grid holds
at most 2,000,000 cells.

>>> grid = text_grid("项目名称:\\t社区活动\\n总分\\t\\t100.00\\n", "x.txt")
>>> [(str(cell.location), cell.text) for cell in grid.lines[1].cells]
[('x.txt:2:1', '总分'), ('x.txt:2:3', '100.00')]
"""

from __future__ import annotations

from pathlib import Path

import jixiao.io._grid_csv as _grid_csv
import jixiao.io._grid_docx as _grid_docx
import jixiao.io._grid_html as _grid_html
import jixiao.io._grid_markdown as _grid_markdown
import jixiao.io._grid_mht as _grid_mht
import jixiao.io._grid_ofd as _grid_ofd
import jixiao.io._grid_pdf as _grid_pdf
import jixiao.io._grid_text as _grid_text
import jixiao.io._grid_xlsx as _grid_xlsx
from jixiao.errors import ReadError, Wording
from jixiao.io._by_content import RTF_UNREAD, sheet_file, word_file
from jixiao.io._files import check_file, read_file, too_large
from jixiao.io._grid_base import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_LINE_CELLS,
    MAX_LINES,
    check_text,
    collection_paused,
    decode_text,
    encoding_named,
)
from jixiao.io.grid import Grid

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_LINES",
    "MAX_LINE_CELLS",
    "MAX_PDF_BYTES",
    "MAX_PDF_PAGES",
    "SUFFIXES",
    "UNREAD_FORMS",
    "decode_text",
    "html_grid",
    "markdown_grid",
    "read_grid",
    "text_grid",
    "unknown_form",
]

MAX_PDF_BYTES = _grid_pdf.MAX_PDF_BYTES
"""The largest PDF read (50 MB)."""
MAX_PDF_PAGES = _grid_pdf.MAX_PAGES
"""The most pages a PDF may have (500)."""

SUFFIXES = (
    ".txt", ".tsv", ".csv", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml",
    ".xlsx", ".xlsm", ".xls", ".et", ".docx", ".docm", ".doc", ".wps",
    ".pdf", ".ofd",
)  # fmt: skip
"""The file suffixes :func:`read_grid` reads."""

UNREAD_FORMS = {
    ".odt": Wording(
        "an OpenDocument text (.odt) is not read: save it as .docx (LibreOffice, WPS: Save As)",
        "不读取 OpenDocument 文本（.odt）：请另存为 .docx（LibreOffice 或 WPS：另存为）",
    ),
    ".ods": Wording(
        "an OpenDocument spreadsheet (.ods) is not read: save it as .xlsx (LibreOffice, WPS: "
        "Save As)",
        "不读取 OpenDocument 电子表格（.ods）：请另存为 .xlsx（LibreOffice 或 WPS：另存为）",
    ),
    ".rtf": RTF_UNREAD,  # as under the name .doc
}
"""Forms tables are published in that are not read, each with what to do:
refused with these words, and listed (not skipped) when a folder is read."""


def unknown_form(suffix: str, source: str, suffixes: tuple[str, ...] = SUFFIXES) -> ReadError:
    """The error for a file of *suffix*: what to do with it when it is one of
    :data:`UNREAD_FORMS`, else the forms that are read (*suffixes*)."""
    said = UNREAD_FORMS.get(suffix.lower())
    if said is not None:
        return ReadError(said.en, zh=said.zh, source=source)
    return ReadError(
        f"unknown file form; expected one of {', '.join(suffixes)}",
        zh=f"未知的文件形式；应为 {', '.join(suffixes)} 之一",
        source=source,
    )


def read_grid(path: str | Path, *, encoding: str | None = None) -> Grid:
    """Read the file *path* into a grid, by its suffix (see :data:`SUFFIXES`).

    Args:
        path: the file; it names the grid's ``source`` as given.
        encoding: the encoding of a text, CSV, Markdown or HTML file whose
            bytes do not say theirs (``"gbk"``; see :func:`decode_text`);
            workbooks, Word documents and PDFs say their own.

    Returns:
        Its printed rows as located cells.

    Raises:
        ReadError: the file is missing, not a regular file, too large, of an
            unknown form, undecodable, binary, damaged or hostile, or needs an
            extra that is not installed (``jixiao[xlsx]``, ``jixiao[pdf]``);
            the message names the file.
        InputError: *encoding* is no text encoding.
    """
    named = encoding_named(encoding) if encoding is not None else None
    source = str(path)
    file = path if isinstance(path, Path) else Path(path)
    size = check_file(file, source)
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise unknown_form(suffix, source)
    if suffix in (".xlsx", ".xlsm"):  # a macro-enabled workbook: its macros never run
        return _grid_xlsx.xlsx_grid(file, source)
    if suffix in (".xls", ".et"):
        return sheet_file(read_file(file, source, size, MAX_BYTES), file, source, named)
    if suffix in (".doc", ".wps"):
        return word_file(read_file(file, source, size, MAX_BYTES), file, source, named)
    if suffix in (".docx", ".docm"):  # a macro-enabled document: its macros never run
        with collection_paused():
            return _grid_docx.docx_grid(file, source)
    if suffix == ".ofd":
        with collection_paused():
            return _grid_ofd.ofd_grid(file, source)
    if suffix == ".pdf":
        return _grid_pdf.pdf_grid(read_file(file, source, size, MAX_PDF_BYTES), source)
    data = read_file(file, source, size, MAX_BYTES)
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return html_grid(data, source, encoding=named)
    if suffix in (".mht", ".mhtml"):
        with collection_paused():
            page, notes = _grid_mht.archived_page(data, source, named)
        return _grid_html.page_grid(page, source, tuple(notes))
    text = decode_text(data, source, named, hint=suffix)
    if suffix in (".md", ".markdown"):
        return markdown_grid(text, source)
    if suffix in (".tsv", ".csv"):
        read = _grid_text.tsv_grid if suffix == ".tsv" else _grid_csv.csv_grid
        text = check_text(text, source)
        with collection_paused():
            return read(text, source)
    return text_grid(text, source)


def text_grid(text: str, source: str = "<text>") -> Grid:
    """Read extracted text: tab-separated when a tab is anywhere in it; else
    Markdown when it holds a pipe table (a delimiter row ``|---|---|``, or two
    lines in a row between pipes: text a converter or a chat tool wrote, saved
    as ``.txt``) or a table drawn with characters (``+---+---+``, as pandoc
    writes one); else laid out with spaces.

    Args:
        text: the text (a leading byte-order mark is ignored).
        source: the file it came from, for locations and messages.

    Returns:
        Its lines as located cells (kind ``TSV``, ``MARKDOWN`` or ``LAYOUT``).

    Raises:
        ReadError: NUL characters, more than 20 MB or 200,000 lines, or more
            than ``MAX_CELLS`` cells.
    """
    text = check_text(text.removeprefix("\ufeff"), source)
    with collection_paused():
        if "\t" in text:
            return _grid_text.tsv_grid(text, source)
        if _grid_markdown.has_pipe_table(text):
            return _grid_markdown.markdown_grid(text, source)
        return _grid_text.layout_grid(text, source)


def markdown_grid(text: str, source: str = "<markdown>") -> Grid:
    """Read Markdown: its pipe tables (a block each) and the text lines around them.

    Args:
        text: the Markdown text (a leading byte-order mark is ignored).
        source: the file it came from, for locations and messages.

    Returns:
        Its lines as located cells (kind ``MARKDOWN``).

    Raises:
        ReadError: as :func:`text_grid`.
    """
    text = check_text(text.removeprefix("\ufeff"), source)
    with collection_paused():
        return _grid_markdown.markdown_grid(text, source)


def html_grid(text: str | bytes, source: str = "<html>", *, encoding: str | None = None) -> Grid:
    """Read an HTML page: each top-level table a block, and the text around them.

    Args:
        text: the page, as text or as the file's bytes (then decoded by its
            byte-order mark, else by *encoding*, else its ``<meta>``
            charset, else as UTF-8; GB2312 and GBK as GB18030).
        source: the file it came from, for locations and messages.
        encoding: the page's encoding, as the user names it (over a
            ``<meta>`` charset, which a page may declare wrongly).

    Returns:
        Its lines as located cells (kind ``HTML``, with merges).

    Raises:
        ReadError: bytes that do not decode (the offset named), NUL
            characters, more than 20 MB, or more than ``MAX_CELLS`` cells.
    """
    notes: tuple[str, ...] = ()
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise too_large(MAX_BYTES, source)
        named = encoding_named(encoding) if encoding is not None else None
        text, note = _grid_html.decode_html(text, source, named)
        notes = (note,) if note else ()
    return _grid_html.page_grid(text, source, notes)
