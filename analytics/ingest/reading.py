"""Read CSV, TSV, XLSX and XLS exports into a table of text cells, ready for explicit parsing."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from zlib import error as zlib_error

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.errors import UserInputError
from analytics.ingest.decoding import DecodedText, decode, sniff_delimiter, text_sample
from analytics.ingest.issues import WARNING, Issue, rows_phrase

MISSING_TOKENS = ["", "NA", "na", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "none",
                  "-", "--", "—", "#N/A"]  # fmt: skip
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_UNCOMPRESSED_BYTES = 1_000_000_000
MAX_COMPRESSION_RATIO = 200
MAX_COLUMNS = 5_000
# pyarrow's CSV block size: a row must fit in one block.
MAX_LINE_BYTES = 1 << 20
_CELL_LIMIT = 10_000_000
# A sheet's header is the first of its first rows that fills this share of the widest row's cells.
_TITLE_SCAN = 20
_HEADER_SHARE = 0.6


@dataclass(frozen=True)
class RawTable:
    """Every cell as text (null = missing), with what was learnt about the file on the way."""

    names: tuple[str, ...]
    cells: pa.Table
    file_name: str
    content_hash: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    row_numbers: np.ndarray
    issues: tuple[Issue, ...]

    @property
    def n_rows(self) -> int:
        return self.cells.num_rows

    def column(self, name: str) -> pa.ChunkedArray:
        return self.cells.column(self.names.index(name))


def read_table(
    source: bytes | str | Path,
    *,
    file_name: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> RawTable:
    """Read a file (bytes or a path) as text cells; raise UserInputError when it is no table."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserInputError(
                f"Cannot read {path}: {exc.strerror or exc}.", code="cannot_read", path=str(path)
            ) from exc
        file_name = file_name or path.name
    else:
        raw = bytes(source)
    file_name = file_name or "upload"
    with ThreadPoolExecutor(max_workers=1) as pool:
        content_hash = pool.submit(_content_hash, raw, sheet)
        if raw.startswith(ZIP_MAGIC):
            table = _read_workbook(raw, file_name, sheet, zipped=True)
        elif raw.startswith(OLE_MAGIC):
            table = _read_workbook(raw, file_name, sheet, zipped=False)
        else:
            table = _read_delimited(raw, file_name, encoding)
        return replace(table, content_hash=content_hash.result())


def _content_hash(raw: bytes, sheet: str | None) -> str:
    digest = hashlib.sha256(raw)
    if sheet:
        digest.update(sheet.encode())
    return digest.hexdigest()[:32]


def _read_delimited(raw: bytes, file_name: str, encoding: str | None) -> RawTable:
    try:
        return _read_decoded(decode(raw, encoding, trust_sample=True), file_name)
    except _InvalidUtf8:
        return _read_decoded(decode(raw, encoding), file_name)


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
    names, cells, header_issues = _clean_header(header, cells)
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


def _clean_header(
    header: list[str], cells: pa.Table, *, header_row: int = 1
) -> tuple[tuple[str, ...], pa.Table, list[Issue]]:
    """Name blank headers, number duplicates, drop blank-named columns that hold nothing."""
    names: list[str] = []
    keep: list[int] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, raw_name in enumerate(header):
        name = " ".join(raw_name.split())
        if not name:
            if cells.column(index).null_count == cells.num_rows:
                issues.append(
                    _header_issue(
                        "empty_column",
                        None,
                        index,
                        "has no name and no values; it was left out",
                        header_row,
                    )
                )
                continue
            name = f"column_{index + 1}"
            issues.append(
                _header_issue(
                    "empty_header",
                    name,
                    index,
                    f"has no name; it is called '{name}' here; name it in the file",
                    header_row,
                )
            )
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            new_name = f"{name} ({seen[key]})"
            issues.append(
                _header_issue(
                    "duplicate_header",
                    new_name,
                    index,
                    f"repeats the name '{name}'; it is called '{new_name}' here; "
                    "give each column its own name",
                    header_row,
                )
            )
            name = new_name
        else:
            seen[key] = 1
        names.append(name)
        keep.append(index)
    return tuple(names), cells.select(keep), issues


