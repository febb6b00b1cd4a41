"""Cells wrapped onto the next lines, put back together (private; see :mod:`jixiao.io.recognise`).

Text laid out with spaces (``pdftotext -layout``) and the words of a PDF page
outside its ruled tables have no cells that hold several lines: a long cell
continues on the next lines, in its own column. A line is taken as the
continuation of the line above when all of the following hold:

* it follows that line directly (no blank line between them);
* each of its cells starts where a cell of the line above starts (within a
  character, or two points), so it opens no column of its own;
* it has fewer cells than the line above;
* it holds no landmark (a header word, a table label, a title, a number, a
  page number, an identification label, read or of no place), and the line
  above is no header (whose words stand alone).

The texts are joined as a wrap joins them: directly between two Chinese
characters, with a space otherwise. Nothing else is moved; what is not a
continuation stays a line of its own, for the recogniser to place or report.
"""

from __future__ import annotations

import attrs

from jixiao.io._form_words import (
    FUNDS_HEADER,
    FUNDS_SECTION,
    GOAL_HEADER,
    GOAL_LABELS,
    GOAL_SECTION,
    INDICATOR_HEADER,
    ROWS_UNREAD,
    TOTALS,
)
from jixiao.io._furniture import HEADING, is_furniture, is_note_start, is_prompt
from jixiao.io._vocab import (
    LABEL_LIMIT,
    funds_row,
    header_word,
    ident_label,
    join_wraps,
    level1_label,
    level2_label,
    may_score,
    title_year,
    unit_of,
    unread_ident,
)
from jixiao.io.grid import Grid, Line, SourceKind

__all__ = ["merge_wraps"]

_WORDS = frozenset(
    [
        *FUNDS_HEADER,
        *GOAL_HEADER,
        *INDICATOR_HEADER,
        *FUNDS_SECTION,
        *GOAL_SECTION,
        *TOTALS,
        *GOAL_LABELS,
        *ROWS_UNREAD,
    ]
)


def _header(line: Line) -> bool:
    return any(len(t) <= LABEL_LIMIT and header_word(t) in _WORDS for t in line.texts())


def _landmark(line: Line) -> bool:
    texts = line.texts()
    if is_furniture(texts) or any(HEADING.match(t) or is_note_start(t) for t in texts):
        return True
    if texts and all(map(is_prompt, texts)):  # the blank form's row ("……"): no wrapped text
        return True
    if texts and texts[0].startswith("其中"):  # a breakdown row (其中…), or a funds row's part
        return True
    for text in texts:
        if len(text) > LABEL_LIMIT:
            continue
        if (
            may_score(text)
            or unit_of(text) is not None
            or header_word(text) in _WORDS
            or funds_row(text)
            or level1_label(text)
            or level2_label(text)
            or title_year(text) is not None
            or ident_label(text) is not None
            or unread_ident(text) is not None
        ):
            return True
    return False


def _glue(before: str, after: str) -> str:
    pair = f"{before[-1:]} {after[:1]}"
    return before + ("" if join_wraps(pair) != pair else " ") + after


def _continues(line: Line, above: Line, row: int, tolerance: float) -> bool:
    """Whether *line* continues *above* (the line it would join, printed on
    rows up to *row*)."""
    if line.location.row != row + 1 or line.block != above.block:
        return False
    if len(line.cells) >= len(above.cells) or _landmark(line) or _header(above):
        return False
    starts = [cell.x0 for cell in above.cells]
    return all(any(abs(cell.x0 - x) <= tolerance for x in starts) for cell in line.cells)


def _merged(above: Line, line: Line, tolerance: float) -> Line:
    cells = list(above.cells)
    for cell in line.cells:
        k = next(i for i, c in enumerate(cells) if abs(c.x0 - cell.x0) <= tolerance)
        cells[k] = attrs.evolve(
            cells[k], text=_glue(cells[k].text, cell.text), x1=max(cells[k].x1, cell.x1)
        )
    return attrs.evolve(above, cells=tuple(cells), text=f"{above.text}\n{line.text}")


def merge_wraps(grid: Grid) -> tuple[Line, ...]:
    """The grid's lines with wrapped continuation lines joined to the line they continue.

    Only laid-out text and the PDF and OFD words outside ruled tables wrap this way;
    other sources keep their lines as they are.
    """
    if grid.kind not in (SourceKind.LAYOUT, SourceKind.PDF, SourceKind.OFD):
        return grid.lines
    tolerance = 1.0 if grid.kind is SourceKind.LAYOUT else 2.0
    out: list[Line] = []
    last: Line | None = None  # the last physical line, to check adjacency
    for line in grid.lines:
        wrapped = (
            out
            and last is not None
            and line.block == 0
            and _continues(line, out[-1], last.location.row, tolerance)
        )
        if wrapped:
            out[-1] = _merged(out[-1], line, tolerance)
        else:
            out.append(line)
        last = line
    return tuple(out)
