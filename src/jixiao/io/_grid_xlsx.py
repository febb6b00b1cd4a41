"""xlsx source of a grid: every sheet of a workbook, as Excel displays it (private).

The file is first checked by :func:`jixiao.io._xlsx_guard.check` (size, zip,
zip bombs, cell counts), which also finds the formula cells without a stored
value; only then does openpyxl (the optional extra ``[xlsx]``, imported here
only) open it, with ``data_only=True``.

* Every worksheet is a block, numbered from 1 in workbook order; each of its
  rows with text is a line.
* A cell's text is what Excel displays for its value in its number format
  (:func:`jixiao.io._xlsx_layout.cell_text`), line ends made ``"\\n"``,
  stripped.
* A formula without a stored value is recomputed when it is a SUM of
  same-sheet cells that are empty or hold numbers
  (:mod:`jixiao.io._xlsx_formula`), shown in the cell's number format and
  noted ("formula without a stored value, recomputed by jixiao (=SUM(H14:H20)
  = 90.00)"); any other shows ``#####`` and is noted ("… not computed") with
  its formula and the reason. Nothing else is ever evaluated.
* A merged range gives its first cell ``colspan`` / ``rowspan``; each lower
  row it covers gets one ``continued`` cell at its first column (when the
  range prints something).
* Locations print as ``book.xlsx:Sheet1!B7``; ``x0, x1 = column - 1,
  column - 1 + colspan``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import jixiao.io._xlsx_guard as guard
from jixiao.errors import ReadError
from jixiao.io._grid_base import Collector, line_text
from jixiao.io._xlsx_formula import RECOMPUTED_NOTE, UNCOMPUTED_NOTE, recompute
from jixiao.io._xlsx_layout import cell_text, format_number
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

__all__ = ["sheet_lines", "xlsx_grid"]

_HIDDEN = "#####"


def _openpyxl(source: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ReadError(
            "reading .xlsx needs openpyxl: pip install 'jixiao[xlsx]'",
            zh="读取 .xlsx 需要 openpyxl：pip install 'jixiao[xlsx]'",
            source=source,
        ) from None
    return openpyxl


def xlsx_grid(file: Path, source: str) -> Grid:
    """The grid of an .xlsx workbook (see the module's docstring).

    Raises:
        ReadError: the file is refused by the guard, cannot be opened by
            openpyxl, or openpyxl is not installed; the message names *source*.
    """
    formulas = guard.check(file, source)
    openpyxl = _openpyxl(source)
    try:
        # opened here: openpyxl refuses a path of another suffix (a WPS .et)
        with warnings.catch_warnings(), file.open("rb") as stream:
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                stream, read_only=False, data_only=True, keep_vba=False, keep_links=False
            )
    except Exception as error:
        raise ReadError(
            f"not a readable .xlsx workbook ({type(error).__name__}: {error})",
            zh=f"无法读取的 .xlsx 工作簿（{type(error).__name__}: {error}）",
            source=source,
        ) from None
    out = Collector(source)
    try:
        for block, sheet in enumerate(workbook.worksheets, start=1):
            _sheet(out, sheet, block, formulas.get(sheet.title, {}))
    finally:
        workbook.close()
    return out.grid(SourceKind.XLSX, merges=True)


def _texts(
    sheet: Any, formulas: dict[tuple[int, int], str]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """(row, column) → displayed text of every cell that prints something, and
    (row, column) → the note of every formula cell without a stored value."""
    texts: dict[tuple[int, int], str] = {}
    cells = getattr(sheet, "_cells", None)
    if not isinstance(cells, dict):  # pragma: no cover - an openpyxl that stores cells otherwise
        raise ReadError(
            "unsupported openpyxl version (no cell table)",
            zh="不支持的 openpyxl 版本（没有单元格表）",
        )
    for key, cell in cells.items():
        if key in formulas:
            continue
        text = cell_text(cell.value, cell.number_format or "General")
        if text:
            text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
            if text:
                texts[key] = text

    def value(row: int, column: int) -> object:
        cell = cells.get((row, column))
        return None if cell is None else cell.value

    notes: dict[tuple[int, int], str] = {}
    for key, formula in sorted(formulas.items()):
        total, reason = recompute(formula, value, lambda row, column: (row, column) in formulas)
        shown = formula[:200]
        if total is None:
            texts[key] = _HIDDEN
            notes[key] = f"{UNCOMPUTED_NOTE} ({shown}: {reason})"
            continue
        cell = cells.get(key)
        texts[key] = format_number(total, getattr(cell, "number_format", None) or "General")
        notes[key] = f"{RECOMPUTED_NOTE} ({shown} = {texts[key]})"
    return texts, notes


def _sheet(out: Collector, sheet: Any, block: int, formulas: dict[tuple[int, int], str]) -> None:
    source, title = out.source, sheet.title
    try:
        texts, notes = _texts(sheet, formulas)
    except ReadError as error:
        raise error.located(source=source) from None
    for (row, column), note in notes.items():
        out.note(Location(source, row, column, title, sheet=True), note)
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    sheet_lines(out, title, block, texts, merges)


def sheet_lines(
    out: Collector,
    title: str,
    block: int,
    texts: dict[tuple[int, int], str],
    merges: list[tuple[int, int, int, int]],
) -> None:
    """Add the lines of a worksheet: *texts* by (row, column), 1-based, and its
    merged ranges as ``(first row, first column, last row, last column)``
    (see the module's docstring)."""
    source = out.source
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # first cell → (colspan, rowspan)
    below: dict[int, list[tuple[int, int]]] = {}  # row → (first column, colspan) covered
    for min_row, min_col, max_row, max_col in merges:
        first = (min_row, min_col)
        colspan = max_col - min_col + 1
        spans[first] = (colspan, max_row - min_row + 1)
        if first in texts:
            for lower in range(min_row + 1, max_row + 1):
                below.setdefault(lower, []).append((min_col, colspan))
    rows: dict[int, list[int]] = {}
    for row, column in sorted(texts):
        rows.setdefault(row, []).append(column)
    for row, columns in rows.items():
        cells = []
        where = Location(source, row, 0, title, sheet=True)
        for column in columns:
            colspan, rowspan = spans.get((row, column), (1, 1))
            x0 = column - 1
            text = texts[row, column]
            cells.append(Cell(text, x0, x0, x0 + colspan, where, column, colspan, rowspan))
        for column, colspan in below.get(row, ()):
            x0 = column - 1
            cells.append(Cell("", x0, x0, x0 + colspan, where, column, colspan, continued=True))
        cells.sort(key=lambda cell: cell.column)
        out.add(Line(tuple(cells), where, line_text(cells), block))
