"""Every input form read into one grid of located cells (:mod:`jixiao.io.sources`).

Hand-written examples of each text form and of HTML with their exact lines,
cells, locations, spans, pages and blocks; a property per form (a random grid
written into the form reads back the same texts at the same places, and the
same merges where the form keeps them); the file guards; and linear time.
PDF is tested in ``test_io_sources_pdf.py``, xlsx in ``test_io_sources_xlsx.py``.
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao.io.sources as sources
from jixiao.errors import InputError, ReadError
from jixiao.io import _grid_base, _html_tables
from jixiao.io import read_tables as read_tables_of
from jixiao.io.grid import SourceKind
from jixiao.io.recognise import recognise
from jixiao.io.sources import SUFFIXES, html_grid, markdown_grid, read_grid, text_grid

from .conftest import ROOT, SEEDS, require_seeds
from .sources_helpers import (
    ALPHABET,
    Rows,
    expected,
    grids,
    html_table,
    layout,
    located,
    markdown,
    merged_grids,
    seen,
    texts,
    tsv,
    words,
)

SEED = SEEDS / "000_7cd2ef88782e39ca.txt"


# ---------------------------------------------------------------- tab-separated


def test_tsv_cells_locations_and_pages() -> None:
    text = "\ufeff标题\r\n项目名称:\t\t<p>社区</p> <p>活动</p>\t \n\n\f第二页\ta\n尾\fb\tc\n"
    grid = text_grid(text, "r.txt")
    assert grid.kind is SourceKind.TSV
    assert not grid.merges
    assert located(grid) == [
        [("r.txt:1:1", "标题")],
        [("r.txt:2:1", "项目名称:"), ("r.txt:2:3", "社区\n活动")],
        [("r.txt:4:1", "第二页"), ("r.txt:4:2", "a")],
        [("r.txt:5:1", "尾")],
        [("r.txt:5:1", "b"), ("r.txt:5:2", "c")],
    ]
    assert [line.page for line in grid] == [1, 1, 2, 2, 3]
    assert [line.text for line in grid][1] == "项目名称:\t\t<p>社区</p> <p>活动</p>\t "
    cell = grid.lines[1].cells[1]
    assert (cell.column, cell.x0, cell.x1, cell.colspan, cell.continued) == (2, 2, 3, 1, False)
    assert [(str(where), note) for where, note in grid.notes] == [("r.txt:2", "HTML tags stripped")]


def test_tsv_without_form_feed_has_no_pages_and_keeps_tagless_lines() -> None:
    grid = text_grid("a\tb\n<关于>\n", "r.txt")
    assert [line.page for line in grid] == [None, None]
    assert located(grid)[1] == [("r.txt:2:1", "<关于>")]
    assert grid.notes == ()


def test_tsv_line_of_more_than_64_cells_keeps_the_rest_in_the_last() -> None:
    grid = text_grid("\t".join(str(n) for n in range(70)) + "\n", "r.txt")
    cells = grid.lines[0].cells
    assert len(cells) == 64
    assert cells[-1].text == "\t".join(str(n) for n in range(63, 70))
    assert [note for _, note in grid.notes] == [
        "more than 64 cells; the rest of the line kept as its last cell"
    ]


def test_html_row_of_more_than_64_cells_keeps_the_rest_in_the_last() -> None:
    """As in text; a row of a million cells took 17 s to lay out."""
    cells = "".join(f"<td>{n}</td>" for n in range(70))
    grid = html_grid(f"<table><tr>{cells}</tr><tr><td>a</td></tr></table>".encode(), "r.html")
    first = grid.lines[0].cells
    assert len(first) == 64
    assert first[-1].text == " ".join(str(n) for n in range(63, 70))
    assert [c.text for c in grid.lines[1].cells] == ["a"]
    assert [note for _, note in grid.notes] == [
        "more than 64 cells; the rest of the line kept as its last cell"
    ]
    wide = "<table><tr>" + "<td>x</td>" * 200_000 + "</tr></table>"
    start = time.process_time()
    assert len(html_grid(wide.encode(), "wide.html").lines[0].cells) == 64
    reading = time.process_time() - start
    # Against the baseline of the standard library's parser alone on the same
    # page (1.3x it, 1.6x under coverage), not an absolute time a loaded CI
    # machine can pass: a row laid out cell by cell would be many times it.
    start = time.process_time()
    _BareParser(convert_charrefs=True).feed(wide)
    assert reading < 3 * (time.process_time() - start) + 0.2


class _BareParser(HTMLParser):
    """The standard library's HTML parser, doing nothing with what it parses."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        pass

    def handle_data(self, data: str) -> None:
        pass


