"""Rule functions: one per level-3 indicator of the Luohu framework, and
generic measure functions shared by other jurisdictions' frameworks
(:mod:`jixiao.rules.extra`).

Every function is pure, takes what a user has in hand (amounts as
``Decimal``/``int``/``str`` or :class:`~jixiao.Amount`, counts as ``int``,
ratios as :class:`~jixiao.Ratio` or text with ``%``, evaluators' verdicts as
``True``/``False``/points) and returns a :class:`~jixiao.Score`. The numbers of
each rule (bands, points, deductions) are data of the framework; by default
the 2023 Luohu framework, or pass ``indicator=`` to use another's.

>>> from jixiao.rules import non_establishment_staff
>>> score = non_establishment_staff(established=11, non_establishment=60)
>>> score.points, score.weight
(Decimal('0.00'), Decimal('1'))

Each function is one line over the rule data: its indicator declares its
inputs (name, label, kind, unit), the measures computed from them and the
components that score them, and the one evaluator
(:func:`jixiao.score.score_rule`) scores it. The functions keep typed,
documented signatures for callers who score one indicator; a test checks
that each function's parameters are its indicator's declared inputs.
:data:`RULES` lists them by the key frameworks name them by.
"""

from jixiao._arguments import export_checked
from jixiao.rules._entry import RULES, call_rule, rule_function, score_with
from jixiao.rules.decision import (
    Verdicts,
    budget_compliance,
    budget_reasonableness,
    indicator_clarity,
    target_completeness,
)
from jixiao.rules.extra import (
    amount_change,
    amount_share,
    amount_within,
    checklist,
    count_share,
    item_count,
    judged,
    working_days_late,
)
from jixiao.rules.management import (
    asset_security,
    budget_disclosure,
    financial_compliance,
    fixed_asset_utilization,
    funded_staff_control,
    management_systems,
    non_establishment_staff,
    procurement_execution,
    project_procedures,
    project_supervision,
)
from jixiao.rules.performance import (
    SCHEDULED_PROGRESS,
    QuarterSpending,
    budget_execution,
    effectiveness,
    key_task_completion,
    petition_handling,
    project_timeliness,
    public_funds_control,
    satisfaction,
)

__all__ = [
    "RULES",
    "SCHEDULED_PROGRESS",
    "QuarterSpending",
    "Verdicts",
    "amount_change",
    "amount_share",
    "amount_within",
    "asset_security",
    "budget_compliance",
    "budget_disclosure",
    "budget_execution",
    "budget_reasonableness",
    "call_rule",
    "checklist",
    "count_share",
    "effectiveness",
    "financial_compliance",
    "fixed_asset_utilization",
    "funded_staff_control",
    "indicator_clarity",
    "item_count",
    "judged",
    "key_task_completion",
    "management_systems",
    "non_establishment_staff",
    "petition_handling",
    "procurement_execution",
    "project_procedures",
    "project_supervision",
    "project_timeliness",
    "public_funds_control",
    "rule_function",
    "satisfaction",
    "score_with",
    "target_completeness",
    "working_days_late",
]

# The registry's functions check what they are given; a rule function's inputs
# (and call_rule's) are checked by name and kind by the evaluator, and its
# indicator by score_rule.
export_checked(globals(), ["rule_function", "score_with"])
