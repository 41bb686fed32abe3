"""The validation report: each problem of the corpus gives exactly one issue with its rows."""

from __future__ import annotations

import pytest
from corpus import issues_by_code, load_fixture, only_issue

from analytics.ingest.issues import has_errors, rows_phrase
from analytics.ingest.load import inspect, load
from analytics.ingest.roles import (
    DATE,
    DIMENSION,
    ENTITIES,
    IGNORE,
    METRIC,
    SPEND,
    Mapping,
    dataset_kind,
)


def summary(issues) -> list[tuple]:
    return [(i.severity, i.code, i.column, i.rows, i.count) for i in issues]


@pytest.mark.parametrize(
    "name",
    [
        "utf8_basic.csv", "utf8_bom.csv", "gbk_chinese.csv", "utf16le_unicode_text.csv",
        "semicolon_decimal_comma.csv", "thousands_comma.csv", "space_thousands.csv",
        "currency.csv", "percentages.csv", "parentheses_negatives.csv", "pipe_delimited.csv",
        "tab_separated.tsv", "excel_sep_line.csv", "weekly.csv", "dates_ymd_slash.csv",
        "dates_dmy.csv", "dates_mdy.csv", "dates_chinese.csv", "dates_month_names.csv",
        "dates_excel_serial.csv", "dates_yyyymmdd.csv", "dates_iso_week.csv",
        "dates_monthly.csv", "workbook_two_sheets.xlsx",
    ],
)  # fmt: skip
def test_clean_files_have_no_issues(name: str) -> None:
    assert load_fixture(name).issues == ()


def test_ragged_rows_are_left_out_so_their_days_are_calendar_gaps() -> None:
    issues = load_fixture("ragged_rows.csv").issues
    assert summary(issues) == [
        ("warning", "ragged_rows", None, (3, 5), 2),
        ("warning", "calendar_gaps", None, (), 2),
    ]
    assert issues[1].params["missing"] == ["2024-01-02", "2024-01-04"]


def test_duplicated_and_empty_headers_are_warnings() -> None:
    assert summary(load_fixture("duplicate_headers.csv").issues) == [
        ("warning", "duplicate_header", "Revenue (2)", (1,), 1),
        ("warning", "duplicate_header", "spend (2)", (1,), 1),
    ]
    assert summary(load_fixture("empty_headers.csv").issues) == [
        ("warning", "empty_header", "column_3", (1,), 1),
        ("warning", "empty_column", None, (1,), 1),
    ]


def test_negative_spend_including_accounting_negatives() -> None:
    (issue,) = load_fixture("negative_spend.csv").issues
    assert summary([issue]) == [("error", "negative_spend", "spend", (3, 5), 2)]
    assert issue.message == (
        "Spend in 'spend' is negative in 2 rows (rows 3, 5): spend cannot be below zero; "
        "correct those cells (refunds belong in a separate column)."
    )


def test_duplicate_date_and_segment_rows() -> None:
    (issue,) = load_fixture("duplicate_rows.csv").issues
    assert summary([issue]) == [("warning", "duplicate_rows", None, (6, 9), 2)]
    assert "repeat the 'date', 'store' of an earlier row (rows 6, 9)" in issue.message


def test_duplicates_by_date_alone_when_the_segment_is_not_a_dimension() -> None:
    mapping = Mapping({"date": DATE, "store": IGNORE, "revenue": METRIC}, "revenue")
    dataset = load_fixture("duplicate_rows.csv", mapping=mapping)
    issue = only_issue(dataset.issues, "duplicate_rows")
    assert issue.rows == (3, 5, 6, 8, 9) and issue.count == 5


def test_daily_calendar_gaps_list_the_missing_days() -> None:
    (issue,) = load_fixture("calendar_gaps.csv").issues
    assert summary([issue]) == [("warning", "calendar_gaps", None, (), 3)]
    assert issue.params["missing"] == ["2024-01-04", "2024-01-05", "2024-01-09"]
    assert issue.message.startswith(
        "The daily calendar has 3 missing days (2024-01-04, 2024-01-05, 2024-01-09)"
    )


