"""Reading one table's lines into a :class:`ProjectTable` (private; see :mod:`jixiao.io.recognise`).

The table's parts are found by their landmarks (:mod:`jixiao.io._landmarks`),
in any order the document prints them: the title (one line or two), the
identification labels, the funds and the goal texts
(:mod:`jixiao.io._table_top`), the indicators and the 总分 row
(:mod:`jixiao.io._table_indicators`). Every value read is recorded with its
location; every line that fits nowhere is reported. The parts are then put
together into the table, with the remarks on what was repaired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.errors import Wording
from jixiao.io._form_words import (
    FUNDS_SECTION,
    GOAL_HEADER,
    GOAL_LABELS,
    GOAL_SECTION,
    GOAL_UNREAD,
    INDICATOR_SECTION,
    TOTAL,
)
from jixiao.io._furniture import is_note_start
from jixiao.io._indicator_tree import assemble, fix_label_drift
from jixiao.io._landmarks import Marks
from jixiao.io._rejected import LayoutError, TableRejected
from jixiao.io._table_indicators import (
    after_total,
    header_continues,
    read_indicator,
    read_indicator_header,
    read_total,
)
from jixiao.io._table_state import Stray, TableState
from jixiao.io._table_top import (
    FUNDS_VALUES,
    funds_header,
    funds_label,
    list_unread_ident,
    read_funds_header,
    read_funds_row,
    read_goal_header,
    read_goal_text,
    read_ident,
)
from jixiao.io._vocab import (
    LABEL_LIMIT,
    compact,
    header_word,
    item_word,
    join_wraps,
    unit_of,
    unread_funds_row,
    unread_ident,
)
from jixiao.io.grid import Line, SourceKind
from jixiao.io.result import PROBLEMS
from jixiao.project.model import Funds, FundsRow, Goal, ProjectInfo, ProjectTable, Total
from jixiao.quantities import Unit

__all__ = ["read_table"]

_YEAR = re.compile(r"([0-9]{4})(?:年度?)?")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def read_table(
    lines: Sequence[Marks], kind: SourceKind, label: str, cleaned: bool = False
) -> tuple[ProjectTable, list[Stray]]:
    """Read the lines of one table (with their marks), from a document of *kind*.

    Args:
        lines: the table's lines, as :func:`jixiao.io.recognise` cut them.
        kind: the form of the document.
        label: the table's source when it names none (``"report.txt, table 3 of 7"``).
        cleaned: whether a block of the table lost its merges and their
            places (:attr:`~jixiao.io.grid.Grid.cleaned`): it is read as
            tab-separated text is.

    Returns:
        The table, and the lines and cells of it that could not be placed.

    Raises:
        TableRejected: the table cannot be read at all.
        LayoutError: a line places an indicator where the tree cannot hold it.
    """
    state = TableState(kind, cleaned)
    part = "top"
    skip = -1
    for n, marks in enumerate(lines):
        line, texts, key = marks.line, marks.texts, marks.key
        if n == skip or not texts:
            continue
        if _total_row(marks, part):
            read_total(state, line)
            part = "done"
        elif part in ("done", "audit", "metadata"):
            part = after_total(state, marks, part)
        elif marks.furniture:
            state.unplace(line, Wording("a page number", "页码"), "furniture")
        elif (title := marks.title) is not None:
            if part == "indicators":
                state.unplace(
                    line,
                    Wording("the title repeated after a page break", "分页后重复的标题"),
                    "furniture",
                )
                continue
            if title[1] is not None:
                state.title_year = title[1]
                state.locations.put_cell("title", line.cells[0], first=True)
            for cell in [c for c in line.cells if c.text][1:]:  # 单位：万元 beside it
                if (unit := unit_of(cell.text)) is not None:
                    state.set_unit(unit, cell, line)
        elif len(texts) == 1 and is_note_start(texts[0]):
            state.unplace(line, Wording("a note about the form", "填报说明"), "note")
        elif part != "indicators" and marks.header:
            if read_indicator_header(state, line, _below(lines, n)):
                skip = n + 1
            part = "indicators"
        elif part == "indicators" and marks.header:
            state.unplace(
                line,
                Wording("the indicator header repeated after a page break", "分页后重复的指标表头"),
                "furniture",
            )
            if header_continues(line, _below(lines, n)):
                skip = n + 1
        elif part == "indicators":
            read_indicator(state, line)
        elif part in ("top", "ident", "funds", "goal") and funds_header(texts):
            read_funds_header(state, line)  # its first cell may be the section's label
            part = "funds"
        elif key in FUNDS_SECTION and (part != "funds" or funds_label(texts) is None):
            part = "funds"  # (a funds row may print it first: merged down, unmerged and filled)
        elif key in GOAL_SECTION:
            if _goal_header(texts):  # 项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | …
                read_goal_header(state, line)
            elif part == "goal" and len(texts) > 1:  # the label merged down, unmerged and filled
                _goal_line(state, line, texts[1:])
            part = "goal"
        elif len(texts) == 1 and (unit := unit_of(texts[0])) is not None:
            state.set_unit(unit, line.cells[0], line)
        elif part == "funds" and (funds := funds_label(texts)) is not None:
            read_funds_row(state, line, funds)
        elif part == "funds" and any(unread_funds_row(t) for t in texts[:3]):
            reason = Wording(
                "a funds row of another form, which the table model has no place for; not read",
                "其他表样的资金行，表格模型未设此行；未读取",
            )
            state.list_fields(line, None, reason)
        elif part in ("top", "ident", "funds", "goal") and marks.labels:
            read_ident(state, line, marks.labels)
            part = "ident" if part == "top" else part
        elif part in ("top", "ident") and unread_ident(texts[0]):  # 联系电话 | 0557… alone
            list_unread_ident(state, line, [c for c in line.cells if c.text])
        elif _goal_header(texts):
            read_goal_header(state, line)
            part = "goal"
        elif part == "goal" or (key in GOAL_LABELS and part != "indicators"):
            _goal_line(state, marks.printed or line, texts)  # (by the goal header's columns)
            part = "goal"
        else:
            state.unplace(
                line, Wording("not recognised as part of the table", "未识别为表格的一部分")
            )
    return _build(state, label), state.unplaced


def _goal_line(state: TableState, line: Line, texts: Sequence[str]) -> None:
    """Read a line of the goal block (*texts*: its texts after the section's label)."""
    if item_word(texts[0]) in GOAL_UNREAD:
        reason = Wording(
            "an item of the goal block the table model has no place for; not read",
            "表格模型未设此项的目标内容；未读取",
        )
        state.list_fields(line, None, reason)
    else:
        read_goal_text(state, line)


def _goal_header(texts: Sequence[str]) -> bool:
    """Whether a line printing *texts* is the goal header (预期目标 | 实际完成情况 …)."""
    return any(header_word(t) in GOAL_HEADER for t in texts if len(t) <= LABEL_LIMIT)


def _total_row(marks: Marks, part: str) -> bool:
    """Whether a line in *part* of the table is its total row: 总分 (合计 past
    the indicator header), first or after the indicator section's word."""
    word = marks.total
    if not word or (word != TOTAL and part != "indicators"):
        return False
    return marks.key == word or header_word(marks.texts[0]) in INDICATOR_SECTION


def _below(lines: Sequence[Marks], n: int) -> Marks | None:
    """The line after line *n*, if any."""
    return lines[n + 1] if n + 1 < len(lines) else None


def _build(state: TableState, label: str) -> ProjectTable:
    """The table from its parts as read."""
    if state.columns is None and "total" not in state.funds:
        raise TableRejected(Wording("neither funds nor indicators found", "既无资金也无指标"))
    if not state.entries:
        raise TableRejected(Wording("no indicator rows found in the table", "表中没有指标行"))
    if state.columns is None:  # pragma: no cover - entries need columns
        raise TableRejected(Wording("no indicator header", "没有指标表头"))
    if state.kind in (SourceKind.TSV, SourceKind.LAYOUT):  # text put in lines
        state.remarks.extend(fix_label_drift(state.entries))  # by an extraction
    try:
        tree = assemble(state.entries, state.columns)
    except LayoutError as error:
        raise TableRejected(error.reason, error.line) from None
    state.remarks.extend(tree.remarks)
    state.locations.update(tree.locations)
    for entry, problem, cell in tree.problems:
        state.unplace(entry.line, problem, cell=cell)
    year = _year(state)
    if "name" not in state.info:
        state.remark(0, "No 项目名称 is printed.")
    if state.unit is None:
        state.remark(0, "No unit is printed for the amounts; 元 assumed.")
    if "total" not in state.funds:
        state.remark(0, "No 年度资金总额 row is printed.")
    content = [stray.line for stray in state.unplaced if stray.kind in PROBLEMS]
    if content:
        listed = ", ".join(str(line.location.row) for line in content[:10])
        state.remark(
            content[0].location.row,
            f"{len(content)} line(s) of this table could not be placed (line {listed}"
            f"{', …' if len(content) > 10 else ''}); they are reported with the reader's "
            "unplaced text.",
        )
    total = state.funds.get("total", {})
    rows = {
        field: FundsRow(*[values.get(r, "") for r in FUNDS_VALUES])
        for field, values in state.funds.items()
    }
    truncated = state.total is None
    if truncated:
        state.remark(
            0, "The table ends before its 总分 row: it was cut; its last rows may be missing."
        )
    return ProjectTable(
        project=ProjectInfo(
            code=state.info.get("code", ""),
            name=state.info.get("name", ""),
            year=year,
            implementing_unit=state.info.get("implementing_unit", ""),
            budget_unit=state.info.get("budget_unit", ""),
            competent_department=state.info.get("competent_department", ""),
        ),
        funds=Funds(
            total=rows.get("total", FundsRow()),
            unit=state.unit or Unit.YUAN,
            current_appropriation=rows.get("current_appropriation", FundsRow()),
            carry_over=rows.get("carry_over", FundsRow()),
            other=rows.get("other", FundsRow()),
            weight=total.get("weight", ""),
            rate=total.get("rate", ""),
            points=total.get("points", ""),
            rate_percent=state.rate_percent,
            rate_on_initial_budget=state.rate_on_initial_budget,
        ),
        level1=tree.level1,
        total=state.total or Total("", ""),
        goal=Goal(_paragraphs(state, state.expected), _paragraphs(state, state.achieved)),
        template=state.meta.get("template"),
        withdrawn=state.meta.get("withdrawn"),
        source=state.meta.get("source", label),
        remarks=(
            *state.meta_remarks,
            *(text for _, text in sorted(state.remarks, key=lambda r: r[0])),
        ),
        truncated=truncated,
        locations=state.locations,
    )


def _paragraphs(state: TableState, texts: list[str]) -> str:
    """Goal texts printed on several lines: paragraphs, or a cell wrapped by
    the extraction (laid-out text and PDF words), joined as such."""
    if state.kind in (SourceKind.LAYOUT, SourceKind.PDF, SourceKind.OFD):
        return join_wraps(" ".join(texts))
    return "\n".join(texts)


def _year(state: TableState) -> int | None:
    printed = state.info.get("year")
    if printed:
        match = _YEAR.fullmatch(compact(printed).translate(_CHINESE_DIGITS))
        if match is None:
            raise TableRejected(
                Wording(
                    f"the 绩效自评年度 {printed[:40]!r} is not a year",
                    f"绩效自评年度 {printed[:40]!r} 不是年份",
                )
            )
        year = int(match.group(1))
        if state.title_year is not None and state.title_year != year:
            state.remark(
                0,
                f"The title prints the year {state.title_year}, the table {year}; {year} kept.",
            )
        return year
    if state.title_year is not None:
        state.locations.alias("project.year", "title", first=True)
    return state.title_year
