"""jixiao.numbers: the one reader of printed numbers, its refusals and its bounds."""

from __future__ import annotations

import decimal
import re
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypedDict

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao.numbers as _numbers
from jixiao import quantities as _quantities
from jixiao._number_bounds import within_bounds
from jixiao.errors import InputError, JixiaoError, NumberError, Wording
from jixiao.numbers import (
    BLANKS,
    MAX_INTEGER_DIGITS,
    MAX_LENGTH,
    MAX_PLACES,
    NUMBER_TOKEN,
    NoNumber,
    PrintedNumber,
    Scale,
    check_decimal,
    no_number,
    parse_number,
    read_number,
)
from jixiao.project.model import printed_number as _printed_number
from jixiao.targets import Quantity as _Quantity
from jixiao.targets import Unparsed as _Unparsed
from jixiao.targets import parse_value as _parse_value


class Forms(TypedDict, total=False):
    """The forms a caller allows."""

    negative: bool
    percent: bool
    units: bool


ALL_FORMS: Forms = {"negative": True, "percent": True, "units": True}

_WIDE = Decimal(1).scaleb(60)
"""Only to compute the tests' own expectations exactly."""
_BIG = decimal.Context(prec=100)


def hostile_context() -> decimal.Context:
    """A caller's context that would break any computation leaning on it."""
    return decimal.Context(
        prec=3,
        rounding=decimal.ROUND_DOWN,
        Emax=5,
        Emin=-5,
        traps=[
            decimal.Inexact,
            decimal.Rounded,
            decimal.Overflow,
            decimal.Underflow,
            decimal.Subnormal,
            decimal.Clamped,
            decimal.InvalidOperation,
            decimal.DivisionByZero,
            decimal.FloatOperation,
        ],
    )


# ---------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    ("text", "number", "percent", "scale", "unit", "value"),
    [
        ("100", "100", False, Scale.ONE, "", "100"),
        ("95.3600", "95.3600", False, Scale.ONE, "", "95.3600"),
        ("0.8451", "0.8451", False, Scale.ONE, "", "0.8451"),
        ("007", "7", False, Scale.ONE, "", "7"),
        ("1,234,567.89", "1234567.89", False, Scale.ONE, "", "1234567.89"),
        ("1，171.04", "1171.04", False, Scale.ONE, "", "1171.04"),
        ("１２３．４５", "123.45", False, Scale.ONE, "", "123.45"),
        ("１，２３４", "1234", False, Scale.ONE, "", "1234"),
        ("\u3000 42 \t\n", "42", False, Scale.ONE, "", "42"),
        ("84.51%", "84.51", True, Scale.ONE, "", "84.51"),
        ("８４．５１％", "84.51", True, Scale.ONE, "", "84.51"),
        ("84.51 %", "84.51", True, Scale.ONE, "", "84.51"),
        ("84.51\u00a0%", "84.51", True, Scale.ONE, "", "84.51"),
        ("150%", "150", True, Scale.ONE, "", "150"),
        ("190.7万", "190.7", False, Scale.WAN, "", "1907000"),
        ("1.2亿元", "1.2", False, Scale.YI, "元", "120000000"),
        ("3657.80元", "3657.80", False, Scale.ONE, "元", "3657.80"),
        ("548.3 万元", "548.3", False, Scale.WAN, "元", "5483000"),
        ("¥1,234.56", "1234.56", False, Scale.ONE, "元", "1234.56"),  # a currency format
        ("￥ 548.30", "548.30", False, Scale.ONE, "元", "548.30"),
        ("¥-1,234.5", "-1234.5", False, Scale.ONE, "元", "-1234.5"),
        ("¥12.3万", "12.3", False, Scale.WAN, "元", "123000"),
        ("1,000万", "1000", False, Scale.WAN, "", "10000000"),
        ("-12.5", "-12.5", False, Scale.ONE, "", "-12.5"),
        ("+3", "3", False, Scale.ONE, "", "3"),
        ("－5", "-5", False, Scale.ONE, "", "-5"),
        ("−5%", "-5", True, Scale.ONE, "", "-5"),
        ("-1,234.5万元", "-1234.5", False, Scale.WAN, "元", "-12345000"),
        ("999,999,999,999,999", "999999999999999", False, Scale.ONE, "", "999999999999999"),
        ("9999999.99亿元", "9999999.99", False, Scale.YI, "元", "999999999000000"),
        ("0.0000000001", "0.0000000001", False, Scale.ONE, "", "0.0000000001"),
    ],
)
def test_reads_every_printed_form(
    text: str, number: str, percent: bool, scale: Scale, unit: str, value: str
) -> None:
    read = parse_number(text, **ALL_FORMS)
    assert read.number == Decimal(number)
    assert read.number.as_tuple().exponent == Decimal(number).as_tuple().exponent
    assert (read.percent, read.scale, read.unit, read.text) == (percent, scale, unit, text)
    assert read.value == Decimal(value)
    assert read.in_yuan == (Decimal(value) if unit else None)


