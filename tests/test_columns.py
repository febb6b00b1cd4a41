"""The column evaluator gives the one evaluator's points, always: on random
scenarios of every shipped rule and of generated rule sets, and on
adversarial ones that sit on band edges and half-cent ties; and the error
bound of its float arithmetic holds."""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import require_module

# the [fast] extra: CI fails without it; elsewhere this module is skipped
np = require_module("numpy")

import jixiao  # noqa: E402
import jixiao.sweep as sweep_module  # noqa: E402
from jixiao._column_values import Num, from_decimals, round_half_up, to_cents  # noqa: E402
from jixiao._evaluator import evaluate_rule  # noqa: E402
from jixiao.department._framework_file import framework_from_dict  # noqa: E402
from jixiao.errors import JixiaoError  # noqa: E402
from jixiao.quantities import CONTEXT  # noqa: E402
from jixiao.spec.rules import Indicator  # noqa: E402
from jixiao.sweep import grid, sweep_rule  # noqa: E402

from .strategies import framework_data, generated_inputs, rule_inputs  # noqa: E402

SHIPPED = [jixiao.framework(name) for name in jixiao.available_frameworks()]
INDICATORS = [(fw.id, ind) for fw in SHIPPED for ind in fw.indicators]


def _scalar(indicator: Indicator, scenarios: list[dict[str, Any]]) -> list[Decimal] | int:
    """Each scenario's points by the one evaluator, or the number of the first
    scenario it refuses."""
    points = []
    for number, inputs in enumerate(scenarios, 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                points.append(evaluate_rule(indicator, dict(inputs)).points)
        except JixiaoError:
            return number
    return points


def _agree(indicator: Indicator, scenarios: list[dict[str, Any]]) -> None:
    expected = _scalar(indicator, scenarios)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if isinstance(expected, int):
            with pytest.raises(JixiaoError, match=f"scenario {expected}\\b"):
                sweep_rule(indicator, scenarios)
            return
        result = sweep_rule(indicator, scenarios)
    assert [r["points"] for r in result] == expected


@settings(max_examples=25, deadline=None)
@given(st.data(), st.sampled_from(INDICATORS))
def test_every_shipped_rule_agrees_on_random_scenarios(data: Any, case: Any) -> None:
    _, indicator = case
    scenarios = data.draw(st.lists(rule_inputs(indicator), min_size=1, max_size=12))
    _agree(indicator, scenarios)


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_generated_rule_sets_agree(data: Any) -> None:
    fw = framework_from_dict(data.draw(framework_data()), "generated.toml")
    drawn = data.draw(st.lists(generated_inputs(fw), min_size=1, max_size=6))
    for indicator in fw.indicators:
        _agree(indicator, [inputs[indicator.key] for inputs in drawn])


def _luohu(key: str) -> Indicator:
    return jixiao.framework("shenzhen-luohu-2023").indicator(key)


def test_band_edges_of_every_shipped_ratio_input() -> None:
    for fw in SHIPPED:
        for indicator in fw.indicators:
            for component in indicator.components:
                edges = [
                    e
                    for band in getattr(component, "bands", ())
                    for e in (band.interval.lower, band.interval.upper)
                    if e is not None and e >= 0
                ]
                item = next((i for i in indicator.inputs if i.name == component.measure), None)
                if not edges or item is None or item.kind.value != "ratio":
                    continue
                near = [e + d for e in edges for d in (Decimal("-1e-6"), 0, Decimal("1e-6"))]
                values = [f"{v * 100}%" for v in near if v >= 0]
                base = {i.name: "0%" for i in indicator.inputs if i.name != item.name}
                _agree(indicator, [{**base, item.name: v} for v in values])


def test_every_share_of_a_headcount_at_the_band_edges() -> None:
    staff = _luohu("non_establishment_staff")
    scenarios: list[dict[str, Any]] = [
        {"established": e, "non_establishment": n} for e in range(41) for n in range(41) if e + n
    ]
    _agree(staff, scenarios)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 149), st.sampled_from(["progress", "quarters"]))
