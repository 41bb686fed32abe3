"""Excel workbooks (XLSX, XLS): a ZIP bomb, a part too large or too many, a shared-strings table
longer than a sheet, or a sheet that reaches far beyond its table (or Excel's grid) is refused
before reading; the sheet's typed cells become text as a CSV export would hold them."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from zlib import error as zlib_error

import numpy as np
import pyarrow as pa

from analytics.errors import UserInputError
from analytics.ingest.issues import WARNING, Issue, rows_phrase
from analytics.ingest.raw_table import MISSING_TOKENS, RawTable, name_columns

MAX_UNCOMPRESSED_BYTES = 1_000_000_000
MAX_COMPRESSION_RATIO = 200
# A workbook of 255 sheets with their drawings and styles has about a thousand parts.
MAX_PARTS = 10_000
MAX_PART_BYTES = 512 << 20
_CELL_LIMIT = 10_000_000
# Excel's last cell is XFD1048576; the reader allocates up to any reference beyond it.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
# A sheet's header is the first of its first rows that fills this share of the widest row's cells.
_TITLE_SCAN = 20
_HEADER_SHARE = 0.6


def read_workbook(raw: bytes, file_name: str, sheet: str | None, *, zipped: bool) -> RawTable:
    """A sheet of an XLSX (``zipped``) or XLS workbook as text cells, the first unless named."""
    if zipped:
        _check_zip(raw)
        _check_parts(raw)
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
    row_numbers = np.array(numbers[1:], dtype=np.int64)
    names, cells, row_numbers, issues = name_columns(
        header, cells, row_numbers, header_row=header_row
    )
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
        row_numbers=row_numbers,
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
    _check_part_count(_declared_parts(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _damaged() from exc
    if not any(member.filename.startswith("xl/") for member in members):
        _reject_open_document(archive)
        raise UserInputError(
            "This is a ZIP archive, not an Excel workbook: upload the .xlsx or .csv itself.",
            code="zip_not_workbook",
        )
    _check_part_count(len(members))
    for member in members:
        _check_part_size(member.filename, member.file_size)
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


def _reject_open_document(archive: zipfile.ZipFile) -> None:
    """LibreOffice's own spreadsheets (.ods) are ZIP archives too; their first part names them."""
    try:
        kind = archive.read("mimetype")[:100]
    except (KeyError, zipfile.BadZipFile, OSError, zlib_error):
        return
    if kind == b"application/vnd.oasis.opendocument.spreadsheet":
        raise UserInputError(
            "This is an OpenDocument spreadsheet (.ods), which LiftBoard does not read: save it "
            "as .xlsx (File > Save As in LibreOffice or Excel), or export the table as CSV.",
            code="ods_spreadsheet",
        )


def _damaged() -> UserInputError:
    return UserInputError(
        "The file looks like a damaged Excel workbook: save it again from Excel.",
        code="damaged_workbook",
    )


def _declared_parts(raw: bytes) -> int:
    """The number of parts the ZIP directory's end record declares, read before the directory
    itself (a million tiny parts would take gigabytes to list); 0 when there is no such record."""
    at = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65_557))
    if at < 0 or at + 22 > len(raw):
        return 0
    parts = struct.unpack_from("<H", raw, at + 10)[0]
    locator = at - 20
    if parts == 0xFFFF and locator >= 0 and raw.startswith(b"PK\x06\x07", locator):
        record = struct.unpack_from("<Q", raw, locator + 8)[0]
        if raw.startswith(b"PK\x06\x06", record) and record + 40 <= len(raw):
            parts = struct.unpack_from("<Q", raw, record + 32)[0]
    return parts


def _check_part_count(parts: int) -> None:
    if parts > MAX_PARTS:
        raise UserInputError(
            f"The workbook is made of {parts:,} parts, far more than a spreadsheet holds (up to "
            f"{MAX_PARTS:,} are read; the file is damaged or was not written by a spreadsheet "
            "program): save it again from Excel, or export the sheet as CSV.",
            code="too_many_parts",
            parts=parts,
            limit=MAX_PARTS,
        )


def _check_part_size(name: str, size: int) -> None:
    if size > MAX_PART_BYTES:
        raise UserInputError(
            f"The workbook's part {name} unpacks to more than {MAX_PART_BYTES >> 20:,} MB, more "
            "than LiftBoard reads from one sheet: export the sheet as CSV and upload that.",
            code="part_too_large",
            part=name,
            limit=MAX_PART_BYTES >> 20,
        )


