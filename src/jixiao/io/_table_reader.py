"""Reading one table's lines into a :class:`ProjectTable` (private; see :mod:`jixiao.io.recognise`).

The table's parts are found by their landmarks, in any order the document
prints them: the title (one line or two), the identification labels
(项目编码, 项目名称, 主管部门, 实施单位, 一级预算单位, 绩效自评年度), the funds
(资金使用情况: the header's words give the columns, the row labels the rows,
the unit wherever it is printed), the goal texts (预期目标 / 实际完成情况),
the indicators (their header, on one line or two, gives the columns) and the
总分 row. Every value read is recorded with its location; every line that
fits nowhere is reported.
"""

from __future__ import annotations

import re

import jixiao.project.paths as paths
from jixiao.io._columns import Column, Columns, read_header
from jixiao.io._indicator_rows import (
    Entry,
    LayoutError,
    dense,
    find_scores,
    read_exact,
    read_shifted,
    shift_words,
)
from jixiao.io._indicator_tree import assemble, fix_label_drift
from jixiao.io._vocab import (
    AUDIT_BLOCK,
    FUNDS_HEADER,
    FUNDS_SECTION,
    GOAL_HEADER,
    GOAL_LABEL,
    GOAL_SECTION,
    INDICATOR_HEADER,
    LABEL_LIMIT,
    MAY_IDENTIFY,
    METADATA,
    METADATA_BLOCK,
    TOTAL,
    compact,
    funds_row,
    header_word,
    ident_label,
    is_dash,
    is_furniture,
    is_note_start,
    is_score,
    join_wraps,
    level1_label,
    level2_label,
    line_kind,
    title_line,
    unit_of,
)
from jixiao.io.grid import Cell, Grid, Line, SourceKind
from jixiao.io.result import PROBLEMS
from jixiao.project.model import Funds, FundsRow, Goal, ProjectInfo, ProjectTable, Total
from jixiao.quantities import Unit

__all__ = ["TableReader", "TableRejected", "ident_labels", "indicator_header"]

_YEAR = re.compile(r"([0-9]{4})(?:年度?)?")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_UNKNOWN_UNIT = re.compile(r"项目资金\(.{1,10}\)")
_FUNDS_VALUES = ("initial_budget", "full_year_budget", "executed")