def test_keeps_the_printed_places() -> None:
    assert parse_number("95.3600").places == 4
    assert parse_number("100").places == 0
    assert parse_number("1.2亿元", units=True).places == 1


def test_a_signed_zero_is_zero() -> None:
    read = parse_number("-0.00", negative=True)
    assert read.number == 0
    assert not read.number.is_signed()
    assert read.places == 2


def test_the_plain_form_needs_no_permission() -> None:
    assert parse_number("2,568.79").value == Decimal("2568.79")
    assert read_number("2,568.79") == parse_number("2,568.79")


# ---------------------------------------------------------------- no number


@pytest.mark.parametrize(
    "text", ["", "   ", "-", "--", "—", "——", "–", "/", "／", "无", "－", "\u3000—\u3000"]
)
def test_a_cell_printing_nothing_is_blank(text: str) -> None:
    assert read_number(text) is NoNumber.BLANK
    assert no_number(text) is NoNumber.BLANK
    with pytest.raises(NumberError, match="prints no number"):
        parse_number(text, field="weight")


@pytest.mark.parametrize(
    "text",
    ["#", "#####", "＃＃＃", "#VALUE!", "#div/0!", "#N/A", "#NAME?", "#REF!", "#NUM!", " #NULL! "],
)
def test_an_overflow_mark_or_error_value_is_unreadable(text: str) -> None:
    assert read_number(text) is NoNumber.UNREADABLE
    assert no_number(text) is NoNumber.UNREADABLE
    with pytest.raises(NumberError, match="unreadable"):
        parse_number(text)


@pytest.mark.parametrize(
    "text", ["5", "达成", "#abc", pytest.param("9" * 10_000, id="10,000 digits")]
)
def test_no_number_is_none_for_a_cell_that_prints_something(text: str) -> None:
    assert no_number(text) is None


def test_the_blanks_are_what_read_number_calls_blank() -> None:
    assert {text for text in BLANKS if read_number(text) is NoNumber.BLANK} == BLANKS


