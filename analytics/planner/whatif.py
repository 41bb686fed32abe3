"""What a planned campaign should return: spend per channel over a window, a discount and a
segment, predicted from the response curves and the discount elasticity, with 95% intervals over
the bootstrap draws, beside past campaigns like it.

Conventions, the profit bridge of measured campaigns (analytics/lift/profit.py):
- incremental revenue = predicted outcome with the plan − predicted outcome without it, including
  the carry-over after the window (``in_window_revenue`` stops at the window's end);
- incremental gross profit, discount cost (the discount on the sales the window would have made
  without the plan) and incremental profit as the bridge defines them, with the margin on
  list-price revenue;
- ROAS = incremental revenue / spend; ROI = incremental profit / spend.

The spend comes on top of today's always-on spend, held at its steady state (carry-over
settled), and the outcome without the plan at today's level.
"""

from __future__ import annotations

import math
from collections.abc import Mapping as MappingType
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift import profit
from analytics.lift.roi import resolve_margin
from analytics.planner.cautions import IDENTIFY
from analytics.planner.curve_arrays import CurveArrays, identifiable, interval
from analytics.planner.curves import hill
from analytics.planner.model import PlannerModel, periods_between
from analytics.selection import Where, rows_where

MAX_TAIL = {"D": 90, "W": 13, "M": 3}  # carry-over periods counted after a window


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
    discount_given: float
    incremental_gross_profit: float
    discount_cost: float
    incremental_profit: float | None
    incremental_profit_ci: tuple[float, float] | None
    roas: float | None
    roas_ci: tuple[float, float] | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    margin: float
    margin_source: str
    comparable: tuple[Comparable, ...]
    notes: tuple[str, ...]
    daily: pd.DataFrame = field(repr=False, compare=False)
    bridge: profit.ProfitBridge | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k not in ("daily", "bridge")}
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
    return replace(result, comparable=similar)


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


@dataclass(frozen=True)
class PredictedEffect:
    """What a planned campaign adds, for the estimate (row 0) and every draw, before any margin
    is applied."""

    start: pd.Timestamp
    end: pd.Timestamp
    periods: int
    total: np.ndarray  # (B1,) incremental outcome, with the carry-over after the window
    in_window: np.ndarray  # (B1,) incremental outcome up to the window's end
    media_only: np.ndarray  # (B1,) what the spend adds without the discount
    discount_given: np.ndarray  # (B1,) list-price value given away on the window's sales
    baseline: np.ndarray  # (B1,) the window's outcome without the plan
    units: np.ndarray | None  # (B1,) incremental units, None without a units column
    daily: pd.DataFrame
    notes: tuple[str, ...]


def predict(
    model: PlannerModel,
    plan: PlannedCampaign,
    shares: np.ndarray,
    margin: float,
    margin_source: str = "setting",
) -> WhatIfResult:
    """The prediction itself: curves for the spend, the elasticity for the discount."""
    effect = predicted_effect(model, plan, shares)
    total, spend = effect.total, plan.total_spend
    given = effect.discount_given
    bridge = profit.profit_bridge(
        total[0], effect.baseline[0], margin, given[0], plan.discount, spend
    )
    roas_ci = roi_ci = gain_ci = None
    if spend > 0:
        gains = profit.incremental_profit_of(total[1:], margin, given[1:], spend)
        gain_ci, roi_ci = interval(gains), interval(gains / spend)
        roas_ci = interval(total[1:] / spend)
    units = effect.units
    return WhatIfResult(
        outcome=model.outcome,
        spend=dict(plan.spend),
        discount=plan.discount,
        start=f"{effect.start:%Y-%m-%d}",
        end=f"{effect.end:%Y-%m-%d}",
        periods=effect.periods,
        segment={k: list(v) for k, v in plan.where.items()},
        incremental_revenue=float(total[0]),
        incremental_revenue_ci=interval(total[1:]),
        in_window_revenue=float(effect.in_window[0]),
        in_window_revenue_ci=interval(effect.in_window[1:]),
        media_revenue=float(effect.media_only[0]),
        discount_revenue=float(total[0] - effect.media_only[0]),
        incremental_units=None if units is None else float(units[0]),
        incremental_units_ci=None if units is None else interval(units[1:]),
        discount_given=bridge.discount_given,
        incremental_gross_profit=bridge.incremental_gross_profit,
        discount_cost=bridge.discount_cost,
        incremental_profit=bridge.incremental_profit,
        incremental_profit_ci=gain_ci,
        roas=bridge.roas,
        roas_ci=roas_ci,
        roi=bridge.roi,
        roi_ci=roi_ci,
        margin=margin,
        margin_source=margin_source,
        comparable=(),
        notes=effect.notes,
        daily=effect.daily,
        bridge=bridge,
    )


