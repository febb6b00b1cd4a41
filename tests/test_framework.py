"""jixiao.framework and its file form: the indicator tree as data."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jixiao
from jixiao._toml import dumps_json, dumps_toml, read_json_text, read_toml_text
from jixiao.department import Department, evaluate, load_department
from jixiao.department._framework_file import framework_from_dict
from jixiao.department._framework_form import framework_to_dict
from jixiao.errors import FrameworkError, InputError, ReadError, UnknownKeyError
from jixiao.framework import Framework, Group, Indicator, available_frameworks, load_framework
from jixiao.primitives import Band, Bands, Checklist, Interval, Judged
from jixiao.quantities import Unit
from jixiao.rules import (
    RULES,
    fixed_asset_utilization,
    key_task_completion,
    non_establishment_staff,
    satisfaction,
)
from jixiao.score import score_rule

from .strategies import (
    FRAMEWORK_ID,
    HEAVY_EXAMPLES,
    department_inputs,
    luohu,
    reweights,
)

D = Decimal

# The tree of 附件一 (seed 003), written out by hand: level 1 > level 2 > level 3.
SEED_TREE: list[tuple[str, str, int, list[tuple[str, str, int, list[tuple[str, str, int]]]]]] = [
    (
        "decision",
        "部门决策",
        20,
        [
            (
                "budgeting",
                "预算编制",
                10,
                [
                    ("budget_reasonableness", "预算编制合理性", 5),
                    ("budget_compliance", "预算编制规范性", 5),
                ],
            ),
            (
                "target_setting",
                "目标设置",
                10,
                [
                    ("target_completeness", "绩效目标完整性", 3),
                    ("indicator_clarity", "绩效指标明确性", 7),
                ],
            ),
        ],
    ),
    (
        "management",
        "部门管理",
        20,
        [
            (
                "funds",
                "资金管理",
                8,
                [
                    ("procurement_execution", "政府采购执行情况", 2),
                    ("financial_compliance", "财务合规性", 3),
                    ("budget_disclosure", "预决算信息公开", 3),
                ],
            ),
            (
                "projects",
                "项目管理",
                4,
                [("project_procedures", "项目实施程序", 2), ("project_supervision", "项目监管", 2)],
            ),
            (
                "assets",
                "资产管理",
                3,
                [
                    ("asset_security", "资产管理安全性", 2),
                    ("fixed_asset_utilization", "固定资产利用率", 1),
                ],
            ),
            (
                "staff",
                "人员管理",
                2,
                [
                    ("funded_staff_control", "财政供养人员控制率", 1),
                    ("non_establishment_staff", "编外人员控制率", 1),
                ],
            ),
            ("institutions", "制度管理", 3, [("management_systems", "管理制度健全性", 3)]),
        ],
    ),
    (
        "performance",
        "部门绩效",
        60,
        [
            ("economy", "经济性", 6, [("public_funds_control", "公用经费控制率", 6)]),
            (
                "efficiency",
                "效率性",
                20,
                [
                    ("budget_execution", "预算执行率", 6),
                    ("key_task_completion", "重点工作完成情况", 8),
                    ("project_timeliness", "项目完成及时性", 6),
                ],
            ),
            (
                "effectiveness_group",
                "效果性",
                25,
                [("effectiveness", "社会效益、经济效益、生态效益及可持续影响等", 25)],
            ),
            (
                "equity",
                "公平性",
                9,
                [
                    ("petition_handling", "群众信访办理情况", 3),
                    ("satisfaction", "公众或服务对象满意度", 6),
                ],
            ),
        ],
    ),
]

CONSISTENT_REWEIGHT = {
    "non_establishment_staff": "2",
    "staff": "3",
    "management": "21",
    "satisfaction": "5",
    "equity": "8",
    "performance": "59",
}
"""One point moved from 满意度 to 编外人员控制率, every parent following."""


def _tree(fw: Framework) -> list[Any]:
    def node(n: Group | Indicator) -> Any:
        if isinstance(n, Indicator):
            return (n.key, n.name, int(n.weight))
        return (n.key, n.name, int(n.weight), [node(c) for c in n.children])

    return [node(g) for g in fw.children]


def _data() -> dict[str, Any]:
    """A fresh copy of the shipped framework's file form, read from its file."""
    text = resources.files("jixiao.data.frameworks").joinpath(f"{FRAMEWORK_ID}.toml")
    return read_toml_text(text.read_text("utf-8"), f"{FRAMEWORK_ID}.toml")


