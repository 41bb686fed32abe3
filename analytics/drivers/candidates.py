"""Candidate features of a drivers analysis: every column that could move the target (levers,
flags, segments, other metrics) and the calendar parts, the suggested ones marked, and metrics that
are the target in another form flagged.

Keys (id, customer, order, item, variant), calendar columns, dates and ignored columns are never
candidates: only the roles read below are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.drivers.rows import cell_labels, data_frequency, segment_codes, segment_rows
from analytics.drivers.settings import Target, parse_target
from analytics.errors import UserInputError
from analytics.ingest.roles import (
    CALENDAR,
    CAMPAIGN,
    COST,
    DISCOUNT,
    FLAG,
    MARGIN,
    METRIC,
    PRICE,
    PROMO_FLAG,
    SPEND,
    Mapping,
    name_role,
)

# A metric whose rank correlation with the target (or a part of it) reaches this is the target
# in another form (revenue for units, orders for conversions), not a lever.
LEAKAGE_CORRELATION = 0.9
# Candidate sources: the role or calendar part a feature comes from.
LEVER_SOURCES = (
    "discount",
    "price",
    "spend",
    "lag",
    "promo_flag",
    "campaign_active",
    "festival",
    "flag",
    "metric",
)
CATEGORICAL_SOURCES = frozenset({"dimension", "campaign", "weekday", "month"})


@dataclass(frozen=True)
class Candidate:
    """A feature a user can choose: a column, a derived flag or lag, or a calendar part.

    ``leakage`` names why it is the target in another form ("ratio_part", "same_quantity",
    "funnel_stage"); flagged candidates are left out unless chosen.
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
    return candidates_of(rows, mapping, parsed, dims, data_frequency(rows, mapping))


def candidates_of(
    rows: pd.DataFrame, mapping: Mapping, target: Target, dims: list[str], frequency: str | None
) -> tuple[Candidate, ...]:
    """The candidates of rows already one per date and segment (see ``suggest_features``)."""
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
    numeric(FLAG, "flag", True)
    campaign = next((c for c in mapping.columns(CAMPAIGN) if c in rows.columns), None)
    if campaign is not None:
        labels = cell_labels(rows[campaign])
        active = f"{campaign}_active"
        if active not in taken and varies(labels != ""):
            found.append(Candidate(active, "campaign_active", True))
        if labels[labels != ""].nunique() > 1:
            found.append(Candidate(campaign, "campaign", False))
    found += [Candidate(d, "dimension", True) for d in dims if varies(rows[d])]
    if mapping.date_column is not None:
        # A file's own month or weekday column restates the date: the part derived from the date
        # stands for it (the column itself, a calendar role, is never a feature).
        restated = taken - set(mapping.columns(CALENDAR))
        found += _calendar_candidates(rows[mapping.date_column], frequency, restated)
        for column in mapping.columns(SPEND):
            lag = f"{column}_lag1"
            if column in rows.columns and lag not in taken and varies(rows[column]):
                found.append(Candidate(lag, "lag", False))
    y = target.values(rows)
    segment = segment_codes(rows, dims)
    # Other metrics (temperature, TV budget, store size) may be causes: suggested unless they are
    # the target in another form. Cost of goods and margins follow from the sales and prices
    # already on offer, so they are offered but left for the user to choose.
    for role, source, default in ((METRIC, "metric", True), (COST, "cost", False),
                                  (MARGIN, "margin", False)):  # fmt: skip
        for column in mapping.columns(role):
            if column == target.name or column not in rows.columns or not varies(rows[column]):
                continue
            found.append(_checked_for_leakage(column, source, default, rows, target, y, segment))
    return tuple(found)


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
    default: bool,
    rows: pd.DataFrame,
    target: Target,
    y: np.ndarray,
    segment: np.ndarray,
) -> Candidate:
    """Flag a metric that is a part of the ratio, or that moves one for one with the target or a
    part of it: over all rows (rank correlation) or within segments (revenue and units of the
    same rows, whose levels differ between categories by the price), or that is another stage of
    the sales funnel the target is one of. A flagged metric is never a default."""
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
    if _funnel_stage(column) and _funnel_stage(target.numerator):
        return Candidate(column, source, False, "funnel_stage", target.name, round(best, 3))
    return Candidate(column, source, default, correlation=round(best, 3))


def _funnel_stage(column: str) -> bool:
    """Named as a sales or traffic quantity (visits, orders, units, revenue): one stage of the
    funnel that turns visits into revenue, moved by the same levers rather than moving them."""
    return name_role(column) == METRIC


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
