"""Which readings of the rules change a department's points: the sensitivity
report.

Every reading the sources leave open is a named interpretation of the rule
data with its alternatives (:class:`~jixiao.spec.Interpretation`).
:func:`sensitivity` evaluates the department under the default readings, then
under each other alternative of each interpretation (one at a time), and
reports every alternative: the indicators whose points it changes and the
total and grade under it.

>>> import attrs
>>> from jixiao import load_department
>>> department = load_department("examples/luohu-2023-department.toml")
>>> report = sensitivity(department)
>>> report.total, report.changing, "budget_execution.quarter_cap" in report.unchanged
(Decimal('97.11'), (), True)

Every quarter of that department is behind schedule, so no reading of the
quarterly cap matters to it. Ahead of schedule in the first quarter, it would:

>>> ahead = {**department.inputs, "budget_execution": {"progress": ["35%", "40%", "60%", "90%"]}}
>>> report = sensitivity(attrs.evolve(department, inputs=ahead))
>>> [(r.name, str(r.points["budget_execution"]), str(r.total)) for r in report.changing]
[('budget_execution.quarter_cap = uncapped', '5.85', '97.84'), ('budget_execution.average = capped-rates', '5.25', '97.24')]
"""

from __future__ import annotations

from collections.abc import Mapping

from jixiao._sensitivity import Outcome, Reading, Sensitivity, examine
from jixiao.department.evaluation import evaluate
from jixiao.department.file import Department
from jixiao.department.framework import Framework
from jixiao.errors import InputError
from jixiao.score import Override

__all__ = ["Reading", "Sensitivity", "sensitivity"]


def sensitivity(
    subject: Department | Framework,
    inputs: Mapping[str, Mapping[str, object]] | None = None,
    overrides: Mapping[str, Override] | None = None,
    *,
    interpretations: Mapping[str, str] | None = None,
    year: int | None = None,
) -> Sensitivity:
    """Evaluate under the default readings (or *interpretations*), then under
    each other alternative of each interpretation, one at a time.

    Args:
        subject: a :class:`~jixiao.department.file.Department` (its framework,
            inputs, overrides and year), or a framework with *inputs*.
        inputs: the inputs, when *subject* is a framework.
        overrides: overrides, when *subject* is a framework.
        interpretations: readings to hold while each other one is varied.
        year: the year evaluated, when *subject* is a framework.

    Returns:
        The :class:`~jixiao._sensitivity.Sensitivity` report.
    """
    if isinstance(subject, Department):
        fw = subject.resolve_framework()
        given, fixed, department = subject.inputs, subject.overrides, subject
        title = f"{fw.title}（{fw.id}）— {subject.name}，{subject.year}"
        title_en = f"{fw.title_en or fw.title} ({fw.id}) — {subject.name}, {subject.year}"
    else:
        if inputs is None:
            raise InputError(
                "give the inputs to evaluate the framework on",
                zh="请给出评价该框架所用的输入",
                field="inputs",
            )
        fw, given, fixed, department = subject, inputs, overrides or {}, None
        title = f"{fw.title}（{fw.id}）"
        title_en = f"{fw.title_en or fw.title} ({fw.id})"

    def run(readings: Mapping[str, str]) -> Outcome:
        evaluation = evaluate(
            fw, given, fixed, department=department, interpretations=readings, year=year
        )
        return Outcome(evaluation.points, evaluation.total, evaluation.grade)

    labels = {i.key: (i.name, i.name_en) for i in fw.indicators}
    readings = dict(interpretations or {})
    return examine(title, labels, fw.interpretations, readings, run, fw, title_en)
