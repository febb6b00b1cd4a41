""" "Word" as systems export it: a file named ``.doc`` (or ``.wps``) read by its content.

A web page, a web archive (Word's 单个文件网页) or a .docx package under the
name of a Word 97-2003 document is read as what it is, and noted so; a real
Word 97-2003 or WPS document (OLE2) and an RTF document are refused with what
to do, and anything else saying what was looked for.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from jixiao.io import read_tables
from jixiao.io.grid import SourceKind
from jixiao.io.sources import read_grid
from jixiao.project import ProjectTable, table_to_dict

from .conftest import ROOT
from .layouts.bundle import document
from .layouts.document import Options
from .layouts.forms import render
from .layouts.forms_docx import wordml_document
from .refused import assert_refused_quickly

FORMS = ROOT / "docs" / "guides" / "data" / "forms"
NAME = "luohu-2023-tables-1-2"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _model(table: ProjectTable) -> dict[str, object]:
    data = table_to_dict(table)
    del data["source"], data["remarks"]
    return data


@pytest.mark.parametrize(
    ("form", "suffix", "what"),
    [
        ("html", ".doc", "a web page"),
        ("html", ".wps", "a web page"),
        ("mht", ".doc", "a web archive (.mht)"),
        ("docx", ".doc", "a .docx document"),
        ("docx", ".wps", "a .docx document"),
    ],
)
def test_another_form_under_a_word_name(form: str, suffix: str, what: str, tmp_path: Path) -> None:
    """The bundled page, web archive and Word document named .doc (or .wps)
    read as themselves: the same tables, and a note that says what the file is."""
    original = FORMS / f"{NAME}.{form}"
    named = tmp_path / f"导出{suffix}"
    named.write_bytes(original.read_bytes())
    read, own = read_tables(named), read_tables(original)
    assert len(read.tables) == 2
    assert [_model(t) for t in read.tables] == [_model(t) for t in own.tables]
    assert sorted(u.kind for u in read.unplaced) == sorted(u.kind for u in own.unplaced)
    assert read.notes[0] == (
        f'{named}:1: the file is {what} under the name {suffix}, as systems export "Word": '
        "read as such"
    )


def test_a_unicode_page_named_doc(tmp_path: Path) -> None:
    # Word's "Unicode" web page: UTF-16 with its byte-order mark, told by what it says.
    page = (FORMS / f"{NAME}.html").read_bytes().decode("utf-8")
    named = tmp_path / "unicode.doc"
    named.write_bytes(page.replace('charset="utf-8"', "").encode("utf-16"))
    read = read_tables(named)
    assert [_model(t) for t in read.tables] == [
        _model(t) for t in read_tables(FORMS / f"{NAME}.html").tables
    ]


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("a.doc", OLE2 + bytes(504), r"a Word 97-2003 document \(\.doc\) is not read: save it as"),
        ("a.wps", OLE2 + bytes(504), r"a WPS document \(\.wps\) is not read: save it as \.docx"),
        ("a.doc", b"{\\rtf1\\ansi table}", r"an RTF document is not read: save it as \.docx"),
        ("a.doc", b"\xef\xbb\xbf  {\\rtf1}", r"an RTF document is not read"),
        ("a.doc", b"plain text\twith a tab", r"not a Word document: its content is no Word"),
        ("a.wps", b"%PDF-1.7\n", r"not a WPS document: its content is no WPS or Word"),
        ("a.doc", b"<p>no table, no html element</p>", r"not a Word document"),
    ],
    ids=["doc-ole2", "wps-ole2", "rtf", "rtf-bom", "text", "pdf", "no-page"],
)
def test_what_is_not_read_is_refused_with_what_to_do(
    name: str, data: bytes, said: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_refused_quickly(read_tables, path, said)


def test_a_damaged_archive_named_doc_is_refused_as_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "a.doc"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nno page\r\n")
    assert_refused_quickly(read_tables, path, r"a\.doc: .*web archive")


@pytest.mark.parametrize(
    ("xml", "what"), [("2003", "a Word 2003 XML document"), ("flat", "a Word XML document")]
)
def test_the_bundled_tables_as_words_xml_document(xml: str, what: str, tmp_path: Path) -> None:
    """The bundled document written as Word's XML (as Java systems fill a
    template to export "Word") and named .doc reads as the bundled .docx does;
    a flat package's footer, after its document, is not read."""
    options = Options(word_xml=xml, suffix=".doc")
    rendered = render(attrs.evolve(document("docx"), options=options), tmp_path)
    read, own = read_tables(rendered.path), read_tables(FORMS / f"{NAME}.docx")
    assert [_model(t) for t in read.tables] == [_model(t) for t in own.tables]
    assert sorted(u.kind for u in read.unplaced) == sorted(u.kind for u in own.unplaced)
    assert read.notes[0].endswith(
        f'the file is {what} under the name .doc, as systems export "Word": read as such'
    )
    assert "第 1 页" not in [t for line in read_grid(rendered.path).lines for t in line.texts()]


def test_word_2003_merges_and_spans(tmp_path: Path) -> None:
    # Word 2003 spells vmerge and hmerge in lower case; a span is gridSpan.
    path = tmp_path / "m.doc"
    wordml_document(
        "<w:tbl>"
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t>'
        '</w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r>'
        "<w:t>数量指标</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>a</w:t>"
        "</w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p><w:r><w:t>b</w:t></w:r></w:p>"
        "</w:tc></w:tr></w:tbl>",
        path,
    )
    assert b"<w:vmerge" in path.read_bytes()
    grid = read_grid(path)
    assert grid.kind is SourceKind.DOCX
    cells = [
        [(str(c.location).removeprefix(f"{path}:"), c.text, c.colspan, c.rowspan, c.continued)
         for c in line.cells]
        for line in grid.lines
    ]  # fmt: skip
    assert cells == [
        [("t1:1:1", "产出指标", 1, 2, False), ("t1:1:2", "数量指标", 2, 1, False)],
        [("t1:2:1", "", 1, 1, True), ("t1:2:2", "a b", 2, 1, False)],
    ]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "y">]><w:wordDocument xmlns:w='
            b'"http://schemas.microsoft.com/office/word/2003/wordml"/>',
            r"declares a document type or an entity",
        ),
        (
            b'<w:other xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>',
            r"not a Word XML document: its root element is neither w:wordDocument",
        ),
        (
            b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
            b"<w:body><w:p>",
            r"a\.doc: .*Word XML document",
        ),
    ],
    ids=["entity", "root", "damaged"],
)
def test_a_word_2003_xml_document_that_is_refused(data: bytes, said: str, tmp_path: Path) -> None:
    path = tmp_path / "a.doc"
    path.write_bytes(data)
    assert_refused_quickly(read_tables, path, said)
