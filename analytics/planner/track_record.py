"""How well the planner predicted past campaigns: each one re-predicted with curves and
elasticities fitted on the data before it started, beside what its lift measured.

The refits (the slow part) do not depend on the margin: ``predict_past_campaigns`` fits once,
and ``track_with_margin`` turns its predictions into ROI under any margin by arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Mapping as MappingType
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import Failure, UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift import profit
from analytics.lift.roi import checked_margin, resolve_margin
from analytics.parallel import map_in_workers
from analytics.planner.curve_arrays import interval
from analytics.planner.fit import fit_response
from analytics.planner.model import (
    PastCampaign,
    campaigns_found,
    model_from_fit,
    outcome_and_units_panels,
)
from analytics.planner.panel import MIN_PERIODS, Panel
from analytics.planner.whatif import (
    Measured,
    PlannedCampaign,
    predicted_effect,
    segment_shares,
)

TRACK_DRAWS = 30
SHORT_HISTORY = Failure("not enough history before it", "track_short_history")
NO_SPEND = Failure(
    "no spend above the channels' usual level in its window, so no ROI to predict (ROI is "
    "incremental profit per unit of campaign spend)",
    "track_no_spend",
)


@dataclass(frozen=True)
class TrackRow:
    """One past campaign re-predicted from the data before it started."""

    campaign: str
    start: str
    end: str
    channel: str | None
    spend: float
    discount: float
    predicted_incremental: float | None
    predicted_incremental_ci: tuple[float, float] | None
    predicted_roi: float | None
    predicted_roi_ci: tuple[float, float] | None
    measured_incremental: float | None
    measured_roi: float | None
    measured_roi_ci: tuple[float, float] | None
    note: Failure | None  # why there is no predicted ROI

    @property
    def missed(self) -> str | None:
        """ "above" or "below" when the measured ROI fell outside the predicted interval: the
        campaign did something its channel's curve and the discount do not model."""
        if self.measured_roi is None or not self.predicted_roi_ci:
            return None
        if self.measured_roi > self.predicted_roi_ci[1]:
            return "above"
        return "below" if self.measured_roi < self.predicted_roi_ci[0] else None

    def to_dict(self) -> dict[str, Any]:
        out = {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}
        out["note"] = None if self.note is None else self.note.message
        return out


@dataclass(frozen=True)
class TrackRecord:
    """Predicted against measured ROI of every past campaign."""

    outcome: str
    margin: float
    rows: tuple[TrackRow, ...]

    @property
    def compared(self) -> list[TrackRow]:
        return [r for r in self.rows if r.predicted_roi is not None and r.measured_roi is not None]

    @property
    def median_error(self) -> float | None:
        """Median |predicted − measured| ROI over campaigns with both."""
        rows = self.compared
        if not rows:
            return None
        return float(np.median([abs(r.predicted_roi - r.measured_roi) for r in rows]))

    @property
    def covered(self) -> int:
        """Campaigns whose measured ROI fell inside the predicted interval."""
        return sum(
            1
            for r in self.compared
            if r.predicted_roi_ci
            and r.predicted_roi_ci[0] <= r.measured_roi <= r.predicted_roi_ci[1]
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "margin": self.margin,
            "median_error": self.median_error,
            "covered": self.covered,
            "compared": len(self.compared),
            "rows": [r.to_dict() for r in self.rows],
        }


@dataclass(frozen=True)
class PastPrediction:
    """A past campaign re-predicted from the data before it started, before any margin: its
    incremental outcome in the window (None when it could not be predicted, with a note) and the
    list-price value its discount gave away."""

    campaign: PastCampaign
    incremental: float | None
    incremental_ci: tuple[float, float] | None
    discount_given: float
    note: Failure | None


@dataclass(frozen=True)
class PastPredictions:
    """Every past campaign re-predicted, for one outcome."""

    outcome: str
    predictions: tuple[PastPrediction, ...]


@dataclass(frozen=True)
class _TrackItem:
    panel: Panel
    units_panel: Panel | None
    campaign: PastCampaign
    shares: np.ndarray
    draws: int


