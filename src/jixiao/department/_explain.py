"""A department evaluation's explanation as text, HTML and data (private).

:class:`~jixiao.department.evaluation.Evaluation` renders itself through these
functions; the public names are re-exported by :mod:`jixiao.explain`. Each
indicator's lines come from its score (:meth:`jixiao.score.Score.lines`); the
framework's fixed text (title, the rows of its table, the source) is
formatted once per framework (:class:`FrameworkText`).
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao._explain_score import score_trace
from jixiao._format import check_lang, number, pad
from jixiao._notebook import ruleset_html, scoped_css
from jixiao._provenance import provenance
from jixiao.spec.rules import Group, Indicator

if TYPE_CHECKING:
    from jixiao.department.evaluation import Evaluation
    from jixiao.department.framework import Framework

__all__ = [
    "EVALUATION_FORMAT",
    "FrameworkText",
    "Row",
    "evaluation_html",
    "evaluation_trace",
    "explain_evaluation",
]

EVALUATION_FORMAT = "jixiao.evaluation/1"


class Row:
    """One node's row of the evaluation table, its fixed text formatted once."""

    __slots__ = (
        "depth",
        "full",
        "full_en",
        "head",
        "head_en",
        "indent",
        "indent_en",
        "key",
        "leaf",
        "name",
        "name_en",
        "weight",
        "weight_text",
    )

    def __init__(self, node: Group | Indicator, depth: int) -> None:
        self.key: str = node.key
        self.depth = depth
        self.name, self.name_en = node.name, node.name_en
        self.leaf = isinstance(node, Indicator)
        """Whether the row is an indicator's (else a group's)."""
        self.weight: Decimal = node.weight
        label = f"{'  ' * depth}{node.name}"
        label_en = label + (f" ({node.name_en})" if node.name_en else "")
        self.head = f"{pad(label, 48)} "
        """The row up to its points, in Chinese only (and with English: ``head_en``)."""
        self.head_en = f"{pad(label_en, 48)} "
        self.weight_text = f" / {number(node.weight)}"
        self.full = f"{self.head}{number(node.weight):>7}{self.weight_text}"
        """The whole row at full marks (and with English: ``full_en``)."""
        self.full_en = f"{self.head_en}{number(node.weight):>7}{self.weight_text}"
        self.indent = "  " * (depth + 1) + "· "
        """The indent of the explanation's Chinese lines (of English ones: ``indent_en``)."""
        self.indent_en = "  " * (depth + 1) + "  "


class FrameworkText:
    """A framework's fixed text: title lines, the rows of its table, the total's
    weight, the source line, and the variant's lines (reforms, readings)."""

    __slots__ = ("rows", "source", "title", "title_en", "variant", "weight")

    def __init__(self, fw: Framework) -> None:
        self.title = f"{fw.title}（{fw.jurisdiction}，{fw.year}）"
        self.title_en = f"{fw.title_en} — {fw.jurisdiction_en}, {fw.year}"
        self.weight = number(fw.weight)
        self.source = f"依据 Source: {fw.citation}"
        variant = [f"变体 Variant: {reform}" for reform in fw.reforms]
        variant += [f"解释 Reading: {name} = {chosen}" for name, chosen in fw.readings.items()]
        self.variant = tuple(variant)
        """One line per reform and per interpretation read otherwise than by default."""
        rows: list[Row] = []

        def walk(nodes: tuple[Group | Indicator, ...], depth: int) -> None:
            for node in nodes:
                rows.append(Row(node, depth))
                if isinstance(node, Group):
                    walk(node.children, depth + 1)

        walk(fw.children, 0)
        self.rows = tuple(rows)


def evaluation_trace(evaluation: Evaluation) -> dict[str, Any]:
    """An evaluation as data (``format = "jixiao.evaluation/1"``)."""
    fw = evaluation.framework
    dept = evaluation.department
    framework: dict[str, Any] = {
        "id": fw.id,
        "title": fw.title,
        "jurisdiction": fw.jurisdiction,
        "year": fw.year,
        "family": fw.family,
        "period": str(fw.validity),
    }
    if fw.reforms:
        framework["reforms"] = [{"name": r.name, "changes": list(r.changes)} for r in fw.reforms]
    if fw.readings:
        framework["readings"] = fw.readings
    return {
        "format": EVALUATION_FORMAT,
        **provenance(fw),
        "framework": framework,
        "department": None
        if dept is None
        else {"name": dept.name, "year": dept.year, "unit": dept.unit.value},
        "total": str(evaluation.total),
        "weight": str(fw.weight),
        "grade": {"zh": evaluation.grade.value, "en": evaluation.grade.label_en},
        "groups": [
            {
                "key": row.key,
                "name": row.name,
                "name_en": row.name_en,
                "level": row.depth + 1,
                "weight": str(row.weight),
                "points": str(evaluation.subtotals[row.key]),
            }
            for row in fw.text.rows
            if not row.leaf
        ],
        "scores": [score_trace(s) for s in evaluation.scores],
    }


