"""PDF source of a grid: ruled tables, and words placed in columns (private).

Read with pdfplumber (the optional extra ``[pdf]``, imported here only).

* **Ruled tables**: on each page, :meth:`pdfplumber.page.Page.find_tables`
  with its "lines" strategy finds the tables drawn with ruling lines (as Excel
  and WPS export them). Each is a block, numbered through the document; each
  of its rows with text is a line. A cell's ``column`` is its table column
  (0-based; the columns are the distinct left edges of the table's cells),
  ``colspan`` / ``rowspan`` count the columns and rows its box covers, and each
  lower row a printed cell covers gets a ``continued`` cell. A cell's text
  keeps its line breaks.
* **Words**: the characters outside every table cell are grouped into words,
  lines and cells by :mod:`jixiao.io._pdf_words` (a cell ends where the gap
  between two words is wider than half the text's height, about one Latin
  character); a page without ruled tables is read this way whole.
* A page's lines, table rows and text lines alike, are in top-to-bottom
  order and numbered from 1; a cell prints as ``report.pdf:p<page>:<line>:<column>``
  (the table column, 1-based, or the cell's ordinal on a text line). ``x0``
  and ``x1`` are in points from the page's left edge.

Bounds: a file over :data:`MAX_PDF_BYTES`, of more than :data:`MAX_PAGES`
pages, of more than :data:`MAX_STREAMS` streams or of more than
:data:`MAX_REFERENCES` object references (``12 0 R``, counted in the file and in
its unpacked streams: pdfminer parses a page tree of a million before any
page can be counted) is refused, as is one whose
Flate streams unpack to more than :data:`MAX_UNPACKED_BYTES` (a compression
bomb; streams of an encrypted file or behind another filter are not
measured), one with a page of more than :data:`MAX_PAGE_CHARS` characters or
more than :data:`MAX_CHARS` characters in all. A page whose ruling lines lie
at so many distinct positions that they may cross at more than
:data:`MAX_CROSSINGS` points is not searched for tables (the search grows with
their square): its words are read, and a note says so.
"""

from __future__ import annotations

import io
import re
import zlib
from bisect import bisect_left, bisect_right
from typing import Any

from jixiao.errors import ReadError
from jixiao.io._grid_base import Collector
from jixiao.io._pdf_words import HANGING, Pending, number_lines, word_lines
from jixiao.io.grid import Grid, Location, SourceKind

__all__ = [
    "MAX_CHARS",
    "MAX_CROSSINGS",
    "MAX_PAGES",
    "MAX_PAGE_CHARS",
    "MAX_PDF_BYTES",
    "MAX_REFERENCES",
    "MAX_STREAMS",
    "MAX_UNPACKED_BYTES",
    "pdf_grid",
    "within_chars",
]

MAX_PDF_BYTES = 50 * 1024 * 1024
"""The largest PDF file read (50 MB)."""
MAX_PAGES = 500
"""The most pages a PDF may have."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""The most its Flate streams may unpack to, all together (200 MB, as for an xlsx)."""
MAX_STREAMS = 200_000
"""The most streams a PDF may hold (a 500-page report holds some 10,000)."""
MAX_REFERENCES = 200_000
"""The most object references a PDF may hold (a 500-page report holds some 30,000;
pdfminer takes some 25 µs to parse each one)."""
MAX_CHARS = 2_000_000
"""The most characters a PDF may hold, all pages together (a 500-page report holds some 1,000,000)."""
MAX_PAGE_CHARS = 50_000
"""The most characters a page may hold (a dense A4 page of small print holds some 5,000)."""
MAX_CROSSINGS = 5_000
"""A page whose ruling lines may cross at more points is not searched for tables (the
search grows with the square of the crossings: 5,000 take some 0.4 s)."""

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_REFERENCE = re.compile(rb"\d+\s+\d+\s+R(?![A-Za-z])")
_CHUNK = 1 << 16


def _pdfplumber(source: str) -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(
            "reading .pdf needs pdfplumber: pip install 'jixiao[pdf]'",
            zh="读取 .pdf 需要 pdfplumber：pip install 'jixiao[pdf]'",
            source=source,
        ) from None
    return pdfplumber


