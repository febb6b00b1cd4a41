"""Scenario sweeps: evaluate a framework over many input variants, as columns.

A scenario changes some inputs of a base department (``{"indicator.input":
value}``, or a part of a list input: ``"budget_execution.quarters[2].spent"``);
:func:`sweep` scores every scenario and returns a :class:`SweepResult` of
columns: each indicator's points and the total in exact whole cents, and the
grade. Scenarios come as a list of changes, as a lazy :func:`grid` of axes
(never built as a list: a million scenarios are a few axes), or as
:func:`columns` of values (with :func:`decimals` for exact amounts held as
integers).

Indicators whose inputs no scenario changes keep the base department's score:
the rules are pure, so this is the number a full evaluation gives. With the
optional extra ``[fast]`` (numpy), the changed indicators are scored by the
column evaluator (``jixiao._columns``), which reads the same rule data
over columns in float64 with a proven error bound, and re-scores with the
one evaluator every scenario whose value lies within that bound of a band
edge, a cap, a condition or a half-cent: the points are the Decimal
evaluator's, always (see :doc:`/guides/whatif`). On a grid, each changed
indicator is scored once per combination of its own axes. Without numpy,
every changed indicator is scored by the one evaluator, scenario by
scenario, with the same results.

``to_pandas()`` needs pandas, :func:`plot_points` and :func:`plot_total`
matplotlib (optional; imported only when called).

>>> import jixiao
>>> base = jixiao.load_department("examples/luohu-2023-department.toml")
>>> result = sweep(base, grid(**{"non_establishment_staff.non_establishment": [0, 1, 2]}))
>>> [(r["non_establishment_staff.non_establishment"], r["total"]) for r in result.records]
[(0, Decimal('97.11')), (1, Decimal('97.11')), (2, Decimal('97.11'))]
"""

from __future__ import annotations

import decimal
import importlib.util
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from jixiao._bars import tqdm_bar
from jixiao._evaluator import evaluate_rule
from jixiao._sweep_plot import draw_points, plot_total
from jixiao._sweep_result import SweepResult, compact
from jixiao._sweep_source import Columns, Decimals, Grid, Path, decimals, parse_path, with_changes
from jixiao.department import Department, Framework, evaluate
from jixiao.errors import JixiaoError
from jixiao.quantities import CONTEXT
from jixiao.spec.rules import Indicator

FAST = importlib.util.find_spec("numpy") is not None
"""Whether the column evaluator is used (numpy, the ``[fast]`` extra, is installed)."""
if FAST:
    import jixiao._sweep_engine as _engine

__all__ = [
    "Columns",
    "Decimals",
    "Grid",
    "SweepResult",
    "columns",
    "decimals",
    "grid",
    "plot_points",
    "plot_total",
    "sweep",
    "sweep_rule",
]

