"""How much to order now: the newsvendor rule on the forecast distribution of demand over the
lead time plus the review period.

The order covers demand until the next order arrives: L + R days. The order-up-to level is the
critical-ratio quantile of that demand, critical ratio = (price − unit cost) / (price − salvage
value): one unit short loses the margin, one unit left over loses the cost less its salvage.

The spread of demand summed over L + R days is not the daily spreads summed as if independent:
errors of successive days move together. It is calibrated on the backtest: in every window of
L + R days inside each cut-off's forecast, the error of the summed forecast is measured in units
of the spread the (conformal) daily bands would give it if independent; the root mean square of
those ratios scales the independent spread of the forecast ahead. Demand over L + R days is then
a gamma distribution with that mean and spread (non-negative, skewed when the spread is large).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analytics.errors import Failure, UserInputError
from analytics.forecast.choice import cumulative_sd_from_band
from analytics.forecast.metric import forecast_metric, metric_inputs
from analytics.forecast.results import ForecastResult, ForecastSettings
from analytics.forecast.series import MAX_HORIZON
from analytics.forecast.stock import (
    DAYS_PER_PERIOD,
    UNITS_NAME,
    demand_within,
    interpolate_cumulative,
)
from analytics.formatting import is_money
from analytics.ingest.roles import Mapping
from analytics.selection import Where

Z95 = float(stats.norm.ppf(0.975))
MIN_ORIGINS = 2  # backtest cut-offs whose forecast spans L + R days, at least
MAX_COVER_DAYS = 365


@dataclass(frozen=True)
class OrderCosts:
    """Price, unit cost and salvage value of one unit, and the critical ratio they give."""

    price: float
    unit_cost: float
    salvage: float = 0.0

    @property
    def critical_ratio(self) -> float:
        return (self.price - self.unit_cost) / (self.price - self.salvage)


@dataclass(frozen=True)
class CoverDemand:
    """Demand over the days an order covers: its mean and calibrated spread, with how the spread
    was found (the correlation factor from how many backtest windows and cut-offs)."""

    days: float
    periods: float
    mean: float
    sd: float
    independent_sd: float
    factor: float
    windows: int
    origins: int

    def quantile(self, share: float) -> float:
        return float(_distribution(self).ppf(share)) if self.sd > 0 else self.mean

    def density(self, points: np.ndarray) -> np.ndarray:
        """The probability density at ``points`` (for a chart)."""
        return _distribution(self).pdf(points)

    def above(self, level: float) -> float:
        """P(demand > level)."""
        if self.sd <= 0:
            return float(self.mean > level)
        return float(_distribution(self).sf(level))

    def leftover(self, level: float) -> float:
        """E[(level − demand)+]: gamma with shape a and scale θ has E[D; D ≤ s] = μ F_{a+1}(s)."""
        if self.sd <= 0:
            return max(level - self.mean, 0.0)
        shape, scale = _gamma_parameters(self)
        below = stats.gamma.cdf(level, shape, scale=scale)
        within = self.mean * stats.gamma.cdf(level, shape + 1, scale=scale)
        return float(max(level * below - within, 0.0))


@dataclass(frozen=True)
class OrderPlan:
    """The quantity to order now for one series, what it gives and what it rests on."""

    series: str
    lead_time_days: float
    review_days: float
    critical_ratio: float
    demand_mean: float
    demand_sd: float
    independent_sd: float
    correlation_factor: float
    backtest_windows: int
    backtest_origins: int
    order_up_to: float
    stock_on_hand: float
    stock_on_order: float
    order_quantity: float
    stockout_probability: float
    expected_leftover: float
    expected_shortage: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def check_costs(costs: OrderCosts) -> None:
    """A UserInputError unless price > unit cost > salvage value ≥ 0."""
    if not costs.price > costs.unit_cost:
        raise UserInputError(
            f"The price ({costs.price:g}) must be above the unit cost ({costs.unit_cost:g}): "
            "otherwise every unit sold loses money and the order is zero.",
            code="order_price_cost",
            price=costs.price,
            cost=costs.unit_cost,
        )
    if costs.unit_cost < 0 or costs.salvage < 0:
        raise UserInputError(
            "The unit cost and the salvage value cannot be negative.", code="order_negative_cost"
        )
    if not costs.salvage < costs.unit_cost:
        raise UserInputError(
            f"The salvage value ({costs.salvage:g}) must be below the unit cost "
            f"({costs.unit_cost:g}): a unit left over would otherwise earn money.",
            code="order_salvage",
            salvage=costs.salvage,
            cost=costs.unit_cost,
        )


def check_cover(lead_time_days: float, review_days: float) -> None:
    """A UserInputError unless the lead time and the review period are ≥ 0, together > 0."""
    if lead_time_days < 0 or review_days < 0:
        raise UserInputError(
            "The lead time and the review period cannot be negative.", code="order_negative_days"
        )
    if not 0 < lead_time_days + review_days <= MAX_COVER_DAYS:
        raise UserInputError(
            f"The lead time plus the review period must be between 1 and {MAX_COVER_DAYS} days.",
            code="order_cover_days",
            most=MAX_COVER_DAYS,
        )


def check_units(metric: str) -> bool:
    """Whether ``metric`` reads as a count of units; a UserInputError when it reads as money."""
    if UNITS_NAME.search(metric):
        return True
    if is_money(metric):
        raise UserInputError(
            f"{metric!r} is an amount of money, not a number of units: an order is counted in "
            "units, so choose a units metric such as units or quantity.",
            code="order_money_metric",
            column=metric,
        )
    return False


def cover_horizon(frequency: str, cover_days: float, horizon: int) -> int:
    """The forecast horizon an order plan uses: ``horizon``, or four times the periods it covers
    when longer (each backtest cut-off then has many windows to calibrate on), within the most
    the frequency allows."""
    periods = math.ceil(cover_days / DAYS_PER_PERIOD[frequency] - 1e-9)
    return max(horizon, min(4 * periods, MAX_HORIZON[frequency]))


def cover_demand(result: ForecastResult, cover_days: float) -> CoverDemand:
    """Demand over ``cover_days`` from now: the forecast's sum and its spread calibrated on the
    backtest's errors of sums over windows that long."""
    periods = cover_days / DAYS_PER_PERIOD[result.frequency]
    forecast = result.forecast
    if periods > len(forecast):
        raise UserInputError(
            f"The lead time plus the review period ({cover_days:g} days) is longer than the "
            "forecast: lengthen the horizon or shorten them.",
            code="order_cover_beyond",
            days=cover_days,
        )
    mean = max(demand_within(forecast["mean"].to_numpy(), periods), 0.0)
    independent = interpolate_cumulative(cumulative_sd_from_band(forecast), periods)
    ratios, origins = _window_ratios(result, max(1, math.ceil(periods - 1e-9)))
    if origins < MIN_ORIGINS:
        raise UserInputError(
            f"Too little history to check the forecast over {cover_days:g} days: the order plan "
            f"needs a backtest from at least {MIN_ORIGINS} cut-offs, each followed by that many "
            "days. Choose a shorter lead time or review period, or a series with more history.",
            code="order_history",
            days=cover_days,
        )
    factor = float(np.sqrt(np.mean(ratios**2)))
    return CoverDemand(
        days=float(cover_days),
        periods=float(periods),
        mean=float(mean),
        sd=float(factor * independent),
        independent_sd=float(independent),
        factor=factor,
        windows=len(ratios),
        origins=origins,
    )


