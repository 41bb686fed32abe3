"""Whitespace-separated text (fixed-width exports, R's write.table, 'customer  date  amount',
tabs beside spaces) read as columns; prose kept whole; a first row of values read as data."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from corpus import fixture_path, load_fixture, only_issue

from analytics.errors import UserInputError
from analytics.ingest.decoding import sniff_delimiter
from analytics.ingest.issues import WARNING
from analytics.ingest.load import inspect
from analytics.ingest.raw_table import first_row_is_data
from analytics.ingest.reading import read_table
from analytics.ingest.whitespace import FIXED_WIDTH, SPACES, WIDE_SPACES, column_starts, separate


def column(name: str, column_name: str) -> list[object]:
    """A fixture's column as loaded (dates as 'YYYY-MM-DD', numbers as floats, NaN as None)."""
    values = load_fixture(name).frame[column_name]
    if pd.api.types.is_datetime64_any_dtype(values):
        return [value.date().isoformat() for value in values]
    return [None if isinstance(v, float) and np.isnan(v) else v for v in values.tolist()]


# --- whitespace-separated files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("fixed_width.txt", ("DATE", "STORE", "REVENUE", "UNITS", "SPEND")),
        ("fixed_width_blanks.txt", ("DATE", "STORE", "CAMPAIGN", "REVENUE", "SPEND")),
        ("r_write_table.txt", ("column_1", "date", "region", "sales", "promo")),
        ("spaced_columns.txt", ("customer", "date", "amount")),
        ("tabs_and_spaces.txt", ("date", "channel", "visits", "spend")),
    ],
)
def test_whitespace_files_are_read_as_columns(name: str, names: tuple[str, ...]) -> None:
    table = read_table(fixture_path(name))
    assert table.delimiter == "whitespace"
    assert table.names == names
    assert table.row_numbers.tolist() == list(range(2, 2 + table.n_rows))


def test_fixed_width_export_keeps_single_spaces_inside_a_field() -> None:
    name = "fixed_width.txt"
    assert column(name, "DATE") == ["2024-03-01", "2024-03-01", "2024-03-02", "2024-03-02",
                                    "2024-03-03", "2024-03-03"]  # fmt: skip
    assert column(name, "STORE") == ["North East", "South"] * 3
    assert column(name, "REVENUE") == [1200.5, 980.0, 1310.25, 1005.75, 1500.0, 1100.0]
    assert column(name, "SPEND") == [100.0, 80.0, 100.0, 80.0, 150.0, 120.0]
    assert load_fixture(name).issues == ()


def test_fixed_width_export_with_empty_cells_keeps_the_cells_after_them_in_place() -> None:
    name = "fixed_width_blanks.txt"
    assert column(name, "STORE") == ["North East", "South"] * 3
    assert column(name, "CAMPAIGN") == [None, None, "Spring Sale", "Spring Sale", None, None]
    assert column(name, "REVENUE") == [1200.5, 980.0, 1310.25, 1005.75, 1500.0, 1100.0]
    assert column(name, "SPEND") == [100.0, 80.0, 100.0, None, 150.0, 120.0]
    assert load_fixture(name).mapping.roles["CAMPAIGN"] == "campaign"
    issue = only_issue(load_fixture(name).issues, "missing_values")
    assert (issue.column, issue.rows) == ("SPEND", (5,))


@pytest.mark.parametrize(
    ("lines", "starts"),
    [
        (["a   b", "1   2", "3    "], [0, 4]),
        (["name         value", "North East       5", "South           61"], [0, 13]),
        (["name      value", "North East    5", "South        61"], None),  # 'East' touches 61
        (["comment", "Too slow", "Would buy again"], None),
        (["Customer  feedback", "Yes", "No way", "Maybe later"], None),  # prose under a header
        (["a  b", "1  2"], None),  # too few lines to place columns
        (['"a"  "b"', '"1"  "2"', '"3"  "4"'], None),  # quoted: split at the runs instead
    ],
)
def test_fixed_width_columns(lines: list[str], starts: list[int] | None) -> None:
    assert column_starts(lines) == starts


