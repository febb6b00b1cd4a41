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
from jixiao._format import check_lang, grade_words, number, pad, words, words_in
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
        "head",
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
        indent = "  " * depth
        labels = {
            "zh": f"{indent}{node.name}",
            "en": f"{indent}{node.name_en or node.name}",
            "both": f"{indent}{node.name}" + (f" ({node.name_en})" if node.name_en else ""),
        }
        self.head = {lang: f"{pad(label, 48)} " for lang, label in labels.items()}
        """The row up to its points, by language (the English name where the
        rule data has one, else the Chinese)."""
        self.weight_text = f" / {number(node.weight)}"
        self.full = {
            lang: f"{head}{number(node.weight):>7}{self.weight_text}"
            for lang, head in self.head.items()
        }
        """The whole row at full marks, by language."""
        self.indent = "  " * (depth + 1) + "· "
        """The indent of the explanation's Chinese lines (of English ones: ``indent_en``)."""
        self.indent_en = "  " * (depth + 1) + "  "


class FrameworkText:
    """A framework's fixed text: title lines, the rows of its table, the total's
    weight, the source line, and the variant's lines (reforms, readings)."""

    __slots__ = ("citation", "rows", "title", "title_en", "variant", "weight")

    def __init__(self, fw: Framework) -> None:
        self.title = f"{fw.title}（{fw.jurisdiction}，{fw.year}）"
        self.title_en = f"{fw.title_en} — {fw.jurisdiction_en}, {fw.year}"
        self.weight = number(fw.weight)
        self.citation = str(fw.citation)
        self.variant = tuple(
            [("变体", "Variant", str(reform)) for reform in fw.reforms]
            + [("解释", "Reading", f"{name} = {chosen}") for name, chosen in fw.readings.items()]
        )
        """One line per reform and per interpretation read otherwise than by
        default: its label in Chinese and English, and its text."""
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
    show_zh, show_en = lang in ("zh", "both"), lang in ("en", "both")
    fw = evaluation.framework
    if lang == "en":
        title_en = fw.title_en or fw.title
        out = [f"{title_en} — {fw.jurisdiction_en or fw.jurisdiction}, {fw.year}"]
    else:
        out = [text.title, text.title_en] if show_en else [text.title]
    out.extend(f"{words(zh, en, lang)}: {line}" for zh, en, line in text.variant)
    if dept is not None:
        unit = words(dept.unit.value, dept.unit.label_en, lang, both=dept.unit.value)
        out.append(
            f"{words('部门', 'Department', lang)}: {dept.name}  "
            f"{words('年度', 'Year', lang)}: {dept.year}  "
            f"{words('金额单位', 'Unit', lang)}: {unit}"
        )
    out.append("")
    subtotals = evaluation.subtotals
    by_key = {s.key: s for s in evaluation.scores}
    for row in text.rows:
        score = by_key[row.key] if row.leaf else None
        points = subtotals[row.key] if score is None else score.points
        mark = "" if score is None or score.override is None else " *"
        if points == row.weight and not mark:
            out.append(row.full[lang])
        else:
            out.append(f"{row.head[lang]}{number(points):>7}{row.weight_text}{mark}")
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
    grade = evaluation.grade
    out.append(
        f"{words('总分', 'Total', lang)}: {number(evaluation.total)} / {text.weight}   "
        f"{words('等级', 'Grade', lang)}: {grade_words(grade.value, grade.label_en, lang)}"
    )
    if evaluation.overridden:
        out.append(words(*_OVERRIDDEN, lang, both=f"{_OVERRIDDEN[0]} ({_OVERRIDDEN[1][2:]})"))
    out.append(f"{words('依据', 'Source', lang)}: {text.citation}")
    return "\n".join(out)


_OVERRIDDEN = ("* 得分经调整，理由见上", "* points changed by an override; reason above")
"""The note under a table with an override, in Chinese and English."""


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


def evaluation_html(evaluation: Evaluation, lang: str = "both") -> str:
    """The evaluation as an HTML fragment (for Jupyter): heading, the rule
    set's id, period, review status and citation, then the tree as a table
    (each level indented, every cell aligned explicitly so that a notebook's
    own table style does not right-align it), overrides marked ``*`` with
    their reason, the total and grade; the labels in *lang*. Its CSS applies
    inside its own ``div.jixiao-evaluation`` only; every text is escaped."""
    w = words_in(lang)
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
        en = esc(row.name_en or row.name)
        name = w(esc(row.name), en, f"{esc(row.name)} <small>{en}</small>")
        indent = f";padding-left:{0.5 + 1.5 * row.depth}em"
        rows.append(
            f"<tr class='{'indicator' if row.leaf else 'group'}' data-key='{esc(row.key)}'>"
            + _cell(name, _LEFT, indent)
            + _cell(f"{number(points)}{mark}", _RIGHT)
            + _cell(number(row.weight), _RIGHT)
            + "</tr>"
        )
        if override is not None and score is not None:
            rule_points = number(score.rule_points)
            reason = f"* {w('调整', 'override', '调整 override')}: {esc(override.reason)} " + w(
                f"（规则得分 {rule_points}）",
                f"(the rule's points {rule_points})",
                f"（规则得分 rule's points {rule_points}）",
            )
            rows.append(
                f"<tr class='override' data-key='{esc(row.key)}'>"
                f"<td colspan='3' class='override' style='{_LEFT};padding-left:"
                f"{2 + 1.5 * row.depth}em'>{reason}</td></tr>"
            )
    dept = evaluation.department
    title_en = esc(text.title_en or text.title)
    heading = w(
        f"<strong>{esc(text.title)}</strong>",
        f"<strong>{title_en}</strong>",
        f"<strong>{esc(text.title)}</strong><br><small>{title_en}</small>",
    )
    if dept is not None:
        unit = w(esc(dept.unit.value), esc(dept.unit.label_en), esc(dept.unit.value))
        heading += (
            f"<br>{w('部门', 'department')}: {esc(dept.name)} · {w('年度', 'year')}: {dept.year} · "
            f"{w('金额单位', 'unit')}: {unit}"
        )
    variant = "".join(f"<br>{esc(w(zh, en))}: {esc(line)}" for zh, en, line in text.variant)
    note = (
        "<p style='text-align:left'>"
        + w(
            "* 得分经调整，理由见上",
            "* points changed by an override; reason above",
            "* 得分经调整，理由见上 (points changed by an override; reason above)",
        )
        + "</p>"
        if evaluation.overridden
        else ""
    )
    head = "".join(
        f"<th style='{style}'>{label}</th>"
        for label, style in (
            (w("指标", "indicator"), _LEFT),
            (w("得分", "points"), _RIGHT),
            (w("分值", "weight"), _RIGHT),
        )
    )
    grade = esc(words(evaluation.grade.value, evaluation.grade.label_en, lang))
    return (
        f"<div class='jixiao-evaluation' style='text-align:left'><style>{_CSS}</style>"
        f"<p style='text-align:left;margin:0.2em 0'>{heading}{variant}</p>"
        f"{ruleset_html(fw.id, fw.validity, fw.citation, lang)}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f"<tfoot><tr><th style='{_LEFT}'>{w('总分', 'total')}</th>"
        f"<th style='{_RIGHT}'>{number(evaluation.total)}</th>"
        f"<th style='{_RIGHT}'>/ {text.weight}</th></tr>"
        f"<tr><th style='{_LEFT}'>{w('等级', 'grade')}</th>"
        f"<th colspan='2' style='{_RIGHT}'>{grade}</th></tr>"
        f"</tfoot></table>{note}</div>"
    )
