"""jixiao.department: the seed department's evaluation, grades, the file form, errors."""

from __future__ import annotations

import copy
import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import jixiao
from jixiao._toml import dumps_json, dumps_toml, read_data_file
from jixiao.department import (
    Department,
    Grade,
    department_from_dict,
    evaluate,
    grade,
    load_department,
)
from jixiao.errors import InputError, JixiaoError, ReadError, RuleError, UnknownKeyError
from jixiao.framework import Framework, Group
from jixiao.quantities import Amount, Ratio, Unit
from jixiao.rules import call_rule
from jixiao.score import Override

from .strategies import HEAVY_EXAMPLES, department_inputs, luohu, reweighted_frameworks

D = Decimal

# 附件一's 得分 column, written out by hand from seed 003.
SEED_POINTS: dict[str, str] = {
    # 部门决策 20
    "budget_reasonableness": "5",
    "budget_compliance": "5",
    "target_completeness": "3",
    "indicator_clarity": "7",
    # 部门管理 19.99
    "procurement_execution": "1.99",
    "financial_compliance": "3",
    "budget_disclosure": "3",
    "project_procedures": "2",
    "project_supervision": "2",
    "asset_security": "2",
    "fixed_asset_utilization": "1",
    "funded_staff_control": "1",
    "non_establishment_staff": "1",  # overridden; the rule gives 0
    "management_systems": "3",
    # 部门绩效 57.12
    "public_funds_control": "4",
    "budget_execution": "5.12",
    "key_task_completion": "8",
    "project_timeliness": "6",
    "effectiveness": "25",
    "petition_handling": "3",
    "satisfaction": "6",
}

SEED_SUBTOTALS: dict[str, str] = {
    "decision": "20",
    "budgeting": "10",
    "target_setting": "10",
    "management": "19.99",
    "funds": "7.99",
    "projects": "4",
    "assets": "3",
    "staff": "2",
    "institutions": "3",
    "performance": "57.12",
    "economy": "4",
    "efficiency": "19.12",
    "effectiveness_group": "25",
    "equity": "9",
}

OVERRIDE_REASON = "使用劳务派遣人员数量（含直接聘用的编外人员）未超过区编办批复的编外人员控制数66人，故不作扣分处理"


def _seed_data(seed_file: Path) -> dict[str, Any]:
    return read_data_file(seed_file)


# ---------------------------------------------------------------- the seed


def test_seed_total_and_grade(seed_file: Path) -> None:
    evaluation = load_department(seed_file).evaluate()
    assert evaluation.total == D("97.11")
    assert evaluation.total.as_tuple().exponent == -2
    assert evaluation.grade is Grade.EXCELLENT
    assert evaluation.grade.value == "优"
    assert evaluation.grade.label_en == "excellent"
    assert repr(evaluation) == "<Evaluation shenzhen-luohu-2023 total=97.11 grade=优>"


def test_seed_points_equal_the_published_table(seed_file: Path) -> None:
    evaluation = load_department(seed_file).evaluate()
    assert {s.key: s.points for s in evaluation.scores} == {k: D(v) for k, v in SEED_POINTS.items()}
    assert [s.key for s in evaluation.scores] == list(SEED_POINTS)
    assert sum(D(v) for v in SEED_POINTS.values()) == D("97.11")


def test_seed_subtotals(seed_file: Path) -> None:
    evaluation = load_department(seed_file).evaluate()
    assert dict(evaluation.subtotals) == {k: D(v) for k, v in SEED_SUBTOTALS.items()}


def test_seed_override(seed_file: Path) -> None:
    evaluation = load_department(seed_file).evaluate()
    score = evaluation.score("non_establishment_staff")
    assert score.rule_points == D("0.00")
    assert str(score.points) == "1.00"  # the override's "1", rounded like any points
    assert score.override == Override.of("1", OVERRIDE_REASON)
    assert evaluation.overridden == (score,)


def test_seed_department_fields(seed_file: Path) -> None:
    department = load_department(seed_file)
    assert department.name == "深圳市罗湖区政务服务数据管理局（本级）"
    assert department.year == 2023
    assert department.framework == "shenzhen-luohu-2023"
    assert department.unit is Unit.WAN
    assert department.source == str(seed_file)
    evaluation = department.evaluate()
    assert evaluation.department is department
    assert evaluation.framework is jixiao.framework("shenzhen-luohu-2023")


