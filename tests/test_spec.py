"""The specification's data model: inputs, measures, components' options,
conditions, interpretations, changes, periods, grades and the rule libraries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from jixiao.errors import FrameworkError, InputError, UnknownKeyError
from jixiao.intervals import Interval
from jixiao.primitives import Checklist, ChecklistItem, Excess, Judged, Proportional
from jixiao.quantities import Ratio
from jixiao.score import Outcome, score_rule
from jixiao.spec import (
    DEFAULT_GRADES,
    Alternative,
    Citation,
    Condition,
    Constraint,
    Grade,
    GradeBand,
    Grades,
    Indicator,
    Input,
    InputKind,
    Interpretation,
    Period,
)
from jixiao.spec._file import indicator_from_dict, indicator_to_dict
from jixiao.spec._interpretation_file import apply_changes
from jixiao.spec.library import library_from_dict, rule_library
from jixiao.spec.measures import (
    ChangeMeasure,
    ElementMeasure,
    MeanMeasure,
    NumberMeasure,
    PositionMeasure,
    RatioMeasure,
)

D = Decimal
CITATION = Citation("标题", "发文机关", 2024)


def _rule(**fields: Any) -> Indicator:
    base: dict[str, Any] = {
        "key": "k",
        "name": "规则",
        "name_en": "rule",
        "weight": D(1),
        "components": (Judged("x", D(1)),),
        "citation": CITATION,
        "inputs": (Input("x", "给分", "points", InputKind.POINTS),),
    }
    return Indicator(**{**base, **fields})


def _compute(measure: Any, **values: Any) -> Any:
    return measure.compute(values, values)


# ---------------------------------------------------------------- inputs


def test_inputs_read_by_kind() -> None:
    assert Input("n", kind=InputKind.COUNT).read("3") == 3
    assert Input("r", kind=InputKind.RATIO).read("84.51%") == Ratio.percent("84.51")
    assert Input("r", kind=InputKind.RATIO, signed=True).read("-3.5%") == Ratio(D("-0.035"))
    assert Input("a", kind=InputKind.NUMBER).read(" 1,171.04 ") == D("1171.04")
    assert Input("f", kind=InputKind.FLAG).read(True) is True
    assert Input("o", kind=InputKind.COUNT, required=False).read(None) is None
    with pytest.raises(InputError, match="expected true or false"):
        Input("f", kind=InputKind.FLAG).read("yes")
    with pytest.raises(InputError, match="ratio must say what it is"):
        Input("r", kind=InputKind.RATIO).read("84.51")
    assert not Input("v", kind=InputKind.VERDICTS).converts
    assert not Input("p", kind=InputKind.RATIO, length=4).converts


def test_input_declarations_are_checked() -> None:
    with pytest.raises(FrameworkError, match="identifier"):
        Input("not a name")
    with pytest.raises(FrameworkError, match="required input has no default"):
        Input("x", default=1)
    with pytest.raises(FrameworkError, match="records, and only records"):
        Input("x", kind=InputKind.RECORDS)
    with pytest.raises(ValueError, match="kind"):
        Constraint("at-least")


def test_a_constraint_names_the_input() -> None:
    constraint = Constraint("at-most", "whole", "a part above its whole")
    constraint.check("part", {"part": 3, "whole": 3})
    constraint.check("part", {"part": None, "whole": 3})
    with pytest.raises(InputError, match="a part above its whole") as caught:
        constraint.check("part", {"part": 4, "whole": 3})
    assert caught.value.field == "part"
    assert caught.value.value == 4


# ---------------------------------------------------------------- measures


def test_the_closed_set_of_measures() -> None:
    share = RatioMeasure("rate", part="a", whole=("a", "b"))
    assert _compute(share, a=1, b=3) == Ratio.fraction("0.25")
    capped = RatioMeasure("rate", part="t", whole=("x",), at_most=D(1))
    assert _compute(capped, t=D(5), x=D(4)) == Ratio.fraction("1")
    assert _compute(capped, t=D(5), x=D(0)) == Ratio.fraction("1")  # a zero whole: the bound
    assert _compute(capped, t=D(4), x=D(5)) == Ratio.fraction("0.8")
    zero = RatioMeasure("rate", part="a", whole=("t",), zero="no target")
    with pytest.raises(InputError, match="no target") as caught:
        zero.compute({"a": D(1), "t": D(0)}, {"a": "1", "t": "0"})
    assert caught.value.value == "0"  # as given
    rounded = RatioMeasure("rate", part="a", whole=("b",), rounding=D("0.0001"))
    assert _compute(rounded, a=D("157.46"), b=D("158.75")) == Ratio.percent("99.19")
    change = ChangeMeasure("change", current="c", previous="p", given="g")
    assert _compute(change, c="10.5", p="10", g=None) == Ratio.percent("5")
    with pytest.raises(InputError, match="give either g or c and p, not both"):
        _compute(change, c="1", p="1", g=Ratio.percent("1"))
    position = PositionMeasure("position", amount="a", limit="l")
    assert [_compute(position, a=a, l="20") for a in ("0", "20", "20.01")] == [
        "zero",
        "within",
        "above",
    ]
    assert _compute(NumberMeasure("days", input="n"), n=4) == D(4)
    rates = (Ratio.percent("120"), Ratio.percent("80"))
    assert _compute(ElementMeasure("q2", of="r", index=1), r=rates) == Ratio.percent("80")
    assert _compute(MeanMeasure("m", of="r"), r=rates) == Ratio.percent("100")
    assert _compute(MeanMeasure("m", of="r", cap=D(1)), r=rates) == Ratio.percent("90")


# ---------------------------------------------------------------- components' options


def test_excess_steps_and_uncapped_proportional() -> None:
    value = Ratio.percent("12.5")
    excess = Excess("x", D(1), threshold=D("0.1"), per_unit=D("0.1"), unit=D("0.01"))
    assert excess.score(value)[0] == D("0.75")
    assert attrs.evolve(excess, steps="started").score(value)[0] == D("0.7")
    assert attrs.evolve(excess, steps="completed").score(value)[0] == D("0.8")
    with pytest.raises(FrameworkError, match="unknown steps"):
        Excess("x", D(1), steps="rounded")
    assert Proportional("q", D(1)).score(Ratio.percent("120"))[0] == D(1)
    assert Proportional("q", D(1), capped=False).score(Ratio.percent("120"))[0] == D("1.2")


def test_a_scoped_veto_sets_an_item_or_a_component_to_zero() -> None:
    items = Checklist("items", D(2), items=(ChecklistItem("一", D(1)), ChecklistItem("二", D(1))))
    inputs = (
        Input("items", "结论", "verdicts", InputKind.VERDICTS),
        Input("flag", "条件", "flag", InputKind.FLAG, required=False),
    )
    item = _rule(
        weight=D(2),
        components=(items,),
        inputs=inputs,
        veto=Condition("flag", "条件成立", scope="items[2]"),
    )
    scored = score_rule(item, {"items": True, "flag": True}, trace=True)
    assert scored.points == D("1.00")
    assert scored.parts[0].detail == (D(1), D(0))
    assert scored.conditions == (item.veto,)
    assert score_rule(item, {"items": True}).points == D("2.00")
    whole = attrs.evolve(item, veto=Condition("flag", "条件成立"))
    assert score_rule(whole, {"items": True, "flag": True}).outcome is Outcome.VETO
    with pytest.raises(FrameworkError, match="scope names no component"):
        attrs.evolve(item, veto=Condition("flag", "x", scope="items[3]"))
    with pytest.raises(FrameworkError, match="scope names no component"):
        attrs.evolve(item, veto=Condition("flag", "x", scope="nothing"))


def test_a_condition_on_an_interval() -> None:
    condition = Condition("rate", "超出", when=Interval.parse("(100%, ∞)"))
    assert condition.holds(Ratio.percent("100.01"))
    assert not condition.holds(Ratio.percent("100"))
    assert not condition.holds(None)


def test_rounding_by_parts() -> None:
    inputs = (
        Input("a", kind=InputKind.POINTS, label="a", label_en="a"),
        Input("b", kind=InputKind.POINTS, label="b", label_en="b"),
    )
    rule = _rule(weight=D(2), components=(Judged("a", D(1)), Judged("b", D(1))), inputs=inputs)
    given = {"a": "0.005", "b": "0.005"}
    assert score_rule(rule, given).points == D("0.01")
    assert score_rule(attrs.evolve(rule, rounding="parts"), given).points == D("0.02")
    with pytest.raises(FrameworkError, match="unknown rounding"):
        attrs.evolve(rule, rounding="somewhere")


# ---------------------------------------------------------------- interpretations and changes


def test_an_interpretation_is_checked() -> None:
    plain = Alternative("a")
    with pytest.raises(FrameworkError, match="two or more alternatives"):
        Interpretation("x", "why", "a", (plain,))
    with pytest.raises(FrameworkError, match="default is not one"):
        Interpretation("x", "why", "c", (plain, Alternative("b", changes={"k": 1})))
    with pytest.raises(FrameworkError, match="has no changes"):
        Interpretation("x", "why", "b", (plain, Alternative("b", changes={"k": 1})))
    interpretation = Interpretation("x", "why", "a", (plain, Alternative("b", changes={"k": 1})))
    with pytest.raises(UnknownKeyError, match="expected one of: a, b"):
        interpretation.alternative("c")


def test_changes_set_remove_and_replace() -> None:
    data = {
        "components": [{"measure": "q1", "capped": True}, {"measure": "q2"}],
        "veto": {"measure": "m", "scope": "items[2]"},
    }
    changed = apply_changes(
        data,
        {
            "components.q1.capped": False,
            "veto.scope": "",
            "components.q2": {"measure": "q2", "x": 1},
        },
        "here",
    )
    assert changed == {
        "components": [{"measure": "q1", "capped": False}, {"measure": "q2", "x": 1}],
        "veto": {"measure": "m"},
    }
    assert data["veto"] == {"measure": "m", "scope": "items[2]"}  # the original is untouched
    with pytest.raises(FrameworkError, match="leads nowhere") as caught:
        apply_changes(data, {"components.q9.capped": False}, "here")
    assert caught.value.field == "here"


def test_an_indicator_round_trips_through_its_file_form() -> None:
    library = rule_library("department")
    indicator = indicator_from_dict(
        {
            "key": "budget_execution",
            "name": "预算执行率",
            "weight": "6",
            "function": "budget_execution",
            "components": [
                {"kind": "proportional", "measure": m, "points": "1"}
                for m in ("q1", "q2", "q3", "q4")
            ]
            + [{"kind": "proportional", "measure": "average", "points": "2", "capped": False}],
        },
        "here",
        CITATION,
        library=library,
        schedules={"quarterly": _quarterly()},
    )
    assert [i.name for i in indicator.inputs] == ["quarters", "progress"]
    written = indicator_to_dict(indicator, library)
    assert "inputs" not in written  # the function's own
    assert (
        indicator_from_dict(
            written, "here", CITATION, library=library, schedules={"quarterly": _quarterly()}
        )
        == indicator
    )
    inline = indicator_to_dict(indicator)
    assert inline["measures"][0] == {
        "key": "rates",
        "kind": "schedule",
        "records": "quarters",
        "given": "progress",
        "part": "spent",
        "whole": "budget",
        "schedule": "quarterly",
    }
    with pytest.raises(FrameworkError, match="schedule the rule set does not state"):
        indicator_from_dict(written, "here", CITATION, library=library)


def _quarterly() -> Any:
    from jixiao.spec import Schedule

    return Schedule("quarterly", "quarter", (D("0.25"), D("0.5"), D("0.75"), D(1)))


def test_rule_libraries() -> None:
    department = rule_library("department")
    assert {"budget_execution", "amount_share", "judged"} <= set(department)
    project = rule_library("project")
    assert set(project) == {
        "execution",
        "higher",
        "lower",
        "lower_linear",
        "judged",
        "not_applicable",
    }
    with pytest.raises(FrameworkError, match="used twice"):
        library_from_dict({"schema": "jixiao.rules/1", "rules": [{"key": "a"}, {"key": "a"}]}, "x")
    with pytest.raises(FrameworkError, match="schema"):
        library_from_dict({"schema": "other", "rules": []}, "x")


# ---------------------------------------------------------------- periods and grades


def test_periods() -> None:
    assert Period(2023, 2023).contains(2023)
    assert not Period(2023, 2023).contains(2024)
    assert Period(2020).contains(2099)
    assert Period(2018, 2019).overlaps(Period(2019))
    assert not Period(2018, 2019).overlaps(Period(2020))
    with pytest.raises(FrameworkError, match="ends before it begins"):
        Period(2020, 2019)
    with pytest.raises(FrameworkError, match="whole number"):
        Period("2020")  # type: ignore[arg-type]


def test_grades() -> None:
    assert DEFAULT_GRADES.grade(D("89.99")) is Grade.GOOD
    with pytest.raises(InputError, match="must not be negative"):
        DEFAULT_GRADES.grade(D("-1"))
    strict = Grades(
        (
            GradeBand(Grade.EXCELLENT, Interval.parse("[85, ∞)")),
            GradeBand(Grade.POOR, Interval.parse("[0, 85)")),
        )
    )
    assert strict.grade(D(85)) is Grade.EXCELLENT
    with pytest.raises(FrameworkError, match="include its lower edge"):
        Grades((GradeBand(Grade.POOR, Interval.parse("(0, ∞)")),))
    with pytest.raises(FrameworkError, match="gap or overlap"):
        Grades(
            (
                GradeBand(Grade.EXCELLENT, Interval.parse("[90, ∞)")),
                GradeBand(Grade.POOR, Interval.parse("[0, 80)")),
            )
        )


# ---------------------------------------------------------------- issue 13: the grades' cap


@pytest.mark.parametrize(
    ("total", "words"),
    [
        (D("100.01"), "between 0 and 100"),
        (D(1000), "between 0 and 100"),
        (D(-1), "between 0 and 100; it must not be negative"),
        (D("Infinity"), "NaN and infinity"),
        (D("-Infinity"), "NaN and infinity"),
        (D("NaN"), "NaN and infinity"),
        (D("sNaN"), "NaN and infinity"),
        (95.0, "not float"),
        (95, "not int"),
        ("95", "not str"),
    ],
)
def test_grades_refuse_a_total_outside_0_to_100(total: Any, words: str) -> None:
    """Found by the fuzzing: ``grade(1000)`` and ``grade(Infinity)`` were 优.
    The cap is the rule set's grading itself, so a framework's and a template's
    grading refuse as :func:`jixiao.grade` does."""
    with pytest.raises(InputError, match=words) as caught:
        DEFAULT_GRADES.grade(total)
    assert caught.value.field == "total"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("100.00", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("89.9999999", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.FAIR),
        ("60", Grade.FAIR),
        ("59.99", Grade.POOR),
        ("0", Grade.POOR),
        ("0.00", Grade.POOR),
        ("-0", Grade.POOR),
    ],
)
def test_grades_keep_both_ends_and_every_band_edge(total: str, grade: Grade) -> None:
    assert DEFAULT_GRADES.grade(D(total)) is grade


def test_grades_that_state_their_upper_edge_bound_the_total() -> None:
    assert str(DEFAULT_GRADES.span) == "[0, 100]"
    closed = Grades(
        (
            GradeBand(Grade.EXCELLENT, Interval.parse("[108, 120]")),
            GradeBand(Grade.POOR, Interval.parse("[0, 108)")),
        )
    )
    assert str(closed.span) == "[0, 120]"
    assert closed.grade(D(120)) is Grade.EXCELLENT
    assert closed.grade(D("107.99")) is Grade.POOR
    with pytest.raises(InputError, match="between 0 and 120"):
        closed.grade(D("120.01"))
    open_top = Grades(
        (
            GradeBand(Grade.EXCELLENT, Interval.parse("[45, 50)")),
            GradeBand(Grade.POOR, Interval.parse("[0, 45)")),
        )
    )
    assert open_top.grade(D("49.99")) is Grade.EXCELLENT
    with pytest.raises(InputError, match="between 0 and 50"):
        open_top.grade(D(50))
