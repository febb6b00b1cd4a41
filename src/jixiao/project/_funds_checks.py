"""The checks of the funds (see :mod:`jixiao.project.audit`).

:func:`check_funds` checks the total funds row's amounts, the execution rate
and its points: the rate is 全年执行数 ÷ 全年预算数, or ÷ 年初预算数 on a form
that prints no 全年预算数 (:attr:`~jixiao.project.model.Funds.rate_budget`).

:func:`check_funds_parts` checks that the total is the sum of its parts.
资金使用情况 prints 年度资金总额 and, under 其中, where the money came from:
当年财政拨款, 上年结转资金 and 其他资金. The three are every source there is,
so in each column (年初预算数, 全年预算数, 全年执行数) the total is their sum.

* When all three parts print a number in a column, the total must be their
  sum.
* When a part is left blank (some forms leave a source without money empty,
  and some exports drop its row), the parts printed can only be less than
  the total, never more.

Each amount is as printed, so each may be rounded at its last printed
decimal: the sum is allowed to differ from the total by half a unit of that
decimal, for the total and for every part added (90 and 89.974 agree;
90.00 and 89.974 do not). A column whose total or a part cannot be read is not
checked here (the execution checks report the total's unreadable amounts), and
neither is one with a negative amount.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

import jixiao.project.paths as paths
from jixiao.project._amounts import amount_problem, printed_amount
from jixiao.project._checks import finding, printed_places, reason_en, reason_zh, why_en, why_zh
from jixiao.project.evaluation import ProjectEvaluation
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import (
    FUNDS_AMOUNTS,
    ProjectTable,
    is_blank,
    printed_number,
    printed_points,
)
from jixiao.quantities import HUNDRED, ZERO, round_points

__all__ = ["check_funds", "check_funds_parts"]

_POINTS_CELLS = ("funds.points", "funds.rate", "funds.weight")
PARTS = ("current_appropriation", "carry_over", "other")
"""The rows under 其中, as :class:`~jixiao.project.model.Funds` names them."""


def _half_unit(text: str) -> Decimal:
    """Half a unit of the last decimal *text* prints: 0.005 for "89.97", 0.5 for "90"."""
    return Decimal(5).scaleb(-(printed_places(text) + 1))


def _slack(total: str, parts: list[str]) -> Decimal:
    """How far the parts' sum may lie from the total by rounding alone: half a
    unit of the last printed decimal of each amount."""
    return sum((_half_unit(text) for text in parts), _half_unit(total))


def check_funds_parts(table: ProjectTable) -> Iterator[Finding]:
    """The findings where 年度资金总额 is not the sum of its parts (see the module)."""
    funds = table.funds
    rows = [(part, getattr(funds, part)) for part in PARTS]
    for column, (zh_name, en_name) in FUNDS_AMOUNTS.items():
        total_text = getattr(funds.total, column)
        total = printed_amount(total_text, funds.unit)
        if total is None or total < ZERO:
            continue
        printed = [(part, text) for part, row in rows if not is_blank(text := getattr(row, column))]
        amounts = [printed_amount(text, funds.unit) for _, text in printed]
        usable = [a for a in amounts if a is not None and a >= ZERO]
        if not printed or len(usable) < len(amounts):  # an unreadable or negative part
            continue
        parts_sum = sum(usable, ZERO)
        complete = len(printed) == len(PARTS)  # else the parts printed may fall short
        off = parts_sum - total if complete else max(parts_sum - total, ZERO)
        if not off or abs(off) <= _slack(total_text, [text for _, text in printed]):
            continue
        cells = (
            paths.funds("total", column),
            *(paths.funds(part, column) for part, _ in printed),
        )
        yield finding(
            Severity.ERROR,
            "funds-parts",
            "资金",
            column,
            total_text,
            parts_sum if complete else None,
            f"年度资金总额的{zh_name}与其中各项（当年财政拨款、上年结转资金、其他资金）之和不符"
            if complete
            else f"其中各项已印出的{zh_name}之和 {parts_sum} 超过年度资金总额",
            f"the total funds row's {en_name} is not the sum of its parts "
            "(current appropriation, carry-over, other funds)"
            if complete
            else f"the parts printed add up to {parts_sum} in the {en_name} column, more than "
            "the total funds row",
            cells,
        )


def _shows(printed: Decimal, exact: Decimal, places: int) -> bool:
    """Whether *printed* is *exact* rounded (half-up) or cut at the printed places or at 0.01."""
    for digits in {places, 2}:
        step = Decimal(1).scaleb(-digits)
        if printed == round_points(exact, step) or printed == exact.quantize(
            step, rounding=ROUND_DOWN
        ):
            return True
    return False


def check_funds(
    table: ProjectTable, evaluation: ProjectEvaluation, *, scored: bool = True
) -> Iterator[Finding]:
    """The findings about the funds: the amounts, the execution rate and its points.

    *scored*: whether the table prints points at all (an unscored table's empty
    rate and points are not findings).
    """
    funds = table.funds
    if funds.blank:  # no 资金使用情况 printed: an extract of the indicators alone
        yield finding(
            Severity.WARNING,
            "funds-absent",
            "资金",
            "total",
            None,
            None,
            "表中未印资金使用情况的金额，预算执行率未复核",
            "the table prints no funds amounts (资金使用情况): the budget execution is not checked",
            (paths.funds("total", "executed"),),
        )
        return
    budget = funds.rate_budget  # the amount the rate divides by
    budget_zh, budget_en = FUNDS_AMOUNTS[budget]
    executed = printed_amount(funds.total.executed, funds.unit)
    base = printed_amount(getattr(funds.total, budget), funds.unit)
    for name, amount in (("executed", executed), (budget, base)):
        text = getattr(funds.total, name)
        if amount is None:
            yield finding(
                Severity.ERROR,
                "unreadable",
                "资金",
                name,
                text,
                None,
                "年度资金总额的金额无法识别" + reason_zh(amount_problem(text, funds.unit)),
                "an amount of the total funds row cannot be read"
                + reason_en(amount_problem(text, funds.unit)),
                (paths.funds("total", name),),
            )
        elif amount < ZERO:
            yield finding(
                Severity.ERROR,
                "execution-amount-negative",
                "资金",
                name,
                text,
                None,
                "年度资金总额的金额为负数，执行率不予计分",
                "an amount of the total funds row is negative: the execution rate is not scored",
                (paths.funds("total", name),),
            )
    score = evaluation.execution
    if score is None:
        if base == 0:
            yield finding(
                Severity.ERROR,
                "execution-budget-zero",
                "资金",
                budget,
                getattr(funds.total, budget),
                None,
                f"{budget_zh}为0，执行率无法计算",
                f"the {budget_en} is 0, so the execution rate is undefined",
                (paths.funds("total", budget),),
            )
        return
    if funds.rate_on_initial_budget:
        yield finding(
            Severity.INFO,
            "rate-on-initial-budget",
            "资金",
            budget,
            getattr(funds.total, budget),
            None,
            "表中未印全年预算数，执行率按年初预算数计算",
            "the table prints no full-year budget: the execution rate is computed "
            "against the initial budget",
            (paths.funds("total", budget),),
        )
    rate_cells = ("funds.rate", paths.funds("total", "executed"), paths.funds("total", budget))
    rate = (executed or ZERO) / (base or ZERO) * HUNDRED
    shown = round_points(rate)
    share: Decimal | None = None  # the printed rate as a share of 1, when it reads as one
    printed_rate = printed_number(funds.rate)
    if printed_rate is None:
        if not (is_blank(funds.rate) and not scored):
            yield finding(
                Severity.ERROR,
                "unreadable",
                "资金",
                "rate",
                funds.rate,
                shown,
                "执行率未填写" if is_blank(funds.rate) else "执行率无法识别" + why_zh(funds.rate),
                "the execution rate is not printed"
                if is_blank(funds.rate)
                else "the execution rate cannot be read" + why_en(funds.rate),
                ("funds.rate",),
            )
    else:
        places = printed_places(funds.rate)
        matches = _shows(printed_rate, rate, places)
        # whether it is the rate printed as a fraction: asked only when it is not the rate
        fraction = not matches and _shows(printed_rate * HUNDRED, rate, max(places - 2, 0))
        percent_sign = funds.rate.strip().endswith(("%", "％"))
        if matches:
            share = printed_rate / HUNDRED
        elif fraction and not percent_sign and not funds.rate_percent:
            share = printed_rate  # the header does not say %: a fraction is a way to print it
        else:
            share = printed_rate / HUNDRED  # points that follow a misprinted rate say so
            yield finding(
                Severity.ERROR,
                "execution-rate",
                "资金",
                "rate",
                funds.rate,
                f"{shown}",
                "执行率与金额不符" + ("（疑将百分比填为小数）" if fraction else ""),
                "the execution rate does not match the amounts"
                + (" (a percentage printed as a fraction)" if fraction else ""),
                rate_cells,
            )
    if not scored:
        return
    shown_points = printed_points(funds.points)
    if shown_points is None:
        yield finding(
            Severity.ERROR,
            "unreadable",
            "资金",
            "points",
            funds.points,
            score.points,
            "执行率得分未填写"
            if is_blank(funds.points)
            else "执行率得分无法识别" + why_zh(funds.points),
            "the execution points are not printed"
            if is_blank(funds.points)
            else "the execution points cannot be read" + why_en(funds.points),
            ("funds.points",),
        )
    elif shown_points != score.points:
        from_printed = (
            round_points(min(share * score.weight, score.weight)) if share is not None else None
        )
        if shown_points == from_printed:
            yield finding(
                Severity.INFO,
                "execution-points-from-printed-rate",
                "资金",
                "points",
                funds.points,
                score.points,
                "执行率得分按印出的执行率计算",
                "the execution points follow the printed (rounded) rate",
                _POINTS_CELLS,
            )
        else:
            yield finding(
                Severity.ERROR,
                "execution-points",
                "资金",
                "points",
                funds.points,
                score.points,
                "执行率得分与执行率不符（得分=分值×执行率）",
                "the execution points do not match the rate (points = weight × rate)",
                _POINTS_CELLS,
            )
