"""The Word form: a .docx document written as WordprocessingML by hand.

A table per page of a table (as Word documents that continue a table after
a page break print it), each cell a ``w:tc`` in the table's grid: a merged
cell spans with ``gridSpan`` and, downward, ``vMerge`` (its first cell
``restart``, one empty ``continue`` cell on each lower row); an empty cell is
an empty ``w:tc``, or, at the start of a row with :attr:`Options.grid_before`,
left out. Titles, headings and every other line outside the tables are
paragraphs; a page break is a paragraph holding ``<w:br w:type="page"/>``.
The form's choices (:class:`~tests.layouts.document.Options`): a newline in
a cell as paragraphs or line breaks; texts cut into short runs; ≥ and ≤ from
the Symbol font; everything set in one cell of a layout table; the document
written as one of Word's XML documents (of Word 2003, or a flat package)
named ``.doc``, as Java systems export "Word", instead of a .docx package.

Locations: ``file:t<k>:<row>:<col>`` (table *k*, as HTML's), and a line
outside the tables at its paragraph (``file:<n>``, every paragraph of the
body counted), or, in a layout table, at its row (``file:t1:1``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from jixiao.io.grid import Location

from .document import Document, Options
from .sheet import SheetRow, columns_of
from .walk import Break, Rows, Text, events

__all__ = ["docx_package", "flat_package", "wordml_document", "write_docx"]

Locations = tuple[dict[str, str], ...]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_SYMBOLS = {"≥": "F0B3", "≤": "F0A3"}


def docx_package(body: str, path: Path) -> None:
    """Write a .docx file whose body is *body* (WordprocessingML, ``w:`` prefixed)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in (
            ("[Content_Types].xml", _TYPES),
            ("_rels/.rels", _RELS),
            ("word/document.xml", document),
        ):  # a fixed time: the same document gives the same bytes
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(member, text, compress_type=zipfile.ZIP_DEFLATED)


_W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
_WX = "http://schemas.microsoft.com/office/word/2003/auxHint"


def wordml_document(body: str, path: Path) -> None:
    """Write a Word 2003 XML document whose body is *body* (written for a
    .docx, ``w:`` prefixed; Word 2003 spells ``vmerge`` and ``hmerge`` in
    lower case), its blocks in a ``wx:sect`` as Word 2003 writes them: "Word"
    as Java systems export it, under the name ``.doc``."""
    body = body.replace("<w:vMerge", "<w:vmerge").replace("<w:hMerge", "<w:hmerge")
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<?mso-application progid="Word.Document"?>'
        f'<w:wordDocument xmlns:w="{_W2003}" xmlns:wx="{_WX}">'
        f"<w:body><wx:sect>{body}<w:sectPr/></wx:sect></w:body></w:wordDocument>"
    )
    path.write_bytes(text.encode())


_PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def flat_package(body: str, path: Path) -> None:
    """Write Word's "Word XML Document" (a flat package, every part inline)
    whose body is *body* (``w:`` prefixed), with a footer part after the
    document's, as Word writes them: "Word" as Java systems export it, under
    the name ``.doc``."""
    part = '<pkg:part pkg:name="{}" pkg:contentType="{}"><pkg:xmlData>{}</pkg:xmlData></pkg:part>'
    rels = _RELS.partition("?>")[2]
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    footer = f'<w:ftr xmlns:w="{_W}"><w:p><w:r><w:t>第 1 页</w:t></w:r></w:p></w:ftr>'
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<?mso-application progid="Word.Document"?>'
        f'<pkg:package xmlns:pkg="{_PKG}">'
        + part.format(
            "/_rels/.rels", "application/vnd.openxmlformats-package.relationships+xml", rels
        )
        + part.format("/word/document.xml", _MAIN, document)
        + part.format("/word/footer1.xml", _FOOTER, footer)
        + "</pkg:package>"
    )
    path.write_bytes(text.encode())


