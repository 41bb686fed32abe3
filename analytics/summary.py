"""Plain summaries of a stored dataset: totals, period, a metric over time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import DIMENSION, SPEND, Mapping
from analytics.selection import Where, metric_series, segment_values


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


def spend_by_channel(frame: pd.DataFrame, mapping: Mapping) -> pd.Series:
    """Total spend per spend column (one column per channel)."""
    return frame[mapping.columns(SPEND)].sum()


def recent_history(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    start: str,
    end: str,
    days_before: int = 90,
) -> pd.Series:
    """The segment's metric from ``days_before`` days before ``start`` to ``end``, for context."""
    series = metric_series(frame, mapping, metric, where)
    return series.loc[pd.Timestamp(start) - pd.Timedelta(days=days_before) : pd.Timestamp(end)]


def metric_over_time(frame: pd.DataFrame, mapping: Mapping, metric: str) -> pd.Series:
    """The metric summed over every row of each date, dates in order; the dates of a time series
    without a value are left out, the days of a log without a row count 0."""
    return metric_series(frame, mapping, metric, {}).dropna().rename(metric)


def dimension_values(frame: pd.DataFrame, mapping: Mapping) -> dict[str, list[str]]:
    """Each dimension column's distinct values, sorted: the choices of a segment filter."""
    return {column: segment_values(frame[column]) for column in mapping.columns(DIMENSION)}


def date_span(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last date of the data."""
    if mapping.date_column is None:
        raise UserInputError("This dataset has no date column: choose one on the Data page.")
    dates = frame[mapping.date_column].dropna()
    return pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
