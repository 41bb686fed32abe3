"""Workbooks checked before the reader allocates what their XML claims, delimited text laid out
by array operations (long quoted cells, ragged rows numbered right), and documents named as
tables. The corpus files themselves are in tests/bad_corpus.py; these are the finer points."""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.errors import UserInputError
from analytics.ingest import workbook
from analytics.ingest.csv_records import scan_records
from analytics.ingest.load import load
from analytics.ingest.reading import read_table
from tests.bad_corpus import BAD, make_bad_module

# --- workbooks ------------------------------------------------------------------------------------


def _refused(source: bytes | object) -> UserInputError:
    with pytest.raises(UserInputError) as caught:
        read_table(source, file_name="book.xlsx")
    return caught.value


def test_a_part_whose_directory_understates_its_size_stays_damaged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """zipfile reads no more than the declared 2,000 bytes of the forged 20 MB sheet."""
    monkeypatch.setattr(workbook, "MAX_PART_BYTES", 1 << 20)
    assert _refused(BAD / "xlsx_forged_sizes.xlsx").code == "damaged_workbook"


def test_a_part_declared_larger_than_the_cap_is_refused_before_unpacking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * 3_000_000)
    monkeypatch.setattr(workbook, "MAX_PART_BYTES", 2 << 20)
    error = _refused(buffer.getvalue())
    assert (error.code, error.params) == (
        "part_too_large",
        {"part": "xl/sharedStrings.xml", "limit": 2},
    )
    assert str(error) == (
        "The workbook's part xl/sharedStrings.xml unpacks to more than 2 MB, more than "
        "LiftBoard reads from one sheet: export the sheet as CSV and upload that."
    )


def test_the_declared_part_count_is_read_from_the_end_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = (BAD / "xlsx_shared_strings_claim.xlsx").read_bytes()
    assert workbook._declared_parts(raw) == 6
    monkeypatch.setattr(workbook, "MAX_PARTS", 5)
    error = _refused(raw)
    assert (error.code, error.params) == ("too_many_parts", {"parts": 6, "limit": 5})


def test_shared_strings_with_a_namespace_prefix_are_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    buffer = io.BytesIO()
    strings = b'<x:sst xmlns:x="s">' + b"<x:si><x:t>a</x:t></x:si>" * 30 + b"</x:sst>"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
    monkeypatch.setattr(workbook, "_CELL_LIMIT", 20)
    error = _refused(buffer.getvalue())
    assert (error.code, error.params) == ("too_many_strings", {"count": 30, "limit": 20})


def test_a_dimension_inside_the_grid_is_not_refused() -> None:
    """Excel leaves a stale, larger dimension after cells are cleared; the reader reserves at
    most a capped amount for it (measured: 140 MB for A1:XFD1048576), so only cells count."""
    raw = make_bad_module()._two_strings(dimension='<dimension ref="A1:XFD1048576"/>')
    table = read_table(raw, file_name="book.xlsx")
    assert table.names == ("date", "revenue") and table.n_rows == 1


def test_an_open_document_spreadsheet_says_what_it_is() -> None:
    error = _refused(BAD / "ods_named.xlsx")
    assert error.code == "ods_spreadsheet"


# --- delimited text -------------------------------------------------------------------------------


def test_a_quoted_cell_longer_than_the_csv_modules_limit_reads_whole() -> None:
    dataset = load(BAD / "long_quoted_cell.csv")
    note = dataset.frame["note"].tolist()[2]
    assert note == "x" * 100_000 + "\n" + "y" * 100_000
    assert dataset.raw.row_numbers.tolist() == list(range(2, 16))


def test_ragged_rows_with_the_same_text_keep_their_own_row_numbers() -> None:
    table = read_table(BAD / "ragged_repeated_text.csv")
    (issue,) = table.issues
    assert issue.rows == (3, 5)
    assert issue.message == (
        "2 rows have a different number of fields than the 5 column names (rows 3, 5): "
        "they were left out; fix them in the file to include them."
    )
    assert table.row_numbers.tolist() == [2, 4, *range(6, 30)]


