"""OFD source of a grid: the national fixed-layout document format (GB/T 33190), read
with the standard library only (private).

An OFD file is a zip package of XML parts: ``OFD.xml`` names each document's
``Document.xml`` (its ``DocRoot``), which lists its pages and template pages;
each page's content is a tree of layers and page blocks holding text objects
(text codes placed by ``X``, ``Y`` and ``DeltaX``), path objects (lines drawn
by ``AbbreviatedData``) and images. A page is read as a PDF page is read
without its layout engine: its characters placed (the object's ``Boundary``
origin, its ``CTM``, the glyphs' offsets), the straight lines it draws cut
into ruled tables and the rest of its text into lines and cells
(:mod:`jixiao.io._ruled`); a template page's content is read once and drawn
on each page that uses it. Units are converted from millimetres to points, so that a
page's numbers mean what a PDF page's do; a cell prints as
``report.ofd:p3:12:4`` (page, line, column). A glyph's box is taken as the
em square of the object's ``Size`` (a wide character's advance when no
``DeltaX`` gives it; half of it for others), its baseline at ``Y``.

Bounds (:doc:`/refusals`): the package checks of OOXML (20 MB, 200 MB
unpacked, 10,000 members; no document type or entity declared in a part;
each part 20 MB unpacked; the parts its pages list, 200 MB in all, a part
counted each time it is listed, checked before any is read) and the bounds of a PDF (500 pages, 50,000 characters on a
page, 2,000,000 in all), 100,000 lines drawn on a page; a number that is not
one, or is over 10⁹, is refused, naming its part. Vertical text, glyphs
drawn without their characters and annotations are not read.
"""

from __future__ import annotations

import math
import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from jixiao.errors import ReadError
from jixiao.io._grid_base import Collector
from jixiao.io._grid_pdf import MAX_PAGE_CHARS, MAX_PAGES, within_chars
from jixiao.io._grid_text import display_width
from jixiao.io._ooxml import Form, local, package, xml_events
from jixiao.io._pdf_words import Pending, number_lines
from jixiao.io._ruled import (
    Char,
    Segment,
    TooManyLines,
    assign,
    ruled_tables,
    table_rows,
    text_lines,
)
from jixiao.io.grid import Grid, Location, SourceKind

__all__ = [
    "MAX_MAGNITUDE",
    "MAX_PAGE_SEGMENTS",
    "MAX_PART_BYTES",
    "MAX_READ_BYTES",
    "OFD",
    "ofd_grid",
]

OFD = Form("an .ofd document", ".ofd 文档", "OFD.xml")
MAX_PART_BYTES = 20 * 1024 * 1024
"""The most a part may unpack to."""
MAX_PAGE_SEGMENTS = 100_000
"""The most straight lines a page may draw (a page of tables draws some 500)."""
MAX_MAGNITUDE = 1e9
"""The largest number a placement, size or offset may be (a page is some 300 mm):
their products stay finite."""
MAX_READ_BYTES = 200 * 1024 * 1024
"""The most the parts a document's pages list may unpack to, all together (a
part counted each time it is listed; checked before any is read)."""

_POINTS = 72 / 25.4
"""Points in a millimetre."""
_ASCENT, _DESCENT = 0.85, 0.15
"""A glyph's em square above and below its baseline."""
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _Page:
    """What one page draws, as it is read: characters, lines, images."""

    __slots__ = ("chars", "images", "number", "part", "segments", "source")

    def __init__(self, source: str, number: int) -> None:
        self.source = source
        self.number = number
        self.part = ""
        self.chars: list[Char] = []
        self.segments: list[Segment] = []
        self.images = 0

    def number_of(self, text: str | None, what: str) -> float:
        """*text* as a number within :data:`MAX_MAGNITUDE`, else the document is refused."""
        try:
            value = float(text or "")
        except ValueError:
            value = math.nan
        if not abs(value) <= MAX_MAGNITUDE:  # NaN too
            raise ReadError(
                f"{what} {text!r} in {self.part} is not a number of a page; refused",
                zh=f"{self.part} 中的 {what} {text!r} 不是页面上的数；拒绝读取",
                source=self.source,
            )
        return value

    def add(self, template: _Page) -> None:
        """What a template page draws, drawn on this page too."""
        self.chars += template.chars
        self.segments += template.segments
        self.images += template.images
        self.bounded()

    def bounded(self) -> None:
        """Refuse the page when it holds more than the bounds allow."""
        if len(self.chars) > MAX_PAGE_CHARS:
            raise ReadError(
                f"page {self.number} holds over {MAX_PAGE_CHARS:,} characters; refused",
                zh=f"第 {self.number} 页的字符超过 {MAX_PAGE_CHARS:,} 个；拒绝读取",
                source=self.source,
            )
        if len(self.segments) > MAX_PAGE_SEGMENTS:
            raise ReadError(
                f"page {self.number} draws over {MAX_PAGE_SEGMENTS:,} lines; refused",
                zh=f"第 {self.number} 页绘制的线超过 {MAX_PAGE_SEGMENTS:,} 条；拒绝读取",
                source=self.source,
            )

    def numbers(self, text: str | None, what: str, count: int) -> list[float]:
        """The *count* numbers of a space-separated list; another count is refused."""
        parts = (text or "").split()
        if len(parts) != count:
            raise ReadError(
                f"{what} {text!r} in {self.part} is not {count} numbers; refused",
                zh=f"{self.part} 中的 {what} {text!r} 不是 {count} 个数；拒绝读取",
                source=self.source,
            )
        return [self.number_of(part, what) for part in parts]

    def placement(self, element: ElementTree.Element) -> tuple[float, float, _Matrix]:
        """The origin of *element*'s ``Boundary`` (which every object has) and its
        ``CTM`` (the identity when it has none)."""
        box = self.numbers(element.get("Boundary"), "Boundary", 4)
        ctm = element.get("CTM")
        if ctm is None:
            return box[0], box[1], _IDENTITY
        a, b, c, d, e, f = self.numbers(ctm, "CTM", 6)
        return box[0], box[1], (a, b, c, d, e, f)


