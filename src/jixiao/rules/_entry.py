"""The rule functions' registry and what they share (private).

Each public rule function of :mod:`jixiao.rules` is one line: it scores its
indicator (by default the 2023 Luohu one) on its inputs with the one
evaluator (:func:`jixiao.score.score_rule`). Its inputs are the indicator's
declared inputs (:attr:`jixiao.spec.Indicator.inputs`); a test checks that the
function's parameters are exactly those, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from jixiao.department.catalog import framework
from jixiao.errors import UnknownKeyError
from jixiao.score import Score, score_rule
from jixiao.spec.rules import Indicator

__all__ = [
    "DEFAULT_FRAMEWORK",
    "RULES",
    "call_rule",
    "default_indicator",
    "entry",
    "rule_function",
    "score_with",
]

DEFAULT_FRAMEWORK = "shenzhen-luohu-2023"

RuleFunction = Callable[..., Score]
F = TypeVar("F", bound=RuleFunction)

RULES: dict[str, RuleFunction] = {}
"""Every rule function by its key (the ``function`` frameworks name)."""


def entry(key: str) -> Callable[[F], F]:
    """Register a rule function under *key*."""

    def register(function: F) -> F:
        RULES[key] = function
        return function

    return register


def rule_function(key: str) -> RuleFunction:
    """The registered rule function called *key*."""
    try:
        return RULES[key]
    except KeyError:
        raise UnknownKeyError(
            f"no rule function of this name; known: {', '.join(sorted(RULES))}",
            zh=f"没有此名称的评分函数；已有：{', '.join(sorted(RULES))}",
            value=key,
        ) from None


def default_indicator(key: str) -> Indicator:
    """The indicator *key* of the default framework (Luohu 2023)."""
    return framework(DEFAULT_FRAMEWORK).indicator(key)


def score_with(key: str, indicator: Indicator | None, /, **inputs: object) -> Score:
    """Score *indicator* (default: the Luohu 2023 indicator *key*) on *inputs*.

    An input given as ``None`` counts as not given (its default applies).
    """
    return score_rule(indicator if indicator is not None else default_indicator(key), inputs)


def call_rule(indicator: Indicator, inputs: Mapping[str, object]) -> Score:
    """Score *indicator* from a mapping of inputs (as read from a file).

    Unknown and missing keys are reported by name before anything is computed.
    """
    return score_rule(indicator, inputs)
