"""The number of yearly Fourier pairs of a weekly ARIMA chosen by backtest: the search's choice
(by AIC) and one pair fewer and one more, each with the chosen orders refitted, scored from
the same cut-offs as the families; the pairs with the lowest backtest MASE."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analytics.forecast.backtest import arima_forecaster, rolling_origin, scaled_error_total
from analytics.forecast.choice import rank_key
from analytics.forecast.regressors import deterministic
from analytics.forecast.results import BacktestScore, ForecastSettings
from analytics.forecast.sarimax import fit_fixed
from analytics.forecast.search import FOURIER_MIN_PERIODS, MAX_FOURIER, MIN_MODEL_POINTS, ModelSpec


def pairs_by_backtest(
    spec: ModelSpec,
    y: pd.Series,
    events: pd.DataFrame,
    settings: ForecastSettings,
) -> tuple[ModelSpec, BacktestScore | None]:
    """The weekly ARIMA with the number of yearly pairs whose backtest MASE is lowest (the
    search's own when nothing can be backtested or no other pairs do better), and its
    backtest (so the choice among families need not run it again). ``events`` holds the event
    regressors over the history and the forecast periods."""
    if settings.origins <= 0 or len(y) < FOURIER_MIN_PERIODS["W"]:
        return spec, None
    best, best_score = spec, _backtest(spec, y, events, settings)
    for terms in (spec.fourier - 1, spec.fourier + 1):
        if not 0 <= terms <= MAX_FOURIER:
            continue
        variant = _with_pairs(spec, y, events, terms)
        if variant is None:
            continue
        score = _backtest(variant, y, events, settings, _total(best_score))
        if _key(score) < _key(best_score):
            best, best_score = variant, score
    return best, best_score


def _with_pairs(
    spec: ModelSpec, y: pd.Series, events: pd.DataFrame, terms: int
) -> ModelSpec | None:
    """The chosen orders refitted on the whole history with ``terms`` yearly pairs."""
    design = deterministic(events, "W", terms, spec.dummies)
    fitted = fit_fixed(spec, y, design.loc[y.index], "W")
    if fitted is None:
        return None
    fit, columns = fitted
    return replace(spec, fourier=terms, fit=fit, columns=tuple(columns))


def _backtest(
    spec: ModelSpec,
    y: pd.Series,
    events: pd.DataFrame,
    settings: ForecastSettings,
    give_up_above: float = np.inf,
) -> BacktestScore | None:
    design = deterministic(events, "W", spec.fourier, spec.dummies)
    forecaster = arima_forecaster(design, spec, "W")
    minimum = MIN_MODEL_POINTS["W"]
    return rolling_origin(y, "W", settings, [], minimum, forecaster, give_up_above)


def _total(score: BacktestScore | None) -> float:
    """The scaled errors' total of a backtest a rival must stay under (MASE-ranked only)."""
    if score is None or score.mase is None:
        return np.inf
    return scaled_error_total(score.errors)


def _key(score: BacktestScore | None) -> float:
    return float("inf") if score is None else rank_key(score)
