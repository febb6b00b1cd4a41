"""Rendering audits: readable text and JSON-ready data, and the words the
reports share (their HTML is :mod:`jixiao.project.audit_html`, their
Markdown :mod:`jixiao.io.reports`).

The data form carries a format: ``jixiao.project-audit/1``; numbers are
strings, exact.

Three kinds of number meet in an audit, and each has one name everywhere a
reader sees it: the value **as printed** in the table (表中印出), the value
jixiao **recomputed** by the rules (复核), and the cells a finding concerns
(位置 cells). A finding compares the first two: "表中印出 as printed ‘50’ ·
复核 recomputed 40". The JSON keeps its keys ``printed`` and ``expected``
(the recomputed value) and adds ``cells``. The reports print a legend
(:func:`legend`) that says so, and never call anything "expected": the
indicator's own goal is its 年度指标值 target.

Every text takes *lang* (``"zh"``, ``"en"``, ``"both"``, the default):
Chinese, English, or Chinese with the English alongside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, visible, words
from jixiao._provenance import provenance
from jixiao.project.evaluation import EMPTY
from jixiao.project.findings import Finding
from jixiao.project.model import FUNDS_AMOUNTS, ProjectTable
from jixiao.project.report import evaluation_data, method_label
from jixiao.quantities import Unit

if TYPE_CHECKING:
    from jixiao.project.audit import Audit

__all__ = [
    "AS_PRINTED",
    "AUDIT_TITLE",
    "CELLS",
    "FUNDS_COLUMNS",
    "FUNDS_ROWS",
    "LEGEND",
    "RECOMPUTED",
    "as_printed",
    "audit_data",
    "audit_text",
    "finding_line",
    "finding_text",
    "funds_heading",
    "funds_label",
    "heading",
    "legend",
    "method_label",
    "recomputed",
    "verdict",
]

_AS_PRINTED = ("表中印出", "as printed")
_RECOMPUTED = ("复核", "recomputed")
_CELLS = ("位置", "cells")
AS_PRINTED = words(*_AS_PRINTED, "both")
"""The name of a value as the table prints it, in every report (:func:`as_printed` in a language)."""
RECOMPUTED = words(*_RECOMPUTED, "both")
"""The name of a value jixiao recomputed by the rules, in every report (:func:`recomputed`)."""
CELLS = words(*_CELLS, "both")
"""The name of the cells a finding concerns, in every report."""
_FIELDS = {
    "points": "得分",
    "weight": "分值",
    "rate": "执行率",
    "note": "偏差原因",
    "target": "年度指标值",
    "actual": "实际完成值",
    "name": "三级指标",
    **{field: zh for field, (zh, _) in FUNDS_AMOUNTS.items()},
    "header": "表头",
    "line": "行",
    "year": "年度",
    "grade": "等级",
}
"""The Chinese names of the table's fields a finding can concern (the
English text names the field by its key, as the JSON does)."""
_ROWS = {
    "资金": ("资金", "funds"),
    "总分": ("总分", "total"),
    "项目": ("项目", "project"),
    "表格 table": ("表格", "table"),
}
"""The rows a finding names by a fixed label rather than by the table's own names."""


def as_printed(lang: str = "both") -> str:
    """The name of a value as the table prints it: 表中印出, as printed."""
    return words(*_AS_PRINTED, lang)


def recomputed(lang: str = "both") -> str:
    """The name of a value jixiao recomputed by the rules: 复核, recomputed."""
    return words(*_RECOMPUTED, lang)


def legend(lang: str = "both") -> str:
    """What the reports' three kinds of value mean, printed above their tables."""
    return words(
        "表中印出：表格填报的数值 · 复核：jixiao 按评分规则重算的数值（JSON 中为 expected）"
        " · 年度指标值：指标的目标",
        "as printed: the value the table prints · recomputed: the value jixiao computes "
        "by the rules (JSON: expected) · target: the indicator's goal",
        lang,
        both=f"{AS_PRINTED}：表格填报的数值 the value the table prints · "
        f"{RECOMPUTED}：jixiao 按评分规则重算的数值 the value jixiao computes by the rules "
        "(JSON: expected) · 年度指标值 target：指标的目标 the indicator's goal",
    )


