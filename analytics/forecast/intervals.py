"""Forecast intervals: the 80% and 95% bounds in the metric's units from a mean and variance,
and the spread of cumulative demand (for safety stock)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

LEVELS = (0.80, 0.95)


def levels(mu: np.ndarray, variance: np.ndarray, log: bool, nonnegative: bool) -> pd.DataFrame:
    """Back to the metric's units: under the log the mean is exp(mu + var/2) and the bounds are
    the exponentiated bounds (quantiles survive a monotone transform)."""
    sd = np.sqrt(variance)
    columns = {"mean": np.exp(mu + variance / 2) if log else mu}
    for level in LEVELS:
        z = stats.norm.ppf(0.5 + level / 2)
        low, high = mu - z * sd, mu + z * sd
        name = f"{round(level * 100)}"
        columns[f"lo{name}"] = np.exp(low) if log else low
        columns[f"hi{name}"] = np.exp(high) if log else high
    table = pd.DataFrame(columns)
    return table.clip(lower=0.0) if nonnegative else table


def cumulative_sd(psi: np.ndarray, scale: np.ndarray, sigma2: float) -> np.ndarray:
    """Standard deviation of the sum of the first k forecast errors, for every k: the shock
    of period i moves every later period j by psi[j - i] (times the level under the log)."""
    horizon = len(scale)
    out = np.empty(horizon)
    for k in range(1, horizon + 1):
        loads = np.array([scale[i:k] @ psi[: k - i] for i in range(k)])
        out[k - 1] = np.sqrt(sigma2 * np.sum(loads**2))
    return out