def track_record(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
    *,
    measured: MappingType[str, Measured] | None = None,
    margin: float | None = None,
    draws: int = TRACK_DRAWS,
    names: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
) -> TrackRecord:
    """Re-predict each past campaign (or those in ``names``) with curves and elasticities fitted
    on the data before it started, beside what its lift measured."""
    margin_value, _ = resolve_margin(frame, mapping, {}, margin)
    predictions = predict_past_campaigns(
        frame,
        mapping,
        outcome,
        spend,
        draws=draws,
        names=names,
        progress=progress,
        parallel=parallel,
    )
    return track_with_margin(predictions, margin_value, measured)


def predict_past_campaigns(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
    *,
    draws: int = TRACK_DRAWS,
    names: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
) -> PastPredictions:
    """Each past campaign (or those in ``names``) predicted by a planner fitted on the data
    before it started, in worker processes: the slow part of the track record."""
    panel, units_panel = outcome_and_units_panels(frame, mapping, outcome, spend)
    items = []
    for campaign in campaigns_found(frame, mapping, panel):
        if names is not None and campaign.name not in names:
            continue
        start = pd.Timestamp(campaign.start)
        items.append(
            _TrackItem(
                panel=panel.until(start),
                units_panel=units_panel.until(start) if units_panel else None,
                campaign=campaign,
                shares=segment_shares(
                    frame,
                    panel.outcome_name,
                    panel.segment_columns,
                    panel.segments,
                    campaign.segment,
                ),
                draws=draws,
            )
        )
    predictions = map_in_workers(_predict_one, items, progress, parallel=parallel)
    return PastPredictions(outcome=panel.outcome_name, predictions=tuple(predictions))


def _predict_one(item: _TrackItem) -> PastPrediction:
    campaign = item.campaign
    if len(item.panel.dates) < MIN_PERIODS[item.panel.frequency]:
        return PastPrediction(campaign, None, None, 0.0, SHORT_HISTORY)
    try:
        fit = fit_response(item.panel, draws=item.draws, parallel=False)
        model = model_from_fit(item.panel, item.units_panel, fit, ())
        plan = PlannedCampaign(
            spend=dict(campaign.spend),
            start=campaign.start,
            end=campaign.end,
            discount=campaign.discount if model.elasticities is not None else 0.0,
            where=campaign.segment,
        )
        effect = predicted_effect(model, plan, item.shares)
    except UserInputError as exc:
        return PastPrediction(campaign, None, None, 0.0, Failure.of(exc))
    return PastPrediction(
        campaign=campaign,
        incremental=float(effect.in_window[0]),
        incremental_ci=interval(effect.in_window[1:]),
        discount_given=float(effect.discount_given[0]),
        note=None,
    )


def track_with_margin(
    predictions: PastPredictions,
    margin: float,
    measured: MappingType[str, Measured] | None = None,
) -> TrackRecord:
    """The track record under ``margin``: predicted ROI from the predictions by arithmetic (no
    refit), beside the measured lifts by campaign name."""
    margin = checked_margin(margin)
    rows = tuple(
        _row(prediction, margin, (measured or {}).get(prediction.campaign.name))
        for prediction in predictions.predictions
    )
    return TrackRecord(outcome=predictions.outcome, margin=margin, rows=rows)


def _row(prediction: PastPrediction, margin: float, measured: Measured | None) -> TrackRow:
    campaign = prediction.campaign
    roi = roi_ci = None
    note = prediction.note
    if prediction.incremental is not None and campaign.total_spend > 0:
        roi, roi_ci = _window_roi(prediction, margin)
    elif prediction.incremental is not None:
        note = NO_SPEND
    return TrackRow(
        campaign=campaign.name,
        start=campaign.start,
        end=campaign.end,
        channel=campaign.channel,
        spend=campaign.total_spend,
        discount=campaign.discount,
        predicted_incremental=prediction.incremental,
        predicted_incremental_ci=prediction.incremental_ci,
        predicted_roi=roi,
        predicted_roi_ci=roi_ci,
        measured_incremental=None if measured is None else measured.incremental,
        measured_roi=None if measured is None else measured.roi,
        measured_roi_ci=None if measured is None else measured.roi_ci,
        note=note,
    )


def _window_roi(prediction: PastPrediction, margin: float) -> tuple[float, tuple[float, float]]:
    """ROI counting only the window (what a lift measurement sees)."""
    spend, given = prediction.campaign.total_spend, prediction.discount_given
    lo, hi = prediction.incremental_ci

    def roi_of(incremental: float) -> float:
        return profit.roi(profit.incremental_profit_of(incremental, margin, given, spend), spend)

    return roi_of(prediction.incremental), (roi_of(lo), roi_of(hi))
