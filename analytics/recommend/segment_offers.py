"""Which items to feature for each customer segment: the RFM segments of the Customers page,
computed from the kept order lines, and per segment the items its customers favour relative to
all customers (lift over overall popularity), among items with enough buyers in the segment that
a handful of purchases cannot win.

Lift compares shares of purchases (distinct customer-item pairs): the item's share of what the
segment bought over its share of what everyone bought. Comparing shares of customers instead
would make every item look special to a segment that simply buys more (on the sample, 88 of the
96 items would "lift" champions and 1 of 96 the lost customers, tastes being the same)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.customers.log import LogColumns as PurchaseColumns
from analytics.customers.log import purchases, summarise
from analytics.customers.rfm import Rfm, rfm
from analytics.errors import UserInputError
from analytics.recommend.lines import CleanLines, Dropped
from analytics.recommend.matrix import incidence

DEFAULT_MIN_BUYERS = 5
DEFAULT_TOP_ITEMS = 5


@dataclass(frozen=True)
class FeaturedItem:
    """An item for a segment: its buyers in the segment, their share of the segment's customers,
    the share of all customers who bought it, and its lift (share of the segment's purchases over
    share of all purchases)."""

    item: str
    buyers: int
    share: float
    overall_share: float
    lift: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    above 1, highest lift first (ties: more buyers, then the item's name)."""
    _check_counts(min_buyers, top)
    scores = customer_segments(lines)
    bought = incidence(lines.frame["customer"], lines.frame["item"])
    segment = pd.Series(scores.table["segment"].to_numpy(), index=scores.table["customer"])
    member = segment.reindex(pd.Index(bought.rows)).to_numpy()
    everyone = _Buyers.of(bought.matrix)
    segments = tuple(
        SegmentItems(
            segment=share.segment,
            customers=share.customers,
            revenue_share=share.revenue_share,
            items=_featured(
                _Buyers.of(bought.matrix[member == share.segment]),
                everyone,
                bought.columns,
                min_buyers,
                top,
            ),
        )
        for share in scores.segments
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


def _featured(
    segment: _Buyers, everyone: _Buyers, items: np.ndarray, min_buyers: int, top: int
) -> tuple[FeaturedItem, ...]:
    """The segment's items with at least ``min_buyers`` buyers and a lift above 1."""
    overall = everyone.share_of_purchases()
    lift = np.divide(
        segment.share_of_purchases(), overall, out=np.zeros_like(overall), where=overall > 0
    )
    buyers = segment.per_item
    eligible = np.flatnonzero((buyers >= min_buyers) & (lift > 1))
    order = sorted(eligible, key=lambda i: (-lift[i], -buyers[i], str(items[i])))[:top]
    share, overall_share = segment.share_of_customers(), everyone.share_of_customers()
    return tuple(
        FeaturedItem(
            item=str(items[i]),
            buyers=int(buyers[i]),
            share=float(share[i]),
            overall_share=float(overall_share[i]),
            lift=float(lift[i]),
        )
        for i in order
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
