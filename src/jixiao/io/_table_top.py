"""The parts of a table above its indicators: identification, funds, goal (private).

Read into a :class:`~jixiao.io._table_state.TableState` line by line, as the
table reader (:mod:`jixiao.io._table_reader`) hands them over:

* identification labels (项目编码, 项目名称, 主管部门, 实施单位, 一级预算单位,
  绩效自评年度), with their value in the next cells or in the same cell;
* the funds (资金使用情况): the header's words give the columns, the row
  labels the rows, and the unit (元, 万元) is read wherever it is printed;
* the goal texts (预期目标 / 实际完成情况), by the goal header's columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import jixiao.project.paths as paths
from jixiao.errors import Wording
from jixiao.io._columns import NO_ROLE, Columns, read_header, refilled
from jixiao.io._form_words import (
    FUNDS_HEADER,
    FUNDS_SECTION,
    GOAL_HEADER,
    GOAL_LABELS,
    GOAL_SECTION,
)
from jixiao.io._landmarks import Label
from jixiao.io._rejected import TableRejected
from jixiao.io._table_state import TableState
from jixiao.io._vocab import (
    LABEL_LIMIT,
    compact,
    funds_row,
    header_word,
    is_dash,
    item_word,
    join_wraps,
    unit_of,
    unread_ident,
)
from jixiao.io.grid import Cell, Line

__all__ = [
    "FUNDS_VALUES",
    "funds_header",
    "funds_label",
    "list_unread_ident",
    "read_funds_header",
    "read_funds_row",
    "read_goal_header",
    "read_goal_text",
    "read_ident",
]

FUNDS_VALUES = ("initial_budget", "full_year_budget", "executed")
"""The roles of a funds row's amounts (:class:`~jixiao.project.model.FundsRow` fields)."""
_UNKNOWN_UNIT = re.compile(r"项目资金\(.{1,10}\)")


def read_ident(state: TableState, line: Line, labels: Sequence[Label]) -> None:
    """Read a line of identification *labels* and their values."""
    cells = line.cells
    before = [c.text for c in cells[: labels[0].position] if c.text]
    if before and unread_ident(before[0]):  # 联系电话 | 0557… | 实施单位 | …
        list_unread_ident(state, line, [c for c in cells[: labels[0].position] if c.text])
    elif before:
        state.unplace(
            line,
            Wording(
                f"text before the first label: {before[0][:40]!r}",
                f"第一个标签之前的文字：{before[0][:40]!r}",
            ),
        )
    for k, label in enumerate(labels):
        i, field, inline = label.position, label.field, label.inline
        end = labels[k + 1].position if k + 1 < len(labels) else len(cells)
        parts = [c for c in cells[i + 1 : end] if c.text]
        cut = next((j for j, c in enumerate(parts) if unread_ident(c.text)), len(parts))
        if cut < len(parts):  # a field of no place (项目负责人及电话): it ends the value
            list_unread_ident(state, line, parts[cut:])
            parts = parts[:cut]
        printed = " ".join(([inline] if inline else []) + [c.text for c in parts])
        where = cells[i] if inline or not parts else parts[0]
        value = printed if field in ("code", "year") or not state.wraps else join_wraps(printed)
        if value != printed:
            state.remark(
                line.location.row,
                f"Line {line.location.row}: the {compact(cells[i].text)} cell is printed "
                f"wrapped as {printed!r}; joined to {value!r}.",
            )
        if field in state.info and state.info[field] != value:
            state.unplace(
                line,
                Wording(
                    f"a second {compact(cells[i].text)} in one table",
                    f"同一张表中第二个{compact(cells[i].text)}",
                ),
            )
            continue
        state.info.setdefault(field, value)
        state.locations.put_cell(f"project.{field}", where, first=True)


def list_unread_ident(state: TableState, line: Line, cells: Sequence[Cell]) -> None:
    """List *cells*, an identification field the table model has no place for
    (its label first) and its value."""
    word = unread_ident(cells[0].text) or ""
    reason = Wording(
        f"{word}: an identification field the table model has no place for; not read",
        f"{word}：表格模型未设此项标识信息；未读取",
    )
    state.list_fields(line, cells, reason)


