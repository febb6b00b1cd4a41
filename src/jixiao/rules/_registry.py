"""The registry of rule functions, and the input conversions they share.

A rule function turns what a user has in hand (amounts, counts, ratios,
verdicts) into the *measures* its indicator's components read, then lets the
indicator score them. Frameworks name rule functions by key in their data
(``function = "non_establishment_staff"``); :func:`rule_function` finds them.
"""

from __future__ import annotations

import decimal
import inspect
from collections.abc import Callable, Mapping
from typing import TypeVar

from jixiao.errors import InputError, JixiaoError, UnknownKeyError
from jixiao.framework import Indicator, framework
from jixiao.quantities import CONTEXT, AmountLike, Ratio, amount_ratio
from jixiao.score import Score

__all__ = ["RULES", "as_ratio", "call_rule", "ratio_from", "rule", "rule_function", "score_with"]

DEFAULT_FRAMEWORK = "shenzhen-luohu-2023"

RuleFunction = Callable[..., Score]
F = TypeVar("F", bound=RuleFunction)

RULES: dict[str, RuleFunction] = {}
"""Every registered rule function by its key."""

_PARAMETERS: dict[str, frozenset[str]] = {}
_REQUIRED: dict[str, frozenset[str]] = {}


def rule(key: str) -> Callable[[F], F]:
    """Register a rule function under *key* (its name in framework files)."""

    def register(function: F) -> F:
        parameters = inspect.signature(function).parameters
        names = {n for n in parameters if n != "indicator"}
        _PARAMETERS[key] = frozenset(names)
        _REQUIRED[key] = frozenset(
            n for n in names if parameters[n].default is inspect.Parameter.empty
        )
        RULES[key] = function
        return function

    return register


def rule_function(key: str) -> RuleFunction:
    """The registered rule function called *key*."""
    try:
        return RULES[key]
    except KeyError:
        raise UnknownKeyError(
            f"no rule function of this name; known: {', '.join(sorted(RULES))}", value=key
        ) from None


def call_rule(indicator: Indicator, inputs: Mapping[str, object]) -> Score:
    """Score *indicator* from a mapping of inputs (as read from a file).

    Unknown and missing keys are reported by name before anything is computed.
    """
    function = rule_function(indicator.function)
    allowed = _PARAMETERS[indicator.function]
    if not allowed.issuperset(inputs):
        unknown = sorted(set(inputs) - allowed)
        raise UnknownKeyError(
            f"unknown input(s) {', '.join(unknown)}; expected: {', '.join(sorted(allowed))}",
            row=indicator.name,
            field=f"inputs.{indicator.key}",
        )
    if not _REQUIRED[indicator.function].issubset(inputs):
        missing = sorted(_REQUIRED[indicator.function] - set(inputs))
        raise InputError(
            f"missing input(s) {', '.join(missing)}",
            row=indicator.name,
            field=f"inputs.{indicator.key}",
        )
    return function(**inputs, indicator=indicator)


def default_indicator(key: str) -> Indicator:
    """The indicator *key* of the default framework (Luohu 2023)."""
    return framework(DEFAULT_FRAMEWORK).indicator(key)


def score_with(
    key: str,
    indicator: Indicator | None,
    inputs: Mapping[str, object],
    measure: Callable[[], Mapping[str, object]],
) -> Score:
    """Compute the measures and score them on *indicator* (default: Luohu 2023).

    Errors from the conversions are located at the indicator. Everything runs
    in :data:`jixiao.quantities.CONTEXT`, whatever the caller's decimal context.
    """
    leaf = indicator if indicator is not None else default_indicator(key)
    try:
        with decimal.localcontext(CONTEXT):
            return leaf.apply(measure(), inputs)
    except JixiaoError as error:
        raise error.located(row=leaf.name, field=f"inputs.{leaf.key}") from None


def as_ratio(value: object, field: str) -> Ratio:
    """A :class:`Ratio`, or text with a percent sign (``"84.51%"``).

    A bare number is refused: whether ``84.51`` or ``0.8451`` was meant
    cannot be told, so the caller must say.
    """
    if isinstance(value, Ratio):
        return value
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        return Ratio.parse(value, field)
    raise InputError(
        "a ratio must say what it is: Ratio.percent('84.51'), Ratio.fraction('0.8451') "
        "or the text '84.51%'",
        field=field,
        value=value,
    )


def ratio_from(
    rate: object,
    part: AmountLike | None,
    whole: AmountLike | None,
    field: str,
    names: tuple[str, str],
) -> Ratio:
    """A ready ratio (input *field*), or ``part ÷ whole`` of two amounts (inputs
    *names*); exactly one of the two."""
    if rate is not None:
        if part is not None or whole is not None:
            raise InputError(f"give either {field} or {' and '.join(names)}, not both", field=field)
        return as_ratio(rate, field)
    if part is None or whole is None:
        raise InputError(f"give {field}, or both {' and '.join(names)}", field=field)
    return amount_ratio(part, whole, field, names=names)
