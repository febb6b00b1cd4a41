"""Intervals of the real line, each edge with its own inclusiveness.

Band tables, tiers and grades are written in interval notation, each edge on
its own: ``"[5%, 10%]"`` includes both edges, ``"[0, 5%)"`` excludes 5 %,
``"(10%, ∞)"`` excludes 10 %. There is no global "edges included" switch.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from jixiao.errors import FrameworkError
from jixiao.quantities import CONTEXT, HUNDRED, to_decimal

__all__ = ["Interval", "check_partition"]

_INTERVAL = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")
_INFINITY = {"∞", "+∞", "inf", "+inf", "infinity"}


def _edge(text: str) -> Decimal | None:
    text = text.strip()
    if text.lower() in _INFINITY or text in {"-∞", "-inf"}:
        return None
    if text.endswith("%"):
        return CONTEXT.divide(to_decimal(text[:-1], "interval edge", negative=True), HUNDRED)
    return to_decimal(text, "interval edge", negative=True)


def _show(edge: Decimal, percent: bool) -> str:
    if percent:
        return f"{(edge * 100).normalize():f}%"
    return f"{edge.normalize():f}"


@attrs.frozen
class Interval:
    """An interval of the real line with each edge's inclusiveness of its own.

    ``None`` as an edge means unbounded. ``percent`` only affects display.

    >>> band = Interval.parse("[5%, 10%]")
    >>> band.contains(Decimal("0.05")), band.contains(Decimal("0.10")), band.contains(Decimal("0.1001"))
    (True, True, False)
    >>> str(Interval.parse("(10%, ∞)"))
    '(10%, ∞)'
    """

    lower: Decimal | None
    upper: Decimal | None
    lower_closed: bool = True
    upper_closed: bool = False
    percent: bool = attrs.field(default=False, eq=False)

    @classmethod
    def parse(cls, text: str) -> Interval:
        """Read interval notation such as ``"[5%, 10%]"`` or ``"(1, ∞)"``."""
        match = _INTERVAL.match(text) if isinstance(text, str) else None
        if not match:
            raise FrameworkError(
                "not an interval such as '[5%, 10%)'",
                zh="不是区间，区间形如 '[5%, 10%)'",
                value=text,
            )
        opening, low, high, closing = match.groups()
        lower, upper = _edge(low), _edge(high)
        if lower is not None and upper is not None and lower > upper:
            raise FrameworkError(
                "interval lower edge above its upper edge", zh="区间下限大于上限", value=text
            )
        return cls(
            lower=lower,
            upper=upper,
            lower_closed=opening == "[" and lower is not None,
            upper_closed=closing == "]" and upper is not None,
            percent="%" in text,
        )

    def contains(self, value: Decimal) -> bool:
        """Whether *value* lies in the interval, edges as written."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def __str__(self) -> str:
        low = "-∞" if self.lower is None else _show(self.lower, self.percent)
        high = "∞" if self.upper is None else _show(self.upper, self.percent)
        return (
            f"{'[' if self.lower_closed else '('}{low}, {high}{']' if self.upper_closed else ')'}"
        )

    def inequality(self, name: str = "x") -> str:
        """The interval as an inequality, e.g. ``5% ≤ x ≤ 10%``."""
        left = (
            ""
            if self.lower is None
            else f"{_show(self.lower, self.percent)} {'≤' if self.lower_closed else '<'} "
        )
        right = (
            ""
            if self.upper is None
            else f" {'≤' if self.upper_closed else '<'} {_show(self.upper, self.percent)}"
        )
        if not left and not right:
            return f"any {name}"
        if not left:
            return f"{name}{right}"
        if not right:
            return f"{name} {'≥' if self.lower_closed else '>'} {_show(self.lower, self.percent)}"  # type: ignore[arg-type]
        return f"{left}{name}{right}"


def check_partition(intervals: Sequence[Interval], measure: str) -> None:
    """Intervals (of bands, tiers, grades) must follow each other in ascending
    order without gap or overlap: each shared edge belongs to exactly one.

    Raises:
        FrameworkError: naming the two intervals and *measure*.
    """
    for low, high in itertools.pairwise(intervals):
        if high.lower is None or low.upper != high.lower or low.upper_closed == high.lower_closed:
            raise FrameworkError(
                f"bands {low} and {high} leave a gap or overlap at their shared edge",
                zh=f"区间 {low} 与 {high} 在共同边界处有空缺或重叠",
                field=measure,
            )
