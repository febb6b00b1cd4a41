"""The Word (.docx) source: paragraphs, tables with merges, Word's own text
constructs, and the refusals (``jixiao.io._grid_docx``, ``jixiao.io._ooxml``).

Documents are written here as WordprocessingML by hand
(:func:`tests.layouts.forms_docx.docx_package`); the generated tables of every
layout are read back from Word documents by ``tests/test_io_layouts.py``.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from jixiao.io import _ooxml as ooxml
from jixiao.io import read_tables
from jixiao.io.grid import Grid, SourceKind
from jixiao.io.sources import read_grid
from jixiao.targets import Unparsed, parse_value

from .layouts.forms_docx import docx_package
from .refused import assert_refused_quickly


def p(*runs: str) -> str:
    """A paragraph of runs of plain text."""
    return "<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"


def tc(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def read(tmp_path: Path, body: str, name: str = "r.docx") -> Grid:
    path = tmp_path / name
    docx_package(body, path)
    return read_grid(path)


def cells(grid: Grid) -> list[list[tuple[str, str]]]:
    """Each line's cells as (location, text), a continued cell's text ``^``."""
    return [
        [(str(c.location).partition(":")[2], "^" if c.continued else c.text) for c in line.cells]
        for line in grid.lines
    ]


def test_paragraphs_are_lines_located_by_their_number(tmp_path: Path) -> None:
    grid = read(
        tmp_path, p("三、项目支出绩效自评情况") + "<w:p/>" + p("各项目", "自评结果见下表。")
    )
    assert grid.kind is SourceKind.DOCX
    assert grid.merges
    assert cells(grid) == [[("1", "三、项目支出绩效自评情况")], [("3", "各项目自评结果见下表。")]]
    assert [line.block for line in grid.lines] == [0, 0]


def test_a_paragraph_with_tabs_is_cut_at_each(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:tab/><w:t>总分</w:t><w:tab/><w:tab/><w:t>100</w:t></w:r></w:p>"
    assert cells(read(tmp_path, body)) == [[("1:2", "总分"), ("1:4", "100")]]


def test_table_cells_stand_in_the_grid_columns(tmp_path: Path) -> None:
    body = tbl(
        tc("项目名称") + tc("党政事务", '<w:gridSpan w:val="3"/>'),
        tc("一级指标", '<w:vMerge w:val="restart"/>') + tc("数量") + tc("≥95%") + tc("10"),
        tc("", "<w:vMerge/>") + tc("质量") + tc() + tc("10"),
        '<w:trPr><w:gridBefore w:val="2"/></w:trPr>' + tc("100") + tc("90"),
    )
    grid = read(tmp_path, p("前言") + body + p("后记"))
    assert cells(grid) == [
        [("1", "前言")],
        [("t1:1:1", "项目名称"), ("t1:1:2", "党政事务")],
        [("t1:2:1", "一级指标"), ("t1:2:2", "数量"), ("t1:2:3", "≥95%"), ("t1:2:4", "10")],
        [("t1:3:1", "^"), ("t1:3:2", "质量"), ("t1:3:4", "10")],
        [("t1:4:3", "100"), ("t1:4:4", "90")],
        [("2", "后记")],
    ]
    first = grid.lines[2].cells[0]
    assert (first.rowspan, first.colspan) == (2, 1)
    name = grid.lines[1].cells[1]
    assert (name.x0, name.x1, name.colspan) == (1, 4, 3)
    assert [line.block for line in grid.lines] == [0, 1, 1, 1, 1, 0]


def test_an_older_horizontal_merge_widens_the_cell_to_its_left(tmp_path: Path) -> None:
    row = tc("项目名称") + tc("党政", '<w:hMerge w:val="restart"/>')
    row += tc("", "<w:hMerge/>") + tc("事务", '<w:hMerge w:val="continue"/>') + tc("10")
    grid = read(tmp_path, tbl(row))
    assert cells(grid) == [[("t1:1:1", "项目名称"), ("t1:1:2", "党政 事务"), ("t1:1:5", "10")]]
    assert grid.lines[0].cells[1].colspan == 3


def test_tables_are_numbered_in_order(tmp_path: Path) -> None:
    grid = read(tmp_path, tbl(tc("甲")) + p("中") + tbl(tc("乙")))
    assert cells(grid) == [[("t1:1:1", "甲")], [("1", "中")], [("t2:1:1", "乙")]]


def test_a_merge_continued_by_a_cell_that_prints_text_is_noted(tmp_path: Path) -> None:
    body = tbl(tc("甲", '<w:vMerge w:val="restart"/>'), tc("乙", "<w:vMerge/>"))
    grid = read(tmp_path, body)
    assert cells(grid) == [[("t1:1:1", "甲")], [("t1:2:1", "乙")]]
    assert grid.lines[0].cells[0].rowspan == 1
    assert [(str(w).rpartition("/")[2], n) for w, n in grid.notes] == [
        ("r.docx:t1:2:1", "a cell continues a vertical merge but prints text")
    ]


def test_lines_of_a_cell_and_line_breaks(tmp_path: Path) -> None:
    cell = (
        "<w:tc>" + p("偏差原因") + "<w:p><w:r><w:t>及</w:t><w:br/><w:t>改进措施</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>分</w:t><w:tab/><w:t>值</w:t></w:r></w:p></w:tc>"
    )
    assert cells(read(tmp_path, tbl(cell))) == [[("t1:1:1", "偏差原因\n及\n改进措施\n分 值")]]


def test_what_word_does_not_show_is_not_text(tmp_path: Path) -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = (
        "<w:p><w:r><w:t>实际</w:t></w:r>"
        "<w:del><w:r><w:delText>计划</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>完成</w:t></w:r></w:ins>"
        "<w:r><w:fldChar/><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>值</w:t></w:r>"
        f'<w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice><w:t>！</w:t></mc:Choice>'
        "<mc:Fallback><w:t>！</w:t></mc:Fallback></mc:AlternateContent></w:r>"
        '<w:r><w:br w:type="page"/></w:r></w:p>'
    )
    assert cells(read(tmp_path, body)) == [[("1", "实际完成值！")]]


def test_a_text_box_hyphens_tabs_and_page_breaks(tmp_path: Path) -> None:
    box = (
        "<w:r><w:drawing><w:txbxContent>"
        + p("框中")
        + tbl(tc("甲") + tc("乙"), tc("丙"))
        + "</w:txbxContent></w:drawing></w:r>"
    )
    body = (
        f'<w:p><w:r><w:t>第</w:t><w:noBreakHyphen/><w:t>1</w:t><w:br w:type="page"/></w:r>{box}</w:p>'
        + tbl("<w:tc><w:p><w:r><w:t>分</w:t><w:ptab/><w:t>值</w:t></w:r></w:p></w:tc>")
    )
    assert cells(read(tmp_path, body)) == [
        [("1", "第-1\n框中\n甲 乙\n丙")],  # a table in a text box gives its text
        [("t1:1:1", "分 值")],
    ]


def test_symbols_from_the_symbol_font_are_read(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>95%</w:t>'
        '<w:sym w:font="Symbol" w:char="00A3"/><w:sym w:font="Arial" w:char="2265"/>'
        '<w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F061"/>'
        '<w:sym w:font="Arial" w:char="0000"/></w:r></w:p>'
    )
    grid = read(tmp_path, body)
    assert cells(grid) == [[("1", "≥95%≤≥\ufffd\ufffd\ufffd")]]
    assert [(str(w).rpartition("/")[2], n) for w, n in grid.notes] == [
        ("r.docx:1", f"a symbol of the font {font!r} ({code}) not read; shown as \ufffd")
        for font, code in (("Wingdings", "F0FC"), ("Symbol", "F061"), ("Arial", "0000"))
    ]
    assert isinstance(parse_value("\ufffd95%"), Unparsed)  # a lost sign is no plain number


def test_a_row_whose_cell_holds_a_table_is_a_row_of_the_layout(tmp_path: Path) -> None:
    """As a page set in a layout table: the inner table is a table of its own,
    the text around it lines outside tables, the rows around it their table's."""
    inner = tbl(tc("甲") + tc("乙"), tc("丙", '<w:vMerge w:val="restart"/>'), tc("", "<w:vMerge/>"))
    body = tbl(
        tc("首页") + tc("公开"),
        f"<w:tc>{p('外')}{inner}{p('后')}</w:tc>" + tc("右"),
        tc("版权") + tc("所有"),
    )
    grid = read(tmp_path, body + tbl(tc("末")))
    assert cells(grid) == [
        [("t1:1:1", "首页"), ("t1:1:2", "公开")],
        [("t1:2", "外")],
        [("t2:1:1", "甲"), ("t2:1:2", "乙")],
        [("t2:2:1", "丙")],  # merged down over a row that prints nothing else
        [("t1:2", "后")],
        [("t1:2", "右")],
        [("t1:3:1", "版权"), ("t1:3:2", "所有")],
        [("t3:1:1", "末")],
    ]
    assert [line.block for line in grid.lines] == [1, 0, 2, 2, 0, 0, 3, 4]
    assert grid.lines[3].cells[0].rowspan == 2


