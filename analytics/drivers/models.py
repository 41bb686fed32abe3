"""Drivers: which levers (spend by channel, discount, price, promotions, calendar, segments) move a
metric or a ratio of two, by regression models compared on time-ordered folds against a naive
baseline. The chosen model is explained with SHAP in ``analytics.drivers.explain``.

Models are fitted on the rows as stored, one per date and segment (the dimension values), with the
segments as one-hot features: discounts and spend that differ between segments on the same day
are what lets a model tell their effect from the calendar's. Rows that share a date and segment
are added up first. A ratio target (``orders/visits``) is the ratio of each row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.errors import UserInputError
from analytics.ingest.roles import (
    CAMPAIGN,
    COST,
    DIMENSION,
    DISCOUNT,
    MARGIN,
    METRIC,
    PRICE,
    PROMO_FLAG,
    SPEND,
    Mapping,
)
from analytics.parallel import map_in_workers
from analytics.periods import infer_frequency
from analytics.selection import rows_where

if TYPE_CHECKING:
    from analytics.drivers.explain import Explanation, Finding, Importance

BASELINE, OLS, LASSO, FOREST, BOOSTING = (
    "baseline",
    "ols",
    "lasso",
    "random_forest",
    "gradient_boosting",
)
MODEL_NAMES = (BASELINE, OLS, LASSO, FOREST, BOOSTING)
FITTED_MODELS = MODEL_NAMES[1:]
LINEAR_MODELS = frozenset({OLS, LASSO})
DEFAULT_FOLDS = 4
DEFAULT_SAMPLE = 1_000
MIN_ROWS = 40
MIN_DATES_PER_FOLD = 2
# A metric whose rank correlation with the target (or a part of it) reaches this is the target
# in another form (revenue for units, orders for conversions), not a lever.
LEAKAGE_CORRELATION = 0.9
MAX_LEVELS = 30
OTHER_LEVEL = "other"
# Shallow forests: TreeSHAP's cost grows with depth and leaves (see DESIGN.md); a cap on the rows
# each tree draws keeps a fit's cost flat on large data.
FOREST_PARAMS = {"n_estimators": 60, "max_depth": 8, "min_samples_leaf": 5, "max_features": 0.5}
FOREST_MAX_SAMPLES = 10_000
BOOSTING_PARAMS = {
    "max_depth": 4,
    "max_iter": 200,
    "learning_rate": 0.08,
    "min_samples_leaf": 20,
    "early_stopping": False,
}
LASSO_ALPHAS = 30
MIN_CLUSTERS = 30
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Candidate sources: the role or calendar part a feature comes from.
LEVER_SOURCES = ("discount", "price", "spend", "lag", "promo_flag", "campaign_active", "festival")
CATEGORICAL_SOURCES = frozenset({"dimension", "campaign", "weekday", "month"})
LEAKAGE_CHECKED_SOURCES = frozenset({"metric", "cost", "margin"})

Progress = Callable[[int, int], None]


# --- settings and target ------------------------------------------------------------------------


@dataclass(frozen=True)
class DriverSettings:
    """What to model: the target, features (None = the suggested ones), models and rows."""

    target: str
    features: tuple[str, ...] | None = None
    models: tuple[str, ...] = FITTED_MODELS
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    log_target: bool = False
    folds: int = DEFAULT_FOLDS
    sample_size: int = DEFAULT_SAMPLE
    seed: int = 0

    @property
    def where_dict(self) -> dict[str, tuple[str, ...]]:
        return {column: tuple(values) for column, values in self.where}

    def key(self) -> str:
        """A plain string that identifies these settings (for caches and links)."""
        return json.dumps(
            {
                "target": self.target,
                "features": None if self.features is None else list(self.features),
                "models": list(self.models),
                "where": [[c, list(v)] for c, v in self.where],
                "log_target": self.log_target,
                "folds": self.folds,
                "sample_size": self.sample_size,
                "seed": self.seed,
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def from_key(cls, key: str) -> DriverSettings:
        data = json.loads(key)
        features = data["features"]
        return cls(
            target=data["target"],
            features=None if features is None else tuple(features),
            models=tuple(data["models"]),
            where=tuple((c, tuple(v)) for c, v in data["where"]),
            log_target=bool(data["log_target"]),
            folds=int(data["folds"]),
            sample_size=int(data["sample_size"]),
            seed=int(data["seed"]),
        )


def where_items(where: dict[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A row filter as the sorted tuple DriverSettings holds."""
    return tuple(sorted((column, tuple(values)) for column, values in (where or {}).items()))


