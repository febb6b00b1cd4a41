"""Writing project tables in the template's layout (see :mod:`jixiao.io.xlsx`).

openpyxl is imported by the functions that need it, never at import time.

* An amount, weight, rate or points cell that prints a plain number is
  written as a number, in a number format that shows it as printed ("7.00"
  → 7 in "0.00", "95.36%" → 0.9536 in "0.00%"; see
  :func:`~jixiao.io._xlsx_layout.number_cell`); the year is a whole number.
* Every other cell is text, number format "@", cell type "s": a text that
  starts with "=", "+", "-" or "@" stays text. No formula is ever made from
  what a table says.
* The only formulas are jixiao's own: the 总分 row's weight and points, and
  the 年度资金总额 amounts, as ``SUM`` of the cells written above them
  (:mod:`jixiao.io._xlsx_formula`), written only when the sum shows exactly
  what the table prints (else the printed number is written as it is, so
  that an inconsistent table stays inconsistent for the audit). openpyxl
  cannot store a formula's value: the workbook is marked to be recalculated
  when opened, and jixiao's reader recomputes such a sum itself.
* The title is centred; each sheet prints landscape on A4, one page wide.

The writer checks that the reader will see the groups it wrote, and keeps in
the 元数据 block what the template cannot show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import jixiao.io._xlsx_layout as lay
from jixiao.errors import InputError, JixiaoError
from jixiao.io._xlsx_formula import Area, cells_of, sum_formula
from jixiao.project.audit import audit
from jixiao.project.audit_report import AS_PRINTED, RECOMPUTED
from jixiao.project.evaluation import score_table
from jixiao.project.model import ProjectTable

__all__ = ["sheet_names", "write_sheet"]

_WIDTHS = {
    "section": 12,
    "level1": 18,
    "level2": 18,
    "name": 26,
    "target": 16,
    "actual": 16,
    "weight": 10,
    "points": 10,
    "recomputed": 14,
    "note": 36,
    "tier": 10,
}


class _Sheet:
    """One sheet being written: cells, merges, styles, row heights."""

    def __init__(self, ws: Any, table: ProjectTable, columns: dict[str, int]) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = ws
        self.table = table
        self.columns = columns
        self.last = max(columns.values())
        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.align = Alignment(wrap_text=True, vertical="center")
        self.bold = Font(bold=True)
        self.fills = {
            kind: PatternFill("solid", start_color=color, end_color=color)
            for kind, color in (
                ("input", lay.FILL_INPUT),
                ("derived", lay.FILL_DERIVED),
                ("label", lay.FILL_LABEL),
            )
        }
        self.widths = {col: float(_WIDTHS[key]) for key, col in columns.items()}
        self.heights: dict[int, list[tuple[str, float]]] = {}
        self.numbers: dict[tuple[int, int], Decimal] = {}  # the number cells written
        self.texts: set[tuple[int, int]] = set()  # the text cells written (not blank)

    def put(
        self,
        row: int,
        col: int,
        value: str | int,
        kind: str,
        to_col: int = 0,
        to_row: int = 0,
        *,
        number: bool = False,
    ) -> None:
        """Write *value* (text as text, never a formula; with *number*, a
        printed number as a number), style it, merge to (to_row, to_col)."""
        to_col, to_row = max(col, to_col), max(row, to_row)
        if to_col > col or to_row > row:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)
        cell = self.ws.cell(row, col)
        written = lay.number_cell(value) if number and isinstance(value, str) else None
        if written is not None:
            exact, cell.number_format = written
            cell.value = int(exact) if exact == exact.to_integral_value() else float(exact)
            self.numbers[row, col] = exact
        elif isinstance(value, str):
            text = lay.escape(value)
            if len(text) > lay.MAX_CELL_CHARS:
                raise InputError(
                    f"a cell holds at most {lay.MAX_CELL_CHARS} characters; this one has {len(text)}",
                    zh=f"一个单元格最多容纳 {lay.MAX_CELL_CHARS} 个字符；这一个有 {len(text)} 个",
                    row=self.table.label(),
                    value=value[:40] + "…",
                )
            if text:
                cell.value = text
                cell.data_type = "s"  # a text starting with "=" stays text
                self.texts.add((row, col))
            cell.number_format = "@"
            if value and to_row == row:
                width = sum(self.widths.get(c, 10.0) for c in range(col, to_col + 1))
                self.heights.setdefault(row, []).append((value, width))
        else:
            cell.value = value
            cell.number_format = "0"
        if kind in self.fills:
            cell.fill = self.fills[kind]
        if kind in ("label", "title"):
            cell.font = self.bold
        cell.alignment = self.align

    def put_sum(self, row: int, col: int, printed: str, areas: Sequence[Area]) -> None:
        """Write *printed* as jixiao's formula ``=SUM(areas)`` when every cell
        summed is a number written here or blank and the sum shows exactly as
        printed; else as :meth:`put` writes a number."""
        self.put(row, col, printed, "input", number=True)
        written = lay.number_cell(printed)
        summed = cells_of(areas)
        if written is None or any(key in self.texts for key in summed):
            return
        total = sum((self.numbers.get(key, Decimal(0)) for key in summed), Decimal(0))
        if any(key in self.numbers for key in summed) and (
            lay.format_number(total, written[1]) == printed
        ):
            self.ws.cell(row, col).value = sum_formula(areas)

    def finish(self, table_rows: int) -> None:
        """Borders over the table (rows 1..table_rows), column widths, row
        heights, the print set-up; recalculated when opened."""
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        title = self.ws.cell(1, 1)
        title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        title.font = Font(bold=True, size=16)
        self.ws.row_dimensions[1].height = 30
        setup = self.ws.page_setup
        setup.orientation, setup.paperSize = "landscape", self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_options.horizontalCentered = True
        self.ws.print_title_rows = "13:13"  # the indicator header on every page
        self.ws.parent.calculation.fullCalcOnLoad = True
        for row in self.ws.iter_rows(min_row=1, max_row=table_rows, max_col=self.last):
            for cell in row:
                cell.border = self.border
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        for r, cells in self.heights.items():
            height = row_height(cells)
            if height:
                self.ws.row_dimensions[r].height = height


def _evaluate(table: ProjectTable) -> tuple[Any, tuple[Any, ...], str]:
    """score_table and audit, or the reason they failed."""
    try:
        return score_table(table), audit(table).findings, ""
    except (JixiaoError, ArithmeticError) as error:
        return None, (), str(error)


def write_sheet(ws: Any, table: ProjectTable, recompute: bool) -> None:
    keys = ["section", "level1", "level2", "name", "target", "actual", "weight", "points"]
    keys += ["recomputed"] * recompute + ["note"]
    keys += ["tier"] * any(row.tier is not None for _, _, row in table.rows())
    c = {key: i for i, key in enumerate(keys, 1)}
    s = _Sheet(ws, table, c)
    last, info, funds = s.last, table.project, table.funds
    evaluation, findings, failure = _evaluate(table) if recompute else (None, (), "")

    def recomputed(points: Any) -> str:
        return lay.DASH if points is None else str(points)

    s.put(1, 1, lay.TITLE, "title", last)
    s.put(2, 1, "项目编码:", "label")
    s.put(2, 2, info.code, "input", 3)
    s.put(2, 4, "项目名称:", "label")
    s.put(2, 5, info.name, "input", 6)
    s.put(2, 7, "绩效自评年度:", "label")
    year = info.year
    s.put(2, 8, "" if year is None else year if abs(year) < 10**15 else str(year), "input", last)
    s.put(3, 1, "实施单位:", "label")
    s.put(3, 2, info.implementing_unit, "input", 4)
    s.put(3, 5, "一级预算单位:", "label")
    s.put(3, 6, info.budget_unit, "input", last)
    s.put(4, 1, lay.FUNDS_SECTION, "label", last)
    s.put(5, 1, "", "label", 2)
    for i, label in enumerate(lay.FUNDS_HEADER, 3):
        s.put(5, i, label, "label")
    s.put(6, 1, f"{lay.FUNDS_UNIT}({funds.unit.value})", "label", 0, 9)
    amount_keys = ("initial_budget", "full_year_budget", "executed")
    for r, (label, field) in reversed(list(enumerate(lay.FUNDS_ROWS.items(), 6))):
        s.put(r, 2, label, "label")  # the parts first: the total may be their SUM
        amounts = getattr(funds, field)
        for i, key in enumerate(amount_keys, 3):
            if r == 6:
                s.put_sum(r, i, getattr(amounts, key), [(7, i, 9, i)])
            else:
                s.put(r, i, getattr(amounts, key), "input", number=True)
        for i, value in enumerate((funds.weight, funds.rate, funds.points), 6):
            if r == 6:
                s.put(r, i, value, "input", number=True)
            else:
                s.put(r, i, lay.DASH, "label")
    if recompute:  # beside 得分 (H), in both blocks
        execution = evaluation.execution if evaluation else None
        s.put(5, c["recomputed"], lay.RECOMPUTED, "derived")
        points = recomputed(execution.points if execution else None)
        s.put(6, c["recomputed"], points, "derived", number=True)
    s.put(10, 1, lay.GOAL_SECTION, "label", last)
    s.put(11, 1, lay.GOAL, "label", 0, 12)
    s.put(11, 2, "预期目标", "label", 5)
    s.put(11, 6, "* 实际完成情况", "label", last)
    s.put(12, 2, table.goal.expected, "input", 5)
    s.put(12, 6, table.goal.achieved, "input", last)

    rows = lay.sheet_rows(table)
    s.put(13, 1, lay.INDICATORS, "label", 0, 13 + len(rows))
    header = dict(zip(lay.INDICATOR_HEADER.values(), lay.INDICATOR_HEADER, strict=True))
    header |= {"recomputed": lay.RECOMPUTED, "tier": lay.TIER}
    for key in keys[1:]:
        s.put(13, c[key], header[key], "derived" if key == "recomputed" else "label")
    results = iter(evaluation.rows if evaluation else ())
    for r, w in enumerate(rows, 14):
        if w.span1:
            s.put(r, 2, w.label1, "input", 0, r + w.span1 - 1)
        if w.span2:
            s.put(r, 3, w.label2, "input", 0, r + w.span2 - 1)
        for field, text in zip(lay.FIELDS, w.seen.cells, strict=True):
            s.put(r, c[field], text, "input", number=field in ("weight", "points"))
        if "tier" in c:
            s.put(r, c["tier"], w.seen.tier or "", "input")
        if recompute and not w.placeholder:
            result = next(results, None)
            score = result.score if result is not None else None
            points = recomputed(score.points if score else None)
            s.put(r, c["recomputed"], points, "derived", number=True)
    total = 14 + len(rows)
    s.put(total, 1, lay.TOTAL, "label", c["actual"])
    for key, funds_column in (("weight", 6), ("points", 8)):  # 总分 = execution + indicators
        column = c[key]
        areas = [(6, funds_column, 6, funds_column), (14, column, total - 1, column)]
        s.put_sum(total, column, getattr(table.total, key), areas)
    if recompute:
        points = recomputed(evaluation.total if evaluation else None)
        s.put(total, c["recomputed"], points, "derived", number=True)
    if table.total.grade:  # the grade printed beside the total, read back as such
        s.put(total, c["note"], table.total.grade, "input")
    else:
        s.put(total, c["note"], lay.DASH, "label")
    at = total + 2
    if recompute:
        at = _write_audit(s, at, findings, failure) + 2
    _write_metadata(s, at, _metadata(table, rows))
    s.finish(total)


def _write_audit(s: _Sheet, at: int, findings: Sequence[Any], failure: str) -> int:
    s.put(at, 1, lay.AUDIT, "label")
    s.put(at, 2, lay.AUDIT_NOTE, "derived", s.last)
    for i, label in enumerate((*lay.AUDIT_HEADER, AS_PRINTED, RECOMPUTED)):
        s.put(at + 1, (1, 2, 5, 6, 7)[i], label, "label", (1, 4, 5, 6, 7)[i])
    s.put(at + 1, 8, lay.AUDIT_MESSAGE, "label", s.last)
    r = at + 2
    if failure:
        s.put(r, 1, "复核失败 failed", "derived")
        s.put(r, 2, failure, "derived", s.last)
        return r
    if not findings:
        s.put(r, 1, "无 none", "derived")
        return r
    severity = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
    for r, f in enumerate(findings, at + 2):
        s.put(r, 1, severity.get(f.severity.value, f.severity.value), "derived")
        s.put(r, 2, f.row, "derived", 4)
        s.put(r, 5, f.field, "derived")
        s.put(r, 6, f.printed or "", "derived")
        s.put(r, 7, f.expected or "", "derived")
        s.put(r, 8, f"{f.message} / {f.message_en}", "derived", s.last)
    return at + 1 + len(findings)


def _metadata(table: ProjectTable, rows: list[lay.Written]) -> list[tuple[str, str]]:
    """What the template cannot show but the model holds."""
    out: list[tuple[str, str]] = []
    if table.source:
        out.append((lay.META_SOURCE, table.source))
    if table.template is not None:
        out.append((lay.META_TEMPLATE, table.template))
    if table.withdrawn is not None:
        out.append((lay.META_WITHDRAWN, table.withdrawn))
    out += [(lay.META_REMARK, remark) for remark in table.remarks]
    return out


def _write_metadata(s: _Sheet, at: int, entries: list[tuple[str, str]]) -> None:
    if not entries:
        return
    s.put(at, 1, lay.METADATA, "label")
    s.put(at, 2, lay.METADATA_NOTE, "label", s.last)
    for r, (key, value) in enumerate(entries, at + 1):
        s.put(r, 1, key, "label")
        s.put(r, 2, value, "", s.last)


# ---------------------------------------------------------------- sheet names

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, limit: int) -> str:
    text = text[:limit]  # UTF-16 is never shorter than the characters
    while _utf16_len(text) > limit:
        text = text[:-1]
    return text


def sheet_names(tables: Sequence[ProjectTable]) -> list[str]:
    """One sheet name per table, unique (ignoring case, as Excel does), at most
    31 characters, without ``[]:*?/\\`` and not starting or ending with "'"."""
    names: list[str] = []
    used: set[str] = set()
    for index, table in enumerate(tables, 1):
        base = _BAD_SHEET_CHARS.sub("_", table.project.name or table.project.code)
        base = _clip(base.strip(), 31).strip().strip("'").strip() or f"表{index}"
        if base.lower() == "history":  # reserved by Excel
            base = f"{base}_{index}"
        name, n = base, 1
        while name.lower() in used:
            n += 1
            suffix = f" ({n})"
            name = _clip(base, 31 - len(suffix)).rstrip().rstrip("'") + suffix
        used.add(name.lower())
        names.append(name)
    return names


# ---------------------------------------------------------------- sizes


def text_width(text: str) -> int:
    """Display width of a line: CJK and full-width characters count two."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)


def row_height(cells: Iterable[tuple[str, float]]) -> float | None:
    """A row height (points) that shows every wrapped text of the row, given
    each text and the width (characters) of its cell; ``None``: the default."""
    lines = 1
    for text, width in cells:
        if len(text) > 2_000:  # estimate long texts without counting every line
            lines = max(lines, len(text) * 2 // max(1, int(width)) + 1)
            continue
        count = sum(
            max(1, math.ceil(text_width(line) / max(1.0, width))) for line in text.split("\n")
        )
        lines = max(lines, count)
    if lines <= 1:
        return None
    return float(min(409, 15 * lines))
