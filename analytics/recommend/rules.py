"""Association rules (support, confidence, lift) by apriori on a sparse order × item matrix.

Each level's itemsets are counted at once with sparse products: the orders holding every
frequent (k-1)-itemset form the columns of a 0/1 matrix M, and M.T @ X counts each of them
with every item. mlxtend's FP-growth was measured slower on the same input (bench/recommend.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.errors import UserInputError
from analytics.recommend.lines import CleanLines, Dropped
from analytics.recommend.matrix import incidence

# Beyond this many frequent itemsets the thresholds are too low to be useful (or to finish).
MAX_ITEMSETS = 200_000
MAX_LENGTH = 4


@dataclass(frozen=True)
class Rule:
    """Orders holding the antecedent also hold the consequent, ``confidence`` of the time."""

    antecedent: tuple[str, ...]
    consequent: tuple[str, ...]
    support: float
    confidence: float
    lift: float
    orders: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["antecedent"], data["consequent"] = list(self.antecedent), list(self.consequent)
        return data


@dataclass(frozen=True)
class Pair:
    """Two items and how often they share an order, against chance (lift)."""

    first: str
    second: str
    support: float
    lift: float
    orders: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BasketResult:
    """Rules sorted by lift, the frequent pairs, and what was counted."""

    orders: int
    items: int
    min_support: float
    min_confidence: float
    rules: tuple[Rule, ...]
    pairs: tuple[Pair, ...]
    item_support: dict[str, float] = field(hash=False)
    dropped: Dropped = field(default_factory=Dropped)

    def bundles(self, most: int = 5) -> tuple[Pair, ...]:
        """The pairs worth selling together: bought together more often than by chance, and in
        a rule that passes the thresholds; highest lift first."""
        in_rules = {
            frozenset(r.antecedent + r.consequent)
            for r in self.rules
            if len(r.antecedent) + len(r.consequent) == 2
        }
        chosen = [
            p for p in self.pairs if p.lift > 1 and frozenset((p.first, p.second)) in in_rules
        ]
        return tuple(chosen[:most])

    def to_dict(self) -> dict[str, Any]:
        return {
            "orders": self.orders,
            "items": self.items,
            "min_support": self.min_support,
            "min_confidence": self.min_confidence,
            "rules": [rule.to_dict() for rule in self.rules],
            "pairs": [pair.to_dict() for pair in self.pairs],
            "dropped": self.dropped.to_dict(),
        }


def basket_rules(lines: CleanLines, min_support: float, min_confidence: float) -> BasketResult:
    """Every rule whose itemset (two items or more) is in ``min_support`` of the orders and whose
    confidence is at least ``min_confidence``; sorted by lift, highest first."""
    _check_thresholds(min_support, min_confidence)
    if "order" not in lines.frame:
        raise UserInputError("Choose the order column.", code="rec_no_order")
    table = incidence(lines.frame["order"], lines.frame["item"])
    n_orders = table.matrix.shape[0]
    counts = frequent_itemsets(table.matrix, max(1, int(np.ceil(min_support * n_orders - 1e-9))))
    names = table.columns.astype(str)
    rules = [
        rule
        for itemset, count in counts.items()
        if len(itemset) >= 2
        for rule in _rules_of(itemset, count, counts, n_orders, names)
        if rule.confidence >= min_confidence
    ]
    rules.sort(key=lambda r: (-round(r.lift, 9), -r.support, r.antecedent, r.consequent))
    singles = {names[s[0]]: c / n_orders for s, c in counts.items() if len(s) == 1}
    return BasketResult(
        orders=n_orders,
        items=len(names),
        min_support=min_support,
        min_confidence=min_confidence,
        rules=tuple(rules),
        pairs=_pairs(counts, n_orders, names),
        item_support=singles,
        dropped=lines.dropped,
    )


def frequent_itemsets(matrix: sp.csr_matrix, min_count: int) -> dict[tuple[int, ...], int]:
    """Itemsets (sorted column indices) held by at least ``min_count`` rows, with their counts."""
    x = matrix.tocsc()
    item_counts = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    items = np.flatnonzero(item_counts >= min_count)
    counts: dict[tuple[int, ...], int] = {(int(i),): int(item_counts[i]) for i in items}
    x = x[:, items].astype(np.int32)
    level = [(int(i),) for i in items]
    holders = x  # orders holding each itemset of the current level, one column per itemset
    while level and len(level[0]) < MAX_LENGTH:
        together = (holders.T @ x).tocoo()  # itemset × item: orders holding both
        keep = together.data >= min_count
        next_level, parents, extra = [], [], []
        for row, col, count in zip(
            together.row[keep], together.col[keep], together.data[keep], strict=True
        ):
            itemset = level[row]
            if items[col] <= itemset[-1]:
                continue
            new = (*itemset, int(items[col]))
            counts[new] = int(count)
            next_level.append(new)
            parents.append(row)
            extra.append(col)
        if len(counts) > MAX_ITEMSETS:
            raise UserInputError(
                f"More than {MAX_ITEMSETS:,} item combinations pass this minimum support; "
                "raise it.",
                code="rec_too_many_itemsets",
                limit=MAX_ITEMSETS,
            )
        if not next_level:
            break
        holders = holders[:, parents].multiply(x[:, extra]).tocsc()
        level = next_level
    return counts


def _rules_of(
    itemset: tuple[int, ...],
    count: int,
    counts: dict[tuple[int, ...], int],
    n_orders: int,
    names: np.ndarray,
) -> list[Rule]:
    support = count / n_orders
    rules = []
    for size in range(1, len(itemset)):
        for antecedent in combinations(itemset, size):
            consequent = tuple(i for i in itemset if i not in antecedent)
            confidence = count / counts[antecedent]
            lift = confidence / (counts[consequent] / n_orders)
            rules.append(
                Rule(
                    tuple(sorted(str(names[i]) for i in antecedent)),
                    tuple(sorted(str(names[i]) for i in consequent)),
                    support,
                    confidence,
                    lift,
                    count,
                )
            )
    return rules


def _pairs(
    counts: dict[tuple[int, ...], int], n_orders: int, names: np.ndarray
) -> tuple[Pair, ...]:
    pairs = []
    for itemset, count in counts.items():
        if len(itemset) != 2:
            continue
        a, b = sorted((str(names[itemset[0]]), str(names[itemset[1]])))
        expected = counts[itemset[:1]] * counts[itemset[1:]] / n_orders
        pairs.append(Pair(a, b, count / n_orders, count / expected, count))
    pairs.sort(key=lambda p: (-round(p.lift, 9), -p.support, p.first, p.second))
    return tuple(pairs)


def _check_thresholds(min_support: float, min_confidence: float) -> None:
    if not 0 < min_support <= 1:
        raise UserInputError(
            f"The minimum support must be above 0 and at most 1 (a share of orders); got "
            f"{min_support:g}.",
            code="rec_bad_support",
            value=min_support,
        )
    if not 0 <= min_confidence <= 1:
        raise UserInputError(
            f"The minimum confidence must be between 0 and 1; got {min_confidence:g}.",
            code="rec_bad_confidence",
            value=min_confidence,
        )