def test_r_write_table_quoted_names_and_texts_and_the_unnamed_row_names() -> None:
    name = "r_write_table.txt"
    assert load_fixture(name).raw.column("column_1").to_pylist() == ["1", "2", "3", "4"]
    assert column(name, "date") == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
    assert column(name, "region") == ["North East", "North East", "South", "South"]
    assert column(name, "sales") == [120.5, 98.0, 101.25, None]  # R's NA
    assert column(name, "promo") == [1.0, 0.0, 1.0, 0.0]  # TRUE / FALSE
    issue = only_issue(load_fixture(name).issues, "empty_header")
    assert issue.message == (
        "Column 1 has no name; it is called 'column_1' here; name it in the file."
    )


def test_customer_date_amount_split_on_runs_of_two_spaces() -> None:
    name = "spaced_columns.txt"
    assert column(name, "customer") == ["Alice Wong", "Bob", "Carlos Diaz", "Dana"]
    assert column(name, "date") == ["2024-01-05", "2024-01-06", "2024-01-06", "2024-01-08"]
    assert column(name, "amount") == [120.0, 75.5, 210.25, 99.9]


def test_tabs_beside_spaces() -> None:
    name = "tabs_and_spaces.txt"
    assert column(name, "channel") == ["search", "social", "search", "email"]
    assert column(name, "visits") == [1200.0, 980.0, 1310.0, 450.0]
    assert column(name, "spend") == [150.5, 90.0, 160.25, 20.0]


def test_inspect_json_reports_the_whitespace_delimiter() -> None:
    result = json.loads(json.dumps(inspect(load_fixture("fixed_width.txt")).to_dict()))
    assert (result["delimiter"], result["date_column"], result["frequency"]) == (
        "whitespace", "DATE", "D",
    )  # fmt: skip
    assert (result["date_min"], result["date_max"], result["rows"]) == (
        "2024-03-01", "2024-03-03", 6,
    )  # fmt: skip


def test_single_spaces_split_when_every_line_splits_alike() -> None:
    table = read_table(b"date sales spend\n2024-01-01 10 1.5\n2024-01-02 12 2\n")
    assert table.delimiter == "whitespace"
    assert table.names == ("date", "sales", "spend")
    assert table.column("spend").to_pylist() == ["1.5", "2"]


