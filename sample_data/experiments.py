"""Sample experiments with planted effects: an A/B export (one row per user) and a geo panel
(daily revenue per city with a campaign in a few cities). Deterministic; the truth goes under
the ``experiments`` key of ground_truth.json. ``ab_users`` and ``geo_panel`` take a seed and
sizes, so tests and benches draw fresh replicates of the same design.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

AB_FILE = "ab_test_sample.csv"
GEO_FILE = "geo_test_sample.csv"
AB_SEED, GEO_SEED = 1701, 1702

AB_START = "2025-03-03"
AB_DAYS = 21
AB_USERS = 36_000
VARIANTS = ("control", "coupon_10", "free_shipping")
PLATFORMS = ("app", "web", "mini_program")
BASE_CONVERSION = 0.12
# Planted relative lifts per variant: conversion, and order value (coupon: 10% off the basket).
CONVERSION_LIFT = {"control": 0.0, "coupon_10": 0.20, "free_shipping": 0.0}
ORDER_VALUE_LIFT = {"control": 0.0, "coupon_10": -0.05, "free_shipping": 0.0}
ORDER_VALUE = 55.0
EXTRA_ORDERS = 0.3  # orders of a buyer: 1 + Poisson(EXTRA_ORDERS · propensity)
PROPENSITY_SIGMA = 0.8  # lognormal spread of users' propensity to buy (mean 1)

GEO_START, GEO_END = "2024-01-01", "2025-06-30"
GEO_WINDOW = ("2025-05-06", "2025-06-02")
GEO_TREATED = ("Hangzhou", "Nanjing", "Suzhou")
GEO_LIFT = 0.10
CITIES = (
    "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Chongqing", "Wuhan", "Xi'an",
    "Tianjin", "Hangzhou", "Nanjing", "Suzhou", "Changsha", "Zhengzhou", "Qingdao", "Dalian",
    "Xiamen", "Fuzhou", "Jinan", "Hefei", "Kunming", "Shenyang", "Harbin", "Ningbo",
    "Wuxi", "Foshan", "Dongguan", "Nanning", "Guiyang", "Shijiazhuang",
)  # fmt: skip


def ab_users(seed: int = AB_SEED, users: int = AB_USERS, days: int = AB_DAYS) -> pd.DataFrame:
    """One row per user: assignment day, variant (equal thirds), last month's spend (the
    covariate for CUPED), converted (0/1), orders and revenue."""
    rng = np.random.default_rng(seed)
    propensity = rng.lognormal(-(PROPENSITY_SIGMA**2) / 2, PROPENSITY_SIGMA, users)
    variant = rng.permutation(np.resize(np.array(VARIANTS), users))  # blocked: equal thirds
    conversion = BASE_CONVERSION * propensity * (1 + pd.Series(variant).map(CONVERSION_LIFT))
    converted = rng.random(users) < np.clip(conversion.to_numpy(), 0, 0.95)
    orders = np.where(converted, 1 + rng.poisson(EXTRA_ORDERS * propensity), 0)
    value = ORDER_VALUE * (1 + pd.Series(variant).map(ORDER_VALUE_LIFT)).to_numpy()
    revenue = orders * value * rng.gamma(4.0, 0.25, users)
    pre_revenue = propensity * 40 * rng.gamma(2.0, 0.5, users)
    day = pd.Timestamp(AB_START) + pd.to_timedelta(rng.integers(0, days, users), unit="D")
    platform = rng.choice(np.array(PLATFORMS), users, p=(0.6, 0.3, 0.1))  # no planted difference
    frame = pd.DataFrame({
        "user_id": rng.permutation(users) + 500_001,
        "assigned_date": day.strftime("%Y-%m-%d"),
        "variant": variant,
        "platform": platform,
        "pre_revenue": pre_revenue.round(2),
        "converted": converted.astype(int),
        "orders": orders,
        "revenue": revenue.round(2),
    })  # fmt: skip
    return frame.sort_values(["assigned_date", "user_id"], ignore_index=True)


def ab_truth() -> dict[str, Any]:
    """Population values of the A/B design: conversion, revenue per user and their lifts."""
    second_moment = np.exp(PROPENSITY_SIGMA**2)  # E[u²] for a lognormal of mean 1
    orders_per_buyer_weight = 1 + EXTRA_ORDERS * second_moment
    rows = {}
    for name in VARIANTS:
        conversion = BASE_CONVERSION * (1 + CONVERSION_LIFT[name])
        revenue = (
            BASE_CONVERSION * (1 + CONVERSION_LIFT[name]) * orders_per_buyer_weight
            * ORDER_VALUE * (1 + ORDER_VALUE_LIFT[name])
        )  # fmt: skip
        rows[name] = {"conversion": conversion, "revenue_per_user": revenue}
    control = rows["control"]
    for row in rows.values():
        row["conversion_lift"] = row["conversion"] / control["conversion"] - 1
        row["revenue_lift"] = row["revenue_per_user"] / control["revenue_per_user"] - 1
    return {
        "file": AB_FILE,
        "control": "control",
        "variants": rows,
        "split": "equal thirds",
        "platforms": "app 60%, web 30%, mini_program 10%; the same lifts on every platform",
    }


def geo_panel(
    seed: int = GEO_SEED,
    *,
    cities: tuple[str, ...] = CITIES,
    start: str = GEO_START,
    end: str = GEO_END,
    treated: tuple[str, ...] = GEO_TREATED,
    window: tuple[str, str] = GEO_WINDOW,
    lift: float = GEO_LIFT,
) -> tuple[pd.DataFrame, float]:
    """Daily revenue per city: a shared national pattern (trend, week, year, festivals) each
    city follows with its own size and loading, plus noise; ``lift`` added in the treated
    cities over the window. Returns the panel and the true incremental revenue."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, end, freq="D")
    t = np.arange(len(dates))
    weekly = 1 + 0.12 * np.isin(dates.day_of_week, (5, 6))
    yearly = 1 + 0.15 * np.sin(2 * np.pi * (t / 365.25 - 0.2))
    festivals = 1 + 0.4 * np.isin(dates.strftime("%m-%d"), ("06-18", "11-11", "11-10", "06-17"))
    shared = np.outer(weekly * yearly * festivals * (1 + 0.0004 * t), np.ones(len(cities)))
    loadings = rng.uniform(0.7, 1.3, len(cities))
    regional = np.cumsum(rng.normal(0, 0.004, (len(dates), 3)), axis=0)
    region_of = rng.integers(0, 3, len(cities))
    size = rng.lognormal(np.log(40_000), 0.5, len(cities))
    baseline = size * (1 + loadings * (shared - 1) + regional[:, region_of])
    noisy = baseline * rng.normal(1, 0.03, baseline.shape)
    in_window = (dates >= window[0]) & (dates <= window[1])
    treated_cols = [cities.index(name) for name in treated]
    uplift = np.zeros_like(noisy)
    uplift[np.ix_(in_window, treated_cols)] = lift * baseline[np.ix_(in_window, treated_cols)]
    frame = pd.DataFrame(noisy + uplift, columns=list(cities))
    frame.insert(0, "date", dates.strftime("%Y-%m-%d"))
    long = frame.melt(id_vars="date", var_name="city", value_name="revenue")
    long["revenue"] = long["revenue"].round(2)
    return long, float(uplift.sum())


