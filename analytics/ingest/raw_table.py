"""The table every reader returns: each cell as text (null = missing) under a cleaned header."""

from __future__ import annotations

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
    """Name blank headers, number duplicates, drop blank-named columns that hold nothing."""
    names: list[str] = []
    keep: list[int] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, raw_name in enumerate(header):
        name = " ".join(raw_name.split())
        if not name:
            if cells.column(index).null_count == cells.num_rows:
                issues.append(
                    _header_issue(
                        "empty_column",
                        None,
                        index,
                        "has no name and no values; it was left out",
                        header_row,
                    )
                )
                continue
            name = f"column_{index + 1}"
            issues.append(
                _header_issue(
                    "empty_header",
                    name,
                    index,
                    f"has no name; it is called '{name}' here; name it in the file",
                    header_row,
                )
            )
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            new_name = f"{name} ({seen[key]})"
            issues.append(
                _header_issue(
                    "duplicate_header",
                    new_name,
                    index,
                    f"repeats the name '{name}'; it is called '{new_name}' here; "
                    "give each column its own name",
                    header_row,
                )
            )
            name = new_name
        else:
            seen[key] = 1
        names.append(name)
        keep.append(index)
    return tuple(names), cells.select(keep), issues


def _header_issue(code: str, column: str | None, index: int, text: str, row: int) -> Issue:
    return Issue(
        WARNING, code, column, f"Column {index + 1} {text}.", (row,), 1, {"index": index + 1}
    )
