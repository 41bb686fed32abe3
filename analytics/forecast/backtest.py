"""Rolling-origin backtests: forecasts from several cut-offs, one horizon apart, scored on the
points that followed each next to the seasonal naive forecast from the same cut-offs. One loop
backtests any forecaster: the chosen model (refitted at each cut-off) or the seasonal naive."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analytics.forecast.arima import css_forecast
from analytics.forecast.intervals import COLUMNS, levels
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
    parts, total, values = [], 0.0, y.to_numpy(dtype=float)
    for cut in _cutoffs(len(y), horizon, settings.origins, minimum):
        if not np.isfinite(values[cut : cut + horizon]).any():
            continue
        train, truth = y.iloc[:cut], y.iloc[cut : cut + horizon]
        prediction = forecaster(train, truth.index)
        if prediction is not None:
            parts.append(_origin_columns(train, truth, prediction, frequency))
            total += scaled_error_total(parts[-1])
            if total > give_up_above:
                return None
    if not parts:
        notes.append(Note("no_backtest", {"horizon": horizon}))
        return None
    return score_columns(_joined(parts), horizon)


def arima_forecaster(
    design: pd.DataFrame, spec: ModelSpec, frequency: str, arma: bool = True
) -> Forecaster:
    """The chosen ARIMA refitted at any cut-off (coefficients re-estimated, order kept; with
    ``arma`` False only the regression, the ARMA part held at the whole history's),
    forecasting with the regressors that really happened (``design`` covers every period)."""
    needed = MIN_MODEL_POINTS[frequency]
    x, dates = design.to_numpy(dtype=float), design.index

    def refitted(train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame | None:
        values = train.to_numpy(dtype=float)
        if np.isfinite(values).sum() < needed:
            return None
        rows, ahead = _positions(dates, train.index), _positions(dates, future)
        z = filled(transform(train, spec.log))
        fitted = fit_arrays(spec, z, x[rows], frequency, arma, backtest=True)
        if fitted is None:
            return None
        fit, kept = fitted
        past, coming = x[np.ix_(rows, kept)], x[np.ix_(ahead, kept)]
        mu, variance = css_forecast(z, past, coming, fit, spec.differencing, SEASON[frequency])
        table = levels(mu, variance, spec.log, nonnegative=bool(np.nanmin(values) >= 0))
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


def _positions(dates: pd.DatetimeIndex, index: pd.DatetimeIndex) -> np.ndarray:
    """Where the periods of ``index`` sit in ``dates`` (both increasing; a run of ``dates``,
    as a backtest's history or horizon is, without a lookup)."""
    start = int(dates.searchsorted(index[0])) if len(index) else 0
    end = start + len(index) - 1
    if len(index) and end < len(dates) and dates[start] == index[0] and dates[end] == index[-1]:
        return np.arange(start, end + 1)
    return dates.get_indexer(index)


def origin_errors(
    train: pd.Series, truth: pd.Series, prediction: pd.DataFrame, frequency: str
) -> pd.DataFrame:
    """One cut-off's points: actual, forecast with bounds, seasonal naive, and the MASE scale."""
    return _frame(_joined([_origin_columns(train, truth, prediction, frequency)]))


ERROR_BANDS = ("forecast", "lo80", "hi80", "lo95", "hi95")  # a forecast table's COLUMNS


def _origin_columns(
    train: pd.Series, truth: pd.Series, prediction: pd.DataFrame, frequency: str
) -> dict[str, object]:
    """``origin_errors`` as arrays (the frame is built once for all cut-offs)."""
    values = train.to_numpy(dtype=float)
    season = naive_season(frequency, int(np.isfinite(values).sum()))
    horizon = len(truth)
    if prediction.columns[: len(COLUMNS)].equals(COLUMNS):
        bands = prediction.to_numpy(dtype=float)[:horizon, : len(COLUMNS)]
    else:
        bands = prediction[list(COLUMNS)].to_numpy(dtype=float)[:horizon]
    return {
        "index": truth.index,
        "origin": np.full(horizon, train.index.to_numpy()[-1]),
        "step": np.arange(1, horizon + 1),
        "actual": truth.to_numpy(dtype=float),
        **{name: bands[:, j] for j, name in enumerate(ERROR_BANDS)},
        "naive": seasonal_naive(train, horizon, season),
        "scale": np.full(horizon, naive_scale(train, season) or np.nan),
    }


def _joined(parts: list[dict[str, object]]) -> dict[str, object]:
    """The cut-offs' columns end to end."""
    if len(parts) == 1:
        return parts[0]
    index = parts[0]["index"].append([p["index"] for p in parts[1:]])
    names = [name for name in parts[0] if name != "index"]
    return {"index": index, **{n: np.concatenate([p[n] for p in parts]) for n in names}}


def _frame(columns: dict[str, object]) -> pd.DataFrame:
    """The columns as one table indexed by period."""
    return pd.DataFrame({n: v for n, v in columns.items() if n != "index"}, index=columns["index"])


def scaled_error_total(errors: pd.DataFrame | dict) -> float:
    """The sum of the points' absolute errors over their MASE scale (MASE times the points)."""
    actual, forecast = np.asarray(errors["actual"], float), np.asarray(errors["forecast"], float)
    return float(np.nansum(np.abs(actual - forecast) / np.asarray(errors["scale"], float)))


def score_points(frames: list[pd.DataFrame], horizon: int) -> BacktestScore:
    """The cut-offs' points pooled: the model's and the seasonal naive's errors, and how often
    the intervals held the actual value."""
    errors = pd.concat(frames) if len(frames) > 1 else frames[0]
    columns = {"index": errors.index, **{n: errors[n].to_numpy() for n in errors.columns}}
    return score_columns(columns, horizon)


def score_columns(columns: dict[str, object], horizon: int) -> BacktestScore:
    """The score of the points whose actual value is known; their table kept as the errors."""
    known = ~np.isnan(columns["actual"])
    if not known.all():
        columns = {name: values[known] for name, values in columns.items()}
    actual = columns["actual"]
    model = np.abs(actual - columns["forecast"])
    naive = np.abs(actual - columns["naive"])
    scale = columns["scale"]
    nonzero = actual != 0
    covered80 = (actual >= columns["lo80"]) & (actual <= columns["hi80"])
    covered95 = (actual >= columns["lo95"]) & (actual <= columns["hi95"])
    return BacktestScore(
        origins=len(np.unique(columns["origin"])),
        horizon=horizon,
        points=len(actual),
        mae=float(model.mean()),
        mape=_mean_ratio(model, np.abs(actual), nonzero),
        mase=_mean_ratio(model, scale, np.isfinite(scale)),
        rmse=float(np.sqrt(np.mean(model**2))),
        naive_mae=float(naive.mean()),
        naive_mape=_mean_ratio(naive, np.abs(actual), nonzero),
        naive_mase=_mean_ratio(naive, scale, np.isfinite(scale)),
        coverage80=float(covered80.mean()),
        coverage95=float(covered95.mean()),
        errors=_frame(columns),
    )


def _mean_ratio(numerator: np.ndarray, denominator: np.ndarray, keep: np.ndarray) -> float | None:
    if not keep.any():
        return None
    return float(np.mean(numerator[keep] / denominator[keep]))
