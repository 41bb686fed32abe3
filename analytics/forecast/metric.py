"""Forecasts of a dataset's metric: the series and its promotion history from the rows of a
segment, forecast ahead or over a holdout of its last periods scored against the truth."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.forecast.backtest import origin_errors, score_points
from analytics.forecast.regressors import PROMOTION_REGRESSORS
from analytics.forecast.results import ForecastResult, ForecastSettings
from analytics.forecast.search import MIN_MODEL_POINTS
from analytics.forecast.series import MAX_HORIZON, forecast_series
from analytics.ingest.roles import CAMPAIGN, DISCOUNT, FLAG, PRICE, Mapping
from analytics.periods import infer_frequency
from analytics.selection import Where, metric_series, rows_where


def forecast_metric(
    frame: pd.DataFrame, mapping: Mapping, metric: str, where: Where, settings: ForecastSettings
) -> ForecastResult:
    """Forecast ``metric`` summed over the segment ``where`` (every row when empty)."""
    series, frequency, promotions = metric_inputs(frame, mapping, metric, where, settings)
    future = None
    last = series.last_valid_index()
    if promotions is not None and last is not None and last < series.index[-1]:
        # Rows dated after the last outcome carry the promotions and prices planned for then.
        future = promotions.loc[promotions.index > last]
    return forecast_series(
        series,
        frequency,
        settings,
        promotions=promotions,
        future_promotions=future,
        metric=metric,
        segment={k: list(v) for k, v in where.items()},
    )


def holdout_forecast(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    holdout: int,
    settings: ForecastSettings,
) -> ForecastResult:
    """Fit on all but the last ``holdout`` periods (order selection included), forecast those
    periods with the promotions that really ran, and score the forecast against the truth."""
    series, frequency, promotions = metric_inputs(frame, mapping, metric, where, settings)
    series = series.loc[: series.last_valid_index()]
    most = MAX_HORIZON[frequency]
    if not 1 <= holdout <= most:
        raise UserInputError(
            f"The holdout must be between 1 and {most} periods.",
            code="holdout_range",
            most=most,
        )
    needed = MIN_MODEL_POINTS[frequency] + holdout
    if series.notna().sum() < needed:
        raise UserInputError(
            f"A holdout of {holdout} periods leaves too little history: the series has "
            f"{int(series.notna().sum())} periods and needs at least {needed}; choose a smaller "
            "holdout.",
            code="holdout_too_long",
            holdout=holdout,
            have=int(series.notna().sum()),
            needed=needed,
        )
    train, truth = series.iloc[:-holdout], series.iloc[-holdout:]
    past = future = None
    if promotions is not None:
        promotions = promotions.reindex(series.index, fill_value=0.0)
        past, future = promotions.iloc[:-holdout], promotions.iloc[-holdout:]
    result = forecast_series(
        train,
        frequency,
        ForecastSettings(holdout, settings.festivals, settings.promotions, (), settings.origins),
        promotions=past,
        future_promotions=future,
        metric=metric,
        segment={k: list(v) for k, v in where.items()},
    )
    score = score_points([origin_errors(train, truth, result.forecast, frequency)], holdout)
    return replace(result, backtest=score)


def metric_inputs(
    frame: pd.DataFrame, mapping: Mapping, metric: str, where: Where, settings: ForecastSettings
) -> tuple[pd.Series, str, pd.DataFrame | None]:
    """The series to forecast, its frequency and (when asked for) its promotion history."""
    if metric in frame.columns and not pd.api.types.is_numeric_dtype(frame[metric]):
        raise UserInputError(
            f"{metric!r} is not a number column: choose a metric such as revenue or units.",
            code="not_numeric",
            column=metric,
        )
    series = metric_series(frame, mapping, metric, where)
    frequency = infer_frequency(series.index.to_numpy())
    if frequency is None:
        raise UserInputError(
            "The dates are not daily, weekly or monthly: forecasts need a regular calendar.",
            code="irregular_dates",
        )
    promotions = None
    if settings.promotions:
        promotions = promotion_history(frame, mapping, where, series.index, settings.regressors)
    return series.astype(float), frequency, promotions


def regressor_options(mapping: Mapping) -> list[str]:
    """The columns that can be regressors known in advance: campaign, discount, promotion flag,
    price and flag roles."""
    return [c for role in (*PROMOTION_REGRESSORS, PRICE, FLAG) for c in mapping.columns(role)]


def regressor_columns(
    frame: pd.DataFrame, mapping: Mapping, chosen: tuple[str, ...] | None = None
) -> dict[str, str]:
    """The file's columns known in advance, each with its role: those named in ``chosen``
    (each must have a campaign, discount, promotion flag, price or flag role), or by default
    the first campaign, discount and promotion flag column, the first price column and every
    flag column whose values vary."""
    roles = {
        column: mapping.roles[column]
        for column in regressor_options(mapping)
        if column in frame.columns
    }
    if chosen is None:
        firsts = {}
        for column, role in roles.items():
            if role == FLAG or role not in firsts.values():
                firsts[column] = role
        return {c: r for c, r in firsts.items() if frame[c].nunique(dropna=True) > 1}
    unknown = [column for column in chosen if column not in roles]
    if unknown:
        raise UserInputError(
            f"{', '.join(unknown)} cannot be a regressor known in advance: choose among the "
            f"columns with a campaign, discount, promotion flag, price or flag role "
            f"({', '.join(roles) or 'none in this file'}).",
            code="not_regressor",
            columns=", ".join(unknown),
            allowed=", ".join(roles) or "-",
        )
    return {column: roles[column] for column in chosen}


def regressor_name(column: str, role: str) -> str:
    """The regressor's name in the model: its role for promotions and the price (so a plan can
    set it), 'flag: column' for flags."""
    return f"flag: {column}" if role == FLAG else role


def promotion_history(
    frame: pd.DataFrame,
    mapping: Mapping,
    where: Where,
    index: pd.DatetimeIndex,
    chosen: tuple[str, ...] | None = None,
) -> pd.DataFrame | None:
    """Per period, over the segment's rows: the share with a campaign, the mean discount, the
    share flagged (promotion flag, each flag column) and the logarithm of the mean price (its
    coefficient is then an elasticity). Periods without rows: no promotion, the price before."""
    date_column = mapping.date_column
    rows = frame.loc[rows_where(frame, where)]
    columns = {}
    for column, role in regressor_columns(frame, mapping, chosen).items():
        name = regressor_name(column, role)
        if name in columns:
            continue
        values = _period_values(rows[column], role).groupby(rows[date_column]).mean()
        columns[name] = np.log(values.where(values > 0)) if role == PRICE else values
    if not columns:
        return None
    history = pd.DataFrame(columns).reindex(index)
    if PRICE in history:
        history[PRICE] = history[PRICE].ffill().bfill()
    history = history.fillna(0.0)
    return history if (history != 0).any().any() else None


def _period_values(cells: pd.Series, role: str) -> pd.Series:
    """A column's values as numbers: 1 where a campaign is named, discounts as fractions."""
    if role == CAMPAIGN:
        text = cells.astype("string").str.strip()
        return (text.notna() & (text != "")).astype(float)
    values = pd.to_numeric(cells, errors="coerce")
    if role == PRICE:
        return values.astype(float)
    values = values.fillna(0.0).astype(float)
    if role == DISCOUNT and values.max() > 1.0:
        values = values / 100.0  # discounts given in percent
    return values
