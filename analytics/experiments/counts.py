"""An A/B test exported as one row per variant: its units and its conversions (or any count
of units with the outcome), compared as proportions by the pooled z-test."""

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
from analytics.experiments.results import PROPORTION, ABResult, VariantSummary


def analyse_counts(
    frame: pd.DataFrame,
    variant: str,
    metric: str,
    units: str,
    *,
    control: str | None = None,
    split: Sequence[float] | None = None,
    alpha: float = 0.05,
) -> ABResult:
    """Each variant's ``metric`` (a count of converted units) out of its ``units``, against the
    control; rows of the same variant are added up."""
    for column in (variant, metric, units):
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
    hits = np.bincount(codes[keep], outcome_values(frame[metric], metric)[keep], len(names))
    if not (np.isfinite(hits).all() and (hits >= 0).all() and (hits <= totals).all()):
        raise UserInputError(
            f"With one row per variant, {metric!r} must count units out of {units!r} (e.g. "
            "conversions out of users): means need one row per unit.",
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
