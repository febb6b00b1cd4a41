"""Properties of every registered rule set, whatever its jurisdiction.

Every framework of :func:`jixiao.available_frameworks` and every template of
:func:`jixiao.project.available_templates` is checked here by the same tests:
nothing below names a jurisdiction. A rule set added as data is covered by
adding its file.

- the registry: each rule set says its jurisdiction, year, citation and review
  status;
- bounds: every indicator's points lie in [0, weight], with two places, on
  inputs generated from the indicator's worked examples and its components;
- edges: every band and tier edge, evaluated exactly, gives the band or tier
  the interval notation says (``[`` / ``]`` include the edge, ``(`` / ``)``
  exclude it);
- totals: a department's total is the sum of its points, level by level, on
  the worked examples of each framework combined; a project table's total is
  the execution plus its rows, for tables built to fit each template;
- files: each rule set written out as a user's own file loads back equal
  through the same path as the shipped ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jixiao
from jixiao._toml import dumps_toml, read_toml_text
from jixiao.department import Department, evaluate, grade
from jixiao.department._framework_file import framework_from_dict
from jixiao.errors import JixiaoError
from jixiao.framework import Framework, Group, Indicator, load_framework
from jixiao.primitives import Band, Bands, Checklist, Deduction, Excess, Interval, Judged, Tiers
from jixiao.project import (
    LOWER_IS_BETTER,
    Funds,
    FundsRow,
    Level1,
    Level1Kind,
    Level2,
    ProjectInfo,
    ProjectTable,
    Row,
    Template,
    available_templates,
    load_template,
    qualitative,
    score_table,
    template,
)
from jixiao.quantities import Unit, round_points
from jixiao.rules import RULES, call_rule
from jixiao.rules.extra import WITHIN_POSITIONS
from jixiao.score import Score

from .strategies import amounts, declared_inputs, percents, verdict, verdict_lists

D = Decimal
FRAMEWORKS: list[Framework] = [jixiao.framework(i) for i in jixiao.available_frameworks()]
TEMPLATES: list[Template] = [template(i) for i in available_templates()]
INDICATORS: list[tuple[Framework, Indicator]] = [
    (fw, indicator) for fw in FRAMEWORKS for indicator in fw.indicators
]
STATUSES = {"transcribed", "official"}


def _id(value: object) -> str:
    if isinstance(value, (Framework, Template)):
        return value.id
    if isinstance(value, Indicator):
        return value.key
    return "x"


# ---------------------------------------------------------------- the registry


def test_the_registry_holds_every_jurisdiction() -> None:
    assert {"shenzhen-luohu-2023", "yueyang-2019", "suining-daying-2020"} <= set(
        jixiao.available_frameworks()
    )
    assert {"national-2020", "hubei-2020"} <= set(available_templates())


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=_id)
def test_every_framework_says_where_it_comes_from(fw: Framework) -> None:
    assert fw.title
    assert fw.title_en
    assert fw.jurisdiction
    assert fw.jurisdiction_en
    assert isinstance(fw.year, int)
    assert 2000 <= fw.year <= 2100
    citation = fw.citation
    assert citation.title
    assert citation.issuer
    assert citation.source
    assert citation.status in STATUSES
    assert str(fw.year) in str(citation)
    for indicator in fw.indicators:
        assert indicator.citation.title == citation.title
        assert indicator.citation.status == citation.status
        assert indicator.citation.clause
        assert indicator.function in RULES, indicator.key


@pytest.mark.parametrize("shipped", TEMPLATES, ids=_id)
def test_every_template_says_where_it_comes_from(shipped: Template) -> None:
    assert shipped.title
    assert shipped.jurisdiction
    assert shipped.jurisdiction_en
    assert isinstance(shipped.year, int)
    assert 2000 <= shipped.year <= 2100
    assert shipped.citation.title
    assert shipped.citation.issuer
    assert shipped.citation.status in STATUSES
    assert shipped.lower_is_better in LOWER_IS_BETTER
    fixed = sum((g.weight for g in shipped.level1), D(0))
    assert shipped.execution_weight + (shipped.indicators_weight or fixed) == shipped.total


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=_id)
def test_every_level_adds_up(fw: Framework) -> None:
    def walk(node: Framework | Group) -> None:
        assert sum((c.weight for c in node.children), D(0)) == node.weight
        for child in node.children:
            if isinstance(child, Group):
                walk(child)
            else:
                assert sum((c.points for c in child.components), D(0)) == child.weight

    walk(fw)
    assert fw.weight == 100


@pytest.mark.parametrize(("fw", "indicator"), INDICATORS, ids=_id)
def test_every_indicator_has_worked_examples_that_hold(fw: Framework, indicator: Indicator) -> None:
    assert indicator.examples, f"{fw.id}: {indicator.key} has no worked example"
    for example in indicator.examples:
        score = call_rule(indicator, example.inputs)
        assert score.points == example.points, (fw.id, indicator.key, example.note)


@pytest.mark.parametrize(("fw", "indicator"), INDICATORS, ids=_id)
def test_every_band_edge_has_a_worked_example(fw: Framework, indicator: Indicator) -> None:
    """Each finite edge of a band table is one of the examples' measured values."""
    measured: set[D] = set()
    for example in indicator.examples:
        score = call_rule(indicator, example.inputs)
        for part in score.parts:
            value = getattr(part.value, "value", part.value)
            if isinstance(value, D):
                measured.add(value)
    for component in indicator.components:
        if isinstance(component, Bands):
            for band in component.bands:
                for edge in (band.interval.lower, band.interval.upper):
                    if edge is not None and not (edge == 0 and band.interval.lower == edge):
                        assert edge in measured, (fw.id, indicator.key, str(band.interval))


