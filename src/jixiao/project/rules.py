"""The scoring rules of the project self-evaluation table, each a composable function.

Every function returns a :class:`~jixiao.Score` built on the same primitives as
the department framework (:class:`~jixiao.primitives.Proportional`,
:class:`~jixiao.primitives.Judged`), with its citation, so the same
explanations, JSON trace and checks apply.

- :func:`execution` — 预算执行率: weight × executed ÷ full-year budget, capped
  at the weight, rounded half-up to 0.01.
- :func:`higher_is_better` — 正向指标: weight × actual ÷ target, capped.
- :func:`lower_is_better` — 反向指标: the full weight at or below the target,
  weight × target ÷ actual above it.
- :func:`qualitative` — 定性指标: the evaluator's points, checked against the
  template's tier when the tier is given.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from jixiao.errors import InputError, RuleError
from jixiao.framework import Indicator
from jixiao.primitives import Judged, Proportional
from jixiao.project.template import QualitativeTier, Template, default_template
from jixiao.quantities import ONE, AmountLike, Number, Ratio, amount_ratio, exact, to_decimal
from jixiao.score import Score

__all__ = ["execution", "higher_is_better", "lower_is_better", "not_applicable", "qualitative"]


@cache
def _indicator(kind: str, weight: Decimal, name: str, template: Template) -> Indicator:
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
            name=name or "预算执行率",
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
            name=name,
            name_en="higher-is-better" if higher else "lower-is-better",
            weight=weight,
            function=f"project_{kind}",
            components=(component,),
            citation=citation.with_clause("定量指标" + ("（正向）" if higher else "（反向）")),
        )
    judged = Judged(
        "points",
        weight,
        text="定性指标由评价人按档确定分值",
        text_en="qualitative: the evaluator's points by tier",
    )
    return Indicator(
        key="row",
        name=name,
        name_en="qualitative",
        weight=weight,
        function="project_judged",
        components=(judged,) if weight else (),
        citation=citation.with_clause("定性指标"),
    )


def _weight(weight: Number) -> Decimal:
    return to_decimal(weight, "weight")


@exact
def execution(
    executed: AmountLike,
    full_year_budget: AmountLike,
    weight: Number = 10,
    *,
    template: Template | None = None,
) -> Score:
    """预算执行率 points: weight × (executed ÷ full-year budget), at most the weight.

    Args:
        executed: 全年执行数.
        full_year_budget: 全年预算数 (the adjusted budget); 0 is an error.
        weight: the points of the execution rate (10 in the national table).
        template: whose citation to carry (default: the default template).

    >>> execution("3657.80", "50000.00").points
    Decimal('0.73')
    >>> execution("39099.42", "41000.00").points
    Decimal('9.54')
    """
    rate = amount_ratio(
        executed, full_year_budget, "execution_rate", names=("executed", "full_year_budget")
    )
    leaf = _indicator("execution", _weight(weight), "", template or default_template())
    inputs = {"executed": executed, "full_year_budget": full_year_budget}
    return leaf.apply({"rate": Ratio(rate.value)}, inputs)


@exact
def higher_is_better(
    actual: Number,
    target: Number,
    weight: Number,
    *,
    name: str = "",
    template: Template | None = None,
) -> Score:
    """正向指标: weight × actual ÷ target, capped at the weight.

    Args:
        actual: the actual value (实际完成值), in the target's unit.
        target: the target (年度指标值); 0 is an error.
        weight: the row's weight (分值).

    >>> higher_is_better("17.76", "21", 6).points
    Decimal('5.07')
    >>> higher_is_better("92.78", "95", 8).points
    Decimal('7.81')
    """
    value, goal = to_decimal(actual, "actual"), to_decimal(target, "target")
    if goal == 0:
        raise InputError("a target of 0 cannot be met pro rata", field="target", value=target)
    leaf = _indicator("higher", _weight(weight), name, template or default_template())
    inputs = {"actual": value, "target": goal}
    return leaf.apply({"achievement": Ratio(value / goal)}, inputs)


@exact
def lower_is_better(
    actual: Number,
    target: Number,
    weight: Number,
    *,
    name: str = "",
    template: Template | None = None,
) -> Score:
    """反向指标: the full weight when the actual is at or below the target,
    weight × target ÷ actual when above.

    >>> lower_is_better("3657.8", "50000", 8).points
    Decimal('8.00')
    >>> lower_is_better("6", "5", 10).points
    Decimal('8.33')
    """
    value, goal = to_decimal(actual, "actual"), to_decimal(target, "target")
    leaf = _indicator("lower", _weight(weight), name, template or default_template())
    achievement = ONE if value <= goal else goal / value
    return leaf.apply({"achievement": Ratio(achievement)}, {"actual": value, "target": goal})


@exact
def qualitative(
    points: Number,
    weight: Number,
    tier: str | None = None,
    *,
    name: str = "",
    template: Template | None = None,
) -> tuple[Score, QualitativeTier | None]:
    """定性指标: the evaluator's points, at most the weight, and the tier they fall in.

    Args:
        points: the evaluator's points.
        weight: the row's weight.
        tier: the tier the evaluator states (``"achieved"``, ``"partly"``, ``"not"``);
            when given, the points must lie in its share of the weight.

    Returns:
        The score and the template tier the points fall in (``None`` for weight 0).

    Raises:
        RuleError: points above the weight, or outside the stated tier.

    >>> score, tier = qualitative("4.5", 6)
    >>> score.points, tier.key
    (Decimal('4.50'), 'partly')
    """
    rules = template or default_template()
    w = _weight(weight)
    leaf = _indicator("judged", w, name, rules)
    score = leaf.apply({"points": to_decimal(points, "points")}, {"points": points, "tier": tier})
    found = rules.tier_of(score.points / w) if w else None
    if tier is not None and (found is None or found.key != tier):
        stated = next((t for t in rules.tiers if t.key == tier), None)
        if stated is None:
            raise RuleError(
                "unknown tier; expected achieved, partly or not", field="tier", value=tier
            )
        raise RuleError(
            f"points outside the tier “{stated.text}” ({stated.interval} of the weight {w})",
            field="points",
            value=points,
        )
    return score, found


def not_applicable(*, name: str = "", template: Template | None = None) -> Score:
    """不适用: weight 0 and points 0."""
    leaf = _indicator("judged", Decimal(0), name, template or default_template())
    return leaf.apply({}, {})
