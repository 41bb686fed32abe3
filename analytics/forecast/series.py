"""The forecast of one series: cleaned, its regressors built, its model chosen, forecast and
backtested; the seasonal naive forecast when it is too short or no model fits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analytics.errors import UserInputError
from analytics.forecast.backtest import arima_forecaster, naive_backtest, naive_forecaster
from analytics.forecast.choice import (
    COMBINATION,
    Choice,
    Family,
    calibrated_table,
    calibration,
    choose,
    combined_forecast,
    cumulative_sd_from_band,
    eventful,
    row_factors,
)
from analytics.forecast.families import (
    EtsFits,
    Seasons,
    ets_name,
    ets_search,
    theta_fitted,
    theta_forecaster,
    uses_log,
    weekly_seasons,
)
from analytics.forecast.intervals import scaled_bands
from analytics.forecast.naive import naive_card, naive_fitted, naive_season, naive_table
from analytics.forecast.pairs import pairs_by_backtest
from analytics.forecast.regressors import YEAR, deterministic, event_regressors
from analytics.forecast.results import (
    BacktestScore,
    Calibration,
    ForecastResult,
    ForecastSettings,
    Note,
    PooledCandidate,
)
from analytics.forecast.sarimax import (
    arima_label,
    fitted_levels,
    predict,
    regressor_effects,
    sarimax_card,
    state_space,
)
from analytics.forecast.search import FOURIER_MIN_PERIODS, MIN_MODEL_POINTS, ModelSpec, choose_model
from analytics.ingest.roles import PRICE
from analytics.periods import period_offset

MAX_HORIZON = {"D": 180, "W": 52, "M": 24}
GLOBAL = "global"  # the gradient-boosting model across the series (global_model.py)
GLOBAL_LABEL = "GBM"  # gradient-boosting machine, like ETS a name in any language


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
    pooled: PooledCandidate | None = None,
) -> ForecastResult:
    """Forecast a plain series (indexed by period). ``promotions`` holds promotion regressors on
    the series' index; their future values are ``future_promotions`` or, when None, come from
    ``settings.plan``. ``pooled``: the global model's forecast of this series, one more
    candidate (global_model.pooled_candidates)."""
    check_horizon(settings.horizon, frequency)
    context = {"metric": metric, "segment": segment or {}, "plan": settings.plan, "pooled": pooled}
    with threadpool_limits(1):
        return _forecast(series, frequency, settings, promotions, future_promotions, context)


def _forecast(
    series: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    promotions: pd.DataFrame | None,
    future_promotions: pd.DataFrame | None,
    context: dict[str, Any],
) -> ForecastResult:
    """Every family backtested, the best (or the combination of the best) forecasting with
    calibrated bands; the seasonal naive forecast when the series is too short to model."""
    y, notes = clean_series(series)
    future = future_index(y.index, frequency, settings.horizon)
    points = int(y.notna().sum())
    if points < MIN_MODEL_POINTS[frequency]:
        notes.append(Note("too_short", {"points": points, "needed": MIN_MODEL_POINTS[frequency]}))
        return _naive_result(y, future, frequency, settings, notes, context)
    history_x, future_x = event_regressors(
        y.index, future, frequency, settings, promotions, future_promotions, notes
    )
    spec, arima_backtest = choose_model(y, history_x, frequency), None
    if spec is not None and frequency == "W":
        events = pd.concat([history_x, future_x])
        spec, arima_backtest = pairs_by_backtest(spec, y, events, settings)
    if spec is not None and spec.log:
        notes.append(Note("log"))
    if frequency in YEAR and len(y) < FOURIER_MIN_PERIODS[frequency]:
        notes.append(Note("no_yearly"))
    arima = None if spec is None else _arima_parts(spec, y, history_x, future_x, frequency)
    # Without backtests nothing can choose among the families: the ARIMA forecasts.
    families = (
        candidate_families(y, frequency, spec, arima, arima_backtest, settings)
        if settings.origins > 0
        else []
    )
    pooled = context["pooled"] if families else None
    if pooled is not None:
        families.append(pooled_family(pooled))
    choice = choose(y, frequency, settings, families, MIN_MODEL_POINTS[frequency])
    if choice is None:
        if settings.origins > 0:
            notes.append(Note("no_backtest", {"horizon": settings.horizon}))
        if arima is None:
            notes.append(Note("model_failed"))
            return _naive_result(y, future, frequency, settings, notes, context)
    finals = {"arima": arima["prediction"]} if arima else {}
    prediction, members = _winner_forecast(choice, families, finals, y, future)
    backtest, found = None, None
    nonnegative = bool(y.min() >= 0)
    events = event_periods(history_x, future_x)
    if choice is not None:
        found = calibration(choice.backtest.errors, nonnegative, events)
        backtest = calibrated_backtest(choice.backtest, found, nonnegative, events)
    prediction = calibrated_table(prediction, found, nonnegative, events)
    if "cum_sd" not in prediction:
        prediction["cum_sd"] = cumulative_sd_from_band(prediction)
    card = arima["card"] if arima else naive_card(naive_season(frequency, points), points, np.nan)
    fitted, drawn_by = _winner_fitted(members, families, arima, y)
    history = pd.DataFrame({"actual": y, "fitted": fitted})
    return ForecastResult(
        metric=context["metric"],
        segment=context["segment"],
        frequency=frequency,
        horizon=settings.horizon,
        card=card,
        history=history,
        forecast=prediction,
        backtest=backtest,
        plan=settings.plan,
        notes=tuple(notes),
        model=choice.winner if choice else "arima",
        members=members,
        candidates=choice.candidates if choice else (),
        calibration=found,
        regressors=regressor_effects(card, y) if arima else (),
        fitted_by=drawn_by,
        pooled=pooled.model if pooled is not None else None,
    )


def _arima_parts(
    spec: ModelSpec,
    y: pd.Series,
    history_x: pd.DataFrame,
    future_x: pd.DataFrame,
    frequency: str,
) -> dict[str, Any]:
    """The chosen ARIMA on the whole history: its regressors over every period, forecast,
    fitted values and model card."""
    all_x = deterministic(pd.concat([history_x, future_x]), frequency, spec.fourier, spec.dummies)
    # The search already fitted the chosen model on this history with these regressors.
    fit, columns = spec.fit, list(spec.columns)
    used = all_x[columns]  # the history's rows, then the forecast periods'
    results = state_space(spec, fit, y, used.iloc[: len(y)], frequency)
    return {
        "design": all_x,
        "prediction": predict(spec, fit, results, used.iloc[len(y) :], y),
        "history": pd.DataFrame({"actual": y, "fitted": fitted_levels(spec, fit, results, y)}),
        "card": sarimax_card(spec, fit, columns, results, y, frequency),
    }


def candidate_families(
    y: pd.Series,
    frequency: str,
    spec: ModelSpec | None,
    arima: dict[str, Any] | None,
    arima_backtest: BacktestScore | None = None,
    settings: ForecastSettings | None = None,
) -> list[Family]:
    """ARIMA (when one was found; with its backtest when already run), ETS (its form by
    AICc), Theta and the seasonal naive; for a weekly series with an ARIMA and ``settings``,
    ETS and Theta take out the season whose route backtests better (weekly_seasons)."""
    families = []
    if spec is not None and arima is not None:
        label = arima_label(arima["card"])
        forecaster = arima_forecaster(arima["design"], spec, frequency)
        families.append(
            Family("arima", label, forecaster, lambda _: arima["history"]["fitted"], arima_backtest)
        )
    log = uses_log(y, frequency)
    seasons, theta_backtest = Seasons(frequency, log), None
    if frequency == "W" and spec is not None and settings is not None:
        minimum = MIN_MODEL_POINTS[frequency]
        seasons, theta_backtest = weekly_seasons(y, log, spec.fourier, settings, minimum)
    adjusted = seasons(y).values
    found = ets_search(adjusted, positive=not log and bool(np.min(adjusted) > 0))
    if found is not None:
        config, fit = found
        fits = EtsFits(seasons, config, whole=(y, fit))
        families.append(Family("ets", ets_name(config), fits.forecast, fits.fitted))
    theta = Family(
        "theta", "Theta", theta_forecaster(seasons), theta_fitted(seasons), theta_backtest
    )
    families.append(theta)
    families.append(
        Family(
            "seasonal_naive", "seasonal naive", naive_forecaster(frequency), naive_fitted(frequency)
        )
    )
    return families


def pooled_family(pooled: PooledCandidate) -> Family:
    """The global model as a family: its backtest already run from the same cut-offs, its
    forecast from the whole history (it cannot be refitted on one series alone)."""

    def forecast(_: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame | None:
        return pooled.forecast if pooled.forecast.index.equals(future) else None

    def fitted(y: pd.Series) -> pd.Series:
        return pooled.fitted.reindex(y.index)

    return Family(GLOBAL, GLOBAL_LABEL, forecast, fitted, pooled.backtest)


def _winner_fitted(
    members: tuple[str, ...],
    families: list[Family],
    arima: dict[str, Any] | None,
    y: pd.Series,
) -> tuple[pd.Series, str]:
    """The fitted values of the family (or the mean of the families) that forecasts, and its
    name (arima, ets, theta, seasonal_naive or combination); the ARIMA's when a member gives
    none."""
    by_name = {family.name: family for family in families}
    found = [by_name[m].fitted(y) if m in by_name else None for m in members]
    if found and all(f is not None for f in found):
        name = members[0] if len(members) == 1 else COMBINATION
        return sum(f.to_numpy(dtype=float) for f in found) / len(found), name
    if arima is not None:
        return arima["history"]["fitted"], "arima"
    return pd.Series(np.nan, index=y.index), ""


def _winner_forecast(
    choice: Choice | None,
    families: list[Family],
    finals: dict[str, pd.DataFrame],
    y: pd.Series,
    future: pd.DatetimeIndex,
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The winner's forecast from the whole history (the members' mean for the combination);
    the ARIMA's when nothing was backtested or a member does not fit the whole history."""
    members = choice.members if choice else ("arima",)
    by_name = {family.name: family for family in families}
    tables = []
    for name in members:
        if name not in finals:
            finals[name] = by_name[name].forecaster(y, future)
        tables.append(finals[name])
    if any(table is None for table in tables):
        fallback = "arima" if "arima" in finals else "seasonal_naive"
        if fallback not in finals:
            finals[fallback] = by_name[fallback].forecaster(y, future)
        return finals[fallback], (fallback,)
    if len(tables) == 1:
        return tables[0], members
    return combined_forecast(tables), members


