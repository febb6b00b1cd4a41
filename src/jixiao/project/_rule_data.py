"""The project table's rules as data: one :class:`~jixiao.Indicator` per kind of
row, weight and template, built from the same primitives as the department
framework and compiled once.

The rule functions of :mod:`jixiao.project.rules` score a row on the
indicator :func:`rule_indicator` gives, renamed after the row.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.framework import Indicator
from jixiao.primitives import Excess, Judged, Proportional
from jixiao.project.template import Template
from jixiao.quantities import ONE

__all__ = ["rule_indicator"]


def rule_indicator(kind: str, weight: Decimal, name: str, template: Template) -> Indicator:
    """The row's rule as an :class:`Indicator` named after the row.

    The rule itself depends only on the kind, the weight (as written: "10"
    and "10.00" read back as written) and the template, so it is built and
    compiled once per those (:meth:`Template.kept`) and renamed for each row. Nothing
    read from a row but its weight chooses what is kept.
    """
    rule = template.kept((kind, str(weight)), lambda: _build_indicator(kind, weight, template))
    return rule.renamed(name or rule.name)


def _build_indicator(kind: str, weight: Decimal, template: Template) -> Indicator:
    citation = template.citation
    if kind == "execution":
        component = Proportional(
            "rate",
            weight,
            text=f"预算执行率得分=预算执行率×{weight}分，以{weight}分为限",
            text_en=f"points = execution rate × {weight}, at most {weight}",
        )
        return Indicator(
            key="execution",
            name="预算执行率",
            name_en="execution rate",
            weight=weight,
            function="project_execution",
            components=(component,),
            citation=citation.with_clause("预算执行率：执行数÷全年预算数"),
        )
    if kind in ("higher", "lower"):
        higher = kind == "higher"
        component = Proportional(
            "achievement",
            weight,
            text="完成值达到指标值的记满分，未达到的按比例记分："
            + ("得分=分值×实际完成值÷年度指标值" if higher else "得分=分值×年度指标值÷实际完成值"),
            text_en="full points when the target is met, else pro rata: "
            + ("weight × actual ÷ target" if higher else "weight × target ÷ actual"),
        )
        return Indicator(
            key="row",
            name="",
            name_en="higher-is-better" if higher else "lower-is-better",
            weight=weight,
            function=f"project_{kind}",
            components=(component,),
            citation=citation.with_clause("定量指标" + ("（正向）" if higher else "（反向）")),
        )
    if kind == "linear":
        excess = Excess(
            "completion",
            weight,
            text="反向指标：实际完成值不高于指标值的记满分；高于指标值的，"
            "得分=分值×(1-(实际完成值-指标值)÷指标值)；达到指标值2倍及以上的，得0分",
            text_en="lower is better: full points at or below the target; above it, "
            "weight × (1 − (actual − target) ÷ target); 0 from twice the target",
            threshold=ONE,
            per_unit=weight,
            unit=ONE,
        )
        return Indicator(
            key="row",
            name="",
            name_en="lower-is-better (linear)",
            weight=weight,
            function="project_lower_linear",
            components=(excess,),
            citation=citation.with_clause("定量指标（反向，线性计分）"),
        )
    judged = Judged(
        "points",
        weight,
        text="定性指标由评价人按档确定分值",
        text_en="qualitative: the evaluator's points by tier",
    )
    return Indicator(
        key="row",
        name="",
        name_en="qualitative",
        weight=weight,
        function="project_judged",
        components=(judged,) if weight else (),
        citation=citation.with_clause("定性指标"),
    )