def test_weekly_and_monthly_calendar_gaps() -> None:
    weekly = b"week,revenue\n2024-01-01,1\n2024-01-08,2\n2024-01-22,3\n2024-01-29,4\n"
    issue = only_issue(load(weekly).issues, "calendar_gaps")
    assert issue.params["missing"] == ["2024-01-15"]
    assert issue.message.startswith("The weekly calendar has 1 missing week (2024-01-15)")
    monthly = b"month,revenue\n2024-01,1\n2024-02,2\n2024-04,3\n2024-05,4\n2024-06,5\n"
    issue = only_issue(load(monthly).issues, "calendar_gaps")
    assert issue.params["missing"] == ["2024-03-01"]
    assert issue.message.startswith("The monthly calendar has 1 missing month (2024-03-01)")


def test_missing_values_per_numeric_and_date_column_not_text() -> None:
    issues = load_fixture("missing_values.csv").issues
    assert summary(issues) == [
        ("warning", "missing_values", "date", (6,), 1),
        ("warning", "missing_values", "revenue", (3, 7), 2),
        ("warning", "missing_values", "spend", (4,), 1),
        ("warning", "calendar_gaps", None, (), 1),
    ]
    assert issues[1].message == (
        "'revenue' is empty in 2 rows (rows 3, 7): fill them in (0 if nothing happened), "
        "or they are left out where the column is used."
    )


def test_single_row() -> None:
    (issue,) = load_fixture("single_row.csv").issues
    assert summary([issue]) == [("error", "single_row", None, (2,), 1)]


def test_header_only_has_no_rows() -> None:
    issues = load_fixture("header_only.csv").issues
    assert [i.code for i in issues] == ["no_rows"]
    assert all(i.severity == "error" for i in issues)
    assert issues[0].message == (
        "The file has column names but no data rows: export it again with its data."
    )


def test_a_table_without_dates_is_valid() -> None:
    dataset = load_fixture("no_date_column.csv")
    assert dataset.issues == ()
    assert dataset_kind(dataset.mapping) == ENTITIES
    report = inspect(dataset)
    assert (report.date_column, report.frequency, report.kind) == (None, None, ENTITIES)


def test_no_metric_column() -> None:
    issues = load(b"date,store\n2024-01-01,A\n2024-01-02,B\n").issues
    assert summary(issues) == [("error", "no_metric", None, (), 0)]


def test_text_in_a_number_column_is_reported_once_not_also_as_empty() -> None:
    issues = load_fixture("text_in_number.csv").issues
    assert summary(issues) == [
        ("warning", "unparseable_number", "revenue", (4,), 1),
        ("warning", "unparseable_number", "spend", (6,), 1),
    ]
    assert issues[0].message == (
        "1 value in 'revenue' is not a number (row 4, e.g. 'see note'): correct them, or "
        "choose another role for the column; until then they count as missing."
    )


def test_mostly_text_in_a_mapped_number_column_is_an_error() -> None:
    raw = b"date,revenue\n" + b"".join(
        f"2024-01-{d:02d},{'n/v' if d % 3 == 0 else d}\n".encode() for d in range(1, 11)
    )
    mapping = Mapping({"date": DATE, "revenue": METRIC}, "revenue")
    issue = only_issue(load(raw, mapping=mapping).issues, "unparseable_number")
    assert (issue.severity, issue.rows, issue.count) == ("error", (4, 7, 10), 3)
    assert issue.message.startswith("3 values in 'revenue' are not numbers (rows 4, 7, 10,")


def test_unparseable_dates_are_not_also_empty_nor_duplicates() -> None:
    issues = load_fixture("dates_unparseable.csv").issues
    assert summary(issues) == [("warning", "unparseable_date", "date", (5, 7), 2)]
    assert issues[0].message == (
        "2 values in 'date' are not dates (rows 5, 7, e.g. '2024-02-30'): correct them, or "
        "those rows are left out of time-based pages."
    )