@given(grids(), st.lists(st.booleans(), min_size=6, max_size=6))
def test_tsv_property(grid: Rows, breaks: list[bool]) -> None:
    rows = tsv(grid).splitlines()
    text = "".join(
        ("\f" if brk else "") + row + "\n" for row, brk in zip(rows, breaks, strict=False)
    )
    read = text_grid(text + "\t", "g.tsv")
    want = expected(grid)
    pages = [1 + sum(breaks[: i + 1]) for i in range(len(grid))]
    assert seen(read) == [cells for _, cells in want]
    assert [str(line.location) for line in read] == [f"g.tsv:{i + 1}" for i, _ in want]
    assert [line.page for line in read] == [
        pages[i] if any(breaks[: len(grid)]) else None for i, _ in want
    ]
    assert [[str(c.location) for c in line.cells] for line in read] == [
        [f"g.tsv:{i + 1}:{c + 1}" for c, *_ in cells] for i, cells in want
    ]


# ---------------------------------------------------------------- laid out with spaces


def test_layout_cells_by_display_column() -> None:
    text = (
        "     项目支出绩效自评表\n"
        "  一级指标   数量 指标  ≥200人次  7.00\n"
        "\u3000项目\u3000资金 a  e\u0301x\n"
        " x\n"
    )
    grid = text_grid(text, "l.txt")
    assert grid.kind is SourceKind.LAYOUT
    assert [[(c.text, c.x0, c.x1, c.column) for c in line.cells] for line in grid] == [
        [("项目支出绩效自评表", 5, 23, 0)],
        [
            ("一级指标", 2, 10, 0),
            ("数量 指标", 13, 22, 1),
            ("≥200人次", 24, 32, 2),
            ("7.00", 34, 38, 3),
        ],
        [("项目", 2, 6, 0), ("资金 a", 8, 14, 1), ("e\u0301x", 16, 18, 2)],
        [("x", 1, 2, 0)],
    ]
    assert [str(c.location) for c in grid.lines[1].cells] == [
        "l.txt:2:3",
        "l.txt:2:14",
        "l.txt:2:25",
        "l.txt:2:35",
    ]
    assert [line.text for line in grid][3] == " x"


def test_layout_pages_and_long_lines() -> None:
    grid = text_grid("a  b\n\fc\n\f", "l.txt")
    assert [(line.page, line.texts()) for line in grid] == [(1, ["a", "b"]), (2, ["c"])]
    row = "  ".join(f"c{n}" for n in range(70)) + "   "
    cells = text_grid(row, "l.txt").lines[0].cells
    assert len(cells) == 64
    assert cells[-1].text == "  ".join(f"c{n}" for n in range(63, 70))
    exact = "  ".join(f"c{n}" for n in range(64)) + "   "
    assert text_grid(exact, "l.txt").notes == ()


@given(grids(), st.integers(0, 3))
def test_layout_property(grid: Rows, indent: int) -> None:
    text, starts = layout(grid, indent)
    read = text_grid(text, "g.txt")
    want = [
        (i, [(starts[j], t) for j, t in enumerate(row) if t])
        for i, row in enumerate(grid)
        if any(row)
    ]
    assert [str(line.location) for line in read] == [f"g.txt:{i + 1}" for i, _ in want]
    assert [[(c.x0, c.text) for c in line.cells] for line in read] == [cells for _, cells in want]
    for line in read:
        assert [c.column for c in line.cells] == list(range(len(line.cells)))
        assert all(str(c.location).endswith(f":{c.x0 + 1}") for c in line.cells)


# ---------------------------------------------------------------- Markdown


