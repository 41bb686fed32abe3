"""The customers sample: an order log drawn from a BG/NBD + Gamma-Gamma process with known
parameters (planted churn and spend, a planted group of deal seekers who buy on discount, planted
campaign cohorts: customers first acquired during a campaign buy less often and drop out sooner),
and a customer table with a campaign response drawn from a known logistic model.

``simulate_customers`` is the BG/NBD + Gamma-Gamma simulator the tests and the bench use too.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

SEED = 20251208  # 20250622 before the campaign cohorts were planted
LOG_FILE = "customer_orders.csv"
TABLE_FILE = "customer_campaign.csv"
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2025-12-31")
ACQUISITION_DAYS = 365  # first purchases spread over the first year
CALIBRATION_END = "2025-06-30"  # the holdout check's suggested split
CUSTOMERS = 3000
BGNBD = {"r": 0.6, "alpha": 8.0, "a": 0.8, "b": 3.0}  # weeks
GAMMA_GAMMA = {"p": 6.0, "q": 4.0, "v": 60.0}  # yuan
DEAL_SEEKER_SHARE = 0.3
DISCOUNT_SHARE = {"deal_seeker": 0.6, "regular": 0.1}  # chance a purchase carries a discount
DISCOUNT_RATE = 0.2
SPLIT_ORDER_SHARE = 0.05  # purchases paid as two orders on the same day
# Campaigns of the order log: orders placed with one carry its name in the campaign column.
CAMPAIGNS = (
    ("spring_sale_2024", "2024-03-08", "2024-03-17"),
    ("618_2024", "2024-06-01", "2024-06-18"),
    ("double11_2024", "2024-11-01", "2024-11-11"),
    ("618_2025", "2025-06-01", "2025-06-18"),
    ("double11_2025", "2025-11-01", "2025-11-11"),
)
# Who a campaign acquires: logit = intercept + dropout × (p − mean p) + rate × (λ − mean λ), λ per
# week. Discount-driven customers drop out sooner and buy less often; the whole population keeps
# the planted BG/NBD mixture, only the acquisition date depends on (λ, p).
ACQUISITION = {"intercept": -1.2, "dropout": 3.0, "rate": -8.0}
COUPON_SHARE = 0.5  # existing customers buying in a campaign's window who use it (all or none)
FREQUENCY_EFFECT = 0.0  # what using a campaign changes in an existing customer's later purchases
COHORT_DAYS = (30, 60, 90, 180)
TABLE_ROWS = 4000
# The campaign response: logit = intercept + sum(coef × feature), features as in the table.
RESPONSE_INTERCEPT = -3.0
RESPONSE_COEF = {
    "email_opens_90d": 0.25,
    "orders_last_year": 0.3,
    "days_since_last_order": -0.01,
    "app_user": 0.8,
    "coupon_user": 1.0,
    "age": 0.0,
}


NOTE = (
    "the customers sample (customer_orders.csv, customer_campaign.csv): bgnbd (r, alpha in weeks, "
    "a, b) and gamma_gamma (p, q, v in yuan) are the planted parameters of the order log's "
    "process; alive_share_at_end is the share of customers who had not dropped out by its last "
    "day; retention holds the campaigns of the log's campaign column, the planted acquisition "
    "model (customers first acquired in a campaign window: higher dropout, lower rate), the "
    "population share with a second purchase within each number of days of the first for "
    "customers acquired in and outside campaigns, their expected repeat purchases in the first "
    "52 weeks, the customers acquired in campaigns in the sample, the share of existing customers "
    "buying in a window who use the campaign (reached) and the planted change in their purchases "
    "afterwards (frequency_effect, purchases per customer: none); campaign_table holds the "
    "planted logistic response (intercept and coefficients on the table's columns) and the AUC "
    "of its true probabilities."
)


@dataclass(frozen=True)
class Simulated:
    """Per customer: ``purchase_weeks`` (a list of purchase times in weeks, the first at 0), the
    planted ``rate``, ``dropout`` chance, ``alive`` at the end, and ``spend`` (values per
    purchase), observed for ``observed`` weeks."""

    purchase_weeks: list[np.ndarray]
    spend: list[np.ndarray]
    rate: np.ndarray
    dropout: np.ndarray
    alive: np.ndarray
    observed: np.ndarray


def simulate_customers(
    rng: np.random.Generator,
    observed: np.ndarray,
    bgnbd: dict[str, float] = BGNBD,
    gamma_gamma: dict[str, float] = GAMMA_GAMMA,
    drawn: tuple[np.ndarray, np.ndarray] | None = None,
) -> Simulated:
    """Each customer buys at 0 then at a Poisson rate (gamma(r, alpha) across customers) and
    may drop out after each repeat purchase (chance beta(a, b)); each purchase's value is
    gamma(p, nu), nu gamma(q, v) across customers. ``drawn``: (rate, dropout) already drawn."""
    n = len(observed)
    rate, dropout = drawn if drawn is not None else draw_customers(rng, n, bgnbd)
    nu = rng.gamma(gamma_gamma["q"], 1.0 / gamma_gamma["v"], n)
    now = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    events: list[tuple[np.ndarray, np.ndarray]] = [(np.arange(n), np.zeros(n))]
    buying = np.ones(n, dtype=bool)
    while buying.any():
        who = np.flatnonzero(buying)
        now[who] += rng.exponential(1.0 / rate[who])
        inside = now[who] <= observed[who]
        buyers = who[inside]
        events.append((buyers, now[buyers].copy()))
        dropped = buyers[rng.random(len(buyers)) < dropout[buyers]]
        alive[dropped] = False
        buying[who[~inside]] = False
        buying[dropped] = False
    owner = np.concatenate([e[0] for e in events])
    times = np.concatenate([e[1] for e in events])
    order = np.lexsort((times, owner))
    owner, times = owner[order], times[order]
    values = rng.gamma(gamma_gamma["p"], 1.0 / nu[owner])
    bounds = np.searchsorted(owner, np.arange(n + 1))
    return Simulated(
        purchase_weeks=[times[bounds[i] : bounds[i + 1]] for i in range(n)],
        spend=[values[bounds[i] : bounds[i + 1]] for i in range(n)],
        rate=rate,
        dropout=dropout,
        alive=alive,
        observed=observed,
    )


def draw_customers(
    rng: np.random.Generator, n: int, bgnbd: dict[str, float] = BGNBD
) -> tuple[np.ndarray, np.ndarray]:
    """Each customer's purchase rate per week and dropout chance."""
    return rng.gamma(bgnbd["r"], 1.0 / bgnbd["alpha"], n), rng.beta(bgnbd["a"], bgnbd["b"], n)


