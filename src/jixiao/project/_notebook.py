"""Project tables in a notebook: tidy frames of a scored table, an audit and
many audits, and the scored table's HTML (private).

The methods ``to_pandas`` of :class:`~jixiao.project.evaluation.ProjectEvaluation`,
:class:`~jixiao.project.audit.Audit` and :class:`~jixiao.io.batch.BatchAudit`
call these. An audit is read through :class:`Audited` (what every audit has),
so this module sits below the audit it describes.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from jixiao._format import visible, words_in
from jixiao._notebook import frame, ruleset_html, scoped_css
from jixiao.errors import InputError
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, printed_points
from jixiao.project.report import grade_label, method_label

if TYPE_CHECKING:
    from jixiao.project.evaluation import ProjectEvaluation

__all__ = [
    "FINDING_COLUMNS",
    "ROW_NUMBERS",
    "TABLE_NUMBERS",
    "Audited",
    "audit_frame",
    "audits_frame",
    "project_frame",
    "project_html",
]

ROW_NUMBERS = ("weight", "points", "printed_points", "difference", "completion")
"""The number columns of a row frame (each float64, with ``<name>_exact`` beside it)."""
TABLE_NUMBERS = ("total", "printed_total", "difference")
"""The number columns of a table frame."""
FINDING_COLUMNS = (
    "source",
    "project",
    "index",
    "severity",
    "code",
    "row",
    "field",
    "printed",
    "expected",
    "message",
    "message_en",
    "cells",
)
"""The columns of a findings frame."""


class Audited(Protocol):
    """What an audit offers a frame (:class:`~jixiao.project.audit.Audit` does)."""

    @property
    def table(self) -> ProjectTable: ...
    @property
    def evaluation(self) -> ProjectEvaluation: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...
    @property
    def ok(self) -> bool: ...


def _difference(printed: Decimal | None, points: Decimal | None) -> Decimal | None:
    return None if printed is None or points is None else printed - points


def _row_records(evaluation: ProjectEvaluation) -> list[dict[str, object]]:
    """The execution row, then one record per level-3 row."""
    table = evaluation.table
    project = {"project": table.project.name, "year": table.project.year}
    funds = table.funds
    execution = None if evaluation.execution is None else evaluation.execution.points
    printed = printed_points(funds.points)
    records: list[dict[str, object]] = [
        {
            **project,
            "index": None,
            "level1": "预算执行率",
            "level2": "",
            "name": "预算执行率",
            "target": "",
            "actual": funds.rate,
            "weight": printed_points(funds.weight),
            "points": execution,
            "printed_points": printed,
            "difference": _difference(printed, execution),
            "completion": None,
            "method": "execution",
            "tier": None,
            "reason": "",
        }
    ]
    for index, result in enumerate(evaluation.rows):
        row = result.row
        points = None if result.rule_score is None else result.rule_score.points
        printed = printed_points(row.points)
        records.append(
            {
                **project,
                "index": index,
                "level1": result.level1,
                "level2": result.level2,
                "name": row.name,
                "target": row.target,
                "actual": row.actual,
                "weight": printed_points(row.weight),
                "points": points,
                "printed_points": printed,
                "difference": _difference(printed, points),
                "completion": result.completion,
                "method": result.method.value,
                "tier": None if result.tier is None else result.tier.key,
                "reason": result.reason,
            }
        )
    return records


def project_frame(evaluation: ProjectEvaluation) -> Any:
    """A scored table as a tidy DataFrame: the execution row (``index`` NA,
    ``method`` ``"execution"``), then one row per level-3 row in printed order.

    Columns: ``project``, ``year``, ``index`` (the row's 0-based position,
    Int64), ``level1``, ``level2``, ``name``, ``target``, ``actual`` (as
    printed); ``weight`` (as printed), ``points`` (recomputed),
    ``printed_points``, ``difference`` (printed − recomputed) and
    ``completion`` (actual ÷ target) as float64, each with ``<name>_exact``
    (Decimal, ``None`` where there is no number); ``method``, ``tier``,
    ``reason`` (why a row is unscored). The recomputed ``points_exact`` sum
    to the total before rounding.
    """
    return frame(_row_records(evaluation), ROW_NUMBERS)


_ORDER = ("error", "warning", "info")


def _finding_records(audit: Audited) -> list[dict[str, object]]:
    table = audit.table
    return [
        {
            "source": table.source,
            "project": table.project.name,
            "index": f.index,
            **f.to_dict(),
            "cells": "; ".join(f.cells),
        }
        for f in audit.findings
    ]


def _findings_frame(records: list[dict[str, object]]) -> Any:
    found = frame(records, (), FINDING_COLUMNS)
    return found.astype({"index": "Int64"})


def audit_frame(audit: Audited, what: str = "rows") -> Any:
    """An audit as a tidy DataFrame.

    ``what="rows"``: the columns of :func:`project_frame`, and per row
    ``findings`` (how many, int64), ``severity`` (the worst, or ``None``)
    and ``codes`` (the findings' codes, ``", "``-joined); findings about the
    funds go with the execution row. ``what="findings"``: one row per
    finding, columns ``source``, ``project``, ``index`` (the row's position,
    Int64, NA for a finding not about a row), ``severity``, ``code``,
    ``row``, ``field``, ``printed``, ``expected`` (text, as the finding
    holds them), ``message``, ``message_en``, ``cells`` (``"; "``-joined).
    """
    if what == "findings":
        return _findings_frame(_finding_records(audit))
    if what != "rows":
        raise InputError(
            "what is 'rows' or 'findings'",
            zh="what 应为 'rows' 或 'findings'",
            field="what",
            value=what,
        )
    by_row: dict[int | None, list[Finding]] = {}
    for found in audit.findings:
        if found.index is not None or found.row == "资金":
            by_row.setdefault(found.index, []).append(found)
    records = _row_records(audit.evaluation)
    for position, record in enumerate(records):  # the execution row, then rows 0, 1, …
        about = by_row.get(None if position == 0 else position - 1, [])
        severities = [f.severity.value for f in about]
        record["findings"] = len(about)
        record["severity"] = min(severities, key=_ORDER.index, default=None)
        record["codes"] = ", ".join(f.code for f in about)
    return frame(records, ROW_NUMBERS)


def _table_record(audit: Audited) -> dict[str, object]:
    table, evaluation = audit.table, audit.evaluation
    counts = Counter(f.severity for f in audit.findings)
    printed = printed_points(table.total.points)
    return {
        "source": table.source,
        "project": table.project.name,
        "code": table.project.code,
        "year": table.project.year,
        "template": evaluation.template.id,
        "complete": evaluation.complete,
        "total": evaluation.total,
        "printed_total": printed,
        "difference": _difference(printed, evaluation.total),
        "grade": None if evaluation.grade is None else evaluation.grade.value,
        "ok": audit.ok,
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def _unreadable_record(source: str, message: str) -> dict[str, object]:
    return {
        "source": source,
        "project": None,
        "code": None,
        "year": None,
        "template": None,
        "complete": False,
        "total": None,
        "printed_total": None,
        "difference": None,
        "grade": None,
        "ok": False,
        "errors": 0,
        "warnings": 0,
        "infos": 0,
        "error": message,
    }


def audits_frame(
    audits: Iterable[Audited],
    what: str = "tables",
    unreadable: Iterable[tuple[str, str]] = (),
) -> Any:
    """Many audits as one tidy DataFrame.

    ``what="tables"``: one row per table: ``source``, ``project``, ``code``,
    ``year``, ``template``, ``complete`` (bool), ``total`` (recomputed),
    ``printed_total`` and ``difference`` (printed − recomputed) as float64
    with ``<name>_exact`` (Decimal) beside each, ``grade`` (``None`` for an
    incomplete table), ``ok`` (bool: no error-level finding), ``errors``,
    ``warnings``, ``infos`` (counts, int64) and ``error`` (``None``); then
    one row per *unreadable* file (source, message), its ``error`` the
    message, ``ok`` and ``complete`` false, no numbers. ``what="findings"``:
    every finding of every table, as :func:`audit_frame` gives them.
    """
    if what == "findings":
        return _findings_frame([r for a in audits for r in _finding_records(a)])
    if what != "tables":
        raise InputError(
            "what is 'tables' or 'findings'",
            zh="what 应为 'tables' 或 'findings'",
            field="what",
            value=what,
        )
    records = [{**_table_record(a), "error": None} for a in audits]
    records += [_unreadable_record(source, message) for source, message in unreadable]
    return frame(records, TABLE_NUMBERS, tuple(_unreadable_record("", "")))


_CSS = scoped_css(
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:2px 8px;"
    "vertical-align:top}",
    ".jixiao-project",
)


def project_html(evaluation: ProjectEvaluation, lang: str = "both") -> str:
    """A scored table as an HTML fragment (for Jupyter): the project, the
    template's id, period, review status and citation, and one line per row
    with its weight, recomputed points and method; the labels in *lang*. Its
    CSS applies inside its own ``div.jixiao-project`` only, and every text is
    escaped."""
    w = words_in(lang)

    def esc(text: object) -> str:
        return html.escape(visible("" if text is None else str(text)))

    left, right = "text-align:left", "text-align:right;white-space:nowrap"
    rows = "".join(
        f"<tr><td style='{left}'>{esc(r.label_in(lang))}</td>"
        f"<td style='{right}'>{esc(r.row.weight)}</td>"
        f"<td style='{right}'>{'—' if r.rule_score is None else r.rule_score.points}</td>"
        f"<td style='{left}'>{esc(method_label(r, lang))}</td></tr>"
        for r in evaluation.rows
    )
    execution = evaluation.execution
    rules = evaluation.template
    return (
        f"<div class='jixiao-project' style='text-align:left'><style>{_CSS}</style>"
        f"<p style='{left};margin:0.2em 0'><strong>{esc(evaluation.table.project.name)}</strong> "
        f"{w('总分', 'total')} {evaluation.total} · {esc(grade_label(evaluation.grade, lang))}</p>"
        f"{ruleset_html(rules.id, rules.period, rules.citation, lang)}"
        f"<table><thead><tr><th style='{left}'>{w('指标', 'indicator')}</th>"
        f"<th style='{right}'>{w('分值', 'weight')}</th>"
        f"<th style='{right}'>{w('得分', 'points')}</th>"
        f"<th style='{left}'>{w('方法', 'method')}</th></tr></thead><tbody>"
        f"<tr><td style='{left}'>{w('预算执行率', 'execution rate')}</td>"
        f"<td style='{right}'>{esc(evaluation.table.funds.weight)}</td>"
        f"<td style='{right}'>{'—' if execution is None else execution.points}</td>"
        f"<td style='{left}'>{w('预算执行率', 'execution')}</td></tr>{rows}</tbody></table></div>"
    )
