"""Cells of a sheet unmerged and filled, made one again (:mod:`jixiao.io._columns`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io._columns import filled_down, refilled
from jixiao.io.grid import Cell, Location

WHERE = Location("sheet.xlsx", 7, 0, "Sheet1", sheet=True)
WIDTH = 10.0


def _cell(text: str, column: int, span: int = 1) -> Cell:
    return Cell(text, column, column * WIDTH, (column + span) * WIDTH, WHERE, column + 1, span)


@st.composite
def merged_rows(draw: st.DrawFn) -> list[Cell]:
    """A row of cells, some merged over several places, neighbours printing different texts."""
    texts = draw(st.lists(st.sampled_from(["得分", "党政事务", "7.00", "无", "总分"]), max_size=8))
    cells: list[Cell] = []
    column = 0
    for text in texts:
        if cells and cells[-1].text == text:
            continue
        span = draw(st.integers(1, 4))
        column += draw(st.integers(0, 1))  # an empty place between two cells
        cells.append(_cell(text, column, span))
        column += span
    return cells


def _filled(cells: list[Cell]) -> list[Cell]:
    """*cells* as a sheet unmerged and filled prints them: each text in every place."""
    return [_cell(c.text, c.column + k) for c in cells for k in range(c.colspan)]


@given(merged_rows())
def test_a_row_unmerged_and_filled_is_made_the_merged_row_again(cells: list[Cell]) -> None:
    assert refilled(_filled(cells)) == cells


@given(merged_rows())
def test_refilling_leaves_a_row_of_merged_cells_as_it_is(cells: list[Cell]) -> None:
    assert refilled(cells) == cells
    assert refilled(refilled(_filled(cells))) == refilled(_filled(cells))


def test_equal_texts_apart_or_empty_stay_apart() -> None:
    apart = [_cell("7.00", 0), _cell("7.00", 2)]  # an empty place between them
    assert refilled(apart) == apart
    empty = [_cell("", 0), _cell("", 1)]
    assert refilled(empty) == empty
    assert refilled([_cell("得分", 0), _cell("得分", 1)]) == [_cell("得分", 0, 2)]


def test_a_word_filled_down_is_the_same_cell_on_the_next_line() -> None:
    assert filled_down(_cell("分值", 6), _cell("分值", 6))
    assert filled_down(_cell("偏差原因分析", 8, 2), _cell("偏差原因分析", 8, 2))
    # the group's word over its columns (指标值 over 指标性质 | 指标值 | 度量单位)
    assert not filled_down(_cell("指标值", 4, 3), _cell("指标值", 5))
    assert not filled_down(_cell("分值", 6), _cell("得分", 6))
