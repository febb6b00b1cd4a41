"""jixiao.explain: text in the official wording with English, HTML, and traces as data."""

from __future__ import annotations

import gc
import json
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import sensitivity
from jixiao._toml import dumps_json
from jixiao.department import Evaluation, evaluate, load_department
from jixiao.errors import InputError
from jixiao.explain import approx, jsonable, number
from jixiao.project import audit, load_table, score_table
from jixiao.quantities import Amount, Ratio
from jixiao.rules import (
    QuarterSpending,
    budget_compliance,
    budget_disclosure,
    budget_execution,
    effectiveness,
    financial_compliance,
    key_task_completion,
    management_systems,
    non_establishment_staff,
    procurement_execution,
    satisfaction,
)

from .strategies import HEAVY_EXAMPLES, department_inputs, luohu

D = Decimal
REASON_PART = "未超过区编办批复的编外人员控制数66人"


@pytest.fixture
def seed(seed_file: Path) -> Evaluation:
    return load_department(seed_file).evaluate()


def _floats(value: Any, path: str = "$") -> list[str]:
    """Every place in *value* that holds a float."""
    if isinstance(value, float):
        return [path]
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _floats(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            found += _floats(v, f"{path}[{i}]")
    return found


def _json_safe(value: Any) -> bool:
    """Only JSON's own kinds (no Decimal, Ratio or other objects)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_safe(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    return value is None or isinstance(value, bool | int | str)


# ---------------------------------------------------------------- text


def test_explain_shows_the_band_that_applied_in_both_languages() -> None:
    text = non_establishment_staff(11, 60).explain()
    assert "比率>10%的，得0分" in text
    assert "84.51%" in text
    assert "lies in (10%, ∞)" in text
    assert "non-establishment staff rate" in text
    assert (
        "依据 Source: 深圳市罗湖区财政局《部门整体支出绩效评价共性指标体系框架》，2023年，三级指标“编外人员控制率”"
        in text
    )


@pytest.mark.parametrize(
    ("rate", "wording"),
    [
        ("95%", "满意度≥95%的，得6分"),
        ("94.99%", "90%≤满意度<95%的，得4分"),
        ("80%", "80%≤满意度<90%的，得2分"),
        ("1%", "满意度<80%的，得1分"),
    ],
)
def test_explain_names_the_band_of_each_value(rate: str, wording: str) -> None:
    text = satisfaction(rate).explain("zh")
    assert wording in text
    others = {
        "满意度≥95%的，得6分",
        "90%≤满意度<95%的，得4分",
        "80%≤满意度<90%的，得2分",
        "满意度<80%的，得1分",
    } - {wording}
    assert not any(o in text for o in others)


def test_explain_languages_are_separable() -> None:
    score = satisfaction("95%")
    zh, en = score.explain("zh"), score.explain("en")
    assert "公众或服务对象满意度：6 / 6分" in zh
    assert "satisfaction: 6 of 6 points" in en
    assert "lies in" not in zh
    assert "满意度≥95%的" not in en


def test_explain_override_reason(seed: Evaluation) -> None:
    score = seed.score("non_establishment_staff")
    text = score.explain()
    assert REASON_PART in text
    assert "规则得分 0分，最终得分 1分" in text
    assert "override: the rule gives 0, final 1" in text
    whole = seed.explain()
    assert REASON_PART in whole
    assert "points changed by an override" in whole


def test_explain_rounding_and_formulas() -> None:
    text = procurement_execution(True, purchased="157.46", planned="158.75").explain()
    assert "99.19% × 1 = ≈0.9919" in text
    assert "合计 ≈1.9919，四舍五入保留两位小数 → 1.99分" in text
    assert "rounded half-up to 0.01 → 1.99 points" in text
    over = procurement_execution(True, rate="101%").explain()
    assert "101% → 0 points" in over
    assert "本项得0分" in over
    capped = budget_execution(progress=["50%", "50%", "75%", "100%"]).explain()
    assert "以1分为限" in capped
    assert "capped at 1" in capped


def test_explain_deduction_excess_judged_and_tiers() -> None:
    assert "1项 × 4分 → 4分" in key_task_completion(1).explain()
    text = financial_compliance(True, "0.5", adjustment="12.5%").explain()
    assert "12.5%，扣0.25分 → 0.75分" in text
    assert "评价人给分 0.5/1分" in text
    assert "0.25 off" in text
    tiers = budget_disclosure("full", "partial").explain()
    assert "进行了公开，存在不符合时限、内容、范围等要求的，得1分 → 1分" in tiers
    assert "disclosed, but not fully as required" in tiers


def test_explain_partial_checklist_judged_and_deduction() -> None:
    items = management_systems([True, False, "0.5"]).explain()
    assert "制度（0.5/0.5分）；2. " in items
    assert "得到有效执行（0/1.5分）；3. " in items
    assert "评价结果应用等工作（0.5/1分） → 1分" in items
    assert "(0.5/0.5); 2. those rules are effectively applied (0/1.5); 3. " in items
    assert "carried out (0.5/1) → 1 point" in items
    assert "：2项 × 1分 → 3分" in budget_compliance(2).explain()
    assert ": 2 × 1 off 5 → 3 points" in budget_compliance(2).explain()
    assert "：0项 × 1分 → 5分" in budget_compliance(0).explain()
    judged = effectiveness("23.5").explain()
    assert "评价人给分 23.5/25分" in judged
    assert "the evaluator gives 23.5 of 25 points" in judged
    assert "评价人给分 25/25分" in effectiveness(True).explain()


def test_explain_reweighted_indicator_has_its_own_text() -> None:
    indicator = luohu().indicator("budget_compliance")
    reweighted = indicator.reweighted(4)
    text = budget_compliance(0, indicator=reweighted).explain()
    assert text.startswith("预算编制规范性：4 / 4分\nbudget compliance: 4 of 4 points\n")
    assert "：0项 × 1分 → 5分" in text
    assert "分值由5分调整为4分，规则得分按 4/5 折算" in text
    assert "re-weighted from 5 to 4: the rule's points × 4/5" in text
    assert "调整为" not in budget_compliance(0, indicator=indicator).explain()


def test_rule_text_is_kept_per_rule_object() -> None:
    fw = luohu()
    indicator = fw.indicator("satisfaction")
    assert indicator.wording is indicator.wording
    assert fw.text is fw.text
    assert indicator.reweighted(5).wording is not indicator.wording
    # A part whose component is not one of the indicator's is rendered afresh.
    copy = attrs.evolve(indicator, components=tuple(attrs.evolve(c) for c in indicator.components))
    score = satisfaction("85%", indicator=copy)
    args = (score.outcome, score.parts, score.unrounded, score.rule_points, score.points)
    assert indicator.wording.lines(*args) == copy.wording.lines(*args)


def test_explain_veto_and_exemption() -> None:
    veto = financial_compliance(True, True, adjustment="2%", violations=True).explain()
    assert "挤占、挪用资金的" in veto
    assert "→ 0分" in veto
    assert "the indicator scores 0 → 0 points" in veto
    exempt = budget_disclosure(classified=True).explain()
    assert "涉密部门(单位)按规定不需要公开相关预决算信息的直接得分" in exempt
    assert "→ 3 points" in exempt


def test_explain_evaluation_table(seed: Evaluation) -> None:
    text = seed.explain()
    assert "部门整体支出绩效评价共性指标体系框架（深圳市罗湖区，2023）" in text
    assert "总分 Total: 97.11 / 100   等级 Grade: 优 (excellent)" in text
    assert "部门 Department: 深圳市罗湖区政务服务数据管理局（本级）" in text
    assert "比率>10%的，得0分" in text
    assert "部门管理 (management)" in text
    zh = seed.explain("zh")
    assert "(management)" not in zh
    assert "lies in" not in zh
    en = seed.explain("en")
    assert "lies in (10%, ∞)" in en


def test_rule_text_does_not_keep_rule_objects_alive(seed_file: Path) -> None:
    fw = luohu().replace(luohu().indicator("satisfaction"), id="copy")
    indicator = fw.indicator("satisfaction").reweighted(5)
    assert "总分 Total" in evaluate(fw, load_department(seed_file).inputs).explain()
    assert "5/6 折算" in satisfaction("85%", indicator=indicator).explain()
    refs: list[weakref.ref[Any]] = [weakref.ref(fw), weakref.ref(indicator)]
    del fw, indicator
    gc.collect()
    assert [r() for r in refs] == [None, None]


# ---------------------------------------------------------------- data


def test_score_trace(seed: Evaluation) -> None:
    data = seed.score("non_establishment_staff").to_dict()
    assert data["format"] == "jixiao.trace/1"
    assert data["indicator"] == {
        "key": "non_establishment_staff",
        "name": "编外人员控制率",
        "name_en": "non-establishment staff rate",
    }
    assert (data["weight"], data["points"], data["rule_points"]) == ("1", "1.00", "0.00")
    assert data["override"]["reason"].endswith("故不作扣分处理")
    assert data["inputs"] == {"established": 11, "non_establishment": 60}
    assert data["parts"][0]["value"].startswith("84.5070422535211267605633802")
    assert data["parts"][0]["value"].endswith("%")
    assert data["parts"][0]["kind"] == "bands"
    assert data["citation"]["clause"] == "三级指标“编外人员控制率”"
    assert any(REASON_PART in line for line in data["explanation"]["zh"])
    assert _json_safe(data)


def test_evaluation_trace(seed: Evaluation) -> None:
    data = seed.to_dict()
    assert data["format"] == "jixiao.evaluation/1"
    assert data["total"] == "97.11"
    assert data["grade"] == {"zh": "优", "en": "excellent"}
    assert data["department"] == {
        "name": "深圳市罗湖区政务服务数据管理局（本级）",
        "year": 2023,
        "unit": "万元",
    }
    assert data["framework"]["id"] == "shenzhen-luohu-2023"
    groups = {g["key"]: (g["level"], g["points"]) for g in data["groups"]}
    assert groups["management"] == (1, "19.99")
    assert groups["efficiency"] == (2, "19.12")
    assert [s["points"] for s in data["scores"]][14:16] == ["4.00", "5.12"]
    assert len(data["scores"]) == 21
    assert _floats(data) == []
    assert _json_safe(data)


def test_evaluation_json_text_has_no_floats(seed: Evaluation) -> None:
    text = dumps_json(seed.to_dict())
    loaded = json.loads(text)
    assert loaded["total"] == "97.11"
    assert _floats(loaded) == []
    reason = [s["override"] for s in loaded["scores"] if s["override"]]
    assert len(reason) == 1
    assert REASON_PART in reason[0]["reason"]


@settings(max_examples=HEAVY_EXAMPLES)
@given(department_inputs())
def test_no_float_anywhere_in_any_trace(inputs: dict[str, dict[str, Any]]) -> None:
    data = evaluate(luohu(), inputs).to_dict()
    assert _floats(data) == []
    assert _json_safe(data)
    assert json.loads(json.dumps(data)) == data


# ---------------------------------------------------------------- html


def test_html(seed: Evaluation) -> None:
    table = seed._repr_html_()
    assert table.startswith("<div class='jixiao-evaluation'")
    assert ">97.11</th>" in table
    assert "优 excellent" in table
    block = seed.score("satisfaction")._repr_html_()
    assert "满意度≥95%的，得6分" in block


def test_html_escapes() -> None:
    block = satisfaction("70%")._repr_html_()
    assert "满意度&lt;80%的，得1分" in block


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("5", "5"),
        ("5.00", "5"),
        ("5.10", "5.1"),
        ("0.8236", "0.8236"),
        ("100", "100"),
        ("1E+2", "100"),
    ],
)
def test_number(value: str, text: str) -> None:
    assert number(D(value)) == text


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(lambda d, e: d.scaleb(e), st.decimals(-1000, 1000, places=3), st.integers(-12, 12))
)
def test_number_is_the_plain_notation_without_trailing_zeros(value: Decimal) -> None:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    assert number(value) == ("0" if text in ("-0", "") else text)
    assert D(number(value)) == value


@pytest.mark.parametrize(
    ("value", "text"), [("0.5", "0.5"), ("0.12346", "≈0.1235"), ("1.99187", "≈1.9919"), ("2", "2")]
)
def test_approx(value: str, text: str) -> None:
    assert approx(D(value)) == text


def test_approx_rounds_ties_half_up() -> None:
    assert approx(D("0.12345")) == "≈0.1235"


def test_jsonable() -> None:
    assert jsonable(D("1.50")) == "1.50"
    assert jsonable(Ratio.percent("84.51")) == "84.51%"
    assert jsonable(Amount.wan("548.3")) == {"value": "548.3", "unit": "万元"}
    assert jsonable({"a": None, "b": 1}) == {"b": 1}
    assert jsonable((True, None, "x")) == [True, None, "x"]
    assert jsonable(QuarterSpending("548.3", "2663.06")) == {"spent": "548.3", "budget": "2663.06"}
    assert jsonable(object) == str(object)


def test_explain_evaluation_without_department_or_override(seed_file: Path) -> None:
    department = load_department(seed_file)
    evaluation = evaluate(luohu(), department.inputs)
    text = evaluation.explain()
    assert "部门 Department" not in text
    assert "override" not in text
    assert "总分 Total: 96.11 / 100   等级 Grade: 优 (excellent)" in text
    assert evaluation.to_dict()["department"] is None


def _explainers() -> list[Any]:
    root = Path(__file__).resolve().parent.parent
    department = load_department(root / "examples" / "luohu-2023-department.toml")
    table = load_table(root / "examples" / "projects" / "luohu-2023-01-党政事务.toml")
    evaluation = department.evaluate()
    return [
        evaluation.explain,
        evaluation.score("budget_execution").explain,
        score_table(table).explain,
        audit(table).explain,
        sensitivity(department).explain,
    ]


@pytest.mark.parametrize("lang", ["fr", "EN", "", None, 1])
def test_every_explanation_refuses_an_unknown_language(lang: object) -> None:
    """``explain("fr")`` answered quietly in both languages; now every
    explanation names the argument it cannot use."""
    for explain in _explainers():
        with pytest.raises(InputError, match="field lang: expected zh, en or both"):
            explain(lang)
