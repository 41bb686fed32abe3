"""Per-customer top-N of items not bought yet, from the chosen method fitted on every line, each
with its reason: the customer's two past items most like it ("bought X and Y")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.errors import UserInputError
from analytics.recommend.evaluation import BATCH
from analytics.recommend.lines import CleanLines, Dropped
from analytics.recommend.matrix import incidence
from analytics.recommend.models import METHODS, POPULARITY, cosine_similarity, fit, top_items

DEFAULT_TOP_N = 5
REASON_ITEMS = 2
DENSE_LOOKUP_ITEMS = 5_000  # up to this many items (100 MB) the similarities are read densely
COLUMNS = ("customer", "rank", "item", "score", "because")


@dataclass(frozen=True)
class NextItems:
    """One row per customer and rank: the item, its score and the items behind it."""

    method: str
    top_n: int
    customers: int
    table: pd.DataFrame  # COLUMNS; ``because`` is a tuple of item names, empty for popularity
    dropped: Dropped

    def for_customer(self, customer: str) -> pd.DataFrame:
        return self.table[self.table["customer"] == customer]

    def to_dict(self) -> dict[str, Any]:
        rows = self.table.assign(because=self.table["because"].map(list))
        return {
            "method": self.method,
            "top_n": self.top_n,
            "customers": self.customers,
            "recommendations": rows.to_dict(orient="records"),
            "dropped": self.dropped.to_dict(),
        }


def next_items(
    lines: CleanLines, method: str, top_n: int = DEFAULT_TOP_N, seed: int = 0
) -> NextItems:
    """Every customer's ``top_n`` new items by ``method`` fitted on all kept lines."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if top_n < 1:
        raise UserInputError(f"N must be at least 1; got {top_n}.", code="rec_bad_k", value=top_n)
    if "customer" not in lines.frame:
        raise UserInputError(
            "Choose the customer column to recommend per customer.",
            code="rec_needs_customer_date",
        )
    table = incidence(lines.frame["customer"], lines.frame["item"])
    matrix = table.matrix
    scorer = fit(method, matrix, seed)
    similarity = scorer.similarity if scorer.similarity is not None else cosine_similarity(matrix)
    if similarity.shape[0] <= DENSE_LOOKUP_ITEMS:  # looked up element by element below
        similarity = similarity.toarray()
    parts = []
    for start in range(0, matrix.shape[0], BATCH):
        users = np.arange(start, min(start + BATCH, matrix.shape[0]))
        history = matrix[users]
        scores = scorer.scores(users, history)
        best = top_items(scores, history, top_n)
        behind = _reasons(history, best, similarity) if method != POPULARITY else None
        parts.append(_rows(users, best, scores, behind))
    rows = pd.concat(parts, ignore_index=True)
    names = table.columns
    rows["customer"] = table.rows[rows.pop("user").to_numpy()]
    rows["item"] = names[rows["item"].to_numpy()]
    rows["because"] = [tuple(names[i] for i in pair if i >= 0) for pair in rows["because"]]
    return NextItems(method, top_n, matrix.shape[0], rows[list(COLUMNS)], lines.dropped)


def _rows(
    users: np.ndarray, best: np.ndarray, scores: np.ndarray, behind: np.ndarray | None
) -> pd.DataFrame:
    """One row per customer and rank held in ``best`` (padding left out)."""
    row, rank = np.nonzero(best >= 0)
    item = best[row, rank]
    because = behind[row, rank] if behind is not None else np.full((row.size, REASON_ITEMS), -1)
    return pd.DataFrame(
        {
            "user": users[row],
            "rank": rank + 1,
            "item": item,
            "score": scores[row, item],
            "because": list(map(tuple, because)),
        }
    )


def _reasons(
    history: sp.csr_matrix, best: np.ndarray, similarity: sp.csr_matrix | np.ndarray
) -> np.ndarray:
    """For each customer and picked item, the (up to two) bought items most similar to it, as
    column indices (-1 where there are fewer, or none similar at all): rows × ranks × 2."""
    owner = np.repeat(np.arange(history.shape[0]), np.diff(history.indptr))
    bought = history.indices
    first, stop = history.indptr[:-1], history.indptr[1:]
    behind = np.full((*best.shape, REASON_ITEMS), -1)
    for rank in range(best.shape[1]):
        picked = best[owner, rank]
        known = picked >= 0
        similar = np.zeros(owner.size)
        similar[known] = np.asarray(similarity[bought[known], picked[known]]).ravel()
        order = np.lexsort((-similar, owner))  # each customer's bought items, most similar first
        for place in range(REASON_ITEMS):
            position = first + place
            held = position < stop
            entry = order[position[held]]
            customers = np.flatnonzero(held)[similar[entry] > 0]
            behind[customers, rank, place] = bought[entry[similar[entry] > 0]]
    return behind
