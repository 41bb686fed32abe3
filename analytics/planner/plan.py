"""ROI planner: response curves per channel, what a planned campaign should return, the budget
split that maximises incremental gross profit, and how well the planner predicted past campaigns.

Conventions, the same as analytics/lift/roi.py for measured campaigns:
- incremental revenue = predicted outcome with the plan − predicted outcome without it, including
  the carry-over after the window (``in_window_revenue`` stops at the window's end);
- ROAS = incremental revenue / spend;
- ROI = (margin × incremental revenue − (1 − margin) × discount cost − spend) / spend, with the
  margin on list-price revenue and discount cost = the list-price value given away;
- incremental gross profit = margin × incremental revenue − (1 − margin) × discount cost − spend
  (= ROI × spend); the budget split maximises it (it has no discount).

Budget period: a budget is for ``days`` days (default 91, a quarter). A channel's current spend
is its always-on spend per period over the last eight weeks (56 days, 8 weeks or 3 months) times
the periods in the budget: what it would spend at today's rate. Spend held for the whole period
is taken at its steady state (carry-over settled), and the outcome without media at today's level.
Every interval is the 2.5–97.5 percentile over the bootstrap draws of the curves (and draws of the
discount elasticity), so it includes the uncertainty of the fitted curves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift.roi import DEFAULT_MARGIN, resolve_margin
from analytics.parallel import map_in_workers
from analytics.planner.elasticity import Elasticities, estimate_elasticities, units_column
from analytics.planner.response import (
    MIN_PERIODS,
    RECENT,
    Panel,
    ResponseFit,
    build_panel,
    fit_response,
)
from analytics.selection import Where, campaigns_in, rows_where

DEFAULT_DAYS = 91
PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}
BUDGET_STEPS = 1000  # the optimiser's grid: the budget in this many equal steps
MAX_TAIL = {"D": 90, "W": 13, "M": 3}  # carry-over periods counted after a window
CURVE_POINTS = 61
TRACK_DRAWS = 30
MONEY = ("revenue", "sales", "gmv", "turnover", "销售额", "营收", "收入", "成交额")


def _interval(values: np.ndarray) -> tuple[float, float]:
    lo, hi = np.percentile(values, [2.5, 97.5])
    return (float(lo), float(hi))


# --- the fitted planner -------------------------------------------------------------------------


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
) -> PlannerModel:
    """Curves (with ``draws`` bootstrap refits) and elasticities for a dataset."""
    panel = build_panel(frame, mapping, outcome, spend)
    units = units_column(frame, mapping)
    units_panel = build_panel(frame, mapping, units, panel.channels) if units else None
    fit = fit_response(panel, draws=draws, seed=seed, progress=progress, parallel=parallel)
    return _model(panel, units_panel, fit, campaigns_found(frame, mapping, panel))


def _model(
    panel: Panel,
    units_panel: Panel | None,
    fit: ResponseFit,
    campaigns: tuple[PastCampaign, ...],
) -> PlannerModel:
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
    )


def is_money(outcome: str) -> bool:
    """Whether the outcome reads as money (revenue, sales, GMV), not a count."""
    lowered = str(outcome).lower()
    return any(word in lowered for word in MONEY)


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
                periods=_periods_between(campaign.start, campaign.end, panel.frequency),
                spend={c: v for c, v in spend.items() if v > 0},
                discount=round(discount, 4),
                segment=dict(campaign.segment),
            )
        )
    return tuple(found)


def _periods_between(start: pd.Timestamp, end: pd.Timestamp, frequency: str) -> int:
    if frequency == "M":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return int((end - start).days // int(PERIOD_DAYS[frequency])) + 1


# --- the curves as arrays (estimate first, then the bootstrap draws) ------------------------------


class _Sets:
    """Curve parameters of the estimate (row 0) and of every draw, as arrays."""

    def __init__(self, fit: ResponseFit) -> None:
        d = fit.draws
        self.decay = np.concatenate([fit.decay[None], d["decay"]])  # (B1, C)
        self.half_sat = np.concatenate([fit.half_sat[None], d["half_sat"]])
        self.shape = np.concatenate([fit.shape[None], d["shape"]])
        self.scale = np.concatenate([fit.scale[None], d["scale"]])  # (B1, C, S)
        self.level = fit.level  # (S,)
        self.share = fit.spend_share  # (C, S)
        self.recent = fit.recent_spend  # (C,)

    def __len__(self) -> int:
        return len(self.decay)

    def _args(self, c: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return (
            self.decay[:, c, None, None],
            self.half_sat[:, c, None, None],
            self.shape[:, c, None, None],
            self.scale[:, c, None, :],
        )

    def response(self, c: int, spend: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """Outcome per period at a steady per-period spend (B1, n): Σ_s level × b × hill."""
        decay, half_sat, shape, scale = self._args(c)
        w = self.share[c] if weights is None else weights
        stock = np.asarray(spend, dtype=float)[None, :, None] * w[None, None, :] / (1 - decay)
        return np.sum(self.level * scale * hill_b(stock, half_sat, shape), axis=2)

    def slope(self, c: int, spend: np.ndarray) -> np.ndarray:
        """d response / d spend (B1, n)."""
        decay, half_sat, shape, scale = self._args(c)
        w = self.share[c]
        stock = np.asarray(spend, dtype=float)[None, :, None] * w[None, None, :] / (1 - decay)
        slope = hill_slope_b(stock, half_sat, shape) * w[None, None, :] / (1 - decay)
        return np.sum(self.level * scale * slope, axis=2)

    def base_media(self) -> np.ndarray:
        """u at today's steady spend in every channel (B1, S)."""
        total = np.zeros((len(self), len(self.level)))
        for c in range(self.decay.shape[1]):
            decay, half_sat, shape, scale = self._args(c)
            stock = self.recent[c] * self.share[c][None, None, :] / (1 - decay)
            total += (scale * hill_b(stock, half_sat, shape))[:, 0, :]
        return total


