"""Scoring a project table from scratch: points from targets and actuals where
the rules allow, the evaluator's printed points where they do not.

:func:`score_row` decides, for one row, which rule applies (the
:class:`Method`); :func:`score_table` scores every row, the execution rate and
the total.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Set
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from jixiao._format import words
from jixiao.errors import FrameworkError, JixiaoError
from jixiao.project._amounts import printed_amount
from jixiao.project._notebook import project_frame, project_html
from jixiao.project._row_cells import (
    Cells,
    more_is_better,
    part_share,
    quantity_pairs,
    read_cells,
    read_row,
)
from jixiao.project.model import (
    Level2Kind,
    ProjectTable,
    Row,
    is_unreadable,
    printed_points,
)
from jixiao.project.report import evaluation_data, evaluation_text, grade_label
from jixiao.project.rules import judged
from jixiao.project.template import QualitativeTier, Template, default_template, match_template
from jixiao.quantities import CONTEXT, ONE, ZERO, exact, round_points
from jixiao.score import Score
from jixiao.spec.rulesets import Grade

__all__ = ["Method", "ProjectEvaluation", "RowResult", "grade_label", "score_row", "score_table"]


class Method(enum.Enum):
    """How a row's points were obtained."""

    HIGHER = "higher-is-better"
    """Recomputed: weight × actual ÷ target, capped."""
    LOWER = "lower-is-better"
    """Recomputed: full at or below the target; above it, by the template's
    lower-is-better rule (``"inverse"``: weight × target ÷ actual; ``"linear"``:
    weight × (1 − (actual − target) ÷ target), 0 from twice the target)."""
    COMPOUND = "compound"
    """Recomputed: the mean of each part's capped completion × weight (a
    lower-is-better part's share by the template's lower-is-better rule)."""
    EVALUATOR = "evaluator"
    """The evaluator's printed points (qualitative, dates, classified, incomparable units)."""
    NOT_APPLICABLE = "not-applicable"
    """不适用: weight 0, points 0."""
    UNSCORED = "unscored"
    """Neither recomputable nor printed readably (e.g. "#####")."""

    @property
    def name_zh(self) -> str:
        """The method's Chinese name, as the reports print it (评价人给分…)."""
        return _METHODS_ZH[self]


_METHODS_ZH = {
    Method.HIGHER: "定量指标（正向）",
    Method.LOWER: "定量指标（反向）",
    Method.COMPOUND: "复合指标（各部分平均）",
    Method.EVALUATOR: "评价人给分",
    Method.NOT_APPLICABLE: "不适用",
    Method.UNSCORED: "未计分",
}


EMPTY = ("（空）", "(empty)")
"""How a row without a name is named, in Chinese and English."""


@attrs.frozen
class RowResult:
    """One row's result: the score (``None`` when unscored), how it was got,
    the completion ratio actual ÷ target when it could be computed, and for
    evaluator's points the qualitative tier they fall in; an unscored row
    says why (``reason`` in English, ``reason_zh`` in Chinese).

    The score is kept as the rule gave it (:attr:`rule_score`); :attr:`score`
    puts the row's name on its indicator when first asked for, so scoring and
    checking a table do not pay for it.
    """

    row: Row
    level1: str
    level2: str
    method: Method
    rule_score: Score | None = attrs.field(alias="score")
    completion: Decimal | None = None
    tier: QualitativeTier | None = None
    reason: str = ""
    reason_zh: str = ""

    @cached_property
    def score(self) -> Score | None:
        """The row's score, its indicator named after the row."""
        scored = self.rule_score
        if scored is None or not self.row.name or scored.indicator.name == self.row.name:
            return scored
        return attrs.evolve(scored, indicator=scored.indicator.renamed(self.row.name))

    @property
    def label(self) -> str:
        """The row's place: level 1 / level 2 / name."""
        return self.label_in("both")

    def label_in(self, lang: str) -> str:
        """The row's place in *lang*: an empty name is ``（空）``, in English ``(empty)``."""
        name = self.row.name or words(*EMPTY, lang, both=EMPTY[0])
        return f"{self.level1} / {self.level2} / {name}"


