"""Calibration of the response curves by measured lifts: a measurement says how much outcome a
channel added over a window (with a 95% interval), and the fit adds one row per measurement to
its least squares, (measured − predicted) / the measurement's standard error, on the scale of the
data's own residuals: a normal prior on the curve's prediction over that window, as a lift-test
likelihood (PyMC-Marketing) or Robyn's calibration penalty.

Two kinds of measurement:
- ``holdout``: a lift test of the channel itself (a platform's conversion-lift study, a geo
  holdout): the outcome the channel's always-on spend added over the window, against none.
- ``campaign``: a campaign the dataset measured (analytics.lift): the outcome its extra spend
  added on its cells, the discount's predicted part (the elasticity) taken out of the measured
  lift. What is left still holds whatever else the campaign did (its offer, creative, audience,
  placement), which the data cannot tell apart from its spend, so it is an upper bound on what
  the extra spend added through the channel's curve: its row counts only when the curve predicts
  more than the measurement (a one-sided, censored penalty), never pulling a curve up.

The bootstrap redraws every measurement around what the calibrated fit predicts for it, as it
redraws the data around the calibrated fit's values (a residual bootstrap of all the fit's
observations), so the draws are centred on the calibrated estimate.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.planner.curves import saturated_stock
from analytics.planner.panel import Panel

CurveProblem = Any  # analytics.planner.problem.CurveProblem (which imports this module)

Z_95 = 1.959964
LIFT_COLUMNS = ("channel", "start", "end", "incremental", "lo", "hi")


@dataclass(frozen=True)
class LiftMeasurement:
    """A measured lift of one channel over a window: incremental outcome and its 95% interval."""

    channel: str
    start: str
    end: str
    incremental: float
    low: float
    high: float
    source: str  # "lift tests file" or the campaign's name
    kind: str = "holdout"  # or "campaign"

    @property
    def upper_bound(self) -> bool:
        """Whether it only caps the curve's prediction (a campaign: spend and whatever else it
        did) rather than measuring the channel alone (a holdout)."""
        return self.kind == "campaign"

    @property
    def standard_error(self) -> float:
        return max((self.high - self.low) / (2 * Z_95), 1e-9 * max(abs(self.incremental), 1.0))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_lift_tests(path: str | Path) -> tuple[LiftMeasurement, ...]:
    """Outside lift measurements from a CSV with columns channel, start, end, incremental, lo,
    hi (one row per test)."""
    try:
        table = pd.read_csv(path)
    except (OSError, ValueError) as exc:
        raise UserInputError(
            f"The lift tests file cannot be read ({exc}).", code="plan_lift_file_unreadable"
        ) from exc
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in LIFT_COLUMNS if c not in table.columns]
    if missing:
        raise UserInputError(
            f"The lift tests file lacks the columns {', '.join(missing)}; it needs "
            f"{', '.join(LIFT_COLUMNS)}.",
            code="plan_lift_file_columns",
            columns=", ".join(missing),
        )
    return tuple(_measurement(row, i + 2) for i, row in enumerate(table.to_dict("records")))


def _measurement(row: dict[str, Any], line: int) -> LiftMeasurement:
    try:
        start, end = pd.Timestamp(row["start"]), pd.Timestamp(row["end"])
        incremental, low, high = (float(row[k]) for k in ("incremental", "lo", "hi"))
    except (TypeError, ValueError) as exc:
        raise _bad_row(line) from exc
    if not (low <= incremental <= high) or end < start or not np.isfinite([low, high]).all():
        raise _bad_row(line)
    return LiftMeasurement(
        channel=str(row["channel"]).strip(),
        start=f"{start:%Y-%m-%d}",
        end=f"{end:%Y-%m-%d}",
        incremental=incremental,
        low=low,
        high=high,
        source="lift tests file",
    )


def _bad_row(line: int) -> UserInputError:
    return UserInputError(
        f"Line {line} of the lift tests file is not a measurement: it needs dates with start on "
        "or before end and numbers with lo ≤ incremental ≤ hi.",
        code="plan_lift_bad_row",
        line=line,
    )


@dataclass(frozen=True)
class CalibrationRow:
    """A measurement as the fit uses it: the channel's index, its cells (T, S), the campaign's
    extra spend on them (campaign kind), the target and its standard error."""

    measurement: LiftMeasurement
    channel: int
    cells: np.ndarray
    extra: np.ndarray | None
    target: float
    standard_error: float


def calibration_rows(
    panel: Panel, channels: tuple[str, ...], measurements: tuple[LiftMeasurement, ...]
) -> tuple[CalibrationRow, ...]:
    """The measurements the fit can use; an unknown channel or a window outside the data is a
    user error."""
    rows = []
    for m in measurements:
        if m.channel not in channels:
            raise UserInputError(
                f"The lift test of {m.channel!r} is not on a channel with a curve; the channels "
                f"are: {', '.join(channels)}.",
                code="plan_lift_unknown_channel",
                channel=m.channel,
                channels=", ".join(channels),
            )
        c = channels.index(m.channel)
        if m.kind == "campaign":
            cells = panel.campaign_cells[m.source]
            extra = np.where(cells, panel.campaign_spend[m.channel], 0.0)
        else:
            inside = (panel.dates >= pd.Timestamp(m.start)) & (panel.dates <= pd.Timestamp(m.end))
            cells = np.repeat(np.asarray(inside)[:, None], panel.shape[1], axis=1)
            extra = None
        if not cells.any():
            raise UserInputError(
                f"The lift test of {m.channel} ({m.start} to {m.end}) is outside the data's dates.",
                code="plan_lift_outside_data",
                channel=m.channel,
                start=m.start,
                end=m.end,
            )
        rows.append(CalibrationRow(m, c, cells, extra, m.incremental, m.standard_error))
    return tuple(rows)


class Calibration:
    """The rows a calibrated fit appends to its least squares: one per measurement, scaled by
    noise_sd / standard error so it weighs as a measurement with that error would."""

    def __init__(self, rows: tuple[CalibrationRow, ...], outcome: np.ndarray, noise_sd: float):
        self.rows = rows
        self.outcome = np.nan_to_num(outcome)
        self.weights = np.array([noise_sd / r.standard_error for r in rows])
        self.centres = np.array([r.target for r in rows])
        self.targets = self.centres * self.weights
        self.bound = np.array([r.measurement.upper_bound for r in rows], dtype=bool)

    def centred(self, predicted: np.ndarray) -> Calibration:
        """The rows as a bootstrap redraws them: around what the calibrated fit predicts
        (``predicted``), or, for a bound the fit stays under, around the bound itself."""
        other = copy.copy(self)
        other.centres = np.where(self.bound, np.maximum(self.centres, predicted), predicted)
        other.targets = other.centres * self.weights
        return other

    def perturbed(self, rng: np.random.Generator) -> Calibration:
        """The same rows with each measurement redrawn from its error (a bootstrap draw)."""
        other = copy.copy(self)
        noise = rng.normal(size=len(self.rows)) * [r.standard_error for r in self.rows]
        other.targets = (self.centres + noise) * self.weights
        return other

    def misses(self, weighted_predictions: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """target − prediction per row (weighted), nought for a bound the prediction is under."""
        misses = targets - weighted_predictions
        return np.where(self.bound, np.minimum(misses, 0.0), misses)

    def effects(self, problem: CurveProblem, params: np.ndarray, weight: np.ndarray) -> list:
        """Per row: Σ over its cells of outcome × weight × (the change in saturated stock the
        measurement is about) per segment (S,), and its derivatives by the channel's 3 curve
        parameters (3, S)."""
        out = []
        decay, half_sat, shape = problem.unpack(params)
        for row in self.rows:
            c = row.channel
            spend = problem.spend[c : c + 1]
            curve = (decay[c : c + 1], half_sat[c : c + 1], shape[c : c + 1])
            h, grads = saturated_stock(spend, curve, gradients=True)
            delta, d_delta = h[0], list(grads[0])
            if row.extra is not None:
                h_more, grads_more = saturated_stock(spend + row.extra, curve, gradients=True)
                delta = h_more[0] - delta
                d_delta = [more - base for more, base in zip(grads_more[0], d_delta, strict=True)]
            scale = np.where(row.cells, self.outcome * weight, 0.0)
            out.append(
                (
                    np.sum(scale * delta, axis=0),
                    np.stack([np.sum(scale * g, axis=0) for g in d_delta]),
                )
            )
        return out

    def design(self, problem: CurveProblem, params: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """(K, C·S): each row's weighted effect per unit of its channel's scales."""
        C, S = len(problem.channels), weight.shape[1]
        rows = np.zeros((len(self.rows), C * S))
        for k, (row, (effect, _)) in enumerate(
            zip(self.rows, self.effects(problem, params, weight), strict=True)
        ):
            rows[k, row.channel * S : (row.channel + 1) * S] = self.weights[k] * effect
        return rows

    def jacobian(
        self, problem: CurveProblem, params: np.ndarray, weight: np.ndarray, coef: np.ndarray
    ) -> np.ndarray:
        """(K, 3C): d (weighted prediction) / d unconstrained curve parameters."""
        C, S = len(problem.channels), weight.shape[1]
        chain = problem.chain(params)
        out = np.zeros((len(self.rows), 3 * C))
        for k, (row, (_, grads)) in enumerate(
            zip(self.rows, self.effects(problem, params, weight), strict=True)
        ):
            c = row.channel
            scales = coef[c * S : (c + 1) * S]
            out[k, 3 * c : 3 * c + 3] = self.weights[k] * (grads @ scales) * chain[c]
        return out


@dataclass(frozen=True)
class CalibrationCheck:
    """One measurement beside what the curves predicted for it before and after calibration."""

    measurement: LiftMeasurement
    before: float
    after: float

    @property
    def z_before(self) -> float:
        """How many of the measurement's standard errors the uncalibrated curve was off."""
        return (self.before - self.measurement.incremental) / self.measurement.standard_error

    @property
    def under_bound(self) -> bool:
        """A campaign that measured more than the uncalibrated curve predicted for its spend:
        the rest is its offer, creative or audience, so it did not raise the curve."""
        return self.measurement.upper_bound and self.before <= self.measurement.incremental

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.measurement.to_dict(),
            "predicted_before": self.before,
            "predicted_after": self.after,
        }


