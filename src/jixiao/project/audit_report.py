"""Rendering audits: readable text, HTML and JSON-ready data.

The data form carries a format: ``jixiao.project-audit/1``; numbers are
strings, exact.

Three kinds of number meet in an audit, and each has one name everywhere a
reader sees it: the value **as printed** in the table (表中印出), the value
jixiao **recomputed** by the rules (复核), and the cells a finding concerns
(位置 cells). A finding compares the first two: "表中印出 as printed ‘50’ ·
复核 recomputed 40". The JSON keeps its keys ``printed`` and ``expected``
(the recomputed value) and adds ``cells``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, visible
from jixiao._notebook import scoped_css
from jixiao.project.findings import Finding
from jixiao.project.model import ProjectTable
from jixiao.project.report import evaluation_data, grade_label

if TYPE_CHECKING:
    from jixiao.project.audit import Audit

__all__ = [
    "AS_PRINTED",
    "CELLS",
    "FUNDS_ROWS",
    "RECOMPUTED",
    "audit_data",
    "audit_html",
    "audit_text",
    "finding_line",
    "finding_text",
    "grouped",
    "verdict",
]

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
AS_PRINTED = "表中印出 as printed"
"""The name of a value as the table prints it, in every report."""
RECOMPUTED = "复核 recomputed"
"""The name of a value jixiao recomputed by the rules, in every report."""
CELLS = "位置 cells"
"""The name of the cells a finding concerns, in every report."""


CELLS_SHOWN = 4
"""How many of a finding's cells a line of text names; the data (JSON) has them all."""


def _cells(finding: Finding) -> str:
    """The cells a finding concerns, "位置 cells: a, b, c, d 等 and 17 more" at most."""
    shown = ", ".join(finding.cells[:CELLS_SHOWN])
    more = len(finding.cells) - CELLS_SHOWN
    return f"{CELLS}: {shown}" + (f" 等 and {more} more" if more > 0 else "")


def _values(finding: Finding) -> str:
    """ "表中印出 as printed ‘50’ · 复核 recomputed 40", as far as the finding knows them."""
    parts = []
    if finding.printed is not None:
        parts.append(f"{AS_PRINTED} ‘{finding.printed}’")
    if finding.expected is not None:
        parts.append(f"{RECOMPUTED} {finding.expected}")
    return " · ".join(parts)


def finding_line(finding: Finding, lang: str = "both") -> str:
    """One finding on one line: severity, row, field, as printed · recomputed, message, cells."""
    check_lang(lang)
    sev = finding.severity.value
    label = (
        f"{_SEVERITY_ZH[sev]} {sev}"
        if lang == "both"
        else (_SEVERITY_ZH[sev] if lang == "zh" else sev)
    )
    values = _values(finding)
    message = {"zh": finding.message, "en": finding.message_en}.get(
        lang, f"{finding.message} — {finding.message_en}"
    )
    cells = f" [{_cells(finding)}]" if finding.cells else ""
    return (
        f"[{label}] {finding.row} · {finding.field}:{' ' + values if values else ''} — "
        f"{message} ({finding.code}){cells}"
    )


_MARK = {"error": "✘ 错误 error", "warning": "⚠ 警告 warning", "info": "ℹ 提示 info"}


def finding_text(finding: Finding) -> str:
    """A finding as one sentence for reports: mark, message, values, cells."""
    values = _values(finding)
    cells = f"（{_cells(finding)}）" if finding.cells else ""
    return (
        f"{_MARK[finding.severity.value]}：{finding.message}（{finding.message_en}）"
        f"{' ' + values if values else ''}{cells}"
    )


def verdict(audit: Audit) -> str:
    """ "✔ 一致 consistent" or "✘ 2 处错误 error(s)"."""
    errors = len(audit.errors)
    return "✔ 一致 consistent" if audit.ok else f"✘ {errors} 处错误 error(s)"


def audit_data(audit: Audit) -> dict[str, Any]:
    """An audit as data: the findings and the recomputed evaluation."""
    table = audit.table
    return {
        "format": "jixiao.project-audit/1",
        "project": attrs.asdict(table.project),
        "source": table.source,
        "template": audit.template.id,
        "alternatives": list(audit.alternatives),
        "ok": audit.ok,
        "printed_total": table.total.points,
        "truncated": table.truncated,
        "findings": [
            {
                "severity": f.severity.value,
                "code": f.code,
                "row": f.row,
                "field": f.field,
                "printed": f.printed,
                "expected": f.expected,
                "message": f.message,
                "message_en": f.message_en,
                "cells": list(f.cells),
            }
            for f in audit.findings
        ],
        "evaluation": evaluation_data(audit.evaluation),
    }


def _heading(table: ProjectTable) -> str:
    p = table.project
    parts = [p.code, f"{p.year}年" if p.year is not None else ""]
    inside = "，".join(x for x in parts if x)
    return f"{p.name}（{inside}）" if inside else p.name


