"""Comma-separated values (:mod:`jixiao.io._grid_csv`): records read as a
spreadsheet reads them, located by the line each starts on; what is not
CSV refused with what to do. The round trip of generated tables in CSV is
:mod:`tests.test_io_layouts`' (the ``csv`` form)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import ReadError
from jixiao.io import read_tables
from jixiao.io._grid_base import MAX_CELLS, REST_OF_LINE
from jixiao.io._grid_csv import csv_grid
from jixiao.io.batch import expand_paths
from jixiao.io.grid import Grid, SourceKind
from jixiao.io.sources import read_grid

from .refused import assert_refused_quickly


def _cells(grid: Grid) -> list[list[tuple[str, str]]]:
    return [[(str(c.location), c.text) for c in line.cells] for line in grid.lines]


def test_a_sheet_exported_by_excel_reads_cell_by_cell(tmp_path: Path) -> None:
    """A byte-order mark, CRLF, quoted commas, doubled quotes, a cell of two
    lines: each record located at the line it starts on."""
    text = '项目名称,社区活动,,\r\n"指标\n名称",总分,"1,000.00","说""明"""\r\n,,,\r\n分值,,10,\r\n'
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    grid = read_grid(path)
    assert grid.kind is SourceKind.CSV
    assert not grid.merges
    name = str(path)
    assert _cells(grid) == [
        [(f"{name}:1:1", "项目名称"), (f"{name}:1:2", "社区活动")],
        [
            (f"{name}:2:1", "指标\n名称"),
            (f"{name}:2:2", "总分"),
            (f"{name}:2:3", "1,000.00"),
            (f"{name}:2:4", '说"明"'),
        ],
        [(f"{name}:5:1", "分值"), (f"{name}:5:3", "10")],  # line 4 prints nothing
    ]
    assert [line.text for line in grid.lines][1] == '指标\n名称\t总分\t1,000.00\t说"明"'
    assert {line.block for line in grid.lines} == {1}
    assert grid.notes == ()


def test_quotes_are_read_as_a_spreadsheet_reads_them() -> None:
    grid = csv_grid('a,b"c,"d"e,"f\r\ng"\n', "q.csv")
    assert [c.text for c in grid.lines[0].cells] == ["a", 'b"c', "de", "f\ng"]
    assert str(grid.lines[0].location) == "q.csv:1"


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_a_first_line_sep_names_the_separator(separator: str) -> None:
    """As Excel reads it: the line is no record, and lines are still counted from 1."""
    text = f'sep={separator}\r\n项目名称{separator}社区活动\r\n总分{separator}{separator}"9,0"\r\n'
    grid = csv_grid(text, "s.csv")
    assert _cells(grid) == [
        [("s.csv:2:1", "项目名称"), ("s.csv:2:2", "社区活动")],
        [("s.csv:3:1", "总分"), ("s.csv:3:3", "9,0")],
    ]


@pytest.mark.parametrize("declared", ['sep="', "sep=\r"])
def test_a_sep_line_naming_no_separator_is_refused(declared: str) -> None:
    with pytest.raises(ReadError, match="declares no separator"):
        csv_grid(declared + "\na,b\n", "s.csv")


def test_tags_are_stripped_as_in_tab_separated_text() -> None:
    grid = csv_grid("<p>甲</p> <p>乙</p>,2\n", "t.csv")
    assert [c.text for c in grid.lines[0].cells] == ["甲\n乙", "2"]
    assert [n for _, n in grid.notes] == ["HTML tags stripped"]