def hill_b(stock: np.ndarray, half_sat: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """Hill saturation with broadcast parameters."""
    ratio = np.maximum(stock, 0.0) / half_sat
    powered = ratio**shape
    return powered / (1.0 + powered)


def hill_slope_b(stock: np.ndarray, half_sat: np.ndarray, shape: np.ndarray) -> np.ndarray:
    stock = np.maximum(stock, 1e-12)
    h = hill_b(stock, half_sat, shape)
    return shape * h * (1.0 - h) / stock


# --- response curves --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelCurve:
    """One channel's curve summary with 95% intervals; spend per period."""

    channel: str
    decay: float
    decay_ci: tuple[float, float]
    half_sat: float
    half_sat_ci: tuple[float, float]
    shape: float
    shape_ci: tuple[float, float]
    roas: float
    roas_ci: tuple[float, float]
    current_spend: float
    marginal_roas: float
    marginal_roas_ci: tuple[float, float]
    marginal_roi: float
    marginal_roi_ci: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CurvesResult:
    """Every channel's response curve (outcome per period against spend per period)."""

    outcome: str
    frequency: str
    margin: float
    channels: tuple[ChannelCurve, ...]
    excluded: dict[str, str]
    notes: tuple[str, ...]
    mode: str
    table: pd.DataFrame = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "frequency": self.frequency,
            "margin": self.margin,
            "channels": [c.to_dict() for c in self.channels],
            "excluded": dict(self.excluded),
            "notes": list(self.notes),
            "mode": self.mode,
        }


def response_curves(model: PlannerModel, margin: float = DEFAULT_MARGIN) -> CurvesResult:
    """Curves on a grid from zero to well past today's spend, with 95% bands and marginal ROI."""
    fit, sets = model.fit, _Sets(model.fit)
    roas = fit.contribution / np.maximum(fit.history_spend, 1e-12)
    rows, summaries = [], []
    for c, channel in enumerate(fit.channels):
        current = float(sets.recent[c])
        top = max(3.0 * current, 1.0)
        grid = np.linspace(0.0, top, CURVE_POINTS)
        response = sets.response(c, grid)
        slope = sets.slope(c, grid)
        lo, hi = np.percentile(response[1:], [2.5, 97.5], axis=0)
        mlo, mhi = np.percentile(margin * slope[1:] - 1, [2.5, 97.5], axis=0)
        rows.append(
            pd.DataFrame(
                {
                    "channel": channel,
                    "spend": grid,
                    "response": response[0],
                    "response_lo": lo,
                    "response_hi": hi,
                    "marginal_roi": margin * slope[0] - 1,
                    "marginal_roi_lo": mlo,
                    "marginal_roi_hi": mhi,
                }
            )
        )
        now = sets.slope(c, np.array([current]))[:, 0]
        summaries.append(
            ChannelCurve(
                channel=channel,
                decay=float(fit.decay[c]),
                decay_ci=_interval(fit.draws["decay"][:, c]),
                half_sat=float(fit.half_sat[c]),
                half_sat_ci=_interval(fit.draws["half_sat"][:, c]),
                shape=float(fit.shape[c]),
                shape_ci=_interval(fit.draws["shape"][:, c]),
                roas=float(roas[0, c]),
                roas_ci=_interval(roas[1:, c]) if len(roas) > 1 else (roas[0, c],) * 2,
                current_spend=current,
                marginal_roas=float(now[0]),
                marginal_roas_ci=_interval(now[1:]),
                marginal_roi=float(margin * now[0] - 1),
                marginal_roi_ci=_interval(margin * now[1:] - 1),
            )
        )
    return CurvesResult(
        outcome=model.outcome,
        frequency=model.frequency,
        margin=margin,
        channels=tuple(summaries),
        excluded=dict(fit.excluded),
        notes=fit.notes,
        mode=fit.mode,
        table=pd.concat(rows, ignore_index=True),
    )


