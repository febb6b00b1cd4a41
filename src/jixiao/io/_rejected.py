"""What the reader raises inside itself when text cannot be read (private).

None of these leaves the reader: a line it cannot read is reported as
unplaced, a table it cannot read as a table not read, each with the reason
given here in both languages (:mod:`jixiao.io.recognise`).
"""

from __future__ import annotations

from jixiao.errors import Wording
from jixiao.io.grid import Line

__all__ = ["LayoutError", "Rejected", "TableRejected"]


class Rejected(Exception):
    """Text the reader cannot read (internal): *reason* says why, in both
    languages; *line* is the line at fault, when there is one."""

    def __init__(self, reason: Wording, line: Line | None = None) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.line = line


class LayoutError(Rejected):
    """A line of a table cannot be read (internal)."""


class TableRejected(Rejected):
    """A table that cannot be read at all (internal)."""
