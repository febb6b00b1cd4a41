"""Where a sweep's scenarios come from (private; :mod:`jixiao.sweep` is the
public face): a lazy grid of axes, columns of values, or a list of changes;
the paths they change; and one scenario's inputs, built when asked for.

A path names an input of an indicator, ``"indicator.input"``, or a part of a
list input: ``"budget_execution.quarters[2].spent"`` (the second quarter's
spending; elements count from 1) or ``"budget_execution.progress[3]"``.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, overload

import attrs

from jixiao.department import Framework
from jixiao.errors import InputError

__all__ = [
    "BASE",
    "Columns",
    "Decimals",
    "Grid",
    "Path",
    "decimals",
    "parse_path",
    "with_changes",
]

_PATH = re.compile(
    r"^(?P<key>[^.\[\]]+)\.(?P<name>[A-Za-z_]\w*)(?:\[(?P<index>[1-9]\d*)\])?(?:\.(?P<field>[A-Za-z_]\w*))?$"
)

BASE: Any = type("Base", (), {"__repr__": lambda self: "BASE"})()
"""A row that leaves a path as the base department has it."""


@attrs.frozen
class Path:
    """A changed input: its indicator, input, element (from 1) and field."""

    text: str
    key: str
    name: str
    index: int | None = None
    field: str | None = None


def parse_path(text: str, fw: Framework | None) -> Path:
    """*text* as a :class:`Path` (its indicator checked against *fw*).

    Raises:
        InputError: not ``"indicator.input"`` (with an optional ``[n]`` and field).
        UnknownKeyError: *fw* has no such indicator.
    """
    match = _PATH.match(text) if isinstance(text, str) else None
    if match is None or (match["field"] and not match["index"]):
        raise InputError(
            "a scenario key is 'indicator.input' (or 'indicator.input[n].field')",
            zh="情景的键形如 'indicator.input'（或 'indicator.input[n].field'）",
            field="scenario",
            value=text,
        )
    if fw is not None:
        fw.indicator(match["key"])
    index = match["index"]
    return Path(text, match["key"], match["name"], int(index) if index else None, match["field"])


def with_changes(
    base: Mapping[str, object], changes: Sequence[tuple[Path, object]]
) -> dict[str, object]:
    """One indicator's inputs: *base* with *changes* (whole inputs first, then
    elements and fields of list inputs, each on a copy).

    Raises:
        InputError: a part of a list input the base does not hold.
    """
    inputs = dict(base)
    for path, value in sorted(changes, key=lambda c: c[0].index is not None):
        if value is BASE:
            continue
        if path.index is None:
            inputs[path.name] = value
            continue
        entries = inputs.get(path.name)
        if not isinstance(entries, list | tuple) or len(entries) < path.index:
            raise InputError(
                "the base holds no such element to change",
                zh="基准中没有要改变的这一项",
                field=f"inputs.{path.key}.{path.name}",
                value=path.text,
            )
        entries = list(entries)
        if path.field is None:
            entries[path.index - 1] = value
        else:
            entry = entries[path.index - 1]
            if not isinstance(entry, Mapping):
                raise InputError(
                    "the base element is not a table",
                    zh="基准中的这一项不是键值表",
                    field=path.text,
                    value=entry,
                )
            entries[path.index - 1] = {**entry, path.field: value}
        inputs[path.name] = entries
    return inputs


class _Scenarios(Sequence[dict[str, object]]):
    """A sequence of scenarios built one at a time (a million are never held):
    the indexing and slicing that :class:`Grid` and :class:`Columns` share;
    each says how to build the scenario at a non-negative index (``_at``)."""

    _size: int

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> dict[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, object]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if not -self._size <= index < self._size:
            raise IndexError(index)
        return self._at(index % self._size)

    def _at(self, index: int) -> dict[str, object]:
        raise NotImplementedError


class Grid(_Scenarios):
    """Every combination of the axes' values, in order (the last axis varies
    fastest), never held as a list: scenario *i* is built when asked for.

    >>> g = Grid({"a.x": [1, 2], "b.y": ["p", "q"]})
    >>> len(g), g[1], g.shape
    (4, {'a.x': 1, 'b.y': 'q'}, (2, 2))
    """

    def __init__(self, axes: Mapping[str, Sequence[object]]) -> None:
        self.axes: dict[str, tuple[object, ...]] = {k: tuple(v) for k, v in axes.items()}
        self.shape = tuple(len(v) for v in self.axes.values())
        self._size = math.prod(self.shape)

    def _at(self, index: int) -> dict[str, object]:
        codes = []
        for size in reversed(self.shape):
            index, code = divmod(index, size)
            codes.append(code)
        return {k: v[c] for (k, v), c in zip(self.axes.items(), reversed(codes), strict=True)}

    def __iter__(self) -> Iterator[dict[str, object]]:
        names = list(self.axes)
        for values in itertools.product(*self.axes.values()):
            yield dict(zip(names, values, strict=True))

    def __repr__(self) -> str:
        shape = " × ".join(f"{k} ({n})" for k, n in zip(self.axes, self.shape, strict=True))
        return f"<Grid of {self._size:,} scenarios: {shape}>"


@attrs.frozen(eq=False)
class Decimals:
    """Exact decimal numbers held as integers: ``units × 10^-places`` (int64
    units; ``places=2`` holds amounts to the cent). A column of a
    :class:`Columns` that a million scenarios can share without a Decimal
    object per row."""

    units: Any
    places: int = 2

    def __len__(self) -> int:
        return len(self.units)

    def __getitem__(self, row: int) -> object:
        return Decimal(int(self.units[row])).scaleb(-self.places)


def decimals(units: Any, places: int = 2) -> Decimals:
    """A column of exact decimals from integers (needs numpy):
    ``decimals(numpy.array([123456, 99]), 2)`` holds 1234.56 and 0.99."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError(
            "decimals() needs numpy: pip install 'jixiao[fast]'",
            zh="decimals() 需要 numpy：pip install 'jixiao[fast]'",
        ) from None
    array = numpy.asarray(units)
    if array.ndim != 1 or array.dtype.kind not in "iu":
        raise InputError(
            "expected a one-dimensional array of integers", zh="应为一维整数数组", field="units"
        )
    if not isinstance(places, int) or not 0 <= places <= 22:
        raise InputError(
            "places is a whole number from 0 to 22",
            zh="places 应为 0 至 22 的整数",
            field="places",
            value=places,
        )
    return Decimals(array.astype(numpy.int64), places)


class Columns(_Scenarios):
    """Scenarios given column by column: scenario *i* changes each path to
    its column's *i*-th value. Columns are sequences of equal length, or
    :func:`decimals` columns.

    >>> c = Columns({"a.x": [1, 2, 3], "b.y": ["p", "q", "r"]})
    >>> len(c), c[2]
    (3, {'a.x': 3, 'b.y': 'r'})
    """

    def __init__(self, columns: Mapping[str, Sequence[object] | Decimals]) -> None:
        self.columns = dict(columns)
        lengths = {len(c) for c in self.columns.values()}
        if len(lengths) > 1:
            raise InputError(
                "the columns differ in length",
                zh="各列长度不同",
                field="columns",
                value=sorted(lengths),
            )
        self._size = lengths.pop() if lengths else 0

    def _at(self, index: int) -> dict[str, object]:
        return {k: _plain(c[index]) for k, c in self.columns.items()}

    def __repr__(self) -> str:
        return f"<Columns of {self._size:,} scenarios: {', '.join(self.columns)}>"


def _plain(value: object) -> object:
    """A numpy integer as a Python ``int`` (what the readers take)."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        return item()
    return copy.copy(value) if isinstance(value, dict) else value
