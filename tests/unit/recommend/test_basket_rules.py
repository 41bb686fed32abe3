"""Association rules against a basket fixture counted by hand, and the lines left out."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from analytics.errors import UserInputError
from analytics.recommend.lines import LogColumns, clean_lines
from analytics.recommend.matrix import incidence
from analytics.recommend.rules import basket_rules, frequent_itemsets

# Six orders: A, B, C each in 4, D in 2; AB, AC, BC in 3; ABC in 2; D with one other item once.
# A return (negative quantity) and a cancelled invoice must not count.
BASKETS = {
    "1": "ABC",
    "2": "AB",
    "3": "AC",
    "4": "BC",
    "5": "ABCD",
    "6": "D",
}
COLUMNS = LogColumns(item="item", order="order", quantity="qty")


def basket_frame() -> pd.DataFrame:
    rows = [(order, item, 1) for order, items in BASKETS.items() for item in items]
    rows += [("2", "E", -1), ("C7", "D", -2), ("C7", "E", -1)]
    return pd.DataFrame(rows, columns=["order", "item", "qty"])


def test_hand_counted_rules_sorted_by_lift() -> None:
    lines = clean_lines(basket_frame(), COLUMNS)
    assert (lines.dropped.returns, lines.dropped.cancelled) == (1, 2)
    result = basket_rules(lines, min_support=0.3, min_confidence=0.6)
    assert (result.orders, result.items) == (6, 4)
    # A->B: 3 of A's 4 orders; lift 0.75 / (4/6) = 1.125. AB->C: 2 of 3; lift (2/3)/(4/6) = 1.
    pairs = [(("A",), ("B",)), (("A",), ("C",)), (("B",), ("A",))]
    pairs += [(("B",), ("C",)), (("C",), ("A",)), (("C",), ("B",))]
    triples = [(("A", "B"), ("C",)), (("A", "C"), ("B",)), (("B", "C"), ("A",))]
    assert len(result.rules) == 9
    assert [(r.antecedent, r.consequent) for r in result.rules] == pairs + triples
    for rule in result.rules[:6]:
        assert (rule.support, rule.confidence, rule.lift) == pytest.approx((0.5, 0.75, 1.125))
    for rule in result.rules[6:]:
        assert (rule.support, rule.confidence, rule.lift) == pytest.approx((1 / 3, 2 / 3, 1.0))


def test_lower_confidence_adds_the_single_item_antecedents_of_triples() -> None:
    result = basket_rules(clean_lines(basket_frame(), COLUMNS), 0.3, 0.5)
    # Equal lifts (1.0) and supports: antecedents alphabetically, a shorter one first.
    triples = [(r.antecedent, r.consequent, round(r.confidence, 3)) for r in result.rules[6:]]
    assert triples == [
        (("A",), ("B", "C"), 0.5),
        (("A", "B"), ("C",), 0.667),
        (("A", "C"), ("B",), 0.667),
        (("B",), ("A", "C"), 0.5),
        (("B", "C"), ("A",), 0.667),
        (("C",), ("A", "B"), 0.5),
    ]
    assert all(r.lift == pytest.approx(1.0) for r in result.rules[6:])


def test_bundles_are_pairs_above_chance_that_pass_the_thresholds() -> None:
    result = basket_rules(clean_lines(basket_frame(), COLUMNS), 1 / 6, 0.5)
    # AB, AC, BC: lift 1.125 and confidence 0.75; AD: lift 0.75, below chance.
    assert [(p.first, p.second) for p in result.bundles()] == [("A", "B"), ("A", "C"), ("B", "C")]
    assert basket_rules(clean_lines(basket_frame(), COLUMNS), 1 / 6, 0.8).bundles() == ()


def test_pairs_carry_lift_against_chance() -> None:
    result = basket_rules(clean_lines(basket_frame(), COLUMNS), 1 / 6, 0.0)
    pair = next(p for p in result.pairs if (p.first, p.second) == ("A", "D"))
    assert pair.orders == 1 and pair.lift == pytest.approx((1 / 6) / ((4 / 6) * (2 / 6)))


def test_frequent_itemsets_equal_brute_force_counts() -> None:
    rng = np.random.default_rng(3)
    orders = rng.integers(0, 300, 2_000)
    items = rng.integers(0, 12, 2_000) // rng.integers(1, 3, 2_000)
    table = incidence(pd.Series(orders), pd.Series(items))
    dense = table.matrix.toarray().astype(bool)
    counts = frequent_itemsets(table.matrix, 15)
    expected = {}
    for size in (1, 2, 3, 4):
        for itemset in combinations(range(dense.shape[1]), size):
            count = int(dense[:, list(itemset)].all(axis=1).sum())
            if count >= 15:
                expected[itemset] = count
    assert counts == expected


@pytest.mark.parametrize(("support", "confidence", "code"), [
    (0.0, 0.5, "rec_bad_support"),
    (1.5, 0.5, "rec_bad_support"),
    (0.1, 1.2, "rec_bad_confidence"),
])  # fmt: skip
def test_thresholds_outside_their_range_are_refused(
    support: float, confidence: float, code: str
) -> None:
    with pytest.raises(UserInputError) as error:
        basket_rules(clean_lines(basket_frame(), COLUMNS), support, confidence)
    assert error.value.code == code


def test_unknown_column_and_empty_log_say_what_to_change() -> None:
    with pytest.raises(UserInputError) as error:
        clean_lines(basket_frame(), LogColumns(item="sku", order="order"))
    assert error.value.code == "rec_unknown_column" and "'sku'" in str(error.value)
    returns = basket_frame().assign(qty=-1)
    with pytest.raises(UserInputError) as error:
        clean_lines(returns, COLUMNS)
    assert error.value.code == "rec_no_lines"


def test_integer_keys_read_as_floats_print_as_whole_numbers() -> None:
    frame = pd.DataFrame({"order": [1.0, 1.0, 2.0], "item": [10.0, 11.0, 10.0]})
    lines = clean_lines(frame, LogColumns(item="item", order="order"))
    assert list(lines.frame["item"]) == ["10", "11", "10"]