def geo_truth(incremental: float) -> dict[str, Any]:
    return {
        "file": GEO_FILE,
        "treated": list(GEO_TREATED),
        "start": GEO_WINDOW[0],
        "end": GEO_WINDOW[1],
        "relative_lift": GEO_LIFT,
        "true_incremental_revenue": round(incremental, 2),
    }


def with_truth(truth: dict[str, Any]) -> dict[str, Any]:
    """The sample's ground truth with the experiments' truth and its note added."""
    _, incremental = geo_panel()
    notes = {
        **truth.get("notes", {}),
        "experiments": (
            "A/B export (ab): per-variant population conversion and revenue per user and their "
            "lifts against control; geo panel (geo): the treated cities, window, planted "
            "relative lift on their baseline and the resulting incremental revenue."
        ),
    }
    return {
        **truth,
        "experiments": {"ab": ab_truth(), "geo": geo_truth(incremental)},
        "notes": notes,
    }


def render_files() -> dict[str, bytes]:
    """The sample CSVs' exact bytes, keyed by file name."""
    options = {"index": False, "lineterminator": "\n"}
    panel, _ = geo_panel()
    return {
        AB_FILE: ab_users().to_csv(**options).encode("utf-8"),
        GEO_FILE: panel.to_csv(**options).encode("utf-8"),
    }
