"""Reading and writing the tables people actually have.

:func:`read_tables` reads any supported file into project tables and reports
everything it could not place; nothing is dropped silently. Every form but the
library's own is read the same way: the file becomes a grid of located cells
(:mod:`jixiao.io.sources`) and one layout recogniser reads the tables from it
(:mod:`jixiao.io.recognise`).

===========================  ===========================================================
form                         reader / writer
===========================  ===========================================================
``.toml``, ``.json``         the library's own form (:mod:`jixiao.project.file`), both ways
``.txt``, ``.tsv``           text extracted from PDFs: tab-separated, or laid out with
                             spaces as ``pdftotext -layout`` writes it (a ``.txt``
                             without tabs holding a Markdown delimiter row: Markdown)
``.csv``                     comma-separated values, as a sheet is exported (UTF-8)
``.md``, ``.markdown``       Markdown pipe tables
``.html``, ``.htm``          web pages saved from a government site (``.shtml`` and
                             ``.xhtml`` too, as a page downloaded by its address is named)
``.mht``, ``.mhtml``         web pages saved as one file (a web archive; Word's 单个文件网页)
``.xlsx``, ``.xlsm``         Excel workbooks (``pip install 'jixiao[xlsx]'``); written by
                             :func:`jixiao.io.xlsx.write_xlsx`; an audit's findings
                             marked in a copy by :func:`jixiao.io.xlsx_mark.mark_workbook`
``.xls``                     Excel 97-2003 workbooks (``pip install 'jixiao[xls]'``); an
                             XML Spreadsheet 2003 or web page exported under that name
``.et``                      WPS spreadsheets, in the Excel 97-2003 or .xlsx form (by content)
``.docx``, ``.docm``         Word documents: their tables and paragraphs (no extra needed)
``.pdf``                     PDF files, ruled tables or positioned words
                             (``pip install 'jixiao[pdf]'``)
``.ofd``                     OFD files (GB/T 33190), ruled tables or positioned characters
===========================  ===========================================================
"""

from __future__ import annotations

from pathlib import Path

from jixiao.io._grid_base import encoding_named
from jixiao.io.recognise import recognise
from jixiao.io.result import ReadResult, Unplaced
from jixiao.io.sources import SUFFIXES as GRID_SUFFIXES
from jixiao.io.sources import read_grid, unknown_form
from jixiao.project.file import load_table

__all__ = ["SUFFIXES", "ReadResult", "Unplaced", "read_tables"]

SUFFIXES = (".toml", ".json", *GRID_SUFFIXES)
"""Every suffix :func:`read_tables` reads."""


def read_tables(path: str | Path, *, encoding: str | None = None) -> ReadResult:
    """Read every project table in *path* (by its suffix), with what could not be placed.

    *encoding* names the encoding of a text, CSV, Markdown or HTML file whose
    bytes do not say theirs (no byte-order mark; for HTML, over its
    ``<meta>`` charset): ``"gbk"`` for what Chinese Windows saves as "ANSI"
    text or Excel as plain CSV. Without it such a file must be UTF-8; an
    encoding is never guessed.

    Raises:
        ReadError: the file is missing, unreadable, of an unknown form, or hostile.
        InputError: *encoding* is no text encoding.
    """
    if encoding is not None:
        encoding = encoding_named(encoding)  # refused whatever the file's form
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".toml", ".json"):
        return ReadResult(str(path), (load_table(file),), ())
    if suffix in GRID_SUFFIXES:
        return recognise(read_grid(file, encoding=encoding))
    raise unknown_form(suffix, str(path), SUFFIXES)
