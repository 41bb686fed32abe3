"""Next-item recommenders and the evaluation protocol on a fixture whose answer is known."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.errors import UserInputError
from analytics.recommend.evaluation import default_cutoff, evaluate
from analytics.recommend.lines import LogColumns, clean_lines
from analytics.recommend.next_items import next_items

CUTOFF = pd.Timestamp("2024-03-01")
COLUMNS = LogColumns(item="item", order="order", customer="customer", date="date", quantity="qty")
# Before the cut-off two tastes: A B C and D E F. u1 and u4 each miss one item of their taste
# and buy it after the cut-off; popularity offers them the other taste's items instead.
BEFORE = {"u1": "AB", "u2": "ABC", "u3": "ABC", "u4": "DE", "u5": "DEF", "u6": "DEF", "u7": "G"}
AFTER = {"u1": "CA", "u4": "F", "u8": "A"}


def log() -> pd.DataFrame:
    rows = []
    for period, baskets in (("2024-02-01", BEFORE), ("2024-03-10", AFTER)):
        for customer, items in baskets.items():
            order = f"{customer}-{period}"
            rows += [(order, customer, period, item, 1) for item in items]
    rows += [("u9-r", "u1", "2024-03-11", "D", -1), ("g-1", None, "2024-03-12", "D", 1)]
    return pd.DataFrame(rows, columns=["order", "customer", "date", "item", "qty"])


@pytest.fixture(scope="module")
def lines():
    return clean_lines(log(), COLUMNS)


def test_protocol_evaluates_customers_in_both_periods_with_something_new(lines) -> None:
    assert (lines.dropped.returns, lines.dropped.no_customer) == (1, 1)
    result = evaluate(lines, CUTOFF, k=1)
    # u1 (new: C) and u4 (new: F); u7 bought nothing after, u8 nothing before.
    assert result.users_evaluated == 2 and result.relevant_items == 2
    item_item = result.score("item_item")
    assert (item_item.recall_at_k, item_item.precision_at_k, item_item.hits) == (1.0, 1.0, 2)
    assert result.score("popularity").recall_at_k == 0.0
    assert result.best == "item_item"


def test_recall_and_precision_at_k_count_every_slot(lines) -> None:
    result = evaluate(lines, CUTOFF, k=2)
    item_item = result.score("item_item")
    assert (item_item.recall_at_k, item_item.precision_at_k) == (1.0, 0.5)
    assert result.score("popularity").hits == 0  # D and E for u1, A and B for u4


def test_per_customer_recommendations_are_new_items_only(lines) -> None:
    result = next_items(lines, "item_item", top_n=3)
    assert result.customers == 8 and result.method == "item_item"
    bought = {c: set(items) for c, items in lines.frame.groupby("customer")["item"]}
    for row in result.table.itertuples():
        assert row.item not in bought[row.customer]
        assert set(row.because) <= bought[row.customer]
    assert list(result.for_customer("u2")["rank"]) == [1, 2, 3]


def test_reasons_are_the_two_bought_items_most_like_the_recommendation() -> None:
    early = clean_lines(log()[log()["date"] < "2024-03-01"], COLUMNS)
    result = next_items(early, "item_item", top_n=1)
    u1 = result.for_customer("u1").iloc[0]
    assert u1["item"] == "C" and set(u1["because"]) == {"A", "B"}
    assert next_items(early, "popularity", 1).for_customer("u1").iloc[0]["because"] == ()


def test_a_cutoff_outside_the_dates_names_the_range(lines) -> None:
    with pytest.raises(UserInputError) as error:
        evaluate(lines, pd.Timestamp("2025-01-01"))
    assert error.value.code == "rec_cutoff_outside"
    assert error.value.params["first"] == "2024-02-01"


def test_nobody_buying_something_new_is_explained() -> None:
    repeat = log()[log()["customer"] == "u2"]
    later = repeat.assign(date="2024-03-10")
    lines = clean_lines(pd.concat([repeat, later]), COLUMNS)
    with pytest.raises(UserInputError) as error:
        evaluate(lines, CUTOFF)
    assert error.value.code == "rec_no_users_to_evaluate"


def test_default_cutoff_leaves_about_a_fifth_for_testing() -> None:
    dates = pd.Series(pd.date_range("2024-01-01", periods=100, freq="D"))
    assert default_cutoff(dates) == pd.Timestamp("2024-03-20")


def test_als_finds_the_missing_item_of_each_taste() -> None:
    """Four tastes of five items; every customer bought four of their taste's five before the
    cut-off and the fifth after it. ALS and item-item find it first; popularity cannot."""
    rows = []
    for customer in range(80):
        taste = customer % 4
        items = [f"T{taste}-{i}" for i in range(5)]
        missing = items[customer // 4 % 5]
        rows += [
            (f"o{customer}a", f"u{customer}", "2024-01-05", i, 1) for i in items if i != missing
        ]
        rows.append((f"o{customer}b", f"u{customer}", "2024-02-05", missing, 1))
    lines = clean_lines(pd.DataFrame(rows, columns=log().columns), COLUMNS)
    result = evaluate(lines, pd.Timestamp("2024-02-01"), k=1)
    assert result.users_evaluated == 80
    assert result.score("als").recall_at_k == 1.0
    assert result.score("item_item").recall_at_k == 1.0
    assert result.score("popularity").recall_at_k < 0.3
