"""The indicators of a table, its 总分 row and what jixiao writes after it (private).

Read into a :class:`~jixiao.io._table_state.TableState` line by line, as the
table reader (:mod:`jixiao.io._table_reader`) hands them over:

* the indicator header, on one line or two, gives the columns;
* each indicator line is read as :mod:`jixiao.io._indicator_rows` (in its
  columns) or :mod:`jixiao.io._shifted_rows` (tab-separated text and
  Markdown) says; a line that prints values but no 分值 or 得分 continues the
  row above (a cell wrapped by the extraction) and is joined to it;
* the 总分 row's 分值 and 得分, in their columns or found from the right;
* after the 总分 row, the blocks jixiao writes after a table it wrote (its
  findings, ignored; its notes to read the table back), or stray lines.
"""

from __future__ import annotations

import re

import attrs

from jixiao._target_patterns import grade_word
from jixiao.errors import Wording
from jixiao.io._columns import (
    NO_ROLE,
    Column,
    Columns,
    filled_down,
    read_header,
    refilled,
)
from jixiao.io._form_words import (
    AUDIT_BLOCK,
    GOAL_LABELS,
    INDICATOR_HEADER,
    METADATA,
    METADATA_BLOCK,
    ROWS_UNREAD,
    TOTALS,
)
from jixiao.io._furniture import is_prompt, line_kind
from jixiao.io._indicator_rows import VALUE_ROLES, Entry, read_exact, section_label
from jixiao.io._landmarks import Marks
from jixiao.io._rejected import LayoutError, TableRejected
from jixiao.io._shifted_rows import dense, find_scores, read_shifted, shift_words
from jixiao.io._table_state import TableState
from jixiao.io._vocab import (
    LABEL_LIMIT,
    compact,
    header_word,
    is_dash,
    join_wraps,
    level1_label,
    level2_label,
    may_score,
)
from jixiao.io.grid import Cell, Line
from jixiao.project.model import Total

__all__ = [
    "after_total",
    "header_continues",
    "read_indicator",
    "read_indicator_header",
    "read_total",
]


def header_continues(line: Line, below: Marks | None) -> bool:
    """Whether the line *below* completes the header words of *line*."""
    if below is None:
        return False
    above = {c.column: c for c in line.cells}
    texts = [
        c.text
        for c in below.line.cells
        if c.text and not (c.column in above and filled_down(above[c.column], c))
    ]
    if not texts or any(
        len(t) > 12 or may_score(t) or level1_label(t) or level2_label(t) for t in texts
    ):
        return False
    one, unknown_one = read_header([line], INDICATOR_HEADER)
    two, unknown_two = read_header([line, below.line], INDICATOR_HEADER)
    if set(unknown_two) - set(unknown_one):  # words of its own that no column takes
        return False
    known_one = [c.text for c in one if c.role != NO_ROLE]
    known_two = [c.text for c in two if c.role != NO_ROLE]
    return known_two != known_one  # more roles, or words joined into one


def read_indicator_header(state: TableState, line: Line, below: Marks | None) -> bool:
    """Read the indicator header from *line*, and the line *below* when it
    completes it; whether it did.

    Raises:
        TableRejected: the header names no 分值 column.
    """
    two = header_continues(line, below)
    header = [line, below.line] if two and below is not None else [line]
    columns, unknown = read_header(header, INDICATOR_HEADER)
    for text in unknown:
        if compact(text) not in GOAL_LABELS:
            cell = next((c for h in header for c in h.cells if c.text == text), None)
            state.unknown_word(line, cell, text, "indicator")
    state.twice(line, columns, "indicator")
    if "weight" not in {c.role for c in columns}:
        raise TableRejected(
            Wording("the indicator header names no 分值 column", "指标表头中没有分值列"), line
        )
    state.columns = Columns(columns)
    row = line.location.row
    if not state.exact and any(c.cell.colspan > 1 for c in columns):
        state.exact = True  # every place printed: nothing shifted, and a note may be a number
        state.remark(
            row,
            f"Line {row}: the indicator header prints a word in each place of a merged "
            "cell (a sheet unmerged and filled); the rows are read in the header's columns.",
        )
    if two:
        state.remark(
            row, f"Line {row}: the indicator header is printed over two lines; read as one."
        )
    roles = dict.fromkeys(c.role for c in state.columns.columns)  # a role twice: its first
    printed = [role for role in roles if role in _ROW_ORDER]
    if not state.exact and printed != sorted(printed, key=_ROW_ORDER.index):
        state.exact = True  # the structural reading knows the national order only
        state.remark(
            row,
            f"Line {row}: the indicator columns are not in the national form's order "
            f"({', '.join(printed)}); the rows are read in the header's columns.",
        )
    return two


_ROW_ORDER = VALUE_ROLES[: VALUE_ROLES.index("note")]
"""The order of a row's cells before its note, as the national form prints
them, which the structural reading of tab-separated text and Markdown
(:func:`~jixiao.io._shifted_rows.read_shifted`) relies on."""


