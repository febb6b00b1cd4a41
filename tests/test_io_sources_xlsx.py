"""xlsx workbooks read into a grid (:mod:`jixiao.io._grid_xlsx` through :mod:`jixiao.io.sources`)."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import ReadError
from jixiao.io.grid import SourceKind
from jixiao.io.sources import read_grid

from .conftest import require_module
from .sources_helpers import Merge, Rows, expected, merged_grids, seen, xlsx

openpyxl = require_module("openpyxl")


def _book(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet: Any = workbook.active
    sheet.title = "自评表"
    sheet["A1"] = "项目支出绩效自评表"
    sheet.merge_cells("A1:D1")
    sheet["A2"], sheet["B2"], sheet["C2"] = "产出指标(50分)", "数量指标", 7
    sheet["C2"].number_format = "0.00"
    sheet.merge_cells("A2:A4")
    sheet["B3"], sheet["C3"] = "  质量\r\n指标 ", 0.9536
    sheet["C3"].number_format = "0.00%"
    sheet.merge_cells("B3:B4")
    sheet["C4"] = "=SUM(C2:C3)"
    sheet["C4"].number_format = "0.00"
    sheet["D4"] = dt.date(2023, 12, 31)
    sheet["E4"] = "=C4*2"
    sheet["E6"] = "   "
    other: Any = workbook.create_sheet("Sheet 2")
    other["B2"] = "a_x000D_\nb"
    workbook.create_sheet("空")
    workbook.save(path)
    return path


def test_sheets_cells_spans_and_formulas(tmp_path: Path) -> None:
    grid = read_grid(_book(tmp_path / "book.xlsx"))
    source = str(tmp_path / "book.xlsx")
    assert grid.kind is SourceKind.XLSX
    assert grid.merges
    assert [(str(line.location).removeprefix(source), line.block, line.text) for line in grid] == [
        (":自评表!1", 1, "项目支出绩效自评表"),
        (":自评表!2", 1, "产出指标(50分)\t数量指标\t7.00"),
        (":自评表!3", 1, "质量\n指标\t95.36%"),
        (":自评表!4", 1, "7.95\t2023-12-31\t#####"),
        (":Sheet 2!2", 2, "a\nb"),
    ]
    cells = [
        (
            str(c.location).removeprefix(source),
            c.text,
            c.column,
            c.x0,
            c.x1,
            c.colspan,
            c.rowspan,
            c.continued,
        )
        for line in grid
        for c in line.cells
    ]
    assert cells[:4] == [
        (":自评表!A1", "项目支出绩效自评表", 0, 0, 4, 4, 1, False),
        (":自评表!A2", "产出指标(50分)", 0, 0, 1, 1, 3, False),
        (":自评表!B2", "数量指标", 1, 1, 2, 1, 1, False),
        (":自评表!C2", "7.00", 2, 2, 3, 1, 1, False),
    ]
    assert cells[4:7] == [
        (":自评表!A3", "", 0, 0, 1, 1, 1, True),
        (":自评表!B3", "质量\n指标", 1, 1, 2, 1, 2, False),
        (":自评表!C3", "95.36%", 2, 2, 3, 1, 1, False),
    ]
    assert [c[0] for c in cells[7:11]] == [":自评表!A4", ":自评表!B4", ":自评表!C4", ":自评表!D4"]
    assert [c[7] for c in cells[7:11]] == [True, True, False, False]
    assert [(str(where).removeprefix(source), note) for where, note in grid.notes] == [
        (
            ":自评表!C4",
            "formula without a stored value, recomputed by jixiao (=SUM(C2:C3) = 7.95)",
        ),
        (
            ":自评表!E4",
            "formula without a stored value, not computed (=C4*2: only SUM over cells "
            "of the same sheet is recomputed)",
        ),
    ]


@settings(max_examples=25)
@given(st.lists(merged_grids(), min_size=1, max_size=2))
def test_xlsx_property(sheets: list[tuple[Rows, list[Merge]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.xlsx"
        xlsx(path, sheets)
        read = read_grid(path)
    for block, (grid, merges) in enumerate(sheets, start=1):
        lines = [line for line in read if line.block == block]
        want = expected(grid, merges)
        assert seen(read.__class__(read.source, read.kind, tuple(lines))) == [c for _, c in want]
        assert [str(line.location) for line in lines] == [
            f"{path}:表{block}!{i + 1}" for i, _ in want
        ]
        for line in lines:
            assert all((c.x0, c.x1) == (c.column, c.column + c.colspan) for c in line.cells)
            assert all(c.location.row == line.location.row for c in line.cells)


def test_damaged_workbooks_are_refused(tmp_path: Path) -> None:
    (tmp_path / "random.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match=r"random\.xlsx: not an \.xlsx workbook"):
        read_grid(tmp_path / "random.xlsx")
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as archive:
        archive.writestr("hello.txt", "no workbook here")
    with pytest.raises(ReadError, match=r"empty\.xlsx: .*workbook"):
        read_grid(tmp_path / "empty.xlsx")
    good = _book(tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError, match=r"cut\.xlsx: "):
        read_grid(tmp_path / "cut.xlsx")


def test_missing_openpyxl_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _book(tmp_path / "book.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(
        ReadError, match=r"book\.xlsx: reading \.xlsx needs openpyxl: .*jixiao\[xlsx\]"
    ):
        read_grid(path)
