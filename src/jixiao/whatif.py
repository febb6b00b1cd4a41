"""What-if: inverse questions answered exactly, by the rules' own edges and formulas.

Banded and proportional rules are monotone in their inputs, so the question
"which inputs keep these points?" has an exact answer: a band's interval mapped
back through the measure, or a proportional formula solved for its input. The
answers are amounts rounded to the cent (or whole persons) in the safe
direction, so that the boundary returned keeps the points and one cent or one
person beyond it does not.

>>> from decimal import Decimal
>>> non_establishment_limits(11)            # the seed department: 11 established staff
{Decimal('1'): 0, Decimal('0.5'): 1, Decimal('0'): None}
>>> spending_needed("2820.25", quarter=3)   # 万元 by 30 September for the full Q3 point
Decimal('2115.19')
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from jixiao.errors import InputError
from jixiao.primitives import Bands, Interval
from jixiao.quantities import (
    CENT,
    CONTEXT,
    ONE,
    ZERO,
    Number,
    as_ratio,
    exact,
    exact_ratio,
    to_count,
    to_decimal,
)
from jixiao.rules._entry import default_indicator
from jixiao.rules.performance import SCHEDULED_PROGRESS, budget_execution
from jixiao.spec.rules import Indicator

__all__ = [
    "band_intervals",
    "execution_spending_for",
    "non_establishment_limits",
    "public_funds_limits",
    "spending_needed",
]


def band_intervals(component: Bands, points: Number) -> tuple[Interval, ...]:
    """The intervals of a band table's measure that give at least *points*."""
    wanted = to_decimal(points, "points")
    return tuple(b.interval for b in component.bands if b.points >= wanted)


def _bands(indicator: Indicator, measure: str) -> Bands:
    for component in indicator.components:
        if isinstance(component, Bands) and component.measure == measure:
            return component
    raise InputError(
        f"the indicator has no band table on {measure!r}",
        zh=f"该指标在 {measure!r} 上没有区间表",
        row=indicator.name,
    )


def _largest_below(edge: Decimal, closed: bool, step: Decimal) -> Decimal:
    """The largest multiple of *step* at or below *edge* (strictly below when open)."""
    steps = (edge / step).to_integral_value(rounding=ROUND_FLOOR)
    value = steps * step
    if not closed and value == edge:
        value -= step
    return value


def _top(intervals: Sequence[Interval]) -> Interval | None:
    """The interval reaching highest; ``None`` when one is unbounded above."""
    if any(i.upper is None for i in intervals):
        return None
    return max(intervals, key=lambda i: (i.upper, i.upper_closed))


@exact
def non_establishment_limits(
    established: int, *, indicator: Indicator | None = None
) -> dict[Decimal, int | None]:
    """For each band of 编外人员控制率, the largest number of non-establishment
    staff that keeps at least its points (``None``: any number does). A band no
    headcount can reach (with no established staff, every one is 100 %) is left out.

    The rate is n ÷ (established + n), and ``rate ≤ t`` ⇔ ``n ≤ t·established ÷ (1 − t)``
    (``<`` likewise), so the answer is exact.

    Args:
        established: 在编人数.
        indicator: the indicator (default: Luohu 2023's).
    """
    staff = to_count(established, "established")
    bands = _bands(indicator or default_indicator("non_establishment_staff"), "rate")
    limits: dict[Decimal, int | None] = {}
    for band in bands.bands:
        top = _top(band_intervals(bands, band.points))
        if top is None:
            limits[band.points] = None
            continue
        assert top.upper is not None
        if top.upper >= ONE:
            raise InputError(
                "a share band reaching 100 % has no largest headcount",
                zh="达到 100% 的比例区间没有最大人数",
                row=bands.measure,
            )
        bound = top.upper * staff / (ONE - top.upper)
        largest = int(_largest_below(bound, top.upper_closed, ONE))
        if largest >= 0 and (staff > 0 or largest > 0):
            limits[band.points] = largest
    return dict(sorted(limits.items(), reverse=True))


