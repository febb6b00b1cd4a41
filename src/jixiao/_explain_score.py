"""A score's explanation as text, HTML and data, read from its trace (private).

:class:`~jixiao.score.Score` renders itself through these functions; the
public names are re-exported by :mod:`jixiao.explain`. The wording that
depends on the rule alone is formatted once per rule
(:attr:`~jixiao.spec.Indicator.wording`); rendering formats only what the
trace holds: the parts, the outcome and the points.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import attrs

from jixiao._format import check_lang, jsonable, number, points_en, words

if TYPE_CHECKING:
    from jixiao.score import Score

__all__ = ["TRACE_FORMAT", "explain_score", "score_html", "score_lines", "score_trace"]

TRACE_FORMAT = "jixiao.trace/1"


def score_lines(score: Score) -> list[tuple[str, str]]:
    """The explanation of *score*, line by line, in Chinese and in English."""
    override = score.override
    return score.indicator.wording.lines(
        score.outcome,
        score.parts,
        score.unrounded,
        score.rule_points,
        score.points,
        None if override is None else override.reason,
        score.conditions if score.outcome is not score.outcome.EXEMPT else (),
    )


def explain_score(score: Score, lang: str = "both") -> str:
    """A score's explanation as text, in ``"zh"``, ``"en"`` or ``"both"``."""
    check_lang(lang)
    ind = score.indicator
    head_zh = f"{ind.name}：{number(score.points)} / {number(ind.weight)}分"
    head_en = f"{ind.name_en}: {number(score.points)} of {points_en(ind.weight)}"
    out: list[str] = []
    if lang in ("zh", "both"):
        out.append(head_zh)
    if lang in ("en", "both"):
        out.append(head_en)
    for zh, en in score_lines(score):
        if lang in ("zh", "both"):
            out.append(f"  {zh}")
        if lang in ("en", "both"):
            out.append(f"  {en}" if lang == "en" else f"    {en}")
    out.append(f"  {words('依据', 'Source', lang)}: {score.citation}")
    return "\n".join(out)


def score_trace(score: Score) -> dict[str, Any]:
    """A score as data (``format = "jixiao.trace/1"``): inputs, parts, points,
    override, citation, explanation; and the measures, the readings and the
    scoped vetoes when there are any."""
    ind = score.indicator
    lines = score_lines(score)
    data: dict[str, Any] = {
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
    for part, entry in zip(score.parts, data["parts"], strict=True):
        if not part.component.official:
            entry["official"] = False  # the text is the library's phrasing
    if ind.readings:
        data["readings"] = dict(ind.readings)
    if score.outcome is not score.outcome.EXEMPT and score.conditions:
        data["set_aside"] = [
            {"measure": c.measure, "scope": c.scope, "text": c.text} for c in score.conditions
        ]
    return data


def score_html(score: Score, lang: str = "both") -> str:
    """A score as a small HTML block (for Jupyter), in *lang*: each line in
    Chinese, in English, or (``both``) the Chinese with the English below it."""
    check_lang(lang)
    esc = html.escape
    rows = "".join(
        f"<li>{esc(words(zh, en, lang, both=zh))}"
        + (f"<br><small>{esc(en)}</small>" if lang == "both" else "")
        + "</li>"
        for zh, en in score_lines(score)
    )
    ind = score.indicator
    en = esc(ind.name_en or ind.name)
    name = words(esc(ind.name), en, lang, both=f"{esc(ind.name)} ({en})")
    source = words("依据", "Source", lang)
    return (
        f"<div><strong>{name}</strong>: "
        f"<strong>{number(score.points)}</strong> / {number(ind.weight)}<ul>{rows}</ul>"
        f"<small>{source}: {esc(str(score.citation))}</small></div>"
    )
