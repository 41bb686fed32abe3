"""Choosing the model of a series: the log or not, differencing, yearly Fourier terms, fixed
seasonal effects and ARMA orders, each by its test or by AIC (after R's ``auto.arima``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from analytics.forecast import arima
from analytics.forecast.regressors import YEAR, deterministic, season_dummies

SEASON = {"D": 7, "W": 0, "M": 12}  # seasonal period of the ARIMA part
FOURIER_MIN_PERIODS = {"D": 548, "W": 78}  # a year and a half
MAX_FOURIER = 4
MIN_MODEL_POINTS = {"D": 56, "W": 40, "M": 36}
LOG_BLOCK = {"D": 7, "W": 8, "M": 12}
LOG_SLOPE = 0.5
LOG_MIN_BLOCKS = 4


@dataclass(frozen=True)
class ModelSpec:
    """The chosen model: transform, yearly terms, differencing and orders."""

    log: bool
    log_slope: float | None
    fourier: int
    dummies: bool
    differencing: arima.Differencing
    orders: arima.Orders
    constant: bool
    models_tried: int
    fit: arima.CssFit = field(repr=False, compare=False)  # on the whole history
    columns: tuple[str, ...] = ()  # the regressors that fit uses


def log_slope(y: pd.Series, frequency: str) -> float | None:
    """How the within-block swing grows with the block's level: the robust (Theil–Sen) slope
    of log swing on log level over blocks of a week (daily), 8 weeks or a year (monthly).
    About 1 for multiplicative seasonality, 0 for additive; None when it cannot be told."""
    values = y.to_numpy(dtype=float)
    block = LOG_BLOCK[frequency]
    usable = len(values) // block
    if usable < LOG_MIN_BLOCKS or np.nanmin(values) <= 0:
        return None
    blocks = values[len(values) - usable * block :].reshape(usable, block)
    blocks = blocks[~np.isnan(blocks).any(axis=1)]
    if len(blocks) < LOG_MIN_BLOCKS:
        return None
    position = np.arange(block) - (block - 1) / 2
    slopes = blocks @ position / (position @ position)
    detrended = blocks - slopes[:, None] * position
    level = detrended.mean(axis=1)
    swing = detrended.std(axis=1)
    keep = swing > 0
    if keep.sum() < LOG_MIN_BLOCKS or np.ptp(np.log(level[keep])) < 0.05:
        return None
    return float(stats.theilslopes(np.log(swing[keep]), np.log(level[keep]))[0])


def transform(y: pd.Series, log: bool) -> np.ndarray:
    """The values, or their logarithm."""
    values = y.to_numpy(dtype=float)
    return np.log(values) if log else values


def filled(z: np.ndarray) -> np.ndarray:
    """Missing values interpolated for the least-squares fits (the state-space model skips
    them)."""
    if not np.isnan(z).any():
        return z
    return pd.Series(z).interpolate(limit_direction="both").to_numpy()


def independent(differenced: np.ndarray) -> list[int]:
    """Positions of the columns that vary and are not combinations of earlier kept ones."""
    varying = np.flatnonzero(np.std(differenced, axis=0) >= 1e-9)
    columns = differenced[:, varying]
    size = np.maximum(1.0, np.abs(columns).max(axis=0, initial=0.0)) * np.sqrt(len(columns))
    if columns.shape[1] <= columns.shape[0]:
        # R's diagonal: what each column adds to the span of the columns before it.
        added = np.abs(np.diag(np.linalg.qr(columns, mode="r")))
        return [int(j) for j, a, s in zip(varying, added, size, strict=True) if a > 1e-8 * s]
    kept: list[int] = []  # more columns than rows: Gram-Schmidt, twice for accuracy
    basis = np.zeros((columns.shape[0], 0))
    for j, column, s in zip(varying, columns.T, size, strict=True):
        rest = column - basis @ (basis.T @ column)
        rest = rest - basis @ (basis.T @ rest)
        norm = float(np.linalg.norm(rest))
        if norm > 1e-8 * s:
            kept.append(int(j))
            basis = np.column_stack([basis, rest / norm])
    return kept


def choose_model(y: pd.Series, design: pd.DataFrame, frequency: str) -> ModelSpec | None:
    """Log or not, differencing, deterministic terms and ARMA orders, each by its test or AIC.

    Without seasonal differencing a fixed seasonal pattern would need a seasonal AR root at 1,
    so fixed weekday (month) effects are offered as regressors, kept when the AIC says so."""
    m = SEASON[frequency]
    slope = log_slope(y, frequency)
    log = slope is not None and slope > LOG_SLOPE
    z = filled(transform(y, log))
    allow_fourier = frequency in YEAR and len(y) >= FOURIER_MIN_PERIODS[frequency]
    # Every candidate's regressors are columns of this one table, built once.
    full = deterministic(design, frequency, MAX_FOURIER if allow_fourier else 0, bool(m))
    dummy_names = list(season_dummies(full.index[:1], frequency).columns) if m else []
    widest = full.drop(columns=dummy_names)
    regression = np.column_stack([np.ones(len(z)), widest.to_numpy()])
    residuals = z - regression @ np.linalg.lstsq(regression, z, rcond=None)[0]
    differencing = arima.choose_differencing(residuals, m)
    constant = differencing.d + differencing.D <= 1
    w = arima.difference(z, differencing.d, differencing.D, m)
    ncond = arima.conditioning(m)
    default = arima.Orders(1, 1, 0, 1 if m else 0)
    options = [
        (terms, dummies)
        for terms in (range(MAX_FOURIER + 1) if allow_fourier else (0,))
        for dummies in ((False, True) if m and not differencing.D else (False,))
    ]
    differenced = arima.difference(full.to_numpy(), differencing.d, differencing.D, m)
    position = {name: j for j, name in enumerate(full.columns)}

    def option_columns(terms: int, dummies: bool) -> list[str]:
        """Usable columns of deterministic(design, frequency, terms, dummies), in its order."""
        names = [*design.columns]
        names += [f"year {f} {k}" for k in range(1, terms + 1) for f in ("sin", "cos")]
        names += dummy_names if dummies else []
        kept = independent(differenced[:, [position[name] for name in names]])
        return [names[j] for j in kept]

    best_option, best_fit, start = (0, False), None, None
    for terms, dummies in options:
        xw = differenced[:, [position[name] for name in option_columns(terms, dummies)]]
        fit = arima.css_fit(w, xw, default, m, constant, ncond, start, arima.SEARCH_FTOL, False)
        if fit is None:
            continue
        start = arima.arma_coefficients(fit)  # the next option starts from here
        if best_fit is None or fit.aic < best_fit.aic:
            best_option, best_fit = (terms, dummies), fit
    terms, dummies = best_option
    columns = option_columns(terms, dummies)
    xw = differenced[:, [position[name] for name in columns]]
    best, searched = arima.stepwise_search(w, xw, m, constant, near=best_fit)
    if best is None or len(w) - ncond <= len(columns) + best.orders.size + 2:
        return None
    tried = len(options) + searched
    return ModelSpec(
        log, slope, terms, dummies, differencing, best.orders, constant, tried, best, tuple(columns)
    )
