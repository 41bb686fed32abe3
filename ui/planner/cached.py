"""The planner's slow computations, cached per dataset version and run in worker processes with
a progress bar: the fitted planner, and the track record's refits of every past campaign (the
margin is applied afterwards, so changing it refits nothing)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.planner.model import PlannerModel, fit_planner
from analytics.planner.track_record import (
    TrackRecord,
    predict_past_campaigns,
    track_with_margin,
)
from analytics.planner.whatif import Measured, measured_from_reports
from analytics.workspace import DatasetInfo
from ui import background
from ui.lift.campaigns import all_reports
from ui.lift.view import measured
from ui.planner.model_settings import ModelSettings
from ui.progress import with_progress
from ui.workspace import cached_frame, dataset_info, workspace_home

DRAWS = 200
TRACK_DRAWS = 20


@st.cache_data(max_entries=16, show_spinner=False)
def _model(
    home: str,
    dataset_id: str,
    content_hash: str,
    outcome: str,
    draws: int,
    settings: ModelSettings,
    measured: dict[str, Measured] | None,
) -> Any:
    """Curves with bootstrap intervals and elasticities, fitted in worker processes with a
    progress bar (drawn inside the cached function, so a cached call replays it emptied)."""
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    return with_progress(
        "plan_fitting",
        lambda advance: fit_planner(
            frame,
            info.mapping,
            outcome,
            draws=draws,
            progress=advance,
            controls=settings.controls,
            lifts=settings.lifts,
            measured=measured,
        ),
    )


def fitted(
    info: DatasetInfo, outcome: str, settings: ModelSettings | None = None, margin: float = 0.0
) -> PlannerModel | Failure:
    """The planner under the model ``settings`` (the measured campaigns' lifts, when it is
    calibrated by them, are computed under ``margin``: their incremental outcome does not
    depend on it)."""
    home = workspace_home()
    background.wait_for(background.job_key(home, info.id, info.content_hash, "page_planner"))
    settings = settings or ModelSettings()
    measured = measured_lifts(info, outcome, margin) if settings.calibrate else None
    return _model(home, info.id, info.content_hash, outcome, DRAWS, settings, measured)


@st.cache_data(max_entries=16, show_spinner=False)
def _past_predictions(
    home: str, dataset_id: str, content_hash: str, outcome: str, draws: int
) -> Any:
    """Every past campaign re-predicted from the data before it, with a progress bar."""
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    return with_progress(
        "plan_track_running",
        lambda advance: predict_past_campaigns(
            frame, info.mapping, outcome, draws=draws, progress=advance
        ),
    )


def measured_lifts(info: DatasetInfo, outcome: str, margin: float) -> dict[str, Measured]:
    """What each past campaign's lift measured, with ROI under ``margin`` (the lifts are cached
    per dataset version)."""
    return measured_from_reports(measured(all_reports(info, outcome, margin)))


def track_record(info: DatasetInfo, outcome: str, margin: float) -> TrackRecord | Failure:
    """Predicted against measured ROI of every past campaign under ``margin``: the lifts and the
    refits are cached per dataset version, the ROI is arithmetic on them."""
    lifts = measured_lifts(info, outcome, margin)
    predictions = _past_predictions(
        workspace_home(), info.id, info.content_hash, outcome, TRACK_DRAWS
    )
    if isinstance(predictions, Failure):
        return predictions
    try:
        return track_with_margin(predictions, margin, lifts)
    except UserInputError as exc:
        return Failure.of(exc)
