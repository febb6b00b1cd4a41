"""The error bound of the column evaluator's float arithmetic holds, and so do
the facts that keep it two numbers (the span, the sign): checked exactly, in
fractions, on every row not flagged, through random chains of operations on
exact decimals of every size the columns take."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import require_module

# the [fast] extra: CI fails without it; elsewhere this module is skipped
np = require_module("numpy")

from jixiao._column_values import (  # noqa: E402
    Fixed,
    Num,
    constant,
    from_decimals,
    from_fixed,
    maybe_above,
    round_half_up,
    to_cents,
)
from jixiao.quantities import CONTEXT  # noqa: E402

# constants of 1e305 make floats that overflow: what the bound then says is checked too
pytestmark = pytest.mark.filterwarnings(
    "ignore:overflow:RuntimeWarning", "ignore:invalid:RuntimeWarning"
)

ROWS = 6
Exact = list[Fraction | None]
"""Each row's exact value; None for a flagged row."""


def _rows(column: Any) -> list[float]:
    return [float(v) for v in np.broadcast_to(np.asarray(column, dtype=np.float64), (ROWS,))]


def check(num: Num, exact: Exact) -> None:
    """Every fact :class:`Num` states holds on every row not flagged."""
    xs, es = _rows(num.x), _rows(num.e)
    for x, e, t in zip(xs, es, exact, strict=True):
        if t is None:
            continue
        if not math.isfinite(num.r * abs(x) + e):  # nothing claimed (a float that overflowed)
            continue
        assert math.isfinite(x)
        fx = Fraction(x)
        assert abs(fx - t) <= Fraction(num.r) * abs(fx) + Fraction(e), (x, t, num)
        if num.nonneg:
            assert x >= 0
            assert t >= 0
        if num.span is not None:
            lo, hi = num.span
            for value in (fx, t):
                assert value == 0 or lo <= abs(value) <= hi, (value, num.span)


def _unflagged(exact: Exact, flagged: Any) -> Exact:
    if flagged is None:
        return exact
    marks = np.broadcast_to(flagged, (ROWS,))
    return [None if f else t for t, f in zip(exact, marks, strict=True)]


units = st.one_of(
    st.integers(-(2**55), 2**55),
    st.integers(0, 10**9),
    st.sampled_from([0, 1, 2**53 - 1, 2**53, -1]),
)


@st.composite
def fixed_columns(draw: Any) -> tuple[Num, Exact]:
    places = draw(st.integers(0, 23))
    signed = draw(st.booleans())
    values = draw(st.lists(units, min_size=ROWS, max_size=ROWS))
    num, flagged = from_fixed(Fixed(np.array(values, dtype=np.int64), places), signed)
    exact: Exact = [Fraction(v, 10**places) for v in values]
    exact = _unflagged(exact, flagged)
    check(num, exact)
    return num, exact


constants = st.sampled_from(
    ["0", "1", "2", "0.25", "0.75", "0.1", "1e-30", "3e40", "-1", "1e-305", "1e305"]
)
"""Exact and inexact constants, and two whose floats are outside every span."""


@st.composite
def tables(draw: Any) -> tuple[Num, Exact]:
    numbers = st.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), places=9)
    table = draw(st.lists(numbers | constants.map(Decimal), min_size=1, max_size=4))
    codes = np.array(draw(st.lists(st.integers(0, len(table) - 1), min_size=ROWS, max_size=ROWS)))
    num = from_decimals(tuple(table)).take(codes)
    return num, [Fraction(table[c]) for c in codes]


def _pairwise(a: Exact, b: Exact, op: Callable[[Fraction, Fraction], Fraction | None]) -> Exact:
    return [None if x is None or y is None else op(x, y) for x, y in zip(a, b, strict=True)]


def _clip(low: Decimal | None, high: Decimal | None) -> Callable[[Fraction], Fraction]:
    def clipped(t: Fraction) -> Fraction:
        if low is not None:
            t = max(t, Fraction(low))
        if high is not None:
            t = min(t, Fraction(high))
        return t

    return clipped


