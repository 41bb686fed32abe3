"""Features for purchase propensity: a customer table's columns as a numeric matrix, or customer
features built from an order log (RFM, tenure, basket size, discount share) with the label
"bought in the next period"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.customers.log import Purchases, summarise
from analytics.errors import UserInputError
from analytics.ingest.roles import CALENDAR, DATE, IGNORE, KEY_ROLES, Mapping
from analytics.selection import check_column

MAX_LEVELS = 30  # a text column with more distinct values is an identifier, not a feature
LOG_FEATURES = (
    "recency_days",
    "purchases",
    "revenue",
    "mean_basket",
    "tenure_days",
    "lines_per_purchase",
    "discount_share",
)
NEXT_PERIOD_DAYS = 91  # "next period": a quarter, or a quarter of a shorter log


@dataclass(frozen=True)
class Design:
    """Rows to score: ``x`` (one column per name in ``features``), the 0/1 ``y``, the row ``ids``
    (a customer or id column's values, else the row numbers), the target's name and, for a log,
    ``future``: the same features as of the last day, to score the period to come."""

    target: str
    features: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    ids: np.ndarray
    future: np.ndarray | None = None
    future_ids: np.ndarray | None = None


def table_design(
    frame: pd.DataFrame, mapping: Mapping, target: str, features: tuple[str, ...] | None
) -> Design:
    """A customer table: the 0/1 target and the chosen (default: every usable) columns."""
    check_column(frame, target, "target")
    y = _binary(frame[target], target)
    keep = ~np.isnan(y)
    chosen = features if features is not None else _usable_columns(frame, mapping, target)
    for column in chosen:
        check_column(frame, column, "feature")
    if not chosen:
        raise UserInputError(
            "There is no feature column besides the target: add customer attributes.",
            code="cust_no_features",
        )
    blocks, names = [], []
    for column in chosen:
        block, labels = _encoded(frame[column], column)
        blocks.append(block)
        names += labels
    x = np.column_stack(blocks)[keep]
    return Design(target, tuple(names), x, y[keep].astype(int), _ids(frame, mapping)[keep])


def _binary(values: pd.Series, name: str) -> np.ndarray:
    """The target as 1.0/0.0 (NaN where missing); anything but two values is refused."""
    numbers = (
        pd.to_numeric(values, errors="coerce")
        if not pd.api.types.is_numeric_dtype(values)
        else values
    )
    distinct = set(pd.Series(numbers).dropna().unique().tolist())
    if not distinct <= {0, 1} or len(distinct) < 2:
        raise UserInputError(
            f"The target {name!r} must hold 0 and 1 (1 = responded or bought): "
            "choose such a column.",
            code="cust_target_not_binary",
            column=name,
        )
    return pd.Series(numbers, dtype=float).to_numpy()


def _usable_columns(frame: pd.DataFrame, mapping: Mapping, target: str) -> tuple[str, ...]:
    skipped = {DATE, CALENDAR, IGNORE, *KEY_ROLES}
    return tuple(
        c
        for c in frame.columns
        if c != target
        and mapping.roles.get(c) not in skipped
        and frame[c].nunique(dropna=True) > 1
        and (pd.api.types.is_numeric_dtype(frame[c]) or frame[c].nunique() <= MAX_LEVELS)
    )


def _encoded(values: pd.Series, name: str) -> tuple[np.ndarray, list[str]]:
    """A number column as is (missing values at its median), a text column one-hot."""
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype(float)
        return numbers.fillna(numbers.median()).fillna(0.0).to_numpy()[:, None], [str(name)]
    levels = values.astype("string").fillna("")
    distinct = sorted(levels.unique())
    if len(distinct) > MAX_LEVELS:
        raise UserInputError(
            f"The column {name!r} has {len(distinct)} different values: a feature may have at "
            f"most {MAX_LEVELS}; leave it out.",
            code="cust_too_many_levels",
            column=name,
            levels=len(distinct),
            most=MAX_LEVELS,
        )
    one_hot = [(levels == level).to_numpy(dtype=float) for level in distinct[1:]]
    return np.column_stack(one_hot), [f"{name}={level}" for level in distinct[1:]]


def _ids(frame: pd.DataFrame, mapping: Mapping) -> np.ndarray:
    for role in ("customer", "id"):
        columns = [c for c in mapping.columns(role) if c in frame.columns]
        if columns:
            return frame[columns[0]].astype(str).to_numpy()
    return np.arange(1, len(frame) + 1).astype(str)


def log_design(bought: Purchases, period_days: int | None = None) -> Design:
    """Customer features as of the start of the last period, labelled by whether each customer
    bought in it; ``future`` holds the same features as of the last day."""
    span = (bought.last_day - bought.first_day).days
    days = period_days or min(NEXT_PERIOD_DAYS, span // 4)
    cutoff = bought.last_day - pd.Timedelta(days=days)
    if days < 7 or cutoff <= bought.first_day:
        raise UserInputError(
            "Predicting the next period's buyers needs a log of at least 4 weeks.",
            code="cust_log_too_short",
        )
    ids, x = _log_features(bought, cutoff)
    later = bought.frame.loc[bought.frame["day"] > cutoff, "customer"].unique()
    y = np.isin(ids, np.asarray(later, dtype=object)).astype(int)
    future_ids, future = _log_features(bought, bought.last_day)
    return Design(f"bought_next_{days}_days", LOG_FEATURES, x, y, ids, future, future_ids)


def _log_features(bought: Purchases, end: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    summary = summarise(bought, end)
    rows = bought.frame[bought.frame["day"] <= end]
    totals = rows.groupby("customer", sort=True)[["lines", "discount", "amount"]].sum()
    totals = totals.reindex(pd.Index(summary.customers))
    purchases = summary.frequency + 1
    gross = (totals["amount"] + totals["discount"]).to_numpy()
    x = np.column_stack(
        [
            summary.days_since,
            purchases,
            summary.revenue,
            summary.revenue / purchases,
            summary.age * 7.0,
            totals["lines"].to_numpy() / purchases,
            np.divide(
                totals["discount"].to_numpy(), gross, out=np.zeros(len(gross)), where=gross > 0
            ),
        ]
    )
    return summary.customers, x


def binary_columns(frame: pd.DataFrame) -> list[str]:
    """Number columns holding exactly the values 0 and 1: the outcomes a table can predict."""
    found = []
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and set(values.dropna().unique()) == {0, 1}:
            found.append(str(column))
    return found