def steady_response(model: PlannerModel, channel: str, spend: float) -> float:
    """Outcome per period a channel adds at a steady ``spend`` per period (against none)."""
    c = model.fit.channels.index(channel)
    return float(_Sets(model.fit).response(c, np.array([spend]))[0, 0])


# --- what-if --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedCampaign:
    """A campaign to plan: spend per channel over the window, a discount, a segment."""

    spend: dict[str, float]
    start: str
    end: str
    discount: float = 0.0
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def total_spend(self) -> float:
        return float(sum(self.spend.values()))


@dataclass(frozen=True)
class Comparable:
    """A past campaign like the planned one, with what its lift measured."""

    name: str
    channel: str
    spend: float
    periods: int
    discount: float
    roas: float | None
    roi: float | None
    roi_ci: tuple[float, float] | None

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Measured:
    """What the lift measurement found for a past campaign (from analytics.lift.reports)."""

    incremental: float
    incremental_ci: tuple[float, float]
    spend: float | None
    roas: float | None
    roi: float | None
    roi_ci: tuple[float, float] | None


@dataclass(frozen=True)
class WhatIfResult:
    """Predicted return of a planned campaign, with 95% intervals."""

    outcome: str
    spend: dict[str, float]
    discount: float
    start: str
    end: str
    periods: int
    segment: dict[str, list[str]]
    incremental_revenue: float
    incremental_revenue_ci: tuple[float, float]
    in_window_revenue: float
    in_window_revenue_ci: tuple[float, float]
    media_revenue: float
    discount_revenue: float
    incremental_units: float | None
    incremental_units_ci: tuple[float, float] | None
    discount_cost: float
    roas: float | None
    roas_ci: tuple[float, float] | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    margin: float
    margin_source: str
    comparable: tuple[Comparable, ...]
    notes: tuple[str, ...]
    daily: pd.DataFrame = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "daily"}
        for key, value in data.items():
            if isinstance(value, tuple) and key not in ("comparable", "notes"):
                data[key] = list(value)
        data["comparable"] = [c.to_dict() for c in self.comparable]
        data["notes"] = list(self.notes)
        return data


def whatif(
    model: PlannerModel,
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: PlannedCampaign,
    margin: float | None = None,
    measured: MappingType[str, Measured] | None = None,
) -> WhatIfResult:
    """What a planned campaign should return, compared with past campaigns like it."""
    where = {k: tuple(v) for k, v in plan.where.items()}
    shares = segment_shares(frame, model.outcome, model.segment_columns, model.segments, where)
    margin_value, source = resolve_margin(frame, mapping, where, margin)
    result = predict(model, plan, shares, margin_value, source)
    similar = comparable_campaigns(model, plan, measured or {})
    return _with(result, comparable=similar)


def _with(result: WhatIfResult, **changes: Any) -> WhatIfResult:
    data = dict(result.__dict__)
    data.update(changes)
    return WhatIfResult(**data)