@st.composite
def columns(draw: Any, depth: int = 3) -> tuple[Num, Exact]:
    """A column built by a random chain of operations, checked at each step."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        leaf = draw(st.sampled_from(["fixed", "fixed", "table", "constant"]))
        if leaf != "constant":
            drawn: tuple[Num, Exact] = draw(fixed_columns() if leaf == "fixed" else tables())
            return drawn
        value = Decimal(draw(constants))
        return constant(value), [Fraction(value)] * ROWS
    (a, ea), (b, eb) = draw(columns(depth - 1)), draw(columns(depth - 1))
    op = draw(st.sampled_from(["+", "-", "*", "/", "clip", "times", "where", "round"]))
    if op == "+":
        num, exact = a + b, _pairwise(ea, eb, lambda x, y: x + y)
    elif op == "-":
        num, exact = a - b, _pairwise(ea, eb, lambda x, y: x - y)
    elif op == "*":
        num, exact = a * b, _pairwise(ea, eb, lambda x, y: x * y)
    elif op == "/":
        num, flagged = a.divide(b)
        exact = _unflagged(_pairwise(ea, eb, lambda x, y: x / y if y else None), flagged)
    elif op == "clip":
        low, high = (draw(st.none() | constants.map(Decimal)) for _ in range(2))
        if low is not None and high is not None and low > high:
            low, high = high, low
        num, exact = a.clip(low, high), [None if t is None else _clip(low, high)(t) for t in ea]
    elif op == "times":
        factor = Decimal(draw(constants))
        num, exact = a.times(factor), [None if t is None else t * Fraction(factor) for t in ea]
    elif op == "where":
        mask = np.array(draw(st.lists(st.booleans(), min_size=ROWS, max_size=ROWS)))
        num, exact = a.where(mask, b), [x if m else y for m, x, y in zip(mask, ea, eb, strict=True)]
    else:
        num, flagged = round_half_up(a, Decimal("0.0001"))
        rounded = [None if t is None else _half_up(t, Fraction(1, 10_000)) for t in ea]
        exact = _unflagged(rounded, flagged)
    check(num, exact)
    return num, exact


def _half_up(t: Fraction, quantum: Fraction) -> Fraction:
    steps = t / quantum
    return (steps.numerator * 2 + steps.denominator) // (2 * steps.denominator) * quantum


@given(columns())
def test_the_bound_and_its_facts_hold_through_every_operation(case: tuple[Num, Exact]) -> None:
    num, exact = case
    check(num, exact)  # checked at every step too, as the chain was built
    cents, flagged = to_cents(num)
    marks = np.broadcast_to(flagged, (ROWS,))
    for cent, t, f in zip(np.broadcast_to(cents, (ROWS,)), exact, marks, strict=True):
        if t is not None and not f:
            assert cent == _half_up(t * 100, Fraction(1))


@st.composite
def worst_cases(draw: Any) -> tuple[Num, Exact]:
    """A non-negative column with a declared bound, and exact values at its
    edges: ``t = x·(1 ± r) ± e`` (what the bound allows, at the worst)."""
    r = draw(st.sampled_from([0.0, 2.0**-30, 2.0**-20, 1e-3]))
    e = draw(st.sampled_from([0.0, 1e-12, 1e-6]))
    sizes = st.floats(1e-2, 1e6) | st.just(0.0)
    xs = draw(st.lists(sizes, min_size=ROWS, max_size=ROWS))
    signs = draw(st.lists(st.sampled_from([-1, 1]), min_size=ROWS, max_size=ROWS))
    exact = [
        Fraction(x) + sign * (Fraction(r) * Fraction(x) + Fraction(e)) if x else Fraction(0)
        for x, sign in zip(xs, signs, strict=True)
    ]
    nonzero = [abs(v) for v in (*map(Fraction, xs), *exact) if v]
    span = (float(min(nonzero)) / 2, float(max(nonzero)) * 2) if nonzero else (1.0, 1.0)
    return Num(np.array(xs), e, r, span, nonneg=True), exact


@given(worst_cases(), worst_cases(), st.sampled_from(["0", "1", "0.1", "2"]), st.data())
def test_the_two_number_bound_holds_at_its_worst(
    a: tuple[Num, Exact], b: tuple[Num, Exact], cap: str, data: Any
) -> None:
    (na, ea), (nb, eb) = a, b
    check(na + nb, _pairwise(ea, eb, lambda x, y: x + y))
    check(na * nb, _pairwise(ea, eb, lambda x, y: x * y))
    quotient, flagged = na.divide(nb)
    check(quotient, _unflagged(_pairwise(ea, eb, lambda x, y: x / y if y else None), flagged))
    limit = Decimal(cap)
    check(na.clip(high=limit), [min(t, Fraction(limit)) for t in ea if t is not None])
    check(na.clip(low=limit), [max(t, Fraction(limit)) for t in ea if t is not None])
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=ROWS, max_size=ROWS)))
    check(na.where(mask, nb), [x if m else y for m, x, y in zip(mask, ea, eb, strict=True)])


@given(columns(2), columns(2))
def test_a_constraint_is_certain_only_when_it_holds(
    mine: tuple[Num, Exact], theirs: tuple[Num, Exact]
) -> None:
    above = np.broadcast_to(maybe_above(mine[0], theirs[0]), (ROWS,))
    for a, b, flagged in zip(mine[1], theirs[1], above, strict=True):
        if a is not None and b is not None and not flagged:
            assert a <= b


@given(st.integers(0, 10**9), st.integers(1, 10**6))
def test_rounding_is_half_up_or_flagged(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator) / 100
    with_bound, _ = Num(np.array([float(value)]), np.array([abs(float(value)) * 2**-52])).divide(
        from_decimals((Decimal(1),))
    )
    cents, flagged = to_cents(with_bound)
    if not flagged[0]:
        exact_cents = value * 100
        assert cents[0] == int(exact_cents + Fraction(1, 2))  # half-up (floor of x + ½)
    rounded, tie = round_half_up(with_bound, Decimal("0.0001"))
    if not tie[0]:
        assert round(float(rounded.x[0]) * 10_000) == int(value * 10_000 + Fraction(1, 2))


def test_a_float_tie_is_flagged_not_guessed() -> None:
    # 5.694999… in float64 is the exact 5.695 of the rule: flagged, re-scored
    num = from_decimals((Decimal("5.695"),))
    assert to_cents(num)[1][0]
    assert Decimal("5.695").quantize(Decimal("0.01"), context=CONTEXT) == Decimal("5.70")


def test_amounts_to_the_cent_keep_the_bound_two_numbers() -> None:
    spent = from_fixed(Fixed(np.array([54_830, 0, 117_104]), 2))[0]
    budget = from_fixed(Fixed(np.array([266_306, 273_830, 1]), 2))[0]
    rate, flagged = spent.divide(budget)
    assert flagged is None
    assert isinstance(rate.e, float)
    assert rate.nonneg
    assert rate.span is not None
    assert rate.r < 2**-45
    _, zero = budget.divide(spent)
    assert zero is not None
    assert list(zero) == [False, True, False]
