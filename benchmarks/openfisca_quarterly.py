"""The quarterly execution rule (预算执行率, ``budget_execution`` of Luohu 2023)
written as an OpenFisca model, for ``benchmarks/sweep.py`` only.

It needs openfisca-core, which jixiao never depends on (not even as an extra):
the benchmark imports this module only when ``openfisca_core`` is importable,
and neither the package nor the tests import it.

The model is written as an OpenFisca user would write it: one entity (a
department, one per scenario), the eight inputs (each quarter's cumulative
spending and budget, in yuan) as input variables, formula variables for each
quarter's execution rate (spending progress ÷ scheduled progress) and its
capped points, the annual average rate and its capped points, and the
indicator's points, capped at its weight and rounded to the cent with
``round_`` (numpy's round). OpenFisca holds ``float`` variables as float32.

The constants (the schedule 25/50/75/100 %, each component's points, the
weight) are the OpenFisca parameters, taken from the rule's data in jixiao
(the framework's own), so that both compute the same rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.model_api import YEAR, Variable, min_, round_
from openfisca_core.parameters import ParameterNode
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from jixiao.spec.measures import ScheduleMeasure
from jixiao.spec.rules import Indicator

__all__ = ["PERIOD", "RESULT", "calculate", "simulation", "system"]

PERIOD = "2023"
RESULT = "budget_execution_points"
"""The variable that holds the indicator's points."""
QUARTERS = (1, 2, 3, 4)
SINCE = "2000-01-01"

Department = build_entity(
    key="department",
    plural="departments",
    label="部门 (one per scenario)",
    is_person=True,
)


def _parameters(rule: Indicator) -> ParameterNode:
    """The rule's constants as OpenFisca parameters, from jixiao's rule data."""
    schedule = next(m for m in rule.plan.measures if isinstance(m, ScheduleMeasure))
    points = {component.measure: component.points for component, _, _ in rule.plan.components}
    assert set(points) == {"q1", "q2", "q3", "q4", "average"}, "not the quarterly rule"
    assert all(component.capped for component, _, _ in rule.plan.components)

    def value(number: object) -> dict[str, Any]:
        return {"values": {SINCE: float(str(number))}}

    data = {
        "budget_execution": {
            "scheduled_progress": {f"q{q}": value(schedule.shares[q - 1]) for q in QUARTERS},
            "quarter_points": {f"q{q}": value(points[f"q{q}"]) for q in QUARTERS},
            "annual_points": value(points["average"]),
            "weight": value(rule.weight),
        }
    }
    return ParameterNode("", data=data)


def _variable(name: str, label: str, formula: Any = None) -> type[Variable]:
    namespace: dict[str, Any] = {
        "value_type": float,
        "entity": Department,
        "definition_period": YEAR,
        "label": label,
    }
    if formula is not None:
        namespace["formula"] = formula
    return type(name, (Variable,), namespace)


def _quarter(q: int) -> list[type[Variable]]:
    def rate(department: Any, period: Any, parameters: Any) -> Any:
        schedule = parameters(period).budget_execution.scheduled_progress
        progress = department(f"spent_q{q}", period) / department(f"budget_q{q}", period)
        return progress / schedule[f"q{q}"]

    def points(department: Any, period: Any, parameters: Any) -> Any:
        full = parameters(period).budget_execution.quarter_points[f"q{q}"]
        return min_(department(f"execution_rate_q{q}", period) * full, full)

    return [
        _variable(f"spent_q{q}", f"季度末月份累计支出 Q{q} (yuan)"),
        _variable(f"budget_q{q}", f"部门预算数 Q{q} (yuan)"),
        _variable(f"execution_rate_q{q}", f"预算执行率 Q{q}", rate),
        _variable(f"quarter_points_q{q}", f"季度得分 Q{q}", points),
    ]


def _average_rate(department: Any, period: Any, parameters: Any) -> Any:
    rates = [department(f"execution_rate_q{q}", period) for q in QUARTERS]
    return sum(rates) / len(rates)


def _annual_points(department: Any, period: Any, parameters: Any) -> Any:
    full = parameters(period).budget_execution.annual_points
    return min_(department("annual_average_rate", period) * full, full)


def _total(department: Any, period: Any, parameters: Any) -> Any:
    weight = parameters(period).budget_execution.weight
    parts = [department(f"quarter_points_q{q}", period) for q in QUARTERS]
    total = sum(parts) + department("annual_points", period)
    return round_(min_(total, weight), 2)


def system(rule: Indicator) -> TaxBenefitSystem:
    """The tax-benefit system of the quarterly rule *rule*."""
    tbs = TaxBenefitSystem([Department])
    variables = [variable for q in QUARTERS for variable in _quarter(q)]
    variables += [
        _variable("annual_average_rate", "全年平均执行率", _average_rate),
        _variable("annual_points", "全年平均支出进度得分", _annual_points),
        _variable(RESULT, "预算执行率得分", _total),
    ]
    for variable in variables:
        tbs.add_variable(variable)
    tbs.parameters = _parameters(rule)
    return tbs


def simulation(tbs: TaxBenefitSystem, spent: list[Any], budget: list[Any]) -> Simulation:
    """A simulation of ``len(spent[0])`` departments, given each quarter's
    cumulative spending and budget (arrays of yuan)."""
    built = SimulationBuilder().build_default_simulation(tbs, count=len(spent[0]))
    for q in QUARTERS:
        built.set_input(f"spent_q{q}", PERIOD, spent[q - 1])
        built.set_input(f"budget_q{q}", PERIOD, budget[q - 1])
    return built


def calculate(built: Simulation) -> Any:
    """The indicator's points of every department (float32)."""
    return np.asarray(built.calculate(RESULT, PERIOD))