def _placed(x: float, y: float, origin: tuple[float, float, _Matrix]) -> tuple[float, float]:
    """A point of an object's space on the page, in points."""
    ox, oy, (a, b, c, d, e, f) = origin
    return (ox + a * x + c * y + e) * _POINTS, (oy + b * x + d * y + f) * _POINTS


def _advance(char: str, size: float) -> float:
    """A glyph's advance when no offset gives it: the em for a wide character."""
    return display_width(char) * size / 2


def _deltas(page: _Page, text: str | None, what: str, count: int) -> list[float]:
    """The first *count* offsets of a ``DeltaX`` or ``DeltaY`` list (``g n d``
    repeats *d* *n* times)."""
    tokens = (text or "").split()
    out: list[float] = []
    at = 0
    while at < len(tokens) and len(out) < count:
        if tokens[at] == "g" and at + 2 < len(tokens):
            times = page.number_of(tokens[at + 1], what)
            step = page.number_of(tokens[at + 2], what)
            out.extend([step] * max(0, min(int(times), count - len(out))))
            at += 3
        else:
            out.append(page.number_of(tokens[at], what))
            at += 1
    return out


def _text(page: _Page, element: ElementTree.Element) -> None:
    """The characters of a text object."""
    origin = page.placement(element)
    size = page.number_of(element.get("Size", "0"), "Size")
    x = y = 0.0
    for code in element:
        if local(code.tag) != "TextCode":
            continue
        text = code.text or ""
        x = page.number_of(code.get("X"), "X") if code.get("X") is not None else x
        y = page.number_of(code.get("Y"), "Y") if code.get("Y") is not None else y
        across = _deltas(page, code.get("DeltaX"), "DeltaX", len(text))
        down = _deltas(page, code.get("DeltaY"), "DeltaY", len(text))
        for n, char in enumerate(text):
            if not char.isspace():
                corners = (
                    _placed(x, y - _ASCENT * size, origin),
                    _placed(x + _advance(char, size), y + _DESCENT * size, origin),
                )
                xs, ys = (corners[0][0], corners[1][0]), (corners[0][1], corners[1][1])
                page.chars.append((char, min(xs), max(xs), min(ys), max(ys)))
            x += across[n] if n < len(across) else _advance(char, size)
            y += down[n] if n < len(down) else 0.0
    page.bounded()


_OPERANDS = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
"""Each path command of ``AbbreviatedData`` and the numbers it takes."""


def _path(page: _Page, element: ElementTree.Element) -> None:
    """The straight lines a path object draws (curves only move its pen)."""
    if element.get("Stroke") == "false" and element.get("Fill") != "true":
        return
    origin = page.placement(element)
    data = next((child.text for child in element if local(child.tag) == "AbbreviatedData"), "")
    tokens = (data or "").split()
    at = 0
    pen: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    while at < len(tokens):
        command = tokens[at]
        if command not in _OPERANDS:
            raise ReadError(
                f"a path command {command[:20]!r} in {page.part} is not one; refused",
                zh=f"{page.part} 中的路径命令 {command[:20]!r} 无效；拒绝读取",
                source=page.source,
            )
        count = _OPERANDS[command]
        values = [page.number_of(t, "AbbreviatedData") for t in tokens[at + 1 : at + 1 + count]]
        at += 1 + count
        if len(values) < count:
            break
        point = _placed(values[-2], values[-1], origin) if count else start
        if command in ("L", "C") and pen is not None and point is not None:
            page.segments.append((pen[0], pen[1], point[0], point[1]))
        if command in ("M", "S"):
            start = point
        pen = point
    page.bounded()


def _content(archive: zipfile.ZipFile, member: str, page: _Page) -> list[str]:
    """Read the objects of the content part *member* into *page*; return the
    ids of the template pages it uses."""
    page.part = member
    templates: list[str] = []
    for event, element in xml_events(archive, member, page.source, OFD, MAX_PART_BYTES):
        if event != "end":
            continue
        name = local(element.tag)
        if name == "Template":
            templates.append(element.get("TemplateID", ""))
        elif name in ("TextObject", "PathObject", "ImageObject"):
            if element.get("Visible") != "false":
                if name == "TextObject":
                    _text(page, element)
                elif name == "PathObject":
                    _path(page, element)
                else:
                    page.images += 1
            element.clear()
    return templates