def _indicator_data(data: dict[str, Any], key: str) -> dict[str, Any]:
    for entry in data["indicators"]:
        if entry["key"] == key:
            found: dict[str, Any] = entry
            return found
    raise AssertionError(key)


# ---------------------------------------------------------------- the shipped framework


def test_shipped_frameworks() -> None:
    assert FRAMEWORK_ID in available_frameworks()
    fw = jixiao.framework(FRAMEWORK_ID)
    assert fw is jixiao.framework(FRAMEWORK_ID)
    assert fw.id == FRAMEWORK_ID
    assert (fw.year, fw.jurisdiction, fw.weight) == (2023, "深圳市罗湖区", D(100))
    assert fw.title == "部门整体支出绩效评价共性指标体系框架"
    assert fw.citation.status == "transcribed"
    assert repr(fw) == "<Framework shenzhen-luohu-2023 (21 indicators, total 100)>"


def test_unknown_framework_lists_the_shipped_ones() -> None:
    with pytest.raises(UnknownKeyError, match=FRAMEWORK_ID) as caught:
        jixiao.framework("shenzhen-luohu-2099")
    assert "shenzhen-luohu-2099" in str(caught.value)


def test_tree_matches_the_seed_table() -> None:
    assert _tree(luohu()) == [
        (k, n, w, [(k2, n2, w2, list(leaves)) for k2, n2, w2, leaves in groups])
        for k, n, w, groups in SEED_TREE
    ]


def test_every_level_adds_up() -> None:
    fw = luohu()
    assert sum(g.weight for g in fw.children) == fw.weight
    for node in fw.nodes():
        if isinstance(node, Group):
            assert sum(c.weight for c in node.children) == node.weight, node.key


@pytest.mark.parametrize("indicator", luohu().indicators, ids=lambda i: i.key)
def test_every_indicator_is_complete(indicator: Indicator) -> None:
    assert sum(c.points for c in indicator.components) == indicator.weight
    assert indicator.function in RULES
    assert indicator.rule_text
    assert indicator.description
    assert indicator.name_en
    assert indicator.citation.clause == f"三级指标“{indicator.name}”"
    for component in indicator.components:
        if isinstance(component, Checklist):
            assert all(item.text and item.text_en for item in component.items)
        else:
            assert component.text, component.measure
            assert component.text_en, component.measure
    assert (
        repr(indicator) == f"<Indicator {indicator.key} {indicator.name} weight={indicator.weight}>"
    )


def _examples() -> list[tuple[Indicator, Any]]:
    return [(i, e) for i in luohu().indicators for e in getattr(i, "examples", ())]


@pytest.mark.parametrize(
    ("indicator", "example"), _examples(), ids=lambda v: getattr(v, "key", "example")
)
def test_the_framework_examples_hold(indicator: Indicator, example: Any) -> None:
    score = RULES[indicator.function](**example.inputs, indicator=indicator)
    assert score.points == example.points, example.note


def test_lookups() -> None:
    fw = luohu()
    assert fw.node("staff").name == "人员管理"
    assert fw.indicator("satisfaction").weight == 6
    assert repr(fw.node("decision")) == "<Group decision 部门决策 weight=20>"
    with pytest.raises(UnknownKeyError, match="nope"):
        fw.node("nope")
    with pytest.raises(UnknownKeyError, match="is a group") as caught:
        fw.indicator("staff")
    assert "staff" in str(caught.value)
    assert [n.key for n in fw.nodes()][:4] == [
        "decision",
        "budgeting",
        "budget_reasonableness",
        "budget_compliance",
    ]
    assert len(fw.indicators) == 21


