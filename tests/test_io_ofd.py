"""OFD files (:mod:`jixiao.io._grid_ofd`, :mod:`jixiao.io._ruled`): characters
placed as the format places them, tables cut from the lines a page draws,
hostile packages refused quickly. The round trip of generated tables in OFD
is :mod:`tests.test_io_layouts`' (the ``ofd`` form), the bundled file
:mod:`tests.test_io_bundled`'s."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from jixiao.io import read_tables
from jixiao.io._ruled import ruled_tables
from jixiao.io.grid import Grid, SourceKind
from jixiao.io.sources import read_grid

from .refused import assert_refused_quickly

_NS = "http://www.ofdspec.org/2016"
_ROOT = (
    f'<ofd:OFD xmlns:ofd="{_NS}"><ofd:DocBody>'
    "<ofd:DocRoot>{root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
)


def _ofd(path: Path, *pages: str, templates: dict[str, str] | None = None) -> Path:
    """An OFD file of *pages* (each a content layer's objects)."""
    templates = templates or {}
    listed = "".join(
        f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages))
    )
    used = "".join(
        f'<ofd:TemplatePage ID="{ident}" BaseLoc="Tpls/{ident}.xml"/>' for ident in templates
    )
    parts = {
        "OFD.xml": _ROOT.format(root="/Doc_0/Document.xml"),
        "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{_NS}"><ofd:CommonData>{used}'
        f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
    }
    for n, objects in enumerate(pages):
        refs = "".join(f'<ofd:Template TemplateID="{t}"/>' for t in templates)
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<ofd:Page xmlns:ofd="{_NS}">{refs}<ofd:Content><ofd:Layer ID="1">'
            f"{objects}</ofd:Layer></ofd:Content></ofd:Page>"
        )
    for ident, objects in templates.items():
        parts[f"Doc_0/Tpls/{ident}.xml"] = (
            f'<ofd:Page xmlns:ofd="{_NS}"><ofd:Content><ofd:Layer ID="1">{objects}'
            "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _text(x: float, y: float, text: str, extra: str = "", code: str = "") -> str:
    return (
        f'<ofd:TextObject ID="1" Boundary="{x} {y} 100 5" Size="3"{extra}>'
        f'<ofd:TextCode X="0" Y="2.55"{code}>{text}</ofd:TextCode></ofd:TextObject>'
    )


def _line(x0: float, y0: float, x1: float, y1: float) -> str:
    return (
        f'<ofd:PathObject ID="2" Boundary="0 0 300 300"><ofd:AbbreviatedData>'
        f"M {x0} {y0} L {x1} {y1}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _texts(grid: Grid) -> list[list[str]]:
    return [line.texts() for line in grid.lines]


def _grid_of(x0: float, y0: float, columns: list[float], rows: list[float]) -> str:
    """The lines of a full lattice at *columns* and *rows* (mm)."""
    return "".join(
        [_line(x, rows[0], x, rows[-1]) for x in columns]
        + [_line(columns[0], y, columns[-1], y) for y in rows]
    )


def test_text_outside_tables_reads_in_lines_and_cells(tmp_path: Path) -> None:
    page = (
        _text(10, 10, "项目名称")
        + _text(40, 10, "社区活动")  # far right: a cell of its own
        + _text(10, 20, "总分 100.00")  # one space: one cell
    )
    grid = read_grid(_ofd(tmp_path / "t.ofd", page))
    assert grid.kind is SourceKind.OFD
    assert _texts(grid) == [["项目名称", "社区活动"], ["总分 100.00"]]
    assert [str(c.location) for c in grid.lines[0].cells] == [
        f"{tmp_path / 't.ofd'}:p1:1:1",
        f"{tmp_path / 't.ofd'}:p1:1:2",
    ]


def test_a_ruled_table_reads_with_its_merged_cells(tmp_path: Path) -> None:
    """Three columns, two rows; the first row's first two cells merged (no line
    between them), the third column's cells merged down (no line across)."""
    lines = (
        _line(10, 10, 100, 10)
        + _line(10, 30, 100, 30)
        + _line(10, 20, 70, 20)  # the second row's top, left of the third column only
        + _line(10, 10, 10, 30)
        + _line(70, 10, 70, 30)
        + _line(100, 10, 100, 30)
        + _line(40, 20, 40, 30)  # a line between the first two columns, second row only
    )
    page = lines + _text(12, 12, "一级指标") + _text(72, 12, "得分") + _text(12, 22, "产出")
    grid = read_grid(_ofd(tmp_path / "t.ofd", page))
    assert grid.merges
    first, second = grid.lines
    assert [(c.text, c.column, c.colspan, c.rowspan) for c in first.cells] == [
        ("一级指标", 0, 2, 1),
        ("得分", 2, 1, 2),
    ]
    assert [(c.text, c.continued) for c in second.cells] == [("产出", False), ("", True)]
    assert first.block == second.block == 1


def test_characters_are_placed_by_deltas_ctm_and_templates(tmp_path: Path) -> None:
    """``g`` repeats in DeltaX, a CTM of one half, a TextCode without X going on
    from the last, a template page's text with the page, a page block."""
    page = (
        _text(10, 10, "年度", code=' DeltaX="g 1 3"')
        + '<ofd:PageBlock><ofd:TextObject ID="3" Boundary="10 20 100 10" Size="6" '
        'CTM="0.5 0 0 0.5 0 0"><ofd:TextCode X="0" Y="5.1" DeltaX="6">分值</ofd:TextCode>'
        '<ofd:TextCode X="30" Y="5.1">得分</ofd:TextCode></ofd:TextObject></ofd:PageBlock>'
        + _text(10, 30, "隐藏", extra=' Visible="false"')
    )
    grid = read_grid(_ofd(tmp_path / "t.ofd", page, templates={"9": _text(10, 40, "- 1 -")}))
    assert _texts(grid) == [["年度"], ["分值", "得分"], ["- 1 -"]]
    second = grid.lines[1].cells
    assert second[1].x0 - second[0].x0 == pytest.approx(15 * 72 / 25.4, abs=0.1)


def test_an_image_only_page_is_noted(tmp_path: Path) -> None:
    image = '<ofd:ImageObject ID="4" Boundary="0 0 210 297" ResourceID="5"/>'
    grid = read_grid(_ofd(tmp_path / "scan.ofd", image))
    assert grid.lines == ()
    assert [note for _, note in grid.notes] == [
        "page 1 prints no text, only images (a scan?): text in an image is not read; run OCR"
        " on the file first"
    ]


@pytest.mark.parametrize(
    ("objects", "match"),
    [
        (
            _text(10, 10, "x", code=' DeltaX="nan"'),
            "DeltaX 'nan' in Doc_0/Pages/Page_0/Content.xml",
        ),
        (_text(1e300, 10, "x"), "Boundary '1e[+]300' in"),
        ('<ofd:TextObject ID="1" Boundary="a b 1 1" Size="3"/>', "Boundary 'a' in"),
        (_text(10, 10, "xyz", code=' DeltaY="1 x"'), "DeltaY 'x' in"),
        ('<ofd:TextObject ID="1" Size="3"/>', "Boundary None in .* is not 4 numbers"),
        ('<ofd:TextObject ID="1" Boundary="1 2" Size="3"/>', "Boundary '1 2' in"),
        (
            '<ofd:TextObject ID="1" Boundary="0 0 9 9" CTM="1 0 0 1 0" Size="3"/>',
            "CTM '1 0 0 1 0' in .* is not 6 numbers",
        ),
        (
            '<ofd:PathObject ID="1" Boundary="0 0 1 1"><ofd:AbbreviatedData>M 0 0 Z 1 1'
            "</ofd:AbbreviatedData></ofd:PathObject>",
            "a path command 'Z'",
        ),
        (_text(10, 10, "汉" * 50_001), "page 1 holds over 50,000 characters"),
        (_line(0, 0, 1, 0) * 100_001, "page 1 draws over 100,000 lines"),
    ],
    ids=[
        "nan",
        "huge",
        "boundary",
        "delta-y",
        "no-boundary",
        "short-boundary",
        "short-ctm",
        "command",
        "characters",
        "lines",
    ],
)
def test_a_page_that_is_not_one_is_refused(objects: str, match: str, tmp_path: Path) -> None:
    path = _ofd(tmp_path / "bad.ofd", objects)
    assert_refused_quickly(read_grid, path, match)


def test_a_package_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.ofd"
    path.write_bytes(b"not a zip")
    assert_refused_quickly(read_grid, path, r"not an \.ofd document \(not a readable zip")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{_NS}"/>')
    assert_refused_quickly(read_grid, path, "its OFD.xml names no document")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert_refused_quickly(read_grid, path, "declares a document type or an entity")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", _ROOT.format(root="Doc_0/Document.xml"))
    assert_refused_quickly(read_grid, path, "no part Doc_0/Document.xml")


def test_more_pages_than_the_bound_are_refused(tmp_path: Path) -> None:
    path = _ofd(tmp_path / "long.ofd", *[""] * 501)
    assert_refused_quickly(read_grid, path, "501 pages, over 500")


def test_a_large_part_listed_again_and_again_is_read_once_in_the_bound(tmp_path: Path) -> None:
    """500 pages listing one content part of 1 MB: 500 MB to parse, refused at 200 MB."""
    path = _ofd(tmp_path / "again.ofd", "<ofd:Layer/>" * 80_000)
    listed = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_0/Content.xml"/>' for n in range(500))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["Doc_0/Document.xml"] = (
        f'<ofd:Document xmlns:ofd="{_NS}"><ofd:Pages>{listed}</ofd:Pages></ofd:Document>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert_refused_quickly(read_grid, path, "bytes in all, over 209,715,200")


def test_a_repeat_of_a_billion_offsets_takes_no_memory(tmp_path: Path) -> None:
    path = _ofd(tmp_path / "g.ofd", _text(10, 10, "年度", code=' DeltaX="g 1000000000 3"'))
    assert _texts(read_grid(path)) == [["年度"]]


def test_lines_crossing_too_often_are_not_searched_for_tables(tmp_path: Path) -> None:
    lines = "".join(_line(0, y, 300, y) for y in range(250)) + "".join(
        _line(x + 0.5, 0, x + 0.5, 300) for x in range(250)
    )
    grid = read_grid(_ofd(tmp_path / "dense.ofd", lines + _text(10, 10, "总分")))
    assert _texts(grid) == [["总分"]]
    assert [note for _, note in grid.notes] == ["too many lines drawn to search for tables"]


def test_a_cell_whose_sides_are_not_all_drawn_is_no_cell() -> None:
    """An L-shaped outline: the unit outside it belongs to no cell."""
    segments = [
        (0.0, 0.0, 100.0, 0.0),
        (0.0, 50.0, 100.0, 50.0),
        (0.0, 100.0, 50.0, 100.0),
        (0.0, 0.0, 0.0, 100.0),
        (50.0, 0.0, 50.0, 100.0),
        (100.0, 0.0, 100.0, 50.0),
    ]
    (table,) = ruled_tables(segments)
    assert table.cells == [(0, 0, 1, 1), (1, 0, 2, 1), (0, 1, 1, 2)]


def test_the_bundled_ofd_audits_as_its_transcription() -> None:
    path = Path(__file__).parents[1] / "docs" / "guides" / "data" / "forms"
    result = read_tables(path / "luohu-2023-tables-1-2.ofd")
    assert [t.project.name for t in result.tables] == ["党政事务", "干部健康管理"]
