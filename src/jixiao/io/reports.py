"""Markdown and HTML reports of audited project tables, for finance officers.

Each report shows the table as printed, the recomputed points beside the
printed ones, and every finding beside its row; a batch report adds an index
with the verdict of each table. Chinese first, English alongside.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from jixiao.errors import ReadError
from jixiao.project.audit import Audit
from jixiao.project.evaluation import grade_label
from jixiao.project.findings import Finding, Severity

__all__ = ["audit_html", "audit_markdown", "write_reports"]

_MARK = {
    Severity.ERROR: "✘ 错误 error",
    Severity.WARNING: "⚠ 警告 warning",
    Severity.INFO: "ℹ 提示 info",
}
_FUNDS_ROWS = (
    ("total", "年度资金总额"),
    ("current_appropriation", "其中：当年财政拨款"),
    ("carry_over", "上年结转资金"),
    ("other", "其他资金"),
)


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>") if text is not None else ""


def _finding_text(finding: Finding) -> str:
    values = ""
    if finding.printed is not None:
        values += f"印出 printed “{finding.printed}”"
    if finding.expected is not None:
        values += f"，应为 expected {finding.expected}"
    return f"{_MARK[finding.severity]}：{finding.message}（{finding.message_en}）{values}"


def _verdict(audit: Audit) -> str:
    errors = len(audit.errors)
    return "✔ 一致 consistent" if audit.ok else f"✘ {errors} 处错误 error(s)"


def _groups(audit: Audit) -> tuple[list[Finding], dict[int, list[Finding]], list[Finding]]:
    funds: list[Finding] = []
    rows: dict[int, list[Finding]] = {}
    rest: list[Finding] = []
    for finding in audit.findings:
        if finding.index is not None:
            rows.setdefault(finding.index, []).append(finding)
        elif finding.row == "资金":
            funds.append(finding)
        else:
            rest.append(finding)
    return funds, rows, rest


def audit_markdown(audit: Audit) -> str:
    """One audited table as Markdown: funds, indicator rows with findings, total."""
    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = _groups(audit)
    p = table.project
    out = [
        f"# {_md(p.name)}（{_md(p.code)}）",
        "",
        f"项目支出绩效自评表复核 · Audit of a project self-evaluation table · {p.year}年",
        "",
        f"- 实施单位 Implementing unit: {_md(p.implementing_unit)}",
        f"- 来源 Source: {_md(table.source or '—')}",
        f"- 模板 Template: {audit.template.id}",
        f"- 结论 Verdict: {_verdict(audit)}",
        "",
        f"## 资金使用情况 Funds（{table.funds.unit.value}）",
        "",
        "| | 年初预算数 initial | 全年预算数 full-year | 全年执行数 executed |",
        "|---|---:|---:|---:|",
    ]
    for attr, label in _FUNDS_ROWS:
        row = getattr(table.funds, attr)
        out.append(
            f"| {label} | {_md(row.initial_budget)} | {_md(row.full_year_budget)} | {_md(row.executed)} |"
        )
    ex = evaluation.execution
    out += [
        "",
        f"执行率 rate: 印出 printed {_md(table.funds.rate)}% · 分值 weight {_md(table.funds.weight)} · "
        f"得分 printed {_md(table.funds.points)} · 复核 recomputed {ex.points if ex else '—'}",
        "",
    ]
    out += [f"- {_md(_finding_text(f))}" for f in funds_findings]
    out += [
        "",
        "## 年度绩效指标 Indicators",
        "",
        "| 一级 | 二级 | 三级指标 indicator | 年度指标值 target | 实际完成值 actual | 分值 weight "
        "| 得分 printed | 复核 recomputed | 方法 method | 偏差原因 note | 复核意见 findings |",
        "|---|---|---|---|---|---:|---:|---:|---|---|---|",
    ]
    for index, result in enumerate(evaluation.rows):
        row = result.row
        recomputed = "—" if result.score is None else str(result.score.points)
        notes = "<br>".join(_md(_finding_text(f)) for f in row_findings.get(index, []))
        out.append(
            f"| {_md(result.level1)} | {_md(result.level2)} | {_md(row.name)} | {_md(row.target)} "
            f"| {_md(row.actual)} | {_md(row.weight)} | {_md(row.points)} | {recomputed} "
            f"| {result.method.value} | {_md(row.note)} | {notes} |"
        )
    out += [
        "",
        "## 总分 Total",
        "",
        f"印出 printed {_md(table.total.points)} / {_md(table.total.weight)} · "
        f"复核 recomputed {evaluation.total} · 等级 grade {grade_label(evaluation.grade)}"
        + ("" if evaluation.complete else " · 不完整 incomplete"),
        "",
    ]
    out += [f"- {_md(_finding_text(f))}" for f in other]
    return "\n".join(out).rstrip() + "\n"


_STYLE = (
    "body{font-family:sans-serif;max-width:1200px;margin:auto}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}"
    ".error{background:#fde2e2}.warning{background:#fff4d6}.info{background:#eef5ff}"
    ".num{text-align:right}"
)


def _h(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _finding_html(finding: Finding) -> str:
    return f"<div class='{finding.severity.value}'>{_h(_finding_text(finding))}</div>"


def audit_html(audit: Audit, *, standalone: bool = True) -> str:
    """One audited table as a standalone HTML page, or (``standalone=False``)
    as a fragment to embed (Jupyter's rich display)."""
    table, evaluation = audit.table, audit.evaluation
    funds_findings, row_findings, other = _groups(audit)
    p = table.project
    rows = []
    for index, result in enumerate(evaluation.rows):
        row = result.row
        found = row_findings.get(index, [])
        worst = min((f.severity for f in found), key=list(Severity).index, default=None)
        cls = f" class='{worst.value}'" if worst else ""
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
        for a, label in _FUNDS_ROWS
    )
    ex = evaluation.execution
    body = (
        f"<h1>{_h(p.name)}（{_h(p.code)}）</h1>"
        f"<p>项目支出绩效自评表复核 · Audit · {p.year}年 · 来源 source: {_h(table.source or '—')} · "
        f"模板 template: {_h(audit.template.id)} · 结论 verdict: <strong>{_h(_verdict(audit))}</strong></p>"
        f"<h2>资金使用情况 Funds（{_h(table.funds.unit.value)}）</h2>"
        "<table><tr><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th></tr>"
        f"{funds}</table><p>执行率 rate {_h(table.funds.rate)}% · 得分 printed {_h(table.funds.points)} · "
        f"复核 recomputed {ex.points if ex else '—'}</p>{''.join(_finding_html(f) for f in funds_findings)}"
        "<h2>年度绩效指标 Indicators</h2><table><tr><th>一级</th><th>二级</th><th>三级指标</th>"
        "<th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>复核</th><th>方法</th>"
        f"<th>偏差原因</th><th>复核意见 findings</th></tr>{''.join(rows)}</table>"
        f"<h2>总分 Total</h2><p>印出 printed {_h(table.total.points)} / {_h(table.total.weight)} · "
        f"复核 recomputed {evaluation.total} · 等级 {_h(grade_label(evaluation.grade))}</p>"
        f"{''.join(_finding_html(f) for f in other)}"
    )
    if not standalone:
        return f"<div><style>{_STYLE.replace('body{', '.jixiao-audit{')}</style>{body}</div>"
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{_h(p.name)} 复核 audit</title><style>{_STYLE}</style></head><body>"
        f"{body}</body></html>\n"
    )


