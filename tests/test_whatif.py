"""Inverse questions, reporting dates and sweeps: each answer checked at its boundary."""

from __future__ import annotations

import datetime
import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao
from jixiao.errors import InputError
from jixiao.progress import execution_rate, quarter_end, scheduled_progress, spending_progress
from jixiao.quantities import CONTEXT, Ratio
from jixiao.rules import budget_execution, non_establishment_staff, public_funds_control
from jixiao.sweep import grid, sweep, sweep_rule
from jixiao.whatif import (
    execution_spending_for,
    non_establishment_limits,
    public_funds_limits,
    spending_needed,
)

ROOT = Path(__file__).resolve().parents[1]
CENT = Decimal("0.01")
amounts = st.decimals(min_value=Decimal("1.00"), max_value=Decimal("100000000"), places=2)


@given(st.integers(min_value=0, max_value=5000))
def test_non_establishment_limits_hold_and_one_more_drops(established: int) -> None:
    limits = non_establishment_limits(established)
    assert limits[Decimal(0)] is None
    if established == 0:
        assert list(limits) == [Decimal(0)]  # no headcount reaches the other bands
    for points, largest in limits.items():
        if largest is None:
            continue
        assert non_establishment_staff(established, largest).points >= points
        assert non_establishment_staff(established, largest + 1).points < points


def test_non_establishment_limits_for_the_seed() -> None:
    assert non_establishment_limits(11) == {Decimal(1): 0, Decimal("0.5"): 1, Decimal(0): None}
    assert non_establishment_limits(19) == {Decimal(1): 0, Decimal("0.5"): 2, Decimal(0): None}
    assert non_establishment_limits(20)[Decimal(1)] == 1  # 1 of 21 is 4.76 %


@given(amounts)
def test_public_funds_limits_hold_and_a_cent_more_drops(budget: Decimal) -> None:
    limits = public_funds_limits(budget)
    for points, most in limits.items():
        if most is None:
            continue
        at = public_funds_control(most, budget, "0", "1").points - 3  # routine at 0 % gives 3
        over = public_funds_control(most + CENT, budget, "0", "1").points - 3
        assert at >= points
        assert over < points


@given(amounts, st.sampled_from([1, 2, 3, 4]))
def test_spending_needed_keeps_the_quarter_point(budget: Decimal, quarter: int) -> None:
    need = spending_needed(budget, quarter)
    progress = ["100%"] * 4

    def q_points(spent: Decimal) -> Decimal:
        given_progress: list[Ratio | str] = list(progress)
        # a Ratio, not the text f"{spent / budget * 100}%": computed digits are no printed number
        given_progress[quarter - 1] = Ratio.fraction(spent / budget)
        score = budget_execution(progress=given_progress)
        return next(p.points for p in score.parts if p.component.measure == f"q{quarter}")

    assert q_points(need) == 1
    assert q_points(need - CENT) < 1


def test_spending_needed_for_the_seed_third_quarter() -> None:
    assert spending_needed("2820.25", 3) == Decimal("2115.19")
    with pytest.raises(InputError, match="quarter"):
        spending_needed("1", 5)


@given(
    st.lists(st.decimals(min_value=0, max_value=Decimal("1.2"), places=4), min_size=4, max_size=4),
    st.sampled_from([0, 1, 2, 3]),
    amounts,
    st.decimals(min_value=0, max_value=6, places=2),
)
def test_execution_spending_for_is_the_least_that_reaches_the_target(
    rates: list[Decimal], unknown: int, budget: Decimal, target: Decimal
) -> None:
    progress: list[str | None] = [f"{r * 100}%" for r in rates]
    progress[unknown] = None
    found = execution_spending_for(target, progress, budget)

    def points(spent: Decimal) -> Decimal:
        given_progress: list[Ratio | str | None] = list(progress)
        given_progress[unknown] = Ratio.fraction(spent / budget)  # as above
        return budget_execution(progress=given_progress).points  # type: ignore[arg-type]

    if found is None:
        assert points(budget * 10) < target
        return
    assert points(found) >= target
    if found >= CENT:
        assert points(found - CENT) < target


@pytest.mark.parametrize(
    ("day", "percent"),
    [
        (datetime.date(2023, 3, 31), "25"),
        (datetime.date(2023, 6, 30), "50"),
        (datetime.date(2023, 9, 30), "75"),
        (datetime.date(2023, 12, 31), "100"),
        (datetime.date(2024, 3, 31), "25"),
    ],
)
def test_scheduled_progress_is_exact_at_quarter_ends(day: datetime.date, percent: str) -> None:
    assert scheduled_progress(day) == jixiao.Ratio.percent(percent)


