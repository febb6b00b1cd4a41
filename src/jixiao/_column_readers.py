"""Reading a rule's inputs into columns, and checking their constraints
(private; part of the column evaluator, :mod:`jixiao._columns`).

An input's column as given is a :class:`~jixiao._column_values.Coded` table
(Python values, as a scenario gives them), a
:class:`~jixiao._column_values.Fixed` column of exact decimals, or, for a list
input changed element by element, a tuple (and, for records, dicts) of those.
Each value is read as the one evaluator reads it: by the input's own
:meth:`~jixiao.spec.inputs.Input.read` (or, for money, :func:`to_decimal`),
once per table entry. An entry the reader refuses is not an error here: its
rows are flagged, and the one evaluator, re-scoring them, raises the error
the scenario deserves.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import numpy as np

from jixiao._column_values import (
    Cat,
    Coded,
    Fixed,
    Flags,
    Num,
    constant,
    from_decimals,
    from_fixed,
    maybe_above,
)
from jixiao.errors import JixiaoError
from jixiao.quantities import Amount, Ratio, to_decimal
from jixiao.spec.inputs import Constraint, Input, InputKind, _limit

__all__ = ["NoColumnForm", "State", "check_constraint", "is_none", "read_input"]

_NUMERIC = frozenset({InputKind.AMOUNT, InputKind.COUNT, InputKind.NUMBER, InputKind.RATIO})
_FIXED = frozenset({InputKind.AMOUNT, InputKind.COUNT, InputKind.NUMBER})


class NoColumnForm(Exception):
    """A rule, or a value it reads, that the column evaluator does not read:
    the caller scores the rule with the one evaluator instead. Internal: it
    never leaves :mod:`jixiao.sweep`."""


class State:
    """The rows of one evaluation and those flagged so far."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.flagged: Flags = np.zeros(rows, dtype=np.bool_)

    def flag(self, rows: Flags | None) -> None:
        """Flag *rows* (a mask; None: none) for the one evaluator."""
        if rows is not None:
            self.flagged |= rows

    def divide(self, numerator: Num, denominator: Num) -> Num:
        """``numerator ÷ denominator``, flagging rows whose divisor may be 0."""
        quotient, flagged = numerator.divide(denominator)
        self.flag(flagged)
        return quotient


def is_none(column: object) -> bool:
    """Whether every row of *column* is ``None`` (an optional input not given)."""
    return column is None or (isinstance(column, Cat) and all(v is None for v in column.table))


def read_input(item: Input, given: object, state: State) -> Any:
    """*item*'s column as its rule reads it (see the module)."""
    if given is None:  # not given: its default, as the evaluator takes it
        given = Coded(np.zeros(state.rows, dtype=np.intp), (item.default,))
    if item.length is not None:
        return _read_list(item, given, state)
    return _read_leaf(item, given, state)


def _read_leaf(item: Input, given: object, state: State) -> Any:
    if isinstance(given, Fixed):
        return _read_fixed(item, given, state)
    if not isinstance(given, Coded):
        raise NoColumnForm(f"{item.name} is changed in parts")
    table = given.table
    if all(v is None for v in table):
        return Cat(given.codes, table)
    if item.kind not in _NUMERIC:
        if not item.converts:
            return Cat(given.codes, table)
        read: list[object] = []
        bad: list[bool] = []
        for value in table:
            try:
                read.append(item.read(value))
                bad.append(False)
            except JixiaoError:
                read.append(None)
                bad.append(True)
        state.flag(np.array(bad, dtype=np.bool_)[given.codes])
        return Cat(given.codes, tuple(read))
    numbers: list[Decimal | int] = []
    refused: list[bool] = []
    for value in table:
        if value is None or isinstance(value, Amount):
            raise NoColumnForm(f"{item.name}: a value the column form does not read")
        try:
            number = item.read(value) if item.converts else to_decimal(value, item.name)
        except JixiaoError:
            numbers.append(0)
            refused.append(True)
            continue
        numbers.append(number.value if isinstance(number, Ratio) else number)  # type: ignore[arg-type]
        refused.append(False)
    state.flag(np.array(refused, dtype=np.bool_)[given.codes])
    return from_decimals(tuple(numbers)).take(given.codes)


