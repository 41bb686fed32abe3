"""Weekly sales for the alert tests (unit and app): a gentle trend with known noise, and planned
weeks whose spend an export fills in."""

from __future__ import annotations

import numpy as np
import pandas as pd

WEEKS = 80


def weekly_sales(weeks: int, seed: int = 3) -> pd.DataFrame:
    """Weekly revenue around 1,000 with a gentle trend and noise of sd 30."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2023-01-02", periods=weeks, freq="W-MON")
    revenue = 1000 + 2 * np.arange(weeks) + rng.normal(0, 30, weeks)
    return pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "revenue": revenue.round(2)})


def planned_weeks(actual_spend: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """60 weeks of revenue and spend, then 4 planned weeks (spend 100 each, no revenue yet); the
    export that fills them in with revenue and ``actual_spend`` a week."""
    whole = weekly_sales(64)
    whole["spend"] = 100.0
    base = whole.copy()
    base.loc[60:, "revenue"] = np.nan
    newer = whole.iloc[60:].copy()
    newer["spend"] = actual_spend
    return base, newer
