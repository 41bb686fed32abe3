"""One gradient-boosting model (LightGBM) across the series of a many-series forecast (the
"global" candidate): every series scaled by its recent mean, the series as a categorical
feature, lags of at least the horizon (a direct model: every step of the horizon from one fit),
rolling means, calendar, festivals, price and promotions known in advance. One fit per backtest
cut-off for all series, from the same cut-offs as the per-series candidates, so its MASE
compares; each series gets it as one more candidate (``pooled_candidates``), which can also
join the combination."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from threadpoolctl import threadpool_limits

from analytics.forecast.backtest import _cutoffs, origin_errors, score_points
from analytics.forecast.intervals import COLUMNS, Z
from analytics.forecast.regressors import event_regressors
from analytics.forecast.results import (
    BacktestScore,
    ForecastSettings,
    GlobalModel,
    PooledCandidate,
)
from analytics.forecast.search import MIN_MODEL_POINTS
from analytics.forecast.series import clean_series, future_index
from analytics.parallel import map_in_workers

LAGS = {"D": 7, "W": 4, "M": 3}  # lags from the horizon on
WINDOWS = {"D": (7, 28), "W": (4, 13), "M": (3, 12)}  # rolling means ending a horizon back
SEASON = {"D": 7, "W": 52, "M": 12}
MIN_SERIES = 2  # a global model needs related series to pool
MAX_CATEGORIES = 250  # up to this many series a series code tells them apart (a category)
# Small trees on coarse bins: with a few thousand rows and 20 per leaf, 15 leaves and 63 bins
# backtest as well as the defaults (31, 255) at 40% less CPU (bench/results.md).
LEAVES, BINS = 15, 63
# 100 rounds at a rate of 0.1 backtest as well as 200 at 0.05 (the sample's segments' MASE
# 0.721 -> 0.724, set c's 0.523 -> 0.515) at 25-36% less CPU (bench/results.md).
ROUNDS, LEARNING_RATE = 100, 0.1
# In spreads from the mean, as in COLUMNS: mean, lo80, hi80, lo95, hi95.
BAND_STEPS = np.array([0.0, -Z[0.80], Z[0.80], -Z[0.95], Z[0.95]])


@dataclass(frozen=True)
class GlobalForecasts:
    """Per series: the global model's forecast (raw bands), its backtest from the shared
    cut-offs and its in-sample fitted values; what the model uses."""

    forecasts: dict[str, pd.DataFrame]
    backtests: dict[str, BacktestScore]
    fitted: dict[str, pd.Series]
    fits: int
    model: GlobalModel


def _scale(train: pd.Series, horizon: int, frequency: str) -> float:
    """The series' recent level: the mean absolute value of its last periods."""
    recent = train.dropna().iloc[-max(2 * horizon, 4 * SEASON[frequency]) :]
    level = float(np.abs(recent).mean()) if len(recent) else np.nan
    return level if np.isfinite(level) and level > 0 else 1.0


def _features(y: pd.Series, events: pd.DataFrame, horizon: int, frequency: str) -> pd.DataFrame:
    """Every period's features from values at least ``horizon`` periods back, over the history
    and the ``horizon`` periods after it, in the series' units: a period's features are the same
    whatever the cut-off, as long as it is at most ``horizon`` periods past it, so they are
    built once per series and only scaled per cut-off (``VALUE_COLUMNS``)."""
    z = pd.concat([y, pd.Series(np.nan, index=future_index(y.index, frequency, horizon))])
    columns: dict[str, np.ndarray | pd.Series] = {}
    for lag in range(horizon, horizon + LAGS[frequency]):
        columns[f"lag {lag}"] = z.shift(lag)
    season = SEASON[frequency]
    back = season * int(np.ceil(horizon / season))
    columns["season lag"] = z.shift(back)
    for window in WINDOWS[frequency]:
        columns[f"mean {window}"] = z.shift(horizon).rolling(window, min_periods=1).mean()
    index = pd.DatetimeIndex(z.index)
    if frequency == "D":
        columns["weekday"] = index.day_of_week.to_numpy()
    if frequency in ("D", "W"):
        columns["week"] = index.isocalendar().week.to_numpy(dtype=float)
    columns["month"] = index.month.to_numpy()
    table = pd.DataFrame(columns, index=z.index)
    return pd.concat([table, events.reindex(z.index).fillna(0.0)], axis=1)


def _is_value(column: str) -> bool:
    """Columns made of the series' values (lags, the season lag, rolling means): scaled."""
    return column.startswith(("lag ", "mean ")) or column == "season lag"


