"""What each printed line shows that places it in a table, read once (private).

The recogniser (:mod:`jixiao.io.recognise`) cuts the document into tables by
its lines' landmarks, and the table reader (:mod:`jixiao.io._table_reader`)
then tells each line's part by the same landmarks. Both read them from one
:class:`Marks` a line, made by :func:`marks` in a single pass over the grid:
a line's texts, its first label, whether it is a title or a page number, its
identification labels and whether it opens the indicator header.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from jixiao.io._columns import refilled
from jixiao.io._form_words import (
    INDICATOR_HEADER,
    TOTALS,
)
from jixiao.io._furniture import is_furniture
from jixiao.io._vocab import (
    LABEL_LIMIT,
    MAY_IDENTIFY,
    compact,
    header_word,
    ident_label,
    title_line,
)
from jixiao.io.grid import Cell, Line

__all__ = ["Label", "Marks", "ident_labels", "indicator_header", "marks"]


@attrs.define
class Label:
    """An identification label printed in a line."""

    position: int
    """The cell's index in the line's cells."""
    field: str
    """The :class:`~jixiao.project.model.ProjectInfo` field it labels."""
    inline: str | None
    """The value printed in the same cell ("项目名称：党政事务"), else ``None``."""


@attrs.define
class Marks:
    """A line and what it shows that places it (see the module's docstring)."""

    line: Line
    texts: list[str]
    """The texts of the cells that print something (:meth:`Line.texts`)."""
    key: str
    """The first text as a label is looked up (:func:`~jixiao.io._vocab.compact`);
    empty when it is longer than any label."""
    title: tuple[bool, int | None] | None
    """The line read as a title (:func:`~jixiao.io._vocab.title_line`)."""
    furniture: bool
    """A page number."""
    labels: tuple[Label, ...]
    """The identification labels it prints."""
    header: bool
    """Whether it is (the first line of) the indicator header."""
    total: str
    """The total row's label (:data:`~jixiao.io._form_words.TOTALS`) when one of its
    first two texts is one, else ``""``."""
    printed: Line | None = None
    """The line as printed, when its merged cells unmerged and filled were made
    one (then :attr:`line` is the line so made): a goal line printing the same
    text in both its columns is read from it."""


def ident_labels(cells: Sequence[Cell], tabbed: str) -> tuple[Label, ...]:
    """The identification labels a line prints (*tabbed*: its texts, each after a tab)."""
    if MAY_IDENTIFY.search(tabbed) is None:
        return ()
    return tuple(
        [
            Label(i, *labelled)
            for i, cell in enumerate(cells)
            if (labelled := ident_label(cell.text)) is not None
        ]
    )


def indicator_header(texts: Sequence[str], tabbed: str) -> bool:
    """Whether a line printing *texts* (*tabbed*: each after a tab) is (the
    first line of) the indicator header."""
    # No word below holds a tab: found in a cell, or not at all.
    if "级指标" not in tabbed and "指标值" not in tabbed and "完成值" not in tabbed:
        return False
    words = {header_word(t) for t in texts if len(t) <= LABEL_LIMIT}
    roles = {INDICATOR_HEADER[w] for w in words if w in INDICATOR_HEADER}
    joined = "".join(compact(t) for t in texts if len(t) <= LABEL_LIMIT)
    return len(roles & {"level1", "level2", "name", "target", "actual"}) >= 2 or (
        "一级指标" in joined and "三级指标" in joined
    )


def marks(line: Line) -> Marks:
    """What *line* shows that places it; a line of merged cells unmerged and
    filled (:func:`_filled`) as it was printed before
    (:func:`~jixiao.io._columns.refilled`)."""
    texts = line.texts()
    tabbed = "\t" + "\t".join(texts)
    key = _key(texts[0]) if texts else ""
    found = Marks(
        line,
        texts,
        key,
        title_line(texts),
        is_furniture(texts),
        ident_labels(line.cells, tabbed),
        indicator_header(texts, tabbed),
        _total(key, texts),
    )
    maybe = found.labels or (len(texts) > 1 and texts[0] == texts[-1])
    if maybe and _filled(found):
        cells = refilled(line.cells)
        if len(cells) < len(line.cells):  # (then read once more, with fewer cells)
            made = marks(attrs.evolve(line, cells=tuple(cells)))
            made.printed = line
            return made
    return found


def _filled(found: Marks) -> bool:
    """Whether a line prints one text in neighbouring places and is no row of
    values: it prints that text alone, or identification labels. (A row's
    values may be equal: 分值 7.00 | 得分 7.00; a header's words are made one
    where its columns are read: :func:`~jixiao.io._columns.header_cells`.)"""
    texts = found.texts
    if not any(a == b for a, b in itertools.pairwise(texts)):
        return False
    return bool(found.labels) or texts.count(texts[0]) == len(texts)


def _total(key: str, texts: list[str]) -> str:
    """The total row's label a line prints first or second (*key*: the first's), or ``""``."""
    if key in TOTALS:
        return key
    second = _key(texts[1]) if len(texts) > 1 else ""
    return second if second in TOTALS else ""


def _key(text: str) -> str:
    """*text* as a label is looked up; empty when it is longer than any label."""
    return compact(text) if len(text) <= LABEL_LIMIT else ""