def _read_fixed(item: Input, given: Fixed, state: State) -> Num:
    if item.kind not in _FIXED:
        raise NoColumnForm(f"{item.name}: exact decimals only for amounts, counts and numbers")
    number, flagged = from_fixed(given, signed=item.kind is InputKind.NUMBER and item.signed)
    state.flag(flagged)
    if item.kind is InputKind.COUNT and given.places:
        state.flag(given.units % (10**given.places) != 0)
    return number


def _split(given: Coded, length: int, state: State) -> tuple[Coded, ...]:
    """A table of lists as one table per element; a list of another length
    is flagged (the evaluator says what is wrong)."""
    bad = [not isinstance(v, list | tuple) or len(v) != length for v in given.table]
    state.flag(np.array(bad, dtype=np.bool_)[given.codes])
    return tuple(
        Coded(
            given.codes,
            tuple(None if b else v[index] for v, b in zip(given.table, bad, strict=True)),
        )
        for index in range(length)
    )


def _fields(given: Coded, names: tuple[str, ...], state: State) -> dict[str, Coded]:
    """A table of records as one table per field."""
    keys = set(names)
    bad = [not isinstance(v, Mapping) or set(v) != keys for v in given.table]
    state.flag(np.array(bad, dtype=np.bool_)[given.codes])
    return {
        name: Coded(
            given.codes,
            tuple(None if b else v[name] for v, b in zip(given.table, bad, strict=True)),
        )
        for name in names
    }


def _read_list(item: Input, given: object, state: State) -> Any:
    assert item.length is not None
    if isinstance(given, Coded):
        if all(v is None for v in given.table):
            return Cat(given.codes, given.table)
        given = _split(given, item.length, state)
    if not isinstance(given, tuple) or len(given) != item.length:
        raise NoColumnForm(f"{item.name}: a list the column form does not read")
    if item.kind is InputKind.RECORDS:
        names = tuple(f.name for f in item.fields)
        records = []
        for entry in given:
            parts = _fields(entry, names, state) if isinstance(entry, Coded) else entry
            if not isinstance(parts, dict) or set(parts) - set(names):
                raise NoColumnForm(f"{item.name}: a record the column form does not read")
            records.append({f.name: _read_leaf(f, parts.get(f.name), state) for f in item.fields})
        return tuple(records)
    element = attrs.evolve(item, length=None, constraints=())
    return tuple(_read_leaf(element, entry, state) for entry in given)


# Constraints ------------------------------------------------------------------


def check_constraint(
    constraint: Constraint, item: Input, values: Mapping[str, Any], state: State
) -> None:
    """Flag the rows that may break *constraint* (the evaluator raises, or
    warns, as the constraint's severity says)."""
    value = values.get(item.name)
    if is_none(value):
        return
    if constraint.kind == "not-falling":
        if not isinstance(value, tuple):
            raise NoColumnForm("not-falling on a value that is not a list")
        entries = [e[constraint.field] if constraint.field else e for e in value]
        if not all(isinstance(e, Num) for e in entries):
            raise NoColumnForm("not-falling on values that are not numbers")
        for before, after in itertools.pairwise(entries):
            state.flag(maybe_above(before, after))
        return
    if constraint.other:
        bound = values.get(constraint.other)
        if is_none(bound):
            return
    else:
        limit = _limit(constraint.limit, item.kind is InputKind.RATIO, item.signed)
        if limit is None:
            return
        bound = constant(limit[1])
    if not (isinstance(value, Num) and isinstance(bound, Num)):
        raise NoColumnForm("at-most on values that are not numbers")
    state.flag(maybe_above(value, bound))
