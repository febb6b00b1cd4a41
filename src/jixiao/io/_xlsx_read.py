"""Reading one sheet of the template into a :class:`ProjectTable` (see :mod:`jixiao.io.xlsx`).

The sheet becomes a grid of displayed texts; each block is found by its
labels, searched in reading order among the cells not yet placed, so a value
that happens to spell a label is not mistaken for it. Every cell that ends
up in the table (or is a recognised label, or a cell jixiao computed) is
*placed*; the rest are reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs

from jixiao.errors import InputError, ReadError
from jixiao.io import _xlsx_layout as lay
from jixiao.io.result import Unplaced
from jixiao.project.model import Funds, FundsRow, Goal, ProjectInfo, ProjectTable, Total
from jixiao.quantities import Unit

__all__ = ["MAX_REPORTED", "read_sheet"]

MAX_REPORTED = 1_000
"""At most this many unplaced cells are listed per sheet; one more line counts the rest."""

Cell = tuple[int, int]
_DASHES = {"", "—", "-", "–", "－", "/"}
_YEAR = re.compile(r"[+-]?[0-9]{1,30}(\.0*)?")
_PLAIN_SHEET = re.compile(r"\w+")
_UNIT = re.compile(r"项目资金\((.{1,10})\)")


class _Grid:
    """The sheet's displayed texts, merged ranges, and what has been placed."""

    def __init__(self, ws: Any, formulas: dict[Cell, str]) -> None:
        self.texts: dict[Cell, str] = {}
        cells = getattr(ws, "_cells", None)
        pairs = (
            cells.items()
            if isinstance(cells, dict)
            else (((c.row, c.column), c) for row in ws.iter_rows() for c in row)
        )
        for key, cell in pairs:
            if key in formulas:
                self.texts[key] = "#####"
            elif cell.value is not None:
                text = lay.cell_text(cell.value, cell.number_format or "General")
                if text is not None:
                    self.texts[key] = text
        self.starts: dict[Cell, Cell] = {}
        self.inner: set[Cell] = set()
        for merged in ws.merged_cells.ranges:
            first = (merged.min_row, merged.min_col)
            self.starts[first] = (merged.max_row, merged.max_col)
            self.inner.update(rc for rc in merged.cells if rc != first)
        self.order = sorted(self.texts)
        self.index: dict[str, list[Cell]] = {}
        self.rows: dict[int, list[int]] = {}
        for r, c in self.order:
            self.index.setdefault(lay.normalize(self.texts[r, c]), []).append((r, c))
            self.rows.setdefault(r, []).append(c)
        self.placed: set[Cell] = set()
        self.reasons: dict[Cell, str] = {}

    def find(
        self, label: str, where: Callable[[int, int], bool] = lambda r, c: True
    ) -> Cell | None:
        """The first cell not yet placed that shows *label* and satisfies *where*; placed."""
        for r, c in self.index.get(lay.normalize(label), ()):
            if (r, c) not in self.placed and where(r, c):
                self.placed.add((r, c))
                return r, c
        return None

    def take(self, rc: Cell) -> str:
        """The text of a cell ("" when empty or already placed), placing it."""
        if rc in self.placed or rc not in self.texts:
            return ""
        self.placed.add(rc)
        return self.texts[rc]

    def right(self, rc: Cell) -> Cell:
        return rc[0], self.starts.get(rc, rc)[1] + 1

    def below(self, rc: Cell) -> Cell:
        return self.starts.get(rc, rc)[0] + 1, rc[1]

    def label(self, rc: Cell) -> str | None:
        """A group label as the reader sees it: text where a group starts, else None."""
        if rc in self.starts:
            return self.take(rc)
        if rc in self.inner or rc not in self.texts:
            return None
        return self.take(rc)

    def dash(self, rc: Cell) -> None:
        """A cell where the template prints "—"."""
        if self.texts.get(rc, "").strip() in _DASHES:
            self.take(rc)
        else:
            self.reasons[rc] = "a value where the template prints —"

    def block(self, top: int) -> None:
        """Place every cell from row *top* down to the first empty row (a block jixiao wrote)."""
        r = top
        while r in self.rows:
            self.placed.update((r, c) for c in self.rows[r])
            r += 1


def _required(cell: Cell | None, label: str) -> Cell:
    if cell is None:
        raise ReadError(f"no {label.lstrip('* ').rstrip(':')} label where the template has one")
    return cell


def _info(g: _Grid) -> ProjectInfo:
    values = {}
    for label, field in lay.INFO.items():
        found = g.find(label)
        if found is None and field in ("code", "name", "year"):
            _required(found, label)
        values[field] = g.take(g.right(found)) if found else ""
    year = values.pop("year").strip()
    if not _YEAR.fullmatch(year):
        raise ReadError(
            "the year (绩效自评年度) is not a whole number", field="project.year", value=year
        )
    return ProjectInfo(year=int(year.partition(".")[0]), **values)


