"""Which readings of a rule set change an evaluation: the report, for any rule
set (private; :mod:`jixiao.department.sensitivity` and
:mod:`jixiao.project.sensitivity` are the public faces).

:func:`examine` evaluates under the readings held, then under each other
alternative of each interpretation, one at a time, and keeps what each
changes: the points of each scored item (an indicator, a table's row) and the
total and grade.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from jixiao._format import check_lang, number, words
from jixiao._provenance import RuleSet, provenance
from jixiao.errors import JixiaoError
from jixiao.spec.rulesets import Grade, Interpretation

__all__ = ["SENSITIVITY_FORMAT", "Outcome", "Reading", "Sensitivity", "examine"]

SENSITIVITY_FORMAT = "jixiao.sensitivity/1"


@attrs.frozen
class Outcome:
    """What an evaluation under some readings gave: each item's points by
    key, the total and the grade (``None`` when it cannot be graded)."""

    points: Mapping[str, Decimal]
    total: Decimal
    grade: Grade | None


@attrs.frozen
class Reading:
    """One alternative reading and what it changes.

    Attributes:
        interpretation: the interpretation's name (``"budget_execution.quarter_cap"``).
        alternative: the alternative read.
        default: the alternative held otherwise (the default, unless given).
        points: each item whose points change, with its points under this reading.
        total: the total under this reading.
        grade: the grade under this reading.
    """

    interpretation: str
    alternative: str
    default: str
    points: Mapping[str, Decimal]
    total: Decimal
    grade: Grade | None

    @property
    def name(self) -> str:
        """``"<interpretation> = <alternative>"``."""
        return f"{self.interpretation} = {self.alternative}"


def _grade(grade: Grade | None, lang: str) -> str:
    return "—" if grade is None else words(grade.value, grade.label_en, lang)


@attrs.frozen
class Sensitivity:
    """An evaluation under the readings held, and under each other
    alternative of each interpretation, one at a time.

    Attributes:
        subject: what was evaluated (a framework and department, a table).
        base: the evaluation under the readings held.
        labels: each item's name in Chinese and in English, by key.
        readings: every alternative examined, in the rule set's order (those
            that change no score have no ``points``).
        failed: alternatives under which the subject cannot be evaluated,
            with the reason (in English).
        provenance: the version of jixiao and the rule set examined, as
            every JSON output opens with them.
        subject_en: the subject in English (default: as *subject*).
        failed_zh: the reasons of *failed* in Chinese, in its order.
    """

    subject: str
    base: Outcome
    labels: Mapping[str, tuple[str, str]]
    readings: tuple[Reading, ...]
    failed: tuple[tuple[str, str], ...] = ()
    provenance: Mapping[str, Any] = attrs.field(factory=provenance)
    subject_en: str = ""
    failed_zh: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        """The total under the readings held."""
        return self.base.total

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
        """The report as text: the readings that change a score, with each
        changed item's points and the total under each, then the readings
        examined that change nothing."""
        check_lang(lang)
        base = self.base
        total = words("总分", "total", lang)
        default = words("默认", "default", lang)

        def aside(text: str) -> str:  # in parentheses: full-width in Chinese
            return f" ({text})" if lang == "en" else f"（{text}）"

        out = [
            f"{words('解释的影响', 'Sensitivity to interpretations', lang)}: "
            + (self.subject_en or self.subject if lang == "en" else self.subject),
            f"{words('默认解释', 'Default readings', lang)}: {total} {number(base.total)}"
            f"{'，' if lang != 'en' else ', '}{_grade(base.grade, lang)}",
            "",
        ]
        if self.changing:
            out.append(f"{words('改变得分的解释', 'Readings that change a score', lang)}:")
        else:
            out.append(words("没有一种解释改变得分", "No reading changes a score here.", lang))
        for reading in self.changing:
            out.append(f"  {reading.name}{aside(f'{default}: {reading.default}')}")
            for key, after in reading.points.items():
                label = words(*self.labels[key], lang).strip()
                out.append(f"    {label}: {number(base.points[key])} → {number(after)}")
            out.append(
                f"    {total}: {number(base.total)} → {number(reading.total)}"
                + aside(_grade(reading.grade, lang))
            )
        for (name, reason), reason_zh in zip(
            self.failed, self.failed_zh or [r for _, r in self.failed], strict=True
        ):
            because = words(reason_zh, reason, lang, both=f"{reason_zh} / {reason}")
            out.append(f"  {name}: {words('无法评分', 'cannot be scored', lang)}: {because}")
        if self.unchanged:
            out.append("")
            examined = ("不改变得分的解释", "Readings examined that change nothing here")
            out.append(f"{words(*examined, lang)}:")
            others: dict[str, list[str]] = {}
            held: dict[str, str] = {}
            for reading in self.readings:
                others.setdefault(reading.interpretation, []).append(reading.alternative)
                held[reading.interpretation] = reading.default
            for name in self.unchanged:
                out.append(f"  {name}: {held[name]}{aside(default)}; {', '.join(others[name])}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (``format = "jixiao.sensitivity/1"``)."""
        base = self.base
        return {
            "format": SENSITIVITY_FORMAT,
            **self.provenance,
            "subject": self.subject,
            "total": str(base.total),
            "grade": None if base.grade is None else base.grade.value,
            "readings": [
                {
                    "interpretation": r.interpretation,
                    "alternative": r.alternative,
                    "default": r.default,
                    "changes": bool(r.points),
                    "points": {
                        key: {"default": str(base.points[key]), "reading": str(p)}
                        for key, p in r.points.items()
                    },
                    "total": str(r.total),
                    "grade": None if r.grade is None else r.grade.value,
                }
                for r in self.readings
            ],
            "failed": [{"reading": name, "reason": reason} for name, reason in self.failed],
            "unchanged": list(self.unchanged),
        }


def examine(
    subject: str,
    labels: Mapping[str, tuple[str, str]],
    interpretations: Sequence[tuple[str, Interpretation]],
    held: Mapping[str, str],
    run: Callable[[Mapping[str, str]], Outcome],
    rules: RuleSet | None = None,
    subject_en: str = "",
) -> Sensitivity:
    """Evaluate (*run*) under the readings *held*, then under each other
    alternative of each of *interpretations*, one at a time (*subject* names
    what is evaluated, *subject_en* in English).

    An alternative under which *run* raises the library's error is listed in
    :attr:`Sensitivity.failed` with the reason. *rules*, the rule set
    examined, is named in the report's data.
    """
    base = run(held)
    readings: list[Reading] = []
    failed: list[tuple[str, str]] = []
    failed_zh: list[str] = []
    for name, interpretation in interpretations:
        current = held.get(name, interpretation.default)
        for alternative in interpretation.alternatives:
            if alternative.key == current:
                continue
            try:
                other = run({**held, name: alternative.key})
            except JixiaoError as error:
                failed.append((f"{name} = {alternative.key}", str(error)))
                failed_zh.append(error.text("zh"))
                continue
            moved = {k: p for k, p in other.points.items() if p != base.points.get(k)}
            readings.append(
                Reading(name, alternative.key, current, moved, other.total, other.grade)
            )
    return Sensitivity(
        subject,
        base,
        labels,
        tuple(readings),
        tuple(failed),
        provenance(rules),
        subject_en,
        tuple(failed_zh),
    )
