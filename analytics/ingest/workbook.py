"""Excel workbooks (XLSX, XLS): a ZIP bomb or a sheet that reaches far beyond its table is
refused before reading; the sheet's typed cells become text as a CSV export would hold them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from zlib import error as zlib_error

import numpy as np
import pyarrow as pa

from analytics.errors import UserInputError
from analytics.ingest.issues import WARNING, Issue, rows_phrase
from analytics.ingest.raw_table import MISSING_TOKENS, RawTable, clean_header

MAX_UNCOMPRESSED_BYTES = 1_000_000_000
MAX_COMPRESSION_RATIO = 200
_CELL_LIMIT = 10_000_000
# A sheet's header is the first of its first rows that fills this share of the widest row's cells.
_TITLE_SCAN = 20
_HEADER_SHARE = 0.6


def read_workbook(raw: bytes, file_name: str, sheet: str | None, *, zipped: bool) -> RawTable:
    """A sheet of an XLSX (``zipped``) or XLS workbook as text cells, the first unless named."""
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
    names, cells, issues = clean_header(header, cells, header_row=header_row)
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
