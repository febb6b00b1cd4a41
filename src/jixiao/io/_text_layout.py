"""The machinery of :mod:`jixiao.io.text`: reading one table (private).

:mod:`jixiao.io.text` holds the public functions and the file guards; the
interpretations are listed in its docstring. The stages of reading live in
three private modules:

* :mod:`jixiao.io._text_cells`: lines and cells, labels, line-wraps, and the
  cutting of a text into tables;
* :mod:`jixiao.io._text_rows`: indicator rows, label drift and the indicator tree;
* this module: one table's header, funds, goal, indicator and 总分 lines read
  into a :class:`~jixiao.project.model.ProjectTable`.

Every pattern is anchored or bounded, so that a line of a megabyte is read in
linear time.
"""

from __future__ import annotations

import re

from jixiao.io._text_cells import (
    FUNDS_LABELS,
    HEADING,
    INFO_LABELS,
    MAX_CELLS,
    TOTAL,
    TextLine,
    clean_cell,
    compact,
    first_cell,
    funds_key,
    has_tag,
    info_key,
    is_score,
    join_wraps,
    level1_label,
    level2_label,
    non_empty,
    shift_words,
    short,
)
from jixiao.io._text_rows import Entry, LayoutError, assemble, find_scores, read_row
from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    ProjectInfo,
    ProjectTable,
    Total,
    is_blank,
    is_unreadable,
    printed_number,
)
from jixiao.quantities import Unit

__all__ = [  # the stages' names used by tests stay importable from here
    "LayoutError",
    "TableReader",
    "TableRejected",
    "clean_cell",
    "find_scores",
    "join_wraps",
    "level1_label",
    "level2_label",
    "read_row",
]

_UNIT = re.compile(r"项目资金\((元|万元|亿元)\)")
_YEAR = re.compile(r"([0-9]{4})年?")


