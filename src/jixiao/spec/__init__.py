"""The rule specification: every rule, input, measure, grade and period as data.

This package is the data model that frameworks (:mod:`jixiao.department`)
and project templates (:mod:`jixiao.project`) are written in, and that the one
evaluator (:func:`jixiao.score.score_rule`) interprets:

- an :class:`Input` of a rule: its name, Chinese and English labels, kind
  (amount, count, ratio, number, date, flag, choice, checklist verdicts, the
  evaluator's points, records), unit, whether it is required, constraints;
- a measure (:mod:`jixiao.spec.measures`), from a small closed set: an input
  as read, a ratio of inputs (or a share of their sum), a change, a position
  against a limit, quarterly progress against a schedule, one entry of a list,
  a mean;
- the components that score measures (:mod:`jixiao.primitives`: bands, tiers,
  proportional, deduction, excess, checklist, judged) with their caps;
- an :class:`Indicator`: inputs, measures, components, veto and exemption
  (:class:`Condition`), where its points are rounded, its wording and
  citation, its :class:`Interpretation` s (named switches with alternatives,
  a default and a reason), notes and worked examples;
- what a rule set states besides its rules: :class:`Citation`,
  :class:`Period` and family, :class:`Grades`, :class:`Schedule`,
  :class:`Reform`.

Rules are read from their file form (TOML) by the private ``jixiao.spec._file``;
rules that several frameworks share are declared once in a rule library
(:mod:`jixiao.spec.library`).
"""

from jixiao.spec.inputs import CONSTRAINT_KINDS, Constraint, Input, InputKind
from jixiao.spec.measures import MEASURE_KINDS, Measure
from jixiao.spec.rules import ROUNDINGS, Condition, Example, Group, Indicator, RulePlan
from jixiao.spec.rulesets import (
    DEFAULT_GRADES,
    Alternative,
    Citation,
    Grade,
    GradeBand,
    Grades,
    Interpretation,
    Outcome,
    Period,
    Reform,
    Schedule,
)

__all__ = [
    "CONSTRAINT_KINDS",
    "DEFAULT_GRADES",
    "MEASURE_KINDS",
    "ROUNDINGS",
    "Alternative",
    "Citation",
    "Condition",
    "Constraint",
    "Example",
    "Grade",
    "GradeBand",
    "Grades",
    "Group",
    "Indicator",
    "Input",
    "InputKind",
    "Interpretation",
    "Measure",
    "Outcome",
    "Period",
    "Reform",
    "RulePlan",
    "Schedule",
]
