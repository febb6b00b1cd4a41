"""The checks an audit runs, each a generator of findings (see :mod:`jixiao.project.audit`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

from jixiao.project.evaluation import Cells, Method, ProjectEvaluation, RowResult
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, is_blank, is_unreadable, printed_number
from jixiao.project.template import Template, available_templates
from jixiao.quantities import HUNDRED, ZERO, round_points
from jixiao.targets import NotApplicable, Unparsed

__all__ = ["check_funds", "check_row", "check_total", "check_weights"]

_NO_NOTE = {"", "无", "无偏差", "/", "—", "-", "不适用", "无偏差,正常范围内", "无偏差，正常范围内"}
_PLACEHOLDERS = ("根据实际情况填写",)
"""Template prompts left in a note cell: they explain nothing."""
_RECOMPUTED = (Method.HIGHER, Method.LOWER, Method.COMPOUND)
"""The methods that recompute a row's points from its target and actual."""


def has_note(note: str) -> bool:
    """Whether a deviation note explains something: not empty, not 无偏差,
    not a template prompt such as 根据实际情况填写."""
    text = note.strip()
    return text not in _NO_NOTE and not any(p in text for p in _PLACEHOLDERS)


def _places(text: str) -> int:
    cleaned = text.strip().rstrip("%％")
    return len(cleaned.split(".")[1]) if "." in cleaned else 0


def _shows(printed: Decimal, exact: Decimal, places: int) -> bool:
    """Whether *printed* is *exact* rounded (half-up) or cut at the printed places or at 0.01."""
    for digits in {places, 2}:
        step = Decimal(1).scaleb(-digits)
        if printed in (round_points(exact, step), exact.quantize(step, rounding=ROUND_DOWN)):
            return True
    return False


def _f(
    severity: Severity,
    code: str,
    row: str,
    field: str,
    printed: object,
    expected: object,
    zh: str,
    en: str,
) -> Finding:
    return Finding(
        severity,
        code,
        row,
        field,
        None if printed is None else str(printed),
        None if expected is None else str(expected),
        zh,
        en,
    )


