"""Auditing a filled table: recompute what can be recomputed, report every difference.

:func:`audit` keeps the printed rates, points and totals as printed and returns
:class:`Finding` s, each with a severity, the row, the value as printed and as
recomputed, a sentence in Chinese with English alongside, and the cells it
concerns (where they were printed, when the table was read from a document).
An arithmetically consistent table yields no error-level finding.

The template is the one the table names, else the one its printed weights
imply (the execution weight and the level-1 weights); when the weights fit
several templates, the default among them is used and the others are listed
(:attr:`Audit.alternatives`), and a finding says so when choosing another
would change a row's points or tier or the total.
A table that prints no points at all (unscored) is scored from the rules and
says so; a table cut before its 总分 row (truncated) is audited as far as it
goes; a table of a year outside the template's period (which
:func:`~jixiao.project.score_table` refuses) is audited on it all the same,
and a finding says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any

import attrs

import jixiao.project.paths as paths
from jixiao.project._checks import check_grade, check_total, check_weights, finding
from jixiao.project._funds_checks import check_funds, check_funds_parts
from jixiao.project._notebook import audit_frame
from jixiao.project._row_cells import Cells, read_cells
from jixiao.project._row_checks import check_row
from jixiao.project.audit_html import audit_html
from jixiao.project.audit_report import audit_data, audit_text
from jixiao.project.evaluation import (
    Method,
    ProjectEvaluation,
    RowResult,
    _score_rows,
    _score_table,
)
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import Level1, ProjectTable, is_blank, printed_points
from jixiao.project.template import Template, default_template, shipped_templates, template
from jixiao.quantities import ZERO, exact

__all__ = ["Audit", "audit", "fitting_templates", "weighed"]


@attrs.frozen(repr=False)
class Audit:
    """An audited table: its findings and the evaluation they were checked against."""

    table: ProjectTable
    template: Template
    evaluation: ProjectEvaluation
    findings: tuple[Finding, ...]
    alternatives: tuple[str, ...] = ()
    """The other shipped templates the table's weights fit (ids)."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether the table is arithmetically consistent (no error-level finding)."""
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (``format = "jixiao.project-audit/1"``)."""
        return audit_data(self)

    def explain(self, lang: str = "both") -> str:
        """The audit as readable text, every finding beside its row."""
        return audit_text(self, lang)

    def to_pandas(self, what: str = "rows") -> Any:
        """The audit as a tidy DataFrame: one row per table row with its
        findings (``"rows"``), or one row per finding (``"findings"``); needs
        the extra ``notebook`` (columns: :func:`jixiao.notebook.audit_frame`)."""
        return audit_frame(self, what)

    def to_html(self, lang: str = "both", *, standalone: bool = False) -> str:
        """The audit as HTML, in *lang* (``"zh"``, ``"en"`` or ``"both"``): a
        fragment to embed, or a page (*standalone*); Jupyter shows the
        fragment in both."""
        return audit_html(self, standalone=standalone, lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<Audit {self.table.project.name}: {len(self.errors)} errors, {len(self.findings)} findings>"


def _rows_weight(top: Level1) -> str:
    """A level-1 group's weight as its rows print it, or "" when one cannot be read."""
    weights = [printed_points(r.weight) for r in top.rows()]
    known = [w for w in weights if w is not None]
    return str(sum(known, ZERO)) if len(known) == len(weights) else ""


def _prints_every_weight(table: ProjectTable) -> bool:
    """Whether the table prints its execution weight and every level-1 weight
    (then :func:`weighed` has nothing to take, whatever the template)."""
    return not is_blank(table.funds.weight) and not any(is_blank(t.weight) for t in table.level1)


def weighed(table: ProjectTable, rules: Template) -> ProjectTable:
    """The table with the weights it does not print taken from what it implies:
    the execution weight from *rules*, a level-1 weight from its rows' weights."""
    if _prints_every_weight(table):
        return table  # every weight printed: nothing to take
    funds = table.funds
    if is_blank(funds.weight):
        funds = attrs.evolve(funds, weight=str(rules.execution_weight))
    level1 = tuple(
        attrs.evolve(top, weight=_rows_weight(top)) if is_blank(top.weight) else top
        for top in table.level1
    )
    return attrs.evolve(table, funds=funds, level1=level1)


