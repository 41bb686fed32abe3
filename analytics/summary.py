"""Plain summaries of a stored dataset: totals, period, a metric over time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.roles import SPEND, Mapping


@dataclass(frozen=True)
class DatasetSummary:
    """Headline numbers of a dataset, as the home page shows them."""

    rows: int
    date_min: str | None
    date_max: str | None
    outcome: str | None
    outcome_total: float | None
    spend_total: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def summarise(frame: pd.DataFrame, mapping: Mapping) -> DatasetSummary:
    date_column = mapping.date_column
    dates = frame[date_column].dropna() if date_column else pd.Series(dtype="datetime64[ns]")
    spend_columns = mapping.columns(SPEND)
    outcome = mapping.outcome if mapping.outcome in frame.columns else None
    return DatasetSummary(
        rows=len(frame),
        date_min=dates.min().strftime("%Y-%m-%d") if len(dates) else None,
        date_max=dates.max().strftime("%Y-%m-%d") if len(dates) else None,
        outcome=outcome,
        outcome_total=float(frame[outcome].sum()) if outcome else None,
        spend_total=float(frame[spend_columns].sum().sum()) if spend_columns else None,
    )


def metric_over_time(frame: pd.DataFrame, mapping: Mapping, metric: str) -> pd.Series:
    """The metric summed over every row of each date, dates in order."""
    date_column = mapping.date_column
    if date_column is None:
        raise UserInputError("This dataset has no date column: choose one on the Data page.")
    if metric not in frame.columns:
        raise UserInputError(f"The dataset has no column {metric!r}: choose another metric.")
    rows = frame[[date_column, metric]].dropna(subset=[date_column])
    return rows.groupby(date_column, sort=True)[metric].sum(min_count=1).rename(metric)
