"""The design matrix of a drivers analysis: the chosen features as columns (categories one-hot,
each group's reference level marked for the linear models), the target, and what the naive
baseline and the row picker need. A table without dates is modelled row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.drivers.candidates import (
    CATEGORICAL_SOURCES,
    Candidate,
    candidates_of,
    resolve_features,
)
from analytics.drivers.rows import cell_labels, data_frequency, segment_codes, segment_rows
from analytics.drivers.settings import DriverSettings, Target, parse_target
from analytics.errors import UserInputError
from analytics.ingest.roles import Mapping

MIN_ROWS = 40
MIN_DATES_PER_FOLD = 2
MAX_LEVELS = 30
OTHER_LEVEL = "other"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ROW_NUMBER = "row"  # the keys' first column in a table without dates: the row's number
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, eq=False)
class DriverData:
    """Model-ready rows: the design matrix (one-hot categories, with each group's reference level
    marked for the linear models), the target and what the baseline and row picker need.

    ``dates`` is None for a table without dates; ``keys`` then holds each row's number in the
    table (from 1, as a spreadsheet numbers them below the header) where it holds the date."""

    target: Target
    log_target: bool
    frequency: str | None
    folds: int
    seed: int
    sample_size: int
    features: tuple[str, ...]
    groups: tuple[str, ...]
    sources: tuple[str, ...]
    reference: tuple[bool, ...]
    candidates: tuple[Candidate, ...]
    chosen: tuple[str, ...]
    n_dropped: int
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    actual: np.ndarray = field(repr=False)
    dates: np.ndarray | None = field(repr=False)
    segment: np.ndarray = field(repr=False)
    naive: np.ndarray = field(repr=False)
    keys: pd.DataFrame = field(repr=False)

    @property
    def n_rows(self) -> int:
        return len(self.y)

    @property
    def dated(self) -> bool:
        """Rows in time (validated on time-ordered folds), or a table without dates."""
        return self.dates is not None

    @property
    def linear_columns(self) -> np.ndarray:
        """Design columns of the linear models: every column but the reference levels."""
        return np.flatnonzero(~np.asarray(self.reference, dtype=bool))

    def to_original(self, predictions: np.ndarray, smearing: float = 1.0) -> np.ndarray:
        """Predictions on the target's own scale."""
        return np.exp(predictions) * smearing if self.log_target else predictions


def prepare(frame: pd.DataFrame, mapping: Mapping, settings: DriverSettings) -> DriverData:
    """Rows, features and target for the models; raises UserInputError for what a user can fix."""
    target = parse_target(settings.target, frame, mapping)
    rows, dims = segment_rows(frame, mapping, settings.where_dict)
    frequency = data_frequency(rows, mapping)
    candidates = candidates_of(rows, mapping, target, dims, frequency)
    chosen = resolve_features(settings.features, candidates, target)
    by_name = {c.name: c for c in candidates}
    dated = mapping.date_column is not None
    dates = pd.DatetimeIndex(rows[mapping.date_column]) if dated else None
    columns = _design_columns(rows, dates, [by_name[n] for n in chosen], dims, frequency)
    actual = target.values(rows)
    x = np.column_stack([values for _, _, _, values in columns])
    keep = np.isfinite(actual) & np.isfinite(x).all(axis=1)
    _check_rows(int(keep.sum()), target, settings)
    if settings.log_target:
        _check_positive(actual[keep], target)
    x, actual = x[keep], actual[keep]
    varying = np.ptp(x, axis=0) > 0
    if not varying.any():
        raise UserInputError(
            "None of the chosen features varies in these rows: choose others or widen the filter.",
            code="drivers_constant_features",
        )
    names = [c[0] for c in columns]
    groups = [c[1] for c in columns]
    segment = segment_codes(rows, dims)[keep]
    day_values = dates.to_numpy()[keep] if dated else None
    if day_values is not None:
        _check_dates(day_values, settings.folds)
    x, names, groups = x[:, varying], _pick(names, varying), _pick(groups, varying)
    sources = tuple(by_name[g].source for g in groups)
    return DriverData(
        target=target,
        log_target=settings.log_target,
        frequency=frequency,
        folds=settings.folds,
        seed=settings.seed,
        sample_size=settings.sample_size,
        features=tuple(names),
        groups=tuple(groups),
        sources=sources,
        reference=_reference_levels(groups, sources),
        candidates=candidates,
        chosen=chosen,
        n_dropped=int(len(keep) - keep.sum()),
        x=x,
        y=np.log(actual) if settings.log_target else actual,
        actual=actual,
        dates=day_values,
        segment=segment,
        naive=_same_weekday_last_week(actual, day_values, segment, frequency),
        keys=_row_keys(rows, keep, mapping.date_column, dims),
    )


def _row_keys(
    rows: pd.DataFrame, keep: np.ndarray, date_column: str | None, dims: list[str]
) -> pd.DataFrame:
    """What names each kept row: its date, or without dates its number in the table; then its
    segment values."""
    if date_column is not None:
        return rows.loc[keep, [date_column, *dims]].reset_index(drop=True)
    keys = rows.loc[keep, dims].reset_index(drop=True)
    keys.insert(0, ROW_NUMBER, rows.index.to_numpy()[keep] + 1, allow_duplicates=True)
    return keys


