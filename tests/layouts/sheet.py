"""A laid-out table as rows of cells, each knowing the printed values it holds.

:func:`build` turns a sample and its layout into a :class:`Sheet`: title lines
printed above the table, then rows of :class:`Cell` s on a grid of
:data:`WIDTH` columns with their merges (``span`` to the right, ``down``
below) and the paths (:mod:`jixiao.project.paths`) of the values each cell
prints. Every writer prints from a sheet, so the same layout reaches every
form. :func:`pages` cuts a sheet at its page breaks; :func:`widths` sizes its
columns for the writers that place cells by width.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import attrs

from jixiao.project import FundsRow, ProjectTable, paths, printed_number

from .expected import rate, shown, sub_rate, with_points_unit
from .layout import (
    EXTRA_WORDS,
    FUNDS_METHOD,
    FUNDS_REASON,
    METHOD_WORDS,
    OWN_ROWS,
    PART_WORDS,
    SUB_ROWS,
    Layout,
)
from .tables import Sample

__all__ = [
    "WIDTH",
    "Cell",
    "Sheet",
    "SheetRow",
    "build",
    "columns_of",
    "filled",
    "pages",
    "width",
    "widths",
]

WIDTH = 9
"""The table's columns (the national form's indicator section)."""


def width(layout: Layout) -> int:
    """The columns of a table in *layout*: :data:`WIDTH`, and two more for the
    target in parts (§2.21: 指标性质 and 度量单位)."""
    return WIDTH + (2 if layout.part_unit else 0)


def columns_of(rows: Sequence[SheetRow]) -> int:
    """The columns *rows* cover (every table's rows reach its last column)."""
    return max((c.col + c.span for row in rows for c in row.cells), default=WIDTH)


@attrs.frozen
class Cell:
    """A printed cell.

    Attributes:
        text: as printed; ``"\\n"`` between lines: paragraphs of a goal text, or
            the lines of a header split in two (printed on two text lines).
        col: its first column (0-based).
        span: the columns it covers (merged to the right).
        down: the rows it covers (merged downward; forms without merges print
            its text on its first row only).
        paths: the paths of the values it prints.
        wrap: free text a writer may wrap within its column.
        paragraphs: a goal text (tab-separated text prints it as ``<p>`` … ``</p>``).
    """

    text: str
    col: int
    span: int = 1
    down: int = 1
    paths: tuple[str, ...] = ()
    wrap: bool = False
    paragraphs: bool = False


@attrs.frozen
class SheetRow:
    """A printed row: its cells, left to right, and what part of the table it is.

    ``shift``: leading empty cells a text form drops (§2.12: tab-separated text, Markdown).
    """

    cells: tuple[Cell, ...]
    part: str
    shift: int = 0

    def at(self, col: int) -> Cell | None:
        """The cell anchored at *col*, if any."""
        return next((c for c in self.cells if c.col == col), None)


@attrs.frozen
class Sheet:
    """A table as printed: title lines above it, its rows, the header to repeat."""

    lines: tuple[tuple[str, tuple[str, ...]], ...]
    rows: tuple[SheetRow, ...]
    header: tuple[SheetRow, ...]
    indicators: tuple[int, int]
    """The rows of the indicator section, ``[start, stop)``, header included."""
    notes: tuple[tuple[int, int], ...] = ()
    """Sheet rows covered by each merged note, ``[start, stop)``."""


def _label(layout: Layout, word: str) -> str:
    return word + layout.colon


BREAKDOWN_VALUE = "1.5亩"
"""The target and actual a breakdown row prints (:attr:`Layout.breakdown`)."""
CONTACT = "李宁 0557-5788003"
"""The value printed beside a contact field's label (:attr:`Layout.contact`)."""
UNIT_ABOVE = "某县某中学"
"""The value of 部门, printed on a line of its own above the identification
(:attr:`Layout.contact`)."""


def _ident(sample: Sample, layout: Layout) -> list[SheetRow]:
    info = sample.table.project
    items: list[tuple[str, str, str, bool]] = []
    if layout.code:
        items.append(("项目编码", info.code, "project.code", False))
    items.append(("项目名称", info.name, "project.name", True))
    if layout.contact and layout.contact != "部门":  # no place in the model: listed, never read
        items.append((layout.contact, CONTACT, "field.contact", False))
    if layout.department:
        department = (layout.department_word, info.competent_department)
        items.append((*department, "project.competent_department", True))
    if layout.implementing_unit:
        seal = {"": "", "half": "(盖章)", "full": "（盖章）"}[layout.seal]
        items.append(("实施单位" + seal, info.implementing_unit, "project.implementing_unit", True))
    if layout.budget_unit:
        items.append(("一级预算单位", info.budget_unit, "project.budget_unit", True))
    if layout.year_label:
        items.append((layout.year_label, str(info.year), "project.year", False))
    per_row = 1 if layout.ident == "one-a-row" else layout.per_row
    rows = []
    if layout.contact == "部门":  # above the rest, in a cell of its own (Yunnan's 公开14表)
        label = "部门" + (layout.colon or "：")  # a label in the value's cell takes a colon
        above = Cell(label + UNIT_ABOVE, 0, width(layout), paths=("field.contact",))
        rows.append(SheetRow((above,), "ident"))
    for start in range(0, len(items), per_row):
        chunk = items[start : start + per_row]
        cells: list[Cell] = []
        col = 0
        for n, (word, value, path, wrap) in enumerate(chunk):
            last = n == len(chunk) - 1
            if layout.ident == "in-cell":
                span = width(layout) - col if last else width(layout) // per_row
                cells.append(
                    Cell(_label(layout, word) + value, col, span, paths=(path,), wrap=wrap)
                )
                col += span
                continue
            cells.append(Cell(_label(layout, word), col))
            span = (
                width(layout) - col - 1
                if last or layout.ident == "one-a-row"
                else layout.value_span
            )
            cells.append(Cell(value, col + 1, span, paths=(path,), wrap=wrap))
            col += 1 + span
        rows.append(SheetRow(tuple(cells), "ident"))
    return rows


def _unit_text(sample: Sample, layout: Layout) -> str:
    return f"{layout.unit_word}：{sample.table.funds.unit.value}"


def _funds(sample: Sample, layout: Layout) -> list[SheetRow]:
    funds = shown(sample).funds
    rows: list[SheetRow] = []
    if layout.funds_title:
        rows.append(SheetRow((Cell("资金使用情况", 0, width(layout)),), "funds-title"))
    if layout.unit == "line":
        rows.append(
            SheetRow(
                (Cell(_unit_text(sample, layout), 0, width(layout), paths=("funds.unit",)),), "unit"
            )
        )
    a = "（A）" if layout.fullwidth else "(A)"
    words = [
        layout.budget_word + (a if layout.annotate_funds else ""),
        layout.executed_word + ("(B)" if layout.annotate_funds else ""),
    ]
    columns = ["full_year_budget", "executed"]
    if funds.rate_on_initial_budget:  # 年初预算数(A) | 全年执行数(B), no 全年预算数
        words[0] = layout.initial_word + (a if layout.annotate_funds else "")
        columns[0] = "initial_budget"
    elif layout.initial_column:
        words.insert(0, layout.initial_word)
        columns.insert(0, "initial_budget")
    roles = (
        [*columns, "weight", "rate", "points"]
        if layout.weight_column
        else [*columns, "rate", "points"]
    )
    words += ([layout.funds_weight_word] if layout.weight_column else []) + [
        layout.rate_word,
        "得分",
    ]
    if layout.funds_method:  # §2.29: how the points are computed, after 得分
        words.append(layout.funds_method)
        roles.append("method")
    printed = [("total", layout.total_funds_word)] + [
        (name, layout.appropriation_word if name == "current_appropriation" else word)
        for name, word in zip(SUB_ROWS, ("", "上年结转资金", "其他资金"), strict=True)
        if name in layout.sub_rows
    ]
    unit = funds.unit.value
    header: list[Cell] = []
    if layout.unit == "header":
        header.append(Cell(_unit_text(sample, layout), 0, paths=("funds.unit",)))
    if layout.funds_section:  # 预算执行情况(10分) | 年度预算数(万元) | 年初预算 …
        section = layout.funds_section.replace("{w}", funds.weight or "10")
        header.append(Cell(section, 0, down=1 + len(printed)))
        header.append(Cell(f"年度预算数({unit})", 1, paths=("funds.unit",)))
    for n, word in enumerate(words):
        span = width(layout) - 2 - n if n == len(words) - 1 else 1
        method = layout.funds_method and n == len(words) - 1
        header.append(Cell(word, 2 + n, span, paths=("method.funds-header",) if method else ()))
    rows.append(SheetRow(tuple(header), "funds-header"))
    label = (
        "项目资金" + (f"（{unit}）" if layout.fullwidth else f"({unit})")
        if layout.unit == "label"
        else "项目资金"
    )
    for n, (name, word) in enumerate(printed):
        cells = []
        if n == 0 and not layout.funds_section:
            cells.append(
                Cell(
                    label,
                    0,
                    down=len(printed),
                    paths=("funds.unit",) if layout.unit == "label" else (),
                )
            )
        cells.append(Cell(word, 1))
        amounts: FundsRow = getattr(funds, name)
        for k, role in enumerate(roles):
            col = 2 + k
            span = width(layout) - col if k == len(roles) - 1 else 1
            if role == "method":  # §2.29: on the total row only
                total = name == "total"
                said = FUNDS_REASON[1] if layout.funds_method == FUNDS_REASON[0] else FUNDS_METHOD
                text = said if total else ""
                cells.append(Cell(text, col, span, paths=("method.funds",) if total else ()))
            elif role in ("weight", "rate", "points"):
                if name != "total" and layout.funds_merged:
                    continue  # §2.35: covered by the total's, merged down
                if name != "total":
                    own = sub_rate(sample, layout, name) if role == "rate" else ""
                    where = (f"field.rate.{name}",) if own else ()  # §2.30: listed, not read
                    cells.append(Cell(own or layout.dash, col, span, paths=where))
                    continue
                text = {
                    "weight": with_points_unit(layout, funds.weight),
                    "rate": rate(sample, layout),
                    "points": "" if layout.unscored else with_points_unit(layout, funds.points),
                }[role]
                down = len(printed) if layout.funds_merged else 1
                cells.append(Cell(text, col, span, down, paths=(f"funds.{role}",)))
            else:
                cells.append(
                    Cell(getattr(amounts, role), col, span, paths=(paths.funds(name, role),))
                )
        rows.append(SheetRow(tuple(cells), "funds"))
    if layout.own_rows:  # §2.31: Sichuan's own funds rows, each listed once
        rows += [_own_row(funds.total, roles, word, n, layout) for n, word in enumerate(OWN_ROWS)]
    return rows


def _own_row(total: FundsRow, roles: list[str], word: str, n: int, layout: Layout) -> SheetRow:
    """A funds row of Sichuan's own form (§2.31): 其中:财政资金 holds the total's
    amounts, the others nothing; "/" under the execution's columns."""
    cells = [Cell(word, 1, paths=(f"fieldrow.own.{n}",))]
    for k, role in enumerate(roles):
        col = 2 + k
        span = width(layout) - col if k == len(roles) - 1 else 1
        if role in ("weight", "rate", "points", "method"):
            text = "/" if role != "method" else ""
        else:
            text = getattr(total, role) if n == 0 else "0.00"
        cells.append(Cell(text, col, span))
    return SheetRow(tuple(cells), "funds")


def _goal(sample: Sample, layout: Layout) -> list[SheetRow]:
    goal = sample.table.goal
    if layout.goal_block:  # 项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况
        return [
            SheetRow(
                (
                    Cell("项目基本情况", 0, down=2),
                    Cell("1.项目年度目标完成情况", 1, down=2),
                    Cell("项目年度目标", 2, 3),
                    Cell("年度目标完成情况", 5, 4),
                ),
                "goal-header",
            ),
            SheetRow(
                (
                    Cell(goal.expected, 2, 3, paths=("goal.expected",), wrap=True, paragraphs=True),
                    Cell(goal.achieved, 5, 4, paths=("goal.achieved",), wrap=True, paragraphs=True),
                ),
                "goal",
            ),
        ]
    rows = []
    if layout.goal_title:
        rows.append(SheetRow((Cell("项目目标完成情况", 0, width(layout)),), "goal-title"))
    header = [Cell("预期目标", 1, 4), Cell(layout.goal_star + "实际完成情况", 5, 4)]
    texts = [
        Cell(goal.expected, 1, 4, paths=("goal.expected",), wrap=True, paragraphs=True),
        Cell(goal.achieved, 5, 4, paths=("goal.achieved",), wrap=True, paragraphs=True),
    ]
    if layout.goal_label == "header":
        header.insert(0, Cell(layout.goal_word, 0, down=2))
    else:
        texts.insert(0, Cell(layout.goal_word, 0))
    rows += [SheetRow(tuple(header), "goal-header"), SheetRow(tuple(texts), "goal")]
    return rows


def _columns(layout: Layout) -> dict[str, int]:
    """The column of each part of the indicator section: the labels, the row's
    values, and the column of no known role (§2.20) when there is one."""
    order = ["level1", "level2", "name", "target", "actual", "weight", "points", "note"]
    if layout.part_unit:  # 指标性质 | 指标值 | 度量单位
        order[3:4] = ["direction", "target", "unit"]
    if layout.extra:
        order.insert(order.index(layout.extra_after) + 1, "extra")
    o = 1 if layout.first_column else 0
    return {part: o + n for n, part in enumerate(order)}


def _section(table: ProjectTable, layout: Layout) -> str:
    """The word of the 年度绩效指标 column, with the indicators' weight after it
    ("绩效指标(90分)") when the layout prints it and the table its weights."""
    total, execution = printed_number(table.total.weight), printed_number(table.funds.weight)
    if not layout.section_weight or total is None or execution is None:
        return layout.section_word
    return f"{layout.section_word}({(total - execution).normalize():f}分)"


def _header(layout: Layout, down: int, section: str) -> list[SheetRow]:
    """The indicator header: one row, or two of two levels (§2.26)."""
    a, b = ("(A)", "(B)") if layout.annotations else ("", "")
    split = "\n" if layout.header_split else ""
    words = {
        "level1": "一级指标",
        "level2": "二级指标",
        "name": "三级指标",
        "target": layout.target_word.replace("年度", f"年度{split}", 1) + a,
        "actual": f"{layout.star}{layout.actual_word}{b}",
        "weight": f"{layout.star}{layout.weight_word}",
        "points": f"{layout.star}得分",
        "note": layout.note_word.replace("及", f"{split}及", 1),
        "extra": layout.extra,
        "direction": PART_WORDS[0],
        "unit": layout.part_unit,
    }
    columns = _columns(layout)
    cells = [Cell(section, 0, down=down)] if layout.first_column else []
    # §2.26: a group's word over its columns (their own words on a second row),
    # the other words merged down over both rows
    groups = {"level1": section, "direction": words["target"]} if layout.header_groups else {}
    grouped = {"level1", "level2", "name"} if layout.header_groups else set()
    if grouped and layout.part_unit:
        grouped |= {"direction", "target", "unit"}
    below: list[Cell] = []
    for part, col in sorted(columns.items(), key=lambda item: item[1]):
        if part in groups:
            cells.append(Cell(groups[part], col, 3))
        if part in grouped:
            below.append(Cell("指标值" if part == "target" else words[part], col))
            continue
        span = width(layout) - col if part == "note" else 1
        paths = (_extra_head(layout),) if part == "extra" else ()
        cells.append(Cell(words[part], col, span, 2 if grouped else 1, paths=paths))
    rows = [SheetRow(tuple(cells), "header")]
    return [*rows, SheetRow(tuple(below), "header")] if below else rows


def _extra(layout: Layout, k: int) -> str:
    """What the column of no known role (or the method column, §2.29) prints
    on indicator row *k* (some rows nothing)."""
    values = {**EXTRA_WORDS, **METHOD_WORDS}[layout.extra]
    return values[k % len(values)] if k % (len(values) + 1) != len(values) else ""


def _extra_head(layout: Layout) -> str:
    """The head of the paths of the extra column's cells: ``"method"`` for a
    method column (§2.29), listed as fields; ``"extra"`` for a column of no
    known role (§2.20), reported as a problem."""
    return "method" if layout.extra in METHOD_WORDS else "extra"


_PARTS = re.compile(r"(≥|≤)?([0-9]+(?:\.[0-9]+)?)(\D*)")
_NUMBER_UNIT = re.compile(r"([0-9]+(?:\.[0-9]+)?)(\D*)")


def _parts(target: str, actual: str) -> tuple[str, str, str, str]:
    """指标性质, 指标值, 度量单位 and 实际完成值 as a form that prints the target in
    parts prints a row (§2.21): ≥95% → ≥ | 95% (no unit apart when the actual
    does not end in it); ≥50人次, 48人次 → ≥ | 50 | 人次 | 48; words → 定性 | words."""
    split = _PARTS.fullmatch(target)
    if split is None:
        words = target and not any(c.isdigit() for c in target)
        return "定性" if words else "", target, "", actual
    sign, number, unit = split.groups()
    done = _NUMBER_UNIT.fullmatch(actual)
    if unit and done is not None and done.group(2) == unit:
        return sign or "", number, unit, done.group(1)
    return sign or "", number + unit, "", actual


def _indicators(sample: Sample, layout: Layout) -> tuple[list[SheetRow], list[tuple[int, int]]]:
    o = 1 if layout.first_column else 0
    columns = _columns(layout)
    table = shown(sample)
    listed = list(table.rows())
    if layout.cut is not None:
        listed = listed[: layout.cut + 1]
    shifts = dict(layout.shifts)
    tops = list(table.level1)
    prompted = bool(layout.prompt) and layout.cut is None  # §2.24: after the last row
    broken = bool(layout.breakdown) and layout.cut is None  # §2.25: after the last row
    down = 1 + len(listed) + broken + prompted
    rows = _header(layout, down, _section(table, layout))
    notes = []
    seen: set[str] = set()
    for k, (top, group, row) in enumerate(listed):
        i = tops.index(top)
        j = top.level2.index(group)
        l1, l2 = paths.level1(i), paths.level2(i, j)
        in_top = [r for t, _, r in listed if t is top]
        in_group = [r for _, g, r in listed if g is group]
        cells = []
        name = " ".join(top.name) if layout.spaced_level1 else top.name
        label = name + (layout.level1_label.format(w=top.weight) if layout.level1_label else "")
        if l1 not in seen or layout.level1_repeat:
            down = 1 if layout.level1_repeat else len(in_top)
            cells.append(Cell(label, o, down=down, paths=() if l1 in seen else (l1,)))
        if l2 not in seen or layout.level2_repeat:
            down = 1 if layout.level2_repeat else len(in_group)
            weighed = layout.level1_label or "({w}分)"  # §2.32: as the level-1 labels print theirs
            label2 = group.name + (weighed.format(w=group.weight) if group.weight else "")
            cells.append(Cell(label2, o + 1, down=down, paths=() if l2 in seen else (l2,)))
        seen |= {l1, l2}
        points = "" if layout.unscored else row.points
        target, actual = row.target, row.actual
        if layout.part_unit:
            direction, target, unit, actual = _parts(target, actual)
            cells += [Cell(direction, columns["direction"]), Cell(unit, columns["unit"])]
        for role, text in (
            ("name", row.name),
            ("target", target),
            ("actual", actual),
            ("weight", with_points_unit(layout, row.weight)),
            ("points", with_points_unit(layout, points)),
        ):
            cells.append(
                Cell(
                    text,
                    columns[role],
                    paths=(paths.row(k, role),),
                    wrap=role in ("name", "target", "actual"),
                )
            )
        if layout.extra:
            extra = _extra(layout, k)
            head = _extra_head(layout)
            cells.append(Cell(extra, columns["extra"], paths=(f"{head}.{k}",) if extra else ()))
        group_of = next(((a, b) for a, b in sample.note_groups if a <= k < b), None)
        if group_of is None or group_of[0] == k:
            stop = min(group_of[1], len(listed)) if group_of else k + 1
            note_paths = tuple(paths.row(m, "note") for m in range(k, stop))
            note = columns["note"]
            cells.append(
                Cell(
                    row.note, note, width(layout) - note, down=stop - k, paths=note_paths, wrap=True
                )
            )
            if stop - k > 1:
                notes.append((k, stop))
        cells.sort(key=lambda cell: cell.col)
        leading = 0
        for col in range(o + 2):
            if any(c.col == col for c in cells):
                break
            leading += 1
        rows.append(SheetRow(tuple(cells), "indicator", min(shifts.get(k, 0), leading)))
    if layout.breakdown and layout.cut is None:  # §2.25: a part of the last row, listed
        cells = [
            Cell(layout.breakdown, columns["name"], paths=("breakdown",)),
            Cell(BREAKDOWN_VALUE, columns["target"]),
            Cell(BREAKDOWN_VALUE, columns["actual"]),
        ]
        rows.append(SheetRow(tuple(cells), "breakdown"))
    if prompted:  # the blank form's row left unfilled: furniture, never a row
        rows.append(SheetRow((Cell(layout.prompt, columns["name"]),), "prompt"))
    if layout.other_row and layout.cut is None:  # §2.27: 其他需要说明事项 | 无, a field
        value = columns["target"]
        cells = [
            Cell(layout.other_row, 0, value, paths=("field.other",)),
            Cell("无", value, width(layout) - value, paths=("field.other_value",)),
        ]
        rows.append(SheetRow(tuple(cells), "other"))
    if layout.cut is None:
        total = table.total
        rows.append(
            SheetRow(
                (
                    Cell(layout.total_word, 0, columns["weight"]),
                    Cell(
                        with_points_unit(layout, total.weight),
                        columns["weight"],
                        paths=("total.weight",),
                    ),
                    Cell(
                        "" if layout.unscored else with_points_unit(layout, total.points),
                        columns["points"],
                        paths=("total.points",),
                    ),
                    Cell(layout.total_note, columns["note"], width(layout) - columns["note"])
                    if layout.unscored or not total.grade
                    else Cell(
                        total.grade,
                        columns["note"],
                        width(layout) - columns["note"],
                        paths=("total.grade",),
                    ),
                ),
                "total",
            )
        )
    return rows, notes


def build(sample: Sample, layout: Layout) -> Sheet:
    """The :class:`Sheet` that prints *sample* in *layout*."""
    year = sample.table.project.year
    title = layout.title_text(year)
    year_paths = ("project.year",) if layout.year_in_title else ()
    lines: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rows: list[SheetRow] = []
    if title and layout.title_in_cell:
        for line in title:  # a row of its own for each line, merged across the table
            shows = year_paths if str(year) in line else ()
            rows.append(SheetRow((Cell(line, 0, width(layout), paths=shows),), "title"))
    elif title:
        lines = tuple((line, year_paths if str(year) in line else ()) for line in title)
    rows += _ident(sample, layout)
    if layout.goal_block:  # Sichuan's form prints the goal before the funds
        rows += _goal(sample, layout) + _funds(sample, layout)
    else:
        rows += _funds(sample, layout) + _goal(sample, layout)
    start = len(rows)
    indicator_rows, notes = _indicators(sample, layout)
    rows += indicator_rows
    header = tuple(row for row in indicator_rows[:2] if row.part == "header")
    first = start + len(header)  # sheet row of the first indicator row
    spans = tuple((first + a, first + b) for a, b in notes)
    return Sheet(lines, tuple(rows), header, (start, len(rows)), spans)


def pages(sheet: Sheet, breaks: Sequence[int], repeat: bool) -> list[list[SheetRow]]:
    """The sheet's rows cut into pages before each row in *breaks*.

    A merged cell that runs over a break ends there; its rest on the next
    page is an empty merged cell (as an export that splits a ruled table
    prints it). With *repeat*, a page that starts among the indicator rows
    starts with the indicator header again, whose 年度绩效指标 cell covers
    the rest of that column.
    """
    rows = [list(r.cells) for r in sheet.rows]
    heads: dict[int, SheetRow] = {}
    for cut in sorted(breaks):
        carried: list[Cell] = []
        for above in range(cut):
            for n, cell in enumerate(rows[above]):
                if above + cell.down > cut:
                    rows[above][n] = attrs.evolve(cell, down=cut - above)
                    carried.append(Cell("", cell.col, cell.span, above + cell.down - cut))
        if repeat and sheet.indicators[0] < cut < sheet.indicators[1]:
            heads[cut] = sheet.header[0]
        rows[cut] = sorted([*carried, *rows[cut]], key=lambda c: c.col)
    result: list[list[SheetRow]] = []
    bounds = [0, *sorted(breaks), len(rows)]
    for start, stop in itertools.pairwise(bounds):
        page = [attrs.evolve(sheet.rows[i], cells=tuple(rows[i])) for i in range(start, stop)]
        if start in heads:  # the header takes over what its merged cells cover below it
            below = {c.col: c for c in page[0].cells if not c.text and not c.paths}
            head = [
                attrs.evolve(c, down=1 + below[c.col].down if c.down > 1 and c.col in below else 1)
                for c in heads[start].cells
            ]
            taken = {c.col for c in head if c.down > 1}
            rest = tuple(c for c in page[0].cells if c.col not in taken)
            page = [SheetRow(tuple(head), "header"), attrs.evolve(page[0], cells=rest), *page[1:]]
        result.append(page)
    return result


def filled(rows: Sequence[SheetRow]) -> list[SheetRow]:
    """*rows* (a page's) unmerged and filled (:attr:`Layout.filled`): each merged
    cell's text in every place it covered, the values' paths on its first."""
    copies: dict[int, list[Cell]] = {}
    for r, row in enumerate(rows):
        for cell in row.cells:
            for d, s in itertools.product(range(cell.down), range(cell.span)):
                if d or s:
                    copy = Cell(cell.text, cell.col + s, wrap=cell.wrap, paragraphs=cell.paragraphs)
                    copies.setdefault(r + d, []).append(copy)
    return [
        attrs.evolve(
            row,
            cells=tuple(
                sorted(
                    [attrs.evolve(c, span=1, down=1) for c in row.cells] + copies.get(r, []),
                    key=lambda c: c.col,
                )
            ),
        )
        for r, row in enumerate(rows)
    ]


def widths(
    rows: Sequence[SheetRow], measure: Callable[[str], float], gap: float, cap: float
) -> list[float]:
    """Column widths that fit every cell a writer must not wrap (labels,
    numbers, codes), and free texts up to *cap*; a merged cell's columns and
    the *gap* s between them hold its text."""
    sizes = [0.0] * columns_of(rows)
    merged: list[Cell] = []
    for row in rows:
        for cell in row.cells:
            need = max((measure(line) for line in cell.text.split("\n")), default=0.0)
            need = min(need, cap) if cell.wrap else need
            if cell.span == 1:
                sizes[cell.col] = max(sizes[cell.col], need)
            else:
                merged.append(attrs.evolve(cell, text=str(need)))
    for cell in merged:
        cols = range(cell.col, cell.col + cell.span)
        have = sum(sizes[c] for c in cols) + gap * (cell.span - 1)
        if float(cell.text) > have:
            sizes[cell.col + cell.span - 1] += float(cell.text) - have
    return [max(w, measure("无")) for w in sizes]
