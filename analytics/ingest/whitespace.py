"""Whitespace-separated text (fixed-width exports, R's write.table, 'customer  date  amount'),
rewritten with one UNIT_SEPARATOR between fields so that the delimited reader parses it.

Three ways to split, which the delimiter sniff scores like the delimiters: runs of two or more
spaces or a tab (single spaces stay inside a field: 'North East'), runs of any spaces and tabs,
and columns: the character positions blank on every line of the sample, so that a fixed-width
export's empty cells stay empty instead of shifting the cells after them. Quoted fields keep
their spaces.
"""

from __future__ import annotations

import re
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

WIDE_SPACES = "runs of two spaces or a tab"
SPACES = "runs of spaces"
FIXED_WIDTH = "fixed-width columns"
WHITESPACE = (WIDE_SPACES, SPACES, FIXED_WIDTH)
# What the whitespace between fields is rewritten into for the columnar reader.
UNIT_SEPARATOR = "\x1f"
_WIDE_RUN = re.compile(r"[ \t]*\t[ \t]*| {2,}")
_SPACE, _TAB, _QUOTE, _LF, _CR = b' \t"\n\r'
# Whole lines of about this many bytes are rewritten at a time (the arrays are a few times it).
_CHUNK = 8 << 20
Text = TypeVar("Text", str, bytes)


def separate(text: Text, separator: str, sample: list[str]) -> Text:
    """The text with UNIT_SEPARATOR between its fields (``sample``: the first lines, which
    place fixed-width columns), and the blanks at the start and end of each line removed."""
    if separator == FIXED_WIDTH:
        starts = column_starts(sample)
        if starts is None:
            raise ValueError("the sample has no fixed-width columns")
        return _cut(text, starts)
    if isinstance(text, str):
        return separate(text.encode("utf-8"), separator, sample).decode("utf-8")
    pieces, inside, start = [], 0, 0
    while start < len(text):
        end = text.find(b"\n", min(start + _CHUNK, len(text)))
        end = len(text) if end < 0 else end + 1
        piece, inside = _separate_runs(text[start:end], separator == WIDE_SPACES, inside)
        pieces.append(piece)
        start = end
    return b"".join(pieces)


def _separate_runs(piece: bytes, wide: bool, inside: int) -> tuple[bytes, int]:
    """Whole lines (starting inside quotes when ``inside`` is 1) with each run of blanks that
    separates fields made one UNIT_SEPARATOR and those at a line's start or end removed, found
    with array operations; and whether the piece ends inside quotes."""
    view = np.frombuffer(piece, np.uint8)
    blank = (view == _SPACE) | (view == _TAB)
    bounds = np.flatnonzero(np.diff(blank.view(np.int8), prepend=0, append=0))
    starts, ends = bounds[0::2], bounds[1::2]  # each run of blanks: [start, end)
    quotes = np.flatnonzero(view == _QUOTE)
    quoted = (inside + np.searchsorted(quotes, starts)) % 2 == 1
    before = view[np.maximum(starts - 1, 0)]
    after = view[np.minimum(ends, view.size - 1)]
    at_edge = (starts == 0) | (ends == view.size) | np.isin(before, (_LF, _CR))
    at_edge |= np.isin(after, (_LF, _CR))
    separating = ~quoted & ~at_edge
    if wide:
        tabs = np.flatnonzero(view == _TAB)
        has_tab = np.searchsorted(tabs, ends) > np.searchsorted(tabs, starts)
        separating &= (ends - starts >= 2) | has_tab
    removed = ~quoted & at_edge
    # Ranges to drop: whole runs at a line's edge, separating runs after their first blank.
    # They never touch (a non-blank byte lies between two runs), so each mark is exact.
    drop_starts = np.concatenate((starts[removed], starts[separating] + 1))
    drop_ends = np.concatenate((ends[removed], ends[separating]))
    kept = drop_starts < drop_ends
    marks = np.zeros(view.size + 1, dtype=np.int8)
    marks[drop_starts[kept]] = 1
    marks[drop_ends[kept]] = -1
    out = view.copy()
    out[starts[separating]] = ord(UNIT_SEPARATOR)
    return out[np.cumsum(marks[:-1], dtype=np.int8) == 0].tobytes(), (inside + quotes.size) % 2


def column_starts(lines: list[str]) -> list[int] | None:
    """Where each column starts: at each header name after positions blank on every line (a
    part without a name belongs to the column on its left: 'North East', right-aligned numbers).
    None unless there are two columns or more, each filled on some line below, and every line
    cut there gives the cells it splits into at two spaces (prose and tight layouts do not)."""
    if len(lines) < 3 or "  " not in lines[0] or any('"' in line or "\t" in line for line in lines):
        return None
    width = max(len(line) for line in lines)
    filled = np.zeros((len(lines), width), dtype=bool)
    for index, line in enumerate(lines):
        filled[index, : len(line)] = np.frombuffer(line.encode("utf-32-le"), np.uint32) != 32
    used = filled.any(axis=0)
    starts = np.flatnonzero(used & ~np.concatenate(([False], used[:-1])))
    named = np.logical_or.reduceat(filled[0], starts)  # the header is never blank
    starts = starts[np.concatenate(([True], named[1:]))]
    if starts.size < 2:
        return None
    if not np.logical_or.reduceat(filled[1:], starts, axis=1).any(axis=0).all():
        return None
    starts = [0, *starts[1:].tolist()]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    for line in lines:
        cells = [cell for cell in _cells(line, bounds) if cell]
        if cells != _WIDE_RUN.split(line.strip()):
            return None
    return starts


def _cut(text: Text, starts: list[int]) -> Text:
    """Each line cut at the column starts (characters), its cells stripped and joined by
    UNIT_SEPARATOR, with Arrow's string kernels; blank lines stay blank."""
    if isinstance(text, str):
        return _cut(text.encode("utf-8"), starts).decode("utf-8")
    if not text:
        return text
    lines = _lines(text)
    stops = [*starts[1:], 1 << 30]
    cells = [
        pc.utf8_trim_whitespace(pc.utf8_slice_codeunits(lines, start, stop))
        for start, stop in zip(starts, stops, strict=True)
    ]
    text_type = pa.large_string()
    unit, empty = pa.scalar(UNIT_SEPARATOR, text_type), pa.scalar("", text_type)
    joined = pc.binary_join_element_wise(*cells, unit)
    joined = pc.if_else(pc.equal(pc.utf8_trim_whitespace(lines), empty), empty, joined)
    ended = pc.binary_join_element_wise(joined, empty, pa.scalar("\n", text_type))
    offsets = np.frombuffer(ended.buffers()[1], np.int64)[: len(ended) + 1]
    return ended.buffers()[2][int(offsets[0]) : int(offsets[-1])].to_pybytes()


def _lines(data: bytes) -> pa.Array:
    """The lines of the data as one string each, their line ends kept (zero copy)."""
    view = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(view == (_LF if b"\n" in data else _CR)) + 1
    if not ends.size or ends[-1] != len(data):
        ends = np.append(ends, len(data))
    offsets = np.concatenate(([0], ends)).astype(np.int64)
    return pa.LargeStringArray.from_buffers(len(ends), pa.py_buffer(offsets), pa.py_buffer(data))


def _cells(line: str, bounds: list[tuple[int, int | None]]) -> list[str]:
    return [line[start:end].strip() for start, end in bounds]