# ------------------------------------------------------------------------- funds


def funds_header(texts: Sequence[str]) -> bool:
    """Whether a line printing *texts* is the funds header."""
    roles: set[str] = set()
    for text in texts:
        role = FUNDS_HEADER.get(header_word(text)) if len(text) <= LABEL_LIMIT else None
        if role in _HEADER_ROLES:
            roles.add(role)
    return len(roles) >= 2


_HEADER_ROLES = frozenset({"initial_budget", "full_year_budget", "executed", "rate"})
"""The roles two of which make a line the funds header."""


def read_funds_header(state: TableState, line: Line) -> None:
    """Read the funds header's columns (and a unit printed among them)."""
    read, unknown = read_header([line], FUNDS_HEADER)
    no_column = set()  # the unit, and the section's label
    for text in unknown:
        unit = unit_of(text)
        cell = next(c for c in line.cells if c.text == text)
        if unit is not None:  # 单位：万元, 项目资金（万元）: the amounts' unit, no column
            state.set_unit(unit, cell, line)
            no_column.add(text)
        elif _section(text):
            no_column.add(text)  # 预算执行情况(10分) over the funds rows
        else:
            state.unknown_word(line, cell, text, "funds")
    columns = [c for c in read if c.role != NO_ROLE or c.text not in no_column]
    state.twice(line, columns, "funds")
    rate = next((c for c in columns if c.role == "rate"), None)
    if rate is not None:
        state.rate_percent = "%" in rate.text or "％" in rate.text
    roles = {c.role for c in columns}  # no 全年预算数: the rate is on 年初预算数 (B/A)
    state.rate_on_initial_budget = "initial_budget" in roles and "full_year_budget" not in roles
    state.funds_columns = Columns(columns)


def funds_label(texts: Sequence[str]) -> tuple[str, str] | None:
    """The label of a funds row among the first texts of a line, and the
    :class:`~jixiao.project.model.Funds` field it names; ``None`` on other lines."""
    for text in texts[:3]:
        if field := funds_row(text):
            return text, field
    return None


def read_funds_row(state: TableState, line: Line, label: tuple[str, str]) -> None:
    """Read a funds row: its *label* (as :func:`funds_label` found it), the
    unit beside it, its values by the header's columns.

    Raises:
        TableRejected: the row prints a unit jixiao does not know.
    """
    text, field = label
    cells = [c for c in line.cells if not c.continued]
    at = next(i for i, c in enumerate(cells) if c.text == text)
    for before in cells[:at]:
        unit = unit_of(before.text)
        if unit is not None:
            state.set_unit(unit, before, line)
        elif _UNKNOWN_UNIT.fullmatch(compact(before.text)):
            raise TableRejected(
                Wording(
                    f"an unknown unit for the amounts: {before.text[:40]!r}",
                    f"不认识的金额单位：{before.text[:40]!r}",
                ),
                line,
            )
        elif compact(before.text) != "项目资金" and not _section(before.text):
            state.unplace(
                line,
                Wording(
                    f"an unrecognised cell in the funds row: {before.text[:40]!r}",
                    f"资金行中未识别的单元格：{before.text[:40]!r}",
                ),
            )
    label_unit = unit_of(cells[at].text)
    if label_unit is not None:
        state.set_unit(label_unit, cells[at], line)
    if field in state.funds:
        state.unplace(
            line,
            Wording(
                f"the funds row {compact(cells[at].text)} printed twice",
                f"资金行 {compact(cells[at].text)} 印了两次",
            ),
        )
        return
    columns = state.funds_columns
    if columns is None:
        state.unplace(line, Wording("a funds row before the funds header", "资金行在资金表头之前"))
        return
    shift = 0.0
    if not state.exact:  # the values start right after the label, wherever it stands
        shift = columns.known[0].x0 - cells[at].x1
    values: dict[str, str] = {}
    for cell in cells[at + 1 :]:
        column = columns.column_of(cell, shift)
        role = column.role
        if role == "recomputed":  # execution points jixiao wrote beside the printed ones
            continue
        if role == NO_ROLE:
            state.unread(line, cell, column.text)
            continue
        if role in values:
            if column.refills(cell.text, values[role]):
                continue
            state.unplace(
                line,
                Wording(
                    f"two values in the {role} column: {cell.text[:40]!r}",
                    f"{role} 列中有两个值：{cell.text[:40]!r}",
                ),
                cell=cell,
            )
            continue
        if field != "total" and role not in FUNDS_VALUES:
            if is_dash(cell.text):
                continue
            if role in ("weight", "points") and cell.text == state.funds.get("total", {}).get(role):
                continue  # the total's, merged down over the rows, unmerged and filled
            if role == "rate":  # 其中:当年财政拨款 | … | 100%: its own rate, kept nowhere
                reason = Wording(
                    f"the execution rate of the funds row {compact(cells[at].text)}, which "
                    f"the table model has no place for; not read: {cell.text[:40]!r}",
                    f"资金行 {compact(cells[at].text)} 的执行率，表格模型未设此项；"
                    f"未读取：{cell.text[:40]!r}",
                )
                state.unplace(line, reason, "field", cell)
                continue
            state.unplace(
                line,
                Wording(
                    f"a value where the form prints —: {cell.text[:40]!r}",
                    f"表样印“—”之处有数值：{cell.text[:40]!r}",
                ),
                cell=cell,
            )
            continue
        values[role] = cell.text
        state.locations.put_cell(_funds_path(field, role), cell)
    for role in columns.roles():  # where an empty cell of the row would be
        if role not in values and (field == "total" or role in FUNDS_VALUES):
            where = columns.location_column(role)
            state.locations.put(_funds_path(field, role), line.location, where, first=True)
    state.funds[field] = values