@dataclass(frozen=True)
class _Features:
    """Every series' feature table (``_features``) as a matrix over the same columns (missing
    calendar or event columns as 0, missing lags left missing), and which columns are made of
    the series' values (scaled per cut-off)."""

    columns: tuple[str, ...]
    matrices: dict[str, np.ndarray]
    values: np.ndarray  # True on value columns

    @classmethod
    def of(cls, tables: dict[str, pd.DataFrame]) -> _Features:
        columns = list(dict.fromkeys(c for table in tables.values() for c in table.columns))
        values = np.array([_is_value(c) for c in columns])
        matrices = {}
        for label, table in tables.items():
            matrix = table.reindex(columns=columns).to_numpy(dtype=float)
            matrix[:, ~values] = np.nan_to_num(matrix[:, ~values], nan=0.0)
            matrices[label] = matrix
        return cls(tuple(columns), matrices, values)


def _fit_predict(
    histories: dict[str, pd.Series],
    features: _Features,
    horizon: int,
    frequency: str,
) -> dict[str, tuple[pd.DataFrame, pd.Series]]:
    """One model on every series' history (its first periods up to a cut-off); per series the
    next ``horizon`` periods (mean and raw bands from the in-sample spread of scaled errors) and
    the in-sample fitted values."""
    use_code = len(histories) <= MAX_CATEGORIES
    known_x, targets, ahead_x, scales, known = [], [], [], {}, {}
    for code, (label, train) in enumerate(histories.items()):
        scales[label] = _scale(train, horizon, frequency)
        table = features.matrices[label][: len(train) + horizon].copy()
        table[:, features.values] /= scales[label]
        table = np.column_stack([table, np.full(len(table), code if use_code else 0.0)])
        known[label] = train.notna().to_numpy()
        known_x.append(table[:-horizon][known[label]])
        ahead_x.append(table[-horizon:])
        targets.append(train.to_numpy(dtype=float)[known[label]] / scales[label])
    model = LGBMRegressor(
        n_estimators=ROUNDS,
        learning_rate=LEARNING_RATE,
        min_child_samples=20,
        num_leaves=LEAVES,
        max_bin=BINS,
        min_data_per_group=20,  # a category's least rows in a split (LightGBM's default 100)
        cat_smooth=1.0,
        n_jobs=1,
        force_col_wise=True,  # its row-or-column test at every fit costs more than it saves
        deterministic=True,
        random_state=0,
        verbose=-1,
    )
    target = np.concatenate(targets)
    train_x = np.vstack(known_x)
    model.fit(train_x, target, categorical_feature=[len(features.columns)] if use_code else [])
    predicted = model.predict(np.vstack([train_x, *ahead_x]))
    fitted_all, ahead = predicted[: len(train_x)], predicted[len(train_x) :]
    # Errors grow with the level (a promotion week at twice the level misses by about twice
    # as much): the spread is of errors relative to the fitted level, floored at a tenth of
    # the series' recent mean, and the bands scale with the forecast.
    spread = float(np.std((target - fitted_all) / _floored(fitted_all))) or 1e-9
    means = ahead.reshape(len(histories), horizon)
    out, start = {}, 0
    for (label, train), mean in zip(histories.items(), means, strict=True):
        if train.min() >= 0:
            mean = np.clip(mean, 0.0, None)
        values = (mean[:, None] + BAND_STEPS * spread * _floored(mean)[:, None]) * scales[label]
        index = future_index(train.index, frequency, horizon)
        table = pd.DataFrame(values, index=index, columns=COLUMNS)
        count = int(known[label].sum())
        fitted = np.full(len(train), np.nan)
        fitted[known[label]] = fitted_all[start : start + count] * scales[label]
        start += count
        out[label] = (table, pd.Series(fitted, index=train.index))
    return out


LEVEL_FLOOR = 0.1  # of a series' recent mean: the least level a band scales with


def _floored(level: np.ndarray) -> np.ndarray:
    """The scaled level a band is proportional to, at least ``LEVEL_FLOOR``."""
    return np.maximum(np.abs(level), LEVEL_FLOOR)


