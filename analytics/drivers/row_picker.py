"""Rows of the design named and found by date and segment (or, in a table without dates, by their
number in the table), for the waterfall's row picker."""

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
    """(ISO date, or the row's number without dates; segment values) of a row."""
    first = data.keys.iloc[row, 0]
    name = pd.Timestamp(first).strftime("%Y-%m-%d") if data.dated else str(int(first))
    return name, tuple(str(v) for v in _segment_labels(data).iloc[row])


def numbered_row(data: DriverData, number: int) -> int | None:
    """The row with this number in the table (a table without dates), if it was modelled."""
    found = np.flatnonzero(data.keys.iloc[:, 0].to_numpy() == number)
    return int(found[0]) if len(found) else None


def find_row(data: DriverData, first: str, segment: Sequence[str]) -> int | None:
    """The row of a date (or, without dates, a row number) and segment, if the data have it."""
    labels = _segment_labels(data)
    if len(segment) != labels.shape[1]:
        return None
    try:
        wanted = pd.Timestamp(first) if data.dated else int(first)
    except (ValueError, TypeError):
        return None
    match = (data.keys.iloc[:, 0] == wanted).to_numpy(dtype=bool)
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
