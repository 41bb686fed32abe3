"""The order plan on the sample against the generator's own demand: cut the daily file at a date,
blank the units of the days an order covers (their prices, discounts and campaigns stay, known
in advance), plan the order for one segment and compare it with the true distribution of those
days' demand drawn from the generator's parameters (sample_data.generate.cover_demand_draws).
Shared by tests/unit/forecast/test_order_sample.py and bench/order_truth.py."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.forecast.metric import forecast_metric
from analytics.forecast.order import OrderCosts, cover_horizon, order_plan
from analytics.forecast.results import ForecastSettings
from analytics.ingest.load import load
from sample_data import generate as gen

SEGMENT = ("East", "Apparel")
# (cut-off, lead time, review period): ordinary August days; the Double 11 ramp (the festival
# raises demand from 1.1× to 1.6× over the days covered).
CASES = (("2025-07-31", 7, 7), ("2025-10-24", 10, 7))
PRICE = 10.0
UNIT_COSTS = (6.0, 2.0)  # critical ratios 0.4 and 0.8
DRAWS = 200_000


@dataclass(frozen=True)
class OrderAgainstTruth:
    """One plan against the truth: the order-up-to level's error in true standard deviations and
    the true probability that demand exceeds it (the plan promises 1 − critical ratio)."""

    cutoff: str
    cover_days: int
    critical_ratio: float
    order_up_to: float
    true_quantile: float
    true_sd: float
    true_stockout: float

    @property
    def error_in_sd(self) -> float:
        return (self.order_up_to - self.true_quantile) / self.true_sd


def cut_file(daily: pd.DataFrame, cutoff: str, days: int) -> pd.DataFrame:
    """The daily rows up to ``days`` after the cut-off, units blank after it."""
    dates = pd.to_datetime(daily["date"])
    end = pd.Timestamp(cutoff) + pd.Timedelta(days=days)
    part = daily.loc[dates <= end].copy()
    part["units"] = part["units"].astype(float).where(dates[dates <= end] <= pd.Timestamp(cutoff))
    return part


def plans_against_truth(
    daily: pd.DataFrame, sim: gen._Simulation, draws: int = DRAWS
) -> list[OrderAgainstTruth]:
    """Every case × critical ratio of the plan on ``daily`` (the file ``sim`` generated)."""
    found = []
    where = {"region": (SEGMENT[0],), "category": (SEGMENT[1],)}
    for cutoff, lead, review in CASES:
        days = lead + review
        dataset = load(
            cut_file(daily, cutoff, days).to_csv(index=False).encode(), file_name="s.csv"
        )
        settings = ForecastSettings(cover_horizon("D", days, 1))
        result = forecast_metric(dataset.frame, dataset.mapping, "units", where, settings)
        truth = gen.cover_demand_draws(sim, cutoff, days, [SEGMENT], draws)
        for cost in UNIT_COSTS:
            plan = order_plan(result, OrderCosts(PRICE, cost), (lead, review))
            found.append(
                OrderAgainstTruth(
                    cutoff=cutoff,
                    cover_days=days,
                    critical_ratio=plan.critical_ratio,
                    order_up_to=plan.order_up_to,
                    true_quantile=float(np.quantile(truth, plan.critical_ratio)),
                    true_sd=float(truth.std()),
                    true_stockout=float(np.mean(truth > plan.order_up_to)),
                )
            )
    return found