def test_scheduled_progress_counts_leap_days() -> None:
    with decimal.localcontext(CONTEXT):
        leap = jixiao.Ratio(Decimal(60) / Decimal(91) / 4)
        common = jixiao.Ratio(Decimal(59) / Decimal(90) / 4)
    assert scheduled_progress(datetime.date(2024, 2, 29)) == leap
    assert scheduled_progress(datetime.date(2023, 2, 28)) == common
    assert quarter_end(2024, 1) == datetime.date(2024, 3, 31)


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 30)))
def test_scheduled_progress_grows_day_by_day(day: datetime.date) -> None:
    after = day + datetime.timedelta(days=1)
    if after.year == day.year:
        assert scheduled_progress(day) < scheduled_progress(after)
    assert 0 < scheduled_progress(day).value <= 1


def test_dates_are_checked() -> None:
    with pytest.raises(InputError, match="year evaluated"):
        scheduled_progress(datetime.date(2022, 5, 1), year=2023)
    with pytest.raises(InputError, match="a day, not a moment"):
        scheduled_progress(datetime.datetime(2023, 5, 1, 12))
    with pytest.raises(InputError, match="method"):
        scheduled_progress(datetime.date(2023, 5, 1), method="weeks")


def test_execution_rate_at_a_quarter_end_is_the_rule_s_rate() -> None:
    rate = execution_rate("1822.83", "2820.25", datetime.date(2023, 9, 30))
    score = budget_execution(
        quarters=[
            {"spent": "548.3", "budget": "2663.06"},
            {"spent": "1171.04", "budget": "2738.30"},
            {"spent": "1822.83", "budget": "2820.25"},
            {"spent": "2568.79", "budget": "2936.74"},
        ]
    )
    q3 = score.measures["q3"]
    assert isinstance(q3, jixiao.Ratio)
    assert abs(rate.value - q3.value) < Decimal("1e-30")
    assert str(spending_progress("1822.83", "2820.25")) == "64.63%"


def _seed() -> jixiao.Department:
    return jixiao.load_department(ROOT / "examples" / "luohu-2023-department.toml")


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "non_establishment_staff.non_establishment": st.integers(0, 100),
                "satisfaction.rate": st.decimals(0, 100, places=2).map(lambda d: f"{d}%"),
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_sweep_equals_single_evaluations(scenarios: list[dict[str, object]]) -> None:
    department = _seed()
    result = sweep(department, scenarios)
    for scenario, record in zip(scenarios, result.records, strict=True):
        inputs = {k: dict(v) for k, v in department.inputs.items()}
        for path, value in scenario.items():
            key, _, name = path.partition(".")
            inputs[key][name] = value
        single = jixiao.evaluate(department.resolve_framework(), inputs, department.overrides)
        assert record["total"] == single.total
        assert record["grade"] == single.grade.value
        assert all(record[s.key] == s.points for s in single.scores)


def test_sweep_over_a_grid_of_q2_spending() -> None:
    department = _seed()
    slips = [{"spent": s, "budget": "2738.30"} for s in ("1171.04", "900", "600")]
    base = [dict(q) for q in department.inputs["budget_execution"]["quarters"]]
    scenarios = [{"budget_execution.quarters": [base[0], slip, base[2], base[3]]} for slip in slips]
    totals = [r["total"] for r in sweep(department, scenarios).records]
    assert totals[0] == Decimal("97.11")
    assert totals[0] > totals[1] > totals[2]


