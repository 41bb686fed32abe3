"""RFM: recency, frequency and monetary value per customer, scored 1-5 by quantile, and the
segment each (recency, frequency) pair of scores belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers.log import Summary

SCORES = 5
# Segments in the order shown, each with the (recency, frequency) scores it covers; every pair of
# scores from 1 to 5 belongs to exactly one (the usual RFM segment map, with "lost" split from
# "hibernating" for the customers lowest on both).
SEGMENT_RULES: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("champions", ((5, 4), (5, 5))),
    ("loyal", ((3, 4), (3, 5), (4, 4), (4, 5))),
    ("potential_loyal", ((4, 2), (4, 3), (5, 2), (5, 3))),
    ("new", ((5, 1),)),
    ("promising", ((4, 1),)),
    ("need_attention", ((3, 3),)),
    ("about_to_sleep", ((3, 1), (3, 2))),
    ("cant_lose", ((1, 5), (2, 5))),
    ("at_risk", ((1, 3), (1, 4), (2, 3), (2, 4))),
    ("hibernating", ((1, 2), (2, 1), (2, 2))),
    ("lost", ((1, 1),)),
)
SEGMENTS = tuple(name for name, _ in SEGMENT_RULES)
_SEGMENT_OF = {cell: name for name, cells in SEGMENT_RULES for cell in cells}


def quantile_scores(values: np.ndarray) -> np.ndarray:
    """1-5 by the value's mid-rank percentile ((rank - 1/2) / n; ties share their average rank,
    so equal values get the same score): the lowest fifth scores 1, the highest fifth 5."""
    ranks = pd.Series(values).rank(method="average").to_numpy()
    percentile = (ranks - 0.5) / max(len(values), 1)
    return np.clip(np.ceil(percentile * SCORES), 1, SCORES).astype(int)


def segment_of(recency_score: int, frequency_score: int) -> str:
    return _SEGMENT_OF[(int(recency_score), int(frequency_score))]


@dataclass(frozen=True)
class SegmentShare:
    """A segment's customers, revenue and share of all revenue."""

    segment: str
    customers: int
    revenue: float
    revenue_share: float
    mean_recency_days: float
    mean_purchases: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "customers": self.customers,
            "revenue": self.revenue,
            "revenue_share": self.revenue_share,
            "mean_recency_days": self.mean_recency_days,
            "mean_purchases": self.mean_purchases,
        }


@dataclass(frozen=True)
class Rfm:
    """Per customer (``table``: customer, recency_days, purchases, revenue, r, f, m, segment)
    and per segment, in SEGMENTS order (segments without customers left out)."""

    table: pd.DataFrame
    segments: tuple[SegmentShare, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"segments": [s.to_dict() for s in self.segments]}


def rfm(summary: Summary) -> Rfm:
    """Scores and segments of every customer in the summary: recency is days since the last
    purchase (fewer is better), frequency the number of purchases, monetary total spend."""
    purchases = summary.frequency + 1
    r = quantile_scores(-summary.days_since)
    f = quantile_scores(purchases)
    m = quantile_scores(summary.revenue)
    table = pd.DataFrame(
        {
            "customer": summary.customers,
            "recency_days": summary.days_since,
            "purchases": purchases.astype(int),
            "revenue": summary.revenue,
            "r": r,
            "f": f,
            "m": m,
            "segment": [segment_of(a, b) for a, b in zip(r, f, strict=True)],
        }
    )
    return Rfm(table, segment_shares(table))


def segment_shares(table: pd.DataFrame) -> tuple[SegmentShare, ...]:
    total = float(table["revenue"].sum())
    grouped = table.groupby("segment", sort=False).agg(
        customers=("customer", "size"),
        revenue=("revenue", "sum"),
        recency=("recency_days", "mean"),
        purchases=("purchases", "mean"),
    )
    return tuple(
        SegmentShare(
            segment=name,
            customers=int(grouped.at[name, "customers"]),
            revenue=float(grouped.at[name, "revenue"]),
            revenue_share=float(grouped.at[name, "revenue"]) / total if total else 0.0,
            mean_recency_days=float(grouped.at[name, "recency"]),
            mean_purchases=float(grouped.at[name, "purchases"]),
        )
        for name in SEGMENTS
        if name in grouped.index
    )