# ---------------------------------------------------------------- round trips


def _variants() -> dict[str, Framework]:
    fw = luohu()
    return {
        "shipped": fw,
        "reweighted": fw.reweight(CONSISTENT_REWEIGHT, id="what-if"),
        "replaced": fw.replace(_stricter_satisfaction(), id="luohu-strict"),
    }


@pytest.mark.parametrize("variant", ["shipped", "reweighted", "replaced"])
@pytest.mark.parametrize(
    "via",
    [
        "dict",
        "toml",
        "json",
    ],
)
def test_framework_round_trips(variant: str, via: str) -> None:
    fw = _variants()[variant]
    data = fw.to_dict()
    assert framework_to_dict(fw) == data
    if via == "toml":
        data = read_toml_text(dumps_toml(data), "fw.toml")
    elif via == "json":
        data = read_json_text(dumps_json(data), "fw.json")
    assert framework_from_dict(data) == fw


def test_shipped_file_form_has_no_floats() -> None:
    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(luohu().to_dict())


@settings(max_examples=HEAVY_EXAMPLES)
@given(reweights())
def test_reweighted_frameworks_round_trip(weights: dict[str, Decimal]) -> None:
    fw = luohu().reweight(weights, id="what-if")
    assert framework_from_dict(read_toml_text(dumps_toml(fw.to_dict()), "w.toml")) == fw


# ---------------------------------------------------------------- reweight


def test_consistent_reweight_evaluates_and_scales_the_bands() -> None:
    fw = luohu()
    new = fw.reweight(CONSISTENT_REWEIGHT)
    assert new.id == FRAMEWORK_ID  # a named variant of it, not a new id
    assert new.reforms[-1].name == "reweighted"
    assert "non_establishment_staff 1 → 2" in new.reforms[-1].changes
    assert new.indicator("non_establishment_staff").weight == 2
    assert new.indicator("satisfaction").weight == 5
    staff = new.indicator("non_establishment_staff")
    assert non_establishment_staff(100, 4, indicator=staff).points == D("2.00")  # below 5 %
    assert non_establishment_staff(19, 1, indicator=staff).points == D("1.00")  # exactly 5 %
    assert non_establishment_staff(9, 1, indicator=staff).points == D("1.00")  # exactly 10 %
    assert non_establishment_staff(8, 1, indicator=staff).points == D("0.00")
    happy = new.indicator("satisfaction")
    assert satisfaction("95%", indicator=happy).points == D("5.00")
    assert satisfaction("79%", indicator=happy).points == D("0.83")  # 1 × 5/6


def test_consistent_reweight_evaluates_the_seed(seed_file: Path) -> None:
    department = load_department(seed_file)
    new = luohu().reweight(CONSISTENT_REWEIGHT, id="luohu-what-if")
    evaluation = evaluate(new, department.inputs, department.overrides)
    assert evaluation.framework.id == "luohu-what-if"
    assert evaluation.score("satisfaction").points == D("5.00")
    assert evaluation.score("non_establishment_staff").rule_points == 0
    assert evaluation.total == D("96.11")
    assert evaluation.subtotals["staff"] == 2  # 1 + the override 1, of 3
    assert evaluation.subtotals["equity"] == 8


def test_reweight_leaves_the_original_untouched() -> None:
    fw = luohu()
    before = fw.to_dict()
    fw.reweight(CONSISTENT_REWEIGHT)
    assert fw.to_dict() == before
    assert fw.indicator("satisfaction").weight == 6
    assert jixiao.framework(FRAMEWORK_ID).indicator("non_establishment_staff").weight == 1
    assert satisfaction("95%").points == D("6.00")


