"""Records of one indicator each, several projects in one sheet
(:mod:`jixiao.io._records`): each project read as a table of its own, in CSV,
tab-separated text and workbooks, its name at the cell it was printed in."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.io import read_tables
from jixiao.io._landmarks import marks
from jixiao.io._records import split_records
from jixiao.io.sources import text_grid
from jixiao.project.model import ProjectTable

from .layouts.draws import boolean, pick
from .layouts.tables import samples

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
PROJECT = {"code": "项目编码", "name": "项目名称", "competent_department": "主管部门"}


def _records(table: ProjectTable, repeat_labels: bool) -> list[list[str]]:
    """The indicator lines of *table*, one a level-3 row (its labels on every
    line or on the first of their group only)."""
    lines = []
    for top in table.level1:
        for g, group in enumerate(top.level2):
            for r, row in enumerate(group.indicators):
                first_of_top, first_of_group = g == 0 and r == 0, r == 0
                lines.append(
                    [
                        top.name if repeat_labels or first_of_top else "",
                        group.name if repeat_labels or first_of_group else "",
                        row.name,
                        row.target,
                        row.actual,
                        row.weight,
                        row.points,
                        row.note,
                    ]
                )
    return lines


@attrs.frozen
class Export:
    """Tables printed as records: which project columns, where, and how."""

    tables: tuple[ProjectTable, ...]
    fields: tuple[str, ...]  # ProjectInfo fields, in the order of their columns
    first: bool  # the project columns before the indicator columns, else after
    once: bool  # a project's values on its first line only (the rest empty)
    repeat_labels: bool
    numbered: bool  # a first column 序号 numbers the records

    def rows(self) -> list[list[str]]:
        heads = [PROJECT[f] for f in self.fields]
        out = [heads + HEADER if self.first else HEADER + heads]
        for table in self.tables:
            for k, line in enumerate(_records(table, self.repeat_labels)):
                values = [str(getattr(table.project, f)) for f in self.fields]
                if self.once and k:
                    values = [""] * len(values)
                out.append(values + line if self.first else line + values)
        if self.numbered:
            return [["序号", *out[0]]] + [[str(k), *row] for k, row in enumerate(out[1:], 1)]
        return out


@st.composite
def exports(draw: st.DrawFn) -> Export:
    count = draw(st.integers(1, 4))
    tables = []
    for k in range(count):
        table = draw(samples()).table
        name = f"{table.project.name}{k + 1}"  # projects next to each other differ
        tables.append(attrs.evolve(table, project=attrs.evolve(table.project, name=name)))
    fields = pick(draw, (("name",), ("code", "name"), ("name", "code", "competent_department")))
    return Export(tuple(tables), fields, boolean(draw), boolean(draw), boolean(draw), boolean(draw))


def _check(read: tuple[ProjectTable, ...], export: Export) -> None:
    assert len(read) == len(export.tables)
    for got, want in zip(read, export.tables, strict=True):
        for field in export.fields:
            assert getattr(got.project, field) == getattr(want.project, field)
        assert [(t.name, [g.name for g in t.level2]) for t in got.level1] == [
            (t.name, [g.name for g in t.level2]) for t in want.level1
        ]
        assert [
            (r.name, r.target, r.actual, r.weight, r.points, r.note) for _, _, r in got.rows()
        ] == [(r.name, r.target, r.actual, r.weight, r.points, r.note) for _, _, r in want.rows()]
        assert got.truncated  # no 总分 row: the total is not checked, and the audit says so


_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _render(rows: list[list[str]], form: str) -> str:
    """*rows* as tab-separated text, text laid out with spaces (as
    ``pdftotext -layout`` writes it) or an HTML page."""
    if form == "tsv":
        return "\n".join("\t".join(row) for row in rows) + "\n"
    if form == "html":
        cells = ("".join(f"<td>{html.escape(c)}</td>" for c in row) for row in rows)
        return "<table>" + "".join(f"<tr>{c}</tr>" for c in cells) + "</table>"
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    padded = (
        "   ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True))
        for row in rows
    )
    return "\n".join(line.rstrip() for line in padded) + "\n"


@_SETTINGS
@given(exports(), st.sampled_from(("tsv", "layout", "html")))
def test_records_read_back_one_table_a_project_from_text_and_html(
    tmp_path_factory: pytest.TempPathFactory, export: Export, form: str
) -> None:
    path = tmp_path_factory.mktemp("records") / ("r.html" if form == "html" else "r.txt")
    path.write_text(_render(export.rows(), form), encoding="utf-8")
    result = read_tables(path)
    _check(result.tables, export)
    assert not result.unplaced
    assert len(result.notes) == len(export.tables)
    assert all(
        note.endswith(", its 序号 column not read") == export.numbered for note in result.notes
    )


@_SETTINGS
@given(exports(), st.booleans())
def test_records_read_back_from_a_workbook_with_the_project_merged_down(
    tmp_path_factory: pytest.TempPathFactory, export: Export, merged: bool
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    rows = export.rows()
    for line in rows:
        sheet.append(line)
    if merged and not export.once:  # each project's cells merged down over its records
        width = len(export.fields)
        start = 2
        for table in export.tables:
            stop = start + len(_records(table, True)) - 1
            for c in range(width):
                column = (c + 1 if export.first else len(HEADER) + c + 1) + export.numbered
                for r in range(start + 1, stop + 1):
                    sheet.cell(r, column).value = None
                if stop > start:
                    sheet.merge_cells(
                        start_row=start, end_row=stop, start_column=column, end_column=column
                    )
            start = stop + 1
    path = tmp_path_factory.mktemp("records") / "r.xlsx"
    book.save(path)
    result = read_tables(path)
    _check(result.tables, export)
    assert not result.unplaced


def test_the_name_is_located_at_its_first_record_and_each_table_noted(tmp_path: Path) -> None:
    text = (
        "项目名称,一级指标,二级指标,三级指标,指标值,实际完成值,分值,得分,偏差原因分析\n"
        "甲,产出指标,数量指标,培训次数,≥4次,4次,50,50,\n"
        ",满意度指标,服务对象满意度指标,满意度,≥90%,95%,40,40,\n"
        "乙,产出指标,数量指标,培训次数,≥4次,4次,50,50,\n"
        "乙,满意度指标,服务对象满意度指标,满意度,≥90%,95%,40,40,\n"
        "注：导出自预算管理一体化系统\n"
    )
    path = tmp_path / "records.csv"
    path.write_text(text, encoding="utf-8")
    result = read_tables(path)
    assert [t.project.name for t in result.tables] == ["甲", "乙"]
    assert [len(list(t.rows())) for t in result.tables] == [2, 2]
    assert [t.locations["project.name"] for t in result.tables] == [f"{path}:2:1", f"{path}:4:1"]
    assert [t.locations["rows.1.points"] for t in result.tables] == [f"{path}:3:8", f"{path}:5:8"]
    assert result.notes == (
        f"{path}:2: rows 2–3 read as the records of one project (项目名称 甲) under the header of row 1",
        f"{path}:4: rows 4–5 read as the records of one project (项目名称 乙) under the header of row 1",
    )
    assert [[top.name for top in t.level1] for t in result.tables] == [
        ["产出指标", "满意度指标"]
    ] * 2
    assert [(u.location, u.kind) for u in result.unplaced] == [(f"{path}:6", "note")]


def test_a_table_without_project_columns_is_left_as_it_is() -> None:
    grid = text_grid(
        "项目名称\t甲\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出指标\t数量指标\t培训\t50\t50\n"
    )
    marked = [marks(line) for line in grid.lines]
    lines, notes = split_records(marked)
    assert lines is marked
    assert notes == []


def test_a_header_with_no_record_below_stays_a_line_of_its_own() -> None:
    grid = text_grid("项目名称\t一级指标\t二级指标\t三级指标\t分值\t得分\n总分\t100\t90\n")
    marked = [marks(line) for line in grid.lines]
    lines, notes = split_records(marked)
    assert lines == marked
    assert notes == []