@exact
def public_funds_limits(
    budget: Number, *, measure: str = "three_public", indicator: Indicator | None = None
) -> dict[Decimal, Decimal | None]:
    """For each tier of 公用经费控制率, the most that can be spent (to the cent)
    while keeping at least its points; ``None``: any amount does.

    Args:
        budget: the budget of the expense (预算安排数 or 调整预算数).
        measure: ``"three_public"`` (三公经费) or ``"routine"`` (日常公用经费).

    >>> public_funds_limits("20.65")
    {Decimal('3'): Decimal('18.58'), Decimal('2'): Decimal('20.65'), Decimal('0'): None}
    """
    whole = to_decimal(budget, "budget")
    if whole == 0:
        raise InputError(
            "is zero, so the ratio is undefined",
            zh="为零，比率无定义",
            field="budget",
            value=budget,
        )
    bands = _bands(indicator or default_indicator("public_funds_control"), measure)
    limits: dict[Decimal, Decimal | None] = {}
    for band in bands.bands:
        top = _top(band_intervals(bands, band.points))
        if top is None:
            limits[band.points] = None
            continue
        assert top.upper is not None
        limits[band.points] = _largest_below(top.upper * whole, top.upper_closed, CENT)
    return dict(sorted(limits.items(), reverse=True))


@exact
def spending_needed(budget: Number, quarter: int, *, step: Number = CENT) -> Decimal:
    """The cumulative spending needed at a quarter's end for that quarter's full
    point of 预算执行率: spending progress at least the scheduled progress.

    Rounded up to *step* (a cent by default), so it is enough and a cent less is not.
    """
    if quarter not in (1, 2, 3, 4):
        raise InputError(
            "a quarter is 1, 2, 3 or 4", zh="季度为 1、2、3 或 4", field="quarter", value=quarter
        )
    need = to_decimal(budget, "budget") * SCHEDULED_PROGRESS[quarter - 1]
    unit = to_decimal(step, "step")
    return (need / unit).to_integral_value(rounding=ROUND_CEILING) * unit


def _solve(
    points: Callable[[Decimal], Decimal], target: Decimal, breaks: Sequence[Decimal]
) -> Decimal | None:
    """The smallest x ≥ breaks[0] with points(x) ≥ target, for *points* linear
    between consecutive *breaks* and non-decreasing; ``None`` when never."""
    for low, high in itertools.pairwise(breaks):
        at_low, at_high = points(low), points(high)
        if at_low >= target:
            return low
        if at_high >= target:
            return low + (target - at_low) * (high - low) / (at_high - at_low)
    return breaks[-1] if points(breaks[-1]) >= target else None


@exact
def execution_spending_for(
    target: Number,
    progress: Sequence[str | Decimal | None],
    budget: Number,
    *,
    step: Number = CENT,
    indicator: Indicator | None = None,
) -> Decimal | None:
    """The least cumulative spending at the end of the one unknown quarter that
    gives 预算执行率 at least *target* points (after rounding), the other
    quarters' spending progress being known.

    Args:
        target: the points wanted (0 to the weight).
        progress: four spending-progress ratios as text ("42.77%"), with
            ``None`` for the quarter to solve.
        budget: that quarter's budget at its end.
        step: the amount grid (a cent by default); the answer is rounded up to it.

    Returns:
        The spending, or ``None`` when no spending reaches the target.

    >>> execution_spending_for("5.12", ["20.59%", "42.77%", None, "87.47%"], "2820.25")
    Decimal('1811.24')
    """
    wanted = to_decimal(target, "target")
    if [p is None for p in progress].count(True) != 1 or len(progress) != 4:
        raise InputError(
            "give four quarters' progress with exactly one None",
            zh="请给出四个季度的进度，其中恰好一个为 None",
            field="progress",
            value=progress,
        )
    k = [p is None for p in progress].index(True)
    whole = to_decimal(budget, "budget")
    if whole == 0:
        raise InputError(
            "is zero, so the ratio is undefined",
            zh="为零，比率无定义",
            field="budget",
            value=budget,
        )
    leaf = indicator or default_indicator("budget_execution")

    def raw(spent: Decimal) -> Decimal:
        share = exact_ratio(CONTEXT.divide(spent, whole))  # a Ratio: no text to read back
        given = [share if p is None else p for p in progress]
        return budget_execution(progress=given, indicator=leaf).unrounded  # type: ignore[arg-type]

    others = [
        as_ratio(p, "progress").value / s
        for p, s in zip(progress, SCHEDULED_PROGRESS, strict=True)
        if p is not None
    ]
    scheduled = SCHEDULED_PROGRESS[k] * whole
    breaks = sorted({ZERO, scheduled, max(ZERO, (4 - sum(others, ZERO)) * scheduled)})
    breaks.append(breaks[-1] + scheduled)
    threshold = wanted - Decimal("0.005")
    found = _solve(raw, threshold, breaks)
    if found is None:
        return None
    unit = to_decimal(step, "step")
    spent = (found / unit).to_integral_value(rounding=ROUND_CEILING) * unit
    # The interpolation divides, so an exact tie can land a hair above its grid
    # point; the grid point below may still reach the target.
    if spent >= unit and raw(spent - unit) >= threshold:
        spent -= unit
    return spent
