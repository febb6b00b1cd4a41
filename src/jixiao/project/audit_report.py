"""Rendering audits: readable text, HTML and JSON-ready data.

The data form carries a format: ``jixiao.project-audit/1``; numbers are
strings, exact.

Three kinds of number meet in an audit, and each has one name everywhere a
reader sees it: the value **as printed** in the table (表中印出), the value
jixiao **recomputed** by the rules (复核), and the cells a finding concerns
(位置 cells). A finding compares the first two: "表中印出 as printed ‘50’ ·
复核 recomputed 40". The JSON keeps its keys ``printed`` and ``expected``
(the recomputed value) and adds ``cells``. The reports print a legend
(:data:`LEGEND`) that says so, and never call anything "expected": the
indicator's own goal is its 年度指标值 target.

The HTML shows the indicator rows as the form does, level 1 and level 2
merged over their rows, the recomputed values shaded apart from the printed
ones (bold and outlined where they differ), and each row's method by its
Chinese name with the English beside it (:func:`method_label`). Its styles
apply only inside ``<div class="jixiao-audit">``: embedded in a notebook or
another page, it restyles nothing else.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, visible, words
from jixiao._provenance import provenance
from jixiao.project.findings import Finding
from jixiao.project.model import ProjectTable, printed_number
from jixiao.project.report import evaluation_data, grade_label, method_label

if TYPE_CHECKING:
    from jixiao.project.audit import Audit

__all__ = [
    "AS_PRINTED",
    "CELLS",
    "FUNDS_ROWS",
    "LEGEND",
    "RECOMPUTED",
    "audit_data",
    "audit_html",
    "audit_text",
    "finding_line",
    "finding_text",
    "grouped",
    "html_page",
    "html_text",
    "method_label",
    "verdict",
]

_AS_PRINTED = ("表中印出", "as printed")
_RECOMPUTED = ("复核", "recomputed")
_CELLS = ("位置", "cells")
AS_PRINTED = words(*_AS_PRINTED, "both")
"""The name of a value as the table prints it, in every report."""
RECOMPUTED = words(*_RECOMPUTED, "both")
"""The name of a value jixiao recomputed by the rules, in every report."""
CELLS = words(*_CELLS, "both")
"""The name of the cells a finding concerns, in every report."""
_FIELDS = {
    "points": "得分",
    "weight": "分值",
    "rate": "执行率",
    "note": "偏差原因",
    "target": "年度指标值",
    "actual": "实际完成值",
    "name": "三级指标",
    "initial_budget": "年初预算数",
    "full_year_budget": "全年预算数",
    "executed": "全年执行数",
    "header": "表头",
    "line": "行",
    "year": "年度",
}
"""The Chinese names of the table's fields a finding can concern (the
English text names the field by its key, as the JSON does)."""
_ROWS = {
    "资金": ("资金", "funds"),
    "总分": ("总分", "total"),
    "项目": ("项目", "project"),
    "表格 table": ("表格", "table"),
}
"""The rows a finding names by a fixed label rather than by the table's own names."""
LEGEND = (
    f"{AS_PRINTED}：表格填报的数值 the value the table prints · "
    f"{RECOMPUTED}：jixiao 按评分规则重算的数值 the value jixiao computes by the rules "
    "(JSON: expected) · 年度指标值 target：指标的目标 the indicator's goal"
)
"""What the reports' three kinds of value mean, printed above their tables."""

CELLS_SHOWN = 4
"""How many of a finding's cells a line of text names; the data (JSON) has them all."""


def _cells(finding: Finding, lang: str = "both") -> str:
    """The cells a finding concerns, "位置 cells: a, b, c, d 等 and 17 more" at most."""
    shown = ", ".join(finding.cells[:CELLS_SHOWN])
    more = len(finding.cells) - CELLS_SHOWN
    rest = f" {words(f'等 {more} 个', f'and {more} more', lang, both=f'等 and {more} more')}"
    return f"{words(*_CELLS, lang)}: {shown}" + (rest if more > 0 else "")


def _values(finding: Finding, lang: str = "both") -> str:
    """ "表中印出 as printed ‘50’ · 复核 recomputed 40", as far as the finding knows them."""
    parts = []
    if finding.printed is not None:
        parts.append(f"{words(*_AS_PRINTED, lang)} ‘{finding.printed}’")
    if finding.expected is not None:
        parts.append(f"{words(*_RECOMPUTED, lang)} {finding.expected}")
    return " · ".join(parts)


