"""The split of a budget over the channels that maximises predicted incremental profit.

Incremental profit as the profit bridge defines it (analytics/lift/profit.py), with no discount:
margin × incremental revenue − spend (= ROI × spend). A budget is for ``days`` days (default 91,
a quarter). A channel's current spend is its always-on spend per period over the last eight weeks
(56 days, 8 weeks or 3 months) times the periods in the budget: what it would spend at today's
rate. Spend held for the whole period is taken at its steady state (carry-over settled). Every
interval is the 2.5–97.5 percentile over the bootstrap draws of the curves.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingType
from dataclasses import dataclass
from typing import Any

import numpy as np

from analytics.errors import UserInputError
from analytics.lift.profit import incremental_profit_of
from analytics.lift.roi import DEFAULT_MARGIN, checked_margin
from analytics.planner.cautions import budget_warnings
from analytics.planner.curve_arrays import CurveArrays, history_roas, identifiable, interval
from analytics.planner.model import PERIOD_DAYS, PlannerModel

DEFAULT_DAYS = 91
BUDGET_STEPS = 1000  # the optimiser's grid: the budget in this many equal steps


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
    identifiable: bool = True  # the data separates its effect from zero
    held: bool = False  # kept at its current spend because it is not identifiable
    roas_uncalibrated: float | None = None  # ROAS before calibration by lift tests

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class BudgetResult:
    """The split of a budget that maximises predicted incremental profit."""

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
    warnings: tuple[str, ...] = ()  # what the user must know before acting on the split

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
            "warnings": list(self.warnings),
        }


def uncalibrated_roas(model: PlannerModel, c: int) -> float | None:
    """Channel ``c``'s ROAS before calibration by lift tests (None when not calibrated)."""
    before = model.fit.uncalibrated_roas
    return None if before is None else float(before[c])


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
    move_unidentified: bool = False,
) -> BudgetResult:
    """Split ``budget`` over the channels with curves to maximise margin × incremental revenue −
    spend, within each channel's minimum and maximum (amounts over the whole period). A channel
    whose effect the data cannot separate from zero keeps its current spend unless
    ``move_unidentified``."""
    margin = checked_margin(margin)
    channels = model.fit.channels
    periods = budget_periods(days, model.frequency)
    low, high = _limits(model, budget, minimum or {}, maximum or {})
    arrays = CurveArrays(model.fit)
    current = arrays.recent * periods
    known = np.array([identifiable(model.fit, c) for c in range(len(channels))])
    held = ~known & (not move_unidentified)
    proposed = _best_split(arrays, budget, periods, margin, low, high, np.where(held, current, -1))
    profit_now, profit_new, rows = _evaluate(arrays, channels, current, proposed, periods, margin)
    plans = []
    for c, channel in enumerate(channels):
        roas, roas_ci = history_roas(model.fit, c)
        plans.append(
            ChannelPlan(
                channel=channel,
                roas=roas,
                roas_ci=roas_ci,
                current_spend=float(current[c]),
                proposed_spend=float(proposed[c]),
                minimum=float(low[c]),
                maximum=float(high[c]),
                **rows[c],
                identifiable=bool(known[c]),
                held=bool(held[c]),
                roas_uncalibrated=uncalibrated_roas(model, c),
            )
        )
    gain = profit_new - profit_now
    return BudgetResult(
        outcome=model.outcome,
        budget=float(budget),
        days=int(days),
        periods=periods,
        margin=margin,
        channels=tuple(plans),
        profit_current=float(profit_now[0]),
        profit_proposed=float(profit_new[0]),
        predicted_gain=float(gain[0]),
        predicted_gain_ci=interval(gain[1:]) if len(gain) > 1 else (gain[0],) * 2,
        excluded=dict(model.fit.excluded),
        notes=_notes(model, budget, float(current.sum())),
        warnings=budget_warnings(model.fit, plans, interval(gain[1:]) if len(gain) > 1 else None),
    )