def _funds(g: _Grid, remarks: list[str]) -> tuple[Funds, int]:
    head = _required(g.find("年初预算数"), "年初预算数")
    g.find(lay.FUNDS_SECTION, lambda r, c: r < head[0])
    cols = {"initial_budget": head[1]}
    for label, key in list(lay.FUNDS_HEADER.items())[1:]:
        cols[key] = _required(g.find(label, lambda r, c: r == head[0]), label)[1]
    recomputed = g.find(lay.RECOMPUTED, lambda r, c: r == head[0])
    left = min(cols.values())
    rows: dict[str, Any] = {}
    printed: dict[str, Any] = {}
    last = head[0]

    def below(r: int, c: int) -> bool:
        return r > head[0] and c < left

    for label, field in lay.FUNDS_ROWS.items():
        found = g.find(label, below) or (g.find("当年财政拨款", below) if "当年" in label else None)
        if found is None and field == "total":
            _required(found, label)
        if found is None:
            continue
        r = found[0]
        last = max(last, r)
        amounts = {
            k: g.take((r, cols[k])) for k in ("initial_budget", "full_year_budget", "executed")
        }
        rows[field] = FundsRow(**amounts)
        if field == "total":
            printed = {k: g.take((r, cols[k])) for k in ("weight", "rate", "points")}
        else:
            for k in ("weight", "rate", "points"):
                g.dash((r, cols[k]))
        if recomputed:
            g.placed.add((r, recomputed[1]))
    unit = Unit.YUAN
    for r, c in g.order:
        match = _UNIT.fullmatch(lay.normalize(g.texts[r, c]))
        if head[0] < r <= last and c < left and (r, c) not in g.placed and match:
            g.take((r, c))
            try:
                unit = Unit.parse(match.group(1), "funds.unit")
            except InputError as error:
                raise ReadError(error.message, field="funds.unit", value=match.group(1)) from None
            break
    else:
        remarks.append("No 项目资金(单位) label: amounts taken as 元 (read by jixiao.io.xlsx).")
    return Funds(unit=unit, **rows, **printed), last


def _goal(g: _Grid, after: int) -> tuple[Goal, int]:
    expected = _required(g.find("预期目标", lambda r, c: r > after), "预期目标")
    g.find(lay.GOAL_SECTION, lambda r, c: after < r < expected[0])
    achieved = _required(g.find("实际完成情况", lambda r, c: r == expected[0]), "实际完成情况")
    g.find(lay.GOAL, lambda r, c: c < expected[1])
    cells = g.below(expected), g.below(achieved)
    return Goal(g.take(cells[0]), g.take(cells[1])), max(cells[0][0], cells[1][0])


def _metadata(g: _Grid, top: Cell | None) -> list[tuple[str, str, Cell]]:
    """The metadata entries below the 元数据 title: (key, value, value cell)."""
    out: list[tuple[str, str, Cell]] = []
    if top is None:
        return out
    known = {lay.normalize(k): k for k in lay.META_KEYS}
    g.take((top[0], top[1] + 1))
    r = top[0] + 1
    while r in g.rows:
        key = known.get(lay.normalize(g.texts.get((r, top[1]), "")))
        if key is not None:
            g.take((r, top[1]))
            out.append((key, g.take((r, top[1] + 1)), (r, top[1] + 1)))
        else:
            g.reasons[r, top[1]] = "unknown metadata entry"
        r += 1
    return out


def _structure(g: _Grid, text: str, rows: int, where: Cell) -> lay.Structure | None:
    try:
        data = json.loads(text)
        structure = tuple(tuple(int(n) for n in top) for top in data)
        valid = all(n >= 0 and isinstance(n, int) for top in data for n in top)
    except (ValueError, TypeError, RecursionError):
        valid = False
    if not valid or lay.rows_needed(structure) != rows:
        g.reasons[where] = "structure note does not match the indicator rows; ignored"
        g.placed.discard(where)
        return None
    return structure


def _tier(g: _Grid, rc: Cell) -> str | None:
    """The evaluator's tier in the 等次 column (achieved / partly / not, or 达成 …)."""
    text = g.texts.get(rc, "").strip()
    tier = lay.TIERS.get(text)
    if tier:
        g.take(rc)
    elif text:
        g.reasons[rc] = "unknown tier; expected achieved, partly or not (达成 / 部分达成 / 未达成)"
    return tier