LEGEND = legend()
"""The legend in both languages."""

FUNDS_ROWS = (
    ("total", "年度资金总额", "total funds"),
    ("current_appropriation", "其中：当年财政拨款", "of which: current appropriation"),
    ("carry_over", "上年结转资金", "carry-over"),
    ("other", "其他资金", "other funds"),
)
"""The funds rows a report shows: the table's field, its label in Chinese and in English."""

FUNDS_COLUMNS = tuple(FUNDS_AMOUNTS.values())
"""The funds table's columns, in Chinese and English (the amounts' names)."""


def indicator_columns(lang: str = "both") -> tuple[str, ...]:
    """The indicator table's column heads in the reports, as the form names them."""
    printed, again = as_printed(lang), recomputed(lang)
    points = words("得分", "points", lang, both="得分")
    return (
        words("一级指标", "level 1", lang, both="一级指标"),
        words("二级指标", "level 2", lang, both="二级指标"),
        words("三级指标", "indicator", lang),
        words("年度指标值", "target", lang),
        words("实际完成值", "actual", lang),
        words("分值", "weight", lang),
        f"{points} {printed}",
        f"{points} {again}",
        words("计分方法", "method", lang),
        words("偏差原因", "note", lang),
        words("复核意见", "findings", lang),
    )


def funds_label(zh: str, en: str, lang: str = "both") -> str:
    """A funds row's label (in both languages, the form's Chinese)."""
    return words(zh, en, lang, both=zh)


def funds_heading(unit: Unit, lang: str = "both") -> str:
    """The funds section's heading, with the money unit: 资金使用情况 Funds（万元）."""
    return words(
        f"资金使用情况（{unit.value}）",
        f"Funds ({unit.label_en})",
        lang,
        both=f"资金使用情况 Funds（{unit.value}）",
    )


AUDIT_TITLE = ("项目支出绩效自评表复核", "Audit of a project self-evaluation table")
"""What a report is, in Chinese and English."""

CELLS_SHOWN = 4
"""How many of a finding's cells a line of text names; the data (JSON) has them all."""


def _cells(finding: Finding, lang: str = "both") -> str:
    """The cells a finding concerns, "位置 cells: a, b, c, d 等 and 17 more" at most."""
    shown = ", ".join(finding.cells[:CELLS_SHOWN])
    more = len(finding.cells) - CELLS_SHOWN
    rest = f" {words(f'等 {more} 个', f'and {more} more', lang, both=f'等 and {more} more')}"
    return f"{words(*_CELLS, lang)}: {shown}" + (rest if more > 0 else "")


def _values(finding: Finding, lang: str = "both") -> str:
    """ "表中印出 as printed ‘50’ · 复核 recomputed 40", as far as the finding knows them."""
    parts = []
    if finding.printed is not None:
        parts.append(f"{words(*_AS_PRINTED, lang)} ‘{finding.printed}’")
    if finding.expected is not None:
        parts.append(f"{words(*_RECOMPUTED, lang)} {finding.expected}")
    return " · ".join(parts)


def finding_line(finding: Finding, lang: str = "both") -> str:
    """One finding on one line: severity, row, field, as printed · recomputed, message, cells."""
    check_lang(lang)
    severity = finding.severity
    label = words(severity.name_zh, severity.value, lang)
    field = words(
        _FIELDS.get(finding.field, finding.field), finding.field, lang, both=finding.field
    )
    values = _values(finding, lang)
    message = words(
        finding.message,
        finding.message_en,
        lang,
        both=f"{finding.message} — {finding.message_en}",
    )
    cells = f" [{_cells(finding, lang)}]" if finding.cells else ""
    fixed = _ROWS.get(finding.row)
    row = finding.row if fixed is None else words(*fixed, lang, both=finding.row)
    if lang == "en" and row.endswith(EMPTY[0]):  # a row without a name, as its label says
        row = row[: -len(EMPTY[0])] + EMPTY[1]
    return (
        f"[{label}] {row} · {field}:{' ' + values if values else ''} — "
        f"{message} ({finding.code}){cells}"
    )