def explain_evaluation(evaluation: Evaluation, lang: str = "both") -> str:
    """The evaluation as a readable table: groups, indicators, explanations, total."""
    check_lang(lang)
    text = evaluation.framework.text
    dept = evaluation.department
    show_zh, show_en, named_en = lang in ("zh", "both"), lang in ("en", "both"), lang != "zh"
    out = [text.title]
    if named_en:
        out.append(text.title_en)
    out.extend(text.variant)
    if dept is not None:
        out.append(
            f"部门 Department: {dept.name}  年度 Year: {dept.year}  金额单位 Unit: {dept.unit.value}"
        )
    out.append("")
    subtotals = evaluation.subtotals
    by_key = {s.key: s for s in evaluation.scores}
    for row in text.rows:
        score = by_key[row.key] if row.leaf else None
        points = subtotals[row.key] if score is None else score.points
        mark = "" if score is None or score.override is None else " *"
        if points == row.weight and not mark:
            out.append(row.full_en if named_en else row.full)
        else:
            head = row.head_en if named_en else row.head
            out.append(f"{head}{number(points):>7}{row.weight_text}{mark}")
        if score is None:
            continue
        lines = score.lines()
        if show_zh and show_en:
            out += [f"{row.indent}{zh}\n{row.indent_en}{en}" for zh, en in lines]
        elif show_zh:
            out += [row.indent + zh for zh, _ in lines]
        elif show_en:
            out += [row.indent_en + en for _, en in lines]
    out.append("")
    out.append(
        f"总分 Total: {number(evaluation.total)} / {text.weight}   "
        f"等级 Grade: {evaluation.grade.value} ({evaluation.grade.label_en})"
    )
    if evaluation.overridden:
        out.append("* 得分经调整，理由见上 (points changed by an override; reason above)")
    out.append(text.source)
    return "\n".join(out)


_CSS = scoped_css(
    "table{border-collapse:collapse;margin:0.3em 0}"
    "td,th{border-bottom:1px solid #ddd;padding:2px 8px;vertical-align:top}"
    "tr.group td{font-weight:bold}td.override{color:#8a5a00}",
    ".jixiao-evaluation",
)
_LEFT = "text-align:left"
_RIGHT = "text-align:right;white-space:nowrap"


def _cell(text: str, style: str, extra: str = "") -> str:
    return f"<td style='{style}{extra}'>{text}</td>"


def evaluation_html(evaluation: Evaluation) -> str:
    """The evaluation as an HTML fragment (for Jupyter): heading, the rule
    set's id, period, review status and citation, then the tree as a table
    (each level indented, every cell aligned explicitly so that a notebook's
    own table style does not right-align it), overrides marked ``*`` with
    their reason, the total and grade. Its CSS applies inside its own
    ``div.jixiao-evaluation`` only; every text is escaped."""
    fw = evaluation.framework
    text = fw.text
    esc = html.escape
    by_key = {s.key: s for s in evaluation.scores}
    rows = []
    for row in text.rows:
        score = by_key[row.key] if row.leaf else None
        points = evaluation.subtotals[row.key] if score is None else score.points
        override = None if score is None else score.override
        mark = " *" if override is not None else ""
        name = f"{esc(row.name)} <small>{esc(row.name_en)}</small>"
        indent = f";padding-left:{0.5 + 1.5 * row.depth}em"
        rows.append(
            f"<tr class='{'indicator' if row.leaf else 'group'}' data-key='{esc(row.key)}'>"
            + _cell(name, _LEFT, indent)
            + _cell(f"{number(points)}{mark}", _RIGHT)
            + _cell(number(row.weight), _RIGHT)
            + "</tr>"
        )
        if override is not None and score is not None:
            reason = (
                f"* 调整 override: {esc(override.reason)} "
                f"（规则得分 rule's points {number(score.rule_points)}）"
            )
            rows.append(
                f"<tr class='override' data-key='{esc(row.key)}'>"
                f"<td colspan='3' class='override' style='{_LEFT};padding-left:"
                f"{2 + 1.5 * row.depth}em'>{reason}</td></tr>"
            )
    dept = evaluation.department
    heading = f"<strong>{esc(text.title)}</strong><br><small>{esc(text.title_en)}</small>"
    if dept is not None:
        heading += (
            f"<br>部门 department: {esc(dept.name)} · 年度 year: {dept.year} · "
            f"金额单位 unit: {esc(dept.unit.value)}"
        )
    variant = "".join(f"<br>{esc(line)}" for line in text.variant)
    note = (
        "<p style='text-align:left'>* 得分经调整，理由见上 (points changed by an override; reason above)</p>"
        if evaluation.overridden
        else ""
    )
    head = "".join(
        f"<th style='{style}'>{label}</th>"
        for label, style in (
            ("指标 indicator", _LEFT),
            ("得分 points", _RIGHT),
            ("分值 weight", _RIGHT),
        )
    )
    grade = f"{esc(evaluation.grade.value)} {esc(evaluation.grade.label_en)}"
    return (
        f"<div class='jixiao-evaluation' style='text-align:left'><style>{_CSS}</style>"
        f"<p style='text-align:left;margin:0.2em 0'>{heading}{variant}</p>"
        f"{ruleset_html(fw.id, fw.validity, fw.citation)}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f"<tfoot><tr><th style='{_LEFT}'>总分 total</th>"
        f"<th style='{_RIGHT}'>{number(evaluation.total)}</th>"
        f"<th style='{_RIGHT}'>/ {text.weight}</th></tr>"
        f"<tr><th style='{_LEFT}'>等级 grade</th><th colspan='2' style='{_RIGHT}'>{grade}</th></tr>"
        f"</tfoot></table>{note}</div>"
    )
