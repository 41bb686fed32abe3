"""Stock cover from a forecast: safety stock, reorder point and days of cover for a lead time and
a service level.

Safety stock = z × σ, where σ is the standard deviation of demand over the lead time. σ is the
larger of two estimates: the backtest's RMSE (over the first lead-time periods after each
cut-off) × √(lead time in periods), which measures how wrong the forecasts really were on data
they had not seen, misspecification included; and the model's own standard deviation of
cumulative demand (from its error weights), which, unlike the √ rule, accounts for errors of
successive periods moving together. Either alone understates the risk in one of those cases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analytics.errors import UserInputError
from analytics.forecast.results import ForecastResult

DAYS_PER_PERIOD = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}
MIN_SERVICE_LEVEL = 0.5
MAX_SERVICE_LEVEL = 0.999
# Metrics counted in pieces, which stock is: a safety stock in revenue would be money, not stock.
UNITS_NAME = re.compile(r"units?|qty|quantit|pieces|pcs|volume|销量|件数|数量", re.IGNORECASE)


@dataclass(frozen=True)
class StockCover:
    """Safety stock, reorder point and (for a stock level) how long it lasts."""

    lead_time_days: float
    service_level: float
    z: float
    lead_time_demand: float
    demand_sd: float
    sd_source: str  # "backtest" or "model"
    safety_stock: float
    reorder_point: float
    current_stock: float | None
    days_of_cover: float | None
    beyond_horizon: bool
    stockout_risk: bool | None
    reorder_now: bool | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def units_metric(chosen: str, metrics: Sequence[str]) -> str | None:
    """The metric stock cover is planned on: the chosen one when it counts units, else the
    first metric that does; None when there is none (the app then asks for one)."""
    for name in (chosen, *metrics):
        if UNITS_NAME.search(name):
            return name
    return None


def plan_stock(
    mean: Sequence[float],
    days_per_period: float,
    lead_time_days: float,
    service_level: float,
    *,
    error_rmse: float | None = None,
    cumulative_sd: Sequence[float] | None = None,
    current_stock: float | None = None,
) -> StockCover:
    """The stock arithmetic on plain numbers: ``mean`` is the forecast per period,
    ``error_rmse`` the backtest RMSE per period, ``cumulative_sd[k-1]`` the model's standard
    deviation of demand summed over the first k periods."""
    mean = np.clip(np.asarray(mean, dtype=float), 0.0, None)
    _check(lead_time_days, service_level, current_stock)
    periods = lead_time_days / days_per_period
    if periods > len(mean):
        raise UserInputError(
            f"The lead time ({lead_time_days:g} days) is longer than the forecast "
            f"({len(mean) * days_per_period:g} days): lengthen the horizon or shorten the lead "
            "time.",
            code="lead_time_beyond",
            lead_time=lead_time_days,
        )
    z = float(stats.norm.ppf(service_level))
    demand = demand_within(mean, periods)
    candidates = {}
    if error_rmse is not None and np.isfinite(error_rmse):
        candidates["backtest"] = error_rmse * np.sqrt(periods)
    if cumulative_sd is not None:
        candidates["model"] = interpolate_cumulative(
            np.asarray(cumulative_sd, dtype=float), periods
        )
    source, sd = max(candidates.items(), key=lambda item: item[1]) if candidates else ("none", 0.0)
    safety = z * sd
    cover, beyond = None, False
    if current_stock is not None:
        cover, beyond = _cover(mean, current_stock, days_per_period)
    return StockCover(
        lead_time_days=float(lead_time_days),
        service_level=float(service_level),
        z=z,
        lead_time_demand=demand,
        demand_sd=float(sd),
        sd_source=source,
        safety_stock=float(safety),
        reorder_point=float(demand + safety),
        current_stock=None if current_stock is None else float(current_stock),
        days_of_cover=cover,
        beyond_horizon=beyond,
        stockout_risk=None if cover is None else bool(cover < lead_time_days),
        reorder_now=None if current_stock is None else bool(current_stock <= demand + safety),
    )


def stock_cover(
    result: ForecastResult,
    lead_time_days: float,
    service_level: float,
    current_stock: float | None = None,
) -> StockCover:
    """Stock cover from a forecast and its backtest."""
    days_per_period = DAYS_PER_PERIOD[result.frequency]
    rmse = None
    if result.backtest is not None:
        rmse = result.backtest.rmse_within(lead_time_days / days_per_period)
    return plan_stock(
        result.forecast["mean"].to_numpy(),
        days_per_period,
        lead_time_days,
        service_level,
        error_rmse=rmse,
        cumulative_sd=result.forecast["cum_sd"].to_numpy(),
        current_stock=current_stock,
    )


def cover_table(
    results: dict[str, ForecastResult | str],
    lead_time_days: float,
    service_level: float,
    stocks: dict[str, float | None] | None = None,
) -> pd.DataFrame:
    """One row per series: lead-time demand, safety stock, reorder point, cover and flags."""
    stocks = stocks or {}
    rows = []
    for label, result in results.items():
        if not isinstance(result, ForecastResult):
            continue
        cover = stock_cover(result, lead_time_days, service_level, stocks.get(label))
        rows.append({"series": label, **cover.to_dict()})
    return pd.DataFrame(rows)


def _check(lead_time_days: float, service_level: float, current_stock: float | None) -> None:
    if not lead_time_days > 0:
        raise UserInputError(
            "The lead time must be more than 0 days.", code="lead_time", lead_time=lead_time_days
        )
    if not MIN_SERVICE_LEVEL <= service_level <= MAX_SERVICE_LEVEL:
        raise UserInputError(
            "The service level must be between 50% and 99.9%.",
            code="service_level",
            level=service_level,
        )
    if current_stock is not None and current_stock < 0:
        raise UserInputError("The current stock cannot be negative.", code="stock_negative")


def demand_within(mean: np.ndarray, periods: float) -> float:
    """Forecast demand over the first ``periods`` periods (a fraction of the last one)."""
    whole = int(np.floor(periods))
    part = periods - whole
    extra = mean[whole] * part if part > 0 and whole < len(mean) else 0.0
    return float(mean[:whole].sum() + extra)


def interpolate_cumulative(cumulative: np.ndarray, periods: float) -> float:
    """Value at ``periods`` of the curve through (0, 0), (1, c[0]), (2, c[1]), ..."""
    points = np.r_[0.0, cumulative]
    return float(np.interp(periods, np.arange(len(points)), points))


def _cover(mean: np.ndarray, stock: float, days_per_period: float) -> tuple[float, bool]:
    """Days until the forecast demand uses up ``stock`` (the whole forecast if it never does)."""
    used = np.cumsum(mean)
    if stock >= used[-1]:
        return float(len(mean) * days_per_period), True
    period = int(np.searchsorted(used, stock, side="right"))
    before = used[period - 1] if period else 0.0
    fraction = (stock - before) / mean[period] if mean[period] > 0 else 0.0
    return float((period + fraction) * days_per_period), False
