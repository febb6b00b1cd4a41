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

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao._explain_format import ByIdentity, approx, number, points_en
from jixiao._explain_parts import part_text
from jixiao.score import Outcome

if TYPE_CHECKING:
    from jixiao.framework import Framework, Indicator
    from jixiao.score import Score

__all__ = ["FrameworkText", "IndicatorText", "Row", "framework_text", "indicator_text"]


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
