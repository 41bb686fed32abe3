"""Holidays and shopping festivals as regressors: one calendar for lift, drivers, forecast, planner.

Each festival is a set of days; a regressor is 1 on those days for daily data and the share of
the period's days that fall in the festival for weekly or monthly data.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

import numpy as np
import pandas as pd

# Chinese New Year (Spring Festival) day, by year.
CHINESE_NEW_YEAR = {
    2015: "2015-02-19",
    2016: "2016-02-08",
    2017: "2017-01-28",
    2018: "2018-02-16",
    2019: "2019-02-05",
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    2030: "2030-02-03",
    2031: "2031-01-23",
    2032: "2032-02-11",
    2033: "2033-01-31",
    2034: "2034-02-19",
    2035: "2035-02-08",
}
CNY_DAYS_AROUND = 3


def _days(first: pd.Timestamp, last: pd.Timestamp) -> pd.DatetimeIndex:
    return pd.date_range(first, last, freq="D")


def _chinese_new_year(year: int) -> pd.DatetimeIndex:
    if year not in CHINESE_NEW_YEAR:
        return pd.DatetimeIndex([])
    day = pd.Timestamp(CHINESE_NEW_YEAR[year])
    around = pd.Timedelta(days=CNY_DAYS_AROUND)
    return _days(day - around, day + around)


def _run_up_618(year: int) -> pd.DatetimeIndex:
    return _days(pd.Timestamp(year, 6, 1), pd.Timestamp(year, 6, 17))


def _day_618(year: int) -> pd.DatetimeIndex:
    return pd.DatetimeIndex([pd.Timestamp(year, 6, 18)])


def _run_up_double_11(year: int) -> pd.DatetimeIndex:
    return _days(pd.Timestamp(year, 11, 1), pd.Timestamp(year, 11, 10))


def _day_double_11(year: int) -> pd.DatetimeIndex:
    return pd.DatetimeIndex([pd.Timestamp(year, 11, 11)])


def _black_friday_weekend(year: int) -> pd.DatetimeIndex:
    """Black Friday (the day after the fourth Thursday of November) through Cyber Monday."""
    first = pd.Timestamp(year, 11, 1)
    thanksgiving = first + pd.Timedelta(days=(3 - first.day_of_week) % 7 + 21)
    return _days(thanksgiving + pd.Timedelta(days=1), thanksgiving + pd.Timedelta(days=4))


# Regressor key -> the festival's days in a year. The keys are stable (CLI, JSON, column names);
# the app words them in each language (ui.failures.festival_name).
FESTIVALS: dict[str, Callable[[int], pd.DatetimeIndex]] = {
    "Chinese New Year": _chinese_new_year,
    "618 run-up": _run_up_618,
    "618": _day_618,
    "Double 11 run-up": _run_up_double_11,
    "Double 11": _day_double_11,
    "Black Friday–Cyber Monday": _black_friday_weekend,
}


def festival_days(name: str, first: pd.Timestamp, last: pd.Timestamp) -> pd.DatetimeIndex:
    """Every day of one festival between two dates."""
    days = [_festival_year(name, year) for year in range(first.year, last.year + 1)]
    joined = days[0].append(days[1:]) if days else pd.DatetimeIndex([])
    return joined[(joined >= first) & (joined <= last)]


@functools.lru_cache(maxsize=512)
def _festival_year(name: str, year: int) -> pd.DatetimeIndex:
    """One festival's days in one year (the rules are fixed, so each year is worked out once)."""
    return FESTIVALS[name](year)


def festival_regressors(index: pd.DatetimeIndex, freq: str = "D") -> pd.DataFrame:
    """One column per festival: 1/0 per day, or the share of each week's or month's days.

    A weekly timestamp is taken as its week's first day; a monthly one stands for its calendar
    month. Festivals
    that never occur in the index are left out (a constant column would only add noise).
    """
    index = pd.DatetimeIndex(index)
    if len(index) == 0:
        return pd.DataFrame(index=index)
    key = (len(index), index[0], index[-1], freq)
    with _RECENT_LOCK:
        cached = _RECENT.get(key)
    if cached is not None and cached[0].equals(index):
        return cached[1].copy()
    found = _festival_table(index, freq)
    with _RECENT_LOCK:
        if len(_RECENT) >= RECENT_CALENDARS:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[key] = (index, found)
    return found.copy()


# The series of one dataset share their calendar: its festival table is built once.
RECENT_CALENDARS = 16
_RECENT: dict[tuple, tuple[pd.DatetimeIndex, pd.DataFrame]] = {}
_RECENT_LOCK = threading.Lock()


def _festival_table(index: pd.DatetimeIndex, freq: str) -> pd.DataFrame:
    starts, ends = _periods(index.normalize(), freq)
    columns = {}
    for name in FESTIVALS:
        days = festival_days(name, starts.min(), ends.max())
        if len(days) == 0:
            continue
        share = _share_in_periods(days, starts, ends)
        if share.any():
            columns[name] = share
    return pd.DataFrame(columns, index=index)


def _periods(days: pd.DatetimeIndex, freq: str) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    if freq == "W":
        return days, days + pd.Timedelta(days=6)
    if freq == "M":
        months = days.to_period("M")
        return months.start_time, months.end_time.normalize()
    return days, days


def _share_in_periods(
    days: pd.DatetimeIndex, starts: pd.DatetimeIndex, ends: pd.DatetimeIndex
) -> np.ndarray:
    day_values = np.sort(days.to_numpy())
    inside = np.searchsorted(day_values, ends.to_numpy(), side="right") - np.searchsorted(
        day_values, starts.to_numpy(), side="left"
    )
    length = (ends - starts).days.to_numpy() + 1
    return inside / length
