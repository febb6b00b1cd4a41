""" "Excel" as systems export it: a file named ``.xls`` (or ``.et``) read by its content.

An XML Spreadsheet 2003, a web page of tables, tab-separated text or an .xlsx
package under the name of an Excel 97-2003 workbook is read as what it is,
and noted so; anything else is refused, saying what was looked for.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from jixiao.io import read_tables
from jixiao.io.grid import SourceKind
from jixiao.io.sources import read_grid
from jixiao.project import ProjectTable, table_to_dict

from .conftest import ROOT, require_module
from .layouts.bundle import document
from .layouts.document import Options
from .layouts.forms import render
from .refused import assert_refused_quickly

FORMS = ROOT / "docs" / "guides" / "data" / "forms"
NAME = "luohu-2023-tables-1-2"

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:html="http://www.w3.org/TR/REC-html40">\n'
)


def _workbook(body: str, styles: str = "") -> bytes:
    return (HEAD + f"<Styles>{styles}</Styles>{body}</Workbook>").encode()


def _cells(path: Path) -> list[list[tuple[str, str, int, int, bool]]]:
    name = str(path) + ":"
    return [
        [
            (str(c.location).removeprefix(name), c.text, c.colspan, c.rowspan, c.continued)
            for c in line.cells
        ]
        for line in read_grid(path).lines
    ]


def _model(table: ProjectTable) -> dict[str, object]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


def test_cells_show_what_excel_shows(tmp_path: Path) -> None:
    styles = (
        '<Style ss:ID="Default"/><Style ss:ID="fixed"><NumberFormat ss:Format="Fixed"/></Style>'
        '<Style ss:ID="child" ss:Parent="percent"/>'
        '<Style ss:ID="percent"><NumberFormat ss:Format="Percent"/></Style>'
        '<Style ss:ID="one"><NumberFormat ss:Format="0.0"/></Style>'
    )
    body = (
        '<Worksheet ss:Name="表1"><Table>'
        '<Row><Cell ss:MergeAcross="2"><Data ss:Type="String">项目支出绩效自评表</Data></Cell></Row>'
        '<Row ss:Index="3"><Cell><Data ss:Type="String">总分</Data></Cell>'
        '<Cell ss:Index="3" ss:StyleID="fixed"><Data ss:Type="Number">90.5</Data></Cell>'
        '<Cell ss:StyleID="child" ss:MergeDown="1">'
        '<Data ss:Type="Number">0.95360000000000003</Data></Cell>'
        '<Cell ss:StyleID="one"><Data ss:Type="Number">7</Data></Cell></Row>'
        '<Row><Cell><Data ss:Type="DateTime">2023-12-31T00:00:00.000</Data></Cell>'
        '<Cell ss:Formula="=1=1"><Data ss:Type="Boolean">1</Data></Cell></Row>'
        '<Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">'
        "<B>偏差</B><Font>原因&#10;分析</Font></ss:Data>"
        "<Comment><ss:Data><B>a comment, not printed</B></ss:Data></Comment></Cell>"
        '<Cell><Data ss:Type="Error">#N/A</Data></Cell><Cell ss:MergeAcross="1"/></Row>'
        "</Table></Worksheet>"
    )
    path = tmp_path / "export.xls"
    path.write_bytes(_workbook(body, styles))
    grid = read_grid(path)
    assert grid.kind is SourceKind.XMLSS
    assert [note for _, note in grid.notes] == [
        'the file is an XML Spreadsheet 2003 under the name .xls, as systems export "Excel": '
        "read as such"
    ]
    assert _cells(path) == [
        [("表1!A1", "项目支出绩效自评表", 3, 1, False)],
        [
            ("表1!A3", "总分", 1, 1, False),
            ("表1!C3", "90.50", 1, 1, False),
            ("表1!D3", "95.36%", 1, 2, False),
            ("表1!E3", "7.0", 1, 1, False),
        ],
        [
            ("表1!A4", "2023-12-31", 1, 1, False),
            ("表1!B4", "TRUE", 1, 1, False),
            ("表1!D4", "", 1, 1, True),
        ],
        [("表1!A5", "偏差原因\n分析", 1, 1, False), ("表1!B5", "#N/A", 1, 1, False)],
    ]


@pytest.mark.parametrize(
    ("numbers", "digits"), [("text", False), ("number", False), ("number", True)]
)
def test_the_bundled_tables_exported_as_xml_spreadsheet(
    numbers: str, digits: bool, tmp_path: Path
) -> None:
    """The bundled tables written as such exports write them (numbers as text,
    or as Number data in a style's format, written with 17 digits or not)
    read as the bundled .xlsx does."""
    require_module("openpyxl")
    bundled = document("xmlss")
    options = Options(numbers=numbers, digits=digits)
    rendered = render(attrs.evolve(bundled, options=options), tmp_path)
    read, book = read_tables(rendered.path), read_tables(FORMS / f"{NAME}.xlsx")
    assert [_model(t) for t in read.tables] == [_model(t) for t in book.tables]
    assert sorted(u.kind for u in read.unplaced) == sorted(u.kind for u in book.unplaced)


@pytest.mark.parametrize(
    ("form", "suffix", "what"),
    [
        ("html", ".xls", "a web page"),
        ("html", ".et", "a web page"),
        ("xlsx", ".xls", "an .xlsx workbook"),
    ],
)
def test_another_form_under_a_workbook_name(
    form: str, suffix: str, what: str, tmp_path: Path
) -> None:
    """A web page or an .xlsx named .xls (or .et) reads as itself, noted."""
    if form == "xlsx":
        require_module("openpyxl")
    original = FORMS / f"{NAME}.{form}"
    named = tmp_path / f"export{suffix}"
    named.write_bytes(original.read_bytes())
    read, own = read_tables(named), read_tables(original)
    assert [_model(t) for t in read.tables] == [_model(t) for t in own.tables]
    assert read.notes[0] == (
        f'{named}:1: the file is {what} under the name {suffix}, as systems export "Excel": '
        "read as such"
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_a_page_or_spreadsheet_with_a_byte_order_mark(codec: str, tmp_path: Path) -> None:
    """Exports that write UTF-16 (or UTF-8 with its mark) are told by content too."""
    page = (FORMS / f"{NAME}.html").read_text("utf-8").replace('charset="utf-8"', "")
    named = tmp_path / "page.xls"
    named.write_bytes(page.encode(codec))
    assert len(read_tables(named).tables) == 2
    sheet = tmp_path / "sheet.xls"
    sheet.write_bytes(
        _workbook(
            '<Worksheet><Table><Row><Cell><Data ss:Type="String">总分</Data></Cell></Row>'
            "</Table></Worksheet>"
        )
        .decode()
        .replace('encoding="UTF-8"', "")
        .encode(codec)
    )
    assert read_grid(sheet).lines[0].texts() == ["总分"]


def test_tab_separated_text_under_a_workbook_name(tmp_path: Path) -> None:
    original = ROOT / "docs" / "guides" / "data" / f"{NAME}.txt"
    named = tmp_path / "export.xls"
    named.write_bytes(original.read_bytes())
    assert [_model(t) for t in read_tables(named).tables] == [
        _model(t) for t in read_tables(original).tables
    ]
    gbk = tmp_path / "gbk.xls"
    gbk.write_bytes(original.read_text("utf-8").encode("gbk"))
    assert_refused_quickly(read_grid, gbk, "not UTF-8")  # an encoding is never guessed
    assert len(read_tables(gbk, encoding="gbk").tables) == 2


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"\x00\x01\x02 binary\t", "not an .xls workbook: its content is no Excel 97-2003"),
        (_workbook("").replace(b"<Styles>", b"<!DOCTYPE x><Styles>"), "document type or an entity"),
        (_workbook(""), "an XML Spreadsheet with no worksheet"),
        (_workbook("<Worksheet><Table><Cell/></Table></Worksheet>"), "a cell outside a row"),
        (_workbook("<Worksheet><Table><Row"), "damaged"),
        (
            _workbook('<Worksheet><Table><Row ss:Index="1048577"/></Table></Worksheet>'),
            "index '1048577' beyond a worksheet",
        ),
        (
            _workbook('<Worksheet><Table><Row><Cell ss:Index="x"/></Row></Table></Worksheet>'),
            "index 'x' beyond a worksheet",
        ),
        (
            _workbook(
                '<Worksheet><Table><Row><Cell ss:MergeAcross="-1"/></Row></Table></Worksheet>'
            ),
            "no count of cells",
        ),
        (
            _workbook("<Worksheet><Table>" + "<Row/>" * 100_001 + "</Table></Worksheet>"),
            "over 100,000 rows",
        ),
        (
            _workbook(
                '<Worksheet><Table><Row><Cell ss:MergeAcross="1" ss:MergeDown="100000">'
                '<Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>'
            ),
            "over 200,000 merged cells",
        ),
        (
            _workbook("", "".join(f'<Style ss:ID="s{n}"/>' for n in range(64_001))),
            "over 64,000 styles",
        ),
    ],
    ids=[
        "binary",
        "doctype",
        "no-sheet",
        "cell",
        "malformed",
        "row",
        "column",
        "merge",
        "rows",
        "merged-area",
        "styles",
    ],
)
def test_what_is_no_workbook_is_refused(data: bytes, match: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.xls"
    path.write_bytes(data)
    assert_refused_quickly(read_grid, path, match)
