"""The checks an audit runs, each a generator of findings (see :mod:`jixiao.project.audit`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

import jixiao.project.paths as paths
from jixiao.project.evaluation import Cells, ProjectEvaluation
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, is_blank, number_problem, printed_number
from jixiao.project.template import Template, available_templates
from jixiao.quantities import HUNDRED, ZERO, round_points

__all__ = [
    "check_funds",
    "check_total",
    "check_weights",
    "finding",
    "has_note",
    "printed_places",
]

_RATE_CELLS = (
    "funds.rate",
    paths.funds("total", "executed"),
    paths.funds("total", "full_year_budget"),
)
_POINTS_CELLS = ("funds.points", "funds.rate", "funds.weight")

_NO_NOTE = {"", "无", "无偏差", "/", "—", "-", "不适用", "无偏差,正常范围内", "无偏差，正常范围内"}
_PLACEHOLDERS = ("根据实际情况填写",)
"""Template prompts left in a note cell: they explain nothing."""


_PLACEHOLDER = re.compile("|".join(map(re.escape, _PLACEHOLDERS)))
"""Any of the prompts, found by one search (a note is checked on most rows)."""


def has_note(note: str) -> bool:
    """Whether a deviation note explains something: not empty, not 无偏差,
    not a template prompt such as 根据实际情况填写."""
    text = note.strip()
    return text not in _NO_NOTE and _PLACEHOLDER.search(text) is None


def printed_places(text: str) -> int:
    """The decimals a printed number shows: 2 for "89.97" and "95.36%", 0 for "90"."""
    cleaned = text.strip().rstrip("%％")
    return len(cleaned.split(".")[1]) if "." in cleaned else 0


def _shows(printed: Decimal, exact: Decimal, places: int) -> bool:
    """Whether *printed* is *exact* rounded (half-up) or cut at the printed places or at 0.01."""
    for digits in {places, 2}:
        step = Decimal(1).scaleb(-digits)
        if printed == round_points(exact, step) or printed == exact.quantize(
            step, rounding=ROUND_DOWN
        ):
            return True
    return False


def why_zh(text: str) -> str:
    """The reason a cell printing digits is no number, for a Chinese message ("" if none)."""
    problem = number_problem(text)
    return f"（{problem.zh}）" if problem else ""


def why_en(text: str) -> str:
    """The same reason for an English message."""
    problem = number_problem(text)
    return f" ({problem.en})" if problem else ""


def finding(
    severity: Severity,
    code: str,
    row: str,
    field: str,
    printed: object,
    expected: object,
    zh: str,
    en: str,
    cells: tuple[str, ...] = (),
) -> Finding:
    """A :class:`Finding`, its printed and expected values as text; *cells* the
    paths of the values it concerns (:mod:`jixiao.project.paths`; for a row's
    findings, the row's field names), the one at fault first."""
    return Finding(
        severity,
        code,
        row,
        field,
        None if printed is None else str(printed),
        None if expected is None else str(expected),
        zh,
        en,
        cells=cells,
    )


def check_funds(
    table: ProjectTable, evaluation: ProjectEvaluation, *, scored: bool = True
) -> Iterator[Finding]:
    """The findings about the funds: the amounts, the execution rate and its points.

    *scored*: whether the table prints points at all (an unscored table's empty
    rate and points are not findings).
    """
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
                "年度资金总额的金额无法识别" + why_zh(text),
                "an amount of the total funds row cannot be read" + why_en(text),
                (paths.funds("total", name),),
            )
        elif amount < ZERO:
            yield finding(
                Severity.ERROR,
                "execution-amount-negative",
                "资金",
                name,
                text,
                None,
                "年度资金总额的金额为负数，执行率不予计分",
                "an amount of the total funds row is negative: the execution rate is not scored",
                (paths.funds("total", name),),
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
                (paths.funds("total", "full_year_budget"),),
            )
        return
    rate = (executed or ZERO) / (budget or ZERO) * HUNDRED
    shown = round_points(rate)
    share: Decimal | None = None  # the printed rate as a share of 1, when it reads as one
    printed_rate = printed_number(funds.rate)
    if printed_rate is None:
        if not (is_blank(funds.rate) and not scored):
            yield finding(
                Severity.ERROR,
                "unreadable",
                "资金",
                "rate",
                funds.rate,
                shown,
                "执行率未填写" if is_blank(funds.rate) else "执行率无法识别" + why_zh(funds.rate),
                "the execution rate is not printed"
                if is_blank(funds.rate)
                else "the execution rate cannot be read" + why_en(funds.rate),
                ("funds.rate",),
            )
    else:
        places = printed_places(funds.rate)
        matches = _shows(printed_rate, rate, places)
        # whether it is the rate printed as a fraction: asked only when it is not the rate
        fraction = not matches and _shows(printed_rate * HUNDRED, rate, max(places - 2, 0))
        percent_sign = funds.rate.strip().endswith(("%", "％"))
        if matches:
            share = printed_rate / HUNDRED
        elif fraction and not percent_sign and not funds.rate_percent:
            share = printed_rate  # the header does not say %: a fraction is a way to print it
        else:
            share = printed_rate / HUNDRED  # points that follow a misprinted rate say so
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
                _RATE_CELLS,
            )
    if not scored:
        return
    printed_points = printed_number(funds.points)
    if printed_points is None:
        yield finding(
            Severity.ERROR,
            "unreadable",
            "资金",
            "points",
            funds.points,
            score.points,
            "执行率得分未填写"
            if is_blank(funds.points)
            else "执行率得分无法识别" + why_zh(funds.points),
            "the execution points are not printed"
            if is_blank(funds.points)
            else "the execution points cannot be read" + why_en(funds.points),
            ("funds.points",),
        )
    elif printed_points != score.points:
        from_printed = (
            round_points(min(share * score.weight, score.weight)) if share is not None else None
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
                _POINTS_CELLS,
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
                _POINTS_CELLS,
            )