# ---------------------------------------------------------------- refused forms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the issue's silently wrong numbers
        ("157,46", "groups of three"),
        ("¥95%", "yuan sign"),  # an amount, or a rate?
        ("¥100元", "yuan sign"),
        ("¥¥100", "not a number as tables print"),
        ("84,51%", "groups of three"),
        ("1.571,04", "decimal comma"),
        ("1,1", "groups of three"),
        ("1_1", "'_' is not a thousands separator"),
        # the issue's crashes and hangs
        ("1e999999", "exponent"),
        ("1e999", "exponent"),
        ("1e-999", "exponent"),
        pytest.param("9" * 5_000, "too long", id="5,000 digits"),
        ("NaN", "NaN and infinity"),
        ("Infinity", "NaN and infinity"),
        # more of the same kinds
        ("1E-3", "exponent"),
        ("1,234.5e3", "exponent"),
        ("-inf", "NaN and infinity"),
        ("sNaN", "NaN and infinity"),
        ("1_000", "'_' is not a thousands separator"),
        ("0,5", "groups of three"),
        ("0,123", "groups of three"),
        ("1234,567", "groups of three"),
        ("1,23,456", "groups of three"),
        ("1,2345", "groups of three"),
        ("1,234,56", "groups of three"),
        ("1.234.567", "two decimal points"),
        ("1.2.3%", "two decimal points"),
        ("1,234.567,8", "decimal comma"),
        ("5.", "a digit on each side"),
        (".5", "a digit on each side"),
        ("1,234.", "a digit on each side"),
        ("9999999999999999", f"more than {MAX_INTEGER_DIGITS} digits"),
        ("1,000,000,000,000,000", f"more than {MAX_INTEGER_DIGITS} digits"),
        ("100000000000万", f"more than {MAX_INTEGER_DIGITS} digits"),
        ("10000000亿元", f"more than {MAX_INTEGER_DIGITS} digits"),
        ("0.00000000001", f"more than {MAX_PLACES} decimal places"),
        ("5万%", "as tables print them"),
        ("5%万", "as tables print them"),
        ("元5", "as tables print them"),
        ("5%%", "as tables print them"),
        ("--5", "as tables print them"),
        ("5-", "as tables print them"),
        ("1 234", "as tables print them"),
        ("5\x1f%", "as tables print them"),
        ("5\n元", "as tables print them"),
        ("%", "as tables print them"),
        ("万元", "as tables print them"),
        ("５ｘ", "'ｘ'"),
        ("(5)", "'('"),
        ("١٢٣", "'١'"),
        ("²", "'²'"),
        ("5\x00", r"'\x00'"),
        ("\ud800", r"'\ud800'"),
        ("1.5。", "'。'"),
    ],
)
def test_refuses_ambiguous_and_foreign_forms(text: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(text, **ALL_FORMS)
    assert message in str(caught.value)
    assert isinstance(caught.value, InputError)
    assert isinstance(caught.value, JixiaoError)
    assert len(str(caught.value)) < 400
    str(caught.value).encode("utf-8")  # lone surrogates are escaped


@pytest.mark.parametrize(
    ("text", "allowed", "message"),
    [
        ("-5", {}, "sign"),
        ("+5", {}, "sign"),
        ("－5", {"percent": True, "units": True}, "sign"),
        ("5%", {}, "percentage"),
        ("5%", {"negative": True, "units": True}, "percentage"),
        ("5万", {}, "scale or money unit"),
        ("5元", {"negative": True, "percent": True}, "scale or money unit"),
        ("5亿元", {}, "scale or money unit"),
        ("¥5", {"negative": True, "percent": True}, "scale or money unit"),
    ],
)
def test_refuses_what_the_caller_does_not_allow(text: str, allowed: Forms, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_number(text, **allowed)
    assert isinstance(parse_number(text, **ALL_FORMS), PrintedNumber)


def test_an_error_names_the_text_and_where_it_is() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("157,46", field="funds.total.executed", row="年度资金总额", source="a.txt")
    error = caught.value
    assert (error.field, error.row, error.source, error.value) == (
        "funds.total.executed",
        "年度资金总额",
        "a.txt",
        "157,46",
    )
    assert str(error).startswith("a.txt, row 年度资金总额, field funds.total.executed: ")
    assert str(error).endswith("(got '157,46')")


@pytest.mark.parametrize(
    "given_value",
    [5, None, Decimal("1"), b"5", 0.5, pytest.param(10**5000, id="10**5000"), ["5"]],
)
def test_refuses_what_is_not_text(given_value: Any) -> None:
    with pytest.raises(NumberError, match="expected the text of a number") as caught:
        read_number(given_value, field="spent")
    assert "spent" in str(caught.value)
    with pytest.raises(NumberError):
        no_number(given_value)


# ---------------------------------------------------------------- bounds and time


def test_the_bounds_are_exactly_where_documented() -> None:
    widest = "9" * MAX_INTEGER_DIGITS + "." + "9" * MAX_PLACES
    assert len(widest) <= MAX_LENGTH
    assert parse_number(widest).number == Decimal(widest)
    with pytest.raises(NumberError, match="digits"):
        parse_number("1" + widest)
    with pytest.raises(NumberError, match="places"):
        parse_number(widest + "9")
    assert parse_number("9" * (MAX_INTEGER_DIGITS - 8) + "亿", units=True).value == Decimal(
        "9" * (MAX_INTEGER_DIGITS - 8) + "0" * 8
    )
    padded = "0" * (MAX_LENGTH - 1) + "1"  # leading zeros are no magnitude
    assert parse_number(padded).value == 1
    with pytest.raises(NumberError, match="too long"):
        parse_number("0" + padded)


@pytest.mark.parametrize("piece", ["9", "1,", "0.", "e9", " 5 ", "_"])
def test_ten_megabytes_are_refused_at_once(piece: str) -> None:
    text = piece * (10_000_000 // len(piece))
    start = time.perf_counter()
    with pytest.raises(NumberError) as caught:
        read_number(text)
    assert time.perf_counter() - start < 1.0
    assert len(str(caught.value)) < 300
    assert "characters" in str(caught.value)


def test_blanks_around_a_number_cost_only_their_stripping() -> None:
    text = " " * 5_000_000 + "5" + "\u3000" * 5_000_000
    start = time.perf_counter()
    read = parse_number(text)
    assert time.perf_counter() - start < 1.0
    assert read.value == 5
    assert len(repr(read)) < 300


def test_the_callers_decimal_context_neither_matters_nor_changes() -> None:
    with decimal.localcontext(hostile_context()) as context:
        read = parse_number("123,456,789.0123万元", units=True)
        value, in_yuan = read.value, read.in_yuan
        assert not any(context.flags.values())
        assert decimal.getcontext().prec == 3
    assert value == in_yuan == Decimal("1234567890123.0000")
    assert str(value) == "1234567890123.0000"


# ---------------------------------------------------------------- check_decimal


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [
        (Decimal("548.30"), Decimal("548.30")),
        (7, Decimal(7)),
        (10**MAX_INTEGER_DIGITS - 1, Decimal(10**MAX_INTEGER_DIGITS - 1)),
        (Decimal("1E+5"), Decimal(100_000)),
        (Decimal("0.0000000001"), Decimal("0.0000000001")),
    ],
)
def test_check_decimal_accepts_values_within_the_bounds(
    given_value: Decimal | int, expected: Decimal
) -> None:
    result = check_decimal(given_value)
    assert isinstance(result, Decimal)
    assert result == expected


def test_check_decimal_makes_a_signed_zero_zero_and_allows_negatives_on_request() -> None:
    assert not check_decimal(Decimal("-0.0")).is_signed()
    assert check_decimal(Decimal("-3"), negative=True) == -3
    with pytest.raises(NumberError, match="must not be negative"):
        check_decimal(-3, field="spent")


@pytest.mark.parametrize(
    ("given_value", "message"),
    [
        pytest.param(10**5000, "at least 5,000 digits", id="10**5000"),
        pytest.param(-(10**5000), "at least 5,000 digits", id="-10**5000"),
        (10**MAX_INTEGER_DIGITS, "digits"),
        (Decimal("1e999"), "digits"),
        (Decimal("1e-999"), "places"),
        (Decimal("0E-11"), "places"),
        (Decimal("NaN"), "NaN and infinity"),
        (Decimal("sNaN"), "NaN and infinity"),
        (Decimal("-Infinity"), "NaN and infinity"),
        (True, "expected a Decimal or int"),
        (0.5, "expected a Decimal or int"),
        ("5", "expected a Decimal or int"),
        (None, "expected a Decimal or int"),
    ],
)
def test_check_decimal_refuses_values_beyond_the_bounds(given_value: Any, message: str) -> None:
    with pytest.raises(NumberError, match=message) as caught:
        check_decimal(given_value, negative=True, field="spent")
    assert "spent" in str(caught.value)
    assert len(str(caught.value)) < 300


def test_check_decimal_refuses_a_huge_coefficient_quickly() -> None:
    huge = Decimal("0." + "1" * 1_000_000)
    start = time.perf_counter()
    with pytest.raises(NumberError, match="places") as caught:
        check_decimal(huge)
    assert time.perf_counter() - start < 1.0
    assert len(str(caught.value)) < 300


_ANY_DECIMAL = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [Decimal(s) for s in ("NaN", "-NaN", "sNaN", "-sNaN", "Infinity", "-Infinity", "-0")]
    ),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=60),
        st.one_of(st.integers(-60, 30), st.integers(-(10**12), 10**12)),
    ),
)
"""Any Decimal: NaN, signalling NaN, infinities, signed zeros, long
coefficients, exponents near and far beyond the bounds."""


