"""Web archives (``.mht``, ``.mhtml``): a page saved as one file, read as the page it holds."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.io import read_tables
from jixiao.io._grid_mht import MAX_PART_LINES
from jixiao.io.sources import read_grid
from jixiao.project import ProjectTable, table_to_dict

from .cli_helpers import run
from .conftest import ROOT
from .refused import assert_refused_quickly

FORMS = ROOT / "docs" / "guides" / "data" / "forms"
PAGE = '<html><head><meta charset="{meta}"></head><body><p>说明</p><table><tr><td>总分</td><td>90.5</td></tr></table></body></html>'


def _archive(
    body: bytes,
    *,
    kind: str = 'text/html; charset="gbk"',
    transfer: str = "quoted-printable",
    start: str = "",
    first: bytes = b"",
) -> bytes:
    """A multipart/related message: *first* (a whole part) before the page when given."""
    encoded = {
        "quoted-printable": quopri.encodestring(body),
        "base64": base64.encodebytes(body),
    }.get(transfer, body)
    head = f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"{start}\r\n\r\n'
    page = (
        f"--B\r\nContent-Type: {kind}\r\nContent-ID: <page@x>\r\n"
        f"Content-Transfer-Encoding: {transfer}\r\n\r\n"
    ).encode() + encoded
    return head.encode() + first + page + b"\r\n--B--\r\n"


def _cells(table: ProjectTable) -> dict[str, object]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


def _texts(path: Path) -> list[list[str]]:
    return [line.texts() for line in read_grid(path).lines]


def test_the_bundled_archive_reads_as_the_bundled_page() -> None:
    """Word's single-file page (GBK, quoted-printable, a header page beside it)
    gives the tables of the HTML file, and its cells print as the HTML's do."""
    archive, page = (read_tables(FORMS / f"luohu-2023-tables-1-2{s}") for s in (".mht", ".html"))
    assert [_cells(t) for t in archive.tables] == [_cells(t) for t in page.tables]
    html, mht = (str(FORMS / f"luohu-2023-tables-1-2{s}") for s in (".html", ".mht"))
    assert [str(u).replace(mht, html) for u in archive.unplaced] == [str(u) for u in page.unplaced]
    assert archive.notes == (
        f"{FORMS / 'luohu-2023-tables-1-2.mht'}:1: the archive holds 1 more web page "
        "(frames, or a document's header and footer): not read",
    )


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64", "8bit", "binary", "7bit"])
def test_each_transfer_encoding(transfer: str, tmp_path: Path) -> None:
    body = PAGE.format(meta="gbk").encode("gbk")
    if transfer == "7bit":
        body = PAGE.format(meta="utf-8").encode("ascii", "xmlcharrefreplace")
    path = tmp_path / "page.mht"
    path.write_bytes(_archive(body, transfer=transfer))
    assert _texts(path) == [["说明"], ["总分", "90.5"]]


def test_the_archive_charset_wins_over_the_meta_and_a_named_one_over_both(
    tmp_path: Path,
) -> None:
    """A page whose <meta> says UTF-8 in a part that says GB2312 (the archive's
    header is the transport's, as an HTTP header is); the user's word wins."""
    path = tmp_path / "page.mht"
    path.write_bytes(
        _archive(PAGE.format(meta="utf-8").encode("gbk"), kind="text/html; charset=gb2312")
    )
    assert _texts(path)[1] == ["总分", "90.5"]
    with pytest.raises(ReadError, match="not utf-8 text"):
        read_grid(path, encoding="utf-8")
    plain = tmp_path / "plain.mht"
    plain.write_bytes(_archive(PAGE.format(meta="utf-8").encode("gbk"), kind="text/html"))
    with pytest.raises(ReadError, match="not utf-8 text"):  # only the meta says: UTF-8
        read_grid(plain)
    assert [line.texts() for line in read_grid(plain, encoding="gbk").lines][1] == ["总分", "90.5"]


def test_an_unknown_archive_charset_is_noted_and_the_meta_decides(tmp_path: Path) -> None:
    path = tmp_path / "page.mht"
    path.write_bytes(
        _archive(PAGE.format(meta="gbk").encode("gbk"), kind="text/html; charset=rot13")
    )
    grid = read_grid(path)
    assert [line.texts() for line in grid.lines][1] == ["总分", "90.5"]
    assert [note for _, note in grid.notes] == [
        "unknown charset 'rot13' declared in the archive; not used"
    ]


def test_the_start_parameter_names_the_page(tmp_path: Path) -> None:
    style = b"--B\r\nContent-Type: text/css\r\n\r\np { color: red }\r\n"
    path = tmp_path / "page.mht"
    body = PAGE.format(meta="gbk").encode("gbk")
    path.write_bytes(_archive(body, start='; start="<page@x>"', first=style))
    assert _texts(path)[1] == ["总分", "90.5"]
    path.write_bytes(_archive(body, first=style))  # no start: the first part, a style sheet
    assert_refused_quickly(read_grid, path, "main part is text/css, not a web page")
    path.write_bytes(_archive(body, start='; start="<gone@x>"'))
    assert_refused_quickly(read_grid, path, r"main part <gone@x> is not in it")


def test_a_page_that_is_the_whole_message(tmp_path: Path) -> None:
    """A message of one part: its body is the page."""
    body = quopri.encodestring(PAGE.format(meta="utf-8").encode())
    path = tmp_path / "page.mhtml"
    path.write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body
    )
    assert _texts(path)[1] == ["总分", "90.5"]


def test_frames_are_noted_not_read(tmp_path: Path) -> None:
    frame = (
        b"--B\r\nContent-Type: text/html\r\n\r\n<table><tr><td>frame</td></tr></table>\r\n"
    ) * 2
    body = PAGE.format(meta="gbk").encode("gbk")
    data = _archive(body).replace(b"\r\n--B--", b"\r\n" + frame + b"--B--")
    path = tmp_path / "page.mht"
    path.write_bytes(data)
    grid = read_grid(path)
    assert "frame" not in str([line.texts() for line in grid.lines])
    assert [note for _, note in grid.notes] == [
        "the archive holds 2 more web pages (frames, or a document's header and footer): not read"
    ]


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (PAGE.format(meta="utf-8").encode(), "not a web archive .* no MIME header"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=B\r\n\r\n", "no parts"),
        (_archive(b"<p>a</p>", transfer="x-uuencode"), "unknown transfer encoding 'x-uuencode'"),
        (_archive(b"<p>a</p>", transfer="base64").replace(b"PHA+", b"P!A+"), "base64"),
        (_archive(b"<p>a</p>", kind="image/png"), "main part is image/png"),
        (_archive(b"\r\n--x" * (MAX_PART_LINES + 1)), "over 10,000 parts"),
        (_archive("<p>中</p>".encode("gbk"), kind="text/html; charset=utf-8"), "not utf-8 text"),
    ],
    ids=["html", "empty", "transfer", "base64", "image", "parts", "undecodable"],
)
def test_an_archive_that_is_not_one_is_refused(data: bytes, match: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.mht"
    path.write_bytes(data)
    assert_refused_quickly(read_grid, path, match)


def test_the_cli_audits_an_archive(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["project", "audit", str(FORMS / "luohu-2023-tables-1-2.mht")], capsys)
    assert status == 1  # the second table prints #####, as in every form
    assert "2 张表 tables read" in out
    assert "luohu-2023-tables-1-2.mht:t3:" in out
    assert err == ""
