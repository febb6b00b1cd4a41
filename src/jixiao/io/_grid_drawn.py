"""Tables drawn with characters in text: grid tables (private; the grid
is built by :mod:`jixiao.io._grid_text`).

Pandoc writes a Word table with merged cells as a *grid table* (``pandoc
report.docx -t markdown``, ``-t plain``, ``-t rst``), and tools that print a
table as text draw one too: ``+----+----+`` borders and ``|`` between cells,
or box-drawing characters (``┌──┬──┐``, ``│``). Such a table is read as the
table it draws:

* A table starts at a border line (``+---+---+``, ``┌───┬───┐``) and goes on
  while lines start with a bar or a corner. Box-drawing characters are read
  as ``+`` (a corner or a junction), ``-`` and ``|``.
* Its **columns** are cut at the corners (``+``) its border lines print, in
  display columns (a wide character counts 2) or, when its bars stand at the
  corners only so, in characters (a tool that pads wide characters as one).
* A **cell** is the text between two bars on the lines between two borders:
  where no bar stands between two columns it covers both (a column span);
  a column that a border line crosses with text instead of a rule
  (``|   +----+``) goes on, so the cell above covers the rows below too (a
  row span). Each line of a cell is one line of its text.
* **Rows**: when rules divide the table's body into rows, the lines between
  two rules are one row; when the table is ruled only above and below its
  header and at its end (as console tables print), each line is a row.

Location: the row's first line, and the cell's first column (1-based), as a
Markdown cell prints: ``report.md:12:3``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence

from jixiao.io._grid_base import MAX_LINE_CELLS, char_width

__all__ = ["DrawnCell", "drawn_rows", "goes_on", "is_border", "plain"]


def _box_characters() -> dict[int, str]:
    """Box-drawing characters as ``+``, ``-`` or ``|``, by their Unicode names."""
    table: dict[int, str] = {}
    for code in range(0x2500, 0x2580):
        words = set(unicodedata.name(chr(code), "").split())
        if "DIAGONAL" in words:
            continue
        across = bool(words & {"HORIZONTAL", "LEFT", "RIGHT"})
        down = bool(words & {"VERTICAL", "UP", "DOWN"})
        table[code] = "+" if across and down else "-" if across else "|"
    return table


_BOX = _box_characters()
_BORDER = re.compile(r"\+(?:[-=:]+\+)+")
_RULE_CHARACTERS = frozenset("-=:")


def plain(line: str) -> str:
    """*line* with box-drawing characters read as ``+``, ``-`` and ``|``."""
    return line if line.isascii() else line.translate(_BOX)


def _drawn_start(first: str) -> bool:
    return first == "+" or "\u2500" <= first <= "\u257f"


def is_border(line: str) -> bool:
    """Whether *line* is a whole border line, which starts a drawn table.

    >>> is_border("+-----+:---:+"), is_border("  ┌──┬──┐"), is_border("| a | b |")
    (True, True, False)
    """
    return _drawn_start(line.lstrip()[:1]) and _BORDER.fullmatch(plain(line.strip())) is not None


def goes_on(line: str) -> bool:
    """Whether *line* goes on with a drawn table: it starts with a bar or a corner."""
    first = line.lstrip()[:1]
    return first == "|" or (_drawn_start(first) and plain(first) in ("|", "+"))


class DrawnCell:
    """A cell of a drawn table: its lines of text, its first column and spans."""

    __slots__ = ("column", "last", "last_row", "lines", "row")

    def __init__(self, column: int, last: int, row: int) -> None:
        self.column = column
        self.last = last  # its last column
        self.row = row  # the row it starts on (0-based)
        self.last_row = row
        self.lines: list[str] = []

    @property
    def colspan(self) -> int:
        return self.last - self.column + 1

    @property
    def rowspan(self) -> int:
        return self.last_row - self.row + 1


class _Measured:
    """A line's characters by the column each starts at."""

    __slots__ = ("chars", "starts")

    def __init__(self, line: str, wide: bool) -> None:
        self.chars = line
        starts: list[int] = []
        at = 0
        for char in line:
            starts.append(at)
            at += char_width(char) if wide else 1
        self.starts = starts

    def at(self, column: int) -> str:
        """The character that starts at *column* ("" if none does)."""
        i = bisect.bisect_left(self.starts, column)
        return self.chars[i] if i < len(self.starts) and self.starts[i] == column else ""

    def between(self, left: int, right: int | None) -> str:
        """The characters that start after *left* and before *right* (``None``: the end)."""
        i = bisect.bisect_right(self.starts, left)
        j = len(self.starts) if right is None else bisect.bisect_left(self.starts, right)
        return self.chars[i:j]


