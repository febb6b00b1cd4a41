"""Batch audit: many files or folders, every table read and audited, one summary.

A file that cannot be read does not stop the batch: it is recorded with its
error and the summary counts it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from jixiao.errors import JixiaoError, ReadError
from jixiao.io import SUFFIXES, read_tables
from jixiao.io.result import ReadResult, Unplaced
from jixiao.project.audit import Audit, audit
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import printed_number
from jixiao.quantities import round_points

__all__ = [
    "BatchAudit",
    "FileError",
    "audit_paths",
    "audit_result",
    "expand_paths",
    "progress_bar",
]


@attrs.frozen
class FileError:
    """A file the batch could not read, and why."""

    source: str
    message: str


@attrs.frozen
class BatchAudit:
    """The outcome of auditing many files."""

    files: tuple[str, ...]
    audits: tuple[Audit, ...]
    unplaced: tuple[Unplaced, ...]
    errors: tuple[FileError, ...]

    @property
    def consistent(self) -> int:
        """How many tables have no error-level finding."""
        return sum(1 for a in self.audits if a.ok)

    @property
    def reproduced(self) -> int:
        """How many printed totals the recomputation reproduces exactly."""
        return sum(
            1
            for a in self.audits
            if a.evaluation.complete and str(a.evaluation.total) == _two(a.table.total.points)
        )

    @property
    def ok(self) -> bool:
        """Every file read and every table consistent."""
        return not self.errors and self.consistent == len(self.audits)

    def counts(self) -> Counter[tuple[str, str]]:
        """Findings by (severity, code)."""
        return Counter((f.severity.value, f.code) for a in self.audits for f in a.findings)

    def summary(self) -> dict[str, Any]:
        """The summary as data."""
        return {
            "files": len(self.files),
            "unreadable_files": len(self.errors),
            "tables": len(self.audits),
            "consistent": self.consistent,
            "inconsistent": len(self.audits) - self.consistent,
            "totals_reproduced": self.reproduced,
            "unplaced": len([u for u in self.unplaced if u.problem]),
            "outside": len([u for u in self.unplaced if not u.problem]),
            "findings": [
                {"severity": sev, "code": code, "count": n}
                for (sev, code), n in sorted(self.counts().items())
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """The batch as data (``format = "jixiao.project-audit-batch/1"``)."""
        return {
            "format": "jixiao.project-audit-batch/1",
            "summary": self.summary(),
            "errors": [attrs.asdict(e) for e in self.errors],
            "unplaced": [attrs.asdict(u) for u in self.unplaced],
            "audits": [a.to_dict() for a in self.audits],
        }

    def summary_text(self) -> str:
        """The summary as readable lines."""
        s = self.summary()
        lines = [
            f"汇总 summary: {s['files']} 个文件 files ({s['unreadable_files']} 无法读取 unreadable), "
            f"{s['tables']} 张表 tables read, {s['consistent']} 张一致 consistent, "
            f"{s['inconsistent']} 张有错误 with errors, {s['totals_reproduced']} 个总分复核一致 totals reproduced, "
            f"{s['unplaced']} 处未能归位 unplaced, {s['outside']} 行表外文字 lines outside tables",
        ]
        lines += [f"  {f['severity']:<8} {f['code']:<36} {f['count']}" for f in s["findings"]]
        lines += [f"  无法读取 unreadable: {e.message}" for e in self.errors]  # names its file
        return "\n".join(lines)


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
            f"表头无法确定某列的含义（{u.reason}），该列的数值可能未读取或读入他列",
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
        f"表格中的一行无法归位（{u.reason}），该表可能不完整",
        f"a line of the table could not be placed ({u.reason}); the table may be incomplete",
        cells=(u.location,),
    )


def audit_result(result: ReadResult, template_id: str | None = None) -> list[Audit]:
    """Audit every table a reader returned, each with a finding for every
    problem the reader met in it: a line it could not place
    (``unplaced-content``: the table may miss what that line prints) and a
    header that leaves a column's role uncertain (``column-ambiguous``)."""
    audits = []
    for number, table in enumerate(result.tables, 1):
        checked = audit(table, template_id)
        extra = tuple(
            _reader_finding(u) for u in result.unplaced if u.table == number and u.problem
        )
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
                    f"no table file ({', '.join(SUFFIXES)}) in this folder", source=str(name)
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def progress_bar(stream: TextIO | None = None, minimum: int = 5) -> Callable[[int, int, str], None]:
    """A progress callback drawing on *stream* (stderr) only when it is a terminal
    and the batch has at least *minimum* files."""
    out = stream or sys.stderr

    def draw(done: int, total: int, name: str) -> None:
        if total < minimum or not out.isatty():
            return
        width = 30
        filled = width * done // total
        out.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {name[-40:]:<40}")
        if done == total:
            out.write("\n")
        out.flush()

    return draw


def audit_paths(
    paths: Sequence[str | Path],
    template_id: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BatchAudit:
    """Read and audit every table in *paths* (files or folders)."""
    files = expand_paths(paths)
    audits: list[Audit] = []
    unplaced: list[Unplaced] = []
    errors: list[FileError] = []
    for done, path in enumerate(files, 1):
        try:
            result = read_tables(path)
            unplaced.extend(result.unplaced)
            audits.extend(audit_result(result, template_id))
        except JixiaoError as error:
            errors.append(FileError(str(path), str(error.located(source=str(path)))))
        if progress is not None:
            progress(done, len(files), path.name)
    return BatchAudit(tuple(str(f) for f in files), tuple(audits), tuple(unplaced), tuple(errors))