# Cells as Excel, LibreOffice and openpyxl write them: <c r="B7" ...> (self-closing ones are
# empty and take no room). Any other layout is walked tag by tag, as the reader places cells.
_CELL_TAG = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>/]*>')
_OTHER_CLOSING = re.compile(rb"</(?:[\w.-]+:c|c\s)")
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)\b([^>]*?)(/?)>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]*)([0-9]+)["']""")
_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*["']([^"']*)["']""")
_CORNER = re.compile(r"^\$?([A-Z]*)\$?([0-9]*)$")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# The shared-strings table: its declared counts, and its entries <si>...</si> (or <x:si>).
_STRINGS_PART = re.compile(r"^xl/[^/]*sharedstrings[^/]*\.xml$", re.IGNORECASE)
_STRINGS_TAG = re.compile(rb"<(?:[\w.-]+:)?sst\b([^>]*)>")
_STRINGS_COUNT = re.compile(rb"""\s(?:count|uniqueCount)\s*=\s*["']\s*([0-9]+)""")
_PREFIXED_ENTRY = re.compile(rb"<[\w.-]+:si[\s/>]")


def _check_parts(raw: bytes) -> None:
    """What the Excel reader allocates from the XML, looked at first: every cell between the
    first and the last one (A1 and XFD1048576 in a tiny file would take hundreds of GB), and one
    entry per shared string, as many as the table declares (4,294,967,295 aborts the process)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for member in archive.infolist():
                if _SHEET_PART.match(member.filename):
                    extent = _tagged_extent(archive, member) or _walked_extent(archive, member)
                    _check_extent(*extent)
                elif _STRINGS_PART.match(member.filename):
                    _check_strings(archive, member)
    except (zipfile.BadZipFile, EOFError, OSError, zlib_error) as exc:
        raise _damaged() from exc


def _tag_chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes in pieces that each end after a '>', so that no tag is split (zipfile
    reads no more than the size the directory declares, which was checked)."""
    with archive.open(member) as part:
        tail = b""
        while chunk := part.read(8 << 20):
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1
            tail = buffer[cut:]
            yield buffer[:cut]


def _check_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """The declared counts (read from the opening tag), then the entries themselves, counted as
    the part streams by: more than a sheet's cells can use is refused."""
    found = 0
    for index, data in enumerate(_tag_chunks(archive, member)):
        if index == 0:
            opening = _STRINGS_TAG.search(data)
            declared = _STRINGS_COUNT.findall(opening.group(1)) if opening else []
            _check_string_count(max(map(int, declared), default=0), "declares")
        found += data.count(b"<si")  # no other tag of the table starts so; text holds no '<'
        if b":si" in data:
            found += len(_PREFIXED_ENTRY.findall(data))
        _check_string_count(found, "holds at least")


def _check_string_count(count: int, verb: str) -> None:
    if count > _CELL_LIMIT:
        raise UserInputError(
            f"The workbook's table of shared texts {verb} {count:,} entries, more than the "
            f"{_CELL_LIMIT:,} cells LiftBoard reads from a sheet (the file is damaged or was not "
            "written by a spreadsheet program): save it again from Excel, or export the sheet "
            "as CSV.",
            code="too_many_strings",
            count=count,
            limit=_CELL_LIMIT,
        )


def _tagged_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int] | None:
    """(last row, last column) when every cell that holds something is <c r="..." ...>, the
    layout spreadsheet programs write; None for any other layout. The declared dimension
    (<dimension ref="A1:D30"/>, before the cells) must lie within Excel's grid."""
    rows, columns, cells, closing = 0, set(), 0, 0
    for index, data in enumerate(_tag_chunks(archive, member)):
        if index == 0:
            _check_dimension(data)
        found = _CELL_TAG.findall(data)
        cells += len(found)
        closing += data.count(b"</c>") + len(_OTHER_CLOSING.findall(data))
        if found:
            rows = max(rows, *map(int, {row for _, row in found}))
            columns.update(column for column, _ in found)
    if closing != cells:
        return None
    return rows, max((_column_number(column.decode()) for column in columns), default=0)


def _check_dimension(data: bytes) -> None:
    """A declared dimension inside the grid only reserves memory up to a cap the reader sets;
    one beyond it is not written by a spreadsheet program."""
    declared = _DIMENSION.search(data)
    for corner in declared.group(1).decode("ascii", "replace").split(":") if declared else ():
        parsed = _CORNER.match(corner.strip())
        if parsed:
            letters, digits = parsed.groups()
            _check_grid(int(digits or 1), _column_number(letters or "A"))


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
    _check_grid(rows, columns)
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


def _check_grid(rows: int, columns: int) -> None:
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        far = f"{_column_letters(columns)}{rows}"
        far = far if len(far) <= 24 else far[:21] + "..."
        raise UserInputError(
            f"A sheet of the workbook has cells as far as {far}, beyond Excel's last cell "
            "XFD1048576 (the file is damaged or was not written by a spreadsheet program): save "
            "it again from Excel, or export the table as CSV.",
            code="cell_beyond_grid",
            cell=far,
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
