"""Items to feature per RFM segment: a hand-made log whose segments and lifts are counted by hand,
the segments the Customers page's RFM gives, line amounts, and sanity on the sample."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import binom, false_discovery_control

from analytics.customers.log import LogColumns as PurchaseColumns
from analytics.customers.log import purchases, summarise
from analytics.customers.rfm import rfm
from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.recommend.lines import LogColumns, clean_lines, line_amounts
from analytics.recommend.segment_offers import (
    DEFAULT_MIN_BUYERS,
    customer_segments,
    segment_offers,
)
from analytics.samples import SAMPLE_DIR

COLUMNS = LogColumns(
    item="item", order="order", customer="customer", date="date", quantity="qty", price="price"
)
# Five groups of ten customers; group g buys on g + 1 days, its last 10 days later than group
# g - 1's, so tied ranks put group g at recency and frequency score g + 1: (5, 5) champions,
# (4, 4) loyal, (3, 3) need attention, (2, 2) hibernating, (1, 1) lost.
SAMPLE_COLUMNS = LogColumns(
    item="sku",
    order="invoice_no",
    customer="customer_id",
    date="order_date",
    quantity="quantity",
    price="unit_price",
)
GROUP_SEGMENTS = ("lost", "hibernating", "need_attention", "loyal", "champions")


def hand_log() -> pd.DataFrame:
    """Everyone buys bread on every purchase; on their first purchase 8 champions and 2 loyal
    customers add espresso, one champion tea, and every lost customer kibble."""
    extra = {(4, n): ["espresso"] for n in range(8)} | {(3, n): ["espresso"] for n in range(2)}
    extra |= {(0, n): ["kibble"] for n in range(10)}
    extra[(4, 9)] = ["tea"]
    rows = []
    for group in range(5):
        last = pd.Timestamp("2024-01-01") + pd.Timedelta(days=40 + 10 * group)
        for n in range(10):
            customer = f"g{group}c{n}"
            for visit in range(group + 1):
                day = last - pd.Timedelta(days=3 * (group - visit))
                order = f"{customer}-{visit}"
                items = ["bread"] + (extra.get((group, n), []) if visit == 0 else [])
                rows += [(order, customer, day, item, 1, 2.0) for item in items]
    return pd.DataFrame(rows, columns=["order", "customer", "date", "item", "qty", "price"])


def by_segment(result) -> dict:
    return {s.segment: s for s in result.segments}


def test_the_hand_made_segments_and_their_featured_items() -> None:
    result = segment_offers(clean_lines(hand_log(), COLUMNS), min_buyers=3)
    segments = by_segment(result)
    assert list(segments) == [
        "champions",
        "loyal",
        "need_attention",
        "hibernating",
        "lost",
    ]
    assert all(s.customers == 10 for s in result.segments)
    assert result.customers == 50 and result.as_of == "2024-03-21"
    # 171 lines at 2.0 each; the champions' 50 bread, 8 espresso and 1 tea lines.
    assert segments["champions"].revenue_share == pytest.approx(59 / 171)
    # 71 customer-item pairs in all: 50 bread, 10 espresso, 1 tea, 10 kibble. Champions have 19.
    (espresso,) = segments["champions"].items  # tea has 1 buyer, under 3; bread is below 1
    assert (espresso.item, espresso.buyers) == ("espresso", 8)
    assert espresso.share == pytest.approx(0.8) and espresso.overall_share == pytest.approx(0.2)
    assert espresso.lift == pytest.approx((8 / 19) / (10 / 71))
    (kibble,) = segments["lost"].items
    assert (kibble.item, kibble.buyers, kibble.share) == ("kibble", 10, 1.0)
    assert kibble.lift == pytest.approx((10 / 20) / (10 / 71))
    # Loyal customers' espresso has 2 buyers, under 3; bread is 10 of their 12 purchases.
    assert [i.item for i in segments["loyal"].items] == ["bread"]
    assert segments["loyal"].items[0].lift == pytest.approx((10 / 12) / (50 / 71))
    # A segment buying only bread: bread is all its purchases, against 50 of 71 overall.
    assert [i.item for i in segments["hibernating"].items] == ["bread"]
    assert segments["hibernating"].items[0].lift == pytest.approx(71 / 50)


def test_chance_is_judged_across_every_segments_candidates() -> None:
    """Five candidates at 3 buyers: the chance of at least that many of the segment's purchases
    being the item, were it bought as by everyone, then Benjamini-Hochberg over the five."""
    segments = by_segment(segment_offers(clean_lines(hand_log(), COLUMNS), min_buyers=3))
    p_values = {
        "champions": binom.sf(7, 19, 10 / 71),  # espresso: 8 of 19
        "loyal": binom.sf(9, 12, 50 / 71),  # bread: 10 of 12
        "need_attention": binom.sf(9, 10, 50 / 71),  # bread: 10 of 10
        "hibernating": binom.sf(9, 10, 50 / 71),
        "lost": binom.sf(9, 20, 10 / 71),  # kibble: 10 of 20
    }
    q_values = dict(zip(p_values, false_discovery_control(list(p_values.values())), strict=True))
    for name, q in q_values.items():
        assert segments[name].items[0].q_value == pytest.approx(q)
    beyond = {name for name, s in segments.items() if s.items[0].beyond_chance}
    assert beyond == {"champions", "need_attention", "hibernating", "lost"}


def test_a_lower_minimum_lets_the_single_tea_buyer_win() -> None:
    lines = clean_lines(hand_log(), COLUMNS)
    champions = by_segment(segment_offers(lines, min_buyers=1))["champions"]
    assert [i.item for i in champions.items] == ["tea", "espresso"]
    assert champions.items[0].lift == pytest.approx((1 / 19) / (1 / 71))
    top_one = by_segment(segment_offers(lines, min_buyers=1, top=1))["champions"]
    assert [i.item for i in top_one.items] == ["tea"]


def test_segments_are_the_customers_pages_rfm_on_the_kept_lines() -> None:
    frame = hand_log()
    scores = customer_segments(clean_lines(frame, COLUMNS))
    frame["amount"] = frame["qty"] * frame["price"]
    direct = rfm(summarise(purchases(frame, PurchaseColumns("customer", "date", "amount"))))
    pd.testing.assert_frame_equal(
        scores.table.reset_index(drop=True), direct.table.reset_index(drop=True)
    )
    segment = dict(zip(scores.table["customer"], scores.table["segment"], strict=True))
    for group, name in enumerate(GROUP_SEGMENTS):
        assert {segment[f"g{group}c{n}"] for n in range(10)} == {name}


def test_line_amounts_from_an_amount_a_price_or_one_per_line() -> None:
    frame = pd.DataFrame({"item": ["a", "b"], "qty": [2, 3], "price": [1.5, None], "paid": [9, 4]})
    with_amount = LogColumns(item="item", quantity="qty", price="price", amount="paid")
    assert line_amounts(frame, with_amount).tolist() == [9.0, 4.0]
    assert line_amounts(frame, LogColumns(item="item", quantity="qty", price="price")).tolist() == [
        3.0,
        0.0,
    ]
    assert line_amounts(frame, LogColumns(item="item", quantity="qty")).tolist() == [1.0, 1.0]
    with pytest.raises(UserInputError) as raised:
        line_amounts(frame.assign(paid="n/a"), with_amount)
    assert raised.value.code == "rec_not_amounts"


def test_unusable_settings_and_logs_say_what_to_change() -> None:
    lines = clean_lines(hand_log(), COLUMNS)
    with pytest.raises(UserInputError) as raised:
        segment_offers(lines, min_buyers=0)
    assert raised.value.code == "rec_bad_min_buyers"
    no_dates = clean_lines(hand_log(), LogColumns(item="item", customer="customer"))
    with pytest.raises(UserInputError) as raised:
        segment_offers(no_dates)
    assert raised.value.code == "rec_needs_customer_date"


def test_the_sample_gives_every_customer_a_segment_and_sane_items() -> None:
    """The sample's tastes are not tied to RFM segments: only the bookkeeping is checked."""
    lines = clean_lines(pd.read_csv(SAMPLE_DIR / "order_lines.csv"), SAMPLE_COLUMNS)
    result = segment_offers(lines)
    assert result.customers == lines.frame["customer"].nunique() == 1500
    assert sum(s.customers for s in result.segments) == 1500
    assert sum(s.revenue_share for s in result.segments) == pytest.approx(1.0)
    assert result.as_of == "2024-12-31"
    for segment in result.segments:
        assert len(segment.items) <= 5
        lifts = [i.lift for i in segment.items]
        assert lifts == sorted(lifts, reverse=True) and all(lift > 1 for lift in lifts)
        assert all(i.buyers >= DEFAULT_MIN_BUYERS for i in segment.items)
        assert all(i.share == pytest.approx(i.buyers / segment.customers) for i in segment.items)
    # Tastes were planted independently of recency and frequency: no lift stands clear of chance.
    assert not any(i.beyond_chance for s in result.segments for i in s.items)
    assert min(i.q_value for s in result.segments for i in s.items) > 0.2


def test_the_sample_customers_fall_in_the_segments_the_customers_page_shows() -> None:
    """The Customers page reads the sample with quantity as the amount, returns and cancelled
    invoices included; segments hang on recency and purchase days only, and match."""
    frame = load(SAMPLE_DIR / "order_lines.csv").frame
    page = rfm(
        summarise(purchases(frame, PurchaseColumns("customer_id", "order_date", "quantity")))
    )
    ours = customer_segments(clean_lines(frame, SAMPLE_COLUMNS))
    segment = dict(zip(ours.table["customer"], ours.table["segment"], strict=True))
    assert dict(zip(page.table["customer"], page.table["segment"], strict=True)) == segment
