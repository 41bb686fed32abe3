"""Rows of the design named and found by date and segment, for the waterfall's row picker."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.drivers.design import DriverData
from analytics.drivers.results import DriversResult


def _segment_labels(data: DriverData) -> pd.DataFrame:
    """The dimension values of every row as text (missing values as empty text)."""
    return data.keys.iloc[:, 1:].astype("string").fillna("")


def row_label(data: DriverData, row: int) -> tuple[str, tuple[str, ...]]:
    """(ISO date, segment values) of a row."""
    day = pd.Timestamp(data.keys.iloc[row, 0]).strftime("%Y-%m-%d")
    return day, tuple(str(v) for v in _segment_labels(data).iloc[row])


def find_row(data: DriverData, day: str, segment: Sequence[str]) -> int | None:
    """The row of a date and segment, if the data have it."""
    labels = _segment_labels(data)
    if len(segment) != labels.shape[1]:
        return None
    try:
        match = (data.keys.iloc[:, 0] == pd.Timestamp(day)).to_numpy(dtype=bool)
    except (ValueError, TypeError):
        return None
    for column, value in zip(labels.columns, segment, strict=True):
        match = match & (labels[column] == value).to_numpy(dtype=bool)
    found = np.flatnonzero(match)
    return int(found[0]) if len(found) else None


def segments(data: DriverData) -> list[tuple[str, ...]]:
    """Every segment (dimension values) in the data, sorted."""
    labels = _segment_labels(data)
    if labels.shape[1] == 0:
        return [()]
    unique = labels.drop_duplicates()
    return sorted(tuple(str(v) for v in values) for values in unique.itertuples(index=False))


def default_row(result: DriversResult) -> int:
    """The row the chosen model predicts highest: the first one a manager asks about."""
    if result.predictions is None or not len(result.predictions):
        return 0
    return int(np.argmax(result.predictions))
