"""What a reader returns: the tables it found and what it could not place."""

from __future__ import annotations

import attrs

from jixiao._format import words
from jixiao.project.model import ProjectTable

__all__ = ["PROBLEMS", "ReadResult", "Unplaced"]

PROBLEMS = frozenset({"content", "column"})
"""The kinds of :class:`Unplaced` text that mean a table may be read incompletely."""

KINDS_ZH = {
    "content": "表格内容",
    "column": "列",
    "furniture": "版面",
    "note": "说明",
    "text": "正文",
    "field": "字段",
}
"""Each kind of :class:`Unplaced` text in Chinese."""


@attrs.frozen
class Unplaced:
    """Text a reader found but could not place in a table.

    Attributes:
        source: the file.
        table: the table's number in the file (1-based), or ``None`` outside any table.
        location: where in the file, as :class:`jixiao.io.grid.Location` prints it
            (``"report.txt:42"``, ``"book.xlsx:Sheet1!B7"``).
        text: the text as found.
        reason: why it could not be placed; ``reason_zh`` the same in Chinese.
        kind: what it is: ``"content"`` — it looks like table content but fits
            nowhere (a problem: the table it stands in may be incomplete);
            ``"column"`` — a header word that gives its column no role, a
            cell printed under such a word (never read as another column's),
            or a role printed over two columns (a problem: that column's
            cells are not read, or the second column's are read as the first's);
            ``"furniture"`` — a page number, a header repeated after a page
            break; ``"note"`` — a note about the form (填报说明); ``"text"`` —
            the rest of the document (its other chapters); ``"field"`` — an
            identification field, a row or a column the table model has no
            place for (项目负责人及电话, 联系电话: its label and value; the row
            其他需要说明事项: its cells; Sichuan's funds rows 财政专户管理资金 …:
            each once, at its line; the column 得分计算方法: its header and cells).
    """

    source: str
    table: int | None
    location: str
    text: str
    reason: str
    kind: str = "content"
    reason_zh: str = ""

    @property
    def problem(self) -> bool:
        """Whether it means a table may be read incompletely (its kind is in :data:`PROBLEMS`)."""
        return self.kind in PROBLEMS

    def __str__(self) -> str:
        return self.line("en")

    def line(self, lang: str = "both") -> str:
        """The place, kind, reason and text on one line, in *lang*."""
        table = self.table
        where = self.location
        if table:
            both = f"（第 {table} 张表 table {table}）"
            where += words(f"（第 {table} 张表）", f" (table {table})", lang, both=both)
        kind = words(KINDS_ZH.get(self.kind, self.kind), self.kind, lang)
        colon = "：" if lang == "zh" else ": "
        reason = words(self.reason_zh or self.reason, self.reason, lang)
        return f"{where}{colon}[{kind}] {reason}{colon}{self.text[:200]!r}"


@attrs.frozen
class ReadResult:
    """The tables read from one file, in order, and what could not be placed.

    Attributes:
        source: the file.
        tables: the tables, in the order printed.
        unplaced: every printed line that is in no table, or that a table could
            not place, with its kind (see :class:`Unplaced`).
        notes: what the source reader noticed (a formula without a stored
            value, tags stripped…), each ``"location: note"``.
        numbers: each table's number in the file (1-based), as
            :attr:`Unplaced.table` counts them: the tables found, those that
            could not be read included. By default ``1, 2, …``, one a table.
    """

    source: str
    tables: tuple[ProjectTable, ...]
    unplaced: tuple[Unplaced, ...] = ()
    notes: tuple[str, ...] = ()
    numbers: tuple[int, ...] = attrs.field()

    @numbers.default
    def _in_order(self) -> tuple[int, ...]:
        return tuple(range(1, len(self.tables) + 1))

    @numbers.validator
    def _one_a_table(self, _: attrs.Attribute[tuple[int, ...]], value: tuple[int, ...]) -> None:
        if len(value) != len(self.tables):
            raise ValueError(f"{len(value)} numbers for {len(self.tables)} tables")

    @property
    def unread(self) -> tuple[int, ...]:
        """The numbers of the tables found in the file that could not be read
        (their lines are in :attr:`unplaced`, each naming its table)."""
        read = set(self.numbers)
        return tuple(sorted({u.table for u in self.unplaced if u.table and u.table not in read}))

    @property
    def content(self) -> tuple[Unplaced, ...]:
        """The unplaced text that means a table may be incomplete (the ones that matter)."""
        return tuple(u for u in self.unplaced if u.problem)