def _accepted(value: Decimal, negative: bool, places: int) -> bool:
    """Whether check_decimal accepts *value*, as its bounds are defined: finite,
    fewer than MAX_INTEGER_DIGITS digits before the point (a zero has none),
    at most *places* places, not below zero unless *negative*."""
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    digits_ok = value.is_zero() or value.adjusted() < MAX_INTEGER_DIGITS
    below_zero = value.is_signed() and not value.is_zero()
    return digits_ok and max(0, -exponent) <= places and (negative or not below_zero)


_EDGES = [
    Decimal(f"{sign}{text}")
    for sign in ("", "-")
    for text in (
        "1E+15",
        "999999999999999",
        "999999999999999.9999999999",
        "1E-10",
        "1E-11",
        "1.00000000000",
        "0E-11",
        "0E+20",
        "1E-40",
        "1E-41",
    )
]
"""Values on either side of a bound (the greatest integer part, the most places)."""


def _checks_as_defined(value: Decimal, negative: bool, places: int) -> None:
    """check_decimal returns *value* (a zero without its sign) when its bounds
    accept it (:func:`_accepted`), and refuses it otherwise."""
    if _accepted(value, negative, places):
        checked = check_decimal(value, negative=negative, places=places)
        assert str(checked) == str(value.copy_abs() if value.is_zero() else value)
    else:
        with pytest.raises(NumberError):
            check_decimal(value, negative=negative, places=places)


