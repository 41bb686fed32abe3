"""CSV and TSV exports: decoded, their delimiter sniffed, parsed with pyarrow as text cells;
rows with the wrong field count are set aside (found with array operations, see csv_records)
and reported by spreadsheet row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.errors import UserInputError
from analytics.ingest.csv_records import scan_records
from analytics.ingest.decoding import (
    DecodedText,
    decode,
    sample_lines,
    sniff_delimiter,
    text_sample,
)
from analytics.ingest.issues import WARNING, Issue, rows_phrase
from analytics.ingest.raw_table import MISSING_TOKENS, RawTable, name_columns
from analytics.ingest.whitespace import UNIT_SEPARATOR, WHITESPACE, separate

MAX_COLUMNS = 5_000
# RawTable.delimiter of a file whose fields are separated by runs of spaces and tabs.
WHITESPACE_NAME = "whitespace"
# pyarrow's CSV block size: a row must fit in one block.
MAX_LINE_BYTES = 1 << 20


def read_delimited(raw: bytes, file_name: str, encoding: str | None) -> RawTable:
    """A CSV or TSV export as text cells; raise UserInputError when it is no table."""
    try:
        decoded = decode(raw, encoding, trust_sample=True)
        table = _read_decoded(decoded, file_name)
    except _InvalidUtf8:
        decoded = decode(raw, encoding)
        table = _read_decoded(decoded, file_name)
    return replace(table, issues=decoded.issues + table.issues) if decoded.issues else table


class _InvalidUtf8(Exception):
    """UTF-8 was assumed from the file's start, and a later byte disproved it."""


class _RowsDiffer(Exception):
    """pyarrow met a row whose field count differs from the header's (no handler was given)."""


_ROWS_DIFFER = "columns, got"


