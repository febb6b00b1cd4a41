"""A sweep evaluated over columns (private; needs numpy; :mod:`jixiao.sweep`
chooses it when numpy is importable).

Each indicator that the scenarios change is scored by the column evaluator
(:mod:`jixiao._columns`) on the distinct combinations of what changes it:
for a :class:`~jixiao._sweep_source.Grid`, the sub-grid of its own axes
(a rule read by one axis of 100 values is scored 100 times, whatever the
grid's size); for columns or a list of scenarios, the distinct rows of each
chunk. Rows the column evaluator flags, and every row of a rule without a
column form, are scored by the one evaluator (:func:`evaluate_rule`).
Points are whole cents (int64), so totals are exact integer sums, taken
chunk by chunk: memory holds one chunk's work, the totals and the grades.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from jixiao._column_readers import NoColumnForm
from jixiao._column_values import Coded, Fixed
from jixiao._columns import column_points
from jixiao._evaluator import evaluate_rule
from jixiao._sweep_source import BASE, Columns, Decimals, Grid, Path, with_changes
from jixiao.errors import JixiaoError
from jixiao.spec.rules import Indicator

__all__ = ["Changed", "RuleFrame", "grade_codes", "score_rule_rows", "sweep_columns"]

Ints = npt.NDArray[np.int64]
Raw = Coded | Fixed
Progress = Callable[[int, int], None]


@attrs.frozen(eq=False)
class Changed:
    """One changed indicator's cents: ``cents[index]`` for the scenarios,
    where *index* is the row itself (``axes`` empty) or the position in the
    sub-grid of the grid's *axes*."""

    cents: Ints
    axes: tuple[int, ...] = ()

    def column(self, shape: tuple[int, ...], rows: slice) -> Ints:
        """The cents of the scenarios *rows* (of a grid of *shape*, when ``axes``)."""
        if not self.axes:
            return self.cents[rows]
        flat = np.arange(rows.start, rows.stop)
        codes = np.unravel_index(flat, shape)
        sub = np.ravel_multi_index([codes[a] for a in self.axes], [shape[a] for a in self.axes])
        return self.cents[sub]


@attrs.frozen(eq=False)
class RuleFrame:
    """What scoring one rule over some rows needs: its base inputs, the paths
    that change it and their raw columns, and for each row the scenario it
    stands for (the first, when a row stands for several)."""

    indicator: Indicator
    base: Mapping[str, object]
    paths: Sequence[Path]
    raw: Mapping[str, Raw]
    scenario: npt.NDArray[np.intp]

    def inputs(self, row: int) -> dict[str, object]:
        """Row *row*'s inputs, as the one evaluator takes them."""
        changes = []
        for path in self.paths:
            column = self.raw[path.text]
            value = (
                column.decimal(row)
                if isinstance(column, Fixed)
                else column.table[column.codes[row]]
            )
            changes.append((path, value))
        return with_changes(self.base, changes)


def _given(frame: RuleFrame, rows: int) -> dict[str, object]:
    """Each input's column as given: the base, changed by the frame's paths."""
    zero = np.zeros(rows, dtype=np.intp)
    given: dict[str, object] = {name: Coded(zero, (v,)) for name, v in frame.base.items()}
    defaults = {i.name: i.default for i in frame.indicator.inputs}
    whole = {p.name for p in frame.paths if p.index is None}
    for path in frame.paths:
        column = frame.raw[path.text]
        if path.index is None:
            fill = frame.base.get(path.name, defaults.get(path.name))
            given[path.name] = _filled(column, fill)
            continue
        entries = frame.base.get(path.name)
        if path.name in whole or not isinstance(entries, list | tuple):
            raise NoColumnForm("a list changed both whole and in parts")
        current = given[path.name]
        if not isinstance(current, tuple):
            current = tuple(Coded(zero, (e,)) for e in entries)
        if not 1 <= path.index <= len(current):
            raise NoColumnForm("no such element")
        parts = list(current)
        element = entries[path.index - 1]
        if path.field is None:
            parts[path.index - 1] = _filled(column, element)
        else:
            if not isinstance(element, Mapping):
                raise NoColumnForm("a field of an element that is not a table")
            fields = parts[path.index - 1]
            if not isinstance(fields, dict):
                fields = {k: Coded(zero, (v,)) for k, v in element.items()}
            fields[path.field] = _filled(column, element.get(path.field))
            parts[path.index - 1] = fields
        given[path.name] = tuple(parts)
    return given


