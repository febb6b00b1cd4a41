"""Numbers written in Chinese numerals in target and actual cells
(:mod:`jixiao._target_numerals`): read exactly as digits would be, the
forms read two ways refused, and words that hold a numeral left as words."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao._target_numerals import arabic, chinese_number
from jixiao.project import Level2Kind, Method, default_template, score_row
from jixiao.project.model import Row
from jixiao.targets import Frequency, Qualitative, Quantity, Unparsed, parse_value

from .layouts.words import numerals

_DIGITS = "零一二三四五六七八九"


@given(st.integers(1, 9999))
def test_every_number_below_ten_thousand_reads_back(n: int) -> None:
    assert chinese_number(numerals(n)) == n


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("零", 0), ("两", 2), ("十", 10), ("十二", 12), ("一十", 10), ("二十", 20),
        ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("一千零五", 1005),
        ("一千零五十", 1050), ("一千两百", 1200), ("九千九百九十九", 9999),
    ],
)  # fmt: skip
def test_written_forms(text: str, number: int) -> None:
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "", "百", "千", "十十", "十百", "一二",  # no number; one or two (or twelve)?
        "一百五", "三千二",  # spoken short forms: 150 or 105? 3200 or 3002?
        "两十", "二十两",  # 两 is no tens or ones digit
        "一百零", "零五", "零零", "二十零五", "一千零五百", "一千五十",  # 零 out of place
        "三百两", "一万",  # 万 is a scale word, read after the number
    ],
)  # fmt: skip
def test_forms_read_two_ways_or_none_are_refused(text: str) -> None:
    assert chinese_number(text) is None


_UNITS = ["次", "人次", "个", "场", "个工作日", "天", "小时", "个月", "年", "台", "万元", "万人次"]
_UNITS += ["个百分点"]  # a unit holding a numeral, 百
_SIGNS = [("", ""), ("≥", ""), ("不少于", ""), ("", "以上"), ("≤", ""), ("", "以内"), ("", "内")]


def _digits_alike(words: str, digits: str) -> None:
    """*words* reads as *digits* does, apart from the text kept."""
    value, expected = parse_value(words), parse_value(digits)
    assert not isinstance(expected, Unparsed | Qualitative), digits
    assert attrs.evolve(value, text=digits) == expected, words
    assert value.text == words


@given(st.integers(1, 9999), st.sampled_from(_UNITS), st.sampled_from(_SIGNS))
def test_a_count_in_numerals_reads_as_in_digits(n: int, unit: str, sign: tuple[str, str]) -> None:
    before, after = sign
    _digits_alike(f"{before}{numerals(n)}{unit}{after}", f"{before}{n}{unit}{after}")


@given(st.integers(1, 100), st.sampled_from(_SIGNS[:4]), st.integers(0, 9) | st.none())
def test_a_rate_in_words_reads_as_a_percentage(
    n: int, sign: tuple[str, str], tenth: int | None
) -> None:
    before, after = sign
    spoken = "百" if n == 100 else numerals(n)
    decimals = ("", "") if tenth is None else (f"点{_DIGITS[tenth]}", f".{tenth}")
    _digits_alike(
        f"{before}百分之{spoken}{decimals[0]}{after}", f"{before}{n}{decimals[1]}%{after}"
    )


@given(st.integers(1, 10), st.sampled_from(_SIGNS[:4]))
def test_tenths_read_as_a_percentage(n: int, sign: tuple[str, str]) -> None:
    before, after = sign  # 九成以上: nine tenths or more
    _digits_alike(f"{before}{numerals(n)}成{after}", f"{before}{n * 10}%{after}")


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("每年两次", "每年2次"),
        ("每季度不少于一次", "每季度不少于1次"),
        ("两次/年", "2次/年"),
        ("十二次/年", "12次/年"),
        ("≥百分之95", "≥95%"),
        ("合格率百分之百", "合格率100%"),
        ("一点五万元", "1.5万元"),
        ("五千米", "5千米"),  # the unit's 千 (5 千米 = 5,000 米)
        ("两千瓦时", "2千瓦时"),
        ("零起", "0起"),
        ("≤千分之五", "≤5‰"),
        ("十二月底前", "12月底前"),
        ("2023年十二月三十一日前", "2023年12月31日前"),
        ("千分之三点五", "3.5‰"),
        ("满意度达九成以上", "满意度达90%以上"),
        ("十成", "100%"),
        ("偏差率两个百分点以内", "偏差率2个百分点以内"),  # the 百 of the unit is no numeral
    ],
)
def test_frequencies_rates_units_and_dates(words: str, digits: str) -> None:
    _digits_alike(words, digits)
    if words.startswith("每"):
        assert isinstance(parse_value(words), Frequency)


@pytest.mark.parametrize(
    "text",
    ["统一标准", "三公经费", "一次性", "五个一", "十分满意", "进一步提升", "一站式服务",
     "一百五人", "一二次", "第三次", "三次以上或两次"],
)  # fmt: skip
def test_words_that_hold_a_numeral_stay_words(text: str) -> None:
    value = parse_value(text)
    assert not isinstance(value, Quantity | Frequency), value
    assert value.text == text


@pytest.mark.parametrize(
    "text",
    [
        "一百五元",
        "一百五人",
        "九成五",
        "八点五成",
        "十一成",
        "三千二百五万元",
        "三月完成",
        "一月一次",
        "千余人",  # about: not a number to score
        "二十余人",
        "十多个",
        "万余人次",
    ],
)
def test_a_number_in_words_not_read_is_unparsed_never_a_statement(text: str) -> None:
    # A statement is judged by tiers: a number taken for one would be scored as words.
    assert isinstance(parse_value(text), Unparsed)


@pytest.mark.parametrize("text", ["十分满意", "完成", "万无一失", "统一标准"])
def test_statements_with_a_numeral_in_a_word_stay_statements(text: str) -> None:
    assert parse_value(text) == Qualitative(text)


def test_a_month_alone_stays_unparsed_as_in_digits() -> None:
    # "三月" as "3月": March, or three months?
    assert parse_value("三月") == Unparsed("三月")
    assert isinstance(parse_value("3月"), Unparsed)


def test_nothing_to_write_is_none() -> None:
    assert arabic("≥95%") is None
    assert arabic("统一") is None
    assert arabic("一百五人") is None


def test_a_row_printed_in_numerals_is_scored_from_its_values() -> None:
    # Before, such a row kept the evaluator's points (its target unread).
    rules = default_template()
    words = score_row(
        Row("培训次数", "不少于四次", "三次", "10", "10", ""), Level2Kind.QUANTITY, rules
    )
    digits = score_row(
        Row("培训次数", "不少于4次", "3次", "10", "10", ""), Level2Kind.QUANTITY, rules
    )
    assert words.method is digits.method is Method.HIGHER
    assert words.rule_score is not None
    assert digits.rule_score is not None
    assert words.rule_score.points == digits.rule_score.points == 7.5
    frequency = score_row(
        Row("巡查", "每季度一次", "每季度一次", "5", "5", ""), Level2Kind.TIMELINESS, rules
    )
    assert isinstance(parse_value("每季度一次"), Frequency)
    assert (
        frequency.method
        is score_row(
            Row("巡查", "每季度1次", "每季度1次", "5", "5", ""), Level2Kind.TIMELINESS, rules
        ).method
    )