def _section(text: str) -> bool:
    """Whether *text* is the funds section's label (预算执行情况(10分)): over the
    funds header, or merged down over the rows and printed on each (unmerged and filled)."""
    return len(text) <= LABEL_LIMIT and header_word(text) in FUNDS_SECTION


def _funds_path(field: str, role: str) -> str:
    """The path of a value of the funds row *field* in the column of *role*:
    an amount, or the execution's weight, rate or points (of the total row)."""
    return paths.funds(field, role) if role in FUNDS_VALUES else f"funds.{role}"


# -------------------------------------------------------------------------- goal


def read_goal_header(state: TableState, line: Line) -> None:
    """Read the goal header's columns."""
    for cell in refilled(line.cells):
        word = header_word(cell.text) if len(cell.text) <= LABEL_LIMIT else ""
        if word in GOAL_HEADER:
            state.goal_columns[GOAL_HEADER[word]] = cell.x0
        elif word and item_word(word) not in GOAL_LABELS and word not in GOAL_SECTION:
            state.unplace(
                line,
                Wording(
                    f"an unknown word in the goal header: {cell.text[:40]!r}",
                    f"绩效目标表头中不认识的词：{cell.text[:40]!r}",
                ),
            )


def read_goal_text(state: TableState, line: Line) -> None:
    """Read a line of the goal texts, by the goal header's columns when it has them."""
    parts = [
        c
        for c in line.cells
        if c.text
        and item_word(c.text) not in GOAL_LABELS
        and not (len(c.text) <= LABEL_LIMIT and compact(c.text) in GOAL_SECTION)
    ]  # 项目基本情况 merged down over the texts, unmerged and filled: the label again
    achieved_x = state.goal_columns.get("achieved")
    if achieved_x is not None and (len(parts) != 2 or state.exact):
        expected = [c for c in parts if (c.x0 + c.x1) / 2 < achieved_x]
        achieved = [c for c in parts if (c.x0 + c.x1) / 2 >= achieved_x]
    else:
        expected, achieved = parts[:1], parts[1:]
    for cells, texts, path in (
        (refilled(expected), state.expected, "goal.expected"),
        (refilled(achieved), state.achieved, "goal.achieved"),
    ):
        if cells:
            state.locations.put_cell(path, cells[0], first=True)
            texts.append(" ".join(c.text for c in cells))
