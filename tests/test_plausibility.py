"""Plausibility as data (issue 13, item 2): the constraints that make data
impossible are declared in the rule data and applied by the one evaluator; an
odd case the source allows is scored with a warning, never silently."""

from __future__ import annotations

import tomllib
import warnings
from pathlib import Path
from typing import Any

import pytest

import jixiao
from jixiao.department import department_from_dict
from jixiao.errors import FrameworkError, InputError, PlausibilityWarning
from jixiao.project import load_table, table_from_dict, table_to_dict
from jixiao.rules import (
    budget_execution,
    fixed_asset_utilization,
    procurement_execution,
    satisfaction,
)
from jixiao.spec import InputKind
from jixiao.spec.inputs import Constraint

QUARTERS = [
    {"spent": "548.3", "budget": "2663.06"},
    {"spent": "1171.04", "budget": "2738.30"},
    {"spent": "1822.83", "budget": "2820.25"},
    {"spent": "2568.79", "budget": "2936.74"},
]


def test_cumulative_spending_never_falls() -> None:
    quarters = [QUARTERS[0], QUARTERS[1], {"spent": "10", "budget": "2820.25"}, QUARTERS[3]]
    with pytest.raises(InputError, match="cumulative spending never falls") as caught:
        budget_execution(quarters=quarters)
    assert "累计支出" in caught.value.message_zh
    assert caught.value.row == "预算执行率"
    assert caught.value.field == "inputs.budget_execution.quarters[3].spent"
    assert caught.value.value == ("1171.04", "10")


def test_a_falling_progress_is_scored_with_a_warning() -> None:
    with pytest.warns(PlausibilityWarning, match="a spending progress that falls") as caught:
        score = budget_execution(progress=["20%", "50%", "40%", "100%"])
    assert score.points > 0
    warning = caught[0].message
    assert isinstance(warning, PlausibilityWarning)
    assert warning.message_zh == "季度支出进度低于上一季度"
    assert (warning.row, warning.field, warning.value) == (
        "预算执行率",
        "progress[3]",
        ("50%", "40%"),
    )


def test_a_rising_progress_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        budget_execution(progress=["20.59%", "42.77%", "64.63%", "87.47%"])
        budget_execution(quarters=QUARTERS)


def test_fixed_assets_in_use_never_exceed_all_fixed_assets() -> None:
    with pytest.raises(InputError, match="never exceed them") as caught:
        fixed_asset_utilization(in_use="200", total="100")
    assert caught.value.row == "固定资产利用率"
    assert "total = 100" in str(caught.value)
    assert caught.value.message_zh == "实际在用固定资产不应超过所有固定资产总额；total = 100"
    assert caught.value.value == "200"
    assert (
        fixed_asset_utilization(in_use="100", total="100").points
        == fixed_asset_utilization(rate="100%").points
    )
    with pytest.raises(InputError, match="at most 100 %") as refused:
        fixed_asset_utilization(rate="100.01%")
    assert refused.value.message_zh == "固定资产利用率不应超过100%"


@pytest.mark.parametrize("rate", ["150%", "100.01%", jixiao.Ratio.percent("150")])
def test_satisfaction_above_100_percent_is_refused(rate: jixiao.Ratio | str) -> None:
    with pytest.raises(InputError, match="at most 100 %") as caught:
        satisfaction(rate=rate)
    assert "满意度不应超过100%" in caught.value.text("zh")
    assert caught.value.row == "公众或服务对象满意度"
    assert caught.value.field == "inputs.satisfaction.rate"


def test_satisfaction_of_100_percent_is_scored() -> None:
    assert satisfaction(rate="100%").points == satisfaction(rate=jixiao.Ratio.percent("100")).points


def test_procurement_above_the_plan_is_scored_with_a_warning() -> None:
    with pytest.warns(PlausibilityWarning, match="more procured than planned") as planned:
        procurement_execution(purchased="160", planned="158.75", policy=True)
    assert "采购" in str(planned[0].message.message_zh)  # type: ignore[union-attr]
    with pytest.warns(PlausibilityWarning, match="an execution rate above 100 %") as rate:
        procurement_execution(rate="101%", policy=True)
    assert "执行率" in str(rate[0].message.message_zh)  # type: ignore[union-attr]


def test_the_shipped_rules_declare_them() -> None:
    rules = {i.key: i for i in jixiao.framework("shenzhen-luohu-2023").indicators}
    declared = {
        (key, item.name, c.kind, c.severity)
        for key, indicator in rules.items()
        for item in indicator.inputs
        for c in item.constraints
    }
    assert ("budget_execution", "quarters", "not-falling", "error") in declared
    assert ("budget_execution", "progress", "not-falling", "warning") in declared
    assert ("fixed_asset_utilization", "in_use", "at-most", "error") in declared
    assert ("satisfaction", "rate", "at-most", "error") in declared
    for _, item_name, _, _ in declared:
        assert item_name


def test_every_count_is_a_non_negative_whole_number() -> None:
    for indicator in jixiao.framework("shenzhen-luohu-2023").indicators:
        for item in indicator.inputs:
            if item.kind is InputKind.COUNT:
                for bad in (-1, "1.5", 1.0, True):
                    with pytest.raises(InputError):
                        item.read(bad)


def test_a_constraint_kind_is_checked_in_the_rule_data() -> None:
    with pytest.raises(FrameworkError):
        Constraint("at-most")  # neither an input nor a limit
    with pytest.raises(FrameworkError):
        Constraint("at-most", "whole", limit="100%")
    with pytest.raises(FrameworkError):
        Constraint("not-falling", "whole")
    with pytest.raises(ValueError, match="severity"):
        Constraint("at-most", "whole", severity="maybe")


# ---------------------------------------------------------------- years


def _department(**changes: Any) -> dict[str, Any]:
    with open("examples/luohu-2023-department.toml", "rb") as file:
        return {**tomllib.load(file), **changes}


@pytest.mark.parametrize(
    "year", [-1, 0, 999, 10000, 10**30, 10**5000], ids=["-1", "0", "999", "10000", "1e30", "1e5000"]
)
def test_a_department_year_is_a_year(year: int) -> None:
    with pytest.raises(InputError, match="a year has four digits") as caught:
        department_from_dict(_department(year=year))
    assert caught.value.field == "year"


def test_a_department_year_outside_the_period_is_refused() -> None:
    department = department_from_dict(_department(year=2024))
    with pytest.raises(FrameworkError, match="applies to 2023, not to 2024"):
        department.evaluate()


@pytest.mark.parametrize("year", [-1, 0, 10**30])
def test_a_project_year_is_a_year(year: int) -> None:
    data = table_to_dict(load_table("examples/projects/" + _first_project()))
    data["project"] = {**data["project"], "year": year}
    with pytest.raises(InputError, match="a year has four digits") as caught:
        table_from_dict(data)
    assert "project.year" in str(caught.value)


def _first_project() -> str:
    return sorted(p.name for p in Path("examples/projects").glob("*.toml"))[0]


# ---------------------------------------------------------------- notes keep their shape


@pytest.mark.parametrize("notes", [{"a": "b"}, "abc", ["x", 1], 3])
def test_notes_that_are_not_a_list_of_texts_are_refused(notes: object) -> None:
    with pytest.raises(InputError, match="expected notes as a list of texts") as caught:
        department_from_dict(_department(notes=notes))
    assert caught.value.field == "notes"


def test_notes_are_kept_as_given() -> None:
    assert department_from_dict(_department(notes=["一", "two"])).notes == ("一", "two")
