"""Existing customers and a campaign: those who bought with it during its window (reached)
against customers who bought in the same window without it, matched on pre-campaign recency,
frequency, spend and tenure (nearest neighbour); purchases in the days after the window against
the days before it (difference in differences), pooled over the campaigns with both periods in
the data. Both groups bought during the window, so both were still customers then."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers.log import Purchases
from analytics.selection import Campaign

MIN_REACHED = 20
BOOTSTRAP_DRAWS = 2000
FEATURES = ("frequency", "recency", "spend", "tenure")


@dataclass(frozen=True)
class MatchedComparison:
    """Purchase days per customer in the ``period_days`` before each campaign and after it, for
    reached customers and their matches; ``effect`` is the difference in differences with a
    percentile bootstrap interval (pairs resampled), ``relative`` it against the reached
    customers' purchases without the campaign (their before plus the matches' change)."""

    period_days: int
    campaigns: tuple[str, ...]
    reached: int
    pool: int
    matched: int
    before_reached: float
    after_reached: float
    before_matched: float
    after_matched: float
    effect: float
    ci: tuple[float, float]
    relative: float
    relative_ci: tuple[float, float]

    @property
    def detected(self) -> bool:
        return self.ci[0] > 0 or self.ci[1] < 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "campaigns": list(self.campaigns), "detected": self.detected}


def matched_comparison(
    bought: Purchases, labelled: pd.DataFrame, campaigns: list[Campaign], period_days: int
) -> tuple[MatchedComparison | None, str | None]:
    """The comparison, or None and why: ``no_full_period`` (no campaign has ``period_days`` of
    data before and after it with customers older than that), ``too_few_reached``."""
    period = pd.Timedelta(days=period_days)
    firsts = bought.frame.groupby("customer", observed=True)["day"].min()
    pairs, used, pool_size = [], [], 0
    for campaign in campaigns:
        if campaign.start - period < bought.first_day or campaign.end + period > bought.last_day:
            continue
        groups = _groups(bought, labelled, firsts, campaign, period)
        if groups is None:
            continue
        reached, pool = groups
        pairs.append(_matched_pairs(reached, pool))
        used.append(campaign.name)
        pool_size += len(pool)
    if not used:
        return None, "no_full_period"
    table = pd.concat(pairs, ignore_index=True)
    if len(table) < MIN_REACHED:
        return None, "too_few_reached"
    return _difference_in_differences(table, period_days, tuple(used), pool_size), None


def _groups(
    bought: Purchases,
    labelled: pd.DataFrame,
    firsts: pd.Series,
    campaign: Campaign,
    period: pd.Timedelta,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Pre-campaign features and before/after purchases of the reached customers and of the
    pool (existing customers who bought in the window without the campaign)."""
    daily = bought.frame
    existing = firsts.index[firsts <= campaign.start - period]
    in_window = daily.loc[daily["day"].between(campaign.start, campaign.end), "customer"]
    buyers = pd.Index(in_window.unique()).intersection(existing)
    used = labelled.loc[
        (labelled["campaign"] == campaign.name)
        & labelled["day"].between(campaign.start, campaign.end),
        "customer",
    ]
    is_reached = buyers.isin(pd.Index(used.unique()))
    if not is_reached.any() or is_reached.all():
        return None
    features = _features(daily, buyers, campaign, period)
    return features[is_reached], features[~is_reached]


def _features(
    daily: pd.DataFrame, customers: pd.Index, campaign: Campaign, period: pd.Timedelta
) -> pd.DataFrame:
    rows = daily[daily["customer"].isin(customers)]
    before_start = rows[rows["day"] < campaign.start].groupby("customer", observed=True)
    features = pd.DataFrame(
        {
            "frequency": before_start.size(),
            "recency": (campaign.start - before_start["day"].max()).dt.days,
            "spend": np.log1p(before_start["amount"].mean()),
            "tenure": (campaign.start - before_start["day"].min()).dt.days,
        }
    ).reindex(customers)
    periods = pd.DataFrame(
        {
            "customer": rows["customer"],
            "before": rows["day"].between(campaign.start - period, campaign.start, "left"),
            "after": rows["day"].between(campaign.end, campaign.end + period, "right"),
        }
    )
    counts = periods.groupby("customer", observed=True)[["before", "after"]].sum()
    for column in ("before", "after"):
        features[column] = counts[column].reindex(customers).fillna(0).to_numpy(dtype=float)
    return features.fillna(0.0)


def _matched_pairs(reached: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    """Each reached customer with its nearest pool customer (standardised features, with
    replacement)."""
    both = pd.concat([reached, pool])[list(FEATURES)].to_numpy(dtype=float)
    scale = both.std(axis=0)
    scale[scale == 0] = 1.0
    a = reached[list(FEATURES)].to_numpy(dtype=float) / scale
    b = pool[list(FEATURES)].to_numpy(dtype=float) / scale
    nearest = ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return pd.DataFrame(
        {
            "before_reached": reached["before"].to_numpy(),
            "after_reached": reached["after"].to_numpy(),
            "before_matched": pool["before"].to_numpy()[nearest],
            "after_matched": pool["after"].to_numpy()[nearest],
            "match": pool.index.to_numpy()[nearest],
        }
    )


def _difference_in_differences(
    table: pd.DataFrame, period_days: int, campaigns: tuple[str, ...], pool: int, seed: int = 0
) -> MatchedComparison:
    change_reached = (table["after_reached"] - table["before_reached"]).to_numpy()
    change_matched = (table["after_matched"] - table["before_matched"]).to_numpy()
    without = table["before_reached"].to_numpy() + change_matched
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(table), (BOOTSTRAP_DRAWS, len(table)))
    effects = (change_reached - change_matched)[draws].mean(axis=1)
    baselines = without[draws].mean(axis=1)
    relative = effects / np.where(baselines > 0, baselines, np.nan)
    effect = float((change_reached - change_matched).mean())
    return MatchedComparison(
        period_days=period_days,
        campaigns=campaigns,
        reached=len(table),
        pool=pool,
        matched=int(table["match"].nunique()),
        before_reached=float(table["before_reached"].mean()),
        after_reached=float(table["after_reached"].mean()),
        before_matched=float(table["before_matched"].mean()),
        after_matched=float(table["after_matched"].mean()),
        effect=effect,
        ci=percentile_interval(effects),
        relative=effect / without.mean() if without.mean() > 0 else float("nan"),
        relative_ci=percentile_interval(relative),
    )


def percentile_interval(draws: np.ndarray) -> tuple[float, float]:
    low, high = np.nanquantile(draws, [0.025, 0.975])
    return (float(low), float(high))
