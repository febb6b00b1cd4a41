"""Scenario sweeps: evaluate a framework over many input variants, as tidy records.

A scenario changes some inputs of a base department (``{"indicator.input":
value}``); :func:`sweep` evaluates each one and returns one record per
scenario with the total, the grade and every indicator's points. Indicators
whose inputs a scenario leaves alone keep the base department's score: the
rules are pure, so this is the same number a full evaluation gives (the tests
check it element by element) for a fraction of the work. Each changed
indicator is scored by the one evaluator, without a trace.

``to_pandas()`` needs pandas and :func:`plot_points` needs matplotlib (both
optional; imported only when called).

>>> import jixiao
>>> base = jixiao.load_department("examples/luohu-2023-department.toml")
>>> result = sweep(base, grid(**{"non_establishment_staff.non_establishment": [0, 1, 2]}))
>>> [(r["non_establishment_staff.non_establishment"], r["total"]) for r in result.records]
[(0, Decimal('97.11')), (1, Decimal('97.11')), (2, Decimal('97.11'))]
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from jixiao._evaluator import evaluate_rule
from jixiao._notebook import use_cjk_font
from jixiao.department import Department, Framework, evaluate
from jixiao.errors import InputError, JixiaoError
from jixiao.quantities import CONTEXT
from jixiao.spec.rules import Indicator

__all__ = ["SweepResult", "grid", "plot_points", "sweep", "sweep_rule"]

Scenario = Mapping[str, object]
"""Changes of one scenario: ``{"indicator.input": value}``."""


def grid(**axes: Iterable[object]) -> list[dict[str, object]]:
    """Every combination of the axes' values (a Cartesian grid).

    >>> grid(**{"a.x": [1, 2], "b.y": ["p"]})
    [{'a.x': 1, 'b.y': 'p'}, {'a.x': 2, 'b.y': 'p'}]
    """
    names = list(axes)
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*axes.values())]


def _split(path: str, fw: Framework) -> tuple[str, str]:
    key, _, name = path.partition(".")
    if not name:
        raise InputError("a scenario key is 'indicator.input'", field="scenario", value=path)
    fw.indicator(key)
    return key, name


@attrs.frozen
class SweepResult:
    """The records of a sweep, one per scenario, in order.

    A department's sweep (:func:`sweep`, ``framework`` set): each record holds
    the scenario's changes (under their own keys), ``total``, ``grade``
    (优/良/中/差) and every indicator's points under its key. A rule's sweep
    (:func:`sweep_rule`, ``indicator`` set): the scenario's inputs and ``points``.
    """

    framework: Framework | None
    records: tuple[dict[str, Any], ...]
    indicator: Indicator | None = None

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        try:
            import pandas
        except ImportError:  # pragma: no cover - depends on the environment
            raise InputError("to_pandas needs pandas: pip install pandas") from None
        return pandas.DataFrame.from_records(list(self.records))


def sweep(
    department: Department,
    scenarios: Sequence[Scenario],
    *,
    framework: Framework | None = None,
) -> SweepResult:
    """Evaluate *department* once per scenario.

    Args:
        department: the base department (its inputs and overrides).
        scenarios: changes per scenario, ``{"indicator.input": value}``.
        framework: evaluate on this framework instead of the department's own.

    Raises:
        UnknownKeyError: a scenario names an unknown indicator.
        InputError: a changed input is unusable (naming the scenario's number).
    """
    fw = framework or department.resolve_framework()
    base_inputs = department.inputs
    overrides = department.overrides
    evaluation = evaluate(fw, base_inputs, overrides)
    base = dict(evaluation.points)
    grades = fw.grades
    records: list[dict[str, Any]] = []
    paths: dict[str, tuple[str, str]] = {}
    with decimal.localcontext(CONTEXT):
        for number, scenario in enumerate(scenarios, 1):
            changed: dict[str, dict[str, object]] = {}
            for path, value in scenario.items():
                if path not in paths:
                    paths[path] = _split(path, fw)
                key, name = paths[path]
                changed.setdefault(key, dict(base_inputs[key]))[name] = value
            points = dict(base)
            total = evaluation.total
            for key, inputs in changed.items():
                indicator = fw.indicator(key)
                try:
                    new = evaluate_rule(indicator, inputs).points
                    if key in overrides:
                        new = overrides[key].final_points(indicator.weight, key)
                except JixiaoError as error:
                    located = error.located(row=indicator.name, field=f"inputs.{key}")
                    raise located.located(source=f"scenario {number}") from None
                total += new - points[key]
                points[key] = new
            records.append(
                {**scenario, "total": total, "grade": grades.grade(total).value, **points}
            )
    return SweepResult(fw, tuple(records))


def sweep_rule(
    indicator: Indicator,
    scenarios: Sequence[Mapping[str, object]],
    *,
    base: Mapping[str, object] | None = None,
) -> SweepResult:
    """Score one indicator's rule once per scenario: its inputs (over *base*).

    Each record holds the scenario's inputs and ``points``. The rule is scored
    by the one evaluator without a trace (no :class:`~jixiao.Score` objects):
    the same points as its rule function gives, for a fraction of the work.

    >>> from jixiao import framework
    >>> staff = framework("shenzhen-luohu-2023").indicator("non_establishment_staff")
    >>> result = sweep_rule(staff, grid(non_establishment=[0, 1, 2]), base={"established": 19})
    >>> [(r["non_establishment"], r["points"]) for r in result.records]
    [(0, Decimal('1.00')), (1, Decimal('0.50')), (2, Decimal('0.50'))]

    Raises:
        InputError: a scenario's inputs are unusable (naming its number).
    """
    given = dict(base or {})
    records: list[dict[str, Any]] = []
    with decimal.localcontext(CONTEXT):
        for number, scenario in enumerate(scenarios, 1):
            try:
                points = evaluate_rule(indicator, {**given, **scenario}).points
            except JixiaoError as error:
                located = error.located(row=indicator.name, field=f"inputs.{indicator.key}")
                raise located.located(source=f"scenario {number}") from None
            records.append({**scenario, "points": points})
    return SweepResult(None, tuple(records), indicator)


def plot_points(
    department: Department,
    path: str,
    values: Sequence[object],
    *,
    ax: Any = None,
) -> Any:
    """Plot an indicator's points against one of its inputs, marking where the
    points step (band edges) with dashed lines. Needs matplotlib.

    Args:
        department: the base department.
        path: ``"indicator.input"`` to vary.
        values: the input values, in increasing order (numbers or text).
        ax: a matplotlib Axes to draw on (default: a new figure).

    Returns:
        The Axes.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("plot_points needs matplotlib: pip install matplotlib") from None
    use_cjk_font()  # Chinese labels drawn, not boxes
    key = path.partition(".")[0]
    result = sweep(department, [{path: v} for v in values])
    xs = [float(Decimal(str(v).rstrip("%"))) for v in values]
    ys = [float(r[key]) for r in result.records]
    axes = ax if ax is not None else plt.subplots()[1]
    axes.step(xs, ys, where="post", label=key)
    for (_x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        if y0 != y1:
            axes.axvline(x1, linestyle="--", linewidth=0.8, color="grey")
    axes.set_xlabel(path)
    axes.set_ylabel("points 得分")
    return axes