_MARK = {"error": "✘", "warning": "⚠", "info": "ℹ"}


def finding_text(finding: Finding, lang: str = "both") -> str:
    """A finding as one sentence for reports: mark, message, values, cells."""
    values = _values(finding, lang)
    values = f" {values}" if values else ""
    mark, severity = _MARK[finding.severity.value], finding.severity
    if lang == "en":
        cells = f" ({_cells(finding, lang)})" if finding.cells else ""
        return f"{mark} {severity.value}: {finding.message_en}{values}{cells}"
    cells = f"（{_cells(finding, lang)}）" if finding.cells else ""
    if lang == "zh":
        return f"{mark} {severity.name_zh}：{finding.message}{values}{cells}"
    return (
        f"{mark} {severity.name_zh} {severity.value}"
        f"：{finding.message}（{finding.message_en}）{values}{cells}"
    )


def verdict(audit: Audit, lang: str = "both") -> str:
    """ "✔ 一致 consistent" or "✘ 2 处错误 error(s)", in *lang*."""
    if audit.ok:
        return "✔ " + words("一致", "consistent", lang)
    errors = len(audit.errors)
    return "✘ " + words(
        f"{errors} 处错误", f"{errors} error(s)", lang, both=f"{errors} 处错误 error(s)"
    )


def audit_data(audit: Audit) -> dict[str, Any]:
    """An audit as data: the findings and the recomputed evaluation."""
    table = audit.table
    return {
        "format": "jixiao.project-audit/1",
        **provenance(audit.template),
        "project": attrs.asdict(table.project),
        "source": table.source,
        "template": audit.template.id,
        "alternatives": list(audit.alternatives),
        "ok": audit.ok,
        "printed_total": table.total.points,
        "truncated": table.truncated,
        "findings": [f.to_dict() for f in audit.findings],
        "evaluation": evaluation_data(audit.evaluation),
    }


def heading(table: ProjectTable, lang: str = "both") -> str:
    """ "name（code，2023年）", in English "name (code, 2023)"."""
    p = table.project
    year = "" if p.year is None else f"{p.year}年" if lang != "en" else str(p.year)
    inside = ("，" if lang != "en" else ", ").join(x for x in (p.code, year) if x)
    if not inside:
        return p.name
    return f"{p.name}（{inside}）" if lang != "en" else f"{p.name} ({inside})"


def audit_text(audit: Audit, lang: str = "both") -> str:
    """An audit as readable text: a heading, every finding, a verdict."""
    check_lang(lang)
    table = audit.table
    head = heading(table, lang)
    if table.source:
        head += f"  {words('来源', 'source', lang)}: {table.source}"
    also = ""
    if audit.alternatives:
        fits = ", ".join(audit.alternatives)
        also = f" ({words('也符合', 'also fits', lang)}: {fits})"
    out = [
        head,
        f"  {words('模板', 'template', lang)}: {audit.template.id}{also}   "
        f"{words('印出总分', 'total as printed', lang)}: {table.total.points or '—'}"
        + (f" {table.total.grade}" if table.total.grade else ""),  # 96 优, as printed
    ]
    out.extend(f"  {finding_line(f, lang)}" for f in audit.findings)
    errors = len(audit.errors)
    conclusion = (
        ("结论：各项数字一致", "consistent: no error")
        if audit.ok
        else (f"结论：发现 {errors} 处错误", f"inconsistent: {errors} error(s)")
    )
    out.append("  " + words(*conclusion, lang, both=f"{conclusion[0]} ({conclusion[1]})"))
    return visible("\n".join(out))  # a table's control characters never reach a terminal
