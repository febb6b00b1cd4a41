"""HTML source of a grid: the tables of a saved page and the text around them (private).

Read with the standard library's :class:`html.parser.HTMLParser`:

* **Decoding** (:func:`decode_html`): a byte-order mark (UTF-8, UTF-16) wins;
  then the charset a ``<meta charset>`` or ``<meta http-equiv="Content-Type">``
  declares in the first 4 KB (GB2312 and GBK are decoded as their superset
  GB18030; a declared UTF-16 is read as UTF-8 and ISO-8859-1 as windows-1252,
  as browsers do); otherwise UTF-8. Bytes that do not decode are refused, the
  error naming the offset; nothing is replaced.
* **Tables**: each ``<table>`` is numbered from 1 in the order it starts,
  nested ones counted; ``<tr>`` are its rows (numbered from 1, ``<thead>``
  and ``<tbody>`` rows alike), ``<td>`` / ``<th>`` its cells, placed as a
  browser places them (:mod:`jixiao.io._html_tables`, with the bounds on
  spans). A row one of whose cells holds a table is a row of the page's
  layout: its cells' text is text outside tables, and the tables in them are
  tables of their own (a page set in a layout table reads as its content).
* **Text**: whitespace collapsed as a browser renders it (kept in ``<pre>``);
  ``<br>`` and block elements (``p``, ``div``, ``li``, headings …) make a new
  line; entities decoded; ``script``, ``style`` and ``template`` dropped;
  empty lines dropped.
* **Text outside tables**: each block element's text is one line of one cell
  in block 0, printed as ``page.html:<source line>``. Text inside a table but
  outside its cells (a ``<caption>``, stray text) is such a line too, listed
  before the table's rows (where a browser shows it).

Bounds: a table of more than 200,000 rows, tables nested more than
:data:`MAX_NESTING` deep, and markup left open over more than
:data:`MAX_UNFINISHED` characters at the end of the page, are refused.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jixiao.errors import ReadError
from jixiao.io._grid_base import (
    MAX_COLSPAN,
    MAX_LINE_CELLS,
    REST_OF_LINE,
    Collector,
    byte_order_mark,
    check_text,
    collection_paused,
    text_codec,
)
from jixiao.io._html_tables import MAX_ROWSPAN, Placer, Table, TableCell, Text
from jixiao.io.grid import Grid, Location, SourceKind

__all__ = [
    "MAX_COLSPAN",
    "MAX_NESTING",
    "MAX_ROWSPAN",
    "MAX_UNFINISHED",
    "charset_label",
    "decode_html",
    "html_lines",
    "page_grid",
]

MAX_NESTING = 32
"""The deepest tables may be nested in one another (a page's layout nests a
few)."""
MAX_UNFINISHED = 2_048
"""The most characters markup left open may hold back: :mod:`html.parser` rereads
them once for each ``<`` in them when the page ends (quadratic time), so a
page with more is refused."""

_META = re.compile(rb"<meta\s[^>]{0,1024}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]{1,40})", re.I)
_GB = "gb2312 gbk x-gbk gb_2312-80 csgb2312 cp936 ms936 windows-936 chinese euc-cn iso-ir-58"
_AS_UTF8 = "utf-16 utf-16le utf-16be utf8 unicode-1-1-utf-8"
_AS_1252 = "iso-8859-1 iso8859-1 latin1 l1 us-ascii ascii"
_ALIASES = {
    **dict.fromkeys(_GB.split(), "gb18030"),
    **dict.fromkeys(_AS_UTF8.split(), "utf-8"),
    **dict.fromkeys(_AS_1252.split(), "cp1252"),
}


def charset_label(name: str) -> str | None:
    """The codec a page's declared charset *name* is read in, as browsers read
    it (GB2312 and GBK as GB18030, ISO-8859-1 as windows-1252, a declared UTF-16
    as UTF-8: a UTF-16 page says so by its byte-order mark); ``None`` for a
    name no codec has.

    >>> charset_label("GB2312"), charset_label("utf-8"), charset_label("rot13")
    ('gb18030', 'utf-8', None)
    """
    name = name.lower()
    label = _ALIASES.get(name, name)
    return label if text_codec(label) is not None else None


def decode_html(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """The text of an HTML file's bytes, and a note when its declared charset is unknown:
    by its byte-order mark, else *encoding* (named by the user), else its
    ``<meta>`` charset, else UTF-8.

    Raises:
        ReadError: the bytes do not decode in the charset found (the offset named).
    """
    note = None
    start, marked = byte_order_mark(data)
    label = marked or encoding or "utf-8"
    if marked is None and encoding is None:
        declared = _META.search(data[:4096])
        if declared is not None:
            name = declared.group(1).decode("ascii")
            known = charset_label(name)
            if known is None:
                note = f"unknown charset {name.lower()!r} declared; read as UTF-8"
            label = known or "utf-8"
    try:
        return data[start:].decode(label), note
    except UnicodeDecodeError as error:
        raise ReadError(
            f"not {label} text (undecodable byte at offset {start + error.start})",
            zh=f"不是 {label} 文本（偏移 {start + error.start} 处的字节无法解码）",
            source=source,
        ) from None


_SKIP = frozenset({"script", "style", "template"})
_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_BLOCK_NAMES = (
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav "
    "ol p pre section summary title ul"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
_NUMBER = re.compile(r"\s*([0-9]{1,9})")


def _span(value: str | None, default: int) -> int:
    match = _NUMBER.match(value or "")
    return int(match.group(1)) if match else default


class _Parser(HTMLParser):
    def __init__(self, out: Collector) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.placer = Placer(out)
        self.tables = 0
        self.open: list[Table] = []  # the tables open, the innermost last
        self.cell: TableCell | None = None  # the cell of the innermost table open, if any
        self.outside = Text()
        self.skip = 0
        self.pre = 0

    def sink(self) -> Text:
        cell = self.cell
        return cell.text if cell is not None else self.outside

    def end_block(self) -> None:
        """A block element starts or ends: a new line in a cell, or the outside text's end."""
        if self.cell is not None:
            self.cell.text.brk()
            return
        self.placer.outside(self.outside)
        self.outside = Text()

    def start_table(self) -> None:
        if len(self.open) >= MAX_NESTING:
            raise ReadError(
                f"tables nested more than {MAX_NESTING} deep; refused",
                zh=f"表格嵌套超过 {MAX_NESTING} 层；拒绝读取",
                source=self.out.source,
            )
        self.end_block()
        self.tables += 1
        parent = self.cell
        if self.open and parent is None:  # a table right in a table: in a cell of its own
            parent = TableCell(1, 1)
            row = self.open[-1].new_row(self.out.source)
            row.append(parent)
            self.open[-1].open_row = False
        table = Table(self.tables, parent)
        if parent is not None:
            parent.hold(table)
        self.open.append(table)
        self.cell = None

    def end_table(self) -> None:
        table = self.open.pop()
        self.end_block()
        self.cell = table.parent
        if not self.open:
            self.placer.table(table)

    def start_cell(self, table: Table, attrs: list[tuple[str, str | None]]) -> None:
        row = table.rows[-1] if table.open_row else table.new_row(self.out.source)
        if len(row) >= MAX_LINE_CELLS:  # as in text: the last cell holds the rest of the row
            if table.overflowed != len(table.rows):
                table.overflowed = len(table.rows)
                self.out.note(Location(self.out.source, self.getpos()[0]), REST_OF_LINE)
            self.cell = row[-1]
            self.cell.text.space()
            return
        values = dict(attrs)
        self.out.count(1)
        self.cell = TableCell(_span(values.get("colspan"), 1), _span(values.get("rowspan"), 1))
        row.append(self.cell)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if self.skip:
            return
        table = self.open[-1] if self.open else None
        if tag == "table":
            self.start_table()
        elif tag in ("td", "th") and table is not None:
            self.start_cell(table, attrs)
        elif tag in ("td", "th"):  # outside any table: its text runs on
            self.sink().space()
        elif tag == "tr" and table is not None:
            self.cell = None
            table.new_row(self.out.source)
        elif tag in _GROUPS and table is not None:
            self.cell = None
            table.group += 1
            table.open_row = False
        else:
            self.pre += tag == "pre"
            if tag == "br":
                self.sink().brk()
            elif tag in _BLOCKS or tag == "tr":
                self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        table = self.open[-1] if self.open else None
        if tag == "table" and table is not None:
            self.end_table()
        elif tag in ("td", "th") and table is not None:
            self.cell = None
        elif tag == "tr" and table is not None:
            self.cell = None
            table.open_row = False
        elif tag in _GROUPS and table is not None:
            self.cell = None
            table.group += 1
            table.open_row = False
        else:
            self.pre = max(0, self.pre - (tag == "pre"))
            if tag == "br":
                self.sink().brk()
            elif tag in _BLOCKS or tag == "tr":
                self.end_block()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            cell = self.cell
            text = cell.text if cell is not None else self.outside
            text.add(data, self.pre > 0, self.lineno)

    def close(self) -> None:
        super().close()
        while self.open:
            self.end_table()
        self.end_block()


