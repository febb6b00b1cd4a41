"""Interpretations as named switches, periods and families, reforms, and the
sensitivity report."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

import jixiao
from jixiao import evaluate, framework, load_department, sensitivity
from jixiao.cli import main
from jixiao.department import available_frameworks, family, framework_for
from jixiao.errors import FrameworkError, InputError, UnknownKeyError
from jixiao.project import available_templates, load_table, score_table, template
from jixiao.project.sensitivity import sensitivity as table_sensitivity
from jixiao.rules import (
    budget_disclosure,
    budget_execution,
    financial_compliance,
    procurement_execution,
    project_supervision,
)
from jixiao.score import Outcome

D = Decimal
SEED = "examples/luohu-2023-department.toml"
LUOHU = "shenzhen-luohu-2023"


def _reading(name: str, alternative: str) -> Any:
    """The Luohu indicator *name*'s rule read under *alternative*."""
    key, _, _ = name.partition(".")
    return framework(LUOHU).interpreted({name: alternative}).indicator(key)


# ---------------------------------------------------------------- every switch


@pytest.mark.parametrize("id", available_frameworks())
def test_every_alternative_of_every_framework_reads_as_valid_rule_data(id: str) -> None:
    fw = framework(id)
    assert fw.interpretations, "every shipped framework has switches"
    for name, interpretation in fw.interpretations:
        assert interpretation.text_en  # what is open, and why the default
        assert fw.interpreted({name: interpretation.default}) is fw
        for alternative in interpretation.alternatives:
            if alternative.key == interpretation.default:
                assert not alternative.changes
                continue
            variant = fw.interpreted({name: alternative.key})
            assert variant.readings == {name: alternative.key}
            assert variant is fw.interpreted({name: alternative.key})  # kept, not rebuilt
            key = name.partition(".")[0]
            assert variant.indicator(key) != fw.indicator(key)


@pytest.mark.parametrize("id", available_templates())
def test_every_alternative_of_every_template_reads_as_valid_template_data(id: str) -> None:
    base = template(id)
    assert base.interpretations
    for interpretation in base.interpretations:
        assert base.interpreted({interpretation.key: interpretation.default}) is base
        for alternative in interpretation.alternatives:
            if alternative.key != interpretation.default:
                variant = base.interpreted({interpretation.key: alternative.key})
                assert dict(variant.readings) == {interpretation.key: alternative.key}
                assert variant != base


def test_unknown_readings_are_refused_by_name() -> None:
    fw = framework(LUOHU)
    with pytest.raises(UnknownKeyError, match="no interpretation of this name") as caught:
        fw.interpreted({"budget_execution.nope": "x"})
    assert "budget_execution.quarter_cap" in str(caught.value)
    with pytest.raises(UnknownKeyError, match="capped, uncapped") as caught:
        fw.interpreted({"budget_execution.quarter_cap": "sideways"})
    assert caught.value.field == "interpretations.budget_execution.quarter_cap"
    with pytest.raises(UnknownKeyError, match="no interpretation"):
        template("national-2020").interpreted({"quarter_cap": "uncapped"})


def test_the_seed_keeps_97_11_under_every_single_reading() -> None:
    department = load_department(SEED)
    for name, interpretation in department.resolve_framework().interpretations:
        for alternative in interpretation.alternatives:
            evaluation = department.evaluate(interpretations={name: alternative.key})
            assert evaluation.total == D("97.11"), (name, alternative.key)


# ---------------------------------------------------------------- the readings, one by one

AHEAD = ["35%", "40%", "60%", "90%"]  # the first quarter ahead of schedule


def test_quarter_cap_and_average() -> None:
    assert budget_execution(progress=AHEAD).points == D("5.45")  # 1 + .8 + .8 + .9 + 1.95
    uncapped = _reading("budget_execution.quarter_cap", "uncapped")
    assert budget_execution(progress=AHEAD, indicator=uncapped).points == D("5.85")
    capped_rates = _reading("budget_execution.average", "capped-rates")
    assert budget_execution(progress=AHEAD, indicator=capped_rates).points == D("5.25")
    # far ahead, the indicator's 6 points still bound the sum
    far = ["50%", "100%", "100%", "100%"]
    assert budget_execution(progress=far, indicator=uncapped).points == D("6.00")


def test_rounding_point() -> None:
    odd = ["20.594%", "42.775%", "64.634%", "87.4749%"]
    assert (
        budget_execution(progress=odd).unrounded
        != budget_execution(
            progress=odd, indicator=_reading("budget_execution.rounding", "progress")
        ).unrounded
    )
    parts = budget_execution(progress=odd, indicator=_reading("budget_execution.rounding", "parts"))
    assert all(p.points == p.points.quantize(D("0.01")) for p in parts.parts)
    rounded = _reading("procurement_execution.rate_rounding", "printed")
    score = procurement_execution(True, purchased="157.46", planned="158.75", indicator=rounded)
    assert score.parts[0].value == jixiao.Ratio.percent("99.19")
    assert score.points == D("1.99")