def _table(g: _Grid, source: str) -> ProjectTable:
    remarks: list[str] = []
    g.find(lay.TITLE)
    project = _info(g)
    funds, after = _funds(g, remarks)
    goal, after = _goal(g, after)
    head = _required(g.find("一级指标", lambda r, c: r > after), "一级指标")
    hr = head[0]
    cols = {"level1": head[1]}
    for label, key in list(lay.INDICATOR_HEADER.items())[1:]:
        cols[key] = _required(g.find(label, lambda r, c: r == hr), label)[1]
    extra = {
        k: g.find(label, lambda r, c: r == hr)
        for k, label in (("recomputed", lay.RECOMPUTED), ("tier", lay.TIER))
    }
    g.find(lay.INDICATORS, lambda r, c: c < head[1])
    titles = (
        (lambda r, c: r > hr and c < head[1]) if head[1] > 1 else (lambda r, c: r > hr and c == 1)
    )
    total = _required(g.find(lay.TOTAL, titles), lay.TOTAL)
    audit, meta = g.find(lay.AUDIT, titles), g.find(lay.METADATA, titles)
    if audit:
        g.block(audit[0])
    notes = _metadata(g, meta)

    sheet_rows: list[lay.SheetRow] = []
    for r in range(hr + 1, total[0]):
        tier = _tier(g, (r, extra["tier"][1])) if extra["tier"] else None
        if extra["recomputed"]:
            g.placed.add((r, extra["recomputed"][1]))
        label1, label2 = g.label((r, cols["level1"])), g.label((r, cols["level2"]))
        cells = tuple(g.take((r, cols[f])) for f in lay.FIELDS)
        sheet_rows.append(lay.SheetRow(label1, label2, cells, tier))
    structure = None
    for key, text, where in notes:
        if key == lay.META_STRUCTURE:
            structure = _structure(g, text, len(sheet_rows), where) or structure
    structure = structure or lay.derive(sheet_rows)
    for index in lay.placeholders(structure):
        for f in lay.FIELDS:
            rc = (hr + 1 + index, cols[f])
            if rc in g.texts:
                g.placed.discard(rc)
                g.reasons[rc] = "a row of an empty group"
    level1 = list(lay.assemble(sheet_rows, structure))
    for key, text, where in notes:
        if key != lay.META_LEVEL1:
            continue
        try:
            at, name, weight = json.loads(text)
            if not (isinstance(at, int) and 1 <= at <= len(level1)):
                raise ValueError(at)
            level1[at - 1] = attrs.evolve(level1[at - 1], name=str(name), weight=str(weight))
        except (ValueError, TypeError, RecursionError):
            g.placed.discard(where)
            g.reasons[where] = "unreadable level-1 note; ignored"
    meta_values = {k: v for k, v, _ in notes}
    printed_total = Total(g.take((total[0], cols["weight"])), g.take((total[0], cols["points"])))
    g.dash((total[0], cols["note"]))
    if extra["recomputed"]:
        g.placed.add((total[0], extra["recomputed"][1]))
    return ProjectTable(
        project=project,
        funds=funds,
        level1=tuple(level1),
        total=printed_total,
        goal=goal,
        template=meta_values.get(lay.META_TEMPLATE),
        withdrawn=meta_values.get(lay.META_WITHDRAWN),
        source=meta_values.get(lay.META_SOURCE) or source,
        remarks=tuple(v for k, v, _ in notes if k == lay.META_REMARK) + tuple(remarks),
    )


def read_sheet(
    ws: Any, source: str, number: int, formulas: dict[Cell, str]
) -> tuple[ProjectTable | None, list[Unplaced]]:
    """The sheet's table (``None`` when it holds none) and its unplaced cells.

    Raises:
        ReadError: a table sheet lacks a required block (naming the sheet).
    """
    from openpyxl.utils import get_column_letter

    g = _Grid(ws, formulas)
    sheet = (
        ws.title if _PLAIN_SHEET.fullmatch(ws.title) else "'" + ws.title.replace("'", "''") + "'"
    )
    has_table = any(lay.normalize(label) in g.index for label in (lay.TITLE, "项目编码:"))
    table = None
    if has_table:
        try:
            table = _table(g, f"{source}, sheet {ws.title}")
        except ReadError as error:
            error.message = f"sheet {ws.title!r}: {error.message}"
            raise error.located(source=source) from None
    where = number if has_table else None
    default = "not part of the template layout" if has_table else "no project table on this sheet"
    out: list[Unplaced] = []
    left = 0
    for r, c in g.order:
        if (r, c) in formulas:
            reason, text = "formula without a stored value", formulas[r, c]
        elif (r, c) in g.placed:
            continue
        else:
            reason, text = g.reasons.get((r, c), default), g.texts[r, c]
        if len(out) >= MAX_REPORTED:
            left += 1
            continue
        out.append(Unplaced(source, where, f"{sheet}!{get_column_letter(c)}{r}", text, reason))
    if left:
        out.append(Unplaced(source, where, f"{sheet}!…", "", f"{left} more cells not listed"))
    return table, out
