"""Exponential smoothing without a season (ETS with additive or multiplicative errors, no,
additive or damped trend) fitted by maximum likelihood, the model statsmodels' ETSModel fits,
at a fraction of its time: the one-step forecasts are a linear filter of the values (the same
recursion for both error types), so every likelihood evaluation is two calls of lfilter.

The initial level and trend enter the one-step errors linearly and are solved by least
squares for given smoothing parameters (with additive errors that is their maximum-likelihood
value, the concentrated likelihood; multiplicative errors take the same states), so
Levenberg–Marquardt only searches the one to three smoothing parameters, from the best point
of a small grid. The bounds are statsmodels' traditional ones: 0 < alpha < 1,
0 < beta < alpha, 0.8 < phi < 0.98."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares
from scipy.signal import lfilter
from scipy.special import expit

EDGE = 1e-4
ALPHA = (EDGE, 1 - EDGE)
BETA_SHARE = (EDGE, 1 - EDGE)  # beta as a share of alpha, so beta < alpha is a box bound
PHI = (0.8, 0.98)
# Starting points tried (the likelihood can have several optima), the best one searched from.
GRID = {"alpha": (0.05, 0.2, 0.5, 0.9), "beta_share": (0.05, 0.4), "phi": (0.85, 0.95)}
MAX_EVALUATIONS = 400
FTOL = 1e-7
INVALID = 1e6  # a residual standing for a multiplicative model whose forecast is not positive


@dataclass(frozen=True)
class EtsFit:
    """A fitted ETS model: its smoothing parameters, the one-step fitted values, the level and
    trend after the last value, the likelihood and AICc, and the searched parameters (to start
    the fit of a neighbouring history from)."""

    config: tuple[str, str | None, bool]
    alpha: float
    beta: float
    phi: float
    fitted: np.ndarray  # the one-step forecasts over the history
    level: float
    trend: float
    llf: float
    aicc: float
    params: np.ndarray

    def forecast(self, horizon: int) -> np.ndarray:
        """The level plus the trend, damped by phi each period ahead."""
        steps = np.cumsum(self.phi ** np.arange(1, horizon + 1))
        return self.level + steps * self.trend


def _bounded(theta: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return low + (high - low) * float(expit(theta))


def _unbounded(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    share = np.clip((value - low) / (high - low), 1e-6, 1 - 1e-6)
    return float(np.log(share / (1 - share)))


class _Filter:
    """The one-step forecasts of an ETS model with given smoothing parameters as a linear
    filter of the values, split into the part from the values (zero initial states) and the
    part from each initial state."""

    def __init__(self, values: np.ndarray, trend: bool, damped: bool) -> None:
        self.values, self.trend, self.damped = values, trend, damped
        self.impulse = np.zeros((2 if trend else 1, len(values)))
        axes = [[_unbounded(a, ALPHA) for a in GRID["alpha"]]]
        if trend:
            axes.append([_unbounded(b, BETA_SHARE) for b in GRID["beta_share"]])
            if damped:
                axes.append([_unbounded(p, PHI) for p in GRID["phi"]])
        self.grid = [np.array(point) for point in itertools.product(*axes)]

    def smoothing(self, theta: np.ndarray) -> tuple[float, float, float]:
        alpha = _bounded(theta[0], ALPHA)
        if not self.trend:
            return alpha, 0.0, 1.0
        beta = alpha * _bounded(theta[1], BETA_SHARE)
        phi = _bounded(theta[2], PHI) if self.damped else 1.0
        return alpha, beta, phi

    def parts(self, alpha: float, beta: float, phi: float) -> tuple[np.ndarray, np.ndarray]:
        """The forecasts from the values alone, and one column per initial state (level,
        trend) of what a unit of it adds to each forecast."""
        if not self.trend:
            a = np.array([1.0, alpha - 1.0])
            from_values = lfilter([0.0, alpha], a, self.values)
            self.impulse[0, 0] = 1.0
            return from_values, lfilter([1.0], a, self.impulse).T
        # state (level, trend): s_t = D s_{t-1} + g y_t, forecast w' s_{t-1}
        trace, det = 1 - alpha + phi * (1 - beta), phi * (1 - alpha)
        a = np.array([1.0, -trace, det])
        from_values = lfilter([0.0, alpha + phi * beta, -phi * alpha], a, self.values)
        first = np.array([1.0, phi])  # w' e_i
        second = np.array([1 - alpha - phi * beta, phi * (1 - alpha) + phi**2 * (1 - beta)])
        self.impulse[:, 0], self.impulse[:, 1] = first, second - trace * first
        return from_values, lfilter([1.0], a, self.impulse, axis=1).T


def _final_states(
    values: np.ndarray, forecasts: np.ndarray, alpha: float, beta: float, phi: float, s0
) -> tuple[float, float]:
    """The level and trend after the last value: the last forecast corrected by alpha times
    its error, and the trend's damped sum of beta times the errors."""
    errors = values - forecasts
    level = forecasts[-1] + alpha * errors[-1]
    if len(s0) == 1:  # no trend
        return float(level), 0.0
    n = len(values)
    weights = phi ** np.arange(n - 1, -1, -1)
    trend = beta * float(weights @ errors) + phi**n * s0[1]
    return float(level), float(trend)


