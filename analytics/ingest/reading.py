"""Read CSV, TSV, XLSX and XLS exports into a table of text cells, ready for explicit parsing."""

from __future__ import annotations

import hashlib
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from analytics.errors import UserInputError
from analytics.ingest.delimited_text import read_delimited
from analytics.ingest.raw_table import RawTable
from analytics.ingest.workbook import read_workbook

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Leading bytes of documents and images that users upload, renamed, instead of a table.
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
_WEB_PAGE_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta")
_XML_SPREADSHEET = b"urn:schemas-microsoft-com:office:spreadsheet"


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
        raw = read_regular_file(path)
        file_name = file_name or path.name
    else:
        raw = bytes(source)
    file_name = file_name or "upload"
    with ThreadPoolExecutor(max_workers=1) as pool:
        content_hash = pool.submit(content_hash_of, raw, sheet)
        if raw.startswith(ZIP_MAGIC):
            table = read_workbook(raw, file_name, sheet, zipped=True)
        elif raw.startswith(OLE_MAGIC):
            table = read_workbook(raw, file_name, sheet, zipped=False)
        else:
            _reject_document(raw)
            table = read_delimited(raw, file_name, encoding)
        return replace(table, content_hash=content_hash.result())


# What a path that is no regular file leads to, as the refusal names it.
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file (a symbolic link is followed only to one). A named pipe,
    device or socket is refused from its status alone, never opened: opening a pipe waits for a
    writer, and a device such as /dev/zero reads without end."""
    try:
        kind = _not_regular(os.stat(path).st_mode)
        if kind is None:
            # O_NONBLOCK: should the path have become a pipe since, opening it does not wait.
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            with open(handle, "rb") as file:
                kind = _not_regular(os.fstat(file.fileno()).st_mode)
                if kind is None:
                    return file.read()
    except OSError as exc:
        raise UserInputError(
            f"Cannot read {path}: {exc.strerror or exc}.", code="cannot_read", path=str(path)
        ) from exc
    raise UserInputError(
        f"{path} is {kind}, not a regular file: give the path of a CSV, TSV or Excel file "
        "saved on disk.",
        code="not_regular_file",
        path=str(path),
        kind=kind,
    )


def _not_regular(mode: int) -> str | None:
    """None for a regular file, else what the path is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "a special file")


def content_hash_of(raw: bytes, sheet: str | None = None) -> str:
    """A file's identity: SHA-256 of its bytes (and the sheet read), first 128 bits in hex."""
    digest = hashlib.sha256(raw)
    if sheet:
        digest.update(sheet.encode())
    return digest.hexdigest()[:32]


def _reject_document(raw: bytes) -> None:
    """A PDF, an RTF document, an image or a web page named .csv or .xls: say what it is."""
    if raw.startswith(b"%PDF-"):
        raise UserInputError(
            "This is a PDF document, not a table: export the table as CSV or Excel from the "
            "program that made the PDF, and upload that.",
            code="pdf_document",
        )
    if raw.startswith(b"{\\rtf"):
        raise UserInputError(
            "This is a rich-text (RTF) document, not a table: save the table as CSV or .xlsx "
            "and upload that.",
            code="rtf_document",
        )
    kind = next((kind for magic, kind in _IMAGES.items() if raw.startswith(magic)), None)
    if kind is None and raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        kind = "WebP"
    if kind:
        raise UserInputError(
            f"This is an image ({kind}), not a table: upload the CSV or Excel file that holds "
            "the numbers.",
            code="image_file",
            kind=kind,
        )
    _reject_markup(raw)


def _reject_markup(raw: bytes) -> None:
    """Web pages and Excel 2003 XML saved as .xls (Excel opens both): neither is a table here."""
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<?xml") and _XML_SPREADSHEET in head:
        raise UserInputError(
            "This is an Excel 2003 XML spreadsheet, not an .xlsx workbook: open it in Excel and "
            "save it as .xlsx, or export the table as CSV.",
            code="xml_spreadsheet",
        )
    if head.startswith(_WEB_PAGE_STARTS) or (head.startswith(b"<?xml") and b"<html" in head):
        raise UserInputError(
            "This is a web page (HTML), not a workbook or a table file: open it in Excel and "
            "save it as .xlsx, or export the table as CSV.",
            code="web_page",
        )
