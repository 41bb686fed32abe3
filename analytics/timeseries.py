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


def expected_calendar(start: np.datetime64, end: np.datetime64, frequency: str) -> pd.DatetimeIndex:
    """Every period between two dates, anchored on the first one."""
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    if frequency == "M":
        return pd.date_range(start_ts, end_ts, freq=pd.DateOffset(months=1))
    step = "7D" if frequency == "W" else "D"
    return pd.date_range(start_ts, end_ts, freq=step)
