"""The evaluation protocol: train before a cut-off date, test from it; customers present in both
who bought something new in the test period; recall@K and precision@K averaged over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.errors import UserInputError
from analytics.parallel import map_in_workers
from analytics.recommend.lines import CleanLines, Dropped
from analytics.recommend.matrix import incidence
from analytics.recommend.models import METHODS, fit, top_items

BATCH = 2_000  # customers scored at once (a dense batch × items block)
DEFAULT_K = 10
# The default cut-off leaves about this share of the dated lines for the test period.
TEST_SHARE = 0.2


@dataclass(frozen=True)
class MethodScore:
    name: str
    recall_at_k: float
    precision_at_k: float
    hits: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Evaluation:
    """Each method's recall@K and precision@K on the held-out period, and the best one."""

    k: int
    cutoff: str
    users_evaluated: int
    methods: tuple[MethodScore, ...]
    best: str
    train_lines: int
    test_lines: int
    relevant_items: int
    dropped: Dropped = field(default_factory=Dropped)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["methods"] = [m.to_dict() for m in self.methods]
        data["dropped"] = self.dropped.to_dict()
        return data

    def score(self, name: str) -> MethodScore:
        return next(m for m in self.methods if m.name == name)


@dataclass(frozen=True)
class _Split:
    train: sp.csr_matrix  # customers × training items
    users: np.ndarray  # rows of the evaluated customers
    relevant: sp.csr_matrix  # evaluated customers × training items: new items bought in test
    relevant_counts: np.ndarray  # new items per evaluated customer, unseen items included
    train_lines: int
    test_lines: int


def default_cutoff(dates: pd.Series) -> pd.Timestamp:
    """The day that leaves about the last fifth of the lines for testing."""
    clean = pd.to_datetime(dates, errors="coerce").dropna()
    if clean.empty:
        raise UserInputError("The date column holds no dates.", code="rec_no_dates")
    return clean.quantile(1 - TEST_SHARE).normalize()


def evaluate(
    lines: CleanLines,
    cutoff: pd.Timestamp,
    k: int = DEFAULT_K,
    seed: int = 0,
    advance: Callable[[int, int], None] | None = None,
    *,
    parallel: bool = False,
) -> Evaluation:
    """Every method trained before ``cutoff`` and scored on the new items bought from it; with
    ``parallel`` each method in a worker process."""
    _check_k(k)
    split = _split(lines, pd.Timestamp(cutoff))
    tasks = [(name, split, k, seed) for name in METHODS]
    scores = map_in_workers(_method_score, tasks, advance, parallel=parallel)
    best = max(scores, key=lambda m: (m.recall_at_k, m.precision_at_k)).name
    return Evaluation(
        k=k,
        cutoff=f"{pd.Timestamp(cutoff):%Y-%m-%d}",
        users_evaluated=len(split.users),
        methods=tuple(scores),
        best=best,
        train_lines=split.train_lines,
        test_lines=split.test_lines,
        relevant_items=int(split.relevant_counts.sum()),
        dropped=lines.dropped,
    )


def _method_score(task: tuple[str, _Split, int, int]) -> MethodScore:
    """One method fitted on the training period and scored on the evaluated customers."""
    name, split, k, seed = task
    scorer = fit(name, split.train, seed)
    hits = np.zeros(len(split.users))
    for start in range(0, len(split.users), BATCH):
        users = split.users[start : start + BATCH]
        history = split.train[users]
        best = top_items(scorer.scores(users, history), history, k)
        hits[start : start + BATCH] = _hits(split.relevant[start : start + BATCH], best)
    recall = float(np.mean(hits / split.relevant_counts))
    return MethodScore(name, recall, float(np.mean(hits / k)), int(hits.sum()))


def _split(lines: CleanLines, cutoff: pd.Timestamp) -> _Split:
    frame = lines.frame
    if "customer" not in frame or "date" not in frame:
        raise UserInputError(
            "Choose the customer and date columns to evaluate recommendations.",
            code="rec_needs_customer_date",
        )
    before = frame["date"] < cutoff
    if not before.any() or before.all():
        raise UserInputError(
            f"The cut-off {cutoff:%Y-%m-%d} leaves no orders on one side; choose a date between "
            f"{frame['date'].min():%Y-%m-%d} and {frame['date'].max():%Y-%m-%d}.",
            code="rec_cutoff_outside",
            cutoff=f"{cutoff:%Y-%m-%d}",
            first=f"{frame['date'].min():%Y-%m-%d}",
            last=f"{frame['date'].max():%Y-%m-%d}",
        )
    train = incidence(frame.loc[before, "customer"], frame.loc[before, "item"])
    test = frame.loc[~before, ["customer", "item"]].drop_duplicates()
    seen = pd.MultiIndex.from_frame(frame.loc[before, ["customer", "item"]])
    new = test[~pd.MultiIndex.from_frame(test).isin(seen)]
    new = new[new["customer"].isin(train.rows)]
    if new.empty:
        raise UserInputError(
            "No customer bought something new after the cut-off; choose an earlier cut-off.",
            code="rec_no_users_to_evaluate",
        )
    customers = np.sort(new["customer"].unique())
    relevant = incidence(new["customer"], new["item"], column_keys=train.columns).matrix
    return _Split(
        train=train.matrix,
        users=pd.Index(train.rows).get_indexer(customers),
        relevant=relevant,
        relevant_counts=new.groupby("customer")["item"].size().reindex(customers).to_numpy(),
        train_lines=int(before.sum()),
        test_lines=int((~before).sum()),
    )


def _hits(relevant: sp.csr_matrix, best: np.ndarray) -> np.ndarray:
    rows = np.repeat(np.arange(best.shape[0]), best.shape[1])
    cols = best.ravel()
    found = np.zeros(rows.size)
    known = cols >= 0
    found[known] = np.asarray(relevant[rows[known], cols[known]]).ravel()
    return found.reshape(best.shape).sum(axis=1)


def _check_k(k: int) -> None:
    if k < 1:
        raise UserInputError(f"K must be at least 1; got {k}.", code="rec_bad_k", value=k)