def _read_decoded(decoded: DecodedText, file_name: str) -> RawTable:
    data = decoded.data
    header_end = _first_line_end(data)
    sample = text_sample(data, limit=header_end + 64 * 1024)
    delimiter = sniff_delimiter(sample)
    if delimiter in WHITESPACE:
        lines = sample_lines(sample)
        data = separate(data, delimiter, lines)
        sample, delimiter = separate(sample, delimiter, lines), UNIT_SEPARATOR
    lines = sample.splitlines()
    skip = 1 if lines and lines[0].lower().startswith("sep=") else 0
    rows = list(csv.reader(io.StringIO("\n".join(lines[skip : skip + 200])), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UserInputError(
            "The first line of the file holds no column names: put the column names on line 1.",
            code="empty_first_line",
        )
    header = _fit_trailing_delimiter(rows[0], rows[1:], whitespace=delimiter == UNIT_SEPARATOR)
    if len(header) > MAX_COLUMNS:
        raise UserInputError(
            f"The file has {len(header):,} columns; LiftBoard reads up to {MAX_COLUMNS:,}. "
            "Remove unused columns and upload it again.",
            code="too_many_columns",
            columns=len(header),
            limit=MAX_COLUMNS,
        )
    if data.count(b'"') % 2:
        _reject_unclosed_quote(data, delimiter)
    internal = [f"c{i}" for i in range(len(header))]
    cells, row_numbers, ragged = _read_rows(data, internal, delimiter, skip)
    if ragged.total and cells.num_rows == 0:
        raise _all_rows_ragged(ragged, delimiter)
    issues = list(_ragged_issue(ragged, cells.num_rows))
    names, cells, row_numbers, header_issues = name_columns(header, cells, row_numbers)
    return RawTable(
        names=names,
        cells=cells,
        file_name=file_name,
        content_hash="",
        encoding=decoded.encoding,
        delimiter=WHITESPACE_NAME if delimiter == UNIT_SEPARATOR else delimiter,
        sheet=None,
        sheets=(),
        row_numbers=row_numbers,
        issues=tuple(header_issues + issues),
    )


def _first_line_end(data: bytes) -> int:
    """Where the first line ends; a first line longer than a CSV block is refused."""
    ends = (data.find(b"\n", 0, MAX_LINE_BYTES), data.find(b"\r", 0, MAX_LINE_BYTES))
    found = [i for i in ends if i >= 0]
    if found:
        return min(found)
    if len(data) > MAX_LINE_BYTES:
        raise _line_too_long(1)
    return len(data)


def _fit_trailing_delimiter(
    header: list[str], rows: list[list[str]], *, whitespace: bool = False
) -> list[str]:
    """Exports that end every data line (or only the header) with a delimiter: one empty field
    more (or less) than the header on every line is that, not a different table. In whitespace
    text, one filled field more on every line, distinct on each, is R's row names (write.table
    names no column above them); a delimited file with it keeps its error: an unquoted delimiter
    inside a text (Boston, MA) does that too."""
    widths = [len(row) for row in rows if row]
    if not widths or len(set(widths)) != 1 or len(header) < 2:
        return header
    if widths[0] == len(header) - 1 and not header[-1].strip():
        return header[:-1]
    if widths[0] == len(header) + 1 and not any(row[-1].strip() for row in rows if row):
        return [*header, ""]
    row_names = [row[0] for row in rows if row]
    if widths[0] == len(header) + 1 and whitespace and len(set(row_names)) == len(row_names):
        return ["", *header]
    return header


def _line_too_long(line: int) -> UserInputError:
    return UserInputError(
        f"Line {line:,} of the file is longer than {MAX_LINE_BYTES // (1 << 20)} MB (a cell "
        "holds a whole document, or the line ends are missing): shorten or remove it, and "
        "upload the file again.",
        code="line_too_long",
        line=line,
        limit=MAX_LINE_BYTES // (1 << 20),
    )


def _first_long_line(data: bytes) -> int | None:
    """File line number of the first line longer than MAX_LINE_BYTES, if any."""
    separator = 10 if b"\n" in data else 13
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == separator)
    starts = np.concatenate(([0], ends + 1))
    lengths = np.append(ends, len(data)) - starts
    long = np.flatnonzero(lengths > MAX_LINE_BYTES)
    return int(long[0]) + 1 if long.size else None


def _reject_unclosed_quote(data: bytes, delimiter: str) -> None:
    """A quote opened at the start of a cell and never closed swallows the rest of the file
    into one cell; say on which line it opens instead of reading a shortened table."""
    csv.field_size_limit(max(csv.field_size_limit(), min(len(data) + 1, 2**31 - 1)))
    text = io.StringIO(data.decode("utf-8", errors="replace"), newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" not in str(exc):
                return
            raise UserInputError(
                f'A quote (") opened on line {start:,} is never closed, so the rest of the file '
                "would read as one cell: close or remove it, and upload the file again.",
                code="unclosed_quote",
                line=start,
            ) from exc
        start = reader.line_num + 1


@dataclass(frozen=True)
class _Ragged:
    """The rows set aside for their field count: how many, and the first ones."""

    expected: int
    total: int
    rows: tuple[int, ...]  # spreadsheet rows of the first ones (0 when not found)
    fields: tuple[int, ...]  # their field counts


_NO_RAGGED = _Ragged(0, 0, (), ())
_SHOWN = 10


def _all_rows_ragged(ragged: _Ragged, delimiter: str) -> UserInputError:
    first = next((row for row in ragged.rows if row > 0), 2)
    actual = ragged.fields[0]
    return UserInputError(
        f"No row has the {ragged.expected} {'field' if ragged.expected == 1 else 'fields'} of the "
        f"header line (row {first} has {actual}, "
        f"reading the file as {_delimiter_name(delimiter)}-separated): check the delimiter and "
        "the quotes around texts that contain it.",
        code="all_rows_ragged",
        expected=ragged.expected,
        actual=actual,
        row=first,
        delimiter=_delimiter_name(delimiter),
    )


def _read_rows(
    data: bytes, internal: list[str], delimiter: str, skip: int
) -> tuple[pa.Table, np.ndarray, _Ragged]:
    """The data rows as text cells, their spreadsheet row numbers, and the ragged rows.

    The records are laid out first with array operations; the ragged ones are cut out and the
    rest parsed in one pass (quoted line breaks need pyarrow's slower multi-line mode, used only
    when there are some). Files quoted irregularly are read the slow way.
    """
    try:  # most files: one line a row, every row complete; a ragged row stops pyarrow here
        cells = _parse_delimited(data, internal, delimiter, skip + 1, multiline=False)
        if data.count(b"\n") + (0 if data.endswith(b"\n") else 1) == skip + 1 + cells.num_rows:
            return cells, np.arange(2, 2 + cells.num_rows, dtype=np.int64), _NO_RAGGED
    except _RowsDiffer:
        pass
    records = scan_records(data, delimiter, skip + 1, len(internal))
    if records is not None:
        row_numbers = records.kept_rows()
        cells = (
            _parse_delimited(
                records.without_ragged(data),
                internal,
                delimiter,
                multiline=records.quoted_line_ends,
                whole=data,
            )
            if row_numbers.size
            else pa.table({name: pa.array([], pa.string()) for name in internal})
        )
        if cells.num_rows == len(row_numbers):
            ragged = _Ragged(
                len(internal),
                int(records.ragged.size),
                tuple((records.ragged[:_SHOWN] + 2).tolist()),
                tuple(records.ragged_fields[:_SHOWN].tolist()),
            )
            return cells, row_numbers, ragged
    return _read_rows_slowly(data, internal, delimiter, skip)


def _read_rows_slowly(
    data: bytes, internal: list[str], delimiter: str, skip: int
) -> tuple[pa.Table, np.ndarray, _Ragged]:
    """pyarrow skips the ragged rows one callback at a time, and Python's csv module numbers
    them: for the few files whose quoting the array layout does not follow."""
    found: list[tuple[int, int, str]] = []

    def on_ragged(row: pacsv.InvalidRow) -> str:
        found.append((row.expected_columns, row.actual_columns, row.text))
        return "skip"

    cells = _parse_delimited(
        data, internal, delimiter, skip + 1, multiline=False, on_ragged=on_ragged
    )
    if found and b'"' in data:
        found.clear()
        cells = _parse_delimited(
            data, internal, delimiter, skip + 1, multiline=True, on_ragged=on_ragged
        )
    row_numbers, ragged_rows = _spreadsheet_rows(
        data, delimiter, skip, len(internal), cells.num_rows, found
    )
    if not found:
        return cells, row_numbers, _NO_RAGGED
    ragged = _Ragged(
        found[0][0],
        len(found),
        tuple(ragged_rows[:_SHOWN]),
        tuple(actual for _, actual, _ in found[:_SHOWN]),
    )
    return cells, row_numbers, ragged


def _parse_delimited(
    data: bytes | memoryview,
    internal: list[str],
    delimiter: str,
    skip_rows: int = 0,
    *,
    multiline: bool,
    whole: bytes | None = None,
    on_ragged: object = None,
) -> pa.Table:
    """Parse with pyarrow, all cells as text (``whole``: the file, when ``data`` is a part)."""
    try:
        return pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(data)),
            read_options=pacsv.ReadOptions(
                column_names=internal, skip_rows=skip_rows, block_size=MAX_LINE_BYTES
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=multiline, invalid_row_handler=on_ragged
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in internal},
                null_values=MISSING_TOKENS,
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        if "UTF8" in str(exc) or "UTF-8" in str(exc):
            raise _InvalidUtf8 from exc
        if on_ragged is None and whole is None and _ROWS_DIFFER in str(exc):
            raise _RowsDiffer from exc
        whole = whole if whole is not None else bytes(data)
        long_line = _first_long_line(whole) if "block" in str(exc) else None
        if long_line:
            raise _line_too_long(long_line) from exc
        raise UserInputError(
            f"The file could not be read as a {_delimiter_name(delimiter)}-separated table "
            f"({_first_line(str(exc))}): check that every row is complete and quotes are closed.",
            code="not_a_table",
            delimiter=delimiter,
        ) from exc


def _delimiter_name(delimiter: str) -> str:
    names = {
        ",": "comma",
        ";": "semicolon",
        "\t": "tab",
        "|": "pipe",
        UNIT_SEPARATOR: WHITESPACE_NAME,
    }
    return names.get(delimiter, delimiter)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:160] if text.strip() else "unknown error"


