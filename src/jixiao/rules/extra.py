"""Generic measure functions, shared by the frameworks of several jurisdictions.

The functions of :mod:`jixiao.rules.decision`, :mod:`~jixiao.rules.management`
and :mod:`~jixiao.rules.performance` are named after the Luohu indicators they
score. The functions here are named after the *measure* they compute (their
inputs and measures are declared once, in the rule library
``data/rules/department.toml``), so that one function serves every indicator
that reads the same measure, whatever it is called in a jurisdiction's table:

==========================  ============================================  ===========================
function                    measure it gives its indicator's components   e.g.
==========================  ============================================  ===========================
:func:`amount_share`        ``rate`` = part ÷ whole of two amounts        重点支出安排率, 预算调整率
:func:`amount_change`       ``change`` = (current − previous) ÷ previous  “三公经费”变动率
:func:`amount_within`       ``position``: ``"zero"``, ``"within"`` or     资金结余 (against last
                            ``"above"`` a limit                           year's carry-over)
:func:`count_share`         ``rate`` = counted ÷ total of two counts      目标实现 (indicators met)
:func:`item_count`          ``count``: a whole number of items            支付进度, 资金使用合规性
:func:`working_days_late`   ``days``: working days past a deadline        基础信息更新 (报送时效)
:func:`checklist`           ``items``: one verdict per checklist item     目标制定
:func:`judged`              ``points``: the evaluator's points            酌情 clauses, placeholders
==========================  ============================================  ===========================

They have no default indicator: pass the indicator to score with
(``indicator=framework("yueyang-2019").indicator("key_spending")``), or score a
whole department through :func:`jixiao.evaluate`, which passes it.

>>> from jixiao import framework
>>> from jixiao.rules import amount_change
>>> indicator = framework("yueyang-2019").indicator("three_public_change")
>>> amount_change(current="10.5", previous="10", indicator=indicator).points
Decimal('2.50')
"""

from __future__ import annotations

from jixiao.quantities import AmountLike, Number, Ratio
from jixiao.rules._entry import entry, score_with
from jixiao.rules.decision import Verdicts
from jixiao.score import Score
from jixiao.spec.measures import POSITIONS
from jixiao.spec.rules import Indicator

__all__ = [
    "WITHIN_POSITIONS",
    "amount_change",
    "amount_share",
    "amount_within",
    "checklist",
    "count_share",
    "item_count",
    "judged",
    "working_days_late",
]


@entry("amount_share")
def amount_share(
    part: AmountLike | None = None,
    whole: AmountLike | None = None,
    rate: Ratio | str | None = None,
    *,
    indicator: Indicator,
) -> Score:
    """A rate of two amounts, ``rate`` = part ÷ whole (or the ready rate).

    What the two amounts are is the indicator's wording: key spending ÷ all
    spending (重点支出安排率), budget adjustments ÷ the budget (预算调整率),
    actual ÷ budgeted three public expenses (“三公”经费控制率), the year's
    budget transfers ÷ the initial budget (编制准确)…

    Args:
        part: the amount counted (the numerator), in the same unit as *whole*.
        whole: the amount it is a share of (the denominator; 0 is an error).
        rate: the ready rate (text with ``%`` or a :class:`~jixiao.Ratio`),
            instead of the two amounts.
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> key_spending = framework("yueyang-2019").indicator("key_spending")
    >>> amount_share(part="80", whole="100", indicator=key_spending).points
    Decimal('4.00')
    """
    return score_with("amount_share", indicator, part=part, whole=whole, rate=rate)


@entry("amount_change")
def amount_change(
    current: AmountLike | None = None,
    previous: AmountLike | None = None,
    change: Ratio | str | None = None,
    *,
    indicator: Indicator,
) -> Score:
    """A rate of change, ``change`` = (current − previous) ÷ previous; below 0
    when the amount fell.

    Args:
        current: this year's amount.
        previous: last year's amount, in the same unit (0 is an error: a change
            from nothing has no rate).
        change: the ready rate of change (``"-3.5%"``), instead of the two amounts.
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("yueyang-2019").indicator("three_public_change")
    >>> amount_change(current="9", previous="10", indicator=indicator).points
    Decimal('5.00')
    """
    return score_with("amount_change", indicator, current=current, previous=previous, change=change)


