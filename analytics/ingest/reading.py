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
        content_hash = pool.submit(_content_hash, raw, sheet)
        if raw.startswith(ZIP_MAGIC):
            table = read_workbook(raw, file_name, sheet, zipped=True)
        elif raw.startswith(OLE_MAGIC):
            table = read_workbook(raw, file_name, sheet, zipped=False)
        else:
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


def _content_hash(raw: bytes, sheet: str | None) -> str:
    digest = hashlib.sha256(raw)
    if sheet:
        digest.update(sheet.encode())
    return digest.hexdigest()[:32]