def test_evaluation_score_lookup(seed_file: Path) -> None:
    evaluation = load_department(seed_file).evaluate()
    assert evaluation.score("budget_execution").points == D("5.12")
    with pytest.raises(UnknownKeyError, match="happiness"):
        evaluation.score("happiness")


def test_evaluate_without_overrides_gives_the_rule_points(seed_file: Path) -> None:
    department = load_department(seed_file)
    evaluation = evaluate(luohu(), department.inputs)
    assert evaluation.total == D("96.11")
    assert evaluation.overridden == ()
    assert evaluation.department is None


# ---------------------------------------------------------------- grades


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("100", Grade.EXCELLENT),
        ("97.11", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("90.00", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.FAIR),
        ("60", Grade.FAIR),
        ("59.99", Grade.POOR),
        ("0", Grade.POOR),
    ],
)
def test_grade_lower_edges_included(total: str, expected: Grade) -> None:
    assert grade(D(total)) is expected


def test_grade_labels() -> None:
    assert [g.value for g in Grade] == ["优", "良", "中", "差"]
    assert [g.label_en for g in Grade] == ["excellent", "good", "fair", "poor"]


def test_grade_of_a_negative_total() -> None:
    with pytest.raises(InputError, match="negative"):
        grade(D("-0.01"))


# ---------------------------------------------------------------- properties


def _check_evaluation(evaluation: Any, fw: Framework) -> None:
    points = [s.points for s in evaluation.scores]
    assert evaluation.total == sum(points, D(0))
    assert 0 <= evaluation.total <= fw.weight
    assert evaluation.grade is grade(evaluation.total)
    assert sum(evaluation.subtotals[g.key] for g in fw.children) == evaluation.total
    for node in fw.nodes():
        if isinstance(node, Group):
            children = [
                evaluation.subtotals[c.key]
                if isinstance(c, Group)
                else evaluation.score(c.key).points
                for c in node.children
            ]
            assert evaluation.subtotals[node.key] == sum(children, D(0))
            assert evaluation.subtotals[node.key] <= node.weight
    for score in evaluation.scores:
        assert 0 <= score.points <= score.weight
        assert score.points.as_tuple().exponent == -2


@settings(max_examples=HEAVY_EXAMPLES)
@given(department_inputs())
def test_total_is_the_sum_of_the_parts(inputs: dict[str, dict[str, Any]]) -> None:
    fw = luohu()
    _check_evaluation(evaluate(fw, inputs), fw)


@settings(max_examples=HEAVY_EXAMPLES)
@given(reweighted_frameworks().flatmap(lambda fw: department_inputs(fw).map(lambda i: (fw, i))))
def test_total_is_the_sum_of_the_parts_on_reweighted_frameworks(
    pair: tuple[Framework, dict[str, Any]],
) -> None:
    fw, inputs = pair
    _check_evaluation(evaluate(fw, inputs), fw)


def _plain(value: Any) -> Any:
    """Inputs as a file holds them: ratios as text with %, decimals as text."""
    if isinstance(value, Ratio):
        return f"{format(value.percent_value, 'f')}%"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@settings(max_examples=HEAVY_EXAMPLES)
@given(department_inputs())
def test_file_form_round_trip_keeps_every_point(inputs: dict[str, dict[str, Any]]) -> None:
    plain = _plain(inputs)
    department = Department("测试部门", 2023, "shenzhen-luohu-2023", Unit.YUAN, plain)
    direct = evaluate(luohu(), inputs)
    again = department_from_dict(json.loads(dumps_json(department.to_dict())))
    assert again == department
    assert [s.points for s in again.evaluate().scores] == [s.points for s in direct.scores]


# ---------------------------------------------------------------- file form


def test_department_round_trip(seed_file: Path) -> None:
    department = load_department(seed_file)
    data = department.to_dict()
    assert data["schema"] == "jixiao.department/1"
    assert data["unit"] == "万元"
    assert department_from_dict(data, department.source) == department
    assert department_from_dict(data).evaluate().total == D("97.11")


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_json_input_works_like_toml(tmp_path: Path, seed_file: Path, suffix: str) -> None:
    seed = load_department(seed_file)
    path = tmp_path / f"department{suffix}"
    text = dumps_json(seed.to_dict()) if suffix == ".json" else dumps_toml(seed.to_dict())
    path.write_text(text, "utf-8")
    department = load_department(path)
    assert department.inputs == seed.inputs
    assert department.overrides == seed.overrides
    evaluation = department.evaluate()
    assert evaluation.total == D("97.11")
    assert [s.points for s in evaluation.scores] == [s.points for s in seed.evaluate().scores]


