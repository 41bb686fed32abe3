"""Forecast intervals: the 80% and 95% bounds in the metric's units from a mean and variance,
and the spread of cumulative demand (for safety stock)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

LEVELS = (0.80, 0.95)
Z = {level: float(stats.norm.ppf(0.5 + level / 2)) for level in LEVELS}  # computed once
COLUMNS = pd.Index(["mean", "lo80", "hi80", "lo95", "hi95"])  # a forecast table's


def levels(mu: np.ndarray, variance: np.ndarray, log: bool, nonnegative: bool) -> pd.DataFrame:
    """Back to the metric's units: under the log the mean is exp(mu + var/2) and the bounds are
    the exponentiated bounds (quantiles survive a monotone transform)."""
    mu, variance = np.asarray(mu, dtype=float), np.asarray(variance, dtype=float)
    sd = np.sqrt(variance)
    values = np.empty((len(mu), 5))
    values[:, 0] = mu + variance / 2 if log else mu
    for j, level in enumerate(LEVELS):
        values[:, 1 + 2 * j] = mu - Z[level] * sd
        values[:, 2 + 2 * j] = mu + Z[level] * sd
    if log:
        values = np.exp(values)
    if nonnegative:
        values = np.maximum(values, 0.0)
    return pd.DataFrame(values, columns=COLUMNS)


def cumulative_sd(psi: np.ndarray, scale: np.ndarray, sigma2: float) -> np.ndarray:
    """Standard deviation of the sum of the first k forecast errors, for every k: the shock
    of period i moves every later period j by psi[j - i] (times the level under the log)."""
    horizon = len(scale)
    out = np.empty(horizon)
    for k in range(1, horizon + 1):
        loads = np.array([scale[i:k] @ psi[: k - i] for i in range(k)])
        out[k - 1] = np.sqrt(sigma2 * np.sum(loads**2))
    return out


def conformal_scores(errors: pd.DataFrame) -> np.ndarray:
    """Each backtest point's distance from its forecast in units of its own 95% half-band on
    that side (above: to hi95, below: to lo95); NaN where that half-band is empty."""
    actual, centre = errors["actual"].to_numpy(), errors["forecast"].to_numpy()
    above = errors["hi95"].to_numpy() - centre
    below = centre - errors["lo95"].to_numpy()
    half = np.where(actual >= centre, above, below)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.abs(actual - centre) / half
    return np.where(half > 0, scores, np.nan)


def conformal_factor(scores: np.ndarray, level: float) -> float | None:
    """The split-conformal quantile: the ceil((n + 1) level)-th smallest score (the largest
    when there are too few), so a new point falls inside with probability at least ``level``."""
    clean = np.sort(scores[np.isfinite(scores)])
    if clean.size == 0:
        return None
    rank = min(int(np.ceil((clean.size + 1) * level)), clean.size)
    return float(clean[rank - 1])


def scaled_bands(
    table: pd.DataFrame, factors: dict[str, float], nonnegative: bool, center: str = "mean"
) -> pd.DataFrame:
    """Both bands rebuilt from the raw 95% band: each side's distance from the point forecast
    (column ``center``) times the level's factor, so a skewed band under the log stays skewed."""
    out = table.copy()
    mid = table[center].to_numpy(dtype=float)
    low95, high95 = table["lo95"].to_numpy(dtype=float), table["hi95"].to_numpy(dtype=float)
    for name, factor in factors.items():
        out[f"lo{name}"], out[f"hi{name}"] = scaled_bounds(mid, low95, high95, factor, nonnegative)
    return out


def scaled_bounds(
    mid: np.ndarray, low95: np.ndarray, high95: np.ndarray, factor, nonnegative: bool
) -> tuple[np.ndarray, np.ndarray]:
    """``scaled_bands`` for one level on arrays: the raw 95% band's sides times ``factor``."""
    factor = np.asarray(factor)
    low = mid - factor * (mid - low95)
    return (np.maximum(low, 0.0) if nonnegative else low), mid + factor * (high95 - mid)


def coverage(errors: pd.DataFrame, name: str = "95") -> float:
    """Share of the backtest's points inside their band (``name`` 80 or 95)."""
    actual = errors["actual"]
    return float(((actual >= errors[f"lo{name}"]) & (actual <= errors[f"hi{name}"])).mean())
