"""Order plan: seconds for the sample's units (one series, through order_for_metric) and for
its 12 region × category series (forecast_many in worker processes, then order_table); and the
realised service level: how often demand over lead time + review stayed within the order-up-to
level, against the critical ratio, on the sample's own history (orders placed at past cut-offs)
and on simulated AR(1) demand whose daily errors move together.

Run: .venv/bin/python bench/order.py [--cutoffs 8] [--cycles 40] [--seeds 3] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from analytics.forecast.many import forecast_many  # noqa: E402
from analytics.forecast.order import (  # noqa: E402
    OrderCosts,
    cover_horizon,
    order_for_metric,
    order_plan,
    order_table,
)
from analytics.forecast.results import ForecastSettings  # noqa: E402
from analytics.forecast.series import forecast_series  # noqa: E402
from analytics.ingest.load import load  # noqa: E402
from analytics.parallel import shutdown  # noqa: E402

LEAD, REVIEW = 7, 7
COSTS = OrderCosts(99.0, 40.0, 10.0)  # critical ratio 59 / 89 = 0.663
HEADING = "## Order plan"


def sample_seconds() -> dict[str, float]:
    sample = load(ROOT / "sample_data" / "sales_daily.csv")
    start = time.perf_counter()
    plan, _ = order_for_metric(sample.frame, sample.mapping, "units", {}, COSTS, (LEAD, REVIEW))
    one = time.perf_counter() - start
    shutdown()
    start = time.perf_counter()
    settings = ForecastSettings(cover_horizon("D", LEAD + REVIEW, 1))
    batch = forecast_many(sample.frame, sample.mapping, "units", ("region", "category"), settings)
    table = order_table(batch.results, COSTS, (LEAD, REVIEW))
    many = time.perf_counter() - start
    shutdown()
    return {"one": one, "many": many, "series": len(table), "factor": plan.correlation_factor}


def sample_service(cutoffs: int) -> tuple[int, int]:
    """Orders placed at past cut-offs of the sample's units, 14 days apart: how many covered."""
    sample = load(ROOT / "sample_data" / "sales_daily.csv")
    frame, date = sample.frame, sample.mapping.date_column
    days = np.sort(frame[date].unique())
    covered = 0
    for number in range(cutoffs):
        cut = days[len(days) - (number + 1) * (LEAD + REVIEW)]
        plan, _ = order_for_metric(
            frame[frame[date] < cut], sample.mapping, "units", {}, COSTS, (LEAD, REVIEW)
        )
        ahead = frame[(frame[date] >= cut) & (frame[date] < cut + np.timedelta64(14, "D"))]
        covered += bool(ahead["units"].sum() <= plan.order_up_to)
    return covered, cutoffs


def simulated_service(cycles: int, seeds: int) -> tuple[int, int]:
    """AR(1) demand (φ 0.6) around 200 a day: orders every 14 days from day 300."""
    covered = total = 0
    cover = LEAD + REVIEW
    for seed in range(seeds):
        rng = np.random.default_rng(100 + seed)
        noise = np.zeros(300 + cycles * cover)
        shocks = 12 * rng.standard_normal(len(noise))
        for i in range(1, len(noise)):
            noise[i] = 0.6 * noise[i - 1] + shocks[i]
        demand = 200 + noise
        index = pd.date_range("2024-01-01", periods=len(demand), freq="D")
        for cycle in range(cycles):
            cut = 300 + cycle * cover
            series = pd.Series(demand[:cut], index=index[:cut])
            settings = ForecastSettings(cover_horizon("D", cover, 1), festivals=False)
            plan = order_plan(forecast_series(series, "D", settings), COSTS, (LEAD, REVIEW))
            covered += bool(demand[cut : cut + cover].sum() <= plan.order_up_to)
            total += 1
    return covered, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cutoffs", type=int, default=8)
    parser.add_argument("--cycles", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    speed = sample_seconds()
    on_sample = sample_service(args.cutoffs)
    simulated = simulated_service(args.cycles, args.seeds)
    ratio = COSTS.critical_ratio
    body = "\n".join(
        [
            HEADING,
            "",
            f"Lead time {LEAD} days, review {REVIEW} days, price 99, unit cost 40, salvage 10: "
            f"critical ratio {ratio:.3f}.",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| sample units, one series (`order_for_metric`) | {speed['one']:.1f} s |",
            f"| sample units, {speed['series']} series (`forecast_many` + `order_table`) "
            f"| {speed['many']:.1f} s |",
            f"| spread of the 14-day sum over the daily bands summed as independent (sample) "
            f"| {speed['factor']:.2f} |",
            f"| realised service level, sample history ({on_sample[1]} past orders) "
            f"| {on_sample[0] / on_sample[1]:.3f} (target {ratio:.3f}) |",
            f"| realised service level, simulated AR(1) demand ({simulated[1]} orders) "
            f"| {simulated[0] / simulated[1]:.3f} (target {ratio:.3f}) |",
        ]
    )
    print(body)
    if not args.no_write:
        replace_section(HEADING, body + "\n")


if __name__ == "__main__":
    main()