def event_periods(history_x: pd.DataFrame, future_x: pd.DataFrame) -> pd.Series:
    """True on the periods with a festival or promotion (any event regressor but the price
    not zero)."""
    both = pd.concat([history_x, future_x]).drop(columns=PRICE, errors="ignore")
    return (both != 0).any(axis=1) if both.shape[1] else pd.Series(False, index=both.index)


def calibrated_backtest(
    score: BacktestScore,
    found: Calibration | None,
    nonnegative: bool,
    events: pd.Series | None = None,
) -> BacktestScore:
    """The backtest with its bands calibrated and, as coverage, what each cut-off's points get
    from bands calibrated on the other cut-offs."""
    if found is None:
        return score
    factors = row_factors(found, eventful(score.errors, events))
    errors = scaled_bands(score.errors, factors, nonnegative, center="forecast")
    return replace(score, errors=errors, coverage80=found.coverage80, coverage95=found.coverage95)


def clean_series(series: pd.Series) -> tuple[pd.Series, list[Note]]:
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
    days = {"D": 1, "W": 7}.get(frequency)
    if days and index.tz is None:  # whole days: one vectorised step (calendar months vary)
        steps = pd.to_timedelta(np.arange(1, horizon + 1) * days, unit="D")
        return pd.DatetimeIndex(index[-1] + steps, name="date")
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
    table, backtest, found = calibrated(table, backtest, y)
    card = naive_card(season, points, sd)
    fitted = naive_fitted(frequency)(y)
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
        model="seasonal_naive",
        calibration=found,
        fitted_by="seasonal_naive",
    )


def calibrated(
    prediction: pd.DataFrame, backtest: BacktestScore | None, y: pd.Series
) -> tuple[pd.DataFrame, BacktestScore | None, Calibration | None]:
    """The forecast's and the backtest's bands calibrated on the backtest errors (conformal)."""
    if backtest is None:
        return prediction, None, None
    nonnegative = bool(y.min() >= 0)
    found = calibration(backtest.errors, nonnegative)
    return (
        calibrated_table(prediction, found, nonnegative),
        calibrated_backtest(backtest, found, nonnegative),
        found,
    )