def finding_line(finding: Finding, lang: str = "both") -> str:
    """One finding on one line: severity, row, field, as printed · recomputed, message, cells."""
    check_lang(lang)
    severity = finding.severity
    label = words(severity.name_zh, severity.value, lang)
    field = words(
        _FIELDS.get(finding.field, finding.field), finding.field, lang, both=finding.field
    )
    values = _values(finding, lang)
    message = words(
        finding.message,
        finding.message_en,
        lang,
        both=f"{finding.message} — {finding.message_en}",
    )
    cells = f" [{_cells(finding, lang)}]" if finding.cells else ""
    fixed = _ROWS.get(finding.row)
    row = finding.row if fixed is None else words(*fixed, lang, both=finding.row)
    return (
        f"[{label}] {row} · {field}:{' ' + values if values else ''} — "
        f"{message} ({finding.code}){cells}"
    )


_MARK = {"error": "✘", "warning": "⚠", "info": "ℹ"}


def finding_text(finding: Finding) -> str:
    """A finding as one sentence for reports: mark, message, values, cells."""
    values = _values(finding)
    cells = f"（{_cells(finding)}）" if finding.cells else ""
    return (
        f"{_MARK[finding.severity.value]} {finding.severity.name_zh} {finding.severity.value}"
        f"：{finding.message}（{finding.message_en}）"
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
        **provenance(audit.template),
        "project": attrs.asdict(table.project),
        "source": table.source,
        "template": audit.template.id,
        "alternatives": list(audit.alternatives),
        "ok": audit.ok,
        "printed_total": table.total.points,
        "truncated": table.truncated,
        "findings": [f.to_dict() for f in audit.findings],
        "evaluation": evaluation_data(audit.evaluation),
    }


def _heading(table: ProjectTable, lang: str = "both") -> str:
    """ "name（code，2023年）", in English "name (code, 2023)"."""
    p = table.project
    year = "" if p.year is None else f"{p.year}年" if lang != "en" else str(p.year)
    inside = ("，" if lang != "en" else ", ").join(x for x in (p.code, year) if x)
    if not inside:
        return p.name
    return f"{p.name}（{inside}）" if lang != "en" else f"{p.name} ({inside})"


def audit_text(audit: Audit, lang: str = "both") -> str:
    """An audit as readable text: a heading, every finding, a verdict."""
    check_lang(lang)
    table = audit.table
    head = _heading(table, lang)
    if table.source:
        head += f"  {words('来源', 'source', lang)}: {table.source}"
    also = ""
    if audit.alternatives:
        fits = ", ".join(audit.alternatives)
        also = f" ({words('也符合', 'also fits', lang)}: {fits})"
    out = [
        head,
        f"  {words('模板', 'template', lang)}: {audit.template.id}{also}   "
        f"{words('印出总分', 'total as printed', lang)}: {table.total.points or '—'}",
    ]
    out.extend(f"  {finding_line(f, lang)}" for f in audit.findings)
    errors = len(audit.errors)
    conclusion = (
        ("结论：各项数字一致", "consistent: no error")
        if audit.ok
        else (f"结论：发现 {errors} 处错误", f"inconsistent: {errors} error(s)")
    )
    out.append("  " + words(*conclusion, lang, both=f"{conclusion[0]} ({conclusion[1]})"))
    return visible("\n".join(out))  # a table's control characters never reach a terminal


# ---------------------------------------------------------------------- HTML

STYLE = (
    "div.jixiao-audit{font-family:sans-serif;max-width:1200px;margin:auto}"
    "div.jixiao-audit table{border-collapse:collapse}"
    "div.jixiao-audit td,div.jixiao-audit th{border:1px solid #ccc;padding:4px 6px;"
    "vertical-align:top;text-align:left}"
    "div.jixiao-audit .error{background:#fde2e2}div.jixiao-audit .warning{background:#fff4d6}"
    "div.jixiao-audit .info{background:#eef5ff}div.jixiao-audit .num{text-align:right}"
    "div.jixiao-audit .recomputed{background:#fff8e1}"
    "div.jixiao-audit .differs{font-weight:bold;outline:2px solid #c00}"
    "div.jixiao-audit .legend{font-size:90%;color:#444}div.jixiao-audit td.level{background:#fff}"
)
"""The reports' styles, each scoped to ``div.jixiao-audit`` (specific enough that a
notebook's own table styles, which right-align cells, do not override them)."""
CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""The standalone page's content security policy: no script, no request, its own styles."""
FUNDS_ROWS = (
    ("total", "年度资金总额"),
    ("current_appropriation", "其中：当年财政拨款"),
    ("carry_over", "上年结转资金"),
    ("other", "其他资金"),
)


def html_text(text: object) -> str:
    """Text as HTML that shows it as printed (escaped, control characters as their pictures)."""
    return html.escape(visible("" if text is None else str(text)))


_h = html_text


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


