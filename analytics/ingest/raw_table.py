"""The table every reader returns: each cell as text (null = missing) under a cleaned header."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from analytics.ingest.issues import WARNING, Issue

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
