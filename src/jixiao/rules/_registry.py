"""The registry of rule functions, and the input conversions they share.

Every rule has two halves registered under one key:

- its *measure function* turns what a user has in hand (amounts, counts,
  ratios, verdicts) into the *measures* its indicator's components read
  (``{"rate": Ratio.percent("84.51")}``); it is pure and returns nothing else;
- its *rule function* is the typed, documented public face: it takes the same
  inputs (plus ``indicator=``) and returns a :class:`~jixiao.Score`.

A department evaluation calls the measure functions directly (the plain path,
:mod:`jixiao.department`); the rule functions serve callers who score one
indicator. Frameworks name rules by key in their data (``function =
"non_establishment_staff"``); :func:`rule_function` finds them.
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

__all__ = [
    "AS_GIVEN",
    "MEASURES",
    "RULES",
    "as_given",
    "as_ratio",
    "call_rule",
    "check_inputs",
    "complete_inputs",
    "ratio_from",
    "rule",
    "rule_function",
    "score_with",
]

DEFAULT_FRAMEWORK = "shenzhen-luohu-2023"

RuleFunction = Callable[..., Score]
Measures = dict[str, object]
"""What a measure function returns: the values its indicator's components read, by name."""
MeasureFunction = Callable[..., Measures]
F = TypeVar("F", bound=RuleFunction)

RULES: dict[str, RuleFunction] = {}
"""Every registered rule function by its key."""

MEASURES: dict[str, MeasureFunction] = {}
"""Every registered measure function by its rule's key."""

PARAMETERS: dict[str, frozenset[str]] = {}
"""The input names each rule accepts, by key."""

REQUIRED: dict[str, frozenset[str]] = {}
"""The input names each rule requires, by key."""

AS_GIVEN: set[MeasureFunction] = set()
"""Measure functions whose measures are their inputs as given (see :func:`as_given`)."""

_SIGNATURES: dict[str, tuple[tuple[str, object], ...]] = {}
_MISSING = inspect.Parameter.empty


def _inputs_of(function: Callable[..., object]) -> list[tuple[str, object]]:
    return [
        (name, parameter.default)
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "indicator"
    ]


M = TypeVar("M", bound=MeasureFunction)


def as_given(function: M) -> M:
    """Mark a measure function whose measures are its inputs as given, each
    under its own name (a checklist's verdicts, an evaluator's points). A
    department evaluation then takes the inputs as the measures without
    calling it; it must have no defaults."""
    if any(default is not _MISSING for _, default in _inputs_of(function)):
        raise TypeError(f"{function.__name__}: a measure function as given has no defaults")
    AS_GIVEN.add(function)
    return function


def rule(key: str, measures: MeasureFunction) -> Callable[[F], F]:
    """Register a rule function under *key* (its name in framework files),
    with the measure function that computes its measures.

    The two must take the same inputs with the same defaults (the rule
    function adds ``indicator``); a mismatch fails at import.
    """

    def register(function: F) -> F:
        inputs = _inputs_of(function)
        if inputs != _inputs_of(measures):
            raise TypeError(f"rule {key!r}: the rule and measure functions take different inputs")
        PARAMETERS[key] = frozenset(name for name, _ in inputs)
        REQUIRED[key] = frozenset(n for n, d in inputs if d is _MISSING)
        _SIGNATURES[key] = tuple(inputs)
        RULES[key] = function
        MEASURES[key] = measures
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


def check_inputs(indicator: Indicator, inputs: object) -> Mapping[str, object]:
    """*inputs* as a mapping of the inputs *indicator*'s rule accepts.

    Raises:
        InputError: *inputs* is not a table of inputs, or lacks a required one.
        UnknownKeyError: it names an input the rule does not take.
    """
    where = {"row": indicator.name, "field": f"inputs.{indicator.key}"}
    rule_function(indicator.function)
    if not isinstance(inputs, Mapping) or not all(isinstance(k, str) for k in inputs):
        raise InputError("expected a table of named inputs", value=inputs, **where)
    allowed = PARAMETERS[indicator.function]
    if not allowed.issuperset(inputs):
        unknown = sorted(set(inputs) - allowed)
        raise UnknownKeyError(
            f"unknown input(s) {', '.join(unknown)}; expected: {', '.join(sorted(allowed))}",
            **where,
        )
    if not REQUIRED[indicator.function].issubset(inputs):
        missing = sorted(REQUIRED[indicator.function] - set(inputs))
        raise InputError(f"missing input(s) {', '.join(missing)}", **where)
    return inputs


def call_rule(indicator: Indicator, inputs: Mapping[str, object]) -> Score:
    """Score *indicator* from a mapping of inputs (as read from a file).

    Unknown and missing keys are reported by name before anything is computed.
    """
    given = check_inputs(indicator, inputs)
    return score_with(indicator.function, indicator, **given)


def default_indicator(key: str) -> Indicator:
    """The indicator *key* of the default framework (Luohu 2023)."""
    return framework(DEFAULT_FRAMEWORK).indicator(key)


def complete_inputs(key: str, inputs: Mapping[str, object]) -> dict[str, object]:
    """Rule *key*'s inputs in its signature's order, defaults filled in: what a
    :class:`~jixiao.Score` records, however the rule was called."""
    signature = _SIGNATURES[key]
    if len(inputs) == len(signature):  # every input given (they are checked by name)
        return {name: inputs[name] for name, _ in signature}
    return {
        name: inputs.get(name, default)
        for name, default in signature
        if name in inputs or default is not _MISSING
    }


def score_with(key: str, indicator: Indicator | None, /, **inputs: object) -> Score:
    """Compute rule *key*'s measures from *inputs* and score them on
    *indicator* (default: the Luohu 2023 indicator of that rule).

    Errors from the conversions are located at the indicator. Everything runs
    in :data:`jixiao.quantities.CONTEXT`, whatever the caller's decimal context.
    """
    leaf = indicator if indicator is not None else default_indicator(key)
    try:
        with decimal.localcontext(CONTEXT):
            return leaf.apply(MEASURES[key](**inputs), complete_inputs(key, inputs))
    except JixiaoError as error:
        raise error.located(row=leaf.name, field=f"inputs.{leaf.key}") from None


def as_ratio(value: object, field: str) -> Ratio:
    """A :class:`Ratio`, or text with a percent sign (``"84.51%"``).

    A bare number is refused: whether ``84.51`` or ``0.8451`` was meant
    cannot be told, so the caller must say.
    """
    if type(value) is str and value[-1:] == "%":
        return Ratio.parse(value, field)
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
