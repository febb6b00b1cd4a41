"""What a batch audit gives: each file's audits, errors and counts (private;
see :mod:`jixiao.io.batch`, which reads the files and re-exports these).

:class:`FileAudit` is one file as :func:`~jixiao.io.batch.iter_audits`
yields it; :class:`BatchSummary` counts files one at a time (its size does
not grow with the batch); :class:`BatchAudit` holds a whole batch, as
:func:`~jixiao.io.batch.audit_paths` returns it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from jixiao._format import check_lang, pad, words
from jixiao._provenance import provenance
from jixiao.io.result import Unplaced
from jixiao.project._notebook import audits_frame
from jixiao.project.audit import Audit
from jixiao.project.findings import Severity
from jixiao.project.model import printed_points
from jixiao.quantities import round_points

__all__ = ["BATCH_FORMAT", "BatchAudit", "BatchSummary", "FileAudit", "FileError"]

BATCH_FORMAT = "jixiao.project-audit-batch/1"
"""The format of a whole batch as one JSON document."""


@attrs.frozen
class FileError:
    """A file the batch could not read, and why: the error's whole line
    (naming the file) in English, and in Chinese."""

    source: str
    message: str
    message_zh: str = ""

    def text(self, lang: str = "both") -> str:
        """The line in *lang* (``both``: the Chinese, a slash, the English)."""
        zh = self.message_zh or self.message
        return words(zh, self.message, check_lang(lang), both=f"{zh} / {self.message}")


@attrs.frozen
class FileAudit:
    """One file of a batch, as :func:`iter_audits` yields it: the audit of
    every table read from it and the text its reader could not place, or,
    when it could not be read, the error.

    Attributes:
        source: the file.
        audits: one audit per table, in the order printed.
        unplaced: what the reader could not place (see :class:`~jixiao.io.result.Unplaced`).
        unread: the numbers of the tables found in it that could not be read
            (:attr:`ReadResult.unread <jixiao.io.result.ReadResult.unread>`; their lines are in *unplaced*).
        error: why the file could not be read (then nothing else is set).
        number: the file's place in the batch (1-based).
        total: how many files the batch holds.
        notes: what its reader noticed and could not keep as printed, each
            ``"location: note"`` (:attr:`ReadResult.notes
            <jixiao.io.result.ReadResult.notes>`).
    """

    source: str
    audits: tuple[Audit, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    error: FileError | None = None
    number: int = 1
    total: int = 1
    unread: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def without_tables(self) -> bool:
        """Whether the file was read and no table was found in it."""
        return self.error is None and not self.audits and not self.unread

    @property
    def incomplete(self) -> FileError | None:
        """What of a file read could not be: the tables found in it that could
        not be read, or that no table was found in it; ``None`` when every
        table found was read (and for a file that could not be read at all:
        see :attr:`error`)."""
        if self.unread:
            numbers = ", ".join(map(str, self.unread))
            tables, their = ("tables", "their") if len(self.unread) > 1 else ("table", "its")
            return FileError(
                self.source,
                f"{self.source}: {tables} {numbers} could not be read; {their} lines are "
                "listed as unplaced",
                f"{self.source}：第 {numbers} 张表未能读取，其各行列为未能归位",
            )
        if self.without_tables:
            return FileError(
                self.source,
                f"{self.source}: no project table found",
                f"{self.source}：未找到项目表格",
            )
        return None


def _reproduced(item: Audit) -> bool:
    """Whether the recomputation reproduces the printed total exactly."""
    return item.evaluation.complete and str(item.evaluation.total) == _two(item.table.total.points)


@attrs.define
class BatchSummary:
    """The counts of a batch, accumulated one file at a time (its size does
    not grow with the number of files).

    ``summary.add(item)`` for each :class:`FileAudit`; :meth:`to_dict` is the
    ``summary`` of the batch's JSON forms.
    """

    files: int = 0
    unreadable_files: int = 0
    files_without_tables: int = 0
    """Files read in which no table was found."""
    unread_tables: int = 0
    """Tables found that could not be read (their lines are unplaced)."""
    tables: int = 0
    consistent: int = 0
    reproduced: int = 0
    unplaced: int = 0
    outside: int = 0
    counts: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    """Findings by (severity, code)."""

    def add_audit(self, item: Audit) -> None:
        """Count one audited table."""
        self.tables += 1
        self.consistent += item.ok
        self.reproduced += _reproduced(item)
        self.counts.update((f.severity.value, f.code) for f in item.findings)

    def add_unplaced(self, item: Unplaced) -> None:
        """Count one text the reader could not place."""
        if item.problem:
            self.unplaced += 1
        else:
            self.outside += 1

    def add(self, item: FileAudit) -> None:
        """Count one file: its tables and unplaced text, or its error."""
        self.files += 1
        self.unreadable_files += item.error is not None
        self.files_without_tables += item.without_tables
        self.unread_tables += len(item.unread)
        for audited in item.audits:
            self.add_audit(audited)
        for place in item.unplaced:
            self.add_unplaced(place)

    @property
    def unread(self) -> bool:
        """Whether a file could not be read, a table found could not be read,
        or a file holds no table (``jixiao project audit`` exits with 2)."""
        return bool(self.unreadable_files or self.unread_tables or self.files_without_tables)

    @property
    def ok(self) -> bool:
        """Every file read, a table found in each, every table read and consistent."""
        return not self.unread and self.consistent == self.tables

    def to_dict(self) -> dict[str, Any]:
        """The summary as data."""
        return {
            "files": self.files,
            "unreadable_files": self.unreadable_files,
            "files_without_tables": self.files_without_tables,
            "tables": self.tables,
            "unread_tables": self.unread_tables,
            "consistent": self.consistent,
            "inconsistent": self.tables - self.consistent,
            "totals_reproduced": self.reproduced,
            "unplaced": self.unplaced,
            "outside": self.outside,
            "findings": [
                {"severity": sev, "code": code, "count": n}
                for (sev, code), n in sorted(self.counts.items())
            ],
        }

    def text(self, errors: Iterable[str] = (), lang: str = "both") -> str:
        """The summary as readable lines, then each unreadable file's *errors*
        line (naming its file, in *lang* already), in *lang*. Files without a
        table and tables not read are counted when there are any."""
        check_lang(lang)
        s = self.to_dict()
        counts = ", ".join(
            f"{s[key]} {words(zh, en, lang)}"
            for key, zh, en in (
                ("tables", "张表", "tables read"),
                ("unread_tables", "张未能读取", "tables not read"),
                ("consistent", "张一致", "consistent"),
                ("inconsistent", "张有错误", "with errors"),
                ("totals_reproduced", "个总分复核一致", "totals reproduced"),
                ("unplaced", "处未能归位", "unplaced"),
                ("outside", "行表外文字", "lines outside tables"),
            )
            if key != "unread_tables" or s[key]
        )
        unreadable = words("无法读取", "unreadable", lang)
        empty = words("个无表格", "without a table", lang)
        files = f"{s['unreadable_files']} {unreadable}" + (
            f", {s['files_without_tables']} {empty}" if s["files_without_tables"] else ""
        )
        lines = [
            f"{words('汇总', 'summary', lang)}: {s['files']} {words('个文件', 'files', lang)} "
            f"({files}), {counts}",
        ]
        lines += [
            f"  {pad(words(Severity(f['severity']).name_zh, f['severity'], lang, both=f['severity']), 8)} "
            f"{f['code']:<36} {f['count']}"
            for f in s["findings"]
        ]
        lines += [f"  {unreadable}: {message}" for message in errors]  # names its file
        return "\n".join(lines)


@attrs.frozen
class BatchAudit:
    """The outcome of auditing many files, all of it in memory.

    :func:`audit_paths` holds every table, its evaluation and its audit until
    the end; for many files, :func:`iter_audits` yields them one file at a
    time and :class:`BatchSummary` counts them.

    Attributes:
        files: every file of the batch.
        audits: one audit per table read, file by file.
        unplaced: what the reader could not place, file by file.
        errors: the files that could not be read.
        unread: ``(file, table number)`` of each table found that could not
            be read (its lines are in *unplaced*).
        without_tables: the files read in which no table was found.
        notes: ``{"source", "note"}`` of what each file's reader noticed (see
            :attr:`FileAudit.notes`).
    """

    files: tuple[str, ...]
    audits: tuple[Audit, ...]
    unplaced: tuple[Unplaced, ...]
    errors: tuple[FileError, ...]
    unread: tuple[tuple[str, int], ...] = ()
    without_tables: tuple[str, ...] = ()
    notes: tuple[dict[str, str], ...] = ()

    @property
    def consistent(self) -> int:
        """How many tables have no error-level finding."""
        return sum(1 for a in self.audits if a.ok)

    @property
    def reproduced(self) -> int:
        """How many printed totals the recomputation reproduces exactly."""
        return sum(1 for a in self.audits if _reproduced(a))

    @property
    def ok(self) -> bool:
        """Every file read, a table found in each, every table read and consistent."""
        return self._summary().ok

    def counts(self) -> Counter[tuple[str, str]]:
        """Findings by (severity, code)."""
        return Counter((f.severity.value, f.code) for a in self.audits for f in a.findings)

    def _summary(self) -> BatchSummary:
        summary = BatchSummary(
            files=len(self.files),
            unreadable_files=len(self.errors),
            files_without_tables=len(self.without_tables),
            unread_tables=len(self.unread),
        )
        for item in self.audits:
            summary.add_audit(item)
        for place in self.unplaced:
            summary.add_unplaced(place)
        return summary

    def summary(self) -> dict[str, Any]:
        """The summary as data."""
        return self._summary().to_dict()

    def to_dict(self) -> dict[str, Any]:
        """The batch as data (``format = "jixiao.project-audit-batch/1"``), its
        keys in the order ``jixiao project audit --json`` streams them: the
        audits first, the summary last."""
        return {
            "format": BATCH_FORMAT,
            **provenance(),
            "audits": [a.to_dict() for a in self.audits],
            "errors": [attrs.asdict(e) for e in self.errors],
            "unplaced": [attrs.asdict(u) for u in self.unplaced],
            "notes": list(self.notes),
            "summary": self.summary(),
        }

    def summary_text(self, lang: str = "both") -> str:
        """The summary as readable lines, in *lang*."""
        return self._summary().text((e.text(lang) for e in self.errors), lang)

    def to_pandas(self, what: str = "tables") -> Any:
        """One row per table and per unreadable file (``"tables"``), or per
        finding (``"findings"``); needs the extra ``notebook`` (columns: :func:`jixiao.notebook.audits_frame`)."""
        return audits_frame(self.audits, what, ((e.source, e.message) for e in self.errors))


def _two(text: str) -> str:
    number = printed_points(text)
    return "" if number is None else str(round_points(number))
