"""Bytes to UTF-8 text: detect the encoding (never guess Latin-1 silently) and the delimiter."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from analytics.errors import EncodingNeedsConfirmation, UserInputError

DELIMITERS = (",", ";", "\t", "|")
WESTERN_ENCODING = "cp1252"
_SAMPLE_BYTES = 256 * 1024
_PLAUSIBILITY_CHARS = 200_000
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class DecodedText:
    """UTF-8 bytes ready for a columnar reader, and the encoding they were decoded from."""

    data: bytes
    encoding: str


def decode(raw: bytes, encoding: str | None = None, *, trust_sample: bool = False) -> DecodedText:
    """Return the bytes as UTF-8, detecting UTF-8 (BOM or not), UTF-16 and GB18030 in that order.

    A file that only decodes as cp1252 raises EncodingNeedsConfirmation with a preview; pass
    ``encoding`` to accept it (or to force any other codec). With ``trust_sample``, a file whose
    first 256 KB are UTF-8 is returned as is: the caller's reader validates the rest.
    """
    if _blank(raw):
        raise _empty_file()
    if encoding:
        return _decode_with(raw, encoding)
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_with(raw[len(codecs.BOM_UTF8) :], "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_with(raw, "utf-16")
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _decode_with(raw, utf16)
    _reject_archive(raw)
    _reject_binary(raw)
    _reject_nul(raw)
    if trust_sample and _utf8_sample(raw):
        return DecodedText(raw, "utf-8")
    try:
        raw.decode("utf-8")
        return DecodedText(raw, "utf-8")
    except UnicodeDecodeError as exc:
        _reject_mixed_encoding(raw, exc.start)
    gb_text = _try_decode(raw, "gb18030")
    if gb_text is not None and _looks_chinese(gb_text):
        return DecodedText(gb_text.encode("utf-8"), "gb18030")
    western = _try_decode(raw, WESTERN_ENCODING)
    if western is not None:
        raise EncodingNeedsConfirmation(WESTERN_ENCODING, western[:2000])
    raise UserInputError(
        "The file's text encoding is not recognised: save it as UTF-8 (CSV UTF-8 in Excel) "
        "and upload it again.",
        code="unknown_encoding",
    )


def _empty_file() -> UserInputError:
    return UserInputError(
        "The file is empty: export the table again with its header row.", code="empty_file"
    )


def _utf8_sample(raw: bytes) -> bool:
    try:
        raw[:_SAMPLE_BYTES].decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return len(raw) > _SAMPLE_BYTES and exc.start >= _SAMPLE_BYTES - 3


def _blank(raw: bytes | str) -> bool:
    """True when the bytes (or text) hold nothing but whitespace, NULs and byte-order marks
    (checked without copying large files)."""
    blank = " \t\r\n\x00\ufeff" if isinstance(raw, str) else b" \t\r\n\x00"
    head = raw[:65536].strip(blank)  # type: ignore[arg-type]
    return not head and (len(raw) <= 65536 or not raw.strip(blank))  # type: ignore[arg-type]


def _decode_with(raw: bytes, encoding: str) -> DecodedText:
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise UserInputError(
            f"Unknown text encoding {encoding!r}: choose another one.",
            code="no_such_encoding",
            encoding=encoding,
        ) from exc
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserInputError(
            f"The file is not valid {encoding} (byte {exc.start}): choose another encoding "
            "or save the file as UTF-8.",
            code="wrong_encoding",
            encoding=encoding,
            byte=exc.start,
        ) from exc
    if _blank(text):
        raise _empty_file()
    nul = text.find("\x00")
    if nul >= 0:
        raise _nul_error(text.count("\n", 0, nul) + 1)
    name = "utf-8" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
    return DecodedText(text.encode("utf-8"), name)


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a zero byte in every other position."""
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


_BINARY_MESSAGE = (
    "This file is not a text table (it looks binary): upload a CSV, TSV or XLSX export."
)


# Leading bytes of compressed files that users upload instead of the table inside them.
_ARCHIVES = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"7z\xbc\xaf\x27\x1c": "7-Zip",
    b"Rar!\x1a\x07": "RAR",
    b"\x28\xb5\x2f\xfd": "Zstandard",
}


