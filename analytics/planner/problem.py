"""The variable-projection least-squares problem of the response curves on one panel.

The linear terms (a scale per channel and segment) are solved by least squares for any curve
parameters (θ, K, S); the three parameters per channel by Levenberg-Marquardt from the best point
of a coarse grid, re-linearising log(1 + u) and re-estimating each segment's demand profile
between rounds.
"""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import least_squares, nnls

from analytics.errors import UserInputError
from analytics.planner.calibration import Calibration
from analytics.planner.controls import Residualizer, calendar_terms, segment_basis, shared_terms
from analytics.planner.curves import ParameterMap, saturated_stock
from analytics.planner.panel import Panel

OUTER_ITERATIONS = 4


@dataclass
class Estimate:
    """One fit of the problem: the curve parameters, scales and the fit's working arrays."""

    params: np.ndarray  # unconstrained, 3 per channel
    scale: np.ndarray  # (C, S)
    weight: np.ndarray  # (T, S) ρ / (1 + u): the media features' multiplier in the fit
    linear: np.ndarray  # (T, S) 1 / (1 + u): the linearisation of log(1 + u)
    offset: np.ndarray  # (T, S)
    fitted: np.ndarray  # (T, S) log scale
    residual: np.ndarray  # (T, S) log scale
    media: np.ndarray  # (T, S) u = Σ_c b h ρ
    demand: np.ndarray  # (T, S) ρ: average demand / the cell's demand


@dataclass(frozen=True)
class Controls:
    """The controls the problem projects out: each segment's basis, the shared terms (T, S, q)
    of which the first ``n_drivers`` are drivers, and the projection itself."""

    basis: np.ndarray
    shared: np.ndarray
    n_drivers: int
    residualizer: Residualizer


