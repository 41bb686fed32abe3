"""The one way numbers are written: every function, edge cases, English and Chinese."""

from __future__ import annotations

import math

import pytest

from analytics import formatting as f

NAN, INF = math.nan, math.inf
EDGES = [0.0, -0.0, 1e-310, 4.5e-7, 3.73e-05, 0.5, -1234.5, 43030.0, 1.637e6, 1e20, -1e20]


@pytest.mark.parametrize(
    "form",
    [
        f.plain,
        f.count,
        f.amount,
        f.percent,
        f.ratio,
        f.p_value,
        lambda v: f.amount(v, "CNY"),
    ],
)
@pytest.mark.parametrize("value", EDGES)
def test_no_exponent_and_no_nan_for_any_value(form, value):
    text = form(value)
    assert "e-" not in text and "e+" not in text and "nan" not in text.lower()
    assert "None" not in text
    assert len(text) < 40


@pytest.mark.parametrize(
    "form", [f.plain, f.count, f.amount, f.percent, f.ratio, f.p_value, f.points]
)
def test_missing_values_read_as_a_dash(form):
    assert form(NAN) == f.MISSING
    assert form(None) == f.MISSING


def test_infinite_values_read_as_infinity():
    assert f.plain(INF) == "∞"
    assert f.plain(-INF) == "-∞"
    assert f.amount(INF, "CNY") == "∞"
    assert f.percent(INF, signed=True) == "+∞%"
    assert f.ratio(-INF) == "-∞"
    assert f.count(INF) == "∞"


def test_plain_keeps_significant_digits_without_exponent():
    assert f.plain(43030.0) == "43,030"
    assert f.plain(4.5e-7) == "0.00000045"
    assert f.plain(3.73e-05, signed=True) == "+0.0000373"
    assert f.plain(-2.345) == "-2.35"  # round half to even on the binary value
    assert f.plain(0) == "0"
    assert f.plain(7.5e-310) == "≈ 0"
    assert f.plain(1e20) == "100,000,000,000,000,000,000"


def test_amount_separators_decimals_and_currency():
    assert f.amount(1637000) == "1,637,000"
    assert f.amount(1637000, "CNY") == "¥1,637,000"
    assert f.amount(-1234.4, "USD") == "-$1,234"
    assert f.amount(12.5, "EUR") == "€12.50"
    assert f.amount(1234.5, exact=True) == "1,234.50"
    assert f.amount(2000, signed=True) == "+2,000"
    assert f.amount(0, signed=True) == "0.00"
    assert f.amount(-0.001) == "-0.001"
    assert f.amount(5, "XYZ") == "XYZ5.00"  # an unknown code is written as given


def test_count_is_whole_with_separators():
    assert f.count(1234567.4) == "1,234,567"
    assert f.count(-12) == "-12"
    assert f.count(3, signed=True) == "+3"
    assert f.count(0) == "0"


def test_percent_never_hides_a_non_zero_share():
    assert f.percent(0.123) == "12.3%"
    assert f.percent(-0.31, signed=True) == "-31.0%"
    assert f.percent(0.0004) == "0.04%"
    assert f.percent(0.00004) == "0.004%"
    assert f.percent(0) == "0.0%"
    assert f.percent(0.996, 0) == "100%"  # rounding is the caller's choice of digits
    assert f.points(0.012) == "+1.2"


def test_ratio_two_decimals():
    assert f.ratio(23) == "23.00"
    assert f.ratio(19.553) == "19.55"
    assert f.ratio(3.9) == "3.90"
    assert f.ratio(0.001) == "0.001"
    assert f.ratio(12345.678) == "12,345.68"


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0, "< 0.001"),
        (1e-310, "< 0.001"),
        (0.0004, "< 0.001"),
        (0.001, "0.001"),
        (0.0342, "0.034"),
        (0.5, "0.500"),
        (1.0, "1.000"),
        (1.0000001, "1.000"),
    ],
)
def test_p_value_one_rule(p, text):
    assert f.p_value(p) == text


def test_p_clause():
    assert f.p_clause(0.0) == "p < 0.001"
    assert f.p_clause(0.0342) == "p = 0.034"


def test_intervals_in_english_and_chinese():
    pair = (-0.31, -0.03)
    form = lambda v: f.percent(v, 0, signed=True)  # noqa: E731
    assert f.span(pair, form, "en") == "-31% to -3%"
    assert f.span(pair, form, "zh") == "-31% 至 -3%"
    assert f.interval("1", "2", "fr") == "1 to 2"
    assert f.span(None, form) == f.MISSING
    assert "–" not in f.span((1, 2), f.plain) and "…" not in f.span((1, 2), f.plain)


def test_currency_symbols():
    assert f.currency_symbol(None) == ""
    assert f.currency_symbol("") == ""
    assert f.currency_symbol("cny") == "¥"
    assert f.currency_symbol("GBP") == "£"


def test_plain_writes_whole_numbers_without_decimals():
    assert f.plain(5.0) == "5"
    assert f.plain(-120.0, signed=True) == "-120"
    assert f.plain(0.5) == "0.5"


def test_signed_ratio():
    assert f.ratio(1.5, signed=True) == "+1.50"
    assert f.ratio(-1.5, signed=True) == "-1.50"
    assert f.ratio(0, signed=True) == "0.00"
