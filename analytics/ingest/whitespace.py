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

WIDE_SPACES = "runs of two spaces or a tab"
SPACES = "runs of spaces"
FIXED_WIDTH = "fixed-width columns"
WHITESPACE = (WIDE_SPACES, SPACES, FIXED_WIDTH)
# What the whitespace between fields is rewritten into for the columnar reader.
UNIT_SEPARATOR = "\x1f"
_RUNS = {SPACES: r"[ \t]+", WIDE_SPACES: r"[ \t]*\t[ \t]*| {2,}"}
_QUOTED = r'"(?:[^"]|"")*"'
_LINE_EDGES = r"(?m)^[ \t]+|[ \t]+(?=\r?$)"
_LINE_END = re.compile(r"\r\n|\r|\n")
Text = TypeVar("Text", str, bytes)


def separate(text: Text, separator: str, sample: list[str]) -> Text:
    """The text with UNIT_SEPARATOR between its fields (``sample``: the first lines, which
    place fixed-width columns), and the blanks at the start and end of each line removed."""
    if separator == FIXED_WIDTH:
        starts = column_starts(sample)
        if starts is None:
            raise ValueError("the sample has no fixed-width columns")
        return _cut(text, starts)
    unit = _like(text, UNIT_SEPARATOR)
    text = re.sub(_like(text, _LINE_EDGES), unit[:0], text)
    pattern = _like(text, _RUNS[separator])
    if _like(text, '"') not in text:
        return re.sub(pattern, unit, text)
    quoted_or_separator = _like(text, f"({_QUOTED})|") + pattern
    return re.sub(quoted_or_separator, lambda found: found.group(1) or unit, text)


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
        if cells != re.split(_RUNS[WIDE_SPACES], line.strip()):
            return None
    return starts


def _cut(text: Text, starts: list[int]) -> Text:
    """Each line cut at the column starts, its cells stripped and joined by UNIT_SEPARATOR."""
    if isinstance(text, bytes):
        return _cut(text.decode("utf-8"), starts).encode("utf-8")
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    return "\n".join(
        UNIT_SEPARATOR.join(_cells(line, bounds)) if line.strip() else ""
        for line in _LINE_END.split(text)
    )


def _cells(line: str, bounds: list[tuple[int, int | None]]) -> list[str]:
    return [line[start:end].strip() for start, end in bounds]


def _like(text: Text, ascii_text: str) -> Text:
    """``ascii_text`` as the same type as ``text`` (str or bytes)."""
    return ascii_text.encode() if isinstance(text, bytes) else ascii_text  # type: ignore[return-value]
