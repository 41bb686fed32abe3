"""The synthetic control of a geo test: non-negative donor weights summing to one, fitted on the
pre-period after removing each series' pre-period mean (the de-meaned synthetic control of
Ferman and Pinto; augsynth's fixed effects), and augmented with a ridge correction of the
remaining imbalance when that fit is poor (Ben-Michael, Feller and Rothstein's ridge ASCM, as
augsynth and GeoLift do).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls

# Below this pre-period R² the convex fit is augmented with the ridge correction.
POOR_FIT_R2 = 0.9
RIDGE_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)
HOLDOUT_SHARE = 0.2


@dataclass(frozen=True)
class SyntheticFit:
    """Donor weights (convex part plus the ridge correction), and the level shift."""

    weights: np.ndarray
    ridge: np.ndarray
    intercept: float
    pre_rmse: float
    pre_r2: float

    @property
    def augmented(self) -> bool:
        return bool(np.any(self.ridge != 0))

    def predict(self, donors: np.ndarray) -> np.ndarray:
        """The counterfactual of the treated series from the donors' values (rows: days)."""
        return self.intercept + donors @ (self.weights + self.ridge)


def convex_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Non-negative weights summing to one that best reproduce ``target`` from ``donors``
    (rows: days), by NNLS with the sum-to-one constraint as a heavily weighted extra row."""
    scale = max(float(np.abs(donors).max()), 1e-12) * np.sqrt(len(target)) * 10
    system = np.vstack([donors, np.full((1, donors.shape[1]), scale)])
    weights, _ = nnls(system, np.append(target, scale), maxiter=50 * donors.shape[1])
    total = weights.sum()
    return weights / total if total > 0 else np.full(donors.shape[1], 1 / donors.shape[1])


def ridge_correction(residual: np.ndarray, donors: np.ndarray, penalty: float) -> np.ndarray:
    """Ridge regression of the convex fit's residual on the donors: δ = (DᵀD + λI)⁻¹Dᵀr, the
    penalty relative to the donors' average variance."""
    gram = donors.T @ donors
    lam = penalty * np.trace(gram) / gram.shape[0]
    return np.linalg.solve(gram + lam * np.eye(gram.shape[0]), donors.T @ residual)


def fit_synthetic(
    target: np.ndarray, donors: np.ndarray, augment: bool | None = None
) -> SyntheticFit:
    """The synthetic control fitted on pre-period rows; ``augment`` None: ridge only when the
    convex fit's pre-period R² is below POOR_FIT_R2."""
    target_mean, donor_means = float(target.mean()), donors.mean(axis=0)
    y, x = target - target_mean, donors - donor_means
    weights = convex_weights(y, x)
    residual = y - x @ weights
    r2 = _r2(y, residual)
    ridge = np.zeros_like(weights)
    if augment or (augment is None and r2 < POOR_FIT_R2):
        ridge = ridge_correction(residual, x, _chosen_penalty(y, x))
        residual = residual - x @ ridge
        r2 = _r2(y, residual)
    intercept = target_mean - float(donor_means @ (weights + ridge))
    rmse = float(np.sqrt(np.mean(residual**2)))
    return SyntheticFit(weights, ridge, intercept, rmse, r2)


def _r2(centred: np.ndarray, residual: np.ndarray) -> float:
    total = float(np.sum(centred**2))
    return 1 - float(np.sum(residual**2)) / total if total > 0 else 0.0


def _chosen_penalty(y: np.ndarray, x: np.ndarray) -> float:
    """The ridge penalty that best predicts the last fifth of the pre-period from the rest."""
    cut = int(len(y) * (1 - HOLDOUT_SHARE))
    if cut < 10 or len(y) - cut < 5:
        return RIDGE_GRID[len(RIDGE_GRID) // 2]
    y_fit, x_fit = y[:cut] - y[:cut].mean(), x[:cut] - x[:cut].mean(axis=0)
    weights = convex_weights(y_fit, x_fit)
    residual = y_fit - x_fit @ weights

    def holdout_error(penalty: float) -> float:
        ridge = ridge_correction(residual, x_fit, penalty)
        shift = y[:cut].mean() - x[:cut].mean(axis=0) @ (weights + ridge)
        return float(np.mean((y[cut:] - shift - x[cut:] @ (weights + ridge)) ** 2))

    return min(RIDGE_GRID, key=holdout_error)