@dataclass(frozen=True)
class Target:
    """A metric, or the ratio of two metrics per row (``orders/visits``)."""

    name: str
    numerator: str
    denominator: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.numerator,) if self.denominator is None else (self.numerator, self.denominator)

    def values(self, rows: pd.DataFrame) -> np.ndarray:
        """The target per row; a ratio is missing where its denominator is not positive."""
        top = rows[self.numerator].to_numpy(dtype=float)
        if self.denominator is None:
            return top
        bottom = rows[self.denominator].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bottom > 0, top / bottom, np.nan)


def number_columns(frame: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Columns that can be a target: numbers that are not ignored."""
    return [
        name
        for name, role in mapping.roles.items()
        if role in (METRIC, SPEND, COST, MARGIN, PRICE, DISCOUNT, PROMO_FLAG)
        and name in frame.columns
        and pd.api.types.is_numeric_dtype(frame[name])
    ]


def parse_target(text: str, frame: pd.DataFrame, mapping: Mapping) -> Target:
    """A column name, or NUMERATOR/DENOMINATOR; a column whose name holds '/' wins."""
    name = text.strip()
    numbers = number_columns(frame, mapping)
    if name in frame.columns:
        _check_number(name, numbers)
        return Target(name, name)
    top, sep, bottom = (part.strip() for part in name.partition("/"))
    if sep and top and bottom and "/" not in bottom:
        for part in (top, bottom):
            if part not in frame.columns:
                raise _unknown_target(part, numbers)
            _check_number(part, numbers)
        if top == bottom:
            raise UserInputError(
                f"The ratio {name!r} divides a column by itself: choose two different columns.",
                code="drivers_same_ratio_parts",
                target=name,
            )
        return Target(f"{top}/{bottom}", top, bottom)
    raise _unknown_target(name, numbers)


def _unknown_target(name: str, numbers: list[str]) -> UserInputError:
    known = ", ".join(numbers[:12]) or "none"
    return UserInputError(
        f"There is no number column {name!r} to model; the number columns are: {known} "
        "(a ratio is written NUMERATOR/DENOMINATOR, e.g. orders/visits).",
        code="drivers_unknown_target",
        target=name,
        known=known,
    )


def _check_number(name: str, numbers: list[str]) -> None:
    if name not in numbers:
        raise UserInputError(
            f"{name!r} is not a number column: choose a metric such as revenue, units or orders.",
            code="drivers_not_numeric",
            column=name,
        )


# --- rows ---------------------------------------------------------------------------------------


def segment_rows(
    frame: pd.DataFrame, mapping: Mapping, where: dict[str, tuple[str, ...]] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The filtered rows, one per date and segment, sorted by date; and the dimension columns."""
    date_column = mapping.date_column
    if date_column is None:
        raise UserInputError(
            "The data has no date column: choose one in the mapping on the Data page.",
            code="drivers_no_date",
        )
    rows = frame.loc[rows_where(frame, where)] if where else frame
    rows = rows[rows[date_column].notna()]
    dims = [d for d in mapping.columns(DIMENSION) if d in rows.columns]
    keys = [date_column, *dims]
    if rows.duplicated(keys).any():
        rows = _add_up_duplicates(rows, mapping, keys)
    return rows.sort_values(keys, kind="stable").reset_index(drop=True), dims


def _add_up_duplicates(rows: pd.DataFrame, mapping: Mapping, keys: list[str]) -> pd.DataFrame:
    """Rows sharing a date and segment become one: amounts add up, rates and prices average."""
    how: dict[str, Any] = {}
    for name, role in mapping.roles.items():
        if name in keys or name not in rows.columns:
            continue
        if role in (METRIC, SPEND, COST):
            how[name] = "sum"
        elif role in (DISCOUNT, PRICE, MARGIN, PROMO_FLAG):
            how[name] = "mean"
        elif role == CAMPAIGN:
            how[name] = _first_label
    return rows.groupby(keys, dropna=False, sort=False).agg(how).reset_index()


def _first_label(cells: pd.Series) -> str:
    labels = cells.dropna().astype(str).str.strip()
    labels = labels[labels != ""]
    return labels.iloc[0] if len(labels) else ""


# --- candidate features -------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A feature a user can choose: a column, a derived flag or lag, or a calendar part.

    ``leakage`` names why it is the target in another form ("ratio_part", "same_quantity");
    flagged candidates are left out unless chosen.
    """

    name: str
    source: str
    default: bool
    leakage: str | None = None
    leakage_with: str | None = None
    correlation: float | None = None

    @property
    def categorical(self) -> bool:
        return self.source in CATEGORICAL_SOURCES

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "default": self.default,
            "categorical": self.categorical,
            "leakage": self.leakage,
            "leakage_with": self.leakage_with,
            "correlation": self.correlation,
        }


def suggest_features(
    frame: pd.DataFrame,
    mapping: Mapping,
    target: str,
    where: dict[str, tuple[str, ...]] | None = None,
) -> tuple[Candidate, ...]:
    """Every feature on offer for this target, the suggested ones marked default, leaks flagged."""
    parsed = parse_target(target, frame, mapping)
    rows, dims = segment_rows(frame, mapping, where)
    return _candidates(rows, mapping, parsed, dims, _frequency(rows, mapping))


def _frequency(rows: pd.DataFrame, mapping: Mapping) -> str | None:
    return infer_frequency(rows[mapping.date_column].to_numpy())


def _candidates(
    rows: pd.DataFrame, mapping: Mapping, target: Target, dims: list[str], frequency: str | None
) -> tuple[Candidate, ...]:
    taken = set(rows.columns)
    found: list[Candidate] = []

    def varies(values: pd.Series | np.ndarray) -> bool:
        return pd.Series(values).nunique(dropna=True) > 1

    def numeric(role: str, source: str, default: bool) -> None:
        for column in mapping.columns(role):
            if column in rows.columns and column not in target.parts and varies(rows[column]):
                found.append(Candidate(column, source, default))

    numeric(DISCOUNT, "discount", True)
    numeric(PRICE, "price", True)
    numeric(SPEND, "spend", True)
    numeric(PROMO_FLAG, "promo_flag", True)
    campaign = next((c for c in mapping.columns(CAMPAIGN) if c in rows.columns), None)
    if campaign is not None:
        labels = _labels(rows[campaign])
        active = f"{campaign}_active"
        if active not in taken and varies(labels != ""):
            found.append(Candidate(active, "campaign_active", True))
        if labels[labels != ""].nunique() > 1:
            found.append(Candidate(campaign, "campaign", False))
    found += [Candidate(d, "dimension", True) for d in dims if varies(rows[d])]
    found += _calendar_candidates(rows[mapping.date_column], frequency, taken)
    for column in mapping.columns(SPEND):
        lag = f"{column}_lag1"
        if column in rows.columns and lag not in taken and varies(rows[column]):
            found.append(Candidate(lag, "lag", False))
    y = target.values(rows)
    segment = _segment_codes(rows, dims)
    for role, source in ((METRIC, "metric"), (COST, "cost"), (MARGIN, "margin")):
        for column in mapping.columns(role):
            if column == target.name or column not in rows.columns or not varies(rows[column]):
                continue
            found.append(_checked_for_leakage(column, source, rows, target, y, segment))
    return tuple(found)


def _labels(cells: pd.Series) -> pd.Series:
    return cells.astype("string").fillna("").str.strip()


def _calendar_candidates(
    dates: pd.Series, frequency: str | None, taken: set[str]
) -> list[Candidate]:
    days = pd.DatetimeIndex(dates)
    found = []
    if frequency == "D" and days.day_of_week.nunique() > 1:
        found.append(Candidate("weekday", "weekday", True))
    if frequency in ("D", "W", "M") and days.month.nunique() > 1:
        found.append(Candidate("month", "month", True))
    if frequency is not None:
        festivals = festival_regressors(pd.DatetimeIndex(days.unique()), frequency)
        found += [Candidate(str(name), "festival", True) for name in festivals.columns]
    if days.nunique() > 1:
        found.append(Candidate("trend", "trend", True))
    return [c for c in found if c.name not in taken]


def _checked_for_leakage(
    column: str,
    source: str,
    rows: pd.DataFrame,
    target: Target,
    y: np.ndarray,
    segment: np.ndarray,
) -> Candidate:
    """Flag a metric that is a part of the ratio, or that moves one for one with the target or a
    part of it: over all rows (rank correlation) or within segments (revenue and units of the
    same rows, whose levels differ between categories by the price)."""
    if column in target.parts:
        return Candidate(column, source, False, "ratio_part", target.name)
    values = rows[column].to_numpy(dtype=float)
    references = {target.name: y} | {
        part: rows[part].to_numpy(dtype=float) for part in target.parts
    }
    best_name, best = None, 0.0
    for name, reference in references.items():
        for rho in (
            _rank_correlation(values, reference),
            _within_segment_correlation(values, reference, segment),
        ):
            if abs(rho) > abs(best):
                best_name, best = name, rho
    if abs(best) >= LEAKAGE_CORRELATION:
        return Candidate(column, source, False, "same_quantity", best_name, round(best, 3))
    return Candidate(column, source, False, correlation=round(best, 3))


def _rank_correlation(a: np.ndarray, b: np.ndarray) -> float:
    both = np.isfinite(a) & np.isfinite(b)
    if both.sum() < 3:
        return 0.0
    ranks = [pd.Series(v[both]).rank().to_numpy() for v in (a, b)]
    return _correlation(*ranks)


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation; 0 when either side is constant."""
    a, b = a - a.mean(), b - b.mean()
    scale = np.sqrt((a @ a) * (b @ b))
    return float(a @ b / scale) if scale > 0 else 0.0


def _within_segment_correlation(a: np.ndarray, b: np.ndarray, segment: np.ndarray) -> float:
    """Correlation of the two (logged when not negative) after each segment's mean is removed."""
    both = np.isfinite(a) & np.isfinite(b)
    if both.sum() < 3:
        return 0.0
    groups, x, y = segment[both], _logged(a[both]), _logged(b[both])
    counts = np.bincount(groups)
    means = [np.bincount(groups, weights=v) / np.maximum(counts, 1) for v in (x, y)]
    return _correlation(x - means[0][groups], y - means[1][groups])


def _logged(values: np.ndarray) -> np.ndarray:
    return np.log1p(values) if values.min() >= 0 else values


def resolve_features(
    wanted: Sequence[str] | None, candidates: Sequence[Candidate], target: Target
) -> tuple[str, ...]:
    """The candidate names to use: the defaults, or the ones asked for (checked)."""
    by_name = {c.name: c for c in candidates}
    if wanted is None:
        chosen = tuple(c.name for c in candidates if c.default)
    else:
        chosen = tuple(dict.fromkeys(name.strip() for name in wanted if name.strip()))
        for name in chosen:
            if name in by_name:
                continue
            if name == target.name:
                raise UserInputError(
                    f"{name!r} is the target; it cannot also be a feature.",
                    code="drivers_target_as_feature",
                    feature=name,
                )
            known = ", ".join(by_name)
            raise UserInputError(
                f"There is no feature {name!r} (or it does not vary in these rows); the "
                f"features are: {known}.",
                code="drivers_unknown_feature",
                feature=name,
                known=known,
            )
    if not chosen:
        raise UserInputError(
            "There is no feature to model with: choose at least one.", code="drivers_no_features"
        )
    return chosen


# --- the design matrix --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DriverData:
    """Model-ready rows: the design matrix (one-hot categories, with each group's reference level
    marked for the linear models), the target and what the baseline and row picker need."""

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
    dates: np.ndarray = field(repr=False)
    segment: np.ndarray = field(repr=False)
    naive: np.ndarray = field(repr=False)
    keys: pd.DataFrame = field(repr=False)

    @property
    def n_rows(self) -> int:
        return len(self.y)

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
    frequency = _frequency(rows, mapping)
    candidates = _candidates(rows, mapping, target, dims, frequency)
    chosen = resolve_features(settings.features, candidates, target)
    by_name = {c.name: c for c in candidates}
    dates = pd.DatetimeIndex(rows[mapping.date_column])
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
    segment = _segment_codes(rows, dims)[keep]
    day_values = dates.to_numpy()[keep]
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
        keys=rows.loc[keep, [mapping.date_column, *dims]].reset_index(drop=True),
    )


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


