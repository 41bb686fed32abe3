"""Recommendations speed: association rules on 500,000 order lines (target under 10 s), beside
mlxtend's FP-growth when it can be imported (it is not a dependency: MLXTEND_PATH may name a
folder holding it); training and evaluating popularity, item-item cosine and ALS on 500,000
lines of 4,000 customers × 4,000 items (target under 60 s on 2 cores).

Run: .venv/bin/python bench/recommend.py [--lines 500000] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from analytics.recommend.evaluation import evaluate  # noqa: E402
from analytics.recommend.lines import LogColumns, clean_lines  # noqa: E402
from analytics.recommend.matrix import incidence  # noqa: E402
from analytics.recommend.next_items import next_items  # noqa: E402
from analytics.recommend.rules import basket_rules  # noqa: E402

HEADING = "## Recommendations speed (bench/recommend.py)"
CUSTOMERS = 4_000
ITEMS = 4_000
TASTES = 40  # customer groups, each buying mostly from its own 100 items
SEED = 11
MIN_SUPPORT, MIN_CONFIDENCE = 0.002, 0.25
COLUMNS = LogColumns(item="item", order="order", customer="customer", date="date")


def order_lines(n_lines: int, seed: int = SEED) -> pd.DataFrame:
    """About 4 lines per order; customers favour their group's items, items a Zipf popularity."""
    rng = np.random.default_rng(seed)
    n_orders = n_lines // 4
    customer = rng.integers(0, CUSTOMERS, n_orders)
    order = np.sort(rng.integers(0, n_orders, n_lines))
    buyer = customer[order]
    own = rng.random(n_lines) < 0.7
    per_taste = ITEMS // TASTES
    zipf = np.minimum(rng.zipf(1.6, n_lines) - 1, per_taste - 1)
    item = np.where(
        own,
        (buyer % TASTES) * per_taste + zipf,
        np.minimum(rng.zipf(1.3, n_lines) - 1, ITEMS - 1),
    )
    day = pd.Timestamp("2024-01-01") + pd.to_timedelta(order * 365 // n_orders, unit="D")
    return pd.DataFrame(
        {
            "order": pd.Series(order).map("O{:07d}".format),
            "customer": pd.Series(buyer).map("C{:05d}".format),
            "item": pd.Series(item).map("I{:05d}".format),
            "date": day,
        }
    )


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def mlxtend_rules(lines) -> tuple[int, float] | None:
    """mlxtend's FP-growth and association_rules on the same orders, or None without mlxtend."""
    if os.environ.get("MLXTEND_PATH"):
        sys.path.insert(0, os.environ["MLXTEND_PATH"])
    try:
        from mlxtend.frequent_patterns import association_rules, fpgrowth
    except ImportError:
        return None

    def run() -> int:
        table = incidence(lines.frame["order"], lines.frame["item"])
        onehot = pd.DataFrame.sparse.from_spmatrix(
            table.matrix.astype(bool), columns=table.columns.astype(str)
        )
        itemsets = fpgrowth(onehot, min_support=MIN_SUPPORT, use_colnames=True, max_len=4)
        rules = association_rules(itemsets, metric="confidence", min_threshold=MIN_CONFIDENCE)
        return len(rules)

    return timed(run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=500_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    frame = order_lines(args.lines)
    lines, clean_s = timed(lambda: clean_lines(frame, COLUMNS))
    rules, rules_s = timed(lambda: basket_rules(lines, MIN_SUPPORT, MIN_CONFIDENCE))
    print(f"rules: {len(rules.rules):,} from {rules.orders:,} orders in {rules_s:.2f} s")
    mlx = mlxtend_rules(lines)
    if mlx:
        print(f"mlxtend fpgrowth + association_rules: {mlx[0]:,} rules in {mlx[1]:.2f} s")
    cutoff = pd.Timestamp("2024-10-01")
    evaluation, eval_s = timed(lambda: evaluate(lines, cutoff, k=10))
    print(f"evaluation in {eval_s:.2f} s: {evaluation.to_dict()['methods']}")
    recommended, next_s = timed(lambda: next_items(lines, evaluation.best, 10))
    print(f"top 10 with reasons for {recommended.customers:,} customers in {next_s:.2f} s")
    if not args.no_write:
        replace_section(
            HEADING,
            report(args.lines, lines, rules, rules_s, mlx, clean_s, evaluation, eval_s, next_s),
        )


def report(n_lines, lines, rules, rules_s, mlx, clean_s, evaluation, eval_s, next_s) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    mlx_row = (
        f"| mlxtend 0.25 FP-growth + association_rules (same orders, sparse one-hot) | "
        f"{mlx[0]:,} rules | {mlx[1]:.2f} |\n"
        if mlx
        else "| mlxtend FP-growth | not installed | — |\n"
    )
    methods = "\n".join(
        f"| {m.name} | {m.recall_at_k:.3f} | {m.precision_at_k:.3f} |" for m in evaluation.methods
    )
    return (
        f"{HEADING}\n\n"
        f"{n_lines:,} synthetic order lines ({rules.orders:,} orders, {CUSTOMERS:,} customers × "
        f"{ITEMS:,} items in {TASTES} taste groups). {platform.machine()}, {os.cpu_count()} "
        f"cores, load average {load} after. One process; ALS on one thread.\n\n"
        "| step | result | seconds |\n| --- | --- | ---: |\n"
        f"| clean the lines (returns, cancellations, keys) | {len(lines.frame):,} lines | "
        f"{clean_s:.2f} |\n"
        f"| association rules, apriori on scipy.sparse (support ≥ {MIN_SUPPORT}, confidence ≥ "
        f"{MIN_CONFIDENCE}) | {len(rules.rules):,} rules | {rules_s:.2f} |\n"
        f"{mlx_row}"
        f"| train and evaluate popularity, item-item, ALS (cut-off {evaluation.cutoff}, "
        f"{evaluation.users_evaluated:,} customers evaluated) | best: {evaluation.best} | "
        f"{eval_s:.2f} |\n"
        f"| the best method refitted on every line: each customer's top 10 with its reasons | "
        f"{CUSTOMERS:,} customers | {next_s:.2f} |\n\n"
        f"Targets: rules under 10 s, all methods under 60 s.\n\n"
        f"| method | recall@{evaluation.k} | precision@{evaluation.k} |\n| --- | ---: | ---: |\n"
        f"{methods}\n"
    )


if __name__ == "__main__":
    main()