def segment_shares(
    frame: pd.DataFrame,
    outcome: str,
    segment_columns: tuple[str, ...],
    segments: tuple[tuple[str, ...], ...],
    where: Where,
) -> np.ndarray:
    """Share of each segment's outcome that the filter selects (1 everywhere without one)."""
    if not where:
        return np.ones(len(segments))
    matching = rows_where(frame, where)
    values = frame[outcome].fillna(0).to_numpy(dtype=float)
    if not segment_columns:
        total = values.sum()
        shares = np.array([values[matching].sum() / total if total > 0 else 0.0])
    else:
        keys = frame[list(segment_columns)].astype("string").fillna("")
        labels = keys.agg("\x1f".join, axis=1) if len(segment_columns) > 1 else keys.iloc[:, 0]
        labels = labels.to_numpy()
        totals = pd.Series(values).groupby(labels).sum()
        picked = pd.Series(values[matching]).groupby(labels[matching]).sum()
        shares = np.zeros(len(segments))
        for s, segment in enumerate(segments):
            key = "\x1f".join(segment)
            total = float(totals.get(key, 0.0))
            shares[s] = float(picked.get(key, 0.0)) / total if total > 0 else 0.0
    if shares.sum() <= 0:
        raise UserInputError("No rows match that segment: check the filters.")
    return shares


def predict(
    model: PlannerModel,
    plan: PlannedCampaign,
    shares: np.ndarray,
    margin: float,
    margin_source: str = "setting",
) -> WhatIfResult:
    """The prediction itself: curves for the spend, the elasticity for the discount."""
    start, end = _window(plan)
    periods = _periods_between(start, end, model.frequency)
    if not 0.0 <= plan.discount < 0.9:
        raise UserInputError("The discount must be between 0 and 0.9 (e.g. 0.15 for 15% off).")
    for channel, amount in plan.spend.items():
        if amount < 0:
            raise UserInputError(f"The spend on {channel} must not be negative.")
    notes = _plan_notes(model, plan)
    sets = _Sets(model.fit)
    B1 = len(sets)
    elasticity = _elasticity_draws(model, plan, B1)
    base = sets.base_media()  # (B1, S)
    tail = _tail_periods(model, plan)
    extra = np.zeros((B1, periods + tail, len(model.segments)))
    for channel, amount in plan.spend.items():
        if channel in model.fit.channels and amount > 0:
            extra += _extra_media(
                sets, model.fit.channels.index(channel), amount, periods, tail, shares
            )
    level = sets.level * shares  # (S,)
    money_factor, units_factor = _discount_factors(model, plan.discount, elasticity)
    window = slice(0, periods)
    without = level * (1.0 + base)  # (B1, S) per period
    with_plan = level * (1.0 + base[:, None, :] + extra[:, window]) * money_factor[:, None, None]
    in_window = (with_plan - without[:, None, :]).sum(axis=(1, 2))
    after = (level * extra[:, periods:]).sum(axis=(1, 2))
    total = in_window + after
    media_only = (level * extra).sum(axis=(1, 2))
    discount_cost = with_plan.sum(axis=(1, 2)) * plan.discount / (1.0 - plan.discount)
    units = _units(model, level, base, extra, periods, units_factor)
    spend = plan.total_spend
    roas = roi = None
    roas_ci = roi_ci = None
    if spend > 0:
        roi_draws = (margin * total - (1 - margin) * discount_cost - spend) / spend
        roas, roas_ci = float(total[0] / spend), _interval(total[1:] / spend)
        roi, roi_ci = float(roi_draws[0]), _interval(roi_draws[1:])
    daily = _daily(start, model.frequency, with_plan, without, level, extra, periods)
    return WhatIfResult(
        outcome=model.outcome,
        spend=dict(plan.spend),
        discount=plan.discount,
        start=f"{start:%Y-%m-%d}",
        end=f"{end:%Y-%m-%d}",
        periods=periods,
        segment={k: list(v) for k, v in plan.where.items()},
        incremental_revenue=float(total[0]),
        incremental_revenue_ci=_interval(total[1:]),
        in_window_revenue=float(in_window[0]),
        in_window_revenue_ci=_interval(in_window[1:]),
        media_revenue=float(media_only[0]),
        discount_revenue=float(total[0] - media_only[0]),
        incremental_units=None if units is None else float(units[0]),
        incremental_units_ci=None if units is None else _interval(units[1:]),
        discount_cost=float(discount_cost[0]),
        roas=roas,
        roas_ci=roas_ci,
        roi=roi,
        roi_ci=roi_ci,
        margin=margin,
        margin_source=margin_source,
        comparable=(),
        notes=tuple(notes),
        daily=daily,
    )


def _window(plan: PlannedCampaign) -> tuple[pd.Timestamp, pd.Timestamp]:
    try:
        start, end = pd.Timestamp(plan.start), pd.Timestamp(plan.end)
    except (ValueError, TypeError) as exc:
        raise UserInputError("Write the start and end dates as 2025-06-01.") from exc
    if end < start:
        raise UserInputError(
            "The window ends before it starts: swap the start and end dates.",
            code="plan_window_order",
        )
    return start, end