# ---------------------------------------------------------------- bounds


def _seen(indicator: Indicator, key: str) -> list[Any]:
    return [e.inputs[key] for e in indicator.examples if key in e.inputs]


def _component(indicator: Indicator, measure: str) -> Any:
    return next((c for c in indicator.components if c.measure == measure), None)


def _like(value: Any, key: str, indicator: Indicator) -> st.SearchStrategy[Any]:
    """Values of the same kind as an example's input *value*: a checklist's or a
    judged component's input from its points, a ratio, an amount, a count, a
    flag, or one of the words the examples use."""
    component = _component(indicator, key)
    if isinstance(component, Checklist):
        return verdict_lists(tuple(item.points for item in component.items))
    if isinstance(component, Judged):
        return verdict(component.points)
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(0, 60)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            return st.one_of(percents(0, 200), percents(-100, 0)).map(
                lambda p: f"{format(p, 'f')}%"
            )
        try:
            D(text.replace(",", ""))
        except ArithmeticError:
            return st.sampled_from(_seen(indicator, key) or [value])
        return amounts(0, 10_000).map(str)
    if isinstance(value, list):
        return st.tuples(*(_like(v, key, indicator) for v in value)).map(list)
    if isinstance(value, dict):
        return st.fixed_dictionaries({k: _like(v, k, indicator) for k, v in value.items()})
    return st.just(value)


@st.composite
def inputs_for(draw: st.DrawFn, indicator: Indicator) -> dict[str, Any]:
    """Inputs built from one of the indicator's worked examples, each value
    redrawn (or kept), or drawn from the indicator's declared inputs."""
    example = draw(st.sampled_from(indicator.examples))
    inputs = {
        key: draw(st.one_of(st.just(value), _like(value, key, indicator)), label=key)
        for key, value in example.inputs.items()
    }
    if draw(st.booleans()):
        declared: dict[str, Any] = draw(declared_inputs(indicator))
        return declared
    return inputs


def _check_points(score: Score, indicator: Indicator) -> None:
    assert isinstance(score.points, D)
    assert score.points.as_tuple().exponent == -2, score.points
    assert 0 <= score.points <= indicator.weight
    assert score.weight == indicator.weight
    assert score.indicator == indicator