@exact
def score_row(
    row: Row,
    level2: Level2Kind | None,
    template: Template,
    *,
    level1: str = "",
    level2_name: str = "",
) -> RowResult:
    """Score one row by the rule that applies to it (see :class:`Method`)."""
    return _score_row(row, read_row(row), level2, template, level1, level2_name)


def _unscored(row: Row, level1: str, level2: str, en: str, zh: str) -> RowResult:
    """An unscored row's result, saying why in English and Chinese."""
    return RowResult(row, level1, level2, Method.UNSCORED, None, reason=en, reason_zh=zh)


def _score_row(
    row: Row,
    cells: Cells,
    level2: Level2Kind | None,
    template: Template,
    level1: str,
    level2_name: str,
) -> RowResult:
    """:func:`score_row` on the row's cells as :func:`read_row` read them (in
    :data:`~jixiao.quantities.CONTEXT`): each rule of the template scored by
    :meth:`~jixiao.project.Template.score`, as the rule functions score it."""
    target, actual, weight, printed = cells
    if weight is None:
        return _unscored(row, level1, level2_name, "weight unreadable", "分值无法识别")
    if weight < ZERO:  # no rule scores it; the weight checks say so
        return _unscored(row, level1, level2_name, "weight negative", "分值为负数")
    if weight > template.total:  # no row weighs more than the whole table; nor is it scored
        total = template.total
        en, zh = f"weight above the table's total {total}", f"分值超过总分 {total}"
        return _unscored(row, level1, level2_name, en, zh)
    if weight == ZERO:
        score = template.not_applicable_score  # one for every such row: the rule reads nothing
        return RowResult(row, level1, level2_name, Method.NOT_APPLICABLE, score)
    pairs = quantity_pairs(target, actual)  # None too when a cell is classified
    if pairs is not None:
        if len(pairs) == 1:
            ((t, a),) = pairs
            actual_value, target_value = a.value, t.value
            if more_is_better(t, level2, template):
                method, rule = Method.HIGHER, "higher"
            else:
                method, rule = Method.LOWER, template.lower_rule
            score = template.score(rule, weight, {"actual": actual_value, "target": target_value})
            # completion_ratio(a, t): the pair is compatible and no range (_quantities)
            completion = CONTEXT.divide(actual_value, target_value)
            return RowResult(row, level1, level2_name, method, score, completion)
        achievements = [
            part_share(t, a, more_is_better(t, level2, template), template) for t, a in pairs
        ]
        mean = sum(achievements, ZERO) / len(achievements)
        score = template.score("higher", weight, {"actual": mean, "target": ONE})
        return RowResult(row, level1, level2_name, Method.COMPOUND, score)
    if printed is None:
        if is_unreadable(row.points):
            return _unscored(row, level1, level2_name, "points unreadable", "得分无法识别")
        en, zh = "no rule applies and no points printed", "无适用规则，且未印出得分"
        return _unscored(row, level1, level2_name, en, zh)
    try:
        score, tier = judged(template, printed, weight, row.tier)
    except JixiaoError as error:
        return _unscored(row, level1, level2_name, str(error), error.text("zh"))
    return RowResult(row, level1, level2_name, Method.EVALUATOR, score, tier=tier)