@given(_ANY_DECIMAL, st.booleans(), st.sampled_from([0, 2, MAX_PLACES, 40]))
def test_check_decimal_accepts_exactly_the_values_within_its_bounds(
    value: Decimal, negative: bool, places: int
) -> None:
    _checks_as_defined(value, negative, places)


@given(_ANY_DECIMAL, st.sampled_from([0, 2, MAX_PLACES, 40]))
def test_within_bounds_is_the_bounds_check_in_one_quantize(value: Decimal, places: int) -> None:
    if not value.is_zero() or not value.is_finite():
        assert within_bounds(value, places) == _accepted(value, True, places)


@pytest.mark.parametrize("value", _EDGES)
@pytest.mark.parametrize("places", [MAX_PLACES, 40])
@pytest.mark.parametrize("negative", [False, True])
def test_check_decimal_at_its_bounds(value: Decimal, places: int, negative: bool) -> None:
    _checks_as_defined(value, negative, places)
    assert within_bounds(value, places) == _accepted(value, True, places) or value.is_zero()


# ---------------------------------------------------------------- the result class


def test_a_printed_number_built_in_code_is_checked() -> None:
    assert PrintedNumber(Decimal("1.5"), scale=Scale.WAN, unit="元").in_yuan == Decimal("15000.0")
    with pytest.raises(NumberError, match="finite Decimal"):
        PrintedNumber(Decimal("NaN"))
    with pytest.raises(NumberError, match="finite Decimal"):
        PrintedNumber(10**5000)  # type: ignore[arg-type]
    with pytest.raises(NumberError, match="digits"):
        PrintedNumber(Decimal("1E+7"), scale=Scale.YI)
    with pytest.raises(NumberError, match="'元'"):
        PrintedNumber(Decimal(1), unit="美元")
    with pytest.raises(NumberError, match="no scale or unit"):
        PrintedNumber(Decimal(1), percent=True, unit="元")
    with pytest.raises(NumberError, match="no scale or unit"):
        PrintedNumber(Decimal(1), percent=True, scale=Scale.WAN)


def test_scales_multiply_by_their_power_of_ten() -> None:
    assert [(s.value, s.exponent, s.factor) for s in Scale] == [
        ("", 0, Decimal(1)),
        ("万", 4, Decimal(10_000)),
        ("亿", 8, Decimal(100_000_000)),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [("157,46", "157,46"), ("≥1,000万元以上", "1,000"), ("1.571,04", "1.571,04"), ("达成", None)],
)
def test_the_number_token_finds_the_whole_candidate(text: str, found: str | None) -> None:
    match = re.search(NUMBER_TOKEN, text)
    assert (match.group() if match else None) == found


