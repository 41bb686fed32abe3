"""Property-based tests of the number and date parsers (Hypothesis): any number written in a
supported style reads back as its value, and a date column is read in one day/month order."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.ingest.dates import parse_dates
from analytics.ingest.numbers import parse_numbers

SETTINGS = settings(max_examples=200, deadline=None)
CURRENCIES = ("$", "€", "£", "¥", "￥")
# (decimal mark, thousands separators it goes with)
STYLES = {".": ("", ",", " ", "\u00a0"), ",": ("", ".", " ", "\u00a0")}


# --- numbers ------------------------------------------------------------------------------------


@st.composite
def number_styles(draw: st.DrawFn) -> dict[str, object]:
    decimal = draw(st.sampled_from(sorted(STYLES)))
    percent = draw(st.booleans())
    return {
        "decimal": decimal,
        "thousands": draw(st.sampled_from(STYLES[decimal])),
        "percent": percent,
        "currency": None if percent else draw(st.sampled_from((None, *CURRENCIES))),
        "currency_after": draw(st.booleans()),
        "space": draw(st.sampled_from(("", " "))),
        "negative": draw(st.sampled_from(("-", "()", "trailing-"))),
    }


# A number as the parts of its exact decimal text: integer digits and fraction digits.
amounts = st.tuples(st.integers(0, 10**12), st.text("0123456789", max_size=4), st.booleans())


def written(amount: tuple[int, str, bool], style: dict[str, object]) -> tuple[str, float]:
    """The amount written in the style, and the value the parser must read from it."""
    whole, fraction, negative = amount
    digits = f"{whole:,}".replace(",", str(style["thousands"]))
    text = digits + (f"{style['decimal']}{fraction}" if fraction else "")
    value = float(f"{whole}.{fraction or 0}")
    if style["percent"]:
        text += "%"
        value /= 100
    elif style["currency"]:
        sign, space = str(style["currency"]), str(style["space"])
        text = f"{text}{space}{sign}" if style["currency_after"] else f"{sign}{space}{text}"
    if negative:
        value = -value
        text = {"-": f"-{text}", "()": f"({text})", "trailing-": f"{text}-"}[str(style["negative"])]
    return text, value


def same(read: float, value: float) -> bool:
    return math.isclose(read, value, rel_tol=1e-12, abs_tol=1e-15)


@SETTINGS
@given(amount=amounts, style=number_styles())
def test_any_written_number_reads_back_with_its_decimal_mark(
    amount: tuple[int, str, bool], style: dict[str, object]
) -> None:
    text, value = written(amount, style)
    parse = parse_numbers(pa.array([text]), decimal=str(style["decimal"]))
    assert parse.bad.size == 0, text
    assert same(float(parse.values[0]), value), (text, parse.values[0], value)
    assert parse.percent == bool(style["percent"])


@SETTINGS
@given(column=st.lists(amounts, min_size=1, max_size=20), style=number_styles())
def test_a_column_in_one_style_reads_back_when_one_value_shows_the_decimal_mark(
    column: list[tuple[int, str, bool]], style: dict[str, object]
) -> None:
    """'1.234' alone may be 1.234 or 1234; a value such as '0.50' settles the column."""
    cells = [written(amount, style) for amount in [*column, (0, "50", False)]]
    parse = parse_numbers(pa.array([text for text, _ in cells]))
    assert parse.decimal == style["decimal"] and parse.decisive
    assert parse.bad.size == 0
    for (text, value), read in zip(cells, parse.values, strict=True):
        assert same(float(read), value), (text, read, value)


# --- dates --------------------------------------------------------------------------------------

days = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31))


@st.composite
def date_styles(draw: st.DrawFn) -> dict[str, object]:
    return {
        "order": draw(st.sampled_from(("dmy", "mdy"))),
        "separator": draw(st.sampled_from(("/", ".", "-"))),
        "padded": draw(st.booleans()),
        "short_year": draw(st.booleans()),
    }


def write_date(day: dt.date, style: dict[str, object], order: str | None = None) -> str:
    width = 2 if style["padded"] else 1
    d, m = f"{day.day:0{width}d}", f"{day.month:0{width}d}"
    first, second = (d, m) if (order or style["order"]) == "dmy" else (m, d)
    year = f"{day.year % 100:02d}" if style["short_year"] else str(day.year)
    return str(style["separator"]).join((first, second, year))


def read_as(text: str, order: str) -> dt.date | None:
    """The date a cell means when read in the given order (None when it is no date)."""
    a, b, c = (
        int(part) for part in text.replace("/", " ").replace(".", " ").replace("-", " ").split()
    )
    year = excel_year(c) if c < 100 else c
    day, month = (a, b) if order == "dmy" else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def excel_year(two_digits: int) -> int:
    """Excel's rule for a two-digit year: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    return (2000 if two_digits < 30 else 1900) + two_digits


def as_dates(values: np.ndarray) -> list[dt.date | None]:
    return [None if np.isnat(v) else v.astype("datetime64[D]").item() for v in values]


@SETTINGS
@given(dates=st.lists(days, min_size=1, max_size=30), style=date_styles())
def test_dates_in_one_style_read_back_or_are_flagged_ambiguous(
    dates: list[dt.date], style: dict[str, object]
) -> None:
    if style["short_year"]:
        dates = [
            d.replace(year=excel_year(d.year % 100)) for d in dates if d.month != 2 or d.day < 29
        ]
        if not dates:
            return
    texts = [write_date(day, style) for day in dates]
    parse = parse_dates(pa.array(texts))
    decided = any(day.day > 12 for day in dates)  # a day above 12 shows the order
    assert parse.bad.size == 0
    short = list(range(len(dates))) if style["short_year"] else []
    assert parse.two_digit_year_rows.tolist() == short
    if decided:
        assert not parse.ambiguous_order
        assert parse.format == style["order"]
        assert as_dates(parse.values) == dates
    else:
        # Every cell reads both ways: dotted dates are read day-first, others month-first.
        assert parse.ambiguous_order
        default = "dmy" if style["separator"] == "." else "mdy"
        assert parse.format == default
        assert as_dates(parse.values) == [read_as(text, default) for text in texts]


@SETTINGS
@given(
    cells=st.lists(st.tuples(days, st.sampled_from(("dmy", "mdy"))), min_size=1, max_size=30),
    style=date_styles(),
)
def test_a_column_is_never_read_in_both_day_month_orders(
    cells: list[tuple[dt.date, str]], style: dict[str, object]
) -> None:
    style = {**style, "short_year": False}
    texts = [write_date(day, style, order) for day, order in cells]
    parse = parse_dates(pa.array(texts))
    read = as_dates(parse.values)
    orders = [
        order
        for order in ("dmy", "mdy")
        if all(
            value is None or value == read_as(text, order)
            for text, value in zip(texts, read, strict=True)
        )
    ]
    assert orders, f"{texts} read in both orders: {read}"
    # What the chosen order cannot read is reported, never guessed.
    missing = {i for i, value in enumerate(read) if value is None}
    assert missing == set(parse.bad.tolist())
    assert set(parse.mixed_order_rows.tolist()) <= missing
