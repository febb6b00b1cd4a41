"""Cheap draws: one strategy object per set of choices, made once and reused.

Building a strategy is costly in Hypothesis (each new one is validated on its
first draw); a table is a few hundred small choices, so they are drawn
through strategies kept here by their arguments.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, TypeVar

from hypothesis import strategies as st

__all__ = ["boolean", "integer", "pick", "rarely"]

T = TypeVar("T", bound=Hashable)

_KEPT: dict[tuple[Any, ...], st.SearchStrategy[Any]] = {}
_BOOLEANS = st.booleans()


def pick(draw: st.DrawFn, options: tuple[T, ...]) -> T:
    """One of *options* (shrinking towards the first)."""
    key = ("pick", options)
    strategy = _KEPT.get(key)
    if strategy is None:
        strategy = _KEPT[key] = st.sampled_from(options)
    chosen: T = draw(strategy)
    return chosen


def integer(draw: st.DrawFn, low: int, high: int) -> int:
    """An integer in ``[low, high]``."""
    key = ("integer", low, high)
    strategy = _KEPT.get(key)
    if strategy is None:
        strategy = _KEPT[key] = st.integers(low, high)
    value: int = draw(strategy)
    return value


def boolean(draw: st.DrawFn) -> bool:
    """True or false (shrinking towards false)."""
    value: bool = draw(_BOOLEANS)
    return value


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in *one_in* draws (shrinking towards false)."""
    return integer(draw, 1, one_in) == one_in