# ---------------------------------------------------------------- generated


_FULL_WIDTH = str.maketrans("0123456789.,%+-", "０１２３４５６７８９．，％＋－")


@st.composite
def printed(draw: st.DrawFn) -> tuple[str, Decimal, bool, Scale, str]:
    """A number within the bounds, printed in one of the accepted forms:
    (text, number as printed, percent, scale, unit)."""
    scale = draw(st.sampled_from(Scale))
    places = draw(st.integers(0, MAX_PLACES))
    digits = MAX_INTEGER_DIGITS - scale.exponent + places
    coefficient = draw(st.integers(0, 10**digits - 1))
    negative = coefficient > 0 and draw(st.booleans())
    number = Decimal(f"{'-' if negative else ''}{coefficient}E-{places}")
    body = format(abs(number), ",f" if draw(st.booleans()) else "f")
    sign = draw(st.sampled_from(["-", "－", "−"])) if negative else draw(st.sampled_from(["", "+"]))
    percent = scale is Scale.ONE and draw(st.booleans())
    unit = "" if percent else draw(st.sampled_from(["", "元"]))
    suffix = "%" if percent else scale.value + unit
    text = sign + body + draw(st.sampled_from(["", " ", "\u3000"])) * bool(suffix) + suffix
    width = draw(st.sampled_from(["ascii", "full", "mixed"]))
    if width == "full":
        text = text.translate(_FULL_WIDTH)
    elif width == "mixed":
        text = "".join(c.translate(_FULL_WIDTH) if i % 2 else c for i, c in enumerate(text))
    pad = st.sampled_from(["", " ", "\u3000", "\t", "\n "])
    return draw(pad) + text + draw(pad), number, percent, scale, unit


@given(printed())
def test_every_accepted_form_reads_back_exactly(
    case: tuple[str, Decimal, bool, Scale, str],
) -> None:
    text, number, percent, scale, unit = case
    with decimal.localcontext(hostile_context()) as context:
        read = parse_number(text, **ALL_FORMS)
        value = read.value
        assert not any(context.flags.values())
    assert read.number == number
    assert read.places == -number.as_tuple().exponent  # type: ignore[operator]
    assert (read.percent, read.scale, read.unit, read.text) == (percent, scale, unit, text)
    assert read == PrintedNumber(number, percent=percent, scale=scale, unit=unit, text=text)
    assert value == number.scaleb(scale.exponent, context=_BIG)
    assert abs(value) < 10**MAX_INTEGER_DIGITS


_PIECES = [
    *"019+-－−,，.．_%％万亿元#eE ",
    "99999999999999999999",
    "e999999",
    "e-999",
    "1,234",
    "nan",
    "NaN",
    "inf",
    "Infinity",
    "#DIV/0!",
    "#####",
    "１",
    "\u3000",
    "\t",
    "\x00",
    "\x1f",
    "\x7f",
    "\ud800",
    "\udfff",
    "\U0001f600",
    "—",
    "/",
    "无",
    "١",
    "²",
    "½",
]
hostile_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40).map("".join),
    st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["9", "1,", "0.", "e9", "9e", "1_", " ", "5 "]),
        st.integers(0, 100_000),
    ),
)


@given(hostile_text, st.booleans(), st.booleans(), st.booleans())
def test_any_text_is_read_or_refused_with_the_librarys_error_at_once(
    text: str, negative: bool, percent: bool, units: bool
) -> None:
    start = time.perf_counter()
    try:
        with decimal.localcontext(hostile_context()):
            read = read_number(text, negative=negative, percent=percent, units=units)
    except NumberError as error:
        message = str(error)
        message.encode("utf-8")
        assert len(message) < 400
    else:
        if isinstance(read, PrintedNumber):
            assert abs(read.value) < 10**MAX_INTEGER_DIGITS
            assert read.places <= MAX_PLACES
            assert read.value == read.number.scaleb(read.scale.exponent, context=_BIG)
            assert negative or not read.number.is_signed()
            assert percent or not read.percent
            assert units or (read.scale is Scale.ONE and not read.unit)
        else:
            assert read is no_number(text)
    assert time.perf_counter() - start < 0.5


