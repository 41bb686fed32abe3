"""Which items to feature for each customer segment: the RFM segments of the Customers page,
computed from the kept order lines, and per segment the items its customers favour relative to
all customers (lift over overall popularity), among items with enough buyers in the segment that
a handful of purchases cannot win.

Lift compares shares of purchases (distinct customer-item pairs): the item's share of what the
segment bought over its share of what everyone bought. Comparing shares of customers instead
would make every item look special to a segment that simply buys more (on the sample, 88 of the
96 items would "lift" champions and 1 of 96 the lost customers, tastes being the same). Each
lift's q-value says whether it stands clear of chance: on the sample, whose planted tastes are
not tied to recency or frequency, none of the 432 candidates does (28 have p below 0.05)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import binom, false_discovery_control

from analytics.customers.log import LogColumns as PurchaseColumns
from analytics.customers.log import purchases, summarise
from analytics.customers.rfm import Rfm, rfm
from analytics.errors import UserInputError
from analytics.recommend.lines import CleanLines, Dropped
from analytics.recommend.matrix import incidence

DEFAULT_MIN_BUYERS = 5
DEFAULT_TOP_ITEMS = 5
FALSE_DISCOVERY_RATE = 0.05


@dataclass(frozen=True)
class FeaturedItem:
    """An item for a segment: its buyers in the segment, their share of the segment's customers,
    the share of all customers who bought it, its lift (share of the segment's purchases over
    share of all purchases) and the q-value of that lift (Benjamini-Hochberg over every
    segment's candidate items): below FALSE_DISCOVERY_RATE it stands clear of chance."""

    item: str
    buyers: int
    share: float
    overall_share: float
    lift: float
    q_value: float

    @property
    def beyond_chance(self) -> bool:
        return self.q_value < FALSE_DISCOVERY_RATE

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "beyond_chance": self.beyond_chance}


@dataclass(frozen=True)
class SegmentItems:
    """A segment's customers, share of revenue and items to feature, highest lift first (none
    when no item its customers buy more often than everyone has enough buyers)."""

    segment: str
    customers: int
    revenue_share: float
    items: tuple[FeaturedItem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "customers": self.customers,
            "revenue_share": self.revenue_share,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class SegmentOffers:
    """The items to feature per segment (segments in the Customers page's order), the RFM date
    and the lines left out."""

    as_of: str
    customers: int
    min_buyers: int
    segments: tuple[SegmentItems, ...]
    dropped: Dropped

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "customers": self.customers,
            "min_buyers": self.min_buyers,
            "segments": [s.to_dict() for s in self.segments],
            "dropped": self.dropped.to_dict(),
        }


def customer_segments(lines: CleanLines) -> Rfm:
    """Each customer's RFM scores and segment from the kept lines (one purchase per customer and
    day, worth the day's line amounts), as of the log's last day."""
    if "customer" not in lines.frame or "date" not in lines.frame:
        raise UserInputError(
            "Choose the customer and date columns to group customers into segments.",
            code="rec_needs_customer_date",
        )
    bought = purchases(
        lines.frame[["customer", "date", "amount"]], PurchaseColumns("customer", "date", "amount")
    )
    return rfm(summarise(bought))


def segment_offers(
    lines: CleanLines, min_buyers: int = DEFAULT_MIN_BUYERS, top: int = DEFAULT_TOP_ITEMS
) -> SegmentOffers:
    """Per segment, up to ``top`` items with at least ``min_buyers`` buyers in it and a lift
    above 1, highest lift first (ties: more buyers, then the item's name), each with its
    q-value across every segment's such items."""
    _check_counts(min_buyers, top)
    scores = customer_segments(lines)
    bought = incidence(lines.frame["customer"], lines.frame["item"])
    segment = pd.Series(scores.table["segment"].to_numpy(), index=scores.table["customer"])
    member = segment.reindex(pd.Index(bought.rows)).to_numpy()
    everyone = _Buyers.of(bought.matrix)
    found = [
        _candidates(_Buyers.of(bought.matrix[member == s.segment]), everyone, min_buyers)
        for s in scores.segments
    ]
    _add_q_values(found)
    segments = tuple(
        SegmentItems(
            segment=share.segment,
            customers=share.customers,
            revenue_share=share.revenue_share,
            items=_featured(candidates, bought.columns, top),
        )
        for share, candidates in zip(scores.segments, found, strict=True)
    )
    return SegmentOffers(
        as_of=f"{lines.frame['date'].max():%Y-%m-%d}",
        customers=bought.matrix.shape[0],
        min_buyers=min_buyers,
        segments=segments,
        dropped=lines.dropped,
    )


