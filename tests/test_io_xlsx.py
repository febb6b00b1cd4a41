"""jixiao.io.xlsx: the finance bureau's Excel template, written and read back.

Round trips on the 18 example tables (generated tables in generated layouts
are proven in ``test_io_layouts``), the recomputed column and audit block,
reading shifted layouts and typed numbers, what the recogniser makes of an
edited sheet, and every hostile file (empty, junk, truncated, zip bombs,
formulas, oversized).
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from jixiao.errors import InputError, ReadError
from jixiao.io import _xlsx_guard as guard
from jixiao.io import _xlsx_layout as lay
from jixiao.io import read_tables
from jixiao.io._xlsx_formula import formula_findings, parse_sum
from jixiao.io._xlsx_write import sheet_names
from jixiao.io.batch import audit_result
from jixiao.io.xlsx import read_xlsx, write_xlsx
from jixiao.project.audit import audit
from jixiao.project.evaluation import score_table
from jixiao.project.file import load_table, table_to_dict
from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level2,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
)
from jixiao.quantities import Unit

from .conftest import ROOT, require_module
from .fuzz_inputs import XLSX_FORM, blank_rows_xlsx
from .refused import assert_refused_quickly

openpyxl = require_module("openpyxl")
Translator = require_module("openpyxl.formula.translate").Translator
get_column_letter = require_module("openpyxl.utils").get_column_letter

EXAMPLES = sorted((ROOT / "examples" / "projects").glob("*.toml"))


def without_source(table: ProjectTable) -> dict[str, Any]:
    data = table_to_dict(table)
    data.pop("source", None)
    return data


@pytest.fixture(scope="module")
def examples() -> list[ProjectTable]:
    return [load_table(path) for path in EXAMPLES]


@pytest.fixture(scope="module")
def workbook(examples: list[ProjectTable], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "examples.xlsx"
    write_xlsx(examples, path)
    return path


@pytest.fixture(scope="module")
def read_back(workbook: Path) -> Any:
    return read_xlsx(workbook)


@pytest.fixture(scope="module")
def book(workbook: Path) -> Any:
    """The written workbook as openpyxl sees it (shared; tests only look)."""
    return openpyxl.load_workbook(workbook)


def shown(cell: Any) -> str | None:
    """What Excel shows of a cell holding a value."""
    return lay.cell_text(cell.value, cell.number_format)


def find(ws: Any, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(text)


# ---------------------------------------------------------------- the 18 examples


def test_there_are_18_examples() -> None:
    assert len(EXAMPLES) == 18


def test_every_example_is_read_back(read_back: Any, workbook: Path) -> None:
    assert read_back.source == str(workbook)
    assert len(read_back.tables) == 18
    assert read_back.unplaced == ()


@pytest.mark.parametrize("index", range(18))
def test_example_round_trip(index: int, examples: list[ProjectTable], read_back: Any) -> None:
    original, back = examples[index], read_back.tables[index]
    assert without_source(back) == without_source(original)
    assert back == original  # the source too: it is kept in the sheet's 元数据 block


def _bare(findings: tuple[Any, ...]) -> list[Any]:
    return [attrs.evolve(f, cells=()) for f in findings]


@pytest.mark.parametrize("index", range(18))
def test_example_audit_unchanged(index: int, examples: list[ProjectTable], read_back: Any) -> None:
    found = audit(read_back.tables[index]).findings
    assert _bare(found) == _bare(audit(examples[index]).findings)
    assert all(":" in cell and "!" in cell for f in found for cell in f.cells)  # sheet cells


def test_recomputed_column_holds_score_table_points(
    examples: list[ProjectTable], book: Any
) -> None:
    for ws, table in zip(book.worksheets, examples, strict=True):
        evaluation = score_table(table)
        header, col = find(ws, lay.RECOMPUTED)  # the funds header comes first
        assert evaluation.execution is not None
        assert shown(ws.cell(header + 1, col)) == str(evaluation.execution.points)
        top, col = find(ws, "一级指标")
        recomputed = next(
            ws.cell(top, c).column
            for c in range(col, ws.max_column + 1)
            if ws.cell(top, c).value == lay.RECOMPUTED
        )
        expected = [str(r.score.points) if r.score else "—" for r in evaluation.rows]
        values = [shown(ws.cell(top + 1 + i, recomputed)) for i in range(len(expected))]
        assert values == expected
        total_row = find(ws, "总分")[0]
        assert shown(ws.cell(total_row, recomputed)) == str(evaluation.total)
        assert ws.cell(total_row + 2, 1).value == lay.AUDIT


def test_audit_block_lists_the_findings(examples: list[ProjectTable], book: Any) -> None:
    index = next(i for i, t in enumerate(examples) if t.project.name == "干部健康管理")
    ws = book.worksheets[index]
    top = find(ws, lay.AUDIT)[0]
    findings = audit(examples[index]).findings
    rows = [ws.cell(top + 2 + i, 2).value for i in range(len(findings))]
    assert rows == [f.row for f in findings]
    headers = [ws.cell(top + 1, c).value for c in (6, 7)]
    assert headers == ["表中印出 as printed", "复核 recomputed"]  # named as in every report
    assert ws.cell(top + 2 + len(findings), 1).value is None


def test_printed_numbers_are_numbers_and_texts_stay_text(book: Any) -> None:
    ws = book["党政事务"]
    row, col = find(ws, "参与党建活动人数")
    target, weight, points = ws.cell(row, col + 1), ws.cell(row, col + 3), ws.cell(row, col + 4)
    assert (weight.value, points.value) == (7, 7)
    assert weight.data_type == points.data_type == "n"
    assert weight.number_format == "0.00"
    assert (shown(weight), shown(points)) == ("7.00", "7.00")
    assert weight.fill.fgColor.rgb.endswith(lay.FILL_INPUT)
    assert target.data_type == "s"
    assert target.number_format == "@"
    assert ws["F6"].value == 10  # the execution weight, rate and points
    assert ws["G6"].number_format.endswith("%") or ws["G6"].data_type == "n"
    assert ws.cell(*find(ws, "总分")).value == "总分"
    hashes = book["干部健康管理"]
    assert hashes.cell(*find(hashes, "健康管理干部数量")).offset(0, 4).value == "#####"
    for sheet in book.worksheets:
        assert sheet["H2"].value == int(sheet["H2"].value)  # the year, a whole number
        formulas = [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]
        assert all(parse_sum(c.value) is not None for c in formulas)  # jixiao's own sums only


def sum_of(ws: Any, formula: str) -> Decimal:
    """The test's own SUM of a formula's cells: each a number or blank, exactly."""
    inside = formula.removeprefix("=SUM(").removesuffix(")")
    total = Decimal(0)
    for part in inside.split(","):
        for cells in ws[part] if ":" in part else ((ws[part],),):
            for cell in cells:
                assert cell.value is None or isinstance(cell.value, int | float), cell
                total += Decimal(repr(cell.value)) if cell.value is not None else 0
    return total


def test_totals_are_sums_that_compute_to_the_printed_total(
    examples: list[ProjectTable], book: Any
) -> None:
    assert book.calculation.fullCalcOnLoad  # Excel recomputes the formulas on opening
    totals = 0
    for ws, table in zip(book.worksheets, examples, strict=True):
        row = find(ws, "总分")[0]
        for column, printed in ((7, table.total.weight), (8, table.total.points)):
            cell = ws.cell(row, column)
            if cell.data_type == "f":
                totals += 1
                letter = "GH"[column - 7]
                assert cell.value == f"=SUM({'FH'[column - 7]}6,{letter}14:{letter}{row - 1})"
                assert lay.format_number(sum_of(ws, cell.value), cell.number_format) == printed
            else:  # the printed total is not the sum of the cells: kept as printed
                assert shown(cell) == printed
    assert totals >= 30  # nearly all the examples' totals are their sums
    assert book["政务事项管理"]["G33"].value == 100  # its weights add up to 90


def test_print_set_up_and_title(book: Any) -> None:
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws["A1"].alignment.horizontal == "center"
        assert ws["A1"].font.bold


def test_layout_merges_and_widths(book: Any) -> None:
    ws = book["党政事务"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:J1", "B2:C2", "A6:A9", "A11:A12", "B14:B20", "C14:C16"} <= merged
    assert ws.column_dimensions["J"].width >= 30
    assert all(ws.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJ")


def test_without_recompute(examples: list[ProjectTable], tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_xlsx(examples[:3], path, recompute=False)
    ws = openpyxl.load_workbook(path).worksheets[0]
    values = {c.value for r in ws.iter_rows() for c in r}
    assert lay.RECOMPUTED not in values
    assert lay.AUDIT not in values
    assert ws["I13"].value == "偏差原因分析及改进措施"
    back = read_xlsx(path)
    assert list(back.tables) == examples[:3]
    assert back.unplaced == ()


def test_dispatch_by_suffix(workbook: Path, examples: list[ProjectTable]) -> None:
    assert read_tables(workbook).tables == tuple(examples)


def test_core_does_not_import_openpyxl() -> None:
    code = "import sys, jixiao, jixiao.io, jixiao.io.xlsx; assert 'openpyxl' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_openpyxl_says_how_to_install(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ReadError, match=r"install 'jixiao\[xlsx\]'") as error:
        read_xlsx(workbook)
    assert str(workbook) in str(error.value)
    with pytest.raises(ReadError, match=r"install jixiao\[xlsx\]"):
        write_xlsx([], tmp_path / "x.xlsx")


# ---------------------------------------------------------------- hand-made tables


def small_table(**changes: Any) -> ProjectTable:
    rows = (Row("数量", "≥4", "4人", "10", "10.00"), Row("质量", "100%", "100%", "40", "40.00"))
    table = ProjectTable(
        project=ProjectInfo("440304221061500000046", "测试项目", 2023, "某局", "某局"),
        funds=Funds(FundsRow("100.00", "100.00", "100.00"), weight="10", rate="100", points="10"),
        level1=(Level1("产出指标", "50", (Level2("数量指标", rows),)),),
        total=Total("60", "60.00"),
        goal=Goal("目标", "完成"),
    )
    return attrs.evolve(table, **changes)


def test_awkward_texts_round_trip(tmp_path: Path) -> None:
    texts = ["=SUM(A1:A3)", "a\nb", "_x000D_ and _x005F_", "\x07", "0007", "1e5"]
    rows = tuple(Row(f"指标{i}", t, t, "1", "1.00", t) for i, t in enumerate(texts))
    table = small_table(
        level1=(Level1("产出指标", "6", (Level2("数量指标", rows),)),),
        goal=Goal("\ufffe甲", "乙\t丙"),
        remarks=("", "r"),
        template="national-2020",
        withdrawn="资金已收回，未实施",
        source=None,
    )
    path = tmp_path / "awkward.xlsx"
    write_xlsx([table], path)
    back = read_xlsx(path)
    assert back.content == ()
    assert back.tables[0] == attrs.evolve(table, source=f"{path.name}, table 1 of 1")
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


@pytest.mark.parametrize("grade", ["优", "良好"])
def test_a_grade_beside_the_total_round_trips(grade: str, tmp_path: Path) -> None:
    table = small_table(total=Total("60", "60.00", grade))
    path = tmp_path / "graded.xlsx"
    write_xlsx([table], path)
    back = read_xlsx(path)
    assert back.content == ()
    assert back.tables[0].total == table.total


def test_empty_groups_and_tiers_round_trip(tmp_path: Path) -> None:
    rows = (Row("a", weight="1", tier="achieved"), Row("b", weight="2", tier="not"))
    level1 = (
        Level1(
            "产出指标",
            "50",
            (Level2("数量指标"), Level2("质量指标", (Row("r", "1", "1", "1", "1"),))),
        ),
        Level1("效益指标", "30", ()),
        Level1("满意度指标", "10", (Level2("其他满意度指标", rows),)),
    )
    table = small_table(level1=level1, source="here")
    path = tmp_path / "groups.xlsx"
    write_xlsx([table, table], path)
    back = read_xlsx(path)
    assert back.tables == (table, table)  # an empty group is printed as a row of labels
    assert back.unplaced == ()
    assert openpyxl.load_workbook(path).sheetnames == ["测试项目", "测试项目 (2)"]


def test_huge_cell_round_trips_and_too_long_is_refused(tmp_path: Path) -> None:
    big = "绩" * lay.MAX_CELL_CHARS
    table = small_table(goal=Goal(big, big))
    path = tmp_path / "big.xlsx"
    write_xlsx([table], path)
    assert read_xlsx(path).tables[0].goal == Goal(big, big)
    with pytest.raises(InputError, match="32767"):
        write_xlsx([small_table(goal=Goal(big + "x"))], tmp_path / "too-big.xlsx")


def test_sheet_names_are_valid_and_unique() -> None:
    names = ["a[b]:c*d?e/f\\g", "x" * 40, "x" * 40, "X" * 40, "", "'quoted'", "History"]
    names += ["😀" * 40, "y" * 30 + "'z", "名" * 32_767]
    tables = [small_table(project=ProjectInfo("", n, 2023)) for n in names]
    got = sheet_names(tables)
    assert len({n.lower() for n in got}) == len(got)
    for name in got:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'")
        assert not name.endswith("'")
    assert got[0] == "a_b__c_d_e_f_g"
    assert got[4] == "表5"


def test_no_tables_to_write(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no tables"):
        write_xlsx([], tmp_path / "none.xlsx")


# ---------------------------------------------------------------- reading other workbooks


def shifted_copy(source: Path, target: Path, down: int, right: int) -> None:
    """The first sheet of *source* moved *down* rows and *right* columns, with a note on top."""
    book = openpyxl.load_workbook(source)
    ws = book.worksheets[0]
    out = openpyxl.Workbook()
    new = out.active
    new.title = ws.title
    for (r, c), cell in ws._cells.items():
        if cell.value is not None:
            value = cell.value
            if cell.data_type == "f":  # as Excel moves a formula with its cell
                value = Translator(value, cell.coordinate).translate_formula(
                    f"{get_column_letter(c + right)}{r + down}"
                )
            moved = new.cell(r + down, c + right, value)
            moved.number_format = cell.number_format
    for merged in ws.merged_cells.ranges:
        new.merge_cells(
            start_row=merged.min_row + down,
            start_column=merged.min_col + right,
            end_row=merged.max_row + down,
            end_column=merged.max_col + right,
        )
    new.cell(1, 1, "填报说明：蓝色单元格为填报项")
    out.save(target)


def test_shifted_layout_reads(tmp_path: Path) -> None:
    table = small_table(source="s")
    path, moved = tmp_path / "t.xlsx", tmp_path / "moved.xlsx"
    write_xlsx([table], path)
    shifted_copy(path, moved, 3, 2)
    back = read_xlsx(moved)
    assert back.tables == (table,)
    assert [(u.location, u.text, u.table, u.kind) for u in back.unplaced] == [
        (f"{moved}:测试项目!A1", "填报说明：蓝色单元格为填报项", None, "note")
    ]


def test_typed_numbers_read_as_displayed(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx([small_table()], path, recompute=False)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    cells: dict[str, tuple[object, str]] = {"C6": (50000, "0.00"), "D6": (7.0, "0.00")}
    cells |= {"E6": (7.25, "General")}
    cells |= {"F6": (7.0, "General"), "G6": (0.9536, "0.00%"), "H6": (1234567.5, "#,##0.00")}
    cells |= {"H2": ("2023", "@")}
    for ref, (value, fmt) in cells.items():
        ws[ref].value, ws[ref].number_format = value, fmt
    book.save(path)
    funds = read_xlsx(path).tables[0].funds
    assert (funds.total.initial_budget, funds.total.full_year_budget) == ("50000.00", "7.00")
    assert (funds.total.executed, funds.weight, funds.rate) == ("7.25", "7", "95.36%")
    assert funds.points == "1,234,567.50"


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (7, "General", "7"),
        (7.0, "0.00", "7.00"),
        (0.1 + 0.2, "General", "0.30000000000000004"),
        (1e20, "General", "100000000000000000000"),
        (-0.001, "0.00", "0.00"),
        (2.5, "0", "3"),
        (-2.5, "0", "-3"),
        (0.5, "0%", "50%"),
        (12.345, "[Red]0.00;[Blue]-0.00", "12.35"),
        (1.5, "yyyy-mm-dd hh:mm", "1.5"),
        (True, "General", "TRUE"),
        ("_x000D_", "@", "\r"),
        (None, "General", None),
    ],
)
def test_cell_text(value: object, fmt: str, text: str | None) -> None:
    assert lay.cell_text(value, fmt) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2023, 12, 31), "2023-12-31"),
        (dt.datetime(2023, 12, 31, 8, 30), "2023-12-31 08:30:00"),
        (dt.date(2023, 1, 2), "2023-01-02"),
        (dt.time(9, 5), "09:05:00"),
        (dt.timedelta(hours=1), "1:00:00"),
        (float("inf"), "inf"),
    ],
)
def test_cell_text_of_dates_and_oddities(value: object, text: str) -> None:
    assert lay.cell_text(value, "yyyy-mm-dd") == text


def edited(tmp_path: Path, table: ProjectTable, cells: dict[str, object]) -> Path:
    """*table* written (without recompute), then *cells* of its sheet set by hand."""
    path = tmp_path / "edited.xlsx"
    write_xlsx([table], path, recompute=False)
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book.worksheets[0][ref] = value
    book.save(path)
    return path


def test_unit_label(tmp_path: Path) -> None:
    back = read_xlsx(edited(tmp_path, small_table(), {"A6": "项目资金（美元）"}))
    assert back.tables == ()  # an amount in an unknown unit is never guessed
    assert "an unknown unit" in back.content[0].reason
    back = read_xlsx(edited(tmp_path, small_table(), {"A6": "项目资金（万元）"}))
    assert back.tables[0].funds.unit is Unit.WAN
    assert back.tables[0].locations["funds.unit"].endswith("!A6")
    back = read_xlsx(edited(tmp_path, small_table(), {"A6": None}))
    assert back.tables[0].funds.unit is Unit.YUAN
    assert any("元 assumed" in remark for remark in back.tables[0].remarks)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("2023年度项目支出绩效自评表", 2023),
        ("２０２２年度项目支出绩效自评表", 2022),  # full-width digits
        ("二〇二一年度项目支出绩效自评表", 2021),
    ],
)
def test_a_title_with_its_year_and_unit_is_the_title(tmp_path: Path, title: str, year: int) -> None:
    changes: dict[str, object] = {"A1": title, "H2": None, "J1": "单位：万元", "A6": "项目资金"}
    back = read_xlsx(edited(tmp_path, small_table(), changes))
    assert back.unplaced == ()
    table = back.tables[0]
    assert (table.project.year, table.funds.unit) == (year, Unit.WAN)
    assert table.locations["funds.unit"].endswith("!J1")


def test_unknown_tiers_and_notes_are_reported(tmp_path: Path) -> None:
    table = small_table(source="s")
    path = tmp_path / "t.xlsx"
    write_xlsx([table], path, recompute=False)
    ws = openpyxl.load_workbook(path).worksheets[0]
    top = find(ws, lay.METADATA)[0]
    changes: dict[str, object] = {f"A{top + 2}": "颜色 colour", f"B{top + 2}": "红"}
    changes |= {"J13": lay.TIER, "J14": "优秀"}
    back = read_xlsx(edited(tmp_path, table, changes))
    assert [(u.location.rpartition("!")[2], u.reason, u.kind) for u in back.unplaced] == [
        ("J14", "an unknown tier '优秀'", "content"),
        (f"A{top + 2}", "after the 总分 row", "text"),
    ]
    assert back.tables[0].level1 == table.level1  # the row is read, its tier reported
    assert "could not be placed" in back.tables[0].remarks[-1]


def test_zip_that_openpyxl_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets/></workbook>")
    assert_refused(path, "not a readable .xlsx workbook")


def test_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert_refused(path, "damaged .xlsx workbook")


def test_formula_without_value_is_recomputed_only_when_a_plain_sum(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    write_xlsx([small_table()], path, recompute=False)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    row, col = find(ws, "数量")
    assert (ws["G16"].value, ws["H16"].value) == ("=SUM(F6,G14:G15)", "=SUM(H6,H14:H15)")
    ws.cell(row, col + 4).value = "=G14*1"  # 得分 as a formula, saved without a value
    ws.cell(row, col + 4).number_format = "General"
    ws["L30"] = "=1/0"
    ws["L31"] = "=SUM(A1:B2)"  # texts: SUM would skip them silently
    ws["L32"] = "=SUM(F6, $G$14:G15)"
    book.save(path)
    back = read_xlsx(path)
    table = back.tables[0]
    assert table.level1[0].level2[0].indicators[0].points == "#####"
    assert table.total == Total("60", "#####")  # its sum covers the unreadable cell
    notes = {note.partition(": ")[0].rpartition("!")[2]: note for note in back.notes}
    assert sorted(notes) == sorted([f"H{row}", "G16", "H16", "L30", "L31", "L32"])
    assert "recomputed by jixiao (=SUM(F6,G14:G15) = 60)" in notes["G16"]
    assert "recomputed by jixiao (=SUM(F6, $G$14:G15) = 60)" in notes["L32"]
    assert "not computed (=G14*1: only SUM over cells" in notes[f"H{row}"]
    assert "H14 is a formula without a stored value too" in notes["H16"]
    assert "A1 holds str, not a number" in notes["L31"]
    assert "not computed (=1/0" in notes["L30"]
    unreadable = [f.cells[0] for f in audit(table).findings if f.code == "unreadable"]
    assert unreadable == [f"{path}:测试项目!H{row}", f"{path}:测试项目!H16"]
    recomputed = formula_findings(back.notes, table)
    assert [(f.code, f.row, f.field, f.expected, f.cells) for f in recomputed] == [
        ("formula-recomputed", "总分", "weight", "60", (f"{path}:测试项目!G16",))
    ]


def test_a_workbook_written_by_jixiao_reads_back_its_sums(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    table = small_table()
    write_xlsx([table], path)
    back = read_xlsx(path)
    assert back.tables[0] == attrs.evolve(table, source=f"{path.name}, table 1 of 1")
    assert len(back.notes) == 2
    assert all("recomputed by jixiao" in note for note in back.notes)
    found = [f for f in audit_result(back)[0].findings if f.code == "formula-recomputed"]
    assert [(f.severity.value, f.cells) for f in found] == [
        ("info", (f"{path}:测试项目!G16",)),
        ("info", (f"{path}:测试项目!H16",)),
    ]


def test_formula_with_stored_value_reads_the_value(tmp_path: Path) -> None:
    path, patched = tmp_path / "f.xlsx", tmp_path / "patched.xlsx"
    write_xlsx([small_table()], path, recompute=False)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["H6"] = "=5+5"
    book.save(path)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>5+5</f><v />", b"<f>5+5</f><v>10</v>")
                assert b"<v>10</v>" in data
            dst.writestr(item, data)
    back = read_xlsx(patched)
    assert back.tables[0].funds.points == "10"
    assert back.unplaced == ()


def test_sheet_without_table_is_unplaced(tmp_path: Path) -> None:
    path = tmp_path / "mixed.xlsx"
    write_xlsx([small_table()], path)
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("填报说明")
    notes["A1"], notes["B2"] = "分值不得超过权重", 3
    book.create_sheet("空")
    book.save(path)
    back = read_xlsx(path)
    assert len(back.tables) == 1
    assert [(u.table, u.location, u.text, u.kind) for u in back.unplaced] == [
        (None, f"{path}:填报说明!A1", "分值不得超过权重", "text"),
        (None, f"{path}:填报说明!B2", "3", "furniture"),  # a lone number: a page number
    ]


def test_only_sheets_without_table(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["C3"] = "hello"
    book.save(path)
    back = read_xlsx(path)
    assert back.tables == ()
    assert [u.location for u in back.unplaced] == [f"{path}:Sheet!C3"]


def test_a_sheet_missing_its_indicator_header_gives_no_table(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    write_xlsx([small_table()], path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    for word in ("一级指标", "二级指标", "三级指标"):
        ws.cell(*find(ws, word)).value = None
    book.save(path)
    back = read_xlsx(path)
    assert back.tables == ()
    assert back.content  # every line of the table is reported, none dropped


def test_a_sheet_without_total_row_is_a_truncated_table(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    write_xlsx([small_table()], path, recompute=False)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    row = find(ws, "总分")[0]
    ws.delete_rows(row, ws.max_row - row + 1)
    book.save(path)
    (table,) = read_xlsx(path).tables
    assert table.truncated
    assert table.total == Total("", "")


def test_a_year_in_chinese_numerals_is_read(tmp_path: Path) -> None:
    path = tmp_path / "year.xlsx"
    write_xlsx([small_table()], path)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["H2"] = "二〇二三"
    book.save(path)
    assert read_xlsx(path).tables[0].project.year == 2023


def test_a_year_that_is_no_year_gives_no_table(tmp_path: Path) -> None:
    path = tmp_path / "year.xlsx"
    write_xlsx([small_table()], path)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["H2"] = "去年"
    book.save(path)
    back = read_xlsx(path)
    assert back.tables == ()
    assert "is not a year" in back.content[0].reason


def test_unplaced_cells_are_reported_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "extra.xlsx"
    write_xlsx([small_table()], path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    ws["F7"], ws["Z99"] = "5", "stray"
    book.save(path)
    back = read_xlsx(path)
    assert [(u.location.rpartition("!")[2], u.reason, u.kind) for u in back.unplaced] == [
        ("F7", "a value where the form prints —: '5'", "content"),
        ("Z99", "after the 总分 row", "text"),
    ]
    assert back.tables[0].level1 == small_table().level1
    assert back.tables[0].funds == small_table().funds
    assert "could not be placed" in back.tables[0].remarks[-1]


# ---------------------------------------------------------------- hostile files


def assert_refused(path: Path, match: str) -> None:
    assert_refused_quickly(read_xlsx, path, match)


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(tmp_path / "nowhere.xlsx", "no such file")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert_refused(path, "empty file")


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "junk.xlsx"
    path.write_bytes(os.urandom(4096))
    assert_refused(path, "not an .xlsx workbook")


def test_truncated_zip(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    write_xlsx([small_table()], path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, "not an .xlsx workbook")


def test_damaged_member(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    write_xlsx([small_table()], path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 60):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    assert_refused(path, "damaged .xlsx workbook|not an .xlsx workbook")


def test_zip_bomb_declared_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    write_xlsx([small_table()], path)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")  # the first member's central directory entry
    struct.pack_into("<I", data, central + 24, guard.MAX_UNPACKED_BYTES + 1)
    path.write_bytes(bytes(data))
    assert_refused(path, "zip bomb")


def test_zip_bomb_real(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    chunk = b"\0" * (1 << 22)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(guard.MAX_UNPACKED_BYTES // len(chunk) + 1):
            member.write(chunk)
    assert path.stat().st_size < guard.MAX_FILE_BYTES
    assert_refused(path, "zip bomb")


def test_too_many_members(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(guard.MAX_MEMBERS + 1):
            archive.writestr(f"m{i}", b"")
    assert_refused(path, "members")


def test_file_over_20_mb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "large.xlsx"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert_refused(path, "too large")


def test_huge_merged_range_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.save(path)
    patched = tmp_path / "merged-patched.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge)
            dst.writestr(item, data)
    assert_refused(patched, "merged cells")


def test_too_many_cells_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_CELLS", 50)
    path = tmp_path / "cells.xlsx"
    write_xlsx([small_table()], path)
    assert_refused(path, "more than 50 cells")


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "dir.xlsx"
    folder.mkdir()
    assert_refused(folder, "not a regular file")


def test_money_is_never_a_float(read_back: Any) -> None:
    for table in read_back.tables:
        assert isinstance(table.funds.total.executed, str)
        assert Decimal(table.funds.total.executed.replace(",", "")) >= 0


# ---------------------------------------------------------------- issue 13: rows and sheets bounded


def test_a_million_blank_indicator_rows_are_refused_at_once(tmp_path: Path) -> None:
    """Issue 13 measured 48 s and 4 GB; before the row bound, 11.5 s and 808 MB
    (openpyxl makes an object for each row, with or without cells). Now the
    guard stops at the bound: well under a second, a few MB."""
    path = blank_rows_xlsx(tmp_path / "blank.xlsx", 1_000_000)
    assert_refused(path, f"more than {guard.MAX_ROWS:,} rows; refused")  # in under 5 s
    tracemalloc.start()  # slows the scan fivefold: measured apart from the time
    try:
        with pytest.raises(ReadError, match="rows; refused"):
            read_tables(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024, f"{peak:,} bytes"  # measured: 0.4 MB


def test_blank_rows_under_the_bound_are_read_past(tmp_path: Path) -> None:
    """Blank rows among a table's indicator rows change nothing the table prints."""
    path = blank_rows_xlsx(tmp_path / "blank.xlsx", 2_000)
    read, form = read_tables(path), read_tables(XLSX_FORM)
    assert len(read.tables) == len(form.tables) == 2
    for got, expected in zip(read.tables, form.tables, strict=True):
        assert without_source(got) == without_source(expected)


def test_too_many_rows_sheets_or_column_ranges_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.Workbook()
    for index in range(3):
        sheet = book.active if index == 0 else book.create_sheet(f"s{index}")
        sheet["A1"] = "x"
        sheet.column_dimensions["B"].width = 30
    path = tmp_path / "book.xlsx"
    book.save(path)
    monkeypatch.setattr(guard, "MAX_SHEETS", 2)
    with pytest.raises(ReadError, match=r"3 worksheets \(more than 2\); refused"):
        read_tables(path)
    monkeypatch.setattr(guard, "MAX_SHEETS", 500)
    monkeypatch.setattr(guard, "MAX_ROWS", 2)
    with pytest.raises(ReadError, match="more than 2 rows; refused"):
        read_tables(path)
    monkeypatch.setattr(guard, "MAX_ROWS", 100_000)
    monkeypatch.setattr(guard, "MAX_COLUMN_RANGES", 2)
    with pytest.raises(ReadError, match="more than 2 column ranges; refused"):
        read_tables(path)
    monkeypatch.setattr(guard, "MAX_COLUMN_RANGES", 16_384)
    assert not read_tables(path).tables  # within the bounds: read, no table in it