def _corners(measured: Sequence[_Measured]) -> list[int]:
    """The columns where a border line prints a corner."""
    found: set[int] = set()
    for line in measured:
        text = line.chars
        for i, char in enumerate(text):
            if char == "+" and (
                (i > 0 and text[i - 1] in _RULE_CHARACTERS)
                or (i + 1 < len(text) and text[i + 1] in _RULE_CHARACTERS)
            ):
                found.add(line.starts[i])
    return sorted(found)


def _bars_at(measured: Sequence[_Measured], corners: Sequence[int]) -> int:
    """How many bars of *measured* stand at a corner."""
    at = set(corners)
    return sum(
        1
        for line in measured
        for i, char in enumerate(line.chars)
        if char == "|" and line.starts[i] in at
    )


def _measure(lines: Sequence[str]) -> tuple[list[_Measured], list[int]]:
    """The lines measured as their bars stand at the corners, and the corners."""
    wide = [_Measured(line, True) for line in lines]
    corners = _corners(wide)
    if all(line.isascii() for line in lines):
        return wide, corners
    narrow = [_Measured(line, False) for line in lines]
    other = _corners(narrow)
    if _bars_at(narrow, other) > _bars_at(wide, corners):
        return narrow, other
    return wide, corners


def _is_rule(text: str) -> bool:
    """Whether *text* rules its columns (corners past the last column read too)."""
    return bool(text) and all(char in _RULE_CHARACTERS or char == "+" for char in text)


def drawn_rows(lines: Sequence[str]) -> tuple[list[tuple[int, list[DrawnCell]]], bool] | None:
    """The rows of the drawn table printed on *lines* (box-drawing characters
    already read as ASCII, see :func:`plain`): for each row, the index
    of its first line and the cells that start on it; ``None`` when the lines
    draw no columns. Text right of the last bar belongs to the last column;
    past :data:`~jixiao.io._grid_base.MAX_LINE_CELLS` columns, the last holds
    the rest of the line (the second item says so)."""
    measured, corners = _measure(lines)
    if len(corners) < 2:
        return None
    cut = len(corners) > MAX_LINE_CELLS + 1
    corners = corners[: MAX_LINE_CELLS + 1]
    count = len(corners) - 1
    parts = [_Parts(line, corners) for line in measured]
    runs = 0  # runs of lines that rule nothing
    for n, part in enumerate(parts):
        if not any(part.rules) and (n == 0 or any(parts[n - 1].rules)):
            runs += 1
    ruled = runs >= 3
    open_cells: list[DrawnCell | None] = [None] * count
    rows: list[tuple[int, list[DrawnCell]]] = []

    def close(cell: DrawnCell | None) -> None:
        if cell is not None:
            for m in range(cell.column, cell.last + 1):
                open_cells[m] = None

    for n, part in enumerate(parts):
        rules, bars = part.rules, part.bars
        if not ruled and not any(rules):
            for cell in list(open_cells):
                close(cell)  # each line a row
        for i in range(count):
            if rules[i]:
                close(open_cells[i])
        new: list[DrawnCell] = []
        going: list[tuple[DrawnCell, str]] = []
        i = 0
        while i < count:
            if rules[i]:
                i += 1
                continue
            j = i
            while j + 1 < count and not rules[j + 1] and not bars[j + 1]:
                j += 1
            cell = open_cells[i]
            if cell is None or cell.column != i or cell.last != j:
                for m in range(i, j + 1):
                    close(open_cells[m])
                cell = DrawnCell(i, j, len(rows))
                new.append(cell)
                for m in range(i, j + 1):
                    open_cells[m] = cell
            going.append((cell, part.text(i, j)))
            i = j + 1
        if new:
            rows.append((n, new))
        for cell, text in going:
            cell.lines.append(text)
            cell.last_row = len(rows) - 1
    return rows, cut


class _Parts:
    """A line of a drawn table cut at the corners: which columns it rules,
    where it prints a bar (or a corner), and the text between."""

    __slots__ = ("bars", "corners", "line", "rules")

    def __init__(self, line: _Measured, corners: Sequence[int]) -> None:
        self.line, self.corners = line, corners
        count = len(corners) - 1
        self.bars = [line.at(corners[i]) in ("|", "+") for i in range(count + 1)]
        self.rules = [
            _is_rule(line.between(corners[i], corners[i + 1] if i + 1 < count else None))
            for i in range(count)
        ]

    def text(self, first: int, last: int) -> str:
        """The text over columns *first* to *last* (what stands where a bar
        would be included; after the last column, what the line prints past
        its last bar)."""
        corners, line = self.corners, self.line
        if last + 2 < len(corners):
            return line.between(corners[first], corners[last + 1])
        if not self.bars[last + 1]:
            return line.between(corners[first], None)
        rest = line.between(corners[-1], None).strip()
        inside = line.between(corners[first], corners[-1])
        return f"{inside.rstrip()} {rest}" if rest else inside