def _header_issue(code: str, column: str | None, index: int, text: str, row: int) -> Issue:
    return Issue(
        WARNING, code, column, f"Column {index + 1} {text}.", (row,), 1, {"index": index + 1}
    )


def _title_rows(rows: list[list[object]]) -> tuple[int, str]:
    """Report titles above a sheet's table ('Sales report Q1' in A1): the leading rows, among the
    first few, that fill far fewer cells than the widest row there. How many, and their text."""
    filled = [sum(bool(_cell_text(cell)) for cell in row) for row in rows[:_TITLE_SCAN]]
    widest = max(filled)
    if widest < 2:
        return 0, ""
    header_at = next(i for i, count in enumerate(filled) if count >= _HEADER_SHARE * widest)
    title = " ".join(text for row in rows[:header_at] for text in map(_cell_text, row) if text)
    return header_at, title


def _title_issue(title: str, rows: tuple[int, ...], header_row: int) -> Issue:
    shown = title if len(title) <= 60 else title[:57] + "..."
    verb = "was" if len(rows) == 1 else "were"
    return Issue(
        WARNING,
        "title_rows",
        None,
        f"{rows_phrase(rows, len(rows)).capitalize()} ('{shown}') {verb} skipped as a title "
        f"above the table: the column names are taken from row {header_row}.",
        rows,
        len(rows),
        {"title": shown, "header_row": header_row},
    )


def _read_workbook(raw: bytes, file_name: str, sheet: str | None, *, zipped: bool) -> RawTable:
    if zipped:
        _check_zip(raw)
        _check_sheet_extents(raw)
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = tuple(workbook.sheet_names)
        if not sheets:
            raise UserInputError(
                "The workbook has no sheets: export a sheet with a table.", code="no_sheets"
            )
        chosen = sheet or sheets[0]
        if chosen not in sheets:
            raise UserInputError(
                f"The workbook has no sheet {chosen!r}; its sheets are {', '.join(sheets)}.",
                code="no_such_sheet",
                sheet=chosen,
                sheets=", ".join(sheets),
            )
        found = workbook.get_sheet_by_name(chosen)
        first_row = (found.start or (0, 0))[0] + 1
        rows = found.to_python(skip_empty_area=True)
    except UserInputError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for corrupt workbooks
        raise UserInputError(
            "The workbook could not be opened (it may be corrupt or password-protected): "
            "save it again from Excel, or export the sheet as CSV.",
            code="workbook_unopenable",
        ) from exc
    # Blank rows are dropped, and each row keeps its number in the sheet for the report.
    numbers = [
        first_row + index
        for index, row in enumerate(rows)
        if any(cell not in (None, "") for cell in row)
    ]
    rows = [rows[number - first_row] for number in numbers]
    if not rows:
        raise UserInputError(
            f"Sheet {chosen!r} is empty: choose the sheet that holds the table.",
            code="empty_sheet",
            sheet=chosen,
        )
    skipped, title = _title_rows(rows)
    title_numbers = tuple(numbers[:skipped])
    rows, numbers = rows[skipped:], numbers[skipped:]
    header_row = numbers[0]
    header = [_cell_text(cell) or "" for cell in rows[0]]
    width = len(header)
    if width * len(rows) > _CELL_LIMIT:
        raise UserInputError(
            "The sheet is too large to read here: export it as CSV and upload that.",
            code="sheet_too_large",
        )
    internal = [f"c{i}" for i in range(width)]
    body = rows[1:]
    columns = [
        pa.array([_cell_text(row[i]) if i < len(row) else None for row in body], pa.string())
        for i in range(width)
    ]
    cells = pa.Table.from_arrays(columns, names=internal) if columns else pa.table({})
    cells = _blank_to_null(cells)
    names, cells, issues = _clean_header(header, cells, header_row=header_row)
    if title_numbers:
        issues.insert(0, _title_issue(title, title_numbers, header_row))
    return RawTable(
        names=names,
        cells=cells,
        file_name=file_name,
        content_hash="",
        encoding=None,
        delimiter=None,
        sheet=chosen,
        sheets=sheets,
        row_numbers=np.array(numbers[1:], dtype=np.int64),
        issues=tuple(issues),
    )


