"""Series cut from a dataset: a metric summed over a segment, per period, on a full calendar."""

from __future__ import annotations

from collections.abc import Mapping as MappingType
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import CAMPAIGN, DATE, DIMENSION, EVENTS, Mapping, dataset_kind
from analytics.periods import expected_calendar, infer_frequency

Where = MappingType[str, tuple[str, ...]]


@dataclass(frozen=True)
class Campaign:
    """A campaign as found in the data: its window and the segments where it ran."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    segment: dict[str, tuple[str, ...]]


def check_column(frame: pd.DataFrame, column: str, what: str) -> None:
    if column not in frame.columns:
        known = ", ".join(map(str, frame.columns[:12]))
        raise UserInputError(
            f"There is no {what} column {column!r}; the columns are: {known}.",
            code="series_no_column",
            what=what,
            column=str(column),
            known=known,
        )


def natural_key(label: str) -> tuple[int, float, str]:
    """Sort key that puts labels written as numbers (store codes 1..45) in numeric order, before
    the other labels in text order: 1, 2, 10 instead of 1, 10, 2."""
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)


def segment_values(cells: pd.Series) -> list[str]:
    """A segment column's distinct values as text, in natural order: the choices of a filter."""
    return sorted(cells.dropna().astype(str).unique(), key=natural_key)


def rows_where(frame: pd.DataFrame, where: Where) -> np.ndarray:
    """Rows matching every column's list of values (a list means any of them)."""
    keep = np.ones(len(frame), dtype=bool)
    for column, values in where.items():
        check_column(frame, column, "filter")
        cells = frame[column]
        if not pd.api.types.is_string_dtype(cells):
            cells = cells.astype("string")
        matches = cells.isin(values).fillna(False).to_numpy(dtype=bool)
        found = set(cells[matches].unique())
        missing = [v for v in values if v not in found]
        if missing:
            known = ", ".join(sorted(map(str, cells.dropna().unique()))[:12])
            raise UserInputError(
                f"{column!r} has no value {missing[0]!r}; it has: {known}.",
                code="series_no_value",
                column=str(column),
                value=str(missing[0]),
                known=known,
            )
        keep &= matches
    return keep


def metric_series(frame: pd.DataFrame, mapping: Mapping, metric: str, where: Where) -> pd.Series:
    """The metric summed per date over the matching rows, every period of the calendar present:
    NaN where a time series has no row for that date, 0 in a log of orders or transactions (a day
    without a row is a day without a sale)."""
    date_column = mapping.date_column
    if date_column is None:
        raise UserInputError(
            "The data has no date column: choose one in the mapping.", code="series_no_date"
        )
    check_column(frame, metric, "metric")
    rows = frame.loc[rows_where(frame, where), [date_column, metric]].dropna(subset=[date_column])
    if rows.empty:
        raise UserInputError(
            "No rows match that segment: check the filters.", code="series_no_rows"
        )
    summed = rows.groupby(date_column, sort=True)[metric].sum(min_count=1)
    empty = 0.0 if dataset_kind(mapping) == EVENTS else np.nan
    return on_calendar(summed, frame[date_column], empty)


def on_calendar(series: pd.Series, all_dates: pd.Series, empty: float = np.nan) -> pd.Series:
    """Reindex onto the dataset's full calendar so gaps are explicit (``empty`` where no row)."""
    frequency = infer_frequency(all_dates.dropna().to_numpy()) or "D"
    calendar = expected_calendar(all_dates.min(), all_dates.max(), frequency)
    out = series.reindex(calendar, fill_value=empty)
    out.index.name = "date"
    return out


def campaigns_in(frame: pd.DataFrame, mapping: Mapping) -> list[Campaign]:
    """Each campaign in the campaign column: window from its first to last row, and the values of
    each dimension where it ran."""
    campaign_columns = mapping.columns(CAMPAIGN)
    date_column = mapping.date_column
    if not campaign_columns or date_column is None:
        return []
    column = campaign_columns[0]
    labelled = frame[frame[column].notna() & (frame[column].astype(str).str.strip() != "")]
    found = []
    for name, rows in labelled.groupby(column, sort=False):
        segment = {
            dim: tuple(segment_values(rows[dim]))
            for dim in mapping.columns(DIMENSION)
            if rows[dim].nunique() < frame[dim].nunique()
        }
        found.append(Campaign(str(name), rows[date_column].min(), rows[date_column].max(), segment))
    return sorted(found, key=lambda c: c.start)


def find_campaign(frame: pd.DataFrame, mapping: Mapping, name: str) -> Campaign:
    campaigns = campaigns_in(frame, mapping)
    for campaign in campaigns:
        if campaign.name == name:
            return campaign
    known = ", ".join(c.name for c in campaigns) or "none"
    raise UserInputError(
        f"There is no campaign {name!r} in the data; the campaigns are: {known}.",
        code="lift_no_campaign",
        name=name,
        known=known,
    )


def segments_overlap(first: Where, second: Where) -> bool:
    """Whether two segments share rows: on every column both filter, some value in common (a
    column only one of them filters is all values for the other)."""
    return all(set(first[column]) & set(second[column]) for column in set(first) & set(second))


# A file without dates: row n (1-based) stands for day n after this origin, a regular index with
# no calendar meaning (the lift model uses no weekday or festival terms for it).
ROW_ORIGIN = pd.Timestamp("2000-01-01")
ROW_COLUMN = "__row__"


def with_row_periods(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, Mapping]:
    """The frame with a date column standing for its row order, and the mapping using it."""
    rows = frame.assign(**{ROW_COLUMN: ROW_ORIGIN + pd.to_timedelta(np.arange(len(frame)), "D")})
    roles = {ROW_COLUMN: DATE, **{k: v for k, v in mapping.roles.items() if v != DATE}}
    return rows, Mapping(roles, mapping.outcome)


def row_period(row: int) -> pd.Timestamp:
    """The stand-in date of a 1-based row number."""
    return ROW_ORIGIN + pd.Timedelta(days=row - 1)


def row_number(period: pd.Timestamp | str) -> int:
    """The 1-based row number a stand-in date stands for."""
    return int((pd.Timestamp(period) - ROW_ORIGIN).days) + 1
