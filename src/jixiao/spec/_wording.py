"""A rule's wording formatted for explanations, once per rule (private).

An explanation line mixes rule data (a component's wording, a band's sentence
and points, a checklist's items, a weight) with what the inputs decided (the
measured value, the points). :class:`IndicatorWording` formats the rule data
once (it is kept on the indicator: :attr:`~jixiao.spec.Indicator.wording`)
and renders the trace of one scoring (its parts, outcome and points) into the
lines of its explanation, in Chinese and in English.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao._format import approx, number, points_en, value_text
from jixiao.primitives import (
    Band,
    Bands,
    Checklist,
    Component,
    Deduction,
    Excess,
    Judged,
    Part,
    Proportional,
    Tier,
    Tiers,
    measure_value,
)
from jixiao.spec.rulesets import Outcome

if TYPE_CHECKING:
    from jixiao.spec.rules import Condition, Indicator

__all__ = ["IndicatorWording", "Lines", "PartText", "part_text"]

PartText = Callable[[Part], tuple[str, str]]
"""Renders one :class:`~jixiao.primitives.Part` as its Chinese and English line."""

Lines = list[tuple[str, str]]
"""An explanation, line by line: each line in Chinese and in English."""


def _bands(c: Bands) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    table = {
        id(b): (
            b,
            f"，适用“{b.text}” → {number(b.points)}分",
            f" lies in {b.interval} → {points_en(b.points)}",
        )
        for b in c.bands
    }

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        entry = table.get(id(part.detail))
        if entry is not None and part.points == entry[0].points:
            return head + value + entry[1], head_en + value + entry[2]
        band = part.detail
        assert isinstance(band, Band)
        return (
            f"{head}{value}，适用“{band.text}” → {number(part.points)}分",
            f"{head_en}{value} lies in {band.interval} → {points_en(part.points)}",
        )

    return render


def _proportional(c: Proportional) -> PartText:
    text, text_en, measure, multiplier = c.text, c.text_en, c.measure, c.multiplier
    times = f" × {number(multiplier)} = "
    cap, cap_en = f"，以{number(c.points)}分为限 → ", f", capped at {number(c.points)} → "

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        raw = approx(measure_value(part.value, measure) * multiplier)
        if part.detail == "zero":
            return (f"{text}：{value}，本项得0分", f"{text_en}: {value} → 0 points")
        pts = approx(part.points)
        if part.detail == "capped":
            return (
                f"{text}：{value}{times}{raw}{cap}{pts}分",
                f"{text_en}: {value}{times}{raw}{cap_en}{pts}",
            )
        return (f"{text}：{value}{times}{raw} → {pts}分", f"{text_en}: {value}{times}{raw} → {pts}")

    return render


def _deduction(c: Deduction) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    middle = f"项 × {number(c.per_item)}分 → "
    middle_en = f" × {number(c.per_item)} off {number(c.points)} → "
    # Nothing counted: the full points.
    none = (f"{head}0{middle}{number(c.points)}分", f"{head_en}0{middle_en}{points_en(c.points)}")

    def render(part: Part) -> tuple[str, str]:
        if type(part.value) is int and part.value == 0 and part.points == c.points:
            return none
        value = value_text(part.value)
        pts = number(part.points)
        return (
            f"{head}{value}{middle}{pts}分",
            f"{head_en}{value}{middle_en}{points_en(part.points, pts)}",
        )

    return render


def _excess(c: Excess) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "

    def render(part: Part) -> tuple[str, str]:
        value = value_text(part.value)
        off = approx(part.detail) if isinstance(part.detail, Decimal) else "0"
        pts = number(part.points)
        return (
            f"{head}{value}，扣{off}分 → {pts}分",
            f"{head_en}{value}, {off} off → {points_en(part.points, pts)}",
        )

    return render


def _checklist(c: Checklist) -> PartText:
    items = c.items
    full = tuple(item.points for item in items)
    # Each item's text when met in full and when not met at all.
    met = [f"{item.text}（{number(item.points)}/{number(item.points)}分）" for item in items]
    met_en = [
        f"{item.text_en or item.text} ({number(item.points)}/{number(item.points)})"
        for item in items
    ]
    unmet = [f"{item.text}（0/{number(item.points)}分）" for item in items]
    unmet_en = [f"{item.text_en or item.text} (0/{number(item.points)})" for item in items]
    all_met = "；".join(f"{i + 1}. {t}" for i, t in enumerate(met)) + f" → {number(c.points)}分"
    all_met_en = (
        "; ".join(f"{i + 1}. {t}" for i, t in enumerate(met_en)) + f" → {points_en(c.points)}"
    )

    def render(part: Part) -> tuple[str, str]:
        earned = part.detail if isinstance(part.detail, tuple) else ()
        if earned == full and part.points == c.points:
            return all_met, all_met_en
        zh: list[str] = []
        en: list[str] = []
        for i, (item, e) in enumerate(zip(items, earned, strict=False)):
            if e == item.points:
                zh.append(f"{i + 1}. {met[i]}")
                en.append(f"{i + 1}. {met_en[i]}")
            elif e == 0:
                zh.append(f"{i + 1}. {unmet[i]}")
                en.append(f"{i + 1}. {unmet_en[i]}")
            else:
                zh.append(f"{i + 1}. {item.text}（{number(e)}/{number(item.points)}分）")
                en.append(
                    f"{i + 1}. {item.text_en or item.text} ({number(e)}/{number(item.points)})"
                )
        pts = number(part.points)
        return (
            "；".join(zh) + f" → {pts}分",
            "; ".join(en) + f" → {points_en(part.points, pts)}",
        )

    return render


def _judged(c: Judged) -> PartText:
    head, tail = f"{c.text}：评价人给分 ", f"/{number(c.points)}分"
    head_en, tail_en = f"{c.text_en}: the evaluator gives ", f" of {points_en(c.points)}"
    full = (head + number(c.points) + tail, head_en + number(c.points) + tail_en)

    def render(part: Part) -> tuple[str, str]:
        if part.points == c.points:
            return full
        pts = number(part.points)
        return head + pts + tail, head_en + pts + tail_en

    return render


def _tiers(c: Tiers) -> PartText:
    head, head_en = f"{c.text}：", f"{c.text_en}: "
    table = {
        id(t): (
            t,
            f"{head}{t.text} → {number(t.points)}分",
            f"{head_en}{t.text_en or t.key} → {points_en(t.points)}",
        )
        for t in c.tiers
    }

    def render(part: Part) -> tuple[str, str]:
        entry = table.get(id(part.detail))
        if entry is not None and part.points == entry[0].points:
            return entry[1], entry[2]
        tier = part.detail
        assert isinstance(tier, Tier)
        return (
            f"{head}{tier.text} → {number(part.points)}分",
            f"{head_en}{tier.text_en or tier.key} → {points_en(part.points)}",
        )

    return render


def _other(c: Component) -> PartText:  # pragma: no cover - every shipped kind is above
    def render(part: Part) -> tuple[str, str]:
        pts = number(part.points)
        return (f"{c.text}：{pts}分", f"{c.text_en}: {pts} points")

    return render


def part_text(c: Component) -> PartText:
    """The renderer of *c*'s parts, its rule data formatted once."""
    if isinstance(c, Bands):
        return _bands(c)
    if isinstance(c, Proportional):
        return _proportional(c)
    if isinstance(c, Deduction):
        return _deduction(c)
    if isinstance(c, Excess):
        return _excess(c)
    if isinstance(c, Checklist):
        return _checklist(c)
    if isinstance(c, Judged):
        return _judged(c)
    if isinstance(c, Tiers):
        return _tiers(c)
    return _other(c)


