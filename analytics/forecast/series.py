"""The forecast of one series: cleaned, its regressors built, its model chosen, forecast and
backtested; the seasonal naive forecast when it is too short or no model fits."""

from __future__ import annotations

from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from analytics.errors import UserInputError
from analytics.forecast.backtest import model_backtest, naive_backtest
from analytics.forecast.intervals import MIN_COVERAGE95, coverage95, widen, widening_factor
from analytics.forecast.naive import naive_card, naive_season, naive_table
from analytics.forecast.regressors import YEAR, deterministic, event_regressors
from analytics.forecast.results import BacktestScore, ForecastResult, ForecastSettings, Note
from analytics.forecast.sarimax import fitted_levels, predict, sarimax_card, state_space
from analytics.forecast.search import FOURIER_MIN_PERIODS, MIN_MODEL_POINTS, choose_model
from analytics.periods import period_offset

MAX_HORIZON = {"D": 180, "W": 52, "M": 24}


def check_horizon(horizon: int, frequency: str) -> None:
    """A UserInputError unless the horizon is 1 to the most this frequency allows."""
    most = MAX_HORIZON[frequency]
    if not 1 <= horizon <= most:
        unit = {"D": "days", "W": "weeks", "M": "months"}[frequency]
        raise UserInputError(
            f"The horizon must be between 1 and {most} {unit}.",
            code="horizon",
            most=most,
        )


def forecast_series(
    series: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    *,
    promotions: pd.DataFrame | None = None,
    future_promotions: pd.DataFrame | None = None,
    metric: str = "y",
    segment: dict[str, list[str]] | None = None,
) -> ForecastResult:
    """Forecast a plain series (indexed by period). ``promotions`` holds promotion regressors on
    the series' index; their future values are ``future_promotions`` or, when None, come from
    ``settings.plan``."""
    check_horizon(settings.horizon, frequency)
    with threadpool_limits(1):
        return _forecast(
            series, frequency, settings, promotions, future_promotions, metric, segment or {}
        )


def _forecast(
    series: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    promotions: pd.DataFrame | None,
    future_promotions: pd.DataFrame | None,
    metric: str,
    segment: dict[str, list[str]],
) -> ForecastResult:
    """The chosen model's forecast, or the seasonal naive one when no model can be had."""
    y, notes = _clean(series)
    future = future_index(y.index, frequency, settings.horizon)
    context = {"metric": metric, "segment": segment, "plan": settings.plan}
    points = int(y.notna().sum())
    if points < MIN_MODEL_POINTS[frequency]:
        notes.append(Note("too_short", {"points": points, "needed": MIN_MODEL_POINTS[frequency]}))
        return _naive_result(y, future, frequency, settings, notes, context)
    history_x, future_x = event_regressors(
        y.index, future, frequency, settings, promotions, future_promotions, notes
    )
    spec = choose_model(y, history_x, frequency)
    if spec is None:
        notes.append(Note("model_failed"))
        return _naive_result(y, future, frequency, settings, notes, context)
    if spec.log:
        notes.append(Note("log"))
    if frequency in YEAR and len(y) < FOURIER_MIN_PERIODS[frequency]:
        notes.append(Note("no_yearly"))
    all_x = deterministic(pd.concat([history_x, future_x]), frequency, spec.fourier, spec.dummies)
    # The search already fitted the chosen model on this history with these regressors.
    fit, columns = spec.fit, list(spec.columns)
    results = state_space(spec, fit, y, all_x.loc[y.index, columns], frequency)
    prediction = predict(spec, fit, results, all_x.loc[future, columns], y)
    history = pd.DataFrame({"actual": y, "fitted": fitted_levels(spec, fit, results, y)})
    backtest = model_backtest(y, all_x, spec, frequency, settings, notes)
    prediction = calibrated(prediction, backtest, y, notes)
    card = sarimax_card(spec, fit, columns, results, y, frequency)
    return ForecastResult(
        metric=metric,
        segment=segment,
        frequency=frequency,
        horizon=settings.horizon,
        card=card,
        history=history,
        forecast=prediction,
        backtest=backtest,
        plan=settings.plan,
        notes=tuple(notes),
    )


def _clean(series: pd.Series) -> tuple[pd.Series, list[Note]]:
    """Leading and trailing periods without data removed; inner gaps kept as missing."""
    notes: list[Note] = []
    first, last = series.first_valid_index(), series.last_valid_index()
    if first is None:
        raise UserInputError("The series has no values to forecast.", code="no_values")
    if last < series.index[-1]:
        notes.append(Note("trimmed", {"date": f"{last:%Y-%m-%d}"}))
    y = series.loc[first:last].astype(float)
    y.index = pd.DatetimeIndex(y.index, freq=None)
    y.index.name = "date"
    if y.isna().any():
        notes.append(Note("gaps", {"count": int(y.isna().sum())}))
    return y, notes


def future_index(index: pd.DatetimeIndex, frequency: str, horizon: int) -> pd.DatetimeIndex:
    """The ``horizon`` periods after the last one of ``index``."""
    step = period_offset(frequency)
    return pd.DatetimeIndex([index[-1] + (i + 1) * step for i in range(horizon)], name="date")


def _naive_result(
    y: pd.Series,
    future: pd.DatetimeIndex,
    frequency: str,
    settings: ForecastSettings,
    notes: list[Note],
    context: dict[str, Any],
) -> ForecastResult:
    """The seasonal naive forecast, with intervals from its in-sample errors (sd × √(cycles
    ahead)), for series too short or too odd to model."""
    points = int(y.notna().sum())
    if points < 2:
        raise UserInputError(
            "The series has fewer than two values: there is nothing to forecast from.",
            code="no_values",
        )
    season = naive_season(frequency, points)
    table, sd = naive_table(y, settings.horizon, season)
    table.index = future
    backtest = naive_backtest(y, frequency, settings, notes)
    table = calibrated(table, backtest, y, notes)
    card = naive_card(season, points, sd)
    fitted = y.shift(season)
    return ForecastResult(
        metric=context["metric"],
        segment=context["segment"],
        frequency=frequency,
        horizon=settings.horizon,
        card=card,
        history=pd.DataFrame({"actual": y, "fitted": fitted}),
        forecast=table,
        backtest=backtest,
        plan=context["plan"],
        notes=tuple(notes),
    )


def calibrated(
    prediction: pd.DataFrame, backtest: BacktestScore | None, y: pd.Series, notes: list[Note]
) -> pd.DataFrame:
    """The forecast's bands widened by ``widening_factor`` when the backtest's 95% bands held
    fewer than 85% of the points (with a note giving the coverage before and after)."""
    if backtest is None or backtest.coverage95 >= MIN_COVERAGE95:
        return prediction
    factor = widening_factor(backtest.errors)
    if factor <= 1.0:
        return prediction
    nonnegative = bool(y.min() >= 0)
    after = coverage95(widen(backtest.errors, factor, nonnegative, center="forecast"))
    params = {"before": backtest.coverage95, "after": after, "factor": factor}
    notes.append(Note("band_widened", params))
    return widen(prediction, factor, nonnegative)
