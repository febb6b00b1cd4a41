"""Planted inconsistencies, and the error-level findings each must give.

:func:`planted` takes a clean sample printed in a complete layout (scored,
with its 总分 row and every weight) and plants one or more of :data:`KINDS`
in it: printed values changed (:attr:`~tests.layouts.tables.Sample.misprints`)
or a weighted row lost. :func:`findings` says which error-level findings
the audit must then give, each as its code and the paths of its cells, in
the order of the contract (issue 11):

==========================  ======================================================
code                        cells (paths, in this order)
==========================  ======================================================
``level-weights``           ``level1.i`` (or ``level1.i.level2.j``, §2.32), then
                            ``rows.k.weight`` of the group's rows
``total``                   ``total.points``, ``funds.points``, every ``rows.k.points``
``total-unverifiable``      ``total.points``, then the unreadable points cells
``execution-rate``          ``funds.rate``, ``funds.total.executed``, ``funds.total.b`` (its budget)
``execution-points``        ``funds.points``, ``funds.rate``, ``funds.weight``
``unreadable``              the cell (``#####``, or a recomputed row's points left empty)
``points-above-weight``     ``rows.k.points``, ``rows.k.weight``
``funds-parts``             ``funds.total.c``, then ``funds.r.c`` of every sub-row printed
``grade``                   ``total.grade``, ``total.points``
==========================  ======================================================

A table that prints a grade beside its total gives ``grade`` whenever the
printed total, planted or not, is not of that grade.

A weight off is never off by its group's first weight (see :func:`_off`).
Plants are chosen so that their findings do not mask each other: at most one
of weight-off, hash-weight and row-lost in a level-1 group, and the total's
finding decided once (``#####`` in the total: unreadable; else any ``#####``
points: unverifiable; else a sum that differs: total).
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from jixiao._target_patterns import GRADES
from jixiao.project import (
    Level2Kind,
    Method,
    ProjectTable,
    execution,
    paths,
    score_row,
    template,
)

from .draws import integer, pick
from .expected import rate, shown
from .layout import STRUCTURAL, SUB_ROWS, Layout, layouts
from .tables import GRADE_WORDS, Sample, amount_digits, map_rows, number, rate_text, samples

__all__ = ["HASH", "KINDS", "Plant", "findings", "planted", "planted_samples"]

KINDS = (
    "weight-off",
    "points-above",
    "total-off",
    "rate-fraction",
    "execution-points",
    "hash-points",
    "hash-weight",
    "hash-total",
    "row-lost",
    "part-off",
    "grade-off",
    "blank-points",
)
"""What can be planted: a level-3 weight off; a row's points above its weight
(a recomputed row; the total follows); the total points off; the rate
printed as a fraction under a header with %; execution points that follow
neither the amounts nor the printed rate; ``#####`` in a points, weight or
total cell; a weighted row lost; a sub-row's amount (当年财政拨款 …) above
its column's total; a grade beside the total (when the table prints one)
that is not the printed total's; a recomputed row's points left empty (the
total printed without them)."""

HASH = "#####"


@attrs.frozen
class Plant:
    """One planted inconsistency: its kind and where (a path; for row-lost the
    level-1 group ``level1.i`` that lost a row)."""

    kind: str
    where: str
    cells: tuple[str, ...] = ()
    """The cells its finding names, when the layout decides them (part-off)."""


Finding = tuple[str, tuple[str, ...]]


def _group_rows(sample: Sample) -> list[list[int]]:
    """For each level-1 group, its rows' indexes (printed order)."""
    index, groups = 0, []
    for top in sample.table.level1:
        count = sum(1 for _ in top.rows())
        groups.append(list(range(index, index + count)))
        index += count
    return groups


def _weighted(sample: Sample, rows: list[int]) -> list[int]:
    listed = list(sample.table.rows())
    return [k for k in rows if Decimal(listed[k][2].weight) > 0]


