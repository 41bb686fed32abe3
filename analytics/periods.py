"""Calendar helpers shared by every time-based analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd

FREQUENCY_NAMES = {"D": "daily", "W": "weekly", "M": "monthly"}


def infer_frequency(dates: np.ndarray) -> str | None:
    """'D', 'W' or 'M' from the typical step between distinct dates; None when irregular."""
    dates = np.asarray(dates, dtype="datetime64[ns]")
    distinct = np.unique(dates[~np.isnat(dates)]).astype("datetime64[D]")
    if distinct.size < 2:
        return None
    step = float(np.median(np.diff(distinct).astype("int64")))
    if step == 1:
        return "D"
    if step == 7:
        return "W"
    if 28 <= step <= 31:
        return "M"
    return None


def period_offset(frequency: str) -> pd.DateOffset:
    """One period of a 'D', 'W' or 'M' calendar."""
    return {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}[
        frequency
    ]


def expected_calendar(start: np.datetime64, end: np.datetime64, frequency: str) -> pd.DatetimeIndex:
    """Every period between two dates, anchored on the first one."""
    return pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=period_offset(frequency))
