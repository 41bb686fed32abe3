"""CSV and TSV exports: decoded, their delimiter sniffed, parsed with pyarrow as text cells;
rows with the wrong field count are set aside and reported by spreadsheet row."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.errors import UserInputError
from analytics.ingest.decoding import DecodedText, decode, sniff_delimiter, text_sample
from analytics.ingest.issues import WARNING, Issue, rows_phrase
from analytics.ingest.raw_table import MISSING_TOKENS, RawTable, clean_header

MAX_COLUMNS = 5_000
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


def _read_decoded(decoded: DecodedText, file_name: str) -> RawTable:
    header_end = _first_line_end(decoded.data)
    sample = text_sample(decoded.data, limit=header_end + 64 * 1024)
    delimiter = sniff_delimiter(sample)
    lines = sample.splitlines()
    skip = 1 if lines and lines[0].lower().startswith("sep=") else 0
    rows = list(csv.reader(io.StringIO("\n".join(lines[skip : skip + 200])), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UserInputError(
            "The first line of the file holds no column names: put the column names on line 1.",
            code="empty_first_line",
        )
    header = _fit_trailing_delimiter(rows[0], rows[1:])
    if len(header) > MAX_COLUMNS:
        raise UserInputError(
            f"The file has {len(header):,} columns; LiftBoard reads up to {MAX_COLUMNS:,}. "
            "Remove unused columns and upload it again.",
            code="too_many_columns",
            columns=len(header),
            limit=MAX_COLUMNS,
        )
    if decoded.data.count(b'"') % 2:
        _reject_unclosed_quote(decoded.data, delimiter)
    internal = [f"c{i}" for i in range(len(header))]
    cells, ragged = _parse_delimited(decoded.data, internal, delimiter, skip + 1, multiline=False)
    if ragged and b'"' in decoded.data:
        cells, ragged = _parse_delimited(
            decoded.data, internal, delimiter, skip + 1, multiline=True
        )
    row_numbers, ragged_lines = _spreadsheet_rows(
        decoded.data, delimiter, skip, len(header), cells.num_rows, ragged
    )
    if ragged and cells.num_rows == 0:
        raise _all_rows_ragged(ragged, ragged_lines, delimiter)
    issues = list(_ragged_issue(ragged, ragged_lines, cells.num_rows))
    names, cells, header_issues = clean_header(header, cells)
    return RawTable(
        names=names,
        cells=cells,
        file_name=file_name,
        content_hash="",
        encoding=decoded.encoding,
        delimiter=delimiter,
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


def _fit_trailing_delimiter(header: list[str], rows: list[list[str]]) -> list[str]:
    """Exports that end every data line (or only the header) with a delimiter: one empty field
    more (or less) than the header on every line is that, not a different table."""
    widths = [len(row) for row in rows if row]
    if not widths or len(set(widths)) != 1 or len(header) < 2:
        return header
    if widths[0] == len(header) - 1 and not header[-1].strip():
        return header[:-1]
    if widths[0] == len(header) + 1 and not any(row[-1].strip() for row in rows if row):
        return [*header, ""]
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


def _all_rows_ragged(
    ragged: list[tuple[int, int, str]], lines: list[int], delimiter: str
) -> UserInputError:
    expected, actual, _ = ragged[0]
    first = next((line for line in lines if line > 0), 2)
    return UserInputError(
        f"No row has the {expected} {'field' if expected == 1 else 'fields'} of the header line "
        f"(row {first} has {actual}, "
        f"reading the file as {_delimiter_name(delimiter)}-separated): check the delimiter and "
        "the quotes around texts that contain it.",
        code="all_rows_ragged",
        expected=expected,
        actual=actual,
        row=first,
        delimiter=_delimiter_name(delimiter),
    )


def _parse_delimited(
    data: bytes, internal: list[str], delimiter: str, skip_rows: int, *, multiline: bool
) -> tuple[pa.Table, list[tuple[int, int, str]]]:
    """Parse with pyarrow, all cells as text; rows with the wrong field count are set aside.

    Quoted line breaks need the slower multi-line mode; it is used only when the fast pass
    found rows that did not fit and the file has quotes.
    """
    ragged: list[tuple[int, int, str]] = []

    def on_ragged(row: pacsv.InvalidRow) -> str:
        ragged.append((row.expected_columns, row.actual_columns, row.text))
        return "skip"

    try:
        cells = pacsv.read_csv(
            io.BytesIO(data),
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
        long_line = _first_long_line(data) if "block" in str(exc) else None
        if long_line:
            raise _line_too_long(long_line) from exc
        raise UserInputError(
            f"The file could not be read as a {_delimiter_name(delimiter)}-separated table "
            f"({_first_line(str(exc))}): check that every row is complete and quotes are closed.",
            code="not_a_table",
            delimiter=delimiter,
        ) from exc
    return cells, ragged


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(delimiter, delimiter)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:160] if text.strip() else "unknown error"


def _line_numbers(data: bytes, texts: list[str]) -> list[int]:
    """File line numbers of the given row texts, found in order."""
    lines: list[int] = []
    position, line = 0, 1
    for text in texts:
        index = data.find(text.encode("utf-8"), position)
        if index < 0:
            lines.append(0)
            continue
        line += data.count(b"\n", position, index)
        position = index
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
    """Spreadsheet row numbers (header = row 1) of the kept rows and of the ragged ones.

    When every row is one line they are line numbers (less an Excel 'sep=' line, which a
    spreadsheet does not show), found fast. Blank lines (which the parser skips but a spreadsheet
    shows as rows) and quoted line breaks (one row over several lines) need the records counted.
    """
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines != skip + 1 + kept + len(ragged):
        kept_rows: list[int] = []
        ragged_rows: list[int] = []
        records = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter)
        for number, record in enumerate(records, start=1):
            if number > skip + 1 and record:
                (kept_rows if len(record) == width else ragged_rows).append(number - skip)
        if len(kept_rows) == kept and len(ragged_rows) == len(ragged):
            return np.array(kept_rows, dtype=np.int64), ragged_rows
    found = _line_numbers(data, [text for _, _, text in ragged])
    ragged_lines = [line - skip if line > 0 else 0 for line in found]
    return _row_numbers(kept, 2, ragged_lines), ragged_lines


def _row_numbers(n_rows: int, first_line: int, skipped_lines: list[int]) -> np.ndarray:
    numbers = np.arange(first_line, first_line + n_rows, dtype=np.int64)
    for skipped in sorted(line for line in skipped_lines if line > 0):
        numbers[numbers >= skipped] += 1
    return numbers


def _ragged_issue(ragged: list[tuple[int, int, str]], lines: list[int], kept: int) -> list[Issue]:
    if not ragged:
        return []
    expected = ragged[0][0]
    rows = tuple(line for line in lines if line > 0)[:10]
    total = len(ragged)
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
            f"than the {expected} column names ({rows_phrase(rows, total)}): {advice}.",
            rows,
            total,
        )
    ]