def test_markdown_tables_and_text() -> None:
    text = (
        "# 项目支出绩效自评表 #\n"
        "> 说明：*单位* 元\n"
        "\n"
        "| 一级指标 | 二级指标 | 分值 |\n"
        "|:---|:--:|---:|\n"
        "| 产出指标(50分) | a \\| b | 7.00 |\n"
        "| | 质量<br>指标 |\n"
        "| - | - | - |\n"
        "- 列表 &amp; 项\n"
        "1. 第一\n"
        "---\n"
        "> 甲 | 乙\n"
        "```\n"
        "| 代码 |\n"
        "```\n"
        "尾\\*\n"
    )
    grid = markdown_grid(text, "m.md")
    assert grid.kind is SourceKind.MARKDOWN
    assert [(line.block, line.texts()) for line in grid] == [
        (0, ["项目支出绩效自评表"]),
        (0, ["说明：*单位* 元"]),
        (1, ["一级指标", "二级指标", "分值"]),
        (1, ["产出指标(50分)", "a | b", "7.00"]),
        (1, ["质量\n指标"]),
        (1, ["-", "-", "-"]),
        (0, ["列表 & 项"]),
        (0, ["1. 第一"]),
        (2, ["甲", "乙"]),
        (0, ["| 代码 |"]),
        (0, ["尾*"]),
    ]
    assert located(grid)[4] == [("m.md:7:2", "质量\n指标")]
    assert [(c.x0, c.x1) for c in grid.lines[3].cells] == [(0, 1), (1, 2), (2, 3)]
    assert str(grid.lines[0].location) == "m.md:1"
    assert grid.lines[3].text == "| 产出指标(50分) | a \\| b | 7.00 |"


@given(grids(texts(ALPHABET + "|")), st.lists(words(), max_size=2))
def test_markdown_property(grid: Rows, around: list[str]) -> None:
    before = "".join(f"{line}\n" for line in around)
    read = markdown_grid(f"{before}\n{markdown(grid)}\n{before}", "g.md")
    want = expected(grid)
    lines = [line for line in read if line.block]
    assert {line.block for line in lines} <= {1}
    assert seen(read)[: len(around)] == [[(0, text, 1, 1, False)] for text in around]
    assert [[(c.column, c.text) for c in line.cells] for line in lines] == [
        [(c, t) for c, t, *_ in cells] for _, cells in want
    ]
    first = len(around) + 2
    assert [str(line.location) for line in lines] == [
        f"g.md:{first + i + (i > 0)}" for i, _ in want
    ]
    # the same text saved as .txt (no tab in it) is read as Markdown: its delimiter row says so
    text = f"{before}\n{markdown(grid)}\n{before}"
    if "\t" not in text:
        assert text_grid(text, "g.md") == read  # kind, cells, locations


# ---------------------------------------------------------------- HTML

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>自评</title><style>td {}</style><script>var s = "<td>x</td>";</script></head><body>
<h1>项目支出绩效自评表</h1>
<p>第一段
   文字<br>第二行&nbsp;&amp;</p>
