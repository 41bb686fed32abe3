"""The table every reader returns: each cell as text (null = missing) under a cleaned header."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pyarrow as pa

from analytics.ingest.dates import parse_dates
from analytics.ingest.issues import WARNING, Issue
from analytics.ingest.numbers import parse_numbers

MISSING_TOKENS = ["", "NA", "na", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "none",
                  "-", "--", "—", "#N/A"]  # fmt: skip


@dataclass(frozen=True)
class RawTable:
    """Every cell as text (null = missing), with what was learnt about the file on the way."""

    names: tuple[str, ...]
    cells: pa.Table
    file_name: str
    content_hash: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    row_numbers: np.ndarray
    issues: tuple[Issue, ...]

    @property
    def n_rows(self) -> int:
        return self.cells.num_rows

    def column(self, name: str) -> pa.ChunkedArray:
        return self.cells.column(self.names.index(name))


def name_columns(
    header: list[str], cells: pa.Table, row_numbers: np.ndarray, *, header_row: int = 1
) -> tuple[tuple[str, ...], pa.Table, np.ndarray, list[Issue]]:
    """The columns' names from the header row (see clean_header); or, when that row holds
    values like those below it, column_1..n with the row kept as the first data row."""
    if not first_row_is_data(header, cells):
        names, cells, issues = clean_header(header, cells, header_row=header_row)
        return names, cells, row_numbers, issues
    names = tuple(f"column_{index + 1}" for index in range(len(header)))
    first = pa.table([pa.array([cell], pa.string()) for cell in header], names=cells.column_names)
    cells = pa.concat_tables([first, cells])
    row_numbers = np.concatenate(([header_row], row_numbers)).astype(np.int64)
    return names, cells, row_numbers, [_header_is_data_issue(header, names, header_row)]


# The first row is compared with the kind of the values in this many rows below it.
_SAMPLE_ROWS = 200
_KIND_SHARE = 0.8
_YEAR = re.compile(r"^\s*(19|20|21)\d\d\s*$")


def first_row_is_data(header: list[str], cells: pa.Table) -> bool:
    """Every cell of the first row reads as what its column holds below it (a number over
    numbers, a date over dates); names that are consecutive years (2023, 2024) stay names."""
    if not header or not all(re.search(r"\d", cell) for cell in header):
        return False
    if all(_YEAR.match(cell) for cell in header) and _consecutive(header):
        return False
    sample = cells.slice(0, _SAMPLE_ROWS)
    for index, cell in enumerate(header):
        below = _value_kind(sample.column(index).drop_null())
        if below == "text" or _value_kind(pa.array([cell], pa.string())) != below:
            return False
    return True


def _consecutive(years: list[str]) -> bool:
    numbers = [int(year) for year in years]
    return len(numbers) > 1 and all(b - a == 1 for a, b in pairwise(numbers))


def _value_kind(cells: pa.Array | pa.ChunkedArray) -> str:
    """'date', 'number' or 'text' (also when empty): what most of the cells read as."""
    if len(cells) == 0:
        return "text"
    numbers = parse_numbers(cells).parsed_share
    if parse_dates(cells).date_share >= _KIND_SHARE and numbers < _KIND_SHARE:
        return "date"
    return "number" if numbers >= _KIND_SHARE else "text"


def _header_is_data_issue(header: list[str], names: tuple[str, ...], row: int) -> Issue:
    shown = ", ".join(header[:3]) + (", ..." if len(header) > 3 else "")
    span = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
    return Issue(
        WARNING,
        "header_is_data",
        None,
        f"Row {row} holds values, not column names ({shown}): it is read as data, and the "
        f"columns are called {span} here; put the column names above it in the file.",
        (row,),
        1,
        {"row": row, "values": shown, "first": names[0], "last": names[-1]},
    )


def clean_header(
    header: list[str], cells: pa.Table, *, header_row: int = 1
) -> tuple[tuple[str, ...], pa.Table, list[Issue]]:
    """Name blank headers, number duplicates, drop blank-named columns that hold nothing.

    Invisible characters (zero-width spaces and joiners, BOM, bidi controls, soft hyphens) are
    removed from names with a warning. Names are compared by their NFKC case-fold, so 'Revenue'
    and 'revenue' are duplicates and full-width 'ｒｅｖｅｎｕｅ' looks like 'revenue'; but each
    name is kept as written (NFKC would also turn the full-width brackets of '销售额（元）' into
    ASCII ones), only numbered when it repeats another.
    """
    names: list[str] = []
    keep: list[int] = []
    issues: list[Issue] = []
    seen: dict[str, tuple[str, int]] = {}
    for index, raw_name in enumerate(header):
        name, removed = _visible(raw_name)
        if not name:
            removed = ()  # the blank name is what the user needs to hear about
            if cells.column(index).null_count == cells.num_rows:
                text = "has no name and no values; it was left out"
                issues.append(_header_issue("empty_column", None, index, text, header_row))
                continue
            name = f"column_{index + 1}"
            text = f"has no name; it is called '{name}' here; name it in the file"
            issues.append(_header_issue("empty_header", name, index, text, header_row))
        numbered, issue = _numbered(name, index, seen, header_row)
        if removed:
            issues.append(_invisible_issue(name, numbered, index, removed, header_row))
        if issue:
            issues.append(issue)
        names.append(numbered)
        keep.append(index)
    return tuple(names), cells.select(keep), issues


# Characters that show nothing but make two names differ: format controls (Unicode category Cf:
# zero-width space and joiners, word joiner, BOM, bidi marks, embeddings and isolates, soft
# hyphen), control characters (Cc), and fillers drawn as blanks (Hangul fillers, the combining
# grapheme joiner, Khmer inherent vowels, Mongolian vowel separator).
_INVISIBLE_OTHERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")


def _visible(raw_name: str) -> tuple[str, tuple[str, ...]]:
    """The name without invisible characters, spaces collapsed; and which characters went."""
    removed = tuple(dict.fromkeys(c for c in raw_name if _is_invisible(c)))
    if removed:
        raw_name = "".join(c for c in raw_name if not _is_invisible(c))
    return " ".join(raw_name.split()), removed


def _is_invisible(char: str) -> bool:
    if char.isspace():
        return False  # tabs and odd spaces become one ordinary space, as they always have
    return unicodedata.category(char) in ("Cf", "Cc") or char in _INVISIBLE_OTHERS


def _invisible_issue(
    name: str, numbered: str, index: int, removed: tuple[str, ...], row: int
) -> Issue:
    described = ", ".join(_describe(c) for c in removed)
    text = (
        f"has invisible characters in its name ({described}); they were removed, so it reads "
        f"'{name}'; delete them in the file"
    )
    return _header_issue(
        "invisible_header_characters", numbered, index, text, row, characters=described, name=name
    )


def _describe(char: str) -> str:
    """'zero width space U+200B'."""
    return f"{unicodedata.name(char, 'control character').lower()} U+{ord(char):04X}"


def _comparable(name: str) -> str:
    """What a reader sees: NFKC case-fold, so full-width and other look-alike forms match."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _numbered(
    name: str, index: int, seen: dict[str, tuple[str, int]], row: int
) -> tuple[str, Issue | None]:
    """A name that repeats (or looks like) an earlier one gets a number, with a warning."""
    key = _comparable(name)
    if key not in seen:
        seen[key] = (name, 1)
        return name, None
    first, count = seen[key]
    seen[key] = (first, count + 1)
    new_name = f"{name} ({count + 1})"
    if name.casefold() == first.casefold():
        text = f"repeats the name '{name}'"
        code = "duplicate_header"
    else:
        text = f"has the name '{name}', which looks the same as '{first}'"
        code = "lookalike_header"
    text += f"; it is called '{new_name}' here; give each column its own name"
    return new_name, _header_issue(code, new_name, index, text, row, original=first, name=name)


def _header_issue(
    code: str, column: str | None, index: int, text: str, row: int, **params: str
) -> Issue:
    return Issue(
        WARNING,
        code,
        column,
        f"Column {index + 1} {text}.",
        (row,),
        1,
        {"index": index + 1, **params},
    )
