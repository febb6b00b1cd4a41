"""Explanations: every point rendered in Chinese (the official wording) with
English alongside, as text, as HTML and as data.

Nothing here runs on the plain scoring path: a :class:`~jixiao.Score` keeps the
parts that applied, and this module renders them only when asked. The wording
that depends on the rules alone is formatted once per rule object
(``jixiao._explain_text``), so rendering formats only what the inputs decided.
The data form of a score carries ``"format": "jixiao.trace/1"`` and the form of
an evaluation ``"format": "jixiao.evaluation/1"``; both are stable for tools.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from jixiao._explain_format import approx as _approx
from jixiao._explain_format import number as _number
from jixiao._explain_format import points_en
from jixiao._explain_text import framework_text, indicator_text
from jixiao.quantities import CONTEXT, Amount, Ratio
from jixiao.score import Score

if TYPE_CHECKING:
    from jixiao.department import Evaluation

__all__ = [
    "TRACE_FORMAT",
    "approx",
    "evaluation_html",
    "evaluation_trace",
    "explain_evaluation",
    "explain_score",
    "jsonable",
    "number",
    "score_html",
    "score_trace",
]

TRACE_FORMAT = "jixiao.trace/1"
EVALUATION_FORMAT = "jixiao.evaluation/1"


def number(value: Decimal) -> str:
    """A point value as published: no exponent, trailing zeros dropped.

    >>> number(Decimal("5.00")), number(Decimal("1.990")), number(Decimal("1E+2"))
    ('5', '1.99', '100')
    """
    return _number(value)


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    return _approx(value)


def jsonable(value: object) -> Any:
    """Inputs and values as JSON-ready data: exact numbers as strings."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Ratio):
        return f"{format(value.percent_value.normalize(context=CONTEXT), 'f')}%"
    if isinstance(value, Amount):
        return {"value": str(value.value), "unit": value.unit.value}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if attrs.has(type(value)):
        return jsonable(attrs.asdict(value, recurse=False))  # type: ignore[arg-type]
    return str(value)


def _lines(score: Score) -> list[tuple[str, str]]:
    """The explanation of *score*, line by line, in Chinese and in English."""
    return indicator_text(score.indicator).lines(score)


def explain_score(score: Score, lang: str = "both") -> str:
    """A score's explanation as text, in ``"zh"``, ``"en"`` or ``"both"``."""
    ind = score.indicator
    head_zh = f"{ind.name}：{number(score.points)} / {number(ind.weight)}分"
    head_en = f"{ind.name_en}: {number(score.points)} of {points_en(ind.weight)}"
    out: list[str] = []
    if lang in ("zh", "both"):
        out.append(head_zh)
    if lang in ("en", "both"):
        out.append(head_en)
    for zh, en in _lines(score):
        if lang in ("zh", "both"):
            out.append(f"  {zh}")
        if lang in ("en", "both"):
            out.append(f"  {en}" if lang == "en" else f"    {en}")
    out.append(f"  依据 Source: {score.citation}")
    return "\n".join(out)


def score_trace(score: Score) -> dict[str, Any]:
    """A score as data: inputs, parts, points, override, citation, explanation."""
    ind = score.indicator
    lines = _lines(score)
    return {
        "format": TRACE_FORMAT,
        "indicator": {"key": ind.key, "name": ind.name, "name_en": ind.name_en},
        "weight": str(ind.weight),
        "points": str(score.points),
        "rule_points": str(score.rule_points),
        "unrounded": str(score.unrounded),
        "outcome": score.outcome.value,
        "inputs": jsonable(score.inputs),
        "parts": [
            {
                "kind": p.component.kind,
                "measure": p.component.measure,
                "value": jsonable(p.value),
                "points": str(p.points),
                "most": str(p.component.points),
                "text": p.component.text,
                "text_en": p.component.text_en,
            }
            for p in score.parts
        ],
        "override": None
        if score.override is None
        else {"points": str(score.override.points), "reason": score.override.reason},
        "citation": jsonable(attrs.asdict(score.citation)),
        "explanation": {"zh": [zh for zh, _ in lines], "en": [en for _, en in lines]},
    }


def score_html(score: Score) -> str:
    """A score as a small HTML block (for Jupyter)."""
    rows = "".join(
        f"<li>{html.escape(zh)}<br><small>{html.escape(en)}</small></li>"
        for zh, en in _lines(score)
    )
    ind = score.indicator
    return (
        f"<div><strong>{html.escape(ind.name)}</strong> ({html.escape(ind.name_en)}): "
        f"<strong>{number(score.points)}</strong> / {number(ind.weight)}<ul>{rows}</ul>"
        f"<small>{html.escape(str(score.citation))}</small></div>"
    )


