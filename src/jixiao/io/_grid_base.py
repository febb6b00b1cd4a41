"""Limits, text decoding and the line collector shared by every grid source (private).

Each source (``_grid_text``, ``_grid_csv``, ``_grid_html``, ``_grid_docx``,
``_grid_xlsx``, ``_grid_xls``, ``_grid_pdf``) hands its lines to a
:class:`Collector`, which keeps the grid within :data:`MAX_LINES` lines and
:data:`MAX_CELLS` cells (a hostile file is refused with a
:class:`~jixiao.errors.ReadError`, never allowed to exhaust memory) and keeps
at most :data:`MAX_NOTES` notes, then one that counts the rest. The text
sources' bytes are decoded here (:func:`decode_text`): by their byte-order
mark, else the encoding the user names (:func:`encoding_named`), else as
UTF-8; never a guessed encoding. Text laid out in columns is measured in
display columns (:func:`display_width`).
"""

from __future__ import annotations

import codecs
import gc
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from jixiao.errors import InputError, ReadError, Wording
from jixiao.io._files import too_large
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

MAX_BYTES = 20 * 1024 * 1024
"""The largest text, Markdown or HTML file read (20 MB)."""

MAX_LINES = 200_000
"""The most lines a grid may have (a 500-page report extracts to some 30,000)."""

MAX_LINE_CELLS = 64
"""The most cells a line (a text line, an HTML table row) is split into; the
64th holds the rest of the line."""

REST_OF_LINE = f"more than {MAX_LINE_CELLS} cells; the rest of the line kept as its last cell"
"""The note on a line cut at :data:`MAX_LINE_CELLS` cells."""

MAX_COLSPAN = 64
"""A larger column span (HTML's ``colspan``, Word's ``gridSpan``) is ignored
(taken as 1) and noted."""