def _root(archive: zipfile.ZipFile, member: str, source: str) -> ElementTree.Element:
    root: ElementTree.Element | None = None
    for _, element in xml_events(archive, member, source, OFD, MAX_PART_BYTES):
        root = element if root is None else root
    if root is None:  # pragma: no cover - an empty part is not well-formed XML
        raise ReadError(f"empty part {member}", zh=f"部件 {member} 为空", source=source)
    return root


def _member(folder: str, location: str | None) -> str:
    """A part named relative to *folder* (or to the package, with a leading ``/``)."""
    name = (location or "").strip()
    return posixpath.normpath(name[1:] if name.startswith("/") else posixpath.join(folder, name))


def _documents(archive: zipfile.ZipFile, source: str) -> list[tuple[str, ElementTree.Element]]:
    """Each document's folder and ``Document.xml`` root, in order."""
    out = []
    for element in _root(archive, "OFD.xml", source).iter():
        if local(element.tag) == "DocRoot":
            member = _member("", element.text)
            out.append((posixpath.dirname(member), _root(archive, member, source)))
    if not out:
        raise ReadError(
            "not an .ofd document (its OFD.xml names no document)",
            zh="不是 .ofd 文档（其 OFD.xml 没有指明文档）",
            source=source,
        )
    return out


_Listed = tuple[dict[str, str], list[str]]
"""A document's template pages (id → part) and its pages' parts, in order."""


def _listed(archive: zipfile.ZipFile, source: str) -> list[_Listed]:
    """Each document's template pages and pages, once the bounds on pages and
    on the parts to read (:data:`MAX_READ_BYTES`, a part counted each time it
    is listed) let them through."""
    listed: list[_Listed] = []
    for folder, document in _documents(archive, source):
        templates = {
            element.get("ID", ""): _member(folder, element.get("BaseLoc"))
            for element in document.iter()
            if local(element.tag) == "TemplatePage"
        }
        pages = [
            _member(folder, element.get("BaseLoc"))
            for element in document.iter()
            if local(element.tag) == "Page" and element.get("BaseLoc")
        ]
        listed.append((templates, pages))
    count = sum(len(parts) for _, parts in listed)
    if count > MAX_PAGES:
        raise ReadError(
            f"{count:,} pages, over {MAX_PAGES}; refused",
            zh=f"共 {count:,} 页，超过 {MAX_PAGES} 页；拒绝读取",
            source=source,
        )
    sizes = archive.NameToInfo
    planned = sum(
        sizes[part].file_size
        for templates, parts in listed
        for part in [*parts, *templates.values()]
        if part in sizes
    )
    if planned > MAX_READ_BYTES:
        raise ReadError(
            f"its pages' parts unpack to {planned:,} bytes in all, over {MAX_READ_BYTES:,} "
            "(a part listed again and again?); refused",
            zh=f"其各页部件解压后合计 {planned:,} 字节，超过 {MAX_READ_BYTES:,}（同一部件被反复列出？）；"
            "拒绝读取",
            source=source,
        )
    return listed


def ofd_grid(file: Path, source: str) -> Grid:
    """The grid of an OFD file (see the module's docstring)."""
    out = Collector(source)
    number = blocks = characters = 0
    with package(file, source, OFD) as archive:
        for templates, parts in _listed(archive, source):
            drawn: dict[str, _Page] = {}  # each template page read once
            for part in parts:
                number += 1
                page = _Page(source, number)
                for ident in dict.fromkeys(_content(archive, part, page)):
                    if ident in templates and ident not in drawn:
                        drawn[ident] = _Page(source, number)
                        _content(archive, templates[ident], drawn[ident])
                    if ident in drawn:
                        page.add(drawn[ident])
                characters = within_chars(characters + len(page.chars), number, source)
                blocks = _lines(out, page, blocks)
    return out.grid(SourceKind.OFD, merges=True)


def _lines(out: Collector, page: _Page, blocks: int) -> int:
    """Add the lines of one page; return the last block number used."""
    where = Location(out.source, 1, 0, f"p{page.number}")
    if not page.chars and page.images:
        out.note(
            where,
            f"page {page.number} prints no text, only images (a scan?): text in an image is"
            " not read; run OCR on the file first",
        )
    try:
        tables = ruled_tables(page.segments)
    except TooManyLines:
        out.note(where, "too many lines drawn to search for tables")
        tables = []
    inside, outside = assign(page.chars, tables)
    pending: list[Pending] = []
    for table, cells in zip(tables, inside, strict=True):
        blocks += 1
        pending.extend(table_rows(table, blocks, cells))
    pending.extend(text_lines(outside))
    pending.sort(key=lambda line: line[0])
    number_lines(out, pending, page.number)
    return blocks
