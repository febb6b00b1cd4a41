"""Findings marked in a copy of the user's workbook (``jixiao project audit --mark OUT.xlsx``).

:func:`mark_workbook` opens the workbook the findings were read from (after
the same checks as reading it: ``jixiao.io._xlsx_guard``), and in a copy:

* fills every cell a finding concerns (each of :attr:`Finding.cells
  <jixiao.project.findings.Finding.cells>` that names a cell of this
  workbook, ``book.xlsx:Sheet1!H14``) with the colour of the most serious
  finding on it: red for an error, yellow for a warning, blue for a remark;
* adds a comment (author "jixiao") holding each finding on the cell, in
  Chinese and English, with the value as printed and as recomputed; on a
  cell that is not the one at fault it names that one. A comment the cell
  already had is kept, the findings after it.

Nothing else changes: values, formulas, formats, merges and the user's own
fills elsewhere stay as openpyxl reads them. openpyxl does not keep what it
cannot read (images, charts, form controls): the copy may lack them, which is
why the input is never overwritten. The copy is written whole and never
through a symbolic link (``jixiao._safe_write.replacing``). openpyxl is
the optional extra ``[xlsx]``, imported only here, when a workbook is marked.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

import jixiao.io._xlsx_guard as guard
from jixiao._format import check_lang, words
from jixiao._safe_write import replacing
from jixiao.errors import InputError, ReadError
from jixiao.io.batch import BatchSummary, FileAudit
from jixiao.project.audit_report import finding_text
from jixiao.project.findings import Finding

__all__ = ["MARK_FILLS", "MarkWriter", "mark_workbook"]

MARK_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "BDD7EE"}
"""The fill of a marked cell, by the most serious finding on it (RGB)."""

_ORDER = ("error", "warning", "info")
_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


def cell_of(location: str, source: str) -> tuple[str, str] | None:
    """(sheet, cell) of a finding's *location* in the workbook *source*
    (``"book.xlsx:Sheet1!H14"`` → ``("Sheet1", "H14")``); ``None`` for a
    location elsewhere (another file, a table path such as ``rows.3.points``).

    >>> cell_of("book.xlsx:表 1!H14", "book.xlsx"), cell_of("rows.3.points", "book.xlsx")
    (('表 1', 'H14'), None)
    """
    if not location.startswith(f"{source}:"):
        return None
    sheet, bang, ref = location[len(source) + 1 :].rpartition("!")
    return (sheet, ref) if bang and _REF.fullmatch(ref) else None


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ReadError(
            "marking an .xlsx needs openpyxl: pip install 'jixiao[xlsx]'",
            zh="标注 .xlsx 需要 openpyxl：pip install 'jixiao[xlsx]'",
        ) from None
    return openpyxl


def _check_target(source: Path, target: Path) -> None:
    if target.suffix.lower() != ".xlsx":
        raise InputError(
            "the marked copy must be an .xlsx file",
            zh="标注副本应为 .xlsx 文件",
            field="mark",
            value=str(target),
        )
    if source.suffix.lower() != ".xlsx":
        raise InputError(
            "--mark marks an .xlsx workbook; this input is not one",
            zh="--mark 标注的是 .xlsx 工作簿；此输入不是",
            field="mark",
            value=str(source),
        )
    same = os.path.abspath(source) == os.path.abspath(target)
    if not same and target.exists() and source.exists():
        same = os.path.samefile(source, target)
    if same:
        raise InputError(
            "the marked copy would replace the workbook audited; name another file",
            zh="标注副本会替换所复核的工作簿；请换一个文件名",
            field="mark",
            value=str(target),
        )


def _comment(found: Sequence[tuple[Finding, bool]], lang: str) -> str:
    lines = []
    for finding, at_fault in found:
        text = finding_text(attrs.evolve(finding, cells=()), lang)
        if not at_fault:
            fault = finding.cells[0].rpartition("!")[2]
            text += words(
                f"（相关单元格；出错的是 {fault}）",
                f" (a related cell; at fault: {fault})",
                lang,
                both=f"（相关单元格 related cell; at fault: {fault}）",
            )
        lines.append(text)
    return "\n".join(lines)


def mark_workbook(
    source: str | Path,
    findings: Iterable[Finding],
    target: str | Path,
    *,
    name: str = "",
    lang: str = "both",
) -> list[str]:
    """Write a copy of the workbook *source* to *target* with the cells of
    *findings* marked (see the module's docstring); return the cells marked,
    ``"Sheet1!H14"``, in workbook order.

    Args:
        source: the workbook audited.
        findings: the findings of its tables.
        target: the copy to write (an .xlsx file, not *source* itself).
        name: *source* as the findings' locations name it (default: ``str(source)``).
        lang: the language of the comments (``zh``, ``en`` or ``both``).

    Raises:
        InputError: *source* or *target* is not an .xlsx file, or they are the
            same file; *lang* is not ``zh``, ``en`` or ``both``.
        ReadError: the workbook is refused by the reader's checks or cannot be opened.
        WriteError: a link or non-regular file is at *target*, or the system refuses.
    """
    check_lang(lang)
    source, target = Path(source), Path(target)
    _check_target(source, target)
    name = name or str(source)
    by_cell: dict[tuple[str, str], list[tuple[Finding, bool]]] = {}
    for finding in findings:
        for n, location in enumerate(finding.cells):
            where = cell_of(location, name)
            if where is not None:
                by_cell.setdefault(where, []).append((finding, n == 0))
    guard.check(source, name)
    openpyxl = _openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source, keep_vba=False)
    except Exception as error:
        raise ReadError(
            f"not a readable .xlsx workbook ({type(error).__name__}: {error})",
            zh=f"无法读取的 .xlsx 工作簿（{type(error).__name__}: {error}）",
            source=name,
        ) from None
    marked: list[str] = []
    for sheet in book.worksheets:
        cells = sorted(
            ((ref, found) for (title, ref), found in by_cell.items() if title == sheet.title),
            key=lambda item: (sheet[item[0]].row, sheet[item[0]].column),
        )
        for ref, found in cells:
            cell = sheet[ref]
            for merged in sheet.merged_cells.ranges:  # a merged range shows its first cell
                if cell.coordinate in merged and cell.coordinate != merged.start_cell.coordinate:
                    cell = merged.start_cell
            worst = min((f.severity.value for f, _ in found), key=_ORDER.index)
            color = MARK_FILLS[worst]
            cell.fill = PatternFill("solid", start_color=color, end_color=color)
            text = _comment(found, lang)
            if cell.comment is not None:
                text = f"{cell.comment.text}\n\n{text}"
            lines = sum(1 + len(line) // 40 for line in text.split("\n"))
            cell.comment = Comment(text, "jixiao", height=min(600, 20 * lines + 20), width=360)
            marked.append(f"{sheet.title}!{ref}")
    with replacing(target) as stream:
        book.save(stream)
    return marked


class MarkWriter:
    """``--mark``: collects the findings of the one .xlsx file audited, then
    writes its marked copy (:func:`mark_workbook`).

    Raises:
        InputError: not exactly one .xlsx file is audited, or *target* is
            not an .xlsx file or is that file.
    """

    def __init__(self, files: Sequence[str], target: str, lang: str = "both") -> None:
        if len(files) != 1 or Path(files[0]).is_dir():
            raise InputError(
                "--mark marks one .xlsx workbook: audit it alone",
                zh="--mark 标注一个 .xlsx 工作簿：请单独复核它",
                field="mark",
                value=target,
            )
        _check_target(Path(files[0]), Path(target))
        self._target = target
        self._lang = lang
        self._source = ""
        self._findings: list[Finding] = []
        self.marked: list[str] | None = None
        """The cells marked (``"Sheet1!H14"``), once the copy is written."""

    def add(self, item: FileAudit) -> None:
        if item.error is not None:
            return  # unreadable: reported as such, nothing to mark
        self._source = item.source
        for audited in item.audits:
            self._findings.extend(audited.findings)

    def finish(self, summary: BatchSummary) -> None:
        if self._source:
            self.marked = mark_workbook(self._source, self._findings, self._target, lang=self._lang)
