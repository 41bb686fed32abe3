"""Several outcomes of one A/B test analysed together, Holm's correction over all of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments.abtest import analyse_ab, holm_over, require_column
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
    spreads: Mapping[str, tuple[str, str]] | None = None,
    **options: Any,
) -> tuple[ABResult, ...]:
    """Each metric (and the ratio numerator/denominator, if given) against the control; with
    several, Holm's correction runs over every comparison of every metric together. With
    ``units``, the rows are variants and each metric counts converted units out of them, or,
    with its spread column in ``spreads`` (column and kind), is a total compared as a mean."""
    if units is not None:
        spreads = spreads or {}
        counted = [
            analyse_counts(frame, variant, m, units, spread=spreads.get(m), **options)
            for m in metrics
        ]
        return holm_over(counted)
    results = [analyse_ab(frame, variant, m, covariate=covariate, **options) for m in metrics]
    if ratio is not None:
        results.append(analyse_ab(frame, variant, ratio[0], denominator=ratio[1], **options))
    return holm_over(results)


MOST_SEGMENTS = 20


@dataclass(frozen=True)
class SegmentResults:
    """One metric within each segment; Holm's correction over every segment × variant."""

    segment: str
    results: tuple[tuple[str, ABResult], ...]
    skipped: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "results": [{"value": value, **result.to_dict()} for value, result in self.results],
            "skipped": list(self.skipped),
        }


def analyse_segments(
    frame: pd.DataFrame, variant: str, metric: str, segment: str, **options: Any
) -> SegmentResults:
    """``metric`` within each value of ``segment`` (segments too small to compare are listed
    as skipped)."""
    require_column(frame, segment)
    values = frame[segment].astype("string").str.strip()
    names = sorted(values.dropna().unique())
    if len(names) > MOST_SEGMENTS:
        raise UserInputError(
            f"The column {segment!r} has {len(names):,} values; segments need at most "
            f"{MOST_SEGMENTS}: choose a column such as platform, region or new/returning.",
            code="ab_too_many_segments",
            column=segment,
            count=len(names),
            most=MOST_SEGMENTS,
        )
    found, skipped = [], []
    for name in names:
        try:
            found.append(
                (name, analyse_ab(frame[(values == name).to_numpy()], variant, metric, **options))
            )
        except UserInputError:
            skipped.append(name)
    adjusted = holm_over([result for _, result in found])
    return SegmentResults(
        segment, tuple(zip((n for n, _ in found), adjusted, strict=True)), tuple(skipped)
    )


def analyse_outcome_segments(
    frame: pd.DataFrame, variant: str, metrics: Sequence[str], segment: str, **options: Any
) -> tuple[SegmentResults, ...]:
    """Every outcome within each value of ``segment``; Holm's correction over every outcome ×
    segment × variant comparison together."""
    found = [analyse_segments(frame, variant, metric, segment, **options) for metric in metrics]
    adjusted = iter(holm_over([result for one in found for _, result in one.results]))
    return tuple(
        SegmentResults(
            one.segment,
            tuple((value, next(adjusted)) for value, _ in one.results),
            one.skipped,
        )
        for one in found
    )
