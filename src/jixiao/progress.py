"""Spending progress (支出进度) and scheduled progress (序时进度) at any date.

The department framework scores quarter ends, where scheduled progress is 25 %,
50 %, 75 % and 100 %. To follow execution between quarter ends,
:func:`scheduled_progress` gives the scheduled progress on any day of the
year, and :func:`execution_rate` the ratio the rule would compare.

Interpretation (not the official text): between two quarter ends the
scheduled progress grows by calendar days within the quarter, so that it is
exactly 25 % on 31 March, 50 % on 30 June, 75 % on 30 September and 100 % on 31
December, leap years included (the first quarter of a leap year has 91 days).
``method="year"`` gives the plain share of the year's days instead (90 ÷ 365
on 31 March), which does not meet the rule's quarter values.

>>> import datetime
>>> scheduled_progress(datetime.date(2023, 9, 30))
Ratio.percent('75')
>>> str(scheduled_progress(datetime.date(2024, 2, 15)))   # 46 of Q1's 91 days
'12.64%'
>>> str(scheduled_progress(datetime.date(2023, 3, 31), method="year"))
'24.66%'
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from jixiao.errors import InputError
from jixiao.quantities import CONTEXT, AmountLike, Ratio, amount_ratio

__all__ = ["execution_rate", "quarter_end", "quarter_of", "scheduled_progress", "spending_progress"]

_QUARTER = Decimal("0.25")


def _check(day: object, year: int | None) -> datetime.date:
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise InputError(
            "expected a datetime.date (a day, not a moment)",
            zh="应为 datetime.date（一天，而不是一个时刻）",
            field="date",
            value=day,
        )
    if year is not None and day.year != year:
        raise InputError(
            f"the date is not in the year evaluated ({year})",
            zh=f"日期不在所评价的年度（{year}）内",
            field="date",
            value=day,
        )
    return day


def quarter_of(day: datetime.date) -> int:
    """The quarter (1–4) a day falls in."""
    return (_check(day, None).month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> datetime.date:
    """The last day of a quarter: 31 March, 30 June, 30 September, 31 December."""
    if quarter not in (1, 2, 3, 4):
        raise InputError(
            "a quarter is 1, 2, 3 or 4", zh="季度为 1、2、3 或 4", field="quarter", value=quarter
        )
    start = datetime.date(year, 3 * quarter - 2, 1)
    return start + relativedelta(months=3, days=-1)


def scheduled_progress(
    day: datetime.date, *, year: int | None = None, method: str = "quarter"
) -> Ratio:
    """序时进度 on *day* (the day counted as elapsed).

    Args:
        day: the reporting date.
        year: the year evaluated; a date in another year is an error.
        method: ``"quarter"`` (default; exact at every quarter end, days within
            the quarter in between) or ``"year"`` (days elapsed ÷ days in the year).

    Raises:
        InputError: not a date, a date outside *year*, or an unknown method.
    """
    day = _check(day, year)
    if method == "year":
        first = datetime.date(day.year, 1, 1)
        days = (datetime.date(day.year + 1, 1, 1) - first).days
        return Ratio(CONTEXT.divide(Decimal((day - first).days + 1), Decimal(days)))
    if method != "quarter":
        raise InputError(
            "unknown method; expected quarter or year",
            zh="未知的方法；应为 quarter 或 year",
            field="method",
            value=method,
        )
    quarter = quarter_of(day)
    start = datetime.date(day.year, 3 * quarter - 2, 1)
    length = (quarter_end(day.year, quarter) - start).days + 1
    elapsed = (day - start).days + 1
    share = CONTEXT.divide(Decimal(elapsed), Decimal(length))
    return Ratio(CONTEXT.add(_QUARTER * (quarter - 1), CONTEXT.multiply(_QUARTER, share)))


def spending_progress(spent: AmountLike, budget: AmountLike) -> Ratio:
    """支出进度: cumulative spending ÷ the budget at the same date."""
    return amount_ratio(spent, budget, "spending_progress", names=("spent", "budget"))


def execution_rate(
    spent: AmountLike, budget: AmountLike, day: datetime.date, *, year: int | None = None
) -> Ratio:
    """The execution rate on *day*: spending progress ÷ scheduled progress.

    At a quarter end this is the quarterly rate of
    :func:`jixiao.rules.budget_execution`.

    >>> str(execution_rate("1822.83", "2820.25", datetime.date(2023, 9, 30)))
    '86.18%'
    >>> str(execution_rate("1822.83", "2820.25", datetime.date(2023, 8, 31)))
    '96.69%'
    """
    progress = spending_progress(spent, budget)
    return Ratio(CONTEXT.divide(progress.value, scheduled_progress(day, year=year).value))
