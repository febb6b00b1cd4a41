"""What TOML alone can add: a new indicator whose measure is one of the closed
set, and a new project template with its own execution weight and tiers — no
Python written, read from temporary files."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

import attrs
import pytest

from jixiao import evaluate, load_department, load_framework
from jixiao.errors import InputError
from jixiao.project import load_table, score_table
from jixiao.project.template import load_template

D = Decimal

NEW_INDICATOR = """
[[indicators]]
key = "training"
parent = "staff"
name = "培训覆盖率"
name_en = "training coverage"
weight = "1"
description = "参加培训的在职人员占在职人员（在编+编外）的比率。"
rule_text = "培训覆盖率≥90%的，得1分；60%≤培训覆盖率<90%的，得0.5分；培训覆盖率<60%的，得0分。"
inputs = [
  { name = "trained", label = "参加培训人数", label_en = "staff trained", kind = "count", unit = "人", constraints = [
    { kind = "at-most", other = "established", message = "more trained than there are established staff" },
  ] },
  { name = "established", label = "在编人数", label_en = "established staff", kind = "count", unit = "人" },
  { name = "extra", label = "编外人员数", label_en = "non-establishment staff", kind = "count", unit = "人" },
]
measures = [
  { key = "coverage", kind = "ratio", part = "trained", whole = ["established", "extra"] },
]

[[indicators.components]]
kind = "bands"
measure = "coverage"
points = "1"
text = "培训覆盖率=参加培训人数/(在编人数+编外人员数)"
official = false
bands = [
  { interval = "[0%, 60%)", points = "0", text = "培训覆盖率<60%的，得0分" },
  { interval = "[60%, 90%)", points = "0.5", text = "60%≤培训覆盖率<90%的，得0.5分" },
  { interval = "[90%, ∞)", points = "1", text = "培训覆盖率≥90%的，得1分" },
]

[[indicators.examples]]
inputs = { trained = 60, established = 60, extra = 6 }
points = "1"
"""


def test_a_new_indicator_with_toml_alone(tmp_path: Path) -> None:
    shipped = resources.files("jixiao.data.frameworks").joinpath("shenzhen-luohu-2023.toml")
    source = shipped.read_text("utf-8")
    # Make room in 人员管理 (2 → 3) and take the point from satisfaction (6 → 5).
    source = source.replace(
        'key = "staff"\nparent = "management"\nname = "人员管理"\nname_en = "staff"\nweight = "2"',
        'key = "staff"\nparent = "management"\nname = "人员管理"\nname_en = "staff"\nweight = "3"',
    )
    source = source.replace(
        'key = "management"\nname = "部门管理"\nname_en = "management"\nweight = "20"',
        'key = "management"\nname = "部门管理"\nname_en = "management"\nweight = "21"',
    )
    source = source.replace(
        'key = "equity"\nparent = "performance"\nname = "公平性"\nname_en = "equity"\nweight = "9"',
        'key = "equity"\nparent = "performance"\nname = "公平性"\nname_en = "equity"\nweight = "8"',
    )
    source = source.replace(
        'key = "performance"\nname = "部门绩效"\nname_en = "performance"\nweight = "60"',
        'key = "performance"\nname = "部门绩效"\nname_en = "performance"\nweight = "59"',
    )
    source = source.replace(
        'name = "公众或服务对象满意度"\nname_en = "satisfaction"\nweight = "6"',
        'name = "公众或服务对象满意度"\nname_en = "satisfaction"\nweight = "5"\nreference_weight = "6"',
    )
    source = source.replace('id = "shenzhen-luohu-2023"', 'id = "my-luohu-2023"') + NEW_INDICATOR
    path = tmp_path / "my-luohu-2023.toml"
    path.write_text(source, "utf-8")
    fw = load_framework(path)
    training = fw.indicator("training")
    assert [i.name for i in training.inputs] == ["trained", "established", "extra"]
    department = load_department("examples/luohu-2023-department.toml")
    inputs = {**department.inputs, "training": {"trained": 60, "established": 60, "extra": 6}}
    evaluation = evaluate(fw, inputs, department.overrides, year=2023)
    assert evaluation.score("training").points == D("1.00")  # 60 ÷ 66 = 90.9 %
    assert evaluation.score("satisfaction").points == D("5.00")  # 6 × 5/6
    assert evaluation.total == D("97.11")
    text = evaluation.score("training").explain("zh")
    assert (
        "培训覆盖率=参加培训人数/(在编人数+编外人员数)：90.91%，适用“培训覆盖率≥90%的，得1分” → 1分"
        in text
    )
    lower = {**inputs, "training": {"trained": 39, "established": 60, "extra": 6}}
    assert evaluate(fw, lower, department.overrides).score("training").points == D("0.00")
    over = {**inputs, "training": {"trained": 61, "established": 60, "extra": 6}}
    with pytest.raises(InputError, match="more trained than there are established") as caught:
        evaluate(fw, over)
    assert "inputs.training.trained" in str(caught.value)


NEW_TEMPLATE = """
schema = "jixiao.template/1"
id = "county-2024"
family = "county"
title = "项目支出绩效自评表"
title_en = "A county's table: execution 20, output 40, outcome 30, satisfaction 10"
jurisdiction = "某县"
year = 2024
period = { first = 2023 }
total = "100"
execution_weight = "20"
notes = ["预算执行率20分，产出指标40分，效益指标30分，满意度指标10分。"]

[citation]
title = "项目支出绩效自评表"
issuer = "某县财政局"
year = 2024
status = "transcribed"

[[level1]]
kind = "output"
name = "产出指标"
weight = "40"

[[level1]]
kind = "outcome"
name = "效益指标"
weight = "30"

[[level1]]
kind = "satisfaction"
name = "满意度指标"
weight = "10"

[qualitative]
text = "定性指标按达成（90%以上）、部分达成、未达成三档记分"
tiers = [
  { key = "achieved", interval = "[90%, 100%]", text = "达成" },
  { key = "partly", interval = "[70%, 90%)", text = "部分达成" },
  { key = "not", interval = "[0%, 70%)", text = "未达成" },
]
"""


def test_a_new_template_with_toml_alone(tmp_path: Path) -> None:
    path = tmp_path / "county-2024.toml"
    path.write_text(NEW_TEMPLATE, "utf-8")
    county = load_template(path)
    assert county.execution_weight == 20
    assert [t.key for t in county.tiers] == ["not", "partly", "achieved"]
    table = load_table("examples/projects/luohu-2023-04-行政服务大厅运行.toml")
    # The same table printed on the county's weights: execution 20, output 40.
    funds = attrs.evolve(table.funds, weight="20")
    output = attrs.evolve(table.level1[0], weight="40")
    county_table = attrs.evolve(table, funds=funds, level1=(output, *table.level1[1:]))
    assert county.fits(county_table)
    evaluation = score_table(county_table, county)
    assert evaluation.template is county
    assert evaluation.execution is not None
    assert evaluation.execution.points == D("18.56")  # 20 × 92.78 %
    assert "预算执行率得分=预算执行率×20分，以20分为限" in evaluation.execution.explain("zh")
    national = score_table(table)
    assert evaluation.total == national.total - national.execution.points + D("18.56")  # type: ignore[union-attr]
    qualitative = [r for r in evaluation.rows if r.tier is not None]
    assert qualitative
    for row in qualitative:  # the county's tiers, not the national ones
        share = row.rule_score.unrounded / row.rule_score.weight  # type: ignore[union-attr]
        assert row.tier is county.tier_of(share)