def _plan_notes(model: PlannerModel, plan: PlannedCampaign) -> list[str]:
    notes = []
    for channel in plan.spend:
        if channel in model.fit.excluded:
            why = model.fit.excluded[channel]
            notes.append(f"{channel} has no curve ({why}): its spend adds nothing here.")
        elif channel not in model.fit.channels:
            known = ", ".join(model.fit.channels)
            raise UserInputError(
                f"There is no spend channel {channel!r}; the channels are: {known}."
            )
    if plan.discount > 0 and model.elasticities is None:
        raise UserInputError(model.elasticity_note or "There is no discount elasticity.")
    notes.append(
        "The baseline is the recent level of the outcome (last eight weeks); festivals or "
        "seasons inside the window are not added to it."
    )
    return notes


def _elasticity_draws(model: PlannerModel, plan: PlannedCampaign, n: int) -> np.ndarray:
    if model.elasticities is None:
        return np.zeros(n)
    return model.elasticities.discount_draws(n - 1, seed=1)


def _discount_factors(
    model: PlannerModel, discount: float, elasticity: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers on the outcome and on units per draw: units × (1 − d)^e, and revenue also
    × (1 − d) for the lower price paid."""
    units_factor = (1.0 - discount) ** elasticity
    money_factor = units_factor * (1.0 - discount) if model.money else units_factor
    return money_factor, units_factor


def _tail_periods(model: PlannerModel, plan: PlannedCampaign) -> int:
    if not any(amount > 0 for amount in plan.spend.values()):
        return 0
    decay = float(np.max(model.fit.draws["decay"])) if model.fit.n_draws else 0.5
    needed = math.ceil(math.log(0.01) / math.log(max(min(decay, 0.99), 1e-3)))
    return int(min(max(needed, 1), MAX_TAIL[model.frequency]))


def _extra_media(
    sets: _Sets, c: int, amount: float, periods: int, tail: int, shares: np.ndarray
) -> np.ndarray:
    """Added u per period and segment (B1, periods + tail, S) from ``amount`` spread evenly over
    the window and over the targeted segments in proportion to the channel's usual split."""
    split = sets.share[c] * shares
    split = split / split.sum() if split.sum() > 0 else shares / shares.sum()
    per_period = amount / periods * split  # (S,)
    decay, half_sat, shape, scale = sets._args(c)
    d = decay[:, :, 0]  # (B1, 1)
    k = np.arange(periods + tail)[None, :]
    inside = (1 - d ** (k + 1)) / (1 - d)
    outside = (1 - d**periods) / (1 - d) * d ** np.maximum(k - periods + 1, 0)
    cumulated = np.where(k < periods, inside, outside)  # (B1, P)
    base_stock = sets.recent[c] * sets.share[c] / (1 - decay)  # (B1, 1, S)
    stock = base_stock + cumulated[:, :, None] * per_period[None, None, :]
    return scale * (hill_b(stock, half_sat, shape) - hill_b(base_stock, half_sat, shape))


def _units(
    model: PlannerModel,
    level: np.ndarray,
    base: np.ndarray,
    extra: np.ndarray,
    periods: int,
    units_factor: np.ndarray,
) -> np.ndarray | None:
    if model.units_ratio is None:
        return None
    units_level = level * model.units_ratio
    with_plan = units_level * (1.0 + base[:, None, :] + extra[:, :periods])
    in_window = (with_plan * units_factor[:, None, None]).sum(axis=(1, 2))
    in_window -= (units_level * (1.0 + base)).sum(axis=1) * periods
    return in_window + (units_level * extra[:, periods:]).sum(axis=(1, 2))


def _daily(
    start: pd.Timestamp,
    frequency: str,
    with_plan: np.ndarray,
    without: np.ndarray,
    level: np.ndarray,
    extra: np.ndarray,
    periods: int,
) -> pd.DataFrame:
    """Incremental outcome per period (window then carry-over), with its 95% band."""
    inside = (with_plan - without[:, None, :]).sum(axis=2)
    outside = (level * extra[:, periods:]).sum(axis=2)
    effect = np.concatenate([inside, outside], axis=1)
    offsets = {"D": "D", "W": "W", "M": "MS"}
    index = pd.date_range(start, periods=effect.shape[1], freq=offsets[frequency])
    lo, hi = np.percentile(effect[1:], [2.5, 97.5], axis=0)
    return pd.DataFrame(
        {
            "effect": effect[0],
            "effect_lo": lo,
            "effect_hi": hi,
            "in_window": np.arange(len(index)) < periods,
        },
        index=pd.DatetimeIndex(index, name="date"),
    )


def comparable_campaigns(
    model: PlannerModel, plan: PlannedCampaign, measured: MappingType[str, Measured]
) -> tuple[Comparable, ...]:
    """Past campaigns on the same main channel, with spend within 3× and length within 2×."""
    if not plan.spend or plan.total_spend <= 0:
        return ()
    channel = max(plan.spend, key=plan.spend.__getitem__)
    start, end = _window(plan)
    periods = _periods_between(start, end, model.frequency)
    found = []
    for past in model.campaigns:
        if past.channel != channel or past.total_spend <= 0:
            continue
        spend_ratio = past.total_spend / plan.total_spend
        length_ratio = past.periods / periods
        if not (1 / 3 <= spend_ratio <= 3 and 0.5 <= length_ratio <= 2):
            continue
        result = measured.get(past.name)
        found.append(
            (
                abs(math.log(spend_ratio)) + abs(math.log(length_ratio)),
                Comparable(
                    name=past.name,
                    channel=channel,
                    spend=past.total_spend,
                    periods=past.periods,
                    discount=past.discount,
                    roas=None if result is None else result.roas,
                    roi=None if result is None else result.roi,
                    roi_ci=None if result is None else result.roi_ci,
                ),
            )
        )
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))