def predicted_effect(
    model: PlannerModel, plan: PlannedCampaign, shares: np.ndarray
) -> PredictedEffect:
    """Incremental outcome, units and discount cost of a plan per draw: the curves for the
    spend (on top of today's), the elasticity for the discount."""
    start, end = _window(plan)
    periods = periods_between(start, end, model.frequency)
    _check_amounts(plan)
    notes = _plan_notes(model, plan)
    arrays = CurveArrays(model.fit)
    elasticity = elasticity_draws(model, len(arrays))
    base = arrays.base_media()  # (B1, S)
    extra = planned_media(model, arrays, plan, periods, shares)
    level = arrays.level * shares  # (S,)
    money_factor, units_factor = discount_factors(model, plan.discount, elasticity)
    window = slice(0, periods)
    without = level * (1.0 + base)  # (B1, S) per period
    with_plan = level * (1.0 + base[:, None, :] + extra[:, window]) * money_factor[:, None, None]
    in_window = (with_plan - without[:, None, :]).sum(axis=(1, 2))
    after = (level * extra[:, periods:]).sum(axis=(1, 2))
    return PredictedEffect(
        start=start,
        end=end,
        periods=periods,
        total=in_window + after,
        in_window=in_window,
        media_only=(level * extra).sum(axis=(1, 2)),
        discount_given=with_plan.sum(axis=(1, 2)) * plan.discount / (1.0 - plan.discount),
        baseline=without.sum(axis=1) * periods,
        units=_units(model, level, base, extra, periods, units_factor),
        daily=_daily(start, model.frequency, with_plan, without, level, extra, periods),
        notes=tuple(notes),
    )


def _check_amounts(plan: PlannedCampaign) -> None:
    if not 0.0 <= plan.discount < 0.9:
        raise UserInputError("The discount must be between 0 and 0.9 (e.g. 0.15 for 15% off).")
    for channel, amount in plan.spend.items():
        if amount < 0:
            raise UserInputError(f"The spend on {channel} must not be negative.")


def planned_media(
    model: PlannerModel,
    arrays: CurveArrays,
    plan: PlannedCampaign,
    periods: int,
    shares: np.ndarray,
) -> np.ndarray:
    """Added u per draw, period (the window, then the carry-over) and segment."""
    tail = tail_periods(model, plan)
    extra = np.zeros((len(arrays), periods + tail, len(model.segments)))
    for channel, amount in plan.spend.items():
        if channel in model.fit.channels and amount > 0:
            extra += _extra_media(
                arrays, model.fit.channels.index(channel), amount, periods, tail, shares
            )
    return extra


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
        elif not identifiable(model.fit, model.fit.channels.index(channel)):
            notes.append(
                f"{channel}: the data cannot separate its effect from zero, so this prediction "
                f"cannot either; {IDENTIFY}."
            )
    if plan.discount > 0 and model.elasticities is None:
        raise UserInputError(model.elasticity_note or "There is no discount elasticity.")
    notes.append(
        "The baseline is the recent level of the outcome (last eight weeks); festivals or "
        "seasons inside the window are not added to it."
    )
    return notes


def elasticity_draws(model: PlannerModel, n: int) -> np.ndarray:
    """The discount elasticity's estimate and n − 1 draws (zero without an elasticity)."""
    if model.elasticities is None:
        return np.zeros(n)
    return model.elasticities.discount_draws(n - 1, seed=1)


def discount_factors(
    model: PlannerModel, discount: float, elasticity: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers on the outcome and on units per draw: units × (1 − d)^e, and revenue also
    × (1 − d) for the lower price paid."""
    units_factor = (1.0 - discount) ** elasticity
    money_factor = units_factor * (1.0 - discount) if model.money else units_factor
    return money_factor, units_factor


def tail_periods(model: PlannerModel, plan: PlannedCampaign) -> int:
    """Periods after the window whose carry-over is counted (until 1% of the effect is left)."""
    if not any(amount > 0 for amount in plan.spend.values()):
        return 0
    decay = float(np.max(model.fit.draws["decay"])) if model.fit.n_draws else 0.5
    needed = math.ceil(math.log(0.01) / math.log(max(min(decay, 0.99), 1e-3)))
    return int(min(max(needed, 1), MAX_TAIL[model.frequency]))


def added_stock(
    arrays: CurveArrays, c: int, amount: float, periods: int, tail: int, shares: np.ndarray
) -> np.ndarray:
    """The ad stock ``amount`` adds per period and segment (B1, periods + tail, S), spread evenly
    over the window and over the targeted segments in proportion to the channel's usual split."""
    split = arrays.share[c] * shares
    split = split / split.sum() if split.sum() > 0 else shares / shares.sum()
    per_period = amount / periods * split  # (S,)
    d = arrays.decay[:, c, None]  # (B1, 1)
    k = np.arange(periods + tail)[None, :]
    inside = (1 - d ** (k + 1)) / (1 - d)
    outside = (1 - d**periods) / (1 - d) * d ** np.maximum(k - periods + 1, 0)
    cumulated = np.where(k < periods, inside, outside)  # (B1, P)
    return cumulated[:, :, None] * per_period[None, None, :]


def _extra_media(
    arrays: CurveArrays, c: int, amount: float, periods: int, tail: int, shares: np.ndarray
) -> np.ndarray:
    """Added u per period and segment (B1, periods + tail, S) on top of today's steady spend."""
    decay, half_sat, shape, scale = arrays.of_channel(c)
    base_stock = arrays.recent[c] * arrays.share[c] / (1 - decay)  # (B1, 1, S)
    stock = base_stock + added_stock(arrays, c, amount, periods, tail, shares)
    return scale * (hill(stock, half_sat, shape) - hill(base_stock, half_sat, shape))


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
    periods = periods_between(start, end, model.frequency)
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
    """The lift measurements of campaign reports (analytics.lift.reports), by campaign name."""
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
