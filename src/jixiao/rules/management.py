"""部门管理 (management): funds, projects, assets, staff and institutions."""

from __future__ import annotations

from jixiao.quantities import AmountLike, Number, Ratio
from jixiao.rules._entry import entry, score_with
from jixiao.rules.decision import Verdicts
from jixiao.score import Score
from jixiao.spec.rules import Indicator

__all__ = [
    "asset_security",
    "budget_disclosure",
    "financial_compliance",
    "fixed_asset_utilization",
    "funded_staff_control",
    "management_systems",
    "non_establishment_staff",
    "procurement_execution",
    "project_procedures",
    "project_supervision",
]


@entry("procurement_execution")
def procurement_execution(
    policy: bool | Number,
    purchased: AmountLike | None = None,
    planned: AmountLike | None = None,
    rate: Ratio | str | None = None,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """政府采购执行情况: execution rate × 1 point (0 if purchases exceed the
    plan), plus 1 point for the policy functions, judged.

    Args:
        policy: the evaluator's verdict on the policy functions (True, False or points).
        purchased: actual government procurement (实际采购金额合计数).
        planned: the procurement plan (采购计划金额合计数).
        rate: the ready execution rate, instead of the two amounts.

    >>> procurement_execution(True, purchased="157.46", planned="158.75").points
    Decimal('1.99')
    """
    return score_with(
        "procurement_execution",
        indicator,
        policy=policy,
        purchased=purchased,
        planned=planned,
        rate=rate,
    )


@entry("financial_compliance")
def financial_compliance(
    spending: bool | Number,
    accounting: bool | Number,
    adjustment: Ratio | str | None = None,
    adjusted: AmountLike | None = None,
    budget_total: AmountLike | None = None,
    violations: bool = False,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """财务合规性: spending (1, judged), adjustments within 10 % of the budget
    (1, minus 0.1 per percentage point above), accounting (1, judged); 0 for
    the whole indicator on any diversion or fictitious spending.

    Args:
        spending: verdict on 资金支出规范性.
        accounting: verdict on 会计核算规范性.
        adjustment: the ready share of adjusted funds in the budget, or give
        adjusted: the cumulative adjusted amount, and
        budget_total: the department's total budget.
        violations: whether 超范围、超标准支出、虚列支出、截留、挤占、挪用 occurred.

    >>> financial_compliance(True, True, adjustment="2.86%").points
    Decimal('3.00')
    >>> financial_compliance(True, True, adjustment="12.5%").points
    Decimal('2.75')
    """
    return score_with(
        "financial_compliance",
        indicator,
        spending=spending,
        accounting=accounting,
        adjustment=adjustment,
        adjusted=adjusted,
        budget_total=budget_total,
        violations=violations,
    )


@entry("budget_disclosure")
def budget_disclosure(
    budget: str | None = None,
    final_accounts: str | None = None,
    classified: bool = False,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """预决算信息公开: budget and final accounts each 1.5 (as required), 1
    (disclosed, not fully as required) or 0 (not disclosed); a classified unit
    that need not disclose scores the full weight.

    Args:
        budget: ``"full"``, ``"partial"`` or ``"none"``.
        final_accounts: ``"full"``, ``"partial"`` or ``"none"``.
        classified: the unit is classified and exempt from disclosure.

    >>> budget_disclosure("full", "partial").points
    Decimal('2.50')
    >>> budget_disclosure(classified=True).points
    Decimal('3.00')
    """
    return score_with(
        "budget_disclosure",
        indicator,
        budget=budget,
        final_accounts=final_accounts,
        classified=classified,
    )


@entry("project_procedures")
def project_procedures(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """项目实施程序: two items of 1 point (approvals; tendering and acceptance).

    >>> project_procedures([True, False]).points
    Decimal('1.00')
    """
    return score_with("project_procedures", indicator, items=items)


@entry("project_supervision")
def project_supervision(
    items: Verdicts, no_evidence: bool | None = None, *, indicator: Indicator | None = None
) -> Score:
    """项目监管: two items of 1 point (monitoring in place; inspection of the
    funds the department oversees).

    Args:
        items: ``True`` when both are met, or one verdict per item.
        no_evidence: no evidence of inspection can be shown, or a special fund
            the department oversees was rated poor: item 2 scores 0 (by default;
            the interpretation ``project_supervision.no_evidence`` reads it as
            the whole indicator).

    >>> project_supervision([True, True], no_evidence=True).points
    Decimal('1.00')
    """
    return score_with("project_supervision", indicator, items=items, no_evidence=no_evidence)


@entry("asset_security")
def asset_security(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """资产管理安全性: two items of 1 point (allocation and custody; disposals)."""
    return score_with("asset_security", indicator, items=items)


@entry("fixed_asset_utilization")
def fixed_asset_utilization(
    in_use: AmountLike | None = None,
    total: AmountLike | None = None,
    rate: Ratio | str | None = None,
    *,
    indicator: Indicator | None = None,
) -> Score:
    """固定资产利用率 = in use ÷ all fixed assets: ≥ 90 % → 1, [75 %, 90 %) →
    0.7, [60 %, 75 %) → 0.4, below 60 % → 0.

    Args:
        in_use: 实际在用固定资产总额 (original value of the fixed assets in use).
        total: 所有固定资产总额 (original value of all fixed assets).
        rate: the ready utilization rate, instead of the two amounts.

    >>> fixed_asset_utilization(in_use="505.8", total="505.8").points
    Decimal('1.00')
    >>> fixed_asset_utilization(rate="75%").points
    Decimal('0.70')
    """
    return score_with("fixed_asset_utilization", indicator, in_use=in_use, total=total, rate=rate)


@entry("funded_staff_control")
def funded_staff_control(
    established: int, authorized: int, *, indicator: Indicator | None = None
) -> Score:
    """财政供养人员控制率 = established staff ÷ authorized establishment:
    ≤ 100 % → 1, above → 0.

    Args:
        established: 在编人数 (含工勤人员) at the end of the year.
        authorized: 核定编制数 (含工勤人员); 0 is an error.

    >>> funded_staff_control(11, 12).points
    Decimal('1.00')
    """
    return score_with(
        "funded_staff_control", indicator, established=established, authorized=authorized
    )


@entry("non_establishment_staff")
def non_establishment_staff(
    established: int, non_establishment: int, *, indicator: Indicator | None = None
) -> Score:
    """编外人员控制率 = non-establishment ÷ (established + non-establishment):
    below 5 % → 1, 5 % to 10 % (both included) → 0.5, above 10 % → 0.

    Args:
        established: 在编人数.
        non_establishment: 编外人员 (劳务派遣人员, 含直接聘用的编外人员).

    >>> non_establishment_staff(11, 60).points
    Decimal('0.00')
    >>> non_establishment_staff(19, 1).points   # exactly 5 %
    Decimal('0.50')
    """
    return score_with(
        "non_establishment_staff",
        indicator,
        established=established,
        non_establishment=non_establishment,
    )


@entry("management_systems")
def management_systems(items: Verdicts, *, indicator: Indicator | None = None) -> Score:
    """管理制度健全性: rules exist (0.5), are applied (1.5), performance
    management system in place (1)."""
    return score_with("management_systems", indicator, items=items)
