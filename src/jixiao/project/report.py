"""Rendering project evaluations: readable text and JSON-ready data.

The data form carries a format: ``jixiao.project-evaluation/1``; numbers are
strings, exact. Audits are rendered by :mod:`jixiao.project.audit_report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, pad, visible
from jixiao._provenance import provenance
from jixiao.explain import number, score_trace

if TYPE_CHECKING:
    from jixiao.project.evaluation import ProjectEvaluation
    from jixiao.spec.rulesets import Grade

__all__ = ["evaluation_data", "evaluation_text", "grade_label"]


def evaluation_data(evaluation: ProjectEvaluation) -> dict[str, Any]:
    """A project evaluation as data."""
    table = evaluation.table
    return {
        "format": "jixiao.project-evaluation/1",
        **provenance(evaluation.template),
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
    check_lang(lang)
    table = evaluation.table
    year = f" {table.project.year}年" if table.project.year is not None else ""
    out = [f"项目支出绩效自评 {table.label()}{year}"]
    if lang != "zh":
        out.append(f"Project self-evaluation — template {evaluation.template.id}")
    if evaluation.execution is not None:
        ex = evaluation.execution
        out.append(f"{pad('预算执行率 execution rate', 46)} {ex.points!s:>7} / {number(ex.weight)}")
    for r in evaluation.rows:
        pts = "—" if r.score is None else str(r.score.points)
        out.append(f"  {pad(r.label, 44)} {pts:>7} / {r.row.weight or '—'}  [{r.method.value}]")
        if r.score is None and r.reason:
            out.append(f"      {r.reason}")
    if table.withdrawn:
        out.append(f"项目未实施：{table.withdrawn} → 总分 0 (withdrawn: total 0)")
    state = "" if evaluation.complete else "  (不完整 incomplete: some rows could not be scored)"
    out.append(
        f"总分 Total: {number(evaluation.total)}   等级 Grade: {grade_label(evaluation.grade)}{state}"
    )
    return visible("\n".join(out))  # a table's control characters never reach a terminal


def grade_label(value: Grade | None) -> str:
    """ "优 (excellent)", or "— (incomplete: not graded)" for an incomplete table."""
    if value is None:
        return "— (不完整，不评等级 incomplete: not graded)"
    return f"{value.value} ({value.label_en})"
