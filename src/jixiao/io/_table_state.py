"""What reading one table has found so far, shared by the readers of its parts (private).

A table's lines are read in order (:mod:`jixiao.io._table_reader`); each part
— identification, funds and goal (:mod:`jixiao.io._table_top`), indicators
and the 总分 row (:mod:`jixiao.io._table_indicators`) — records what it read
in one :class:`TableState`, with the location of every value, the remarks on
what was repaired and every line or cell it could not place.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from jixiao.errors import Wording
from jixiao.io._columns import NO_ROLE, Column, Columns
from jixiao.io._form_words import COLUMNS_UNREAD
from jixiao.io._indicator_rows import Entry
from jixiao.io._vocab import header_word
from jixiao.io.grid import Cell, Line, Locations, SourceKind
from jixiao.project.model import Total
from jixiao.quantities import Unit

__all__ = ["Stray", "TableState"]

_HEADERS_ZH = {"funds": "资金", "indicator": "指标"}
"""The headers a role can be printed twice in, in Chinese, for reasons."""


@attrs.define
class Stray:
    """A line of a table, or one cell of it, that could not be placed."""

    line: Line
    reason: Wording
    kind: str
    """As :attr:`jixiao.io.result.Unplaced.kind`."""
    cell: Cell | None
    """The cell at fault, when it is one cell of the line."""


@attrs.define
class TableState:
    """One table's reading so far.

    Attributes:
        kind: the form of the document.
        cleaned: whether the table's cells are of a block whose merges were
            cleaned away (:attr:`~jixiao.io.grid.Grid.cleaned`).
        exact: whether the source prints every cell at its place (all but
            tab-separated text and Markdown: text put in lines, where an
            extraction or a converter drops a merged cell's empty places; and
            an HTML table that lost its merges and their places).
        wraps: whether the source wraps cells onto further lines (tab-separated
            and laid-out text, PDF).
    """

    kind: SourceKind
    cleaned: bool = False
    exact: bool = attrs.field(init=False)
    wraps: bool = attrs.field(init=False)
    unplaced: list[Stray] = attrs.field(factory=list)
    remarks: list[tuple[int, str]] = attrs.field(factory=list)
    """What was repaired, with the line it concerns (0: the table as a whole)."""
    locations: Locations = attrs.field(factory=Locations)
    info: dict[str, str] = attrs.field(factory=dict)
    """The identification values by ProjectInfo field."""
    title_year: int | None = None
    unit: Unit | None = None
    funds_columns: Columns | None = None
    rate_percent: bool = True
    rate_on_initial_budget: bool = False
    funds: dict[str, dict[str, str]] = attrs.field(factory=dict)
    """Each funds row's values by role."""
    goal_columns: dict[str, float] = attrs.field(factory=dict)
    expected: list[str] = attrs.field(factory=list)
    achieved: list[str] = attrs.field(factory=list)
    columns: Columns | None = None
    """The indicator header's columns."""
    entries: list[Entry] = attrs.field(factory=list)
    total: Total | None = None
    meta: dict[str, str] = attrs.field(factory=dict)
    """jixiao's notes after a table it wrote (source, template, withdrawn)."""
    meta_remarks: list[str] = attrs.field(factory=list)
    audit_row: int = 0
    """The last row of jixiao's findings block after the table."""
    after: str = ""
    """The kind of the last line after 总分 (a note runs on)."""

    def __attrs_post_init__(self) -> None:
        self.exact = self.kind not in (SourceKind.TSV, SourceKind.MARKDOWN) and not self.cleaned
        self.wraps = self.kind in (
            SourceKind.TSV,
            SourceKind.LAYOUT,
            SourceKind.PDF,
            SourceKind.OFD,
        )

    def unplace(
        self, line: Line, reason: Wording, kind: str = "content", cell: Cell | None = None
    ) -> None:
        """Report *line* (at *cell*, when one cell of it is at fault)."""
        self.unplaced.append(Stray(line, reason, kind, cell))

    def list_fields(self, line: Line, cells: Sequence[Cell] | None, reason: Wording) -> None:
        """List *cells* of *line* (``None``: the whole line, once), a part of
        the form the table model has no place for (kind ``field``: not a
        problem), for *reason*."""
        for cell in [None] if cells is None else cells:
            self.unplace(line, reason, "field", cell)

    def remark(self, line: int, text: str) -> None:
        """Say what was repaired (once), at *line*."""
        if all(text != t for _, t in self.remarks):
            self.remarks.append((line, text))

    def unread(self, line: Line, cell: Cell, word: str) -> None:
        """Report *cell*, printed under the header word *word*, which gives its
        column no role: left unread rather than read as a neighbour's."""
        w = word[:40]
        self._no_role(
            line,
            cell,
            word,
            Wording(
                f"printed under {w!r}, a column the table model has no place for; not read",
                f"印在表头 {w!r} 之下，表格模型未设此列；未读取",
            ),
            Wording(
                f"printed under {w!r}, a header word of no known role; not read",
                f"印在表头 {w!r} 之下，该列含义不明；未读取",
            ),
        )

    def unknown_word(self, line: Line, cell: Cell | None, text: str, header: str) -> None:
        """Report *text* (in *cell*), a word of the *header* header (``"funds"``,
        ``"indicator"``) that gives its column no role."""
        t, zh = text[:40], _HEADERS_ZH[header]
        self._no_role(
            line,
            cell,
            text,
            Wording(
                f"{t!r} in the {header} header: a column the table model has no place for; "
                "not read",
                f"{zh}表头中的 {t!r}：表格模型未设此列；未读取",
            ),
            Wording(
                f"an unknown word in the {header} header: {t!r}",
                f"{zh}表头中不认识的词：{t!r}",
            ),
        )

    def _no_role(
        self, line: Line, cell: Cell | None, word: str, listed: Wording, problem: Wording
    ) -> None:
        """Report *cell*, of a column the header *word* gives no role: listed
        (kind ``field``, for *listed*) when the word heads a column the model
        has no place for (:data:`~jixiao.io._form_words.COLUMNS_UNREAD`), a
        problem (kind ``column``, for *problem*) otherwise."""
        if header_word(word) in COLUMNS_UNREAD:
            self.unplace(line, listed, "field", cell)
        else:
            self.unplace(line, problem, "column", cell)

    def set_unit(self, unit: Unit, cell: Cell, line: Line) -> None:
        """The amounts' unit, printed in *cell*; a second, different one is reported."""
        if self.unit is not None and self.unit is not unit:
            self.unplace(
                line,
                Wording(
                    f"a second unit ({unit.value}) for the amounts",
                    f"金额的第二个单位（{unit.value}）",
                ),
            )
            return
        self.unit = unit
        self.locations.put_cell("funds.unit", cell, first=True)

    def twice(self, line: Line, columns: list[Column], name: str) -> None:
        """A problem for each role a header gives to more than one column (the first is read)."""
        seen: dict[str, Column] = {}
        for column in columns:
            if column.role == NO_ROLE:
                continue
            first = seen.setdefault(column.role, column)
            if first is not column:
                cell = next((c for c in line.cells if c.location == column.location), None)
                self.unplace(
                    line,
                    Wording(
                        f"the {name} header names two columns {first.text!r} and "
                        f"{column.text!r} alike; the first is read",
                        f"{_HEADERS_ZH.get(name, name)}表头中 {first.text!r} 与 {column.text!r} "
                        "两列同义；读取前者",
                    ),
                    "column",
                    cell,
                )
