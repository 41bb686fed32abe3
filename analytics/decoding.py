"""Bytes to UTF-8 text: detect the encoding (never guess Latin-1 silently) and the delimiter."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from analytics.errors import EncodingNeedsConfirmation, UserInputError

DELIMITERS = (",", ";", "\t", "|")
WESTERN_ENCODING = "cp1252"
_SAMPLE_BYTES = 256 * 1024
_PLAUSIBILITY_CHARS = 200_000


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
        raise UserInputError(
            "The file is empty: export the table again with its header row.", code="empty_file"
        )
    if encoding:
        return _decode_with(raw, encoding)
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_with(raw[len(codecs.BOM_UTF8) :], "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_with(raw, "utf-16")
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _decode_with(raw, utf16)
    _reject_binary(raw)
    if trust_sample and _utf8_sample(raw):
        return DecodedText(raw, "utf-8")
    try:
        raw.decode("utf-8")
        return DecodedText(raw, "utf-8")
    except UnicodeDecodeError:
        pass
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


def _utf8_sample(raw: bytes) -> bool:
    try:
        raw[:_SAMPLE_BYTES].decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return len(raw) > _SAMPLE_BYTES and exc.start >= _SAMPLE_BYTES - 3


def _blank(raw: bytes) -> bool:
    """True when the bytes hold nothing but whitespace (checked without copying large files)."""
    head = raw[:65536].strip(b" \t\r\n\x00")
    return not head and (len(raw) <= 65536 or not raw.strip(b" \t\r\n\x00"))


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
    if "\x00" in text:
        raise UserInputError(_BINARY_MESSAGE, code="binary")
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


def _reject_binary(raw: bytes) -> None:
    sample = raw[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        raise UserInputError(_BINARY_MESSAGE, code="binary")
    controls = sum(sample.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if controls > 0.01 * len(sample):
        raise UserInputError(_BINARY_MESSAGE, code="binary")


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
    """Pick the delimiter that splits the sample's lines into the most consistent field count."""
    lines = [line for line in sample.splitlines() if line.strip()][:200]
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        return lines[0][4]
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        counts = [
            len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        ]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best