@pytest.mark.parametrize(("fw", "indicator"), INDICATORS, ids=_id)
@given(data=st.data())
def test_points_lie_within_the_weight(
    fw: Framework, indicator: Indicator, data: st.DataObject
) -> None:
    inputs = data.draw(inputs_for(indicator), label="inputs")
    try:
        score = call_rule(indicator, inputs)
    except JixiaoError:  # an input the rule refuses, by name: never another exception
        return
    _check_points(score, indicator)
    assert call_rule(indicator, inputs) == score  # pure


# ---------------------------------------------------------------- edges


def _band_at(bands: tuple[Band, ...], index: int, edge: D, lower: bool) -> Band:
    """The band an edge belongs to, read from the notation alone: the band's
    own edge when closed, else its neighbour's."""
    interval = bands[index].interval
    closed = interval.lower_closed if lower else interval.upper_closed
    if closed:
        return bands[index]
    return bands[index - 1] if lower else bands[index + 1]


def _bands() -> Iterator[tuple[Framework, Indicator, Bands]]:
    for fw, indicator in INDICATORS:
        for component in indicator.components:
            if isinstance(component, Bands):
                yield fw, indicator, component


BANDS = list(_bands())


@pytest.mark.parametrize(
    ("fw", "indicator", "component"), BANDS, ids=lambda v: getattr(v, "key", _id(v))
)
def test_every_band_edge_gives_the_band_its_notation_says(
    fw: Framework, indicator: Indicator, component: Bands
) -> None:
    bands = component.bands
    step = D("0.0001")
    for i, band in enumerate(bands):
        interval = band.interval
        for edge, lower in ((interval.lower, True), (interval.upper, False)):
            if edge is None:
                continue
            if lower and i == 0 and interval.lower_closed:
                assert component.apply(edge).detail == band
                continue
            expected = _band_at(bands, i, edge, lower)
            assert component.apply(edge).detail == expected, (fw.id, indicator.key, str(edge))
            inside = edge + step if lower else edge - step
            if interval.contains(inside):
                assert component.apply(inside).detail == band


@pytest.mark.parametrize(("fw", "indicator"), INDICATORS, ids=_id)
def test_every_threshold_and_deduction_starts_at_full_points(
    fw: Framework, indicator: Indicator
) -> None:
    for component in indicator.components:
        if isinstance(component, Excess):
            assert component.apply(component.threshold).points == component.points
            above = component.threshold + component.unit
            assert component.apply(above).points == max(component.points - component.per_unit, D(0))
        if isinstance(component, Deduction):
            assert component.apply(0).points == component.points
            assert component.apply(1).points == max(component.points - component.per_item, D(0))
        if isinstance(component, Tiers):
            assert {t.points for t in component.tiers} <= {
                component.apply(t.key).points for t in component.tiers
            }


@pytest.mark.parametrize(("fw", "indicator"), INDICATORS, ids=_id)
def test_every_tier_a_rule_function_can_name_is_in_the_data(
    fw: Framework, indicator: Indicator
) -> None:
    """A rule that measures a position (zero / within / above) has a tier for each."""
    if indicator.function != "amount_within":
        return
    tiers = [c for c in indicator.components if isinstance(c, Tiers)]
    assert len(tiers) == 1
    assert {t.key for t in tiers[0].tiers} == set(WITHIN_POSITIONS)


@pytest.mark.parametrize("shipped", TEMPLATES, ids=_id)
def test_every_tier_edge_gives_the_tier_its_notation_says(shipped: Template) -> None:
    tiers = shipped.tiers  # ascending
    weight = D(10)
    for i, tier in enumerate(tiers):
        for edge, lower in ((tier.interval.lower, True), (tier.interval.upper, False)):
            if edge is None:
                continue
            closed = tier.interval.lower_closed if lower else tier.interval.upper_closed
            expected = tier if closed else tiers[i - 1] if lower else tiers[i + 1]
            assert shipped.tier_of(edge) == expected, (shipped.id, str(tier.interval), edge)
            score, found = qualitative(edge * weight, weight, expected.key, template=shipped)
            assert found == expected
            assert score.points == round_points(edge * weight)