def _segment_codes(rows: pd.DataFrame, dims: list[str]) -> np.ndarray:
    if not dims:
        return np.zeros(len(rows), dtype=np.int64)
    return rows.groupby(dims, dropna=False, sort=False).ngroup().to_numpy(dtype=np.int64)


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
    dates: pd.DatetimeIndex,
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
            flag = (_labels(rows[campaign]) != "").to_numpy(dtype=float)
            columns.append((name, name, source, flag))
        elif source == "lag":
            columns.append((name, name, source, _lagged(rows, name.removesuffix("_lag1"), dims)))
        elif source in ("dimension", "campaign"):
            labels = _labels(rows[name]).replace("", "(none)")
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
    actual: np.ndarray, dates: np.ndarray, segment: np.ndarray, frequency: str | None
) -> np.ndarray:
    """Daily data: the segment's value seven days earlier (missing where there is none)."""
    if frequency != "D":
        return np.full(len(actual), np.nan)
    days = pd.DatetimeIndex(dates)
    known = pd.Series(actual, index=pd.MultiIndex.from_arrays([segment, days]))
    known = known[~known.index.duplicated()]
    wanted = pd.MultiIndex.from_arrays([segment, days - pd.Timedelta(days=7)])
    return known.reindex(wanted).to_numpy(dtype=float)