@given(
    st.lists(
        st.fixed_dictionaries(
            {"established": st.integers(0, 60), "non_establishment": st.integers(0, 60)}
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_rule_sweep_equals_its_rule_function(scenarios: list[dict[str, int]]) -> None:
    fw = _seed().resolve_framework()
    indicator = fw.indicator("non_establishment_staff")
    scenarios = [s for s in scenarios if s["established"] + s["non_establishment"] > 0]
    result = sweep_rule(indicator, scenarios)
    assert result.indicator is indicator
    assert result.framework is None
    for scenario, record in zip(scenarios, result.records, strict=True):
        alone = non_establishment_staff(scenario["established"], scenario["non_establishment"])
        assert record == {**scenario, "points": alone.points}


def test_a_rule_sweep_over_a_base_and_its_bad_scenarios() -> None:
    indicator = _seed().resolve_framework().indicator("satisfaction")
    rates = grid(rate=["79.99%", "80%", "90%", "95%"])
    assert [r["points"] for r in sweep_rule(indicator, rates).records] == [
        Decimal(p) for p in ("1.00", "2.00", "4.00", "6.00")
    ]
    with pytest.raises(InputError, match="scenario 2") as caught:
        sweep_rule(indicator, [{"rate": "90%"}, {"rate": "90"}])
    assert "inputs.satisfaction" in str(caught.value)
    staff = _seed().resolve_framework().indicator("funded_staff_control")
    records = sweep_rule(staff, grid(established=[11, 12, 13]), base={"authorized": 12}).records
    assert [r["points"] for r in records] == [Decimal("1.00"), Decimal("1.00"), Decimal("0.00")]


def test_grid_and_bad_scenarios() -> None:
    assert len(grid(**{"a.x": [1, 2, 3], "b.y": [4, 5]})) == 6
    with pytest.raises(InputError, match=r"indicator\.input"):
        sweep(_seed(), [{"satisfaction": "90%"}])
    with pytest.raises(InputError, match="scenario 2"):
        sweep(_seed(), [{"satisfaction.rate": "90%"}, {"satisfaction.rate": "90"}])


def test_the_what_if_example_script_runs() -> None:
    import runpy

    namespace = runpy.run_path(str(ROOT / "examples" / "whatif_luohu_2023.py"))
    assert namespace["evaluation"].total == Decimal("97.11")
    assert namespace["least"] == Decimal("1811.24")


def _department_with(**changes: dict[str, object]) -> jixiao.Department:
    import attrs

    department = _seed()
    inputs = {k: dict(v) for k, v in department.inputs.items()}
    inputs.update(changes)
    return attrs.evolve(department, inputs=inputs)


@given(
    st.decimals(min_value=0, max_value=25, places=2),
    st.decimals(min_value=0, max_value=100, places=2),
    st.integers(0, 8),
)
def test_grade_moves_move_the_grade_and_one_step_less_does_not(
    effectiveness: Decimal, satisfaction: Decimal, completed: int
) -> None:
    from jixiao.moves import grade_moves

    department = _department_with(
        effectiveness={"points": effectiveness},
        satisfaction={"rate": f"{satisfaction}%"},
        project_timeliness={"planned": 8, "completed": completed},
    )
    evaluation = department.evaluate()
    for direction in ("up", "down"):
        for move in grade_moves(evaluation, direction):
            assert move.grade != evaluation.grade
            assert (move.total > evaluation.total) == (direction == "up")
            key, _, name = move.input.partition(".")
            if (
                "[" in name
                or isinstance(move.after, bool)
                or move.after in ("full", "partial", "none")
            ):
                continue
            framework = department.resolve_framework()
            inputs = {k: dict(v) for k, v in department.inputs.items()}
            inputs[key][name] = move.after
            assert jixiao.evaluate(framework, inputs, department.overrides).total == move.total
            inputs[key][name] = _one_step_back(move.before, move.after)
            back = jixiao.evaluate(framework, inputs, department.overrides)
            assert back.grade == evaluation.grade


def _one_step_back(before: object, after: object) -> object:
    """The value one grid step from *after* toward *before*."""
    if isinstance(after, int):
        return after - 1 if after > int(str(before)) else after + 1
    if isinstance(after, str):
        number, old = Decimal(after.rstrip("%")), Decimal(str(before).rstrip("%"))
        return f"{number - Decimal('0.01') if number > old else number + Decimal('0.01')}%"
    assert isinstance(after, Decimal)
    old = Decimal(str(before))
    return after - CENT if after > old else after + CENT


def test_grade_moves_for_the_seed() -> None:
    from jixiao.moves import grade_moves

    evaluation = _seed().evaluate()
    assert grade_moves(evaluation, "up") == []  # already 优
    moves = {m.input: m for m in grade_moves(evaluation, "down")}
    assert moves["effectiveness.points"].after == Decimal("17.88")
    assert moves["effectiveness.points"].total == Decimal("89.99")
    assert moves["key_task_completion.uncompleted"].after == 2
    assert (
        "non_establishment_staff.non_establishment" not in moves
    )  # overridden: inputs do not move it


def test_execution_spending_for_an_exact_tie_returns_the_grid_point() -> None:
    # 49,218.75 gives exactly 1.545, which rounds half-up to 1.55.
    found = execution_spending_for("1.55", [None, "0%", "2.05%", "0%"], Decimal("195312.50"))
    assert found == Decimal("49218.75")
