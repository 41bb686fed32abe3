"""The seasonal naive forecast: each period repeats the same period of the last cycle. It is the
bar every model must beat, and the forecast of series too short or too odd to model."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.forecast.intervals import levels
from analytics.forecast.results import ModelCard

NAIVE_SEASON = {"D": 7, "W": 52, "M": 12}  # the benchmark repeats the last week / year / year


def naive_season(frequency: str, points: int) -> int:
    """The benchmark's period: a week (daily), a year (weekly, monthly) when there is a full
    one, else 1 (the last value)."""
    season = NAIVE_SEASON[frequency]
    return season if points > season else 1


def seasonal_naive(train: pd.Series, horizon: int, season: int) -> np.ndarray:
    """Each future period repeats the same period of the last cycle (gaps carry the last value
    forward)."""
    last_cycle = train.to_numpy(dtype=float)[-season:]
    if np.isnan(last_cycle).any():
        last_cycle = train.ffill().to_numpy(dtype=float)[-season:]
    return last_cycle[np.arange(horizon) % season]


def naive_fitted(frequency: str):
    """The seasonal naive forecast's in-sample values: each period's value a season earlier."""

    def fitted(y: pd.Series) -> pd.Series:
        return y.shift(naive_season(frequency, int(y.notna().sum())))

    return fitted


def naive_scale(train: pd.Series, season: int) -> float | None:
    """Mean absolute error of the in-sample seasonal naive forecast (the MASE denominator)."""
    values = train.to_numpy(dtype=float)
    errors = np.abs(values[season:] - values[:-season])
    errors = errors[np.isfinite(errors)]
    scale = float(errors.mean()) if errors.size else 0.0
    return scale if scale > 0 else None


def naive_table(train: pd.Series, horizon: int, season: int) -> tuple[pd.DataFrame, float]:
    """Seasonal naive forecast with bounds from the sd of its in-sample errors × √(cycles
    ahead); also returns that sd."""
    values = train.to_numpy(dtype=float)
    diffs = values[season:] - values[:-season]
    sd = float(np.nanstd(diffs)) if np.isfinite(diffs).sum() > 1 else float(np.nanstd(values))
    cycles = np.floor(np.arange(horizon) / season) + 1
    mean = seasonal_naive(train, horizon, season)
    table = levels(mean, sd**2 * cycles, False, nonnegative=bool(np.nanmin(values) >= 0))
    table["cum_sd"] = sd * np.sqrt(np.cumsum(cycles))
    return table, sd


def naive_card(season: int, points: int, sd: float) -> ModelCard:
    """The model card of the seasonal naive forecast (the last value when ``season`` is 1)."""
    return ModelCard(
        method="seasonal_naive",
        order=(0, 0, 0) if season > 1 else (0, 1, 0),
        seasonal_order=(0, 1, 0, season) if season > 1 else (0, 0, 0, 0),
        trend="none",
        log=False,
        log_slope=None,
        fourier_terms=0,
        fourier_period=None,
        season_dummies=False,
        aic=None,
        nobs=points,
        sigma=sd,
        seasonal_strength=None,
        kpss_p=None,
        adf_p=None,
        coefficients=(),
        ljung_box_lags=None,
        ljung_box_stat=None,
        ljung_box_p=None,
        models_tried=0,
    )
