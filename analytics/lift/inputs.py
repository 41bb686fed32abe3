"""What a fit needs, cut from a dataset: the segment's series, the window, the control
candidates, and the periods when other campaigns or promotions ran."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import CAMPAIGN, DIMENSION, PROMO_FLAG, Mapping
from analytics.periods import infer_frequency
from analytics.selection import (
    Campaign,
    Where,
    check_column,
    metric_series,
    rows_where,
    segments_overlap,
)


@dataclass(frozen=True)
class LiftInputs:
    """Everything a fit needs, as plain series (small, so it can go to a worker process)."""

    series: pd.Series
    start: pd.Timestamp
    end: pd.Timestamp
    frequency: str
    candidates: pd.DataFrame
    busy: pd.Series | None = None
    promo: pd.Series | None = None
    metric: str = "y"
    campaign: str | None = None
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)


def prepare_lift(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    where: Where,
    *,
    campaign: str | None = None,
    controls: str | tuple[str, ...] = "auto",
    others: Sequence[Campaign] | None = None,
    frequency: str | None = None,
) -> LiftInputs:
    """The series, window, control candidates and periods to leave out, cut from a dataset."""
    series = metric_series(frame, mapping, metric, where)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    frequency = frequency or infer_frequency(series.index.to_numpy()) or "D"
    _check_window(series, start, end)
    if others is None:
        busy = _other_campaign_periods(frame, mapping, where, campaign, series.index)
    else:
        busy = _table_campaign_periods(others, where, campaign, series.index)
    candidates = _control_candidates(frame, mapping, metric, where, start, end, controls, others)
    return LiftInputs(
        series=series,
        start=start,
        end=end,
        frequency=frequency,
        candidates=candidates,
        busy=busy,
        promo=_promo_periods(frame, mapping, where, series.index),
        metric=metric,
        campaign=campaign,
        where={k: tuple(v) for k, v in where.items()},
    )


def _check_window(series: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> None:
    first, last = series.index[0], series.index[-1]
    if end < start:
        raise UserInputError(
            "The window ends before it starts: swap the start and end dates.",
            code="lift_window_reversed",
        )
    if start <= first or end > last:
        raise UserInputError(
            f"The window {start:%Y-%m-%d} to {end:%Y-%m-%d} is outside the data "
            f"({first:%Y-%m-%d} to {last:%Y-%m-%d}): choose dates inside it, after the first.",
            code="lift_window_outside",
            start=f"{start:%Y-%m-%d}",
            end=f"{end:%Y-%m-%d}",
            first=f"{first:%Y-%m-%d}",
            last=f"{last:%Y-%m-%d}",
        )


def _other_campaign_periods(
    frame: pd.DataFrame, mapping: Mapping, where: Where, campaign: str | None, index: pd.Index
) -> pd.Series:
    """Periods when another campaign ran in the segment: not 'business as usual'."""
    columns = mapping.columns(CAMPAIGN)
    if not columns or mapping.date_column is None:
        return pd.Series(False, index=index)
    labels = frame[columns[0]].astype("string").str.strip()
    mask = rows_where(frame, where) & labels.notna().to_numpy() & (labels != "").to_numpy()
    if campaign is not None:
        mask &= (labels != campaign).fillna(True).to_numpy()
    dates = pd.DatetimeIndex(frame.loc[mask, mapping.date_column].dropna().unique())
    return pd.Series(index.isin(dates), index=index)


def _table_campaign_periods(
    others: Sequence[Campaign], where: Where, campaign: str | None, index: pd.DatetimeIndex
) -> pd.Series:
    """Periods when another campaign of a campaign table ran in a segment overlapping this one."""
    busy = np.zeros(len(index), dtype=bool)
    for other in others:
        if other.name != campaign and segments_overlap(other.segment, where):
            busy |= np.asarray((index >= other.start) & (index <= other.end))
    return pd.Series(busy, index=index)


def _promo_periods(
    frame: pd.DataFrame, mapping: Mapping, where: Where, index: pd.Index
) -> pd.Series | None:
    """Periods with a promotion flag set in the segment (placebo windows avoid them)."""
    flags = mapping.columns(PROMO_FLAG)
    if not flags or mapping.date_column is None:
        return None
    rows = rows_where(frame, where) & (frame[flags[0]].fillna(0) > 0).to_numpy()
    dates = pd.DatetimeIndex(frame.loc[rows, mapping.date_column].dropna().unique())
    return pd.Series(index.isin(dates), index=index)


def _control_candidates(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    start: pd.Timestamp,
    end: pd.Timestamp,
    controls: str | tuple[str, ...],
    others: Sequence[Campaign] | None = None,
) -> pd.DataFrame:
    """Untouched segments: for each filtered dimension, each value the campaign did not target
    (the other filters kept), unless a campaign ran there during the window. Periods when a
    campaign ran in a candidate before the window are blanked: its own lift is not a baseline."""
    if isinstance(controls, tuple):
        for column in controls:
            check_column(frame, column, "control")
        return pd.DataFrame({c: metric_series(frame, mapping, c, where) for c in controls})
    if controls == "none" or not where:
        return pd.DataFrame(index=metric_series(frame, mapping, metric, where).index)
    candidates = {}
    for column, treated in where.items():
        if column not in mapping.columns(DIMENSION):
            continue
        for value in sorted(set(frame[column].dropna().astype(str)) - set(treated)):
            control_where = {**where, column: (value,)}
            series = metric_series(frame, mapping, metric, control_where)
            if others is None:
                busy = _other_campaign_periods(frame, mapping, control_where, None, series.index)
            else:
                busy = _table_campaign_periods(others, control_where, None, series.index)
            if busy.loc[start:end].any():
                continue
            candidates[f"{column}={value}"] = series.mask(busy.to_numpy())
    return pd.DataFrame(candidates)
