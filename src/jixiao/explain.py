"""Explanations: every point rendered in Chinese (the official wording) with
English alongside, as text, as HTML and as data.

Nothing here runs on the plain scoring path: a :class:`~jixiao.Score` keeps the
parts that applied, and this module renders them only when asked.
The data form of a score carries ``"format": "jixiao.trace/1"`` and the form of
an evaluation ``"format": "jixiao.evaluation/1"``; both are stable for tools.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from jixiao.primitives import (
    Band,
    Bands,
    Checklist,
    Deduction,
    Excess,
    Judged,
    Part,
    Proportional,
    Tier,
    Tiers,
    measure_value,
)
from jixiao.quantities import CONTEXT, Amount, Ratio, round_points
from jixiao.score import Outcome, Score

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
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    shown = round_points(value, Decimal("0.0001"))
    if value == shown:
        return number(value)
    return "≈" + number(shown)


def _en(points: Decimal) -> str:
    return f"{number(points)} point" + ("" if points == 1 else "s")


def _value(value: object) -> str:
    if isinstance(value, Ratio):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


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


def _part_lines(part: Part) -> tuple[str, str]:
    """One part of a rule in Chinese and in English."""
    c = part.component
    pts = number(part.points)
    value = _value(part.value)
    if isinstance(c, Bands):
        band = part.detail
        assert isinstance(band, Band)
        return (
            f"{c.text}：{value}，适用“{band.text}” → {pts}分",
            f"{c.text_en}: {value} lies in {band.interval} → {_en(part.points)}",
        )
    if isinstance(c, Proportional):
        raw = approx(measure_value(part.value, c.measure) * c.multiplier)
        pts = approx(part.points)
        if part.detail == "zero":
            return (f"{c.text}：{value}，本项得0分", f"{c.text_en}: {value} → 0 points")
        capped = part.detail == "capped"
        return (
            f"{c.text}：{value} × {number(c.multiplier)} = {raw}"
            + (f"，以{number(c.points)}分为限 → {pts}分" if capped else f" → {pts}分"),
            f"{c.text_en}: {value} × {number(c.multiplier)} = {raw}"
            + (f", capped at {number(c.points)} → {pts}" if capped else f" → {pts}"),
        )
    if isinstance(c, Deduction):
        return (
            f"{c.text}：{value}项 × {number(c.per_item)}分 → {pts}分",
            f"{c.text_en}: {value} × {number(c.per_item)} off {number(c.points)} → {_en(part.points)}",
        )
    if isinstance(c, Excess):
        off = number(part.detail) if isinstance(part.detail, Decimal) else "0"
        return (
            f"{c.text}：{value}，扣{off}分 → {pts}分",
            f"{c.text_en}: {value}, {off} off → {_en(part.points)}",
        )
    if isinstance(c, Checklist):
        earned = part.detail if isinstance(part.detail, tuple) else ()
        zh = [
            f"{i + 1}. {item.text}（{number(e)}/{number(item.points)}分）"
            for i, (item, e) in enumerate(zip(c.items, earned, strict=False))
        ]
        en = [
            f"{i + 1}. {item.text_en or item.text} ({number(e)}/{number(item.points)})"
            for i, (item, e) in enumerate(zip(c.items, earned, strict=False))
        ]
        return ("；".join(zh) + f" → {pts}分", "; ".join(en) + f" → {_en(part.points)}")
    if isinstance(c, Judged):
        return (
            f"{c.text}：评价人给分 {pts}/{number(c.points)}分",
            f"{c.text_en}: the evaluator gives {pts} of {_en(c.points)}",
        )
    if isinstance(c, Tiers):
        tier = part.detail
        assert isinstance(tier, Tier)
        return (
            f"{c.text}：{tier.text} → {pts}分",
            f"{c.text_en}: {tier.text_en or tier.key} → {_en(part.points)}",
        )
    return (f"{c.text}：{pts}分", f"{c.text_en}: {pts} points")  # pragma: no cover


def _lines(score: Score) -> list[tuple[str, str]]:
    ind = score.indicator
    lines: list[tuple[str, str]] = []
    if score.outcome is Outcome.EXEMPT and ind.exemption is not None:
        lines.append((ind.exemption.text, f"{ind.exemption.text_en} → {_en(score.rule_points)}"))
    else:
        lines.extend(_part_lines(p) for p in score.parts)
        if ind.scale is not None and score.outcome is Outcome.RULE:
            lines.append(
                (
                    f"分值由{number(ind.rule_weight)}分调整为{number(ind.weight)}分，规则得分按 {number(ind.weight)}/{number(ind.rule_weight)} 折算",
                    f"re-weighted from {number(ind.rule_weight)} to {number(ind.weight)}: the rule's points × {number(ind.weight)}/{number(ind.rule_weight)}",
                )
            )
        if score.outcome is Outcome.VETO and ind.veto is not None:
            lines.append((f"{ind.veto.text} → 0分", f"{ind.veto.text_en} → 0 points"))
        elif score.unrounded != score.rule_points or score.unrounded > ind.weight:
            lines.append(
                (
                    f"合计 {approx(score.unrounded)}，四舍五入保留两位小数 → {number(score.rule_points)}分",
                    f"sum {approx(score.unrounded)}, rounded half-up to 0.01 → {_en(score.rule_points)}",
                )
            )
    if score.override is not None:
        lines.append(
            (
                f"调整：规则得分 {number(score.rule_points)}分，最终得分 {number(score.points)}分。理由：{score.override.reason}",
                f"override: the rule gives {number(score.rule_points)}, final {number(score.points)}; "
                f"reason as recorded",
            )
        )
    return lines


def explain_score(score: Score, lang: str = "both") -> str:
    """A score's explanation as text, in ``"zh"``, ``"en"`` or ``"both"``."""
    ind = score.indicator
    head_zh = f"{ind.name}：{number(score.points)} / {number(ind.weight)}分"
    head_en = f"{ind.name_en}: {number(score.points)} of {_en(ind.weight)}"
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
    dept = evaluation.department
    out = [f"{fw.title}（{fw.jurisdiction}，{fw.year}）"]
    if lang != "zh":
        out.append(f"{fw.title_en} — {fw.jurisdiction_en}, {fw.year}")
    if dept is not None:
        out.append(
            f"部门 Department: {dept.name}  年度 Year: {dept.year}  金额单位 Unit: {dept.unit.value}"
        )
    out.append("")
    for depth, name, name_en, points, weight, score in _walk_rows(evaluation):
        label = f"{'  ' * depth}{name}" + (f" ({name_en})" if lang != "zh" and name_en else "")
        mark = " *" if score is not None and score.override is not None else ""
        out.append(f"{label:<48} {number(points):>7} / {number(weight)}{mark}")
        if score is not None:
            for zh, en in _lines(score):
                if lang in ("zh", "both"):
                    out.append(f"{'  ' * (depth + 1)}· {zh}")
                if lang in ("en", "both"):
                    out.append(f"{'  ' * (depth + 1)}  {en}")
    out.append("")
    out.append(
        f"总分 Total: {number(evaluation.total)} / {number(fw.weight)}   "
        f"等级 Grade: {evaluation.grade.value} ({evaluation.grade.label_en})"
    )
    if evaluation.overridden:
        out.append("* 得分经调整，理由见上 (points changed by an override; reason above)")
    out.append(f"依据 Source: {fw.citation}")
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