# --- time-ordered folds -------------------------------------------------------------------------


def time_folds(dates: np.ndarray, n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Expanding-window folds over the distinct dates: each trains on every row before its test
    block, and all rows of a date fall in the same block."""
    from sklearn.model_selection import TimeSeriesSplit

    distinct = np.unique(dates)
    folds = []
    for _, test in TimeSeriesSplit(n_splits=n_folds).split(distinct):
        first, last = distinct[test[0]], distinct[test[-1]]
        train = np.flatnonzero(dates < first)
        held_out = np.flatnonzero((dates >= first) & (dates <= last))
        folds.append((train, held_out))
    return folds


# --- models -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class FittedModel:
    """A model fitted on the design's ``columns``: linear (intercept + coef) or a tree ensemble.

    ``background`` holds the training means of a linear model's columns (its SHAP reference);
    ``smearing`` turns log-scale predictions into means on the original scale.
    """

    name: str
    kind: str
    columns: np.ndarray
    intercept: float = 0.0
    coef: np.ndarray | None = None
    background: np.ndarray | None = None
    estimator: Any = None
    smearing: float = 1.0

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predictions on the model's scale (the log of the target for a log model)."""
        part = x[:, self.columns]
        if self.kind == "linear":
            return self.intercept + part @ self.coef
        return self.estimator.predict(part)


def fit_model(
    name: str, x: np.ndarray, y: np.ndarray, linear_columns: np.ndarray, seed: int, log: bool
) -> FittedModel:
    """Fit one model on the design's rows x (all columns; linear models use linear_columns)."""
    if name in LINEAR_MODELS:
        varying = linear_columns[np.ptp(x[:, linear_columns], axis=0) > 0]
        fitted = _fit_ols(x, y, varying) if name == OLS else _fit_lasso(x, y, varying, seed)
    elif name == FOREST:
        fitted = _fit_forest(x, y, seed)
    elif name == BOOSTING:
        fitted = _fit_boosting(x, y, seed)
    else:
        raise ValueError(f"unknown model {name!r}")
    if not log:
        return fitted
    residuals = y - fitted.predict(x)
    return replace(fitted, smearing=float(np.mean(np.exp(residuals))))


def _fit_ols(x: np.ndarray, y: np.ndarray, columns: np.ndarray) -> FittedModel:
    part = x[:, columns]
    design = np.column_stack([np.ones(len(part)), part])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return FittedModel(OLS, "linear", columns, float(solution[0]), solution[1:], part.mean(axis=0))


def _fit_lasso(x: np.ndarray, y: np.ndarray, columns: np.ndarray, seed: int) -> FittedModel:
    """LassoCV on standardised columns (strength chosen on time-ordered inner folds), with the
    coefficients turned back into the columns' own units."""
    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import TimeSeriesSplit

    part = x[:, columns]
    mean, scale = part.mean(axis=0), part.std(axis=0)
    scale[scale == 0] = 1.0
    inner = TimeSeriesSplit(n_splits=3)
    model = LassoCV(alphas=LASSO_ALPHAS, cv=inner, max_iter=5000, random_state=seed)
    model.fit((part - mean) / scale, y)
    coef = model.coef_ / scale
    intercept = float(model.intercept_ - coef @ mean)
    return FittedModel(LASSO, "linear", columns, intercept, coef, mean)


def _fit_forest(x: np.ndarray, y: np.ndarray, seed: int) -> FittedModel:
    from sklearn.ensemble import RandomForestRegressor

    max_samples = FOREST_MAX_SAMPLES if len(y) > FOREST_MAX_SAMPLES else None
    model = RandomForestRegressor(
        **FOREST_PARAMS, max_samples=max_samples, n_jobs=1, random_state=seed
    )
    model.fit(x, y)
    return FittedModel(FOREST, "tree", np.arange(x.shape[1]), estimator=model)


def _fit_boosting(x: np.ndarray, y: np.ndarray, seed: int) -> FittedModel:
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(**BOOSTING_PARAMS, random_state=seed)
    model.fit(x, y)
    return FittedModel(BOOSTING, "tree", np.arange(x.shape[1]), estimator=model)


def _fold_task(task: tuple[Any, ...]) -> np.ndarray:
    """Worker: fit one model on a fold's training rows; predictions for its held-out rows on the
    target's own scale."""
    name, x_train, y_train, x_test, linear_columns, seed, log = task
    with _one_thread():
        fitted = fit_model(name, x_train, y_train, linear_columns, seed, log)
        predictions = fitted.predict(x_test)
    return np.exp(predictions) * fitted.smearing if log else predictions


# --- scores -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelScore:
    """Errors of one model's predictions on the held-out folds, on the target's own scale."""

    name: str
    mae: float
    rmse: float
    r2: float
    mape: float | None
    fold_mae: tuple[float, ...]
    n_held_out: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mae": self.mae,
            "rmse": self.rmse,
            "r2": self.r2,
            "mape": self.mape,
            "fold_mae": list(self.fold_mae),
            "n_held_out": self.n_held_out,
        }


