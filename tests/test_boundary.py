"""Types at the boundary (issue 13, item 3): every public function of jixiao,
jixiao.rules, jixiao.project and jixiao.department, called with None or a value
of a wrong type for each parameter, raises only the library's own errors."""

from __future__ import annotations

import contextlib
import inspect
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jixiao
import jixiao.department
import jixiao.project
import jixiao.rules
from jixiao.errors import JixiaoError

MODULES = (jixiao, jixiao.project, jixiao.department, jixiao.rules)


def _public_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for module in MODULES:
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                yield f"{module.__name__}.{name}", value


FUNCTIONS = dict(_public_functions())

HOSTILE = st.sampled_from(
    [None, 123, -1, 1.5, True, "x", "", b"x", [], [None], {}, {"x": None}, object(), Decimal("NaN")]
)


def _parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(function).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path) -> Iterator[None]:
    """Nothing a call writes lands in the repository."""
    before = Path.cwd()
    os.chdir(tmp_path)
    yield
    os.chdir(before)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_only_the_librarys_errors_come_out(name: str, data: st.DataObject) -> None:
    function = FUNCTIONS[name]
    arguments: dict[str, Any] = {}
    for parameter in _parameters(function):
        required = parameter.default is parameter.empty
        if required or data.draw(st.booleans(), label=f"give {parameter.name}"):
            arguments[parameter.name] = data.draw(HOSTILE, label=parameter.name)
    positional = [
        arguments.pop(p.name) for p in _parameters(function) if p.kind is p.POSITIONAL_ONLY
    ]
    with contextlib.suppress(JixiaoError):  # anything else fails the test
        function(*positional, **arguments)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: jixiao.evaluate(cast(Any, None), {}), "field fw"),
        (lambda: jixiao.load_department(cast(Any, 123)), "path"),
        (lambda: jixiao.project.score_table(cast(Any, "x")), "table"),
        (lambda: jixiao.project.audit(cast(Any, None)), "table"),
    ],
)
def test_the_error_names_the_argument(call: Callable[[], object], argument: str) -> None:
    with pytest.raises(JixiaoError) as caught:
        call()
    assert argument in str(caught.value)
