"""The result of a sweep, held as columns (private; :class:`SweepResult` is
re-exported by :mod:`jixiao.sweep`)."""

from __future__ import annotations

import array
import html
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from jixiao._sweep_source import Columns, Decimals, Grid
from jixiao.department import Framework
from jixiao.errors import InputError
from jixiao.spec.rules import Indicator

__all__ = ["SweepResult"]

_PREVIEW = 5


def _decimal(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


@attrs.frozen(eq=False, repr=False)
class SweepResult:
    """A sweep's results as columns: exact points in whole cents, not a record
    per scenario.

    A department's sweep (:func:`~jixiao.sweep.sweep`, ``framework`` set)
    holds every indicator's points (a constant for those the scenarios leave
    alone), the total and the grade of every scenario; a rule's sweep
    (:func:`~jixiao.sweep.sweep_rule`, ``indicator`` set) holds ``points``.

    Read it by :meth:`cents` (exact, int64), row by row (``result[i]``, a
    record), as :attr:`records` (every record, built when first read: slow
    for millions), :meth:`grade_counts`, :meth:`to_pandas` or
    :func:`~jixiao.sweep.plot_total`.
    """

    framework: Framework | None
    scenarios: Sequence[Mapping[str, object]]
    points: Mapping[str, Any]
    """Each indicator's points in cents: an ``int`` (every scenario), or a column."""
    totals: Any = None
    """Every scenario's total in cents (int64), for a department's sweep."""
    grade_codes: Any = None
    """Every scenario's grade as its position in the framework's grades."""
    indicator: Indicator | None = None
    changed: tuple[str, ...] = ()
    """The indicators the scenarios change, in order."""

    def __len__(self) -> int:
        return len(self.scenarios)

    def _column(self, key: str, rows: slice) -> Any:
        value = self.points[key]
        count = rows.stop - rows.start
        if isinstance(value, int):
            return [value] * count
        column = getattr(value, "column", None)
        if column is not None:
            shape = self.scenarios.shape if isinstance(self.scenarios, Grid) else ()
            return column(shape, rows)
        return value[rows]

    def cents(self, key: str = "total") -> Any:
        """The exact points of *key* (an indicator, ``"points"`` for a rule's
        sweep, or ``"total"``) in whole cents, one per scenario: an int64
        numpy array (a list without numpy)."""
        if key == "total" and self.totals is not None:
            return self.totals
        if key not in self.points:
            raise InputError("no such column", zh="没有这一列", field="key", value=key)
        column = self._column(key, slice(0, len(self)))
        try:
            import numpy
        except ImportError:  # pragma: no cover - depends on the environment
            return list(column)
        return numpy.asarray(column, dtype=numpy.int64)

    def grade(self, row: int) -> str:
        """The grade (优/良/中/差) of scenario *row* (from 0)."""
        if self.framework is None or self.grade_codes is None:
            raise InputError("a rule's sweep has no grades", zh="单条评分标准的情景扫描没有等级")
        return self.framework.grades.bands[int(self.grade_codes[row])].grade.value

    def grade_counts(self) -> dict[str, int]:
        """How many scenarios earn each grade, highest grade first."""
        if self.framework is None or self.grade_codes is None:
            raise InputError("a rule's sweep has no grades", zh="单条评分标准的情景扫描没有等级")
        counts = Counter(int(c) for c in self.grade_codes) if len(self) < 10_000 else None
        if counts is None:
            import numpy

            found = numpy.bincount(numpy.asarray(self.grade_codes, dtype=numpy.int64))
            counts = Counter({i: int(n) for i, n in enumerate(found)})
        return {b.grade.value: counts.get(i, 0) for i, b in enumerate(self.framework.grades.bands)}

    def __getitem__(self, row: int) -> dict[str, Any]:
        """Scenario *row*'s record: its changes, ``total``, ``grade`` and every
        indicator's points (a rule's sweep: its inputs and ``points``)."""
        size = len(self)
        if not -size <= row < size:
            raise IndexError(row)
        row %= size
        scenario = dict(self.scenarios[row])
        rows = slice(row, row + 1)
        points = {k: _decimal(self._column(k, rows)[0]) for k in self.points}
        if self.framework is None:
            return {**scenario, **points}
        return {
            **scenario,
            "total": _decimal(self.totals[row]),
            "grade": self.grade(row),
            **points,
        }

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[row] for row in range(len(self)))

    @property
    def records(self) -> tuple[dict[str, Any], ...]:
        """Every scenario's record (as ``result[i]``), built when read."""
        return tuple(self)

    def __repr__(self) -> str:
        what = (
            self.framework.id
            if self.framework is not None
            else self.indicator and self.indicator.key
        )
        text = f"<SweepResult {what}: {len(self):,} scenarios"
        if self.changed:
            text += f" changing {', '.join(self.changed)}"
        if self.framework is not None and len(self):
            counts = " ".join(f"{g} {n:,}" for g, n in self.grade_counts().items() if n)
            text += f"; {counts}"
        return text + ">"

    def _preview_rows(self) -> list[int]:
        size = len(self)
        if size <= 2 * _PREVIEW:
            return list(range(size))
        return [*range(_PREVIEW), -1, *range(size - _PREVIEW, size)]

    def _repr_html_(self) -> str:
        names = list(self.scenarios[0]) if len(self) else []
        shown = [*names, *(("total", "grade") if self.framework is not None else ()), *self.changed]
        if self.framework is None:
            shown.append("points")
        head = "".join(f"<th>{html.escape(n)}</th>" for n in ["#", *shown])
        body = []
        for row in self._preview_rows():
            if row < 0:
                body.append(f"<tr><td colspan='{len(shown) + 1}'>…</td></tr>")
                continue
            record = self[row]
            cells = "".join(f"<td>{html.escape(str(record.get(n, '')))}</td>" for n in shown)
            body.append(f"<tr><td>{row + 1}</td>{cells}</tr>")
        summary = ""
        if self.framework is not None and len(self):
            summary = (
                "<p>" + " · ".join(f"{g} {n:,}" for g, n in self.grade_counts().items()) + "</p>"
            )
        title = html.escape(repr(self))
        return f"<p>{title}</p><table><tr>{head}</tr>{''.join(body)}</table>{summary}"

    def inputs(self, path: str) -> list[object]:
        """The values the scenarios give *path*, one per scenario."""
        source = self.scenarios
        if isinstance(source, Columns):
            column = source.columns[path]
            return [column[i] for i in range(len(self))]
        return [s.get(path) for s in source]

    def numbers(self, path: str) -> Any:
        """The values of *path* as floats, for plotting (percent text as its
        percent): a float64 numpy array."""
        import numpy

        source = self.scenarios
        if isinstance(source, Grid):
            axis = list(source.axes).index(path)
            values = numpy.array([_number(v) for v in source.axes[path]], dtype=numpy.float64)
            codes = numpy.unravel_index(numpy.arange(len(self)), source.shape)[axis]
            return values[codes]
        column = source.columns[path] if isinstance(source, Columns) else None
        if isinstance(column, Decimals):
            return column.units / float(10**column.places)
        return numpy.array([_number(v) for v in self.inputs(path)], dtype=numpy.float64)

    def to_pandas(self, *, decimal: bool = False) -> Any:
        """The sweep as a pandas DataFrame (needs pandas): each changed path
        (as floats, for plotting, where its values are numbers), ``total``
        and each changed indicator's points as floats, ``grade``, and the
        exact values as whole cents (``total_cents``, ``<key>_cents``;
        int64). With *decimal*, also ``total_exact`` and ``<key>_exact`` as
        ``Decimal`` (slow for millions of rows)."""
        try:
            import numpy
            import pandas
        except ImportError:  # pragma: no cover - depends on the environment
            raise InputError(
                "to_pandas needs pandas and numpy: pip install 'jixiao[notebook]'",
                zh="to_pandas 需要 pandas 和 numpy：pip install 'jixiao[notebook]'",
            ) from None
        data: dict[str, Any] = {}
        names = (
            list(self.scenarios.axes)
            if isinstance(self.scenarios, Grid)
            else (
                list(self.scenarios.columns)
                if isinstance(self.scenarios, Columns)
                else list(dict.fromkeys(k for s in self.scenarios for k in s))
            )
        )
        for path in names:
            try:
                data[path] = self.numbers(path)
            except (InputError, ValueError, TypeError, ArithmeticError):
                data[path] = self.inputs(path)
        keys = ["total", *self.changed] if self.framework is not None else ["points"]
        exact: dict[str, Any] = {}
        for key in keys:
            cents = self.cents(key)
            data[key] = numpy.asarray(cents, dtype=numpy.float64) / 100
            if key == "total":
                labels = [b.grade.value for b in self.framework.grades.bands]  # type: ignore[union-attr]
                data["grade"] = pandas.Categorical.from_codes(
                    numpy.asarray(self.grade_codes, dtype=numpy.int8), labels
                )
            exact[f"{key}_cents"] = numpy.asarray(cents, dtype=numpy.int64)
            if decimal:
                exact[f"{key}_exact"] = [_decimal(c) for c in cents]
        return pandas.DataFrame({**data, **exact})


def _number(value: object) -> float:
    """A scenario's value as a float for plotting ("95%" → 95.0)."""
    if isinstance(value, str):
        return float(Decimal(value.strip().rstrip("%").replace(",", "")))
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputError("not a number", zh="不是数字", value=value)
    return float(value)


def compact(values: Sequence[int]) -> array.array[int]:
    """Cents as a compact array (the sweep without numpy)."""
    return array.array("q", values)
