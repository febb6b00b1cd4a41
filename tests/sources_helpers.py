"""Test helpers for the grid sources: random grids and writers of every form.

A random grid is rows × columns of texts (CJK, ASCII, digits, ``% ≥ ≤ —``;
``""`` for an empty cell) with, where the form keeps them, merged rectangles
whose first cell prints and whose other cells are empty. Each writer puts a
grid into one form; :func:`expected` says what a source must read back.
"""

from __future__ import annotations

import html
import string
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from jixiao.io._grid_text import display_width
from jixiao.io.grid import Grid

CJK = "项目支出绩效自评表资金分值得分指标数量质量时效成本满意度年度总体目标完成"
ALPHABET = CJK + string.ascii_letters + string.digits + "%≥≤—.()（）：:"

Rows = list[list[str]]
Merge = tuple[int, int, int, int]
"""A merged rectangle: first row, first column, rows, columns (0-based)."""

Seen = tuple[int, str, int, int, bool]
"""A cell as read: column, text, colspan, rowspan, continued."""


def words(alphabet: str = ALPHABET) -> st.SearchStrategy[str]:
    """One to three words of the alphabet, separated by single spaces."""
    word = st.text(alphabet=alphabet, min_size=1, max_size=6)
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


def texts(alphabet: str = ALPHABET) -> st.SearchStrategy[str]:
    """A cell's text, empty a third of the time."""
    return st.one_of(st.just(""), words(alphabet), words(alphabet))


@st.composite
def grids(
    draw: st.DrawFn,
    cell: st.SearchStrategy[str] | None = None,
    rows: int = 6,
    columns: int = 5,
) -> Rows:
    """A random grid of texts."""
    height = draw(st.integers(1, rows))
    width = draw(st.integers(1, columns))
    text = cell if cell is not None else texts()
    return [[draw(text) for _ in range(width)] for _ in range(height)]


@st.composite
def merged_grids(draw: st.DrawFn, rows: int = 6, columns: int = 5) -> tuple[Rows, list[Merge]]:
    """A random grid with random non-overlapping merges (each merge's first cell prints)."""
    grid = draw(grids(rows=rows, columns=columns))
    height, width = len(grid), len(grid[0])
    taken: set[tuple[int, int]] = set()
    merges: list[Merge] = []
    for _ in range(draw(st.integers(0, 4))):
        r, c = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        h, w = draw(st.integers(1, height - r)), draw(st.integers(1, width - c))
        area = {(i, j) for i in range(r, r + h) for j in range(c, c + w)}
        if (h, w) == (1, 1) or area & taken:
            continue
        taken |= area
        merges.append((r, c, h, w))
        grid[r][c] = draw(words())
        for i, j in area - {(r, c)}:
            grid[i][j] = ""
    return grid, merges


def expected(grid: Rows, merges: Sequence[Merge] = ()) -> list[tuple[int, list[Seen]]]:
    """The lines a source with merges must read: (0-based row, cells), rows with text only."""
    spans = {(r, c): (h, w) for r, c, h, w in merges}
    out: list[tuple[int, list[Seen]]] = []
    for i, row in enumerate(grid):
        if not any(row):
            continue
        cells: list[Seen] = []
        for j, text in enumerate(row):
            h, w = spans.get((i, j), (1, 1))
            if text:
                cells.append((j, text, w, h, False))
        for r, c, h, w in merges:
            if r < i < r + h:
                cells.append((c, "", w, 1, True))
        out.append((i, sorted(cells)))
    return out


def seen(grid: Grid) -> list[list[Seen]]:
    """What a grid holds, line by line, as comparable tuples."""
    return [
        [(c.column, c.text, c.colspan, c.rowspan, c.continued) for c in line.cells]
        for line in grid.lines
    ]


def located(grid: Grid) -> list[list[tuple[str, str]]]:
    """Each line's cells as (printed location, text)."""
    return [[(str(c.location), c.text) for c in line.cells] for line in grid.lines]


# ---------------------------------------------------------------- writers


def tsv(grid: Rows) -> str:
    return "".join("\t".join(row) + "\n" for row in grid)


def layout(grid: Rows, indent: int = 0) -> tuple[str, list[int]]:
    """Text laid out in columns by display width (gaps of two or more), and the column starts."""
    widths = [max(display_width(row[j]) for row in grid) for j in range(len(grid[0]))]
    starts = [indent]
    for width in widths[:-1]:
        starts.append(starts[-1] + width + 2)
    lines = []
    for row in grid:
        line = ""
        for start, text in zip(starts, row, strict=True):
            if text:
                line += " " * (start - display_width(line)) + text
        lines.append(line)
    return "".join(line + "\n" for line in lines), starts


def markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def markdown(grid: Rows) -> str:
    rows = ["| " + " | ".join(markdown_cell(t) for t in row) + " |" for row in grid]
    rows.insert(1, "|" + "---|" * len(grid[0]))
    return "\n".join(rows) + "\n"


def html_table(grid: Rows, merges: Sequence[Merge], pad: str = "") -> str:
    """An HTML table of the grid, merged cells written with rowspan / colspan."""
    spans = {(r, c): (h, w) for r, c, h, w in merges}
    covered = {
        (i, j)
        for r, c, h, w in merges
        for i in range(r, r + h)
        for j in range(c, c + w)
        if (i, j) != (r, c)
    }
    out = ["<table border=1>"]
    for i, row in enumerate(grid):
        out.append("<tr>")
        for j, text in enumerate(row):
            if (i, j) in covered:
                continue
            h, w = spans.get((i, j), (1, 1))
            attrs = (f' rowspan="{h}"' if h > 1 else "") + (f" colspan={w}" if w > 1 else "")
            body = "<br>".join(html.escape(part) for part in text.split("\n"))
            out.append(f"<td{attrs}>{pad}{body}{pad}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def xlsx(path: Path, sheets: Sequence[tuple[Rows, Sequence[Merge]]]) -> None:
    """A workbook of one sheet per grid, texts as strings, merges as merged ranges."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for index, (grid, merges) in enumerate(sheets, start=1):
        sheet: Any = workbook.create_sheet(f"表{index}")
        for i, row in enumerate(grid, start=1):
            for j, text in enumerate(row, start=1):
                if text:
                    sheet.cell(i, j).value = text
        for r, c, h, w in merges:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + h, end_column=c + w)
    workbook.save(path)