# ---------------------------------------------------------------- totals


@st.composite
def example_departments(draw: st.DrawFn, fw: Framework) -> dict[str, Any]:
    """For each indicator, the inputs of one of its worked examples."""
    return {i.key: draw(st.sampled_from(i.examples), label=i.key).inputs for i in fw.indicators}


def _subtotals_add_up(fw: Framework, evaluation: Any) -> None:
    points = {s.key: s.points for s in evaluation.scores}

    def walk(node: Group) -> D:
        total = D(0)
        for child in node.children:
            total += walk(child) if isinstance(child, Group) else points[child.key]
        assert evaluation.subtotals[node.key] == total, node.key
        return total

    level1 = sum((walk(g) for g in fw.children), D(0))
    assert evaluation.total == level1 == sum(points.values(), D(0))
    assert evaluation.grade is grade(evaluation.total)


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=_id)
@settings(max_examples=25)
@given(data=st.data())
def test_total_of_the_combined_worked_examples(fw: Framework, data: st.DataObject) -> None:
    inputs = data.draw(example_departments(fw), label="department")
    evaluation = evaluate(fw, inputs)
    _subtotals_add_up(fw, evaluation)
    for indicator in fw.indicators:
        expected = next(e.points for e in indicator.examples if e.inputs is inputs[indicator.key])
        assert evaluation.score(indicator.key).points == expected
    assert 0 <= evaluation.total <= fw.weight


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=_id)
@settings(max_examples=25)
@given(data=st.data())
def test_total_is_the_sum_of_the_parts(fw: Framework, data: st.DataObject) -> None:
    inputs = {i.key: data.draw(inputs_for(i), label=i.key) for i in fw.indicators}
    try:
        evaluation = evaluate(fw, inputs)
    except JixiaoError:
        return
    _subtotals_add_up(fw, evaluation)


# ---------------------------------------------------------------- templates

_LEVEL2 = {
    Level1Kind.OUTPUT: "数量指标",
    Level1Kind.OUTCOME: "社会效益指标",
    Level1Kind.SATISFACTION: "服务对象满意度指标",
}


@st.composite
def level1_weights(draw: st.DrawFn, shipped: Template) -> list[tuple[Level1Kind, D]]:
    """The template's level-1 weights, or, when it leaves them to the table, a
    split of its indicators' weight over the three standard groups."""
    if shipped.level1:
        return [(g.kind, g.weight) for g in shipped.level1]
    assert shipped.indicators_weight is not None
    whole = int(shipped.indicators_weight)
    first = draw(st.integers(0, whole))
    second = draw(st.integers(0, whole - first))
    parts = (D(first), D(second), D(whole - first - second))
    return list(zip(_LEVEL2, parts, strict=True))


def _number(value: D) -> str:
    return format(value, "f")


@st.composite
def fitting_tables(draw: st.DrawFn, shipped: Template) -> ProjectTable:
    """A table that fits *shipped*: its weights, one or two quantitative rows
    per level-1 group (≥ or ≤ targets), random actuals and executed funds."""
    budget = draw(amounts(1, 10_000).map(D))
    executed = draw(amounts(0, 10_000).map(D))
    groups = []
    for kind, weight in draw(level1_weights(shipped)):
        rows = []
        halves = [weight] if weight == 0 else [weight / 2, weight / 2]
        for i, part in enumerate(halves):
            target = draw(st.integers(1, 500))
            actual = draw(st.integers(0, 1_000))
            sign = draw(st.sampled_from(["≥", "≤"]))
            rows.append(
                Row(f"指标{i + 1}", f"{sign}{target}", str(actual), _number(part), "", "说明")
            )
        groups.append(Level1(kind.value, _number(weight), (Level2(_LEVEL2[kind], tuple(rows)),)))
    funds = Funds(
        total=FundsRow(_number(budget), _number(budget), _number(executed)),
        weight=_number(shipped.execution_weight),
    )
    return ProjectTable(ProjectInfo("X", "测试项目", shipped.year), funds, tuple(groups))


