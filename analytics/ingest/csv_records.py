"""Where the records of a delimited text start and end, and how many fields each holds, found
with array operations over the bytes (never one Python step per row), so that rows with the
wrong field count are set aside and numbered by spreadsheet row before the columnar reader
parses the rest.

A record ends at a line end (LF, CRLF or a lone CR) outside quotes; a quote opens only at the
start of a field and closes before a delimiter, a line end, the end of the file or the second
quote of a doubled one, as Excel and the columnar reader take them. Files quoted otherwise
(a quote inside an unquoted text, an unclosed quote) return None: the caller reads them the slow
way, which handles every quoting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_CHUNK = 32 << 20
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")


@dataclass(frozen=True)
class Records:
    """The records after the header (``first`` is the byte where they start): how many, and
    which are blank lines (skipped by the reader, shown as rows by a spreadsheet) or ragged."""

    first: int
    count: int
    blank: np.ndarray  # record indices (0 = the first record after the header)
    ragged: np.ndarray  # record indices
    ragged_fields: np.ndarray  # the field count of each ragged record
    ragged_starts: np.ndarray  # the first byte of each ragged record
    ragged_ends: np.ndarray  # the byte after it (after its line end)
    quoted_line_ends: bool

    def kept_rows(self, header_row: int = 1) -> np.ndarray:
        """Spreadsheet row numbers of the records the reader keeps (header = ``header_row``)."""
        kept = np.ones(self.count, dtype=bool)
        kept[self.blank] = False
        kept[self.ragged] = False
        return np.flatnonzero(kept).astype(np.int64) + header_row + 1

    def without_ragged(self, data: bytes) -> memoryview:
        """The records after the header, the ragged ones cut out (a chunk at a time)."""
        if not self.ragged.size:
            return memoryview(data)[self.first :]
        view = np.frombuffer(data, dtype=np.uint8)
        starts, ends = self.ragged_starts, self.ragged_ends
        out = np.empty(len(data) - self.first - int((ends - starts).sum()), dtype=np.uint8)
        written = 0
        for low in range(self.first, len(data), _CHUNK):
            high = min(low + _CHUNK, len(data))
            # +1 where a ragged record starts, -1 after it ends: a running sum of 0 is kept.
            # (Starts differ from each other, and ends too, so each assignment is exact.)
            first_start, last_start = np.searchsorted(starts, (low, high))
            first_end, last_end = np.searchsorted(ends, (low, high))
            marks = np.zeros(high - low + 1, dtype=np.int8)
            marks[starts[first_start:last_start] - low] += 1
            marks[ends[first_end:last_end] - low] -= 1
            marks[0] += first_start - first_end
            kept = view[low:high][np.cumsum(marks[:-1], dtype=np.int8) == 0]
            out[written : written + kept.size] = kept
            written += kept.size
        return out.data


def scan_records(data: bytes, delimiter: str, header_records: int, width: int) -> Records | None:
    """The records of ``data`` after its first ``header_records`` (one line each: an Excel
    'sep=' line and the header), with ``width`` fields expected; None when quoted otherwise."""
    view = np.frombuffer(data, dtype=np.uint8)
    first = _after_lines(view, header_records)
    scan = _Scan(view, ord(delimiter), first, width)
    for start in range(first, len(view), _CHUNK):
        if not scan.chunk(start, min(start + _CHUNK, len(view))):
            return None
    if scan.inside:
        return None
    scan.finish()

    def joined(parts: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    return Records(
        first=first,
        count=scan.count,
        blank=joined(scan.blank),
        ragged=joined(scan.ragged),
        ragged_fields=joined(scan.ragged_fields),
        ragged_starts=joined(scan.ragged_starts),
        ragged_ends=joined(scan.ragged_ends),
        quoted_line_ends=scan.quoted_line_ends,
    )


def _after_lines(view: np.ndarray, lines: int) -> int:
    """The byte after the first ``lines`` line ends (CRLF as one)."""
    position = 0
    for _ in range(lines):
        ends = [i for i in (_find(view, _LF, position), _find(view, _CR, position)) if i >= 0]
        if not ends:
            return len(view)
        position = min(ends) + 1
        if position < len(view) and view[position - 1] == _CR and view[position] == _LF:
            position += 1
    return position


def _find(view: np.ndarray, byte: int, start: int) -> int:
    found = np.flatnonzero(view[start : start + (1 << 20)] == byte)
    return int(found[0]) + start if found.size else -1


class _Scan:
    """The chunk-by-chunk state: inside quotes or not, and the record still open."""

    def __init__(self, view: np.ndarray, delimiter: int, first: int, width: int) -> None:
        self.view, self.delimiter, self.width = view, delimiter, width
        self.inside = 0
        self.open_start, self.open_delimiters = first, 0
        self.quoted_line_ends = False
        # Only the records left out are kept, by index: a good row costs nothing.
        self.count = 0
        self.blank: list[np.ndarray] = []
        self.ragged: list[np.ndarray] = []
        self.ragged_fields: list[np.ndarray] = []
        self.ragged_starts: list[np.ndarray] = []
        self.ragged_ends: list[np.ndarray] = []

    def chunk(self, start: int, stop: int) -> bool:
        """Take the bytes start..stop; False when their quoting is not the regular kind."""
        view, part = self.view, self.view[start:stop]
        quotes = np.flatnonzero(part == _QUOTE) + start
        if quotes.size and not self._regular(quotes):
            return False
        ends = self._line_ends(part, start)
        delimiters = np.flatnonzero(part == self.delimiter) + start
        if quotes.size:
            inside_end = (self.inside + np.searchsorted(quotes, ends)) % 2 == 1
            self.quoted_line_ends |= bool(inside_end.any())
            ends = ends[~inside_end]
            delimiters = delimiters[(self.inside + np.searchsorted(quotes, delimiters)) % 2 == 0]
            self.inside = (self.inside + quotes.size) % 2
        if not ends.size:
            self.open_delimiters += delimiters.size
            return True
        before = np.searchsorted(delimiters, ends)
        counts = np.diff(before, prepend=0)
        counts[0] += self.open_delimiters
        starts = np.concatenate(([self.open_start], ends[:-1] + 1))
        crlf = (view[ends] == _LF) & (ends > 0) & (view[np.maximum(ends - 1, 0)] == _CR)
        self._add(counts + 1, starts, ends + 1, ends - crlf)
        self.open_start, self.open_delimiters = int(ends[-1]) + 1, delimiters.size - int(before[-1])
        return True

    def finish(self) -> None:
        """The last record, when the file does not end with a line end."""
        end = len(self.view)
        if self.open_start < end:
            record = np.array([self.open_start]), np.array([end])
            self._add(np.array([self.open_delimiters + 1]), record[0], record[1], record[1])

    def _add(
        self, fields: np.ndarray, starts: np.ndarray, ends: np.ndarray, content_ends: np.ndarray
    ) -> None:
        """Records by their field count, start, end (after the line end) and content end."""
        blank = content_ends == starts
        ragged = np.flatnonzero(~blank & (fields != self.width))
        self.blank.append(np.flatnonzero(blank) + self.count)
        self.ragged.append(ragged + self.count)
        self.ragged_fields.append(fields[ragged])
        self.ragged_starts.append(starts[ragged])
        self.ragged_ends.append(ends[ragged])
        self.count += fields.size

    def _line_ends(self, part: np.ndarray, start: int) -> np.ndarray:
        """LF, and CR not followed by LF, as absolute byte positions in order."""
        view = self.view
        lf = np.flatnonzero(part == _LF) + start
        cr = np.flatnonzero(part == _CR) + start
        if cr.size:
            following = np.minimum(cr + 1, len(view) - 1)
            cr = cr[(cr + 1 >= len(view)) | (view[following] != _LF)]
            return np.sort(np.concatenate((lf, cr)))
        return lf

    def _regular(self, quotes: np.ndarray) -> bool:
        """Each opening quote starts a field and each closing one ends it (or doubles)."""
        view, size = self.view, len(self.view)
        opening = (self.inside + np.arange(quotes.size)) % 2 == 0
        before = view[np.maximum(quotes - 1, 0)]
        after = view[np.minimum(quotes + 1, size - 1)]
        boundary = (self.delimiter, _LF, _CR, _QUOTE)
        starts_field = (quotes == 0) | np.isin(before, boundary)
        ends_field = (quotes == size - 1) | np.isin(after, boundary)
        return bool(np.all(np.where(opening, starts_field, ends_field)))