def acquisition_chance(rate: np.ndarray, dropout: np.ndarray) -> np.ndarray:
    """The chance a customer is first acquired during a campaign, from their rate and dropout."""
    mean_rate = BGNBD["r"] / BGNBD["alpha"]
    mean_dropout = BGNBD["a"] / (BGNBD["a"] + BGNBD["b"])
    logit = (
        ACQUISITION["intercept"]
        + ACQUISITION["dropout"] * (dropout - mean_dropout)
        + ACQUISITION["rate"] * (rate - mean_rate)
    )
    return 1.0 / (1.0 + np.exp(-logit))


def summary_of(sim: Simulated) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T, mean repeat value) of each simulated customer, in continuous weeks."""
    frequency = np.array([len(w) - 1 for w in sim.purchase_weeks], dtype=float)
    recency = np.array([w[-1] for w in sim.purchase_weeks])
    mean_value = np.array([s[1:].mean() if len(s) > 1 else 0.0 for s in sim.spend])
    return frequency, recency, sim.observed.astype(float), mean_value


@functools.cache
def generate() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """(order log, customer table, truth); the same every time."""
    rng = np.random.default_rng(SEED)
    log, log_truth = _order_log(rng)
    table, table_truth = _campaign_table(rng)
    return log, table, {**log_truth, "campaign_table": table_truth}


def _order_log(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, Any]]:
    rate, dropout = draw_customers(rng, CUSTOMERS)
    in_campaign = rng.random(CUSTOMERS) < acquisition_chance(rate, dropout)
    first_day = _first_days(rng, in_campaign)
    total_days = (END - START).days
    sim = simulate_customers(rng, (total_days - first_day) / 7.0, drawn=(rate, dropout))
    deal_seeker = rng.random(CUSTOMERS) < DEAL_SEEKER_SHARE
    uses_coupon = rng.random((CUSTOMERS, len(CAMPAIGNS))) < COUPON_SHARE
    rows = []
    for i in range(CUSTOMERS):
        days = first_day[i] + np.floor(sim.purchase_weeks[i] * 7.0).astype(int)
        chance = DISCOUNT_SHARE["deal_seeker" if deal_seeker[i] else "regular"]
        for day, value in zip(days, sim.spend[i], strict=True):
            campaign = _campaign_of(int(day), int(first_day[i]), uses_coupon[i])
            discounted = rng.random() < chance or (campaign != "" and day == first_day[i])
            discount = value * DISCOUNT_RATE if discounted else 0.0
            parts = [0.6, 0.4] if rng.random() < SPLIT_ORDER_SHARE else [1.0]
            rows += [
                (f"C{i + 1:05d}", int(day), value * share, discount * share, campaign)
                for share in parts
            ]
    columns = ["customer_id", "day", "amount", "discount", "campaign"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["day", "customer_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "order_id", [f"O{k + 1:06d}" for k in range(len(frame))])
    frame.insert(2, "order_date", (START + pd.to_timedelta(frame.pop("day"), unit="D")).dt.date)
    frame["amount"] = frame["amount"].round(2)
    frame["discount"] = frame["discount"].round(2)
    truth = {
        "file": LOG_FILE,
        "customers": CUSTOMERS,
        "orders": len(frame),
        "bgnbd": BGNBD,
        "gamma_gamma": GAMMA_GAMMA,
        "time_unit": "weeks",
        "alive_share_at_end": round(float(sim.alive.mean()), 4),
        "calibration_end": CALIBRATION_END,
        "deal_seeker_share": DEAL_SEEKER_SHARE,
        "discount_share": DISCOUNT_SHARE,
        "retention": {**_retention_truth(), "acquired_in_campaigns": int(in_campaign.sum())},
        "notes": "Purchases of one customer on one day count once (two orders on "
        f"{SPLIT_ORDER_SHARE:.0%} of purchase days); deal seekers buy on discount more often; "
        "the first order of a customer a campaign acquired carries a discount.",
    }
    return frame, truth


def _window_days() -> list[tuple[int, int]]:
    """Each campaign's first and last day, counted from START."""
    return [
        ((pd.Timestamp(a) - START).days, (pd.Timestamp(b) - START).days) for _, a, b in CAMPAIGNS
    ]


