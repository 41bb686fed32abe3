"""Offers per segment: the rules, each customer's expected value and cost, coupons only where
they pay, and the deal seekers planted in the sample found by their discount share."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.customers.analysis import analyse_customers
from analytics.customers.log import LogColumns
from analytics.customers.offers import NOTHING, SENT, WIN_BACK, plan_offers
from analytics.customers.propensity import PropensitySettings, score_next_period
from analytics.errors import UserInputError
from analytics.ingest.load import load

ROOT = Path(__file__).resolve().parents[3]
COLUMNS = LogColumns("customer_id", "order_date", "amount", "discount")


@pytest.fixture(scope="module")
def sample_plan():
    frame = load(ROOT / "sample_data" / "customer_orders.csv").frame
    customers = analyse_customers(frame, COLUMNS).table
    scored = score_next_period(frame, COLUMNS, PropensitySettings("next"))
    propensity = pd.Series(scored.future_scores, index=scored.future_ids.astype(str))
    return customers, plan_offers(customers, propensity, 0.4)


def test_a_win_back_coupon_is_worth_its_formula() -> None:
    customers = pd.DataFrame(
        {
            "customer": ["a", "b", "c"],
            "segment": ["at_risk", "at_risk", "champions"],
            "p_alive": [0.5, 0.5, 0.9],
            "clv": [300.0, 10.0, 900.0],
            "expected_spend": [100.0, 100.0, 100.0],
            "discount_share": [0.2, 0.0, 0.1],
        }
    )
    plan = plan_offers(customers, pd.Series({"a": 0.3, "b": 0.3, "c": 0.6}), 0.4)
    rows = plan.targets.set_index("customer")
    uplift = WIN_BACK.uplift * 2.0  # twice the mean discount share, the top of the range
    revenue = 0.3 * uplift * 100.0
    cost = 0.3 * (1 + uplift) * 100.0 * WIN_BACK.discount + WIN_BACK.contact_cost
    assert rows.at["a", "offer"] == WIN_BACK.name
    assert rows.at["a", "expected_value"] == pytest.approx(revenue * 0.4 - cost)
    assert rows.at["a", "cost"] == pytest.approx(cost)
    assert rows.at["b", "offer"] == NOTHING.name  # low value, never bought on discount
    assert rows.at["c", "offer"] == "no_discount" and rows.at["c", "cost"] == 0.0
    at_risk = next(s for s in plan.segments if s.segment == "at_risk")
    assert at_risk.targeted == 1 and at_risk.offer == WIN_BACK.name


def test_coupons_go_where_they_pay_and_to_the_deal_seekers(sample_plan) -> None:
    customers, plan = sample_plan
    targets = plan.targets.merge(customers[["customer", "discount_share"]], on="customer")
    sent = targets["offer"].isin(SENT)
    assert sent.sum() > 100
    assert (targets.loc[sent, "expected_value"] > 0).all()
    # The planted deal seekers buy on discount six times as often: they get the coupons.
    assert targets.loc[sent, "discount_share"].mean() > 2 * targets["discount_share"].mean()
    champions = targets[targets["segment"] == "champions"]
    assert set(champions["offer"]) == {"no_discount"}
    assert plan.expected_value == pytest.approx(targets["expected_value"].sum())
    assert plan.cost == pytest.approx(targets["cost"].sum())
    assert np.isclose(sum(s.customers for s in plan.segments), len(customers))
    assert list(plan.targets.columns) == [
        "customer", "segment", "p_alive", "clv", "propensity", "offer", "expected_value", "cost",
    ]  # fmt: skip


def test_a_margin_outside_zero_to_one_is_refused(sample_plan) -> None:
    customers, _ = sample_plan
    with pytest.raises(UserInputError) as caught:
        plan_offers(customers, pd.Series(dtype=float), 40.0)
    assert caught.value.code == "margin_range"