def _pick(values: list[str], mask: np.ndarray) -> list[str]:
    return [v for v, m in zip(values, mask, strict=True) if m]


def _check_rows(n_rows: int, target: Target, settings: DriverSettings) -> None:
    if n_rows < MIN_ROWS:
        raise UserInputError(
            f"Only {n_rows} rows have {target.name} and every chosen feature; the models need at "
            f"least {MIN_ROWS}: widen the filter or choose features with fewer gaps.",
            code="drivers_too_few_rows",
            rows=n_rows,
            minimum=MIN_ROWS,
        )
    if settings.folds < 2:
        raise UserInputError("Use at least 2 folds.", code="drivers_folds")


def _check_positive(values: np.ndarray, target: Target) -> None:
    bad = int((values <= 0).sum())
    if bad:
        raise UserInputError(
            f"{bad} rows have {target.name} of zero or less, which has no logarithm: model it "
            "without the log scale.",
            code="drivers_log_nonpositive",
            rows=bad,
            target=target.name,
        )


def _check_dates(dates: np.ndarray, folds: int) -> None:
    distinct = len(np.unique(dates))
    needed = MIN_DATES_PER_FOLD * (folds + 1)
    if distinct < needed:
        raise UserInputError(
            f"Only {distinct} dates have data; time-ordered validation needs at least {needed}: "
            "widen the filter or upload a longer period.",
            code="drivers_too_few_dates",
            dates=distinct,
            minimum=needed,
        )


def _reference_levels(groups: list[str], sources: tuple[str, ...]) -> tuple[bool, ...]:
    """The first column of each one-hot group: the level the linear models compare against."""
    seen: set[str] = set()
    reference = []
    for group, source in zip(groups, sources, strict=True):
        first = source in CATEGORICAL_SOURCES and group not in seen
        seen.add(group)
        reference.append(first)
    return tuple(reference)


Column = tuple[str, str, str, np.ndarray]  # (feature name, candidate name, source, values)


def _design_columns(
    rows: pd.DataFrame,
    dates: pd.DatetimeIndex | None,
    chosen: list[Candidate],
    dims: list[str],
    frequency: str | None,
) -> list[Column]:
    columns: list[Column] = []
    festivals = None
    for candidate in chosen:
        name, source = candidate.name, candidate.source
        if source == "campaign_active":
            campaign = name.removesuffix("_active")
            flag = (cell_labels(rows[campaign]) != "").to_numpy(dtype=float)
            columns.append((name, name, source, flag))
        elif source == "lag":
            columns.append((name, name, source, _lagged(rows, name.removesuffix("_lag1"), dims)))
        elif source in ("dimension", "campaign"):
            labels = cell_labels(rows[name]).replace("", "(none)")
            columns += _one_hot(name, source, labels.to_numpy())
        elif source == "weekday":
            columns += _one_hot(name, source, np.asarray(WEEKDAYS)[dates.day_of_week], WEEKDAYS)
        elif source == "month":
            columns += _one_hot(name, source, np.asarray(MONTHS)[dates.month - 1], MONTHS)
        elif source == "festival":
            if festivals is None:
                unique = pd.DatetimeIndex(dates.unique())
                festivals = festival_regressors(unique, frequency or "D").reindex(dates)
            columns.append((name, name, source, festivals[name].to_numpy(dtype=float)))
        elif source == "trend":
            years = (dates - dates.min()).days.to_numpy(dtype=float) / 365.25
            columns.append((name, name, source, years))
        else:
            columns.append((name, name, source, rows[name].to_numpy(dtype=float)))
    return columns


def _one_hot(
    group: str, source: str, labels: np.ndarray, order: Sequence[str] | None = None
) -> list[Column]:
    """One 0/1 column per level, COLUMN=VALUE; levels past the most frequent MAX_LEVELS pooled."""
    counts = pd.Series(labels).value_counts()
    kept = list(counts.index[:MAX_LEVELS]) if len(counts) > MAX_LEVELS else list(counts.index)
    levels = [lvl for lvl in order if lvl in kept] if order else sorted(kept, key=str)
    columns = [(f"{group}={lvl}", group, source, (labels == lvl).astype(float)) for lvl in levels]
    if len(counts) > MAX_LEVELS:
        pooled = (~np.isin(labels, kept)).astype(float)
        columns.append((f"{group}={OTHER_LEVEL}", group, source, pooled))
    return columns


def _lagged(rows: pd.DataFrame, column: str, dims: list[str]) -> np.ndarray:
    """The column's value in the segment's previous row (missing on its first)."""
    values = rows[column].astype(float)
    if not dims:
        return values.shift(1).to_numpy()
    return (
        values.groupby([rows[d].astype("string") for d in dims], dropna=False).shift(1).to_numpy()
    )


def _same_weekday_last_week(
    actual: np.ndarray, dates: np.ndarray | None, segment: np.ndarray, frequency: str | None
) -> np.ndarray:
    """Daily data: the segment's value seven days earlier (missing where there is none)."""
    if frequency != "D" or dates is None:
        return np.full(len(actual), np.nan)
    days = pd.DatetimeIndex(dates)
    known = pd.Series(actual, index=pd.MultiIndex.from_arrays([segment, days]))
    known = known[~known.index.duplicated()]
    wanted = pd.MultiIndex.from_arrays([segment, days - pd.Timedelta(days=7)])
    return known.reindex(wanted).to_numpy(dtype=float)
