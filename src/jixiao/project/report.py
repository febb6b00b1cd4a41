"""Rendering project evaluations and audits: readable text and JSON-ready data.

Data forms carry a format: ``jixiao.project-evaluation/1`` and
``jixiao.project-audit/1``; numbers are strings, exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from jixiao.explain import number, score_trace
from jixiao.project.evaluation import grade_label

if TYPE_CHECKING:
    from jixiao.project.audit import Audit, Finding
    from jixiao.project.evaluation import ProjectEvaluation

__all__ = ["audit_data", "audit_text", "evaluation_data", "evaluation_text", "finding_line"]

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def evaluation_data(evaluation: ProjectEvaluation) -> dict[str, Any]:
    """A project evaluation as data."""
    table = evaluation.table
    return {
        "format": "jixiao.project-evaluation/1",
        "project": attrs.asdict(table.project),
        "source": table.source,
        "template": evaluation.template.id,
        "withdrawn": table.withdrawn,
        "execution": None if evaluation.execution is None else score_trace(evaluation.execution),
        "rows": [
            {
                "level1": r.level1,
                "level2": r.level2,
                "name": r.row.name,
                "target": r.row.target,
                "actual": r.row.actual,
                "weight": r.row.weight,
                "printed_points": r.row.points,
                "method": r.method.value,
                "points": None if r.score is None else str(r.score.points),
                "completion": None if r.completion is None else str(r.completion),
                "tier": None if r.tier is None else r.tier.key,
                "reason": r.reason or None,
                "trace": None if r.score is None else score_trace(r.score),
            }
            for r in evaluation.rows
        ],
        "total": str(evaluation.total),
        "grade": None
        if evaluation.grade is None
        else {"zh": evaluation.grade.value, "en": evaluation.grade.label_en},
        "complete": evaluation.complete,
    }


def evaluation_text(evaluation: ProjectEvaluation, lang: str = "both") -> str:
    """A project evaluation as a readable table."""
    table = evaluation.table
    out = [f"项目支出绩效自评 {table.project.name}（{table.project.code}） {table.project.year}年"]
    if lang != "zh":
        out.append(f"Project self-evaluation — template {evaluation.template.id}")
    if evaluation.execution is not None:
        ex = evaluation.execution
        out.append(f"预算执行率 execution rate{'':<26} {ex.points!s:>7} / {number(ex.weight)}")
    for r in evaluation.rows:
        pts = "—" if r.score is None else str(r.score.points)
        out.append(f"  {r.label:<44} {pts:>7} / {r.row.weight or '—'}  [{r.method.value}]")
        if r.score is None and r.reason:
            out.append(f"      {r.reason}")
    if table.withdrawn:
        out.append(f"项目未实施：{table.withdrawn} → 总分 0 (withdrawn: total 0)")
    state = "" if evaluation.complete else "  (不完整 incomplete: some rows could not be scored)"
    out.append(
        f"总分 Total: {number(evaluation.total)}   等级 Grade: {grade_label(evaluation.grade)}{state}"
    )
    return "\n".join(out)


def finding_line(finding: Finding, lang: str = "both") -> str:
    """One finding on one line: severity, row, field, printed → expected, message."""
    sev = finding.severity.value
    label = (
        f"{_SEVERITY_ZH[sev]} {sev}"
        if lang == "both"
        else (_SEVERITY_ZH[sev] if lang == "zh" else sev)
    )
    values = ""
    if finding.printed is not None or finding.expected is not None:
        values = f" 印出 printed {finding.printed!r}" if finding.printed is not None else ""
        values += f" 应为 expected {finding.expected}" if finding.expected is not None else ""
    message = {"zh": finding.message, "en": finding.message_en}.get(
        lang, f"{finding.message} — {finding.message_en}"
    )
    return f"[{label}] {finding.row} · {finding.field}:{values} — {message} ({finding.code})"


def audit_data(audit: Audit) -> dict[str, Any]:
    """An audit as data: the findings and the recomputed evaluation."""
    table = audit.table
    return {
        "format": "jixiao.project-audit/1",
        "project": attrs.asdict(table.project),
        "source": table.source,
        "template": audit.template.id,
        "ok": audit.ok,
        "printed_total": table.total.points,
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
            }
            for f in audit.findings
        ],
        "evaluation": evaluation_data(audit.evaluation),
    }


def audit_text(audit: Audit, lang: str = "both") -> str:
    """An audit as readable text: a heading, every finding, a verdict."""
    table = audit.table
    head = f"{table.project.name}（{table.project.code}，{table.project.year}年）"
    if table.source:
        head += f"  来源 source: {table.source}"
    out = [
        head,
        f"  模板 template: {audit.template.id}   印出总分 printed total: {table.total.points or '—'}",
    ]
    out.extend(f"  {finding_line(f, lang)}" for f in audit.findings)
    errors = len(audit.errors)
    verdict = (
        "  结论：各项数字一致 (consistent: no error)"
        if audit.ok
        else f"  结论：发现 {errors} 处错误 (inconsistent: {errors} error(s))"
    )
    out.append(verdict)
    return "\n".join(out)