def _fits(rules: Template, table: ProjectTable) -> bool:
    """Whether *table*, its weights taken as :func:`weighed` on *rules* takes
    them, fits *rules*; a truncated table, as far as it goes (each level-1
    group it prints weighs what the template says)."""
    if not table.truncated:
        return rules.fits(table)
    if printed_points(table.funds.weight) != rules.execution_weight:
        return False
    weights = {g.kind: g.weight for g in rules.level1}
    printed = [(top.kind, printed_points(top.weight)) for top in table.level1]
    if rules.indicators_weight is not None:
        known = [w for _, w in printed if w is not None]
        return sum(known, ZERO) <= rules.indicators_weight
    return all(kind in weights and weights[kind] == w for kind, w in printed)


def fitting_templates(table: ProjectTable) -> tuple[Template, ...]:
    """The shipped templates whose weights the table's printed weights fit, the
    default first. A weight the table does not print is taken from what it
    implies (:func:`weighed`); a truncated table fits as far as it goes."""
    every = _prints_every_weight(table)  # then the table is its own weighed table for each
    return tuple(t for t in shipped_templates() if _fits(t, table if every else weighed(table, t)))


def _scored(table: ProjectTable) -> bool:
    """Whether the table prints any points at all (read up to the first it prints)."""
    printed = chain(
        (table.funds.points, table.total.points), (r.points for _, _, r in table.rows())
    )
    return not all(is_blank(points) for points in printed)


def _nearest(where: Mapping[str, str], cells: tuple[str, ...]) -> tuple[str, ...]:
    """Where the first of *cells* that has a printed neighbour was printed: a
    cell of the same row (``rows.3.name`` for ``rows.3.points``), of the same
    group, the 总分 row or the funds; else the table's first location (its
    title), so that a finding of a table read from a document always names
    a place in it."""
    for path in cells:
        parts = path.split(".")
        for size in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:size]) + "."
            near = next((at for key, at in where.items() if key.startswith(prefix)), None)
            if near is not None:
                return (near,)
    return (where.get("title") or next(iter(where.values())),)


def _located(table: ProjectTable, found: Finding, index: int | None = None) -> Finding:
    """*found* with its cells' paths turned into locations (kept as paths when
    the table does not know where it was read); a row's finding (*index*: the
    row's) with its index too, its cells then named by the row's field names;
    when none of its cells was printed, the nearest place that was
    (:func:`_nearest`)."""
    cells = found.cells
    if index is None:
        index = found.index
    if index is not None:
        cells = tuple([paths.row(index, field) for field in cells])
    where = table.locations
    if where:
        located = tuple([where[path] for path in cells if path in where])
        cells = located or _nearest(where, cells)
    return Finding(  # attrs.evolve(found, index=index, cells=cells), at a third of its cost
        severity=found.severity,
        code=found.code,
        row=found.row,
        field=found.field,
        printed=found.printed,
        expected=found.expected,
        message=found.message,
        message_en=found.message_en,
        index=index,
        cells=cells,
    )


def _state(table: ProjectTable, scored: bool) -> list[Finding]:
    """What kind of table it is, when it is not a whole scored one."""
    found = []
    if not scored:
        found.append(
            finding(
                Severity.INFO,
                "table-unscored",
                "总分",
                "points",
                None,
                None,
                "表中未填写得分：按评分规则计分，未复核印出的得分",
                "the table prints no points: scored from the rules, no printed points to check",
                ("total.points",),
            )
        )
    if table.truncated:
        rows = sum(1 for _ in table.rows())
        found.append(
            finding(
                Severity.WARNING,
                "table-truncated",
                "总分",
                "points",
                None,
                None,
                f"表格在总分行之前中断（{rows}行），末尾的行可能缺失，总分未复核",
                f"the table ends before its 总分 row ({rows} rows): its last rows may be "
                "missing; the total is not checked",
                (paths.row(rows - 1, "name"),) if rows else (),
            )
        )
    return found


def _period(table: ProjectTable, rules: Template) -> list[Finding]:
    """A finding when the table's year lies outside the template's period
    (scoring refuses such a table; an audit says so and checks it all the
    same). Nothing when the table prints no year."""
    year = table.project.year
    if year is None or rules.validity.contains(year):
        return []
    return [
        finding(
            Severity.WARNING,
            "year-outside-period",
            "项目",
            "year",
            year,
            None,
            f"表格年度 {year} 不在模板 {rules.id} 的适用期间（{rules.validity}）内："
            "按该模板审核，其规则未必适用于该年度",
            f"the table's year {year} lies outside the period of template {rules.id} "
            f"({rules.validity}): audited on it all the same, though its rules may "
            "not be those of that year",
            ("project.year",),
        )
    ]