def _spans(keys: list[object]) -> list[int]:
    """Each row's rowspan for a column merged as the form merges it: the run
    of equal keys that starts on the row, 0 on a row inside a run."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def _recomputed_td(printed: str, value: Decimal | None) -> str:
    """A recomputed value's cell: shaded; bold and outlined where it differs
    from the value as printed."""
    if value is None:
        return "<td class='num recomputed'>—</td>"
    number = printed_number(printed)
    differs = " differs" if number is None or number != value else ""
    title = f" title='{_h(AS_PRINTED)} ‘{_h(printed)}’'" if differs else ""
    return f"<td class='num recomputed{differs}'{title}>{value}</td>"


def html_page(title: str, body: str) -> str:
    """A standalone page: UTF-8, the reports' content security policy (no
    script, no request), *body* inside ``<div class="jixiao-audit">``."""
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{_h(title)}</title><style>{STYLE}</style></head><body>"
        f"<div class='jixiao-audit'>{body}</div></body></html>\n"
    )


def audit_html(audit: Audit, *, standalone: bool = True) -> str:
    """One audited table as a standalone HTML page, or (``standalone=False``)
    as a fragment to embed (Jupyter's rich display), its styles scoped to it."""
    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = grouped(audit)
    severities = ["error", "warning", "info"]
    results = evaluation.rows
    span1 = _spans([r.level1 for r in results])
    span2 = _spans([(r.level1, r.level2) for r in results])
    rows = []
    for index, result in enumerate(results):
        row = result.row
        found = row_findings.get(index, [])
        worst = min((f.severity.value for f in found), key=severities.index, default=None)
        cls = f" class='{worst}'" if worst else ""
        levels = "".join(
            f"<td class='level' rowspan='{span}'>{_h(text)}</td>"
            for span, text in ((span1[index], result.level1), (span2[index], result.level2))
            if span
        )
        points = None if result.score is None else result.score.points
        rows.append(
            f"<tr{cls}>{levels}"
            + "".join(f"<td>{_h(c)}</td>" for c in (row.name, row.target, row.actual))
            + f"<td class='num'>{_h(row.weight)}</td><td class='num'>{_h(row.points)}</td>"
            f"{_recomputed_td(row.points, points)}<td>{_h(method_label(result))}</td>"
            f"<td>{_h(row.note)}</td><td>{''.join(_finding_html(f) for f in found)}</td></tr>"
        )
    funds = "".join(
        f"<tr><td>{label}</td><td class='num'>{_h(getattr(table.funds, a).initial_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).full_year_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).executed)}</td></tr>"
        for a, label in FUNDS_ROWS
    )
    ex = evaluation.execution
    year = f"{table.project.year}年 · " if table.project.year is not None else ""
    printed_total = table.total.points
    body = (
        f"<h1>{_h(_heading(table))}</h1>"
        f"<p>项目支出绩效自评表复核 · Audit · {year}来源 source: {_h(table.source or '—')} · "
        f"模板 template: {_h(audit.template.id)} · 结论 verdict: <strong>{_h(verdict(audit))}</strong></p>"
        f"<p class='legend'>{_h(LEGEND)}</p>"
        f"<h2>资金使用情况 Funds（{_h(table.funds.unit.value)}）</h2>"
        "<table><tr><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th></tr>"
        f"{funds}</table><table><tr><th>执行率 rate</th><th>分值 weight</th>"
        f"<th>得分 {AS_PRINTED}</th><th>得分 {RECOMPUTED}</th></tr>"
        f"<tr><td class='num'>{_h(table.funds.rate)}</td><td class='num'>{_h(table.funds.weight)}</td>"
        f"<td class='num'>{_h(table.funds.points)}</td>"
        f"{_recomputed_td(table.funds.points, ex.points if ex else None)}</tr></table>"
        f"{''.join(_finding_html(f) for f in funds_findings)}"
        "<h2>年度绩效指标 Indicators</h2><table><tr><th>一级指标</th><th>二级指标</th>"
        "<th>三级指标</th><th>年度指标值 target</th><th>实际完成值 actual</th>"
        f"<th>分值 weight</th><th>得分 {AS_PRINTED}</th><th>得分 {RECOMPUTED}</th>"
        "<th>计分方法 method</th><th>偏差原因 note</th><th>复核意见 findings</th></tr>"
        f"{''.join(rows)}</table>"
        f"<h2>总分 Total</h2><table><tr><th>分值 weight</th><th>得分 {AS_PRINTED}</th>"
        f"<th>得分 {RECOMPUTED}</th><th>等级 grade</th></tr>"
        f"<tr><td class='num'>{_h(table.total.weight)}</td><td class='num'>{_h(printed_total)}</td>"
        f"{_recomputed_td(printed_total, evaluation.total)}"
        f"<td>{_h(grade_label(evaluation.grade))}</td></tr></table>"
        f"{''.join(_finding_html(f) for f in other)}"
    )
    if not standalone:
        return f"<div class='jixiao-audit'><style>{STYLE}</style>{body}</div>"
    return html_page(f"{table.project.name} 复核 audit", body)
