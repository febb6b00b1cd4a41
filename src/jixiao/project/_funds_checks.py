"""The check that the total funds row is the sum of its parts (see :mod:`jixiao.project.audit`).

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
from decimal import Decimal

import jixiao.project.paths as paths
from jixiao.project._checks import finding, printed_places
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, is_blank, printed_number
from jixiao.quantities import ZERO

__all__ = ["check_funds_parts"]

PARTS = ("current_appropriation", "carry_over", "other")
"""The rows under 其中, as :class:`~jixiao.project.model.Funds` names them."""

_COLUMNS = {
    "initial_budget": ("年初预算数", "initial budget"),
    "full_year_budget": ("全年预算数", "full-year budget"),
    "executed": ("全年执行数", "executed amount"),
}


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
    for column, (zh_name, en_name) in _COLUMNS.items():
        total_text = getattr(funds.total, column)
        total = printed_number(total_text)
        if total is None or total < ZERO:
            continue
        printed = [(part, text) for part, row in rows if not is_blank(text := getattr(row, column))]
        amounts = [printed_number(text) for _, text in printed]
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
