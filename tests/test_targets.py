"""Tests of jixiao.targets: reading the 年度指标值 and 实际完成值 cells."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jixiao import _target_parse
from jixiao import _target_patterns as patterns
from jixiao.errors import InputError
from jixiao.quantities import Ratio, Unit
from jixiao.targets import (
    Classified,
    Combine,
    Compound,
    Deadline,
    Direction,
    Frequency,
    Kind,
    NotApplicable,
    Period,
    Qualitative,
    Quantity,
    Span,
    Unparsed,
    Unreadable,
    Value,
    completion_ratio,
    parse_value,
)

GE, LE, GT, LT = Direction.AT_LEAST, Direction.AT_MOST, Direction.MORE_THAN, Direction.LESS_THAN
EQ, RANGE = Direction.EQUAL, Direction.RANGE


def q(number: str, unit: str = "", direction: Direction = EQ, **fields: Any) -> Quantity:
    """A Quantity from text numbers, for the tables below."""
    upper = fields.pop("upper", None)
    return Quantity(
        Decimal(number), unit, direction, None if upper is None else Decimal(upper), **fields
    )


def every(*parts: Value) -> Compound:
    return Compound(parts, Combine.ALL)


def either(*parts: Value) -> Compound:
    return Compound(parts, Combine.ANY)


# Every kind of cell in seeds 000 and 001 (and the brief's examples), with its exact reading.
CASES: list[tuple[str, Value]] = [
    ("≥200人次", q("200", "人次", GE)),
    ("200人次", q("200", "人次")),
    ("≥4批次", q("4", "批次", GE)),
    ("≤5万元", q("5", "元", LE, scale="万")),
    ("≤18万元", q("18", "元", LE, scale="万")),
    ("16.6万元", q("16.6", "元", scale="万")),
    ("100%", q("100", "%")),
    ("97.42%", q("97.42", "%")),
    ("0.2%", q("0.2", "%")),
    ("≤5%", q("5", "%", LE)),
    ("99%以上", q("99", "%", GE)),
    ("≥100百分比", q("100", "%", GE)),  # the unit field of a budget system's export
    ("≥266米", q("266", "米", GE)),
    ("不少于12种", q("12", "种", GE)),  # Shanxi (Jishan) 2021
    ("≥3类", q("3", "类", GE)),
    ("24课时", q("24", "课时")),
    ("形成一种长效机制", Qualitative("形成一种长效机制")),  # a count word after no digits
    ("═100%", q("100", "%")),  # a box-drawing line some fonts give for = (Yunnan)
    ("≥50厘米", q("50", "厘米", GE)),
    ("1.2万平方米", q("1.2", "平方米", scale="万")),
    ("≤500吨", q("500", "吨", LE)),
    ("80%以上", q("80", "%", GE)),
    ("≥90%以上", q("90", "%", GE)),
    ("全年突破21万", q("21", "", GT, scale="万")),
    ("17.76万", q("17.76", "", scale="万")),
    ("≥3万", q("3", "", GE, scale="万")),
    ("220万", q("220", "", scale="万")),
    ("≥180万人", q("180", "人", GE, scale="万")),
    ("> 90%", q("90", "%", GT)),
    (">90%", q("90", "%", GT)),
    ("> 95%", q("95", "%", GT)),
    ("＞９０％", q("90", "%", GT)),
    ("<3起", q("3", "起", LT)),
    ("8台", q("8", "台")),
    ("≥8台", q("8", "台", GE)),
    ("1辆", q("1", "辆")),
    ("3657.8元", q("3657.8", "元")),
    ("39099.42元", q("39099.42", "元")),
    ("41000", q("41000")),
    ("1", q("1")),
    ("≥4", q("4", "", GE)),
    ("1,500", q("1500")),
    ("≥1,500条", q("1500", "条", GE)),
    ("24小时内", q("24", "小时", LE)),
    ("24小时", q("24", "小时")),
    ("15个工作日内", q("15", "工作日", LE)),
    ("6天", q("6", "天")),
    ("1年", q("1", "年")),
    ("3个月", q("3", "月")),
    ("≥95分", q("95", "分", GE)),
    ("≤3‰", q("3", "‰", LE)),
    ("差错率≤0.5‰", q("0.5", "‰", LE)),
    ("100分", q("100", "分")),
    ("0起", q("0", "起")),
    ("≥1版", q("1", "版", GE)),
    ("≥40000件工单", q("40000", "件", GE, noun="工单")),
    ("125930件工单", q("125930", "件", noun="工单")),
    ("≥1500条信息", q("1500", "条", GE, noun="信息")),
    ("≥400条", q("400", "条", GE)),
    ("12批次", q("12", "批次")),
    ("≥2场", q("2", "场", GE)),
    ("259份", q("259", "份")),
    ("80%-90%", q("80", "%", RANGE, upper="90")),
    ("80-90%", q("80", "%", RANGE, upper="90")),
    ("5~10人", q("5", "人", RANGE, upper="10")),
    ("不低于95%", q("95", "%", GE)),
    ("不超过5万元", q("5", "元", LE, scale="万")),
    ("=2021.7", q("2021.7")),
    ("≥2天或16小时", either(q("2", "天", GE), q("16", "小时"))),
    ("≥3次/80%", every(q("3", "次", GE), q("80", "%"))),
    ("≥100张; ≥50份; ≥10份", every(q("100", "张", GE), q("50", "份", GE), q("10", "份", GE))),
    ("158张; 167份; 72份", every(q("158", "张"), q("167", "份"), q("72", "份"))),
    ("100%; 100%", every(q("100", "%"), q("100", "%"))),
    ("≥70个; 100%", every(q("70", "个", GE), q("100", "%"))),
    ("≥98%; ≥98%; ≥1版", every(q("98", "%", GE), q("98", "%", GE), q("1", "版", GE))),
    ("98%; 100%; 1版", every(q("98", "%"), q("100", "%"), q("1", "版"))),
    (
        "≥40000件工单标签; ≥50篇; ≥4场",
        every(q("40000", "件", GE, noun="工单标签"), q("50", "篇", GE), q("4", "场", GE)),
    ),
    ("每半年一次", Frequency(1, Period.HALF_YEAR)),
    ("每月一次", Frequency(1, Period.MONTH)),
    ("每季度一次", Frequency(1, Period.QUARTER)),
    ("每年2次", Frequency(2, Period.YEAR)),
    ("4次/年", Frequency(4, Period.YEAR)),
    ("≥1次/月", Frequency(1, Period.MONTH, direction=GE)),
    ("不少于4次/年", Frequency(4, Period.YEAR, direction=GE)),
    ("2次以上/年", Frequency(2, Period.YEAR, direction=GE)),
    ("每季度不少于1次", Frequency(1, Period.QUARTER, direction=GE)),
    ("每年至少两次", Frequency(2, Period.YEAR, direction=GE)),
    ("每年2次及以上", Frequency(2, Period.YEAR, direction=GE)),
    ("每月＞1期", Frequency(1, Period.MONTH, "期", GT)),
    ("每周1次以内", Frequency(1, Period.WEEK, direction=LE)),
    ("=1次/月", Frequency(1, Period.MONTH)),
    # the period before the count without 每
    ("一年两次", Frequency(2, Period.YEAR)),
    ("一年2次", Frequency(2, Period.YEAR)),
    ("半年一次", Frequency(1, Period.HALF_YEAR)),
    ("一周三次", Frequency(3, Period.WEEK)),
    ("一天一次", Frequency(1, Period.DAY)),
    ("年均2次", Frequency(2, Period.YEAR)),
    ("年均不少于2次", Frequency(2, Period.YEAR, direction=GE)),
    ("2023年11月30日", Deadline(Span.DAY, 2023, 11, 30)),
    ("2023-11-30", Deadline(Span.DAY, 2023, 11, 30)),
    ("12月底前", Deadline(Span.MONTH, None, 12, suffix="底前")),
    ("2022年12月", Deadline(Span.MONTH, 2022, 12)),
    ("2021.7", Deadline(Span.MONTH, 2021, 7)),
    ("2022年", Deadline(Span.YEAR, 2022)),
    ("年底前", Deadline(Span.YEAR, suffix="底前")),
    ("第四季度前完成", Deadline(Span.QUARTER, part=4, suffix="前")),
    ("Q4", Deadline(Span.QUARTER, part=4)),
    ("2023年Q1前", Deadline(Span.QUARTER, 2023, part=1, suffix="前")),
    ("q3完成", Deadline(Span.QUARTER, part=3)),
    ("Q5", Unparsed("Q5")),
    ("Q4季度", Unparsed("Q4季度")),
    ("¥5000", q("5000", "元")),
    ("￥5,000.00", q("5000.00", "元")),
    ("≤¥5万", q("5", "元", LE, scale="万")),
    ("¥5000元", q("5000", "元")),
    ("¥500/人", q("500", "元", per="人")),
    ("¥5人", Unparsed("¥5人")),
    ("¥300-¥500", q("300", "元", RANGE, upper="500")),
    ("¥300-500", q("300", "元", RANGE, upper="500")),  # the sign once, before both
    ("￥3万~￥5万", q("3", "元", RANGE, upper="5", scale="万")),
    ("¥3-5万", Unparsed("¥3-5万")),  # the scale once: is the 3 also 万?
    ("¥300-500人", Unparsed("¥300-500人")),
    ("¥500-¥300", Unparsed("¥500-¥300")),
    ("¥300-500元/人", q("300", "元", RANGE, upper="500", per="人")),  # sign before, per after
    ("¥300-¥500/人", q("300", "元", RANGE, upper="500", per="人")),
    ("300元-500元/人", q("300", "元", RANGE, upper="500", per="人")),
    ("300人-500元/人", Unparsed("300人-500元/人")),
    ("300元/次-500元/人", Unparsed("300元/次-500元/人")),
    ("¥", Unparsed("¥")),
    ("≤2个百分点", q("2", "百分点", LE)),
    ("偏差率2百分点以内", q("2", "百分点", LE)),
    ("提高2个百分点", Unparsed("提高2个百分点")),
    ("第四季度", Deadline(Span.QUARTER, part=4)),
    ("第三季度", Deadline(Span.QUARTER, part=3)),
    ("上半年", Deadline(Span.HALF_YEAR, part=1)),
    ("有所提升", Qualitative("有所提升")),
    ("有效保障", Qualitative("有效保障")),
    ("明显提高", Qualitative("明显提高")),
    ("有效", Qualitative("有效")),
    ("良好", Qualitative("良好")),
    ("优", Qualitative("优")),
    ("基本满意", Qualitative("基本满意")),
    ("健康管理干部满意", Qualitative("健康管理干部满意")),
    ("在规定时限内要求完成", Qualitative("在规定时限内要求完成")),
    ("不适用", NotApplicable()),
    ("无", NotApplicable()),
    ("/", NotApplicable()),
    ("／", NotApplicable()),
    ("—", NotApplicable()),
    ("-", NotApplicable()),
    ("", NotApplicable()),
    ("   ", NotApplicable()),
    ("N/A", NotApplicable()),
    ("有关内容涉密", Classified()),
    ("#####", Unreadable()),
    ("#DIV/0!", Unreadable()),
    (
        "从第一季度开始陆续开展,预计第四季度完成",
        Unparsed("从第一季度开始陆续开展,预计第四季度完成"),
    ),
    ("3月", Unparsed("3月")),
    ("一月一次", Unparsed("一月一次")),  # once a month, or once in January?
    ("一季度一次", Unparsed("一季度一次")),  # once a quarter, or once in the first?
    ("5-10万", Unparsed("5-10万")),
    ("10人左右", Unparsed("10人左右")),
    ("≤90%以上", Unparsed("≤90%以上")),
    ("≥1次以下/月", Unparsed("≥1次以下/月")),  # a frequency bounded both ways at once
    ("每月≤1次以上", Unparsed("每月≤1次以上")),
    ("1/2", Unparsed("1/2")),
    # unit prices and rates per something, as 成本指标 rows print them
    ("≤500元/人", q("500", "元", LE, per="人")),
    ("≤80万元/公里", q("80", "元", LE, scale="万", per="公里")),
    ("≤120元/㎡", q("120", "元", LE, per="平方米")),
    ("20元/人·天", q("20", "元", per="人·天")),
    ("≤300元/人天", q("300", "元", LE, per="人·天")),
    ("300元/人/天", q("300", "元", per="人·天")),
    ("300-500元/人", q("300", "元", RANGE, upper="500", per="人")),
    ("≥2万人次/年", q("2", "人次", GE, scale="万", per="年")),  # not a whole count: no Frequency
    ("≤3个工作日/件", q("3", "工作日", LE, per="件")),
    ("≥10吨/日", q("10", "吨", GE, per="日")),
    ("人均≤500元", q("500", "元", LE, per="人")),
    ("每人每天≤20元", q("20", "元", LE, per="人·天")),
    ("每平方米≤120元", q("120", "元", LE, per="平方米")),
    ("每年50万元", q("50", "元", scale="万", per="年")),
    ("5%/年", Unparsed("5%/年")),  # a rise of 5 % a year? no unit price
    ("每人95%", Unparsed("每人95%")),
    ("每人500元/人", Unparsed("每人500元/人")),  # per what, twice
    ("≥500人; ≤300元/人", every(q("500", "人", GE), q("300", "元", LE, per="人"))),
    (
        "≥3次/年；满意",
        every(Frequency(3, Period.YEAR, "次", GE), Qualitative("满意")),
    ),  # no "/" parts
    ("≥100张/≥50份", every(q("100", "张", GE), q("50", "份", GE))),
    # what a cell prints around its values: a note, item numbers, 完成, a full stop
    ("523人（含线上）", q("523", "人")),
    ("100%(已完成)", q("100", "%")),
    ("95%(以上)", Unparsed("95%(以上)")),  # a note that bounds the value
    ("500(万元)", Unparsed("500(万元)")),  # … scales it
    ("500元(人均)", Unparsed("500元(人均)")),  # … divides it
    ("满意(达标)", Unparsed("满意(达标)")),  # a statement keeps its words
    ("1.≥3次；2.≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("①≥3次②≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("（1）≥3次（2）≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("1、≥3次\n2、≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("1.≥3次", Unparsed("1.≥3次")),  # one item: a list?
    ("2.≥3次；1.≥50人", Unparsed("2.≥3次；1.≥50人")),  # out of order
    ("1.1月底前；2.≥5人", Unparsed("1.1月底前；2.≥5人")),  # item 1, or January the 1st?
    ("1.5万元；2.5万元", every(q("1.5", "元", scale="万"), q("2.5", "元", scale="万"))),
    ("完成100%", q("100", "%")),
    ("已完成523人", q("523", "人")),
    ("100%完成", q("100", "%")),
    ("全年完成≥12次", q("12", "次", GE)),
    ("100%覆盖", q("100", "%")),
    ("95%以上达标", q("95", "%", GE)),
    ("5人达标", Unparsed("5人达标")),
    ("已完成", Qualitative("已完成")),
    ("≥95%。", q("95", "%", GE)),
    ("100%；", q("100", "%")),
    ("有所提升。", Qualitative("有所提升")),
    ("每年度2次", Frequency(2, Period.YEAR)),
    ("2次/年度", Frequency(2, Period.YEAR)),
    ("每月度≥1次", Frequency(1, Period.MONTH, "次", GE)),
    ("≤24h", q("24", "小时", LE)),
    ("30min内", q("30", "分钟", LE)),
    ("满意/基本满意", Unparsed("满意/基本满意")),
    ("2023年2月30日", Unparsed("2023年2月30日")),
    ("100%;;90%", Unparsed("100%;;90%")),
    ("≥3次，≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("100%、100%", every(q("100", "%"), q("100", "%"))),
    ("≥3次\n≥50人\n", every(q("3", "次", GE), q("50", "人", GE))),  # a value a line
    ("≥3次；\r\n≥50人", every(q("3", "次", GE), q("50", "人", GE))),
    ("≥1000\n人次", q("1000", "人次", GE)),  # one value wrapped
    ("满意、及时", Qualitative("满意、及时")),  # one statement
    ("≥3次，满意", Unparsed("≥3次，满意")),  # a statement or a list?
    ("1、2", Unparsed("1、2")),  # a list of numbers, or items 1 and 2?
    ("95,96", Unparsed("95,96")),  # a comma after a digit: never a separator
    ("一次性付款", Unparsed("一次性付款")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text or "empty" for text, _ in CASES])
def test_parse_table(text: str, expected: Value) -> None:
    value = parse_value(text)
    assert type(value) is type(expected)
    assert value == expected
    assert value.text == text  # the cell as written is kept


# Every distinct target and actual cell of the 18 tables in seeds 000 and 001.
SEED_CELLS = (
    """