class TableRejected(Exception):
    """A table that cannot be read at all (internal)."""

    def __init__(self, reason: str, line: Line | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def ident_labels(line: Line) -> list[tuple[int, str, str | None]]:
    """The identification labels a line prints: ``(cell index, field, inline value)``."""
    if MAY_IDENTIFY.search("\t".join(line.texts())) is None:
        return []
    found = []
    for i, cell in enumerate(line.cells):
        if cell.text and (labelled := ident_label(cell.text)) is not None:
            found.append((i, *labelled))
    return found


def indicator_header(line: Line) -> bool:
    """Whether a line is (the first line of) the indicator header."""
    texts = line.texts()
    printed = "\t".join(texts)  # no word below holds a tab: found in a cell, or not at all
    if "级指标" not in printed and "指标值" not in printed and "完成值" not in printed:
        return False
    words = {header_word(t) for t in texts if len(t) <= LABEL_LIMIT}
    roles = {INDICATOR_HEADER[w] for w in words if w in INDICATOR_HEADER}
    joined = "".join(compact(t) for t in texts if len(t) <= LABEL_LIMIT)
    return len(roles & {"level1", "level2", "name", "target", "actual"}) >= 2 or (
        "一级指标" in joined and "三级指标" in joined
    )


def _funds_header(line: Line) -> bool:
    words = {header_word(t) for t in line.texts() if len(t) <= LABEL_LIMIT}
    roles = {FUNDS_HEADER[w] for w in words if w in FUNDS_HEADER}
    return len(roles & {"initial_budget", "full_year_budget", "executed", "rate"}) >= 2


class TableReader:
    """Reads the lines of one table into a :class:`ProjectTable`."""

    def __init__(self, lines: list[Line], grid: Grid, label: str) -> None:
        self.lines = lines
        self.grid = grid
        self.label = label
        self.exact = grid.kind is not SourceKind.TSV
        self.wraps = grid.kind in (SourceKind.TSV, SourceKind.LAYOUT, SourceKind.PDF)
        self.unplaced: list[tuple[Line, str, str, Cell | None]] = []
        self.after = ""  # the kind of the last line after 总分 (a note runs on)
        self.remarks: list[tuple[int, str]] = []
        self.locations: dict[str, str] = {}
        self.info: dict[str, str] = {}
        self.title_year: int | None = None
        self.unit: Unit | None = None
        self.funds_columns: Columns | None = None
        self.rate_percent = True
        self.funds: dict[str, dict[str, str]] = {}
        self.goal_columns: dict[str, float] = {}
        self.expected: list[str] = []
        self.achieved: list[str] = []
        self.columns: Columns | None = None
        self.entries: list[Entry] = []
        self.total: Total | None = None
        self.meta: dict[str, str] = {}
        self.audit_row = 0
        self.meta_remarks: list[str] = []

    # ------------------------------------------------------------------ driver

    def read(self) -> ProjectTable:
        state = "top"
        skip = -1
        for n, line in enumerate(self.lines):
            if n == skip:
                continue
            texts = line.texts()
            if not texts:
                continue
            key = compact(texts[0]) if len(texts[0]) <= LABEL_LIMIT else ""
            if key == TOTAL or (
                len(texts) > 1 and compact(texts[1]) == TOTAL and key == "年度绩效指标"
            ):
                self._total(line)
                state = "done"
            elif state in ("done", "audit", "metadata"):
                state = self._after_total(line, state)
            elif is_furniture(texts):
                self._unplace(line, "a page number", "furniture")
            elif (title := title_line(texts)) is not None:
                if state == "indicators":
                    self._unplace(line, "the title repeated after a page break", "furniture")
                    continue
                if title[1] is not None:
                    self.title_year = title[1]
                    self.locations.setdefault("title", str(line.cells[0].location))
                for cell in [c for c in line.cells if c.text][1:]:  # 单位：万元 beside it
                    if (unit := unit_of(cell.text)) is not None:
                        self._set_unit(unit, cell, line)
            elif is_note_start(texts[0]) and len(texts) == 1:
                self._unplace(line, "a note about the form", "note")
            elif state != "indicators" and indicator_header(line):
                skip = self._indicator_header(n)
                state = "indicators"
            elif state == "indicators" and indicator_header(line):
                self._unplace(line, "the indicator header repeated after a page break", "furniture")
                if self._header_continues(n):
                    skip = n + 1
            elif state == "indicators":
                self._indicator(line)
            elif key in FUNDS_SECTION:
                state = "funds"
            elif key in GOAL_SECTION:
                state = "goal"
            elif state in ("top", "ident", "funds") and _funds_header(line):
                skip = self._funds_header(n)
                state = "funds"
            elif len(texts) == 1 and (unit := unit_of(texts[0])) is not None:
                self._set_unit(unit, line.cells[0], line)
            elif state == "funds" and any(funds_row(t) for t in texts[:3]):
                self._funds_row(line)
            elif state in ("top", "ident", "funds", "goal") and ident_labels(line):
                self._ident(line)
                state = "ident" if state == "top" else state
            elif any(header_word(t) in GOAL_HEADER for t in texts if len(t) <= LABEL_LIMIT):
                self._goal_header(line)
                state = "goal"
            elif state == "goal" or (key == GOAL_LABEL and state != "indicators"):
                self._goal_text(line)
                state = "goal"
            else:
                self._unplace(line, "not recognised as part of the table")
        return self._build()

    def _unplace(
        self, line: Line, reason: str, kind: str = "content", cell: Cell | None = None
    ) -> None:
        """Report *line* (at *cell*, when one cell of it is at fault)."""
        self.unplaced.append((line, reason, kind, cell))

    def _remark(self, line: int, text: str) -> None:
        if all(text != t for _, t in self.remarks):
            self.remarks.append((line, text))

    # ------------------------------------------------------------ identification

    def _ident(self, line: Line) -> None:
        cells = line.cells
        labels = ident_labels(line)
        before = [c.text for c in cells[: labels[0][0]] if c.text]
        if before:
            self._unplace(line, f"text before the first label: {before[0][:40]!r}")
        for k, (i, field, inline) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(cells)
            parts = [c for c in cells[i + 1 : end] if c.text]
            printed = " ".join(([inline] if inline else []) + [c.text for c in parts])
            where = cells[i] if inline or not parts else parts[0]
            value = printed if field in ("code", "year") or not self.wraps else join_wraps(printed)
            if value != printed:
                self._remark(
                    line.location.row,
                    f"Line {line.location.row}: the {compact(cells[i].text)} cell is printed "
                    f"wrapped as {printed!r}; joined to {value!r}.",
                )
            if field in self.info and self.info[field] != value:
                self._unplace(line, f"a second {compact(cells[i].text)} in one table")
                continue
            self.info.setdefault(field, value)
            self.locations.setdefault(f"project.{field}", str(where.location))

    # ------------------------------------------------------------------- funds

    def _set_unit(self, unit: Unit, cell: Cell, line: Line) -> None:
        if self.unit is not None and self.unit is not unit:
            self._unplace(line, f"a second unit ({unit.value}) for the amounts")
            return
        self.unit = unit
        self.locations.setdefault("funds.unit", str(cell.location))

    def _header_continues(self, n: int) -> bool:
        """Whether line *n* + 1 completes the header words of line *n*."""
        if n + 1 >= len(self.lines):
            return False
        below = self.lines[n + 1].texts()
        if not below or any(
            len(t) > 12 or is_score(t) or level1_label(t) or level2_label(t) for t in below
        ):
            return False
        one, unknown_one = read_header(self.lines[n : n + 1], INDICATOR_HEADER)
        two, unknown_two = read_header(self.lines[n : n + 2], INDICATOR_HEADER)
        joined = [c.text for c in two] != [c.text for c in one]
        return not unknown_two and (len(two) > len(one) or bool(unknown_one) or joined)

    def _funds_header(self, n: int) -> int:
        line = self.lines[n]
        columns, unknown = read_header([line], FUNDS_HEADER)
        for text in unknown:
            unit = unit_of(text)
            cell = next(c for c in line.cells if c.text == text)
            if unit is not None:
                self._set_unit(unit, cell, line)
            else:
                self._unplace(
                    line, f"an unknown word in the funds header: {text[:40]!r}", "column", cell
                )
        self._twice(line, columns, "funds")
        rate = next((c for c in columns if c.role == "rate"), None)
        if rate is not None:
            self.rate_percent = "%" in rate.text or "％" in rate.text
        self.funds_columns = Columns(columns)
        return -1

    def _twice(self, line: Line, columns: list[Column], name: str) -> None:
        """A problem for each role a header gives to more than one column (the first is read)."""
        seen: dict[str, Column] = {}
        for column in columns:
            first = seen.setdefault(column.role, column)
            if first is not column:
                cell = next((c for c in line.cells if c.location == column.location), None)
                self._unplace(
                    line,
                    f"the {name} header names two columns {first.text!r} and "
                    f"{column.text!r} alike; the first is read",
                    "column",
                    cell,
                )

    def _funds_row(self, line: Line) -> None:
        cells = [c for c in line.cells if not c.continued]
        at = next(i for i, c in enumerate(cells) if funds_row(c.text))
        field = funds_row(cells[at].text) or ""
        for before in cells[:at]:
            unit = unit_of(before.text)
            if unit is not None:
                self._set_unit(unit, before, line)
            elif _UNKNOWN_UNIT.fullmatch(compact(before.text)):
                raise TableRejected(f"an unknown unit for the amounts: {before.text[:40]!r}", line)
            elif compact(before.text) != "项目资金":
                self._unplace(line, f"an unrecognised cell in the funds row: {before.text[:40]!r}")
        label_unit = unit_of(cells[at].text)
        if label_unit is not None:
            self._set_unit(label_unit, cells[at], line)
        if field in self.funds:
            self._unplace(line, f"the funds row {compact(cells[at].text)} printed twice")
            return
        columns = self.funds_columns
        if columns is None:
            self._unplace(line, "a funds row before the funds header")
            return
        shift = 0.0
        if not self.exact:  # the values start right after the label, wherever it stands
            shift = columns.columns[0].x0 - (cells[at].x1)
        values: dict[str, str] = {}
        for cell in cells[at + 1 :]:
            role = columns.role_of(cell, shift)
            if role == "recomputed":  # execution points jixiao wrote beside the printed ones
                continue
            if role in values:
                self._unplace(
                    line, f"two values in the {role} column: {cell.text[:40]!r}", cell=cell
                )
                continue
            if field != "total" and role not in _FUNDS_VALUES:
                if not is_dash(cell.text):
                    self._unplace(
                        line, f"a value where the form prints —: {cell.text[:40]!r}", cell=cell
                    )
                continue
            values[role] = cell.text
            where = f"funds.{role}" if role not in _FUNDS_VALUES else paths.funds(field, role)
            self.locations[where] = str(cell.location)
        for role in columns.roles():
            where = f"funds.{role}" if role not in _FUNDS_VALUES else paths.funds(field, role)
            if (field == "total" or role in _FUNDS_VALUES) and where not in self.locations:
                self.locations[where] = columns.location_text(role, line)
        self.funds[field] = values

    # -------------------------------------------------------------------- goal

    def _goal_header(self, line: Line) -> None:
        for cell in line.cells:
            word = header_word(cell.text) if len(cell.text) <= LABEL_LIMIT else ""
            if word in GOAL_HEADER:
                self.goal_columns[GOAL_HEADER[word]] = cell.x0
            elif word and word != GOAL_LABEL:
                self._unplace(line, f"an unknown word in the goal header: {cell.text[:40]!r}")

    def _goal_text(self, line: Line) -> None:
        parts = [c for c in line.cells if c.text and compact(c.text) != GOAL_LABEL]
        achieved_x = self.goal_columns.get("achieved")
        if achieved_x is not None and (len(parts) != 2 or self.exact):
            expected = [c for c in parts if (c.x0 + c.x1) / 2 < achieved_x]
            achieved = [c for c in parts if (c.x0 + c.x1) / 2 >= achieved_x]
        else:
            expected, achieved = parts[:1], parts[1:]
        for cells, texts, path in (
            (expected, self.expected, "goal.expected"),
            (achieved, self.achieved, "goal.achieved"),
        ):
            if cells:
                self.locations.setdefault(path, str(cells[0].location))
                texts.append(" ".join(c.text for c in cells))

    # -------------------------------------------------------------- indicators

    def _indicator_header(self, n: int) -> int:
        two = self._header_continues(n)
        columns, unknown = read_header(self.lines[n : n + (2 if two else 1)], INDICATOR_HEADER)
        header = self.lines[n : n + (2 if two else 1)]
        for text in unknown:
            if compact(text) not in (GOAL_LABEL,):
                cell = next((c for h in header for c in h.cells if c.text == text), None)
                self._unplace(
                    self.lines[n],
                    f"an unknown word in the indicator header: {text[:40]!r}",
                    "column",
                    cell,
                )
        self._twice(self.lines[n], columns, "indicator")
        if "weight" not in {c.role for c in columns}:
            raise TableRejected("the indicator header names no 分值 column", self.lines[n])
        self.columns = Columns(columns)
        if two:
            row = self.lines[n].location.row
            self._remark(
                row, f"Line {row}: the indicator header is printed over two lines; read as one."
            )
        return n + 1 if two else -1

    def _indicator(self, line: Line) -> None:
        assert self.columns is not None
        try:
            entry = (
                read_exact(line, self.columns, self.wraps)
                if self.exact
                else read_shifted(line, self.columns)
            )
        except LayoutError as error:
            self._unplace(line, error.reason)
            return
        if entry is None:
            self._unplace(line, "not an indicator row (too few cells)")
            return
        if not entry.has_row and entry.values and self.entries:  # a wrapped line: join upward
            self._join_wrapped(entry)
            return
        self.entries.append(entry)

    def _join_wrapped(self, fragment: Entry) -> None:
        previous = next((e for e in reversed(self.entries) if e.has_row or e.values), None)
        if previous is None:  # nothing above to join to: as if first (found by fuzzing)
            self.entries.append(fragment)
            return
        for role, cell in fragment.values.items():
            before = previous.values.get(role)
            if before is None:
                previous.values[role] = cell
            else:
                glue = (
                    ""
                    if join_wraps(f"{before.text[-1:]} {cell.text[:1]}")
                    != f"{before.text[-1:]} {cell.text[:1]}"
                    else " "
                )
                previous.values[role] = before._replace(text=before.text + glue + cell.text)
        for label in ("level1", "level2"):
            if getattr(fragment, label) is not None and getattr(previous, label) is None:
                setattr(previous, label, getattr(fragment, label))
                setattr(previous, f"{label}_cell", getattr(fragment, f"{label}_cell"))

    def _total(self, line: Line) -> None:
        cells = [c for c in line.cells if c.text and not c.continued]
        start = next(i for i, c in enumerate(cells) if compact(c.text) == TOTAL)
        weight: Cell | None = None
        points: Cell | None = None
        notes: list[Cell] = []
        if self.columns is not None and self.exact:
            for cell in cells[start + 1 :]:
                role = self.columns.role_of(cell)
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
                numbers = [i for i in range(first, len(texts)) if is_score(texts[i])]
                if not numbers:
                    raise TableRejected("the 总分 row prints no 分值 number", line)
                w = numbers[-1]
            weight, points = by_index.get(w), by_index.get(w + 1)
            notes = [c for c in cells[start + 1 :] if c.column not in (w, w + 1)]
            if self.columns is not None and "weight" in self.columns:
                shift = w + 1 - self.columns.by_role["weight"].location.column
                if shift:
                    row = line.location.row
                    self._remark(
                        row,
                        f"Line {row}: the 总分 row is printed shifted {shift_words(shift)}; "
                        f"taken as 分值 {weight.text if weight else ''}, "
                        f"得分 {points.text if points else ''}.",
                    )
        self.total = Total(weight.text if weight else "", points.text if points else "")
        for role, printed in (("weight", weight), ("points", points)):
            if printed is not None:
                self.locations[f"total.{role}"] = str(printed.location)
            elif self.columns is not None and role in self.columns:
                self.locations[f"total.{role}"] = self.columns.location_text(role, line)
        for cell in notes:
            if not is_dash(cell.text):
                self._unplace(line, f"the 总分 row has no place for {cell.text[:40]!r}", cell=cell)

    def _after_total(self, line: Line, state: str) -> str:
        """The blocks jixiao writes after a table it wrote (its findings, ignored,
        and its notes to read the table back), or a stray line."""
        texts = line.texts()
        title = header_word(texts[0]) if len(texts[0]) <= LABEL_LIMIT else ""
        if title == AUDIT_BLOCK:
            self.audit_row = line.location.row
            return "audit"
        if title == METADATA_BLOCK:
            return "metadata"
        if state == "metadata" and title in METADATA and len(texts) <= 2:
            key = METADATA[title]
            value = texts[1] if len(texts) > 1 else ""
            if key == "remark":
                self.meta_remarks.append(value)
            elif key in ("source", "template", "withdrawn"):
                self.meta[key] = value
            else:
                self._unplace(line, f"a note jixiao no longer reads ({title})", "text")
            return state
        if state == "audit" and line.location.row == self.audit_row + 1:
            self.audit_row += 1  # jixiao's findings: rows one after another, ignored
            return state
        kind = line_kind(texts, self.after)
        if kind != "furniture":  # a page break does not end a note
            self.after = kind
        self._unplace(line, "after the 总分 row", kind)
        return "done"

    # ---------------------------------------------------------------- assembly

    def _build(self) -> ProjectTable:
        if self.columns is None and "total" not in self.funds:
            raise TableRejected("neither funds nor indicators found")
        if not self.entries:
            raise TableRejected("no indicator rows found in the table")
        if self.columns is None:  # pragma: no cover - entries need columns
            raise TableRejected("no indicator header")
        if self.grid.kind in (SourceKind.TSV, SourceKind.LAYOUT):  # text put in lines
            self.remarks.extend(fix_label_drift(self.entries))  # by an extraction
        try:
            tree = assemble(self.entries, self.columns)
        except LayoutError as error:
            raise TableRejected(error.reason, error.line) from None
        self.remarks.extend(tree.remarks)
        self.locations.update(tree.locations)
        for entry, problem, cell in tree.problems:
            self._unplace(entry.line, problem, cell=cell)
        year = self._year()
        if "name" not in self.info:
            self._remark(0, "No 项目名称 is printed.")
        if self.unit is None:
            self._remark(0, "No unit is printed for the amounts; 元 assumed.")
        if "total" not in self.funds:
            self._remark(0, "No 年度资金总额 row is printed.")
        content = [line for line, _, kind, _ in self.unplaced if kind in PROBLEMS]
        if content:
            listed = ", ".join(str(line.location.row) for line in content[:10])
            self._remark(
                content[0].location.row,
                f"{len(content)} line(s) of this table could not be placed (line {listed}"
                f"{', …' if len(content) > 10 else ''}); they are reported with the reader's "
                "unplaced text.",
            )
        total = self.funds.get("total", {})
        rows = {
            field: FundsRow(*(values.get(r, "") for r in _FUNDS_VALUES))
            for field, values in self.funds.items()
        }
        truncated = self.total is None
        if truncated:
            self._remark(
                0, "The table ends before its 总分 row: it was cut; its last rows may be missing."
            )
        return ProjectTable(
            project=ProjectInfo(
                code=self.info.get("code", ""),
                name=self.info.get("name", ""),
                year=year,
                implementing_unit=self.info.get("implementing_unit", ""),
                budget_unit=self.info.get("budget_unit", ""),
                competent_department=self.info.get("competent_department", ""),
            ),
            funds=Funds(
                total=rows.get("total", FundsRow()),
                unit=self.unit or Unit.YUAN,
                current_appropriation=rows.get("current_appropriation", FundsRow()),
                carry_over=rows.get("carry_over", FundsRow()),
                other=rows.get("other", FundsRow()),
                weight=total.get("weight", ""),
                rate=total.get("rate", ""),
                points=total.get("points", ""),
                rate_percent=self.rate_percent,
            ),
            level1=tree.level1,
            total=self.total or Total("", ""),
            goal=Goal(self._paragraphs(self.expected), self._paragraphs(self.achieved)),
            template=self.meta.get("template"),
            withdrawn=self.meta.get("withdrawn"),
            source=self.meta.get("source", self.label),
            remarks=(
                *self.meta_remarks,
                *(text for _, text in sorted(self.remarks, key=lambda r: r[0])),
            ),
            truncated=truncated,
            locations=self.locations,
        )

    def _paragraphs(self, texts: list[str]) -> str:
        """Goal texts printed on several lines: paragraphs, or a cell wrapped by
        the extraction (laid-out text and PDF words), joined as such."""
        if self.grid.kind in (SourceKind.LAYOUT, SourceKind.PDF):
            return join_wraps(" ".join(texts))
        return "\n".join(texts)

    def _year(self) -> int | None:
        printed = self.info.get("year")
        if printed:
            match = _YEAR.fullmatch(compact(printed).translate(_CHINESE_DIGITS))
            if match is None:
                raise TableRejected(f"the 绩效自评年度 {printed[:40]!r} is not a year")
            year = int(match.group(1))
            if self.title_year is not None and self.title_year != year:
                self._remark(
                    0,
                    f"The title prints the year {self.title_year}, the table {year}; {year} kept.",
                )
            return year
        if self.title_year is not None:
            self.locations.setdefault("project.year", self.locations.get("title", ""))
        return self.title_year