class CurveProblem(ParameterMap):
    """The variable-projection least-squares problem for one panel, in the unconstrained curve
    parameters."""

    def __init__(
        self,
        panel: Panel,
        channels: tuple[str, ...],
        log_y: np.ndarray,
        controls: Controls,
        mode: str,
        notes: list[str],
    ) -> None:
        self.panel = panel
        self.channels = channels
        self.log_y = log_y
        self.controls = controls
        self.res = controls.residualizer
        self.mode = mode
        self.notes = notes
        self.spend = np.stack([panel.spend[c] for c in channels])  # (C, T, S)
        super().__init__(np.array([_mean_when_on(x) for x in self.spend]))
        self._cache: dict[str, Any] = {}
        self.calibration: Calibration | None = None

    def with_calibration(self, calibration: Calibration | None) -> CurveProblem:
        """The same problem with other calibration rows (a bootstrap draw's)."""
        other = copy.copy(self)
        other.calibration = calibration
        other._cache = {}
        return other

    @classmethod
    def build(cls, panel: Panel, channels: tuple[str, ...]) -> CurveProblem:
        notes: list[str] = []
        log_y = _log_outcome(panel.outcome, notes)
        S = panel.shape[1]
        varies = all(_varies_across_segments(panel.spend[c]) for c in channels)
        date_effects = S >= 2 and varies
        if S >= 2 and not varies:
            notes.append(
                "Spend did not differ between segments, so the curves are fitted with calendar "
                "terms (weekday, festivals, season) instead of date effects."
            )
        basis = segment_basis(panel.dates, panel.frequency)
        shared, n_drivers = shared_terms(panel, calendar=not date_effects)
        controls = Controls(basis, shared, n_drivers, Residualizer(basis, shared, date_effects))
        mode = "date effects" if date_effects else "calendar"
        return cls(panel, channels, log_y, controls, mode, notes)

    def residual_inflation(self) -> float:
        """sqrt(n / (n − p)): fitted residuals → noise scale, p the degrees of freedom of the fit
        (date effects, each segment's basis, the shared terms, a scale per channel and segment and
        three curve parameters per channel)."""
        T, S = self.log_y.shape
        C = len(self.channels)
        n = T * S
        if self.res.date_effects:
            controls = T + self.res.basis.shape[1] * (S - 1)
        else:
            controls = self.res.basis.shape[1] * S
        p = controls + self.res.shared.shape[1] + C * S + 3 * C
        return float(np.sqrt(n / (n - p))) if n > 2 * p else float(np.sqrt(2.0))

    def features(
        self, params: np.ndarray, gradients: bool = False, spend_factor: float = 1.0
    ) -> tuple[np.ndarray, list[Any]]:
        """hill(adstock(x)) per channel (C, T, S), and optionally its derivatives."""
        return saturated_stock(self.spend, self.unpack(params), gradients, spend_factor)

    def media_design(self, h: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Residualized columns, one per (channel, segment)."""
        C, T, S = h.shape
        values = np.zeros((T, S, C * S))
        seg = np.arange(S)
        for c in range(C):
            values[:, seg, c * S + seg] = h[c] * weight
        return self.res(values)

    # -- least squares -------------------------------------------------------------------------

    def residuals(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
        h, _ = self.features(params)
        design = self.media_design(h, weight)
        rows = np.ones(0, dtype=bool)
        if self.calibration is None:
            coef, active = non_negative_coefficients(design, target)
        else:
            design, target, rows, coef, active = self._calibrated_solve(
                design, target, params, weight
            )
        kept = design[:, active]
        self._cache = {
            "params": params.copy(),
            "design": kept,
            "coef": coef,
            "gram": _ridged_gram(kept),
            "rows": rows,
        }
        return target - design @ coef

    def _calibrated_solve(
        self, design: np.ndarray, target: np.ndarray, params: np.ndarray, weight: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Coefficients with the calibration rows: every two-sided row, and each upper bound
        the prediction would exceed (added until none is exceeded: the censored penalty). The
        design and target with the rows left out zeroed, which rows count, coefficients, free."""
        calibration = self.calibration
        extra = calibration.design(self, params, weight)
        n = design.shape[0]
        goal = target[n:]
        rows = ~calibration.bound
        for _ in range(len(rows) + 1):
            full = np.vstack([design, extra * rows[:, None]])
            aim = np.concatenate([target[:n], goal * rows])
            coef, active = non_negative_coefficients(full, aim)
            over = ~rows & (extra @ coef > goal)
            if not over.any():
                break
            rows = rows | over
        return full, aim, rows, coef, active

    def jacobian(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Kaufman's variable-projection Jacobian of the residuals."""
        if not np.array_equal(self._cache.get("params"), params):
            self.residuals(params, target, weight)
        design, coef = self._cache["design"], self._cache["coef"]
        _, grads = self.features(params, gradients=True)
        chain = self.chain(params)
        C, S = len(self.channels), weight.shape[1]
        columns = np.zeros((*weight.shape, 3 * C))
        for c in range(C):
            scale = coef[c * S : (c + 1) * S][None, :] * weight
            for k, grad in enumerate(grads[c]):
                columns[:, :, 3 * c + k] = grad * scale * chain[c, k]
        jac = self.res(columns)
        if self.calibration is not None:
            rows = self._cache["rows"][:, None]
            jac = np.vstack([jac, self.calibration.jacobian(self, params, weight, coef) * rows])
        if not design.shape[1]:
            return -jac
        return -(jac - design @ np.linalg.solve(self._cache["gram"], design.T @ jac))

    def solve(
        self, start: np.ndarray, log_y: np.ndarray, weight: np.ndarray, offset: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Levenberg-Marquardt from ``start``: curve parameters, coefficients, residual vector."""
        target = self.res((log_y - offset)[:, :, None])[:, 0]
        if self.calibration is not None:
            target = np.concatenate([target, self.calibration.targets])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            solution = least_squares(
                self.residuals,
                start,
                jac=self.jacobian,
                method="lm",
                args=(target, weight),
                xtol=1e-6,
                ftol=1e-8,
                max_nfev=200,
            )
        residual = self.residuals(solution.x, target, weight)
        coef = self._cache["coef"].reshape(len(self.channels), -1)
        return solution.x, coef, residual[: log_y.size]

    def profile_rss(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> float:
        return float(np.sum(self.residuals(params, target, weight) ** 2))

    def evidence(self, estimate: Estimate) -> np.ndarray:
        """Per channel, the likelihood ratio n · log(RSS without it / RSS with it) at the
        estimate's curves: how clearly the data separates its effect from none."""
        h, _ = self.features(estimate.params)
        design = self.media_design(h, estimate.weight)
        target = self.res((self.log_y - estimate.offset)[:, :, None])[:, 0]
        S = self.log_y.shape[1]

        def rss(columns: np.ndarray) -> float:
            coef, _ = non_negative_coefficients(design[:, columns], target)
            return float(np.sum((target - design[:, columns] @ coef) ** 2))

        everything = np.ones(design.shape[1], dtype=bool)
        full = rss(everything)
        ratios = []
        for c in range(len(self.channels)):
            without = everything.copy()
            without[c * S : (c + 1) * S] = False
            ratios.append(len(target) * np.log(rss(without) / max(full, 1e-300)))
        return np.array(ratios)

    def start_values(self, log_y: np.ndarray) -> np.ndarray:
        """Best point of a coarse grid, one channel at a time (two sweeps)."""
        C = len(self.channels)
        decay = np.full(C, 0.4)
        half_sat = self.ref * 1.5
        shape = np.full(C, 1.5)
        weight = np.ones_like(log_y)
        target = self.res(log_y[:, :, None])[:, 0]
        if self.calibration is not None:
            target = np.concatenate([target, self.calibration.targets])
        grid = [
            (d, k, s) for d in (0.1, 0.4, 0.7) for k in (0.5, 1.5, 4.0) for s in (0.8, 1.5, 2.5)
        ]
        for _ in range(2):
            for c in range(C):
                best, best_rss = None, np.inf
                for d, k, s in grid:
                    trial_d, trial_k, trial_s = decay.copy(), half_sat.copy(), shape.copy()
                    trial_d[c], trial_k[c], trial_s[c] = d, k * self.ref[c], s
                    rss = self.profile_rss(self.pack(trial_d, trial_k, trial_s), target, weight)
                    if rss < best_rss:
                        best, best_rss = (d, k * self.ref[c], s), rss
                decay[c], half_sat[c], shape[c] = best
        return self.pack(decay, half_sat, shape)

    def fit_point(self) -> Estimate:
        """The estimate: grid start, then Levenberg-Marquardt, re-linearising log(1 + u) and
        re-estimating each segment's demand profile between rounds."""
        ones = np.ones_like(self.log_y)
        params = self.start_values(self.log_y)
        return self.fit_rounds(self.log_y, params, ones, 0 * ones, ones, OUTER_ITERATIONS)

    def fit_rounds(
        self,
        log_y: np.ndarray,
        params: np.ndarray,
        linear: np.ndarray,
        offset: np.ndarray,
        demand: np.ndarray,
        rounds: int,
    ) -> Estimate:
        """Solve, then ``rounds`` times: update the demand profile and the linearisation of
        log(1 + u) around the current fit, and solve again."""
        T, S = log_y.shape
        for round_ in range(rounds + 1):
            params, coef, residual = self.solve(params, log_y, linear * demand, offset)
            h, _ = self.features(params)
            if round_ == rounds:
                break
            media_term = np.einsum("cts,cs->ts", h, coef) * demand * linear
            fitted = log_y - residual.reshape(T, S)
            demand = self._demand_scale(fitted - offset - media_term)
            media = np.maximum(np.einsum("cts,cs->ts", h, coef) * demand, -0.9)
            linear = 1.0 / (1.0 + media)
            offset = np.log1p(media) - media * linear
        media = np.maximum(np.einsum("cts,cs->ts", h, coef) * demand, -0.9)
        residual = residual.reshape(T, S)
        return Estimate(
            params=params,
            scale=coef,
            weight=linear * demand,
            linear=linear,
            offset=offset,
            fitted=log_y - residual,
            residual=residual,
            media=media,
            demand=demand,
        )

    def _demand_scale(self, controls_part: np.ndarray) -> np.ndarray:
        """Average demand / demand per cell, from the fitted controls without price, discount,
        campaigns and the day's shared shock: media adds a similar amount of outcome for the
        same spend, so a smaller share of it on busy days."""
        T, S = controls_part.shape
        shared = self.controls.shared
        if shared.shape[2]:
            gamma, *_ = np.linalg.lstsq(
                self.res.within(shared),
                self.res.within(controls_part[:, :, None])[:, 0],
                rcond=None,
            )
            drivers = shared[:, :, : self.controls.n_drivers] @ gamma[: self.controls.n_drivers]
        else:
            drivers = np.zeros((T, S))
        log_demand = controls_part - drivers
        if self.mode == "date effects":
            common = log_demand.mean(axis=1)
            smooth_basis = np.column_stack(
                [self.controls.basis, calendar_terms(self.panel.dates, self.panel.frequency)]
            )
            coef, *_ = np.linalg.lstsq(smooth_basis, common, rcond=None)
            log_demand = log_demand - (common - smooth_basis @ coef)[:, None]
        log_demand = log_demand - log_demand.mean(axis=0, keepdims=True)
        demand = np.exp(log_demand)
        return demand.mean(axis=0, keepdims=True) / demand


def _ridged_gram(design: np.ndarray) -> np.ndarray:
    gram = design.T @ design
    gram[np.diag_indices_from(gram)] += 1e-10 * max(float(np.trace(gram)), 1e-300)
    return gram


def non_negative_coefficients(
    design: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares coefficients constrained to be ≥ 0 (media never lowers the outcome), and
    which of them are free (> 0): the unconstrained solution when it is already non-negative,
    else non-negative least squares (Lawson-Hanson)."""
    coef = np.linalg.solve(_ridged_gram(design), design.T @ target)
    if np.all(coef >= 0):
        return coef, np.ones(len(coef), dtype=bool)
    coef, _ = nnls(design, target, maxiter=50 * design.shape[1])
    return coef, coef > 0


def _log_outcome(outcome: np.ndarray, notes: list[str]) -> np.ndarray:
    """log outcome; empty or non-positive cells (a few) filled from the segment's neighbours."""
    values = np.where(outcome > 0, outcome, np.nan)
    bad = np.isnan(values)
    if bad.mean() > 0.05:
        raise UserInputError(
            f"{bad.mean():.0%} of the outcome's periods × segments are empty or not positive; "
            "response curves need a positive outcome in almost every period."
        )
    if bad.any():
        notes.append(
            f"{int(bad.sum())} empty or non-positive cells were filled in from neighbours."
        )
    logged = pd.DataFrame(np.log(values)).interpolate(limit_direction="both")
    return logged.to_numpy()


def _mean_when_on(spend: np.ndarray) -> float:
    on = spend[spend > 0]
    return float(on.mean()) if on.size else 1.0


def _varies_across_segments(spend: np.ndarray) -> bool:
    """Whether the spend differs between segments beyond a fixed split (date effects would
    otherwise absorb it)."""
    total = spend.sum(axis=1, keepdims=True)
    on = total[:, 0] > 0
    if on.sum() < 10:
        return False
    share = spend[on] / total[on]
    return bool(np.median(share.std(axis=0) / np.maximum(share.mean(axis=0), 1e-12)) > 0.02)
