"""Department evaluation (部门整体支出绩效评价): a department's year on a framework.

:func:`evaluate` scores every level-3 indicator of a framework from a
department's inputs with the one evaluator (:mod:`jixiao.score`), applies the
recorded overrides, and returns an :class:`Evaluation` with the total, the
grade (by the framework's grades), the subtotal of every group and every
:class:`~jixiao.Score`. Interpretations the framework leaves open may be read
otherwise (``interpretations={"budget_execution.quarter_cap": "uncapped"}``),
and a department of a year outside the framework's period is refused.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from jixiao._evaluator import RuleResult, read_measures, score_measures
from jixiao.department._explain import evaluation_html, evaluation_trace, explain_evaluation
from jixiao.department._notebook import evaluation_frame, plot_breakdown
from jixiao.errors import FrameworkError, InputError, JixiaoError, UnknownKeyError
from jixiao.quantities import CONTEXT, ZERO
from jixiao.score import Override, Score
from jixiao.spec.rulesets import DEFAULT_GRADES, Grade, GradeBand

if TYPE_CHECKING:
    from jixiao.department.file import Department
    from jixiao.department.framework import Framework

__all__ = ["GRADE_BANDS", "Evaluation", "Grade", "evaluate", "grade"]

GRADE_BANDS: tuple[GradeBand, ...] = DEFAULT_GRADES.bands
"""90（含）-100 优, 80（含）-90 良, 60（含）-80 中, below 60 差: lower edges
included (the grades a framework states unless it states its own)."""


def grade(total: Decimal) -> Grade:
    """The grade of a total on the national grades: lower edges included.

    >>> grade(Decimal("97.11")).value, grade(Decimal("90")).value, grade(Decimal("89.99")).value
    ('优', '优', '良')

    Raises:
        InputError: for a total outside [0, 100] (the national rules' total
            is 100 points) or anything but a finite ``Decimal``
            (:meth:`jixiao.spec.Grades.grade`, which every rule set's grading uses).

    >>> grade(Decimal(1000))
    Traceback (most recent call last):
    ...
    jixiao.errors.InputError: field total: a total lies between 0 and 100 (got Decimal('1000'))
    """
    return DEFAULT_GRADES.grade(total)


@attrs.frozen(repr=False)
class Evaluation:
    """A department's evaluation: every score, the subtotals, total and grade.

    Build one with :func:`evaluate`. The :class:`~jixiao.Score` objects and the
    subtotals are built from what the evaluation kept when first asked for, so
    scoring alone (a sweep, a what-if loop) does not pay for them.

    Attributes:
        framework: the framework evaluated on (the variant read under the
            interpretations chosen, when any were).
        total: the sum of the final points.
        grade: the grade of the total.
        department: the department's inputs, when evaluated from them.
    """

    framework: Framework
    total: Decimal
    grade: Grade
    department: Department | None = None
    _results: tuple[RuleResult, ...] = attrs.field(default=(), alias="results", repr=False)
    _points: tuple[Decimal, ...] = attrs.field(default=(), alias="points", repr=False)
    _overrides: Mapping[str, Override] = attrs.field(factory=dict, alias="overrides", repr=False)

    @cached_property
    def scores(self) -> tuple[Score, ...]:
        """One :class:`~jixiao.Score` per level-3 indicator, in order."""
        overrides = self._overrides
        return tuple(Score.of(r, overrides.get(r.indicator.key)) for r in self._results)

    @cached_property
    def subtotals(self) -> Mapping[str, Decimal]:
        """Points by group key (level 1 and level 2)."""
        points = self._points
        return {
            key: sum([points[i] for i in below], ZERO)
            for key, below in self.framework.group_positions
        }

    @property
    def points(self) -> Mapping[str, Decimal]:
        """Each indicator's final points by key (without building the scores)."""
        return {r.indicator.key: p for r, p in zip(self._results, self._points, strict=True)}

    def score(self, key: str) -> Score:
        """The score of the indicator *key*."""
        for score in self.scores:
            if score.key == key:
                return score
        raise UnknownKeyError(
            "no indicator of this key in the evaluation", zh="评价中没有此键的指标", value=key
        )

    @property
    def overridden(self) -> tuple[Score, ...]:
        """The scores whose points were changed by an override."""
        return tuple(s for s in self.scores if s.override is not None)

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-ready data (``format = "jixiao.evaluation/1"``)."""
        return evaluation_trace(self)

    def explain(self, lang: str = "both") -> str:
        """The evaluation as a readable table with every explanation."""
        return explain_evaluation(self, lang)

    def to_pandas(self) -> Any:
        """One row per indicator, float and exact columns (needs the extra
        ``notebook``; columns: :func:`jixiao.notebook.evaluation_frame`)."""
        return evaluation_frame(self)

    def plot(self, *, ax: Any = None) -> Any:
        """Points against weight per indicator (:func:`jixiao.notebook.plot_breakdown`)."""
        return plot_breakdown(self, ax=ax)

    def to_html(self, lang: str = "both") -> str:
        """The evaluation as an HTML fragment, in *lang* (``"zh"``, ``"en"``
        or ``"both"``); Jupyter shows it in both."""
        return evaluation_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<Evaluation {self.framework.id} total={self.total} grade={self.grade.value}>"


def evaluate(
    fw: Framework,
    inputs: Mapping[str, Mapping[str, object]],
    overrides: Mapping[str, Override] | None = None,
    *,
    department: Department | None = None,
    interpretations: Mapping[str, str] | None = None,
    year: int | None = None,
    trace: bool = False,
) -> Evaluation:
    """Score every indicator of *fw* and total them.

    Each indicator is scored by the one evaluator, in one decimal context
    (:data:`~jixiao.quantities.CONTEXT`); the scores are built when first
    asked for, their parts recorded then unless *trace* asks for them now.

    Args:
        fw: the framework.
        inputs: for each indicator key, the inputs its rule declares.
        overrides: for some indicator keys, an :class:`~jixiao.Override`.
        department: the department the inputs are of (its year is checked).
        interpretations: readings other than the defaults, by name
            (``"budget_execution.quarter_cap"``) and alternative.
        year: the year evaluated (default: the department's); a year outside
            the framework's period is refused.
        trace: record every part while scoring.

    Raises:
        InputError: an indicator has no inputs, or an input is unusable.
        UnknownKeyError: inputs or overrides name an indicator the framework
            lacks, or an unknown interpretation.
        FrameworkError: the year lies outside the framework's period.
    """
    overrides = overrides or {}
    chosen = fw.interpreted(interpretations) if interpretations else fw
    keys = chosen.keys
    for where, named in (("inputs", inputs), ("overrides", overrides)):
        if not keys.issuperset(named):
            unknown = sorted(set(named) - keys)
            raise UnknownKeyError(
                f"framework {fw.id!r} has no indicator {', '.join(unknown)}",
                zh=f"指标体系框架 {fw.id!r} 没有指标 {', '.join(unknown)}",
                field=where,
            )
    evaluated = year if year is not None else None if department is None else department.year
    if evaluated is not None and not chosen.validity.contains(evaluated):
        raise FrameworkError(
            f"framework {fw.id!r} applies to {chosen.validity}, not to {evaluated}",
            zh=f"指标体系框架 {fw.id!r} 适用于 {chosen.validity}，不适用于 {evaluated}",
            field="year",
            value=evaluated,
        )
    results: list[RuleResult] = []
    finals: list[Decimal] = []
    total = ZERO
    keep, kept = results.append, finals.append
    with decimal.localcontext(CONTEXT):
        for indicator in chosen.indicators:
            key = indicator.key
            try:
                given = inputs[key]
            except KeyError:
                raise InputError(
                    "missing inputs for this indicator",
                    zh="缺少此指标的输入",
                    field=f"inputs.{key}",
                ) from None
            try:
                read, measures = read_measures(indicator, given)
                result = score_measures(indicator, read, measures, trace)
            except JixiaoError as error:
                raise error.located(row=indicator.name, field=f"inputs.{key}") from None
            if overrides and key in overrides:
                final = overrides[key].final_points(indicator.weight, key)
            else:
                final = result.points
            total += final
            keep(result)
            kept(final)
    return Evaluation(
        chosen,
        total,
        chosen.grades.grade(total),
        department,
        results=tuple(results),
        points=tuple(finals),
        overrides=overrides,
    )