def score_models(
    data: DriverData,
    names: Sequence[str],
    progress: Progress | None = None,
    *,
    parallel: bool = True,
) -> tuple[ModelScore, ...]:
    """Cross-validated scores of the named models (the baseline among them if named); the fold
    fits run in worker processes."""
    unknown = [n for n in names if n not in MODEL_NAMES]
    if unknown:
        raise UserInputError(
            f"There is no model {unknown[0]!r}; the models are: {', '.join(MODEL_NAMES)}.",
            code="drivers_unknown_model",
            model=unknown[0],
        )
    folds = time_folds(data.dates, data.folds)
    fitted_names = [n for n in dict.fromkeys(names) if n != BASELINE]
    tasks = [
        (name, data.x[train], data.y[train], data.x[test], data.linear_columns, data.seed,
         data.log_target)
        for name in fitted_names
        for train, test in folds
    ]  # fmt: skip
    predictions = map_in_workers(_fold_task, tasks, progress, parallel=parallel)
    scores = []
    for name in dict.fromkeys(names):
        if name == BASELINE:
            per_fold = [baseline_predictions(data, train, test) for train, test in folds]
        else:
            start = fitted_names.index(name) * len(folds)
            per_fold = predictions[start : start + len(folds)]
        scores.append(_score(name, data, folds, per_fold))
    return tuple(scores)


