"""Auditing a filled table: recompute what can be recomputed, report every difference.

:func:`audit` keeps the printed rates, points and totals as printed and returns
:class:`Finding` s, each with a severity, the row, the printed and the expected
value, and a sentence in Chinese with English alongside. An arithmetically
consistent table yields no error-level finding.
"""

from __future__ import annotations

import attrs

from jixiao.project._checks import check_funds, check_total, check_weights
from jixiao.project._row_checks import check_row
from jixiao.project.evaluation import ProjectEvaluation, _score_table, read_cells
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable
from jixiao.project.template import Template, match_template, template
from jixiao.quantities import exact

__all__ = ["Audit", "Finding", "Severity", "audit"]


@attrs.frozen(repr=False)
class Audit:
    """An audited table: its findings and the evaluation they were checked against."""

    table: ProjectTable
    template: Template
    evaluation: ProjectEvaluation
    findings: tuple[Finding, ...]

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
        from jixiao.project.report import audit_data

        return audit_data(self)

    def explain(self, lang: str = "both") -> str:
        """The audit as readable text, every finding beside its row."""
        from jixiao.project.report import audit_text

        return audit_text(self, lang)

    def _repr_html_(self) -> str:
        from jixiao.io.reports import audit_html

        return audit_html(self, standalone=False)

    def __repr__(self) -> str:
        return f"<Audit {self.table.project.name}: {len(self.errors)} errors, {len(self.findings)} findings>"


@exact
def audit(table: ProjectTable, template_id: str | None = None) -> Audit:
    """Audit a filled table against its template (named, fitted, or the default).

    Returns:
        The :class:`Audit`: findings in table order (funds, rows, weights, total).
    """
    named = template_id or table.template
    chosen = template(named) if named else match_template(table)
    cells = read_cells(table)  # every row's cells read once, for its score and its checks
    evaluation = _score_table(table, chosen, cells)
    findings = [*check_funds(table, evaluation)]
    for index, (result, row_cells) in enumerate(zip(evaluation.rows, cells, strict=True)):
        for finding in check_row(result, evaluation.template, row_cells):
            findings.append(attrs.evolve(finding, index=index))
    listed = named is not None or chosen is not None
    # A fitted template fits; when none fits, the default does not (it was tried).
    fits = evaluation.template.fits(table) if named else chosen is not None
    findings.extend(check_weights(table, evaluation.template, listed, fits, cells))
    findings.extend(check_total(table, evaluation, cells))
    return Audit(table, evaluation.template, evaluation, tuple(findings))
