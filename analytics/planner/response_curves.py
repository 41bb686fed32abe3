"""Every channel's response curve (outcome per period against spend per period) on a grid from
zero to well past today's spend, with 95% bands, marginal ROI under a margin, and a summary of
each channel's curve with intervals over the bootstrap draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.lift.roi import DEFAULT_MARGIN, checked_margin
from analytics.planner.curve_arrays import CurveArrays, history_roas, identifiable, interval
from analytics.planner.fit import ResponseFit
from analytics.planner.model import PlannerModel

CURVE_POINTS = 61


@dataclass(frozen=True)
class CurveSummary:
    """One channel's curve summary with 95% intervals; spend per period."""

    channel: str
    decay: float
    decay_ci: tuple[float, float]
    half_sat: float
    half_sat_ci: tuple[float, float]
    shape: float
    shape_ci: tuple[float, float]
    roas: float
    roas_ci: tuple[float, float]
    current_spend: float
    marginal_roas: float
    marginal_roas_ci: tuple[float, float]
    marginal_roi: float
    marginal_roi_ci: tuple[float, float]
    identifiable: bool = True  # the data separates its effect from zero

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CurvesResult:
    """Every channel's response curve (outcome per period against spend per period)."""

    outcome: str
    frequency: str
    margin: float
    channels: tuple[CurveSummary, ...]
    excluded: dict[str, str]
    notes: tuple[str, ...]
    mode: str
    table: pd.DataFrame = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "frequency": self.frequency,
            "margin": self.margin,
            "channels": [c.to_dict() for c in self.channels],
            "excluded": dict(self.excluded),
            "notes": list(self.notes),
            "mode": self.mode,
        }


def response_curves(model: PlannerModel, margin: float = DEFAULT_MARGIN) -> CurvesResult:
    """Curves on a grid from zero to well past today's spend, with 95% bands and marginal ROI."""
    margin = checked_margin(margin)
    fit, arrays = model.fit, CurveArrays(model.fit)
    tables = [_curve_table(arrays, c, channel, margin) for c, channel in enumerate(fit.channels)]
    return CurvesResult(
        outcome=model.outcome,
        frequency=model.frequency,
        margin=margin,
        channels=tuple(_summary(fit, arrays, c, margin) for c in range(len(fit.channels))),
        excluded=dict(fit.excluded),
        notes=fit.notes,
        mode=fit.mode,
        table=pd.concat(tables, ignore_index=True),
    )


def _curve_table(arrays: CurveArrays, c: int, channel: str, margin: float) -> pd.DataFrame:
    """One channel's curve and marginal ROI with 95% bands, up to three times today's spend."""
    top = max(3.0 * float(arrays.recent[c]), 1.0)
    grid = np.linspace(0.0, top, CURVE_POINTS)
    response = arrays.response(c, grid)
    slope = arrays.slope(c, grid)
    lo, hi = np.percentile(response[1:], [2.5, 97.5], axis=0)
    mlo, mhi = np.percentile(margin * slope[1:] - 1, [2.5, 97.5], axis=0)
    return pd.DataFrame(
        {
            "channel": channel,
            "spend": grid,
            "response": response[0],
            "response_lo": lo,
            "response_hi": hi,
            "marginal_roi": margin * slope[0] - 1,
            "marginal_roi_lo": mlo,
            "marginal_roi_hi": mhi,
        }
    )


def _summary(fit: ResponseFit, arrays: CurveArrays, c: int, margin: float) -> CurveSummary:
    """Channel ``c``'s parameters, average return and marginal return at today's spend."""
    current = float(arrays.recent[c])
    now = arrays.slope(c, np.array([current]))[:, 0]
    roas, roas_ci = history_roas(fit, c)
    return CurveSummary(
        channel=fit.channels[c],
        decay=float(fit.decay[c]),
        decay_ci=interval(fit.draws["decay"][:, c]),
        half_sat=float(fit.half_sat[c]),
        half_sat_ci=interval(fit.draws["half_sat"][:, c]),
        shape=float(fit.shape[c]),
        shape_ci=interval(fit.draws["shape"][:, c]),
        roas=roas,
        roas_ci=roas_ci,
        current_spend=current,
        marginal_roas=float(now[0]),
        marginal_roas_ci=interval(now[1:]),
        marginal_roi=float(margin * now[0] - 1),
        marginal_roi_ci=interval(margin * now[1:] - 1),
        identifiable=identifiable(fit, c),
    )


def steady_response(model: PlannerModel, channel: str, spend: float) -> float:
    """Outcome per period a channel adds at a steady ``spend`` per period (against none)."""
    c = model.fit.channels.index(channel)
    return float(CurveArrays(model.fit).response(c, np.array([spend]))[0, 0])
