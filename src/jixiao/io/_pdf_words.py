"""The words of a PDF page outside its ruled tables, as lines of cells (private).

Part of the PDF source (:mod:`jixiao.io._grid_pdf`), which hands it the
characters no ruled table holds. pdfplumber groups them into words (two
characters are one word when at most 3 points apart); the words are grouped
into lines by their vertical position (a word whose middle lies within a
line's height joins it), and a line's words into cells wherever the gap
between two words is wider than :data:`CELL_GAP` of the text's height (about
one Latin character).

A full-width closing mark (。，、；：！？ and the closing brackets) inks only the
left half of its advance, and a line may let it hang past its cell's right
edge into the padding, so that the next column's text starts within the word
tolerance after it. Running text sets the next character right after a
mark's advance; so a word is cut after a mark followed by a blank wider than
:data:`HANG_GAP` of the text's height, and the gap after a mark that ends a
word is measured from the end of its ink.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from jixiao.io._grid_base import Collector, line_text
from jixiao.io.grid import Cell, Line, Location

__all__ = ["CELL_GAP", "HANGING", "HANG_GAP", "Pending", "number_lines", "word_lines"]

CELL_GAP = 0.5
"""A gap between two words wider than this share of the text's height separates cells."""
HANG_GAP = 0.125
"""A blank after a closing mark wider than this share of the text's height (1 point
in 8-point text, more than any kerning) ends its word."""

Pending = tuple[float, int, list[tuple[str, int, float, float, int, int]]]
"""A line before numbering: its top, its block, and its cells as
``(text, column, x0, x1, colspan, rowspan)`` (rowspan 0: continued)."""

HANGING = frozenset("。，、；：！？）」』】〕”’》〉")
"""Full-width closing marks: each inks the left half of its advance, and a CJK
line may let it hang past its cell's right edge (in a ruled table too: see
:mod:`jixiao.io._grid_pdf`)."""
_WORD_TOLERANCE = 3.0
"""pdfplumber's word tolerance (its default), in points."""


def word_lines(chars: list[Any]) -> list[Pending]:
    """The text lines of *chars* (each in block 0)."""
    from pdfplumber.utils.text import extract_words  # the optional extra [pdf]

    found = extract_words(chars, x_tolerance=_WORD_TOLERANCE, return_chars=True)
    words = sorted(
        (piece for word in found for piece in _pieces(word)), key=lambda w: (w["top"], w["x0"])
    )
    lines: list[list[dict[str, Any]]] = []
    low = 0.0
    for word in words:
        if lines and (word["top"] + word["bottom"]) / 2 <= low:
            lines[-1].append(word)
            low = max(low, word["bottom"])
        else:
            lines.append([word])
            low = word["bottom"]
    out: list[Pending] = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        cells: list[list[dict[str, Any]]] = [[line[0]]]
        for before, word in itertools.pairwise(line):
            height = min(before["bottom"] - before["top"], word["bottom"] - word["top"])
            if word["x0"] - _ink_end(before, word) > CELL_GAP * height:
                cells.append([word])
            else:
                cells[-1].append(word)
        cells_found = [
            (" ".join(w["text"] for w in cell), index, cell[0]["x0"], cell[-1]["x1"], 1, 1)
            for index, cell in enumerate(cells)
        ]
        out.append((min(w["top"] for w in line), 0, cells_found))
    return out


def _pieces(word: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """*word*, cut after each closing mark followed by a blank wider than
    :data:`HANG_GAP` of its height; the pieces cut so are marked ``hung``."""
    chars = word["chars"]
    start = 0
    for i, (mark, after) in enumerate(itertools.pairwise(chars)):
        blank = after["x0"] - mark["x1"]
        if mark["text"] in HANGING and blank > HANG_GAP * (mark["bottom"] - mark["top"]):
            yield _word(chars[start : i + 1], hung=True)
            start = i + 1
    yield word if start == 0 else _word(chars[start:], hung=False)


def _word(chars: list[dict[str, Any]], hung: bool) -> dict[str, Any]:
    return {
        "text": "".join(c["text"] for c in chars),
        "x0": chars[0]["x0"],
        "x1": chars[-1]["x1"],
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
        "chars": chars,
        "hung": hung,
    }


def _ink_end(word: dict[str, Any], after: dict[str, Any]) -> float:
    """Where the gap from *word* to the word *after* it is measured from: the
    end of its ink when it ends in a closing mark that was cut off from the
    next word, or stands farther from it than the word tolerance (not a typed
    space in running text); the end of its advance otherwise."""
    last = word["chars"][-1]
    if last["text"] in HANGING and (word.get("hung") or after["x0"] - word["x1"] > _WORD_TOLERANCE):
        return float(last["x0"] + last["x1"]) / 2
    return float(word["x1"])


def number_lines(out: Collector, pending: list[Pending], page: int) -> None:
    """Add a page's lines (*pending*, top to bottom) to *out*, numbered from 1:
    a cell prints as ``file:p<page>:<line>:<column>`` (PDF and OFD alike)."""
    source, part = out.source, f"p{page}"
    for row, (_top, block, found) in enumerate(pending, start=1):
        where = Location(source, row, 0, part)
        cells = tuple(
            Cell(
                text,
                column,
                round(x0, 2),
                round(x1, 2),
                where,
                column + 1,
                colspan,
                max(rowspan, 1),
                continued=rowspan == 0,
            )
            for text, column, x0, x1, colspan, rowspan in sorted(found, key=lambda c: c[1])
        )
        out.add(Line(cells, where, line_text(cells), block, page))
