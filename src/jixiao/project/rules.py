"""The scoring rules of the project self-evaluation table, each a composable function.

The rules are data (``data/rules/project.toml``, or a template's own
``[[rules]]``), written for the row's weight; each function here scores one
on the template's rule for that weight with the one evaluator
(:func:`jixiao.score.score_rule`) and returns a :class:`~jixiao.Score`, with
its citation, so the same explanations, JSON trace and checks apply.

- :func:`execution` — 预算执行率: weight × executed ÷ full-year budget, capped
  at the weight, rounded half-up to 0.01.
- :func:`higher_is_better` — 正向指标: weight × actual ÷ target, capped.
- :func:`lower_is_better` — 反向指标: the full weight at or below the target,
  weight × target ÷ actual above it (the ``"inverse"`` rule, the default).
- :func:`lower_is_better_linear` — 反向指标, the ``"linear"`` variant some
  budget systems use: the full weight at or below the target, weight × (1 −
  (actual − target) ÷ target) above it, 0 from twice the target. A template
  chooses between the two by name (``lower_is_better = "linear"``; see
  :data:`LOWER_IS_BETTER`).
- :func:`qualitative` — 定性指标: the evaluator's points, checked against the
  template's tier when the tier is given.
- :func:`aggregate_completion` — the completion value of several sub-units
  (下属单位) put together before a row is scored: absolute values summed, rates
  weighted by each sub-unit's funds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Literal, overload

import attrs

from jixiao.errors import InputError, RuleError
from jixiao.project.template import QualitativeTier, Template, default_template
from jixiao.quantities import (
    CONTEXT,
    ZERO,
    Amount,
    AmountLike,
    Number,
    Ratio,
    as_ratio,
    exact,
    to_decimal,
)
from jixiao.score import Score

__all__ = [
    "LOWER_IS_BETTER",
    "aggregate_completion",
    "execution",
    "higher_is_better",
    "lower_is_better",
    "lower_is_better_linear",
    "not_applicable",
    "qualitative",
]


def _weight(weight: Number) -> Decimal:
    return to_decimal(weight, "weight")


def _template(template: object) -> Template:
    """*template*, or the default one for ``None``; anything else is refused."""
    if template is None:
        return default_template()
    if not isinstance(template, Template):
        raise InputError(
            "expected a template (jixiao.project.Template) or None",
            zh="应为模板（jixiao.project.Template）或 None",
            field="template",
        )
    return template


def _sequence(items: object, field: str) -> None:
    """Refuse what is not a list or tuple: text (whose characters would be
    read as values), a mapping, a number or ``None``."""
    if not isinstance(items, (list, tuple)):
        raise InputError(
            "expected a list of values, one per sub-unit",
            zh="应为数值列表，每个下级单位一个",
            field=field,
        )


def _text(name: object) -> str:
    """*name*, when it is text."""
    if not isinstance(name, str):
        raise InputError("expected text", zh="应为文本", field="name")
    return name


def _score(
    template: Template | None, id: str, weight: Number, name: str, inputs: Mapping[str, object]
) -> Score:
    """Rule *id* of the template (default: the default template) for *weight*,
    named *name*, scored on *inputs*
    (:meth:`~jixiao.project.template.Template.score`, in
    :data:`~jixiao.quantities.CONTEXT`: every caller is
    :func:`~jixiao.quantities.exact`). Errors name the input only: the row
    that holds it is the caller's to name."""
    name = _text(name)
    return _template(template).score(id, _weight(weight), inputs, name)


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
        template: whose rule and citation (default: the default template).

    >>> execution("3657.80", "50000.00").points
    Decimal('0.73')
    >>> execution("39099.42", "41000.00").points
    Decimal('9.54')
    """
    inputs = {"executed": executed, "full_year_budget": full_year_budget}
    return _score(template, "execution", weight, "", inputs)


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
    return _score(template, "higher", weight, name, {"actual": actual, "target": target})


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
    return _score(template, "lower", weight, name, {"actual": actual, "target": target})


@exact
def lower_is_better_linear(
    actual: Number,
    target: Number,
    weight: Number,
    *,
    name: str = "",
    template: Template | None = None,
) -> Score:
    """反向指标, linear: the full weight when the actual is at or below the
    target; between the target and twice the target, weight × (1 − (actual −
    target) ÷ target); at twice the target or more, 0.

    Built on the :class:`~jixiao.primitives.Excess` primitive: the measure is
    actual ÷ target, the threshold 100 %, and the whole weight is lost over one
    further 100 %. A template selects it with ``lower_is_better = "linear"``.

    Args:
        actual: the actual value (实际完成值), in the target's unit.
        target: the ceiling (年度指标值); 0 is an error (it has no scale).
        weight: the row's weight (分值).

    >>> lower_is_better_linear("6", "5", 10).points   # 20 % above: 10 × (1 − 0.2)
    Decimal('8.00')
    >>> lower_is_better_linear("5", "5", 10).points, lower_is_better_linear("10", "5", 10).points
    (Decimal('10.00'), Decimal('0.00'))
    """
    return _score(template, "lower_linear", weight, name, {"actual": actual, "target": target})


LowerRule = Callable[..., Score]

LOWER_IS_BETTER: Mapping[str, LowerRule] = {
    "inverse": lower_is_better,
    "linear": lower_is_better_linear,
}
"""The lower-is-better rules a template may name (``lower_is_better = "…"``):
``"inverse"`` (:func:`lower_is_better`, the default of every template that
names none) and ``"linear"`` (:func:`lower_is_better_linear`)."""


@overload
def aggregate_completion(
    values: Sequence[Number], funds: None = None, kind: Literal["absolute"] = "absolute"
) -> Decimal: ...


@overload
def aggregate_completion(
    values: Sequence[Ratio | str], funds: Sequence[AmountLike], kind: Literal["rate"]
) -> Ratio: ...


def aggregate_completion(
    values: Sequence[Number] | Sequence[Ratio | str],
    funds: Sequence[AmountLike] | None = None,
    kind: Literal["absolute", "rate"] = "absolute",
) -> Decimal | Ratio:
    """One completion value from several sub-units' (定量指标完成数汇总):
    absolute values (counts, lengths, amounts) are summed; rates are averaged,
    each weighted by the sub-unit's funds. Score the row on the result
    (先汇总完成数，再计算得分).

    Args:
        values: each sub-unit's completion value: numbers for ``"absolute"``,
            ratios (:class:`~jixiao.Ratio` or text with ``%``) for ``"rate"``.
        funds: each sub-unit's funds (资金额度), in one unit, in the same order;
            required for ``"rate"``, not used for ``"absolute"``.
        kind: ``"absolute"`` (绝对值直接累加) or ``"rate"`` (相对值按照资金额度加权平均).

    Raises:
        InputError: no values, a rate without its funds, funds that add up to 0,
            or a negative amount.

    >>> aggregate_completion(["120", "35", 6])
    Decimal('161')
    >>> aggregate_completion(["90%", "100%"], funds=["30", "10"], kind="rate")
    Ratio.percent('92.5')
    """
    _sequence(values, "values")
    if funds is not None:
        _sequence(funds, "funds")
    if not values:
        raise InputError(
            "no sub-unit values to aggregate", zh="没有可汇总的下级单位数值", field="values"
        )
    if kind == "absolute":
        if funds is not None:
            raise InputError(
                "absolute values are summed; funds are not used",
                zh="绝对数值直接相加；不使用资金",
                field="funds",
            )
        total = ZERO
        for i, value in enumerate(values):
            total += to_decimal(value, f"values[{i + 1}]", negative=True)
        return total
    if kind != "rate":
        raise InputError(
            "expected kind 'absolute' or 'rate'",
            zh="kind 应为 'absolute' 或 'rate'",
            field="kind",
            value=kind,
        )
    if funds is None or len(funds) != len(values):
        raise InputError(
            "rates are weighted by funds: give one amount per value",
            zh="比率按资金加权：每个数值请给出一个金额",
            field="funds",
            value=funds,
        )
    if len({isinstance(f, Amount) for f in funds}) > 1:
        raise InputError(
            "give every fund with its unit (Amount.wan(...)) or every one as a plain number",
            zh="请给每笔资金都带上单位（Amount.wan(...)），或都用不带单位的数字",
            field="funds",
            value=funds,
        )
    weighted, weights = ZERO, ZERO
    for i, (value, fund) in enumerate(zip(values, funds, strict=True)):
        rate = as_ratio(value, f"values[{i + 1}]")
        field = f"funds[{i + 1}]"
        amount = fund.in_yuan if isinstance(fund, Amount) else to_decimal(fund, field)
        if amount < 0:
            raise InputError("must not be negative", zh="不得为负数", field=field, value=fund)
        weighted += rate.value * amount
        weights += amount
    if weights == 0:
        raise InputError(
            "the sub-units' funds add up to 0",
            zh="各下级单位的资金合计为 0",
            field="funds",
            value=funds,
        )
    return Ratio(CONTEXT.divide(weighted, weights))


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
    return judged(_template(template), points, _weight(weight), tier, _text(name))


def judged(
    rules: Template, points: object, weight: Decimal, tier: str | None, name: str = ""
) -> tuple[Score, QualitativeTier | None]:
    """:func:`qualitative` on a template and a weight already read, in
    :data:`~jixiao.quantities.CONTEXT` (the caller's to enter; a project
    table's rows are scored so)."""
    score = rules.score("judged", weight, {"points": points, "tier": tier}, name)
    found = rules.tier_of(score.unrounded / weight) if weight else None
    if tier is not None and (found is None or found.key != tier):
        stated = next((t for t in rules.tiers if t.key == tier), None)
        if stated is None:
            raise RuleError(
                "unknown tier; expected achieved, partly or not",
                zh="未知的档次；应为 achieved、partly 或 not",
                field="tier",
                value=tier,
            )
        raise RuleError(
            f"points outside the tier “{stated.text}” ({stated.interval} of the weight {weight})",
            zh=f"得分不在档次“{stated.text}”之内（分值 {weight} 的 {stated.interval}）",
            field="points",
            value=points,
        )
    return score, found


def not_applicable(*, name: str = "", template: Template | None = None) -> Score:
    """不适用: weight 0 and points 0 (the template's ``not_applicable`` rule,
    which reads nothing, scored once:
    :attr:`~jixiao.project.template.Template.not_applicable_score`, named
    *name* when given)."""
    name = _text(name)
    score = _template(template).not_applicable_score
    if not name:
        return score
    return attrs.evolve(score, indicator=score.indicator.renamed(name))
