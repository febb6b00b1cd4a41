"""Which readings of a template change a project table's points: the
sensitivity report for a table.

A template's open readings (how a bare target reads, which rule scores a
lower-is-better row, whether over-achievement is reported) are named
interpretations (:attr:`~jixiao.project.template.Template.interpretations`).
:func:`sensitivity` scores the table under the default readings, then under
each other alternative, one at a time, and reports the rows whose points
each changes, and the total and grade under it.

>>> from jixiao.project import load_table
>>> table = load_table("examples/projects/luohu-2023-01-党政事务.toml")
>>> report = sensitivity(table)
>>> report.total, report.changing, report.unchanged
(Decimal('90.73'), (), ('bare_target', 'lower_is_better', 'over_achievement'))

(Its one cost row meets its ceiling, so neither lower-is-better rule nor the
reading of a bare target changes a point of it.)
"""

from __future__ import annotations

from collections.abc import Mapping

from jixiao._sensitivity import Outcome, Reading, Sensitivity, examine
from jixiao.project.evaluation import score_table
from jixiao.project.model import ProjectTable
from jixiao.project.template import Template, default_template, match_template

__all__ = ["Reading", "Sensitivity", "sensitivity"]


def sensitivity(
    table: ProjectTable,
    template: Template | None = None,
    *,
    interpretations: Mapping[str, str] | None = None,
) -> Sensitivity:
    """Score *table* under the default readings of its template (or
    *interpretations*), then under each other alternative, one at a time.

    Args:
        table: the table.
        template: the template (default: the one it names or fits, else the default).
        interpretations: readings to hold while each other one is varied.

    Returns:
        The report; an item is the execution rate (``"execution"``) or a row
        (by its place, level 1 / level 2 / name).
    """
    rules = template or match_template(table) or default_template()
    scored = score_table(table, rules)
    labels = {"execution": ("预算执行率", "execution rate")}
    labels |= {r.label: (r.label, "") for r in scored.rows}

    def run(readings: Mapping[str, str]) -> Outcome:
        evaluation = score_table(table, rules, interpretations=readings)
        points = {r.label: r.rule_score.points for r in evaluation.rows if r.rule_score}
        if evaluation.execution is not None:
            points["execution"] = evaluation.execution.points
        return Outcome(points, evaluation.total, evaluation.grade)

    named = tuple((i.key, i) for i in rules.interpretations)
    subject = f"{table.project.name}（模板 {rules.id}）"
    subject_en = f"{table.project.name} (template {rules.id})"
    return examine(subject, labels, named, dict(interpretations or {}), run, rules, subject_en)
