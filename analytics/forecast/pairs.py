"""The number of yearly Fourier pairs of a weekly ARIMA chosen by backtest: the search's choice
(by AIC) and one pair fewer and one more, screened from the same cut-offs as the families with
the ARMA coefficients held at the search's and only the regression re-solved at each cut-off
(a linear solve, where a full refit searches the ARMA coefficients again); the pairs with the
lowest screening MASE are kept, and their model backtested with full refits for the choice
among families."""

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
    """The weekly ARIMA with the number of yearly pairs whose screening backtest MASE is
    lowest (the search's own when nothing can be backtested or no other pairs do better), and
    its full backtest (so the choice among families need not run it again). ``events`` holds
    the event regressors over the history and the forecast periods."""
    if settings.origins <= 0 or len(y) < FOURIER_MIN_PERIODS["W"]:
        return spec, None
    best_terms, best_score = spec.fourier, screen(spec, y, events, settings, spec.fourier)
    for terms in (spec.fourier - 1, spec.fourier + 1):
        if not 0 <= terms <= MAX_FOURIER:
            continue
        score = screen(spec, y, events, settings, terms, _total(best_score))
        if _key(score) < _key(best_score):
            best_terms, best_score = terms, score
    kept = spec
    if best_terms != spec.fourier:
        kept = _with_pairs(spec, y, events, best_terms) or spec
    return kept, _backtest(kept, y, events, settings)


def screen(
    spec: ModelSpec,
    y: pd.Series,
    events: pd.DataFrame,
    settings: ForecastSettings,
    terms: int,
    give_up_above: float = np.inf,
) -> BacktestScore | None:
    """The backtest of ``spec`` with ``terms`` yearly pairs, its ARMA coefficients held at
    the search's and the constant and regressors re-solved at each cut-off."""
    design = deterministic(events, "W", terms, spec.dummies)
    forecaster = arima_forecaster(design, spec, "W", arma=False)
    minimum = MIN_MODEL_POINTS["W"]
    return rolling_origin(y, "W", settings, [], minimum, forecaster, give_up_above)


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
    spec: ModelSpec, y: pd.Series, events: pd.DataFrame, settings: ForecastSettings
) -> BacktestScore | None:
    design = deterministic(events, "W", spec.fourier, spec.dummies)
    forecaster = arima_forecaster(design, spec, "W")
    return rolling_origin(y, "W", settings, [], MIN_MODEL_POINTS["W"], forecaster)


def _total(score: BacktestScore | None) -> float:
    """The scaled errors' total of a backtest a rival must stay under (MASE-ranked only)."""
    if score is None or score.mase is None:
        return np.inf
    return scaled_error_total(score.errors)


def _key(score: BacktestScore | None) -> float:
    return float("inf") if score is None else rank_key(score)
