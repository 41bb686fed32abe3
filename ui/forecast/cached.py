"""The Forecast page's cached computations: one series, or every series in worker processes
under a progress bar; a user error comes back as a Failure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.forecast.many import ManyForecasts, forecast_many
from analytics.forecast.metric import forecast_metric
from analytics.forecast.results import ForecastResult, ForecastSettings, PlannedPromotion
from analytics.workspace import DatasetInfo
from ui.forecast.choices import ForecastView
from ui.progress import with_progress
from ui.workspace import cached_frame, dataset_info, workspace_home


def _plan_key(plan: tuple[PlannedPromotion, ...]) -> tuple[tuple[str, str, str, float], ...]:
    return tuple((p.name, f"{p.start:%Y-%m-%d}", f"{p.end:%Y-%m-%d}", p.discount) for p in plan)


def _plan_from_key(key: tuple[tuple[str, str, str, float], ...]) -> tuple[PlannedPromotion, ...]:
    return tuple(PlannedPromotion(n, pd.Timestamp(s), pd.Timestamp(e), d) for n, s, e, d in key)


@st.cache_data(max_entries=64, show_spinner=False)
def _one(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    where: tuple[tuple[str, tuple[str, ...]], ...],
    horizon: int,
    festivals: bool,
    promotions: bool,
    plan: tuple[tuple[str, str, str, float], ...],
    regressors: tuple[str, ...] | None = None,
) -> ForecastResult | Failure:
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    settings = ForecastSettings(
        horizon, festivals, promotions, _plan_from_key(plan), regressors=regressors
    )
    try:
        return forecast_metric(frame, info.mapping, metric, dict(where), settings)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def _many(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    split: tuple[str, ...],
    horizon: int,
    festivals: bool,
    promotions: bool,
    plan: tuple[tuple[str, str, str, float], ...],
    regressors: tuple[str, ...] | None = None,
) -> ManyForecasts | Failure:
    """Every series in worker processes, under a progress bar (drawn inside the cached function,
    so a cached answer replays it emptied)."""
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    settings = ForecastSettings(
        horizon, festivals, promotions, _plan_from_key(plan), regressors=regressors
    )
    return with_progress(
        "fc_progress",
        lambda advance: forecast_many(frame, info.mapping, metric, split, settings, advance),
        stages={"global": "fc_progress_global"},
    )


def one_forecast(info: DatasetInfo, view: ForecastView) -> ForecastResult | Failure:
    where = tuple(sorted(view.segment.where.items()))
    return _one(
        workspace_home(),
        info.id,
        info.content_hash,
        view.metric,
        where,
        view.horizon,
        view.festivals,
        view.promotions,
        _plan_key(view.plan),
        view.regressors,
    )


def many_forecasts(info: DatasetInfo, view: ForecastView) -> ManyForecasts | Failure:
    return _many(
        workspace_home(),
        info.id,
        info.content_hash,
        view.metric,
        view.segment.split,
        view.horizon,
        view.festivals,
        view.promotions,
        _plan_key(view.plan),
        view.regressors,
    )