def _reject_archive(raw: bytes) -> None:
    for magic, kind in _ARCHIVES.items():
        if raw.startswith(magic):
            raise UserInputError(
                f"This is a compressed file ({kind}), not a table: extract the CSV or Excel "
                "file inside it and upload that.",
                code="compressed_file",
                kind=kind,
            )


def _reject_binary(raw: bytes) -> None:
    """Many control characters (NUL among them) mean binary data, not a text export."""
    sample = raw[:_SAMPLE_BYTES]
    controls = sum(sample.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if controls > 0.01 * len(sample):
        raise UserInputError(_BINARY_MESSAGE, code="binary")


def _reject_nul(raw: bytes) -> None:
    """A few NUL bytes in an otherwise text file: a damaged export; say on which line."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise _nul_error(raw.count(b"\n", 0, nul) + 1)


def _nul_error(line: int) -> UserInputError:
    return UserInputError(
        f"Line {line:,} of the file holds a NUL byte (the export is damaged or not plain "
        "text): remove it, or export the table again.",
        code="nul_bytes",
        line=line,
    )


def _reject_mixed_encoding(raw: bytes, bad_at: int) -> None:
    """UTF-8 lines with a line in another encoding (pasted from a GBK or Western file)."""
    start = raw.rfind(b"\n", 0, bad_at) + 1
    end = raw.find(b"\n", bad_at)
    bad_line = raw[start : end if end >= 0 else len(raw)]
    sample = raw[: min(start, 4 * _SAMPLE_BYTES)].split(b"\n")
    if start > 4 * _SAMPLE_BYTES:
        sample = sample[:-1]  # cut mid-line
    utf8_lines = failed_lines = 0
    for line in [*sample, bad_line]:
        if not _NON_ASCII.search(line):
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            failed_lines += 1
    if utf8_lines >= 2 and utf8_lines > 2 * failed_lines:
        line_number = raw.count(b"\n", 0, bad_at) + 1
        raise UserInputError(
            f"Line {line_number:,} is not UTF-8 like the rest of the file (it was probably "
            "pasted from a file in another encoding, such as GBK): save the whole file as "
            "UTF-8 and upload it again.",
            code="mixed_encoding",
            line=line_number,
        )


def _looks_chinese(text: str) -> bool:
    """GBK files of Chinese text use GB2312 characters almost only; Western bytes misread as GBK
    land in the rarely used extension area, so a low share of GB2312 characters means 'not GBK'.
    """
    foreign = {ch for ch in text[:_PLAUSIBILITY_CHARS] if ord(ch) > 127}
    if not foreign:
        return True
    common = sum(1 for ch in foreign if _is_gb2312(ch))
    return common / len(foreign) >= 0.9


def _is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def text_sample(data: bytes, limit: int = 64 * 1024) -> str:
    """The first complete lines of UTF-8 data, at most about ``limit`` bytes."""
    chunk = data[:limit]
    if len(data) > limit and b"\n" in chunk:
        chunk = chunk[: chunk.rfind(b"\n")]
    return chunk.decode("utf-8", errors="replace")


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter that splits the sample's lines into the most consistent field count.

    On a tie, the split whose cells read as numbers and dates wins: a semicolon file whose
    headers and decimal commas hold as many commas as semicolons is still semicolon-separated.
    """
    lines = [line for line in sample.splitlines() if line.strip()][:200]
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        return lines[0][4]
    best, best_score = ",", (-1.0, 0.0, 0)
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        counts = [len(row) for row in rows]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), _typed_share(rows[1:]), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_TYPED_CELL = re.compile(r"^[\s$€£¥￥(+-]*\d[\d\s.,:/'年月日T-]*[%)元]?\s*$")


def _typed_share(rows: list[list[str]]) -> float:
    """Share of cells that look like a number or a date (they never hold a delimiter)."""
    cells = [cell for row in rows for cell in row if cell.strip()]
    return sum(bool(_TYPED_CELL.match(cell)) for cell in cells) / len(cells) if cells else 0.0
