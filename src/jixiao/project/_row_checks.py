"""The checks an audit runs on each row (see :mod:`jixiao.project.audit`).

One function per thing checked: whether the row could be scored and read,
whether its points fit its weight, whether its values could be read, whether a
not-applicable row carries weight, whether the printed points follow the rule
(or, for a range target no rule scores, whether they agree with the actual
lying within it), and whether a deviation is explained. Each returns its findings (most often
none), whose ``cells`` name the row's fields concerned (the audit turns them
into locations).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.project._checks import finding, has_note
from jixiao.project._row_cells import Cells, more_is_better
from jixiao.project.evaluation import Method, RowResult
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import Level2Kind, is_blank, is_unreadable, number_problem
from jixiao.project.template import Template
from jixiao.quantities import ZERO
from jixiao.targets import Direction, NotApplicable, Quantity, Unparsed

__all__ = ["check_row"]

_RECOMPUTED = (Method.HIGHER, Method.LOWER, Method.COMPOUND)
"""The methods whose points the rules recompute (compared with the printed ones)."""
_LOWER, _EVALUATOR = Method.LOWER, Method.EVALUATOR  # looked up once: every row asks
_RANGE, _EQUAL = Direction.RANGE, Direction.EQUAL


def _scored(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    row = result.row
    score = result.rule_score
    # a scored table that leaves the 得分 of a row the rules score empty
    if (
        score is not None
        and cells.points is None
        and result.method in _RECOMPUTED
        and is_blank(row.points)
    ):
        return [
            finding(
                Severity.ERROR,
                "unreadable",
                result.label,
                "points",
                row.points,
                score.points,
                "得分未填写",
                "the points are not printed",
                ("points",),
            )
        ]
    if (
        score is None
        and result.reason
        and not (is_unreadable(row.weight) or is_unreadable(row.points))
    ):
        return [
            finding(
                Severity.ERROR,
                "unscored",
                result.label,
                "points",
                row.points,
                None,
                f"该行无法计分：{result.reason_zh or result.reason}",
                f"the row cannot be scored: {result.reason}",
                ("points",),
            )
        ]
    return []


def _readable(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    if cells.weight is not None and cells.points is not None:
        return []  # both read (most rows)
    found = []
    for field, number in (("weight", cells.weight), ("points", cells.points)):
        if number is not None:
            continue
        text = getattr(result.row, field)
        if is_unreadable(text):  # "#####" is never a number
            found.append(
                finding(
                    Severity.ERROR,
                    "unreadable",
                    result.label,
                    field,
                    text,
                    None,
                    "单元格显示为“#####”，数值无法识别",
                    "the cell shows ##### and cannot be read",
                    (field,),
                )
            )
        elif (problem := number_problem(text)) is not None:
            found.append(
                finding(  # "157,46": a number, but which? never a guess
                    Severity.ERROR,
                    "unreadable",
                    result.label,
                    field,
                    text,
                    None,
                    f"数值无法确定地识别：{problem.zh}",
                    f"the number cannot be read with certainty: {problem.en}",
                    (field,),
                )
            )
    return found


def _within_weight(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    if cells.weight is not None and cells.points is not None and cells.points > cells.weight:
        return [
            finding(
                Severity.ERROR,
                "points-above-weight",
                result.label,
                "points",
                result.row.points,
                result.row.weight,
                "得分超过分值",
                "points above the weight",
                ("points", "weight"),
            )
        ]
    return []


def _values(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    found = []
    for field, value in (("target", cells.target), ("actual", cells.actual)):
        if not isinstance(value, Unparsed):
            continue
        if value.reason:  # "157,46": a number, but which?
            found.append(
                finding(
                    Severity.WARNING,
                    "unparsed",
                    result.label,
                    field,
                    getattr(result.row, field),
                    None,
                    f"数值无法确定地识别（{value.reason_zh}），按评价人得分处理",
                    f"a number cannot be read with certainty ({value.reason}); "
                    "the evaluator's points stand",
                    (field,),
                )
            )
        else:
            found.append(
                finding(
                    Severity.INFO,
                    "unparsed",
                    result.label,
                    field,
                    getattr(result.row, field),
                    None,
                    "无法识别该值，按评价人得分处理",
                    "the value could not be read; the evaluator's points stand",
                    (field,),
                )
            )
    if cells.weight and isinstance(cells.target, NotApplicable):
        found.append(
            finding(
                Severity.WARNING,
                "not-applicable-weighted",
                result.label,
                "weight",
                result.row.weight,
                "0",
                "指标不适用却设有分值" if cells.target.text else "未填写年度指标值却设有分值",
                "a not-applicable indicator carries weight"
                if cells.target.text
                else "the target is not printed, yet the row carries weight",
                ("weight", "target"),
            )
        )
    return found


def _better(result: RowResult) -> Decimal | None:
    """How far the actual is from the target, in the better direction (1 = on target)."""
    completion = result.completion
    if completion is None or completion <= ZERO:
        return None
    return 1 / completion if result.method is _LOWER else completion


def _rule(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    score, points = result.rule_score, cells.points
    if score is None or points is None or result.method not in _RECOMPUTED:
        return []
    if points == score.points:
        return []
    better = _better(result)
    concerns = ("points", "target", "actual")
    row = result.row
    if score.points < score.weight:
        found = finding(
            Severity.WARNING,
            "shortfall-scoring",
            result.label,
            "points",
            row.points,
            score.points,
            "未达到指标值，得分与按比例计分不符",
            "a shortfall scored differently from the proportional rule",
            concerns,
        )
    elif template.over is not None and better is not None and better > template.over.value:
        found = finding(
            Severity.INFO,
            "over-achievement-reduced",
            result.label,
            "points",
            row.points,
            score.points,
            "实际完成值远超指标值，按偏离度调减分值",
            "far above target; points reduced for the deviation",
            concerns,
        )
    else:
        found = finding(
            Severity.WARNING,
            "met-but-deducted",
            result.label,
            "points",
            row.points,
            score.points,
            "已达到指标值却被扣分",
            "the target was met but points were deducted",
            concerns,
        )
    return [found]


def _deviation(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    if result.rule_score is None or cells.points is None or result.method not in _RECOMPUTED:
        return []
    better = _better(result)
    if better is None:
        return []
    lower = result.method is _LOWER
    if template.over is not None and better > template.over.value:
        zh = "实际完成值远低于指标值（反向指标）" if lower else "实际完成值远超指标值"
        en = "far below a lower-is-better target" if lower else "far above the target"
    elif template.under is not None and better < template.under.value:
        zh = "实际完成值远高于指标值（反向指标）" if lower else "实际完成值远低于指标值"
        en = "far above a lower-is-better target" if lower else "far below the target"
    else:
        return []
    if has_note(result.row.note):  # read only for a large deviation: most rows have none
        return []
    return [
        finding(
            Severity.WARNING,
            "large-deviation-without-note",
            result.label,
            "note",
            result.row.note,
            None,
            f"{zh}，未说明偏差原因",
            f"{en} with no deviation note",
            ("note", "target", "actual"),
        )
    ]


def _range(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    """A range target ("80%-90%", "5~10人") is met when the actual lies within
    it, both bounds included, and short of it beyond its worse bound: the
    lower one where more is better, the upper one where less is (a cost, or a
    duration in a timeliness row: the template reads a range's direction as it
    reads a bare target's, :func:`~jixiao.project._row_cells.more_is_better`).
    No rule scores a range (the evaluator's points stand), but fewer than full
    points for an actual within it, or full points for one short of it,
    contradict the table. Beyond its better bound the target is met and
    exceeded: points reduced there may be the official reduction for a
    target set too low, which is the evaluator's judgement.

    Only a single quantity is checked: the actual printed as one value, in a
    unit comparable with the range's (:meth:`~jixiao.targets.Quantity.compatible_with`).
    """
    target, actual, weight, points = cells
    if result.method is not _EVALUATOR or weight is None or points is None or weight <= ZERO:
        return []
    if not (isinstance(target, Quantity) and target.direction is _RANGE):
        return []  # most rows: no range
    if not (
        isinstance(actual, Quantity)
        and actual.direction is _EQUAL
        and actual.compatible_with(target)
    ):
        return []
    low, high, value = target.value, target.upper_value, actual.value
    assert high is not None  # a range has its upper bound (Quantity's validator)
    higher = more_is_better(target, Level2Kind.of(result.level2), template)
    row = result.row
    concerns = ("points", "target", "actual")
    if low <= value <= high and points < weight:
        return [
            finding(
                Severity.WARNING,
                "met-but-deducted",
                result.label,
                "points",
                row.points,
                row.weight,
                "实际完成值在指标值区间内却被扣分",
                "the actual lies within the target range, yet points were deducted",
                concerns,
            )
        ]
    if (value < low if higher else value > high) and points == weight:
        return [
            finding(
                Severity.WARNING,
                "range-shortfall-full-points",
                result.label,
                "points",
                row.points,
                None,
                "实际完成值未达到指标值区间却得满分",
                "the actual falls short of the target range, yet full points were given",
                concerns,
            )
        ]
    return []


def _deduction(result: RowResult, template: Template, cells: Cells) -> list[Finding]:
    weight, points = cells.weight, cells.points
    deducted = weight is not None and points is not None and points < weight
    if deducted and not has_note(result.row.note):
        return [
            finding(
                Severity.WARNING,
                "deduction-without-note",
                result.label,
                "note",
                result.row.note,
                None,
                "扣分但未填写偏差原因分析",
                "points deducted with no deviation note",
                ("note", "points", "weight"),
            )
        ]
    return []


_CHECKS: tuple[Callable[[RowResult, Template, Cells], list[Finding]], ...] = (
    _scored,
    _readable,
    _within_weight,
    _values,
    _rule,
    _deviation,
    _range,
    _deduction,
)
"""The row checks, in the order their findings are listed."""


def check_row(
    result: RowResult, template: Template, cells: Cells, *, scored: bool = True
) -> list[Finding]:
    """The findings of one scored row, its cells as
    :func:`~jixiao.project._row_cells.read_row` read them. ``cells`` of each
    finding names the row's fields (``"points"``…); the audit locates them.

    In a table that prints no points at all (*scored* false), a row the rules
    cannot score waits for the evaluator's points: that is no finding.
    """
    found: list[Finding] = []
    for check in _CHECKS if scored else _CHECKS[1:]:
        found += check(result, template, cells)
    return found
