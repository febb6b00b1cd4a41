"""The Excel 97-2003 (.xls) source: what a cell displays, merges, and the
guard that walks the workbook's records before xlrd reads it
(``jixiao.io._grid_xls``). Workbooks are written with xlwt; the generated
tables of every layout are read back from .xls by ``tests/test_io_layouts.py``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jixiao.io import _grid_xls, read_tables
from jixiao.io.grid import SourceKind
from jixiao.io.sources import read_grid

from .conftest import ROOT, require_module
from .refused import assert_refused_quickly

require_module("xlrd")
xlwt = require_module("xlwt")

BUNDLED = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.xls"


def _book(path: Path, cells: list[tuple[int, int, Any, str]], merges: tuple[Any, ...] = ()) -> Path:
    """A workbook of one sheet 表1: (row, column, value, number format) each, 0-based."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    for row, column, value, shape in cells:
        sheet.write(row, column, value, xlwt.easyxf(num_format_str=shape))
    for first_row, last_row, first_column, last_column, value in merges:
        sheet.write_merge(first_row, last_row, first_column, last_column, value)
    book.save(str(path))
    return path


def test_cells_show_what_excel_displays(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "b.xls",
        [
            (0, 0, "项目名称", "General"),
            (0, 1, 7, "0.00"),
            (0, 2, 0.9699, "0.00%"),
            (0, 3, 1234.5, "#,##0.00"),
            (0, 4, 3.0, "General"),
            (1, 1, datetime.date(2023, 12, 31), "yyyy-mm-dd"),
            (1, 2, True, "General"),
            (1, 3, xlwt.Formula("1/0"), "General"),
            (1, 4, "", "General"),
        ],
        merges=((2, 3, 0, 1, "产出指标\n(50分)"),),
    )
    grid = read_grid(path)
    assert grid.kind is SourceKind.XLS
    assert grid.merges
    shown = [[(str(c.location).partition(":")[2], c.text) for c in line.cells] for line in grid]
    assert shown == [
        [("表1!A1", "项目名称"), ("表1!B1", "7.00"), ("表1!C1", "96.99%"),
         ("表1!D1", "1,234.50"), ("表1!E1", "3")],
        [("表1!B2", "2023-12-31"), ("表1!C2", "TRUE")],
        [("表1!A3", "产出指标\n(50分)")],  # the row below prints nothing of its own
    ]  # fmt: skip
    merged = grid.lines[2].cells[0]
    assert (merged.colspan, merged.rowspan) == (2, 2)


def test_a_bundled_workbook_reads_to_its_tables() -> None:
    result = read_tables(BUNDLED)
    assert [t.project.name for t in result.tables] == ["党政事务", "干部健康管理"]
    assert result.tables[0].locations["total.points"].endswith(".xls:Sheet1!H31")


# ---------------------------------------------------------------- the guard


def assert_refused(path: Path, match: str) -> None:
    assert_refused_quickly(read_grid, path, match)


def test_not_an_ole_document_or_no_workbook_stream(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xls"
    junk.write_bytes(b"\x00\x01 no workbook of any form")
    assert_refused(junk, r"not an \.xls workbook: its content is no Excel 97-2003 workbook")
    cut = tmp_path / "cut.xls"
    cut.write_bytes(BUNDLED.read_bytes()[:1000])
    assert_refused(cut, r"damaged \.xls workbook|not an \.xls workbook")


def test_an_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    data = bytearray(BUNDLED.read_bytes())
    interface = data.index(b"\xe1\x00\x02\x00")  # INTERFACEHDR, the first record after BOF
    data[interface : interface + 2] = b"\x2f\x00"  # made a FILEPASS record
    path = tmp_path / "locked.xls"
    path.write_bytes(bytes(data))
    assert_refused(path, r"an encrypted \.xls workbook; refused")


@pytest.mark.parametrize(
    ("bound", "message"),
    [
        ("MAX_CELLS", "more than 20 cells; refused"),
        ("MAX_ROWS", "more than 20 rows; refused"),
        ("MAX_MERGED_CELLS", "more than 20 merged cells; refused"),
        ("MAX_SHEETS", "more than 0 worksheets; refused"),
    ],
)
def test_the_records_are_counted_before_xlrd_reads_them(
    bound: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_grid_xls, bound, 0 if bound == "MAX_SHEETS" else 20)
    cells = [(row, 0, f"第{row}行", "General") for row in range(25)]
    path = _book(tmp_path / "many.xls", cells, merges=((30, 34, 0, 4, "合并"),))
    assert_refused(path, message)


def test_blank_cells_declared_in_bulk_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One MULBLANK record declares a run of blank cells; xlrd builds each."""
    monkeypatch.setattr(_grid_xls, "MAX_CELLS", 100)
    book = xlwt.Workbook()
    sheet = book.add_sheet("表1")
    style = xlwt.easyxf("borders: left thin")
    for column in range(150):
        sheet.write(0, column, None, style)
    path = tmp_path / "blank.xls"
    book.save(str(path))
    assert_refused(path, "more than 100 cells; refused")


# ---------------------------------------------------------------- WPS spreadsheets (.et)


def _cell_texts(path: Path) -> list[list[tuple[str, str]]]:
    name = str(path)
    return [
        [(str(c.location).removeprefix(name), c.text) for c in line.cells]
        for line in read_grid(path).lines
    ]


def test_a_wps_spreadsheet_in_the_excel_97_form_reads_as_that_workbook(tmp_path: Path) -> None:
    """WPS saves .et in the Excel 97-2003 form: read as the .xls it is."""
    et = tmp_path / "自评表.et"
    et.write_bytes(BUNDLED.read_bytes())
    assert read_grid(et).kind is SourceKind.XLS
    assert _cell_texts(et) == _cell_texts(BUNDLED)
    assert [t.source for t in read_tables(et).tables] == [
        f"自评表.et, table {n} of 2" for n in (1, 2)
    ]


def test_a_wps_spreadsheet_in_the_xlsx_form_reads_as_that_workbook(tmp_path: Path) -> None:
    require_module("openpyxl")
    xlsx = BUNDLED.with_suffix(".xlsx")
    et = tmp_path / "book.ET"
    et.write_bytes(xlsx.read_bytes())
    assert read_grid(et).kind is SourceKind.XLSX
    assert _cell_texts(et) == _cell_texts(xlsx)


def test_a_wps_spreadsheet_of_another_form_says_what_to_do(tmp_path: Path) -> None:
    et = tmp_path / "other.et"
    et.write_bytes(b"\xd0\xcf\x11\xe0 not the whole signature")
    assert_refused_quickly(
        read_grid, et, r"a WPS spreadsheet \(\.et\) in neither .* save it as .xlsx"
    )