@pytest.mark.parametrize(
    ("weights", "level"),
    [
        ({"satisfaction": "5", "non_establishment_staff": "2"}, "人员管理"),
        ({"satisfaction": "5", "non_establishment_staff": "2", "staff": "3"}, "部门管理"),
        ({"satisfaction": "5"}, "公平性"),
        ({"satisfaction": "5", "equity": "8"}, "部门绩效"),
        ({"satisfaction": "5", "equity": "8", "performance": "59"}, "total"),
        ({"non_establishment_staff": "2"}, "人员管理"),
        ({"non_establishment_staff": "2", "staff": "3"}, "部门管理"),
    ],
)
def test_inconsistent_reweight_names_the_level(weights: dict[str, str], level: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        luohu().reweight(weights)
    assert level in str(caught.value)
    assert "add up to" in str(caught.value)


@given(
    st.sampled_from(luohu().indicators),
    st.integers(1, 60),
)
def test_changing_one_weight_alone_always_breaks_a_level(indicator: Indicator, half: int) -> None:
    new = D(half) / 2
    if new == indicator.weight:
        return
    with pytest.raises(FrameworkError, match="add up to"):
        luohu().reweight({indicator.key: new})


def test_reweight_unknown_key() -> None:
    with pytest.raises(UnknownKeyError, match="nope"):
        luohu().reweight({"nope": "1"})


def test_reweight_refuses_floats() -> None:
    weights: dict[str, Any] = {"satisfaction": 5.0}
    with pytest.raises(InputError, match="float"):
        luohu().reweight(weights)


@given(reweights())
def test_random_consistent_reweights_validate(weights: dict[str, Decimal]) -> None:
    official = luohu()
    fw = official.reweight(weights)
    for key, weight in weights.items():
        assert fw.node(key).weight == weight
    for indicator in fw.indicators:
        # the rule stays as published; only the weight changes
        published = official.indicator(indicator.key)
        assert indicator.components == published.components
        assert indicator.rule_text == published.rule_text
    assert sum(i.weight for i in fw.indicators) == 100
    assert official.indicator("effectiveness").weight == 25


def test_indicator_reweighted_scales_the_points() -> None:
    indicator = luohu().indicator("key_task_completion").reweighted("4")
    assert indicator.weight == 4
    assert [key_task_completion(n, indicator=indicator).points for n in range(4)] == [
        D("4.00"),
        D("2.00"),
        D("0.00"),
        D("0.00"),
    ]
    assert indicator.rule_text == luohu().indicator("key_task_completion").rule_text


def test_reweighting_to_zero_and_back() -> None:
    official = luohu().indicator("fixed_asset_utilization")
    zero = official.reweighted("0")
    assert zero.weight == 0
    assert fixed_asset_utilization(rate="95%", indicator=zero).points == D("0.00")
    assert zero.reweighted("1") == official
    assert official.reweighted("1") == official


def test_a_rule_written_for_zero_points_cannot_be_scaled() -> None:
    old = luohu().indicator("effectiveness")
    nothing = attrs.evolve(old, weight=D(0), components=(Judged("points", D(0)),))
    with pytest.raises(FrameworkError, match=r"weight is 0|0 points"):
        nothing.reweighted("1")
    with pytest.raises(FrameworkError, match="0 points cannot be scaled"):
        attrs.evolve(nothing, weight=D(1), reference_weight=D(0))


@pytest.mark.parametrize(
    ("key", "weight", "inputs", "points"),
    [
        ("satisfaction", "7", {"rate": "95%"}, "7.00"),
        ("satisfaction", "7", {"rate": "90%"}, "4.67"),  # 4 × 7/6
        ("satisfaction", "7", {"rate": "79%"}, "1.17"),  # 1 × 7/6
        ("satisfaction", "8", {"rate": "85%"}, "2.67"),  # 2 × 8/6
        ("budget_execution", "7", {"progress": ["25%", "50%", "75%", "100%"]}, "7.00"),
        ("petition_handling", "4", {"items": [True, True, False]}, "2.67"),  # 2 × 4/3
    ],
)
def test_reweight_by_a_non_terminating_factor(
    key: str, weight: str, inputs: dict[str, Any], points: str
) -> None:
    indicator = luohu().indicator(key).reweighted(weight)
    assert indicator.weight == D(weight)
    assert RULES[key](**inputs, indicator=indicator).points == D(points)


def test_reweighted_explanation_shows_the_factor() -> None:
    indicator = luohu().indicator("satisfaction").reweighted("5")
    text = satisfaction("90%", indicator=indicator).explain()
    assert "公众或服务对象满意度：3.33 / 5分" in text  # 4 × 5/6
    assert "5/6" in text


# ---------------------------------------------------------------- replace


def _stricter_satisfaction() -> Indicator:
    old = luohu().indicator("satisfaction")
    bands = (
        Band(Interval.parse("[0%, 96%)"), D(3), "满意度<96%的，得3分"),
        Band(Interval.parse("[96%, ∞)"), D(6), "满意度≥96%的，得6分"),
    )
    component = Bands("rate", D(6), "按满意度分档计分", "points by band", bands=bands)
    return attrs.evolve(
        old, components=(component,), rule_text="满意度≥96%的，得6分；否则得3分。", examples=()
    )


def test_replace_an_indicator(seed_file: Path) -> None:
    fw = luohu()
    new = fw.replace(_stricter_satisfaction(), id="luohu-strict")
    assert new.id == "luohu-strict"
    assert new.indicator("satisfaction").rule_text.startswith("满意度≥96%")
    assert fw.indicator("satisfaction").rule_text != new.indicator("satisfaction").rule_text
    department = load_department(seed_file)
    assert evaluate(new, department.inputs, department.overrides).total == D("94.11")
    assert evaluate(fw, department.inputs, department.overrides).total == D("97.11")


def test_replace_with_another_weight_breaks_the_level() -> None:
    heavier = luohu().indicator("key_task_completion").reweighted("9")
    with pytest.raises(FrameworkError, match="效率性"):
        luohu().replace(heavier)


def test_replace_unknown_indicator() -> None:
    stray = attrs.evolve(luohu().indicator("satisfaction"), key="happiness")
    with pytest.raises(UnknownKeyError, match="happiness"):
        luohu().replace(stray)


def test_frameworks_are_immutable() -> None:
    fw = luohu()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fw.weight = D(99)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fw.indicator("satisfaction").weight = D(5)  # type: ignore[misc]
    assert isinstance(fw.children, tuple)


def test_indicator_whose_components_do_not_add_up() -> None:
    old = luohu().indicator("budget_compliance")
    with pytest.raises(FrameworkError, match="at most 4, not the weight 5") as caught:
        attrs.evolve(old, components=(attrs.evolve(old.components[0], points=D(4)),))
    assert "预算编制规范性" in str(caught.value)


def test_indicator_missing_a_measure_is_refused_when_built() -> None:
    old = luohu().indicator("effectiveness")
    with pytest.raises(
        FrameworkError, match="reads 'nope', which is neither an input nor a measure"
    ):
        attrs.evolve(old, components=(Judged("nope", D(25)),))


def test_duplicate_keys_are_refused() -> None:
    data = _data()
    _indicator_data(data, "satisfaction")["key"] = "petition_handling"
    with pytest.raises(FrameworkError, match="used twice"):
        framework_from_dict(data)


# ---------------------------------------------------------------- file form errors


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            lambda d: _indicator_data(d, "non_establishment_staff")["components"][0]["bands"][
                1
            ].__setitem__("interval", "(5%, 10%]"),
            "gap or overlap",
        ),
        (
            lambda d: _indicator_data(d, "non_establishment_staff")["components"][0]["bands"][
                0
            ].__setitem__("interval", "[0%, 5%]"),
            "gap or overlap",
        ),
        (
            lambda d: _indicator_data(d, "satisfaction")["components"][0]["bands"][2].__setitem__(
                "interval", "[91%, 95%)"
            ),
            "gap or overlap",
        ),
        (
            lambda d: _indicator_data(d, "budget_compliance").__setitem__("weight", "4"),
            "not the weight 4",
        ),
        (lambda d: d.__setitem__("schema", "jixiao.framework/2"), "schema"),
        (
            lambda d: _indicator_data(d, "satisfaction").__setitem__("parent", "nowhere"),
            "parent group",
        ),
        (
            lambda d: _indicator_data(d, "satisfaction")["components"][0].__setitem__(
                "kind", "magic"
            ),
            "unknown component kind",
        ),
        (lambda d: d.pop("citation"), "missing"),
        (lambda d: d["groups"][0].__setitem__("weight", "21"), "add up to"),
    ],
)
def test_bad_framework_data_raises_framework_error(edit: Any, words: str) -> None:
    data = _data()
    edit(data)
    with pytest.raises(FrameworkError, match=words) as caught:
        framework_from_dict(data, "my-framework.toml")
    assert "my-framework.toml" in str(caught.value)


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d.__setitem__("colour", "red"), "framework"),
        (lambda d: _indicator_data(d, "satisfaction").__setitem__("colour", "red"), "indicators["),
        (
            lambda d: _indicator_data(d, "satisfaction")["components"][0].__setitem__(
                "colour", "red"
            ),
            "components[1]",
        ),
        (lambda d: d["groups"][0].__setitem__("colour", "red"), "groups[1]"),
        (lambda d: d["citation"].__setitem__("colour", "red"), "citation"),
    ],
)
def test_unknown_keys_in_framework_data(edit: Any, where: str) -> None:
    data = _data()
    edit(data)
    with pytest.raises(UnknownKeyError, match="colour") as caught:
        framework_from_dict(data)
    assert where in str(caught.value)