def measured_from_reports(reports: Sequence[Any]) -> dict[str, Measured]:
    """The lift measurements of analytics.lift.reports.measure_all, by campaign name."""
    found = {}
    for report in reports:
        lift, roi = report.lift, report.roi
        if lift.campaign is None:
            continue
        found[lift.campaign] = Measured(
            incremental=float(lift.abs_effect),
            incremental_ci=(float(lift.abs_effect_ci[0]), float(lift.abs_effect_ci[1])),
            spend=roi.spend,
            roas=roi.roas,
            roi=roi.roi,
            roi_ci=roi.roi_ci,
        )
    return found


# --- budget split ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelPlan:
    """One channel's current and proposed spend over the budget's period."""

    channel: str
    roas: float
    roas_ci: tuple[float, float]
    current_spend: float
    proposed_spend: float
    minimum: float
    maximum: float
    revenue_current: float
    revenue_proposed: float
    marginal_roi_current: float
    marginal_roi_current_ci: tuple[float, float]
    marginal_roi_proposed: float
    marginal_roi_proposed_ci: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class BudgetResult:
    """The split of a budget that maximises predicted incremental gross profit."""

    outcome: str
    budget: float
    days: int
    periods: int
    margin: float
    channels: tuple[ChannelPlan, ...]
    profit_current: float
    profit_proposed: float
    predicted_gain: float
    predicted_gain_ci: tuple[float, float]
    excluded: dict[str, str]
    notes: tuple[str, ...]

    @property
    def differs_from_today(self) -> bool:
        """Whether the budget is not what the channels would spend at today's rate."""
        return differs_from_today(self.budget, sum(c.current_spend for c in self.channels))

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "budget": self.budget,
            "days": self.days,
            "periods": self.periods,
            "margin": self.margin,
            "channels": [c.to_dict() for c in self.channels],
            "profit_current": self.profit_current,
            "profit_proposed": self.profit_proposed,
            "predicted_gain": self.predicted_gain,
            "predicted_gain_ci": list(self.predicted_gain_ci),
            "excluded": dict(self.excluded),
            "notes": list(self.notes),
        }


def differs_from_today(budget: float, current: float) -> bool:
    """A budget more than 0.5% away from today's spend rate: the gain includes the difference."""
    return abs(current - budget) > 0.005 * budget


def budget_periods(days: int, frequency: str) -> int:
    """Periods of the data's frequency in a budget of ``days`` days (at least one)."""
    if days < 1:
        raise UserInputError("The budget period must be at least one day.")
    return max(1, round(days / PERIOD_DAYS[frequency]))