# ---------------------------------------------------------------- every entry point, one reading
# (issue 13: the one parser is the path every number goes through)

_NUMBERISH = st.text(alphabet="0123456789０１,，._eE+-%％ 万亿元aNn#一", max_size=14)


def _entry_points(text: str) -> dict[str, object]:
    """What each reader of text makes of *text*: a Decimal (the plain number),
    or the type of the JixiaoError it raised (any other exception escapes)."""
    results: dict[str, object] = {}
    readers: dict[str, Callable[[str], Decimal]] = {
        "parse_number": lambda t: parse_number(t).number,
        "to_decimal": lambda t: _quantities.to_decimal(t),
        "Ratio.fraction": lambda t: _quantities.Ratio.fraction(t).value,
        "Amount.yuan": lambda t: _quantities.Amount.yuan(t).value,
    }
    for name, reader in readers.items():
        try:
            results[name] = reader(text)
        except JixiaoError:
            results[name] = JixiaoError
    return results


@given(_NUMBERISH)
def test_every_entry_point_reads_a_text_alike_or_refuses_it_alike(text: str) -> None:
    results = _entry_points(text)
    assert len({repr(value) for value in results.values()}) == 1, results
    number = results["parse_number"]
    printed = _printed_number(text)
    if isinstance(number, Decimal):
        assert printed == number
        cell = _parse_value(text)
        if isinstance(cell, _Quantity) and not cell.scale and cell.unit == "":
            assert cell.number == number
    elif read_number_or_none(text) is None:
        assert printed is None


def read_number_or_none(text: str) -> Decimal | None:
    """read_number with every form allowed, as printed_number reads a cell."""
    try:
        read = read_number(text, negative=True, percent=True)
    except NumberError:
        return None
    return read.number if isinstance(read, PrintedNumber) else None


@given(_NUMBERISH)
def test_a_percentage_reads_alike_everywhere(text: str) -> None:
    percent = text + "%"
    try:
        expected = parse_number(percent, percent=True).number / 100
    except JixiaoError:
        expected = None
    for reader in (_quantities.Ratio.parse, lambda t: _quantities.as_ratio(t, "rate")):
        try:
            got = reader(percent).value
        except JixiaoError:
            got = None
        assert got == expected


@pytest.mark.parametrize(
    "text", ["157,46", "84,51%", "1.571,04", "1,1", "1_1", "1e999", "1e-999", "1e999999", "NaN"]
)
def test_the_issue_cases_are_refused_or_unparsed_everywhere(text: str) -> None:
    with pytest.raises(NumberError):
        _quantities.to_decimal(text)
    if text.endswith("%"):
        with pytest.raises(NumberError):
            _quantities.Ratio.parse(text)
    assert _printed_number(text) is None
    assert isinstance(_parse_value(text), _Unparsed)


# --- a short text's reading is kept; what it reads as depends on the text and the flags alone --


@given(
    st.sampled_from(["7.00", "-3", "84.51%", "190.7万", "1.2亿元", "—", "#####", "157,46", "x"]),
    st.permutations([(False, False, False), (True, True, True), (True, False, False)]),
)
def test_a_kept_reading_is_the_reading_whatever_was_read_before(
    text: str, order: list[tuple[bool, bool, bool]]
) -> None:
    """The same text with other permissions (a sign, a percent, units) is read
    again, not answered from what another call kept."""
    _numbers._read_kept.cache_clear()
    expected = {flags: _numbers._read(text, *flags) for flags in order}
    for flags in order:
        negative, percent, units = flags
        try:
            got: object = read_number(text, negative=negative, percent=percent, units=units)
        except NumberError as error:
            got = Wording(error.message, error.message_zh)
        assert got == expected[flags], (text, flags)


def test_a_long_text_is_not_kept() -> None:
    _numbers._read_kept.cache_clear()
    with pytest.raises(NumberError):
        read_number("1" * 10_000)
    assert _numbers._read_kept.cache_info().currsize == 0
    read_number("12.50")
    assert _numbers._read_kept.cache_info().currsize == 1
