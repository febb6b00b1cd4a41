"""jixiao._compiled: a compiled component gives exactly what its score() gives.

Every component of every shipped framework is compiled and checked against
the primitive's own ``score`` (which the explanations use) on generated
values, valid and not: the same points, or the same error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao
from jixiao._compiled import component_points
from jixiao.errors import JixiaoError
from jixiao.framework import Framework
from jixiao.primitives import Bands, Checklist, Component, Judged, Tiers
from jixiao.quantities import ZERO, Ratio

D = Decimal
FRAMEWORKS: list[Framework] = [jixiao.framework(i) for i in jixiao.available_frameworks()]
COMPONENTS: list[tuple[str, Component]] = [
    (f"{fw.id}:{indicator.key}:{component.measure}", component)
    for fw in FRAMEWORKS
    for indicator in fw.indicators
    for component in indicator.components
]


def _edges(component: Component) -> list[Decimal]:
    if isinstance(component, Bands):
        return [
            edge
            for band in component.bands
            for edge in (band.interval.lower, band.interval.upper)
            if edge is not None
        ]
    return [ZERO, component.points]


def values_for(component: Component) -> st.SearchStrategy[object]:
    """Values a measure may hold, valid and not: numbers near the edges, ratios,
    counts, verdicts, tier keys, lists, and things of the wrong type."""
    numbers = st.one_of(
        st.sampled_from(_edges(component)),
        st.decimals(-5, 300, places=4, allow_nan=False, allow_infinity=False),
        st.decimals(0, 2, places=30, allow_nan=False, allow_infinity=False),
    )
    verdicts = st.one_of(st.booleans(), numbers, st.integers(-1, 3), st.sampled_from(["1", "x"]))
    keys = [t.key for t in component.tiers] if isinstance(component, Tiers) else []
    return st.one_of(
        numbers,
        numbers.map(lambda n: Ratio(n)),
        st.integers(-3, 40),
        st.booleans(),
        st.sampled_from([*keys, "none", "", "FULL"]),
        st.lists(verdicts, max_size=8),
        st.lists(verdicts, max_size=8).map(tuple),
        st.sampled_from([None, 0.5, {"a": 1}, b"x", D("NaN")]),
    )


def _outcome(function: Any, value: object) -> tuple[str, object]:
    try:
        return "points", function(value)
    except (JixiaoError, ArithmeticError, TypeError) as error:
        return type(error).__name__, str(error)


@pytest.mark.parametrize(("name", "component"), COMPONENTS, ids=[n for n, _ in COMPONENTS])
@given(data=st.data())
def test_a_compiled_component_gives_what_score_gives(
    name: str, component: Component, data: st.DataObject
) -> None:
    compiled = component_points(component)
    value = data.draw(values_for(component), label="value")
    expected = _outcome(lambda v: component.score(v)[0], value)
    got = _outcome(compiled, value)
    assert got == expected
    if got[0] == "points":
        assert got[1] == expected[1]
        assert isinstance(got[1], Decimal)


def test_a_subclass_of_a_primitive_is_scored_by_its_own_score() -> None:
    class Doubled(Judged):
        def score(self, value: object) -> tuple[Decimal, object]:
            points, detail = super().score(value)
            return points * 2, detail

    component = Doubled(measure="points", points=D(4))
    assert component_points(component)(D(1)) == D(2)


def test_checklists_of_verdicts_and_points() -> None:
    checklist = jixiao.framework("shenzhen-luohu-2023").indicator("indicator_clarity").components[0]
    assert isinstance(checklist, Checklist)
    compiled = component_points(checklist)
    assert compiled(True) == D(7)
    assert compiled(False) == D(0)
    assert compiled([True, False, True, False, True]) == D(4)
    assert compiled((True, "1.5", True, False, True)) == D("5.5")