def _records(data: bytes, delimiter: str) -> Iterator[list[str]]:
    """Python's csv records of the whole file, however long a quoted cell (its default limit
    of 131,072 characters a field is a guard against runaway memory, which the file size bounds
    here)."""
    csv.field_size_limit(max(csv.field_size_limit(), min(len(data) + 1, 2**31 - 1)))
    return csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter)


def _line_numbers(data: bytes, texts: list[str]) -> list[int]:
    """File line numbers of the given row texts, found in order (a repeated text is found
    again after the previous one, not at its first place)."""
    lines: list[int] = []
    position, after, line = 0, 0, 1
    for text in texts:
        encoded = text.encode("utf-8")
        index = data.find(encoded, after)
        if index < 0:
            lines.append(0)
            continue
        line += data.count(b"\n", position, index)
        position, after = index, index + max(1, len(encoded))
        lines.append(line)
    return lines


def _spreadsheet_rows(
    data: bytes,
    delimiter: str,
    skip: int,
    width: int,
    kept: int,
    ragged: list[tuple[int, int, str]],
) -> tuple[np.ndarray, list[int]]:
    """Spreadsheet row numbers (header = row 1) of the kept rows and of the ragged ones, from
    Python's csv records; from the ragged rows' texts where pyarrow's records differ."""
    kept_rows: list[int] = []
    ragged_rows: list[int] = []
    for number, record in enumerate(_records(data, delimiter), start=1):
        if number > skip + 1 and record:
            (kept_rows if len(record) == width else ragged_rows).append(number - skip)
    if len(kept_rows) == kept and len(ragged_rows) == len(ragged):
        return np.array(kept_rows, dtype=np.int64), ragged_rows
    found = _line_numbers(data, [text for _, _, text in ragged])
    ragged_lines = [line - skip if line > 0 else 0 for line in found]
    return _row_numbers(kept, 2, ragged_lines), ragged_lines