≥200人次|200人次|≥4批次|4批次|≥12次|16次|有所提升|100%|≥90%|90%|100%; 100%|≤5万元|3657.8元|无
10人|1年|41000|39099.42元|有效|健康管理干部满意|≥400条|525条|≥95%|96.99%|不适用|≥3万|220万
基本满意|97.42%|全年突破21万|17.76万|12批次|≥5|9个|98%|92.78%|99%以上|99.98%|1|95.95%|99%
≥100张; ≥50份; ≥10份|158张; 167份; 72份|≥70个; 100%|83个; 100%|第四季度|第四季度前完成|第三季度
从第一季度开始陆续开展,预计第四季度完成|91.63%|≥95分|100分|≥98%|≥40000件工单|125930件工单
≥1500条信息|1945条信息|≥40000件工单标签; ≥50篇; ≥4场|140436件工单标签; 63篇; 10场|99.79%
≥98%; ≥98%; ≥1版|98%; 100%; 1版|在规定时限内要求完成|99.93%|99.99%|≤5%|0.2%|95%|#####
≥4|4人|>90%|≥2次|2次|259份|24小时内|98.28%|≥180万人|192万人|≥2天或16小时|6天|≥97%|> 90%
99.77%|1辆|2022年|2022年12月|≤18万元|16.6万元|≥10人|12人|52人|24小时|13人|≥8人|9人|≥10个
16个|8个|10场|17场|≥2场|2场|15个工作日内|> 95%|96.15%|0起|≥80%|≥8台|8台|83.7%|16人|≥85%
99.04%|
""".strip()
    .replace("\n", "|")
    .split("|")
)
SEED_UNPARSED = {"从第一季度开始陆续开展,预计第四季度完成"}


@pytest.mark.parametrize("text", SEED_CELLS)
def test_seed_cells_round_trip(text: str) -> None:
    value = parse_value(text)
    assert parse_value(value.format()) == value
    assert isinstance(value, Unparsed) == (text in SEED_UNPARSED)


def test_seed_cells_unreadable_only_for_hashes() -> None:
    unreadable = [text for text in SEED_CELLS if isinstance(parse_value(text), Unreadable)]
    assert unreadable == ["#####"]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("99%以上", "≥99%"),
        ("全年突破21万", ">21万"),
        ("15个工作日内", "≤15个工作日"),
        ("≥3次/80%", "≥3次; 80%"),
        ("≥100张；≥50份；≥10份", "≥100张; ≥50份; ≥10份"),
        ("2021.7", "2021年7月"),
        ("每半年一次", "每半年1次"),
        ("80%-90%", "80%~90%"),
        ("无", "不适用"),
        ("2023/11/30", "2023年11月30日"),
    ],
)
def test_format_is_canonical(text: str, canonical: str) -> None:
    assert parse_value(text).format() == canonical


def test_equal_number_that_reads_as_a_month_is_written_with_equals() -> None:
    assert Quantity(Decimal("2021.7")).format() == "=2021.7"
    assert Quantity(Decimal("2022"), "年").format() == "=2022年"
    assert Quantity(Decimal("20.5")).format() == "20.5"


def test_directions_of_words() -> None:
    assert parse_value("全年突破21万").direction is GT  # type: ignore[union-attr]
    assert parse_value("200人次以上").direction is GE  # type: ignore[union-attr]
    assert parse_value("24小时之内").direction is LE  # type: ignore[union-attr]
    assert parse_value("低于5%").direction is LT  # type: ignore[union-attr]
    assert parse_value("至少2次").direction is GE  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("达到95%", "≥95%"),
        ("达到95%以上", "≥95%"),
        ("达95%", "≥95%"),
        # the words of a year's total, and 实际
        ("累计3次", "3次"),
        ("共3次", "3次"),
        ("共计1.2万人次", "1.2万人次"),
        ("合计100%", "100%"),
        ("总计≥3次", "≥3次"),
        ("实际3次", "3次"),
        ("全年累计3次", "3次"),
        ("实际完成3次", "3次"),
        ("满意度达95%以上", "≥95%"),
        ("覆盖率达100%", "≥100%"),
        ("95%（含）以上", "≥95%"),
        ("5万元（含）以下", "≤5万元"),
        ("24小时(含)以内", "≤24小时"),
        ("控制在5万元以内", "≤5万元"),
        ("控制在 5万元内", "≤5万元"),
        ("控制在95%以上", "≥95%"),
        # a rate's name before its value
        ("合格率100%", "100%"),
        ("验收合格率≥95%", "≥95%"),
        ("群众满意度≥90分", "≥90分"),
        ("覆盖率达到95%以上", "≥95%"),
        ("知晓率不低于80%", "≥80%"),
        ("合格率控制在95%以上", "≥95%"),
        ("偏差≤2个百分点", "≤2个百分点"),
        ("预算执行偏差不超过5%", "≤5%"),
        ("测量误差≤0.5毫米", "≤0.5毫米"),
        # a note that the number is included
        ("≥95%(含)", "≥95%"),
        ("≤10%（含）", "≤10%"),
        ("90%以上（含90%）", "≥90%"),
        ("90%以上(含本数)", "≥90%"),
        ("不低于95%（含95%）", "≥95%"),
        # a measure's symbol
        ("2000㎡", "2000平方米"),
        ("≥2000m²", "≥2000平方米"),
        ("≤3km", "≤3公里"),
        ("≥1.5万m3", "≥1.5万立方米"),
    ],
)
def test_words_around_a_value_read_as_its_plain_form(text: str, same_as: str) -> None:
    value = parse_value(text)
    assert value == parse_value(same_as)
    assert value.text == text


@pytest.mark.parametrize(
    "text",
    [
        "控制在5万元",
        "控制在95%",
        "达到80-90%",
        "控制在5万元以上以内",
        "95%(含)",
        ">95%(含)",
        "<5%（含）",
        "90%以上(含80%)",
        "≥(含)",
    ],
)
def test_holding_or_including_without_a_direction_is_unparsed(text: str) -> None:
    assert isinstance(parse_value(text), Unparsed)


_BODIES = st.builds(
    lambda n, scale, unit: f"{n}{scale}{unit}",
    st.integers(1, 10**6),
    st.sampled_from(["", "万"]),
    st.sampled_from(["", "%", "元", "人次", "小时", "个工作日", "吨"]),
)


@given(_BODIES, st.sampled_from(list(patterns.SUFFIXES)))
def test_hold_takes_its_suffix_direction_and_reach_is_at_least(body: str, suffix: str) -> None:
    def same(one: str, other: str) -> bool:  # (an unparsed cell keeps its own text)
        a, b = parse_value(one), parse_value(other)
        return (isinstance(a, Unparsed) and isinstance(b, Unparsed)) or a == b

    assert same("控制在" + body + suffix, body + suffix)
    assert isinstance(parse_value("控制在" + body), Unparsed)
    assert same("达到" + body, "≥" + body)


@given(
    _BODIES,
    st.sampled_from(["≥", "≤", "不低于", "不超过", "达到", ">", "<", "超过", "低于", ""]),
    st.sampled_from(["", *patterns.SUFFIXES]),
    st.sampled_from(["(含)", "（含）", "(含本数)", "own", "other"]),
)
def test_a_note_that_the_number_is_included_changes_nothing_of_an_inclusive_value(
    body: str, sign: str, suffix: str, note: str
) -> None:
    plain = parse_value(sign + body + suffix)
    if note == "own":
        note = f"(含{body})"
    elif note == "other":
        note = f"(含{body}0)"  # another number
    noted = parse_value(sign + body + suffix + note)
    inclusive = isinstance(plain, Quantity) and plain.direction in (GE, LE)
    if inclusive and not note.endswith(f"{body}0)"):
        assert noted == plain
    else:
        assert isinstance(noted, Unparsed), (sign + body + suffix + note, noted)


@given(st.sampled_from(sorted(patterns.MEASURE_SYMBOLS)), _BODIES.filter(lambda b: b[-1].isdigit()))
def test_a_measures_symbol_reads_as_its_word(symbol: str, number: str) -> None:
    word = patterns.MEASURE_SYMBOLS[symbol]
    for sign in ("", "≥", "≤"):
        assert parse_value(sign + number + symbol) == parse_value(sign + number + word)


@given(
    _BODIES.filter(lambda b: b[-1].isdigit() and b[:1].isdigit()),
    st.sampled_from(["", "≥", "≤", "不超过"]),
    st.sampled_from(["", "万"]),
)
def test_the_yuan_sign_before_a_number_reads_as_its_unit(
    number: str, sign: str, scale: str
) -> None:
    expected = parse_value(f"{sign}{number}{scale}元")
    for sign_written in ("¥", "￥"):
        value = parse_value(f"{sign}{sign_written}{number}{scale}")
        assert value == expected
        assert isinstance(value, Quantity)
        assert value.kind is Kind.MONEY


@given(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.sampled_from(["", "万"]),
    st.sampled_from(["", "/人", "/次", "/平方米"]),
)
def test_a_range_with_the_yuan_sign_reads_as_the_range_in_yuan(
    low: int, high: int, scale: str, per: str
) -> None:
    expected = parse_value(f"{low}{scale}-{high}{scale}元{per}")
    assert isinstance(expected, Quantity) == (low <= high)
    for written in (
        f"¥{low}{scale}-¥{high}{scale}{per}",
        f"￥{low}{scale}-{high}{scale}{per}",
        f"¥{low}{scale}-{high}{scale}元{per}",
        f"{low}{scale}元-{high}{scale}元{per}",
    ):
        value = parse_value(written)
        assert value == expected if low <= high else isinstance(value, Unparsed)


def test_percentage_points_compare_only_with_percentage_points() -> None:
    ceiling = parse_value("≤2个百分点")
    assert isinstance(ceiling, Quantity)
    assert ceiling.kind is Kind.MEASURE
    assert ceiling.format() == "≤2个百分点"
    actual = parse_value("1.5个百分点")
    assert isinstance(actual, Quantity)
    assert completion_ratio(actual, ceiling) == Decimal("0.75")
    for other in ("1.5%", "1.5分", "1.5米"):
        different = parse_value(other)
        assert isinstance(different, Quantity)
        assert not different.compatible_with(ceiling), other
    bare = parse_value("1.5")  # as against any measure: the number of the same thing
    assert isinstance(bare, Quantity)
    assert bare.compatible_with(ceiling)


@pytest.mark.parametrize(
    "text", ["季度1次", "年度100%", "效率提高10%", "合格率约95%", "偏差2天", "误差5%", "偏差达到5%"]
)
def test_a_word_before_a_number_that_names_no_rate_is_not_dropped(text: str) -> None:
    assert not isinstance(parse_value(text), Quantity)


@given(
    st.sampled_from(["合格率", "优良率", "满意度", "群众满意度", "知晓率", "完成率"]),
    st.sampled_from(["", "≥", "≤", ">", "<", "不低于", "不超过", "达到"]),
    _BODIES,
    st.sampled_from(["", *patterns.SUFFIXES]),
)
def test_a_rates_name_changes_nothing_of_its_value(
    name: str, sign: str, body: str, suffix: str
) -> None:
    plain, named = parse_value(sign + body + suffix), parse_value(name + sign + body + suffix)
    if isinstance(plain, Unparsed):
        assert isinstance(named, Unparsed)
    else:
        assert named == plain


@given(
    st.sampled_from(["偏差", "误差", "预算执行偏差", "测量误差"]),
    st.sampled_from(["≥", "≤", ">", "<", "不低于", "不超过", "不高于", "小于", "控制在"]),
    _BODIES,
    st.sampled_from(["", *patterns.SUFFIXES]),
)
def test_a_deviations_name_before_a_bound_changes_nothing_of_its_value(
    name: str, sign: str, body: str, suffix: str
) -> None:
    """A deviation bounded in signs or words reads as its bound; with no bound
    ("偏差2天") it names no direction, and the cell stays unparsed."""
    plain, named = parse_value(sign + body + suffix), parse_value(name + sign + body + suffix)
    if isinstance(plain, Unparsed):
        assert isinstance(named, Unparsed)
    else:
        assert named == plain
    assert not isinstance(parse_value(name + body), Quantity)


def test_not_a_string_is_an_input_error() -> None:
    with pytest.raises(InputError, match="text of a cell"):
        parse_value(90)  # type: ignore[arg-type]


def test_text_is_kept_but_not_compared() -> None:
    assert parse_value(">90%") == parse_value("> 90%")
    assert parse_value(">90%").text != parse_value("> 90%").text
    assert Unparsed("a") != Unparsed("b")


def test_quantity_properties() -> None:
    money = parse_value("≤5万元")
    assert isinstance(money, Quantity)
    assert money.kind is Kind.MONEY
    assert money.money_unit is Unit.WAN
    assert money.in_yuan == Decimal("50000")
    assert money.ratio is None
    assert money.higher_is_better is False
    count = parse_value("17.76万")
    assert isinstance(count, Quantity)
    assert count.value == Decimal("177600")
    assert count.kind is Kind.NUMBER
    assert count.in_yuan is None
    percent = parse_value("99%以上")
    assert isinstance(percent, Quantity)
    assert percent.ratio == Ratio.percent("99")
    assert percent.higher_is_better is True
    band = parse_value("5万~10万人")
    assert isinstance(band, Quantity)
    assert (band.value, band.upper_value) == (Decimal("50000"), Decimal("100000"))
    assert band.higher_is_better is None
    assert parse_value("100%").higher_is_better is None  # type: ignore[union-attr]
    assert parse_value("24小时内").kind is Kind.DURATION  # type: ignore[union-attr]
    assert parse_value("≥95分").kind is Kind.SCORE  # type: ignore[union-attr]
    assert parse_value("8台").kind is Kind.COUNT  # type: ignore[union-attr]


def test_the_largest_scaled_number_is_exact() -> None:
    big = parse_value("99999999999.9999999999万")  # 15 digits once scaled, 10 places
    assert isinstance(big, Quantity)
    assert big.value == Decimal("999999999999999.999999")


def test_more_digits_than_any_budget_are_unparsed_with_the_reason() -> None:
    # issue 13: once read (and scaled) whatever its length
    big = parse_value("1234567890123456789012345678901234.5万")
    assert isinstance(big, Unparsed)
    assert "more than 15 digits" in big.reason


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        ({"number": Decimal("-1")}, "non-negative"),
        ({"number": 1}, "Decimal"),
        ({"number": Decimal("NaN")}, "finite"),
        ({"number": Decimal(1), "unit": "英里"}, "unit"),
        ({"number": Decimal(1), "upper": Decimal(2)}, "RANGE"),
        ({"number": Decimal(3), "direction": RANGE, "upper": Decimal(2)}, "exceeds"),
        ({"number": Decimal(3), "direction": RANGE}, "RANGE"),
        ({"number": Decimal(3), "unit": "元", "per": "英里"}, "one or two"),
        ({"number": Decimal(3), "unit": "元", "per": "人·天·年"}, "one or two"),
        ({"number": Decimal(3), "unit": "元", "per": "天·"}, "one or two"),
        ({"number": Decimal(3), "unit": "元", "per": "人天"}, "one or two"),  # canonical: 人·天
        ({"number": Decimal(3), "unit": "%", "per": "年"}, "given per"),
        ({"number": Decimal(3), "per": "人"}, "given per"),
    ],
)
def test_quantity_validation(bad: dict[str, Any], match: str) -> None:
    with pytest.raises((InputError, ValueError), match=match):
        Quantity(**bad)


def test_completion_ratio_converts_money_exactly() -> None:
    actual, target = parse_value("3657.8元"), parse_value("≤5万元")
    assert isinstance(actual, Quantity)
    assert isinstance(target, Quantity)
    assert completion_ratio(actual, target) == Decimal("0.073156")


def test_completion_ratio_of_scaled_counts_and_percents() -> None:
    pairs = [("17.76万", "全年突破21万", "0.8457142857142857142857142857142857")]
    pairs += [("92.78%", "≥95%", "0.9766315789473684210526315789473684")]
    pairs += [("125930件工单", "≥40000件工单", "3.14825"), ("9个", "≥5", "1.8")]
    pairs += [("2.5亿元", "5000万元", "5")]
    pairs += [("3‰", "≤5‰", "0.6"), ("0.3%", "≤5‰", "0.6"), ("6‰", "≤0.5%", "1.2")]
    for actual_text, target_text, expected in pairs:
        actual, target = parse_value(actual_text), parse_value(target_text)
        assert isinstance(actual, Quantity)
        assert isinstance(target, Quantity)
        assert completion_ratio(actual, target) == Decimal(expected)


@pytest.mark.parametrize(
    ("actual_text", "target_text"),
    [
        ("100%", "1"),  # a bare 1 is not 100 %
        ("39099.42元", "41000"),  # a bare number has no money unit
        ("6天", "16小时"),
        ("4人", "4人次"),
        ("5件工单", "5件信息"),
        ("90%", "80%-90%"),
        ("5‰", "5分"),
        ("0起", "0起"),  # zero target
    ],
)
def test_completion_ratio_refuses(actual_text: str, target_text: str) -> None:
    actual, target = parse_value(actual_text), parse_value(target_text)
    assert isinstance(actual, Quantity)
    assert isinstance(target, Quantity)
    with pytest.raises(InputError):
        completion_ratio(actual, target)


def test_compatibility() -> None:
    def compatible(a: str, b: str) -> bool:
        left, right = parse_value(a), parse_value(b)
        assert isinstance(left, Quantity)
        assert isinstance(right, Quantity)
        return left.compatible_with(right)

    assert compatible("5天", "≤5日")
    assert compatible("125930件", "≥40000件工单")
    assert compatible("1亿元", "5万元")
    assert not compatible("100%", "100分")
    assert not compatible("5天", "5个工作日")
    assert compatible("≥266米", "300米")
    assert compatible("≥266米", "300")  # a bare number, as for a count
    assert not compatible("≥266米", "300个")
    assert not compatible("1公里", "1000米")  # not converted
    assert compatible("480元/人", "≤500元/人")
    assert compatible("4.8万元/人", "≤500元/人")
    assert compatible("3小时/件", "≤3h/件")
    assert compatible("20元/人·日", "每人每天≤20元")  # 天 and 日 alike
    assert not compatible("480元", "≤500元/人")
    assert not compatible("480元/人", "≤500元/人·天")
    assert not compatible("5", "≤500个/人")  # a bare number is per nothing


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2022年12月", datetime.date(2022, 12, 31)),
        ("2024年2月", datetime.date(2024, 2, 29)),
        ("2022年", datetime.date(2022, 12, 31)),
        ("2023年第三季度", datetime.date(2023, 9, 30)),
        ("2023年上半年", datetime.date(2023, 6, 30)),
        ("2023年11月30日", datetime.date(2023, 11, 30)),
        ("第四季度前完成", None),
        ("12月底前", None),
    ],
)
def test_period_end(text: str, end: datetime.date | None) -> None:
    value = parse_value(text)
    assert isinstance(value, Deadline)
    assert value.period_end() == end


@pytest.mark.parametrize(
    ("text", "grade"), [("优", "优"), ("优秀", "优"), ("良好", "良"), ("差", "差"), ("满意", None)]
)
def test_qualitative_grade(text: str, grade: str | None) -> None:
    value = parse_value(text)
    assert isinstance(value, Qualitative)
    assert value.grade == grade


# --- properties -------------------------------------------------------------

DOMAIN = list(
    "0123456789.,%万亿元人次张份个天日小时工作年月季度第一四前底半每;；/或≥≤<>=~-—#＞％ 以上下内涉密不适用无"
    "两三十百千零点分之、\n‰"  # numerals (read as digits before a unit), separators, per mille
)


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(alphabet=DOMAIN, max_size=20))
def test_parse_never_raises_and_round_trips(text: str) -> None:
    value = parse_value(text)
    assert parse_value(value.format()) == value


decimals = (
    st.integers(0, 3)
    .flatmap(
        lambda places: st.decimals(
            # at most 10**6 (a range's upper bound twice that): times 亿, within 15 digits
            min_value=0,
            max_value=10**6,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )
    .filter(lambda number: not number.is_signed())
)
UNITS = ["", "元", "%", "‰", "分", "小时", "分钟", "天", "日", "工作日", "周", "月", "年", "人次"]
UNITS += ["人", "批次", "次", "张", "份", "个", "台", "条", "件", "起", "版", "场"]
UNITS += ["种", "类", "班次", "课时"]
UNITS += ["米", "厘米", "公里", "平方米", "立方米", "亩", "吨", "千瓦时", "百分点"]


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    unit = draw(st.sampled_from(UNITS))
    kind = Quantity(Decimal(0), unit).kind
    scale = (
        draw(st.sampled_from(["", "万", "亿"]))
        if kind in (Kind.NUMBER, Kind.COUNT, Kind.MEASURE)
        else ""
    )
    scale = draw(st.sampled_from(["", "万", "亿"])) if kind is Kind.MONEY else scale
    noun = draw(st.sampled_from(["", "工单", "信息"])) if kind is Kind.COUNT else ""
    per = ""
    if kind.value in patterns.PER_KINDS and not noun and draw(st.booleans()):
        words = sorted(set(patterns.PER_WORDS.values()))
        per = "·".join(draw(st.lists(st.sampled_from(words), min_size=1, max_size=2)))
    direction = draw(st.sampled_from(list(Direction)))
    number = draw(decimals)
    upper = number + draw(decimals) if direction is RANGE else None
    return Quantity(number, unit, direction, upper, scale=scale, noun=noun, per=per)


SUFFIXES = ["", "底前", "底", "末前", "末", "结束前", "之前", "以前", "前", "内"]


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    span = draw(st.sampled_from(list(Span)))
    year = draw(st.none() | st.integers(1900, 2099))
    suffix = draw(st.sampled_from(SUFFIXES))
    if span is Span.DAY:
        month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
        return Deadline(span, year, month, day, suffix=draw(st.sampled_from(["", "前", "之前"])))
    if span is Span.MONTH:
        if year is None and suffix in ("", "内"):
            suffix = "底前"
        return Deadline(span, year, draw(st.integers(1, 12)), suffix=suffix)
    if span is Span.YEAR:
        if year is None and suffix in ("", "前", "之前", "以前"):
            suffix = "底"
        return Deadline(span, year, suffix=suffix)
    return Deadline(span, year, part=draw(st.integers(1, 4 if span is Span.QUARTER else 2)))


frequencies = st.builds(
    Frequency,
    st.integers(1, 99),
    st.sampled_from(list(Period)),
    st.sampled_from(["次", "期"]),
    st.sampled_from([d for d in Direction if d is not Direction.RANGE]),
)
qualitatives = st.sampled_from(["有所提升", "有效保障", "良好", "优", "满意", "达标"]).map(
    Qualitative
)
simple = quantities() | deadlines() | frequencies
any_of = st.lists(simple, min_size=2, max_size=3).map(lambda parts: either(*parts))
all_of = st.lists(
    simple | qualitatives | any_of | st.just(NotApplicable()), min_size=2, max_size=4
).map(lambda parts: every(*parts))
values = (
    simple
    | qualitatives
    | any_of
    | all_of
    | st.sampled_from([NotApplicable(), Classified(), Unreadable(), Unparsed("约10人")])
)


def _two_bounds_of_one_quantity(value: Value) -> bool:
    """Whether *value* is a lower (≥) and an upper (≤) bound alone: its text
    reads as the range they close where they bound one quantity (tested below)."""
    return (
        isinstance(value, Compound)
        and len(value.parts) == 2
        and {getattr(part, "direction", None) for part in value.parts} == {GE, LE}
    )


@settings(max_examples=300, deadline=None)
@given(values)
def test_generated_values_round_trip(value: Value) -> None:
    assume(not _two_bounds_of_one_quantity(value))
    assert parse_value(value.format()) == value


_EIGHTY_TO_HUNDRED = q("80", "%", RANGE, upper="100")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[
            (text, _EIGHTY_TO_HUNDRED)
            for text in (
                "≥80%且≤100%",
                "≥80%并且≤100%",
                "≤100%，≥80%",
                "≥80%;≤100%",
                "不低于80%且不高于100%",
                "80%以上且100%以下",
                "≥80且≤100%",  # the unit once, as in 80-100%
                "在80%-100%之间",
                "80%~100%范围内",
                "[80%,100%]",
                "［80%，100%］",
            )
        ],
        ("≥5万元且≤10万元", q("5", "元", RANGE, upper="10", scale="万")),
        ("≥300元/人且≤500元/人", q("300", "元", RANGE, upper="500", per="人")),
        ("≥90%且≤90%", q("90", "%", RANGE, upper="90")),
        ("5-10人区间内", q("5", "人", RANGE, upper="10")),
    ],
)
def test_a_range_printed_as_its_two_bounds_or_between_words(text: str, expected: Value) -> None:
    value = parse_value(text)
    assert value == expected
    assert value.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an edge that leaves its number out: two bounds, not a range's edges
        ("≥80%且<100%", every(q("80", "%", GE), q("100", "%", LT))),
        (">80%,≤100%", every(q("80", "%", GT), q("100", "%", LE))),
        # a lower bound above the upper: the two bounds as printed, closing nothing
        ("≥100%且≤80%", every(q("100", "%", GE), q("80", "%", LE))),
        # bounds of different things
        ("≥3次且≥50人", every(q("3", "次", GE), q("50", "人", GE))),
        ("≥80%且≤100人", every(q("80", "%", GE), q("100", "人", LE))),
        # numbered items: each a value of its own
        ("1.≥80%；2.≤100%", every(q("80", "%", GE), q("100", "%", LE))),
        ("①≥0②≤0", every(q("0", "", GE), q("0", "", LE))),
    ],
)
def test_two_bounds_that_close_no_range_stay_two(text: str, expected: Value) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "(80%,100%]",  # an interval that leaves an edge out: a range would keep it
        "（80%，100%）",
        "≥5且≤10万元",  # is 5 in 万 too? unclear, as in "5-10万元"
        "≥80%且≤100",  # the upper bound a bare number, the lower a percent
        "95%之间",  # between one number: no range
        "[100%,80%]",
    ],
)
def test_a_range_that_cannot_be_read_with_certainty_is_unparsed(text: str) -> None:
    assert isinstance(parse_value(text), Unparsed)


_LOWER_WORDS = [w for w, sign in patterns.PREFIXES.items() if sign == "≥"]
_UPPER_WORDS = [w for w, sign in patterns.PREFIXES.items() if sign == "≤"]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10**5),
    st.integers(0, 10**5),
    st.sampled_from(["", "%", "元", "万元", "人次", "个工作日", "吨", "元/人"]),
    st.tuples(st.sampled_from(_LOWER_WORDS), st.booleans()),
    st.tuples(st.sampled_from(_UPPER_WORDS), st.booleans()),
    st.sampled_from(["且", "并且", ",", "，", "、", ";", "；", "\n"]),
    st.booleans(),
)
def test_any_lower_and_upper_bound_of_one_quantity_read_as_their_range(
    a: int,
    b: int,
    unit: str,
    lower: tuple[str, bool],
    upper: tuple[str, bool],
    separator: str,
    upper_first: bool,
) -> None:
    low, high = min(a, b), max(a, b)
    # a bound's direction as a word before its number, or (以上, 以下) after it
    first = f"{low}{unit}以上" if lower[1] else f"{lower[0]}{low}{unit}"
    second = f"{high}{unit}以下" if upper[1] else f"{upper[0]}{high}{unit}"
    texts = [second, first] if upper_first else [first, second]
    text = separator.join(texts)
    bound = parse_value(f"≥{high}{unit}")
    assert isinstance(bound, Quantity)
    assume(not unit or bound.unit)  # the plain number reads as the unit's body alone
    value = parse_value(text)
    if texts[0][-1].isdigit() and separator in (",", "，"):  # a comma after a digit may group
        assert isinstance(value, Unparsed)  # its thousands: "≥80,≤100" is no sure reading
        return
    assert isinstance(value, Quantity), (text, value)
    assert (value.direction, value.number, value.upper) == (RANGE, Decimal(low), Decimal(high))
    assert (value.unit, value.scale, value.per) == (bound.unit, bound.scale, bound.per)
    assert parse_value(value.format()) == value


@settings(max_examples=150, deadline=None)
@given(
    decimals.filter(lambda number: number > 0),
    decimals,
    decimals,
    st.sampled_from(["%", "元", "人次"]),
    st.sampled_from(["", "万"]),
)
def test_completion_ratio_is_monotone(
    target_number: Decimal, first: Decimal, second: Decimal, unit: str, scale: str
) -> None:
    scale = scale if unit != "%" else ""
    target = Quantity(target_number, unit, GE, scale=scale)
    low, high = sorted([first, second])
    low_ratio = completion_ratio(Quantity(low, unit), target)
    high_ratio = completion_ratio(Quantity(high, unit), target)
    assert low_ratio <= high_ratio
    assert (low_ratio < high_ratio) == (low < high)


@pytest.mark.parametrize("text", ["3个月", "15个工作日内", "2周", "30分钟", "5日"])
def test_duration_kinds(text: str) -> None:
    value = parse_value(text)
    assert isinstance(value, Quantity)
    assert value.kind is Kind.DURATION


@pytest.mark.parametrize(
    "build",
    [
        lambda: Deadline(Span.QUARTER, part=5),
        lambda: Deadline(Span.MONTH, 2022, 13),
        lambda: Deadline(Span.YEAR, 2022, suffix="左右"),
        lambda: Frequency(0, Period.MONTH),
        lambda: Frequency(1, Period.MONTH, direction=Direction.RANGE),
    ],
)
def test_deadline_and_frequency_validation(build: Any) -> None:
    with pytest.raises(ValueError, match="must be"):
        build()


# --- kept readings -------------------------------------------------------------
# A short cell's reading is kept (tables print "100%" again and again); these
# tests hold a kept reading to a fresh one, the cell's text included.


def _same_reading(text: str) -> None:
    kept = parse_value(text)
    again = parse_value(text)
    fresh = _target_parse._parse(text)
    assert again is kept
    assert type(kept) is type(fresh)
    assert kept == fresh
    assert repr(kept) == repr(fresh)  # the text of the cell and of every part too
    assert kept.format() == fresh.format()


_TRICKY_CELLS = (
    "2021.7|2021.7内|2021.7以上|=2021.7|≥2021.7|全年2021.7|2021.13|2021.7万|2021.7%|2022年|2022年内"
    "|1年|3个月内|12月|12月内|3日|5万%|5亿元|5万分|5万小时|≤5个以上|≥5个以上|=5以上|5及以上|5以内|5之内"
    "|全年全年5|全年≥5|全年不低于90%|大于或等于5|>=5|<=5|≥=5|5.|.5|007|0|0.0%|5%%|5%个|%|≥|全年"
    "|1,000人|5 人| 5人|5人 |１００％|≧5|５|٣|٣%|5人次|5次人|5工单|5件工单|4次/年|5人/次|1/2"
    "|100%;100%|100%；100%|100%/90%|5或6|5个或6个|NA|n/a|N/A|无;无|涉密5人|#5|5分钟|5分钟内"
    "|15个工作日|15工作日内|2周|3天内|5天以上|24小时以内"
)
KEPT_CELLS = [*(text for text, _ in CASES), *SEED_CELLS, *_TRICKY_CELLS.split("|")]


@pytest.mark.parametrize("text", KEPT_CELLS)
def test_a_kept_reading_is_a_fresh_reading(text: str) -> None:
    _same_reading(text)


_OTHER_WORDS = (
    "全年 万 亿 0 1 2 5 12 2021 2022 . .5 , % ％ ; ； / 或 ~ - 至 月 年 号 第 四 季度 每 完成 工单 左右"
    " 涉密 不适用 无 # 满意 \u3000"
)
_WORDS = [
    *patterns.LEADS,
    *patterns.PREFIXES,
    *patterns.SUFFIXES,
    *patterns.UNITS,
    *patterns.DEADLINE_SUFFIXES,
    *_OTHER_WORDS.split(" "),
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=6).map("".join)
    | st.text(alphabet=DOMAIN, max_size=12)
)
def test_a_kept_reading_of_any_words_is_a_fresh_reading(text: str) -> None:
    _same_reading(text)


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(
        st.text(alphabet=DOMAIN, max_size=8),
        st.sampled_from([";", "；"]),
        st.text(alphabet=DOMAIN, max_size=8),
    ).map("".join)
)
def test_no_single_value_has_a_semicolon(text: str) -> None:
    # _parse_all goes straight to the parts of a cell with ";": no one value holds one.
    s = patterns.normalise(text)
    assert _target_parse._parse_any_of(s, text) is None


@given(st.lists(st.sampled_from([*patterns.PREFIXES, "5", "全", "%"]), max_size=4).map("".join))
def test_direction_word_is_the_first_listed_that_starts_the_text(text: str) -> None:
    first = next((word for word in patterns.PREFIXES if text.startswith(word)), None)
    match = patterns.PREFIX.match(text)
    assert (None if match is None else match.group()) == first


# ---------------------------------------------------------------- issue 13: never a guessed number


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("157,46", "decimal comma"),
        ("84,51%", "decimal comma"),
        ("≥157,46人", "decimal comma"),
        ("1.571,04", "decimal comma"),
        ("1,1", "groups of three"),
        ("1234,567人", "groups of three"),
        ("1_1", "'_'"),
        ("1e999", "exponent"),
        ("1e-999", "exponent"),
        ("≥1e999999万元", "exponent"),
        ("NaN", "NaN and infinity"),
        ("1" * 40, "more than 15 digits"),
        ("0." + "0" * 30 + "1%", "decimal places"),
    ],
)
def test_an_ambiguous_or_unbounded_number_is_unparsed_with_the_reason(
    text: str, reason: str
) -> None:
    start = time.perf_counter()
    value = parse_value(text)
    assert time.perf_counter() - start < 0.1
    assert isinstance(value, Unparsed)
    assert value.text == text
    assert reason in value.reason


def test_a_frequency_of_thousands_of_digits_is_no_int_conversion() -> None:
    value = parse_value("每月" + "1" * 5000 + "次")
    assert isinstance(value, Unparsed)
    assert "too long" in value.reason


@pytest.mark.parametrize("text", ["及时", "公平", "部分", "及时准确"])
def test_a_statement_printed_in_characters_units_use_is_a_statement(text: str) -> None:
    # 及时 ("timely") is 及 of 及以上 and 时 of 小时: a word, not a unit or a bound
    assert parse_value(text) == Qualitative(text)


@pytest.mark.parametrize("text", ["月度", "前", "或", "小时", "及以上", "每日", "年内"])
def test_units_bounds_and_periods_alone_are_no_statement(text: str) -> None:
    assert not isinstance(parse_value(text), Qualitative)


def test_words_alone_are_unparsed_without_a_number_reason() -> None:
    value = parse_value("5-10万")  # is the 5 also 万? unclear, but no number is refused
    assert isinstance(value, Unparsed)
    assert value.reason == ""


@pytest.mark.parametrize(
    "number", [Decimal("1e999999"), Decimal("1e-999"), Decimal(10**20), Decimal("sNaN")]
)
def test_a_quantity_built_directly_is_bounded(number: Decimal) -> None:
    with pytest.raises(InputError):
        Quantity(number)


def test_a_quantity_is_bounded_after_its_scale() -> None:
    assert Quantity(Decimal(10**6), scale="亿").value == Decimal(10**14)
    with pytest.raises(InputError, match="15 digits"):
        Quantity(Decimal(10**7), scale="亿")


# --- a short cell's value is kept; a long one's is not -----------------------------------


def test_a_cell_read_twice_is_read_alike_and_a_long_one_is_not_kept() -> None:
    _target_parse._parse_kept.cache_clear()
    first = parse_value("≥90%")
    assert parse_value("≥90%") == first
    assert _target_parse._parse_kept.cache_info().hits == 1
    long = "很长的说明" * 100
    assert parse_value(long) == parse_value(long)
    assert _target_parse._parse_kept.cache_info().currsize == 1


def test_a_per_mille_is_a_percent_tenfold() -> None:
    # "≤3‰" (rates of errors, complaints, accidents): its value and ratio in percent.
    permille = parse_value("≤3‰")
    assert isinstance(permille, Quantity)
    assert (permille.kind, permille.value, permille.ratio) == (
        Kind.PERCENT,
        Decimal("0.3"),
        Ratio.percent("0.3"),
    )
    assert permille.format() == "≤3‰"
    band = parse_value("1‰-3‰")
    assert isinstance(band, Quantity)
    assert (band.value, band.upper_value) == (Decimal("0.1"), Decimal("0.3"))
    assert isinstance(parse_value("5万‰"), Unparsed)  # a scale is no part of a rate


def test_every_canonical_per_is_read_as_written() -> None:
    """A per is written back as its canonical word, which must read as itself."""
    for word in set(patterns.PER_WORDS.values()):
        assert patterns.PER_WORDS[word] == word
        value = parse_value(f"≤5元/{word}")
        assert isinstance(value, Quantity)
        assert value.per == word


@settings(max_examples=200, deadline=None)
@given(
    st.lists(quantities() | deadlines() | frequencies, min_size=2, max_size=4), st.integers(0, 2)
)
def test_numbered_items_read_as_the_values_they_number(parts: list[Value], style: int) -> None:
    def mark(n: int) -> str:
        return (f"{n}.", f"（{n}）", chr(ord("①") + n - 1))[style]

    texts = [part.format() for part in parts]
    # "1.1月底前": item 1, or January the 1st? A digit after "1." makes no item.
    assume(style != 0 or not any(text[0].isdigit() for text in texts))
    numbered = "；".join(mark(n) + text for n, text in enumerate(texts, start=1))
    assert parse_value(numbered) == every(*parts)


@settings(max_examples=200, deadline=None)
@given(simple, st.sampled_from(["已完成", "含线上", "达标", "不含税"]))
def test_a_note_in_brackets_after_a_value_changes_nothing_of_it(value: Value, note: str) -> None:
    assert parse_value(f"{value.format()}（{note}）") == value