def test_half_cent_ties_of_the_quarterly_rule(k: int, form: str) -> None:
    # Q3 alone: points = p/0.75 + 2 × (p/0.75)/4 = 2p, a half-cent when p = (2k+1)/400;
    # the Decimal evaluator reaches it through 1/3s and settles it (x.xx4999… → x.xx5).
    p = Decimal(2 * k + 1) / 400
    if form == "progress":
        inputs: dict[str, Any] = {"progress": ["0%", "0%", f"{p * 100}%", f"{p * 100}%"]}
    else:
        budget = Decimal("195312.50")
        spent = p * budget
        quarters = [{"spent": Decimal(0), "budget": budget}] * 2
        quarters += [{"spent": spent, "budget": budget}, {"spent": spent, "budget": budget * 4}]
        inputs = {"quarters": quarters}
    execution = _luohu("budget_execution")
    _agree(execution, [inputs])
    assert sweep_rule(execution, [inputs])[0]["points"] == evaluate_rule(execution, inputs).points


def test_the_published_tie_of_the_quarterly_rule() -> None:
    # 49,218.75 of 195,312.50 in Q1 gives exactly 1.545 → 1.55 (docs/guides/whatif.md)
    execution = _luohu("budget_execution")
    progress = [f"{Decimal('49218.75') / Decimal('195312.50') * 100}%", "0%", "2.05%", "0%"]
    result = sweep_rule(execution, [{"progress": progress}])
    assert result[0]["points"] == Decimal("1.55")


def test_the_plain_path_gives_the_same_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    department = jixiao.load_department("examples/luohu-2023-department.toml")
    changes: dict[str, list[object]] = {
        "satisfaction.rate": ["79.99%", "80%", "90%", "95%", "100%"],
        "budget_execution.quarters[2].spent": ["548.3", "800", "1171.04", "1822.83"],
        "project_timeliness.completed": [0, 4, 7, 8],
    }
    axes = grid(**changes)
    fast = sweep_module.sweep(department, axes)
    monkeypatch.setattr(sweep_module, "FAST", False)
    plain = sweep_module.sweep(department, axes)
    assert list(plain.cents()) == list(fast.cents())
    assert plain.records == fast.records
    assert plain.grade_counts() == fast.grade_counts()


# The error bound ---------------------------------------------------------------

exact = st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=6)


def _num(value: Decimal) -> tuple[Num, Fraction]:
    return from_decimals((value,)), Fraction(value)


def _within(num: Num, true: Fraction) -> bool:
    return abs(Fraction(float(num.x[0])) - true) <= Fraction(float(num.e[0]))


@given(exact, exact, exact)
def test_the_bound_holds_through_every_operation(a: Decimal, b: Decimal, c: Decimal) -> None:
    (na, fa), (nb, fb), (nc, fc) = _num(a), _num(b), _num(c)
    assert _within(na + nb, fa + fb)
    assert _within(na - nb, fa - fb)
    assert _within((na * nb) + nc, fa * fb + fc)
    quotient, flagged = (na - nc).divide(nb)
    if not flagged[0]:
        assert _within(quotient, (fa - fc) / fb)
        assert _within(quotient * nc, (fa - fc) / fb * fc)


@given(st.integers(0, 10**9), st.integers(1, 10**6))
def test_rounding_is_half_up_or_flagged(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator) / 100
    with_bound, _ = Num(np.array([float(value)]), np.array([abs(float(value)) * 2**-52])).divide(
        from_decimals((Decimal(1),))
    )
    cents, flagged = to_cents(with_bound)
    if not flagged[0]:
        exact_cents = value * 100
        assert cents[0] == int(exact_cents + Fraction(1, 2))  # half-up (floor of x + ½)
    rounded, tie = round_half_up(with_bound, Decimal("0.0001"))
    if not tie[0]:
        assert round(float(rounded.x[0]) * 10_000) == int(value * 10_000 + Fraction(1, 2))


def test_a_float_tie_is_flagged_not_guessed() -> None:
    # 5.694999… in float64 is the exact 5.695 of the rule: flagged, re-scored
    num = from_decimals((Decimal("5.695"),))
    assert to_cents(num)[1][0]
    assert Decimal("5.695").quantize(Decimal("0.01"), context=CONTEXT) == Decimal("5.70")
