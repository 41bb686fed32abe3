"""The fitted planner: response curves with their bootstrap draws, the discount elasticity and
what planning needs to know about the data (frequency, segments, recent levels, past campaigns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.formatting import is_money
from analytics.ingest.roles import Mapping
from analytics.planner.calibration import LiftMeasurement, campaign_lifts
from analytics.planner.elasticity import Elasticities, estimate_elasticities, units_column
from analytics.planner.fit import ResponseFit, channel_exclusions, fit_response
from analytics.planner.panel import RECENT, Panel, build_panel
from analytics.selection import campaigns_in

PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


@dataclass(frozen=True)
class PastCampaign:
    """A campaign in the data as the planner sees it: its spend above the usual level per
    channel, its discount and its segment."""

    name: str
    start: str
    end: str
    periods: int
    spend: dict[str, float]
    discount: float
    segment: dict[str, tuple[str, ...]]

    @property
    def total_spend(self) -> float:
        return float(sum(self.spend.values()))

    @property
    def channel(self) -> str | None:
        """The channel that carried most of its spend."""
        if not self.spend or self.total_spend <= 0:
            return None
        return max(self.spend, key=self.spend.__getitem__)


@dataclass(frozen=True)
class PlannerModel:
    """Response curves with their bootstrap draws, the discount elasticity and what the planner
    needs to know about the data (frequency, segments, recent levels, past campaigns)."""

    fit: ResponseFit
    elasticities: Elasticities | None
    elasticity_note: str | None
    outcome: str
    money: bool
    frequency: str
    last_date: str
    segment_columns: tuple[str, ...]
    segments: tuple[tuple[str, ...], ...]
    units_ratio: np.ndarray | None = field(repr=False)  # (S,) units per unit of outcome
    campaigns: tuple[PastCampaign, ...] = ()
    elasticity_code: str | None = None  # the note's code, for the app's languages
    controls: tuple[str, ...] = ()  # columns in the model as controls

    @property
    def channels(self) -> tuple[str, ...]:
        return self.fit.channels


def fit_planner(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
    *,
    draws: int = 200,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
    controls: Sequence[str] = (),
    lifts: Sequence[LiftMeasurement] = (),
    measured: dict[str, Any] | None = None,
) -> PlannerModel:
    """Curves (with ``draws`` bootstrap refits) and elasticities for a dataset, with the
    ``controls`` columns in the model beside the usual terms, calibrated by outside ``lifts``
    and by the dataset's campaigns whose lifts were ``measured`` (name -> whatif.Measured)."""
    panel, units_panel = outcome_and_units_panels(frame, mapping, outcome, spend, controls)
    lifts = tuple(lifts)
    if measured:
        elasticity = _discount_elasticity(units_panel)
        spend_channels = tuple(c for c in panel.channels if c not in channel_exclusions(panel))
        lifts += campaign_lifts(
            panel, spend_channels, measured, elasticity, is_money(panel.outcome_name)
        )
    fit = fit_response(
        panel, draws=draws, seed=seed, progress=progress, parallel=parallel, lifts=lifts
    )
    return model_from_fit(panel, units_panel, fit, campaigns_found(frame, mapping, panel))


def _discount_elasticity(units_panel: Panel | None) -> float | None:
    """The discount elasticity to take a campaign's discount out of its lift (None without)."""
    if units_panel is None:
        return None
    try:
        return estimate_elasticities(units_panel).discount
    except UserInputError:
        return None


def outcome_and_units_panels(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
    controls: Sequence[str] = (),
) -> tuple[Panel, Panel | None]:
    """The outcome's panel, and the units' on the same channels and controls (None without a
    units column)."""
    panel = build_panel(frame, mapping, outcome, spend, controls)
    dates = pd.to_datetime(frame[mapping.date_column])
    history = dates <= last_outcome_date(frame, mapping, panel.outcome_name)
    if not history.all():  # rows after the last outcome hold plans, not sales: not fitted
        frame = frame[history]
        panel = build_panel(frame, mapping, outcome, spend, controls)
    units = units_column(frame, mapping)
    units_panel = None
    if units:
        controls = [c for c in panel.controls if c != units]
        units_panel = build_panel(frame, mapping, units, panel.channels, controls)
    return panel, units_panel


def model_from_fit(
    panel: Panel,
    units_panel: Panel | None,
    fit: ResponseFit,
    campaigns: tuple[PastCampaign, ...],
) -> PlannerModel:
    """The planner from curves fitted on ``panel``, with elasticities from ``units_panel`` (or
    a note saying why discounts cannot be planned)."""
    elasticities, note, code = None, None, None
    if units_panel is None:
        note = "The data has no units column, so discounts cannot be planned."
        code = "plan_no_units"
    else:
        try:
            elasticities = estimate_elasticities(units_panel)
        except UserInputError as exc:
            note, code = str(exc), exc.code
    return PlannerModel(
        fit=fit,
        elasticities=elasticities,
        elasticity_note=note,
        elasticity_code=code,
        outcome=panel.outcome_name,
        money=is_money(panel.outcome_name),
        frequency=panel.frequency,
        last_date=f"{panel.dates[-1]:%Y-%m-%d}",
        segment_columns=panel.segment_columns,
        segments=panel.segments,
        units_ratio=_units_ratio(panel, units_panel),
        campaigns=campaigns,
        controls=tuple(panel.controls),
    )


def _units_ratio(panel: Panel, units_panel: Panel | None) -> np.ndarray | None:
    if units_panel is None:
        return None
    recent = slice(max(0, len(panel.dates) - RECENT[panel.frequency]), None)
    outcome = np.nansum(panel.outcome[recent], axis=0)
    units = np.nansum(units_panel.outcome[recent], axis=0)
    return np.where(outcome > 0, units / np.maximum(outcome, 1e-12), 0.0)


def campaigns_found(
    frame: pd.DataFrame, mapping: Mapping, panel: Panel
) -> tuple[PastCampaign, ...]:
    """Every campaign in the data with its spend above the usual level per channel."""
    found = []
    for campaign in campaigns_in(frame, mapping):
        cells = panel.campaign_cells.get(campaign.name)
        if cells is None:
            continue
        spend = {c: float(panel.campaign_spend[c][cells].sum()) for c in panel.channels}
        discount = 0.0
        if panel.discount is not None:
            discount = float(np.nanmean(panel.discount[cells])) if cells.any() else 0.0
        found.append(
            PastCampaign(
                name=campaign.name,
                start=f"{campaign.start:%Y-%m-%d}",
                end=f"{campaign.end:%Y-%m-%d}",
                periods=periods_between(campaign.start, campaign.end, panel.frequency),
                spend={c: v for c, v in spend.items() if v > 0},
                discount=round(discount, 4),
                segment=dict(campaign.segment),
            )
        )
    return tuple(found)


def last_outcome_date(frame: pd.DataFrame, mapping: Mapping, outcome: str) -> pd.Timestamp:
    """The last date with an outcome: rows after it hold plans (spend, promotions), not sales."""
    dates = pd.to_datetime(frame[mapping.date_column])
    return pd.Timestamp(dates[frame[outcome].notna()].max())


def periods_between(start: pd.Timestamp, end: pd.Timestamp, frequency: str) -> int:
    """Periods of the data's frequency from ``start`` to ``end``, both included."""
    if frequency == "M":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return int((end - start).days // int(PERIOD_DAYS[frequency])) + 1