<table border=1>
<caption>表 1</caption>
<thead><tr><th colspan=2>项目名称</th><th>社区</th></tr></thead>
<tbody>
<tr><td rowspan=3>产出指标<br>(50分)</td><td>数量</td><td>7.00</td></tr>
<tr><td rowspan="2"><p>质量</p><p>指标</p></td><td>8</td></tr>
<tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></td>
<tr><td colspan=500>x</td><td rowspan=0>全部</td></tr>
<tr><td></td><td>   </td><td>y<pre> 1  2
3</pre></td>
</table>
bare <div>块</div> tail <table><tr><td>二</td></tr></table>
</body></html>"""


def test_html_tables_spans_and_text() -> None:
    grid = html_grid(PAGE.encode("gb18030"), "page.html")
    assert grid.kind is SourceKind.HTML
    assert grid.merges
    assert [(str(line.location), line.block, line.text) for line in grid] == [
        ("page.html:2", 0, "自评"),
        ("page.html:3", 0, "项目支出绩效自评表"),
        ("page.html:4", 0, "第一段 文字\n第二行 &"),
        ("page.html:7", 0, "表 1"),
        ("page.html:t1:1", 1, "项目名称\t社区"),
        ("page.html:t1:2", 1, "产出指标\n(50分)\t数量\t7.00"),
        ("page.html:t1:3", 1, "质量\n指标\t8"),
        # row 4 holds a table: a row of the page's layout, the table one of its own
        ("page.html:t2:1", 2, "a\tb"),
        ("page.html:t2:2", 2, "c"),
        ("page.html:t1:5", 3, "x\t全部"),
        ("page.html:t1:6", 3, "y\n1  2\n3"),
        ("page.html:17", 0, "bare"),
        ("page.html:17", 0, "块"),
        ("page.html:17", 0, "tail"),
        ("page.html:t3:1", 4, "二"),
    ]
    cells = {
        str(c.location): (c.text, c.x0, c.x1, c.colspan, c.rowspan, c.continued)
        for line in grid
        for c in line.cells
    }
    assert cells["page.html:t1:1:1"] == ("项目名称", 0, 2, 2, 1, False)
    assert cells["page.html:t1:1:3"] == ("社区", 2, 3, 1, 1, False)
    assert cells["page.html:t1:2:1"][3:] == (1, 2, False)  # rowspan=3, up to the layout row
    assert cells["page.html:t1:3:1"] == ("", 0, 1, 1, 1, True)
    assert cells["page.html:t1:3:2"][3:] == (1, 1, False)
    assert cells["page.html:t2:1:2"] == ("b", 1, 2, 1, 1, False)
    assert cells["page.html:t1:5:2"][3:] == (1, 2, False)  # rowspan=0: to the group's end
    assert cells["page.html:t1:6:2"] == ("", 1, 2, 1, 1, True)
    assert cells["page.html:t1:6:4"][0] == "y\n1  2\n3"  # after the empty cell in column 3
    assert [(str(w), n) for w, n in grid.notes] == [
        ("page.html:t1:5:1", "colspan 500 over 64; ignored")
    ]


def test_a_page_set_in_a_layout_table_reads_as_its_content() -> None:
    """Many sites set a page, or its article, in a table: its tables are read
    as tables of their own, its cells' text as text outside tables, a line each."""
    page = (ROOT / "docs/guides/data/forms/luohu-2023-tables-1-2.html").read_text("utf-8")
    head, _, rest = page.partition("<body>")
    body, _, tail = rest.partition("</body>")
    wrapped = (
        f'{head}<body><table width="100%"><tr><td>首页</td><td>信息公开<br>自评报告</td></tr>'
        f"<tr><td colspan=2><div><table><tr><td>{body}</td></tr></table></div></td></tr>"
        f"<tr><td colspan=2>版权所有</td></tr></table></body>{tail}"
    )
    plain, laid_out = recognise(html_grid(page, "p.html")), recognise(html_grid(wrapped, "p.html"))
    assert len(plain.tables) == 2
    assert laid_out.tables == plain.tables
    printed = [(u.kind, u.text) for u in plain.unplaced]
    layout = [("text", "首页\t信息公开\n自评报告")]  # a row without a table: a table's row
    assert (
        [(u.kind, u.text) for u in laid_out.unplaced]
        == [
            printed[0],  # the page's <title>
            *layout,
            *printed[1:],
            ("text", "版权所有"),
        ]
    )


def test_a_layout_cells_text_is_a_line_each_line_at_its_source_line() -> None:
    page = (
        "<table><tr><td>\n  <p>\n   第一</p>\n<p>第二<br>\n第三</p>"
        "<table><tr><td>x</td></tr></table>尾</td></tr></table>"
    )
    grid = html_grid(page, "p.html")
    assert [(str(line.location), line.block, line.text) for line in grid] == [
        ("p.html:3", 0, "第一"),
        ("p.html:4", 0, "第二"),
        ("p.html:5", 0, "第三"),
        ("p.html:t2:1", 1, "x"),
        ("p.html:5", 0, "尾"),
    ]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("<p>中文</p>".encode(), "中文"),
        (b"\xef\xbb\xbf<meta charset=gbk><p>\xe4\xb8\xad</p>", "中"),
        ("<p>中文</p>".encode("utf-16"), "中文"),
        ('<meta charset="GB2312"><p>中文</p>'.encode("gb2312"), "中文"),
        ("<meta charset=latin1><p>é</p>".encode("latin-1"), "é"),
        ("<p>中文</p>", "中文"),
    ],
)
def test_html_decoding(data: bytes | str, text: str) -> None:
    assert html_grid(data, "p.html").lines[-1].texts() == [text]


