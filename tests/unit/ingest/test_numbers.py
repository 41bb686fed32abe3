"""Explicit number parsing: decimal mark from the values, grouping, currency, %, negatives."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pytest

from analytics.ingest.numbers import parse_numbers

NAN = math.nan


def parse(cells: list[str | None], decimal: str | None = None):
    return parse_numbers(pa.array(cells, pa.string()), decimal=decimal)


def assert_values(actual: np.ndarray, expected: list[float]) -> None:
    np.testing.assert_allclose(actual, np.array(expected, dtype=float), rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    ("cells", "expected", "decimal"),
    [
        (["1.234,56", "2,5", "3"], [1234.56, 2.5, 3.0], ","),
        (["1,234.56", "2.5", "3"], [1234.56, 2.5, 3.0], "."),
        (["1 234,56", "2 000,5"], [1234.56, 2000.5], ","),
        (["1\u00a0234,56", "12\u202f345,5"], [1234.56, 12345.5], ","),
        (["1'234.56", "5"], [1234.56, 5.0], "."),
        (["12.345.678", "1.234,5"], [12345678.0, 1234.5], ","),
        (["1,000,000.00", "987.65"], [1_000_000.0, 987.65], "."),
        (["1e3", "2.5E-2"], [1000.0, 0.025], "."),
        ([".5", "5."], [0.5, 5.0], "."),
    ],
    ids=[
        "decimal-comma",
        "thousands-comma",
        "space-thousands",
        "nbsp-thousands",
        "apostrophe-thousands",
        "dot-groups",
        "millions",
        "exponent",
        "bare-decimals",
    ],
)
def test_separators(cells: list[str], expected: list[float], decimal: str) -> None:
    result = parse(cells)
    assert_values(result.values, expected)
    assert result.decimal == decimal
    assert result.decisive
    assert result.bad.size == 0


def test_decimal_comma_is_stated_in_the_notes() -> None:
    assert parse(["1,5", "2,25"]).notes == ("decimal comma (1.234,56)",)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["$1,234.50", "$0.99"], [1234.5, 0.99]),
        (["€12", "€ 3.50"], [12.0, 3.5]),
        (["£3.5", "£1,000"], [3.5, 1000.0]),
        (["¥100", "￥2,000.50"], [100.0, 2000.5]),
        (["12,50 €", "3,00 €"], [12.5, 3.0]),
        (["USD 12", "RMB 3", "12 元"], [12.0, 3.0, 12.0]),
    ],
    ids=["dollar", "euro", "pound", "yen-yuan-full-width", "euro-suffix", "currency-codes"],
)
def test_currency_signs_are_removed(cells: list[str], expected: list[float]) -> None:
    result = parse(cells)
    assert_values(result.values, expected)
    assert result.bad.size == 0


def test_percentages_are_read_as_fractions_and_said_so() -> None:
    result = parse(["15%", "7.5%", "100 %", "0%"])
    assert_values(result.values, [0.15, 0.075, 1.0, 0.0])
    assert result.percent
    assert "values written with % were read as fractions (15% → 0.15)" in result.notes


def test_decimal_comma_percentages() -> None:
    result = parse(["12,5%", "3%"])
    assert_values(result.values, [0.125, 0.03])
    assert result.decimal == ","


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["(12.5)", "3"], [-12.5, 3.0]),
        (["($1,234.00)", "$5"], [-1234.0, 5.0]),
        (["4-", "5"], [-4.0, 5.0]),
        (["-3", "+7"], [-3.0, 7.0]),
        (["- 5", "6"], [-5.0, 6.0]),
        (["$-5", "-$5"], [-5.0, -5.0]),
    ],
    ids=[
        "parentheses",
        "parentheses-currency",
        "trailing-minus",
        "signs",
        "spaced-minus",
        "sign-and-currency",
    ],
)
def test_negatives(cells: list[str], expected: list[float]) -> None:
    result = parse(cells)
    assert_values(result.values, expected)
    assert result.bad.size == 0


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["yes", "no", "Yes", "NO"], [1.0, 0.0, 1.0, 0.0]),
        (["是", "否", "是"], [1.0, 0.0, 1.0]),
        (["true", "false"], [1.0, 0.0]),
        (["Y", "N", None], [1.0, 0.0, NAN]),
    ],
)
def test_yes_no_flags(cells: list[str | None], expected: list[float]) -> None:
    assert_values(parse(cells).values, expected)


def test_text_is_reported_by_position_never_coerced() -> None:
    result = parse(["100", "see note", None, "", "  ", "#REF!", "1,2,3", "200"])
    assert_values(result.values, [100.0, NAN, NAN, NAN, NAN, NAN, NAN, 200.0])
    assert result.bad.tolist() == [1, 5, 6]
    assert result.parsed_share == pytest.approx(2 / 5)


def test_two_conventions_in_one_column_is_not_guessed() -> None:
    result = parse(["1.234,5", "1,234.5", "2,5"])
    assert result.decimal == ","
    assert_values(result.values, [1234.5, NAN, 2.5])
    assert result.bad.tolist() == [1]


def test_infinity_is_not_a_number() -> None:
    result = parse(["1", "inf", "-Infinity", "2"])
    assert_values(result.values, [1.0, NAN, NAN, 2.0])
    assert result.bad.tolist() == [1, 2]


def test_comma_groups_alone_cannot_decide_and_say_how_they_were_read() -> None:
    result = parse(["1,234", "2,500", "980"])
    assert_values(result.values, [1234.0, 2500.0, 980.0])
    assert result.decimal == "."
    assert not result.decisive
    assert result.notes == ("values such as 1,234 were read with ',' as thousands separator",)


def test_dot_groups_alone_cannot_decide_even_when_arrow_could_cast_them() -> None:
    # '1.200' is 1.2 in a decimal-point file and 1200 in a decimal-comma file: the column alone
    # cannot tell, so the file's other columns must (see test_ingest).
    result = parse(["1.200", "980", "1.350"])
    assert_values(result.values, [1.2, 980.0, 1.35])
    assert not result.decisive
    assert result.notes == ("values such as 1.234 were read with '.' as decimal point",)


def test_one_unambiguous_decimal_point_decides_the_column() -> None:
    result = parse(["1.200", "2.5"])
    assert_values(result.values, [1.2, 2.5])
    assert result.decisive and result.notes == ()


def test_explicit_decimal_comma_reads_dot_groups_as_thousands() -> None:
    result = parse(["1.200", "980", "1.350"], decimal=",")
    assert_values(result.values, [1200.0, 980.0, 1350.0])
    assert result.decimal == ","


def test_machine_written_numbers_take_the_fast_path() -> None:
    result = parse(["1", "2.5", "-3", None])
    assert_values(result.values, [1.0, 2.5, -3.0, NAN])
    assert result.decisive and result.notes == () and result.bad.size == 0


def test_is_integer_and_parsed_share() -> None:
    assert parse(["1", "2", None]).is_integer
    assert not parse(["1.5", "2"]).is_integer
    assert parse([None, None]).parsed_share == 0.0


def test_chunked_arrays_are_accepted() -> None:
    chunked = pa.chunked_array([pa.array(["1,5"]), pa.array(["2,5"])])
    assert_values(parse_numbers(chunked).values, [1.5, 2.5])


# --- numbers of 2^53 and beyond: reported by position, never summed to infinity ----------------


def test_numbers_of_2_to_the_53_and_beyond_are_too_large_and_count_as_missing() -> None:
    result = parse(["1e308", "1e308", "5", "99999999999999999999", "-1e400", "1e309"])
    assert_values(result.values, [NAN, NAN, 5.0, NAN, NAN, NAN])
    assert result.too_large.tolist() == [0, 1, 3, 4, 5]
    assert result.bad.tolist() == [0, 1, 3, 4, 5]
    assert result.unparseable.size == 0
    assert np.nansum(result.values) == 5.0
    assert result.is_integer


def test_the_largest_exact_integer_is_the_bound() -> None:
    result = parse(
        ["9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993"]
    )
    assert_values(result.values, [9007199254740991.0, NAN, NAN, NAN])
    assert result.too_large.tolist() == [1, 2, 3]


def test_too_large_values_in_every_written_form_are_caught() -> None:
    result = parse(["$99,999,999,999,999,999,999.00", "(1e308)", "1e308%", "1e17%", "3"])
    assert result.too_large.tolist() == [0, 1, 2]
    assert_values(result.values, [NAN, NAN, NAN, 1e15, 3.0])


def test_text_and_too_large_values_are_told_apart() -> None:
    result = parse(["inf", "see note", "1e308", "4"])
    assert result.unparseable.tolist() == [0, 1]
    assert result.too_large.tolist() == [2]
    assert result.parsed_share == pytest.approx(1 / 4)
    assert result.number_share == pytest.approx(2 / 4)


def test_the_report_says_which_column_which_rows_and_what_to_change() -> None:
    from analytics.ingest.load import inspect, load
    from ui.i18n.messages import ISSUES_ZH

    data = b"date,revenue,order_id\n" + b"".join(
        f"2024-01-{d:02d},{value},{12345678901234567890 + d}\n".encode()
        for d, value in enumerate(["1e308", "1e308", "99999999999999999999", "7", "8"], 1)
    )
    dataset = load(data, file_name="big.csv")
    (issue,) = dataset.issues
    assert (issue.severity, issue.code, issue.column, issue.rows, issue.count) == (
        "error",
        "number_too_large",
        "revenue",
        (2, 3, 4),
        3,
    )
    assert issue.message == (
        "3 values in 'revenue' are too large to hold exactly (rows 2, 3, 4, e.g. '1e308'): from "
        "9,007,199,254,740,992 (2^53) on, numbers lose digits and their sums overflow; correct "
        "them, or if the column holds codes or IDs, choose the role 'dimension' or 'ignore' for "
        "it; until then they count as missing."
    )
    assert ISSUES_ZH[issue.code].format(
        **issue.params, column=issue.column, count=issue.count, rows="2、3、4"
    ) == (
        "“revenue”中有 3 个值过大，无法精确保存（第 2、3、4 行，例如“1e308”）：从 "
        "9,007,199,254,740,992（2^53）起数字会丢失位数，相加还会溢出；请修正；如果该列是编码或编号，"
        "请将其角色设为“维度”或“忽略”。修正前按缺失处理。"
    )
    report = inspect(dataset)
    assert report.totals == {"revenue": 15.0}
    columns = {column["name"]: column["dtype"] for column in report.columns}
    assert columns == {"date": "date", "revenue": "integer", "order_id": "text"}
    assert dataset.frame["order_id"].tolist()[:2] == [
        "12345678901234567891",
        "12345678901234567892",
    ]
