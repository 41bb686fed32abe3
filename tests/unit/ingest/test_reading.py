"""Reading files into text cells: every format of the corpus, spreadsheet row numbers, headers,
ragged rows, workbooks with sheets, and inputs that are no table at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from corpus import FIXTURES, fixture_path

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest import workbook
from analytics.ingest.raw_table import RawTable
from analytics.ingest.reading import read_table


def rows_of(table: RawTable, count: int = 2) -> list[list[str | None]]:
    """The first data rows as lists of cell texts."""
    columns = [table.column(name).to_pylist() for name in table.names]
    return [[column[i] for column in columns] for i in range(min(count, table.n_rows))]


# --- the committed binary and encoded fixtures never drift from their generator -------------


def test_generated_fixtures_match_their_generator(make_fixtures: ModuleType) -> None:
    for name, data in make_fixtures.all_fixtures().items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} differs: run make_fixtures.py"


def test_fixtures_stay_commit_sized() -> None:
    for path in FIXTURES.iterdir():
        if path.is_file():
            assert path.stat().st_size < 8_000, path.name


# --- text files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "names", "first_row"),
    [
        ("utf8_basic.csv", "utf-8", ",",
         ("date", "store", "revenue", "units", "spend", "campaign", "discount"),
         ["2024-03-01", "North", "1200.50", "40", "100", None, "0"]),
        ("utf8_bom.csv", "utf-8-sig", ",", ("date", "store", "revenue", "spend"),
         ["2024-01-01", "North", "100.5", "10"]),
        ("gbk_chinese.csv", "gb18030", ",", ("日期", "门店", "销售额", "销量", "花费", "活动", "折扣"),
         ["2024-01-01", "上海一店", "1200.5", "40", "100", None, "0"]),
        ("utf16le_unicode_text.csv", "utf-16", "\t", ("日期", "渠道", "销售额", "花费"),
         ["2024-01-01", "搜索", "1200.5", "100"]),
        ("semicolon_decimal_comma.csv", "utf-8", ";",
         ("date", "store", "revenue", "units", "spend", "discount"),
         ["13.01.2024", "Nord", "1.234,56", "1.200", "100,00", "0,1"]),
        ("thousands_comma.csv", "utf-8", ",", ("date", "region", "revenue", "orders", "spend"),
         ["2024-05-01", "East", "1,234.56", "1,200", "250.00"]),
        ("space_thousands.csv", "utf-8", ";", ("date", "store", "revenue", "spend"),
         ["2024-01-01", "Paris", "1 234,56", "100,00"]),
        ("currency.csv", "utf-8", ",", ("date", "revenue", "spend", "price", "discount"),
         ["2024-02-01", "￥1,234.00", "$250.00", "€19.99", "£1.50"]),
        ("pipe_delimited.csv", "utf-8", "|", ("date", "channel", "visits", "conversions", "spend"),
         ["2024-07-01", "search", "1200", "36", "150.5"]),
        ("tab_separated.tsv", "utf-8", "\t", ("date", "category", "sales", "cost"),
         ["2024-08-01", "Home", "340.5", "40"]),
        ("excel_sep_line.csv", "utf-8", ";", ("date", "store", "revenue"),
         ["2024-01-01", "A", "10"]),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else None,
)  # fmt: skip
def test_text_files(
    name: str, encoding: str, delimiter: str, names: tuple[str, ...], first_row: list[str | None]
) -> None:
    table = read_table(fixture_path(name))
    assert table.file_name == name
    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert table.names == names
    assert rows_of(table, 1) == [first_row]
    assert table.issues == ()
    assert table.sheet is None and table.sheets == ()
    assert table.row_numbers.tolist() == list(range(2, 2 + table.n_rows))


def test_bytes_and_paths_read_the_same(tmp_path: Path) -> None:
    raw = fixture_path("gbk_chinese.csv").read_bytes()
    from_bytes = read_table(raw, file_name="上传.csv")
    from_path = read_table(fixture_path("gbk_chinese.csv"))
    assert from_bytes.file_name == "上传.csv"
    assert from_bytes.cells.equals(from_path.cells)
    assert from_bytes.content_hash == from_path.content_hash
    assert read_table(b"a,b\n1,2\n").file_name == "upload"


def test_cp1252_needs_confirmation_then_reads() -> None:
    with pytest.raises(EncodingNeedsConfirmation):
        read_table(fixture_path("cp1252_western.csv"))
    table = read_table(fixture_path("cp1252_western.csv"), encoding="cp1252")
    assert table.encoding == "cp1252"
    assert table.names == ("Date", "Store", "Revenue", "Spend", "Campaign")
    assert table.column("Store").to_pylist() == [
        "Café Zürich", "Café Zürich", "Müller & Söhne", "Müller & Söhne"
    ]  # fmt: skip
    assert table.column("Campaign").to_pylist() == [None, "Soldes d’été", "Soldes d’été", "Prix €"]


def test_missing_tokens_become_null() -> None:
    table = read_table(b"date,sales\n2024-01-01,NA\n2024-01-02,-\n2024-01-03,#N/A\n2024-01-04,7\n")
    assert table.column("sales").to_pylist() == [None, None, None, "7"]


def test_quoted_cells_keep_their_delimiters() -> None:
    table = read_table(fixture_path("thousands_comma.csv"))
    assert table.column("revenue").to_pylist()[:2] == ["1,234.56", "12,345.60"]


def test_header_only_file_has_no_rows() -> None:
    table = read_table(fixture_path("header_only.csv"))
    assert table.names == ("date", "revenue", "spend")
    assert table.n_rows == 0
    assert table.row_numbers.tolist() == []


# --- row numbers are spreadsheet rows (header = row 1) ------------------------------------------


def test_ragged_rows_are_set_aside_and_reported_by_row() -> None:
    table = read_table(fixture_path("ragged_rows.csv"))
    assert table.n_rows == 10
    assert "2024-01-02" not in table.column("date").to_pylist()
    assert table.row_numbers.tolist() == [2, 4, 6, 7, 8, 9, 10, 11, 12, 13]
    (issue,) = table.issues
    assert (issue.severity, issue.code, issue.column) == ("warning", "ragged_rows", None)
    assert issue.rows == (3, 5) and issue.count == 2
    assert issue.message == (
        "2 rows have a different number of fields than the 3 column names (rows 3, 5): "
        "they were left out; fix them in the file to include them."
    )


def test_many_ragged_rows_are_an_error_pointing_at_the_delimiter() -> None:
    lines = ["date,store,revenue"] + [f"2024-01-{d:02d},A,{d},x" for d in range(1, 15)]
    lines += ["2024-01-20,A,20"]
    table = read_table("\n".join(lines).encode())
    (issue,) = table.issues
    assert issue.severity == "error" and issue.count == 14
    assert issue.rows == tuple(range(2, 12))
    assert "check the delimiter" in issue.message


def test_blank_lines_count_as_spreadsheet_rows() -> None:
    table = read_table(fixture_path("blank_lines.csv"))
    assert table.column("revenue").to_pylist()[:3] == ["100", "110", "oops"]
    assert table.row_numbers.tolist() == [2, 3, 5, 6, 7, 8, 9]


def test_quoted_line_breaks_keep_one_row_per_record() -> None:
    table = read_table(fixture_path("quoted_newline.csv"))
    assert table.column("note").to_pylist()[:2] == ["two\nlines", "plain"]
    assert table.row_numbers.tolist() == [2, 4, 5, 6, 7, 8]
    (issue,) = table.issues
    assert issue.code == "ragged_rows" and issue.rows == (3,)


def test_excel_sep_line_is_not_a_row() -> None:
    table = read_table(fixture_path("excel_sep_line.csv"))
    assert table.row_numbers.tolist() == [2, 3, 4]
    ragged = read_table(b"sep=;\ndate;sales\n2024-01-01;1\n2024-01-02\n2024-01-03;3\n")
    assert ragged.row_numbers.tolist() == [2, 4]
    assert ragged.issues[0].rows == (3,)


def test_old_mac_line_ends() -> None:
    table = read_table(b"date,sales\r2024-01-01,1\r2024-01-02,2\r")
    assert table.column("sales").to_pylist() == ["1", "2"]
    assert table.row_numbers.tolist() == [2, 3]


# --- headers ------------------------------------------------------------------------------------


def test_duplicate_headers_are_numbered_and_reported() -> None:
    table = read_table(fixture_path("duplicate_headers.csv"))
    assert table.names == ("date", "revenue", "Revenue (2)", "spend", "spend (2)")
    assert table.column("Revenue (2)").to_pylist() == ["101", "111", "121"]
    issues = [(i.code, i.column, i.rows, i.message) for i in table.issues]
    assert issues == [
        ("duplicate_header", "Revenue (2)", (1,),
         "Column 3 repeats the name 'Revenue'; it is called 'Revenue (2)' here; "
         "give each column its own name."),
        ("duplicate_header", "spend (2)", (1,),
         "Column 5 repeats the name 'spend'; it is called 'spend (2)' here; "
         "give each column its own name."),
    ]  # fmt: skip


def test_empty_headers_are_named_or_dropped_when_the_column_is_empty() -> None:
    table = read_table(fixture_path("empty_headers.csv"))
    assert table.names == ("date", "revenue", "column_3", "spend")
    assert table.column("column_3").to_pylist() == ["7", "8", "9"]
    issues = [(i.severity, i.code, i.column, i.message) for i in table.issues]
    assert issues == [
        ("warning", "empty_header", "column_3",
         "Column 3 has no name; it is called 'column_3' here; name it in the file."),
        ("warning", "empty_column", None, "Column 5 has no name and no values; it was left out."),
    ]  # fmt: skip


def test_header_whitespace_is_collapsed() -> None:
    table = read_table(b" date ,  net   sales \n2024-01-01,1\n")
    assert table.names == ("date", "net sales")


# --- workbooks ----------------------------------------------------------------------------------


def test_workbook_first_sheet_by_default_with_typed_cells_as_text() -> None:
    table = read_table(fixture_path("workbook_two_sheets.xlsx"))
    assert table.sheets == ("Daily", "周报")
    assert table.sheet == "Daily"
    assert table.encoding is None and table.delimiter is None
    assert table.names == ("date", "store", "revenue", "spend", "campaign")
    assert table.n_rows == 12
    assert rows_of(table, 2) == [
        ["2024-03-01", "North", "1000.25", "100", None],
        ["2024-03-01", "South", "1500.25", "105", None],
    ]
    assert table.column("campaign").to_pylist()[4:8] == ["Launch"] * 4
    assert table.row_numbers.tolist() == list(range(2, 14))


def test_workbook_sheet_choice_and_sheet_row_numbers_past_a_blank_row() -> None:
    table = read_table(fixture_path("workbook_two_sheets.xlsx"), sheet="周报")
    assert table.sheet == "周报"
    assert table.names == ("日期", "销售额", "花费")
    assert table.column("日期").to_pylist()[:4] == [
        "2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"
    ]  # fmt: skip
    assert table.column("销售额").to_pylist()[3] == "n.v."
    assert table.row_numbers.tolist() == [2, 3, 5, 6, 7, 8, 9, 10]


def test_workbook_content_hash_depends_on_the_sheet() -> None:
    path = fixture_path("workbook_two_sheets.xlsx")
    assert read_table(path).content_hash != read_table(path, sheet="周报").content_hash


def test_unknown_sheet_lists_the_sheets() -> None:
    with pytest.raises(UserInputError, match="has no sheet 'Monthly'; its sheets are Daily, 周报"):
        read_table(fixture_path("workbook_two_sheets.xlsx"), sheet="Monthly")


def test_workbook_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED_BYTES", 10_000)
    with pytest.raises(UserInputError, match="ZIP bomb"):
        read_table(fixture_path("workbook_two_sheets.xlsx"))


def test_highly_compressed_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 51_000_000)
    assert 51_000_000 / len(buffer.getvalue()) > workbook.MAX_COMPRESSION_RATIO
    with pytest.raises(UserInputError, match="ZIP bomb"):
        read_table(buffer.getvalue(), file_name="bomb.xlsx")


# --- inputs that are no table -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "The file is empty: export the table again with its header row."),
        ("binary_renamed.csv",
         "This is an image (PNG), not a table: upload the CSV or Excel file that holds the "
         "numbers."),
        ("not_a_workbook.zip",
         "This is a ZIP archive, not an Excel workbook: upload the .xlsx or .csv itself."),
    ],
)  # fmt: skip
def test_unreadable_inputs_raise_one_clear_message(name: str, message: str) -> None:
    with pytest.raises(UserInputError) as caught:
        read_table(fixture_path(name))
    assert str(caught.value) == message


def test_damaged_workbook() -> None:
    with pytest.raises(UserInputError, match="damaged Excel workbook"):
        read_table(b"PK\x03\x04" + b"\x00" * 40)


def test_corrupt_workbook_contents() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<not-xml")
    with pytest.raises(UserInputError, match="could not be opened"):
        read_table(buffer.getvalue())


def test_blank_first_line() -> None:
    with pytest.raises(UserInputError, match="put the column names on line 1"):
        read_table(b",,\n1,2,3\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="Cannot read"):
        read_table(tmp_path / "nope.csv")


def _workbook_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_workbook_title_rows_above_the_table_are_skipped_and_reported() -> None:
    raw = _workbook_bytes(
        [
            ["Sales report Q1"],
            ["Exported 2024-04-02", None, None],
            [],
            ["date", "region", "revenue", "spend"],
            ["2024-01-01", "East", 100, 10],
            ["2024-01-02", "East", 120, None],
        ]
    )
    table = read_table(raw, file_name="report.xlsx")
    assert table.names == ("date", "region", "revenue", "spend")
    assert table.n_rows == 2
    assert list(table.row_numbers) == [5, 6]
    (title,) = [issue for issue in table.issues if issue.code == "title_rows"]
    assert title.severity == "warning"
    assert title.rows == (1, 2)
    assert "Sales report Q1 Exported 2024-04-02" in title.message
    assert "row 4" in title.message


def test_workbook_header_issues_carry_the_header_row_below_a_title() -> None:
    raw = _workbook_bytes([["Weekly export"], ["date", "revenue", "revenue"], ["2024-01-01", 1, 2]])
    table = read_table(raw, file_name="report.xlsx")
    (duplicate,) = [issue for issue in table.issues if issue.code == "duplicate_header"]
    assert duplicate.rows == (2,)


def test_workbook_without_a_title_keeps_its_first_row_as_header() -> None:
    raw = _workbook_bytes([["date", "revenue"], ["2024-01-01", 5], ["2024-01-02", None]])
    table = read_table(raw, file_name="plain.xlsx")
    assert table.names == ("date", "revenue")
    assert not [issue for issue in table.issues if issue.code == "title_rows"]
