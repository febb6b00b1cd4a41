"""Rendering project evaluations: readable text and JSON-ready data.

The data form carries a format: ``jixiao.project-evaluation/1``; numbers are
strings, exact. Audits are rendered by :mod:`jixiao.project.audit_report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, grade_words, pad, visible, words
from jixiao._provenance import provenance
from jixiao.explain import number, score_trace

if TYPE_CHECKING:
    from jixiao.project.evaluation import ProjectEvaluation, RowResult
    from jixiao.spec.rulesets import Grade

__all__ = ["evaluation_data", "evaluation_text", "grade_label", "method_label"]


def method_label(result: RowResult, lang: str = "both") -> str:
    """How a row was scored: in Chinese, the clause of the rule that scored
    it as the rule data words it ("定量指标（反向，线性计分）"), else the
    method's Chinese name ("评价人给分"); in English the method's code
    ("lower-is-better"); in both, the two side by side."""
    method = result.method
    name = method.name_zh
    citation = result.rule_score.indicator.citation if result.rule_score else None
    recomputed = method is method.HIGHER or method is method.LOWER
    if recomputed and citation is not None and citation.clause:
        name = citation.clause
    return words(name, method.value, lang)


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
    year = table.project.year
    template_id = evaluation.template.id
    if lang == "en":
        code = table.project.code
        label = f"{table.project.name} ({code})" if code else table.project.name
        out = [f"Project self-evaluation {label}{'' if year is None else f' {year}'}"]
        out.append(f"template {template_id}")
    else:
        out = [f"项目支出绩效自评 {table.label()}{'' if year is None else f' {year}年'}"]
        if lang == "both":
            out.append(f"Project self-evaluation — template {template_id}")
    if evaluation.execution is not None:
        ex = evaluation.execution
        rate = words("预算执行率", "execution rate", lang)
        out.append(f"{pad(rate, 46)} {ex.points!s:>7} / {number(ex.weight)}")
    for r in evaluation.rows:
        pts = "—" if r.score is None else str(r.score.points)
        out.append(
            f"  {pad(r.label_in(lang), 44)} {pts:>7} / {r.row.weight or '—'}  [{method_label(r, lang)}]"
        )
        if r.score is None and r.reason:
            out.append(f"      {words(r.reason_zh or r.reason, r.reason, lang)}")
    if table.withdrawn:
        out.append(
            words(
                f"项目未实施：{table.withdrawn} → 总分 0",
                f"withdrawn: {table.withdrawn} → total 0",
                lang,
                both=f"项目未实施：{table.withdrawn} → 总分 0 (withdrawn: total 0)",
            )
        )
    state = (
        ""
        if evaluation.complete
        else "  "
        + words(
            "（不完整：有的行无法计分）",
            "(incomplete: some rows could not be scored)",
            lang,
            both="(不完整 incomplete: some rows could not be scored)",
        )
    )
    out.append(
        f"{words('总分', 'Total', lang)}: {number(evaluation.total)}   "
        f"{words('等级', 'Grade', lang)}: {grade_label(evaluation.grade, lang)}{state}"
    )
    return visible("\n".join(out))  # a table's control characters never reach a terminal


def grade_label(value: Grade | None, lang: str = "both") -> str:
    """ "优 (excellent)", or "— (incomplete: not graded)" for an incomplete table."""
    if value is None:
        return "— " + words(
            "（不完整，不评等级）",
            "(incomplete: not graded)",
            lang,
            both="(不完整，不评等级 incomplete: not graded)",
        )
    return grade_words(value.value, value.label_en, lang)