def baseline_kind(data: DriverData) -> str:
    """'last_week' (same weekday a week earlier, daily data) or 'segment_mean'."""
    return "last_week" if data.frequency == "D" else "segment_mean"


def baseline_predictions(data: DriverData, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """The naive forecast: the same weekday a week earlier for daily data, else (and where that
    is missing) the segment's mean over the training rows."""
    actual = data.actual[train]
    overall = float(np.mean(actual))
    sums = np.bincount(data.segment[train], weights=actual, minlength=data.segment.max() + 1)
    counts = np.bincount(data.segment[train], minlength=data.segment.max() + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), overall)
    fallback = means[data.segment[test]]
    naive = data.naive[test]
    return np.where(np.isfinite(naive), naive, fallback)


def _score(
    name: str,
    data: DriverData,
    folds: list[tuple[np.ndarray, np.ndarray]],
    per_fold: Sequence[np.ndarray],
) -> ModelScore:
    actual = np.concatenate([data.actual[test] for _, test in folds])
    predicted = np.concatenate(per_fold)
    errors = predicted - actual
    total = float(np.sum((actual - actual.mean()) ** 2))
    nonzero = actual != 0
    fold_mae = tuple(
        float(np.mean(np.abs(p - data.actual[test])))
        for p, (_, test) in zip(per_fold, folds, strict=True)
    )
    return ModelScore(
        name=name,
        mae=float(np.mean(np.abs(errors))),
        rmse=float(np.sqrt(np.mean(errors**2))),
        r2=float(1.0 - np.sum(errors**2) / total) if total > 0 else float("nan"),
        mape=float(np.mean(np.abs(errors[nonzero] / actual[nonzero]))) if nonzero.any() else None,
        fold_mae=fold_mae,
        n_held_out=len(actual),
    )


