"""Bytes to UTF-8 text: detect the encoding (never guess Latin-1 silently) and the delimiter."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest import charsets
from analytics.ingest.issues import MAX_ROWS_LISTED, WARNING, Issue
from analytics.ingest.whitespace import (
    FIXED_WIDTH,
    UNIT_SEPARATOR,
    WHITESPACE,
    column_starts,
    separate,
)

DELIMITERS = (",", ";", "\t", "|")
WESTERN_ENCODING = "cp1252"
_SAMPLE_BYTES = 256 * 1024
_PLAUSIBILITY_CHARS = 200_000
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class DecodedText:
    """UTF-8 bytes ready for a columnar reader, the encoding they were decoded from, and what
    the reader must report about the decoding (warnings for the validation report)."""

    data: bytes
    encoding: str
    issues: tuple[Issue, ...] = ()


def decode(raw: bytes, encoding: str | None = None, *, trust_sample: bool = False) -> DecodedText:
    """Return the bytes as UTF-8, detecting UTF-8 (BOM or not), UTF-16 and GB18030 in that order.

    A file that only decodes as cp1252 or as another East Asian encoding (Shift-JIS, EUC-JP,
    EUC-KR, Big5) raises EncodingNeedsConfirmation with a preview; pass ``encoding`` to accept it
    (or to force any other codec). With ``trust_sample``, a file whose first 256 KB are UTF-8 is
    returned as is: the caller's reader validates the rest.
    """
    if _blank(raw):
        raise _empty_file()
    if encoding:
        return _decode_with(raw, encoding)
    unicode = _by_signature(raw)
    if unicode is not None:
        return unicode
    _reject_archive(raw)
    _reject_binary(raw)
    _reject_nul(raw)
    utf8, bad_at = _utf8(raw, trust_sample)
    if utf8 is not None:
        return utf8
    east_asian = _east_asian(raw, bad_at)
    if east_asian is not None:
        return east_asian
    western = _try_decode(raw, WESTERN_ENCODING)
    if western is not None:
        raise EncodingNeedsConfirmation(WESTERN_ENCODING, western[:2000])
    raise UserInputError(
        "The file's text encoding is not recognised: save it as UTF-8 (CSV UTF-8 in Excel) "
        "and upload it again.",
        code="unknown_encoding",
    )


def _by_signature(raw: bytes) -> DecodedText | None:
    """UTF-8 or UTF-16 by their byte-order mark, or UTF-16 by its zero bytes."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_with(raw[len(codecs.BOM_UTF8) :], "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_with(raw, "utf-16")
    utf16 = _utf16_without_bom(raw)
    return _decode_with(raw, utf16) if utf16 else None


def _utf8(raw: bytes, trust_sample: bool) -> tuple[DecodedText | None, int]:
    """The bytes as UTF-8 (after a damaged byte-order mark, with a warning), or where UTF-8
    fails; a UTF-8 file with a line in another encoding is refused here."""
    stray = _stray_prefix(raw)
    body = raw[len(stray) :]
    issues = (_stray_issue(stray),) if stray else ()
    if stray and _blank(body):
        raise _empty_file()
    if trust_sample and _utf8_sample(body):
        return DecodedText(body, "utf-8", issues), -1
    try:
        body.decode("utf-8")
        return DecodedText(body, "utf-8", issues), -1
    except UnicodeDecodeError as exc:
        _reject_mixed_encoding(body, exc.start)
        return None, len(stray) + exc.start


# A UTF-8 byte-order mark (EF BB BF) with a byte lost or turned into '?' by a conversion, or a
# lone byte of a UTF-8 or UTF-16 one, longest first.
_DAMAGED_BOMS = (
    b"\xef\xbb?", b"\xef?\xbf", b"?\xbb\xbf", b"\xef\xbb", b"\xbb\xbf", b"\xef", b"\xbf",
    b"\xfe", b"\xff",
)  # fmt: skip


def _stray_prefix(raw: bytes) -> bytes:
    """A damaged byte-order mark before text that is UTF-8 from the next byte on."""
    for prefix in _DAMAGED_BOMS:
        if raw.startswith(prefix) and _utf8_start(raw[len(prefix) : len(prefix) + 8]):
            return prefix
    return b""