def test_a_record_of_more_than_64_fields_keeps_the_rest_in_the_last() -> None:
    wide = ",".join(str(n) for n in range(70)) + "\n"
    padded = "a" + "," * 200 + "\n"  # padded to a wide sheet: nothing is cut
    grid = csv_grid(wide + padded, "w.csv")
    first = grid.lines[0].cells
    assert len(first) == 64
    assert first[-1].text == " ".join(str(n) for n in range(63, 70))
    assert [c.text for c in grid.lines[1].cells] == ["a"]
    assert [(str(where), note) for where, note in grid.notes] == [("w.csv:1", REST_OF_LINE)]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b'a,b\n"open,\nmany\nlines\n', r"quoted field of the record from line 2 is not closed"),
        (b"x\na,b\rc,d\n", r"the record from line 2: a carriage return inside a field not quoted"),
        (
            b"\xe9\xa1\xb9\xe7\x9b\xae\tname\n",
            r"tab-separated text, not comma-separated: name it .tsv",
        ),
        ("项目名称,社区".encode("gbk"), r"not UTF-8 text .* save it as 'CSV UTF-8'"),
        (b"a,b\x00\n", r"binary data \(a NUL character"),
        (
            b"x\n" + b"x," * 10 + b'"' + b"y" * 140_000 + b'"\n',
            r"from line 2: a field of more than 131,072",
        ),
    ],
)
def test_what_is_not_csv_is_refused_naming_the_file(
    content: bytes, match: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert_refused_quickly(read_grid, path, match)


def test_a_quote_left_open_is_refused_quickly_whatever_follows(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_bytes(b'a,"b\n' + b"c,d\n" * 10_000)
    assert_refused_quickly(read_grid, path, "from line 1 is not closed")
    path.write_bytes(b'a,"b\n' + b"c,d\n" * 190_000)  # the rest over the field size limit
    assert_refused_quickly(read_grid, path, "from line 1: a field of more than .* not closed")


def test_more_commas_than_cells_a_grid_holds_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_bytes(b"," * MAX_CELLS)
    assert_refused_quickly(read_grid, path, "more than 2,000,000 separators ','")
    path.write_bytes(b"," * (MAX_CELLS - 1) + b"\n")
    assert read_grid(path).lines == ()


@pytest.mark.parametrize(("codec", "bom"), [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_utf16_with_its_byte_order_mark_is_read(
    codec: str, bom: bytes, suffix: str, tmp_path: Path
) -> None:
    """Excel's "Unicode text" is UTF-16 with its mark: the mark says the
    encoding, nothing is guessed."""
    sep = "," if suffix == ".csv" else "\t"
    path = tmp_path / f"unicode{suffix}"
    path.write_bytes(bom + f"项目名称{sep}社区活动\r\n总分{sep}{sep}90.5\r\n".encode(codec))
    grid = read_grid(path)
    assert [line.texts() for line in grid.lines] == [["项目名称", "社区活动"], ["总分", "90.5"]]
    path.write_bytes(bom + "项目".encode(codec) + b"\x00")  # an odd byte
    codec_name = codec.upper()
    assert_refused_quickly(read_grid, path, f"not {codec_name} text")


_FIELDS = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r<"))
"""Any field but NUL (refused before), a lone CR (refused) and tags (stripped: tested above)."""


@given(
    st.lists(st.lists(_FIELDS, min_size=1, max_size=8), min_size=1, max_size=8),
    st.sampled_from(["\r\n", "\n"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_what_the_csv_module_writes_reads_back_located(
    records: list[list[str]], end: str, quoting: Literal[0, 1]
) -> None:
    """Any fields (commas, quotes, line breaks, spaces) written by the
    standard writer come back as cells: stripped, empty ones left out, each
    at the line its record starts on and its field's number."""
    if len(records[0]) == 1:
        records[0].append("")  # a comma: a file with tabs and none is refused as tab-separated
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=end, quoting=quoting).writerows(records)
    grid = csv_grid(buffer.getvalue(), "g.csv")
    want: list[list[tuple[str, str]]] = []
    line = 1
    for fields in records:
        cells = [
            (f"g.csv:{line}:{k}", field.strip())
            for k, field in enumerate(fields, start=1)
            if field.strip()
        ]
        if cells:
            want.append(cells)
        line += 1 + sum(field.count("\n") for field in fields)
    assert _cells(grid) == want
    assert grid.notes == ()


def test_a_folder_reads_its_csv_files(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "docs" / "guides" / "data" / "forms"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "t.csv").write_bytes((source / "luohu-2023-tables-1-2.csv").read_bytes())
    (tmp_path / "in" / "other.dat").write_bytes(b"")
    assert expand_paths([tmp_path]) == [tmp_path / "in" / "t.csv"]
    result = read_tables(tmp_path / "in" / "t.csv")
    assert [t.project.name for t in result.tables] == ["党政事务", "干部健康管理"]


@pytest.mark.parametrize(
    ("below", "kept", "kind"),
    [
        ("填表人：张三", [], "text"),  # the form's sign-off: text below the table
        ("单位负责人：王五,,,填表人：李四,,联系电话：123", [], "text"),
        (",,,审核人：李四", [], "text"),  # (in 指标值: never joined to the row above)
        ("编制单位：某局", [], "content"),  # another field: no group either
        ("效益指标", ["效益指标"], None),  # a level-1 label alone: its group, as printed
        ("产出指标：50分", ["产出指标:50分"], None),  # (never taken for a field)
    ],
)
def test_a_field_of_the_form_below_a_table_with_no_total_is_no_group(
    tmp_path: Path, below: str, kept: list[str], kind: str | None
) -> None:
    """填表人：张三 below the rows of a sheet that prints no 总分 row: reported,
    never read as a level-1 group with no rows or joined to the row above."""
    text = (
        "项目名称,甲\n"
        "一级指标,二级指标,三级指标,指标值,实际完成值,分值,得分\n"
        "产出指标,数量指标,培训次数,≥4次,4次,50,50\n"
        f"{below}\n"
    )
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    result = read_tables(path)
    (table,) = result.tables
    assert [top.name for top in table.level1][1:] == kept
    assert [row.target for _, _, row in table.rows()] == ["≥4次"]
    assert [(u.location, u.kind) for u in result.unplaced] == (
        [(f"{path}:4", kind)] if kind else []
    )
