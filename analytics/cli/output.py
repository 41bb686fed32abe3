"""What a command prints: its result as text or one JSON object, or one error line (exit 2)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

EXIT_USER_ERROR = 2

Result = TypeVar("Result")


def emit(
    result: Result,
    as_json: bool,
    as_text: Callable[[Result], str],
    as_dict: Callable[[Result], dict[str, Any]],
) -> None:
    """Print the result as text, or with --json as one JSON object."""
    if as_json:
        print(json.dumps(as_dict(result), ensure_ascii=False, default=str))
    else:
        print(as_text(result))


def select_fields(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a result's dictionary, in that order: what the JSON interface holds."""
    return {key: data[key] for key in fields}


def fail(message: str) -> None:
    """The one line on stderr an error a user can cause prints."""
    print(f"error: {message}", file=sys.stderr)
