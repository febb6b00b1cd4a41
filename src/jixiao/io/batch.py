"""Batch audit: many files or folders, every table read and audited, one summary.

A file that cannot be read does not stop the batch: it is recorded with its
error and the summary counts it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from jixiao._bars import tqdm_bar
from jixiao._format import check_lang, tail, words
from jixiao.errors import JixiaoError, ReadError
from jixiao.io import SUFFIXES, read_tables
from jixiao.io._batch_records import (
    BATCH_FORMAT,
    BatchAudit,
    BatchSummary,
    FileAudit,
    FileError,
)
from jixiao.io._grid_base import encoding_named
from jixiao.io._xlsx_formula import formula_findings
from jixiao.io.result import ReadResult, Unplaced
from jixiao.io.sources import UNREAD_FORMS
from jixiao.project.audit import Audit, audit
from jixiao.project.findings import Finding, Severity

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
    "note_record",
    "progress_bar",
]

for _member in (BatchAudit, BatchSummary, FileAudit, FileError):
    _member.__module__ = __name__  # documented here, where they are imported from


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
            f"表头无法确定某列的含义（{u.reason_zh or u.reason}），该列的数值未读取，"
            "或与同义的前一列合并读取",
            f"a column's role is not certain ({u.reason}); its values are not read, "
            "or are read with those of the first column of the same role",
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
    by its number in the file (:attr:`ReadResult.numbers <jixiao.io.result.ReadResult.numbers>`), so that the lines
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
    """Files as given, and the files inside folders (sorted, recursive) that
    are read, or are of a form tables are published in that is not read
    (:data:`~jixiao.io.sources.UNREAD_FORMS`: .doc, .xls …, each then refused
    with what to do, not skipped silently)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (p.suffix.lower() in SUFFIXES or p.suffix.lower() in UNREAD_FORMS)
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
    *,
    encoding: str | None = None,
) -> Iterator[FileAudit]:
    """Read and audit the tables in *paths* (files or folders), one file at a time.

    Yields a :class:`FileAudit` per file, in order, as soon as that file is
    audited; nothing of a file is kept once the next is read, so a caller
    that writes each item out and drops it uses memory independent of the
    number of files. A file that cannot be read yields its error and the
    batch goes on. *progress* is called after each file with (done, total,
    file name). *encoding* is that of the text, CSV, Markdown and HTML files
    whose bytes do not say theirs (:func:`jixiao.io.read_tables`).

    Raises:
        ReadError: a folder holds no table file (before anything is yielded).
        InputError: *encoding* is no text encoding (before anything is yielded).
    """
    named = encoding_named(encoding) if encoding is not None else None
    files = expand_paths(paths)
    total = len(files)
    for done, path in enumerate(files, 1):
        item = _audit_file(path, template_id, done, total, named)
        if progress is not None:
            progress(done, total, path.name)
        yield item


def _audit_file(
    path: Path, template_id: str | None, number: int, total: int, encoding: str | None
) -> FileAudit:
    """One file's :class:`FileAudit` (its error when it cannot be read)."""
    try:
        result = read_tables(path, encoding=encoding)
        audits = tuple(audit_result(result, template_id))
    except JixiaoError as error:
        located = error.located(source=str(path))
        failure = FileError(str(path), str(located), located.text("zh"))
        return FileAudit(str(path), error=failure, number=number, total=total)
    return FileAudit(
        str(path),
        audits,
        result.unplaced,
        number=number,
        total=total,
        unread=result.unread,
        notes=result.notes,
    )


def note_record(source: str, note: str) -> dict[str, str]:
    """A note of a file's reader as the JSON forms give it: ``{"source", "note"}``."""
    return {"source": source, "note": note}


def audit_paths(
    paths: Sequence[str | Path],
    template_id: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    encoding: str | None = None,
) -> BatchAudit:
    """Read and audit every table in *paths* (files or folders), and keep them all
    (*encoding* as :func:`iter_audits` takes it).

    The result holds every table, evaluation and audit in memory; over many
    files, iterate :func:`iter_audits` instead (as ``jixiao project audit``
    does).
    """
    items = list(iter_audits(paths, template_id, progress, encoding=encoding))
    return BatchAudit(
        tuple(i.source for i in items),
        tuple(a for i in items for a in i.audits),
        tuple(u for i in items for u in i.unplaced),
        tuple(i.error for i in items if i.error is not None),
        tuple((i.source, number) for i in items for number in i.unread),
        tuple(i.source for i in items if i.without_tables),
        tuple(note_record(i.source, note) for i in items for note in i.notes),
    )
