"""Batch audit: many files or folders, every table read and audited, one summary.

A file that cannot be read does not stop the batch: it is recorded with its
error and the summary counts it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from jixiao._bars import tqdm_bar
from jixiao._format import check_lang, pad, tail, words
from jixiao._provenance import provenance
from jixiao.errors import JixiaoError, ReadError
from jixiao.io import SUFFIXES, read_tables
from jixiao.io._xlsx_formula import formula_findings
from jixiao.io.result import ReadResult, Unplaced
from jixiao.project._notebook import audits_frame
from jixiao.project.audit import Audit, audit
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import printed_number
from jixiao.quantities import round_points

__all__ = [
    "BATCH_FORMAT",
    "BatchAudit",
    "BatchSummary",
    "FileAudit",
    "FileError",
    "audit_paths",
    "audit_result",
    "expand_paths",
    "iter_audits",
    "progress_bar",
]

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
            (:attr:`ReadResult.unread`; their lines are in *unplaced*).
        error: why the file could not be read (then nothing else is set).
        number: the file's place in the batch (1-based).
        total: how many files the batch holds.
    """

    source: str
    audits: tuple[Audit, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    error: FileError | None = None
    number: int = 1
    total: int = 1
    unread: tuple[int, ...] = ()

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
    """

    files: tuple[str, ...]
    audits: tuple[Audit, ...]
    unplaced: tuple[Unplaced, ...]
    errors: tuple[FileError, ...]
    unread: tuple[tuple[str, int], ...] = ()
    without_tables: tuple[str, ...] = ()

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
    number = printed_number(text)
    return "" if number is None else str(round_points(number))


def _reader_finding(u: Unplaced) -> Finding:
    """The finding for text of a table the reader could not place."""
    if u.kind == "column":
        return Finding(
            Severity.WARNING,
            "column-ambiguous",
            "表格 table",
            "header",
            u.text[:200],
            None,
            f"表头无法确定某列的含义（{u.reason_zh or u.reason}），该列的数值可能未读取或读入他列",
            f"a column's role is not certain ({u.reason}); its values may be missed "
            "or read as another column's",
            cells=(u.location,),
        )
    return Finding(
        Severity.WARNING,
        "unplaced-content",
        "表格 table",
        "line",
        u.text[:200],
        None,
        f"表格中的一行无法归位（{u.reason_zh or u.reason}），该表可能不完整",
        f"a line of the table could not be placed ({u.reason}); the table may be incomplete",
        cells=(u.location,),
    )


def audit_result(result: ReadResult, template_id: str | None = None) -> list[Audit]:
    """Audit every table a reader returned, each with a finding for every
    problem the reader met in it: a line it could not place
    (``unplaced-content``: the table may miss what that line prints), a
    header that leaves a column's role uncertain (``column-ambiguous``), and
    a formula saved without its value that the reader recomputed
    (``formula-recomputed``). The reader's lines are matched to each table
    by its number in the file (:attr:`ReadResult.numbers`), so that the lines
    of a table that could not be read go to none of them."""
    audits = []
    for number, table in zip(result.numbers, result.tables, strict=True):
        checked = audit(table, template_id)
        extra = tuple(
            _reader_finding(u) for u in result.unplaced if u.table == number and u.problem
        ) + formula_findings(result.notes, table)
        if extra:
            checked = attrs.evolve(checked, findings=checked.findings + extra)
        audits.append(checked)
    return audits


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the readable files inside folders (sorted, recursive)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not found:
                raise ReadError(
                    f"no table file ({', '.join(SUFFIXES)}) in this folder",
                    zh=f"此文件夹中没有表格文件（{', '.join(SUFFIXES)}）",
                    source=str(name),
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def progress_bar(
    stream: TextIO | None = None, minimum: int = 5, *, lang: str = "both"
) -> Callable[[int, int, str], None]:
    """A progress callback drawing on *stream* (stderr) only when it is a terminal
    and the batch has at least *minimum* files (tqdm's unit in *lang*: ``个文件``
    in Chinese, else ``file``; the plain line has no words)."""
    unit = words("个文件", "file", check_lang(lang), both="file")
    out = stream or sys.stderr
    bars: list[Any] = []  # tqdm's bar (or None: a plain line), made on the first call

    def draw(done: int, total: int, name: str) -> None:
        if total < minimum or not out.isatty():
            return
        if not bars:
            bars.append(tqdm_bar(total, unit, out))
        bar = bars[0]
        if bar is not None:
            bar.set_postfix_str(tail(name, 40).rstrip(), refresh=False)
            bar.update(done - bar.n)
            if done == total:
                bar.close()
            return
        width = 30
        filled = width * done // total
        out.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {tail(name, 40)}")
        if done == total:
            out.write("\n")
        out.flush()

    return draw


def iter_audits(
    paths: Sequence[str | Path],
    template_id: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Iterator[FileAudit]:
    """Read and audit the tables in *paths* (files or folders), one file at a time.

    Yields a :class:`FileAudit` per file, in order, as soon as that file is
    audited; nothing of a file is kept once the next is read, so a caller
    that writes each item out and drops it uses memory independent of the
    number of files. A file that cannot be read yields its error and the
    batch goes on. *progress* is called after each file with (done, total,
    file name).

    Raises:
        ReadError: a folder holds no table file (before anything is yielded).
    """
    files = expand_paths(paths)
    total = len(files)
    for done, path in enumerate(files, 1):
        item = _audit_file(path, template_id, done, total)
        if progress is not None:
            progress(done, total, path.name)
        yield item


def _audit_file(path: Path, template_id: str | None, number: int, total: int) -> FileAudit:
    """One file's :class:`FileAudit` (its error when it cannot be read)."""
    try:
        result = read_tables(path)
        audits = tuple(audit_result(result, template_id))
    except JixiaoError as error:
        located = error.located(source=str(path))
        failure = FileError(str(path), str(located), located.text("zh"))
        return FileAudit(str(path), error=failure, number=number, total=total)
    return FileAudit(
        str(path), audits, result.unplaced, number=number, total=total, unread=result.unread
    )


def audit_paths(
    paths: Sequence[str | Path],
    template_id: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BatchAudit:
    """Read and audit every table in *paths* (files or folders), and keep them all.

    The result holds every table, evaluation and audit in memory; over many
    files, iterate :func:`iter_audits` instead (as ``jixiao project audit``
    does).
    """
    items = list(iter_audits(paths, template_id, progress))
    return BatchAudit(
        tuple(i.source for i in items),
        tuple(a for i in items for a in i.audits),
        tuple(u for i in items for u in i.unplaced),
        tuple(i.error for i in items if i.error is not None),
        tuple((i.source, number) for i in items for number in i.unread),
        tuple(i.source for i in items if i.without_tables),
    )