def _group_names(evaluation: Evaluation) -> dict[str, tuple[str, str, Decimal, int]]:
    from jixiao.framework import Group

    names: dict[str, tuple[str, str, Decimal, int]] = {}

    def walk(nodes: tuple[Any, ...], depth: int) -> None:
        for node in nodes:
            if isinstance(node, Group):
                names[node.key] = (node.name, node.name_en, node.weight, depth)
                walk(node.children, depth + 1)

    walk(evaluation.framework.children, 1)
    return names


def evaluation_trace(evaluation: Evaluation) -> dict[str, Any]:
    """An evaluation as data (``format = "jixiao.evaluation/1"``)."""
    fw = evaluation.framework
    dept = evaluation.department
    groups = _group_names(evaluation)
    return {
        "format": EVALUATION_FORMAT,
        "framework": {
            "id": fw.id,
            "title": fw.title,
            "jurisdiction": fw.jurisdiction,
            "year": fw.year,
        },
        "department": None
        if dept is None
        else {"name": dept.name, "year": dept.year, "unit": dept.unit.value},
        "total": str(evaluation.total),
        "weight": str(fw.weight),
        "grade": {"zh": evaluation.grade.value, "en": evaluation.grade.label_en},
        "groups": [
            {
                "key": key,
                "name": name,
                "name_en": name_en,
                "level": depth,
                "weight": str(weight),
                "points": str(evaluation.subtotals[key]),
            }
            for key, (name, name_en, weight, depth) in groups.items()
        ],
        "scores": [score_trace(s) for s in evaluation.scores],
    }


def _walk_rows(
    evaluation: Evaluation,
) -> list[tuple[int, str, str, Decimal, Decimal, Score | None]]:
    from jixiao.framework import Group

    by_key = {s.key: s for s in evaluation.scores}
    rows: list[tuple[int, str, str, Decimal, Decimal, Score | None]] = []

    def walk(nodes: tuple[Any, ...], depth: int) -> None:
        for node in nodes:
            if isinstance(node, Group):
                rows.append(
                    (
                        depth,
                        node.name,
                        node.name_en,
                        evaluation.subtotals[node.key],
                        node.weight,
                        None,
                    )
                )
                walk(node.children, depth + 1)
            else:
                score = by_key[node.key]
                rows.append((depth, node.name, node.name_en, score.points, node.weight, score))

    walk(evaluation.framework.children, 0)
    return rows


def explain_evaluation(evaluation: Evaluation, lang: str = "both") -> str:
    """The evaluation as a readable table: groups, indicators, explanations, total."""
    fw = evaluation.framework
    text = framework_text(fw)
    dept = evaluation.department
    show_zh, show_en, named_en = lang in ("zh", "both"), lang in ("en", "both"), lang != "zh"
    out = [text.title]
    if named_en:
        out.append(text.title_en)
    if dept is not None:
        out.append(
            f"部门 Department: {dept.name}  年度 Year: {dept.year}  金额单位 Unit: {dept.unit.value}"
        )
    out.append("")
    subtotals = evaluation.subtotals
    by_key = {s.key: s for s in evaluation.scores}
    for row in text.rows:
        score = None if row.leaf is None else by_key[row.key]
        points = subtotals[row.key] if score is None else score.points
        mark = "" if score is None or score.override is None else " *"
        if points == row.weight and not mark:
            out.append(row.full_en if named_en else row.full)
        else:
            head = row.head_en if named_en else row.head
            out.append(f"{head}{_number(points):>7}{row.weight_text}{mark}")
        if score is None:
            continue
        leaf_text = row.leaf_text if score.indicator is row.leaf else None
        lines = (leaf_text or indicator_text(score.indicator)).lines(score)
        if show_zh and show_en:
            out += [f"{row.indent}{zh}\n{row.indent_en}{en}" for zh, en in lines]
        elif show_zh:
            out += [row.indent + zh for zh, _ in lines]
        elif show_en:
            out += [row.indent_en + en for _, en in lines]
    out.append("")
    out.append(
        f"总分 Total: {_number(evaluation.total)} / {text.weight}   "
        f"等级 Grade: {evaluation.grade.value} ({evaluation.grade.label_en})"
    )
    if evaluation.overridden:
        out.append("* 得分经调整，理由见上 (points changed by an override; reason above)")
    out.append(text.source)
    return "\n".join(out)


def evaluation_html(evaluation: Evaluation) -> str:
    """The evaluation as an HTML table (for Jupyter)."""
    rows = []
    for depth, name, name_en, points, weight, score in _walk_rows(evaluation):
        style = "font-weight:bold" if score is None else ""
        rows.append(
            f"<tr style='{style}'><td style='padding-left:{depth * 1.5}em'>{html.escape(name)}"
            f" <small>{html.escape(name_en)}</small></td><td>{number(points)}</td><td>{number(weight)}</td></tr>"
        )
    return (
        "<table><thead><tr><th>指标 indicator</th><th>得分 points</th><th>分值 weight</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr><th>总分 total</th><th>{number(evaluation.total)}</th>"
        f"<th>{evaluation.grade.value} {evaluation.grade.label_en}</th></tr></tfoot></table>"
    )
