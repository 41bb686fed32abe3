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


MIN_COVERAGE95 = 0.85  # below this share of backtest points inside the 95% band, widen it


def widening_factor(errors: pd.DataFrame) -> float:
    """How much wider the 95% band must be to hold 95% of the backtest's points: the empirical
    95% quantile of the absolute errors over the median half-width of the bands (at least 1)."""
    half_width = ((errors["hi95"] - errors["lo95"]) / 2).median()
    quantile = float(np.quantile(np.abs(errors["actual"] - errors["forecast"]), 0.95))
    if not half_width > 0:
        return 1.0
    return max(1.0, quantile / float(half_width))


def widen(
    table: pd.DataFrame, factor: float, nonnegative: bool, center: str = "mean"
) -> pd.DataFrame:
    """Both bands' distances from the point forecast (column ``center``) times ``factor``, each
    side on its own, so a skewed band under the log stays skewed."""
    out = table.copy()
    mid = table[center]
    for name in ("80", "95"):
        out[f"lo{name}"] = mid - factor * (mid - table[f"lo{name}"])
        out[f"hi{name}"] = mid + factor * (table[f"hi{name}"] - mid)
        if nonnegative:
            out[f"lo{name}"] = out[f"lo{name}"].clip(lower=0.0)
    return out


def coverage95(errors: pd.DataFrame) -> float:
    """Share of the backtest's points inside their 95% band."""
    actual = errors["actual"]
    return float(((actual >= errors["lo95"]) & (actual <= errors["hi95"])).mean())
