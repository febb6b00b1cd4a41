"""An audit as HTML: a standalone page (``--report``) or a fragment (Jupyter).

The HTML shows the indicator rows as the form does, level 1 and level 2
merged over their rows, the recomputed values shaded apart from the printed
ones (bold and outlined where they differ), and each row's method by its
Chinese name with the English beside it (:func:`~jixiao.project.report.method_label`).
Every label is in the language asked for (``lang``: ``"zh"``, ``"en"``, or
``"both"``, the default: Chinese with the English alongside); the table's
own text is shown as printed. Its styles apply only inside ``<div
class="jixiao-audit">``: embedded in a notebook or another page, it restyles
nothing else.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao._format import check_lang, visible, words_in
from jixiao.project.audit_report import (
    AUDIT_TITLE,
    FUNDS_COLUMNS,
    FUNDS_ROWS,
    as_printed,
    finding_text,
    funds_heading,
    funds_label,
    heading,
    indicator_columns,
    legend,
    recomputed,
    verdict,
)
from jixiao.project.findings import Finding
from jixiao.project.model import printed_points
from jixiao.project.report import grade_label, method_label

if TYPE_CHECKING:
    from jixiao.project.audit import Audit

__all__ = ["CSP", "STYLE", "audit_html", "grouped", "html_page", "html_text"]

STYLE = (
    "div.jixiao-audit{font-family:sans-serif;max-width:1200px;margin:auto}"
    "div.jixiao-audit table{border-collapse:collapse}"
    "div.jixiao-audit td,div.jixiao-audit th{border:1px solid #ccc;padding:4px 6px;"
    "vertical-align:top;text-align:left}"
    "div.jixiao-audit .error{background:#fde2e2}div.jixiao-audit .warning{background:#fff4d6}"
    "div.jixiao-audit .info{background:#eef5ff}div.jixiao-audit .num{text-align:right}"
    "div.jixiao-audit .recomputed{background:#fff8e1}"
    "div.jixiao-audit .differs{font-weight:bold;outline:2px solid #c00}"
    "div.jixiao-audit .legend{font-size:90%;color:#444}div.jixiao-audit td.level{background:#fff}"
)
"""The reports' styles, each scoped to ``div.jixiao-audit`` (specific enough that a
notebook's own table styles, which right-align cells, do not override them)."""
CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""The standalone page's content security policy: no script, no request, its own styles."""
_PAGE_LANG = {"zh": "zh-CN", "en": "en", "both": "zh-CN"}
"""The ``lang`` attribute of a page in each language."""


def html_text(text: object) -> str:
    """Text as HTML that shows it as printed (escaped, control characters as their pictures)."""
    return html.escape(visible("" if text is None else str(text)))


_h = html_text


def _finding_html(finding: Finding, lang: str) -> str:
    every = f" title='{_h(', '.join(finding.cells))}'" if finding.cells else ""
    text = _h(finding_text(finding, lang))
    return f"<div class='{finding.severity.value}'{every}>{text}</div>"


def grouped(audit: Audit) -> tuple[list[Finding], dict[int, list[Finding]], list[Finding]]:
    """The findings about the funds, about each row (by its index), and the rest."""
    funds: list[Finding] = []
    rows: dict[int, list[Finding]] = {}
    rest: list[Finding] = []
    for found in audit.findings:
        if found.index is not None:
            rows.setdefault(found.index, []).append(found)
        elif found.row == "资金":
            funds.append(found)
        else:
            rest.append(found)
    return funds, rows, rest


