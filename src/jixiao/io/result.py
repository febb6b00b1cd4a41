"""What a reader returns: the tables it found and what it could not place."""

from __future__ import annotations

import attrs

from jixiao.project.model import ProjectTable

__all__ = ["ReadResult", "Unplaced"]


@attrs.frozen
class Unplaced:
    """Text a reader found but could not place in a table.

    Attributes:
        source: the file.
        table: the table's number in the file (1-based), or ``None`` outside any table.
        location: where in the file: ``"line 42"``, ``"sheet 1!B7"``.
        text: the text as found.
        reason: why it could not be placed.
    """

    source: str
    table: int | None
    location: str
    text: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}, table {self.table}" if self.table else self.source
        return f"{where}, {self.location}: {self.reason}: {self.text!r}"


@attrs.frozen
class ReadResult:
    """The tables read from one file, in order, and what could not be placed."""

    source: str
    tables: tuple[ProjectTable, ...]
    unplaced: tuple[Unplaced, ...] = ()
