"""Rolling-origin backtests: forecasts from several cut-offs, one horizon apart, scored on the
points that followed each next to the seasonal naive forecast from the same cut-offs. One loop
backtests any forecaster: the chosen model (refitted at each cut-off) or the seasonal naive."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analytics.forecast.arima import css_forecast
from analytics.forecast.intervals import levels
from analytics.forecast.naive import naive_scale, naive_season, naive_table, seasonal_naive
from analytics.forecast.results import BacktestScore, ForecastSettings, Note
from analytics.forecast.sarimax import fit_arrays
from analytics.forecast.search import MIN_MODEL_POINTS, SEASON, ModelSpec, filled, transform

# From the history up to a cut-off and the periods after it: the forecast table, or None when
# this cut-off gives none.
Forecaster = Callable[[pd.Series, pd.DatetimeIndex], pd.DataFrame | None]


def _cutoffs(points: int, horizon: int, origins: int, minimum: int) -> list[int]:
    """Cut-offs one horizon apart, the last one a horizon before the end."""
    cuts = [points - horizon * i for i in range(origins, 0, -1)]
    return [c for c in cuts if c >= minimum]


def rolling_origin(
    y: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    notes: list[Note],
    minimum: int,
    forecaster: Forecaster,
    give_up_above: float = np.inf,
) -> BacktestScore | None:
    """``forecaster`` at each cut-off with at least ``minimum`` periods before it, scored on the
    next ``horizon`` periods; None (with a note) when no cut-off gives a forecast, and None as
    soon as the scaled errors add up past ``give_up_above`` (a rival's total from the same
    cut-offs: this one can no longer beat it, so the later cut-offs are not refitted)."""
    if settings.origins <= 0:
        return None
    horizon = settings.horizon
    parts, total = [], 0.0
    for cut in _cutoffs(len(y), horizon, settings.origins, minimum):
        train, truth = y.iloc[:cut], y.iloc[cut : cut + horizon]
        if truth.notna().sum() == 0:
            continue
        prediction = forecaster(train, truth.index)
        if prediction is not None:
            parts.append(_origin_columns(train, truth, prediction, frequency))
            total += scaled_error_total(parts[-1])
            if total > give_up_above:
                return None
    if not parts:
        notes.append(Note("no_backtest", {"horizon": horizon}))
        return None
    return _score(_frame(parts), horizon)


def arima_forecaster(
    design: pd.DataFrame, spec: ModelSpec, frequency: str, arma: bool = True
) -> Forecaster:
    """The chosen ARIMA refitted at any cut-off (coefficients re-estimated, order kept; with
    ``arma`` False only the regression, the ARMA part held at the whole history's),
    forecasting with the regressors that really happened (``design`` covers every period)."""
    needed = MIN_MODEL_POINTS[frequency]
    x, dates = design.to_numpy(dtype=float), design.index

    def refitted(train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame | None:
        if train.notna().sum() < needed:
            return None
        rows, ahead = dates.get_indexer(train.index), dates.get_indexer(future)
        z = filled(transform(train, spec.log))
        fitted = fit_arrays(spec, z, x[rows], frequency, arma, backtest=True)
        if fitted is None:
            return None
        fit, kept = fitted
        past, coming = x[np.ix_(rows, kept)], x[np.ix_(ahead, kept)]
        mu, variance = css_forecast(z, past, coming, fit, spec.differencing, SEASON[frequency])
        table = levels(mu, variance, spec.log, nonnegative=bool(np.nanmin(train) >= 0))
        table.index = future
        return table

    return refitted


def naive_forecaster(frequency: str) -> Forecaster:
    """The seasonal naive forecast from any cut-off, with its own bands."""

    def repeated(train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame:
        season = naive_season(frequency, int(train.notna().sum()))
        table = naive_table(train, len(future), season)[0]
        table.index = future
        return table

    return repeated


def naive_backtest(
    y: pd.Series, frequency: str, settings: ForecastSettings, notes: list[Note]
) -> BacktestScore | None:
    """The seasonal naive forecast backtested as a forecast in its own right (for series too
    short or too odd to model)."""
    return rolling_origin(y, frequency, settings, notes, 2, naive_forecaster(frequency))


def origin_errors(
    train: pd.Series, truth: pd.Series, prediction: pd.DataFrame, frequency: str
) -> pd.DataFrame:
    """One cut-off's points: actual, forecast with bounds, seasonal naive, and the MASE scale."""
    return _frame([_origin_columns(train, truth, prediction, frequency)])


def _origin_columns(
    train: pd.Series, truth: pd.Series, prediction: pd.DataFrame, frequency: str
) -> dict[str, object]:
    """``origin_errors`` as arrays (the frame is built once for all cut-offs)."""
    values = train.to_numpy(dtype=float)
    season = naive_season(frequency, int(np.isfinite(values).sum()))
    horizon = len(truth)
    bands = {"forecast": "mean", "lo80": "lo80", "hi80": "hi80", "lo95": "lo95", "hi95": "hi95"}
    return {
        "index": truth.index,
        "origin": np.repeat(train.index[-1:].to_numpy(), horizon),
        "step": np.arange(1, horizon + 1),
        "actual": truth.to_numpy(dtype=float),
        **{name: prediction[band].to_numpy(dtype=float)[:horizon] for name, band in bands.items()},
        "naive": seasonal_naive(train, horizon, season),
        "scale": np.full(horizon, naive_scale(train, season) or np.nan),
    }


def _frame(parts: list[dict[str, object]]) -> pd.DataFrame:
    """The cut-offs' columns as one table indexed by period."""
    index = parts[0]["index"].append([p["index"] for p in parts[1:]]) if parts else []
    names = [name for name in parts[0] if name != "index"]
    return pd.DataFrame({n: np.concatenate([p[n] for p in parts]) for n in names}, index=index)


def scaled_error_total(errors: pd.DataFrame | dict) -> float:
    """The sum of the points' absolute errors over their MASE scale (MASE times the points)."""
    actual, forecast = np.asarray(errors["actual"], float), np.asarray(errors["forecast"], float)
    return float(np.nansum(np.abs(actual - forecast) / np.asarray(errors["scale"], float)))


def score_points(frames: list[pd.DataFrame], horizon: int) -> BacktestScore:
    """The cut-offs' points pooled: the model's and the seasonal naive's errors, and how often
    the intervals held the actual value."""
    errors = pd.concat(frames) if len(frames) > 1 else frames[0]
    return _score(errors, horizon)


def _score(errors: pd.DataFrame, horizon: int) -> BacktestScore:
    errors = errors[errors["actual"].notna()]
    actual = errors["actual"].to_numpy()
    model = np.abs(actual - errors["forecast"].to_numpy())
    naive = np.abs(actual - errors["naive"].to_numpy())
    scale = errors["scale"].to_numpy()
    nonzero = actual != 0
    covered80 = (actual >= errors["lo80"].to_numpy()) & (actual <= errors["hi80"].to_numpy())
    covered95 = (actual >= errors["lo95"].to_numpy()) & (actual <= errors["hi95"].to_numpy())
    return BacktestScore(
        origins=int(errors["origin"].nunique()),
        horizon=horizon,
        points=len(errors),
        mae=float(model.mean()),
        mape=_mean_ratio(model, np.abs(actual), nonzero),
        mase=_mean_ratio(model, scale, np.isfinite(scale)),
        rmse=float(np.sqrt(np.mean(model**2))),
        naive_mae=float(naive.mean()),
        naive_mape=_mean_ratio(naive, np.abs(actual), nonzero),
        naive_mase=_mean_ratio(naive, scale, np.isfinite(scale)),
        coverage80=float(covered80.mean()),
        coverage95=float(covered95.mean()),
        errors=errors,
    )


def _mean_ratio(numerator: np.ndarray, denominator: np.ndarray, keep: np.ndarray) -> float | None:
    if not keep.any():
        return None
    return float(np.mean(numerator[keep] / denominator[keep]))
