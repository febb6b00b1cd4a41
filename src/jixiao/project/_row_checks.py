"""The checks an audit runs on each row (see :mod:`jixiao.project.audit`)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.project._checks import finding, has_note
from jixiao.project.evaluation import Cells, Method, RowResult
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import is_unreadable
from jixiao.project.template import Template
from jixiao.quantities import ZERO
from jixiao.targets import NotApplicable, Unparsed

__all__ = ["check_row"]

_RECOMPUTED = (Method.HIGHER, Method.LOWER, Method.COMPOUND)
"""The methods whose points the rules recompute (compared with the printed ones)."""


def check_row(result: RowResult, template: Template, cells: Cells) -> Iterator[Finding]:
    """The findings of one scored row, its cells as
    :func:`~jixiao.project.evaluation.read_row` read them."""
    row = result.row
    target, actual, weight, points = cells
    if (
        result.rule_score is None
        and result.reason
        and not (is_unreadable(row.weight) or is_unreadable(row.points))
    ):
        yield finding(
            Severity.ERROR,
            "unscored",
            result.label,
            "points",
            row.points,
            None,
            f"该行无法计分：{result.reason}",
            f"the row cannot be scored: {result.reason}",
        )
    for field, number in (("weight", weight), ("points", points)):
        text = getattr(row, field)
        if number is None and is_unreadable(text):  # "#####" is never a number
            yield finding(
                Severity.ERROR,
                "unreadable",
                result.label,
                field,
                text,
                None,
                "单元格显示为“#####”，数值无法识别",
                "the cell shows ##### and cannot be read",
            )
    if weight is not None and points is not None and points > weight:
        yield finding(
            Severity.ERROR,
            "points-above-weight",
            result.label,
            "points",
            row.points,
            row.weight,
            "得分超过分值",
            "points above the weight",
        )
    for field, value in (("target", target), ("actual", actual)):
        if isinstance(value, Unparsed):
            yield finding(
                Severity.INFO,
                "unparsed",
                result.label,
                field,
                getattr(row, field),
                None,
                "无法识别该值，按评价人得分处理",
                "the value could not be read; the evaluator's points stand",
            )
    if weight and isinstance(target, NotApplicable):
        yield finding(
            Severity.WARNING,
            "not-applicable-weighted",
            result.label,
            "weight",
            row.weight,
            "0",
            "指标不适用却设有分值",
            "a not-applicable indicator carries weight",
        )
    score = result.rule_score
    if score is not None and points is not None and result.method in _RECOMPUTED:
        completion = result.completion
        if points != score.points:
            if score.points < score.weight:
                yield finding(
                    Severity.WARNING,
                    "shortfall-scoring",
                    result.label,
                    "points",
                    row.points,
                    score.points,
                    "未达到指标值，得分与按比例计分不符",
                    "a shortfall scored differently from the proportional rule",
                )
            elif (
                template.over is not None
                and completion is not None
                and completion > 0
                and (
                    (1 / completion if result.method is Method.LOWER else completion)
                    > template.over.value
                )
            ):
                yield finding(
                    Severity.INFO,
                    "over-achievement-reduced",
                    result.label,
                    "points",
                    row.points,
                    score.points,
                    "实际完成值远超指标值，按偏离度调减分值",
                    "far above target; points reduced for the deviation",
                )
            else:
                yield finding(
                    Severity.WARNING,
                    "met-but-deducted",
                    result.label,
                    "points",
                    row.points,
                    score.points,
                    "已达到指标值却被扣分",
                    "the target was met but points were deducted",
                )
        if completion is not None and completion > ZERO:
            lower = result.method is Method.LOWER
            better = 1 / completion if lower else completion
            if (
                template.over is not None
                and better > template.over.value
                and not has_note(row.note)
            ):
                yield finding(
                    Severity.WARNING,
                    "large-deviation-without-note",
                    result.label,
                    "note",
                    row.note,
                    None,
                    (
                        "实际完成值远低于指标值（反向指标），未说明偏差原因"
                        if lower
                        else "实际完成值远超指标值，未说明偏差原因"
                    ),
                    (
                        "far below a lower-is-better target with no deviation note"
                        if lower
                        else "far above the target with no deviation note"
                    ),
                )
            elif (
                template.under is not None
                and better < template.under.value
                and not has_note(row.note)
            ):
                yield finding(
                    Severity.WARNING,
                    "large-deviation-without-note",
                    result.label,
                    "note",
                    row.note,
                    None,
                    (
                        "实际完成值远高于指标值（反向指标），未说明偏差原因"
                        if lower
                        else "实际完成值远低于指标值，未说明偏差原因"
                    ),
                    (
                        "far above a lower-is-better target with no deviation note"
                        if lower
                        else "far below the target with no deviation note"
                    ),
                )
    if weight is not None and points is not None and points < weight and not has_note(row.note):
        yield finding(
            Severity.WARNING,
            "deduction-without-note",
            result.label,
            "note",
            row.note,
            None,
            "扣分但未填写偏差原因分析",
            "points deducted with no deviation note",
        )
