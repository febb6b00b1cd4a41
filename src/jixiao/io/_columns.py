"""Column roles from header words (private; see :mod:`jixiao.io.recognise`).

A header line (the funds header, the indicator header) gives each column a
role from its words, wherever it is printed and however many columns there
are. A header split over two lines ("偏差原因分析" / "及改进措施", "年度" /
"指标值") is put together column by column; header words run together by an
extraction ("年度绩效指标一级指标") are taken apart by the vocabulary. A data
cell then belongs to the column whose span holds its centre; the spans meet
halfway between neighbouring header cells, so a cell printed a little off its
header (left-aligned under a centred word) still finds it. A header cell whose
words give no role (指标方向, 考核方式 …) is a column too, of no role
(:data:`NO_ROLE`): its span keeps the cells printed under it from being read
as a neighbour's; the reader reports them, unread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from jixiao.io._vocab import LABEL_LIMIT, compact, header_word
from jixiao.io.grid import Cell, Line, Location

__all__ = [
    "NO_ROLE",
    "Column",
    "Columns",
    "filled_down",
    "header_cells",
    "read_header",
    "refilled",
    "split_words",
]

NO_ROLE = ""
"""The role of a column whose header words the vocabulary does not know."""


@attrs.define
class Column:
    """A column with a role: its header's extent and the header cell it was read from."""

    role: str
    x0: float
    x1: float
    cell: Cell
    text: str

    @property
    def location(self) -> Location:
        """Where the header was printed."""
        return self.cell.location

    def refills(self, text: str, before: str) -> bool:
        """Whether *text*, a second value in this column after *before*, is
        *before* printed again in another of the places its header covers:
        one merged value, unmerged and filled (:func:`refilled`)."""
        return self.cell.colspan > 1 and text == before


def refilled(cells: Sequence[Cell]) -> list[Cell]:
    """*cells* with each run of neighbours printing the same text made one cell
    over their places: a merged cell that an export unmerged and filled (WPS's
    and Excel's 取消合并并填充, a converter's "fill merged cells") prints its
    text in every place it covered.

    Only where one text in two places can only be one merged cell is this
    asked: a header's words, an identification value, a goal text, a line
    printing one text only. Never of a row's values as such (分值 7.00 |
    得分 7.00 are two values); a value column whose header covers two places
    takes the same value printed in both as one (:meth:`Column.refills`).
    """
    merged: list[Cell] = []
    for cell in cells:
        last = merged[-1] if merged else None
        if (
            last is not None
            and cell.text
            and cell.text == last.text
            and cell.column == last.column + last.colspan
        ):
            merged[-1] = attrs.evolve(last, x1=cell.x1, colspan=last.colspan + cell.colspan)
        else:
            merged.append(cell)
    return merged


def filled_down(above: Cell, below: Cell) -> bool:
    """Whether *below* prints *above*'s text in the same places on the next
    line: one cell merged down over both, unmerged and filled."""
    return (
        below.text == above.text and below.column == above.column and below.colspan == above.colspan
    )


def split_words(text: str, words: Iterable[str]) -> list[str] | None:
    """*text* as a run of known *words* ("年度绩效指标一级指标" → two words), or ``None``.

    >>> split_words("年度绩效指标一级指标", ["年度绩效指标", "一级指标"])
    ['年度绩效指标', '一级指标']
    """
    vocabulary = sorted(set(words), key=len, reverse=True)
    found: list[str] = []
    rest = text
    while rest:
        word = next((w for w in vocabulary if rest.startswith(w)), None)
        if word is None:
            return None
        found.append(word)
        rest = rest[len(word) :]
    return found


def header_cells(line: Line, vocabulary: Mapping[str, str]) -> list[tuple[str, Cell]]:
    """The header words of a line with their cells: ``(word, cell)`` for every
    cell that prints one known word, or several run together (then split, each
    part given its share of the cell's extent). Unknown cells are ``("", cell)``."""
    found: list[tuple[str, Cell]] = []
    for cell in refilled(line.cells):
        if not cell.text or len(cell.text) > LABEL_LIMIT:
            if cell.text:
                found.append(("", cell))
            continue
        word = header_word(cell.text)
        if word in vocabulary:
            found.append((word, cell))
            continue
        parts = split_words(word, vocabulary) if len(word) > 4 else None
        if not parts or len(parts) == 1:
            found.append(("", cell))
            continue
        width = (cell.x1 - cell.x0) / len(word)
        start = cell.x0
        for part in parts:
            end = start + width * len(part)
            found.append((part, attrs.evolve(cell, text=part, x0=start, x1=end)))
            start = end
    return found