class _References:
    """A running count of object references, refused past :data:`MAX_REFERENCES`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen = 0

    def count(self, data: bytes) -> None:
        for _ in _REFERENCE.finditer(data):
            self.seen += 1
            if self.seen > MAX_REFERENCES:
                raise ReadError(
                    f"more than {MAX_REFERENCES:,} object references; refused",
                    zh=f"超过 {MAX_REFERENCES:,} 个对象引用；拒绝读取",
                    source=self.source,
                )


def check_streams(data: bytes, source: str) -> None:
    """Refuse a PDF whose Flate streams unpack to more than :data:`MAX_UNPACKED_BYTES`,
    or that holds more than :data:`MAX_REFERENCES` object references.

    Every stream is unpacked in bounded pieces and only counted; one that is
    not Flate data (an image, an encrypted or differently filtered stream) is
    skipped at its first bytes.

    Raises:
        ReadError: naming *source*.
    """
    total = 0
    references = _References(source)
    references.count(data)
    view = memoryview(data)
    for count, match in enumerate(_STREAM.finditer(data), start=1):
        if count > MAX_STREAMS:
            raise ReadError(
                f"more than {MAX_STREAMS:,} streams; refused",
                zh=f"超过 {MAX_STREAMS:,} 个数据流；拒绝读取",
                source=source,
            )
        pos = match.end()
        header = data[pos : pos + 2]
        if len(header) < 2 or header[0] & 0x0F != 8 or int.from_bytes(header, "big") % 31:
            continue  # not zlib data
        unpack = zlib.decompressobj()
        pending: bytes | memoryview = view[pos : pos + _CHUNK]
        pos += _CHUNK
        try:
            while pending:
                piece = unpack.decompress(pending, _CHUNK)
                total += len(piece)
                references.count(piece)
                if total > MAX_UNPACKED_BYTES:
                    raise ReadError(
                        f"streams unpack to more than {MAX_UNPACKED_BYTES // 2**20} MB "
                        "(a compression bomb?); refused",
                        zh=f"数据流解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB（压缩炸弹？）；拒绝读取",
                        source=source,
                    )
                if unpack.eof:
                    break
                pending = unpack.unconsumed_tail or view[pos : pos + _CHUNK]
                if not unpack.unconsumed_tail:
                    pos += _CHUNK
        except zlib.error:
            continue


def pdf_grid(data: bytes, source: str) -> Grid:
    """The grid of a PDF file's bytes (see the module's docstring).

    Raises:
        ReadError: not a PDF, too large, encrypted with a password, damaged,
            a bomb, or pdfplumber is not installed; the message names *source*.
    """
    if len(data) > MAX_PDF_BYTES:
        raise ReadError(
            f"file larger than {MAX_PDF_BYTES // 2**20} MB; refused",
            zh=f"文件大于 {MAX_PDF_BYTES // 2**20} MB；拒绝读取",
            source=source,
        )
    if b"%PDF-" not in data[:1024]:
        raise ReadError(
            "not a PDF (no %PDF- header)", zh="不是 PDF（没有 %PDF- 文件头）", source=source
        )
    check_streams(data, source)
    pdfplumber = _pdfplumber(source)
    out = Collector(source)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise ReadError(
                    f"{len(pages):,} pages, over {MAX_PAGES}; refused",
                    zh=f"共 {len(pages):,} 页，超过 {MAX_PAGES} 页；拒绝读取",
                    source=source,
                )
            blocks = chars = 0
            for number, page in enumerate(pages, start=1):
                chars = within_chars(chars + len(page.chars), number, source)
                blocks = _page(out, page, number, blocks)
                page.close()
    except ReadError:
        raise
    except Exception as error:
        raise ReadError(
            f"unreadable PDF ({_reason(error)})",
            zh=f"无法读取的 PDF（{_reason(error)}）",
            source=source,
        ) from None
    return out.grid(SourceKind.PDF, merges=True)


def _reason(error: BaseException) -> str:
    """What went wrong, from the error pdfplumber raised (it wraps pdfminer's)."""
    inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
    inner = inner or error.__cause__ or error
    if "Password" in type(inner).__name__:
        return "encrypted with a password"
    return f"{type(inner).__name__}: {inner}"[:300]


Box = tuple[float, float, float, float]
"""A cell's box: x0, top, x1, bottom (points)."""


def within_chars(chars: int, number: int, source: str) -> int:
    """*chars*, the characters of the pages up to page *number*, when they are
    within :data:`MAX_CHARS` (PDF and OFD alike).

    Raises:
        ReadError: more.
    """
    if chars > MAX_CHARS:
        raise ReadError(
            f"more than {MAX_CHARS:,} characters by page {number}; refused",
            zh=f"到第 {number} 页已超过 {MAX_CHARS:,} 个字符；拒绝读取",
            source=source,
        )
    return chars


def _page(out: Collector, page: Any, number: int, blocks: int) -> int:
    """Add the lines of one page; return the last block number used."""
    chars = page.chars
    if len(chars) > MAX_PAGE_CHARS:
        raise ReadError(
            f"page {number} holds {len(chars):,} characters, over {MAX_PAGE_CHARS:,}; refused",
            zh=f"第 {number} 页有 {len(chars):,} 个字符，超过 {MAX_PAGE_CHARS:,}；拒绝读取",
            source=out.source,
        )
    if not chars and page.images:
        out.note(
            Location(out.source, 1, 0, f"p{number}"),
            f"page {number} prints no text, only images (a scan?): text in an image is not"
            " read; run OCR on the file first",
        )
    crossings = _crossings(page.edges)
    if crossings > MAX_CROSSINGS:
        where = Location(out.source, 1, 0, f"p{number}")
        out.note(
            where, f"ruling lines cross at up to {crossings:,} points: not searched for tables"
        )
        tables: list[Any] = []
    else:
        tables = page.find_tables(TABLE_SETTINGS)
    inside, outside = _assign(chars, [box for table in tables for box in table.cells])
    pending: list[Pending] = []
    for table in tables:
        blocks += 1
        pending.extend(_table_rows(table, blocks, inside))
    pending.extend(word_lines(outside))
    pending.sort(key=lambda line: line[0])
    number_lines(out, pending, number)
    return blocks


TABLE_SETTINGS = {"snap_tolerance": 1}
"""pdfplumber's table settings: its "lines" strategy, ruling lines less than
1 pt apart taken as one (a border drawn by each of the cells it separates).
pdfplumber's default, 3 pt, chains lines across the page: the columns of the
tables printed below one could move its borders by more than the 3 pt a
row's line may stop short of them, and two rows' cells were read as one."""


def _crossings(edges: list[dict[str, Any]]) -> int:
    """At most how many points the page's ruling lines cross at (positions 3 pt apart)."""
    columns = {round(edge["x0"] / 3) for edge in edges if edge.get("orientation") == "v"}
    rows = {round(edge["top"] / 3) for edge in edges if edge.get("orientation") == "h"}
    return len(columns) * len(rows)


def _assign(
    chars: list[dict[str, Any]], boxes: list[Box]
) -> tuple[dict[Box, list[Any]], list[Any]]:
    """The characters of each cell box, and those outside every box.

    A character belongs to a box when its middle lies in it, as
    :meth:`pdfplumber.table.Table.extract` decides, and closing punctuation
    printed right after a character to that character's box (a CJK line lets
    it hang past the cell's edge: :func:`_hangs`); the boxes are looked up by
    horizontal bands, so that a page costs its characters times its columns.
    """
    edges = sorted({box[1] for box in boxes} | {box[3] for box in boxes})
    bands: list[list[Box]] = [[] for _ in edges]
    for box in boxes:
        for band in range(bisect_left(edges, box[1]), bisect_left(edges, box[3])):
            bands[band].append(box)
    inside: dict[Box, list[Any]] = {box: [] for box in boxes}
    outside: list[Any] = []
    previous: tuple[Any, Box | None] = (None, None)
    for char in chars:
        if _hangs(char, previous[0]) and previous[1] is not None:
            inside[previous[1]].append(char)
            previous = (char, previous[1])
            continue
        h = (char["x0"] + char["x1"]) / 2
        v = (char["top"] + char["bottom"]) / 2
        band = bisect_right(edges, v) - 1
        found: Box | None = None
        for x0, top, x1, bottom in bands[band] if 0 <= band < len(bands) else ():
            if x0 <= h < x1 and top <= v < bottom:
                inside[x0, top, x1, bottom].append(char)
                found = (x0, top, x1, bottom)
        if found is None:
            outside.append(char)
        previous = (char, found)
    return inside, outside


def _hangs(char: dict[str, Any], before: dict[str, Any] | None) -> bool:
    """Whether *char* is closing punctuation printed right after *before* on its
    line (it belongs to *before*'s cell even when it hangs past the edge)."""
    return (
        before is not None
        and char["text"] in HANGING
        and abs(char["top"] - before["top"]) < 1
        and abs(char["x0"] - before["x1"]) < 1
    )


def _cell_text(chars: list[Any]) -> str:
    """A cell's text from its characters (pdfplumber's own assembly), line breaks kept."""
    if not chars:
        return ""
    from pdfplumber.utils.text import extract_text

    text: str = extract_text(chars)
    return "\n".join(part.strip() for part in text.splitlines() if part.strip())


def _table_rows(table: Any, block: int, inside: dict[Box, list[Any]]) -> list[Pending]:
    """The rows of a ruled table, with spans and continued cells."""
    xs = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    rows: list[Pending] = [(top, block, []) for top in tops]
    for r, row in enumerate(table.rows):
        for column, box in enumerate(row.cells):
            text = _cell_text(inside[box]) if box is not None else ""
            if not text:
                continue
            x0, _top, x1, bottom = box
            colspan = max(1, bisect_left(xs, x1 - 0.01) - column)
            rowspan = max(1, bisect_left(tops, bottom - 0.01) - r)
            rows[r][2].append((text, column, x0, x1, colspan, rowspan))
            for lower in range(r + 1, min(r + rowspan, len(rows))):
                rows[lower][2].append(("", column, x0, x1, colspan, 0))
    return [row for row in rows if any(cell[0] for cell in row[2])]
