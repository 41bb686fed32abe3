"""Read CSV, TSV, XLSX and XLS exports into a table of text cells, ready for explicit parsing."""

from __future__ import annotations

import hashlib
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
            table = read_workbook(raw, file_name, sheet, zipped=True)
        elif raw.startswith(OLE_MAGIC):
            table = read_workbook(raw, file_name, sheet, zipped=False)
        else:
            table = read_delimited(raw, file_name, encoding)
        return replace(table, content_hash=content_hash.result())


def _content_hash(raw: bytes, sheet: str | None) -> str:
    digest = hashlib.sha256(raw)
    if sheet:
        digest.update(sheet.encode())
    return digest.hexdigest()[:32]