Scenario = Mapping[str, object]
"""Changes of one scenario: ``{"indicator.input": value}``."""
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each chunk of scenarios."""

CHUNK = 1 << 16
"""Scenarios evaluated at a time by the column evaluator (bounds its memory)."""


def grid(**axes: Iterable[object]) -> Grid:
    """Every combination of the axes' values (a Cartesian grid), built lazily:
    a sequence whose scenario *i* is made when read.

    >>> list(grid(**{"a.x": [1, 2], "b.y": ["p"]}))
    [{'a.x': 1, 'b.y': 'p'}, {'a.x': 2, 'b.y': 'p'}]
    """
    return Grid({k: tuple(v) for k, v in axes.items()})


def columns(**values: Sequence[object] | Decimals) -> Columns:
    """Scenarios given as columns of equal length: scenario *i* gives each
    path its column's *i*-th value (a list, a numpy array of counts, or
    :func:`decimals`).

    >>> list(columns(**{"a.x": [1, 2], "b.y": ["p", "q"]}))
    [{'a.x': 1, 'b.y': 'p'}, {'a.x': 2, 'b.y': 'q'}]
    """
    return Columns(values)


def _paths(scenarios: Sequence[Scenario], fw: Framework | None) -> list[Path]:
    if isinstance(scenarios, Grid):
        names: Iterable[str] = scenarios.axes
    elif isinstance(scenarios, Columns):
        names = scenarios.columns
    else:
        names = dict.fromkeys(k for s in scenarios for k in s)
    return [parse_path(name, fw) for name in names]


def _reporter(progress: Progress | None, size: int) -> tuple[Progress | None, Any]:
    """*progress*, or a tqdm bar for a long sweep when tqdm is installed."""
    if progress is not None or size < 200_000:
        return progress, None
    bar = tqdm_bar(size, "scenarios")
    if bar is None:
        return None, None

    def report(done: int, total: int) -> None:
        bar.update(done - bar.n)

    return report, bar


def sweep(
    department: Department,
    scenarios: Sequence[Scenario],
    *,
    framework: Framework | None = None,
    progress: Progress | None = None,
    chunk: int = CHUNK,
) -> SweepResult:
    """Evaluate *department* once per scenario.

    Args:
        department: the base department (its inputs and overrides).
        scenarios: changes per scenario, ``{"indicator.input": value}``: a
            list, a :func:`grid` or :func:`columns`.
        framework: evaluate on this framework instead of the department's own.
        progress: called as ``progress(done, total)`` as chunks complete (a
            tqdm bar is shown for long sweeps when tqdm is installed).
        chunk: scenarios evaluated at a time (bounds the memory used).

    Raises:
        UnknownKeyError: a scenario names an unknown indicator.
        InputError: a changed input is unusable (naming the scenario's number).
    """
    fw = framework or department.resolve_framework()
    evaluation = evaluate(fw, department.inputs, department.overrides)
    base = {key: int(points.scaleb(2)) for key, points in evaluation.points.items()}
    paths = _paths(scenarios, fw)
    changed: dict[str, list[Path]] = {}
    for path in paths:
        changed.setdefault(path.key, []).append(path)
    report, bar = _reporter(progress, len(scenarios))
    try:
        if FAST:
            return _sweep_fast(department, fw, scenarios, changed, base, chunk, report)
        return _sweep_plain(department, fw, scenarios, changed, base, report)
    finally:
        if bar is not None:
            bar.close()


def _floors(fw: Framework) -> list[int]:
    """Each grade's lowest total in whole cents (totals are whole cents)."""
    return [
        int((b.interval.lower or Decimal(0)).scaleb(2).to_integral_value(decimal.ROUND_CEILING))
        for b in fw.grades.bands
    ]


def _below_every_grade(fw: Framework, cents: int, number: int) -> JixiaoError:
    try:
        fw.grades.grade(Decimal(cents).scaleb(-2))
    except JixiaoError as error:
        return error.located(source=f"scenario {number}")
    raise AssertionError("a total below every grade")  # pragma: no cover


def _sweep_fast(
    department: Department,
    fw: Framework,
    scenarios: Sequence[Scenario],
    changed: Mapping[str, list[Path]],
    base: Mapping[str, int],
    chunk: int,
    progress: Progress | None,
) -> SweepResult:
    import numpy

    overrides = department.overrides
    rules = {
        key: (fw.indicator(key), department.inputs.get(key, {}), paths)
        for key, paths in changed.items()
    }
    grid_progress = progress if isinstance(scenarios, Grid) else None
    with decimal.localcontext(CONTEXT):
        columns = _engine.sweep_columns(
            rules, scenarios, chunk, None if grid_progress else progress
        )
        for key in overrides:
            if key in columns:
                final = overrides[key].final_points(fw.indicator(key).weight, key)
                columns[key] = int(final.scaleb(2))  # type: ignore[assignment]
    size = len(scenarios)
    shape = scenarios.shape if isinstance(scenarios, Grid) else ()
    totals = numpy.empty(size, dtype=numpy.int64)
    unchanged = sum(v for k, v in base.items() if k not in columns)
    for start in range(0, size, chunk):
        rows = slice(start, min(size, start + chunk))
        total = numpy.full(rows.stop - start, unchanged, dtype=numpy.int64)
        for value in columns.values():
            total += value if isinstance(value, int) else value.column(shape, rows)
        totals[rows] = total
        if grid_progress is not None:
            grid_progress(rows.stop, size)
    floors = _floors(fw)
    codes = _engine.grade_codes(totals, floors)
    outside = numpy.flatnonzero(codes == len(floors))
    if len(outside):
        raise _below_every_grade(fw, int(totals[outside[0]]), int(outside[0]) + 1)
    points: dict[str, Any] = {**base, **columns}
    return SweepResult(fw, scenarios, points, totals, codes, None, tuple(changed))


def _sweep_plain(
    department: Department,
    fw: Framework,
    scenarios: Sequence[Scenario],
    changed: Mapping[str, list[Path]],
    base: Mapping[str, int],
    progress: Progress | None,
) -> SweepResult:
    overrides = department.overrides
    columns: dict[str, list[int]] = {key: [] for key in changed}
    totals: list[int] = []
    codes: list[int] = []
    floors = _floors(fw)
    parsed = {p.text: p for paths in changed.values() for p in paths}
    unchanged = sum(v for k, v in base.items() if k not in changed)
    size = len(scenarios)
    with decimal.localcontext(CONTEXT):
        for number, scenario in enumerate(scenarios, 1):
            total = unchanged
            by_key: dict[str, list[tuple[Path, object]]] = {k: [] for k in changed}
            for text, value in scenario.items():
                path = parsed[text]
                by_key[path.key].append((path, value))
            for key, changes in by_key.items():
                indicator = fw.indicator(key)
                try:
                    inputs = with_changes(department.inputs.get(key, {}), changes)
                    new = evaluate_rule(indicator, inputs).points
                    if key in overrides:
                        new = overrides[key].final_points(indicator.weight, key)
                except JixiaoError as error:
                    located = error.located(row=indicator.name, field=f"inputs.{key}")
                    raise located.located(source=f"scenario {number}") from None
                cents = int(new.scaleb(2))
                columns[key].append(cents)
                total += cents
            totals.append(total)
            code = next((i for i, f in enumerate(floors) if total >= f), len(floors))
            if code == len(floors):
                raise _below_every_grade(fw, total, number)
            codes.append(code)
            if progress is not None and (number % CHUNK == 0 or number == size):
                progress(number, size)
    points: dict[str, Any] = {**base, **{k: compact(v) for k, v in columns.items()}}
    return SweepResult(fw, scenarios, points, compact(totals), codes, None, tuple(changed))


def sweep_rule(
    indicator: Indicator,
    scenarios: Sequence[Mapping[str, object]],
    *,
    base: Mapping[str, object] | None = None,
    progress: Progress | None = None,
    chunk: int = CHUNK,
) -> SweepResult:
    """Score one indicator's rule once per scenario: its inputs (over *base*).

    Each record holds the scenario's inputs and ``points``. Scenarios are a
    list, a :func:`grid` or :func:`columns` whose paths are the rule's
    input names (or their parts, ``"quarters[2].spent"``); the rule is
    scored as :func:`sweep` scores a changed indicator.

    >>> from jixiao import framework
    >>> staff = framework("shenzhen-luohu-2023").indicator("non_establishment_staff")
    >>> result = sweep_rule(staff, grid(non_establishment=[0, 1, 2]), base={"established": 19})
    >>> [(r["non_establishment"], r["points"]) for r in result.records]
    [(0, Decimal('1.00')), (1, Decimal('0.50')), (2, Decimal('0.50'))]

    Raises:
        InputError: a scenario's inputs are unusable (naming its number).
    """
    given = dict(base or {})
    prefix = f"{indicator.key}."
    named = _prefixed(scenarios, prefix)
    paths = _paths(named, None)
    if FAST:
        rules = {indicator.key: (indicator, given, paths)}
        with decimal.localcontext(CONTEXT):
            cents = _engine.sweep_columns(rules, named, chunk, progress)[indicator.key]
        return SweepResult(None, scenarios, {"points": cents}, indicator=indicator)
    values: list[int] = []
    parsed = {p.text: p for p in paths}
    with decimal.localcontext(CONTEXT):
        for number, scenario in enumerate(named, 1):
            try:
                changes = [(parsed[k], v) for k, v in scenario.items()]
                points = evaluate_rule(indicator, with_changes(given, changes)).points
            except JixiaoError as error:
                located = error.located(row=indicator.name, field=f"inputs.{indicator.key}")
                raise located.located(source=f"scenario {number}") from None
            values.append(int(points.scaleb(2)))
            if progress is not None and (number % CHUNK == 0 or number == len(named)):
                progress(number, len(named))
    return SweepResult(None, scenarios, {"points": compact(values)}, indicator=indicator)


def _prefixed(scenarios: Sequence[Mapping[str, object]], prefix: str) -> Sequence[Scenario]:
    """A rule's scenarios (keyed by input) keyed as a department's."""
    if isinstance(scenarios, Grid):
        return Grid({prefix + k: v for k, v in scenarios.axes.items()})
    if isinstance(scenarios, Columns):
        return Columns({prefix + k: v for k, v in scenarios.columns.items()})
    return [{prefix + k: v for k, v in s.items()} for s in scenarios]


def plot_points(
    department: Department,
    path: str,
    values: Sequence[object],
    *,
    ax: Any = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Plot an indicator's points against one of its inputs, marking where the
    points step (band edges) with dashed lines. Needs matplotlib.

    Args:
        department: the base department.
        path: ``"indicator.input"`` to vary.
        values: the input values, in increasing order (numbers or text).
        ax: a matplotlib Axes to draw on (default: a new figure).
        labels: text for the path, ``"points"`` and the indicator's key.

    Returns:
        The Axes.
    """
    key = path.partition(".")[0]
    result = sweep(department, grid(**{path: values}))
    xs = [float(Decimal(str(v).strip().rstrip("%"))) for v in values]
    ys = [row[key] for row in result]
    return draw_points(xs, ys, key=key, path=path, ax=ax, labels=labels)
