"""xls source of a grid: every sheet of an Excel 97-2003 workbook (BIFF8), as
Excel displays it (private).

Government sites attach many tables as ``.xls`` files. The file is read with
the optional extra ``[xls]`` (xlrd, imported here only), after :func:`check`
has walked the workbook's records itself: the file must be an OLE2 compound
document (``D0 CF 11 E0``) holding a ``Workbook`` stream, and its records may
declare at most the bounds of an .xlsx workbook, all sheets together —
:data:`MAX_SHEETS` sheets, :data:`MAX_ROWS` rows, :data:`MAX_CELLS` cells
(a blank cell counted, as xlrd builds one for each when it reads formats: one
``MULBLANK`` record of 500 bytes declares 250) and :data:`MAX_MERGED_CELLS`
merged cells — so that xlrd is never handed more. A file over 20 MB, an
encrypted one and a damaged one are refused.

* Every worksheet is a block, numbered from 1 in workbook order; each of its
  rows with text is a line.
* A cell's text is what Excel displays for its value in its number format
  (:func:`jixiao.io._xlsx_layout.cell_text`, as for xlsx); a formula's value
  is the result Excel stored with it; an error value prints as Excel shows it
  (``#DIV/0!``).
* Merged ranges, locations (``book.xls:Sheet1!B7``) and columns as in xlsx
  (:func:`jixiao.io._grid_xlsx.sheet_lines`).
"""

from __future__ import annotations

import io
import struct
from typing import Any

from jixiao.errors import ReadError
from jixiao.io._grid_base import Collector
from jixiao.io._grid_xlsx import sheet_lines
from jixiao.io._ooxml import MAX_FILE_BYTES
from jixiao.io._xlsx_guard import MAX_CELLS, MAX_MERGED_CELLS, MAX_ROWS, MAX_SHEETS
from jixiao.io._xlsx_layout import cell_text
from jixiao.io.grid import Grid, SourceKind

__all__ = [
    "MAX_CELLS",
    "MAX_MERGED_CELLS",
    "MAX_ROWS",
    "MAX_SHEETS",
    "OLE_SIGNATURE",
    "check",
    "xls_grid",
]

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE2 compound document."""

_ONE_CELL = frozenset({0x0203, 0x00FD, 0x027E, 0x0201, 0x0204, 0x0205, 0x0006, 0x0406, 0x00D6})
"""The records of one cell: NUMBER, LABELSST, RK, BLANK, LABEL, BOOLERR, FORMULA, RSTRING."""
_MULRK, _MULBLANK, _ROW, _MERGEDCELLS, _BOUNDSHEET, _FILEPASS = (
    0x00BD, 0x00BE, 0x0208, 0x00E5, 0x0085, 0x002F,
)  # fmt: skip
_COUNTED = _ONE_CELL | {_MULRK, _MULBLANK, _ROW, _MERGEDCELLS, _BOUNDSHEET}
"""The records whose counts are held to the bounds (the others are stepped over)."""


def _xlrd(source: str) -> Any:
    try:
        import xlrd
    except ImportError:
        raise ReadError(
            "reading .xls needs xlrd: pip install 'jixiao[xls]'",
            zh="读取 .xls 需要 xlrd：pip install 'jixiao[xls]'",
            source=source,
        ) from None
    return xlrd


def _workbook_stream(xlrd: Any, data: bytes, source: str) -> tuple[bytes, int, int]:
    """The compound document's ``Workbook`` stream: (memory, start, length)."""
    try:
        document = xlrd.compdoc.CompDoc(data, logfile=io.StringIO())
        for name in ("Workbook", "Book"):
            memory, start, length = document.locate_named_stream(name)
            if memory is not None:
                return memory, start, length
    except Exception as error:
        raise ReadError(
            f"damaged .xls workbook ({type(error).__name__}: {error})",
            zh=f"损坏的 .xls 工作簿（{type(error).__name__}: {error}）",
            source=source,
        ) from None
    raise ReadError(
        "not an .xls workbook (no Workbook stream)",
        zh="不是 .xls 工作簿（没有 Workbook 流）",
        source=source,
    )