def _filled(column: Raw, base: object) -> Raw:
    """*column* with its rows that keep the base holding the base's value."""
    if isinstance(column, Coded) and any(v is BASE for v in column.table):
        return Coded(column.codes, tuple(base if v is BASE else v for v in column.table))
    return column


def score_rule_rows(frame: RuleFrame, rows: int) -> tuple[Ints, tuple[int, JixiaoError] | None]:
    """The cents of *frame*'s rows, and the first error (its scenario's index
    and the error), if any row's inputs are unusable."""
    try:
        cents, flagged = column_points(frame.indicator, _given(frame, rows), rows)
    except NoColumnForm:
        cents, flagged = np.zeros(rows, dtype=np.int64), np.ones(rows, dtype=np.bool_)
    failure: tuple[int, JixiaoError] | None = None
    for row in np.flatnonzero(flagged).tolist():
        try:
            points = evaluate_rule(frame.indicator, frame.inputs(row)).points
        except JixiaoError as error:
            scenario = int(frame.scenario[row])
            if failure is None or scenario < failure[0]:
                failure = (scenario, error)
            continue
        cents[row] = int(points.scaleb(2))
    return cents, failure


def grade_codes(totals: Ints, floors: Sequence[int]) -> npt.NDArray[np.int8]:
    """Each total's grade, as the position of its band among *floors* (the
    lowest total of each grade in cents, highest first); ``len(floors)``:
    below every band."""
    codes = np.full(len(totals), len(floors), dtype=np.int8)
    for position in reversed(range(len(floors))):
        codes[totals >= floors[position]] = position
    return codes


def _unique(raw: Mapping[str, Raw], rows: int) -> tuple[dict[str, Raw], Any, Any] | None:
    """The distinct rows of coded columns (when they are fewer than half):
    the columns over them, each row's position among them, and each one's
    first row."""
    if not raw or not all(isinstance(c, Coded) for c in raw.values()):
        return None
    stacked = np.stack([c.codes for c in raw.values()], axis=1)  # type: ignore[union-attr]
    distinct, first, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    if len(distinct) * 2 > rows:
        return None
    columns: dict[str, Raw] = {
        k: Coded(distinct[:, i].astype(np.intp), c.table)  # type: ignore[union-attr]
        for i, (k, c) in enumerate(raw.items())
    }
    return columns, inverse.reshape(-1), first


def _coded(values: Sequence[object]) -> Coded:
    """*values* as a table of distinct values and a code per row."""
    index: dict[object, int] = {}
    table: list[object] = []
    codes = np.empty(len(values), dtype=np.intp)
    for row, value in enumerate(values):
        try:
            key: object = (type(value), value)
            hash(key)
        except TypeError:
            key = ("object", id(value))
        code = index.get(key)
        if code is None:
            code = index[key] = len(table)
            table.append(value)
        codes[row] = code
    return Coded(codes, tuple(table))


def _raw_rows(
    source: Sequence[Mapping[str, object]], paths: Sequence[str], rows: slice
) -> dict[str, Raw]:
    """The raw columns of *paths* over the scenarios *rows*."""
    if isinstance(source, Columns):
        raw: dict[str, Raw] = {}
        for path in paths:
            column = source.columns[path]
            if isinstance(column, Decimals):
                raw[path] = Fixed(column.units[rows], column.places)
            elif isinstance(column, np.ndarray) and column.dtype.kind in "iub":
                table, codes = np.unique(column[rows], return_inverse=True)
                raw[path] = Coded(codes.reshape(-1).astype(np.intp), tuple(table.tolist()))
            else:
                raw[path] = _coded(column[rows])
        return raw
    chunk = source[rows]
    return {path: _coded([s.get(path, BASE) for s in chunk]) for path in paths}