def optimise_budget(
    model: PlannerModel,
    budget: float,
    *,
    days: int = DEFAULT_DAYS,
    minimum: MappingType[str, float] | None = None,
    maximum: MappingType[str, float] | None = None,
    margin: float = DEFAULT_MARGIN,
) -> BudgetResult:
    """Split ``budget`` over the channels with curves to maximise margin × incremental revenue −
    spend, within each channel's minimum and maximum (amounts over the whole period)."""
    channels = model.fit.channels
    periods = budget_periods(days, model.frequency)
    low, high = _limits(model, budget, minimum or {}, maximum or {})
    sets = _Sets(model.fit)
    unit = budget / BUDGET_STEPS
    steps = np.arange(BUDGET_STEPS + 1)
    values = []
    for c in range(len(channels)):
        revenue = periods * sets.response(c, steps * unit / periods)[0]
        values.append(margin * revenue - steps * unit)
    lo_steps = np.ceil(low / unit - 1e-9).astype(int)
    hi_steps = np.floor(high / unit + 1e-9).astype(int)
    chosen = _allocate(values, lo_steps, hi_steps)
    proposed = chosen * unit
    current = sets.recent * periods
    profit_now, profit_new, rows = _evaluate(sets, channels, current, proposed, periods, margin)
    roas = model.fit.contribution / np.maximum(model.fit.history_spend, 1e-12)
    plans = tuple(
        ChannelPlan(
            channel=channel,
            roas=float(roas[0, c]),
            roas_ci=_interval(roas[1:, c]) if len(roas) > 1 else (roas[0, c],) * 2,
            current_spend=float(current[c]),
            proposed_spend=float(proposed[c]),
            minimum=float(low[c]),
            maximum=float(high[c]),
            **rows[c],
        )
        for c, channel in enumerate(channels)
    )
    gain = profit_new - profit_now
    notes = [f"{c}: not in the split ({why})." for c, why in model.fit.excluded.items()]
    if differs_from_today(budget, float(current.sum())):
        notes.append(
            f"The budget ({budget:,.0f}) differs from spending at today's rate "
            f"({current.sum():,.0f}); the gain includes the difference."
        )
    return BudgetResult(
        outcome=model.outcome,
        budget=float(budget),
        days=int(days),
        periods=periods,
        margin=margin,
        channels=plans,
        profit_current=float(profit_now[0]),
        profit_proposed=float(profit_new[0]),
        predicted_gain=float(gain[0]),
        predicted_gain_ci=_interval(gain[1:]) if len(gain) > 1 else (gain[0],) * 2,
        excluded=dict(model.fit.excluded),
        notes=tuple(notes),
    )