def _condition_line(condition: Condition) -> tuple[str, str]:
    measure, item = condition.item
    where = "" if item is None else f"第{item}项"
    where_en = "" if item is None else f"item {item}"
    return (
        f"{condition.text} → {where}0分",
        f"{condition.text_en or condition.text} → {where_en or measure} 0 points",
    )


class IndicatorWording:
    """An indicator's wording, formatted once: a renderer per component, the
    fixed lines (exemption, re-weighting, veto, readings), and the lines of
    one scoring of it."""

    __slots__ = ("_components", "_renderers", "_weight", "exemption", "readings", "scale", "veto")

    def __init__(self, ind: Indicator) -> None:
        # The components are kept so that their identities stay theirs.
        self._components = ind.components
        self._renderers = {id(c): part_text(c) for c in ind.components}
        self._weight = ind.weight
        self.exemption = (
            None if ind.exemption is None else (ind.exemption.text, f"{ind.exemption.text_en} → ")
        )
        """The exemption's line, the English without its points."""
        w, rule_w = number(ind.weight), number(ind.rule_weight)
        self.scale = (
            None
            if ind.scale is None
            else (
                f"分值由{rule_w}分调整为{w}分，规则得分按 {w}/{rule_w} 折算",
                f"re-weighted from {rule_w} to {w}: the rule's points × {w}/{rule_w}",
            )
        )
        self.veto = (
            None
            if ind.veto is None or ind.veto.scope
            else (f"{ind.veto.text} → 0分", f"{ind.veto.text_en} → 0 points")
        )
        readings: Lines = []
        for key, chosen in ind.readings:
            alternative = ind.interpretation(key).alternative(chosen)
            readings.append(
                (
                    f"解释（非默认）：{key} = {chosen}"
                    + (f"，{alternative.text}" if alternative.text else ""),
                    f"reading (not the default): {key} = {chosen}"
                    + (f": {alternative.text_en}" if alternative.text_en else ""),
                )
            )
        self.readings = tuple(readings)
        """One line per interpretation read otherwise than by default."""

    def lines(
        self,
        outcome: Outcome,
        parts: Sequence[Part],
        unrounded: Decimal,
        rule_points: Decimal,
        points: Decimal,
        override_reason: str | None = None,
        conditions: Sequence[Condition] = (),
    ) -> Lines:
        """The explanation of one scoring of this indicator, line by line.

        Args:
            outcome: how the points came about.
            parts: what each component gave (the trace).
            unrounded: the rule's points before rounding.
            rule_points: the rule's points.
            points: the final points (differ under an override).
            override_reason: the override's reason, when one applied.
            conditions: the scoped conditions that applied (a part set to 0).
        """
        lines: Lines
        if outcome is Outcome.EXEMPT and self.exemption is not None:
            zh, en = self.exemption
            lines = [(zh, en + points_en(rule_points))]
        else:
            renderers = self._renderers
            lines = []
            for part in parts:
                render = renderers.get(id(part.component))
                if render is None:  # not one of this indicator's components
                    render = part_text(part.component)
                lines.append(render(part))
            lines.extend(_condition_line(c) for c in conditions)
            if self.scale is not None and outcome is Outcome.RULE:
                lines.append(self.scale)
            if outcome is Outcome.VETO and self.veto is not None:
                lines.append(self.veto)
            elif unrounded != rule_points or unrounded > self._weight:
                shown, rule = approx(unrounded), number(rule_points)
                lines.append(
                    (
                        f"合计 {shown}，四舍五入保留两位小数 → {rule}分",
                        f"sum {shown}, rounded half-up to 0.01 → {points_en(rule_points, rule)}",
                    )
                )
        lines.extend(self.readings)
        if override_reason is not None:
            rule, final = number(rule_points), number(points)
            lines.append(
                (
                    f"调整：规则得分 {rule}分，最终得分 {final}分。理由：{override_reason}",
                    f"override: the rule gives {rule}, final {final}; reason as recorded",
                )
            )
        return lines
