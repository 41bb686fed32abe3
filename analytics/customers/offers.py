"""An offer for each customer and segment: what the data say each responds to (propensity to
buy in the next period, past discount share, CLV) and a suggested action with its expected
value and cost. The rules and each offer's assumed uplift are plain and shown with the result.

Economics of an offer sent to a customer with purchase probability P and expected spend S:
uplift u (relative, scaled by the customer's past discount share against everyone's) makes it
P (1 + u); incremental revenue = P u S; the discount d is given on every redeemed purchase, the
ones that would have happened anyway included: cost = P (1 + u) S d + contact cost; expected
value = incremental revenue × margin − cost. An offer whose expected value for a customer is
negative is not sent to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers.rfm import SEGMENTS
from analytics.errors import UserInputError


@dataclass(frozen=True)
class Offer:
    """A discount on the next purchase, its assumed relative uplift in purchase probability for a
    customer of average discount sensitivity, and the cost of sending it."""

    name: str
    discount: float
    uplift: float
    contact_cost: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "discount": self.discount,
            "uplift": self.uplift,
            "contact_cost": self.contact_cost,
        }


NO_DISCOUNT = Offer("no_discount", 0.0, 0.0, 0.0)  # keep them close: perks, early access
WELCOME = Offer("second_purchase_coupon", 0.10, 0.40, 0.5)
REMINDER = Offer("reminder_coupon", 0.05, 0.25, 0.5)
WIN_BACK = Offer("win_back_coupon", 0.15, 0.80, 0.5)
NOTHING = Offer("no_offer", 0.0, 0.0, 0.0)
OFFERS = (NO_DISCOUNT, WELCOME, REMINDER, WIN_BACK, NOTHING)
SENT = frozenset(o.name for o in (WELCOME, REMINDER, WIN_BACK))  # coupons that are mailed
# Segment → (offer for its high-value customers, offer for the others); high value: CLV at or
# above the median of all customers.
RULES = {
    "champions": (NO_DISCOUNT, NO_DISCOUNT),
    "loyal": (NO_DISCOUNT, NO_DISCOUNT),
    "potential_loyal": (WELCOME, WELCOME),
    "new": (WELCOME, WELCOME),
    "promising": (WELCOME, WELCOME),
    "need_attention": (REMINDER, REMINDER),
    "about_to_sleep": (REMINDER, REMINDER),
    "cant_lose": (WIN_BACK, WIN_BACK),
    "at_risk": (WIN_BACK, REMINDER),
    "hibernating": (WIN_BACK, NOTHING),
    "lost": (WIN_BACK, NOTHING),
}
SENSITIVITY_RANGE = (0.5, 2.0)  # how far the past discount share moves an offer's uplift


@dataclass(frozen=True)
class SegmentOffer:
    """A segment's customers, what they respond to (mean propensity, past discount share, CLV),
    its most common suggested offer, the customers sent a coupon, and the coupons' sums."""

    segment: str
    customers: int
    propensity: float
    discount_share: float
    clv: float
    offer: str
    targeted: int
    expected_revenue: float
    cost: float
    expected_value: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "customers": self.customers,
            "propensity": self.propensity,
            "discount_share": self.discount_share,
            "clv": self.clv,
            "offer": self.offer,
            "targeted": self.targeted,
            "expected_revenue": self.expected_revenue,
            "cost": self.cost,
            "expected_value": self.expected_value,
        }


@dataclass(frozen=True)
class OfferPlan:
    """The targeting list (one row per customer: customer, segment, p_alive, clv, propensity,
    offer, expected_value, cost) and its summary per segment, at the given margin."""

    margin: float
    segments: tuple[SegmentOffer, ...]
    targets: pd.DataFrame

    @property
    def expected_value(self) -> float:
        return float(sum(s.expected_value for s in self.segments))

    @property
    def cost(self) -> float:
        return float(sum(s.cost for s in self.segments))

    def to_dict(self) -> dict[str, Any]:
        return {
            "margin": self.margin,
            "offers": [o.to_dict() for o in OFFERS],
            "segments": [s.to_dict() for s in self.segments],
            "expected_value": self.expected_value,
            "cost": self.cost,
        }


def plan_offers(customers: pd.DataFrame, propensity: pd.Series, margin: float) -> OfferPlan:
    """``customers``: the Customers table (customer, segment, p_alive, clv, expected_spend,
    discount_share); ``propensity``: each customer's probability of buying in the next period,
    indexed by customer."""
    if not 0 < margin <= 1:
        raise UserInputError(
            f"The gross margin must be a fraction above 0 and at most 1, not {margin}.",
            code="margin_range",
            margin=margin,
        )
    table = customers.copy()
    table["propensity"] = propensity.reindex(table["customer"].astype(str)).to_numpy()
    table["propensity"] = table["propensity"].fillna(table["propensity"].mean())
    high = table["clv"] >= table["clv"].median()
    offers = [RULES[s][0 if h else 1] for s, h in zip(table["segment"], high, strict=True)]
    table["offer"] = [o.name for o in offers]
    sensitivity = _sensitivity(table["discount_share"].to_numpy())
    uplift = np.array([o.uplift for o in offers]) * sensitivity
    discount = np.array([o.discount for o in offers])
    contact = np.array([o.contact_cost for o in offers])
    chance, spend = table["propensity"].to_numpy(), table["expected_spend"].to_numpy()
    table["expected_revenue"] = chance * uplift * spend
    table["cost"] = chance * (1 + uplift) * spend * discount + contact
    table["expected_value"] = table["expected_revenue"] * margin - table["cost"]
    losing = table["expected_value"] < 0
    table.loc[losing, "offer"] = NOTHING.name
    table.loc[losing, ["expected_revenue", "cost", "expected_value"]] = 0.0
    return OfferPlan(margin, _per_segment(table), table[TARGET_COLUMNS])


TARGET_COLUMNS = [
    "customer",
    "segment",
    "p_alive",
    "clv",
    "propensity",
    "offer",
    "expected_value",
    "cost",
]


def _sensitivity(discount_share: np.ndarray) -> np.ndarray:
    """Past discount share against everyone's: a customer who bought on discount twice as often
    as the average responds (by assumption) twice as much, within SENSITIVITY_RANGE."""
    mean = float(np.mean(discount_share))
    if mean <= 0:
        return np.ones_like(discount_share)
    return np.clip(discount_share / mean, *SENSITIVITY_RANGE)


def _per_segment(table: pd.DataFrame) -> tuple[SegmentOffer, ...]:
    rows = []
    for segment in SEGMENTS:
        part = table[table["segment"] == segment]
        if part.empty:
            continue
        made = part.loc[part["offer"] != NOTHING.name, "offer"].value_counts()
        rows.append(
            SegmentOffer(
                segment=segment,
                customers=len(part),
                propensity=float(part["propensity"].mean()),
                discount_share=float(part["discount_share"].mean()),
                clv=float(part["clv"].mean()),
                offer=str(made.index[0]) if len(made) else NOTHING.name,
                targeted=int(part["offer"].isin(SENT).sum()),
                expected_revenue=float(part["expected_revenue"].sum()),
                cost=float(part["cost"].sum()),
                expected_value=float(part["expected_value"].sum()),
            )
        )
    return tuple(rows)
