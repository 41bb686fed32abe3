"""Per frequency of the data: the history a baseline needs and may use, its season and its
unit; ``ROWS`` stands for a file without dates."""

from __future__ import annotations

import pandas as pd

from analytics.periods import period_offset

# "R": the rows of a file without dates, taken as a regular sequence with no calendar.
ROWS = "R"
# Recommended pre-period; shorter ones are fitted with a warning.
MIN_PRE_PERIODS = {"D": 56, "W": 26, "M": 24, ROWS: 30}
# Too little to fit at all: twice the parameters of the smallest baseline (constant, trend,
# weekday dummies for daily data, two ARMA terms and the error variance), and three weekly cycles.
FIT_MIN_PRE_PERIODS = {"D": 22, "W": 10, "M": 10, ROWS: 10}
MAX_PRE_PERIODS = {"D": 365, "W": 156, "M": 60, ROWS: 365}
SEASON = {"D": 7, "W": 0, "M": 12, ROWS: 0}
UNITS = {"D": "days", "W": "weeks", "M": "months", ROWS: "rows"}


def period_step(frequency: str) -> pd.DateOffset:
    """One period of ``frequency`` (a row counts as a day)."""
    return period_offset("D" if frequency == ROWS else frequency)