def _spans(keys: list[object]) -> list[int]:
    """Each row's rowspan for a column merged as the form merges it: the run
    of equal keys that starts on the row, 0 on a row inside a run."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def _recomputed_td(printed: str, value: Decimal | None, lang: str) -> str:
    """A recomputed value's cell: shaded; bold and outlined where it differs
    from the value as printed."""
    if value is None:
        return "<td class='num recomputed'>—</td>"
    number = printed_points(printed)
    differs = " differs" if number is None or number != value else ""
    title = f" title='{_h(as_printed(lang))} ‘{_h(printed)}’'" if differs else ""
    return f"<td class='num recomputed{differs}'{title}>{value}</td>"


def html_page(title: str, body: str, lang: str = "both") -> str:
    """A standalone page: UTF-8, the reports' content security policy (no
    script, no request), *body* inside ``<div class="jixiao-audit">``."""
    return (
        f"<!DOCTYPE html><html lang='{_PAGE_LANG[check_lang(lang)]}'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{_h(title)}</title><style>{STYLE}</style></head><body>"
        f"<div class='jixiao-audit'>{body}</div></body></html>\n"
    )


def _row_html(audit: Audit, index: int, spans: tuple[int, int], lang: str) -> str:
    result = audit.evaluation.rows[index]
    row = result.row
    found = [f for f in audit.findings if f.index == index]
    worst = min(
        (f.severity.value for f in found), key=("error", "warning", "info").index, default=None
    )
    cls = f" class='{worst}'" if worst else ""
    levels = "".join(
        f"<td class='level' rowspan='{span}'>{_h(text)}</td>"
        for span, text in zip(spans, (result.level1, result.level2), strict=True)
        if span
    )
    points = None if result.score is None else result.score.points
    return (
        f"<tr{cls}>{levels}"
        + "".join(f"<td>{_h(c)}</td>" for c in (row.name, row.target, row.actual))
        + f"<td class='num'>{_h(row.weight)}</td><td class='num'>{_h(row.points)}</td>"
        f"{_recomputed_td(row.points, points, lang)}<td>{_h(method_label(result, lang))}</td>"
        f"<td>{_h(row.note)}</td><td>{''.join(_finding_html(f, lang) for f in found)}</td></tr>"
    )


def audit_html(audit: Audit, *, standalone: bool = True, lang: str = "both") -> str:
    """One audited table as a standalone HTML page, or (``standalone=False``)
    as a fragment to embed (Jupyter's rich display), its styles scoped to it;
    its labels in *lang*.

    Raises:
        InputError: *lang* is not ``zh``, ``en`` or ``both``.
    """
    w = words_in(lang)

    table, evaluation = audit.table, audit.evaluation
    funds_findings, _, other = grouped(audit)
    results = evaluation.rows
    span1 = _spans([r.level1 for r in results])
    span2 = _spans([(r.level1, r.level2) for r in results])
    rows = "".join(_row_html(audit, i, (span1[i], span2[i]), lang) for i in range(len(results)))
    funds = "".join(
        f"<tr><td>{funds_label(zh, en, lang)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).initial_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).full_year_budget)}</td>"
        f"<td class='num'>{_h(getattr(table.funds, a).executed)}</td></tr>"
        for a, zh, en in FUNDS_ROWS
    )
    ex = evaluation.execution
    year = table.project.year
    year_text = "" if year is None else f"{w(f'{year}年', str(year), f'{year}年')} · "
    printed_total = table.total.points
    printed, again = as_printed(lang), recomputed(lang)
    points = w("得分", "points", "得分")

    def th(*labels: str) -> str:
        return "".join(f"<th>{label}</th>" for label in labels)

    body = (
        f"<h1>{_h(heading(table, lang))}</h1>"
        f"<p>{w(AUDIT_TITLE[0], AUDIT_TITLE[1], f'{AUDIT_TITLE[0]} · Audit')}"
        f" · {year_text}{w('来源', 'source')}: {_h(table.source or '—')} · "
        f"{w('模板', 'template')}: {_h(audit.template.id)} · "
        f"{w('结论', 'verdict')}: <strong>{_h(verdict(audit, lang))}</strong></p>"
        f"<p class='legend'>{_h(legend(lang))}</p>"
        f"<h2>{funds_heading(table.funds.unit, lang)}</h2>"
        f"<table><tr><th></th>"
        + th(*(w(zh, en) for zh, en in FUNDS_COLUMNS))
        + f"</tr>{funds}</table><table><tr>"
        + th(w("执行率", "rate"), w("分值", "weight"), f"{points} {printed}", f"{points} {again}")
        + f"</tr><tr><td class='num'>{_h(table.funds.rate)}</td>"
        f"<td class='num'>{_h(table.funds.weight)}</td>"
        f"<td class='num'>{_h(table.funds.points)}</td>"
        f"{_recomputed_td(table.funds.points, ex.points if ex else None, lang)}</tr></table>"
        f"{''.join(_finding_html(f, lang) for f in funds_findings)}"
        f"<h2>{w('年度绩效指标', 'Indicators')}</h2><table><tr>"
        + th(*indicator_columns(lang))
        + f"</tr>{rows}</table><h2>{w('总分', 'Total')}</h2><table><tr>"
        + th(w("分值", "weight"), f"{points} {printed}", f"{points} {again}", w("等级", "grade"))
        + f"</tr><tr><td class='num'>{_h(table.total.weight)}</td>"
        f"<td class='num'>{_h(printed_total)}</td>"
        f"{_recomputed_td(printed_total, evaluation.total, lang)}"
        f"<td>{_h(grade_label(evaluation.grade, lang))}</td></tr></table>"
        f"{''.join(_finding_html(f, lang) for f in other)}"
    )
    if not standalone:
        return f"<div class='jixiao-audit'><style>{STYLE}</style>{body}</div>"
    title = f"{table.project.name} {w('复核', 'audit', '复核 audit')}"
    return html_page(title, body, lang)
