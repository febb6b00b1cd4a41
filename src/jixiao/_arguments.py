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

import attrs

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


@attrs.frozen
class _Plan:
    """What :func:`checked` checks of a function, read once from its signature.

    Attributes:
        signature: the signature (bound only to explain a wrong call).
        positional: the parameters that take positional arguments, in order.
        named: the same, with ``None`` for a positional-only one (a keyword
            of its name never fills it).
        most: the most positional arguments it takes (``None``: any, it
            takes ``*args``).
        keywords: the parameters that take keyword arguments (``None``: any,
            the function takes ``**kwargs``).
        required: each required parameter's name (``None`` for a
            positional-only one) and position (``None`` for a keyword-only one).
        checks: each checked parameter's runtime types.
        keyword_checks: the same for the parameters a keyword fills.
    """

    signature: inspect.Signature
    positional: tuple[str, ...]
    named: tuple[str | None, ...]
    most: int | None
    keywords: frozenset[str] | None
    required: tuple[tuple[str | None, int | None], ...]
    checks: dict[str, tuple[type, ...]]
    keyword_checks: dict[str, tuple[type, ...]]

    @classmethod
    def of(cls, function: Callable[..., Any], names: Mapping[str, Any]) -> _Plan:
        signature = inspect.signature(function)
        parameters = signature.parameters.values()
        kind = inspect.Parameter
        positional = tuple(
            p.name
            for p in parameters
            if p.kind in (kind.POSITIONAL_ONLY, kind.POSITIONAL_OR_KEYWORD)
        )
        keywords = frozenset(
            p.name for p in parameters if p.kind in (kind.POSITIONAL_OR_KEYWORD, kind.KEYWORD_ONLY)
        )
        any_keyword = any(p.kind is kind.VAR_KEYWORD for p in parameters)
        named = tuple(
            None if p.kind is kind.POSITIONAL_ONLY else p.name
            for p in parameters
            if p.kind in (kind.POSITIONAL_ONLY, kind.POSITIONAL_OR_KEYWORD)
        )
        required = tuple(
            (
                None if p.kind is kind.POSITIONAL_ONLY else p.name,
                positional.index(p.name) if p.name in positional else None,
            )
            for p in parameters
            if p.default is p.empty and p.kind not in (kind.VAR_POSITIONAL, kind.VAR_KEYWORD)
        )
        checks: dict[str, tuple[type, ...]] = {}
        for parameter in parameters:
            if parameter.kind in (kind.VAR_POSITIONAL, kind.VAR_KEYWORD):
                continue
            if parameter.annotation is parameter.empty:
                continue
            kinds = _runtime_types(_hint(function, parameter.annotation, names))
            if kinds is not None:
                checks[parameter.name] = tuple(k for k in kinds if k is not float)
        any_positional = any(p.kind is kind.VAR_POSITIONAL for p in parameters)
        return cls(
            signature,
            positional,
            named,
            None if any_positional else len(positional),
            None if any_keyword else keywords,
            required,
            checks,
            {name: kinds for name, kinds in checks.items() if name in keywords},
        )

    def fits(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> bool:
        """Whether a call with *args* and *kwargs* binds (else binding the
        signature says why)."""
        given = len(args)
        if self.most is not None and given > self.most:
            return False
        if kwargs:
            keywords = self.keywords
            if keywords is not None and not keywords.issuperset(kwargs):
                return False
            if any(name is not None and name in kwargs for name in self.named[:given]):
                return False
        return all(
            (at is not None and at < given) or (name is not None and name in kwargs)
            for name, at in self.required
        )


def _refuse(
    function: Callable[..., Any], name: str, value: object, kinds: tuple[type, ...]
) -> None:
    expected = " or ".join("None" if k is type(None) else k.__name__ for k in kinds)
    raise InputError(
        f"{function.__name__}(): expected {expected}, not {type(value).__name__}",
        zh=f"{function.__name__}()：应为 {expected}，而不是 {type(value).__name__}",
        field=name,
        value=value,
    )


def _fits(value: object, kinds: tuple[type, ...]) -> bool:
    """Whether *value* is of one of *kinds* (a ``bool`` is not an ``int``
    here unless ``bool`` is among them)."""
    return isinstance(value, kinds) and not (
        isinstance(value, bool) and bool not in kinds and int in kinds
    )


def checked(function: F, names: Mapping[str, Any] | None = None) -> F:
    """*function*, checking each argument's type before it runs (see the
    module); *names* help read annotations its module imports only for type
    checkers. A call that does not bind is refused with the reason the
    signature gives."""
    plans: list[_Plan] = []  # read on the first call: annotations may name later definitions

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not plans:
            plans.append(_Plan.of(function, names or {}))
        plan = plans[0]
        if not plan.fits(args, kwargs):
            try:
                plan.signature.bind(*args, **kwargs)
            except TypeError as error:
                raise InputError(
                    f"{function.__name__}(): {error}",
                    zh=f"{function.__name__}()：参数不符：{error}",
                ) from None
        checks = plan.checks
        for name, value in zip(plan.positional, args, strict=False):
            kinds = checks.get(name)
            if kinds is not None and not _fits(value, kinds):
                _refuse(function, name, value, kinds)
        keyword_checks = plan.keyword_checks
        for name, value in kwargs.items():
            kinds = keyword_checks.get(name)
            if kinds is not None and not _fits(value, kinds):
                _refuse(function, name, value, kinds)
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