def _lose_row(draw: st.DrawFn, sample: Sample) -> tuple[Sample, Plant] | None:
    shared = {k for a, b in sample.note_groups for k in range(a, b)}
    listed = list(sample.table.rows())
    choices = []
    for i, rows in enumerate(_group_rows(sample)):
        weighted = _weighted(sample, rows)
        if len(weighted) >= 2:
            choices += [
                (i, k) for k in weighted if k not in shared and Decimal(listed[k][2].points) > 0
            ]
    if not choices:
        return None
    i, lost = pick(draw, tuple(choices))
    table = map_rows(sample.table, lambda k, row: None if k == lost else row)
    groups = tuple((a - (a > lost), b - (b > lost)) for a, b in sample.note_groups)
    return attrs.evolve(sample, table=table, note_groups=groups), Plant("row-lost", paths.level1(i))


def planted(
    draw: st.DrawFn, sample: Sample, layout: Layout, form: str
) -> tuple[Sample, tuple[Plant, ...]]:
    """*sample* with 1-3 inconsistencies planted (see the module's docstring)
    for a document of *form*."""
    kinds = sorted({pick(draw, KINDS) for _ in range(integer(draw, 1, 3))}, key=KINDS.index)
    if "blank-points" in kinds and form in STRUCTURAL and layout.part_unit:
        # the STRUCTURAL forms find 分值 and 得分 as the rightmost pair of numbers:
        # with 得分 empty, a target printed in parts (≥ | 90 | %) offers its own
        kinds.remove("blank-points")
    if "rate-fraction" in kinds and not layout.rate_percent:
        kinds.remove("rate-fraction")
    if "hash-total" in kinds and "total-off" in kinds:
        kinds.remove("total-off")
    plants: list[Plant] = []
    used: set[int] = set()  # level-1 groups whose weights a plant has changed
    if "row-lost" in kinds:
        lost = _lose_row(draw, sample)
        if lost is not None:
            sample, plant = lost
            plants.append(plant)
            used.add(int(plant.where.removeprefix("level1.")))
    misprints = dict(sample.misprints)
    for kind in kinds:
        made = _plant(draw, kind, sample, misprints, used, "execution-points" in kinds)
        if made is not None:
            plants.append(made)
    if "part-off" in kinds:
        part = _part_off(draw, sample, layout, misprints)
        if part is not None:
            plants.append(part)
    if "execution-points" in kinds:
        points = _execution_points(draw, sample, layout, misprints)
        if points is not None:
            _repoint(sample, misprints, "funds.points", points)
            plants.append(Plant("execution-points", "funds.points"))
    return attrs.evolve(sample, misprints=tuple(sorted(misprints.items()))), tuple(plants)


def _grade_off(sample: Sample, table: ProjectTable) -> bool:
    """Whether *table* (as printed) prints a grade that is not its printed total's."""
    grade, points = table.total.grade, table.total.points
    if not grade or points == HASH:
        return False
    grades = template(sample.template).grades
    total = Decimal(points)
    return grades.span.contains(total) and grades.grade(total).value != GRADES[grade]


def _plant(
    draw: st.DrawFn,
    kind: str,
    sample: Sample,
    misprints: dict[str, str],
    used: set[int],
    execution_planted: bool,
) -> Plant | None:
    """Plant *kind* (but row-lost and execution-points) in *misprints*."""
    style = sample.style
    if kind == "grade-off":
        printed = sample.table.total.grade
        if not printed:
            return None
        others = tuple(g for g in GRADE_WORDS if g != GRADES[printed])
        misprints["total.grade"] = pick(draw, others)
        return Plant(kind, "total.grade")
    if kind == "total-off":
        misprints["total.points"] = number(Decimal(sample.table.total.points) + 1, style)
        return Plant(kind, "total.points")
    if kind == "hash-total":
        misprints["total.points"] = HASH
        return Plant(kind, "total.points")
    if kind == "rate-fraction":
        misprints["funds.rate"] = rate_text(sample.table.funds, sample.places, "fraction")
        return Plant(kind, "funds.rate")
    if kind not in ("weight-off", "hash-weight", "hash-points", "points-above", "blank-points"):
        return None
    groups = _group_rows(sample)
    moves_weights = kind in ("weight-off", "hash-weight")
    free = [i for i in range(len(groups)) if not (moves_weights and i in used)]
    choices: list[int | None] = [
        k
        for i in free
        for k in _weighted(sample, groups[i])
        if paths.row(k, "points") not in misprints
        and paths.row(k, "weight") not in misprints
        and (kind not in ("points-above", "blank-points") or _recomputed(sample, k))
    ]
    if kind == "hash-points" and not execution_planted:
        choices.append(None)  # the execution points
    if not choices:
        return None
    k = pick(draw, tuple(choices))
    if k is None:
        misprints["funds.points"] = HASH
        return Plant(kind, "funds.points")
    row = list(sample.table.rows())[k][2]
    if kind == "points-above":
        _repoint(sample, misprints, paths.row(k, "points"), Decimal(row.weight) + 1)
        return Plant(kind, paths.row(k, "points"))
    if kind == "blank-points":
        _repoint(sample, misprints, paths.row(k, "points"), None)
        return Plant(kind, paths.row(k, "points"))
    if moves_weights:
        used |= {i for i in free if k in groups[i]}
    where = paths.row(k, kind.removeprefix("hash-") if kind != "weight-off" else "weight")
    misprints[where] = (
        HASH if kind != "weight-off" else number(Decimal(row.weight) + _off(sample, k), style)
    )
    return Plant(kind, where)


