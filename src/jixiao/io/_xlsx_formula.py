"""The one kind of formula jixiao writes and recomputes: ``SUM`` over cells of the sheet (private).

jixiao never turns a table's text into a formula. The formulas it writes are
its own: the 总分 row and the funds' 年度资金总额 as ``=SUM(F6,G14:G20)`` of
the cells it wrote (:func:`sum_formula`). openpyxl cannot store the value of
a formula it writes, so the workbook asks Excel to recalculate on opening,
and jixiao's reader, meeting a formula cell without a stored value,
recomputes it here when, and only when, it is such a sum:

* ``=SUM(ref, ref, ...)`` where each ref is a cell (``H14``, ``$H$14``) or a
  range (``H14:H20``) of the same sheet, at most :data:`MAX_CELLS` cells in all;
* every cell summed is empty (0, as Excel counts it) or holds a number.

Anything else — another function, an operator, another sheet, a cell holding
text (which Excel's SUM would silently skip), a cell that is itself a formula
without a stored value — is refused with the reason, and the cell stays
unreadable ("#####"). Nothing else is ever evaluated. The sum is exact
(:class:`~decimal.Decimal` of each number's shortest form).

:func:`formula_findings` turns the reader's notes of recomputed cells into
``formula-recomputed`` findings of the tables those cells belong to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from jixiao.io.grid import column_letters
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable

__all__ = [
    "MAX_CELLS",
    "RECOMPUTED_NOTE",
    "UNCOMPUTED_NOTE",
    "Area",
    "cells_of",
    "formula_findings",
    "parse_sum",
    "recompute",
    "sum_formula",
]

MAX_CELLS = 10_000
"""The most cells one recomputed SUM may cover."""

RECOMPUTED_NOTE = "formula without a stored value, recomputed by jixiao"
"""How the reader's note of a recomputed formula starts."""
UNCOMPUTED_NOTE = "formula without a stored value, not computed"
"""How the reader's note of a formula it refused to compute starts."""

_REF = r"\$?([A-Z]{1,3})\$?([0-9]{1,7})"
_ARGUMENT = re.compile(rf"{_REF}(?::{_REF})?")
_SUM = re.compile(r"=\s*SUM\((.{1,2000})\)\s*", re.IGNORECASE)

Area = tuple[int, int, int, int]
"""(first row, first column, last row, last column), 1-based, inclusive."""


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def parse_sum(formula: str) -> list[Area] | None:
    """The areas a ``=SUM(...)`` of same-sheet cells and ranges adds up, else ``None``.

    >>> parse_sum("=SUM(F6,G14:G20)")
    [(6, 6, 6, 6), (14, 7, 20, 7)]
    >>> parse_sum("=SUM(Sheet2!A1)") is None, parse_sum("=A1+A2") is None
    (True, True)
    """
    match = _SUM.fullmatch(formula.strip())
    if match is None:
        return None
    areas: list[Area] = []
    for argument in match.group(1).split(","):
        ref = _ARGUMENT.fullmatch(argument.strip().upper())
        if ref is None:
            return None
        c1, r1 = _column(ref.group(1)), int(ref.group(2))
        c2, r2 = (_column(ref.group(3)), int(ref.group(4))) if ref.group(3) else (c1, r1)
        areas.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return areas


def sum_formula(areas: Sequence[Area]) -> str:
    """The formula that adds up *areas*: ``sum_formula([(6, 6, 6, 6), (14, 7, 20, 7)])``
    is ``"=SUM(F6,G14:G20)"``."""
    parts = []
    for r1, c1, r2, c2 in areas:
        first = f"{column_letters(c1)}{r1}"
        parts.append(first if (r1, c1) == (r2, c2) else f"{first}:{column_letters(c2)}{r2}")
    return f"=SUM({','.join(parts)})"


def cells_of(areas: Iterable[Area]) -> list[tuple[int, int]]:
    """Every (row, column) the areas cover, in order (a cell twice if covered twice, as Excel counts)."""
    return [
        (row, column)
        for r1, c1, r2, c2 in areas
        for row in range(r1, r2 + 1)
        for column in range(c1, c2 + 1)
    ]


def recompute(
    formula: str, value: Callable[[int, int], object], pending: Callable[[int, int], bool]
) -> tuple[Decimal | None, str]:
    """The sum a formula gives, or ``None`` and why it is not computed.

    Args:
        formula: the cell's formula (``"=SUM(H14:H20)"``).
        value: the stored value of a cell of the same sheet (``None`` when empty).
        pending: whether a cell is itself a formula without a stored value.
    """
    areas = parse_sum(formula)
    if areas is None:
        return None, "only SUM over cells of the same sheet is recomputed"
    if sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in areas) > MAX_CELLS:
        return None, f"a SUM over more than {MAX_CELLS:,} cells is not recomputed"
    total = Decimal(0)
    for row, column in cells_of(areas):
        where = f"{column_letters(column)}{row}"
        if pending(row, column):
            return None, f"{where} is a formula without a stored value too"
        item = value(row, column)
        if item is None or item == "":
            continue
        if isinstance(item, bool) or not isinstance(item, int | float):
            return None, f"{where} holds {type(item).__name__}, not a number"
        if isinstance(item, float) and not math.isfinite(item):
            return None, f"{where} holds {item!r}"
        total += Decimal(item) if isinstance(item, int) else Decimal(repr(item))
    return total, ""


def formula_findings(notes: Iterable[str], table: ProjectTable) -> tuple[Finding, ...]:
    """An info finding for each cell of *table* whose formula the reader
    recomputed (its note in *notes*, ``"book.xlsx:Sheet1!H21: formula without
    a stored value, recomputed …"``)."""
    parts = (note.partition(f": {RECOMPUTED_NOTE}") for note in notes)
    recomputed = [(location, message) for location, _, message in parts if message]
    if not recomputed:  # the table's locations are not looked through for nothing
        return ()
    where = {location: path for path, location in table.locations.items()}
    names = [row.name for _, _, row in table.rows()]
    found = []
    for location, message in recomputed:
        if location not in where:
            continue
        path = where[location]
        part, _, rest = path.partition(".")
        index = int(rest.split(".")[0]) if part == "rows" else None
        row = {"total": "总分", "funds": "资金"}.get(part, path)
        if index is not None and index < len(names):
            row = names[index]
        shown = message.rpartition(" = ")[2].rstrip(")")
        found.append(
            Finding(
                Severity.INFO,
                "formula-recomputed",
                row,
                path.rpartition(".")[2],
                None,  # the file stores no value
                shown,
                f"单元格为公式但未保存计算结果，jixiao 按 SUM 重算为 {shown}",
                f"the cell is a formula saved without its value; jixiao recomputed the SUM as {shown}",
                index,
                (location,),
            )
        )
    return tuple(found)