class TableRejected(Exception):
    """A table that cannot be read completely (internal)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class TableReader:
    """Reads one table's lines into a :class:`ProjectTable` (raises :class:`TableRejected`)."""

    def __init__(self, lines: list[TextLine], source: str, open_end: int | None) -> None:
        self.lines = lines
        self.source = source
        self.open_end = open_end
        self.unplaced: list[tuple[TextLine, str]] = []
        self.remarks: list[tuple[int, str]] = []
        self.remark_texts: set[str] = set()
        self.info: dict[str, str] = {}
        self.funds: dict[str, FundsRow] = {}
        self.funds_score: tuple[str, str, str] | None = None
        self.unit: Unit | None = None
        self.expected: list[str] = []
        self.achieved: list[str] = []
        self.achieved_col: int | None = None
        self.goal_label_line: int | None = None
        self.columns = {"level1": 1, "level2": 2, "weight": 6}
        self.entries: list[Entry] = []
        self.total: Total | None = None
        self.seen_indicator_header = False

    # ------------------------------------------------------------------ driver

    def read(self) -> ProjectTable:
        state = "top"
        tagged: list[int] = []
        for line in self.lines:
            if line.wide:
                self._unplace(line, f"more than {MAX_CELLS} cells: not a line of the table")
                continue
            if has_tag(line.raw):
                tagged.append(line.number)
            first = first_cell(line.cells)
            keys = {compact(c) for c in line.cells if c and len(c) <= 40}
            if first == TOTAL:
                self._total(line)
            elif (first.startswith(HEADING) and len(non_empty(line.cells)) == 1) or (
                state != "indicators" and self._info(line)
            ):
                continue
            elif first == "资金使用情况":
                state = "funds"
            elif first == "项目目标完成情况":
                state = "goal"
            elif state in ("top", "funds") and self._funds(line, keys):
                state = "funds"
            elif "一级指标" in keys and "三级指标" in keys:
                self._indicator_header(line, state == "indicators")
                state = "indicators"
            elif state != "indicators" and "预期目标" in keys:
                self._goal_header(line)
                state = "goal"
            elif state == "goal":
                self._goal_text(line)
            elif state == "indicators":
                self._indicator(line)
            else:
                self._unplace(line, "not recognised as part of the table")
        if tagged:
            self._remark(
                tagged[0],
                f"HTML tags are stripped (line {', '.join(map(str, tagged))}); "
                "paragraphs (</p> <p>) are joined with a newline.",
            )
        return self._build()

    def _unplace(self, line: TextLine, reason: str, text: str | None = None) -> None:
        self.unplaced.append((line, reason if text is None else f"{reason}: {text!r}"))

    def _remark(self, line: int, text: str) -> None:
        if text not in self.remark_texts:
            self.remark_texts.add(text)
            self.remarks.append((line, text))

    # ------------------------------------------------------------ header parts

    def _info(self, line: TextLine) -> bool:
        cells = line.cells
        labels = [(i, key) for i, c in enumerate(cells) if (key := info_key(c))]
        if not labels:
            return False
        if non_empty(cells[: labels[0][0]]):
            self._unplace(line, "cells before the first label", short(cells[0]))
        for k, (i, (field, inline)) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(cells)
            parts = ([inline] if inline else []) + non_empty(cells[i + 1 : end])
            printed = " ".join(parts)
            value = printed if field in ("code", "year") else join_wraps(printed)
            if "：" in cells[i]:
                self._remark(
                    line.number,
                    "Labels are printed with full-width colons (：), read like ':'; values "
                    "keep their full-width punctuation as printed.",
                )
            if value != printed:
                self._remark(
                    line.number,
                    f"Line {line.number}: the {cells[i].rstrip(':：')} cell is printed wrapped as "
                    f"{printed!r}; joined to {value!r}.",
                )
            if field in self.info and self.info[field] != value:
                self._unplace(line, f"a second {field} in one table", short(value))
            else:
                self.info.setdefault(field, value)
        return True

    def _funds(self, line: TextLine, keys: set[str]) -> bool:
        if "年初预算数" in keys:
            return True
        cells = line.cells
        keyed = [(i, k) for i, c in enumerate(cells) if (k := funds_key(c)) in FUNDS_LABELS]
        if not keyed:
            return False
        i, key = keyed[0]
        field = FUNDS_LABELS[key]
        for before in non_empty(cells[:i]):
            match = _UNIT.fullmatch(compact(before))
            if match:
                self.unit = Unit.parse(match.group(1))
            else:
                self._unplace(line, "unrecognised cell in the funds row", short(before))
        values = [*cells[i + 1 : i + 7], *[""] * 6][:6]
        for value in values:
            if value and not (
                printed_number(value) is not None or is_blank(value) or is_unreadable(value)
            ):
                raise TableRejected(
                    f"the funds cell {short(value)!r} of {key} is not a number", line.number
                )
        extra = non_empty(cells[i + 7 :])
        if field != "total":
            extra = [v for v in values[3:] if not is_blank(v)] + extra
        if extra:
            self._unplace(line, f"cells beyond the {key} row", short("\t".join(extra)))
        if field in self.funds:
            raise TableRejected(f"the funds row {key} is printed twice", line.number)
        self.funds[field] = FundsRow(*values[:3])
        if field == "total":
            self.funds_score = (values[3], values[4], values[5])
        return True

    def _goal_header(self, line: TextLine) -> None:
        for i, cell in enumerate(line.cells):
            if cell and compact(cell) == "实际完成情况":
                self.achieved_col = i
        if not any(compact(c) == "年度总体目标" for c in line.cells if len(c) <= 40):
            self.goal_label_line = line.number

    def _goal_text(self, line: TextLine) -> None:
        label = False
        parts: list[tuple[int, str]] = []
        for i, cell in enumerate(line.cells):
            if cell and len(cell) <= 40 and compact(cell) == "年度总体目标":
                label = True
            elif cell:
                parts.append((i, cell))
        if label and self.goal_label_line is not None:
            self._remark(
                line.number,
                f"Line {line.number}: the 年度总体目标 label is printed on the line of the "
                "goal texts rather than on the 预期目标 header line; no value moved.",
            )
        if self.expected or self.achieved:
            self._remark(
                line.number,
                f"Line {line.number}: the goal texts continue on a further line; joined with a newline.",
            )
        if self.achieved_col is not None and len(parts) != 2:
            expected = [c for i, c in parts if i < self.achieved_col]
            achieved = [c for i, c in parts if i >= self.achieved_col]
        else:
            expected = [c for _, c in parts[:1]]
            achieved = [c for _, c in parts[1:]]
        self.expected.extend(expected)
        self.achieved.extend(achieved)

    # -------------------------------------------------------------- indicators

    def _indicator_header(self, line: TextLine, repeated: bool) -> None:
        if repeated or self.seen_indicator_header:
            self._remark(
                line.number,
                f"Line {line.number}: the indicator header line is printed again; skipped.",
            )
            return
        self.seen_indicator_header = True
        names = {"一级指标": "level1", "二级指标": "level2", "分值": "weight"}
        for i, cell in enumerate(line.cells):
            key = compact(cell) if len(cell) <= 40 else ""
            if key in names:
                self.columns[names[key]] = i

    def _indicator(self, line: TextLine) -> None:
        try:
            row = read_row(line.cells)
        except LayoutError as error:
            raise TableRejected(str(error), line.number) from None
        if row is None:
            self._unplace(line, "not an indicator row (too few cells)")
            return
        self.entries.append(Entry(line.number, row, row.level1, row.level2))

    def _total(self, line: TextLine) -> None:
        cells = line.cells
        start = next(i for i, c in enumerate(cells) if c) + 1
        rest = cells[start:]
        w = find_scores(rest)
        if w is None or not is_score(rest[w + 1]):
            raise TableRejected("the 总分 row prints no 分值 and 得分 numbers", line.number)
        self.total = Total(rest[w], rest[w + 1])
        shift = start + w - self.columns["weight"]
        if shift:
            self._remark(
                line.number,
                f"Line {line.number}: the 总分 row is printed shifted {shift_words(shift)}; "
                f"taken as 分值 {rest[w]}, 得分 {rest[w + 1]}.",
            )
        notes = [c for c in non_empty(rest[w + 2 :]) if not is_blank(c)]
        if notes:
            self._unplace(line, "the 总分 row has no place for a note", short(notes[0]))
        if line.number == self.open_end and not non_empty(rest[w + 2 :]):
            self._remark(
                line.number,
                f"Line {line.number}: the file ends on this 总分 row without a final newline "
                "or note cell; if the file was cut here, the 得分 may be incomplete.",
            )

    # ---------------------------------------------------------------- assembly

    def _build(self) -> ProjectTable:
        missing = [
            label for label, field in INFO_LABELS.items() if field in ("code", "name", "year")
        ]
        missing = [label for label in missing if not self.info.get(INFO_LABELS[label])]
        if missing:
            raise TableRejected(f"no {', '.join(missing)} found in the table")
        year = _YEAR.fullmatch(compact(self.info["year"]))
        if year is None:
            raise TableRejected(f"the 绩效自评年度 {short(self.info['year'])!r} is not a year")
        if "total" not in self.funds or self.funds_score is None:
            raise TableRejected("no 年度资金总额 row found in the table")
        if not self.entries:
            raise TableRejected("no indicator rows found in the table")
        if self.total is None:
            raise TableRejected("no 总分 row: the table ends early (is the file cut?)")
        if self.unit is None:
            self._remark(0, "No 项目资金 unit is printed; 元 assumed.")
        try:
            level1, remarks = assemble(self.entries, self.columns)
        except LayoutError as error:
            raise TableRejected(str(error), error.line) from None
        for line, remark in remarks:
            self._remark(line, remark)
        if self.unplaced:
            numbers = [str(line.number) for line, _ in self.unplaced]
            listed = ", ".join(numbers[:10]) + (", …" if len(numbers) > 10 else "")
            self._remark(
                self.unplaced[0][0].number,
                f"{len(numbers)} line(s) of this table could not be placed (line {listed}); "
                "they are reported with the reader's unplaced text.",
            )
        weight, rate, points = self.funds_score
        funds = Funds(
            total=self.funds["total"],
            unit=self.unit or Unit.YUAN,
            current_appropriation=self.funds.get("current_appropriation", FundsRow()),
            carry_over=self.funds.get("carry_over", FundsRow()),
            other=self.funds.get("other", FundsRow()),
            weight=weight,
            rate=rate,
            points=points,
        )
        return ProjectTable(
            project=ProjectInfo(
                code=self.info["code"],
                name=self.info["name"],
                year=int(year.group(1)),
                implementing_unit=self.info.get("implementing_unit", ""),
                budget_unit=self.info.get("budget_unit", ""),
            ),
            funds=funds,
            level1=level1,
            total=self.total,
            goal=Goal("\n".join(self.expected), "\n".join(self.achieved)),
            source=self.source,
            remarks=tuple(text for _, text in sorted(self.remarks, key=lambda r: r[0])),
        )
