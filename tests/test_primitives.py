"""jixiao.primitives: intervals and the seven scoring primitives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import FrameworkError, InputError, RuleError
from jixiao.primitives import (
    KINDS,
    Band,
    Bands,
    Checklist,
    ChecklistItem,
    Deduction,
    Excess,
    Interval,
    Judged,
    Proportional,
    Tier,
    Tiers,
    measure_value,
)
from jixiao.quantities import Ratio

from .strategies import counts, decimals, luohu, percents

D = Decimal

# ---------------------------------------------------------------- Interval


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("[5%, 10%]", ["0.05", "0.075", "0.10"], ["0.0499999", "0.1000001"]),
        ("[0%, 5%)", ["0", "0.0499999"], ["0.05", "-0.0001"]),
        ("(10%, ∞)", ["0.1000001", "1000"], ["0.10", "0"]),
        ("[90%, ∞)", ["0.90", "5"], ["0.8999999"]),
        ("(-∞, 5]", ["-1000", "5"], ["5.0000001"]),
        ("(-inf, +inf)", ["-1", "0", "1"], []),
        ("[1, 1]", ["1"], ["0.9999", "1.0001"]),
    ],
)
def test_interval_edges_each_their_own(text: str, inside: list[str], outside: list[str]) -> None:
    interval = Interval.parse(text)
    for value in inside:
        assert interval.contains(D(value)), (text, value)
    for value in outside:
        assert not interval.contains(D(value)), (text, value)


def test_interval_parse_fields() -> None:
    interval = Interval.parse("[5%, 10%]")
    assert interval == Interval(D("0.05"), D("0.10"), True, True)
    assert interval.percent
    unbounded = Interval.parse("(10%, ∞)")
    assert unbounded.upper is None
    assert not unbounded.upper_closed
    assert not unbounded.lower_closed
    assert Interval.parse("[-∞, 5]").lower_closed is False


@pytest.mark.parametrize(
    ("text", "shown", "inequality"),
    [
        ("[5%, 10%]", "[5%, 10%]", "5% ≤ x ≤ 10%"),
        ("[0%, 5%)", "[0%, 5%)", "0% ≤ x < 5%"),
        ("(10%, ∞)", "(10%, ∞)", "x > 10%"),
        ("[95%, ∞)", "[95%, ∞)", "x ≥ 95%"),
        ("(-∞, 5)", "(-∞, 5)", "x < 5"),
        ("(-∞, ∞)", "(-∞, ∞)", "any x"),
    ],
)
def test_interval_text(text: str, shown: str, inequality: str) -> None:
    interval = Interval.parse(text)
    assert str(interval) == shown
    assert interval.inequality() == inequality
    assert Interval.parse(str(interval)) == interval


@pytest.mark.parametrize("text", ["5%, 10%", "[5%; 10%]", "[10%, 5%]", "[a, 5]", "", "[1, 2, 3]"])
def test_interval_parse_refuses_bad_notation(text: str) -> None:
    with pytest.raises((FrameworkError, InputError)):
        Interval.parse(text)


def test_interval_parse_refuses_non_text() -> None:
    value: Any = 5
    with pytest.raises(FrameworkError, match="interval"):
        Interval.parse(value)


# ---------------------------------------------------------------- Bands

STAFF_BANDS = (
    Band(Interval.parse("[0%, 5%)"), D(1), "比率<5%的，得1分"),
    Band(Interval.parse("[5%, 10%]"), D("0.5"), "5%≤比率≤10%的，得0.5分"),
    Band(Interval.parse("(10%, ∞)"), D(0), "比率>10%的，得0分"),
)


def staff_bands() -> Bands:
    return Bands("rate", D(1), "编外", "non-establishment", bands=STAFF_BANDS)


@pytest.mark.parametrize(
    ("ratio", "points"),
    [
        (Ratio.percent("0"), "1"),
        (Ratio.percent("4.9999"), "1"),
        (Ratio.percent("5"), "0.5"),
        (Ratio.of(1, 20), "0.5"),
        (Ratio.percent("10"), "0.5"),
        (Ratio.of(1, 10), "0.5"),
        (Ratio.percent("10.0001"), "0"),
        (Ratio.fraction(D("0.1000000000000000000000000001")), "0"),
        (Ratio.percent("84.51"), "0"),
    ],
)
def test_bands_apply_edges(ratio: Ratio, points: str) -> None:
    part = staff_bands().apply(ratio)
    assert part.points == D(points)
    assert isinstance(part.detail, Band)
    assert part.detail.interval.contains(ratio.value)
    assert part.value == ratio


def test_bands_accept_a_decimal_measure_but_not_text() -> None:
    assert staff_bands().apply(D("0.05")).points == D("0.5")
    with pytest.raises(InputError, match="Ratio") as caught:
        staff_bands().apply("5%")
    assert "rate" in str(caught.value)


def test_bands_value_outside_every_band() -> None:
    with pytest.raises(InputError, match="outside every band"):
        staff_bands().apply(Ratio(D("-0.01")))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("[0%, 5%)", "(5%, 10%]"),  # 5 % in neither: a gap
        ("[0%, 5%]", "[5%, 10%]"),  # 5 % in both: an overlap
        ("[0%, 4%)", "[5%, 10%]"),  # a gap between edges
        ("[0%, 6%)", "[5%, 10%]"),  # overlapping ranges
        ("[5%, 10%]", "[0%, 5%)"),  # descending order
    ],
)
def test_bands_with_gap_or_overlap_raise(first: str, second: str) -> None:
    bands = (Band(Interval.parse(first), D(1)), Band(Interval.parse(second), D(0)))
    with pytest.raises(FrameworkError, match="gap or overlap") as caught:
        Bands("rate", D(1), bands=bands)
    assert "rate" in str(caught.value)


def test_bands_need_a_band_and_the_best_band_gives_the_points() -> None:
    with pytest.raises(FrameworkError, match="at least one band"):
        Bands("rate", D(1))
    with pytest.raises(FrameworkError, match="best band gives 1"):
        Bands("rate", D(2), bands=STAFF_BANDS)


@given(percents(0, 1000))
def test_every_shipped_band_table_is_a_partition(percent: Decimal) -> None:
    """Any non-negative ratio falls in exactly one band of every band table."""
    ratio = Ratio.percent(percent)
    for indicator in luohu().indicators:
        for component in indicator.components:
            if isinstance(component, Bands):
                holding = [b for b in component.bands if b.interval.contains(ratio.value)]
                assert len(holding) == 1, (indicator.key, percent)
                assert component.apply(ratio).points == holding[0].points


# ---------------------------------------------------------------- Proportional


def procurement() -> Proportional:
    return Proportional("rate", D(1), factor=D(1), zero_when=Interval.parse("(100%, ∞)"))


@pytest.mark.parametrize(
    ("ratio", "points", "detail"),
    [
        (Ratio.percent("0"), "0", "formula"),
        (Ratio.percent("99.19"), "0.9919", "formula"),
        (Ratio.percent("100"), "1", "formula"),
        (Ratio.percent("100.01"), "0", "zero"),
    ],
)
def test_proportional_with_zero_range(ratio: Ratio, points: str, detail: str) -> None:
    part = procurement().apply(ratio)
    assert part.points == D(points)
    assert part.detail == detail


def test_proportional_caps_and_defaults_its_factor_to_its_points() -> None:
    quarter = Proportional("q1", D(1))
    assert quarter.multiplier == 1
    assert quarter.apply(Ratio.percent("120")).points == 1
    assert quarter.apply(Ratio.percent("120")).detail == "capped"
    average = Proportional("average", D(2))
    assert average.apply(Ratio.percent("50")).points == 1
    timeliness = Proportional("rate", D(6))
    assert timeliness.apply(Ratio.of(7, 8)).points == D("5.25")


def test_proportional_never_below_zero() -> None:
    assert Proportional("x", D(1)).apply(D("-3")).points == 0


@given(percents(0, 100), percents(0, 100))
def test_proportional_is_monotone_below_the_zero_range(a: Decimal, b: Decimal) -> None:
    low, high = sorted([a, b])
    component = procurement()
    assert component.apply(Ratio.percent(low)).points <= component.apply(Ratio.percent(high)).points


# ---------------------------------------------------------------- Deduction


@pytest.mark.parametrize(("count", "points"), [(0, "8"), (1, "4"), (2, "0"), (3, "0"), (100, "0")])
def test_deduction_floor_zero(count: int, points: str) -> None:
    part = Deduction("uncompleted", D(8), per_item=D(4)).apply(count)
    assert part.points == D(points)


@pytest.mark.parametrize("value", [-1, True, 1.0, "1", D(1)])
def test_deduction_wants_a_whole_count(value: object) -> None:
    with pytest.raises(InputError, match="count") as caught:
        Deduction("violations", D(5)).apply(value)
    assert "violations" in str(caught.value)


@given(counts(50))
def test_deduction_falls_by_its_step(count: int) -> None:
    rule = Deduction("v", D(5), per_item=D(1))
    now, after = rule.apply(count).points, rule.apply(count + 1).points
    assert after == max(now - 1, D(0))


# ---------------------------------------------------------------- Excess


def adjustment() -> Excess:
    return Excess("adjustment", D(1), threshold=D("0.10"), per_unit=D("0.1"), unit=D("0.01"))


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        ("0", "1"),
        ("10", "1"),
        ("11", "0.9"),
        ("12.5", "0.75"),
        ("19.9", "0.01"),
        ("20", "0"),
        ("35", "0"),
    ],
)
def test_excess_pro_rata(percent: str, points: str) -> None:
    assert adjustment().apply(Ratio.percent(percent)).points == D(points)


def test_excess_detail_is_the_deduction() -> None:
    assert adjustment().apply(Ratio.percent("12.5")).detail == D("0.25")
    assert adjustment().apply(Ratio.percent("5")).detail == 0


@given(percents(0, 40), percents(0, 40))
def test_excess_falls_as_the_value_grows(a: Decimal, b: Decimal) -> None:
    low, high = sorted([a, b])
    rule = adjustment()
    assert rule.apply(Ratio.percent(low)).points >= rule.apply(Ratio.percent(high)).points


# ---------------------------------------------------------------- Checklist and Judged

ITEMS = (ChecklistItem("a", D("0.5")), ChecklistItem("b", D("1.5")), ChecklistItem("c", D(1)))


def checklist() -> Checklist:
    return Checklist("items", D(3), items=ITEMS)


@pytest.mark.parametrize(
    ("verdicts", "points", "earned"),
    [
        (True, "3", ("0.5", "1.5", "1")),
        (False, "0", ("0", "0", "0")),
        ([True, False, True], "1.5", ("0.5", "0", "1")),
        ([True, "0.75", D("0.5")], "1.75", ("0.5", "0.75", "0.5")),
        ((False, 1, 0), "1", ("0", "1", "0")),
    ],
)
def test_checklist_items(verdicts: object, points: str, earned: tuple[str, ...]) -> None:
    part = checklist().apply(verdicts)
    assert part.points == D(points)
    assert part.detail == tuple(D(e) for e in earned)


@pytest.mark.parametrize("verdicts", [[True, True], [True] * 4, "yes", b"yes", 3, None])
def test_checklist_wants_one_verdict_per_item(verdicts: object) -> None:
    with pytest.raises(InputError, match="3 verdicts") as caught:
        checklist().apply(verdicts)
    assert "items" in str(caught.value)


def test_checklist_item_above_its_points_names_the_item() -> None:
    with pytest.raises(RuleError, match=r"maximum of 1\.5") as caught:
        checklist().apply([True, "1.6", True])
    assert "items[2]" in str(caught.value)
    assert "'1.6'" in str(caught.value)


@pytest.mark.parametrize("verdict", ["-0.5", 0.5, "x", None])
def test_checklist_item_verdict_must_be_a_non_negative_exact_number(verdict: object) -> None:
    with pytest.raises(InputError, match=r"items\[1\]"):
        checklist().apply([verdict, True, True])


def test_checklist_items_must_add_up_to_its_points() -> None:
    with pytest.raises(FrameworkError):
        Checklist("items", D(2), items=ITEMS)


@pytest.mark.parametrize(
    ("verdict", "points"), [(True, "25"), (False, "0"), ("23.5", "23.5"), (25, "25"), (D(0), "0")]
)
def test_judged(verdict: object, points: str) -> None:
    assert Judged("points", D(25)).apply(verdict).points == D(points)


def test_judged_above_the_most_is_a_rule_error() -> None:
    with pytest.raises(RuleError, match="maximum of 25") as caught:
        Judged("points", D(25)).apply("25.01")
    assert "points" in str(caught.value)
    assert "25.01" in str(caught.value)


# ---------------------------------------------------------------- Tiers


def disclosure() -> Tiers:
    tiers = (Tier("full", D("1.5")), Tier("partial", D(1)), Tier("none", D(0)))
    return Tiers("budget", D("1.5"), tiers=tiers)


@pytest.mark.parametrize(("key", "points"), [("full", "1.5"), ("partial", "1"), ("none", "0")])
def test_tiers(key: str, points: str) -> None:
    part = disclosure().apply(key)
    assert part.points == D(points)
    assert isinstance(part.detail, Tier)
    assert part.detail.key == key


@pytest.mark.parametrize("key", ["FULL", "", None, 1, True])
def test_tiers_unknown_key_lists_the_tiers(key: object) -> None:
    with pytest.raises(InputError, match="full, partial, none") as caught:
        disclosure().apply(key)
    assert "budget" in str(caught.value)


# ---------------------------------------------------------------- shared


def test_measure_value() -> None:
    assert measure_value(Ratio.percent("5"), "rate") == D("0.05")
    assert measure_value(D("0.05"), "rate") == D("0.05")
    for bad in (0.05, "5%", 5):
        with pytest.raises(InputError, match="rate"):
            measure_value(bad, "rate")


def test_kinds_name_every_primitive() -> None:
    assert {
        "bands": Bands,
        "proportional": Proportional,
        "deduction": Deduction,
        "excess": Excess,
        "checklist": Checklist,
        "judged": Judged,
        "tiers": Tiers,
    } == KINDS
    for kind, cls in KINDS.items():
        assert cls.kind == kind


def test_primitives_are_frozen() -> None:
    component = staff_bands()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        component.points = D(2)  # type: ignore[misc]


@given(st.lists(decimals(0, 1), min_size=3, max_size=3))
def test_checklist_sums_its_items(values: list[Decimal]) -> None:
    values = [min(v, i.points) for v, i in zip(values, ITEMS, strict=True)]
    assert checklist().apply(values).points == sum(values, D(0))