def test_band_without_points_is_a_framework_error() -> None:
    data = _data()
    del _indicator_data(data, "non_establishment_staff")["components"][0]["bands"][0]["points"]
    with pytest.raises(FrameworkError, match="missing key 'points'") as caught:
        framework_from_dict(data)
    assert caught.value.field == "indicators.non_establishment_staff.components[1]"


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (
            lambda d: _indicator_data(d, "satisfaction")["components"][0].pop("points"),
            "indicators.satisfaction.components[1]",
            "points",
        ),
        (
            lambda d: _indicator_data(d, "asset_security")["components"][0].__setitem__("items", 5),
            "indicators.asset_security.components[1]",
            "malformed",
        ),
        (
            lambda d: d["groups"][1].__setitem__("parent", "nowhere"),
            "groups.budgeting.parent",
            "parent group that does not exist",
        ),
    ],
)
def test_bad_component_or_group_names_where(edit: Any, field: str, words: str) -> None:
    data = _data()
    edit(data)
    with pytest.raises(FrameworkError, match=words) as caught:
        framework_from_dict(data, "my-framework.toml")
    assert caught.value.field == field
    assert "my-framework.toml" in str(caught.value)


def test_checklist_items_must_add_up_to_its_points() -> None:
    data = _data()
    _indicator_data(data, "asset_security")["components"][0]["items"][0]["points"] = "0.5"
    with pytest.raises(FrameworkError, match=r"items add up to 1\.5, not 2"):
        framework_from_dict(data)