@pytest.mark.parametrize("shipped", TEMPLATES, ids=_id)
@settings(max_examples=40)
@given(data=st.data())
def test_a_fitting_table_totals_its_parts(shipped: Template, data: st.DataObject) -> None:
    table = data.draw(fitting_tables(shipped), label="table")
    assert shipped.fits(table)
    evaluation = score_table(table, shipped)
    assert evaluation.execution is not None
    parts = [evaluation.execution.points]
    for result in evaluation.rows:
        assert result.score is not None
        assert 0 <= result.score.points <= result.score.weight
        parts.append(result.score.points)
    assert evaluation.total == round_points(sum(parts, D(0)))
    assert 0 <= evaluation.total <= shipped.total


@pytest.mark.parametrize("rule", sorted(LOWER_IS_BETTER))
@pytest.mark.parametrize("shipped", TEMPLATES, ids=_id)
@given(
    target=st.integers(1, 1_000),
    actual=st.integers(0, 3_000),
    more=st.integers(0, 1_000),
    weight=st.integers(0, 40),
)
def test_every_lower_is_better_rule_is_bounded_and_never_rewards_more(
    shipped: Template, rule: str, target: int, actual: int, more: int, weight: int
) -> None:
    score = LOWER_IS_BETTER[rule](actual, target, weight, template=shipped)
    worse = LOWER_IS_BETTER[rule](actual + more, target, weight, template=shipped)
    assert 0 <= worse.points <= score.points <= weight
    if actual <= target:
        assert score.points == weight
    if actual >= 2 * target and rule == "linear":
        assert score.points == 0


# ---------------------------------------------------------------- a user's own files


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=_id)
def test_a_framework_written_as_a_users_file_loads_back_equal(
    fw: Framework, tmp_path: Path
) -> None:
    data = fw.to_dict()
    data["id"] = f"{fw.id}-mine"
    path = tmp_path / "mine.toml"
    path.write_text(dumps_toml(data), "utf-8")
    mine = load_framework(str(path))
    assert mine == attrs.evolve(fw, id=f"{fw.id}-mine")
    assert framework_from_dict(read_toml_text(dumps_toml(fw.to_dict()), "x.toml")) == fw
    # and a department names it by path, relative to its own file
    inputs = {i.key: dict(i.examples[0].inputs) for i in fw.indicators}
    department = Department("自定义", fw.year, "mine.toml", Unit.YUAN, inputs)
    department_file = tmp_path / "department.toml"
    department_file.write_text(dumps_toml(department.to_dict()), "utf-8")
    ours = jixiao.load_department(department_file).evaluate()
    assert ours.framework == mine
    assert ours.total == evaluate(fw, inputs).total


@pytest.mark.parametrize("shipped", TEMPLATES, ids=_id)
def test_a_template_copied_as_a_users_file_loads_through_the_same_path(
    shipped: Template, tmp_path: Path
) -> None:
    text = resources.files("jixiao.data.templates").joinpath(f"{shipped.id}.toml").read_text()
    data = read_toml_text(text, "x.toml")
    data["id"] = "mine"
    data["default"] = False
    path = tmp_path / "mine.toml"
    path.write_text(dumps_toml(data), "utf-8")
    mine = load_template(path)
    assert mine == attrs.evolve(shipped, id="mine", default=False)


def test_the_band_notation_is_the_file_notation() -> None:
    """Interval notation read from a file and written back is the same text."""
    for _, _, component in BANDS:
        for band in component.bands:
            assert Interval.parse(str(band.interval)) == band.interval