def _slug(audit: Audit, number: int) -> str:
    name = "".join(c for c in audit.table.project.name if c.isalnum())[:40] or "table"
    return f"{number:03d}-{name}"


def write_reports(audits: Sequence[Audit], folder: str | Path) -> Path:
    """Write one Markdown and one HTML report per table and an ``index.md``; return the index path."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        lines = [
            "# 复核汇总 Audit summary",
            "",
            "| # | 项目 project | 来源 source | 印出总分 printed | 复核 recomputed | 结论 verdict |",
            "|---:|---|---|---:|---:|---|",
        ]
        for number, item in enumerate(audits, 1):
            slug = _slug(item, number)
            (out / f"{slug}.md").write_text(audit_markdown(item), "utf-8")
            (out / f"{slug}.html").write_text(audit_html(item), "utf-8")
            lines.append(
                f"| {number} | [{_md(item.table.project.name)}]({slug}.md) | {_md(item.table.source or '')} "
                f"| {_md(item.table.total.points)} | {item.evaluation.total} | {_verdict(item)} |"
            )
        index = out / "index.md"
        index.write_text("\n".join(lines) + "\n", "utf-8")
    except OSError as error:
        raise ReadError(f"cannot write the reports: {error.strerror}", source=str(out)) from None
    return index