def test_html_empty_merged_cell_places_but_gives_no_continued_cells() -> None:
    grid = html_grid("<table><tr><td rowspan=2> </td><td>a</td></tr><tr><td>b</td></tr>", "p")
    assert seen(grid) == [[(1, "a", 1, 1, False)], [(1, "b", 1, 1, False)]]


def test_html_table_that_lost_its_merges_is_named_cleaned() -> None:
    """A table that merges no cell and prints rows of different numbers of
    cells lost its merges and their places (Grid.cleaned names its block); a
    table that merges cells, or prints every place on every row, did not."""
    merged = "<table><tr><td colspan=2>t</td></tr><tr><td>a</td><td>b</td></tr></table>"
    full = "<table><tr><td>t</td><td></td></tr><tr><td>a</td><td>b</td></tr></table>"
    bare = "<table><tr><td>t</td></tr><tr><td>a</td><td>b</td></tr></table>"
    grid = html_grid(f"{merged}{full}<p>x</p>{bare}", "p.html")
    assert [line.block for line in grid] == [1, 1, 2, 2, 0, 3, 3]
    assert grid.cleaned == frozenset({3})
    assert html_grid(merged + full, "p.html").cleaned == frozenset()


def test_bundled_tables_on_a_page_that_lost_its_merges_read_as_their_text() -> None:
    """The two bundled Luohu tables as a page whose merges were cleaned away
    (a merged cell printed once, the places it covered not at all) give the
    tables their text gives: they were not read at all ("no indicator rows")."""
    text = (ROOT / "docs" / "guides" / "data" / "luohu-2023-tables-1-2.txt").read_text("utf-8")
    rows = []
    for text_line in text.splitlines():
        cells = text_line.split("\t")
        while len(cells) > 1 and not cells[0]:  # the places a merged label covered
            cells.pop(0)
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    page = "<table>" + "".join(r if r != "<tr><td></td></tr>" else "</table><table>" for r in rows)
    grid = html_grid(page + "</table>", "p.html")
    assert grid.cleaned == frozenset({1, 2})
    got, want = recognise(grid), read_tables_of(ROOT / "docs/guides/data/luohu-2023-tables-1-2.txt")
    assert not got.unplaced
    assert len(got.tables) == len(want.tables) == 2
    for table, printed in zip(got.tables, want.tables, strict=True):
        assert table.level1 == printed.level1
        assert table.funds == printed.funds
        assert table.total == printed.total
        assert table.project == printed.project


def test_html_undecodable_and_unknown_charset() -> None:
    with pytest.raises(
        ReadError, match=r"p\.html: not utf-8 text \(undecodable byte at offset 3\)"
    ):
        html_grid(b"<p>\xd6\xd0</p>", "p.html")
    grid = html_grid(b"<meta charset=klingon><p>a</p>", "p.html")
    assert [n for _, n in grid.notes] == ["unknown charset 'klingon' declared; read as UTF-8"]
    assert grid.lines[0].texts() == ["a"]


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex"])
def test_a_page_declaring_a_codec_of_no_text_is_read_as_utf8(codec: str) -> None:
    """``rot13`` and its kind are codecs Python knows, but of bytes, not text:
    declared as a page's charset they were an internal error (LookupError)."""
    grid = html_grid(f"<meta charset={codec}><p>总分</p>".encode(), "p.html")
    assert [n for _, n in grid.notes] == [f"unknown charset {codec!r} declared; read as UTF-8"]
    assert grid.lines[0].texts() == ["总分"]


def test_html_absurd_rowspan_is_ignored_and_noted() -> None:
    grid = html_grid("<table><tr><td rowspan=5000>a</td><td>b</td></tr><tr><td>c</td></tr>", "p")
    assert seen(grid) == [[(0, "a", 1, 1, False), (1, "b", 1, 1, False)], [(0, "c", 1, 1, False)]]
    assert [n for _, n in grid.notes] == ["rowspan 5000 over 1000; ignored"]


