"""Float columns that carry a proven bound on their error (private; the
arithmetic of :mod:`jixiao._columns`, which needs numpy).

A :class:`Num` is a float64 array ``x`` such that the exact value ``t`` of
every row (the value the Decimal evaluator computes) satisfies

    ``|x − t| ≤ r·|x| + e``

with ``r`` one number for the whole column (the relative part) and ``e`` one
number or one per row (the absolute part). Two facts known before any row is
read keep the bound two numbers, so that the arithmetic of the bound costs
nothing per row:

- ``span = (lo, hi)``: every value, float or exact, is 0 or has
  ``lo ≤ |v| ≤ hi`` (an amount to the cent, below 2⁵³ cents, lies in
  [0.01, 2⁵³/100]); spans are kept within 2⁻¹⁰⁰⁰…2¹⁰⁰⁰, so that no product,
  quotient or sum can underflow or overflow, each float result is off by at
  most ``u·|z|`` (``u = 2⁻⁵³``), a non-zero float divisor stands for a
  non-zero exact one when ``lo·(1 − r) > e``, and ``|x| ≤ hi``;
- ``nonneg``: every value, float or exact, is ≥ 0 (amounts and counts, whose
  negative rows are flagged; and what products, quotients, sums and caps make
  of them).

With them (``G = 1 + 2⁻⁴⁰``, ``EPS = 2⁻⁵⁰ ≥ u/(1 − u)``):

- a Decimal as float64: one rounding; ``units × 10⁻ᵖ`` with units below 2⁵³
  and p ≤ 22: the units exact times the float of 10⁻ᵖ, two roundings
  (``2u + u²``); ``r = EPS`` (0 when exact), ``e = 0``;
- ``a × b``: ``|ab − tₐt_b| ≤ |ab|·(rₐ + r_b + rₐr_b) + hiₐ·e_b(1 + rₐ) +
  hi_b·eₐ(1 + r_b) + eₐe_b``; with the rounding of the product,
  ``r = (rₐ + r_b + rₐr_b)·G + EPS``;
- ``a ÷ b`` (a row whose float divisor is 0 flagged): ``|t_b| ≥ d·|b|`` with
  ``d = 1 − r_b − e_b/lo_b``, and ``|q − tₐ/t_b| ≤ (|q|·E_b + Eₐ)/|t_b|``
  (``E`` each whole bound) gives ``r = (rₐ + r_b + e_b/lo_b)/d·G + EPS``,
  ``e = eₐ/(lo_b·d)·G``;
- ``a + b`` of non-negative values: ``r = max(rₐ, r_b)·G + EPS``,
  ``e = eₐ + e_b``;
- ``min(a, c)``, ``max(a, c)`` of a non-negative value and a constant c ≥ 0
  (its float off by δ): ``r/(1 − r)·G`` and ``(e + δ)/(1 − r)·G`` (where the
  cap applies, the float value was at most ``(c + δ + e)/(1 − r)``);
- selecting rows keeps the bound.

``G`` covers the second-order terms dropped and the rounding of these few
scalar operations. Where the facts are missing (a difference, whose exact
value may cancel; a value of unknown sign or span) the bound is one number
per row, ``e ← r·|x| + e``, ``r ← 0``, and each operation adds to it as
follows (each "rounding of the result" charged as ``EPS·|x| + TINY``, the
margin of eight unit roundoffs covering the bound's own arithmetic, TINY
underflow):

- ``a ± b``: ``Eₐ + E_b`` plus the rounding of the result;
- ``a × b``: ``|a|·E_b + |b|·Eₐ + EₐE_b`` plus the rounding of the result;
- ``a ÷ b`` (only where ``|b| > E_b``): ``(Eₐ + |a/b|·E_b) ÷ (|b| − E_b)``
  plus the rounding of the result;
- ``min``, ``max`` with a constant (1-Lipschitz): the bound plus the
  constant's own error.

A decision (which side of an edge, a rounding tie) is taken on the floats only
where the float lies farther than the bound (plus :data:`SLACK`) from the
decision point: then the exact value lies on the same side. Every other row
is *flagged*, and the caller re-scores it with the Decimal evaluator (a NaN,
or an infinite bound, is near every point). A flagged row's float may be
anything: no fact above is claimed for it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from jixiao.numbers import MAX_INTEGER_DIGITS

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
    "maybe_above",
    "near",
    "round_half_up",
    "to_cents",
]

Floats: TypeAlias = npt.NDArray[np.float64]
Ints: TypeAlias = npt.NDArray[np.int64]
Flags: TypeAlias = npt.NDArray[np.bool_]
Span: TypeAlias = tuple[float, float]

EPS = 2.0**-50
"""The relative error charged per rounding (eight unit roundoffs)."""
TINY = 2.0**-1000
"""An absolute error added to every bound of one number per row, against
underflow."""
SLACK = 1e-9
"""An absolute margin (in the decision's own unit: points, cents, a ratio) by
which every decision point is widened: it covers the evaluator's settling to
20 places and its 34-digit arithmetic, both far below it."""
G = 1.0 + 2.0**-40
"""The factor that covers second-order terms and the rounding of the bound's
own scalar arithmetic."""

_LOW, _HIGH = 2.0**-1000, 2.0**1000
_EXACT = 2**53


def _fits(span: Span) -> bool:
    return span[0] >= _LOW and span[1] <= _HIGH


@attrs.frozen(eq=False)
class Num:
    """Float values ``x`` and the bound ``r·|x| + e`` on their error, with the
    facts that keep it two numbers (see the module)."""

    x: Floats
    e: Floats | float = 0.0
    r: float = 0.0
    span: Span | None = None
    nonneg: bool = False

    @property
    def scalar(self) -> tuple[Span, float] | None:
        """The span and the absolute part of the bound when the bound is two
        numbers with a span (the cheap arithmetic), else None."""
        if self.span is None or not isinstance(self.e, float):
            return None
        return self.span, self.e

    def bound(self) -> Any:
        """The bound on each row's error, ``r·|x| + e`` (an array, or one
        number for a constant column)."""
        if self.r == 0.0:
            return self.e
        if self.nonneg:
            bound = self.x * (self.r * G)
        else:
            bound = np.abs(self.x)
            bound *= self.r * G
        bound += self.e
        return bound

    def _per_row(self, x: Floats, bound: Any) -> Num:
        """*x* with a bound of one number per row (*bound* plus its rounding)."""
        total = np.abs(x)
        total *= EPS
        total += TINY
        total += bound
        return Num(x, total)

    def __add__(self, other: Num) -> Num:
        x = self.x + other.x
        if self.nonneg and other.nonneg and self.span and other.span:
            span = (min(self.span[0], other.span[0]) / G, (self.span[1] + other.span[1]) * G)
            if _fits(span):
                r = max(self.r, other.r) * G + EPS
                return Num(x, self.e + other.e, r, span, True)
        return self._per_row(x, self.bound() + other.bound())

    def __sub__(self, other: Num) -> Num:
        return self._per_row(self.x - other.x, self.bound() + other.bound())

    def __mul__(self, other: Num) -> Num:
        x = self.x * other.x
        if self.span and other.span:
            (lo_a, hi_a), (lo_b, hi_b) = self.span, other.span
            span = (lo_a * lo_b / G, hi_a * hi_b * G)
            if _fits(span):
                r = (self.r + other.r + self.r * other.r) * G + EPS
                e = self.e * other.e
                if isinstance(other.e, np.ndarray) or other.e:
                    e = e + hi_a * other.e * (1 + self.r)
                if isinstance(self.e, np.ndarray) or self.e:
                    e = e + hi_b * self.e * (1 + other.r)
                return Num(x, e * G, r, span, self.nonneg and other.nonneg)
        ea, eb = self.bound(), other.bound()
        return self._per_row(x, np.abs(self.x) * eb + np.abs(other.x) * ea + ea * eb)

    def divide(self, other: Num) -> tuple[Num, Flags | None]:
        """``self ÷ other``, and the rows whose divisor may be 0 (flagged;
        their value is meaningless), or None when there are none."""
        known = other.scalar
        if self.span and known:
            (lo_a, hi_a), ((lo_b, hi_b), eb) = self.span, known
            share = eb / lo_b
            d = 1.0 - other.r - share
            span = (lo_a / hi_b / G, hi_a / lo_b * G)
            if d >= 0.5 and _fits(span):
                divisor, flagged = other.x, None
                zero = divisor == 0
                if zero.any():
                    flagged = zero
                    divisor = np.where(flagged, 1.0, divisor)
                r = (self.r + other.r + share) / d * G + EPS
                e = self.e / (lo_b * d) * G
                quotient = Num(self.x / divisor, e, r, span, self.nonneg and other.nonneg)
                return quotient, flagged
        ea, eb = self.bound(), other.bound()
        margin = np.abs(other.x) - eb
        flagged = margin <= TINY
        safe = np.where(flagged, 1.0, other.x)
        x = self.x / safe
        e = (ea + np.abs(x) * eb) / np.where(flagged, 1.0, margin)
        return self._per_row(x, e), flagged

    def times(self, factor: Decimal) -> Num:
        """``self × factor`` for an exact Decimal constant."""
        if factor == 1:
            return self
        return self * constant(factor)

    def clip(self, low: Decimal | None = None, high: Decimal | None = None) -> Num:
        """``min(max(self, low), high)`` (see the module for the bound)."""
        x = self.x
        if low is not None and not (low == 0 and self.nonneg):
            x = np.maximum(x, float(low))
        if high is not None:
            x = np.minimum(x, float(high))
        limits = [c for c in (low, high) if c is not None]
        error = sum(_error(c) for c in limits)
        if self.nonneg and self.span and self.r < 0.5 and all(c >= 0 for c in limits):
            positive = [float(c) for c in limits if c > 0]
            span = (min([self.span[0], *positive]) / G, max([self.span[1], *positive]) * G)
            if _fits(span):
                r = self.r / (1 - self.r) * G
                return Num(x, (self.e + error) / (1 - self.r) * G, r, span, True)
        return Num(x, self.bound() + error)

    def where(self, mask: Flags, other: Num) -> Num:
        """This column where *mask* holds, else *other*."""
        x = np.where(mask, self.x, other.x)
        if isinstance(self.e, float) and isinstance(other.e, float):
            e: Floats | float = max(self.e, other.e)
        else:
            e = np.where(mask, self.e, other.e)
        a, b = self.span, other.span
        span = None if a is None or b is None else (min(a[0], b[0]), max(a[1], b[1]))
        return Num(x, e, max(self.r, other.r), span, self.nonneg and other.nonneg)

    def take(self, index: npt.NDArray[np.intp]) -> Num:
        """The rows *index* (as a gather)."""
        e = self.e if isinstance(self.e, float) else self.e[index]
        return Num(self.x[index], e, self.r, self.span, self.nonneg)


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


def _error(value: Decimal | int) -> float:
    """The error of *value* as a float (0 when exact)."""
    x = float(value)
    return 0.0 if x == value else EPS * abs(x) + TINY


def constant(value: Decimal | int) -> Num:
    """An exact constant, the same in every row (a 0-d column)."""
    x = float(value)
    if value == 0:
        return Num(np.asarray(0.0), 0.0, 0.0, (1.0, 1.0), True)
    size = abs(x)
    if _fits((size / G, size * G)):
        return Num(np.asarray(x), 0.0, 0.0 if x == value else EPS, (size / G, size * G), x > 0)
    return Num(np.asarray(x), _error(value))


def from_decimals(values: tuple[Decimal | int, ...]) -> Num:
    """Exact numbers (a table's) as floats, each off by at most half an ulp."""
    x = np.array([float(v) for v in values], dtype=np.float64)
    exact = all(float(v) == v for v in values)
    sizes = [abs(float(v)) for v in values if v != 0]
    span = (min(sizes) / G, max(sizes) * G) if sizes else (1.0, 1.0)
    if _fits(span):
        nonneg = all(v >= 0 for v in values)
        return Num(x, 0.0, 0.0 if exact else EPS, span, nonneg)
    inexact = np.array([float(v) != v for v in values], dtype=np.bool_)
    return Num(x, np.where(inexact, EPS * np.abs(x) + TINY, 0.0))


def from_fixed(column: Fixed, signed: bool = False) -> tuple[Num, Flags | None]:
    """*column*'s numbers as floats, and the rows flagged (None: none): too
    large to convert exactly, beyond the bound every number read meets
    (fewer than :data:`~jixiao.numbers.MAX_INTEGER_DIGITS` digits before the
    point: the one evaluator refuses them), or (unless *signed*) below 0. Units below 2⁵³
    convert exactly; multiplied by the float of ``10^-places`` (itself off by
    at most a unit roundoff, for places up to 22) they are off by at most two
    (a division would round once, at twice the cost)."""
    units, places = column.units, column.places
    flagged: Flags | None = None
    if len(units):
        low, high = int(units.min()), int(units.max())
        limit = min(_EXACT, 10 ** (MAX_INTEGER_DIGITS + places))
        if high >= limit or low <= -limit or (low < 0 and not signed):
            flagged = (units >= limit) | (units <= -limit)
            if not signed:
                flagged |= units < 0
    if places > 22:
        return Num(units.astype(np.float64)), np.ones(len(units), dtype=np.bool_)
    unit = 1 / 10**places  # the nearest float to 10^-places
    x = units * unit if places else units.astype(np.float64)
    span = (unit / G, _EXACT * unit * G)
    return Num(x, 0.0, EPS if places else 0.0, span, not signed), flagged


def near(num: Num, edge: Decimal) -> Flags:
    """The rows whose exact value may lie on either side of *edge* (or on it)."""
    point = float(edge)
    distance = num.x - point
    np.abs(distance, out=distance)
    distance -= EPS * abs(point) + TINY + SLACK
    far = distance > num.bound()
    return ~far  # type: ignore[no-any-return]  # a NaN is near everything


def maybe_above(mine: Num, theirs: Num) -> Flags:
    """The rows where ``mine ≤ theirs`` is not certain from the floats and
    their bounds (two exact equal values are certain)."""
    scalar = isinstance(mine.e, float) and isinstance(theirs.e, float)
    if scalar and mine.r == theirs.r == mine.e == theirs.e == 0.0:  # both exact
        above: Flags = mine.x > theirs.x
        return above
    a, b = mine.scalar, theirs.scalar
    if mine.nonneg and theirs.nonneg and a and b and theirs.r < 0.5:
        # tₐ ≤ xₐ(1 + rₐ) + eₐ and t_b ≥ x_b(1 − r_b) − e_b; G covers the two roundings
        scaled = mine.x * ((1 + mine.r) / (1 - theirs.r) * G)
        extra = (a[1] + b[1]) / (1 - theirs.r) * G
        if extra:
            scaled += extra
        above = scaled > theirs.x
        return above
    ea, eb = mine.bound(), theirs.bound()
    equal = (mine.x == theirs.x) & (ea == 0) & (eb == 0)
    margin = ea + eb + EPS * (np.abs(mine.x) + np.abs(theirs.x))
    below = ((theirs.x - mine.x) > margin) | equal  # False for a NaN, an infinite bound
    return ~below  # type: ignore[no-any-return]


def _scaled_bound(num: Num, y: Floats, scale: float) -> Floats:
    """The bound of ``y = x × scale`` (*scale* a power of ten or its inverse,
    each off by at most a unit roundoff), plus :data:`SLACK`."""
    if num.nonneg and num.r:
        bound = y * (num.r * G + EPS)
        bound += num.e * scale * G + TINY + SLACK
        return bound
    bound = np.abs(y)
    bound *= EPS
    bound += num.bound() * scale
    bound += TINY + SLACK
    return bound


def _half_up(num: Num, scale: float) -> tuple[Floats, Flags]:
    """``x × scale`` rounded half-up to whole steps, and the rows too near a
    tie, below 0 or out of range (flagged; their steps are meaningless)."""
    y = np.asarray(num.x * scale)
    bound = _scaled_bound(num, y, scale)
    flagged = y < -bound if not num.nonneg else np.zeros(y.shape, dtype=np.bool_)
    if y.size and not (y.min() > -(2.0**52) and y.max() < 2.0**52):  # a NaN too
        flagged |= ~(np.abs(y) < 2.0**52)
        y = np.where(flagged, 0.0, y)
    steps = np.floor(y)
    fraction = np.subtract(y, steps, out=y)  # exact: y and its floor share their exponent's range
    steps += fraction >= 0.5
    fraction -= 0.5
    np.abs(fraction, out=fraction)
    flagged |= fraction <= bound
    return steps, flagged


def round_half_up(num: Num, quantum: Decimal) -> tuple[Num, Flags]:
    """*num* rounded half-up to a multiple of *quantum*, and the rows that lie
    too near a tie (flagged), or below 0 (flagged: the rules round points
    and ratios that are not negative)."""
    step = float(quantum)
    x, flagged = _half_up(num, 1 / step)
    x *= step
    if num.span is not None:
        span = (step / G, (num.span[1] + step) * G)
        if _fits(span):
            return Num(x, 0.0, EPS, span, True), flagged
    return Num(x, EPS * np.abs(x) + TINY), flagged


def to_cents(num: Num) -> tuple[Ints, Flags]:
    """*num* (points) rounded half-up to whole cents, as int64, and the rows
    too near a half-cent (flagged) or out of range."""
    steps, flagged = _half_up(num, 100.0)
    return steps.astype(np.int64), flagged