def _off(sample: Sample, k: int) -> Decimal:
    """How much a weight-off plant adds to row *k*'s weight: 1, or 2 when its
    level-1 group (not the first) starts with a row of weight 1 — a group over
    by its first row's weight reads as a label printed one row early, which the
    reader of extracted text repairs (:func:`jixiao.io._indicator_tree.fix_label_drift`)."""
    groups = _group_rows(sample)
    rows = list(sample.table.rows())
    group = next(g for g in groups if k in g)
    first = Decimal(rows[group[0]][2].weight)
    return Decimal(2) if group is not groups[0] and first == 1 else Decimal(1)


def _part_off(
    draw: st.DrawFn, sample: Sample, layout: Layout, misprints: dict[str, str]
) -> Plant | None:
    """A printed sub-row's amount one unit above its column's total (so the
    parts printed exceed it, whichever sub-rows the layout prints)."""
    if not layout.sub_rows:
        return None
    row = pick(draw, layout.sub_rows)
    column = pick(draw, (sample.table.funds.rate_budget, "executed"))
    total = getattr(sample.table.funds.total, column)
    digits = amount_digits(total)  # printed as the total is, its unit too
    _, _, decimals = digits.partition(".")
    misprints[paths.funds(row, column)] = total.replace(
        digits, format((Decimal(digits) + 1).quantize(Decimal(1).scaleb(-len(decimals))), "f")
    )
    printed = tuple(paths.funds(r, column) for r in SUB_ROWS if r in layout.sub_rows)
    return Plant("part-off", paths.funds(row, column), (paths.funds("total", column), *printed))


def _recomputed(sample: Sample, index: int) -> bool:
    """Whether the rules recompute row *index*'s points (a quantitative row)."""
    _, group, row = list(sample.table.rows())[index]
    result = score_row(row, Level2Kind.of(group.name), template(sample.template))
    return result.method in (Method.HIGHER, Method.LOWER, Method.COMPOUND)


def _repoint(sample: Sample, misprints: dict[str, str], path: str, points: Decimal | None) -> None:
    """Print *points* at *path* (a points cell; ``None``: leave it empty), and
    the total moved by as much, so that only the planted cell is at fault (a
    total already off stays off)."""
    old = _points(sample, path)
    misprints[path] = "" if points is None else number(points, sample.style)
    if misprints.get("total.points") != HASH:
        base = Decimal(misprints.get("total.points", sample.table.total.points))
        misprints["total.points"] = number(base + (points or 0) - old, sample.style)


def _points(sample: Sample, path: str) -> Decimal:
    if path == "funds.points":
        return Decimal(sample.table.funds.points)
    index = int(path.split(".")[1])
    return Decimal(list(sample.table.rows())[index][2].points)


@st.composite
def planted_samples(
    draw: st.DrawFn, form: str = "html"
) -> tuple[Sample, Layout, tuple[Plant, ...]]:
    """A sample in a complete layout for *form*, with inconsistencies planted."""
    sample = draw(samples())
    layout = draw(layouts(sample, form, complete=True))
    sample, plants = planted(draw, sample, layout, form)
    return sample, layout, plants