def leaderboard(scores: Sequence[ModelScore]) -> tuple[ModelScore, ...]:
    """Models by held-out MAE, best first."""
    return tuple(sorted(scores, key=lambda s: (s.mae, s.name)))


# --- OLS inference ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coefficient:
    """An OLS coefficient on all rows, with its 95% interval and p-value."""

    feature: str
    coef: float
    ci: tuple[float, float]
    p_value: float
    se: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "coef": self.coef,
            "ci": list(self.ci),
            "p_value": self.p_value,
            "se": self.se,
        }


@dataclass(frozen=True)
class OlsSummary:
    """The OLS fit behind the coefficients: how its intervals were computed and what it dropped."""

    r2: float
    n_rows: int
    intercept: float
    covariance: str
    clusters: int
    references: dict[str, str]
    aliased: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "r2": self.r2,
            "n_rows": self.n_rows,
            "intercept": self.intercept,
            "covariance": self.covariance,
            "clusters": self.clusters,
            "references": dict(self.references),
            "aliased": list(self.aliased),
        }


def ols_inference(data: DriverData) -> tuple[tuple[Coefficient, ...], OlsSummary]:
    """statsmodels OLS on all rows. Intervals allow for shocks shared by the rows of one week
    (daily data) or one date (errors clustered by it), since segments of a day move together."""
    import statsmodels.api as sm

    columns = [c for c in data.linear_columns if np.ptp(data.x[:, c]) > 0]
    kept, aliased = _independent_columns(data.x, columns)
    design = sm.add_constant(data.x[:, kept], has_constant="add")
    clusters = _clusters(data)
    n_clusters = len(np.unique(clusters))
    model = sm.OLS(data.y, design)
    if n_clusters >= MIN_CLUSTERS:
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": clusters})
        covariance = "cluster_week" if data.frequency == "D" else "cluster_date"
    else:
        fit = model.fit(cov_type="HC1")
        covariance = "hc1"
    params, bse = np.asarray(fit.params), np.asarray(fit.bse)
    ci, p_values = np.asarray(fit.conf_int(0.05)), np.asarray(fit.pvalues)
    coefficients = tuple(
        Coefficient(
            feature=data.features[c],
            coef=float(params[i + 1]),
            ci=(float(ci[i + 1, 0]), float(ci[i + 1, 1])),
            p_value=float(p_values[i + 1]),
            se=float(bse[i + 1]),
        )
        for i, c in enumerate(kept)
    )
    references = {
        data.groups[c]: data.features[c].split("=", 1)[1]
        for c in range(len(data.features))
        if data.reference[c]
    }
    summary = OlsSummary(
        r2=float(fit.rsquared),
        n_rows=data.n_rows,
        intercept=float(params[0]),
        covariance=covariance,
        clusters=n_clusters,
        references=references,
        aliased=tuple(data.features[c] for c in aliased),
    )
    return coefficients, summary


def _independent_columns(x: np.ndarray, columns: list[int]) -> tuple[list[int], list[int]]:
    """Columns that are not linear combinations of earlier ones (with the intercept)."""
    from scipy.linalg import qr

    if not columns:
        return [], []
    design = np.column_stack([np.ones(len(x)), x[:, columns]])
    design = design / np.maximum(np.linalg.norm(design, axis=0), 1e-300)
    _, r, order = qr(design, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > diagonal[0] * 1e-9).sum())
    independent = {int(i) for i in order[:rank]}
    kept = [c for i, c in enumerate(columns, start=1) if i in independent]
    return kept, [c for c in columns if c not in kept]


def _clusters(data: DriverData) -> np.ndarray:
    days = pd.DatetimeIndex(data.dates)
    if data.frequency == "D":
        return (days.normalize() - pd.to_timedelta(days.day_of_week, unit="D")).asi8
    return days.asi8


