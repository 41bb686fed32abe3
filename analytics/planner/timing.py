"""When to run a planned campaign: every candidate start in the next weeks, ranked by predicted
incremental profit with 95% intervals.

Per candidate window the outcome without the campaign is the forecast baseline of those days
(season, festivals, planned promotions known in advance; analytics/forecast), the spend adds what
the planner's response curves say (carry-over after the window counted) and the discount
multiplies the window's outcome by the elasticity's factor, as in analytics/planner/whatif.py.
Profit follows the bridge of analytics/lift/profit.py. Every draw pairs one bootstrap draw of
the curves and elasticity with one draw of the baseline; the baseline draw shifts every day by
the same number of its standard errors (read off the forecast's 95% band), a cautious choice for
a sum over days.

The curves add the same outcome for the same spend whatever the demand (the planner fits media
as additive: ``problem._demand_scale``), so for a channel campaign alone the windows differ only
where something else differs; a discount scales with the window's demand. Spend the file already
plans in the same channel is one such difference: the planned spend is priced on the curve on top
of it (analytics/planner/overlap.py), so a window over it earns less.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.calendar import FESTIVALS, festival_days
from analytics.errors import UserInputError
from analytics.forecast.metric import forecast_metric
from analytics.forecast.results import ForecastResult, ForecastSettings
from analytics.ingest.roles import Mapping
from analytics.lift import profit
from analytics.lift.roi import resolve_margin
from analytics.planner.curve_arrays import CurveArrays, interval
from analytics.planner.model import PlannerModel, last_outcome_date, periods_between
from analytics.planner.overlap import existing_stock, planned_spend, stacked_media
from analytics.planner.whatif import (
    PlannedCampaign,
    discount_factors,
    elasticity_draws,
    planned_media,
    segment_shares,
)
from analytics.selection import campaigns_in, segments_overlap

DEFAULT_WEEKS_AHEAD = 12
MAX_WEEKS_AHEAD = 16  # with the longest campaign, within the forecast's 180 days
STEP_DAYS = 7  # candidates a week apart: every window holds the same weekdays
MAX_DAYS = 56
# A window loses to overlap when spend already planned costs it more than this share of what
# the campaign's spend would add alone.
OVERLAP_MATERIAL = 0.01
Z95 = 1.959964


@dataclass(frozen=True)
class TimingPlan:
    """The campaign to place: its budget, length, channel and/or discount, and segment."""

    days: int
    budget: float
    channel: str | None = None
    discount: float = 0.0
    weeks_ahead: int = DEFAULT_WEEKS_AHEAD
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TimingWindow:
    """One candidate window: its predicted incremental profit, how far behind the best it is,
    and what sets it apart (demand, festivals, other campaigns)."""

    start: str
    end: str
    predicted_incremental_profit: float
    predicted_incremental_profit_ci: tuple[float, float]
    difference_to_best: float
    difference_to_best_ci: tuple[float, float]
    incremental_revenue: float
    baseline_per_day: float
    demand_vs_average: float  # the window's forecast per day against the candidates' mean, − 1
    festivals: tuple[str, ...]
    overlaps: tuple[str, ...]
    # Profit lost because spend already planned in the channel saturates the curve, with its
    # 95% interval (negative: the planned spend is below today's, so the curve is steeper).
    overlap_loss: float = 0.0
    overlap_loss_ci: tuple[float, float] = (0.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class TimingResult:
    """The candidate windows, best first, and why the best one wins."""

    outcome: str
    channel: str | None
    discount: float
    budget: float
    days: int
    weeks_ahead: int
    segment: dict[str, list[str]]
    margin: float
    margin_source: str
    windows: tuple[TimingWindow, ...]
    reason: str  # "additive", "overlap", "demand_high" or "demand_low"
    clear: bool  # the runner-up's difference to the best excludes zero
    carry_over_share: float  # share of the spend's effect that comes after the window
    forecast_end: str
    notes: tuple[str, ...]
    saturated: tuple[str, ...] = ()  # starts of the windows that lose to overlap, best first

    @property
    def best(self) -> TimingWindow:
        return self.windows[0]

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "windows"}
        data["windows"] = [w.to_dict() for w in self.windows]
        data["best"] = self.best.to_dict()
        data["notes"] = list(self.notes)
        data["saturated"] = list(self.saturated)
        return data


def first_start(last_date: str | pd.Timestamp, frequency: str) -> pd.Timestamp:
    """The first period after the last one with an outcome."""
    return pd.Timestamp(last_date) + pd.Timedelta(days=STEP_DAYS if frequency == "W" else 1)


def candidate_starts(first: pd.Timestamp, weeks_ahead: int) -> list[pd.Timestamp]:
    """``first``, then every week after it, for ``weeks_ahead`` weeks."""
    return [pd.Timestamp(first) + pd.Timedelta(days=STEP_DAYS * k) for k in range(weeks_ahead)]


def horizon_periods(first: pd.Timestamp, plan: TimingPlan, frequency: str) -> int:
    """Forecast periods the last candidate window needs."""
    last_end = candidate_starts(first, plan.weeks_ahead)[-1] + pd.Timedelta(days=plan.days - 1)
    return periods_between(pd.Timestamp(first), last_end, frequency)


def check_plan(model: PlannerModel, plan: TimingPlan) -> None:
    """Raise a UserInputError saying what to change for a plan that cannot be placed."""
    check_amounts(plan)
    if model.frequency not in ("D", "W"):
        raise UserInputError(
            "Timing needs daily or weekly data; this data is monthly.", code="timing_frequency"
        )
    if plan.discount > 0 and model.elasticities is None:
        raise UserInputError(
            model.elasticity_note or "There is no discount elasticity.",
            code=model.elasticity_code,
        )
    if plan.channel is not None and plan.channel not in model.channels:
        raise UserInputError(
            f"There is no spend channel {plan.channel!r} with a response curve; the channels "
            f"are: {', '.join(model.channels)}.",
            code="timing_channel",
            channel=plan.channel,
            channels=", ".join(model.channels),
        )


def check_amounts(plan: TimingPlan) -> None:
    """The checks that need no data: something to plan, a budget, a length, a horizon."""
    if plan.channel is None and plan.discount <= 0:
        raise UserInputError(
            "Give a spend channel (--channel) or a discount (--discount), or both.",
            code="timing_nothing",
        )
    if not plan.budget > 0:
        raise UserInputError("The budget must be above zero.", code="timing_budget")
    if not 1 <= plan.days <= MAX_DAYS:
        raise UserInputError(
            f"The campaign must last between 1 and {MAX_DAYS} days.",
            code="timing_days",
            most=MAX_DAYS,
        )
    if not 1 <= plan.weeks_ahead <= MAX_WEEKS_AHEAD:
        raise UserInputError(
            f"Scan between 1 and {MAX_WEEKS_AHEAD} weeks ahead.",
            code="timing_weeks",
            most=MAX_WEEKS_AHEAD,
        )
    if not 0.0 <= plan.discount < 0.9:
        raise UserInputError(
            "The discount must be between 0% and 90%.", code="timing_discount_range"
        )


def plan_timing(
    model: PlannerModel,
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: TimingPlan,
    margin: float | None = None,
) -> TimingResult:
    """Forecast the outcome over the plan's segment for the candidate weeks, then rank them."""
    check_plan(model, plan)
    last = last_outcome_date(frame, mapping, model.outcome)
    horizon = horizon_periods(first_start(last, model.frequency), plan, model.frequency)
    settings = ForecastSettings(horizon=horizon)
    forecast = forecast_metric(frame, mapping, model.outcome, plan.where, settings)
    return rank_windows(model, frame, mapping, plan, forecast, margin)