def test_excess_steps() -> None:
    assert financial_compliance(True, True, adjustment="12.5%").points == D("2.75")
    started = _reading("financial_compliance.excess_steps", "started")
    completed = _reading("financial_compliance.excess_steps", "completed")
    assert financial_compliance(True, True, adjustment="12.5%", indicator=started).points == D(
        "2.70"
    )
    assert financial_compliance(True, True, adjustment="12.5%", indicator=completed).points == D(
        "2.80"
    )
    for indicator in (started, completed):  # at exactly 10 % nothing is deducted either way
        assert financial_compliance(True, True, adjustment="10%", indicator=indicator).points == 3


def test_procurement_above_plan_item_or_indicator() -> None:
    item = procurement_execution(True, purchased="160", planned="158.75")
    assert item.points == D("1.00")
    assert item.outcome is Outcome.RULE
    whole = procurement_execution(
        True,
        purchased="160",
        planned="158.75",
        indicator=_reading("procurement_execution.above_plan", "indicator"),
    )
    assert whole.points == D("0.00")
    assert whole.outcome is Outcome.VETO
    assert "如实际采购金额大于采购计划金额，本项得0分 → 0分" in whole.explain("zh")


def test_project_supervision_no_evidence_item_or_indicator() -> None:
    item = project_supervision([True, True], no_evidence=True)
    assert item.points == D("1.00")
    assert item.parts[0].detail == (D("1"), D("0"))
    text = item.explain("zh")
    assert (
        "2. 各主管部门按规定对主管的财政资金(含专项资金和专项经费)开展有效的检查、监控、督促整改（0/1分）"
        in text
    )
    assert "得0分 → 第2项0分" in text
    assert item.to_dict()["set_aside"][0]["scope"] == "items[2]"
    assert project_supervision([True, True]).points == D("2.00")
    whole = project_supervision(
        [True, True],
        no_evidence=True,
        indicator=_reading("project_supervision.no_evidence", "indicator"),
    )
    assert whole.points == D("0.00")
    assert whole.outcome is Outcome.VETO


def test_classified_exempt_or_scored() -> None:
    assert budget_disclosure("none", "none", classified=True).points == D("3.00")
    scored = _reading("budget_disclosure.classified", "scored")
    assert budget_disclosure("none", "partial", classified=True, indicator=scored).points == 1
    with pytest.raises(InputError, match="unknown tier"):
        budget_disclosure(classified=True, indicator=scored)


def test_readings_are_shown_in_explanations_and_data() -> None:
    department = load_department(SEED)
    readings = {"budget_execution.quarter_cap": "uncapped"}
    evaluation = department.evaluate(interpretations=readings)
    assert evaluation.total == D("97.11")
    assert "解释 Reading: budget_execution.quarter_cap = uncapped" in evaluation.explain()
    assert evaluation.to_dict()["framework"]["readings"] == readings
    score = evaluation.score("budget_execution")
    assert "解释（非默认）：quarter_cap = uncapped" in score.explain("zh")
    assert score.to_dict()["readings"] == {"quarter_cap": "uncapped"}
    plain = department.evaluate()
    assert "解释" not in plain.explain().split("\n")[2]
    assert "readings" not in plain.to_dict()["framework"]


# ---------------------------------------------------------------- periods and families


def test_each_year_has_at_most_one_version_per_family() -> None:
    families = {framework(id).family for id in available_frameworks()}
    for name in families:
        versions = family(name)
        for year in range(1990, 2051):
            applying = [f for f in versions if f.validity.contains(year)]
            assert len(applying) <= 1, (name, year)
            if applying:
                assert framework_for(name, year) is applying[0]
            else:
                with pytest.raises(FrameworkError, match="no version"):
                    framework_for(name, year)


def test_a_department_outside_the_period_is_refused() -> None:
    department = load_department(SEED)
    with pytest.raises(FrameworkError, match="applies to 2023, not to 1999") as caught:
        attrs.evolve(department, year=1999).evaluate()
    assert SEED in str(caught.value)
    with pytest.raises(FrameworkError, match="not to 2024"):
        evaluate(framework(LUOHU), department.inputs, year=2024)
    assert evaluate(framework(LUOHU), department.inputs, department.overrides).total == D("97.11")


def test_a_department_naming_a_family_gets_its_years_version() -> None:
    department = attrs.evolve(load_department(SEED), framework="shenzhen-luohu")
    assert department.resolve_framework().id == LUOHU
    assert department.evaluate().total == D("97.11")
    with pytest.raises(FrameworkError, match="no version of the family"):
        attrs.evolve(department, year=2030).evaluate()
    with pytest.raises(UnknownKeyError, match="no framework or family"):
        framework_for("atlantis", 2023)


def test_a_table_outside_the_templates_period_is_refused() -> None:
    table = load_table("examples/projects/luohu-2023-04-行政服务大厅运行.toml")
    assert score_table(table).total == D("98.16")
    old = attrs.evolve(table, project=attrs.evolve(table.project, year=2019))
    with pytest.raises(FrameworkError, match="applies to 2020–, not to 2019"):
        score_table(old)


