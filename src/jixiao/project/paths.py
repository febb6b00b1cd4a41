"""The paths that name a printed value of a table (for locations and findings).

A table read from a document keeps, for each printed value, where it was read
(:attr:`~jixiao.project.model.ProjectTable.locations`), keyed by these paths;
an audit finding names the cells it concerns by them.

==========================================  ==========================================
path                                        the printed value
==========================================  ==========================================
``project.code`` … ``project.year``         an identification value (a ProjectInfo field)
``funds.weight``, ``funds.rate``,           the execution rate's 分值, 执行率, 得分
``funds.points``
``funds.unit``                              where the amounts' unit is printed
``funds.total.executed`` …                  an amount: ``funds.<row>.<column>``
``goal.expected``, ``goal.achieved``        the goal texts
``level1.0``                                the first level-1 label (its name and weight)
``level1.0.level2.1``                       its second level-2 label
``rows.3.points``                           a cell of the fourth level-3 row, in printed order
``total.weight``, ``total.points``          the 总分 row
==========================================  ==========================================

Each path is made once and kept (in a bounded cache): a table and its audit
name the same few paths again and again.

>>> row(3, "points"), level1(0), level2(0, 1), funds("total", "executed")
('rows.3.points', 'level1.0', 'level1.0.level2.1', 'funds.total.executed')
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["funds", "level1", "level2", "row"]


@lru_cache(maxsize=4096)
def row(index: int, field: str) -> str:
    """The path of a cell of the level-3 row *index* (0-based, in printed order)."""
    return f"rows.{index}.{field}"


@lru_cache(maxsize=4096)
def level1(index: int) -> str:
    """The path of the level-1 label *index* (0-based)."""
    return f"level1.{index}"


@lru_cache(maxsize=4096)
def level2(top: int, index: int) -> str:
    """The path of the level-2 label *index* under the level-1 group *top*."""
    return f"level1.{top}.level2.{index}"


@lru_cache(maxsize=4096)
def funds(row: str, column: str) -> str:
    """The path of an amount: *row* a Funds row field, *column* a FundsRow field."""
    return f"funds.{row}.{column}"