@dataclass(frozen=True)
class _Buyers:
    """Of a group of customers: how many, and how many of them bought each item."""

    customers: int
    per_item: np.ndarray

    @classmethod
    def of(cls, rows: sp.csr_matrix) -> _Buyers:
        return cls(rows.shape[0], np.asarray(rows.sum(axis=0), dtype=np.float64).ravel())

    def share_of_customers(self) -> np.ndarray:
        return self.per_item / max(self.customers, 1)

    def share_of_purchases(self) -> np.ndarray:
        return self.per_item / max(self.per_item.sum(), 1.0)


def _candidates(segment: _Buyers, everyone: _Buyers, min_buyers: int) -> pd.DataFrame:
    """The segment's items with at least ``min_buyers`` buyers and a lift above 1 (columns:
    column, buyers, share, overall_share, lift, p_value). The p-value is the chance of at least
    that many of the segment's purchases being the item were it bought as by everyone
    (binomial)."""
    overall = everyone.share_of_purchases()
    lift = np.divide(
        segment.share_of_purchases(), overall, out=np.zeros_like(overall), where=overall > 0
    )
    buyers = segment.per_item
    eligible = np.flatnonzero((buyers >= min_buyers) & (lift > 1))
    return pd.DataFrame(
        {
            "column": eligible,
            "buyers": buyers[eligible].astype(int),
            "share": segment.share_of_customers()[eligible],
            "overall_share": everyone.share_of_customers()[eligible],
            "lift": lift[eligible],
            "p_value": binom.sf(buyers[eligible] - 1, buyers.sum(), overall[eligible]),
        }
    )


def _add_q_values(found: list[pd.DataFrame]) -> None:
    """Benjamini-Hochberg q-values over every segment's candidates together."""
    p_values = np.concatenate([c["p_value"].to_numpy() for c in found] + [np.zeros(0)])
    q_values = false_discovery_control(p_values) if p_values.size else p_values
    ends = np.cumsum([len(c) for c in found])
    for candidates, q in zip(found, np.split(q_values, ends[:-1]), strict=True):
        candidates["q_value"] = q


def _featured(candidates: pd.DataFrame, items: np.ndarray, top: int) -> tuple[FeaturedItem, ...]:
    """The ``top`` candidates by lift (ties: more buyers, then the item's name)."""
    ranked = candidates.assign(item=items[candidates["column"].to_numpy()].astype(str))
    ranked = ranked.sort_values(
        ["lift", "buyers", "item"], ascending=[False, False, True], kind="stable"
    ).head(top)
    return tuple(
        FeaturedItem(
            item=row.item,
            buyers=int(row.buyers),
            share=float(row.share),
            overall_share=float(row.overall_share),
            lift=float(row.lift),
            q_value=float(row.q_value),
        )
        for row in ranked.itertuples(index=False)
    )


def _check_counts(min_buyers: int, top: int) -> None:
    if min_buyers < 1:
        raise UserInputError(
            f"The minimum number of buyers must be at least 1; got {min_buyers}.",
            code="rec_bad_min_buyers",
            value=min_buyers,
        )
    if top < 1:
        raise UserInputError(f"N must be at least 1; got {top}.", code="rec_bad_k", value=top)