def read_header(
    lines: Sequence[Line], vocabulary: Mapping[str, str]
) -> tuple[list[Column], list[str]]:
    """The columns of a header printed on one line, or on two when the second
    completes the first's words; and the texts nobody could read.

    Each cell of the second line is joined to the first line's cell it overlaps
    most ("年度" + "指标值"); a second-line word under no cell of the first
    line stands alone. A header of two levels names a group on its first
    line and the group's columns on its second (绩效指标 over 一级指标 |
    二级指标 | 三级指标, 年度指标值 over 指标性质 | 指标值 | 度量单位, as Yunnan's
    published form prints them): a known word under a known word that it does
    not complete is one of the group's columns, and the group's word gives
    way to them. A header cell of unknown words is a column of
    :data:`NO_ROLE` as well as one of the texts returned.
    """
    first = header_cells(lines[0], vocabulary)
    unknown: list[str] = []
    if len(lines) > 1:
        groups: set[int] = set()  # the first line's cells over columns of their own
        members: list[tuple[str, Cell]] = []
        for own, below in header_cells(lines[1], vocabulary):
            overlaps = [
                (min(cell.x1, below.x1) - max(cell.x0, below.x0), k)
                for k, (_, cell) in enumerate(first)
            ]
            overlap, k = max(overlaps, default=(0.0, -1))
            if overlap <= 0:
                members.append((own, below))
                continue
            word, cell = first[k]
            if filled_down(cell, below):
                continue
            key = header_word(compact(cell.text) + compact(below.text))
            if key in vocabulary:
                first[k] = (key, attrs.evolve(cell, text=cell.text + below.text))
            elif word and own:  # a column of the group the word above names
                groups.add(k)
                members.append((own, below))
            elif word:  # a word of no role under a whole one: nowhere to go
                unknown.append(below.text)
            else:
                first[k] = ("", attrs.evolve(cell, text=cell.text + below.text))
        first = [pair for k, pair in enumerate(first) if k not in groups] + members
        first.sort(key=lambda pair: pair[1].x0)
    columns: list[Column] = []
    for word, cell in first:
        role = vocabulary[word] if word else NO_ROLE
        columns.append(Column(role, cell.x0, cell.x1, cell, cell.text))
        if not word:
            unknown.append(cell.text)
    return columns, unknown


class Columns:
    """The columns of a header (those of :data:`NO_ROLE` too), and the column a data cell belongs to."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = sorted(columns, key=lambda c: c.x0)
        # the first of a role wins
        self.known = [c for c in self.columns if c.role != NO_ROLE]
        self.unknown = [c for c in self.columns if c.role == NO_ROLE]
        self.by_role = {c.role: c for c in reversed(self.known)}
        # (where its span ends, its column) for each column but the last, for column_of
        self._spans = [
            (
                (left.x1 + right.x0) / 2 if left.x1 <= right.x0 else (left.x0 + right.x1) / 2,
                left,
            )
            for left, right in zip(self.columns, self.columns[1:], strict=False)
        ]

    def __contains__(self, role: str) -> bool:
        return role in self.by_role

    def roles(self) -> list[str]:
        """The roles, left to right (:data:`NO_ROLE` left out)."""
        return [c.role for c in self.known]

    def column_of(self, cell: Cell, shift: float = 0) -> Column:
        """The column whose span holds *cell*'s centre (moved by *shift*)."""
        x = (cell.x0 + cell.x1) / 2 + shift
        for bound, column in self._spans:
            if x < bound:
                return column
        return self.columns[-1]

    def location_column(self, role: str) -> int:
        """The column of its line's location a value of *role* is printed in
        (where an empty cell of it would be)."""
        return self.by_role[role].cell.location_column
