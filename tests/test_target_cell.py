"""Tests of jixiao._target_cell: what a target or actual cell prints around its values."""

from __future__ import annotations

import pytest

from jixiao._target_cell import pieces, reported, unmarked, unnoted


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1.≥3次;2.≥50人", "≥3次;≥50人"),
        ("1、≥3次;2、≥50人;3、满意", "≥3次;≥50人;满意"),
        ("(1)≥3次(2)≥50人", "≥3次;≥50人"),
        ("①≥3次②≥50人", "≥3次;≥50人"),
        ("1)≥3次;2)≥50人", "≥3次;≥50人"),
        ("1.≥3次", None),  # one item
        ("2.≥3次;1.≥50人", None),  # not from 1, in order
        ("1.≥3次;3.≥50人", None),
        ("1.≥3次;2.", None),  # an item of nothing
        ("1.5万元;2.5万元", None),  # points of numbers
        ("1.1月底前;2.≥5人", None),  # item 1, or January the 1st?
        ("2023.12.31前", None),
        ("≥3次;①≥50人", None),  # does not start with item 1
        ("①≥3次(2)≥50人", None),  # one marker of each style
    ],
)
def test_unmarked(text: str, items: str | None) -> None:
    assert unmarked(text) == items


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("523人(含线上)", "523人"),
        ("100%(已完成)", "100%"),
        ("500元(不含税)", "500元"),
        ("95%(以上)", None),  # bounds the value
        ("500(万元)", None),  # scales it
        ("500元(人均)", None),  # divides it
        ("≥95%(含)", None),  # says the number is included
        ("≥95%(含本数)", None),
        ("90%以上(含90%)", None),  # a number in it
        ("(已完成)", None),  # no value before it
        ("100%(已完成)。", None),  # not at the end
        ("100%(三次)", None),  # a number in words
    ],
)
def test_unnoted(text: str, value: str | None) -> None:
    assert unnoted(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年突破21万", "突破21万"),
        ("完成100%", "100%"),
        ("已完成523人", "523人"),
        ("实际完成≥3次", "≥3次"),
        ("累计完成12次", "12次"),
        ("100%完成", "100%"),
        ("全年完成100%", "100%"),
        ("100%", "100%"),
        ("100%覆盖", "100%"),
        ("95%以上达标", "95%以上"),
        ("≥98%合格", "≥98%"),
        ("5人达标", "5人达标"),  # not after a rate: the words stay
    ],
)
def test_reported(text: str, value: str) -> None:
    assert reported(text) == value


def test_pieces() -> None:
    assert pieces("≥3次;≥50人", "≥3次；≥50人") == (["≥3次", "≥50人"], False, False)
    assert pieces("≥3次≥50人", "≥3次\n≥50人") == (["≥3次", "≥50人"], True, False)
    assert pieces("≥3次、≥50人", "≥3次、≥50人") == (["≥3次", "≥50人"], True, False)
    assert pieces("≥95%。", "≥95%。") == (["≥95%"], False, False)
    assert pieces("1,500人", "1,500人") == (["1,500人"], False, False)  # a comma after a digit
    assert pieces("≤500元/人", "≤500元/人") == (["≤500元/人"], False, False)  # "/": the parser's
    assert pieces("1.≥3次;2.≥50人", "1.≥3次；2.≥50人") == (["≥3次", "≥50人"], False, True)
    assert pieces("①≥3次②≥50人", "①≥3次②≥50人") == (["≥3次", "≥50人"], False, True)