def sweep_columns(
    indicators: Mapping[str, tuple[Indicator, Mapping[str, object], list[Path]]],
    source: Sequence[Mapping[str, object]],
    chunk: int,
    progress: Progress | None,
) -> dict[str, Changed]:
    """The cents of each changed indicator (``key: (indicator, base inputs,
    paths)``) over *source*.

    Raises:
        JixiaoError: the first scenario whose inputs are unusable (its error,
            located at that scenario: see :func:`locate`).
    """
    size = len(source)
    failures: list[tuple[int, int, str, JixiaoError]] = []
    if isinstance(source, Grid):
        return _sweep_grid(indicators, source, chunk, progress)
    arrays = {key: np.zeros(size, dtype=np.int64) for key in indicators}
    order = {key: n for n, key in enumerate(indicators)}
    all_paths = sorted({p.text for _, _, paths in indicators.values() for p in paths})
    for start in range(0, size, chunk):
        rows = slice(start, min(size, start + chunk))
        count = rows.stop - start
        raw_all = _raw_rows(source, all_paths, rows)
        for key, (indicator, base, paths) in indicators.items():
            raw = {p.text: raw_all[p.text] for p in paths}
            unique = _unique(raw, count)
            if unique is None:
                scenario = np.arange(start, rows.stop, dtype=np.intp)
                frame = RuleFrame(indicator, base, paths, raw, scenario)
                cents, failure = score_rule_rows(frame, count)
            else:
                columns, inverse, first = unique
                frame = RuleFrame(indicator, base, paths, columns, first + start)
                distinct, failure = score_rule_rows(frame, len(first))
                cents = distinct[inverse]
            if failure is not None:
                failures.append((failure[0], order[key], key, failure[1]))
            arrays[key][rows] = cents
        if failures:
            raise _located(min(failures, key=lambda f: f[:2]), indicators)
        if progress is not None:
            progress(rows.stop, size)
    return {key: Changed(array) for key, array in arrays.items()}


def _sweep_grid(
    indicators: Mapping[str, tuple[Indicator, Mapping[str, object], list[Path]]],
    source: Grid,
    chunk: int,
    progress: Progress | None,
) -> dict[str, Changed]:
    names = list(source.axes)
    shape = source.shape
    strides = [math.prod(shape[i + 1 :]) for i in range(len(shape))]
    changed: dict[str, Changed] = {}
    failures: list[tuple[int, int, str, JixiaoError]] = []
    for order, (key, (indicator, base, paths)) in enumerate(indicators.items()):
        axes = tuple(sorted({names.index(p.text) for p in paths}))
        sub_shape = [shape[a] for a in axes]
        total = math.prod(sub_shape)
        cents = np.empty(total, dtype=np.int64)
        for start in range(0, total, chunk):
            flat = np.arange(start, min(total, start + chunk))
            codes = np.unravel_index(flat, sub_shape)
            raw: dict[str, Raw] = {
                names[a]: Coded(codes[i].astype(np.intp), source.axes[names[a]])
                for i, a in enumerate(axes)
            }
            scenario = sum(
                (codes[i] * strides[a] for i, a in enumerate(axes)), np.zeros(1, np.intp)
            )
            frame = RuleFrame(indicator, base, paths, raw, np.asarray(scenario, dtype=np.intp))
            part, failure = score_rule_rows(frame, len(flat))
            if failure is not None:
                failures.append((failure[0], order, key, failure[1]))
            cents[flat] = part
        changed[key] = Changed(cents, axes)
    if failures:
        raise _located(min(failures, key=lambda f: f[:2]), indicators)
    if progress is not None:
        progress(len(source), len(source))
    return changed


def _located(
    failure: tuple[int, int, str, JixiaoError],
    indicators: Mapping[str, tuple[Indicator, Mapping[str, object], list[Path]]],
) -> JixiaoError:
    scenario, _, key, error = failure
    indicator = indicators[key][0]
    located = error.located(row=indicator.name, field=f"inputs.{key}")
    return located.located(source=f"scenario {scenario + 1}")