def test_html_left_open_or_malformed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    start = time.perf_counter()
    for page in (
        "<p>a</p>\n<!--" * 20_000,
        "<p>a</p>\n<a " + "<b " * 20_000,
        "<p>a</p>\n<a href='" + "x<b>" * 9_000,
    ):
        with pytest.raises(ReadError, match=r"p\.html: markup left open at line 2 .* refused"):
            html_grid(page, "p.html")
    assert time.perf_counter() - start < 5
    with pytest.raises(ReadError, match=r"p\.html: unreadable HTML \(AssertionError"):
        html_grid("<![" * 10, "p.html")
    assert html_grid("<p>a</p>" + "&amp" * 5_000, "p.html").lines[1].texts() == ["&" * 5_000]
    nested = "<table><tr><td>" * 33
    with pytest.raises(ReadError, match=r"p\.html: tables nested more than 32 deep; refused"):
        html_grid(nested, "p.html")
    assert [line.text for line in html_grid(nested[:-15] + "深", "p.html")] == ["深"]
    monkeypatch.setattr(_html_tables, "MAX_LINES", 3)
    with pytest.raises(ReadError, match=r"p\.html: a table of more than 3 rows; refused"):
        html_grid("<table>" + "<tr>" * 4, "p.html")


@given(st.data())
def test_html_property(data: st.DataObject) -> None:
    grid, merges = data.draw(merged_grids())
    pad = data.draw(st.sampled_from(["", " ", "\n  "]))
    head = data.draw(st.lists(words(), max_size=2))
    page = "".join(f"<p>{t}</p>\n" for t in head) + html_table(grid, merges, pad) + "<p>尾</p>"
    read = html_grid(page, "g.html")
    want = expected(grid, merges)
    assert seen(read)[: len(head)] == [[(0, t, 1, 1, False)] for t in head]
    lines = [line for line in read if line.block]
    assert seen(read)[len(head) + len(lines) :] == [[(0, "尾", 1, 1, False)]]
    assert seen(read)[len(head) : len(head) + len(lines)] == [cells for _, cells in want]
    assert [str(line.location) for line in lines] == [f"g.html:t1:{i + 1}" for i, _ in want]
    for line in lines:
        assert all(
            str(c.location) == f"g.html:t1:{line.location.row}:{c.column + 1}" for c in line.cells
        )
        assert all((c.x0, c.x1) == (c.column, c.column + c.colspan) for c in line.cells)


# ---------------------------------------------------------------- files and guards


def test_read_grid_by_suffix(tmp_path: Path) -> None:
    forms = {
        "a.txt": ("x\ty\n", SourceKind.TSV),
        "b.TXT": ("x  y\n", SourceKind.LAYOUT),
        "b2.txt": ("x | y\n--|--\n", SourceKind.MARKDOWN),  # a pipe table's delimiter row
        "b3.txt": ("x | y\n", SourceKind.LAYOUT),  # pipes alone do not say Markdown
        "c.tsv": ("x  y\n", SourceKind.TSV),
        "d.md": ("| x | y |\n", SourceKind.MARKDOWN),
        "e.markdown": ("x\n", SourceKind.MARKDOWN),
        "f.html": ("<p>x</p>", SourceKind.HTML),
        "g.htm": ("<p>x</p>", SourceKind.HTML),
    }
    for name, (text, kind) in forms.items():
        (tmp_path / name).write_text(text, "utf-8")
        grid = read_grid(tmp_path / name)
        assert (grid.kind, grid.source) == (kind, str(tmp_path / name))
        first = {"c.tsv": "x  y", "b3.txt": "x | y"}.get(name, "x")
        assert grid.lines[0].texts()[0] == first
    (tmp_path / "h.key").write_bytes(b"x")
    with pytest.raises(ReadError, match=r"h\.key: unknown file form; expected one of \.txt"):
        read_grid(tmp_path / "h.key")
    (tmp_path / "h.odt").write_bytes(b"x")  # a form not read: what to do
    with pytest.raises(ReadError, match=r"h\.odt: an OpenDocument text \(\.odt\) is not read"):
        read_grid(tmp_path / "h.odt")
    (tmp_path / "i.DOC").write_bytes(b"x")  # read by its content (tests/test_io_word_files.py)
    with pytest.raises(ReadError, match=r"i\.DOC: not a Word document: its content is no Word"):
        read_grid(tmp_path / "i.DOC")
    assert {".csv", ".et", ".ofd", ".pdf", ".doc", ".wps"} <= set(SUFFIXES)


