"""The bundled examples of every form read back to the hand transcriptions.

``docs/guides/data/forms`` holds the first two tables of the Luohu 2023 report
printed as another district's export would print them, in every form the
reader takes (written by :mod:`tests.layouts.bundle`). Each file must read to
the tables transcribed by hand in ``examples/projects``, cell for cell, audit
exactly as those do, and report the chapter, page number, repeated header and
填报说明 notes around them by their kind.
"""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from jixiao.io import read_tables
from jixiao.project import ProjectTable, audit, load_table, table_to_dict

from .conftest import ROOT, require_module
from .layouts.bundle import NAME, TABLES, write

FORMS = {
    ".csv": (),
    ".layout.txt": (),
    ".md": (),
    ".html": (),
    ".mht": (),
    ".xlsx": ("openpyxl",),
    ".xls": ("xlrd",),
    ".docx": (),
    ".pdf": ("pdfplumber",),
    ".ofd": (),
    ".filled.xlsx": ("openpyxl",),
    ".filled.csv": (),
}
FOLDER = ROOT / "docs" / "guides" / "data" / "forms"


def _cells(table: ProjectTable) -> dict[str, object]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


def _hand() -> list[ProjectTable]:
    return [load_table(ROOT / "examples" / "projects" / name) for name in TABLES]


@pytest.mark.parametrize("suffix", FORMS)
def test_bundled_form_reads_to_the_hand_transcription(suffix: str) -> None:
    for module in FORMS[suffix]:
        require_module(module)
    path = FOLDER / (NAME + suffix)
    result = read_tables(path)
    hand = _hand()
    assert [_cells(t) for t in result.tables] == [_cells(t) for t in hand]
    assert [t.source for t in result.tables] == [f"{path.name}, table {n} of 2" for n in (1, 2)]
    audits = [audit(t) for t in result.tables]
    assert [[(f.code, f.row, f.printed) for f in a.findings] for a in audits] == [
        [(f.code, f.row, f.printed) for f in audit(t).findings] for t in hand
    ]
    assert all(str(path) in cell for a in audits for f in a.findings for cell in f.cells)
    kinds = Counter(u.kind for u in result.unplaced)
    assert kinds["content"] == 0, [str(u) for u in result.unplaced]
    assert kinds["note"] == 3, kinds
    assert kinds["furniture"] == 2, kinds  # the page number, the header printed again
    assert kinds["text"] >= 2, kinds  # the chapter's heading and paragraph


def test_every_form_is_bundled() -> None:
    # and pandoc's Markdown of the HTML form (tests/test_io_drawn.py reads it)
    bundled = (*FORMS, ".pandoc.md")
    assert sorted(p.name for p in FOLDER.iterdir()) == sorted(NAME + s for s in bundled)


@pytest.mark.parametrize(
    "suffix",
    [".csv", ".layout.txt", ".md", ".html", ".mht", ".docx", ".xls", ".ofd", ".filled.csv"],
)
def test_bundled_text_forms_are_what_the_generator_writes(suffix: str, tmp_path: Path) -> None:
    """The committed files are reproduced by ``python -m tests.layouts.bundle``."""
    if suffix == ".xls":
        require_module("xlwt")
    forms = {
        ".csv": "csv",
        ".layout.txt": "layout",
        ".md": "markdown",
        ".html": "html",
        ".mht": "mht",
        ".docx": "docx",
        ".ofd": "ofd",
    }
    if suffix.startswith(".filled"):
        (written,) = write(tmp_path, (), (forms[suffix.removeprefix(".filled")],))
    else:
        (written,) = write(tmp_path, (forms.get(suffix, "xls"),), ())
    assert written.read_bytes() == (FOLDER / (NAME + suffix)).read_bytes()


