"""Float columns that carry a proven bound on their error (private; the
arithmetic of :mod:`jixiao._columns`, which needs numpy).

A :class:`Num` is a float64 array ``x`` with an array ``e`` such that the
exact value ``t`` of every row (the value the Decimal evaluator computes)
satisfies ``|x - t| <= e``. Each operation returns a new bound:

- a Decimal converted to float64 is off by at most half an ulp, at most
  ``2⁻⁵³·|x|``; an integer below 2⁵³ is exact;
- ``a ± b``: ``ea + eb`` plus the rounding of the result;
- ``a × b``: ``|a|·eb + |b|·ea + ea·eb`` plus the rounding of the result;
- ``a ÷ b`` (only where ``|b| > eb``): ``(ea + |a/b|·eb) ÷ (|b| − eb)`` plus
  the rounding of the result;
- ``min``, ``max`` with an exact constant, and selecting rows, keep the bound.

Every "rounding of the result" is charged as :data:`EPS` ``·|x|`` with
``EPS = 2⁻⁵⁰``, eight times the unit roundoff 2⁻⁵³: the bound's own
arithmetic (a handful of non-negative sums and products, each off by at most
2⁻⁵³ relatively) is covered by the margin; :data:`TINY` covers underflow.

A decision (which side of an edge, a rounding tie) is taken on the floats only
where the float lies farther than the bound (plus :data:`SLACK`) from the
decision point: then the exact value lies on the same side. Every other row
is *flagged*, and the caller re-scores it with the Decimal evaluator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "EPS",
    "SLACK",
    "TINY",
    "Cat",
    "Coded",
    "Fixed",
    "Flags",
    "Num",
    "constant",
    "from_decimals",
    "from_fixed",
    "near",
    "round_half_up",
    "to_cents",
]

Floats: TypeAlias = npt.NDArray[np.float64]
Ints: TypeAlias = npt.NDArray[np.int64]
Flags: TypeAlias = npt.NDArray[np.bool_]

EPS = 2.0**-50
"""The relative error charged per operation (eight unit roundoffs)."""
TINY = 2.0**-1000
"""An absolute error added to every bound, against underflow."""
SLACK = 1e-9
"""An absolute margin (in the decision's own unit: points, cents, a ratio) by
which every decision point is widened: it covers the evaluator's settling to
20 places and its 34-digit arithmetic, both far below it."""

_EXACT_INT = 2.0**53


@attrs.frozen(eq=False)
class Num:
    """Float values ``x`` and a bound ``e`` on their error (see the module)."""

    x: Floats
    e: Floats

    def __add__(self, other: Num) -> Num:
        x = self.x + other.x
        return Num(x, self.e + other.e + EPS * np.abs(x) + TINY)

    def __sub__(self, other: Num) -> Num:
        x = self.x - other.x
        return Num(x, self.e + other.e + EPS * np.abs(x) + TINY)

    def __mul__(self, other: Num) -> Num:
        x = self.x * other.x
        e = np.abs(self.x) * other.e + np.abs(other.x) * self.e + self.e * other.e
        return Num(x, e + EPS * np.abs(x) + TINY)

    def divide(self, other: Num) -> tuple[Num, Flags]:
        """``self ÷ other``, and the rows whose divisor may be 0 (flagged;
        their value is meaningless)."""
        margin = np.abs(other.x) - other.e
        flagged = margin <= TINY
        safe = np.where(flagged, 1.0, other.x)
        x = self.x / safe
        e = (self.e + np.abs(x) * other.e) / np.where(flagged, 1.0, margin)
        return Num(x, e + EPS * np.abs(x) + TINY), flagged

    def times(self, factor: Decimal) -> Num:
        """``self × factor`` for an exact Decimal constant."""
        return self * constant(factor, len(self.x))

    def clip(self, low: Decimal | None = None, high: Decimal | None = None) -> Num:
        """``min(max(self, low), high)``: 1-Lipschitz, so the bound holds."""
        x = self.x
        if low is not None:
            x = np.maximum(x, float(low))
        if high is not None:
            x = np.minimum(x, float(high))
        extra = EPS * (abs(float(low or 0)) + abs(float(high or 0)))
        return Num(x, self.e + extra)

    def where(self, mask: Flags, other: Num) -> Num:
        """This column where *mask* holds, else *other*."""
        return Num(np.where(mask, self.x, other.x), np.where(mask, self.e, other.e))

    def take(self, index: npt.NDArray[np.intp]) -> Num:
        """The rows *index* (as a gather)."""
        return Num(self.x[index], self.e[index])


@attrs.frozen(eq=False)
class Cat:
    """A column of values from a small table: row *i* is ``table[codes[i]]``.
    Values the float arithmetic does not read (flags, tiers, verdicts) are
    kept so, and so is a column of few distinct numbers when a component
    scores each exactly."""

    codes: npt.NDArray[np.intp]
    table: tuple[Any, ...]


@attrs.frozen(eq=False)
class Coded:
    """An input column as given: row *i* is ``table[codes[i]]`` (Python values)."""

    codes: npt.NDArray[np.intp]
    table: tuple[Any, ...]


@attrs.frozen(eq=False)
class Fixed:
    """An input column of exact decimal numbers: ``units × 10^-places``
    (int64 units: cents at ``places=2``)."""

    units: Ints
    places: int = 0

    def decimal(self, row: int) -> Decimal:
        """Row *row* as the exact Decimal it stands for."""
        return Decimal(int(self.units[row])).scaleb(-self.places)


def constant(value: Decimal | int, rows: int) -> Num:
    """An exact constant as a column of *rows* rows."""
    x = float(value)
    e = 0.0 if x == value and abs(x) < _EXACT_INT else EPS * abs(x) + TINY
    return Num(np.full(rows, x), np.full(rows, e))


def from_decimals(values: tuple[Decimal | int, ...]) -> Num:
    """Exact numbers (a table's) as floats, each off by at most half an ulp."""
    x = np.array([float(v) for v in values], dtype=np.float64)
    exact = np.array([float(v) == v for v in values], dtype=np.bool_)
    return Num(x, np.where(exact, 0.0, EPS * np.abs(x) + TINY))


def from_fixed(column: Fixed) -> tuple[Num, Flags]:
    """*column*'s numbers as floats, and the rows too large to convert exactly
    (flagged). ``units`` below 2⁵³ convert exactly; dividing by the exact
    power of ten ``10^places`` (exact in float64 up to 10²²) rounds once."""
    units = column.units
    flagged = np.abs(units) >= 2**53
    x = units.astype(np.float64)
    if column.places:
        x = x / float(10**column.places)
        return Num(x, EPS * np.abs(x) + TINY), flagged | (column.places > 22)
    return Num(x, np.zeros(len(x))), flagged


def near(num: Num, edge: Decimal) -> Flags:
    """The rows whose exact value may lie on either side of *edge* (or on it)."""
    point = float(edge)
    return np.abs(num.x - point) <= num.e + EPS * abs(point) + TINY + SLACK


def round_half_up(num: Num, quantum: Decimal) -> tuple[Num, Flags]:
    """*num* rounded half-up to a multiple of *quantum*, and the rows that lie
    too near a tie (flagged), or below 0 (flagged: the rules round points
    and ratios that are not negative)."""
    scale = 1 / float(quantum)
    y = num.x * scale
    ey = num.e * scale + EPS * np.abs(y) + TINY
    base = np.floor(y)
    fraction = y - base  # exact: y and its floor share their exponent's range
    flagged = (np.abs(fraction - 0.5) <= ey + SLACK) | (y < -ey)
    steps = base + (fraction >= 0.5)
    x = steps * float(quantum)
    return Num(x, EPS * np.abs(x) + TINY), flagged


def to_cents(num: Num) -> tuple[Ints, Flags]:
    """*num* (points) rounded half-up to whole cents, as int64, and the rows
    too near a half-cent (flagged) or out of range."""
    y = num.x * 100.0
    ey = num.e * 100.0 + EPS * np.abs(y) + TINY
    base = np.floor(y)
    fraction = y - base
    flagged = (np.abs(fraction - 0.5) <= ey + SLACK) | (y < -ey) | ~(np.abs(y) < 2.0**52)
    cents = np.where(flagged, 0.0, base + (fraction >= 0.5))
    return cents.astype(np.int64), flagged
