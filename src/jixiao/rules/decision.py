"""部门决策 (decision): budgeting and target setting.

Each function scores one level-3 indicator of the department framework and
returns a :class:`~jixiao.Score`. By default the indicator is the one of the
2023 Luohu framework; pass ``indicator=`` to score with another framework's
version of it (its weight and rule data).
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.quantities import Number
from jixiao.rules._entry import entry, score_with
from jixiao.score import Score
from jixiao.spec.rules import Indicator

__all__ = [
    "budget_compliance",
    "budget_reasonableness",
    "indicator_clarity",
    "target_completeness",
]

Verdicts = bool | Sequence[bool | Number]
"""A checklist's verdicts: ``True`` (every item met), or one entry per item:
``True`` (met), ``False`` (not met) or the points the evaluator gives it."""


@entry("budget_reasonableness")
def budget_reasonableness(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """预算编制合理性: five items of 1 point each.

    Args:
        items: ``True`` when all five are met, or one verdict per item.
        indicator: the indicator to score with (default: Luohu 2023).

    >>> budget_reasonableness([True, True, False, True, True]).points
    Decimal('4.00')
    """
    return score_with("budget_reasonableness", indicator, items=items)


@entry("budget_compliance")
def budget_compliance(violations: int, *, indicator: Indicator | None = None) -> Score:
    """预算编制规范性: 5 points, 1 off per requirement not met, down to 0.

    Args:
        violations: how many requirements of the year's budgeting rules were not met.

    >>> budget_compliance(2).points
    Decimal('3.00')
    """
    return score_with("budget_compliance", indicator, violations=violations)


@entry("target_completeness")
def target_completeness(shortfalls: int, *, indicator: Indicator | None = None) -> Score:
    """绩效目标完整性: 3 points, 1 off per target not filed or not as required.

    Args:
        shortfalls: how many performance targets were missing or not as required.

    >>> target_completeness(0).points
    Decimal('3.00')
    """
    return score_with("target_completeness", indicator, shortfalls=shortfalls)


@entry("indicator_clarity")
def indicator_clarity(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """绩效指标明确性: five items worth 2, 2, 1, 1 and 1 points.

    >>> indicator_clarity(True).points
    Decimal('7.00')
    """
    return score_with("indicator_clarity", indicator, items=items)
