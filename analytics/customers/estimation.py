"""Maximum likelihood shared by the BG/NBD and Gamma-Gamma fits: positive parameters searched on
the log scale, standard errors from the inverse Hessian of the negative log-likelihood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize
from statsmodels.tools.numdiff import approx_fprime, approx_hess3

from analytics.errors import UserInputError

LOG_BOUND = 12.0  # parameters between e^-12 and e^12


@dataclass(frozen=True)
class Estimate:
    """Fitted parameters by name, their standard errors, the log-likelihood at the optimum and
    the number of customers it was fitted on."""

    params: dict[str, float]
    std_errors: dict[str, float]
    log_likelihood: float
    customers: int

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.params,
            "std_errors": dict(self.std_errors),
            "log_likelihood": self.log_likelihood,
            "customers": self.customers,
        }


def fit_positive(
    total_log_likelihood: Callable[[np.ndarray], float],
    names: tuple[str, ...],
    start: np.ndarray,
    customers: int,
    model: str,
    gradient: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Estimate:
    """Maximise a log-likelihood over positive parameters (``start`` on their own scale), with
    its ``gradient`` in those parameters when there is one (else finite differences)."""

    def negative(log_params: np.ndarray) -> float:
        value = total_log_likelihood(np.exp(log_params))
        return -value if np.isfinite(value) else 1e300

    def negative_gradient(log_params: np.ndarray) -> np.ndarray:
        params = np.exp(log_params)
        slope = -gradient(params) * params  # chain rule: d/d log p = p d/dp
        return np.where(np.isfinite(slope), slope, 0.0)

    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(names)
    jac = negative_gradient if gradient is not None else None
    found = minimize(negative, np.log(start), jac=jac, method="L-BFGS-B", bounds=bounds)
    if not np.isfinite(found.fun) or found.fun >= 1e299:
        raise UserInputError(
            f"The {model} model could not be fitted to these purchases: "
            "check that the amounts and dates are right, or use a longer log.",
            code="cust_fit_failed",
            model=model,
        )
    params = np.exp(found.x)
    return Estimate(
        params=dict(zip(names, map(float, params), strict=True)),
        std_errors=dict(
            zip(names, _std_errors(total_log_likelihood, params, gradient), strict=True)
        ),
        log_likelihood=float(-found.fun),
        customers=customers,
    )


def _std_errors(
    total_log_likelihood: Callable[[np.ndarray], float],
    params: np.ndarray,
    gradient: Callable[[np.ndarray], np.ndarray] | None,
) -> list[float]:
    """Square roots of the inverse Hessian's diagonal (NaN where the Hessian is singular); the
    Hessian from differences of the gradient when there is one, else of the log-likelihood."""
    if gradient is None:
        hessian = approx_hess3(params, lambda p: -total_log_likelihood(p))
    else:
        jacobian = approx_fprime(params, lambda p: -gradient(p), centered=True)
        hessian = (jacobian + jacobian.T) / 2
    try:
        variances = np.diag(np.linalg.inv(hessian))
    except np.linalg.LinAlgError:
        return [float("nan")] * len(params)
    return [float(np.sqrt(v)) if v > 0 else float("nan") for v in variances]