# ---------------------------------------------------------------- reforms


def test_a_reweighted_framework_is_a_named_variant() -> None:
    fw = framework(LUOHU).reweight(
        {"satisfaction": "5", "equity": "8", "budget_execution": "7", "efficiency": "21"},
        name="more execution",
    )
    assert fw.id == LUOHU
    (reform,) = fw.reforms
    assert reform.name == "more execution"
    assert reform.changes[0] == "satisfaction 6 → 5"
    assert repr(fw).startswith(f"<Framework {LUOHU} [more execution]")
    department = load_department(SEED)
    evaluation = evaluate(fw, department.inputs, department.overrides)
    assert "变体 Variant: more execution: satisfaction 6 → 5;" in evaluation.explain()
    assert evaluation.to_dict()["framework"]["reforms"][0]["name"] == "more execution"


# ---------------------------------------------------------------- sensitivity


def test_sensitivity_of_the_seed_lists_the_quarter_cap_reading() -> None:
    report = sensitivity(load_department(SEED))
    assert report.total == D("97.11")
    assert report.changing == ()
    assert "budget_execution.quarter_cap" in report.unchanged
    names = [r.name for r in report.readings]
    assert "budget_execution.quarter_cap = uncapped" in names
    text = report.explain()
    assert "budget_execution.quarter_cap: capped（默认 default）; uncapped" in text


def test_sensitivity_lists_what_changes_with_points_and_totals() -> None:
    department = load_department(SEED)
    ahead = attrs.evolve(
        department, inputs={**department.inputs, "budget_execution": {"progress": AHEAD}}
    )
    report = sensitivity(ahead)
    assert [(r.name, r.points, r.total) for r in report.changing] == [
        ("budget_execution.quarter_cap = uncapped", {"budget_execution": D("5.85")}, D("97.84")),
        ("budget_execution.average = capped-rates", {"budget_execution": D("5.25")}, D("97.24")),
    ]
    text = report.explain("en")
    assert "budget execution: 5.45 → 5.85" in text
    data = report.to_dict()
    assert data["format"] == "jixiao.sensitivity/1"
    assert data["readings"][0]["changes"] is False


def test_sensitivity_holds_the_readings_given() -> None:
    department = load_department(SEED)
    ahead = attrs.evolve(
        department, inputs={**department.inputs, "budget_execution": {"progress": AHEAD}}
    )
    report = sensitivity(ahead, interpretations={"budget_execution.quarter_cap": "uncapped"})
    assert report.total == D("97.84")
    back = [r for r in report.changing if r.interpretation == "budget_execution.quarter_cap"]
    assert [(r.alternative, r.default, r.total) for r in back] == [
        ("capped", "uncapped", D("97.44"))
    ]


def test_sensitivity_reports_a_reading_that_cannot_score_the_department() -> None:
    department = load_department(SEED)
    secret = attrs.evolve(
        department, inputs={**department.inputs, "budget_disclosure": {"classified": True}}
    )
    report = sensitivity(secret)
    ((name, reason),) = report.failed
    assert name == "budget_disclosure.classified = scored"
    assert "unknown tier" in reason
    assert "budget_disclosure.classified" not in report.unchanged


def test_table_sensitivity_lists_a_lower_is_better_row() -> None:
    table = load_table("examples/projects/luohu-2023-04-行政服务大厅运行.toml")
    row = table.level1[0].level2[0].indicators[0]
    changed = attrs.evolve(row, target="≤5", actual="6", points="8.33")
    level2 = attrs.evolve(
        table.level1[0].level2[0], indicators=(changed, *table.level1[0].level2[0].indicators[1:])
    )
    level1 = attrs.evolve(table.level1[0], level2=(level2, *table.level1[0].level2[1:]))
    odd = attrs.evolve(table, level1=(level1, *table.level1[1:]))
    report = table_sensitivity(odd)
    (linear,) = [r for r in report.changing if r.interpretation == "lower_is_better"]
    ((label, points),) = linear.points.items()
    assert label.endswith(row.name)
    assert report.base.points[label] < points or report.base.points[label] > points


# ---------------------------------------------------------------- the command line


def test_cli_interpretation_and_sensitivity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", SEED, "--interpretation", "budget_execution.quarter_cap=uncapped"]) == 0
    out = capsys.readouterr().out
    assert "解释 Reading: budget_execution.quarter_cap = uncapped" in out
    assert "97.11" in out
    assert main(["score", SEED, "--sensitivity", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unchanged"][0] == "procurement_execution.rate_rounding"
    assert main(["score", SEED, "--sensitivity", "--lang", "zh"]) == 0
    assert "budget_execution.quarter_cap" in capsys.readouterr().out
    assert main(["score", SEED, "--interpretation", "quarter_cap"]) == 2
    assert "expected NAME=VALUE" in capsys.readouterr().err
    assert main(["score", SEED, "--interpretation", "budget_execution.quarter_cap=up"]) == 2
    assert "capped, uncapped" in capsys.readouterr().err