def predictions(
    calibration: Calibration,
    problem: CurveProblem,
    params: np.ndarray,
    weight: np.ndarray,
    scale: np.ndarray,
) -> np.ndarray:
    """What the curves predict for each measurement (unweighted)."""
    effects = calibration.effects(problem, params, weight)
    return np.array(
        [
            effect @ scale[row.channel]
            for row, (effect, _) in zip(calibration.rows, effects, strict=True)
        ]
    )


def campaign_lifts(
    panel: Panel,
    channels: tuple[str, ...],
    measured: dict[str, Any],
    discount_elasticity: float | None,
    money: bool,
) -> tuple[LiftMeasurement, ...]:
    """The dataset's measured campaigns (``measured``: name -> analytics.planner.whatif.Measured)
    as lifts of the channel that carried their extra spend: the discount's predicted part (units
    × (1 − d)^e, revenue also × (1 − d)) taken out of the measured incremental outcome."""
    found = []
    for name, cells in panel.campaign_cells.items():
        lift = measured.get(name)
        extra = {c: float(panel.campaign_spend[c][cells].sum()) for c in channels}
        if lift is None or not extra or max(extra.values()) <= 0:
            continue
        channel = max(extra, key=extra.__getitem__)
        discount_part = _discount_part(panel, cells, discount_elasticity, money)
        days = panel.dates[cells.any(axis=1)]
        found.append(
            LiftMeasurement(
                channel=channel,
                start=f"{days[0]:%Y-%m-%d}",
                end=f"{days[-1]:%Y-%m-%d}",
                incremental=float(lift.incremental) - discount_part,
                low=float(lift.incremental_ci[0]) - discount_part,
                high=float(lift.incremental_ci[1]) - discount_part,
                source=name,
                kind="campaign",
            )
        )
    return tuple(found)


def _discount_part(panel: Panel, cells: np.ndarray, elasticity: float | None, money: bool) -> float:
    """Outcome on the cells owed to their discount by the elasticity: y − y / factor."""
    if panel.discount is None or elasticity is None:
        return 0.0
    discount = np.clip(np.nan_to_num(panel.discount[cells]), 0.0, 0.9)
    factor = (1.0 - discount) ** (elasticity + (1.0 if money else 0.0))
    outcome = np.nan_to_num(panel.outcome[cells])
    return float(np.sum(outcome - outcome / factor))
