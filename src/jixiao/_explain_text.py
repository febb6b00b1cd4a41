"""The wording of explanations that depends on the rules alone, formatted once.

An explanation line mixes rule data (a component's wording, a band's sentence
and points, a checklist's items, a weight, a group's name) with what the inputs
decided (the measured value, the points). The rule data is formatted once per
rule object, the first time it is explained, and kept while that object lives
(keyed by its identity, weakly: rule objects may hold dicts and so cannot all
be hashed). Rendering then formats only what the inputs decided. Nothing here
is keyed by inputs, scores or evaluations.

:mod:`jixiao.explain` is the public face; this module holds its helpers.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
from jixiao.quantities import Ratio, round_points
from jixiao.score import Outcome

if TYPE_CHECKING:
    from jixiao.framework import Framework, Indicator
    from jixiao.score import Score

K = TypeVar("K")
V = TypeVar("V")

PartText = Callable[[Part], tuple[str, str]]
"""Renders one :class:`~jixiao.primitives.Part` as its Chinese and English line."""

_FOUR_PLACES = Decimal("0.0001")


def number(value: Decimal) -> str:
    """A point value as published: no exponent, trailing zeros dropped.

    ``str()`` of a Decimal is its plain notation unless it would show an
    exponent, and it is much faster than ``format(value, "f")``.

    >>> number(Decimal("5.00")), number(Decimal("1.990")), number(Decimal("1E+2"))
    ('5', '1.99', '100')
    """
    text = str(value) if type(value) is Decimal else format(value, "f")
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    shown = round_points(value, _FOUR_PLACES)
    if value == shown:
        return number(value)
    return "≈" + number(shown)


def points_en(points: Decimal, shown: str | None = None) -> str:
    """``"1 point"``, ``"2.5 points"``; *shown* is ``number(points)`` when known."""
    return (number(points) if shown is None else shown) + (" point" if points == 1 else " points")


def value_text(value: object) -> str:
    """A measured value as shown: a ratio in percent, a number without exponent."""
    if isinstance(value, Ratio):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


class ByIdentity(Generic[K, V]):
    """Values built once per live object, keyed by the object's identity.

    An entry goes when its object is collected; the built value must not refer
    back to the object (or the entry would keep it alive for ever).
    """

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._entries: dict[int, tuple[weakref.ref[Any], V]] = {}

    def __call__(self, obj: K) -> V:
        key = id(obj)
        entry = self._entries.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        value = self._build(obj)
        entries = self._entries

        def forget(ref: weakref.ref[Any]) -> None:
            if entries.get(key, (None,))[0] is ref:
                del entries[key]

        with contextlib.suppress(TypeError):  # no weak-reference slot: not kept
            entries[key] = (weakref.ref(obj, forget), value)
        return value


# ---------------------------------------------------------------- components


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
        off = number(part.detail) if isinstance(part.detail, Decimal) else "0"
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


# ---------------------------------------------------------------- indicators and frameworks


class IndicatorText:
    """An indicator's wording, formatted once: a renderer per component, the
    fixed lines (exemption, re-weighting, veto), and the lines of a score."""

    __slots__ = ("_components", "_renderers", "_weight", "exemption", "scale", "veto")

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
            if ind.veto is None
            else (f"{ind.veto.text} → 0分", f"{ind.veto.text_en} → 0 points")
        )

    def lines(self, score: Score) -> list[tuple[str, str]]:
        """The explanation of *score*, a score of this indicator, line by line
        in Chinese and in English."""
        outcome = score.outcome
        lines: list[tuple[str, str]]
        if outcome is Outcome.EXEMPT and self.exemption is not None:
            zh, en = self.exemption
            lines = [(zh, en + points_en(score.rule_points))]
        else:
            renderers = self._renderers
            lines = []
            for part in score.parts:
                render = renderers.get(id(part.component))
                if render is None:  # not one of this indicator's components
                    render = part_text(part.component)
                lines.append(render(part))
            if self.scale is not None and outcome is Outcome.RULE:
                lines.append(self.scale)
            unrounded, rule_points = score.unrounded, score.rule_points
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
        if score.override is not None:
            rule, final = number(score.rule_points), number(score.points)
            lines.append(
                (
                    f"调整：规则得分 {rule}分，最终得分 {final}分。理由：{score.override.reason}",
                    f"override: the rule gives {rule}, final {final}; reason as recorded",
                )
            )
        return lines


indicator_text: ByIdentity[Indicator, IndicatorText] = ByIdentity(IndicatorText)
"""The :class:`IndicatorText` of an indicator, built on first use."""


class Row:
    """One node's row of the evaluation table, its fixed text formatted once."""

    __slots__ = (
        "full",
        "full_en",
        "head",
        "head_en",
        "indent",
        "indent_en",
        "key",
        "leaf",
        "leaf_text",
        "weight",
        "weight_text",
    )

    def __init__(self, node: Any, depth: int, leaf: Indicator | None) -> None:
        self.key: str = node.key
        self.leaf = leaf
        """The indicator (``None`` for a group)."""
        self.leaf_text = None if leaf is None else indicator_text(leaf)
        self.weight: Decimal = node.weight
        label = f"{'  ' * depth}{node.name}"
        label_en = label + (f" ({node.name_en})" if node.name_en else "")
        self.head = f"{label:<48} "
        """The row up to its points, in Chinese only (and with English: ``head_en``)."""
        self.head_en = f"{label_en:<48} "
        self.weight_text = f" / {number(node.weight)}"
        self.full = f"{self.head}{number(node.weight):>7}{self.weight_text}"
        """The whole row at full marks (and with English: ``full_en``)."""
        self.full_en = f"{self.head_en}{number(node.weight):>7}{self.weight_text}"
        self.indent = "  " * (depth + 1) + "· "
        """The indent of the explanation's Chinese lines (of English ones: ``indent_en``)."""
        self.indent_en = "  " * (depth + 1) + "  "


class FrameworkText:
    """A framework's fixed text: title lines, the rows of its table, the total's
    weight and the source line. (It holds the indicators, never the framework.)"""

    __slots__ = ("rows", "source", "title", "title_en", "weight")

    def __init__(self, fw: Framework) -> None:
        from jixiao.framework import Group

        self.title = f"{fw.title}（{fw.jurisdiction}，{fw.year}）"
        self.title_en = f"{fw.title_en} — {fw.jurisdiction_en}, {fw.year}"
        self.weight = number(fw.weight)
        self.source = f"依据 Source: {fw.citation}"
        rows: list[Row] = []

        def walk(nodes: tuple[Any, ...], depth: int) -> None:
            for node in nodes:
                if isinstance(node, Group):
                    rows.append(Row(node, depth, None))
                    walk(node.children, depth + 1)
                else:
                    rows.append(Row(node, depth, node))

        walk(fw.children, 0)
        self.rows = tuple(rows)


framework_text: ByIdentity[Framework, FrameworkText] = ByIdentity(FrameworkText)
"""The :class:`FrameworkText` of a framework, built on first use."""
