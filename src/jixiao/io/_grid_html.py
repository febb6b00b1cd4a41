"""HTML source of a grid: the tables of a saved page and the text around them (private).

Read with the standard library's :class:`html.parser.HTMLParser`:

* **Decoding** (:func:`decode_html`): a byte-order mark (UTF-8, UTF-16) wins;
  then the charset a ``<meta charset>`` or ``<meta http-equiv="Content-Type">``
  declares in the first 4 KB (GB2312 and GBK are decoded as their superset
  GB18030; a declared UTF-16 is read as UTF-8 and ISO-8859-1 as windows-1252,
  as browsers do); otherwise UTF-8. Bytes that do not decode are refused, the
  error naming the offset; nothing is replaced.
* **Tables**: each top-level ``<table>`` is a block (numbered from 1 in
  document order); ``<tr>`` are its rows (numbered from 1, ``<thead>`` and
  ``<tbody>`` rows alike); ``<td>`` / ``<th>`` are placed as a browser places
  them: in the first column not covered by a ``rowspan`` from above, spanning
  ``colspan`` columns. A ``rowspan`` ends with its row group (``rowspan="0"``
  reaches its end); a ``colspan`` over 64 or a ``rowspan`` over 1,000 is
  ignored (taken as 1) and noted. Each lower row a printed cell covers gets one
  ``continued`` cell at the cell's column. A table cell prints as
  ``page.html:t<table>:<row>:<column>``.
* **Text**: whitespace collapsed as a browser renders it (kept in ``<pre>``);
  ``<br>`` and block elements (``p``, ``div``, ``li``, headings, a nested
  table's rows …) make a new line; entities decoded; ``script``, ``style``
  and ``template`` dropped; empty lines dropped. A table nested in a cell gives
  its text to that cell (rows one a line, cells separated by a space).
* **Text outside tables**: each block element's text is one line of one cell
  in block 0, printed as ``page.html:<source line>``. Text inside a table but
  outside its cells (a ``<caption>``, stray text) is such a line too, listed
  before the table's rows (where a browser shows it).

Bounds: a table of more than 200,000 rows, and markup left open over more
than :data:`MAX_UNFINISHED` characters at the end of the page, are refused.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from jixiao.errors import ReadError
from jixiao.io._grid_base import (
    MAX_COLSPAN,
    MAX_LINE_CELLS,
    MAX_LINES,
    REST_OF_LINE,
    Collector,
    line_text,
)
from jixiao.io.grid import Cell, Grid, Line, Location, SourceKind

__all__ = ["MAX_COLSPAN", "MAX_ROWSPAN", "MAX_UNFINISHED", "decode_html", "html_lines"]

MAX_ROWSPAN = 1_000
"""A larger ``rowspan`` is ignored (taken as 1) and noted."""
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
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_html(data: bytes, source: str) -> tuple[str, str | None]:
    """The text of an HTML file's bytes, and a note when its declared charset is unknown.

    Raises:
        ReadError: the bytes do not decode in the charset found (the offset named).
    """
    note = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            start, label = len(bom), codec
            break
    else:
        start, label = 0, "utf-8"
        declared = _META.search(data[:4096])
        if declared is not None:
            name = declared.group(1).decode("ascii").lower()
            label = _ALIASES.get(name, name)
            try:
                codecs.lookup(label)
            except LookupError:
                note, label = f"unknown charset {name!r} declared; read as UTF-8", "utf-8"
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
_SPACE = re.compile(r"[ \t\n\r\f]+")
_NUMBER = re.compile(r"\s*([0-9]{1,9})")
_TEXT, _PRE, _BREAK = range(3)


class _Text:
    """Text being gathered for a cell or an outside line, as the browser renders it."""

    __slots__ = ("line", "parts", "printed")

    def __init__(self) -> None:
        self.parts: list[tuple[int, str]] = []
        self.line = 0
        self.printed = False

    def add(self, data: str, pre: bool, line: int) -> None:
        if not self.printed and not data.isspace():
            self.printed = True
            self.line = line + data.count("\n", 0, len(data) - len(data.lstrip()))
        self.parts.append((_PRE if pre else _TEXT, data))

    def brk(self) -> None:
        if self.parts and self.parts[-1][0] != _BREAK:
            self.parts.append((_BREAK, ""))

    def render(self) -> str:
        lines: list[list[str]] = [[]]
        run: list[str] = []
        for kind, data in self.parts:
            if kind == _TEXT:
                run.append(data)
                continue
            if run:
                lines[-1].append(_SPACE.sub(" ", "".join(run)))
                run.clear()
            if kind == _BREAK:
                lines.append([])
            else:
                first, *rest = data.replace("\r\n", "\n").split("\n")
                lines[-1].append(first)
                lines.extend([piece] for piece in rest)
        if run:
            lines[-1].append(_SPACE.sub(" ", "".join(run)))
        texts = ("".join(pieces).replace("\xa0", " ").strip() for pieces in lines)
        return "\n".join(text for text in texts if text)


class _Table:
    """A top-level table as parsed: its rows of raw cells, and each row's group."""

    __slots__ = ("block", "group", "groups", "open_row", "overflowed", "rows")

    def __init__(self, block: int) -> None:
        self.block = block
        self.rows: list[list[tuple[_Text, int, int]]] = []
        self.groups: list[int] = []
        self.group = 0
        self.open_row = False
        self.overflowed = 0  # the last row (counted from 1) whose cells ran over

    def new_row(self, source: str) -> list[tuple[_Text, int, int]]:
        if len(self.rows) >= MAX_LINES:
            raise ReadError(
                f"a table of more than {MAX_LINES:,} rows; refused",
                zh=f"表格超过 {MAX_LINES:,} 行；拒绝读取",
                source=source,
            )
        self.rows.append([])
        self.groups.append(self.group)
        self.open_row = True
        return self.rows[-1]


