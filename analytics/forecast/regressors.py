"""The regressors of a forecast: festivals and promotions over the history and the forecast
periods, yearly Fourier terms and fixed weekday (month) effects."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.forecast.plan import plan_regressors
from analytics.forecast.results import ForecastSettings, Note
from analytics.ingest.roles import CAMPAIGN, DISCOUNT, PRICE, PROMO_FLAG

PROMOTION_REGRESSORS = (CAMPAIGN, DISCOUNT, PROMO_FLAG)
YEAR = {"D": 365.25, "W": 52.18}  # yearly Fourier terms; monthly data uses the seasonal part
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def event_regressors(
    index: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    frequency: str,
    settings: ForecastSettings,
    promotions: pd.DataFrame | None,
    future_promotions: pd.DataFrame | None,
    notes: list[Note],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Festival and promotion regressors over the history and the forecast periods."""
    both, points = index.append(future), len(index)
    blocks: list[np.ndarray] = []
    names: list[str] = []
    if settings.festivals:
        festivals = festival_regressors(both, frequency)
        values = festivals.to_numpy(dtype=float)
        seen = np.abs(values[:points]).sum(axis=0) > 0
        ahead = (values[points:] != 0).any(axis=0)
        unseen = [str(n) for n, s, a in zip(festivals.columns, seen, ahead, strict=True) if a > s]
        if unseen:
            notes.append(Note("festival_unseen", {"names": unseen}))
        blocks.append(values[:, seen])
        names += list(festivals.columns[seen])
    priced = False
    if promotions is not None and settings.promotions:
        past = promotions.reindex(index, fill_value=0.0)
        past = past.loc[:, (past != 0).any()]
        coming = known_ahead(past, future_promotions, settings, future, frequency)
        blocks.append(np.vstack([past.to_numpy(dtype=float), coming.to_numpy(dtype=float)]))
        names += list(past.columns)
        priced = bool(set(past.columns) & set(PROMOTION_REGRESSORS))
    if settings.plan and not priced:
        notes.append(Note("plan_ignored"))
    values = np.hstack(blocks) if blocks else np.empty((len(both), 0))
    design = pd.DataFrame(np.where(np.isnan(values), 0.0, values), index=both, columns=names)
    return design.iloc[:points], design.iloc[points:]


def known_ahead(
    past: pd.DataFrame,
    future_promotions: pd.DataFrame | None,
    settings: ForecastSettings,
    future: pd.DatetimeIndex,
    frequency: str,
) -> pd.DataFrame:
    """The regressors over the forecast periods: the values known in advance where given (the
    price held at its last value after them, promotions off), plus the planned promotions."""
    known = pd.DataFrame(index=future, columns=past.columns, dtype=float)
    if future_promotions is not None:
        known = future_promotions.reindex(index=future, columns=past.columns).astype(float)
    if PRICE in known:
        known[PRICE] = known[PRICE].ffill().fillna(past[PRICE].iloc[-1])
    known = known.fillna(0.0)
    if not settings.plan:
        return known
    promotion_columns = tuple(c for c in past.columns if c in PROMOTION_REGRESSORS)
    planned = plan_regressors(settings.plan, future, frequency, promotion_columns)
    for column in planned.columns:
        known[column] = known[column] + planned[column]
        if column != DISCOUNT:
            known[column] = known[column].clip(upper=1.0)
    return known


def fourier_terms(index: pd.DatetimeIndex, frequency: str, terms: int) -> pd.DataFrame:
    """Sine and cosine pairs of the year (365.25 days, or 52.18 weeks), ``terms`` harmonics."""
    days = index.to_numpy().astype("datetime64[D]").astype(np.int64)  # since 1970-01-01
    t = days / (7.0 if frequency == "W" else 1.0)
    angle = 2 * np.pi * np.outer(t, np.arange(1, terms + 1)) / YEAR[frequency]
    values = np.empty((len(index), 2 * terms))
    values[:, 0::2], values[:, 1::2] = np.sin(angle), np.cos(angle)
    return pd.DataFrame(values, index=index, columns=_fourier_names(terms))


@functools.lru_cache(maxsize=16)
def _fourier_names(terms: int) -> pd.Index:
    return pd.Index([f"year {f} {k}" for k in range(1, terms + 1) for f in ("sin", "cos")])


def season_dummies(index: pd.DatetimeIndex, frequency: str) -> pd.DataFrame:
    """One 0/1 column per weekday after Monday (daily) or month after January (monthly)."""
    if frequency == "D":
        position, names = index.day_of_week.to_numpy(), WEEKDAYS
    else:
        position, names = index.month.to_numpy() - 1, MONTHS
    return pd.DataFrame(
        {name: (position == k).astype(float) for k, name in enumerate(names) if k},
        index=index,
    )


def deterministic(design: pd.DataFrame, frequency: str, terms: int, dummies: bool) -> pd.DataFrame:
    """The regressors plus yearly Fourier terms and, if asked, fixed seasonal effects."""
    parts = [design]
    if terms:
        parts.append(fourier_terms(design.index, frequency, terms))
    if dummies:
        parts.append(season_dummies(design.index, frequency))
    return pd.concat(parts, axis=1) if len(parts) > 1 else design