def _utf8_start(head: bytes) -> bool:
    """The bytes start with a UTF-8 character that text can begin with (no continuation byte,
    no private-use or unassigned character); an ending cut mid-character is allowed."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return bool(text) and unicodedata.category(text[0]) not in ("Co", "Cn", "Cs")


def _stray_issue(stray: bytes) -> Issue:
    shown = stray.hex(" ").upper()
    return Issue(
        WARNING,
        "damaged_bom",
        None,
        f"The file starts with the bytes {shown} (a damaged byte-order mark) before its text: "
        "they were left out and the file was read as UTF-8; check the first column's name and "
        "save the file as UTF-8 again to remove them.",
        (1,),
        1,
        {"bytes": shown},
    )


def _east_asian(raw: bytes, utf8_bad_at: int) -> DecodedText | None:
    """GB18030 when it reads as Chinese; another East Asian encoding that reads as its language
    is named for confirmation; a GBK file with a damaged line is refused naming the line."""
    sample = charsets.sample_of(raw)
    try:
        gb_text, gb_bad_at = raw.decode("gb18030"), -1
    except UnicodeDecodeError as exc:
        gb_text, gb_bad_at = None, exc.start
    if (
        gb_text is not None
        and charsets.plausible(gb_text[:_PLAUSIBILITY_CHARS], charsets.chinese_simplified)
        and not charsets.looks_korean(sample)
    ):
        issues = _latin_read_as_chinese(raw, sample, utf8_bad_at)
        return DecodedText(gb_text.encode("utf-8"), "gb18030", issues)
    found = charsets.best_candidate(sample)
    if found is not None:
        candidate, text = found
        raise EncodingNeedsConfirmation(candidate.codec, text[:2000], candidate.language)
    if gb_text is None:
        _reject_damaged_gb18030(raw, sample, gb_bad_at)
    return None


def _latin_read_as_chinese(raw: bytes, sample: bytes, utf8_bad_at: int) -> tuple[Issue, ...]:
    """Accented Latin words that are UTF-8 in bytes GB18030 reads ('Córdoba' as 'C贸rdoba'):
    most of the non-ASCII text being such words, the file is UTF-8 with a foreign line, refused
    naming it; a few among Chinese text are flagged with their lines."""
    lookalikes, runs = charsets.latin_lookalikes(sample)
    if not lookalikes:
        return ()
    if 2 * len(lookalikes) >= runs:
        raise _mixed_encoding_error(raw.count(b"\n", 0, utf8_bad_at) + 1)
    lines = sorted({found.line for found in lookalikes})
    first = lookalikes[0]
    listed = ", ".join(f"{line:,}" for line in lines[:MAX_ROWS_LISTED])
    more = f" and {len(lines) - MAX_ROWS_LISTED} more" if len(lines) > MAX_ROWS_LISTED else ""
    subject = f"Line {listed}" if len(lines) == 1 else f"Lines {listed}{more}"
    holds = "holds" if len(lines) == 1 else "hold text such as"
    return (
        Issue(
            WARNING,
            "latin_read_as_chinese",
            None,
            f"{subject} of this GB18030 (GBK) file {holds} '{first.as_gb18030}', which is "
            f"'{first.as_utf8}' in UTF-8 (text pasted from a UTF-8 file): retype it, or save "
            "the whole file as UTF-8 and upload it again.",
            (),
            len(lines),
            {"lines": listed + more, "shown": first.as_gb18030, "utf8": first.as_utf8},
        ),
    )


_MAX_DAMAGED_LINES = 3
_CHUNK_BYTES = 1 << 20


def _lines_not_gb18030(raw: bytes, first_bad: int, most: int) -> list[int]:
    """File line numbers of the first ``most`` lines that GB18030 cannot decode, the first of
    them holding byte ``first_bad``; the rest decoded in chunks of whole lines (a decode error
    keeps a copy of what it was decoding)."""
    lines = [raw.count(b"\n", 0, first_bad) + 1]
    line_end = raw.find(b"\n", first_bad)
    start = len(raw) if line_end < 0 else line_end + 1
    while start < len(raw) and len(lines) < most:
        end = raw.find(b"\n", start + _CHUNK_BYTES)
        end = len(raw) if end < 0 else end + 1
        try:
            raw[start:end].decode("gb18030")
            start = end
        except UnicodeDecodeError as exc:
            bad_at = start + exc.start
            lines.append(raw.count(b"\n", 0, bad_at) + 1)
            line_end = raw.find(b"\n", bad_at)
            start = len(raw) if line_end < 0 else line_end + 1
    return lines


def _reject_damaged_gb18030(raw: bytes, sample: bytes, bad_at: int) -> None:
    """A Chinese GBK file with one to three lines that are not GB18030 (a character cut in
    half, a stray byte), the first holding byte ``bad_at``: name it instead of offering a
    Western encoding."""
    lines = _lines_not_gb18030(raw, bad_at, _MAX_DAMAGED_LINES + 1)
    if len(lines) > _MAX_DAMAGED_LINES:
        return
    text = sample.decode("gb18030", errors="replace")
    if not charsets.plausible(text, charsets.chinese_simplified):
        return
    raise UserInputError(
        f"Line {lines[0]:,} is not valid GBK/GB18030 like the rest of the file (a character "
        "there is cut or damaged): correct or delete it, or save the whole file as UTF-8 and "
        "upload it again.",
        code="damaged_gb18030",
        line=lines[0],
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
    """UTF-16 text has its zero bytes on one side of each pair: in the high byte of every ASCII
    character (digits, commas, line ends), almost never in a CJK one. Text with few zero bytes
    (Chinese, short files) is known when they keep to one side; either way the decode must be
    clean text with a line end or a delimiter (binary data with zeros on one side is not)."""
    sample = raw[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, zeros, other in (
        ("utf-16-le", odd_zeros, even_zeros),
        ("utf-16-be", even_zeros, odd_zeros),
    ):
        mostly_ascii = zeros > 0.3 * half and other < 0.05 * half
        if (mostly_ascii or other * 8 <= zeros) and _clean_text(sample, codec):
            return codec
    return None


def _clean_text(sample: bytes, codec: str) -> bool:
    """The sample decodes (its end may cut a character) into text with a line end or a
    delimiter, and no control, private-use, unassigned or unpaired surrogate character."""
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    if not any(mark in text for mark in ("\n", "\r", *DELIMITERS)):
        return False
    return not any(
        unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\r\n"
        for ch in set(text)
    )


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
        raise _mixed_encoding_error(raw.count(b"\n", 0, bad_at) + 1)


def _mixed_encoding_error(line: int) -> UserInputError:
    return UserInputError(
        f"Line {line:,} is not UTF-8 like the rest of the file (it was probably pasted from a "
        "file in another encoding, such as GBK): save the whole file as UTF-8 and upload it "
        "again.",
        code="mixed_encoding",
        line=line,
    )


def text_sample(data: bytes, limit: int = 64 * 1024) -> str:
    """The first complete lines of UTF-8 data, at most about ``limit`` bytes."""
    chunk = data[:limit]
    if len(data) > limit and b"\n" in chunk:
        chunk = chunk[: chunk.rfind(b"\n")]
    return chunk.decode("utf-8", errors="replace")


def sample_lines(sample: str) -> list[str]:
    """The sample's first 200 lines that are not blank: what the delimiter is decided on."""
    return [line for line in sample.splitlines() if line.strip()][:200]


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter that splits the sample's lines into the most consistent field count.

    On a tie, the split whose cells read as numbers and dates wins: a semicolon file whose
    headers and decimal commas hold as many commas as semicolons is still semicolon-separated.
    Whitespace (``WIDE_SPACES``, ``SPACES``, then ``FIXED_WIDTH`` columns) wins only when it
    splits nearly every line alike and more consistently than every delimiter (or as
    consistently as tabs, into more fields: tabs mixed with spaces). Prose stays one column.
    """
    lines = sample_lines(sample)
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        return lines[0][4]
    best, best_score = ",", (-1.0, 0.0, 0)
    for delimiter in DELIMITERS:
        score = _split_score(lines, delimiter)
        if score is not None and score > best_score:
            best, best_score = delimiter, score
    if best_score[0] == 1.0 and best != "\t":
        return best  # whitespace could only tie: the common, consistent file pays nothing more
    for spaces in WHITESPACE:
        score = _split_score(lines, spaces)
        if score is not None and _whitespace_wins(score, best, best_score):
            best, best_score = spaces, score
    return best


def _whitespace_wins(
    score: tuple[float, float, int], best: str, best_score: tuple[float, float, int]
) -> bool:
    """Whitespace beats a delimiter by splitting more lines alike; it beats tabs (whose fields
    it splits further: tabs beside spaces) on the usual order, typed cells then field count."""
    return score[0] > best_score[0] or (best == "\t" and score > best_score)


# Whitespace separates the fields of nearly every line (the header included) or none.
_WHITESPACE_SHARE = 0.9


def _split_score(lines: list[str], delimiter: str) -> tuple[float, float, int] | None:
    """(share of lines with the modal field count, share of typed cells, modal count); None
    when the lines do not split into two fields or more (whitespace: not nearly all alike)."""
    whitespace = delimiter in WHITESPACE
    if delimiter == FIXED_WIDTH and column_starts(lines) is None:
        return None
    text = "\n".join(lines)
    if whitespace:
        text, delimiter = separate(text, delimiter, lines), UNIT_SEPARATOR
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    counts = [len(row) for row in rows]
    if not counts:
        return None
    modal = max(set(counts), key=counts.count)
    if whitespace and counts[0] == modal - 1 and lines[0].lstrip().startswith('"'):
        counts[0] = modal  # R's write.table quotes the names, and none is above the row names
    share = counts.count(modal) / len(counts)
    if modal < 2:
        return None
    if whitespace and (len(counts) < 2 or share < _WHITESPACE_SHARE or counts[0] != modal):
        return None
    return (share, _typed_share(rows[1:]), modal)


_TYPED_CELL = re.compile(r"^[\s$€£¥￥(+-]*\d[\d\s.,:/'年月日T-]*[%)元]?\s*$")


def _typed_share(rows: list[list[str]]) -> float:
    """Share of cells that look like a number or a date (they never hold a delimiter)."""
    cells = [cell for row in rows for cell in row if cell.strip()]
    return sum(bool(_TYPED_CELL.match(cell)) for cell in cells) / len(cells) if cells else 0.0
