"""jixiao.rules.extra: the generic measure functions, on what they refuse.

What they score is checked through the worked examples of every framework
that uses them (``test_registry.py``); here, the inputs they turn away, each
by name.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import jixiao
from jixiao import Amount, Ratio
from jixiao.errors import InputError, RuleError
from jixiao.rules import (
    amount_change,
    amount_share,
    amount_within,
    checklist,
    item_count,
    judged,
    working_days_late,
)

YUEYANG = jixiao.framework("yueyang-2019")
DAYING = jixiao.framework("suining-daying-2020")


def test_amount_change_takes_amounts_or_a_ready_change() -> None:
    indicator = YUEYANG.indicator("three_public_change")
    assert amount_change(change="-5%", indicator=indicator).points == Decimal("5.00")
    score = amount_change(Amount.wan("1.05"), Amount.yuan("10000"), indicator=indicator)
    assert score.points == Decimal("2.50")
    with pytest.raises(InputError, match="not both") as caught:
        amount_change("1", "1", change="1%", indicator=indicator)
    assert caught.value.row == "“三公经费”变动率"
    with pytest.raises(InputError, match="both current and previous"):
        amount_change(current="1", indicator=indicator)
    with pytest.raises(InputError, match="zero"):
        amount_change("1", "0", indicator=indicator)
    with pytest.raises(InputError, match="say what it is"):
        amount_change(change="5", indicator=indicator)


def test_amount_share_takes_amounts_or_a_ready_rate() -> None:
    indicator = YUEYANG.indicator("three_public_control")
    assert amount_share(rate=Ratio.percent(101), indicator=indicator).points == Decimal("5.00")
    with pytest.raises(InputError, match="not both"):
        amount_share("1", "2", "50%", indicator=indicator)
    with pytest.raises(InputError, match="float"):
        amount_share(0.5, "2", indicator=indicator)  # type: ignore[arg-type]


def test_amount_within_compares_like_with_like() -> None:
    indicator = YUEYANG.indicator("balance")
    assert amount_within(Amount.wan("1"), Amount.yuan("10000"), indicator=indicator).points == 2
    assert amount_within(Amount.wan("0"), Amount.yuan("0"), indicator=indicator).points == 3
    with pytest.raises(InputError, match="with their unit"):
        amount_within(Amount.wan("1"), "1", indicator=indicator)
    with pytest.raises(InputError, match="negative"):
        amount_within(Amount.wan("-1"), Amount.wan("1"), indicator=indicator)
    with pytest.raises(InputError, match="negative"):
        amount_within("-1", "1", indicator=indicator)


def test_counts_are_whole_and_not_negative() -> None:
    payment = YUEYANG.indicator("payment_progress")
    late = DAYING.indicator("basic_data_update")
    for bad in (-1, 1.5, "x", True):
        with pytest.raises(InputError):
            item_count(bad, indicator=payment)  # type: ignore[arg-type]
        with pytest.raises(InputError):
            working_days_late(bad, indicator=late)  # type: ignore[arg-type]


def test_verdicts_stay_within_their_points() -> None:
    setting = DAYING.indicator("target_setting")
    assert checklist(True, indicator=setting).points == Decimal("10.00")
    with pytest.raises(RuleError, match="maximum"):
        checklist([True, "6"], indicator=setting)
    with pytest.raises(InputError, match="2 verdicts"):
        checklist([True], indicator=setting)
    rest = DAYING.indicator("remaining_rest")
    assert judged(True, indicator=rest).points == Decimal("20.00")
    assert judged(False, indicator=rest).points == Decimal("0.00")
    with pytest.raises(RuleError, match="maximum"):
        judged("20.01", indicator=rest)


def test_the_generic_functions_have_no_default_indicator() -> None:
    with pytest.raises(TypeError):
        judged("1")  # type: ignore[call-arg]
