"""Safe output (issue 13, item 5): whatever the tables say, jixiao writes only
inside the output folder, never through a link, and nothing it writes runs.

Every file jixiao writes — ``project convert`` (a folder of .toml/.json, one
file, one workbook), ``project audit --report`` (index.md and a Markdown and
an HTML report per table), :func:`~jixiao.project.save_table` — is named by
the library from sanitised table text, checked to lie in its folder, and
written to a temporary file in that folder that then replaces the target
atomically; a link, folder, device or FIFO where the file should go is refused
with :class:`~jixiao.errors.WriteError` (one line and exit status 2 on the
command line). The reports escape every table text.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import stat
import tempfile
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao._format import visible
from jixiao._safe_write import MAX_STEM_BYTES, Names, inside, safe_name
from jixiao.cli import main
from jixiao.errors import JixiaoError, ReadError, WriteError
from jixiao.io import _xlsx_layout as lay
from jixiao.io.reports import audit_html, audit_markdown, write_reports
from jixiao.io.xlsx import read_xlsx, write_xlsx
from jixiao.project import audit, load_table, save_table, score_table
from jixiao.project.audit_report import heading as report_heading
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

from .cli_helpers import run
from .conftest import require_module


def small_table(code: str = "P1", name: str = "测试项目", **changes: Any) -> ProjectTable:
    rows = (Row("数量", "≥4", "4人", "10", "10.00"), Row("质量", "100%", "100%", "40", "40.00"))
    table = ProjectTable(
        project=ProjectInfo(code, name, 2023, "某局", "某局"),
        funds=Funds(FundsRow("100.00", "100.00", "100.00"), weight="10", rate="100", points="10"),
        level1=(Level1("产出指标", "50", (Level2("数量指标", rows),)),),
        total=Total("60", "60.00"),
        goal=Goal("目标", "完成"),
    )
    return attrs.evolve(table, **changes)


def tree(root: Path) -> set[str]:
    """Every path under *root* (links not followed), relative."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def inputs(folder: Path, tables: list[ProjectTable]) -> Path:
    folder.mkdir()
    for number, table in enumerate(tables, 1):
        save_table(table, folder / f"{number}.toml")
    return folder


def plant_link(where: Path, victim: Path) -> None:
    where.unlink(missing_ok=True)
    where.symlink_to(victim)


needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks")


# ---------------------------------------------------------------- names stay inside

HOSTILE_CODES = [
    "x/../../escaped",
    "..",
    "../..",
    "/tmp/absolute",
    "a\x00b",
    "a\\..\\..\\b",
    ".hidden",
    "CON",
    "名" * 300,
    "a\nb\rc\x1bd",
    "\u202eexe.txt",
    "",
]