def _runs(text: str, options: Options) -> str:
    """One line of text as runs."""
    pieces: list[str] = []
    if options.runs:
        start = 0
        while start < len(text):
            size = 1 + (start * 7 + len(text)) % 3  # 1 to 3 characters, varied
            pieces.append(text[start : start + size])
            start += size
    else:
        pieces = [text] if text else []
    out = []
    for piece in pieces:
        for part, symbol in _split_symbols(piece, options):
            if symbol:
                out.append(f'<w:r><w:sym w:font="Symbol" w:char="{symbol}"/></w:r>')
            elif part:
                out.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _split_symbols(text: str, options: Options) -> list[tuple[str, str]]:
    if not options.symbols:
        return [(text, "")]
    out: list[tuple[str, str]] = []
    run = ""
    for char in text:
        if char in _SYMBOLS:
            out += [(run, ""), ("", _SYMBOLS[char])]
            run = ""
        else:
            run += char
    return [*out, (run, "")]


def _paragraphs(text: str, options: Options) -> str:
    """A text, its newlines as paragraphs or as line breaks."""
    lines = text.split("\n")
    if options.breaks == "breaks":
        return (
            "<w:p>" + "<w:r><w:br/></w:r>".join(_runs(line, options) for line in lines) + "</w:p>"
        )
    return "".join(f"<w:p>{_runs(line, options)}</w:p>" for line in lines)


def _table(rows: tuple[SheetRow, ...], options: Options) -> str:
    width = columns_of(rows)
    covered: dict[tuple[int, int], int] = {}  # (row, col) → the span of the merge covering it
    out = [f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * width}</w:tblGrid>"]
    for r, row in enumerate(rows):
        cells: list[str] = []
        col = 0
        leading = options.grid_before
        skipped = 0
        while col < width:
            cell = row.at(col)
            if (r, col) in covered:
                span = covered[r, col]
                grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                cells.append(f"<w:tc><w:tcPr>{grid}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                leading = False
                col += span
                continue
            if cell is None:
                if leading:
                    skipped += 1
                else:
                    cells.append("<w:tc><w:p/></w:tc>")
                col += 1
                continue
            leading = False
            props = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            if cell.down > 1:
                props += '<w:vMerge w:val="restart"/>'
                for below in range(r + 1, r + cell.down):
                    covered[below, col] = cell.span
            content = _paragraphs(cell.text, options) if cell.text else "<w:p/>"
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
            col += cell.span
        before = f'<w:trPr><w:gridBefore w:val="{skipped}"/></w:trPr>' if skipped else ""
        out.append(f"<w:tr>{before}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(document: Document, path: Path, locations: Locations) -> None:
    """A Word document (see the module's docstring)."""
    name = str(path)
    options = document.options
    wrapper = options.wrapper  # everything in one cell of a layout table: table 1
    body: list[str] = []
    paragraphs = 0
    tables = 1 if wrapper else 0
    for event in events(document):
        if isinstance(event, Text):
            paragraphs += 1
            lines = (_runs(line, options) for line in event.text.split("\n"))
            body.append(f"<w:p>{'<w:r><w:br/></w:r>'.join(lines)}</w:p>")
            where = Location(name, 1, part="t1") if wrapper else Location(name, paragraphs)
            for p in event.paths:
                locations[event.table].setdefault(p, str(where))
        elif isinstance(event, Rows):
            tables += 1
            body.append(_table(event.rows, options))
            for r, row in enumerate(event.rows, 1):
                for cell in row.cells:
                    at = str(Location(name, r, cell.col + 1, part=f"t{tables}"))
                    for p in cell.paths:
                        locations[event.table].setdefault(p, at)
        elif isinstance(event, Break):
            paragraphs += 1
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    content = "".join(body)
    if wrapper:
        content = f"<w:tbl><w:tr><w:tc>{content}<w:p/></w:tc></w:tr></w:tbl>"
    writer = {"2003": wordml_document, "flat": flat_package}.get(options.word_xml, docx_package)
    writer(content, path)