def test_elements_nested_too_deep_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.docx"
    docx_package("<w:tbl><w:tr><w:tc>" * 43 + "</w:tc></w:tr></w:tbl>" * 43, path)
    assert_refused(path, "more than 128 XML elements deep; refused")


def test_content_controls_and_the_strict_namespace(tmp_path: Path) -> None:
    body = f"<w:sdt><w:sdtContent>{p('控件里的段落')}</w:sdtContent></w:sdt>"
    body += tbl("<w:sdt><w:sdtContent>" + tc("控件里的格") + "</w:sdtContent></w:sdt>")
    assert cells(read(tmp_path, body)) == [[("1", "控件里的段落")], [("t1:1:1", "控件里的格")]]
    strict = tmp_path / "strict.docx"
    docx_package(p("严格"), strict)
    with zipfile.ZipFile(strict) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    with zipfile.ZipFile(strict, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert cells(read_grid(strict)) == [[("1", "严格")]]


def test_wide_spans_and_rows_are_bounded_and_noted(tmp_path: Path) -> None:
    wide = tc("甲", '<w:gridSpan w:val="65"/>') + tc("乙")
    many = "".join(tc(str(n)) for n in range(70))
    grid = read(tmp_path, tbl(wide, many))
    first, second = grid.lines
    assert [(c.column, c.colspan) for c in first.cells] == [(0, 1), (1, 1)]
    assert len(second.cells) == 64
    assert second.cells[-1].text == " ".join(str(n) for n in range(63, 70))
    assert [n for _, n in grid.notes] == [
        "gridSpan 65 over 64; ignored",
        "more than 64 cells; the rest of the line kept as its last cell",
    ]


def test_a_word_document_reads_to_tables(tmp_path: Path) -> None:
    """The bundled Word document (the Luohu tables, in ``tests/test_io_bundled.py``
    cell for cell) through the public reader, as a folder's file."""
    bundled = Path(__file__).parents[1] / "docs/guides/data/forms/luohu-2023-tables-1-2.docx"
    result = read_tables(bundled)
    assert [t.project.name for t in result.tables] == ["党政事务", "干部健康管理"]


# ---------------------------------------------------------------- refusals


def assert_refused(path: Path, match: str) -> None:
    assert_refused_quickly(read_grid, path, match)


def test_not_a_zip_empty_and_missing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all")
    assert_refused(junk, r"not a \.docx document \(not a readable zip")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert_refused(empty, r"empty file; expected a \.docx document")
    assert_refused(tmp_path / "nowhere.docx", "no such file")


def test_a_zip_without_a_document_part(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert_refused(path, "no part word/document.xml")


def test_malformed_xml_is_a_damaged_document(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    docx_package("<w:p><w:r><w:t>未闭合</w:r></w:p>", path)
    assert_refused(path, r"damaged \.docx document \(ParseError")


def test_a_document_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><w:document/>',
        )
    assert_refused(path, "declares a document type")


def test_zip_bombs_are_refused(tmp_path: Path) -> None:
    declared = tmp_path / "declared.docx"
    docx_package(p("甲"), declared)
    data = bytearray(declared.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, ooxml.MAX_UNPACKED_BYTES + 1)
    declared.write_bytes(bytes(data))
    assert_refused(declared, "zip bomb")
    big = tmp_path / "big.docx"
    chunk = b" " * (1 << 20)
    with (
        zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(21):
            member.write(chunk)
    assert_refused(big, r"its part word/document.xml unpacks to 22,020,096 bytes")


def test_the_main_part_is_found_by_the_package_relationship(tmp_path: Path) -> None:
    path = tmp_path / "moved.docx"
    docx_package(p("移动过的正文"), path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/main.xml"] = parts.pop("word/document.xml")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert cells(read_grid(path)) == [[("1", "移动过的正文")]]
