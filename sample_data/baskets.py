"""A deterministic order-line log with planted co-purchase pairs and per-segment tastes.

Customers belong to one of four taste segments, each buying mostly from two categories; a
planted pair's first item brings its second into the same order most of the time. A few lines
are returns, cancelled invoices (numbers starting with C) or guest orders without a customer.
The truth goes under the "baskets" key of ground_truth.json.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

SEED = 20240619
FILE = "order_lines.csv"
START, END = "2024-01-01", "2024-12-31"
CATEGORIES = ("COF", "BAK", "BAB", "SNK", "PET", "CLN", "SPT", "DRK")
ITEMS_PER_CATEGORY = 12
SEGMENTS = {
    "coffee_lovers": ("COF", "BAK"),
    "parents": ("BAB", "SNK"),
    "pet_owners": ("PET", "CLN"),
    "fitness": ("SPT", "DRK"),
}
IN_SEGMENT_SHARE = 0.8  # of a customer's picks from the segment's two categories
# (first item, second item): the second joins the order when the first is in it.
PAIRS = (("COF-02", "BAK-09"), ("BAB-01", "SNK-10"), ("PET-03", "CLN-11"), ("SPT-02", "DRK-12"))
PAIR_PROBABILITY = 0.7
CUSTOMERS = 1_500
MEAN_ORDERS = 5.0
MEAN_EXTRA_LINES = 1.4
GUEST_SHARE = 0.01
RETURN_SHARE = 0.005
CANCEL_SHARE = 0.01
FIRST_INVOICE = 500_001


def items() -> list[str]:
    return [f"{c}-{i:02d}" for c in CATEGORIES for i in range(1, ITEMS_PER_CATEGORY + 1)]


def generate(seed: int = SEED) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The order lines and their truth; the same seed always gives the same rows."""
    rng = np.random.default_rng(seed)
    catalogue = items()
    prices = dict(zip(catalogue, np.round(rng.uniform(3, 80, len(catalogue)), 1), strict=True))
    segment_of = rng.choice(list(SEGMENTS), size=CUSTOMERS)
    orders = _orders(rng, segment_of)
    lines = _lines(rng, orders, segment_of, catalogue)
    lines["unit_price"] = lines["sku"].map(prices)
    frame, extras = _with_returns_and_cancellations(rng, lines)
    truth = {
        "seed": seed,
        "file": FILE,
        "customers": CUSTOMERS,
        "items": len(catalogue),
        "segments": {
            name: {"categories": list(cats), "customers": int((segment_of == name).sum())}
            for name, cats in SEGMENTS.items()
        },
        "in_segment_share": IN_SEGMENT_SHARE,
        "pairs": [{"items": list(p), "probability": PAIR_PROBABILITY} for p in PAIRS],
        **extras,
    }
    return frame, truth


def render(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.1f").encode("utf-8")


def _orders(rng: np.random.Generator, segment_of: np.ndarray) -> pd.DataFrame:
    counts = 1 + rng.poisson(MEAN_ORDERS - 1, size=CUSTOMERS)
    customer = np.repeat(np.arange(CUSTOMERS), counts)
    days = pd.date_range(START, END, freq="D")
    dates = np.sort(rng.choice(days.to_numpy(), size=customer.size))
    customer = rng.permutation(customer)
    return pd.DataFrame(
        {
            "invoice_no": np.arange(FIRST_INVOICE, FIRST_INVOICE + customer.size).astype(str),
            "customer": customer,
            "order_date": dates,
        }
    )


def _lines(
    rng: np.random.Generator, orders: pd.DataFrame, segment_of: np.ndarray, catalogue: list[str]
) -> pd.DataFrame:
    rank_weight = 1.0 / np.arange(1, ITEMS_PER_CATEGORY + 1) ** 0.8  # popular items first
    index = {item: i for i, item in enumerate(catalogue)}
    rows = []
    for invoice, customer, date in orders.itertuples(index=False):
        picks = set()
        for _ in range(1 + rng.poisson(MEAN_EXTRA_LINES)):
            if rng.random() < IN_SEGMENT_SHARE:
                category = rng.choice(SEGMENTS[segment_of[customer]])
            else:
                category = rng.choice(CATEGORIES)
            number = rng.choice(ITEMS_PER_CATEGORY, p=rank_weight / rank_weight.sum()) + 1
            picks.add(f"{category}-{number:02d}")
        for first, second in PAIRS:
            if first in picks and rng.random() < PAIR_PROBABILITY:
                picks.add(second)
        for sku in sorted(picks, key=index.get):
            rows.append((invoice, f"C{customer + 10001:05d}", date, sku, 1 + rng.poisson(0.4)))
    return pd.DataFrame(
        rows, columns=["invoice_no", "customer_id", "order_date", "sku", "quantity"]
    )


def _with_returns_and_cancellations(
    rng: np.random.Generator, lines: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Guest orders lose their customer; some lines come back as returns on their own invoice
    or as a cancelled invoice (C + its number), both with negative quantities."""
    invoices = lines["invoice_no"].unique()
    guests = rng.choice(invoices, size=int(GUEST_SHARE * invoices.size), replace=False)
    lines.loc[lines["invoice_no"].isin(guests), "customer_id"] = ""
    returned = lines[lines["customer_id"] != ""].sample(frac=RETURN_SHARE, random_state=rng)
    returned = returned.assign(quantity=-returned["quantity"])
    cancelled = lines[lines["customer_id"] != ""].sample(frac=CANCEL_SHARE, random_state=rng)
    cancelled = cancelled.assign(
        invoice_no="C" + cancelled["invoice_no"], quantity=-cancelled["quantity"]
    )
    frame = pd.concat([lines, returned, cancelled]).sort_values(
        ["order_date", "invoice_no"], kind="stable"
    )
    frame["order_date"] = frame["order_date"].dt.strftime("%Y-%m-%d")
    extras = {
        "lines": len(frame),
        "return_lines": len(returned),
        "cancelled_lines": len(cancelled),
        "lines_without_customer": int((frame["customer_id"] == "").sum()),
    }
    return frame.reset_index(drop=True), extras
