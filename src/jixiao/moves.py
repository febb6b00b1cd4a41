"""Which single change of input would move a department's grade?

:func:`grade_moves` looks at every input of every indicator (an overridden
indicator's points do not follow its inputs, so it is skipped) and finds the
smallest change of that one input, on the input's own grid — a cent for
amounts, 0.01 % for ratios, one for counts — that moves the total across the
next grade edge (``"up"``) or below the current one (``"down"``). A verdict
(true/false, a checklist item, a tier) is changed to the value that helps.

The rules are monotone between the current value and the searched bound, so
the answer is found by bisection on the grid and then checked: the value
returned moves the grade and one step less does not. Each move carries the
indicator's new points and the department's new total and grade.

>>> import jixiao
>>> evaluation = jixiao.load_department("examples/luohu-2023-department.toml").evaluate()
>>> for move in grade_moves(evaluation, "down"):   # what would drop 97.11 below 优?
...     print(move)
key_task_completion.uncompleted: 0 → 2: 8.00 → 0.00 points, total 89.11 良
effectiveness.points: '25' → Decimal('17.88'): 25.00 → 17.88 points, total 89.99 良
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from jixiao.department import Evaluation, Grade
from jixiao.errors import JixiaoError, PlausibilityWarning
from jixiao.numbers import parse_number
from jixiao.quantities import CENT, HUNDRED, ZERO, Ratio, exact, to_decimal
from jixiao.rules import call_rule
from jixiao.spec.rules import Indicator
from jixiao.spec.rulesets import Grades

__all__ = ["Move", "grade_moves"]

_PERCENT_STEP = Decimal("0.01")


@attrs.frozen
class Move:
    """One single-input change and where it takes the department."""

    indicator: str
    input: str
    before: object
    after: object
    points_before: Decimal
    points_after: Decimal
    total: Decimal
    grade: Grade

    def __str__(self) -> str:
        return (
            f"{self.input}: {self.before!r} → {self.after!r}: "
            f"{self.points_before} → {self.points_after} points, total {self.total} {self.grade.value}"
        )


def _set(inputs: dict[str, Any], path: list[Any], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(inputs)
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


def _label(key: str, path: list[Any]) -> str:
    text = key
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else f".{step}"
    return text


def _leaves(value: object, path: list[Any]) -> Iterator[tuple[list[Any], object]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, [*path, k])
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _leaves(v, [*path, i])
    else:
        yield path, value


def _grid(value: object) -> tuple[list[object], Callable[[Decimal], object], Decimal] | None:
    """Bounds (as search endpoints), a maker from a number, and the current number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return [0, max(value * 2, value + 100)], lambda d: int(d), Decimal(value)
    if isinstance(value, Ratio):
        return None
    try:  # the one reader of numbers: a value it refuses has no grid
        if isinstance(value, str) and value.strip().endswith(("%", "％")):
            current = parse_number(value, negative=True, percent=True).number
            return [ZERO, max(HUNDRED, current)], lambda d: f"{d}%", current
        current = to_decimal(value, negative=True)
    except JixiaoError:
        return None
    return [ZERO, max(current * 2, current + 1)], lambda d: d, current


def _step(value: object) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(1)
    if isinstance(value, str) and value.strip().endswith("%"):
        return _PERCENT_STEP
    return CENT


@exact
def grade_moves(evaluation: Evaluation, direction: str = "up") -> list[Move]:
    """The smallest change of each single input that moves the grade.

    Args:
        evaluation: a department's evaluation (with its department's inputs).
        direction: ``"up"`` (reach the next grade) or ``"down"`` (fall below this one).

    Returns:
        One :class:`Move` per input that can move the grade, in framework order.
    """
    if evaluation.department is None or direction not in ("up", "down"):
        raise JixiaoError(
            "needs an evaluation of a department's inputs, and up or down",
            zh="需要一个部门输入的评价，以及 up 或 down",
        )
    grades = evaluation.framework.grades
    lower_edges = sorted(lowest for lowest, _ in grades.floors)
    current = evaluation.total
    if direction == "up":
        above = [e for e in lower_edges if e > current]
        if not above:
            return []
        reaches: Callable[[Decimal], bool] = lambda total: total >= above[0]  # noqa: E731
    else:
        floor = max(e for e in lower_edges if e <= current)
        if floor == 0:
            return []
        reaches = lambda total: total < floor  # noqa: E731
    department = evaluation.department
    moves: list[Move] = []
    with warnings.catch_warnings():
        # The search scores hypothetical inputs: their plausibility is not the department's.
        warnings.simplefilter("ignore", PlausibilityWarning)
        for score in evaluation.scores:
            if score.override is not None:
                continue
            indicator = score.indicator
            inputs = {k: copy.deepcopy(v) for k, v in department.inputs[indicator.key].items()}
            rest = current - score.points
            for path, value in _leaves(inputs, []):
                move = _best(indicator, inputs, path, value, rest, reaches, score.points, grades)
                if move is not None:
                    moves.append(move)
    return moves


def _best(
    indicator: Indicator,
    inputs: dict[str, Any],
    path: list[Any],
    value: object,
    rest: Decimal,
    reaches: Callable[[Decimal], bool],
    before: Decimal,
    grades: Grades,
) -> Move | None:
    def points(candidate: object) -> Decimal | None:
        try:
            return call_rule(indicator, _set(inputs, path, candidate)).points
        except JixiaoError:
            return None

    def make(after: object, got: Decimal) -> Move:
        total = rest + got
        return Move(
            indicator.key,
            _label(indicator.key, path),
            value,
            after,
            before,
            got,
            total,
            grades.grade(total),
        )

    if isinstance(value, bool) or value in ("full", "partial", "none"):
        options = [not value] if isinstance(value, bool) else ["full", "partial", "none"]
        for option in options:
            got = points(option)
            if option != value and got is not None and reaches(rest + got):
                return make(option, got)
        return None
    grid = _grid(value)
    if grid is None:
        return None
    bounds, build, now = grid
    step = _step(value)
    for bound in bounds:
        far = Decimal(str(bound))
        if far == now:
            continue
        got = points(build(far))
        if got is None:  # beyond what the rule accepts: come back to its last valid value
            valid, invalid = now, far
            while abs(invalid - valid) > step:
                middle = ((valid + invalid) / 2 / step).to_integral_value() * step
                if middle in (valid, invalid):
                    break
                if points(build(middle)) is None:
                    invalid = middle
                else:
                    valid = middle
            far = valid
            got = points(build(far))
        if got is None or not reaches(rest + got) or far == now:
            continue
        near, away = now, far  # invariant: away reaches, near does not
        while abs(away - near) > step:
            middle = ((near + away) / 2 / step).to_integral_value() * step
            if middle in (near, away):
                break
            result = points(build(middle))
            if result is not None and reaches(rest + result):
                away = middle
            else:
                near = middle
        final = points(build(away))
        if final is not None and reaches(rest + final):
            return make(build(away), final)
    return None