def test_best_tier_must_give_the_components_points() -> None:
    data = _data()
    _indicator_data(data, "budget_disclosure")["components"][0]["tiers"][0]["points"] = "1.4"
    with pytest.raises(FrameworkError, match=r"best tier gives 1\.4, not 1\.5"):
        framework_from_dict(data)


@pytest.mark.parametrize(
    ("key", "condition"), [("financial_compliance", "veto"), ("budget_disclosure", "exemption")]
)
def test_unknown_key_in_a_condition(key: str, condition: str) -> None:
    data = _data()
    _indicator_data(data, key)[condition]["colour"] = "red"
    with pytest.raises(UnknownKeyError, match=r"unknown key\(s\) colour") as caught:
        framework_from_dict(data)
    assert caught.value.field == f"indicators.{key}.{condition}"


# ---------------------------------------------------------------- user framework files


def _user_framework_data() -> dict[str, Any]:
    data = _data()
    data["id"] = "my-district-2024"
    data["year"] = 2024
    data["period"] = {"first": 2024, "last": 2024}
    entry = _indicator_data(data, "satisfaction")
    entry["components"][0]["bands"] = [
        {"interval": "[0%, 96%)", "points": "3", "text": "满意度<96%的，得3分"},
        {"interval": "[96%, ∞)", "points": "6", "text": "满意度≥96%的，得6分"},
    ]
    return data


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_user_framework_file_loads_and_evaluates(
    tmp_path: Path, suffix: str, seed_file: Path
) -> None:
    data = _user_framework_data()
    path = tmp_path / f"mine{suffix}"
    path.write_text(dumps_toml(data) if suffix == ".toml" else dumps_json(data), "utf-8")
    fw = load_framework(str(path))
    assert fw.id == "my-district-2024"
    assert fw.year == 2024
    department = load_department(seed_file)
    evaluation = fw.evaluate(department.inputs, overrides=department.overrides)
    assert evaluation.score("satisfaction").points == D("3.00")
    assert evaluation.total == D("94.11")