def html_lines(text: str, source: str, notes: tuple[str, ...] = ()) -> Grid:
    """The grid of an HTML page's text (see the module's docstring)."""
    out = Collector(source)
    for note in notes:
        out.note(Location(source, 1), note)
    parser = _Parser(out)
    try:
        parser.feed(text)
        unfinished = len(parser.rawdata)
        if unfinished > MAX_UNFINISHED and parser.rawdata.startswith("<"):
            line = parser.getpos()[0]
            raise ReadError(
                f"markup left open at line {line} (a comment, tag, quote or script not closed) "
                f"before the last {unfinished:,} characters; refused",
                zh=f"第 {line} 行的标记未闭合（注释、标签、引号或脚本未结束），其后还有 {unfinished:,} 个字符；拒绝读取",
                source=source,
            )
        parser.close()
    except ReadError:
        raise
    except Exception as error:  # html.parser's own assertions on malformed declarations
        raise ReadError(
            f"unreadable HTML ({type(error).__name__}: {str(error)[:200]})",
            zh=f"无法读取的 HTML（{type(error).__name__}: {str(error)[:200]}）",
            source=source,
        ) from None
    return out.grid(SourceKind.HTML, merges=True, cleaned=frozenset(parser.placer.cleaned))


def page_grid(text: str, source: str, notes: tuple[str, ...]) -> Grid:
    """The grid of a web page's text (of an HTML file or a web archive), once
    it is known to be within the bounds of text (:func:`check_text`)."""
    text = check_text(text.removeprefix("\ufeff"), source, lines=False)
    with collection_paused():
        return html_lines(text, source, notes)