@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_convert_keeps_every_file_inside_the_folder(
    code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = inputs(tmp_path / "in", [small_table(code=code)])
    out = tmp_path / "out"
    (out / "001-x").mkdir(parents=True)  # what "x/../../escaped" needed to escape
    before = tree(tmp_path)
    status, _, err = run(["project", "convert", str(source), "-o", str(out)], capsys)
    assert (status, err) == (0, "")
    created = tree(tmp_path) - before
    (written,) = created
    assert written.startswith("out" + os.sep)
    path = tmp_path / written
    assert path.parent == out
    assert len(path.name.encode("utf-8")) <= 255
    assert not path.name.startswith(".")
    assert not set(path.name) & set("/\\\x00\n\r\x1b\u202e")
    assert load_table(path) == load_table(source / "1.toml")


def test_convert_names_keep_chinese_and_are_unique(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = [small_table(code=c) for c in ("项目/甲", "项目/甲", "A", "a", "")]
    source = inputs(tmp_path / "in", tables)
    status, _, _ = run(["project", "convert", str(source), "-o", str(tmp_path / "out")], capsys)
    assert status == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "001-项目_甲.toml",
        "002-项目_甲.toml",
        "003-A.toml",
        "004-a.toml",
        "005-table.toml",
    ]


def test_reports_keep_every_file_inside_the_folder(tmp_path: Path) -> None:
    audits = [audit(small_table(code=c, name=c)) for c in HOSTILE_CODES]
    before = tree(tmp_path)
    index = write_reports(audits, tmp_path / "r")
    created = tree(tmp_path) - before
    assert all(p == "r" or p.startswith("r" + os.sep) for p in created)
    assert len(created) == 1 + 2 + 2 * len(audits)  # the folder, index.md and index.html
    assert index == tmp_path / "r" / "index.md"
    assert _index_links(index) == sorted(p.name for p in (tmp_path / "r").glob("0*.md"))


def _index_links(index: Path) -> list[str]:
    """The files the index links to (every one must exist beside it)."""
    targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", index.read_text("utf-8"))
    names = [unquote(t) for t in targets]
    for name in names:
        assert "/" not in name
        assert (index.parent / name).is_file()
    return sorted(names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("测试项目（一期）", "测试项目（一期）"),
        ("x/../../名称", "x_.._.._名称"),
        ("..", "table"),
        ("...hidden", "hidden"),
        ("/etc/passwd", "etc_passwd"),
        ("C:\\Windows\\win.ini", "C_Windows_win.ini"),
        ("a\x00b\nc\u202ed", "a_b_c_d"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a  b\u3000c", "a_b_c"),
        ("end. . .", "end._._"),
        ("#1 100%", "1_100_"),
        ("", "table"),
        ("\ud800", "table"),
        ("名" * 300, "名" * 40),
    ],
)
def test_safe_name(text: str, name: str) -> None:
    assert safe_name(text) == name


@given(st.text())
def test_safe_name_is_one_harmless_name(text: str) -> None:
    name = safe_name(text)
    assert name
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES
    assert not name.startswith((".", "-"))
    assert not name.endswith(".")
    assert not re.search(r'[/\\:*?"<>|#%\x00-\x1f\x7f]', name)
    assert name == unicodedata.normalize("NFC", name)
    assert name not in (".", "..")
    assert inside(Path("out"), name).parent == Path("out").resolve()


def test_names_are_unique_ignoring_case() -> None:
    names = Names()
    taken = [names.take(stem, ".md") for stem in ("a", "A", "a", "a-2", "e\u0301", "\u00e9")]
    assert taken == ["a.md", "A-2.md", "a-3.md", "a-2-2.md", "e\u0301.md", "\u00e9-2.md"]


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a\\b", "a\x00b", "/abs"])
def test_inside_refuses_anything_but_one_plain_name(name: str, tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        inside(tmp_path, name)


# ---------------------------------------------------------------- links not followed


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious", "utf-8")
    return path


def assert_untouched(victim: Path, link: Path) -> None:
    assert victim.read_text("utf-8") == "precious"
    assert link.is_symlink()
    assert not [p for p in link.parent.iterdir() if p.name.endswith(".tmp")]


@needs_links
def test_convert_refuses_a_link_planted_in_the_folder(
    tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = inputs(tmp_path / "in", [small_table(code="P1")])
    out = tmp_path / "out"
    out.mkdir()
    link = out / "001-P1.toml"
    plant_link(link, victim)
    status, _, err = run(["project", "convert", str(source), "-o", str(out)], capsys)
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("jixiao: 错误: ")
    assert "symbolic link" in err
    assert_untouched(victim, link)


@needs_links
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_convert_to_one_file_refuses_a_link(
    suffix: str, tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = inputs(tmp_path / "in", [small_table()])
    link = tmp_path / f"one{suffix}"
    plant_link(link, victim)
    status, _, err = run(["project", "convert", str(source), "-o", str(link)], capsys)
    assert (status, err.count("\n")) == (2, 1)
    assert_untouched(victim, link)


@needs_links
def test_convert_to_a_workbook_refuses_a_link(
    tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_module("openpyxl")
    source = inputs(tmp_path / "in", [small_table()])
    link = tmp_path / "book.xlsx"
    plant_link(link, victim)
    status, _, err = run(["project", "convert", str(source), "-o", str(link)], capsys)
    assert (status, err.count("\n")) == (2, 1)
    assert "symbolic link" in err
    assert_untouched(victim, link)


@needs_links
@pytest.mark.parametrize(
    "planted", ["index.md", "index.html", "001-测试项目.md", "001-测试项目.html"]
)
def test_reports_refuse_a_link_planted_in_the_folder(
    planted: str, tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = inputs(tmp_path / "in", [small_table()])
    folder = tmp_path / "r"
    folder.mkdir()
    link = folder / planted
    plant_link(link, victim)
    status, _, err = run(["project", "audit", str(source), "--report", str(folder)], capsys)
    assert status == 2
    assert err.count("\n") == 1
    assert "symbolic link" in err
    assert_untouched(victim, link)


@needs_links
def test_save_table_refuses_a_link_and_a_dangling_link(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "t.toml"
    plant_link(link, victim)
    with pytest.raises(WriteError, match="symbolic link"):
        save_table(small_table(), link)
    assert_untouched(victim, link)
    dangling = tmp_path / "d.toml"
    dangling.symlink_to(tmp_path / "nowhere" / "x.toml")
    with pytest.raises(WriteError, match="symbolic link"):
        save_table(small_table(), dangling)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_or_folder_in_the_way_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "t.toml"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        save_table(small_table(), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "f.json"
    folder.mkdir()
    with pytest.raises(WriteError, match="not a regular file"):
        save_table(small_table(), folder)


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("x" * 100_000, "utf-8")
    save_table(small_table(), path)
    assert load_table(path) == attrs.evolve(small_table(), source=str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]


def test_write_errors_are_the_librarys_own(tmp_path: Path) -> None:
    assert issubclass(WriteError, JixiaoError)
    assert not issubclass(WriteError, ReadError)
    with pytest.raises(WriteError, match="cannot write"):
        save_table(small_table(), tmp_path / "no" / "such" / "folder.toml")


def test_a_text_that_is_no_unicode_is_refused_in_a_table_file_and_replaced_in_a_report(
    tmp_path: Path,
) -> None:
    table = small_table(name="甲\ud800乙")
    with pytest.raises(WriteError, match="surrogate"):
        save_table(table, tmp_path / "t.json")
    assert list(tmp_path.iterdir()) == []
    index = write_reports([audit(table)], tmp_path / "r")
    assert "甲\ufffd乙" in (index.parent / "001-甲_乙.md").read_text("utf-8")


# ---------------------------------------------------------------- escaping

HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[点此](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "http://example.com/x www.example.com a@example.com",
    "a | b || c",
    "`code` ``x``",
    "# 标题",
    "&lt;script&gt; &#106;avascript&colon;",
    "*强调* _x_ ~~删~~ $x$",
    "\\| \\[",
    "行一\n行二\r\n<b>",
    "\x00\x07\x1b[31m",
    "]: javascript:alert(1)",
]


def _table_of(text: str) -> ProjectTable:
    """A table printing *text* in every text cell a report shows."""
    rows = (Row(text, text, text, "10", "10.00", text), Row("质量", "100%", "100%", "40", "40.00"))
    return small_table(
        project=ProjectInfo(text, text, 2023, text, text),
        level1=(Level1("产出指标", "50", (Level2(text, rows),)),),
        source=text,
    )


class Rendered(HTMLParser):
    """What a browser would build from HTML: tags, attributes and the text shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(page: str) -> Rendered:
    parser = Rendered()
    parser.feed(page)
    parser.close()
    return parser


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "p", "strong",
    "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br", "small", "em",
}  # fmt: skip


def assert_inert(page: str, own_links: set[str] = frozenset()) -> Rendered:  # type: ignore[assignment]
    seen = rendered(page)
    for tag, attributes in seen.tags:
        if tag == "a":
            (href,) = [v for k, v in attributes if k == "href"]
            assert href in own_links
            continue
        assert tag in SAFE_TAGS, tag
        for name, value in attributes:
            assert not name.startswith("on"), name
            assert name in {
                "class",
                "title",
                "lang",
                "charset",
                "http-equiv",
                "content",
                "style",
                "rowspan",
            }
            assert "javascript" not in (value or "").lower()
    return seen


def as_shown(text: str) -> str:
    """*text* as a page shows it: control characters as pictures, no line breaks."""
    return re.sub(r"\r\n|\r|\n", "", visible(text))


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_html_report_shows_hostile_text_as_printed(text: str) -> None:
    table = _table_of(text)
    page = audit_html(audit(table))
    seen = assert_inert(page)
    assert as_shown(text) in as_shown("".join(seen.text))
    assert "Content-Security-Policy" in page
    for fragment in (audit(table)._repr_html_(), score_table(table)._repr_html_()):
        assert as_shown(text) in as_shown("".join(assert_inert(fragment).text))


def _markdown_html(text: str) -> str:
    """Markdown rendered as a viewer would (CommonMark with raw HTML, GFM tables)."""
    markdown_it = require_module("markdown_it")
    return str(
        markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    )


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_markdown_report_shows_hostile_text_as_printed(text: str) -> None:
    table = _table_of(text)
    source = audit_markdown(audit(table))
    assert "<script" not in source
    assert "javascript:" not in source.lower()
    assert not re.search(r"(?i)https?:|www\.|\w@", source)  # no autolink
    for line in source.splitlines():  # every table row keeps its cells: 4 funds, 11 indicators
        if line.startswith("| "):
            assert len(re.split(r"(?<!\\)\|", line)) in (4 + 2, 11 + 2), line
    page = _markdown_html(source)
    seen = assert_inert(page)
    heading = re.search(r"<h1>(.*)</h1>", page)
    assert heading is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1)))
    assert shown == as_shown(report_heading(table))  # as the HTML report heads it
    assert as_shown(text) in as_shown("".join(seen.text))


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_index_links_only_to_the_reports_own_files(text: str, tmp_path: Path) -> None:
    index = write_reports([audit(_table_of(text)), audit(small_table())], tmp_path / "r")
    source = index.read_text("utf-8")
    assert "javascript:" not in source.lower()
    own = set(re.findall(r"(?<!\\)\]\(([^)]*)\)", source))
    assert len(own) == 2
    _index_links(index)
    page = _markdown_html(source)
    assert_inert(page, own)
    assert page.count("<a ") == 2
    index_html = (index.parent / "index.html").read_text("utf-8")
    links = set(re.findall(r"href='([^']*)'", index_html))
    assert {unquote(link) for link in links} == {
        name[:-3] + ".html" for name in _index_links(index)
    }
    assert_inert(index_html, links)
    assert "Content-Security-Policy" in index_html


# ---------------------------------------------------------------- xlsx: text stays text

FORMULA_LIKE = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")', "-", "+", "@", "=-1"]
"""Texts a spreadsheet would take for a formula if they were typed in."""
PADDED = ["\t=1", "\r=1", " =1", "\n+1", "=1\t"]
"""The same behind or before white space: written as text, exactly; read
back stripped, as the reader reads every cell (line ends as "\\n")."""


def test_xlsx_never_writes_a_formula_and_reads_back_the_text(tmp_path: Path) -> None:
    openpyxl = require_module("openpyxl")
    texts = FORMULA_LIKE + PADDED
    rows = tuple(Row(f"指标{i}", t, t, "1", "1.00", t) for i, t in enumerate(texts))
    table = small_table(
        code="=cmd|' /C calc'!A0",
        name="+项目",
        level1=(Level1("产出指标", str(len(rows)), (Level2("数量指标", rows),)),),
        goal=Goal("=目标", "@完成"),
        remarks=("-2+3", "=A1"),
        source="=src",
    )
    path = tmp_path / "f.xlsx"
    write_xlsx([table], path)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name)
            assert b"<f " not in archive.read(name)
    ws = openpyxl.load_workbook(path).worksheets[0]
    cells = [c for r in ws.iter_rows() for c in r if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert {*texts, "=cmd|' /C calc'!A0", "=目标", "@完成"} <= {
        lay.unescape(c.value) for c in cells if c.data_type == "s"
    }
    back = read_xlsx(path)
    read = [t.replace("\r", "\n").strip() for t in texts]
    padded = tuple(
        attrs.evolve(r, target=t, actual=t, note=t) for r, t in zip(rows, read, strict=True)
    )
    expected = attrs.evolve(
        table, level1=(Level1("产出指标", str(len(rows)), (Level2("数量指标", padded),)),)
    )
    assert back.tables == (expected,)
    assert back.unplaced == ()


# ---------------------------------------------------------------- the property

PIECES = st.sampled_from(
    ["/", "..", "\\", "\x00", "\n", "\r", "\x1b", "\x7f", ".", "~", " ", "名", "测试项目",
     "C:", "CON", "%2e%2e", "\u202e", "<script>", "`", "|", "#", "'", "\ufeff", "名" * 120]
)  # fmt: skip
HOSTILE = st.lists(
    st.one_of(PIECES, st.text(st.characters(codec="utf-8"), max_size=4)), max_size=8
).map("".join)


def _hostile_round(tables: list[ProjectTable], root: Path) -> None:
    victim = root / "victim.txt"
    victim.write_text("precious", "utf-8")
    source = inputs(root / "in", tables)
    convert = ["project", "convert", str(source), "-o", str(root / "out"), "--form", "json"]
    report = ["project", "audit", str(source), "--report", str(root / "rep")]
    before = tree(root)
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        assert main(convert, io.StringIO()) == 0
        assert main(report, io.StringIO()) in (0, 1)
    created = tree(root) - before
    assert created
    assert {p.split(os.sep)[0] for p in created} == {"out", "rep"}
    written = [load_table(p) for p in sorted((root / "out").iterdir())]
    assert written == [load_table(source / f"{n}.toml") for n in range(1, len(tables) + 1)]
    for path in (root / "rep").iterdir():
        path.read_text("utf-8")
    _index_links(root / "rep" / "index.md")
    links = [*(root / "out").iterdir(), *(root / "rep").iterdir()]
    for link in links:
        plant_link(link, victim)
    before = tree(root)
    for argv in (convert, report):
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            assert main(argv, io.StringIO()) == 2
        assert errors.getvalue().count("\n") == 1
        assert "symbolic link" in errors.getvalue()
    assert tree(root) == before
    assert victim.read_text("utf-8") == "precious"
    assert all(link.is_symlink() for link in links)


@needs_links
@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=3))
def test_hostile_codes_and_names_write_only_inside_and_never_through_a_link(
    names: list[tuple[str, str]],
) -> None:
    tables = [small_table(code=code, name=name) for code, name in names]
    with tempfile.TemporaryDirectory() as folder:
        _hostile_round(tables, Path(folder))


def test_terminal_text_shows_control_characters_as_pictures() -> None:
    """A table's escape sequences never reach the terminal the CLI prints to."""
    table = small_table(name="党政\x1b[2J\x1b[31m事务\x07")
    for text in (audit(table).explain(), score_table(table).explain()):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "党政␛[2J␛[31m事务␇" in text