def rank_windows(
    model: PlannerModel,
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: TimingPlan,
    forecast: ForecastResult,
    margin: float | None = None,
    seed: int = 0,
) -> TimingResult:
    """Every candidate window's predicted incremental profit with its 95% interval, best first.
    ``forecast`` is the outcome's forecast over the plan's segment from the first period after
    the last outcome, ``horizon_periods`` long."""
    check_plan(model, plan)
    where = {k: tuple(v) for k, v in plan.where.items()}
    shares = segment_shares(frame, model.outcome, model.segment_columns, model.segments, where)
    margin_value, source = resolve_margin(frame, mapping, where, margin)
    arrays = CurveArrays(model.fit)
    baseline = baseline_draws(forecast, len(arrays), seed)
    starts = candidate_starts(forecast.forecast.index[0], plan.weeks_ahead)
    campaign = _campaign(plan, starts[0])
    periods = periods_between(starts[0], _end(starts[0], plan), model.frequency)
    media = _media_outcome(model, arrays, campaign, periods, shares)
    factor, _ = discount_factors(model, plan.discount, elasticity_draws(model, len(arrays)))
    planned = _planned_campaigns(frame, mapping, where, starts[0])
    existing = _existing_stock(model, frame, mapping, plan, arrays, baseline.shape[1])
    rows = []
    for start in starts:
        first = forecast.forecast.index.get_indexer([start], method="bfill")[0]
        if first < 0 or first + periods > baseline.shape[1]:
            raise UserInputError(
                "The forecast does not reach the last candidate window: forecast further ahead.",
                code="timing_horizon",
            )
        without = baseline[:, first : first + periods]
        gains, revenue = _window_profit(without, media, periods, factor, plan, margin_value)
        loss = np.zeros_like(gains)
        if existing is not None:
            alone = gains
            window = (first, periods, media.shape[1] - periods)
            c = model.channels.index(str(plan.channel))
            stacked = stacked_media(arrays, c, plan.budget, window, shares, existing)
            gains, revenue = _window_profit(without, stacked, periods, factor, plan, margin_value)
            loss = alone - gains
        rows.append((start, gains, revenue, without[0].mean() / _period_days(model), loss))
    return _result(model, plan, rows, planned, media, periods, forecast, margin_value, source)