def test_a_quote_inside_an_unquoted_cell_is_read_the_slow_way_with_the_same_rows() -> None:
    data = b'date,note,sales\n2024-01-01,5" screen,1\n2024-01-02,x\n2024-01-03,ok,3\n2024-01-02,x\n'
    assert scan_records(data, ",", 1, 3) is None
    table = read_table(data)
    assert table.column("note").to_pylist() == ['5" screen', "ok"]
    assert table.row_numbers.tolist() == [2, 4]
    assert table.issues[0].rows == (3, 5)


def test_an_unclosed_quote_after_a_long_quoted_cell_is_still_found() -> None:
    data = b'date,sales,note\n2024-01-01,5,"' + b"x" * 200_000 + b'"\n2024-01-02,6,"ok\n'
    with pytest.raises(UserInputError) as caught:
        read_table(data)
    assert (caught.value.code, caught.value.params) == ("unclosed_quote", {"line": 3})


# Cells drawn from pieces that exercise quoting, doubled quotes, delimiters in quotes and every
# line end; rows of 1 to 4 cells; blank lines.
_CELL = st.sampled_from(["a", "bb", "", '"q,1"', '"x""y"', '"two\nlines"', '"c\r\nr"', "7"])
_END = st.sampled_from(["\n", "\r\n", "\r"])
_ROW = st.one_of(st.just(""), st.lists(_CELL, min_size=1, max_size=4).map(",".join))


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(_ROW, _END), min_size=1, max_size=12), last_end=st.booleans())
def test_the_array_layout_numbers_rows_as_pythons_csv_module_does(
    rows: list[tuple[str, str]], last_end: bool
) -> None:
    text = "h1,h2,h3\n" + "".join(row + end for row, end in rows)
    if not last_end:
        text = text.rstrip("\r\n")
    records = scan_records(text.encode(), ",", 1, 3)
    assert records is not None
    kept, ragged = [], []
    for number, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if number > 1 and record:
            (kept if len(record) == 3 else ragged).append(number)
    assert records.kept_rows().tolist() == kept
    assert (records.ragged + 2).tolist() == ragged
    cut = bytes(records.without_ragged(text.encode())).decode()
    expected = [r for r in csv.reader(io.StringIO(text, newline="")) if len(r) == 3][1:]
    assert [r for r in csv.reader(io.StringIO(cut, newline="")) if r] == expected


def test_the_layout_works_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.ingest import csv_records

    monkeypatch.setattr(csv_records, "_CHUNK", 5)
    data = b'h1,h2\r\n1,2\r\n"a,\r\nb",3\r\n4\r\n\r\n5,"6""7"\r8,9'
    records = scan_records(data, ",", 1, 2)
    assert records is not None
    assert records.kept_rows().tolist() == [2, 3, 6, 7]
    assert records.ragged.tolist() == [2] and records.blank.tolist() == [3]
    assert bytes(records.without_ragged(data)) == b'1,2\r\n"a,\r\nb",3\r\n\r\n5,"6""7"\r8,9'
    assert records.quoted_line_ends


def test_row_numbers_past_left_out_lines_are_found_without_a_loop_per_line() -> None:
    from analytics.ingest.delimited_text import _row_numbers

    assert _row_numbers(5, 2, [3, 0, 5, 3, 100]).tolist() == [2, 4, 6, 7, 8]
    assert _row_numbers(0, 2, [3]).tolist() == []
    assert np.array_equal(_row_numbers(3, 2, []), [2, 3, 4])


# --- documents named as tables --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "code"),
    [
        (b"GIF89a\x01\x00", "image_file"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image_file"),
        (b"\xef\xbb\xbf\n  <!DOCTYPE HTML PUBLIC>", "web_page"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "web_page"),
        (b"{\\rtf1\\ansi", "rtf_document"),
    ],
)
def test_documents_and_images_say_what_they_are(head: bytes, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        read_table(head + b"\n" * 10, file_name="data.csv")
    assert caught.value.code == code


def test_a_table_whose_first_cell_starts_with_a_tag_is_still_a_table() -> None:
    table = read_table(b"<b>date</b>,sales\n2024-01-01,1\n")
    assert table.names == ("<b>date</b>", "sales")
