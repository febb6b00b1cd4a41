"""Tables drawn with ruling lines, and lines of positioned characters (private).

The geometry of a page given as characters with their boxes and the straight
lines drawn on it, for a source that knows nothing more (an OFD document:
:mod:`jixiao.io._grid_ofd`); units are points, ``y`` grows downwards.

* **Ruled tables** (:func:`ruled_tables`): the horizontal and vertical
  segments, ends within :data:`SNAP` of one another taken as one, are merged
  into lines; lines that cross form a table. The distinct positions of its
  vertical and horizontal lines cut it into a lattice; neighbouring units with
  no line between them are one cell (a merged cell); a cell is kept when its
  four sides are drawn and it is a rectangle (a unit outside a table's outline
  belongs to no cell). A cell's column is the lattice column of its left edge,
  as in a ruled PDF table.
* **Characters** (:func:`assign`) belong to the cell their middle lies in, the
  others to the page's text. The characters of a cell or of the text are
  grouped into lines by their vertical position (a character whose middle
  lies within a line's height joins it), left to right; two characters more
  than :data:`WORD_GAP` of the text's height apart are two words (a space
  between them), and on a text line, more than :data:`CELL_GAP` apart, two
  cells (:func:`text_lines`).

A page whose lines are so many that the crossings to test exceed
:data:`MAX_CROSSINGS` is not searched for tables (:class:`TooManyLines`).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from jixiao.io._pdf_words import Pending

__all__ = [
    "CELL_GAP",
    "MAX_CROSSINGS",
    "SNAP",
    "WORD_GAP",
    "Char",
    "RuledTable",
    "TooManyLines",
    "assign",
    "cell_text",
    "ruled_tables",
    "table_rows",
    "text_lines",
]

Char = tuple[str, float, float, float, float]
"""A character: its text, and ``x0, x1, top, bottom``."""
Segment = tuple[float, float, float, float]
"""A straight line drawn: ``x0, y0, x1, y1``."""
_Line = tuple[float, float, float]
"""A merged line: its position (``y`` of a horizontal line, ``x`` of a vertical
one) and the interval it covers along its direction."""
Box = tuple[int, int, int, int]
"""A cell by its lattice units: first column, first row, end column, end row."""

CELL_GAP = 1.0
"""A blank wider than this share of the text's height separates two cells of a
text line: a full-width character's advance (a space of a Chinese font is
half of it)."""
SNAP = 1.0
"""Line ends or positions less than this apart (in points) are taken as one
(a border drawn by each of the cells it separates)."""
WORD_GAP = 0.25
"""A blank wider than this share of the text's height separates two words."""
MAX_CROSSINGS = 40_000
"""A page with more horizontal times vertical lines is not searched for tables."""


class TooManyLines(Exception):
    """The page's lines would take too long to search for tables (internal)."""


class RuledTable:
    """A table's lattice (*xs*, *ys*: the positions of its lines) and cells."""

    __slots__ = ("cells", "xs", "ys")

    def __init__(self, xs: list[float], ys: list[float], cells: list[Box]) -> None:
        self.xs = xs
        self.ys = ys
        self.cells = cells


def _snapped(positions: Iterable[float]) -> dict[float, float]:
    """Each position to the mean of its cluster (positions less than SNAP apart)."""
    out: dict[float, float] = {}
    cluster: list[float] = []
    for position in [*sorted(set(positions)), float("inf")]:
        if cluster and position - cluster[-1] > SNAP:
            out.update(dict.fromkeys(cluster, sum(cluster) / len(cluster)))
            cluster = []
        cluster.append(position)
    return out


def _merged(lines: list[_Line]) -> list[_Line]:
    """Lines at one position joined where they touch or overlap (within SNAP)."""
    out: list[_Line] = []
    for position, start, end in sorted(lines):
        if out and out[-1][0] == position and start <= out[-1][2] + SNAP:
            out[-1] = (position, out[-1][1], max(out[-1][2], end))
        else:
            out.append((position, start, end))
    return out


def _lines(segments: Iterable[Segment]) -> tuple[list[_Line], list[_Line]]:
    """The horizontal and the vertical lines the segments draw (others are left out)."""
    flat: list[_Line] = []
    upright: list[_Line] = []
    for x0, y0, x1, y1 in segments:
        if abs(y1 - y0) <= SNAP / 2 and abs(x1 - x0) > SNAP:
            flat.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= SNAP / 2 and abs(y1 - y0) > SNAP:
            upright.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    ys = _snapped(line[0] for line in flat)
    xs = _snapped(line[0] for line in upright)
    flat = _merged([(ys[p], a, b) for p, a, b in flat])
    upright = _merged([(xs[p], a, b) for p, a, b in upright])
    return flat, upright


def _covers(lines: list[_Line], position: float, start: float, end: float) -> bool:
    """Whether a line at *position* covers the interval from *start* to *end*."""
    at = bisect_left(lines, (position - SNAP / 2,))
    for p, a, b in lines[at:]:
        if p > position + SNAP / 2:
            return False
        if a <= start + SNAP and b >= end - SNAP:
            return True
    return False