def _row_numbers(n_rows: int, first_line: int, skipped_lines: list[int]) -> np.ndarray:
    """The first ``n_rows`` numbers from ``first_line`` on that are not skipped."""
    skipped = np.array(sorted({line for line in skipped_lines if line > 0}), dtype=np.int64)
    numbers = np.arange(first_line, first_line + n_rows + skipped.size, dtype=np.int64)
    kept = np.ones(numbers.size, dtype=bool)
    kept[skipped[(skipped >= first_line) & (skipped < first_line + numbers.size)] - first_line] = 0
    return numbers[kept][:n_rows]


def _ragged_issue(ragged: _Ragged, kept: int) -> list[Issue]:
    if not ragged.total:
        return []
    rows = tuple(row for row in ragged.rows if row > 0)
    total = ragged.total
    severity = "error" if total > max(10, 0.1 * (kept + total)) else WARNING
    advice = (
        "check the delimiter and the quotes around texts that contain it"
        if severity == "error"
        else "they were left out; fix them in the file to include them"
    )
    return [
        Issue(
            severity,
            "ragged_rows",
            None,
            f"{total} {'row has' if total == 1 else 'rows have'} a different number of fields "
            f"than the {ragged.expected} column names ({rows_phrase(rows, total)}): {advice}.",
            rows,
            total,
        )
    ]