def _refused(path: Path | str, message: str) -> None:
    with pytest.raises(ReadError, match=message) as caught:
        read_grid(path)
    assert caught.value.source == str(path)


def test_guards_on_special_files(tmp_path: Path) -> None:
    _refused(tmp_path / "missing.txt", "no such file")
    (tmp_path / "dir.txt").mkdir()
    _refused(tmp_path / "dir.txt", "a directory, not a regular file")
    _refused("/dev/zero", "a device, not a regular file")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    _refused(tmp_path / "zero.txt", "a device, not a regular file")
    os.mkfifo(tmp_path / "pipe.html")
    _refused(tmp_path / "pipe.html", r"a FIFO \(named pipe\), not a regular file")
    with tempfile.TemporaryDirectory(dir="/tmp") as short, socket.socket(socket.AF_UNIX) as server:
        server.bind(f"{short}/s.md")
        _refused(f"{short}/s.md", "a socket, not a regular file")


def test_guards_on_contents(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024 + 1)
    _refused(big, "larger than 20 MB; refused")
    (tmp_path / "nul.txt").write_bytes(b"a\tb\n\x00")
    _refused(tmp_path / "nul.txt", r"binary data \(a NUL character at offset 4\)")
    (tmp_path / "gbk.txt").write_bytes("\ufeff项目".encode() + "名称".encode("gbk"))
    _refused(
        tmp_path / "gbk.txt",
        r"not UTF-8 text \(undecodable byte at offset 9\); its encoding is not guessed: "
        r"check the encoding \(the byte-order mark",
    )
    (tmp_path / "nul.html").write_bytes("<p>\x00</p>".encode("utf-16"))
    _refused(tmp_path / "nul.html", "binary data")
    (tmp_path / "long.txt").write_text("a\n" * 200_000, "utf-8")
    _refused(tmp_path / "long.txt", "more than 200,000 lines")


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read for the size its stat gave; what it holds beyond is
    read too, up to the limit (the file grew in between)."""
    real_stat = os.stat

    def smaller(path: object, *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        fields = list(found)
        fields[6] = min(fields[6], 3)  # st_size: 3 bytes when it was taken
        return os.stat_result(fields)

    grown = tmp_path / "grown.txt"
    grown.write_text("项目名称:\t社区活动\n总分\t\t100.00\n", "utf-8")
    monkeypatch.setattr(os, "stat", smaller)  # the module sources reads it from
    grid = read_grid(grown)
    assert [line.text for line in grid.lines] == ["项目名称:\t社区活动", "总分\t\t100.00"]
    monkeypatch.setattr(sources, "MAX_BYTES", 10)
    _refused(grown, "larger than 0 MB; refused")


def test_cell_and_note_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_grid_base, "MAX_CELLS", 5)
    with pytest.raises(ReadError, match=r"x\.txt: more than 5 cells; refused"):
        text_grid("a\tb\tc\nd\te\tf\n", "x.txt")
    with pytest.raises(ReadError, match="more than 5 cells"):
        html_grid("<table>" + "<tr><td>a</td></tr>" * 6 + "</table>", "x.html")
    monkeypatch.setattr(_grid_base, "MAX_NOTES", 2)
    grid = text_grid("<b>a</b>\t\n<b>b</b>\n<b>c</b>\n<b>d</b>\n", "x.txt")
    assert [(str(w), n) for w, n in grid.notes] == [
        ("x.txt:1", "HTML tags stripped"),
        ("x.txt:2", "HTML tags stripped"),
        ("x.txt:3", "2 more notes not listed"),
    ]


def test_seed_is_read_line_for_line() -> None:
    require_seeds()
    grid = read_grid(SEED)
    raw = SEED.read_text("utf-8-sig").split("\n")
    assert [line.location.row for line in grid] == [
        n for n, line in enumerate(raw, 1) if line.replace("\t", "").strip()
    ]
    assert located(grid)[1][:2] == [
        (f"{SEED}:4:1", "项目编码:"),
        (f"{SEED}:4:2", "440303210301500003219"),
    ]


# ---------------------------------------------------------------- time


def _seconds(read: Callable[[str], object], text: str) -> float:
    """The best of five reads in CPU time: the time of this process alone,
    whatever else the machine runs (wall time made the ratio flaky under load)."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        read(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    ("read", "unit"),
    [
        (lambda t: text_grid(t, "x"), "项目名称:\t社区 活动\t<p>a</p>\t7.00\n"),
        (lambda t: text_grid(t, "x"), "  一级指标   数量 指标  ≥200人次  7.00\n"),
        (lambda t: text_grid(t, "x"), "a b" * 10),
        (lambda t: markdown_grid(t, "x"), "| a \\| b | c<br>d |\n"),
        (lambda t: markdown_grid(t, "x"), "\\|" * 10),
        (lambda t: markdown_grid(t, "x"), "> " * 10),
        (lambda t: markdown_grid(t, "x"), "|" * 10),
        (lambda t: html_grid(t, "x"), "<tr><td rowspan=2>a</td><td>b&amp;</td></tr>\n"),
        (lambda t: html_grid(t, "x"), "<div><p>a<br>"),
    ],
)
def test_time_is_linear(read: Callable[[str], object], unit: str) -> None:
    small, large = unit * 2_000, unit * 8_000
    if "<tr>" in unit:
        small, large = f"<table>{small}</table>", f"<table>{large}</table>"
    ratio = _seconds(read, large) / _seconds(read, small)
    assert ratio < 8, f"4 × the input took {ratio:.1f} × the time"