def test_department_file_naming_a_framework_file(tmp_path: Path, seed_file: Path) -> None:
    (tmp_path / "mine.toml").write_text(dumps_toml(_user_framework_data()), "utf-8")
    seed = load_department(seed_file)
    department = Department(
        name=seed.name,
        year=2024,
        framework="mine.toml",
        unit=Unit.WAN,
        inputs=seed.inputs,
        overrides=seed.overrides,
        source=str(tmp_path / "dept.toml"),
    )
    assert department.resolve_framework().id == "my-district-2024"
    assert department.evaluate().total == D("94.11")
    (tmp_path / "dept.toml").write_text(dumps_toml(department.to_dict()), "utf-8")
    assert load_department(tmp_path / "dept.toml").evaluate().total == D("94.11")


def test_load_framework_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file") as caught:
        load_framework(str(tmp_path / "absent.toml"))
    assert "absent.toml" in str(caught.value)


def test_load_framework_names_the_file_in_errors(tmp_path: Path) -> None:
    data = _data()
    data["schema"] = "other"
    path = tmp_path / "bad.toml"
    path.write_text(dumps_toml(data), "utf-8")
    with pytest.raises(FrameworkError, match="schema") as caught:
        load_framework(str(path))
    assert "bad.toml" in str(caught.value)


@settings(max_examples=HEAVY_EXAMPLES)
@given(department_inputs())
def test_framework_evaluate_is_department_evaluate(inputs: dict[str, dict[str, Any]]) -> None:
    fw = luohu()
    assert fw.evaluate(inputs).total == evaluate(fw, inputs).total


def test_a_renamed_indicator_is_the_same_rule_under_another_name() -> None:
    indicator = jixiao.framework("shenzhen-luohu-2023").indicator("satisfaction")
    renamed = indicator.renamed("办件满意度")
    assert renamed.name == "办件满意度"
    assert indicator.name == "公众或服务对象满意度"
    assert attrs.evolve(renamed, name=indicator.name) == indicator
    plan = indicator.plan
    assert indicator.renamed("办件满意度").plan is plan  # derived once, shared
    assert (
        score_rule(renamed, {"rate": "91%"}).points == score_rule(indicator, {"rate": "91%"}).points
    )
    assert indicator.renamed(indicator.name) is indicator
    with pytest.raises(FrameworkError, match="name is text"):
        indicator.renamed(5)  # type: ignore[arg-type]


# ---------------------------------------------------------------- issue 13: grades that reach the total


@pytest.mark.parametrize(("top", "refused"), [("[90, 95)", True), ("[90, 100]", False)])
def test_grades_must_reach_the_framework_weight(top: str, refused: bool) -> None:
    """A total is graded only within the grades' span (issue 13), so a
    framework whose weight lies beyond it is refused when read, not when a
    department happens to score above the span."""
    data = _data()
    data["grades"]["bands"][0]["interval"] = top
    if refused:
        with pytest.raises(FrameworkError, match=r"grades cover totals \[0, 95\), not the total"):
            framework_from_dict(data)
    else:
        assert framework_from_dict(data).grades.grade(D(100)).value == "优"