def global_forecasts(
    series: dict[str, tuple[pd.Series, pd.DataFrame | None]],
    frequency: str,
    settings: ForecastSettings,
    future_promotions: dict[str, pd.DataFrame | None] | None = None,
    progress: Callable[..., None] | None = None,
    parallel: bool = False,
) -> GlobalForecasts | None:
    """The global model backtested from each series' rolling-origin cut-offs (one fit per
    distinct cut-off date, for all series at once) and refitted on the whole histories (the
    promotions ahead from ``future_promotions`` where given, else the plan); None with fewer
    than two series long enough to model. ``parallel``: the fits in worker processes."""
    horizon, minimum = settings.horizon, MIN_MODEL_POINTS[frequency]
    usable = {k: v for k, v in series.items() if v[0].notna().sum() >= minimum}
    if len(usable) < MIN_SERIES:
        return None
    events, ys, coming = {}, {}, future_promotions or {}
    for label, (raw, promotions) in usable.items():
        y = clean_series(raw)[0]  # the per-series forecast's history, so the cut-offs agree
        future = future_index(y.index, frequency, horizon)
        past_x, future_x = event_regressors(
            y.index, future, frequency, settings, promotions, coming.get(label), []
        )
        events[label] = pd.concat([past_x, future_x])
        ys[label] = y
    features = _Features.of(
        {label: _features(y, events[label], horizon, frequency) for label, y in ys.items()}
    )
    cutoffs = _cutoff_dates(ys, horizon, settings.origins, minimum)
    histories = [
        {label: y.loc[:date] for label, y in ys.items() if y.index[0] <= date} for date in cutoffs
    ]
    histories.append(ys)  # the final fit, on the whole histories
    jobs = [_Fit(h, features, horizon, frequency) for h in histories]
    report = progress or (lambda *_: None)
    report(0, len(jobs), "global")
    predicted = map_in_workers(
        _run_fit, jobs, lambda done, total: report(done, total, "global"), parallel=parallel
    )
    frames: dict[str, list[pd.DataFrame]] = {label: [] for label in usable}
    fits = zip(cutoffs.items(), jobs[:-1], predicted[:-1], strict=True)
    for (date, labels), job, found in fits:
        for label in labels:
            train, truth = job.histories[label], ys[label].loc[date:].iloc[1 : horizon + 1]
            table = found[label][0].iloc[: len(truth)]
            table.index = truth.index
            frames[label].append(origin_errors(train, truth, table, frequency))
    final = predicted[-1]
    backtests = {label: score_points(parts, horizon) for label, parts in frames.items() if parts}
    known = sorted({c for table in events.values() for c in table.columns})
    return GlobalForecasts(
        forecasts={label: final[label][0] for label in ys},
        backtests=backtests,
        fitted={label: final[label][1] for label in ys},
        fits=len(jobs),
        model=_described(len(ys), len(jobs), horizon, frequency, tuple(known)),
    )


@dataclass(frozen=True)
class _Fit:
    """One fit of the global model: the histories up to a cut-off (or whole), every series'
    features, what to forecast."""

    histories: dict[str, pd.Series]
    features: _Features
    horizon: int
    frequency: str


def _run_fit(job: _Fit) -> dict[str, tuple[pd.DataFrame, pd.Series]]:
    """``_fit_predict`` on one thread (in a worker process or here)."""
    with threadpool_limits(1):  # OpenMP threads only fight on a shared machine
        return _fit_predict(job.histories, job.features, job.horizon, job.frequency)


def _described(
    series: int, fits: int, horizon: int, frequency: str, known: tuple[str, ...]
) -> GlobalModel:
    """The features ``_features`` builds, for the model card."""
    season = SEASON[frequency]
    calendar = {"D": ("weekday", "week", "month"), "W": ("week", "month"), "M": ("month",)}
    return GlobalModel(
        series=series,
        fits=fits,
        lags=tuple(range(horizon, horizon + LAGS[frequency])),
        season_lag=season * int(np.ceil(horizon / season)),
        windows=WINDOWS[frequency],
        calendar=calendar[frequency],
        known=known,
    )


def _cutoff_dates(
    ys: dict[str, pd.Series], horizon: int, origins: int, minimum: int
) -> dict[pd.Timestamp, list[str]]:
    """The per-series candidates' cut-offs as dates, each with the series cut there."""
    dates: dict[pd.Timestamp, list[str]] = {}
    for label, y in ys.items():
        for cut in _cutoffs(len(y), horizon, origins, minimum):
            if y.iloc[cut : cut + horizon].notna().any():
                dates.setdefault(y.index[cut - 1], []).append(label)
    return dict(sorted(dates.items()))


def pooled_candidates(
    series: dict[str, tuple[pd.Series, pd.DataFrame | None]],
    frequency: str,
    settings: ForecastSettings,
    future_promotions: dict[str, pd.DataFrame | None] | None = None,
    progress: Callable[..., None] | None = None,
    parallel: bool = False,
) -> dict[str, PooledCandidate]:
    """Each series' share of the global model, to offer ``forecast_series`` as a candidate:
    the series whose global backtest has a MASE (none without backtests or related series)."""
    if settings.origins <= 0:
        return {}
    found = global_forecasts(series, frequency, settings, future_promotions, progress, parallel)
    if found is None:
        return {}
    return {
        label: PooledCandidate(found.forecasts[label], score, found.fitted[label], found.model)
        for label, score in found.backtests.items()
        if score.mase is not None
    }
