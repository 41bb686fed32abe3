"""What a command prints: its result as text or one JSON object, or one error line (exit 2)."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

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
        print(strict_json(as_dict(result)))
    else:
        print(as_text(result))


def strict_json(data: Any) -> str:
    """One JSON object that any parser reads: NaN and infinities become null, never the bare
    NaN/Infinity tokens that json.dumps writes by default and strict parsers refuse."""
    return json.dumps(_finite(data), ensure_ascii=False, default=str, allow_nan=False)


def _finite(value: Any) -> Any:
    """The value with every non-finite float (Python or NumPy, at any depth) replaced by None."""
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def select_fields(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a result's dictionary, in that order: what the JSON interface holds."""
    return {key: data[key] for key in fields}


def fail(message: str) -> None:
    """The one line on stderr an error a user can cause prints."""
    print(f"error: {message}", file=sys.stderr)