def _window_ratios(result: ForecastResult, length: int) -> tuple[np.ndarray, int]:
    """Each backtest window's summed error over its independent spread, and how many cut-offs
    have a window."""
    if result.backtest is None:
        return np.empty(0), 0
    ratios, origins = [], 0
    for _, points in result.backtest.errors.groupby("origin", sort=True):
        found = _origin_ratios(points.sort_values("step"), length)
        origins += bool(found)
        ratios += found
    return np.asarray(ratios, dtype=float), origins


def _origin_ratios(points: pd.DataFrame, length: int) -> list[float]:
    steps = points["step"].to_numpy()
    if len(points) < length or not np.array_equal(steps, np.arange(1, len(steps) + 1)):
        return []
    error = np.cumsum(np.r_[0.0, (points["actual"] - points["forecast"]).to_numpy()])
    variance = np.cumsum(
        np.r_[0.0, ((points["hi95"] - points["lo95"]).to_numpy() / (2 * Z95)) ** 2]
    )
    sums = error[length:] - error[:-length]
    spreads = np.sqrt(variance[length:] - variance[:-length])
    keep = np.isfinite(sums) & (spreads > 0)
    return list(sums[keep] / spreads[keep])


def plan_order(
    demand: CoverDemand,
    costs: OrderCosts,
    days: tuple[float, float],
    stock: tuple[float, float] = (0.0, 0.0),
    series: str = "",
) -> OrderPlan:
    """The newsvendor order on a demand distribution: up to the critical-ratio quantile, less
    the stock (on hand, on order); stock-out and leftover at the level reached after ordering.
    ``days``: the lead time and the review period."""
    check_costs(costs)
    on_hand, on_order = stock
    if on_hand < 0 or on_order < 0:
        raise UserInputError(
            "The stock on hand and on order cannot be negative.", code="order_stock_negative"
        )
    ratio = costs.critical_ratio
    up_to = max(demand.quantile(ratio), 0.0)
    position = on_hand + on_order
    quantity = max(0.0, up_to - position)
    level = position + quantity
    leftover = demand.leftover(level)
    return OrderPlan(
        series=series,
        lead_time_days=float(days[0]),
        review_days=float(days[1]),
        critical_ratio=float(ratio),
        demand_mean=demand.mean,
        demand_sd=demand.sd,
        independent_sd=demand.independent_sd,
        correlation_factor=demand.factor,
        backtest_windows=demand.windows,
        backtest_origins=demand.origins,
        order_up_to=float(up_to),
        stock_on_hand=float(on_hand),
        stock_on_order=float(on_order),
        order_quantity=float(quantity),
        stockout_probability=demand.above(level),
        expected_leftover=leftover,
        # E[(D − s)+] = E[(s − D)+] − (s − μ)
        expected_shortage=float(max(leftover - (level - demand.mean), 0.0)),
    )