def check_funds(table: ProjectTable, evaluation: ProjectEvaluation) -> Iterator[Finding]:
    funds = table.funds
    for name in ("executed", "full_year_budget"):
        text = getattr(funds.total, name)
        if printed_number(text) is None:
            yield _f(
                Severity.ERROR,
                "unreadable",
                "资金",
                name,
                text,
                None,
                "年度资金总额的金额无法识别",
                "an amount of the total funds row cannot be read",
            )
    score = evaluation.execution
    if score is None:
        if printed_number(funds.total.full_year_budget) == 0:
            yield _f(
                Severity.ERROR,
                "execution-budget-zero",
                "资金",
                "full_year_budget",
                funds.total.full_year_budget,
                None,
                "全年预算数为0，执行率无法计算",
                "the full-year budget is 0, so the execution rate is undefined",
            )
        return
    budget = printed_number(funds.total.full_year_budget) or ZERO
    rate = (printed_number(funds.total.executed) or ZERO) / budget * HUNDRED
    shown = round_points(rate)
    printed_rate = printed_number(funds.rate)
    if printed_rate is None:
        yield _f(
            Severity.ERROR,
            "unreadable",
            "资金",
            "rate",
            funds.rate,
            shown,
            "执行率无法识别",
            "the execution rate cannot be read",
        )
    elif not _shows(printed_rate, rate, _places(funds.rate)):
        fraction = _shows(printed_rate * HUNDRED, rate, max(_places(funds.rate) - 2, 0))
        yield _f(
            Severity.ERROR,
            "execution-rate",
            "资金",
            "rate",
            funds.rate,
            f"{shown}",
            "执行率与金额不符" + ("（疑将百分比填为小数）" if fraction else ""),
            "the execution rate does not match the amounts"
            + (" (a percentage printed as a fraction)" if fraction else ""),
        )
    printed_points = printed_number(funds.points)
    if printed_points is None:
        yield _f(
            Severity.ERROR,
            "unreadable",
            "资金",
            "points",
            funds.points,
            score.points,
            "执行率得分无法识别",
            "the execution points cannot be read",
        )
    elif printed_points != score.points:
        from_printed = (
            round_points(min(printed_rate / HUNDRED * score.weight, score.weight))
            if printed_rate is not None
            else None
        )
        if printed_points == from_printed:
            yield _f(
                Severity.INFO,
                "execution-points-from-printed-rate",
                "资金",
                "points",
                funds.points,
                score.points,
                "执行率得分按印出的执行率计算",
                "the execution points follow the printed (rounded) rate",
            )
        else:
            yield _f(
                Severity.ERROR,
                "execution-points",
                "资金",
                "points",
                funds.points,
                score.points,
                "执行率得分与执行率不符（得分=分值×执行率）",
                "the execution points do not match the rate (points = weight × rate)",
            )


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
        yield _f(
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
            yield _f(
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
        yield _f(
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
            yield _f(
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
        yield _f(
            Severity.WARNING,
            "not-applicable-weighted",
            result.label,
            "weight",
            row.weight,
            "0",
            "指标不适用却设有分值",
            "a not-applicable indicator carries weight",
        )
    noted = has_note(row.note)
    score = result.rule_score
    if score is not None and points is not None and result.method in _RECOMPUTED:
        completion = result.completion
        if points != score.points:
            if score.points < score.weight:
                yield _f(
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
                yield _f(
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
                yield _f(
                    Severity.WARNING,
                    "met-but-deducted",
                    result.label,
                    "points",
                    row.points,
                    score.points,
                    "已达到指标值却被扣分",
                    "the target was met but points were deducted",
                )
        if completion is not None and completion > ZERO and not noted:
            lower = result.method is Method.LOWER
            better = 1 / completion if lower else completion
            if template.over is not None and better > template.over.value:
                yield _f(
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
            elif template.under is not None and better < template.under.value:
                yield _f(
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
    if weight is not None and points is not None and points < weight and not noted:
        yield _f(
            Severity.WARNING,
            "deduction-without-note",
            result.label,
            "note",
            row.note,
            None,
            "扣分但未填写偏差原因分析",
            "points deducted with no deviation note",
        )


def check_weights(
    table: ProjectTable, chosen: Template, named: bool, fits: bool, cells: list[Cells]
) -> Iterator[Finding]:
    """The findings about the weights; *fits*: whether *chosen* fits the table."""
    total_weight = printed_number(table.funds.weight) or ZERO
    row_weights = iter([c.weight for c in cells])  # in printed order, as top.rows() below
    for top in table.level1:
        printed = printed_number(top.weight)
        rows = [next(row_weights) for _ in top.rows()]
        if printed is None:
            yield _f(
                Severity.ERROR,
                "unreadable",
                top.name,
                "weight",
                top.weight,
                None,
                "一级指标分值无法识别",
                "a level-1 weight cannot be read",
            )
            continue
        total_weight += printed
        known = [w for w in rows if w is not None]
        if len(known) == len(rows) and sum(known, ZERO) != printed:
            yield _f(
                Severity.ERROR,
                "level-weights",
                top.name,
                "weight",
                top.weight,
                sum(known, ZERO),
                "三级指标分值之和与一级指标分值不符",
                "level-3 weights do not add up to their level-1 weight",
            )
    printed_total = printed_number(table.total.weight)
    if printed_total is not None and printed_total != total_weight:
        yield _f(
            Severity.ERROR,
            "total-weight",
            "总分",
            "weight",
            table.total.weight,
            total_weight,
            "总分分值与各项分值之和不符",
            "the total weight is not the sum of the weights",
        )
    if not fits:
        yield _f(
            Severity.WARNING,
            "template-weights",
            "总分",
            "weight",
            None,
            chosen.id,
            (
                "一级指标分值与所列模板不符"
                if named
                else "一级指标分值不符合任何已知模板，按默认模板审核"
            ),
            (
                "the level-1 weights do not match the named template"
                if named
                else f"the level-1 weights match no template of {', '.join(available_templates())}; audited on the default"
            ),
        )


def _points_cells(table: ProjectTable) -> list[str]:
    """The printed points of the execution rate and of every row, in order."""
    return [table.funds.points, *(row.points for _, _, row in table.rows())]


def check_total(
    table: ProjectTable, evaluation: ProjectEvaluation, rows: list[Cells]
) -> Iterator[Finding]:
    printed = printed_number(table.total.points)
    numbers = [printed_number(table.funds.points), *(c.points for c in rows)]
    if printed is None:
        yield _f(
            Severity.ERROR,
            "unreadable",
            "总分",
            "points",
            table.total.points,
            None,
            "总分无法识别",
            "the total cannot be read",
        )
        return
    if table.withdrawn:
        if printed != 0:
            yield _f(
                Severity.ERROR,
                "total",
                "总分",
                "points",
                table.total.points,
                "0",
                f"项目未实施（{table.withdrawn}），总分应为0",
                "the project was withdrawn; the total is 0",
            )
        return
    if None in numbers and any(
        n is None and not is_blank(c) for n, c in zip(numbers, _points_cells(table), strict=True)
    ):
        yield _f(
            Severity.ERROR,
            "total-unverifiable",
            "总分",
            "points",
            table.total.points,
            None,
            "部分得分无法识别，总分无法复核",
            "some points cannot be read, so the total cannot be checked",
        )
        return
    expected = sum((n for n in numbers if n is not None), ZERO)
    if printed != expected:
        yield _f(
            Severity.ERROR,
            "total",
            "总分",
            "points",
            table.total.points,
            expected,
            "总分与各项得分之和不符",
            "the total is not the sum of the printed points",
        )
