"""Explicit date parsing: every format the corpus holds, d/m vs m/d from the values, no rollover."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from analytics.ingest.dates import parse_dates


def parse(cells: list[str | None], **options: object):
    return parse_dates(pa.array(cells, pa.string()), **options)  # type: ignore[arg-type]


def days(parse_result) -> list[str | None]:
    return [None if np.isnat(v) else str(v)[:10] for v in parse_result.values]


@pytest.mark.parametrize(
    ("cells", "expected", "fmt"),
    [
        (["2024-01-05", "2024-12-31"], ["2024-01-05", "2024-12-31"], "iso"),
        (["2024/1/5", "2024/12/25"], ["2024-01-05", "2024-12-25"], "ymd"),
        (["2024-1-5", "2024.01.06"], ["2024-01-05", "2024-01-06"], "ymd"),
        (["25/12/2024", "5/1/2024"], ["2024-12-25", "2024-01-05"], "dmy"),
        (["12/25/2024", "1/5/2024"], ["2024-12-25", "2024-01-05"], "mdy"),
        (["13.01.2024", "01.02.2024"], ["2024-01-13", "2024-02-01"], "dmy"),
        (["2024年1月5日", "2024年12月25日"], ["2024-01-05", "2024-12-25"], "ymd"),
        (["5-Jan-2024", "6 Jan 2024", "Jan 7, 2024", "January 8, 2024"],
         ["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08"], "month-name"),
        (["2024-01", "2024-12"], ["2024-01-01", "2024-12-01"], "year-month"),
        (["2024年1月", "2024年2月"], ["2024-01-01", "2024-02-01"], "year-month"),
        (["2024-W01", "2024W05", "2020-W53", "2023-W01-3"],
         ["2024-01-01", "2024-01-29", "2020-12-28", "2023-01-04"], "iso-week"),
        (["13/1/24", "14/1/24"], ["2024-01-13", "2024-01-14"], "dmy"),
        (["Jan 2024", "February 2024", "Dec 2024"],
         ["2024-01-01", "2024-02-01", "2024-12-01"], "month-name-year"),
        (["Jan-24", "Feb-24"], ["2024-01-01", "2024-02-01"], "month-name-year"),
        (["01/2024", "12/2024"], ["2024-01-01", "2024-12-01"], "month-year"),
    ],
    ids=[
        "iso", "y/m/d", "y-m-d-unpadded", "d/m/y", "m/d/y", "dotted-d.m.y", "chinese",
        "month-names", "year-month", "chinese-year-month", "iso-weeks", "two-digit-year",
        "month-name-year", "excel-mmm-yy", "month/year",
    ],
)  # fmt: skip
def test_formats(cells: list[str], expected: list[str], fmt: str) -> None:
    result = parse(cells)
    assert days(result) == expected
    assert result.format == fmt
    assert result.bad.size == 0
    assert not result.ambiguous_order and result.mixed_order_rows.size == 0


def test_order_notes_say_which_reading_was_used() -> None:
    assert parse(["25/12/2024"]).notes == ("day first (d/m/y)",)
    assert parse(["12/25/2024"]).notes == ("month first (m/d/y)",)
    assert parse(["2024-W01"]).notes == ("ISO weeks; dated their Monday",)
    assert parse(["2024-03"]).notes == ("year and month; dated the 1st",)


def test_iso_timestamps_drop_the_time_and_say_so() -> None:
    result = parse(["2024-01-05 13:45:00", "2024-01-06 00:00:00"])
    assert days(result) == ["2024-01-05", "2024-01-06"]
    assert result.notes == ("times of day were dropped; rows are dated by their day",)
    assert result.values.dtype == np.dtype("datetime64[ns]")


def test_undecidable_slashes_read_month_first_with_a_warning() -> None:
    result = parse(["1/2/2024", "1/3/2024", "1/4/2024"])
    assert days(result) == ["2024-01-02", "2024-01-03", "2024-01-04"]
    assert result.format == "mdy"
    assert result.ambiguous_order


def test_undecidable_dots_read_day_first_with_a_warning() -> None:
    result = parse(["05.01.2024", "06.01.2024"])
    assert days(result) == ["2024-01-05", "2024-01-06"]
    assert result.format == "dmy"
    assert result.ambiguous_order


def test_order_given_by_the_user_overrides_the_default() -> None:
    result = parse(["1/2/2024", "1/3/2024"], order="dmy")
    assert days(result) == ["2024-02-01", "2024-03-01"]
    assert result.format == "dmy"
    assert not result.ambiguous_order


def test_mixed_orders_mark_the_minority_rows_and_never_guess_them() -> None:
    result = parse(["20/1/2024", "21/1/2024", "1/22/2024", "23/1/2024", "1/25/2024", "5/6/2024"])
    assert result.format == "dmy"
    assert result.mixed_order_rows.tolist() == [2, 4]
    assert days(result) == ["2024-01-20", "2024-01-21", None, "2024-01-23", None, "2024-06-05"]
    assert result.bad.tolist() == [2, 4]
    assert result.date_share == 1.0
    assert result.parsed_share == pytest.approx(4 / 6)


@pytest.mark.parametrize(
    ("cells", "bad"),
    [
        (["2024-02-30", "2024-02-29"], [0]),
        (["30/02/2024", "28/02/2024"], [0]),
        (["2023/2/29", "2024/2/29"], [0]),
        (["31-Apr-2024", "30-Apr-2024"], [0]),
        (["2024-13", "2024-12"], [0]),
        (["2024-W53", "2024-W52"], [0]),
        (["2024-W00", "2024-W01"], [0]),
        (["2024-01-05", "soon", "2024-01-07"], [1]),
    ],
    ids=[
        "30-feb-iso", "30-feb-dmy", "29-feb-non-leap", "31-apr-month-name", "month-13",
        "week-53-of-a-52-week-year", "week-0", "text",
    ],
)  # fmt: skip
def test_impossible_dates_are_bad_never_rolled_over(cells: list[str], bad: list[int]) -> None:
    result = parse(cells)
    assert result.bad.tolist() == bad
    assert all(day is None for i, day in enumerate(days(result)) if i in bad)
    assert "2024-03-01" not in days(result) and "2025-01-01" not in days(result)


def test_excel_serials_only_when_the_column_is_known_to_hold_dates() -> None:
    cells = ["45292", "45293", "45351"]
    serial = parse(cells, serials=True)
    assert days(serial) == ["2024-01-01", "2024-01-02", "2024-02-29"]
    assert serial.format == "excel-serial"
    assert serial.notes == ("Excel serial day numbers",)
    assert parse(cells).bad.tolist() == [0, 1, 2]


def test_excel_serials_out_of_a_plausible_range_are_bad() -> None:
    result = parse(["10000", "45292", "99999"], serials=True)
    assert days(result) == [None, "2024-01-01", None]
    assert result.bad.tolist() == [0, 2]


def test_yyyymmdd_with_serials() -> None:
    result = parse(["20240105", "20240230", "20241231"], serials=True)
    assert result.format == "yyyymmdd"
    assert days(result) == ["2024-01-05", None, "2024-12-31"]
    assert result.bad.tolist() == [1]


def test_missing_cells_are_not_bad() -> None:
    result = parse(["2024/1/5", None, "", "  ", "2024/1/8"])
    assert days(result) == ["2024-01-05", None, None, None, "2024-01-08"]
    assert result.bad.size == 0
    assert result.parsed_share == 1.0


@pytest.mark.parametrize("cells", [["North", "South"], ["#1", "#2"]])
def test_text_that_is_no_date_at_all(cells: list[str]) -> None:
    result = parse(cells)
    assert result.bad.tolist() == [0, 1]
    assert days(result) == [None, None]
    assert result.parsed_share == 0.0


def test_a_month_that_does_not_exist_is_bad() -> None:
    result = parse(["01/2024", "13/2024"])
    assert days(result) == ["2024-01-01", None]
    assert result.bad.tolist() == [1]


def test_monthly_export_with_month_names_is_read_as_monthly() -> None:
    from analytics.ingest.load import inspect, load

    rows = "\n".join(f"{m} 2024,{100 + i}" for i, m in enumerate(["Jan", "Feb", "Mar", "Apr"]))
    dataset = load(("month,revenue\n" + rows + "\n").encode(), file_name="monthly.csv")
    assert dataset.mapping.roles["month"] == "date"
    assert inspect(dataset).frequency == "M"


# --- two-digit years: Excel's rule (00-29 → 2000-2029, 30-99 → 1930-1999), every path ----------


@pytest.mark.parametrize(
    ("cells", "expected", "fmt"),
    [
        (["12/31/99", "01/01/68", "01/01/70", "1/1/29", "1/1/30", "2/29/00"],
         ["1999-12-31", "1968-01-01", "1970-01-01", "2029-01-01", "1930-01-01", "2000-02-29"],
         "mdy"),
        (["31/12/99", "13/1/50", "1/2/69", "15/3/05"],
         ["1999-12-31", "1950-01-13", "1969-02-01", "2005-03-15"], "dmy"),
        (["31.12.99", "01.01.00"], ["1999-12-31", "2000-01-01"], "dmy"),
        (["31-12-99", "1-1-30"], ["1999-12-31", "1930-01-01"], "dmy"),
        (["12/31/99 13:45", "1/1/00 08:00"], ["1999-12-31", "2000-01-01"], "mdy"),
        (["99年12月31日", "24年1月5日", "5年1月6日"], ["1999-12-31", "2024-01-05", "2005-01-06"],
         "ymd"),
        (["31-Dec-99", "1-Jan-68", "Dec 31, 99", "5 January 30", "29-Feb-00", "1 Jan 69"],
         ["1999-12-31", "1968-01-01", "1999-12-31", "1930-01-05", "2000-02-29", "1969-01-01"],
         "month-name"),
        (["Jan-99", "Jan-68", "Jan-69", "Jan-29", "Jan 30"],
         ["1999-01-01", "1968-01-01", "1969-01-01", "2029-01-01", "1930-01-01"],
         "month-name-year"),
    ],
    ids=["m/d/yy", "d/m/yy", "dd.mm.yy", "d-m-yy", "m/d/yy-with-time", "chinese-yy",
         "dd-mon-yy", "mon-yy"],
)  # fmt: skip
def test_two_digit_years_follow_excels_rule_and_are_listed(
    cells: list[str], expected: list[str], fmt: str
) -> None:
    result = parse(cells)
    assert days(result) == expected
    assert result.format == fmt
    assert result.bad.size == 0
    assert result.two_digit_year_rows.tolist() == list(range(len(cells)))
    assert result.notes[-1] == (
        "two-digit years read by Excel's rule (00–29 → 2000–2029, 30–99 → 1930–1999)"
    )


def test_four_digit_years_are_not_listed_as_two_digit_ones() -> None:
    result = parse(["31-Dec-99", "5-Jan-2024", "31/12/2099"])
    assert days(result) == ["1999-12-31", "2024-01-05", None]
    assert result.two_digit_year_rows.tolist() == [0]
    mixed = parse(["12/30/1999", "12/31/99", None, "1/1/2000"])
    assert days(mixed) == ["1999-12-30", "1999-12-31", None, "2000-01-01"]
    assert mixed.two_digit_year_rows.tolist() == [1]


@pytest.mark.parametrize(
    "cells",
    [["99/12/31", "98/01/05"], ["99-12-31"], ["991231", "000101"], ["12/99", "01/00"]],
    ids=["yy/mm/dd", "yy-mm-dd", "yymmdd", "mm/yy"],
)
def test_two_digit_years_that_could_be_something_else_are_not_guessed(cells: list[str]) -> None:
    """yy/mm/dd could be a d/m/y typo, yymmdd could be ddmmyy: reported as not dates instead."""
    result = parse(cells)
    assert days(result) == [None] * len(cells)
    assert result.bad.tolist() == list(range(len(cells)))
    assert result.two_digit_year_rows.size == 0
    assert days(parse(["991231", "20240105"], serials=True)) == [None, "2024-01-05"]


def test_the_two_digit_year_warning_names_the_rule_and_the_column() -> None:
    from analytics.ingest.load import load

    data = b"date,revenue\n12/30/99,1\n12/31/99,2\n1/1/00,3\n1/2/00,4\n"
    dataset = load(data, file_name="yy.csv")
    assert [issue.code for issue in dataset.issues] == ["two_digit_year"]
    (issue,) = dataset.issues
    assert (issue.severity, issue.column, issue.rows, issue.count) == (
        "warning",
        "date",
        (2, 3, 4, 5),
        4,
    )
    assert issue.message == (
        "4 dates in 'date' write the year with two digits (rows 2, 3, 4, 5, e.g. '12/30/99', "
        "read as 1999-12-30): their century follows Excel's rule, 00–29 → 2000–2029, 30–99 → "
        "1930–1999; if that is wrong, write the years with four digits."
    )
    assert dataset.frame["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "1999-12-30",
        "1999-12-31",
        "2000-01-01",
        "2000-01-02",
    ]


def test_the_two_digit_year_warning_has_its_chinese_sentence() -> None:
    from analytics.ingest.load import load
    from ui.i18n.messages import ISSUES_ZH

    (issue,) = load(b"date,revenue\n12/31/99,1\n1/1/00,2\n", file_name="yy.csv").issues
    text = ISSUES_ZH[issue.code].format(
        **issue.params, column=issue.column, count=issue.count, rows="2、3"
    )
    assert text == (
        "“date”中有 2 个日期的年份只写了两位（第 2、3 行，例如“12/31/99”读作 1999-12-31）：世纪按 "
        "Excel 的规则确定（00–29 → 2000–2029, 30–99 → 1930–1999）；如有误，请把年份写成四位。"
    )