def read_indicator(state: TableState, line: Line) -> None:
    """Read an indicator line (after the header); a row of the form left
    unfilled ("指标2:", "……", and labels at most) is furniture, a breakdown
    row (其中… without 分值) and a row of no place (其他需要说明事项 | 无) are listed."""
    assert state.columns is not None
    first = next((c.text for c in line.cells if c.text), "")
    if len(first) <= LABEL_LIMIT and (word := compact(first)) in ROWS_UNREAD:
        reason = Wording(
            f"{word}: a row of the form the table model has no place for; not read",
            f"{word}：表格模型未设此行；未读取",
        )  # 其他需要说明事项 | 无: its label and value
        state.list_fields(line, [c for c in refilled(line.cells) if c.text], reason)
        return
    printed = line
    labels = _blank_form(line)
    if labels is not None:  # "指标2:", "……"; 生态效益指标 | 指标1: (its labels kept)
        state.unplace(line, Wording("an unfilled row of the form", "表样中未填写的行"), "furniture")
        if not labels:
            return
        line = attrs.evolve(line, cells=labels)
    try:
        entry = (
            read_exact(line, state.columns, state.wraps)
            if state.exact
            else read_shifted(line, state.columns)
        )
    except LayoutError as error:
        state.unplace(printed, error.reason)
        return
    if entry is None:
        state.unplace(
            printed, Wording("not an indicator row (too few cells)", "不是指标行（单元格太少）")
        )
        return
    for cell, word in entry.unread:
        state.unread(printed, cell, word)
    if _field_line(entry):
        state.unplace(
            printed,
            Wording(
                "a field of the form (填表人：…) in the label columns, no label; not read",
                "标签列中的表样栏目（填表人：…），不是指标名称；未读取",
            ),
        )
        return
    if entry.has_row:
        state.entries.append(entry)
    elif ("target" in entry.values or "actual" in entry.values) and all(
        is_dash(entry.text(role)) for role in ("target", "actual")
    ):  # "指标1:/ | / | /": no wrapped text, a row that does not apply
        state.unplace(
            printed,
            Wording(
                "a row that does not apply, printed without 分值 or 得分",
                "不适用的指标行，未印分值与得分",
            ),
        )
    elif entry.values and state.entries and _breakdown(entry):
        state.unplace(
            printed,
            Wording(
                "a breakdown row (其中…) without 分值, which the table model has no place for",
                "无分值的“其中”明细行，表格模型未设此行",
            ),
        )
    elif entry.values and state.entries:  # a wrapped line: join upward
        _join_wrapped(state, entry)
    else:
        state.entries.append(entry)


_FIELD = re.compile(r"[:：]\s*\S")
"""A label and its value in one cell (填表人：张三); with no 指标 in it, no
indicator label (产出指标：50分 is one)."""


def _field_line(entry: Entry) -> bool:
    """Whether a line read as labels only prints fields of the form in the
    label columns (填表人：张三 | 审核人：李四, below a table that prints no
    总分 row), which would otherwise make a group with no rows."""
    if entry.values:
        return False
    cells = [c for c in (entry.level1_cell, entry.level2_cell) if c is not None]
    return bool(cells) and all("指标" not in c.text and _FIELD.search(c.text) for c in cells)


def _blank_form(line: Line) -> tuple[Cell, ...] | None:
    """The label cells of a row of the blank form left unfilled, which prints
    its prompts ("指标2:", "……") and at most labels (生态效益指标 | 指标1:);
    ``None`` for any other line (most rows: at their first or second cell)."""
    words: list[Cell] = []  # the cells that may be labels, told once a prompt is found
    prompted = False
    for cell in line.cells:
        text = cell.text
        if not text:
            continue
        if is_prompt(text):  # (which looks at the first character first)
            prompted = True
        elif "标" in text and "指" in text:
            words.append(cell)
        else:
            return None
    if not prompted:
        return None
    words = [c for c in words if not section_label(c.text)]  # merged down, unmerged and filled
    labels = tuple(c for c in words if level1_label(c.text) or level2_label(c.text))
    return labels if len(labels) == len(words) else None


def _breakdown(entry: Entry) -> bool:
    """Whether a line read without 分值 or 得分 (*entry*) breaks the row above
    down (其中桃树种植面积 | 1.5亩 | 1.5亩): its first printed cell after the
    labels it repeats says 其中. Such a row is no wrapped part of the row
    above, whose target it would garble if joined."""
    labels = (entry.level1_cell, entry.level2_cell)
    first = next(
        (
            c.text
            for c in entry.line.cells
            if c.text
            and (c.text.startswith("其中") or all(c is not label for label in labels))
            and not section_label(c.text)
        ),
        "",
    )  # (a row that lost its merged cells' places may read 其中… where a label stands)
    return first.startswith("其中")


