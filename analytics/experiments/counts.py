"""An A/B test exported as one row per variant: its units and its conversions (or any count
of units with the outcome), compared as proportions by the pooled z-test; or a total (revenue)
with its spread per unit (a standard deviation, a variance or a sum of squares column),
compared as means per unit by Welch's t."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments import stats
from analytics.experiments.abtest import (
    chosen_control,
    compare,
    holm_over,
    outcome_values,
    ratio_check,
    require_column,
    variant_codes,
)
from analytics.experiments.results import MEAN, PROPORTION, ABResult, VariantSummary

# How a spread column describes each row's units: their standard deviation, their variance,
# or the sum of their squared values.
STD, VARIANCE, SUM_OF_SQUARES = "std", "variance", "sum_of_squares"
SPREAD_KINDS = (STD, VARIANCE, SUM_OF_SQUARES)


def analyse_counts(
    frame: pd.DataFrame,
    variant: str,
    metric: str,
    units: str,
    *,
    control: str | None = None,
    split: Sequence[float] | None = None,
    alpha: float = 0.05,
    spread: tuple[str, str] | None = None,
) -> ABResult:
    """Each variant's ``metric`` (a count of converted units) out of its ``units``, against the
    control; rows of the same variant are added up. With ``spread`` (a column and its kind,
    one of SPREAD_KINDS), ``metric`` is a total over the units and is compared as a mean."""
    for column in (variant, metric, units, spread[0] if spread else None):
        require_column(frame, column)
    codes, names = variant_codes(frame[variant])
    if len(names) < 2:
        raise UserInputError(
            f"The column {variant!r} holds one variant only; an A/B test needs two or more.",
            code="ab_one_variant",
            column=variant,
        )
    control = chosen_control(names, control, variant)
    keep = codes >= 0
    totals = np.bincount(codes[keep], outcome_values(frame[units], units)[keep], len(names))
    sums = outcome_values(frame[metric], metric)[keep]
    hits = np.bincount(codes[keep], sums, len(names))
    if spread is not None:
        squares = row_squares(frame[keep], spread, metric, units)
        sums_of_squares = np.bincount(codes[keep], squares, len(names))
        summaries = _mean_summaries(names, metric, totals, hits, sums_of_squares, alpha)
        raw = [
            compare(None, None, summaries[control], summary, MEAN, alpha)
            for name, summary in summaries.items()
            if name != control
        ]
        srm = ratio_check(totals, split)
        result = ABResult(metric, MEAN, control, tuple(summaries.values()), tuple(raw), srm,
                          None, None, dropped_rows=int((~keep).sum()))  # fmt: skip
        return holm_over([result])[0]
    if not (np.isfinite(hits).all() and (hits >= 0).all() and (hits <= totals).all()):
        raise UserInputError(
            f"With one row per variant, {metric!r} must count units out of {units!r} (e.g. "
            "conversions out of users), or be a total (such as revenue) compared as a mean per "
            "unit: then give the column of its spread per unit (standard deviation, variance or "
            "sum of squares).",
            code="ab_counts_not_rates",
            metric=metric,
            units=units,
        )
    srm = ratio_check(totals, split)
    summaries = {
        name: _summary(name, int(np.rint(totals[i])), float(hits[i]), alpha)
        for i, name in enumerate(names)
    }
    raw = [
        compare(None, None, summaries[control], summary, PROPORTION, alpha)
        for name, summary in summaries.items()
        if name != control
    ]
    result = ABResult(metric, PROPORTION, control, tuple(summaries.values()), tuple(raw), srm,
                      None, None, dropped_rows=int((~keep).sum()))  # fmt: skip
    return holm_over([result])[0]


def _summary(name: str, units: int, hits: float, alpha: float) -> VariantSummary:
    if units < 2:
        raise UserInputError(
            f"The variant {name!r} has fewer than 2 units.", code="ab_too_few_units", variant=name
        )
    rate = hits / units
    ci = stats.wilson_interval(hits, units, alpha)
    return VariantSummary(name, units, rate, ci, float(np.sqrt(rate * (1 - rate) / units)))


def counts_units(frame: pd.DataFrame, metric: str, units: str) -> bool:
    """Whether ``metric`` reads as a count of units out of ``units`` on every row (whole
    numbers from 0 to the units): otherwise it is a total that needs a spread column."""
    hits = outcome_values(frame[metric], metric)
    totals = outcome_values(frame[units], units)
    known = ~np.isnan(hits) & ~np.isnan(totals)
    hits, totals = hits[known], totals[known]
    return bool(((hits >= 0) & (hits <= totals) & (hits % 1 == 0)).all())


def spread_kind(column: str) -> str:
    """The kind a spread column's name suggests (a standard deviation unless it says
    variance or sum of squares)."""
    name = column.lower()
    if any(word in name for word in ("square", "sumsq", "ss_", "平方和")):
        return SUM_OF_SQUARES
    if any(word in name for word in ("var", "方差")):
        return VARIANCE
    return STD


def row_squares(
    frame: pd.DataFrame, spread: tuple[str, str], metric: str, units: str
) -> np.ndarray:
    """Each row's sum of squared unit values Σy², from its spread column: (n − 1)s² + n·ȳ² for
    a standard deviation s or a variance s², the column itself for a sum of squares."""
    column, kind = spread
    if kind not in SPREAD_KINDS:
        raise UserInputError(
            f"The spread {column!r} must be a standard deviation, a variance or a sum of "
            f"squares (got {kind!r}).",
            code="ab_spread_kind",
            column=column,
        )
    n = outcome_values(frame[units], units)
    total = outcome_values(frame[metric], metric)
    value = outcome_values(frame[column], column)
    if kind == SUM_OF_SQUARES:
        return value
    variance = value**2 if kind == STD else value
    with np.errstate(invalid="ignore", divide="ignore"):
        return (n - 1) * variance + total**2 / n


def _mean_summaries(
    names: list[str],
    metric: str,
    totals: np.ndarray,
    sums: np.ndarray,
    squares: np.ndarray,
    alpha: float,
) -> dict[str, VariantSummary]:
    """Each variant's mean per unit and its t interval, from its units, total and Σy²."""
    summaries = {}
    for i, name in enumerate(names):
        n = int(np.rint(totals[i]))
        if n < 2:
            raise UserInputError(
                f"The variant {name!r} has fewer than 2 units.", code="ab_too_few_units",
                variant=name,
            )  # fmt: skip
        mean = sums[i] / n
        variance = (squares[i] - n * mean**2) / (n - 1)
        if not np.isfinite(variance) or variance < -1e-9 * max(1.0, squares[i]):
            raise UserInputError(
                f"The spread given for {metric!r} does not fit its totals in variant {name!r} "
                "(a negative variance): check the column and its kind.",
                code="ab_spread_inconsistent",
                metric=metric,
                variant=name,
            )
        variance = max(variance, 0.0)
        ci = stats.mean_interval(mean, variance, n, alpha)
        summaries[name] = VariantSummary(name, n, float(mean), ci, float(np.sqrt(variance / n)))
    return summaries