@attrs.frozen(repr=False)
class ProjectEvaluation:
    """A project table scored from scratch.

    Attributes:
        table: the table.
        template: the template whose rules applied.
        execution: the execution-rate score (``None`` when its amounts are unreadable).
        rows: every row's result, in printed order.
        total: execution plus every scored row, rounded half-up to 0.01 (0
            for a withdrawn project).
        grade: the grade of the total; ``None`` when the table is incomplete
            (a partial total is a lower bound, not a result to grade) or its
            total lies beyond the template's grades (its printed weights add
            up to more than 100: the audit's weight findings say where).
        complete: whether every row could be scored.
    """

    table: ProjectTable
    template: Template
    execution: Score | None
    rows: tuple[RowResult, ...]
    total: Decimal
    grade: Grade | None
    complete: bool

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (``format = "jixiao.project-evaluation/1"``)."""
        return evaluation_data(self)

    def explain(self, lang: str = "both") -> str:
        """A readable table of the rows, their points and how they were got."""
        return evaluation_text(self, lang)

    def to_pandas(self) -> Any:
        """The execution row and one row per level-3 row, float and exact
        columns (needs the extra ``notebook``; columns:
        :func:`jixiao.notebook.project_frame`)."""
        return project_frame(self)

    def to_html(self, lang: str = "both") -> str:
        """The scored table as an HTML fragment, in *lang* (``"zh"``, ``"en"``
        or ``"both"``); Jupyter shows it in both."""
        return project_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<ProjectEvaluation {self.table.project.name} total={self.total}>"


def execution_score(table: ProjectTable, template: Template) -> Score | None:
    """The execution-rate score from the table's total funds row, or ``None``
    when an amount or the weight is unreadable or negative (in
    :data:`~jixiao.quantities.CONTEXT`; the template's rule, as
    :func:`~jixiao.project.rules.execution` scores it), against the budget
    the table's rate is computed against (:attr:`~jixiao.project.model.Funds.rate_budget`)."""
    weight = printed_points(table.funds.weight)
    funds = table.funds
    executed = printed_amount(funds.total.executed, funds.unit)
    budget = printed_amount(getattr(funds.total, funds.rate_budget), funds.unit)
    if weight is None or executed is None or budget is None or budget == 0:
        return None
    if weight < ZERO or executed < ZERO or budget < ZERO:  # no rule scores them
        return None
    return template.score("execution", weight, {"executed": executed, "full_year_budget": budget})


@exact
def score_table(
    table: ProjectTable,
    template: Template | None = None,
    *,
    interpretations: Mapping[str, str] | None = None,
) -> ProjectEvaluation:
    """Score a table from scratch on *template* (default: the one it names or
    fits, else the default template).

    Args:
        table: the table.
        template: the template whose rules apply.
        interpretations: the template's readings other than the defaults, by
            key (``{"lower_is_better": "linear"}``).

    Raises:
        FrameworkError: the table's year lies outside the template's period.
        UnknownKeyError: an unknown interpretation or alternative.
    """
    rules = template or match_template(table) or default_template()
    year = table.project.year
    if year is not None and not rules.validity.contains(year):
        raise FrameworkError(
            f"template {rules.id!r} applies to {rules.validity}, not to {year}",
            zh=f"模板 {rules.id!r} 适用于 {rules.validity}，不适用于 {year}",
            field="year",
            value=year,
        )
    if interpretations:
        rules = rules.interpreted(interpretations)
    return _score_table(table, rules, read_cells(table))


def _score_table(
    table: ProjectTable, template: Template | None, cells: list[Cells]
) -> ProjectEvaluation:
    """:func:`score_table` on the rows' cells as :func:`read_cells` read them
    (called in :data:`~jixiao.quantities.CONTEXT`)."""
    rules = template or match_template(table) or default_template()
    rows = tuple(_score_rows(table, rules, cells))
    funds = execution_score(table, rules)
    scores = [r.rule_score for r in rows if r.rule_score is not None]
    complete = funds is not None and len(scores) == len(rows)
    if table.withdrawn:
        total = ZERO
    else:
        total = round_points(sum((s.points for s in scores), funds.points if funds else ZERO))
    gradable = (complete or table.withdrawn) and rules.grades.span.contains(total)
    graded = rules.grades.grade(total) if gradable else None
    return ProjectEvaluation(table, rules, funds, rows, total, graded, complete)


def _score_rows(
    table: ProjectTable, template: Template, cells: list[Cells], only: Set[int] | None = None
) -> list[RowResult]:
    """The results of the table's rows on *template*, in printed order (that of
    *cells*); of the rows at the indexes *only* alone when given (called in
    :data:`~jixiao.quantities.CONTEXT`)."""
    results: list[RowResult] = []
    index = 0
    for top in table.level1:
        for group in top.level2:
            rows = group.indicators
            if only is not None and only.isdisjoint(range(index, index + len(rows))):
                index += len(rows)  # none of its rows to score: its kind is not read
                continue
            kind = group.kind  # read from the group's name: once for its rows
            for row in rows:
                if only is None or index in only:
                    cell = cells[index]
                    results.append(_score_row(row, cell, kind, template, top.name, group.name))
                index += 1
    return results