def audit_text(audit: Audit, lang: str = "both") -> str:
    """An audit as readable text: a heading, every finding, a verdict."""
    check_lang(lang)
    table = audit.table
    head = _heading(table)
    if table.source:
        head += f"  来源 source: {table.source}"
    also = f" (也符合 also fits: {', '.join(audit.alternatives)})" if audit.alternatives else ""
    out = [
        head,
        f"  模板 template: {audit.template.id}{also}   "
        f"印出总分 total as printed: {table.total.points or '—'}",
    ]
    out.extend(f"  {finding_line(f, lang)}" for f in audit.findings)
    errors = len(audit.errors)
    out.append(
        "  结论：各项数字一致 (consistent: no error)"
        if audit.ok
        else f"  结论：发现 {errors} 处错误 (inconsistent: {errors} error(s))"
    )
    return visible("\n".join(out))  # a table's control characters never reach a terminal


# ---------------------------------------------------------------------- HTML

STYLE = (
    "body{font-family:sans-serif;max-width:1200px;margin:auto}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}"
    ".error{background:#fde2e2}.warning{background:#fff4d6}.info{background:#eef5ff}"
    ".num{text-align:right}"
)
CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""The standalone page's content security policy: no script, no request, its own styles."""
FUNDS_ROWS = (
    ("total", "年度资金总额"),
    ("current_appropriation", "其中：当年财政拨款"),
    ("carry_over", "上年结转资金"),
    ("other", "其他资金"),
)


def _h(text: object) -> str:
    return html.escape(visible("" if text is None else str(text)))


def _finding_html(finding: Finding) -> str:
    every = f" title='{_h(', '.join(finding.cells))}'" if finding.cells else ""
    return f"<div class='{finding.severity.value}'{every}>{_h(finding_text(finding))}</div>"


def grouped(audit: Audit) -> tuple[list[Finding], dict[int, list[Finding]], list[Finding]]:
    """The findings about the funds, about each row (by its index), and the rest."""
    funds: list[Finding] = []
    rows: dict[int, list[Finding]] = {}
    rest: list[Finding] = []
    for found in audit.findings:
        if found.index is not None:
            rows.setdefault(found.index, []).append(found)
        elif found.row == "资金":
            funds.append(found)
        else:
            rest.append(found)
    return funds, rows, rest


def audit_html(audit: Audit, *, standalone: bool = True) -> str:
    """One audited table as a standalone HTML page, or (``standalone=False``)
    as a fragment to embed (Jupyter's rich display)."""
    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = grouped(audit)
    severities = ["error", "warning", "info"]
    rows = []
    for index, result in enumerate(evaluation.rows):
        row = result.row
        found = row_findings.get(index, [])
        worst = min((f.severity.value for f in found), key=severities.index, default=None)
        cls = f" class='{worst}'" if worst else ""
        recomputed = "—" if result.score is None else str(result.score.points)
        cells = [result.level1, result.level2, row.name, row.target, row.actual]
        rows.append(
            f"<tr{cls}>"
            + "".join(f"<td>{_h(c)}</td>" for c in cells)
            + f"<td class='num'>{_h(row.weight)}</td><td class='num'>{_h(row.points)}</td>"
            f"<td class='num'>{recomputed}</td><td>{result.method.value}</td><td>{_h(row.note)}</td>"
            f"<td>{''.join(_finding_html(f) for f in found)}</td></tr>"
        )
    funds = "".join(
        f"<tr><td>{label}</td><td class='num'>{_h(getattr(table.funds, a).initial_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).full_year_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).executed)}</td></tr>"
        for a, label in FUNDS_ROWS
    )
    ex = evaluation.execution
    year = f"{table.project.year}年 · " if table.project.year is not None else ""
    body = (
        f"<h1>{_h(_heading(table))}</h1>"
        f"<p>项目支出绩效自评表复核 · Audit · {year}来源 source: {_h(table.source or '—')} · "
        f"模板 template: {_h(audit.template.id)} · 结论 verdict: <strong>{_h(verdict(audit))}</strong></p>"
        f"<h2>资金使用情况 Funds（{_h(table.funds.unit.value)}）</h2>"
        "<table><tr><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th></tr>"
        f"{funds}</table><p>执行率 rate {_h(table.funds.rate)} · 得分 {AS_PRINTED} "
        f"{_h(table.funds.points)} · {RECOMPUTED} {ex.points if ex else '—'}</p>"
        f"{''.join(_finding_html(f) for f in funds_findings)}"
        "<h2>年度绩效指标 Indicators</h2><table><tr><th>一级</th><th>二级</th><th>三级指标</th>"
        f"<th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分 {AS_PRINTED}</th>"
        f"<th>{RECOMPUTED}</th><th>方法</th><th>偏差原因</th><th>复核意见 findings</th></tr>"
        f"{''.join(rows)}</table>"
        f"<h2>总分 Total</h2><p>{AS_PRINTED} {_h(table.total.points)} / {_h(table.total.weight)} · "
        f"{RECOMPUTED} {evaluation.total} · 等级 {_h(grade_label(evaluation.grade))}</p>"
        f"{''.join(_finding_html(f) for f in other)}"
    )
    if not standalone:
        # Scoped to its own div, and specific enough that a notebook's own style
        # (which right-aligns table cells) does not override it.
        css = scoped_css("td,th{text-align:left}" + STYLE, "div.jixiao-audit")
        return f"<div class='jixiao-audit'><style>{css}</style>{body}</div>"
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{_h(table.project.name)} 复核 audit</title><style>{STYLE}</style></head><body>"
        f"{body}</body></html>\n"
    )
