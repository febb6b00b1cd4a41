"""Formatting of explanations: numbers as published, and text kept per rule object.

Explanation text mixes rule data (wording, band edges, weights) with what the
inputs decided. :class:`ByIdentity` keeps what is formatted from rule data
once per rule object, weakly, keyed by its identity (rule objects may hold
dicts and so cannot all be hashed); nothing is keyed by inputs, scores or
evaluations.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Generic, TypeVar

from jixiao.primitives import Part
from jixiao.quantities import Ratio, round_points

__all__ = ["ByIdentity", "PartText", "approx", "number", "points_en", "value_text"]

K = TypeVar("K")
V = TypeVar("V")

PartText = Callable[[Part], tuple[str, str]]
"""Renders one :class:`~jixiao.primitives.Part` as its Chinese and English line."""

_FOUR_PLACES = Decimal("0.0001")


def number(value: Decimal) -> str:
    """A point value as published: no exponent, trailing zeros dropped.

    ``str()`` of a Decimal is its plain notation unless it would show an
    exponent, and it is much faster than ``format(value, "f")``.

    >>> number(Decimal("5.00")), number(Decimal("1.990")), number(Decimal("1E+2"))
    ('5', '1.99', '100')
    """
    text = str(value) if type(value) is Decimal else format(value, "f")
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    shown = round_points(value, _FOUR_PLACES)
    if value == shown:
        return number(value)
    return "≈" + number(shown)


def points_en(points: Decimal, shown: str | None = None) -> str:
    """``"1 point"``, ``"2.5 points"``; *shown* is ``number(points)`` when known."""
    return (number(points) if shown is None else shown) + (" point" if points == 1 else " points")


def value_text(value: object) -> str:
    """A measured value as shown: a ratio in percent, a number without exponent."""
    if isinstance(value, Ratio):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


class ByIdentity(Generic[K, V]):
    """Values built once per live object, keyed by the object's identity.

    An entry goes when its object is collected; the built value must not refer
    back to the object (or the entry would keep it alive for ever).
    """

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._entries: dict[int, tuple[weakref.ref[Any], V]] = {}

    def __call__(self, obj: K) -> V:
        key = id(obj)
        entry = self._entries.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        value = self._build(obj)
        entries = self._entries

        def forget(ref: weakref.ref[Any]) -> None:
            if entries.get(key, (None,))[0] is ref:
                del entries[key]

        with contextlib.suppress(TypeError):  # no weak-reference slot: not kept
            entries[key] = (weakref.ref(obj, forget), value)
        return value