def _best_split(
    arrays: CurveArrays,
    budget: float,
    periods: int,
    margin: float,
    low: np.ndarray,
    high: np.ndarray,
    fixed: np.ndarray,
) -> np.ndarray:
    """Spend per channel over the period: the channels with a ``fixed`` amount (≥ 0) keep it,
    the rest of the budget is split over the others on the optimiser's grid, valuing each
    channel's steady-state revenue at the margin, less its spend."""
    free = fixed < 0
    proposed = np.where(free, 0.0, fixed)
    rest = budget - float(proposed.sum())
    if rest < 0:
        raise UserInputError(
            f"The channels the data cannot identify keep their current spend "
            f"({proposed.sum():,.0f}), more than the budget: raise the budget or let the "
            "optimiser move them.",
            code="plan_held_over_budget",
            total=f"{proposed.sum():,.0f}",
        )
    if not free.any() or rest <= 0:
        return proposed
    _check_minimums(low[free], rest)
    _check_maximums(np.minimum(high[free], rest), rest)
    unit = rest / BUDGET_STEPS
    steps = np.arange(BUDGET_STEPS + 1)
    values = []
    for c in np.flatnonzero(free):
        revenue = periods * arrays.response(c, steps * unit / periods)[0]
        values.append(incremental_profit_of(revenue, margin, 0.0, steps * unit))
    lo_steps = np.ceil(low[free] / unit - 1e-9).astype(int)
    hi_steps = np.floor(np.minimum(high[free], rest) / unit + 1e-9).astype(int)
    proposed[free] = _allocate(values, lo_steps, hi_steps) * unit
    return proposed


def _notes(model: PlannerModel, budget: float, current: float) -> tuple[str, ...]:
    """Channels left out of the split, and a budget that is not today's spend rate."""
    notes = [f"{c}: not in the split ({why})." for c, why in model.fit.excluded.items()]
    if differs_from_today(budget, current):
        notes.append(
            f"The budget ({budget:,.0f}) differs from spending at today's rate "
            f"({current:,.0f}); the gain includes the difference."
        )
    return tuple(notes)


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
    _check_minimums(low, budget)
    if (low > high).any():
        bad = channels[int(np.argmax(low > high))]
        raise UserInputError(
            f"The minimum for {bad} is above its maximum: lower it.",
            code="plan_min_above_max",
            channel=bad,
        )
    _check_maximums(np.minimum(high, budget), budget)
    return low, np.minimum(high, budget)


def _check_minimums(low: np.ndarray, budget: float) -> None:
    if low.sum() > budget:
        raise UserInputError(
            f"The minimums add up to {low.sum():,.0f}, more than the budget: lower them.",
            code="plan_min_over_budget",
            total=f"{low.sum():,.0f}",
        )


def _check_maximums(high: np.ndarray, budget: float) -> None:
    if high.sum() < budget:
        raise UserInputError(
            f"The maximums add up to {high.sum():,.0f}, less than the budget: raise them or "
            "lower the budget.",
            code="plan_max_under_budget",
            total=f"{high.sum():,.0f}",
        )


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
    arrays: CurveArrays,
    channels: tuple[str, ...],
    current: np.ndarray,
    proposed: np.ndarray,
    periods: int,
    margin: float,
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Profit of both splits per draw, and per channel revenue and marginal ROI."""
    profit_now = np.zeros(len(arrays))
    profit_new = np.zeros(len(arrays))
    rows = []
    for c in range(len(channels)):
        spend = np.array([current[c], proposed[c]]) / periods
        revenue = periods * arrays.response(c, spend)
        marginal = margin * arrays.slope(c, spend) - 1
        profit_now += incremental_profit_of(revenue[:, 0], margin, 0.0, current[c])
        profit_new += incremental_profit_of(revenue[:, 1], margin, 0.0, proposed[c])
        rows.append(
            {
                "revenue_current": float(revenue[0, 0]),
                "revenue_proposed": float(revenue[0, 1]),
                "marginal_roi_current": float(marginal[0, 0]),
                "marginal_roi_current_ci": interval(marginal[1:, 0]),
                "marginal_roi_proposed": float(marginal[0, 1]),
                "marginal_roi_proposed_ci": interval(marginal[1:, 1]),
            }
        )
    return profit_now, profit_new, rows


# --- track record ---------------------------------------------------------------------------
