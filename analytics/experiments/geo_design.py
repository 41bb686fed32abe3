"""Designing a geo test before running it: for candidate treated markets and durations, the
smallest lift the synthetic control would detect, from placebo tests on history; and a search
over market sets of a few sizes, ranked by that lift (the idea of GeoLift's market selection).

Each design is tried as if the test ran over the last ``days`` of the data: the placebo tests
of `analytics.experiments.geo` (untreated markets in that window, the candidates in earlier
windows) give the relative errors e the method makes when nothing happened. A test declares a
lift when its estimate passes c, the conformal 97.5% bound of e (the geo test's two-sided 5%);
a true lift L on these markets is estimated as L + e', with e' their own errors (the placebo
tests on them in earlier windows: other markets' errors say how wide the test's interval is,
not how well these markets are followed), so it is detected with probability ``power`` once
L ≥ c − q_{1−power}(e').

The search builds candidate sets of each size from every market and its most correlated
neighbours, keeps those the synthetic control reproduces best on history (the pre-period error
relative to their level), and runs the placebo tests on those only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments.geo import (
    MIN_PRE_PERIODS,
    GeoPanel,
    error_bounds,
    geo_panel,
    placebo_errors,
    split_locations,
)
from analytics.experiments.synthetic import fit_synthetic
from analytics.parallel import map_in_workers

ALPHA = 0.05  # the geo test's level: its 95% interval
MOST_CANDIDATES = 6  # market sets per size kept after the fit screen
MOST_SIZE = 10
MIN_OWN_PLACEBOS = 5  # earlier windows of the markets themselves, to read their own errors


@dataclass(frozen=True)
class DesignCell:
    """One design: the treated markets, the test length, the smallest lift detected with the
    design's power, the placebo tests behind it, the markets' share of the metric, and how
    well a synthetic control reproduced them on history (R²)."""

    treated: tuple[str, ...]
    days: int
    mde: float
    placebos: int
    share: float
    pre_r2: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "treated": list(self.treated)}


@dataclass(frozen=True)
class GeoDesign:
    metric: str
    power: float
    alpha: float
    cells: tuple[DesignCell, ...]
    searched: int = 0  # market sets screened by the search (0: the sets were given)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "power": self.power,
            "alpha": self.alpha,
            "searched": self.searched,
            "cells": [cell.to_dict() for cell in self.cells],
        }


def minimum_detectable_lift(
    errors: np.ndarray, power: float, own: np.ndarray | None = None
) -> float:
    """The relative lift detected with ``power`` when the null errors are ``errors``: the test
    declares a lift above the errors' conformal 97.5% bound (two-sided 5%), and the estimate
    errs as ``own`` does (the markets' own placebo errors in earlier windows; default: all)."""
    critical = error_bounds(errors)[1]
    spread = errors if own is None or len(own) < MIN_OWN_PLACEBOS else own
    return max(0.0, critical - float(np.quantile(spread, 1 - power)))


def periods_in(panel: GeoPanel, days: int) -> int:
    """How many of the panel's periods (days or weeks) make ``days`` days."""
    step = (panel.dates[1] - panel.dates[0]).days if len(panel.dates) > 1 else 1
    return max(1, round(days / max(step, 1)))


def geo_design(
    frame: pd.DataFrame,
    *,
    metric: str,
    location: str,
    date: str,
    candidates: Sequence[tuple[str, ...]],
    durations: Sequence[int],
    power: float = 0.8,
    before: str | None = None,
) -> GeoDesign:
    """The minimum detectable lift of each candidate market set for each duration in days,
    from the history before ``before`` (a test already run would read as a placebo's error)."""
    if not candidates:
        raise UserInputError(
            "Give candidate markets and durations of at least 7 days.", code="geo_design_inputs"
        )
    panel = design_history(frame, metric, location, date, durations, before)
    cells = [design_cell((panel, tuple(t), d, power)) for t in candidates for d in durations]
    return GeoDesign(metric, power, ALPHA, tuple(cells))


def design_search(
    frame: pd.DataFrame,
    *,
    metric: str,
    location: str,
    date: str,
    sizes: Sequence[int],
    durations: Sequence[int],
    power: float = 0.8,
    before: str | None = None,
    most_candidates: int = MOST_CANDIDATES,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = False,
) -> GeoDesign:
    """Market sets of each size in ``sizes`` and each duration, ranked by the smallest lift
    they would detect (then by the share of the metric they put at stake)."""
    panel = design_history(frame, metric, location, date, durations, before)
    complete = tuple(np.flatnonzero(~np.isnan(panel.values).any(axis=0)))
    if not sizes or any(not 1 <= k <= min(MOST_SIZE, len(complete) - 3) for k in sizes):
        raise UserInputError(
            f"Market sets need 1 to {min(MOST_SIZE, len(complete) - 3)} markets each: the rest "
            "must stay untreated as the synthetic control and its placebo tests.",
            code="geo_design_sizes",
            most=min(MOST_SIZE, len(complete) - 3),
        )
    screened = 0
    candidates: list[tuple[str, ...]] = []
    for size in sizes:
        sets = neighbour_sets(panel, complete, size)
        screened += len(sets)
        candidates += best_fitting(panel, sets, most_candidates)
    items = [(panel, treated, days, power) for treated in candidates for days in durations]
    cells = map_in_workers(design_cell, items, progress, parallel=parallel)
    ranked = sorted(cells, key=lambda cell: (cell.mde, cell.share))
    return GeoDesign(metric, power, ALPHA, tuple(ranked), screened)


def design_history(
    frame: pd.DataFrame,
    metric: str,
    location: str,
    date: str,
    durations: Sequence[int],
    before: str | None,
) -> GeoPanel:
    """The panel of the history a design reads (before ``before``), long enough for each
    duration."""
    if not durations or any(d < 7 for d in durations):
        raise UserInputError(
            "Give candidate markets and durations of at least 7 days.", code="geo_design_inputs"
        )
    if before is not None:
        frame = frame[pd.to_datetime(frame[date], errors="coerce") < pd.Timestamp(before)]
    panel = geo_panel(frame, metric, location, date)
    for days in durations:
        if len(panel.dates) - periods_in(panel, days) < MIN_PRE_PERIODS:
            raise UserInputError(
                f"Too little history for a {days}-day design: it needs {MIN_PRE_PERIODS} "
                f"periods before the last {days} days of the history used.",
                code="geo_design_short",
                days=days,
                needed=MIN_PRE_PERIODS,
            )
    return panel


def design_cell(item: tuple[GeoPanel, tuple[str, ...], int, float]) -> DesignCell:
    """One market set and duration: its placebo errors as if tested over the last ``days``."""
    panel, treated, days, power = item
    last = len(panel.dates) - 1
    first = last - periods_in(panel, days) + 1
    treated_idx, donor_idx = split_locations(panel, treated, last)
    errors = placebo_errors(panel, treated_idx, donor_idx, first, last, None, seed=0)
    relative = errors.daily.mean(axis=1)
    own = relative[errors.in_space :]  # the markets themselves in earlier windows
    target = panel.values[:first, treated_idx].mean(axis=1)
    fit = fit_synthetic(target, panel.values[:first][:, donor_idx])
    return DesignCell(
        treated=treated,
        days=int(days),
        mde=minimum_detectable_lift(relative, power, own),
        placebos=len(relative),
        share=metric_share(panel, treated_idx),
        pre_r2=fit.pre_r2,
    )


def metric_share(panel: GeoPanel, columns: np.ndarray) -> float:
    """The markets' share of the metric over the history (where every market has values)."""
    rows = ~np.isnan(panel.values).any(axis=1)
    total = float(np.nansum(panel.values[rows]))
    return float(np.nansum(panel.values[rows][:, columns]) / total) if total else float("nan")


def neighbour_sets(panel: GeoPanel, complete: tuple[int, ...], size: int) -> list[tuple[str, ...]]:
    """Each complete market with its ``size − 1`` most correlated markets (daily values over
    the history), without repeats: sets whose markets move alike."""
    columns = np.array(complete)
    values = panel.values[:, columns]
    values = values[~np.isnan(values).any(axis=1)]
    correlation = np.corrcoef(values, rowvar=False)
    sets = []
    for row in range(len(columns)):
        nearest = [j for j in np.argsort(-correlation[row]) if j != row][: size - 1]
        names = tuple(sorted(panel.locations[columns[j]] for j in (row, *nearest)))
        if names not in sets:
            sets.append(names)
    return sets


def best_fitting(panel: GeoPanel, sets: list[tuple[str, ...]], keep: int) -> list[tuple[str, ...]]:
    """The ``keep`` sets a convex synthetic control reproduces best on the whole history
    (root mean square error relative to the set's mean level)."""
    last = len(panel.dates) - 1

    def relative_error(treated: tuple[str, ...]) -> float:
        treated_idx, donor_idx = split_locations(panel, treated, last)
        target = panel.values[:, treated_idx].mean(axis=1)
        fit = fit_synthetic(target, panel.values[:, donor_idx], augment=False)
        return fit.pre_rmse / max(float(np.mean(np.abs(target))), 1e-12)

    return sorted(sets, key=relative_error)[:keep]
