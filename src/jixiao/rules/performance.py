"""部门绩效 (performance): economy, efficiency, effectiveness and equity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from jixiao.errors import InputError
from jixiao.framework import Indicator
from jixiao.quantities import (
    AmountLike,
    Number,
    Ratio,
    amount_ratio,
    count_ratio,
    exact_ratio,
    to_count,
)
from jixiao.rules._registry import Measures, as_given, as_ratio, rule, score_with
from jixiao.rules.decision import Verdicts, items_measures
from jixiao.score import Score

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

SCHEDULED_PROGRESS: Final = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))
"""序时进度 at the end of each quarter: the share of the year elapsed."""


@attrs.frozen
class QuarterSpending:
    """Cumulative spending and the budget at a quarter's end (季度末累计支出, 总预算)."""

    spent: AmountLike
    budget: AmountLike


def public_funds_rate(spent: AmountLike, budget: AmountLike, field: str) -> Ratio:
    """A public-funds control rate: actual ÷ budget (inputs ``{field}_spent``, ``{field}_budget``)."""
    names = _PUBLIC_FUNDS_NAMES.get(field) or (f"{field}_spent", f"{field}_budget")
    return amount_ratio(spent, budget, field, names=names)


_PUBLIC_FUNDS_NAMES: Final = {
    field: (f"{field}_spent", f"{field}_budget") for field in ("three_public", "routine")
}


def _public_funds_control(
    three_public_spent: AmountLike,
    three_public_budget: AmountLike,
    routine_spent: AmountLike,
    routine_budget: AmountLike,
) -> Measures:
    return {
        "three_public": public_funds_rate(three_public_spent, three_public_budget, "three_public"),
        "routine": public_funds_rate(routine_spent, routine_budget, "routine"),
    }


@rule("public_funds_control", _public_funds_control)
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


_QUARTER_KEYS: Final = frozenset({"spent", "budget"})
_QUARTER_FIELDS: Final = tuple(
    (f"quarters[{n}]", (f"quarters[{n}].spent", f"quarters[{n}].budget")) for n in range(1, 5)
)


def _quarter(entry: object, index: int) -> Ratio:
    field, names = _QUARTER_FIELDS[index]
    if type(entry) is dict or isinstance(entry, Mapping):  # dict first: what files give
        if entry.keys() != _QUARTER_KEYS:
            raise InputError("expected exactly the keys spent and budget", field=field, value=entry)
        return amount_ratio(entry["spent"], entry["budget"], field, names=names)
    if isinstance(entry, QuarterSpending):
        return amount_ratio(entry.spent, entry.budget, field, names=names)
    raise InputError("expected QuarterSpending(spent, budget)", field=field, value=entry)


def spending_progress(
    quarters: Sequence[QuarterSpending | Mapping[str, AmountLike]] | None,
    progress: Sequence[Ratio | str] | None,
) -> tuple[Ratio, ...]:
    """The four quarter-end spending progress ratios, from amounts or ready ratios."""
    if (quarters is None) == (progress is None):
        raise InputError("give either quarters (spent and budget) or progress, not both")
    if quarters is not None:
        given: Sequence[object] = quarters
        name = "quarters"
    else:
        given = progress  # type: ignore[assignment]
        name = "progress"
    if not (type(given) is list or type(given) is tuple) and (
        isinstance(given, (str, bytes)) or not isinstance(given, Sequence)
    ):
        raise InputError("expected four quarters", field=name, value=given)
    if len(given) != 4:
        raise InputError("expected four quarters", field=name, value=given)
    if quarters is not None:
        return tuple([_quarter(q, i) for i, q in enumerate(quarters)])
    return tuple([as_ratio(p, f"progress[{i + 1}]") for i, p in enumerate(given)])


def _budget_execution(
    quarters: Sequence[QuarterSpending | Mapping[str, AmountLike]] | None = None,
    progress: Sequence[Ratio | str] | None = None,
) -> Measures:
    measures: Measures = {}
    total = Decimal(0)
    # spending_progress gives exactly four, one per quarter
    for key, ratio, scheduled in zip(
        _RATE_KEYS, spending_progress(quarters, progress), SCHEDULED_PROGRESS, strict=False
    ):
        rate = ratio.value / scheduled
        total += rate
        measures[key] = exact_ratio(rate)
    measures["average"] = exact_ratio(total / 4)
    return measures


_RATE_KEYS: Final = ("q1", "q2", "q3", "q4")


@rule("budget_execution", _budget_execution)
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


def _key_task_completion(uncompleted: int) -> Measures:
    return {"uncompleted": to_count(uncompleted, "uncompleted")}


@rule("key_task_completion", _key_task_completion)
def key_task_completion(uncompleted: int, *, indicator: Indicator | None = None) -> Score:
    """重点工作完成情况: 8 points, 4 off per key task not completed, down to 0.

    Args:
        uncompleted: how many key tasks were not completed.

    >>> key_task_completion(1).points
    Decimal('4.00')
    """
    return score_with("key_task_completion", indicator, uncompleted=uncompleted)


def _project_timeliness(planned: int, completed: int) -> Measures:
    if to_count(completed, "completed") > to_count(planned, "planned"):
        raise InputError("more projects completed than planned", field="completed", value=completed)
    return {"rate": count_ratio(completed, planned, "rate", names=("completed", "planned"))}


@rule("project_timeliness", _project_timeliness)
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


@as_given
def points_measures(points: bool | Number) -> Measures:
    """The measures of a judged rule: the evaluator's points as given."""
    return {"points": points}


@rule("effectiveness", points_measures)
def effectiveness(points: bool | Number, *, indicator: Indicator | None = None) -> Score:
    """效果性 (social, economic, ecological, sustainability outcomes): the
    evaluator's points, at most the weight (25).

    Args:
        points: the evaluator's points (``True`` for the full weight).

    >>> effectiveness("23.5").points
    Decimal('23.50')
    """
    return score_with("effectiveness", indicator, points=points)


@rule("petition_handling", items_measures)
def petition_handling(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """群众信访办理情况: channels (1), all answered (1), all on time (1)."""
    return score_with("petition_handling", indicator, items=items)


def _satisfaction(rate: Ratio | str) -> Measures:
    return {"rate": as_ratio(rate, "rate")}


@rule("satisfaction", _satisfaction)
def satisfaction(rate: Ratio | str, *, indicator: Indicator | None = None) -> Score:
    """公众或服务对象满意度: ≥ 95 % → 6, [90 %, 95 %) → 4, [80 %, 90 %) → 2,
    below 80 % → 1.

    Args:
        rate: the satisfaction rate: a :class:`~jixiao.Ratio` or text with ``%``.

    >>> satisfaction("95%").points, satisfaction(Ratio.percent("94.99")).points
    (Decimal('6.00'), Decimal('4.00'))
    """
    return score_with("satisfaction", indicator, rate=rate)
