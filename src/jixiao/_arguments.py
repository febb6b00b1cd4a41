"""Types at the boundary: a public function checks what it is given.

:func:`checked` wraps a function so that each argument is checked against its
annotation (the outer type: ``Mapping`` of ``Mapping[str, X]``, each member of
a union) before the body runs; an argument of another type, ``None`` where
``None`` is not allowed among them, is an :class:`~jixiao.errors.InputError`
naming the argument, never a ``TypeError`` or ``AttributeError`` from deep
inside. Annotations it cannot read as runtime types (``object``, ``Any``, a
type variable, a ``Literal``) are not checked: the body checks those values.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from jixiao.errors import InputError

__all__ = ["checked", "export_checked"]

F = TypeVar("F", bound=Callable[..., Any])
_UNCHECKED = None


def _runtime_types(hint: object) -> tuple[type, ...] | None:
    """The classes a value of *hint* is an instance of (``None``: any)."""
    if hint is None or hint is type(None):
        return (type(None),)
    if hint is Any or hint is object or isinstance(hint, TypeVar):
        return _UNCHECKED
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        found: list[type] = []
        for member in typing.get_args(hint):
            kinds = _runtime_types(member)
            if kinds is None:
                return _UNCHECKED
            found.extend(kinds)
        return tuple(found)
    if origin is not None:
        hint = origin
    if isinstance(hint, type) and hint is not object:
        return (hint,)
    return _UNCHECKED


def _hint(function: Callable[..., Any], annotation: object, names: Mapping[str, Any]) -> object:
    """An annotation as a runtime object, its names looked up in the function's
    module, then in *names* (a package's namespace, for names imported only for
    type checkers); ``object`` when it cannot be read."""
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, {**names, **function.__globals__})
    except Exception:
        return object


def _plan(
    function: Callable[..., Any], names: Mapping[str, Any]
) -> tuple[inspect.Signature, dict[str, tuple[type, ...]]]:
    signature = inspect.signature(function)
    checks: dict[str, tuple[type, ...]] = {}
    for name, parameter in signature.parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.annotation is parameter.empty:
            continue
        kinds = _runtime_types(_hint(function, parameter.annotation, names))
        if kinds is not None:
            checks[name] = tuple(k for k in kinds if k is not float)
    return signature, checks


def checked(function: F, names: Mapping[str, Any] | None = None) -> F:
    """*function*, checking each argument's type before it runs (see the
    module); *names* help read annotations its module imports only for type
    checkers."""
    plan: list[tuple[inspect.Signature, dict[str, tuple[type, ...]]]] = []

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not plan:
            plan.append(_plan(function, names or {}))
        signature, checks = plan[0]
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as error:
            raise InputError(f"{function.__name__}(): {error}") from None
        for name, value in bound.arguments.items():
            kinds = checks.get(name)
            if kinds is None or (
                isinstance(value, kinds)
                and not (isinstance(value, bool) and bool not in kinds and int in kinds)
            ):
                continue
            expected = " or ".join("None" if k is type(None) else k.__name__ for k in kinds)
            raise InputError(
                f"{function.__name__}(): expected {expected}, not {type(value).__name__}",
                field=name,
                value=value,
            )
        return function(*args, **kwargs)

    wrapper.__jixiao_checked__ = True  # type: ignore[attr-defined]
    return typing.cast(F, wrapper)


def export_checked(namespace: dict[str, Any], names: list[str]) -> None:
    """Wrap each function among *names* of a package's *namespace* with
    :func:`checked` (a package's public face checks what it is given)."""
    for name in names:
        value = namespace.get(name)
        if inspect.isfunction(value) and not hasattr(value, "__jixiao_checked__"):
            namespace[name] = checked(value, namespace)