def _execution_points(
    draw: st.DrawFn, sample: Sample, layout: Layout, misprints: dict[str, str]
) -> Decimal | None:
    """Points that follow neither the amounts nor the printed rate: full
    points for an under-spent budget, or a point less than the rule gives."""
    funds = sample.table.funds
    weight = Decimal(funds.weight)
    rule = Decimal(funds.points)
    printed_rate = misprints.get("funds.rate") or rate(sample, layout)
    shown_rate = Decimal(printed_rate.rstrip("%"))
    if layout.rate_form == "fraction" and "funds.rate" not in misprints:
        shown_rate *= 100
    from_rate = execution(shown_rate, 100, weight).points
    candidates = [weight, rule - 1, rule - Decimal("0.5")]
    usable = [p for p in candidates if p >= 0 and p not in (rule, from_rate)]
    if not usable:
        return None
    return pick(draw, tuple(usable))


def _level2_weights(table: ProjectTable) -> set[Finding]:
    """The level-weights findings of the level-2 groups of *table* (as
    printed, misprints in) that print a weight (§2.32) when a weight-off or a
    lost row leaves their rows' weights (none ``#####``) adding up to another sum."""
    result: set[Finding] = set()
    k = 0
    for i, top in enumerate(table.level1):
        for j, group in enumerate(top.level2):
            rows = range(k, k + len(group.indicators))
            k += len(group.indicators)
            printed = [row.weight for row in group.indicators]
            if not group.weight or HASH in printed:
                continue
            if sum(map(Decimal, printed), Decimal(0)) != Decimal(group.weight):
                cells = (paths.level2(i, j), *(paths.row(n, "weight") for n in rows))
                result.add(("level-weights", cells))
    return result


def findings(sample: Sample, plants: tuple[Plant, ...]) -> set[Finding]:
    """The error-level findings the audit must give for *plants* in *sample*
    (already planted), as ``(code, paths)``."""
    table = shown(sample)
    budget = table.funds.rate_budget  # the amount the rate divides by
    misprints = dict(sample.misprints)
    listed = list(table.rows())
    result: set[Finding] = set()
    groups = _group_rows(sample)
    for plant in plants:
        if plant.kind in ("weight-off", "row-lost"):
            if plant.kind == "row-lost":
                i = int(plant.where.removeprefix("level1."))
            else:
                k = int(plant.where.split(".")[1])
                i = next(n for n, rows in enumerate(groups) if k in rows)
            cells = (paths.level1(i), *(paths.row(k, "weight") for k in groups[i]))
            result.add(("level-weights", cells))
        elif plant.kind in ("hash-points", "hash-weight", "hash-total", "blank-points"):
            result.add(("unreadable", (plant.where,)))
        elif plant.kind == "points-above":
            result.add(
                ("points-above-weight", (plant.where, plant.where.replace("points", "weight")))
            )
        elif plant.kind == "rate-fraction":
            result.add(
                (
                    "execution-rate",
                    ("funds.rate", "funds.total.executed", f"funds.total.{budget}"),
                )
            )
        elif plant.kind == "execution-points":
            result.add(("execution-points", ("funds.points", "funds.rate", "funds.weight")))
        elif plant.kind == "part-off":
            result.add(("funds-parts", plant.cells))
    result |= _level2_weights(table)
    if _grade_off(sample, table):
        result.add(("grade", ("total.grade", "total.points")))
    if misprints.get("total.points") == HASH:
        return result
    all_points = ("funds.points", *(paths.row(k, "points") for k in range(len(listed))))
    hashed = tuple(p for p in all_points if misprints.get(p) == HASH)
    if hashed:
        result.add(("total-unverifiable", ("total.points", *hashed)))
        return result
    printed = [Decimal(table.funds.points), *(Decimal(row.points or 0) for _, _, row in listed)]
    if Decimal(table.total.points) != sum(printed, Decimal(0)):
        result.add(("total", ("total.points", *all_points)))
    return result