def fit_ets(
    values: np.ndarray,
    error: str,
    trend: str | None,
    damped: bool,
    start: np.ndarray | None = None,
) -> EtsFit | None:
    """The maximum-likelihood ETS(error, trend, none) on ``values`` (multiplicative errors need
    positive values); ``start``: the ``params`` of another fit of the same configuration.
    None when no valid fit is found."""
    values = np.asarray(values, dtype=float)
    if len(values) < 4 or not np.all(np.isfinite(values)):
        return None
    if error == "mul" and np.min(values) <= 0:
        return None
    model = _Filter(values, trend is not None, damped)
    residuals = _additive if error == "add" else _multiplicative
    theta0 = _start(model, start, residuals)
    found = least_squares(
        lambda theta: residuals(model, theta)[0],
        theta0,
        method="lm",
        max_nfev=MAX_EVALUATIONS,
        x_scale="jac",
        ftol=FTOL,
        xtol=FTOL,
    ).x
    forecasts, s0 = residuals(model, found)[1:]
    if forecasts is None or not np.all(np.isfinite(forecasts)):
        return None
    alpha, beta, phi = model.smoothing(found)
    llf = _loglike(values, forecasts, error)
    if not np.isfinite(llf):
        return None
    level, last_trend = _final_states(values, forecasts, alpha, beta, phi, s0)
    k = len(found) + len(s0) + 1  # smoothing parameters, initial states, the variance
    n = len(values)
    aicc = -2 * llf + 2 * k + (2 * k * (k + 1) / (n - k - 1) if n > k + 1 else np.inf)
    return EtsFit(
        config=(error, trend, damped),
        alpha=alpha,
        beta=beta,
        phi=phi if trend else 1.0,
        fitted=forecasts,
        level=level,
        trend=last_trend,
        llf=float(llf),
        aicc=float(aicc),
        params=np.asarray(found, dtype=float),
    )


def _start(model: _Filter, start: np.ndarray | None, residuals) -> np.ndarray:
    """The smoothing parameters' starting point on the searched (unbounded) scale: ``start``
    when given, else the best of a small grid (the likelihood can have several optima)."""
    if start is not None and len(start) == len(model.grid[0]):
        return np.asarray(start, dtype=float)
    sums = [float(np.sum(residuals(model, theta)[0] ** 2)) for theta in model.grid]
    return model.grid[int(np.argmin(sums))]


def _additive(model: _Filter, theta: np.ndarray):
    """Residuals with the initial states solved by least squares, the forecasts, the states."""
    from_values, columns = model.parts(*model.smoothing(theta))
    rest = model.values - from_values
    s0 = np.linalg.lstsq(columns, rest, rcond=None)[0]
    errors = rest - columns @ s0
    return errors, model.values - errors, s0


def _multiplicative(model: _Filter, theta: np.ndarray):
    """Residuals whose sum of squares is the multiplicative model's likelihood (relative errors
    times the geometric mean of the forecasts) with the initial states of the additive fit,
    the forecasts (None when one is not positive) and those states."""
    errors, forecasts, s0 = _additive(model, theta)
    if np.any(forecasts <= 0) or not np.all(np.isfinite(forecasts)):
        return np.full(len(model.values), INVALID), None, s0
    relative = errors / forecasts
    return relative * np.exp(np.mean(np.log(forecasts))), forecasts, s0


def _loglike(values: np.ndarray, forecasts: np.ndarray, error: str) -> float:
    """The Gaussian log-likelihood with the variance profiled out (statsmodels' ETS)."""
    n = len(values)
    residuals = values - forecasts
    if error == "mul":
        residuals = residuals / forecasts
    llf = -n / 2 * (np.log(2 * np.pi * np.mean(residuals**2)) + 1)
    if error == "mul":
        llf -= np.sum(np.log(np.abs(forecasts)))
    return float(llf)