def _existing_stock(
    model: PlannerModel,
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: TimingPlan,
    arrays: CurveArrays,
    horizon: int,
) -> np.ndarray | None:
    """The ad stock of the spend the file's future rows plan in the campaign's channel over the
    forecast (B1, H, S); None without such spend."""
    if plan.channel is None:
        return None
    first = first_start(last_outcome_date(frame, mapping, model.outcome), model.frequency)
    spend = planned_spend(frame, mapping, model, plan.channel, first, horizon)
    if spend is None:
        return None
    return existing_stock(arrays, model.channels.index(plan.channel), spend)


def baseline_draws(forecast: ForecastResult, n: int, seed: int = 0) -> np.ndarray:
    """The forecast (row 0) and n − 1 draws (n, H): each draw moves every period by the same
    number of standard errors, read off the 95% band."""
    table = forecast.forecast
    mean = table["mean"].to_numpy(dtype=float)
    sd = (table["hi95"] - table["lo95"]).to_numpy(dtype=float) / (2 * Z95)
    shift = np.random.default_rng(seed).standard_normal(n)
    shift[0] = 0.0
    return np.maximum(mean[None, :] + shift[:, None] * sd[None, :], 0.0)


def _campaign(plan: TimingPlan, start: pd.Timestamp) -> PlannedCampaign:
    spend = {plan.channel: plan.budget} if plan.channel else {}
    end = _end(start, plan)
    return PlannedCampaign(spend, f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", plan.discount, plan.where)


def _end(start: pd.Timestamp, plan: TimingPlan) -> pd.Timestamp:
    return start + pd.Timedelta(days=plan.days - 1)


def _period_days(model: PlannerModel) -> int:
    return STEP_DAYS if model.frequency == "W" else 1


def _media_outcome(
    model: PlannerModel,
    arrays: CurveArrays,
    campaign: PlannedCampaign,
    periods: int,
    shares: np.ndarray,
) -> np.ndarray:
    """What the spend adds per draw and period (B1, window + carry-over): the same whenever it
    runs, since the curves are additive in demand."""
    if not campaign.spend:
        return np.zeros((len(arrays), periods))
    extra = planned_media(model, arrays, campaign, periods, shares)
    return (arrays.level * shares * extra).sum(axis=2)


def _window_profit(
    without: np.ndarray,
    media: np.ndarray,
    periods: int,
    factor: np.ndarray,
    plan: TimingPlan,
    margin: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Incremental profit and revenue per draw of one window (the bridge of whatif.predict)."""
    with_plan = (without + media[:, :periods]) * factor[:, None]
    revenue = (with_plan - without).sum(axis=1) + media[:, periods:].sum(axis=1)
    given = with_plan.sum(axis=1) * plan.discount / (1.0 - plan.discount)
    return profit.incremental_profit_of(revenue, margin, given, plan.budget), revenue


def _planned_campaigns(
    frame: pd.DataFrame, mapping: Mapping, where: dict[str, tuple[str, ...]], first: pd.Timestamp
) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """Campaigns in the data that run on or after the first candidate day in the segment."""
    return [
        (c.name, c.start, c.end)
        for c in campaigns_in(frame, mapping)
        if c.end >= first and segments_overlap(c.segment, where)
    ]


def _festivals(start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, ...]:
    return tuple(name for name in FESTIVALS if len(festival_days(name, start, end)))


def _result(
    model: PlannerModel,
    plan: TimingPlan,
    rows: list[tuple[pd.Timestamp, np.ndarray, np.ndarray, float, np.ndarray]],
    planned: list[tuple[str, pd.Timestamp, pd.Timestamp]],
    media: np.ndarray,
    periods: int,
    forecast: ForecastResult,
    margin: float,
    source: str,
) -> TimingResult:
    """The windows sorted best first, each against the best, and the reason the best wins."""
    # Equal estimates (spend alone, additive curves) keep the earliest window first.
    order = sorted(range(len(rows)), key=lambda i: (-round(float(rows[i][1][0]), 2), i))
    best_gains = rows[order[0]][1]
    average = float(np.mean([row[3] for row in rows]))
    windows = []
    for i in order:
        start, gains, revenue, per_day, loss = rows[i]
        end = _end(start, plan)
        gap = best_gains - gains
        windows.append(
            TimingWindow(
                start=f"{start:%Y-%m-%d}",
                end=f"{end:%Y-%m-%d}",
                predicted_incremental_profit=float(gains[0]),
                predicted_incremental_profit_ci=interval(gains[1:]),
                difference_to_best=float(gap[0]),
                difference_to_best_ci=interval(gap[1:]) if i != order[0] else (0.0, 0.0),
                incremental_revenue=float(revenue[0]),
                baseline_per_day=float(per_day),
                demand_vs_average=float(per_day / average - 1.0) if average > 0 else 0.0,
                festivals=_festivals(start, end),
                overlaps=tuple(n for n, s, e in planned if s <= end and e >= start),
                overlap_loss=float(loss[0]),
                overlap_loss_ci=interval(loss[1:]),
            )
        )
    total_media = float(media[0].sum())
    material = OVERLAP_MATERIAL * margin * total_media
    return TimingResult(
        outcome=model.outcome,
        channel=plan.channel,
        discount=plan.discount,
        budget=plan.budget,
        days=plan.days,
        weeks_ahead=plan.weeks_ahead,
        segment={k: list(v) for k, v in plan.where.items()},
        margin=margin,
        margin_source=source,
        windows=tuple(windows),
        reason=_reason(model, plan, margin, any(w.overlap_loss > material for w in windows)),
        saturated=tuple(w.start for w in windows if w.overlap_loss > material),
        clear=len(windows) > 1 and windows[1].difference_to_best_ci[0] > 0,
        carry_over_share=float(media[0, periods:].sum() / total_media) if total_media else 0.0,
        forecast_end=f"{forecast.forecast.index[-1]:%Y-%m-%d}",
        notes=_notes(plan),
    )


def _reason(model: PlannerModel, plan: TimingPlan, margin: float, overlapped: bool) -> str:
    """What sets the windows apart: for spend alone nothing (additive curves) unless spend
    already planned in the channel saturates some windows; for a discount, the demand it
    applies to, paying where the discount earns on each sale."""
    if plan.discount <= 0:
        return "overlap" if overlapped else "additive"
    factor, _ = discount_factors(model, plan.discount, elasticity_draws(model, 1))
    per_outcome = factor[0] - 1.0
    given = factor[0] * plan.discount / (1.0 - plan.discount)
    earns = profit.incremental_profit_of(per_outcome, margin, given, 0.0) > 0
    return "demand_high" if earns else "demand_low"


def _notes(plan: TimingPlan) -> tuple[str, ...]:
    notes = []
    if plan.channel:
        notes.append(
            "The response curves add the same outcome for the same spend whatever the demand "
            "(media is fitted as additive), so the spend earns the same in every window unless "
            "the data's future rows already plan spend in the same channel: the spend is then "
            "priced on the curve on top of it (it saturates). Elsewhere the always-on spend is "
            "held at today's level."
        )
    if plan.discount > 0:
        notes.append(
            "The discount multiplies the window's forecast outcome by the elasticity's factor, "
            "so it earns (or loses) in proportion to the demand it meets."
        )
    notes.append(
        "Promotions already planned in the data's future rows are in the forecast baseline."
    )
    return tuple(notes)
