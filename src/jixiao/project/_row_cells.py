"""A project row's cells as scoring and checking read them (private; used by
:mod:`jixiao.project.evaluation` and the audit's checks): the target, actual,
weight and points read once (:class:`Cells`), the quantities they pair for a
rule, and which way a bare target is better.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from jixiao._evaluator import evaluate_rule
from jixiao._target_parse import parse_cell
from jixiao.project.model import Level2Kind, ProjectTable, Row, printed_points
from jixiao.project.template import Template
from jixiao.quantities import ONE, ZERO
from jixiao.targets import Combine, Compound, Direction, Kind, Quantity, Value

__all__ = ["Cells", "more_is_better", "part_share", "quantity_pairs", "read_cells", "read_row"]

# The members the two functions below compare every row with, looked up once
# (in Python 3.11 each Class.MEMBER is an attribute lookup on the class).
_RANGE, _DURATION = Direction.RANGE, Kind.DURATION
_TIMELINESS, _COST = Level2Kind.TIMELINESS, Level2Kind.COST


def more_is_better(target: Quantity, level2: Level2Kind | None, template: Template) -> bool:
    """Whether more is better: as the target's direction word says, else (a
    bare target) as the template reads one: by default unless the row is a
    cost (成本指标) or a duration in a timeliness row (时效指标: "24小时",
    "3个工作日" is a limit). A range has no direction, but :func:`quantity_pairs`
    never pairs one."""
    explicit = target.higher_is_better
    if explicit is not None:
        return explicit
    if template.bare_target == "higher":
        return True
    if level2 is _TIMELINESS and target.kind is _DURATION:
        return False
    return level2 is not _COST


def quantity_pairs(target: Value, actual: Value) -> list[tuple[Quantity, Quantity]] | None:
    """The pairs of quantities to score, or ``None`` when the cells are not
    quantities in compatible units (a classified, qualitative or date cell…)."""
    pairs: list[tuple[Quantity, Quantity]]
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        pairs = [(target, actual)]
    elif (
        isinstance(target, Compound)
        and isinstance(actual, Compound)
        and target.combine is Combine.ALL
        and len(target.parts) == len(actual.parts)
    ):
        pairs = list(zip(target.parts, actual.parts, strict=True))  # type: ignore[arg-type]
    else:
        return None
    for t, a in pairs:
        if not (isinstance(t, Quantity) and isinstance(a, Quantity)) or not a.compatible_with(t):
            return None
        if a.direction is _RANGE or t.direction is _RANGE or t.value == ZERO:
            return None
    return pairs


def part_share(target: Quantity, actual: Quantity, higher: bool, template: Template) -> Decimal:
    """The share of its weight one part of a compound row earns: the
    template's rule for the part's direction, scored for a weight of 1 (its
    parts' sum, before rounding). The pair is compatible and not a range
    (:func:`quantity_pairs`); scored in :data:`~jixiao.quantities.CONTEXT`."""
    rule = template.rule("higher" if higher else template.lower_rule, ONE)
    return evaluate_rule(rule, {"actual": actual.value, "target": target.value}).total


class Cells(NamedTuple):
    """One row's cells as read for scoring and checking it, each read once:
    the target and actual (:func:`~jixiao.targets.parse_value`) and the
    printed weight and points (:func:`~jixiao.project.model.printed_number`)."""

    target: Value
    actual: Value
    weight: Decimal | None
    points: Decimal | None


def read_row(row: Row) -> Cells:
    """The row's :class:`Cells`."""
    return Cells(
        parse_cell(row.target),  # parse_value's parser, without its indirection
        parse_cell(row.actual),
        printed_points(row.weight),
        printed_points(row.points),
    )


def read_cells(table: ProjectTable) -> list[Cells]:
    """Every row's :class:`Cells`, in printed order (that of
    :meth:`~jixiao.project.model.ProjectTable.rows`)."""
    return [
        read_row(row) for top in table.level1 for group in top.level2 for row in group.indicators
    ]