def _first_days(rng: np.random.Generator, in_campaign: np.ndarray) -> np.ndarray:
    """A first purchase day in the first year: inside a campaign window for those the campaigns
    acquire, outside every window for the others, uniformly."""
    days = np.arange(ACQUISITION_DAYS)
    inside = np.zeros(ACQUISITION_DAYS, dtype=bool)
    for first, last in _window_days():
        inside[first : min(last, ACQUISITION_DAYS - 1) + 1] = first < ACQUISITION_DAYS
    return np.where(
        in_campaign,
        rng.choice(days[inside], len(in_campaign)),
        rng.choice(days[~inside], len(in_campaign)),
    )


def _campaign_of(day: int, first_day: int, uses_coupon: np.ndarray) -> str:
    """The campaign an order on ``day`` is placed with: a new customer's first order in a window
    always; an existing customer's orders in a window when they use that campaign."""
    for k, (first, last) in enumerate(_window_days()):
        if first <= day <= last and (day == first_day or (first_day < first and uses_coupon[k])):
            return CAMPAIGNS[k][0]
    return ""


def _retention_truth() -> dict[str, Any]:
    """The planted cohorts in the population (not the sample's draw): the share with a second
    purchase day within d days of the first, and the expected repeat purchases in 52 weeks."""
    rng = np.random.default_rng(SEED + 1)
    n = 200_000
    rate, dropout = draw_customers(rng, n)
    chance = acquisition_chance(rate, dropout)
    sim = simulate_customers(rng, np.full(n, (max(COHORT_DAYS) + 1) / 7.0), drawn=(rate, dropout))
    second = np.array([_second_day(w) for w in sim.purchase_weeks])
    expected = (1.0 / dropout) * (1.0 - np.exp(-rate * dropout * 52.0))
    cohorts = {}
    for name, weight in (("campaign", chance), ("outside", 1.0 - chance)):
        cohorts[name] = {
            "repeat_share_by_day": {
                str(d): round(float(np.sum(weight * (second <= d)) / weight.sum()), 4)
                for d in COHORT_DAYS
            },
            "expected_repeat_purchases_52w": round(
                float(np.sum(weight * expected) / weight.sum()), 4
            ),
            "mean_rate_per_week": round(float(np.sum(weight * rate) / weight.sum()), 4),
            "mean_dropout": round(float(np.sum(weight * dropout) / weight.sum()), 4),
        }
    return {
        "campaign_column": "campaign",
        "campaigns": [{"name": n, "start": a, "end": b} for n, a, b in CAMPAIGNS],
        "acquisition": ACQUISITION,
        "campaign_acquired_share": round(float(chance.mean()), 4),
        "cohorts": cohorts,
        "coupon_share": COUPON_SHARE,
        "frequency_effect": FREQUENCY_EFFECT,
    }