def test_a_ragged_whitespace_row_is_set_aside_and_numbered() -> None:
    lines = ["date  store  sales"] + [f"2024-01-{d:02d}  North  {d}" for d in range(1, 21)]
    lines[5] = "2024-01-05  North"
    table = read_table(("\n".join(lines) + "\n").encode())
    assert table.delimiter == "whitespace"
    issue = only_issue(table.issues, "ragged_rows")
    assert (issue.severity, issue.rows, issue.count) == (WARNING, (6,), 1)
    assert table.n_rows == 19


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a b  c\n1 2  3\n4 5  6", WIDE_SPACES),
        ('"x" "y"\n"1" 3 4\n"2" 5 6', SPACES),
        ("date\tstore\n2024-01-01\tNorth East\n2024-01-02\tSouth", "\t"),
        ("date,store,note\n2024-01-01,North East,a b c\n2024-01-02,South,d e f", ","),
        ("Order Date,Total Sales\n2024-01-01,5\n2024-01-02,6", ","),
        ("comment\nGreat product, fast delivery\nToo slow\nWould buy again next year", ","),
        ("Total revenue", ","),
    ],
    ids=["wide", "r-row-names", "tab-with-spaces", "comma-with-spaces", "spaced-names",
         "prose", "one-line"],
)  # fmt: skip
def test_sniff_whitespace_only_when_it_splits_better(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_separators_inside_quotes_stay() -> None:
    text = '  "North  East" 1\t2  \r\n"a ""b"" c"   3 4\n'
    assert separate(text, SPACES, []) == '"North  East"\x1f1\x1f2\r\n"a ""b"" c"\x1f3\x1f4\n'
    assert separate(text.encode(), SPACES, []) == separate(text, SPACES, []).encode()


def test_prose_stays_one_column() -> None:
    table = read_table(fixture_path("prose_one_column.csv"))
    assert table.delimiter == ","
    assert table.names == ("feedback",)
    assert table.column("feedback").to_pylist()[2] == "I ordered two, but only one arrived."
    assert table.n_rows == 5 and table.issues == ()


# --- a first row of values ----------------------------------------------------------------------


def test_headerless_csv_keeps_its_first_row_as_data() -> None:
    dataset = load_fixture("headerless.csv")
    assert dataset.raw.names == ("column_1", "column_2", "column_3", "column_4")
    assert dataset.raw.row_numbers.tolist() == [1, 2, 3, 4]
    assert column("headerless.csv", "column_1") == [
        "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04",
    ]  # fmt: skip
    assert column("headerless.csv", "column_2") == [1200.5, 1310.25, 1500.0, 1250.0]
    assert dataset.mapping.roles["column_1"] == "date"
    issue = only_issue(dataset.issues, "header_is_data")
    assert (issue.severity, issue.rows) == (WARNING, (1,))
    assert issue.message == (
        "Row 1 holds values, not column names (2024-01-01, 1200.5, 100, ...): it is read as "
        "data, and the columns are called column_1 to column_4 here; put the column names above "
        "it in the file."
    )


def test_header_is_data_has_its_chinese_sentence() -> None:
    from ui.i18n.messages import ISSUES_ZH

    issue = only_issue(load_fixture("headerless.csv").issues, "header_is_data")
    assert ISSUES_ZH[issue.code].format(**issue.params) == (
        "第 1 行是数值而不是列名（2024-01-01, 1200.5, 100, ...）：已作为数据读取，各列暂称为 "
        "column_1 至 column_4；请在文件中该行上方加一行列名。"
    )


def test_year_headers_over_text_stay_names() -> None:
    table = read_table(fixture_path("year_headers.csv"))
    assert table.names == ("2022", "2023", "2024")
    assert table.column("2022").to_pylist() == ["Pilot", "Launch", "Growth"]
    assert table.issues == ()


@pytest.mark.parametrize(
    ("content", "is_data"),
    [
        (b"2023,2024\n100,200\n300,400\n", False),  # consecutive years name a pivot's columns
        (b"5,7\n1,2\n3,4\n", True),
        (b"2024-01-01,North,5\n2024-01-02,South,6\n", False),  # a text cell: names
        (b"2024-01-01,100\n5,6\n7,8\n", False),  # a date over numbers
        (b"20240101  15\n20240102  16\n", True),
        (b"date,sales\n2024-01-01,5\n", False),
    ],
)
def test_first_row_is_data_only_when_it_reads_like_the_rows_below(
    content: bytes, is_data: bool
) -> None:
    table = read_table(content)
    assert any(issue.code == "header_is_data" for issue in table.issues) is is_data
    assert table.names[0] == "column_1" if is_data else table.names[0] != "column_1"


def test_first_row_check_on_an_empty_body() -> None:
    assert not first_row_is_data(["2024", "5"], pa.table({"c0": pa.array([], pa.string()),
                                                        "c1": pa.array([], pa.string())}))  # fmt: skip


def test_headerless_workbook_keeps_its_first_row_as_data() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for day in range(1, 5):
        sheet.append([dt.datetime(2024, 3, day), 1000 + day * 10.5, 100 + day])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), file_name="headerless.xlsx")
    assert table.names == ("column_1", "column_2", "column_3")
    assert table.column("column_1").to_pylist()[:2] == ["2024-03-01", "2024-03-02"]
    assert table.column("column_2").to_pylist()[0] == "1010.5"
    assert table.row_numbers.tolist() == [1, 2, 3, 4]
    assert only_issue(table.issues, "header_is_data").rows == (1,)


def test_one_field_more_in_a_comma_file_is_still_an_error_not_row_names() -> None:
    # An unquoted comma inside every city shifts the fields as R's row names would.
    with pytest.raises(UserInputError, match="No row has the 3 fields of the header line"):
        read_table(b"date,city,sales\n2024-01-01,Boston, MA,5\n2024-01-02,Austin, TX,6\n")


def test_separating_in_pieces_carries_quotes_across_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.ingest import whitespace

    text = b'"a" "b"\n"x\n  y" 2\n  3   4  \n"p q"\t5\n' * 5
    whole = separate(text, SPACES, [])
    monkeypatch.setattr(whitespace, "_CHUNK", 3)
    assert separate(text, SPACES, []) == whole
    assert whole.split(b"\n")[:5] == [b'"a"\x1f"b"', b'"x', b'  y"\x1f2', b"3\x1f4", b'"p q"\x1f5']


def test_fixed_width_cut_keeps_blank_lines_and_line_count() -> None:
    text = "a    b\r\n\r\n1    2\r\né    \r\n"
    assert separate(text, FIXED_WIDTH, ["a    b", "1    2", "é    "]) == "a\x1fb\n\n1\x1f2\né\x1f\n"