def test_mixed_date_orders_are_an_error_with_their_rows() -> None:
    dataset = load_fixture("dates_mixed_order.csv")
    assert dataset.mapping.date_column == "date"
    assert summary(dataset.issues) == [("error", "mixed_date_order", "date", (4, 7), 2)]
    assert dataset.issues[0].message == (
        "'date' mixes day-first and month-first dates (rows 4, 7): write every date the same "
        "way, best as 2024-01-31."
    )


def test_ambiguous_date_order_is_a_warning_naming_the_order_used() -> None:
    (issue,) = load_fixture("dates_ambiguous.csv").issues
    assert summary([issue]) == [("warning", "ambiguous_date_order", "date", (), 0)]
    assert issue.params == {"order": "mdy"}
    assert "they were read month-first (m/d/y)" in issue.message


def test_choosing_the_order_removes_the_ambiguity_warning() -> None:
    mapping = Mapping({"date": DATE, "sales": METRIC}, "sales", date_order="dmy")
    dataset = load_fixture("dates_ambiguous.csv", mapping=mapping)
    assert dataset.issues == ()
    assert str(dataset.frame["date"].iloc[0].date()) == "2024-02-01"


def test_problems_past_blank_lines_and_quoted_line_breaks_name_spreadsheet_rows() -> None:
    assert summary(load_fixture("blank_lines.csv").issues) == [
        ("warning", "unparseable_number", "revenue", (5,), 1)
    ]
    assert summary(load_fixture("quoted_newline.csv").issues) == [
        ("warning", "ragged_rows", None, (3,), 1),
        ("warning", "unparseable_number", "revenue", (4,), 1),
        ("warning", "calendar_gaps", None, (), 1),
    ]


def test_problems_in_a_workbook_name_sheet_rows() -> None:
    issues = load_fixture("workbook_two_sheets.xlsx", sheet="周报").issues
    assert summary(issues) == [("warning", "unparseable_number", "销售额", (6,), 1)]


def test_errors_come_first() -> None:
    raw = b"date,revenue,spend\n2024-01-01,1,1\n2024-01-02,1,1\n2024-01-03,1,1\n2024-01-05,2,-1\n"
    codes = [(i.severity, i.code) for i in load(raw).issues]
    assert codes == [("error", "negative_spend"), ("warning", "calendar_gaps")]
    assert has_errors(load(raw).issues)


def test_many_rows_are_listed_as_the_first_ten_and_a_count() -> None:
    raw = b"date,revenue,spend\n" + b"".join(
        f"2024-01-{d:02d},1,-{d}\n".encode() for d in range(1, 16)
    )
    issue = only_issue(load(raw).issues, "negative_spend")
    assert issue.rows == tuple(range(2, 12)) and issue.count == 15
    assert "(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more)" in issue.message


def test_rows_phrase() -> None:
    assert rows_phrase((), 0) == ""
    assert rows_phrase((7,), 1) == "row 7"
    assert rows_phrase((2, 3), 5) == "rows 2, 3 and 3 more"


def test_issue_to_dict() -> None:
    issue = load_fixture("negative_spend.csv").issues[0]
    assert issue.to_dict() == {
        "severity": "error",
        "code": "negative_spend",
        "column": "spend",
        "rows": [3, 5],
        "count": 2,
        "message": issue.message,
    }


def test_dimension_and_spend_roles_from_a_user_mapping() -> None:
    mapping = Mapping(
        {"date": DATE, "store": DIMENSION, "revenue": SPEND}, None
    )  # revenue mapped as spend on purpose: no metric, but spend counts as a measure
    dataset = load_fixture("duplicate_rows.csv", mapping=mapping)
    assert "no_metric" not in issues_by_code(dataset.issues)
