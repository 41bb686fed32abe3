"""The validation report: one Issue per problem, the rows where it occurs, what to change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

ERROR = "error"
WARNING = "warning"
MAX_ROWS_LISTED = 10


@dataclass(frozen=True)
class Issue:
    """A problem found in a file. ``rows`` are spreadsheet row numbers (the header is row 1)."""

    severity: str
    code: str
    column: str | None
    message: str
    rows: tuple[int, ...] = ()
    count: int = 0
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "column": self.column,
            "rows": list(self.rows),
            "count": self.count,
            "message": self.message,
        }


def first_rows(positions: Iterable[int] | np.ndarray, row_numbers: np.ndarray) -> tuple[int, ...]:
    """Spreadsheet row numbers of the first few data positions."""
    positions = np.asarray(list(positions) if not isinstance(positions, np.ndarray) else positions)
    return tuple(int(row_numbers[p]) for p in positions[:MAX_ROWS_LISTED])


def rows_phrase(rows: tuple[int, ...], count: int) -> str:
    """'rows 5, 9 and 3 more' for messages."""
    if not rows:
        return ""
    listed = ", ".join(str(r) for r in rows)
    more = count - len(rows)
    noun = "row" if count == 1 else "rows"
    return f"{noun} {listed}" + (f" and {more} more" if more > 0 else "")


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(issue.severity == ERROR for issue in issues)