def _join_wrapped(state: TableState, fragment: Entry) -> None:
    previous = next((e for e in reversed(state.entries) if e.has_row or e.values), None)
    if previous is None:  # nothing above to join to: as if first (found by fuzzing)
        state.entries.append(fragment)
        return
    for role, cell in fragment.values.items():
        before = previous.values.get(role)
        if before is None:
            previous.values[role] = cell
        else:
            pair = f"{before.text[-1:]} {cell.text[:1]}"
            glue = "" if join_wraps(pair) != pair else " "
            previous.values[role] = attrs.evolve(before, text=before.text + glue + cell.text)
    for label in ("level1", "level2"):
        if getattr(fragment, label) is not None and getattr(previous, label) is None:
            setattr(previous, label, getattr(fragment, label))
            setattr(previous, f"{label}_cell", getattr(fragment, f"{label}_cell"))


def read_total(state: TableState, line: Line) -> None:
    """Read the 总分 row's 分值 and 得分, and a grade printed beside them.

    Raises:
        TableRejected: the row prints no 分值 number (a source without columns).
    """
    columns = state.columns
    cells = [c for c in line.cells if c.text and not c.continued]
    start = next(i for i, c in enumerate(cells) if compact(c.text) in TOTALS)
    while start + 1 < len(cells) and cells[start + 1].text == cells[start].text:
        start += 1  # 总分 merged over the label's places, unmerged and filled
    weight: Cell | None = None
    points: Cell | None = None
    notes: list[Cell] = []
    if columns is not None and state.exact:
        before: tuple[Column, Cell] | None = None
        for cell in cells[start + 1 :]:
            column = columns.column_of(cell)
            role = column.role
            if (
                before is not None
                and before[0] is column
                and column.refills(cell.text, before[1].text)
            ):
                continue
            before = (column, cell)
            if role == "recomputed":
                continue
            if role == "weight" and weight is None:
                weight = cell
            elif role == "points" and points is None:
                points = cell
            else:
                notes.append(cell)
    else:
        texts, by_index = dense(line)
        first = cells[start].column + 1
        w = find_scores(["", "", *texts[first:]])
        if w is not None:
            w += first - 2
        else:  # an unscored table: the weight alone, the last number printed
            numbers = [i for i in range(first, len(texts)) if may_score(texts[i])]
            if not numbers:
                raise TableRejected(
                    Wording("the 总分 row prints no 分值 number", "总分行没有印出分值"), line
                )
            w = numbers[-1]
        weight, points = by_index.get(w), by_index.get(w + 1)
        notes = [c for c in cells[start + 1 :] if c.column not in (w, w + 1)]
        if columns is not None and "weight" in columns:
            shift = w + 1 - columns.location_column("weight")
            if shift:
                row = line.location.row
                state.remark(
                    row,
                    f"Line {row}: the 总分 row is printed shifted {shift_words(shift)}; "
                    f"taken as 分值 {weight.text if weight else ''}, "
                    f"得分 {points.text if points else ''}.",
                )
    # a grade printed beside them (总分 | 100 | 96 | 优, as Yunnan's tables print it)
    grade = next((c for c in notes if grade_word(c.text) is not None), None)
    notes = [c for c in notes if c is not grade]
    state.total = Total(
        weight.text if weight else "", points.text if points else "", grade.text if grade else ""
    )
    for role, printed in (("weight", weight), ("points", points), ("grade", grade)):
        if printed is not None:
            state.locations.put_cell(f"total.{role}", printed)
        elif columns is not None and role in columns:
            state.locations.put(f"total.{role}", line.location, columns.location_column(role))
    for cell in notes:
        if not is_dash(cell.text):
            state.unplace(
                line,
                Wording(
                    f"the 总分 row has no place for {cell.text[:40]!r}",
                    f"总分行中没有 {cell.text[:40]!r} 的位置",
                ),
                cell=cell,
            )


def after_total(state: TableState, marks: Marks, part: str) -> str:
    """Read a line after the 总分 row, in *part* (``"done"``, ``"audit"`` or
    ``"metadata"``): the blocks jixiao writes after a table it wrote (its
    findings, ignored, and its notes to read the table back), or a stray line.
    Returns the part the next line is in."""
    line, texts = marks.line, marks.texts
    title = header_word(texts[0]) if len(texts[0]) <= LABEL_LIMIT else ""
    if title == AUDIT_BLOCK:
        state.audit_row = line.location.row
        return "audit"
    if title == METADATA_BLOCK:
        return "metadata"
    if part == "metadata" and title in METADATA and len(texts) <= 2:
        key = METADATA[title]
        value = texts[1] if len(texts) > 1 else ""
        if key == "remark":
            state.meta_remarks.append(value)
        elif key in ("source", "template", "withdrawn"):
            state.meta[key] = value
        else:
            state.unplace(
                line,
                Wording(
                    f"a note jixiao no longer reads ({title})", f"jixiao 不再读取的说明（{title}）"
                ),
                "text",
            )
        return part
    if part == "audit" and line.location.row == state.audit_row + 1:
        state.audit_row += 1  # jixiao's findings: rows one after another, ignored
        return part
    kind = line_kind(texts, state.after)
    if kind != "furniture":  # a page break does not end a note
        state.after = kind
    state.unplace(line, Wording("after the 总分 row", "在总分行之后"), kind)
    return "done"