def check_weights(
    table: ProjectTable,
    chosen: Template,
    named: bool,
    fits: bool,
    cells: list[Cells],
) -> Iterator[Finding]:
    """The findings about the weights; *fits*: whether *chosen* fits the table.

    A level-1 label printed without its weight is counted by its rows' weights.
    A truncated table's last group (its rows may be cut) and total are not checked.
    """
    total_weight = printed_number(table.funds.weight) or ZERO
    tops = [paths.level1(i) for i in range(len(table.level1))]
    first = 0  # the index of the group's first row, in printed order (that of cells)
    for i, top in enumerate(table.level1):
        count = sum(len(group.indicators) for group in top.level2)
        rows = [(k, cells[k].weight) for k in range(first, first + count)]
        first += count
        known = [w for _, w in rows if w is not None]
        if is_blank(top.weight) and len(known) == len(rows):
            total_weight += sum(known, ZERO)
            continue
        printed = printed_number(top.weight)
        if printed is None:
            yield finding(
                Severity.ERROR,
                "unreadable",
                top.name,
                "weight",
                top.weight,
                None,
                "一级指标分值无法识别" + why_zh(top.weight),
                "a level-1 weight cannot be read" + why_en(top.weight),
                (tops[i],),
            )
            continue
        total_weight += printed
        last = table.truncated and i == len(table.level1) - 1
        if len(known) == len(rows) and sum(known, ZERO) != printed and not last:
            yield finding(
                Severity.ERROR,
                "level-weights",
                top.name,
                "weight",
                top.weight,
                sum(known, ZERO),
                "三级指标分值之和与一级指标分值不符",
                "level-3 weights do not add up to their level-1 weight",
                (tops[i], *(paths.row(k, "weight") for k, _ in rows)),
            )
    printed_total = printed_number(table.total.weight)
    if printed_total is not None and printed_total != total_weight and not table.truncated:
        yield finding(
            Severity.ERROR,
            "total-weight",
            "总分",
            "weight",
            table.total.weight,
            total_weight,
            "总分分值与各项分值之和不符",
            "the total weight is not the sum of the weights",
            ("total.weight", "funds.weight", *tops),
        )
    if not fits:
        yield finding(
            Severity.WARNING,
            "template-weights",
            "总分",
            "weight",
            None,
            None,
            (
                f"一级指标分值与所列模板 {chosen.id} 不符"
                if named
                else f"一级指标分值不符合任何已知模板，按默认模板 {chosen.id} 审核"
            ),
            (
                f"the level-1 weights do not match the named template {chosen.id}"
                if named
                else f"the level-1 weights match no template of {', '.join(available_templates())}; audited on the default, {chosen.id}"
            ),
            ("funds.weight", *tops),
        )


def _points_paths(rows: int) -> list[str]:
    """The paths of the printed points of the execution rate and of *rows* rows, in order."""
    return ["funds.points", *(paths.row(k, "points") for k in range(rows))]


def check_total(
    table: ProjectTable, evaluation: ProjectEvaluation, rows: list[Cells]
) -> Iterator[Finding]:
    """The findings about the 总分 row's points."""
    printed = printed_number(table.total.points)
    numbers = [printed_number(table.funds.points), *[c.points for c in rows]]
    if printed is None:
        yield finding(
            Severity.ERROR,
            "unreadable",
            "总分",
            "points",
            table.total.points,
            None,
            "总分无法识别" + why_zh(table.total.points),
            "the total cannot be read" + why_en(table.total.points),
            ("total.points",),
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
                ("total.points",),
            )
        return
    texts = [table.funds.points, *[row.points for _, _, row in table.rows()]]
    unreadable = [
        k
        for k, (n, text) in enumerate(zip(numbers, texts, strict=True))
        if n is None and not is_blank(text)
    ]
    if unreadable:
        where = _points_paths(len(rows))
        yield finding(
            Severity.ERROR,
            "total-unverifiable",
            "总分",
            "points",
            table.total.points,
            None,
            "部分得分无法识别，总分无法复核",
            "some points cannot be read, so the total cannot be checked",
            ("total.points", *(where[k] for k in unreadable)),
        )
        return
    expected = sum([n for n in numbers if n is not None], ZERO)
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
            ("total.points", *_points_paths(len(rows))),
        )
