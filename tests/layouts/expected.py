"""What a layout prints of a sample: the table a reader must give back.

:func:`expected` is the one place that decides, for every layout dimension,
which values of a sample's table a printing leaves out or changes (an absent
项目编码 is ``""``, a year printed nowhere ``None``, an unscored table's points
``""``, a cut table ``truncated`` without its last rows and total …).
:func:`shown` and :func:`rate` say what is printed where the sample itself
says otherwise (its planted misprints, the rate in the layout's form); what
a source form cannot carry is decided in :func:`tests.layouts.forms.expected`.
"""

from __future__ import annotations

import attrs

from jixiao.project import FundsRow, Level1, ProjectInfo, ProjectTable, Row, Total, printed_number

from .layout import Layout
from .tables import Sample, amount_value, map_rows, rate_text

__all__ = ["expected", "rate", "shown", "sub_rate", "with_points_unit", "with_printed"]


def with_points_unit(layout: Layout, text: str) -> str:
    """*text*, a weight or points cell, as *layout* prints it: with the unit 分
    after a number (§2.33); an empty, dash or ``#####`` cell as it is."""
    if layout.points_unit and printed_number(text) is not None:
        return f"{text}分"
    return text


def shown(sample: Sample) -> ProjectTable:
    """The sample's table with its misprints (the rate a layout prints: :func:`rate`)."""
    table = sample.table
    for path, text in sample.misprints:
        table = with_printed(table, path, text)
    return table


def rate(sample: Sample, layout: Layout) -> str:
    """The rate *layout* prints for *sample*: misprinted, or in the layout's form."""
    misprint = dict(sample.misprints).get("funds.rate")
    return misprint or rate_text(sample.table.funds, sample.places, layout.rate_form, sample.style)


def sub_rate(sample: Sample, layout: Layout, name: str) -> str:
    """The rate the funds row *name* (a breakdown of the total: 当年财政拨款 …)
    prints of its own in *layout* (§2.30), in the total's form; ``""`` when
    the layout prints none or the row's amounts give none (an empty or zero
    budget)."""
    funds = sample.table.funds
    row = getattr(funds, name)
    budget = amount_value(getattr(row, funds.rate_budget))
    if not layout.sub_rates or not budget or amount_value(row.executed) is None:
        return ""
    return rate_text(attrs.evolve(funds, total=row), sample.places, layout.rate_form, sample.style)


def with_printed(table: ProjectTable, path: str, text: str) -> ProjectTable:
    """*table* printing *text* at *path* (``rows.3.points``, ``total.points``,
    ``funds.points``, ``funds.carry_over.executed`` …)."""
    head, _, field = path.rpartition(".")
    if head in ("total", "funds"):
        part = getattr(table, head)
        return attrs.evolve(table, **{head: attrs.evolve(part, **{field: text})})
    if head.startswith("funds."):  # an amount: funds.<row>.<column>
        row = head.removeprefix("funds.")
        amounts = attrs.evolve(getattr(table.funds, row), **{field: text})
        return attrs.evolve(table, funds=attrs.evolve(table.funds, **{row: amounts}))
    index = int(head.removeprefix("rows."))

    def change(k: int, row: Row) -> Row:
        return attrs.evolve(row, **{field: text}) if k == index else row

    return map_rows(table, change)


def expected(sample: Sample, layout: Layout) -> ProjectTable:
    """The table a reader must give back for *sample* printed in *layout*
    (in a form that keeps everything; see :func:`tests.layouts.forms.expected`)."""
    table = shown(sample)
    info = table.project
    year_printed = layout.year_in_title or bool(layout.year_label)
    project = ProjectInfo(
        code=info.code if layout.code else "",
        name=info.name,
        year=info.year if year_printed else None,
        implementing_unit=info.implementing_unit if layout.implementing_unit else "",
        budget_unit=info.budget_unit if layout.budget_unit else "",
        competent_department=info.competent_department if layout.department else "",
    )
    funds = table.funds

    def printed(row: FundsRow, name: str) -> FundsRow:
        if name != "total" and name not in layout.sub_rows:
            return FundsRow()
        return row if layout.initial_column else attrs.evolve(row, initial_budget="")

    funds = attrs.evolve(
        funds,
        total=printed(funds.total, "total"),
        current_appropriation=printed(funds.current_appropriation, "current_appropriation"),
        carry_over=printed(funds.carry_over, "carry_over"),
        other=printed(funds.other, "other"),
        weight=with_points_unit(layout, funds.weight) if layout.weight_column else "",
        rate=rate(sample, layout),
        points="" if layout.unscored else with_points_unit(layout, funds.points),
        rate_percent=layout.rate_percent,
    )
    keep = layout.cut + 1 if layout.cut is not None else None
    level1 = _rows_kept(
        table, keep, blank_points=layout.unscored, weights=bool(layout.level1_label)
    )
    if layout.points_unit:
        level1 = map_rows(
            attrs.evolve(table, level1=level1),
            lambda _, row: attrs.evolve(
                row,
                weight=with_points_unit(layout, row.weight),
                points=with_points_unit(layout, row.points),
            ),
        ).level1
    total = table.total
    if layout.cut is not None:
        total = Total("", "")
    elif layout.unscored:
        total = attrs.evolve(total, points="", grade="")
    total = attrs.evolve(
        total,
        weight=with_points_unit(layout, total.weight),
        points=with_points_unit(layout, total.points),
    )
    return attrs.evolve(
        table,
        project=project,
        funds=funds,
        level1=level1,
        total=total,
        truncated=layout.cut is not None,
    )


def _rows_kept(
    table: ProjectTable, keep: int | None, *, blank_points: bool, weights: bool
) -> tuple[Level1, ...]:
    def change(index: int, row: Row) -> Row | None:
        if keep is not None and index >= keep:
            return None
        return attrs.evolve(row, points="") if blank_points else row

    level1 = map_rows(table, change).level1
    if not weights:
        level1 = tuple(attrs.evolve(top, weight="") for top in level1)
    return level1