def check(data: bytes, source: str) -> None:
    """Refuse what xlrd should not be handed (see the module's docstring).

    Raises:
        ReadError: naming *source*, with the reason.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(
            f"file too large ({len(data):,} bytes; at most {MAX_FILE_BYTES:,} are read)",
            zh=f"文件过大（{len(data):,} 字节；最多读取 {MAX_FILE_BYTES:,} 字节）",
            source=source,
        )
    if not data.startswith(OLE_SIGNATURE):
        raise ReadError(
            "not an .xls workbook (not an OLE2 compound document)",
            zh="不是 .xls 工作簿（不是 OLE2 复合文档）",
            source=source,
        )
    memory, start, length = _workbook_stream(_xlrd(source), data, source)
    sheets = rows = cells = merged = 0
    position, end = start, min(start + length, len(memory))
    while position + 4 <= end:
        kind, size = struct.unpack_from("<HH", memory, position)
        body = position + 4
        if kind in _ONE_CELL:
            cells += 1
        elif kind == _MULRK:
            cells += max(size - 6, 0) // 6
        elif kind == _MULBLANK:
            cells += max(size - 6, 0) // 2
        elif kind == _ROW:
            rows += 1
        elif kind == _BOUNDSHEET:
            sheets += 1
        elif kind == _FILEPASS:
            raise ReadError(
                "an encrypted .xls workbook; refused",
                zh="加密的 .xls 工作簿；拒绝读取",
                source=source,
            )
        elif kind == _MERGEDCELLS and size >= 2:
            count = struct.unpack_from("<H", memory, body)[0]
            for at in range(body + 2, min(body + 2 + 8 * count, body + size, end - 7), 8):
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", memory, at)
                merged += (abs(last_row - first_row) + 1) * (abs(last_col - first_col) + 1)
        if kind not in _COUNTED:
            position = body + size
            continue
        for count, bound, what, zh in (
            (sheets, MAX_SHEETS, "worksheets", "个工作表"),
            (rows, MAX_ROWS, "rows", "行"),
            (cells, MAX_CELLS, "cells", "个单元格"),
            (merged, MAX_MERGED_CELLS, "merged cells", "个合并单元格"),
        ):
            if count > bound:
                raise ReadError(
                    f"more than {bound:,} {what}; refused",
                    zh=f"超过 {bound:,} {zh}；拒绝读取",
                    source=source,
                )
        position = body + size


def _text(xlrd: Any, book: Any, cell: Any) -> str | None:
    """What Excel displays in *cell* (``None`` when it prints nothing)."""
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#VALUE!"))
    if kind == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except Exception:  # a date out of Excel's range: shown as Excel shows it
            return "#####"
    elif kind == xlrd.XL_CELL_BOOLEAN:
        value = bool(value)
    shape = "General"
    if kind != xlrd.XL_CELL_TEXT and 0 <= cell.xf_index < len(book.xf_list):
        number_format = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        shape = getattr(number_format, "format_str", "General") or "General"
    text = cell_text(value, shape)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def xls_grid(data: bytes, source: str) -> Grid:
    """The grid of an .xls workbook's bytes (see the module's docstring).

    Raises:
        ReadError: the file is refused by :func:`check`, xlrd cannot read it,
            or xlrd is not installed; the message names *source*.
    """
    check(data, source)
    xlrd = _xlrd(source)
    try:
        book = xlrd.open_workbook(
            file_contents=data,
            formatting_info=True,
            ragged_rows=True,
            on_demand=False,
            logfile=io.StringIO(),
        )
    except Exception as error:
        raise ReadError(
            f"not a readable .xls workbook ({type(error).__name__}: {error})",
            zh=f"无法读取的 .xls 工作簿（{type(error).__name__}: {error}）",
            source=source,
        ) from None
    out = Collector(source)
    try:
        for block, sheet in enumerate(book.sheets(), start=1):
            texts: dict[tuple[int, int], str] = {}
            for row in range(sheet.nrows):
                for column in range(sheet.row_len(row)):
                    text = _text(xlrd, book, sheet.cell(row, column))
                    if text:
                        texts[row + 1, column + 1] = text
            merges = [(a + 1, c + 1, b, d) for a, b, c, d in sheet.merged_cells]
            sheet_lines(out, sheet.name, block, texts, merges)
    finally:
        book.release_resources()
    return out.grid(SourceKind.XLS, merges=True)
