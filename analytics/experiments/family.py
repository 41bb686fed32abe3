"""Several outcomes of one A/B test analysed together, Holm's correction over all of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from analytics.experiments.abtest import analyse_ab, holm_over
from analytics.experiments.counts import analyse_counts
from analytics.experiments.results import ABResult


def analyse_metrics(
    frame: pd.DataFrame,
    variant: str,
    metrics: Sequence[str],
    *,
    ratio: tuple[str, str] | None = None,
    covariate: str | None = None,
    units: str | None = None,
    **options: Any,
) -> tuple[ABResult, ...]:
    """Each metric (and the ratio numerator/denominator, if given) against the control; with
    several, Holm's correction runs over every comparison of every metric together. With
    ``units``, the rows are variants and each metric counts converted units out of them."""
    if units is not None:
        counted = [analyse_counts(frame, variant, m, units, **options) for m in metrics]
        return holm_over(counted)
    results = [analyse_ab(frame, variant, m, covariate=covariate, **options) for m in metrics]
    if ratio is not None:
        results.append(analyse_ab(frame, variant, ratio[0], denominator=ratio[1], **options))
    return holm_over(results)