# --- the whole analysis -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DriversResult:
    """Leaderboard, chosen model, OLS coefficients, SHAP explanation and findings for one target."""

    target: str
    log_target: bool
    n_rows: int
    n_dropped: int
    frequency: str | None
    baseline: str
    features: tuple[str, ...]
    chosen: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    models: tuple[ModelScore, ...]
    best: str
    beats_baseline: bool
    coefficients: tuple[Coefficient, ...]
    ols: OlsSummary
    explanation: Explanation | None
    findings: tuple[Finding, ...]
    fitted: FittedModel | None = field(default=None, repr=False)
    data: DriverData | None = field(default=None, repr=False)
    predictions: np.ndarray | None = field(default=None, repr=False)

    @property
    def importance(self) -> tuple[Importance, ...]:
        """Mean |SHAP| per feature, largest first (empty when no model beats the baseline)."""
        return self.explanation.importance if self.explanation is not None else ()

    def score(self, name: str) -> ModelScore | None:
        return next((s for s in self.models if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "log_target": self.log_target,
            "n_rows": self.n_rows,
            "n_dropped": self.n_dropped,
            "frequency": self.frequency,
            "baseline": self.baseline,
            "features": list(self.features),
            "chosen": list(self.chosen),
            "candidates": [c.to_dict() for c in self.candidates],
            "models": [s.to_dict() for s in self.models],
            "best": self.best,
            "beats_baseline": self.beats_baseline,
            "importance": [i.to_dict() for i in self.importance],
            "coefficients": [c.to_dict() for c in self.coefficients],
            "ols": self.ols.to_dict(),
            "explanation": None if self.explanation is None else self.explanation.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }


def run_drivers(
    frame: pd.DataFrame,
    mapping: Mapping,
    settings: DriverSettings,
    progress: Progress | None = None,
    *,
    parallel: bool | None = None,
) -> DriversResult:
    """Prepare, score every model on time-ordered folds, and explain the best one.

    ``parallel=None`` uses worker processes when the data are large enough to repay them.
    """
    data = prepare(frame, mapping, settings)
    if parallel is None:
        parallel = data.n_rows * len(data.features) >= 200_000
    scores = score_models(data, (BASELINE, *settings.models), progress, parallel=parallel)
    return finish(data, scores, parallel=parallel)


def finish(
    data: DriverData,
    scores: Sequence[ModelScore],
    *,
    parallel: bool = True,
    force: str | None = None,
) -> DriversResult:
    """Choose the best model on the held-out folds, fit it on all rows and explain it with SHAP,
    with OLS coefficients and the findings (both fits run in worker processes).

    ``force`` names a scored model to explain whatever the folds say (the benchmark times each
    model as the explained one)."""
    from analytics.drivers.explain import findings

    board = leaderboard(scores)
    best = board[0]
    if force is not None:
        forced = [s for s in board if s.name == force]
        if not forced:
            raise ValueError(f"{force!r} was not scored")
        best = forced[0]
    beats = best.name != BASELINE
    jobs = [("ols", data)] + ([("explain", data, best.name)] if beats else [])
    done = map_in_workers(_final_task, jobs, parallel=parallel)
    coefficients, summary = done[0]
    fitted, explanation, predictions = done[1] if beats else (None, None, None)
    result = DriversResult(
        target=data.target.name,
        log_target=data.log_target,
        n_rows=data.n_rows,
        n_dropped=data.n_dropped,
        frequency=data.frequency,
        baseline=baseline_kind(data),
        features=data.features,
        chosen=data.chosen,
        candidates=data.candidates,
        models=board,
        best=best.name,
        beats_baseline=beats,
        coefficients=coefficients,
        ols=summary,
        explanation=explanation,
        findings=(),
        fitted=fitted,
        data=data,
        predictions=predictions,
    )
    return replace(result, findings=findings(result))


def _final_task(job: tuple[Any, ...]) -> Any:
    """Worker: the OLS inference, or the best model fitted on all rows with its SHAP values."""
    from analytics.drivers.explain import explain

    with _one_thread():
        if job[0] == "ols":
            return ols_inference(job[1])
        _, data, name = job
        fitted = fit_model(name, data.x, data.y, data.linear_columns, data.seed, data.log_target)
        explanation = explain(fitted, data)
        predictions = data.to_original(fitted.predict(data.x), fitted.smearing)
    return fitted, explanation, predictions


def _one_thread() -> Any:
    """One BLAS/OpenMP thread: on a small shared machine, boosting's OpenMP threads spin against
    other processes (one 50,000-row boosting fit: 1 s on one thread, 6-22 s on two, measured).

    threadpoolctl limits only the libraries already loaded, so scikit-learn's ensembles (which
    load its OpenMP runtime) are imported first: imported inside the limit, the first boosting fit
    of every worker ran on all cores, unlimited."""
    import sklearn.ensemble  # noqa: F401  (loads the OpenMP runtime before it is limited)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)
