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
from analytics.recommend.models import METHODS, cosine_similarity, fit, top_items

DEFAULT_TOP_N = 5
REASON_ITEMS = 2
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
    parts = []
    for start in range(0, matrix.shape[0], BATCH):
        users = np.arange(start, min(start + BATCH, matrix.shape[0]))
        history = matrix[users]
        scores = scorer.scores(users, history)
        best = top_items(scores, history, top_n)
        parts.append(_rows(users, best, scores, history, similarity, method))
    rows = pd.concat(parts, ignore_index=True)
    rows["customer"] = table.rows[rows.pop("user").to_numpy()]
    rows["item"] = table.columns[rows["item"].to_numpy()]
    rows["because"] = [tuple(table.columns[list(b)]) for b in rows["because"]]
    return NextItems(method, top_n, matrix.shape[0], rows[list(COLUMNS)], lines.dropped)


def _rows(
    users: np.ndarray,
    best: np.ndarray,
    scores: np.ndarray,
    history: sp.csr_matrix,
    similarity: sp.csr_matrix,
    method: str,
) -> pd.DataFrame:
    records = []
    for row, user in enumerate(users):
        picked = best[row][best[row] >= 0]
        bought = history.indices[history.indptr[row] : history.indptr[row + 1]]
        reasons = _reasons(bought, picked, similarity) if method != "popularity" else None
        for rank, item in enumerate(picked):
            because = reasons[rank] if reasons is not None else ()
            records.append((user, rank + 1, item, float(scores[row, item]), because))
    return pd.DataFrame(records, columns=["user", "rank", "item", "score", "because"])


def _reasons(bought: np.ndarray, picked: np.ndarray, similarity: sp.csr_matrix) -> list[tuple]:
    """For each picked item, the (up to two) bought items most similar to it."""
    if bought.size == 0 or picked.size == 0:
        return [()] * picked.size
    block = similarity[bought][:, picked].toarray()  # bought × picked
    order = np.argsort(-block, axis=0, kind="stable")[:REASON_ITEMS]
    return [
        tuple(int(bought[i]) for i in order[:, j] if block[i, j] > 0) for j in range(picked.size)
    ]
