"""Which readings of the rules change a department's points: the sensitivity
report.

Every reading the sources leave open is a named interpretation of the rule
data with its alternatives (:class:`~jixiao.spec.Interpretation`).
:func:`sensitivity` evaluates the department under the default readings, then
under each other alternative of each interpretation (one at a time), and
lists every alternative that changes a score: the points of each indicator it
changes and the total and grade under it.

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
from decimal import Decimal
from typing import Any

import attrs

from jixiao._format import number
from jixiao.department.evaluation import Evaluation, evaluate
from jixiao.department.file import Department
from jixiao.department.framework import Framework
from jixiao.errors import InputError, JixiaoError
from jixiao.score import Override
from jixiao.spec.rulesets import Grade

__all__ = ["SENSITIVITY_FORMAT", "Reading", "Sensitivity", "sensitivity"]

SENSITIVITY_FORMAT = "jixiao.sensitivity/1"


@attrs.frozen
class Reading:
    """One alternative reading that changes a score.

    Attributes:
        interpretation: the interpretation's name (``"budget_execution.quarter_cap"``).
        alternative: the alternative read.
        default: the default alternative.
        points: each indicator whose points change, with its points under this reading.
        total: the total under this reading.
        grade: the grade under this reading.
    """

    interpretation: str
    alternative: str
    default: str
    points: Mapping[str, Decimal]
    total: Decimal
    grade: Grade

    @property
    def name(self) -> str:
        """``"<interpretation> = <alternative>"``."""
        return f"{self.interpretation} = {self.alternative}"


@attrs.frozen
class Sensitivity:
    """A department's evaluation under the default readings, and under each
    other alternative of each interpretation, one at a time.

    Attributes:
        evaluation: the evaluation under the default readings (or those given).
        readings: every alternative examined, in framework order (those that
            change no score have no ``points``).
        failed: alternatives under which the department cannot be scored
            (its inputs do not suit them), with the reason.
    """

    evaluation: Evaluation
    readings: tuple[Reading, ...]
    failed: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> Decimal:
        """The total under the default readings."""
        return self.evaluation.total

    @property
    def changing(self) -> tuple[Reading, ...]:
        """The alternatives that change some score."""
        return tuple(r for r in self.readings if r.points)

    @property
    def unchanged(self) -> tuple[str, ...]:
        """The interpretations none of whose alternatives changes a score."""
        names = dict.fromkeys(r.interpretation for r in self.readings)
        moved = {r.interpretation for r in self.readings if r.points}
        moved |= {name.partition(" = ")[0] for name, _ in self.failed}
        return tuple(n for n in names if n not in moved)

    def explain(self, lang: str = "both") -> str:
        """The report as text: every interpretation, each alternative's total,
        and the points of each indicator an alternative changes."""
        if lang not in ("zh", "en", "both"):
            raise InputError("expected zh, en or both", field="lang", value=lang)
        ev = self.evaluation
        names = {s.key: (s.indicator.name, s.indicator.name_en) for s in ev.scores}
        points = ev.points
        out = [
            f"解释的影响 Sensitivity to interpretations: {ev.framework.title}（{ev.framework.id}）",
            f"默认解释 Default readings: 总分 total {number(ev.total)}，"
            f"{ev.grade.value} ({ev.grade.label_en})",
            "",
        ]
        if self.changing:
            out.append("改变得分的解释 Readings that change a score:")
        else:
            out.append("没有一种解释改变本单位的得分 No reading changes a score here.")
        for reading in self.changing:
            out.append(f"  {reading.name}（默认 default: {reading.default}）")
            for key, after in reading.points.items():
                zh, en = names[key]
                label = zh if lang == "zh" else en if lang == "en" else f"{zh} {en}"
                out.append(f"    {label}: {number(points[key])} → {number(after)}")
            out.append(
                f"    总分 total: {number(ev.total)} → {number(reading.total)}"
                f"（{reading.grade.value} {reading.grade.label_en}）"
            )
        for name, reason in self.failed:
            out.append(f"  {name}: 无法评分 cannot be scored: {reason}")
        if self.unchanged:
            out.append("")
            out.append("不改变本单位得分的解释 Readings examined that change nothing here:")
            alternatives: dict[str, list[str]] = {}
            defaults: dict[str, str] = {}
            for reading in self.readings:
                alternatives.setdefault(reading.interpretation, []).append(reading.alternative)
                defaults[reading.interpretation] = reading.default
            for name in self.unchanged:
                others = ", ".join(alternatives[name])
                out.append(f"  {name}: {defaults[name]}（默认 default）; {others}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (``format = "jixiao.sensitivity/1"``)."""
        ev = self.evaluation
        return {
            "format": SENSITIVITY_FORMAT,
            "framework": ev.framework.id,
            "total": str(ev.total),
            "grade": ev.grade.value,
            "readings": [
                {
                    "interpretation": r.interpretation,
                    "alternative": r.alternative,
                    "default": r.default,
                    "changes": bool(r.points),
                    "points": {
                        key: {"default": str(ev.points[key]), "reading": str(p)}
                        for key, p in r.points.items()
                    },
                    "total": str(r.total),
                    "grade": r.grade.value,
                }
                for r in self.readings
            ],
            "failed": [{"reading": name, "reason": reason} for name, reason in self.failed],
            "unchanged": list(self.unchanged),
        }


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
        The :class:`Sensitivity` report.
    """
    chosen = dict(interpretations or {})
    if isinstance(subject, Department):
        fw = subject.resolve_framework()
        given, fixed, department = subject.inputs, subject.overrides, subject
    else:
        if inputs is None:
            raise InputError("give the inputs to evaluate the framework on", field="inputs")
        fw, given, fixed, department = subject, inputs, overrides or {}, None

    def run(readings: Mapping[str, str]) -> Evaluation:
        return evaluate(
            fw, given, fixed, department=department, interpretations=readings, year=year
        )

    base = run(chosen)
    before = base.points
    readings: list[Reading] = []
    failed: list[tuple[str, str]] = []
    for name, interpretation in fw.interpretations:
        current = chosen.get(name, interpretation.default)
        for alternative in interpretation.alternatives:
            if alternative.key == current:
                continue
            try:
                other = run({**chosen, name: alternative.key})
            except JixiaoError as error:
                failed.append((f"{name} = {alternative.key}", str(error)))
                continue
            after = other.points
            moved = {k: p for k, p in after.items() if p != before[k]}
            readings.append(
                Reading(name, alternative.key, current, moved, other.total, other.grade)
            )
    return Sensitivity(base, tuple(readings), tuple(failed))
