"""Generated rule sets: the evaluator's invariants hold for any framework the
data model allows, not only for what ships.

Hypothesis builds frameworks in their file form (random trees and weights,
every kind of component, band edges of random inclusiveness, vetoes and
exemptions, rounding of parts) and inputs drawn from each indicator's
declared inputs, and checks:

- every indicator's points lie in [0, weight], with two places;
- the total is the sum of the points, each group's subtotal the sum below it;
- the trace's parts add up to the points (settled, capped, rounded as the
  rule says), whether recorded while scoring or afterwards;
- the file form round-trips;
- every band edge gives the points of the band that holds it as written.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import evaluate
from jixiao._toml import dumps_toml, read_toml_text
from jixiao.department._framework_file import framework_from_dict
from jixiao.department.framework import Framework
from jixiao.primitives import Bands
from jixiao.quantities import CENT, SETTLE, ZERO, Ratio
from jixiao.score import Outcome, score_rule

from .strategies import HEAVY_EXAMPLES, framework_data, generated_inputs

D = Decimal


def _framework(data: dict[str, Any]) -> Framework:
    return framework_from_dict(data, "generated.toml")


@st.composite
def frameworks_and_inputs(draw: st.DrawFn) -> tuple[Framework, dict[str, Any]]:
    fw = _framework(draw(framework_data()))
    return fw, draw(generated_inputs(fw))


@settings(max_examples=HEAVY_EXAMPLES)
@given(frameworks_and_inputs(), st.booleans())
def test_points_totals_and_trace_add_up(
    case: tuple[Framework, dict[str, Any]], trace: bool
) -> None:
    fw, inputs = case
    evaluation = evaluate(fw, inputs, trace=trace)
    total = ZERO
    for score in evaluation.scores:
        weight = score.indicator.weight
        assert ZERO <= score.points <= weight
        assert score.points.as_tuple().exponent == -2
        total += score.points
        parts = score.parts
        if score.outcome is Outcome.EXEMPT:
            assert parts == ()
            assert score.points == weight.quantize(CENT, ROUND_HALF_UP)
            continue
        if score.outcome is Outcome.VETO:
            assert score.points == 0
            continue
        summed = sum((p.points for p in parts), ZERO)
        settled = min(summed.quantize(SETTLE, ROUND_HALF_UP), weight)
        assert score.unrounded == settled
        assert score.points == settled.quantize(CENT, ROUND_HALF_UP)
        # The parts recorded while scoring are those recorded afterwards.
        again = score_rule(score.indicator, score.inputs, trace=True)
        assert again.parts == parts
        assert again.points == score.points
    assert evaluation.total == total
    for key, leaves in fw.group_leaves:
        assert evaluation.subtotals[key] == sum((evaluation.score(k).points for k in leaves), ZERO)
    assert evaluation.grade == fw.grades.grade(evaluation.total)


@settings(max_examples=HEAVY_EXAMPLES)
@given(framework_data())
def test_file_form_round_trips(data: dict[str, Any]) -> None:
    fw = _framework(data)
    written = dumps_toml(fw.to_dict())
    assert framework_from_dict(read_toml_text(written, "again.toml")) == fw


@settings(max_examples=HEAVY_EXAMPLES)
@given(framework_data())
def test_every_band_edge_behaves_as_written(data: dict[str, Any]) -> None:
    fw = _framework(data)
    for indicator in fw.indicators:
        for component in indicator.components:
            if not isinstance(component, Bands):
                continue
            for band in component.bands:
                for edge, closed in (
                    (band.interval.lower, band.interval.lower_closed),
                    (band.interval.upper, band.interval.upper_closed),
                ):
                    if edge is None:
                        continue
                    inputs = _inputs_at(indicator, component.measure, edge)
                    score = score_rule(indicator, inputs, trace=True)
                    (part,) = [p for p in score.parts if p.component is component]
                    holder = next(b for b in component.bands if b.interval.contains(edge))
                    assert (holder is band) == closed
                    assert part.points == holder.points


def _inputs_at(indicator: Any, measure: str, edge: Decimal) -> dict[str, Any]:
    """Inputs of *indicator* with *measure* exactly at *edge* and the rest at
    a valid value of their kind."""
    values: dict[str, Any] = {}
    for item in indicator.inputs:
        kind = item.kind.value
        if item.name == measure:
            values[item.name] = Ratio.fraction(edge)
        elif kind == "ratio":
            values[item.name] = "50%"
        elif kind == "count":
            values[item.name] = 0
        elif kind in ("verdicts", "points"):
            values[item.name] = True
        elif kind == "choice":
            component = next(c for c in indicator.components if c.measure == item.name)
            values[item.name] = component.tiers[0].key
    return values
