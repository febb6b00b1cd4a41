"""The boundary's argument check (jixiao._arguments): a call that binds runs,
a call that does not bind is refused with the signature's reason, and each
argument is checked against its annotation."""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao._arguments import _Plan, checked
from jixiao.errors import InputError

KINDS = (
    inspect.Parameter.POSITIONAL_ONLY,
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.VAR_POSITIONAL,
    inspect.Parameter.KEYWORD_ONLY,
    inspect.Parameter.VAR_KEYWORD,
)
NAMES = ("a", "b", "c", "d", "e")


@st.composite
def signatures(draw: st.DrawFn) -> inspect.Signature:
    """A valid signature: kinds in order, defaults only after the required
    positional ones, at most one of each variadic."""
    parameters: list[inspect.Parameter] = []
    defaulted = False
    for name in draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=5)):
        kind = draw(st.sampled_from(KINDS))
        if parameters and KINDS.index(kind) < KINDS.index(parameters[-1].kind):
            kind = parameters[-1].kind
        if kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD) and any(
            p.kind is kind for p in parameters
        ):
            continue
        if kind is inspect.Parameter.VAR_KEYWORD and parameters and parameters[-1].kind is kind:
            continue
        if parameters and parameters[-1].kind is inspect.Parameter.VAR_KEYWORD:
            break
        default: object = inspect.Parameter.empty
        variadic = kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        positional = kind in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        )
        if not variadic and (draw(st.booleans()) or (positional and defaulted)):
            default = None
            defaulted = defaulted or positional
        parameters.append(inspect.Parameter(name, kind, default=default))
    return inspect.Signature(parameters)


def _binds(signature: inspect.Signature, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> bool:
    """Whether Python calls a function of *signature* with these arguments.

    The oracle is a real call, not ``Signature.bind``: in Python 3.11 at least,
    ``bind`` refuses a keyword named like a positional-only parameter that a
    ``**kwargs`` would take, which a call accepts."""
    namespace: dict[str, Any] = {}
    exec(f"def function{signature}: pass", namespace)  # every default is None
    try:
        namespace["function"](*args, **kwargs)
    except TypeError:
        return False
    return True


def _function(signature: inspect.Signature) -> Any:
    def function(*args: Any, **kwargs: Any) -> str:
        return "ran"

    function.__signature__ = signature  # type: ignore[attr-defined]
    return function


@given(
    signature=signatures(),
    args=st.lists(st.integers(), max_size=6).map(tuple),
    kwargs=st.dictionaries(st.sampled_from((*NAMES, "z")), st.integers(), max_size=5),
)
def test_a_call_fits_exactly_when_it_binds(
    signature: inspect.Signature, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> None:
    plan = _Plan.of(_function(signature), {})
    assert plan.fits(args, kwargs) is _binds(signature, args, kwargs)


@given(
    signature=signatures(),
    args=st.lists(st.integers(), max_size=6).map(tuple),
    kwargs=st.dictionaries(st.sampled_from((*NAMES, "z")), st.integers(), max_size=5),
)
def test_a_wrapped_function_runs_or_says_why_not(
    signature: inspect.Signature, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> None:
    wrapped = checked(_function(signature))
    if _binds(signature, args, kwargs):
        assert wrapped(*args, **kwargs) == "ran"
        return
    with pytest.raises(TypeError) as error:
        signature.bind(*args, **kwargs)  # stricter than a call: it fails too, and says why
    with pytest.raises(InputError, match=re.escape(f"function(): {error.value}")):
        wrapped(*args, **kwargs)


def _amount(value: Decimal, places: int | None = None, *, unit: str = "元") -> str:
    return f"{value}{unit}"


AMOUNT = checked(_amount)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((1.5,), {}, "value"),
        ((None,), {}, "value"),
        ((Decimal(1), "2"), {}, "places"),
        ((Decimal(1), True), {}, "places"),  # a bool is not an int here
        ((Decimal(1),), {"unit": 3}, "unit"),
    ],
)
def test_each_argument_is_checked_against_its_annotation(
    args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(InputError) as caught:
        AMOUNT(*args, **kwargs)
    assert caught.value.field == field


def test_good_arguments_pass_through() -> None:
    assert AMOUNT(Decimal("1.5"), 2, unit="万元") == "1.5万元"
    assert AMOUNT(Decimal("1.5"), None) == "1.5元"


def test_a_keyword_never_fills_a_positional_only_parameter() -> None:
    """``(a, /, **rest)``: ``a=0`` goes to ``rest`` and leaves ``a`` missing;
    with ``a`` given by position, ``a=0`` is a keyword like any other (and
    not checked against ``a``'s type)."""
    parameter = inspect.Parameter
    signature = inspect.Signature(
        [parameter("a", parameter.POSITIONAL_ONLY), parameter("rest", parameter.VAR_KEYWORD)]
    )
    plan = _Plan.of(_function(signature), {})
    assert not plan.fits((), {"a": 0})
    assert plan.fits((1,), {"a": 0})

    def typed(a: int, /, **rest: object) -> str:
        return "ran"

    assert checked(typed)(1, a="text") == "ran"
    with pytest.raises(InputError):
        checked(typed)(a=1)  # type: ignore[call-arg]  # the mistake under test
