"""部门决策 (decision): budgeting and target setting, clause by clause."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from jixiao.errors import InputError, RuleError
from jixiao.rules import (
    budget_compliance,
    budget_reasonableness,
    indicator_clarity,
    target_completeness,
)

from .strategies import checklist_items, counts, luohu, verdict_lists

D = Decimal


# 预算编制合理性: five items of 1 point each.
@pytest.mark.parametrize(
    ("items", "points"),
    [
        (True, "5.00"),
        (False, "0.00"),
        ([True, True, True, True, True], "5.00"),
        ([True, True, False, True, True], "4.00"),
        ([True, True, False, True, "0.5"], "3.50"),
        ([False, False, False, False, "1"], "1.00"),
    ],
)
def test_budget_reasonableness(items: Any, points: str) -> None:
    assert budget_reasonableness(items).points == D(points)


def test_budget_reasonableness_item_above_one_point() -> None:
    with pytest.raises(RuleError) as caught:
        budget_reasonableness([True, True, True, True, "1.5"])
    message = str(caught.value)
    assert "items[5]" in message
    assert "预算编制合理性" in message
    assert "'1.5'" in message


def test_budget_reasonableness_wrong_number_of_verdicts() -> None:
    with pytest.raises(InputError, match="expected 5 verdicts") as caught:
        budget_reasonableness([True, True])
    assert "inputs.budget_reasonableness.items" in str(caught.value)


# 预算编制规范性: 5 points, 1 off per requirement not met, 扣完为止.
@pytest.mark.parametrize(
    ("violations", "points"), [(0, "5.00"), (1, "4.00"), (2, "3.00"), (5, "0.00"), (7, "0.00")]
)
def test_budget_compliance(violations: int, points: str) -> None:
    assert budget_compliance(violations).points == D(points)


# 绩效目标完整性: 3 points, 1 off per target, 扣完为止.
@pytest.mark.parametrize(
    ("shortfalls", "points"), [(0, "3.00"), (1, "2.00"), (3, "0.00"), (4, "0.00")]
)
def test_target_completeness(shortfalls: int, points: str) -> None:
    assert target_completeness(shortfalls).points == D(points)


@given(counts(30))
def test_deductions_fall_with_the_count(count: int) -> None:
    for rule, full in ((budget_compliance, 5), (target_completeness, 3)):
        now, more = rule(count).points, rule(count + 1).points
        assert more <= now
        assert more == max(now - 1, D(0))
        assert now == max(D(full) - count, D(0))


@pytest.mark.parametrize("count", [-1, "-2", "1.5", True, None, "one"])
def test_deduction_counts_must_be_whole_and_non_negative(count: Any) -> None:
    with pytest.raises(InputError) as caught:
        budget_compliance(count)
    assert "violations" in str(caught.value)
    assert "预算编制规范性" in str(caught.value)


def test_counts_as_text_are_accepted() -> None:
    count: Any = "2"
    assert budget_compliance(count).points == D("3.00")


# 绩效指标明确性: items worth 2, 2, 1, 1, 1.
@pytest.mark.parametrize(
    ("items", "points"),
    [
        (True, "7.00"),
        ([True, False, True, True, True], "5.00"),
        ([False, True, True, True, True], "5.00"),
        ([True, True, False, True, True], "6.00"),
        (["1.5", "2", True, "0", False], "4.50"),
    ],
)
def test_indicator_clarity(items: Any, points: str) -> None:
    assert indicator_clarity(items).points == D(points)


def test_indicator_clarity_item_points_are_per_item() -> None:
    indicator_clarity(["2", "2", "1", "1", "1"])
    with pytest.raises(RuleError, match=r"items\[3\]"):
        indicator_clarity(["2", "2", "2", "1", "1"])


@given(verdict_lists(checklist_items(luohu().indicator("indicator_clarity"))))
def test_meeting_one_more_item_never_lowers_clarity(items: Any) -> None:
    score = indicator_clarity(items)
    verdicts = [items] * 5 if isinstance(items, bool) else list(items)
    for index in range(5):
        better = [*verdicts[:index], True, *verdicts[index + 1 :]]
        assert indicator_clarity(better).points >= score.points