@pytest.mark.parametrize(
    ("suffix", "main", "macros"),
    [
        (".xlsx", "spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled"),
        (
            ".docx",
            "wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled",
        ),
    ],
)
def test_a_macro_enabled_copy_reads_as_its_workbook_or_document(
    suffix: str, main: str, macros: str, tmp_path: Path
) -> None:
    """An ``.xlsm`` or ``.docm`` (the package of an ``.xlsx`` or ``.docx`` with
    its main part typed macro-enabled and a VBA project beside it) reads as the
    file it is; its macros are never run."""
    if suffix == ".xlsx":
        require_module("openpyxl")
    original = FOLDER / (NAME + suffix)
    copy = tmp_path / (NAME + suffix[:-1] + "m")
    folder = "xl" if suffix == ".xlsx" else "word"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                typed = data.replace(
                    b"application/vnd.openxmlformats-officedocument." + main.encode(),
                    macros.encode() + b".main+xml",
                )
                assert typed != data
                data = typed
            target.writestr(info, data)
        target.writestr(f"{folder}/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(508))
    read, expected = read_tables(copy), read_tables(original)
    assert [_cells(t) for t in read.tables] == [_cells(t) for t in expected.tables]
    assert [str(u) for u in read.unplaced] == [
        str(u).replace(str(original), str(copy)) for u in expected.unplaced
    ]


def test_the_workbook_unmerged_and_filled_in_a_spreadsheet_reads_as_merged(
    tmp_path: Path,
) -> None:
    """The bundled workbook unmerged and filled as a spreadsheet does it (each
    merged range's value written into every cell it covered, the merges
    removed; openpyxl here, not the generator), saved as xlsx and as CSV,
    reads as the merged workbook: the same tables, the same lines around them."""
    openpyxl = require_module("openpyxl")
    book = openpyxl.load_workbook(FOLDER / (NAME + ".xlsx"))
    filled = 0
    for sheet in book.worksheets:
        for merged in list(sheet.merged_cells.ranges):
            value = sheet.cell(merged.min_row, merged.min_col).value
            sheet.unmerge_cells(str(merged))
            for row in sheet.iter_rows(
                min_row=merged.min_row,
                max_row=merged.max_row,
                min_col=merged.min_col,
                max_col=merged.max_col,
            ):
                for cell in row:
                    cell.value = value
                    filled += 1
    assert filled > 100  # the title, labels, 得分 over two columns, the goal texts …
    workbook = tmp_path / "filled.xlsx"
    book.save(workbook)
    text = tmp_path / "filled.csv"
    with text.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for sheet in book.worksheets:
            for values in sheet.iter_rows(values_only=True):
                writer.writerow(["" if v is None else v for v in values])
    merged_read = read_tables(FOLDER / (NAME + ".xlsx"))
    for path in (workbook, text):
        result = read_tables(path)
        assert [_cells(t) for t in result.tables] == [_cells(t) for t in _hand()], path
        kinds = [(u.kind, u.text.split("\t")[0]) for u in result.unplaced]
        assert kinds == [(u.kind, u.text.split("\t")[0]) for u in merged_read.unplaced], path


def test_a_filled_title_beside_the_unit_is_the_title(tmp_path: Path) -> None:
    """A title merged across the row but for the unit at its right (单位：元),
    unmerged and filled: the title printed seven times, the unit twice, is the
    title and the amounts' unit, not a line outside the table."""
    lines = (FOLDER / (NAME + ".filled.csv")).read_text(encoding="utf-8-sig").splitlines()
    row = next(k for k, line in enumerate(lines) if line.startswith("2023年度项目支出绩效自评表"))
    lines[row] = ",".join(["2023年度项目支出绩效自评表"] * 7 + ["单位：元"] * 2)
    path = tmp_path / "titled.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_tables(path)
    assert [_cells(t) for t in result.tables] == [_cells(t) for t in _hand()]
    assert not [u for u in result.unplaced if u.kind == "content"], result.unplaced
    assert result.tables[0].locations["funds.unit"] == f"{path}:3:8"