MAX_CELLS = 2_000_000
"""The most cells a grid may hold (continued cells included): some 300 MB."""

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""The byte-order marks a text file may start with, and the encoding each
declares (Excel's "Unicode text" is UTF-16 with its mark)."""


def byte_order_mark(data: bytes) -> tuple[int, str | None]:
    """The length of the byte-order mark *data* starts with and the encoding
    it declares; ``(0, None)`` without one.

    >>> byte_order_mark(b"\\xff\\xfea\\x00"), byte_order_mark(b"a")
    ((2, 'utf-16-le'), (0, None))
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return len(bom), codec
    return 0, None


_GB = frozenset({"gbk", "gb2312", "cp936"})


def encoding_named(name: str) -> str:
    """The codec of the text encoding *name* a user names for files whose
    bytes do not say theirs: GBK, GB2312 and CP936 read as GB18030 (their
    superset, as Chinese Windows writes them).

    >>> encoding_named("GBK"), encoding_named("utf_8")
    ('gb18030', 'utf-8')

    Raises:
        InputError: *name* is no text encoding Python knows (``rot13`` is not one).
    """
    codec = text_codec(name)
    if codec is None:
        raise InputError(
            f"unknown text encoding {name!r} (gbk, gb18030, utf-8, utf-16, big5 …)",
            zh=f"未知的文本编码 {name!r}（gbk、gb18030、utf-8、utf-16、big5 等）",
            field="encoding",
            value=name,
        )
    return "gb18030" if codec in _GB else codec


def text_codec(name: str) -> str | None:
    """The name of the codec that decodes text encoded as *name*; ``None``
    when Python knows no such text encoding (``rot13`` and ``base64`` are codecs,
    but of no text).

    >>> text_codec("GBK"), text_codec("rot13"), text_codec("x-unknown")
    ('gbk', None, None)
    """
    try:
        b"a".decode(name, "ignore")  # a codec that is no text encoding raises LookupError
        return codecs.lookup(name).name
    except (LookupError, TypeError):
        return None


def decode_text(data: bytes, source: str, encoding: str | None = None, *, hint: str = "") -> str:
    """The text of a text file's bytes: in the encoding its byte-order mark
    declares (UTF-8, UTF-16), else in *encoding* (a codec's name; the
    readers pass the one the user named, GBK as GB18030), else UTF-8. An
    encoding is never guessed.

    >>> decode_text("总分".encode("gbk"), "t.txt", "gb18030")
    '总分'

    Raises:
        ReadError: the bytes do not decode (the first offset that does not
            named); when no encoding was named, what to do, by the file's
            suffix *hint* (``".csv"``: save it as "CSV UTF-8").
    """
    start, marked = byte_order_mark(data)
    label = marked or encoding or "utf-8"
    try:
        return data[start:].decode(label)
    except UnicodeDecodeError as error:
        at = start + error.start
        how = _SAVE_AS_UTF8.get(hint, _SAVE_AS_UTF8[""])
        if encoding is not None or start:
            how = _NAMED
        raise ReadError(
            f"not {label.upper()} text (undecodable byte at offset {at}); "
            "its encoding is not guessed: " + how.en,
            zh=f"不是 {label.upper()} 文本（偏移 {at} 处的字节无法解码）；不猜测其编码：" + how.zh,
            source=source,
        ) from None


_SAVE_AS_UTF8 = {
    "": Wording(
        "save it as UTF-8, or name its encoding: a Windows 'ANSI' file is GBK "
        "(--encoding gbk; encoding='gbk')",
        "请另存为 UTF-8，或指明其编码：Windows 的“ANSI”文件是 GBK（--encoding gbk；encoding='gbk'）",
    ),
    ".csv": Wording(
        "save it as 'CSV UTF-8', or name its encoding: Excel's plain CSV is GBK on a "
        "Chinese Windows (--encoding gbk; encoding='gbk')",
        "请另存为“CSV UTF-8”，或指明其编码：中文 Windows 上 Excel 的普通 CSV 是 GBK"
        "（--encoding gbk；encoding='gbk'）",
    ),
}
"""What to do with a text file that does not decode as UTF-8, by its suffix."""

_NAMED = Wording(
    "check the encoding (the byte-order mark, or the one named)",
    "请核对编码（字节顺序标记，或所指明的编码）",
)


MAX_NOTES = 1_000
"""The most notes a grid lists; one more note counts the rest."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a grid is built.

    A grid is a million small objects without reference cycles; the collector
    would walk them all again and again as they are made (four times the
    reading time at 200,000 lines). Nothing a source builds needs it; it is
    restored as it was, whatever happens.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def line_text(cells: Iterable[Cell]) -> str:
    """A line's text for sources without raw lines: the printed cells joined with tabs."""
    return "\t".join(cell.text for cell in cells if not cell.continued)


class Collector:
    """The lines and notes of a grid being read, within the limits above.

    Args:
        source: the file, as the user named it (used in locations and errors).
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[Line] = []
        self.notes: list[tuple[Location, str]] = []
        self.cells = 0
        self._unlisted = 0
        self._first_unlisted: Location | None = None

    def count(self, cells: int) -> None:
        """Count *cells* more cells (before they are built).

        Raises:
            ReadError: the grid would hold more than :data:`MAX_CELLS` cells.
        """
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise ReadError(
                f"more than {MAX_CELLS:,} cells; refused",
                zh=f"超过 {MAX_CELLS:,} 个单元格；拒绝读取",
                source=self.source,
            )

    def add(self, line: Line, *, counted: bool = False) -> None:
        """Append *line* (its cells already counted when *counted*).

        Raises:
            ReadError: more than :data:`MAX_LINES` lines or :data:`MAX_CELLS` cells.
        """
        if len(self.lines) >= MAX_LINES:
            raise ReadError(
                f"more than {MAX_LINES:,} lines; refused",
                zh=f"超过 {MAX_LINES:,} 行；拒绝读取",
                source=self.source,
            )
        if not counted:
            self.count(len(line.cells))
        self.lines.append(line)

    def note(self, location: Location, message: str) -> None:
        """Record what the source noticed at *location* (the first :data:`MAX_NOTES`)."""
        if len(self.notes) < MAX_NOTES:
            self.notes.append((location, message))
            return
        self._unlisted += 1
        if self._first_unlisted is None:
            self._first_unlisted = location

    def grid(
        self, kind: SourceKind, *, merges: bool = False, cleaned: frozenset[int] = frozenset()
    ) -> Grid:
        """The grid read (*cleaned*: :attr:`Grid.cleaned`)."""
        notes = list(self.notes)
        if self._first_unlisted is not None:
            notes.append((self._first_unlisted, f"{self._unlisted:,} more notes not listed"))
        return Grid(self.source, kind, tuple(self.lines), merges, tuple(notes), cleaned)


def check_text(text: str, source: str, *, lines: bool = True) -> str:
    """*text*, once it is known to hold no NUL and to be within the size
    limits (with *lines*, :data:`MAX_LINES` lines too)."""
    if "\x00" in text:
        at = text.index("\x00")
        raise ReadError(
            f"binary data (a NUL character at offset {at}), not text",
            zh=f"二进制数据（偏移 {at} 处有 NUL 字符），不是文本",
            source=source,
        )
    if len(text) > MAX_BYTES:
        raise too_large(MAX_BYTES, source)
    if lines and text.count("\n") >= MAX_LINES:
        raise ReadError(
            f"more than {MAX_LINES:,} lines; refused",
            zh=f"超过 {MAX_LINES:,} 行；拒绝读取",
            source=source,
        )
    return text


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """The columns *char* takes on a terminal (see :func:`display_width`)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The columns *text* takes on a terminal: wide and full-width characters
    count 2, combining marks 0, others 1.

    >>> display_width("分值 7.00"), display_width("e\\u0301")
    (9, 1)
    """
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))