def ruled_tables(segments: Iterable[Segment]) -> list[RuledTable]:
    """The tables the *segments* draw (see the module's docstring).

    Raises:
        TooManyLines: more crossings to test than :data:`MAX_CROSSINGS`.
    """
    flat, upright = _lines(segments)
    if len(flat) * len(upright) > MAX_CROSSINGS:
        raise TooManyLines
    parent = list(range(len(flat) + len(upright)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (h, (y, x0, x1)), (v, (x, y0, y1)) in itertools.product(
        enumerate(flat), enumerate(upright)
    ):
        if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
            parent[root(h)] = root(len(flat) + v)
    groups: dict[int, tuple[list[_Line], list[_Line]]] = {}
    for h, line in enumerate(flat):
        groups.setdefault(root(h), ([], []))[0].append(line)
    for v, line in enumerate(upright):
        groups.setdefault(root(len(flat) + v), ([], []))[1].append(line)
    tables = [
        _table(sorted(h), sorted(v)) for h, v in groups.values() if len(h) >= 2 and len(v) >= 2
    ]
    return sorted((t for t in tables if t.cells), key=lambda t: (t.ys[0], t.xs[0]))


def _table(flat: list[_Line], upright: list[_Line]) -> RuledTable:
    xs = sorted({x for x, _, _ in upright})
    ys = sorted({y for y, _, _ in flat})
    columns, rows = len(xs) - 1, len(ys) - 1
    parent = list(range(columns * rows))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def vertical(k: int, j: int) -> bool:  # a line at xs[k] beside row j
        return _covers(upright, xs[k], ys[j], ys[j + 1])

    def horizontal(j: int, i: int) -> bool:  # a line at ys[j] above column i
        return _covers(flat, ys[j], xs[i], xs[i + 1])

    for j in range(rows):
        for i in range(columns):
            if i + 1 < columns and not vertical(i + 1, j):
                parent[root(j * columns + i)] = root(j * columns + i + 1)
            if j + 1 < rows and not horizontal(j + 1, i):
                parent[root(j * columns + i)] = root((j + 1) * columns + i)
    units: dict[int, list[tuple[int, int]]] = {}
    for j in range(rows):
        for i in range(columns):
            units.setdefault(root(j * columns + i), []).append((i, j))
    cells: list[Box] = []
    for members in units.values():
        i0 = min(i for i, _ in members)
        i1 = max(i for i, _ in members) + 1
        j0 = min(j for _, j in members)
        j1 = max(j for _, j in members) + 1
        closed = (
            len(members) == (i1 - i0) * (j1 - j0)
            and all(horizontal(j0, i) and horizontal(j1, i) for i in range(i0, i1))
            and all(vertical(i0, j) and vertical(i1, j) for j in range(j0, j1))
        )
        if closed:
            cells.append((i0, j0, i1, j1))
    cells.sort(key=lambda box: (box[1], box[0]))
    return RuledTable(xs, ys, cells)


def assign(
    chars: list[Char], tables: list[RuledTable]
) -> tuple[list[dict[Box, list[Char]]], list[Char]]:
    """The characters of each table's cells, and those outside every cell."""
    lookup: list[dict[tuple[int, int], Box]] = []
    for table in tables:
        units: dict[tuple[int, int], Box] = {}
        for box in table.cells:
            for j in range(box[1], box[3]):
                for i in range(box[0], box[2]):
                    units[i, j] = box
        lookup.append(units)
    inside: list[dict[Box, list[Char]]] = [{box: [] for box in t.cells} for t in tables]
    outside: list[Char] = []
    for char in chars:
        h = (char[1] + char[2]) / 2
        v = (char[3] + char[4]) / 2
        for n, table in enumerate(tables):
            found = lookup[n].get((bisect_right(table.xs, h) - 1, bisect_right(table.ys, v) - 1))
            if found is not None:
                inside[n][found].append(char)
                break
        else:
            outside.append(char)
    return inside, outside


def _text_rows(chars: list[Char]) -> list[list[Char]]:
    """*chars* grouped into lines, top to bottom, each left to right."""
    rows: list[list[Char]] = []
    low = 0.0
    for char in sorted(chars, key=lambda c: (c[3], c[1])):
        if rows and (char[3] + char[4]) / 2 <= low:
            rows[-1].append(char)
            low = max(low, char[4])
        else:
            rows.append([char])
            low = char[4]
    for row in rows:
        row.sort(key=lambda c: c[1])
    return rows


def _pieces(row: list[Char], cut: float) -> list[list[Char]]:
    """A line's characters cut where the blank between two is wider than *cut*
    of their height."""
    pieces: list[list[Char]] = [[row[0]]]
    for before, char in itertools.pairwise(row):
        height = min(before[4] - before[3], char[4] - char[3])
        if char[1] - before[2] > cut * height:
            pieces.append([char])
        else:
            pieces[-1].append(char)
    return pieces


def _words(chars: list[Char]) -> str:
    return " ".join("".join(c[0] for c in word) for word in _pieces(chars, WORD_GAP))


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines, each its words."""
    return "\n".join(_words(row) for row in _text_rows(chars))


def text_lines(chars: list[Char]) -> list[Pending]:
    """The text lines of *chars* outside tables (block 0), cut into cells."""
    out: list[Pending] = []
    for row in _text_rows(chars):
        cells = [
            (_words(piece), index, piece[0][1], piece[-1][2], 1, 1)
            for index, piece in enumerate(_pieces(row, CELL_GAP))
        ]
        out.append((min(c[3] for c in row), 0, cells))
    return out


def table_rows(table: RuledTable, block: int, inside: dict[Box, list[Char]]) -> list[Pending]:
    """The rows of a ruled table, with spans and continued cells (rows that
    print nothing left out)."""
    rows: list[Pending] = [(top, block, []) for top in table.ys[:-1]]
    for box in table.cells:
        text = cell_text(inside[box])
        if not text:
            continue
        i0, j0, i1, j1 = box
        x0, x1 = table.xs[i0], table.xs[i1]
        rows[j0][2].append((text, i0, x0, x1, i1 - i0, j1 - j0))
        for lower in range(j0 + 1, j1):
            rows[lower][2].append(("", i0, x0, x1, i1 - i0, 0))
    return [row for row in rows if any(cell[0] for cell in row[2])]