# ---------------------------------------------------------------- encodings named


@pytest.mark.parametrize("suffix", [".txt", ".tsv", ".csv", ".md"])
def test_a_named_encoding_reads_what_utf8_refuses(suffix: str, tmp_path: Path) -> None:
    sep = {".csv": ",", ".md": "|"}.get(suffix, "\t")
    text = f"项目名称{sep}社区活动{sep}\n总分{sep}{sep}90.5\n"
    path = tmp_path / f"gbk{suffix}"
    path.write_bytes(text.encode("gbk"))
    with pytest.raises(ReadError, match=r"not UTF-8 text .*\(--encoding gbk; encoding='gbk'\)"):
        read_grid(path)
    for name in ("gbk", "GB2312", "cp936", "gb18030"):
        texts = [line.texts() for line in read_grid(path, encoding=name).lines]
        assert texts[-1] == ["总分", "90.5"], name
    with pytest.raises(ReadError, match=r"not ASCII text .*check the encoding"):
        read_grid(path, encoding="ascii")


def test_a_byte_order_mark_says_the_encoding_over_the_one_named(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "总分,90.5\n".encode())
    assert read_grid(path, encoding="gbk").lines[0].texts() == ["总分", "90.5"]


def test_a_named_encoding_reads_a_page_over_its_meta_charset(tmp_path: Path) -> None:
    """A page saved as GBK that declares UTF-8 (as a site's template may)."""
    page = '<meta charset="utf-8"><table><tr><td>总分</td><td>90.5</td></tr></table>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    with pytest.raises(ReadError, match="not utf-8 text"):
        read_grid(path)
    assert read_grid(path, encoding="gbk").lines[0].texts() == ["总分", "90.5"]


@pytest.mark.parametrize("name", ["klingon", "rot13", "hex", ""])
def test_an_unknown_encoding_is_refused_naming_the_field(name: str) -> None:
    csv_file = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.csv"
    for read in (read_grid, read_tables_of):
        with pytest.raises(InputError, match="unknown text encoding") as error:
            read(csv_file, encoding=name)
        assert error.value.field == "encoding"
    toml_file = ROOT / "examples" / "projects" / "luohu-2023-01-党政事务.toml"
    with pytest.raises(InputError, match="unknown text encoding"):
        read_tables_of(toml_file, encoding=name)  # whatever the file's form


@pytest.mark.parametrize("suffix", [".shtml", ".xhtml", ".HTM"])
def test_a_page_downloaded_by_its_address_reads_as_a_page(suffix: str, tmp_path: Path) -> None:
    """``wget`` keeps a page's own suffix: .shtml and .xhtml are web pages too."""
    page = ROOT / "docs" / "guides" / "data" / "forms" / "luohu-2023-tables-1-2.html"
    named = tmp_path / f"content{suffix}"
    named.write_bytes(page.read_bytes())
    grid = read_grid(named)
    assert grid.kind is SourceKind.HTML
    assert [line.texts() for line in grid.lines] == [line.texts() for line in read_grid(page).lines]