def _check_zip(raw: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UserInputError(
            "The file looks like a damaged Excel workbook: save it again from Excel.",
            code="damaged_workbook",
        ) from exc
    if not any(member.filename.startswith("xl/") for member in members):
        raise UserInputError(
            "This is a ZIP archive, not an Excel workbook: upload the .xlsx or .csv itself.",
            code="zip_not_workbook",
        )
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if unpacked > MAX_UNCOMPRESSED_BYTES or (
        unpacked > 50_000_000 and unpacked / packed > MAX_COMPRESSION_RATIO
    ):
        raise UserInputError(
            "The workbook unpacks to far more data than it holds (a ZIP bomb or a corrupt file): "
            "export the sheet as CSV instead.",
            code="zip_bomb",
        )


# Cells as Excel, LibreOffice and openpyxl write them: <c r="B7" ...> (self-closing ones are
# empty and take no room). Any other layout is walked tag by tag, as the reader places cells.
_CELL_TAG = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
_OTHER_CLOSING = re.compile(rb"</(?:[\w.-]+:c|c\s)")
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)\b([^>]*?)(/?)>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{0,3})([0-9]{1,7})["']""")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _check_sheet_extents(raw: bytes) -> None:
    """The Excel reader allocates every cell between the first and the last one: two cells far
    apart in a tiny file (A1 and XFD1048576) would take hundreds of GB, so look first."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for member in archive.infolist():
                if _SHEET_PART.match(member.filename):
                    extent = _tagged_extent(archive, member) or _walked_extent(archive, member)
                    _check_extent(*extent)
    except (zipfile.BadZipFile, EOFError, OSError, zlib_error) as exc:
        raise UserInputError(
            "The file looks like a damaged Excel workbook: save it again from Excel.",
            code="damaged_workbook",
        ) from exc


def _tag_chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes in pieces that each end after a '>', so that no tag is split."""
    with archive.open(member) as part:
        tail = b""
        while chunk := part.read(8 << 20):
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1
            tail = buffer[cut:]
            yield buffer[:cut]


def _tagged_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int] | None:
    """(last row, last column) when every cell that holds something is <c r="..." ...>, the
    layout spreadsheet programs write; None for any other layout."""
    rows, columns, cells, closing = 0, set(), 0, 0
    for data in _tag_chunks(archive, member):
        found = _CELL_TAG.findall(data)
        cells += len(found)
        closing += data.count(b"</c>") + len(_OTHER_CLOSING.findall(data))
        if found:
            rows = max(rows, *map(int, {row for _, row in found}))
            columns.update(column for column, _ in found)
    if closing != cells:
        return None
    return rows, max((_column_number(column.decode()) for column in columns), default=0)


def _walked_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int]:
    """(last row, last column) placing cells as the reader does: by their reference, else
    next to the previous cell, in the row given by the row tag (or the next row)."""
    row = column = last_row = last_column = 0
    for data in _tag_chunks(archive, member):
        for kind, attributes, empty in _ROW_OR_CELL.findall(data):
            ref = _REF.search(attributes)
            if kind == b"row":
                row, column = (int(ref.group(2)) if ref else row + 1), 0
                continue
            if ref and ref.group(1):
                row, column = int(ref.group(2)), _column_number(ref.group(1).decode())
            else:
                column += 1
            if not empty:
                last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


def _check_extent(rows: int, columns: int) -> None:
    if rows * columns > _CELL_LIMIT:
        far = f"{_column_letters(columns)}{rows}"
        raise UserInputError(
            f"A sheet of the workbook has cells as far as {far} ({rows:,} rows by {columns:,} "
            "columns), far more than its table: delete the cells outside the table in Excel "
            "and save it again, or export the table as CSV.",
            code="sheet_extent",
            cell=far,
            rows=rows,
            columns=columns,
        )


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _blank_to_null(cells: pa.Table) -> pa.Table:
    import pyarrow.compute as pc

    columns = []
    for column in cells.columns:
        trimmed = pc.utf8_trim_whitespace(column)
        columns.append(
            pc.if_else(
                pc.is_in(trimmed, value_set=pa.array(MISSING_TOKENS)),
                pa.scalar(None, pa.string()),
                column,
            )
        )
    return pa.Table.from_arrays(columns, names=cells.column_names) if columns else cells


def _cell_text(value: object) -> str | None:
    """Excel cells arrive typed; write them as the text a CSV export would hold."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
