"""Writers of a batch audit that write each file's audits as they come.

Each writer takes the :class:`~jixiao.io.batch.FileAudit` items of
:func:`~jixiao.io.batch.iter_audits` one at a time (:meth:`add`), writes them
and keeps nothing of them but counts; :meth:`finish` writes what ends the
output. What must come after all the audits but is met along the way (the
unreadable files and unplaced lines of the JSON document, the unplaced lines
and errors of the text) waits in a temporary file, never in memory.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Protocol, TextIO

import attrs

from jixiao._format import words
from jixiao._provenance import provenance
from jixiao._toml import json_text
from jixiao.io.batch import BATCH_FORMAT, BatchSummary, FileAudit, note_record
from jixiao.io.reports import ReportWriter

__all__ = [
    "JSONL_FORMAT",
    "BatchWriter",
    "JsonDocumentWriter",
    "JsonLinesWriter",
    "ReportsWriter",
    "Spool",
    "TextWriter",
]

JSONL_FORMAT = "jixiao.project-audit-lines/1"
"""The format of a batch as JSON Lines (named by its first line)."""


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # exact, as everywhere in jixiao's JSON
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _one_line(data: Mapping[str, Any] | list[Any]) -> str:
    """*data* as one line of JSON: every line break inside a text is escaped,
    U+2028 and U+2029 too (:func:`~jixiao._toml.json_text`)."""
    return json_text(data, default=_decimal)


def _indented(data: object, depth: int) -> str:
    """*data* as :func:`~jixiao._toml.dumps_json` writes it, *depth* levels down."""
    text = json_text(data, indent=2, default=_decimal)
    return text.replace("\n", "\n" + "  " * depth)


class Spool:
    """Lines kept in a temporary file until they are read back, in order."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed when read back (or collected)
            "w+", encoding="utf-8", errors="surrogatepass", newline="\n"
        )
        self.count = 0

    def write(self, line: str) -> None:
        """Keep one line (without its line break)."""
        self._file.write(line + "\n")
        self.count += 1

    def __iter__(self) -> Iterator[str]:
        """The lines kept, in order; then the spool is closed."""
        try:
            self._file.seek(0)
            for line in self._file:
                yield line[:-1]
        finally:
            self._file.close()


class BatchWriter(Protocol):
    """What writes a batch: each file as it comes, then the end."""

    def add(self, item: FileAudit) -> None: ...

    def finish(self, summary: BatchSummary) -> None: ...


class JsonDocumentWriter:
    """The batch as one JSON document (``jixiao.project-audit-batch/1``),
    written as it comes: the format, each audit, then the unreadable files,
    the unplaced lines, the readers' notes and the summary.

    The document is the one ``dumps_json(audit_paths(...).to_dict())`` gives,
    to the byte.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._audits = 0
        self._errors = Spool()
        self._unplaced = Spool()
        self._notes = Spool()
        head = {"format": BATCH_FORMAT, **provenance()}
        out.write(_indented(head, 0)[:-2] + ',\n  "audits": [')

    def add(self, item: FileAudit) -> None:
        for audited in item.audits:
            self._out.write(",\n    " if self._audits else "\n    ")
            self._out.write(_indented(audited.to_dict(), 2))
            self._audits += 1
        if item.error is not None:
            self._errors.write(_one_line(attrs.asdict(item.error)))
        for place in item.unplaced:
            self._unplaced.write(_one_line(attrs.asdict(place)))
        for note in item.notes:
            self._notes.write(_one_line(note_record(item.source, note)))
        self._out.flush()

    def _array(self, key: str, spool: Spool) -> None:
        self._out.write(f',\n  "{key}": [')
        for number, line in enumerate(spool):
            self._out.write(",\n    " if number else "\n    ")
            self._out.write(_indented(json.loads(line), 2))
        self._out.write("\n  ]" if spool.count else "]")

    def finish(self, summary: BatchSummary) -> None:
        self._out.write("\n  ]" if self._audits else "]")
        self._array("errors", self._errors)
        self._array("unplaced", self._unplaced)
        self._array("notes", self._notes)
        self._out.write(',\n  "summary": ' + _indented(summary.to_dict(), 1) + "\n}\n")
        self._out.flush()


class JsonLinesWriter:
    """The batch as JSON Lines: one object per line, each with a ``type``,
    written and flushed as each file is audited (see the command line's
    documentation for the record types)."""

    def __init__(self, out: TextIO, files: int) -> None:
        self._out = out
        self._line({"type": "batch", "format": JSONL_FORMAT, **provenance(), "files": files})

    def _line(self, record: Mapping[str, Any]) -> None:
        self._out.write(_one_line(dict(record)) + "\n")

    def add(self, item: FileAudit) -> None:
        for audited in item.audits:
            self._line({"type": "audit", **audited.to_dict()})
        for place in item.unplaced:
            self._line({"type": "unplaced", **attrs.asdict(place)})
        for note in item.notes:
            self._line({"type": "note", **note_record(item.source, note)})
        if item.error is not None:
            self._line({"type": "error", **attrs.asdict(item.error)})
        self._out.flush()

    def finish(self, summary: BatchSummary) -> None:
        self._line({"type": "summary", **summary.to_dict()})
        self._out.flush()


_UNPLACED = ("未能归位", "unplaced")
_OUTSIDE = ("表外", "outside")
_NOTE = ("注", "note")


class TextWriter:
    """The batch as readable text: each audit explained as it comes, then
    every unplaced line and every note of the files' readers, then the
    summary (with each unreadable file)."""

    def __init__(self, out: TextIO, lang: str) -> None:
        self._out = out
        self._lang = lang
        self._unplaced = Spool()
        self._errors = Spool()

    def add(self, item: FileAudit) -> None:
        for audited in item.audits:
            self._out.write(audited.explain(self._lang) + "\n\n")
        for place in item.unplaced:  # table content first named so: it may be missing
            label = words(*_UNPLACED if place.problem else _OUTSIDE, self._lang)
            self._unplaced.write(_one_line([f"{label}: {place.line(self._lang)}"]))
        for note in item.notes:
            self._unplaced.write(_one_line([f"{words(*_NOTE, self._lang)}: {note}"]))
        problem = item.error or item.incomplete
        if problem is not None:
            self._errors.write(_one_line([problem.text(self._lang)]))
        self._out.flush()

    def finish(self, summary: BatchSummary) -> None:
        for line in self._unplaced:
            self._out.write(json.loads(line)[0] + "\n")
        messages = (json.loads(line)[0] for line in self._errors)
        self._out.write(summary.text(messages, self._lang) + "\n")
        self._out.flush()


class ReportsWriter:
    """Markdown and HTML reports, each written as its table is audited; the
    index at the end (see :class:`~jixiao.io.reports.ReportWriter`)."""

    def __init__(self, folder: str, lang: str = "both") -> None:
        self._reports = ReportWriter(folder, lang)
        self.index: str = ""

    def add(self, item: FileAudit) -> None:
        for audited in item.audits:
            self._reports.add(audited)

    def finish(self, summary: BatchSummary) -> None:
        self.index = str(self._reports.finish())
