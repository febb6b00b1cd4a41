"""The checks an audit runs, each a generator of findings (see :mod:`jixiao.project.audit`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import jixiao.project.paths as paths
from jixiao._target_patterns import grade_word
from jixiao.errors import Wording
from jixiao.project._row_cells import Cells
from jixiao.project.evaluation import ProjectEvaluation
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import ProjectTable, is_blank, number_problem, printed_points
from jixiao.project.template import Template, available_templates
from jixiao.quantities import ZERO

__all__ = [
    "check_grade",
    "check_total",
    "check_weights",
    "finding",
    "has_note",
    "printed_places",
    "why_en",
    "why_zh",
]


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
    """The decimals a printed number shows: 2 for "89.97", "95.36%" and
    "¥1,234.50", 0 for "90"."""
    decimals = _DECIMALS.search(text)
    return len(decimals.group(1)) if decimals else 0


_DECIMALS = re.compile(r"\.([0-9]+)")


def why_zh(text: str) -> str:
    """The reason a cell printing digits is no number, for a Chinese message ("" if none)."""
    return reason_zh(number_problem(text))


def why_en(text: str) -> str:
    """The same reason for an English message."""
    return reason_en(number_problem(text))


def reason_zh(problem: Wording | None) -> str:
    """*problem* as the end of a Chinese message ("" for none)."""
    return f"（{problem.zh}）" if problem else ""


def reason_en(problem: Wording | None) -> str:
    """*problem* as the end of an English message ("" for none)."""
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
    total_weight = printed_points(table.funds.weight) or ZERO
    tops = [paths.level1(i) for i in range(len(table.level1))]
    first = 0  # the index of the group's first row, in printed order (that of cells)
    for i, top in enumerate(table.level1):
        count = sum(len(group.indicators) for group in top.level2)
        rows = [(k, cells[k].weight) for k in range(first, first + count)]
        yield from _level2_weights(table, i, first, cells)
        first += count
        known = [w for _, w in rows if w is not None]
        if is_blank(top.weight) and len(known) == len(rows):
            total_weight += sum(known, ZERO)
            continue
        printed = printed_points(top.weight)
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
    printed_total = printed_points(table.total.weight)
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


def _level2_weights(
    table: ProjectTable, i: int, first: int, cells: list[Cells]
) -> Iterator[Finding]:
    """The findings about the weights printed after the level-2 names of the
    level-1 group *i*, whose first row is row *first* (in printed order)."""
    top = table.level1[i]
    last = len(top.level2) - 1
    for j, group in enumerate(top.level2):
        count = len(group.indicators)
        start, first = first, first + count
        if not group.weight or is_blank(group.weight):  # most tables: none printed
            continue
        where, group_label = paths.level2(i, j), f"{top.name} / {group.name}"
        printed = printed_points(group.weight)
        if printed is None:
            yield finding(
                Severity.ERROR,
                "unreadable",
                group_label,
                "weight",
                group.weight,
                None,
                "二级指标分值无法识别" + why_zh(group.weight),
                "a level-2 weight cannot be read" + why_en(group.weight),
                (where,),
            )
            continue
        known = [cells[k].weight for k in range(start, first)]
        cut = table.truncated and i == len(table.level1) - 1 and j == last
        if None in known or cut:
            continue
        weights = sum([w for w in known if w is not None], ZERO)
        if weights != printed:
            yield finding(
                Severity.ERROR,
                "level-weights",
                group_label,
                "weight",
                group.weight,
                weights,
                "三级指标分值之和与二级指标分值不符",
                "level-3 weights do not add up to their level-2 weight",
                (where, *(paths.row(k, "weight") for k in range(start, first))),
            )


def _points_paths(rows: int) -> list[str]:
    """The paths of the printed points of the execution rate and of *rows* rows, in order."""
    return ["funds.points", *(paths.row(k, "points") for k in range(rows))]


def check_total(
    table: ProjectTable, evaluation: ProjectEvaluation, rows: list[Cells]
) -> Iterator[Finding]:
    """The findings about the 总分 row's points."""
    printed = printed_points(table.total.points)
    numbers = [printed_points(table.funds.points), *[c.points for c in rows]]
    texts = [table.funds.points, *[row.points for _, _, row in table.rows()]]
    unreadable = [
        k
        for k, (n, text) in enumerate(zip(numbers, texts, strict=True))
        if n is None and not is_blank(text)
    ]
    expected = None if unreadable else sum([n for n in numbers if n is not None], ZERO)
    if printed is None:
        blank = is_blank(table.total.points)  # 合计 | 100 | (empty): the sum was not printed
        yield finding(
            Severity.ERROR,
            "unreadable",
            "总分",
            "points",
            table.total.points,
            (ZERO if table.withdrawn else expected) if blank else None,
            "总分未填写" if blank else "总分无法识别" + why_zh(table.total.points),
            "the total is not printed"
            if blank
            else "the total cannot be read" + why_en(table.total.points),
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


def check_grade(table: ProjectTable, evaluation: ProjectEvaluation) -> Iterator[Finding]:
    """The findings about a grade printed in the 总分 row (优, 良好 …): an error
    when it is not the grade of the printed total on the template's grades, a
    warning when it is, but not that of the total jixiao recomputed."""
    printed = table.total.grade
    if not printed or table.withdrawn:
        return
    word = grade_word(printed)
    if word is None:
        yield finding(
            Severity.ERROR,
            "unreadable",
            "总分",
            "grade",
            printed,
            None,
            "等级无法识别（应为优、良、中或差）",
            "the grade cannot be read (优, 良, 中 or 差 expected)",
            ("total.grade",),
        )
        return
    grades = evaluation.template.grades
    total = printed_points(table.total.points)
    if total is not None and grades.span.contains(total):
        implied = grades.grade(total)
        if implied.value != word:
            yield finding(
                Severity.ERROR,
                "grade",
                "总分",
                "grade",
                printed,
                implied.value,
                f"等级与总分不符：总分 {table.total.points} 为“{implied.value}”",
                f"the grade does not follow the total: {table.total.points} is "
                f"{implied.value} ({implied.label_en})",
                ("total.grade", "total.points"),
            )
            return
    again = evaluation.grade
    if again is not None and again.value != word:
        yield finding(
            Severity.WARNING,
            "grade-recomputed",
            "总分",
            "grade",
            printed,
            again.value,
            f"按复核总分 {evaluation.total}，等级应为“{again.value}”",
            f"on the recomputed total, {evaluation.total}, the grade is "
            f"{again.value} ({again.label_en})",
            ("total.grade", "total.points"),
        )
