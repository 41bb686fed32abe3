"""Order plan against the generator's demand over seeds: the sampling error the order-up-to level
and the true stock-out probability have when the sample is drawn again with other seeds (same
parameters), for the cases of tests/order_truth.py. The tolerances of
tests/unit/forecast/test_order_sample.py come from this table.

Run: .venv/bin/python bench/order_truth.py [--seeds 40] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from sample_data import generate as gen  # noqa: E402
from tests.order_truth import SEGMENT, plans_against_truth  # noqa: E402

HEADING = "## Order plan against the generator's demand"


def seed_table(seeds: int) -> tuple[list[str], float]:
    """One row per case and critical ratio; and the 97.5% quantile of |error| over all."""
    errors, stockouts, spreads = defaultdict(list), defaultdict(list), defaultdict(list)
    for seed in range(1, seeds + 1):
        sim = gen.simulate(seed)
        for found in plans_against_truth(gen.build_daily(sim), sim, 50_000):
            key = (found.cutoff, found.cover_days, round(found.critical_ratio, 2))
            errors[key].append(found.error_in_sd)
            stockouts[key].append(found.true_stockout)
            spreads[key].append(found.true_sd)
    rows = []
    for key, error in errors.items():
        cutoff, days, ratio = key
        e, s = np.asarray(error), np.asarray(stockouts[key])
        low, high = np.quantile(e, [0.025, 0.975])
        rows.append(
            f"| {cutoff} + {days} d | {ratio:.1f} | {np.mean(spreads[key]):,.0f} | "
            f"{e.mean():+.2f} | {e.std(ddof=1):.2f} | {low:+.2f} to {high:+.2f} | "
            f"{s.mean():.3f} ± {s.std(ddof=1) / np.sqrt(len(s)):.3f} (sd {s.std(ddof=1):.3f}) | "
            f"{1 - ratio:.2f} |"
        )
    pooled = np.abs(np.concatenate([np.asarray(e) for e in errors.values()]))
    return rows, float(np.quantile(pooled, 0.975))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    rows, bound = seed_table(args.seeds)
    body = "\n".join(
        [
            HEADING,
            "",
            f"Segment {SEGMENT[0]} × {SEGMENT[1]}, generator seeds 1-{args.seeds}: the file cut "
            "at the date, units of the covered days blank, the plan's order-up-to level against "
            "the true critical-ratio quantile (error in true sd) and the true probability that "
            "demand exceeds it.",
            "",
            "| cut-off + cover | ratio | true sd | error mean | error sd | 2.5% to 97.5% "
            "| true stock-out (mean ± se) | promised |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            f"97.5% of |error| over every seed, case and ratio: {bound:.2f} true sd.",
        ]
    )
    print(body)
    if not args.no_write:
        replace_section(HEADING, body + "\n")


if __name__ == "__main__":
    main()
