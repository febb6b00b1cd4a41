"""PDF files read into a grid (:mod:`jixiao.io._grid_pdf` through :mod:`jixiao.io.sources`).

The PDFs are built with reportlab and its built-in CID font STSong-Light (no
font file needed): ruled tables as Excel and WPS export them, and text placed
in columns without rules.
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import ReadError
from jixiao.io import _grid_pdf
from jixiao.io.grid import SourceKind
from jixiao.io.sources import read_grid

from .conftest import require_module
from .fuzz_inputs import pdf_of_objects
from .sources_helpers import Merge, Rows, expected, grids, merged_grids, seen, words

require_module("pdfplumber")
reportlab = require_module("reportlab")

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
STYLE = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)


def _table(grid: Rows, merges: Sequence[Merge] = (), widths: Sequence[float] = ()) -> Any:
    """A ruled reportlab table of the grid, wide enough for every text."""
    if not widths:
        widest = max(pdfmetrics.stringWidth(t, FONT, 9) for row in grid for t in row)
        widths = [widest + 12] * len(grid[0])
    table = Table(grid, colWidths=list(widths))
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ]
    style += [("SPAN", (c, r), (c + w - 1, r + h - 1)) for r, c, h, w in merges]
    table.setStyle(TableStyle(style))
    return table


def _document(path: Path, story: list[Any], width: float = 600) -> Path:
    SimpleDocTemplate(str(path), pagesize=(width, 842)).build(story)
    return path


def _report(path: Path) -> Path:
    grid = [
        ["项目支出绩效自评表", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值"],
        ["产出指标(50分)", "数量指标", "参与人数 ≥ ≤ — ％", "7.00"],
        ["", "质量指标", Paragraph("指标名称很长需要换行显示", STYLE), "7.00"],
        ["", "", "abc def", ""],
        ["总分", "", "", "100.00"],
    ]
    merges = [(0, 0, 1, 4), (2, 0, 3, 1), (3, 1, 2, 1), (5, 0, 1, 3)]
    story = [
        Paragraph("第一章 总体情况", STYLE),
        _table(grid, merges, [80, 60, 110, 40]),
        Paragraph("填报说明：本表……", STYLE),
        PageBreak(),
        _table([["第二页", "a"], ["b", "c"]]),
    ]
    return _document(path, story)


def test_ruled_tables_and_text_lines(tmp_path: Path) -> None:
    path = _report(tmp_path / "report.pdf")
    grid = read_grid(path)
    assert grid.kind is SourceKind.PDF
    assert grid.merges
    lines = [
        (str(line.location).removeprefix(str(path)), line.page, line.block, line.texts())
        for line in grid
    ]
    assert lines == [
        (":p1:1", 1, 0, ["第一章 总体情况"]),
        (":p1:2", 1, 1, ["项目支出绩效自评表"]),
        (":p1:3", 1, 1, ["一级指标", "二级指标", "三级指标", "分值"]),
        (":p1:4", 1, 1, ["产出指标(50分)", "数量指标", "参与人数 ≥ ≤ — ％", "7.00"]),
        (":p1:5", 1, 1, ["质量指标", "指标名称很长需要换行\n显示", "7.00"]),
        (":p1:6", 1, 1, ["abc def"]),
        (":p1:7", 1, 1, ["总分", "100.00"]),
        (":p1:8", 1, 0, ["填报说明：本表……"]),
        (":p2:1", 2, 2, ["第二页", "a"]),
        (":p2:2", 2, 2, ["b", "c"]),
    ]
    assert seen(grid)[1] == [(0, "项目支出绩效自评表", 4, 1, False)]
    assert seen(grid)[3][0] == (0, "产出指标(50分)", 1, 3, False)
    assert seen(grid)[4][:2] == [(0, "", 1, 1, True), (1, "质量指标", 1, 2, False)]
    assert seen(grid)[5] == [(0, "", 1, 1, True), (1, "", 1, 1, True), (2, "abc def", 1, 1, False)]
    assert seen(grid)[6] == [(0, "总分", 3, 1, False), (3, "100.00", 1, 1, False)]
    cells = grid.lines[3].cells
    assert [str(c.location).removeprefix(str(path)) for c in cells] == [
        ":p1:4:1",
        ":p1:4:2",
        ":p1:4:3",
        ":p1:4:4",
    ]
    assert [c.x1 - c.x0 for c in cells] == [80, 60, 110, 40]
    assert grid.lines[6].cells[0].x1 - grid.lines[6].cells[0].x0 == 250
    assert grid.lines[0].text == "第一章 总体情况"


def test_characters_that_survive_the_round_trip(tmp_path: Path) -> None:
    kept = list("≥≤—％%×÷～‰①℃㎡–‘’“”《》（）：；、。，¥￥…Ⅱα")
    path = _document(tmp_path / "c.pdf", [_table([[c, "x"] for c in [*kept, "·", "•"]])])
    texts = [line.texts() for line in read_grid(path)]
    assert texts[: len(kept)] == [[c, "x"] for c in kept]
    assert texts[len(kept) :] == [["x"], ["x"]]  # reportlab's STSong-Light drops · and •


def test_words_in_columns_without_rules(tmp_path: Path) -> None:
    path = tmp_path / "words.pdf"
    canvas = Canvas(str(path), pagesize=(600, 842))
    canvas.setFont(FONT, 9)
    canvas.drawString(50, 800, "项目名称:")
    canvas.drawString(120, 800, "社区 活动 abc")
    canvas.drawString(300, 800, "7.00")
    canvas.drawString(50, 780, "总分")
    canvas.drawString(300, 781, "100.00")
    canvas.showPage()
    canvas.save()
    grid = read_grid(path)
    assert [[(c.text, c.x0, c.column) for c in line.cells] for line in grid] == [
        [("项目名称:", 50, 0), ("社区 活动 abc", 120, 1), ("7.00", 300, 2)],
        [("总分", 50, 0), ("100.00", 300, 1)],
    ]
    assert [str(c.location).removeprefix(str(path)) for c in grid.lines[1].cells] == [
        ":p1:2:1",
        ":p1:2:2",
    ]
    assert {line.block for line in grid} == {0}


@pytest.mark.parametrize("gap", [0.5, 1.9, 2.9, 3.5])
def test_a_hanging_mark_does_not_join_the_next_column_of_words(gap: float, tmp_path: Path) -> None:
    """On a page read as words, a cell's closing 。 may hang into the cell's
    padding, so that the next column's text starts within pdfplumber's word
    tolerance after it (found by generation: a goal's two texts read as one).
    The mark inks the left half of its advance only: the blank after it is a
    column's gap, while running text sets its next character right after it."""
    path = tmp_path / "hang-words.pdf"
    canvas = Canvas(str(path), pagesize=(600, 842))
    canvas.setFont(FONT, 8)
    left, right = "常态化制度化。", "完成164项论证工作。"
    end = 50 + pdfmetrics.stringWidth(left, FONT, 8)
    canvas.drawString(50, 800, left)
    canvas.drawString(end + gap, 800, right)
    canvas.drawString(50, 780, "目标明确，内容细化。")  # running text: one cell
    canvas.save()
    lines = [line.texts() for line in read_grid(path)]
    joined = gap <= 1  # no more blank after the mark than running text may leave
    assert lines == [[left + right] if joined else [left, right], ["目标明确，内容细化。"]]


@settings(max_examples=30)
@given(merged_grids(rows=5, columns=4))
def test_ruled_pdf_property(case: tuple[Rows, list[Merge]]) -> None:
    inner, inner_merges = case
    grid = [[f"h{j}" for j in range(len(inner[0]) + 1)]]
    grid += [[f"r{i}", *row] for i, row in enumerate(inner)]
    merges = [(r + 1, c + 1, h, w) for r, c, h, w in inner_merges]
    with tempfile.TemporaryDirectory() as folder:
        path = _document(Path(folder) / "g.pdf", [_table(grid, merges)], 1200)
        read = read_grid(path)
    assert {line.block for line in read} == {1}
    assert seen(read) == [cells for _, cells in expected(grid, merges)]
    assert [line.location.row for line in read] == list(range(1, len(read) + 1))
    for line in read:
        assert all(c.location.column == c.column + 1 for c in line.cells)
        assert all(c.location.part == "p1" for c in line.cells)


@settings(max_examples=30)
@given(grids(rows=5, columns=4), st.lists(words(), max_size=2))
def test_words_pdf_property(grid: Rows, title: list[str]) -> None:
    widths = [
        max(pdfmetrics.stringWidth(row[j], FONT, 9) for row in grid) for j in range(len(grid[0]))
    ]
    starts = [40.0]
    for width in widths[:-1]:
        starts.append(starts[-1] + width + 20)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.pdf"
        canvas = Canvas(str(path), pagesize=(sum(widths) + 200, 842))
        canvas.setFont(FONT, 9)
        for n, text in enumerate(title):
            canvas.drawString(40, 820 - 14 * n, text)
        for i, row in enumerate(grid):
            for start, text in zip(starts, row, strict=True):
                canvas.drawString(start, 780 - 14 * i, text)
        canvas.save()
        read = read_grid(path)
    want = [
        [(pytest.approx(starts[j], abs=0.02), t) for j, t in enumerate(row) if t]
        for row in grid
        if any(row)
    ]
    assert [[(c.x0, c.text) for c in line.cells] for line in read] == [
        [(40, t)] for t in title
    ] + want


# ---------------------------------------------------------------- guards


def test_row_lines_ending_at_a_merged_cell_keep_their_rows(tmp_path: Path) -> None:
    # The first table's row line stops at its merged last column, 120 pt in;
    # the tables below have a border 2.76, 4.75 and 6.25 pt further right.
    # Snapped together at 3 pt (pdfplumber's default, chained), that border
    # moved 3.4 pt away from the line ending at it, and two rows read as one.
    first = _table([["甲1", "乙1", "合并"], ["甲2", "乙2", ""]], [(0, 2, 2, 1)], [60, 60, 60])
    story = [first]
    for offset in (2.76, 4.75, 6.25):
        story.append(_table([["丙", "丁"]], widths=[120 + offset, 40]))
    for table in story:
        table.hAlign = "LEFT"
    grid = read_grid(_document(tmp_path / "snap.pdf", story))
    rows = [[c.text for c in line.cells if c.text] for line in grid.lines[:2]]
    assert rows == [["甲1", "乙1", "合并"], ["甲2", "乙2"]]


def test_not_a_pdf_and_damaged(tmp_path: Path) -> None:
    (tmp_path / "fake.pdf").write_text("<html>not a pdf</html>", "utf-8")
    with pytest.raises(ReadError, match=r"fake\.pdf: not a PDF \(no %PDF- header\)"):
        read_grid(tmp_path / "fake.pdf")
    good = _report(tmp_path / "good.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(good[:400])
    with pytest.raises(ReadError, match=r"cut\.pdf: unreadable PDF"):
        read_grid(tmp_path / "cut.pdf")


def test_size_pages_and_bombs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ReadError, match=r"big\.pdf: larger than 50 MB; refused"):
        read_grid(big)
    report = _report(tmp_path / "report.pdf")
    monkeypatch.setattr(_grid_pdf, "MAX_PAGES", 1)
    with pytest.raises(ReadError, match=r"report\.pdf: 2 pages, over 1; refused"):
        read_grid(report)
    monkeypatch.setattr(_grid_pdf, "MAX_PAGES", 10)
    monkeypatch.setattr(_grid_pdf, "MAX_CHARS", 105)
    with pytest.raises(
        ReadError, match=r"report\.pdf: more than 105 characters by page 2; refused"
    ):
        read_grid(report)
    monkeypatch.setattr(_grid_pdf, "MAX_CHARS", 2_000_000)
    monkeypatch.setattr(_grid_pdf, "MAX_PAGE_CHARS", 50)
    with pytest.raises(ReadError, match=r"report\.pdf: page 1 holds \d+ characters, over 50"):
        read_grid(report)
    many = b"%PDF-1.4\n" + b"stream\nx\x9c" * 1_000
    (tmp_path / "many.pdf").write_bytes(many)
    with pytest.raises(ReadError, match=r"many\.pdf: unreadable PDF"):
        read_grid(tmp_path / "many.pdf")
    monkeypatch.setattr(_grid_pdf, "MAX_STREAMS", 999)
    with pytest.raises(ReadError, match=r"many\.pdf: more than 999 streams; refused"):
        read_grid(tmp_path / "many.pdf")
    bomb = b"%PDF-1.4\n1 0 obj <</Length 9>> stream\n" + zlib.compress(b"\0" * 3_000_000)
    (tmp_path / "bomb.pdf").write_bytes(bomb + b"\nendstream endobj\n")
    monkeypatch.setattr(_grid_pdf, "MAX_UNPACKED_BYTES", 2_000_000)
    with pytest.raises(ReadError, match=r"bomb\.pdf: streams unpack to more than 1 MB"):
        read_grid(tmp_path / "bomb.pdf")


def test_object_references_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page tree of a million references is refused before pdfminer parses it
    (it took 25 s); references packed in a Flate stream are counted too."""
    kids = b" ".join([b"3 0 R"] * 1_000_000)
    tree = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Count 1000000/Kids[" + kids + b"]>>endobj\ntrailer<</Root 1 0 R>>"
    )
    (tmp_path / "tree.pdf").write_bytes(tree)
    with pytest.raises(ReadError, match=r"tree\.pdf: more than 200,000 object references"):
        read_grid(tmp_path / "tree.pdf")
    packed = b"%PDF-1.5\n4 0 obj<</Length 9>> stream\n" + zlib.compress(kids[:60_000])
    (tmp_path / "packed.pdf").write_bytes(packed + b"\nendstream endobj\n")
    monkeypatch.setattr(_grid_pdf, "MAX_REFERENCES", 9_999)
    with pytest.raises(ReadError, match=r"packed\.pdf: more than 9,999 object references"):
        read_grid(tmp_path / "packed.pdf")
    report = _report(tmp_path / "report.pdf")  # a real report is far below the bound
    monkeypatch.setattr(_grid_pdf, "MAX_REFERENCES", 200)
    assert read_grid(report).lines


def test_too_many_crossings_reads_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_grid_pdf, "MAX_CROSSINGS", 3)
    path = _report(tmp_path / "report.pdf")
    grid = read_grid(path)
    assert {line.block for line in grid} == {0}
    assert grid.lines[1].texts() == ["项目支出绩效自评表"]
    assert [(str(where).removeprefix(str(path)), note) for where, note in grid.notes] == [
        (":p1:1", "ruling lines cross at up to 35 points: not searched for tables"),
        (":p2:1", "ruling lines cross at up to 9 points: not searched for tables"),
    ]


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    canvas = Canvas(str(path), encrypt="password")
    canvas.drawString(50, 800, "secret")
    canvas.save()
    with pytest.raises(
        ReadError, match=r"secret\.pdf: unreadable PDF \(encrypted with a password\)"
    ):
        read_grid(path)


def test_missing_pdfplumber_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _report(tmp_path / "report.pdf")
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(
        ReadError, match=r"report\.pdf: reading \.pdf needs pdfplumber: .*jixiao\[pdf\]"
    ):
        read_grid(path)


@pytest.mark.parametrize("width", [102, 186, 198])
def test_hanging_punctuation_stays_in_its_cell(width: int, tmp_path: Path) -> None:
    """A CJK line may let its closing punctuation hang past the cell's right
    edge (at these widths a 。 of the last column does); it belongs to the
    character it follows, in place — it was dropped, or moved to the end."""
    wrapping = ParagraphStyle("cjk", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    text = "开展党建活动2次，推动政治学习教育常态化制度化。<br/>通过本项目的实施，保障本年度机关各项工作正常开展。"
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    table = Table(
        [["乙", "甲"], ["右", Paragraph(text, wrapping)]],
        colWidths=[30, width],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                *padding,
            ]
        ),
    )
    path = _document(tmp_path / "hang.pdf", [table])
    lines = [[c.text for c in line.cells] for line in read_grid(path)]
    assert lines[0] == ["乙", "甲"]
    assert len(lines) == 2
    assert lines[1][0] == "右"
    assert lines[1][1].replace("\n", "") == text.replace("<br/>", "")


def _scanned_pdf() -> bytes:
    """A one-page PDF, written by hand, whose page prints one image and no text (a scan)."""
    draw = b"q 200 0 0 200 100 400 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
    ]
    return pdf_of_objects(objects)


def test_a_page_of_images_without_text_is_said_to_need_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned_pdf())
    grid = read_grid(path)
    assert grid.lines == ()
    assert [(str(where), note) for where, note in grid.notes] == [
        (
            f"{path}:p1:1",
            "page 1 prints no text, only images (a scan?): text in an image is not read;"
            " run OCR on the file first",
        )
    ]
