"""Designing a geo test before running it: for candidate treated markets and durations, the
smallest lift the synthetic control would detect, from placebo tests on history.

Each design is tried as if the test ran over the last ``days`` of the data: the placebo tests
of `analytics.experiments.geo` (untreated markets in that window, the candidates in earlier
windows) give the relative errors e the method makes when nothing happened. A test declares a
lift when its estimate passes c, the conformal 97.5% bound of e (the geo test's two-sided 5%);
a true lift L is estimated as L + e, so it is detected with probability ``power`` once
L ≥ c − q_{1−power}(e).
"""

from __future__ import annotations

from collections.abc import Sequence
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

ALPHA = 0.05  # the geo test's level: its 95% interval


@dataclass(frozen=True)
class DesignCell:
    treated: tuple[str, ...]
    days: int
    mde: float
    placebos: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "treated": list(self.treated)}


@dataclass(frozen=True)
class GeoDesign:
    metric: str
    power: float
    alpha: float
    cells: tuple[DesignCell, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "power": self.power,
            "alpha": self.alpha,
            "cells": [cell.to_dict() for cell in self.cells],
        }


def minimum_detectable_lift(errors: np.ndarray, power: float) -> float:
    """The relative lift detected with ``power`` when the null errors are ``errors``: the test
    declares a lift above the errors' conformal 97.5% bound (two-sided 5%)."""
    critical = error_bounds(errors)[1]
    return max(0.0, critical - float(np.quantile(errors, 1 - power)))


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
    if not candidates or not durations or any(d < 7 for d in durations):
        raise UserInputError(
            "Give candidate markets and durations of at least 7 days.", code="geo_design_inputs"
        )
    if before is not None:
        frame = frame[pd.to_datetime(frame[date], errors="coerce") < pd.Timestamp(before)]
    panel = geo_panel(frame, metric, location, date)
    last = len(panel.dates) - 1
    cells = []
    for treated in candidates:
        treated_idx, donor_idx = split_locations(panel, tuple(treated), last)
        for days in durations:
            first = last - periods_in(panel, days) + 1
            if first < MIN_PRE_PERIODS:
                raise UserInputError(
                    f"Too little history for a {days}-day design: it needs {MIN_PRE_PERIODS} "
                    f"periods before the last {days} days of the history used.",
                    code="geo_design_short",
                    days=days,
                    needed=MIN_PRE_PERIODS,
                )
            errors = placebo_errors(panel, treated_idx, donor_idx, first, last, None, seed=0)
            relative = errors.daily.mean(axis=1)
            lift = minimum_detectable_lift(relative, power)
            cells.append(DesignCell(tuple(treated), int(days), lift, len(relative)))
    return GeoDesign(metric, power, ALPHA, tuple(cells))