def _second_day(weeks: np.ndarray) -> float:
    """The day of the second distinct purchase day after the first (inf without one)."""
    days = np.unique(np.floor(weeks * 7.0))
    return float(days[1]) if len(days) > 1 else np.inf


def _campaign_table(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, Any]]:
    n = TABLE_ROWS
    table = pd.DataFrame(
        {
            "customer_id": [f"M{i + 1:05d}" for i in range(n)],
            "city_tier": rng.choice(["tier 1", "tier 2", "tier 3"], n, p=[0.3, 0.4, 0.3]),
            "age": rng.integers(18, 66, n),
            "email_opens_90d": rng.poisson(3.0, n),
            "orders_last_year": rng.poisson(2.0, n),
            "days_since_last_order": rng.integers(1, 365, n),
            "app_user": (rng.random(n) < 0.4).astype(int),
            "coupon_user": (rng.random(n) < 0.35).astype(int),
        }
    )
    logit = RESPONSE_INTERCEPT + sum(table[c] * w for c, w in RESPONSE_COEF.items())
    chance = 1.0 / (1.0 + np.exp(-logit.to_numpy(dtype=float)))
    table["responded"] = (rng.random(n) < chance).astype(int)
    truth = {
        "file": TABLE_FILE,
        "rows": n,
        "target": "responded",
        "intercept": RESPONSE_INTERCEPT,
        "coefficients": RESPONSE_COEF,
        "response_rate": round(float(table["responded"].mean()), 4),
        "auc_of_true_probabilities": round(_auc(chance, table["responded"].to_numpy()), 4),
    }
    return table, truth


def _auc(score: np.ndarray, label: np.ndarray) -> float:
    """The chance a random responder scores above a random non-responder (ties count half)."""
    ranks = pd.Series(score).rank().to_numpy()
    positives = label == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def truth() -> dict[str, Any]:
    """The customers key of ground_truth.json."""
    return json.loads(json.dumps(generate()[2]))


def files() -> dict[str, bytes]:
    """The exact bytes of the customers sample's CSV files, by name."""
    log, table, _ = generate()
    options = {"index": False, "lineterminator": "\n"}
    return {
        LOG_FILE: log.to_csv(float_format="%.2f", **options).encode("utf-8"),
        TABLE_FILE: table.to_csv(**options).encode("utf-8"),
    }