def _outcome(rows: Sequence[RowResult], total: Decimal | None = None) -> tuple[object, ...]:
    """What a template decides for rows: each row's points and tier (and the total)."""
    decided = tuple(
        (None if r.rule_score is None else r.rule_score.points, r.tier and r.tier.key) for r in rows
    )
    return (total, decided)


def _scores_alike(one: Template, other: Template) -> bool:
    """Whether two templates give a row the same points from the same cells:
    the same rules, a lower-is-better row and a bare target read alike. They
    may still differ in their qualitative tiers."""
    return (
        one.rules == other.rules
        and one.lower_is_better == other.lower_is_better
        and one.bare_target == other.bare_target
    )


_JUDGED = (Method.EVALUATOR, Method.UNSCORED)
"""The methods of the rows whose points or tier another template that scores
alike may change: the evaluator's points, and the rows it could not score."""


def _changes(
    table: ProjectTable, evaluation: ProjectEvaluation, other: Template, cells: list[Cells]
) -> bool:
    """Whether scoring *table* on *other* changes a row's points or tier or the total.

    When *other* scores alike (:func:`_scores_alike`), only the rows the
    evaluator scored (their tier, or a stated tier outside it) can change, and
    the total only with their points: those rows are scored again, by the same
    path (``_score_rows``). Otherwise the whole table is.
    """
    if not _scores_alike(evaluation.template, other):
        again = _score_table(table, other, cells)
        return _outcome(again.rows, again.total) != _outcome(evaluation.rows, evaluation.total)
    judged = [i for i, r in enumerate(evaluation.rows) if r.method in _JUDGED]
    rescored = _score_rows(table, other, cells, set(judged))
    return _outcome(rescored) != _outcome([evaluation.rows[i] for i in judged])


def _ambiguous(
    table: ProjectTable, evaluation: ProjectEvaluation, others: list[Template], cells: list[Cells]
) -> Finding | None:
    """A finding when scoring on another fitting template changes the outcome."""
    differ = [t.id for t in others if _changes(table, evaluation, t, cells)]
    if not differ:
        return None
    chosen = evaluation.template.id
    return finding(
        Severity.INFO,
        "template-ambiguous",
        "总分",
        "weight",
        None,
        None,
        f"分值也符合模板 {'、'.join(differ)}，按其计分结果不同；按 {chosen} 审核",
        f"the weights also fit {', '.join(differ)}, which would score this table "
        f"differently; audited on {chosen}",
        ("funds.weight", *(paths.level1(i) for i in range(len(table.level1)))),
    )


@exact
def audit(table: ProjectTable, template_id: str | None = None) -> Audit:
    """Audit a filled table against its template (named, implied by its weights, or the default).

    Returns:
        The :class:`Audit`: findings in table order (what kind of table, funds,
        rows, weights, total), each with the cells it concerns.
    """
    named = template_id or table.template
    fitting = () if named else fitting_templates(table)
    chosen = template(named) if named else (fitting[0] if fitting else default_template())
    scored = _scored(table)
    cells = read_cells(table)  # every row's cells read once, for its score and its checks
    evaluation = _score_table(table, chosen, cells)
    findings = _state(table, scored) + _period(table, chosen)
    others = [t for t in fitting if t is not chosen]
    if others and (ambiguous := _ambiguous(table, evaluation, others, cells)) is not None:
        findings.append(ambiguous)
    findings.extend(check_funds(table, evaluation, scored=scored))
    findings.extend(check_funds_parts(table))
    located = [_located(table, f) for f in findings]
    for index, (result, row_cells) in enumerate(zip(evaluation.rows, cells, strict=True)):
        for found in check_row(result, evaluation.template, row_cells, scored=scored):
            located.append(_located(table, found, index))
    weights = weighed(table, chosen)  # evaluation.template is chosen
    fits = _fits(chosen, weights) if named else bool(fitting)
    findings = list(check_weights(weights, chosen, named is not None, fits, cells))
    if scored and not table.truncated:
        findings.extend(check_total(table, evaluation, cells))
        findings.extend(check_grade(table, evaluation))
    located.extend(_located(table, f) for f in findings)
    others_ids = tuple(t.id for t in others)
    return Audit(table, evaluation.template, evaluation, tuple(located), others_ids)