def test_json_numbers_are_read_exactly(tmp_path: Path, seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["inputs"]["procurement_execution"] = {"purchased": "X", "planned": "Y", "policy": True}
    text = dumps_json(data).replace('"X"', "157.46").replace('"Y"', "158.75")
    path = tmp_path / "numbers.json"
    path.write_text(text, "utf-8")
    department = load_department(path)
    assert department.inputs["procurement_execution"]["purchased"] == D("157.46")
    assert department.evaluate().score("procurement_execution").points == D("1.99")


# ---------------------------------------------------------------- errors


def _error(data: dict[str, Any]) -> JixiaoError:
    with pytest.raises(JixiaoError) as caught:
        department_from_dict(data, "dept.toml").evaluate()
    return caught.value


def test_unknown_key_under_an_indicators_inputs(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["inputs"]["satisfaction"]["colour"] = "red"
    error = _error(data)
    assert isinstance(error, UnknownKeyError)
    message = str(error)
    assert "colour" in message
    assert "inputs.satisfaction" in message
    assert "公众或服务对象满意度" in message
    assert "dept.toml" in message


def test_unknown_indicator(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["inputs"]["happiness"] = {"rate": "95%"}
    error = _error(data)
    assert isinstance(error, UnknownKeyError)
    assert "happiness" in str(error)
    assert "field inputs" in str(error)


def test_unknown_override_indicator(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["overrides"]["happiness"] = {"points": "1", "reason": "x"}
    error = _error(data)
    assert isinstance(error, UnknownKeyError)
    assert "happiness" in str(error)
    assert "overrides" in str(error)


def test_unknown_top_level_key(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["colour"] = "red"
    error = _error(data)
    assert isinstance(error, UnknownKeyError)
    assert "colour" in str(error)
    assert "dept.toml" in str(error)


def test_missing_input_for_an_indicator(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    del data["inputs"]["satisfaction"]
    error = _error(data)
    assert isinstance(error, InputError)
    assert "inputs.satisfaction" in str(error)
    assert "missing" in str(error)


def test_missing_input_within_an_indicator(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    del data["inputs"]["funded_staff_control"]["authorized"]
    error = _error(data)
    assert "authorized" in str(error)
    assert "财政供养人员控制率" in str(error)


@pytest.mark.parametrize(
    ("edit", "error_type", "words"),
    [
        (
            lambda d: d["overrides"]["non_establishment_staff"].__setitem__("reason", ""),
            InputError,
            "field overrides.non_establishment_staff.reason: an override needs its reason",
        ),
        (
            lambda d: d["overrides"]["non_establishment_staff"].__setitem__("points", "2"),
            RuleError,
            "overrides.non_establishment_staff.points",
        ),
        (
            lambda d: d["overrides"]["non_establishment_staff"].__setitem__("points", "-1"),
            InputError,
            "overrides.non_establishment_staff.points",
        ),
        (
            lambda d: d["overrides"]["non_establishment_staff"].__setitem__("note", "x"),
            InputError,
            "overrides.non_establishment_staff",
        ),
        (
            lambda d: d["overrides"]["non_establishment_staff"].pop("points"),
            InputError,
            "overrides.non_establishment_staff",
        ),
        (lambda d: d.__setitem__("schema", "jixiao.department/2"), InputError, "schema"),
        (lambda d: d.pop("schema"), InputError, "schema"),
        (lambda d: d.pop("name"), InputError, "name"),
        (lambda d: d.pop("inputs"), InputError, "inputs"),
        (lambda d: d.__setitem__("inputs", {"satisfaction": "95%"}), InputError, "inputs"),
        (lambda d: d.__setitem__("inputs", ["x"]), InputError, "inputs"),
        (lambda d: d.__setitem__("unit", "千元"), InputError, "unit"),
        (lambda d: d.__setitem__("framework", "nowhere-2023"), UnknownKeyError, "nowhere-2023"),
        (
            lambda d: d["inputs"]["public_funds_control"].__setitem__("routine_spent", "-407.57"),
            InputError,
            "field inputs.public_funds_control.routine_spent: must not be negative",
        ),
        (
            lambda d: d["inputs"]["public_funds_control"].__setitem__("routine_budget", "0"),
            InputError,
            "field inputs.public_funds_control.routine_budget: is zero, so the ratio is undefined",
        ),
        (
            lambda d: d["inputs"]["effectiveness"].__setitem__("points", "26"),
            RuleError,
            "inputs.effectiveness.points",
        ),
        (lambda d: d["inputs"]["effectiveness"].__setitem__("points", 0.5), InputError, "float"),
        (
            lambda d: d["inputs"]["satisfaction"].__setitem__("rate", D("95")),
            InputError,
            "inputs.satisfaction.rate",
        ),
        (
            lambda d: d["inputs"]["indicator_clarity"].__setitem__(
                "items", [True, True, "1.5", True, True]
            ),
            RuleError,
            "items[3]",
        ),
        (
            lambda d: d["inputs"]["budget_execution"]["quarters"][1].__setitem__("budget", "NaN"),
            InputError,
            "quarters[2]",
        ),
    ],
)
def test_bad_department_files(
    seed_file: Path, edit: Any, error_type: type[JixiaoError], words: str
) -> None:
    data = _seed_data(seed_file)
    edit(data)
    error = _error(data)
    assert isinstance(error, error_type)
    assert words in str(error)
    assert "dept.toml" in str(error)


def test_errors_share_one_hierarchy(seed_file: Path) -> None:
    with pytest.raises(ReadError):
        load_department(seed_file.with_name("absent.toml"))
    assert issubclass(UnknownKeyError, InputError)
    assert issubclass(InputError, JixiaoError)
    assert issubclass(RuleError, JixiaoError)
    assert issubclass(ReadError, JixiaoError)


def test_located_keeps_the_lower_level_field() -> None:
    error = InputError("bad", field="rate.whole")
    error.located(field="inputs.x", row="行", source="f.toml")
    assert error.field == "inputs.x.rate.whole"
    error.located(field="inputs.x", row="other", source="g.toml")
    assert (error.field, error.row, error.source) == ("inputs.x.rate.whole", "行", "f.toml")
    assert str(error) == "f.toml, row 行, field inputs.x.rate.whole: bad"


def test_override_without_reason_names_the_indicator(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    del data["overrides"]["non_establishment_staff"]["reason"]
    error = _error(data)
    assert isinstance(error, InputError)
    assert error.field == "overrides.non_establishment_staff.reason"
    assert "an override needs its reason" in str(error)


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (
            lambda d: d["overrides"].__setitem__("non_establishment_staff", 1),
            "overrides.non_establishment_staff",
            "an override is a table of points and reason",
        ),
        (
            lambda d: d["overrides"].__setitem__("x", 1),
            "overrides.x",
            "an override is a table of points and reason",
        ),
        (lambda d: d.__setitem__("overrides", 5), "overrides", "one table per overridden"),
        (lambda d: d.__setitem__("framework", 2023), "framework", "expected text"),
        (lambda d: d.__setitem__("name", 5), "name", "expected text"),
        (lambda d: d.__setitem__("unit", 10_000), "unit", "expected text"),
        (lambda d: d.__setitem__("year", "2023"), "year", "whole number"),
        (lambda d: d.__setitem__("year", True), "year", "whole number"),
    ],
)
def test_malformed_tables_are_input_errors(
    seed_file: Path, edit: Any, field: str, words: str
) -> None:
    data = _seed_data(seed_file)
    edit(data)
    with pytest.raises(InputError, match=words) as caught:
        department_from_dict(data, "dept.toml").evaluate()
    assert caught.value.field == field
    assert "dept.toml" in str(caught.value)


def test_to_dict_writes_exact_inputs_as_text() -> None:
    inputs: dict[str, Any] = {
        "satisfaction": {"rate": Ratio.percent("95.5")},
        "public_funds_control": {"three_public_spent": Decimal("19.98"), "routine_budget": 411},
    }
    department = Department(
        "测试部门", 2023, "shenzhen-luohu-2023", Unit.YUAN, inputs, notes=("说明",)
    )
    data = department.to_dict()
    assert data["inputs"] == {
        "satisfaction": {"rate": "95.5%"},
        "public_funds_control": {"three_public_spent": "19.98", "routine_budget": 411},
    }
    assert data["notes"] == ["说明"]
    assert json.loads(dumps_json(data)) == data


def test_to_dict_round_trip_keeps_amounts_with_their_unit() -> None:
    inputs: dict[str, Any] = {
        "procurement_execution": {
            "policy": True,
            "purchased": Amount.wan("157.46"),
            "planned": Amount.yuan("1587500"),
        }
    }
    department = Department("测试部门", 2023, "shenzhen-luohu-2023", Unit.YUAN, inputs)
    again = department_from_dict(json.loads(dumps_json(department.to_dict())))
    rule = jixiao.framework("shenzhen-luohu-2023").indicator("procurement_execution")
    assert call_rule(rule, again.inputs["procurement_execution"]).points == D("1.99")


def test_evaluate_refuses_unknown_inputs_directly() -> None:
    with pytest.raises(UnknownKeyError, match="happiness"):
        evaluate(luohu(), {"happiness": {}})
    with pytest.raises(InputError, match=r"inputs\.budget_reasonableness"):
        evaluate(luohu(), {})


def test_department_unchanged_by_evaluation(seed_file: Path) -> None:
    department = load_department(seed_file)
    before = copy.deepcopy(department.to_dict())
    department.evaluate()
    assert department.to_dict() == before


# ---------------------------------------------------------------- issue 13: grade() at its boundary


@pytest.mark.parametrize(
    ("total", "words"),
    [
        (Decimal(1000), "between 0 and 100"),
        (Decimal("100.01"), "between 0 and 100"),
        (Decimal("Infinity"), "NaN and infinity"),
        (Decimal("NaN"), "NaN and infinity"),
        (Decimal(-1), "negative"),
        (1000, "not int"),
        (95.0, "not float"),
        ("95", "not str"),
        (None, "not NoneType"),
    ],
)
def test_grade_refuses_totals_outside_0_to_100_and_non_decimals(total: Any, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        jixiao.grade(total)
    assert caught.value.field == "total"


def test_grade_keeps_both_edges() -> None:
    assert jixiao.grade(Decimal(100)).value == "优"
    assert jixiao.grade(Decimal(0)).value == "差"


# ---------------------------------------------------------------- issue 13: hostile numbers in a file


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("157,46", "decimal comma"),
        ("1.571,04", "decimal comma"),
        ("1,1", "groups of three"),
        ("1_1", "'_'"),
        ("1e999", "exponent"),
        ("1e-999", "exponent"),
        ("1e999999", "exponent"),
        (D("1e999999"), "digits"),
        (D("1e-999"), "decimal places"),
        (D("NaN"), "NaN and infinity"),
        (D("Infinity"), "NaN and infinity"),
        (10**5000, "digits"),
    ],
    ids=lambda v: repr(v)[:20] if not isinstance(v, int) else "huge int",
)
def test_hostile_amounts_in_a_file_are_refused_naming_the_field(
    seed_file: Path, value: object, words: str
) -> None:
    data = _seed_data(seed_file)
    data["inputs"]["procurement_execution"]["purchased"] = value
    start = time.perf_counter()
    error = _error(data)
    assert time.perf_counter() - start < 0.1
    assert isinstance(error, InputError)
    assert words in str(error)
    assert "inputs.procurement_execution.purchased" in str(error)


@pytest.mark.parametrize("rate", ["84,51%", "８４，５１％"])
def test_a_decimal_comma_in_a_rate_is_refused(seed_file: Path, rate: str) -> None:
    data = _seed_data(seed_file)
    data["inputs"]["financial_compliance"]["adjustment"] = rate
    assert "decimal comma" in str(_error(data))


def test_a_year_of_thousands_of_digits_is_refused(seed_file: Path) -> None:
    data = _seed_data(seed_file)
    data["year"] = 10**5000
    error = _error(data)
    assert error.field == "year"
    assert "digits" in str(error)


@pytest.mark.parametrize("form", ["toml", "json"])
def test_an_integer_beyond_pythons_conversion_limit_is_a_read_error(
    tmp_path: Path, form: str
) -> None:
    path = tmp_path / f"dept.{form}"
    digits = "1" * 5000
    path.write_text(f"year = {digits}\n" if form == "toml" else f'{{"year": {digits}}}')
    with pytest.raises(ReadError, match=r"an integer (with too many|of more than 40) digits"):
        load_department(path)