def order_plan(
    result: ForecastResult,
    costs: OrderCosts,
    days: tuple[float, float],
    stock: tuple[float, float] = (0.0, 0.0),
    series: str = "",
) -> OrderPlan:
    """The order for one forecast; ``days``: the lead time and the review period, ``stock``: on
    hand and on order."""
    check_costs(costs)
    check_cover(*days)
    return plan_order(cover_demand(result, sum(days)), costs, days, stock, series)


def order_table(
    results: dict[str, ForecastResult | str],
    costs: OrderCosts,
    days: tuple[float, float],
    stocks: dict[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """One row per series: its order plan, or (column ``failure``) why it has none."""
    check_costs(costs)
    check_cover(*days)
    stocks = stocks or {}
    rows = []
    for label, result in results.items():
        if not isinstance(result, ForecastResult):
            rows.append({"series": label, "failure": Failure(str(result))})
            continue
        try:
            plan = order_plan(result, costs, days, stocks.get(label, (0.0, 0.0)), label)
        except UserInputError as exc:
            rows.append({"series": label, "failure": Failure.of(exc)})
            continue
        rows.append({**plan.to_dict(), "failure": None})
    return pd.DataFrame(rows)


def _gamma_parameters(demand: CoverDemand) -> tuple[float, float]:
    """Shape and scale of the gamma with the demand's mean and spread."""
    mean = max(demand.mean, 1e-9)
    return (mean / demand.sd) ** 2, demand.sd**2 / mean


def _distribution(demand: CoverDemand):
    shape, scale = _gamma_parameters(demand)
    return stats.gamma(shape, scale=scale)


def order_for_metric(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    costs: OrderCosts,
    days: tuple[float, float],
    stock: tuple[float, float] = (0.0, 0.0),
) -> tuple[OrderPlan, tuple[str, ...]]:
    """The order for ``metric`` over the segment ``where``, forecast far enough ahead to
    calibrate on; ``days``: lead time and review period, ``stock``: on hand and on order. With
    the warnings a reader should see (a metric that may not count units)."""
    check_costs(costs)
    check_cover(*days)
    warnings = ()
    if not check_units(metric):
        warnings = (
            f"{metric!r} does not read as a count of units: the quantities are in {metric}.",
        )
    _, frequency, _ = metric_inputs(frame, mapping, metric, where, ForecastSettings(1))
    settings = ForecastSettings(cover_horizon(frequency, sum(days), 1))
    result = forecast_metric(frame, mapping, metric, where, settings)
    label = ", ".join(v for values in where.values() for v in values)
    return order_plan(result, costs, days, stock, label), warnings
