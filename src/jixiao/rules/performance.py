"""部门绩效 (performance): economy, efficiency, effectiveness and equity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from jixiao.department.catalog import framework
from jixiao.quantities import AmountLike, Number, Ratio
from jixiao.rules._entry import DEFAULT_FRAMEWORK, entry, score_with
from jixiao.rules.decision import Verdicts
from jixiao.score import Score
from jixiao.spec.rules import Indicator

__all__ = [
    "SCHEDULED_PROGRESS",
    "QuarterSpending",
    "budget_execution",
    "effectiveness",
    "key_task_completion",
    "petition_handling",
    "project_timeliness",
    "public_funds_control",
    "satisfaction",
]

SCHEDULED_PROGRESS: Final[tuple[Decimal, ...]] = (
    framework(DEFAULT_FRAMEWORK).schedule("quarterly").shares
)
"""序时进度 at the end of each quarter, as the 2023 Luohu framework states it
(25 %, 50 %, 75 %, 100 %): the share of the year elapsed."""


@attrs.frozen
class QuarterSpending:
    """Cumulative spending and the budget at a quarter's end (季度末累计支出, 总预算)."""

    spent: AmountLike
    budget: AmountLike


@entry("public_funds_control")
def public_funds_control(
    three_public_spent: AmountLike,
    three_public_budget: AmountLike,
    routine_spent: AmountLike,
    routine_budget: AmountLike,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """公用经费控制率: for the three public expenses and for routine public
    funds each, rate = actual ÷ budget; below 90 % → 3, 90 % to 100 % (both
    included) → 2, above 100 % → 0.

    Args:
        three_public_spent: “三公”经费实际支出数.
        three_public_budget: “三公”经费预算安排数 (0 is an error).
        routine_spent: 日常公用经费决算数.
        routine_budget: 日常公用经费调整预算数 (0 is an error).

    >>> public_funds_control("19.98", "20.65", "407.57", "411.02").points
    Decimal('4.00')
    """
    return score_with(
        "public_funds_control",
        indicator,
        three_public_spent=three_public_spent,
        three_public_budget=three_public_budget,
        routine_spent=routine_spent,
        routine_budget=routine_budget,
    )


@entry("budget_execution")
def budget_execution(
    quarters: Sequence[QuarterSpending | Mapping[str, AmountLike]] | None = None,
    progress: Sequence[Ratio | str] | None = None,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """预算执行率: each quarter, spending progress ÷ scheduled progress (25 %,
    50 %, 75 %, 100 %) × 1 point; plus the mean of the four quarterly
    execution rates × 2 points.

    Args:
        quarters: four ``QuarterSpending(spent, budget)`` (cumulative spending
            and the budget at each quarter's end), or
        progress: the four ready spending-progress ratios.

    >>> budget_execution(progress=["20.59%", "42.77%", "64.63%", "87.47%"]).points
    Decimal('5.12')
    """
    return score_with("budget_execution", indicator, quarters=quarters, progress=progress)


@entry("key_task_completion")
def key_task_completion(uncompleted: int, *, indicator: Indicator | None = None) -> Score:
    """重点工作完成情况: 8 points, 4 off per key task not completed, down to 0.

    Args:
        uncompleted: how many key tasks were not completed.

    >>> key_task_completion(1).points
    Decimal('4.00')
    """
    return score_with("key_task_completion", indicator, uncompleted=uncompleted)


@entry("project_timeliness")
def project_timeliness(
    planned: int, completed: int, *, indicator: Indicator | None = None
) -> Score:
    """项目完成及时性 = projects completed on time ÷ projects planned × 6.

    Args:
        planned: 计划完成项目总数 (0 is an error).
        completed: 已完成项目数, completed on time.

    >>> project_timeliness(8, 7).points
    Decimal('5.25')
    """
    return score_with("project_timeliness", indicator, planned=planned, completed=completed)


@entry("effectiveness")
def effectiveness(points: bool | Number, *, indicator: Indicator | None = None) -> Score:
    """效果性 (social, economic, ecological, sustainability outcomes): the
    evaluator's points, at most the weight (25).

    Args:
        points: the evaluator's points (``True`` for the full weight).

    >>> effectiveness("23.5").points
    Decimal('23.50')
    """
    return score_with("effectiveness", indicator, points=points)


@entry("petition_handling")
def petition_handling(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """群众信访办理情况: channels (1), all answered (1), all on time (1)."""
    return score_with("petition_handling", indicator, items=items)


@entry("satisfaction")
def satisfaction(rate: Ratio | str, *, indicator: Indicator | None = None) -> Score:
    """公众或服务对象满意度: ≥ 95 % → 6, [90 %, 95 %) → 4, [80 %, 90 %) → 2,
    below 80 % → 1.

    Args:
        rate: the satisfaction rate: a :class:`~jixiao.Ratio` or text with ``%``.

    >>> satisfaction("95%").points, satisfaction(Ratio.percent("94.99")).points
    (Decimal('6.00'), Decimal('4.00'))
    """
    return score_with("satisfaction", indicator, rate=rate)
