"""RFM on a hand-made order log: one purchase per customer and day, quantile scores, the segment
map, counts and revenue shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.customers.log import LogColumns, purchases, summarise
from analytics.customers.rfm import SEGMENT_RULES, quantile_scores, rfm, segment_of
from analytics.errors import UserInputError

END = pd.Timestamp("2024-12-31")
COLUMNS = LogColumns("who", "when", "paid")


def hand_made_log() -> pd.DataFrame:
    """Customer c<i> (i = 1..10) buys i times, 10 days apart, the last purchase 20 (10 - i) days
    before the end, each for 10 × i; c10 also pays a second order on its last day."""
    rows = []
    for i in range(1, 11):
        last = END - pd.Timedelta(days=20 * (10 - i))
        rows += [(f"c{i}", last - pd.Timedelta(days=10 * k), 10.0 * i) for k in range(i)]
    rows.append(("c10", END, 5.0))
    return pd.DataFrame(rows, columns=["who", "when", "paid"])


def test_orders_of_one_customer_on_one_day_are_one_purchase() -> None:
    bought = purchases(hand_made_log(), COLUMNS)
    assert bought.transactions == 56 and len(bought.frame) == 55
    summary = summarise(bought)
    ten = list(summary.customers).index("c10")
    assert summary.frequency[ten] == 9  # ten purchase days, nine of them repeats
    assert summary.revenue[ten] == 1005.0
    assert summary.repeat_value[ten] == pytest.approx((1005.0 - 100.0) / 9)
    assert summary.age[ten] == pytest.approx(90 / 7)  # weeks from the first purchase to the end
    assert summary.recency[ten] == pytest.approx(90 / 7)


def test_scores_and_segments_of_the_hand_made_log() -> None:
    result = rfm(summarise(purchases(hand_made_log(), COLUMNS)))
    table = result.table.set_index("customer")
    expected_scores = {f"c{i}": (i + 1) // 2 for i in range(1, 11)}
    assert table["r"].to_dict() == expected_scores
    assert table["f"].to_dict() == expected_scores
    assert table["m"].to_dict() == expected_scores
    assert table.loc[["c1", "c2"], "segment"].tolist() == ["lost", "lost"]
    assert table.loc[["c3", "c4"], "segment"].tolist() == ["hibernating"] * 2
    assert table.loc[["c5", "c6"], "segment"].tolist() == ["need_attention"] * 2
    assert table.loc[["c7", "c8"], "segment"].tolist() == ["loyal"] * 2
    assert table.loc[["c9", "c10"], "segment"].tolist() == ["champions"] * 2
    shares = {s.segment: s for s in result.segments}
    revenue = 10.0 * np.arange(1, 11) ** 2
    revenue[-1] += 5.0
    assert shares["champions"].customers == 2
    assert shares["champions"].revenue_share == pytest.approx(
        (revenue[8] + revenue[9]) / revenue.sum()
    )
    assert sum(s.revenue_share for s in result.segments) == pytest.approx(1.0)
    assert [s.segment for s in result.segments] == [
        "champions",
        "loyal",
        "need_attention",
        "hibernating",
        "lost",
    ]


def test_ties_share_a_score_and_a_new_customer_is_new() -> None:
    frame = hand_made_log()
    newcomer = pd.DataFrame([("n1", END, 50.0)], columns=frame.columns)
    table = rfm(summarise(purchases(pd.concat([frame, newcomer]), COLUMNS))).table
    row = table.set_index("customer").loc["n1"]
    assert row["r"] == 5 and row["f"] == 1 and row["segment"] == "new"
    assert table.loc[table["purchases"] == 1, "f"].nunique() == 1
    assert list(quantile_scores(np.array([3.0, 3.0, 3.0, 3.0]))) == [3, 3, 3, 3]


def test_every_pair_of_scores_has_one_segment() -> None:
    cells = [cell for _, group in SEGMENT_RULES for cell in group]
    assert sorted(cells) == [(r, f) for r in range(1, 6) for f in range(1, 6)]
    assert segment_of(5, 5) == "champions" and segment_of(1, 4) == "at_risk"


def test_text_in_the_amount_column_is_refused_with_a_sentence() -> None:
    frame = hand_made_log().assign(paid=lambda f: f["paid"].astype(str))
    with pytest.raises(UserInputError, match="does not hold amounts") as caught:
        purchases(frame, COLUMNS)
    assert caught.value.code == "cust_not_amounts"
    with pytest.raises(UserInputError) as missing:
        purchases(hand_made_log(), LogColumns("client", "when", "paid"))
    assert missing.value.code == "series_no_column"
