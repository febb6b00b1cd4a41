"""The checks an audit runs, each a generator of findings (see :mod:`jixiao.project.audit`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

from jixiao.project.evaluation import Cells, ProjectEvaluation
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, is_blank, printed_number
from jixiao.project.template import Template, available_templates
from jixiao.quantities import HUNDRED, ZERO, round_points

__all__ = ["check_funds", "check_total", "check_weights", "finding", "has_note"]

_NO_NOTE = {"", "无", "无偏差", "/", "—", "-", "不适用", "无偏差,正常范围内", "无偏差，正常范围内"}
_PLACEHOLDERS = ("根据实际情况填写",)
"""Template prompts left in a note cell: they explain nothing."""
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


def finding(
    severity: Severity,
    code: str,
    row: str,
    field: str,
    printed: object,
    expected: object,
    zh: str,
    en: str,
) -> Finding:
    """A :class:`Finding`, its printed and expected values as text."""
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
    executed = printed_number(funds.total.executed)
    budget = printed_number(funds.total.full_year_budget)
    for name, amount in (("executed", executed), ("full_year_budget", budget)):
        text = getattr(funds.total, name)
        if amount is None:
            yield finding(
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
        if budget == 0:
            yield finding(
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
    rate = (executed or ZERO) / (budget or ZERO) * HUNDRED
    shown = round_points(rate)
    printed_rate = printed_number(funds.rate)
    if printed_rate is None:
        yield finding(
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
        )
    printed_points = printed_number(funds.points)
    if printed_points is None:
        yield finding(
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
            yield finding(
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
            yield finding(
                Severity.ERROR,
                "execution-points",
                "资金",
                "points",
                funds.points,
                score.points,
                "执行率得分与执行率不符（得分=分值×执行率）",
                "the execution points do not match the rate (points = weight × rate)",
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
            yield finding(
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
            yield finding(
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
        yield finding(
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
        yield finding(
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
        yield finding(
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
            yield finding(
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
        yield finding(
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
        yield finding(
            Severity.ERROR,
            "total",
            "总分",
            "points",
            table.total.points,
            expected,
            "总分与各项得分之和不符",
            "the total is not the sum of the printed points",
        )