WITHIN_POSITIONS = POSITIONS
"""What :func:`amount_within` measures: the tier keys a framework's ``tiers``
component uses for it."""


@entry("amount_within")
def amount_within(amount: AmountLike, limit: AmountLike, *, indicator: Indicator) -> Score:
    """An amount compared with a limit: ``position`` is ``"zero"`` (no amount
    at all), ``"within"`` (above 0, at most the limit) or ``"above"`` (above
    the limit). The framework's tiers give the points of each.

    Args:
        amount: the amount judged, e.g. this year's balance (结余).
        limit: what it may not exceed, e.g. last year's carry-over (上年结转),
            in the same unit (both plain numbers, or both :class:`~jixiao.Amount`).
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("yueyang-2019").indicator("balance")
    >>> [amount_within(a, "20", indicator=indicator).points for a in ("0", "20", "20.01")]
    [Decimal('3.00'), Decimal('2.00'), Decimal('0.00')]
    """
    return score_with("amount_within", indicator, amount=amount, limit=limit)


@entry("count_share")
def count_share(counted: int, total: int, *, indicator: Indicator) -> Score:
    """A rate of two counts, ``rate`` = counted ÷ total, e.g. the quantity
    indicators that met their targets ÷ all quantity indicators.

    Args:
        counted: how many of the *total* count (at most *total*).
        total: how many there are (0 is an error).
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("suining-daying-2020").indicator("target_achievement")
    >>> count_share(4, 5, indicator=indicator).points
    Decimal('8.00')
    """
    return score_with("count_share", indicator, counted=counted, total=total)


@entry("item_count")
def item_count(count: int, *, indicator: Indicator) -> Score:
    """A whole number of items, for a rule that deducts per item: violations,
    special funds released late, requirements not met…

    Args:
        count: how many items the indicator's rule counts (its wording says which).
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("yueyang-2019").indicator("payment_progress")
    >>> item_count(3, indicator=indicator).points
    Decimal('1.50')
    """
    return score_with("item_count", indicator, count=count)


@entry("working_days_late")
def working_days_late(days: int, *, indicator: Indicator) -> Score:
    """The working days by which something was late (0 when on time); the
    framework's bands give the points of each number of days.

    Args:
        days: working days past the deadline, a whole number (0 when on time).
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("suining-daying-2020").indicator("basic_data_update")
    >>> [working_days_late(d, indicator=indicator).points for d in (4, 5, 10)]
    [Decimal('1.00'), Decimal('0.50'), Decimal('0.00')]
    """
    return score_with("working_days_late", indicator, days=days)


@entry("checklist")
def checklist(items: Verdicts, *, indicator: Indicator) -> Score:
    """A checklist: one verdict per item of the indicator's list.

    Args:
        items: ``True`` when every item is met, or one verdict per item:
            ``True`` (met), ``False`` (not met) or the points the evaluator gives it.
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("suining-daying-2020").indicator("target_setting")
    >>> checklist([True, "4"], indicator=indicator).points
    Decimal('9.00')
    """
    return score_with("checklist", indicator, items=items)


@entry("judged")
def judged(points: bool | Number, *, indicator: Indicator) -> Score:
    """The evaluator's points, at most the indicator's weight.

    Args:
        points: the evaluator's points (``True`` for the full weight, ``False`` for 0).
        indicator: the indicator to score with.

    >>> from jixiao import framework
    >>> indicator = framework("yueyang-2019").indicator("output_and_outcome_rest")
    >>> judged("40.5", indicator=indicator).points
    Decimal('40.50')
    """
    return score_with("judged", indicator, points=points)