def _span(value: str | None, default: int) -> int:
    match = _NUMBER.match(value or "")
    return int(match.group(1)) if match else default


class _Parser(HTMLParser):
    def __init__(self, out: Collector) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.tables = 0
        self.table: _Table | None = None
        self.nested = 0
        self.cell: _Text | None = None
        self.outside = _Text()
        self.skip = 0
        self.pre = 0

    def sink(self) -> _Text:
        return self.cell if self.cell is not None else self.outside

    def end_block(self) -> None:
        """A block element starts or ends: a new line in a cell, or the outside text's end."""
        if self.cell is not None:
            self.cell.brk()
            return
        text = self.outside.render() if self.outside.printed else ""
        if text:
            where = Location(self.out.source, self.outside.line)
            self.out.add(Line((Cell(text, 0, 0, 1, where, 0),), where, text))
        self.outside = _Text()

    def top(self) -> _Table | None:
        """The top-level table, when a tag now belongs to it (not to a nested one)."""
        return self.table if self.nested == 0 else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if self.skip:
            return
        table = self.top()
        if tag == "table":
            if self.table is None:
                self.end_block()
                self.tables += 1
                self.table = _Table(self.tables)
            else:
                self.nested += 1
                self.end_block()
        elif tag in ("td", "th") and table is not None:
            self.cell = None
            row = table.rows[-1] if table.open_row else table.new_row(self.out.source)
            if len(row) >= MAX_LINE_CELLS:  # as in text: the last cell holds the rest of the row
                if table.overflowed != len(table.rows):
                    table.overflowed = len(table.rows)
                    self.out.note(Location(self.out.source, self.getpos()[0]), REST_OF_LINE)
                self.cell = row[-1][0]
                self.cell.add(" ", False, self.getpos()[0])
                return
            values = dict(attrs)
            self.out.count(1)
            self.cell = _Text()
            row.append(
                (self.cell, _span(values.get("colspan"), 1), _span(values.get("rowspan"), 1))
            )
        elif tag in ("td", "th"):
            self.sink().add(" ", False, self.getpos()[0])
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
        table = self.top()
        if tag == "table" and self.nested:
            self.nested -= 1
            self.end_block()
        elif tag == "table" and self.table is not None:
            self.finish()
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
            self.sink().add(data, self.pre > 0, self.getpos()[0])

    def finish(self) -> None:
        """Lay out the top-level table and hand its lines over."""
        table, self.table, self.cell, self.nested = self.table, None, None, 0
        self.end_block()
        if table is not None:
            _lay_out(table, self.out)

    def close(self) -> None:
        super().close()
        self.finish()
        self.end_block()


def _lay_out(table: _Table, out: Collector) -> None:
    """Place the cells of *table* on its grid and add its lines (see the module's docstring)."""
    source, part = out.source, f"t{table.block}"
    ends: list[int] = []  # the last row of each row's group
    for index in range(len(table.groups) - 1, -1, -1):
        same = index + 1 < len(table.groups) and table.groups[index + 1] == table.groups[index]
        ends.append(ends[-1] if same else index)
    ends.reverse()
    covering: dict[int, list[Cell]] = {}  # row → the anchors above that cover part of it
    for r, raw_cells in enumerate(table.rows):
        row = r + 1
        above = sorted(covering.pop(r, []), key=lambda anchor: anchor.column)
        line = Location(source, row, 0, part)
        cells = [
            Cell("", a.column, a.x0, a.x1, line, a.column + 1, a.colspan, continued=True)
            for a in above
            if a.text
        ]
        column = at = 0
        for text, colspan, rowspan in raw_cells:
            while at < len(above) and above[at].column <= column:
                column = max(column, above[at].column + above[at].colspan)
                at += 1
            colspan, rowspan = _checked_spans(colspan, rowspan, line.at(column + 1), out)
            rows = ends[r] - r + 1
            rowspan = min(rowspan or rows, rows)
            printed = text.render() if text.printed else ""
            anchor = Cell(
                printed, column, column, column + colspan, line, column + 1, colspan, rowspan
            )
            if printed:
                cells.append(anchor)
            out.count(rowspan - 1)
            for lower in range(r + 1, r + rowspan):
                covering.setdefault(lower, []).append(anchor)
            column += colspan
        if any(cell.text for cell in cells):
            cells.sort(key=lambda cell: cell.column)
            out.add(Line(tuple(cells), line, line_text(cells), table.block), counted=True)


def _checked_spans(colspan: int, rowspan: int, where: Location, out: Collector) -> tuple[int, int]:
    if colspan > MAX_COLSPAN:
        out.note(where, f"colspan {colspan} over {MAX_COLSPAN}; ignored")
        colspan = 1
    if rowspan > MAX_ROWSPAN:
        out.note(where, f"rowspan {rowspan} over {MAX_ROWSPAN}; ignored")
        rowspan = 1
    return max(colspan, 1), rowspan


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
    return out.grid(SourceKind.HTML, merges=True)
