"""One grid for every source: rows of located cells.

Every form a table reaches jixiao in (tab-separated text, text laid out with
spaces as ``pdftotext -layout`` writes it, Markdown pipe tables, HTML, xlsx,
PDF) is first turned into a :class:`Grid`: the printed rows of the document in
reading order, each a tuple of :class:`Cell` s that know where they were
printed. The layout recogniser (:mod:`jixiao.io.recognise`) reads tables from a
grid alone, so every source is read by the same rules.

A source records what it knows and nothing more:

* ``column`` is the cell's logical column: its index after splitting a text
  line, or its column in a sheet, an HTML table (colspans expanded) or a ruled
  PDF table. Text laid out with spaces numbers its cells left to right.
* ``x0``/``x1`` are the cell's horizontal extent in the source's own units
  (display columns of a laid-out text, points on a PDF page, the column span of
  a sheet or HTML cell), so that a cell can be placed under a header by
  overlap where column indexes are not reliable.
* ``continued`` marks a position covered by a cell merged from a row above
  (a rowspan in HTML, a merged range in a sheet or ruled PDF table). Sources
  that cannot know merges (plain text) never set it, and :attr:`Grid.merges`
  says so.
* ``block`` numbers the physical tables (an HTML ``<table>``, a sheet, a ruled
  table on a PDF page); column numbers are comparable only within one block.
  Text outside any table in those sources has block ``0`` and one cell a line.

A grid holds up to millions of cells, and the recogniser reads each many
times: :class:`Location`, :class:`Cell` and :class:`Line` are slotted records
that a source builds once and nothing changes after. They are not frozen (a
frozen record is built one ``object.__setattr__`` call per field, which was
most of the time a grid took to build), so they are not hashable either;
treat them as read-only. A cell's location is made only when asked for,
and so are the locations a table read from a grid keeps for its values
(:class:`Locations`): a table names a hundred places, an audit reads a few.

Locations print as the user would look them up: ``report.txt:12:3`` (line,
cell; a CSV record's first line, field), ``book.xlsx:Sheet1!B7``, ``report.pdf:p3:12:4`` (page, row, column),
``page.html:t2:5:3`` (table, row, column).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping

import attrs

__all__ = ["Cell", "Grid", "Line", "Location", "Locations", "SourceKind"]


class SourceKind(enum.Enum):
    """The form a grid was read from."""

    TSV = "tsv"
    """Text with tab-separated cells, one printed row a line (the seeds' form)."""
    LAYOUT = "layout"
    """Text laid out with spaces, as ``pdftotext -layout`` writes it."""
    CSV = "csv"
    """Comma-separated values, as a spreadsheet or a budget system exports a sheet."""
    MARKDOWN = "markdown"
    """Markdown: pipe tables, tables drawn with characters (grid tables) and text lines."""
    HTML = "html"
    """An HTML page: its tables and the text around them."""
    XLSX = "xlsx"
    """An Excel workbook (one block a sheet)."""
    XLS = "xls"
    """An Excel 97-2003 workbook (one block a sheet)."""
    XMLSS = "xmlss"
    """An XML Spreadsheet 2003 workbook (one block a sheet), as systems export "Excel"."""
    DOCX = "docx"
    """A Word document: its tables and paragraphs."""
    PDF = "pdf"
    """A PDF file: ruled tables, or words placed in columns."""
    OFD = "ofd"
    """An OFD file (GB/T 33190): ruled tables, or characters placed in columns."""


@attrs.define
class Location:
    """Where a cell or a line was printed.

    Attributes:
        source: the file, as the user named it.
        row: the line (text), the sheet row, the row on the page / in the table, or
            the paragraph of a Word document's body; 1-based.
        column: the cell on the line (text), the sheet or table column; 1-based; 0 for a whole line.
        part: the sheet name (xlsx), ``"p3"`` (PDF page 3) or ``"t2"`` (HTML or
            Word table 2);
            empty for text.
        sheet: whether *part* is a sheet name (printed ``Sheet1!B7``).
    """

    source: str
    row: int
    column: int = 0
    part: str = ""
    sheet: bool = False

    def __str__(self) -> str:
        return self.text_at(self.column)

    def at(self, column: int) -> Location:
        """The location of another column on the same row."""
        return Location(self.source, self.row, column, self.part, self.sheet)

    def text_at(self, column: int) -> str:
        """How the location of another column on the same row prints
        (``str(self.at(column))``, without making that location)."""
        if self.sheet:
            ref = f"{column_letters(column)}{self.row}" if column else str(self.row)
            return f"{self.source}:{self.part}!{ref}"
        row = f"{self.part}:{self.row}" if self.part else self.row
        return f"{self.source}:{row}:{column}" if column else f"{self.source}:{row}"


def column_letters(column: int) -> str:
    """Excel's letters for a 1-based column: 1 → ``A``, 27 → ``AA``.

    >>> column_letters(1), column_letters(8), column_letters(27)
    ('A', 'H', 'AA')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.define
class Cell:
    """A printed cell: its text and where it stands.

    Its :attr:`location` is made when asked for, from its line's location and
    its own column there.

    Attributes:
        text: the text as printed, stripped; lines within a cell joined with ``"\\n"``.
        column: the logical column (0-based; see the module's docstring).
        x0: left edge in the source's horizontal units.
        x1: right edge (``x1 > x0``).
        line_location: where its line was printed (the line's :attr:`Line.location`).
        location_column: its column in its :attr:`location` (1-based; 0 for a
            cell that is the whole line).
        colspan: columns the cell covers (merged to its right).
        rowspan: rows the cell covers (merged downward).
        continued: a position covered by a cell merged from above (``text`` is empty).
    """

    text: str
    column: int
    x0: float
    x1: float
    line_location: Location
    location_column: int
    colspan: int = 1
    rowspan: int = 1
    continued: bool = False

    @property
    def location(self) -> Location:
        """Where it was printed."""
        return self.line_location.at(self.location_column)


@attrs.define
class Line:
    """One printed row of the document.

    Attributes:
        cells: the row's cells left to right: every cell that prints something,
            and the ``continued`` positions; empty positions are left out.
        location: the row's location (column 0).
        text: the row as found in the source (the raw text line; for other
            sources the cells' texts joined with tabs), for reports.
        block: the physical table (sheet, HTML table, ruled PDF table) it belongs
            to, numbered from 1; ``0`` for text outside any such table.
        page: the page it was printed on, when the source knows pages.
    """

    cells: tuple[Cell, ...]
    location: Location
    text: str
    block: int = 0
    page: int | None = None

    def texts(self) -> list[str]:
        """The texts of the cells that print something, left to right."""
        return [cell.text for cell in self.cells if cell.text]


class Locations(Mapping[str, str]):
    """Where each printed value of a table was read, by its path
    (:mod:`jixiao.project.paths`): a read-only mapping of path to location
    text, as :attr:`~jixiao.project.model.ProjectTable.locations` holds it.

    The reader records a place (a line's location and a column on it, or the
    cell printed there); the location text is written out when first asked for.

    >>> where = Locations()
    >>> where.put("total.points", Location("report.txt", 12), 3)
    >>> where.alias("project.year", "total.points", first=True)
    >>> dict(where)
    {'total.points': 'report.txt:12:3', 'project.year': 'report.txt:12:3'}
    """

    __slots__ = ("_places",)

    def __init__(self) -> None:
        self._places: dict[str, tuple[Location, int] | Cell | str] = {}

    def put(self, path: str, line: Location, column: int, *, first: bool = False) -> None:
        """*path* was printed in *column* of the line at *line* (``column`` 0:
        the whole line); with *first*, only when *path* has no place yet."""
        if not (first and path in self._places):
            self._places[path] = (line, column)

    def put_cell(self, path: str, cell: Cell, *, first: bool = False) -> None:
        """*path* was printed in *cell* (see :meth:`put`)."""
        if not (first and path in self._places):
            self._places[path] = cell

    def alias(self, path: str, of: str, *, first: bool = False) -> None:
        """*path* was printed where *of* was, when *of* has a place (see :meth:`put`)."""
        if of in self._places and not (first and path in self._places):
            self._places[path] = self._places[of]

    def update(self, other: Locations) -> None:
        """Take every place *other* holds (over this one's)."""
        self._places.update(other._places)

    def __getitem__(self, path: str) -> str:
        place = self._places[path]
        if isinstance(place, Cell):
            place = self._places[path] = place.line_location.text_at(place.location_column)
        elif isinstance(place, tuple):
            place = self._places[path] = place[0].text_at(place[1])
        return place

    def __contains__(self, path: object) -> bool:
        return path in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return f"Locations({dict(self)!r})"


@attrs.frozen
class Grid:
    """A document as rows of located cells, in reading order.

    Attributes:
        source: the file, as the user named it.
        kind: the form it was read from.
        lines: the printed rows (blank rows are left out).
        merges: whether the source records merged cells (``Cell.continued``).
        cleaned: the blocks whose merges were cleaned away, and the places
            they covered with them (an HTML table with no colspan or rowspan
            whose rows print different numbers of cells, as a page whose
            attributes were cleaned prints it): their cells' places are no
            more certain than text's.
        notes: what the source reader itself noticed (a damaged part skipped,
            a formula without a stored value), each with its location.
    """

    source: str
    kind: SourceKind
    lines: tuple[Line, ...]
    merges: bool = False
    notes: tuple[tuple[Location, str], ...] = ()
    cleaned: frozenset[int] = frozenset()

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)
