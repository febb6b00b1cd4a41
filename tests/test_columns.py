"""The column evaluator gives the one evaluator's points, always: on random
scenarios of every shipped rule and of generated rule sets, and on
adversarial ones that sit on band edges and half-cent ties; and the error
bound of its float arithmetic holds."""

from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import require_module

# the [fast] extra: CI fails without it; elsewhere this module is skipped
np = require_module("numpy")

import jixiao  # noqa: E402
import jixiao.sweep as sweep_module  # noqa: E402
from jixiao._evaluator import evaluate_rule  # noqa: E402
from jixiao.department._framework_file import framework_from_dict  # noqa: E402
from jixiao.errors import JixiaoError  # noqa: E402
from jixiao.spec.rules import Indicator  # noqa: E402
from jixiao.sweep import columns, decimals, grid, sweep_rule  # noqa: E402

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


_UNITS = st.one_of(
    st.integers(0, 10**12),
    st.sampled_from(
        [0, 1, 10**15 - 1, 10**15, 2**53 - 1, 2**53, 2**62, -1, 19_531_250, 48_828_125]
    ),
)


@st.composite
def _quarters_in_units(draw: Any) -> tuple[list[int], list[int]]:
    """One scenario's spending (mostly never falling, sometimes flat or
    falling) and budgets, as integers of the smallest unit."""
    spent = [draw(_UNITS) for _ in range(4)]
    if draw(st.integers(0, 4)):
        spent = sorted(spent)
    budget = [draw(_UNITS) for _ in range(4)]
    return spent, budget


@settings(max_examples=40, deadline=None)
@given(st.lists(_quarters_in_units(), min_size=1, max_size=8), st.sampled_from([0, 2, 3, 8]))
def test_amounts_held_as_integers_agree(rows: list[Any], places: int) -> None:
    # the column form of decimals(): exact amounts as int64 units, never a Decimal per row
    execution = _luohu("budget_execution")
    given_columns = {
        f"quarters[{q + 1}].{field}": decimals(np.array([r[f][q] for r in rows]), places)
        for q in range(4)
        for f, field in enumerate(("spent", "budget"))
    }
    scenarios = columns(**given_columns)
    base = {"quarters": [{"spent": Decimal(0), "budget": Decimal(1)}] * 4}
    inputs = [
        {
            "quarters": [
                {"spent": Decimal(s).scaleb(-places), "budget": Decimal(b).scaleb(-places)}
                for s, b in zip(*row, strict=True)
            ]
        }
        for row in rows
    ]
    expected = _scalar(execution, inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if isinstance(expected, int):
            with pytest.raises(JixiaoError, match=f"scenario {expected}\\b"):
                sweep_rule(execution, scenarios, base=base)
            return
        result = sweep_rule(execution, scenarios, base=base)
    assert [r["points"] for r in result] == expected


def test_half_cent_ties_held_as_integers() -> None:
    # Q4 alone at a rate of p: p + 2 × p/4 = 1.5p, a half-cent when p = (2k+1)/300
    execution = _luohu("budget_execution")
    budget = 300 * 10**6  # cents
    spent = np.array([(2 * k + 1) * 10**6 for k in range(150)])
    scenarios = columns(
        **{
            "quarters[4].spent": decimals(spent),
            "quarters[4].budget": decimals(np.full(len(spent), budget)),
        }
    )
    base = {"quarters": [{"spent": Decimal(0), "budget": Decimal(1)}] * 4}
    result = sweep_rule(execution, scenarios, base=base)
    for k, record in enumerate(result):
        quarters = [
            *base["quarters"][:3],
            {"spent": Decimal(int(spent[k])) / 100, "budget": Decimal(budget) / 100},
        ]
        exact = evaluate_rule(execution, {"quarters": quarters}).points
        assert exact == (Decimal(2 * k + 1) / 200).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert record["points"] == exact


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