def _limits(
    model: PlannerModel,
    budget: float,
    minimum: MappingType[str, float],
    maximum: MappingType[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    channels = model.fit.channels
    if not budget > 0:
        raise UserInputError("The budget must be a positive amount.", code="plan_budget_positive")
    for name in (*minimum, *maximum):
        if name in model.fit.excluded:
            raise UserInputError(f"{name} has no response curve ({model.fit.excluded[name]}).")
        if name not in channels:
            known = ", ".join(channels)
            raise UserInputError(f"There is no spend channel {name!r}; the channels are: {known}.")
    low = np.array([float(minimum.get(c, 0.0)) for c in channels])
    high = np.array([float(maximum.get(c, budget)) for c in channels])
    if (low < 0).any() or (high < 0).any():
        raise UserInputError("Channel minimums and maximums must not be negative.")
    if low.sum() > budget:
        raise UserInputError(
            f"The minimums add up to {low.sum():,.0f}, more than the budget: lower them.",
            code="plan_min_over_budget",
            total=f"{low.sum():,.0f}",
        )
    if (low > high).any():
        bad = channels[int(np.argmax(low > high))]
        raise UserInputError(
            f"The minimum for {bad} is above its maximum: lower it.",
            code="plan_min_above_max",
            channel=bad,
        )
    if np.minimum(high, budget).sum() < budget:
        raise UserInputError(
            f"The maximums add up to {high.sum():,.0f}, less than the budget: raise them or "
            "lower the budget.",
            code="plan_max_under_budget",
            total=f"{high.sum():,.0f}",
        )
    return low, np.minimum(high, budget)


def _allocate(values: list[np.ndarray], low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Exact best split on the grid (dynamic programming over channels): steps per channel that
    add up to the whole grid, each within its limits, maximising the summed values."""
    total = len(values[0]) - 1
    best = np.full(total + 1, -np.inf)
    best[low[0] : high[0] + 1] = values[0][low[0] : high[0] + 1]
    choices = []
    for c in range(1, len(values)):
        new = np.full(total + 1, -np.inf)
        pick = np.zeros(total + 1, dtype=int)
        for k in range(low[c], high[c] + 1):
            candidate = np.full(total + 1, -np.inf)
            candidate[k:] = best[: total + 1 - k] + values[c][k]
            better = candidate > new
            new[better], pick[better] = candidate[better], k
        choices.append(pick)
        best = new
    chosen = np.zeros(len(values), dtype=int)
    remaining = total
    for c in range(len(values) - 1, 0, -1):
        chosen[c] = choices[c - 1][remaining]
        remaining -= chosen[c]
    chosen[0] = remaining
    return chosen


def _evaluate(
    sets: _Sets,
    channels: tuple[str, ...],
    current: np.ndarray,
    proposed: np.ndarray,
    periods: int,
    margin: float,
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Profit of both splits per draw, and per channel revenue and marginal ROI."""
    profit_now = np.zeros(len(sets))
    profit_new = np.zeros(len(sets))
    rows = []
    for c in range(len(channels)):
        spend = np.array([current[c], proposed[c]]) / periods
        revenue = periods * sets.response(c, spend)
        marginal = margin * sets.slope(c, spend) - 1
        profit_now += margin * revenue[:, 0] - current[c]
        profit_new += margin * revenue[:, 1] - proposed[c]
        rows.append(
            {
                "revenue_current": float(revenue[0, 0]),
                "revenue_proposed": float(revenue[0, 1]),
                "marginal_roi_current": float(marginal[0, 0]),
                "marginal_roi_current_ci": _interval(marginal[1:, 0]),
                "marginal_roi_proposed": float(marginal[0, 1]),
                "marginal_roi_proposed_ci": _interval(marginal[1:, 1]),
            }
        )
    return profit_now, profit_new, rows


# --- track record ---------------------------------------------------------------------------


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
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


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
class _TrackItem:
    panel: Panel
    units_panel: Panel | None
    campaign: PastCampaign
    shares: np.ndarray
    margin: float
    draws: int
    measured: Measured | None


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
    panel = build_panel(frame, mapping, outcome, spend)
    units = units_column(frame, mapping)
    units_panel = build_panel(frame, mapping, units, panel.channels) if units else None
    margin_value, _ = resolve_margin(frame, mapping, {}, margin)
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
                margin=margin_value,
                draws=draws,
                measured=(measured or {}).get(campaign.name),
            )
        )
    rows = map_in_workers(_track_one, items, progress, parallel=parallel)
    return TrackRecord(outcome=panel.outcome_name, margin=margin_value, rows=tuple(rows))


def _track_one(item: _TrackItem) -> TrackRow:
    campaign, measured = item.campaign, item.measured
    row = {
        "campaign": campaign.name,
        "start": campaign.start,
        "end": campaign.end,
        "channel": campaign.channel,
        "spend": campaign.total_spend,
        "discount": campaign.discount,
        "measured_incremental": None if measured is None else measured.incremental,
        "measured_roi": None if measured is None else measured.roi,
        "measured_roi_ci": None if measured is None else measured.roi_ci,
    }
    empty = {
        "predicted_incremental": None,
        "predicted_incremental_ci": None,
        "predicted_roi": None,
        "predicted_roi_ci": None,
    }
    if len(item.panel.dates) < MIN_PERIODS[item.panel.frequency]:
        return TrackRow(**row, **empty, note="not enough history before it")
    try:
        fit = fit_response(item.panel, draws=item.draws, parallel=False)
        model = _model(item.panel, item.units_panel, fit, ())
        plan = PlannedCampaign(
            spend=dict(campaign.spend),
            start=campaign.start,
            end=campaign.end,
            discount=campaign.discount if model.elasticities is not None else 0.0,
            where=campaign.segment,
        )
        result = predict(model, plan, item.shares, item.margin)
    except UserInputError as exc:
        return TrackRow(**row, **empty, note=str(exc))
    roi = roi_ci = None
    if plan.total_spend > 0:
        window = _window_roi(result, plan, item.margin)
        roi, roi_ci = window
    return TrackRow(
        **row,
        predicted_incremental=result.in_window_revenue,
        predicted_incremental_ci=result.in_window_revenue_ci,
        predicted_roi=roi,
        predicted_roi_ci=roi_ci,
        note=None,
    )


def _window_roi(
    result: WhatIfResult, plan: PlannedCampaign, margin: float
) -> tuple[float, tuple[float, float]]:
    """ROI counting only the window (what a lift measurement sees)."""
    spend = plan.total_spend

    def roi(incremental: float) -> float:
        return (margin * incremental - (1 - margin) * result.discount_cost - spend) / spend

    lo, hi = result.in_window_revenue_ci
    return roi(result.in_window_revenue), (roi(lo), roi(hi))
