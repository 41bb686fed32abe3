"""On the sample's order lines: the planted pairs come first, the recommender beats popularity
on held-out orders, and the lines left out are the ones planted."""

from __future__ import annotations

import json

import pytest

from analytics.ingest.load import load
from analytics.recommend.evaluation import default_cutoff, evaluate
from analytics.recommend.lines import LogColumns, clean_lines
from analytics.recommend.next_items import next_items
from analytics.recommend.rules import basket_rules
from analytics.samples import SAMPLE_DIR

COLUMNS = LogColumns(
    item="sku", order="invoice_no", customer="customer_id", date="order_date", quantity="quantity"
)


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((SAMPLE_DIR / "ground_truth.json").read_text(encoding="utf-8"))["baskets"]


@pytest.fixture(scope="module")
def lines(truth: dict):
    dataset = load(SAMPLE_DIR / truth["file"])
    assert dataset.mapping.columns("item") == ["sku"]
    assert dataset.mapping.columns("order") == ["invoice_no"]
    return clean_lines(dataset.frame, COLUMNS)


def test_left_out_lines_are_the_planted_returns_cancellations_and_guests(lines, truth) -> None:
    dropped = lines.dropped
    assert dropped.cancelled == truth["cancelled_lines"]
    assert dropped.returns == truth["return_lines"]
    assert dropped.no_customer == truth["lines_without_customer"]


def test_planted_pairs_have_the_highest_lift(lines, truth) -> None:
    result = basket_rules(lines, 0.01, 0.25)
    planted = {tuple(sorted(pair["items"])) for pair in truth["pairs"]}
    top = {(p.first, p.second) for p in result.pairs[: len(planted)]}
    assert top == planted
    first_rules = result.rules[: 2 * len(planted)]
    assert {tuple(sorted(r.antecedent + r.consequent)) for r in first_rules} == planted
    # Each rule's confidence near the planted probability of the second item joining.
    for rule in first_rules:
        assert rule.confidence == pytest.approx(truth["pairs"][0]["probability"], abs=0.16)
    assert all(r.lift > 5 for r in first_rules)
    assert all(p.lift < 3 for p in result.pairs[len(planted) :])
    assert {(p.first, p.second) for p in result.bundles()} == planted


def test_recommenders_beat_popularity_on_held_out_orders(lines) -> None:
    result = evaluate(lines, default_cutoff(lines.frame["date"]), k=10)
    popularity = result.score("popularity").recall_at_k
    assert result.users_evaluated > 500
    assert result.score("item_item").recall_at_k > 2 * popularity
    assert result.score("als").recall_at_k > 1.5 * popularity
    assert result.best in ("item_item", "als")
    assert result.score(result.best).precision_at_k > 2 * result.score("popularity").precision_at_k


def test_recommendations_follow_each_customers_segment(lines, truth) -> None:
    result = next_items(lines, "item_item", top_n=5)
    bought = lines.frame.groupby("customer")["item"].agg(
        lambda s: s.str[:3].value_counts().index[0]
    )
    table = result.table.assign(category=result.table["item"].str[:3])
    favourite = table["customer"].map(bought)
    segment_of = {c: s for s, v in truth["segments"].items() for c in v["categories"]}
    same_segment = table["category"].map(segment_of) == favourite.map(segment_of)
    assert same_segment.mean() > 0.8
    assert all(len(b) >= 1 for b in table["because"])
