"""Regression with ARMA errors (statsmodels' SARIMAX): the baseline's fit on the pre-period,
and paths over the window simulated with parameter uncertainty. Two forms: trend-stationary
(errors that return to the regression line) and local level (integrated errors, d = 1: the
level wanders and the window starts from where the pre-period ends)."""

from __future__ import annotations

import hashlib
import threading
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning, SingularMatrixWarning
from statsmodels.tsa.statespace.sarimax import SARIMAX

from analytics.errors import UserInputError

ORDERS = ((1, 0, 0), (1, 0, 1), (2, 0, 0))
LEVEL_ORDERS = ((0, 1, 1), (1, 1, 1))
PARAMETER_DRAWS = 20
PATHS_PER_DRAW = 50
_RECENT_FITS = 32
_recent_fits: dict[tuple[bytes, tuple[int, int, int]], Any] = {}
_fits_lock = threading.Lock()


@dataclass(frozen=True)
class BaselineFit:
    """Regression on the design (controls, season, constant) with ARMA errors, in two steps:
    least squares for the regression (HAC covariance), then SARIMAX for the errors."""

    beta: pd.Series
    beta_cov: np.ndarray
    arma: SARIMAX
    arma_fit: Any
    order: tuple[int, int, int]
    fitted: pd.Series
    # The local level's paths move from the pre-period's last regressors (None: trend-stationary).
    anchor: np.ndarray | None = None

    @property
    def differenced(self) -> bool:
        return self.anchor is not None


def fit_baseline(
    y: pd.Series,
    exog: pd.DataFrame,
    forced: tuple[int, int, int] | None = None,
    *,
    differenced: bool = False,
) -> BaselineFit:
    """``forced`` fixes the ARMA order (its d the form); by default the best by AIC among the
    orders of the form. The local level's regression is on differences and has no constant."""
    differenced = differenced if forced is None else forced[1] == 1
    design = exog if differenced else exog.assign(const=1.0)
    ols = _least_squares(*_on_scale(y, design, differenced))
    residuals = y - design @ ols.params
    best = None
    candidates = LEVEL_ORDERS if differenced else ORDERS
    for order in candidates if forced is None else (forced,):
        arma_fit = _errors_fit(residuals.to_numpy(), order)
        if not _well_identified(arma_fit):
            continue
        if best is None or arma_fit.aic < best[0].aic:
            best = (arma_fit, order)
    if best is None:
        raise UserInputError(
            "The baseline model could not be fitted on this pre-period: try another metric, "
            "a larger segment or a longer history.",
            code="lift_unfittable",
        )
    arma_fit, order = best
    if differenced:
        beta, beta_cov = _state_regression(*_on_scale(y, design, differenced), arma_fit, order)
    else:
        beta, beta_cov = _whitened_regression(y, design, arma_fit)
    # The errors' model runs on the residuals of the final regression, so the paths start from
    # where those residuals end (the first-step residuals would shift them when the two differ).
    model = SARIMAX((y - design @ beta).to_numpy(), order=order, trend="n")
    errors = model.filter(np.asarray(arma_fit.params), cov_type="none")
    fitted = design @ beta + pd.Series(errors.fittedvalues, index=y.index)
    anchor = design.dropna().to_numpy()[-1] if differenced else None
    return BaselineFit(beta, beta_cov, model, arma_fit, order, fitted, anchor)


def _errors_fit(residuals: np.ndarray, order: tuple[int, int, int]) -> Any:
    """The errors' maximum-likelihood fit. A check that shares residuals and an order with the
    estimate before it (the other form alone, another order of the same form) reuses that fit:
    the last few are kept in this process, keyed by the residuals' bytes and the order."""
    key = (hashlib.blake2b(residuals.tobytes(), digest_size=16).digest(), order)
    with _fits_lock:
        if key in _recent_fits:
            return _recent_fits[key]
    model = SARIMAX(residuals, order=order, trend="n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)
        # The optimum's parameters, then the filter's results at them: the same estimates,
        # covariance and AIC as ``fit`` returns, without the smoother it runs (nothing here
        # reads smoothed states).
        optimum = model.fit(disp=False, maxiter=100, return_params=True)
        arma_fit = model.filter(optimum)
    with _fits_lock:
        _recent_fits[key] = arma_fit
        while len(_recent_fits) > _RECENT_FITS:
            _recent_fits.pop(next(iter(_recent_fits)))
    return arma_fit


def _on_scale(
    y: pd.Series, design: pd.DataFrame, differenced: bool
) -> tuple[pd.Series, pd.DataFrame]:
    """The regression's data: levels, or for the local level period-on-period changes."""
    return (y.diff(), design.diff()) if differenced else (y, design)


def _least_squares(y: pd.Series, design: pd.DataFrame) -> Any:
    rows = (y.notna() & design.notna().all(axis=1)).to_numpy()
    with warnings.catch_warnings():
        # A festival column empty on the rows fitted gets a zero coefficient.
        warnings.simplefilter("ignore", SingularMatrixWarning)
        return sm.OLS(y[rows], design[rows]).fit(cov_type="HAC", cov_kwds={"maxlags": 7})


def _whitened_regression(
    y: pd.Series, design: pd.DataFrame, arma_fit: Any
) -> tuple[pd.Series, np.ndarray]:
    """Least squares again after filtering out the errors' autoregression (feasible GLS), so
    the coefficients' covariance reflects autocorrelated errors; plain least squares makes the
    level look far more certain than it is and the intervals too narrow."""
    names = list(arma_fit.model.param_names)
    phi = np.array(
        [v for n, v in zip(names, np.asarray(arma_fit.params), strict=True) if n.startswith("ar.")]
    )
    whitened_y, whitened_x = y.copy(), design.copy()
    for lag, coefficient in enumerate(phi, start=1):
        whitened_y = whitened_y - coefficient * y.shift(lag)
        whitened_x = whitened_x - coefficient * design.shift(lag)
    rows = (whitened_y.notna() & whitened_x.notna().all(axis=1)).to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SingularMatrixWarning)
        gls = sm.OLS(whitened_y[rows], whitened_x[rows]).fit()
    return gls.params, np.asarray(gls.cov_params())


def _state_regression(
    y: pd.Series, design: pd.DataFrame, arma_fit: Any, order: tuple[int, int, int]
) -> tuple[pd.Series, np.ndarray]:
    """Generalised least squares through the Kalman filter, the coefficients in the state: the
    local level's differenced errors often have a moving-average root near one, which filtering
    out the autoregression alone leaves in, overstating the drift's uncertainty several times."""
    rows = (y.notna() & design.notna().all(axis=1)).to_numpy()
    model = SARIMAX(
        y.where(rows).to_numpy(),
        exog=np.where(rows[:, None], design.to_numpy(), 0.0),
        order=(order[0], 0, order[2]),
        trend="n",
        mle_regression=False,
    )
    state = model.filter(np.asarray(arma_fit.params), cov_type="none")
    count = design.shape[1]
    beta = pd.Series(state.filtered_state[-count:, -1], index=design.columns)
    return beta, np.asarray(state.filtered_state_cov[-count:, -count:, -1])


def _well_identified(arma_fit: Any) -> bool:
    """An order whose coefficients are not pinned down (an AR and MA root cancelling) gives
    parameter draws all over the place; such fits are skipped, whatever their AIC."""
    names = list(arma_fit.model.param_names)
    errors = np.asarray(arma_fit.bse)
    coefficient = np.array([n.startswith(("ar.", "ma.")) for n in names])
    return (
        bool(np.all(np.isfinite(errors)))
        and bool(np.all(errors[coefficient] < 0.3))
        and _admissible(np.asarray(arma_fit.params), names)
    )


def simulate_paths(
    fit: BaselineFit, exog: pd.DataFrame, seed: int, draws: int = PARAMETER_DRAWS
) -> np.ndarray:
    """Future paths over the window: regression and ARMA parameters are both drawn around their
    estimates for each batch of paths, so the spread includes parameter uncertainty (fixed
    parameters give intervals that are too narrow). Returns an array (periods, paths)."""
    rng = np.random.default_rng(seed)
    design = exog.assign(const=1.0)[fit.beta.index].to_numpy()
    offset = 0.0
    if fit.anchor is not None:
        # The integrated errors carry the level: the regression moves it from the anchor on.
        design = design - fit.anchor
        offset = float(fit.anchor @ fit.beta.to_numpy())
    horizon = len(design)
    arma_params = np.asarray(fit.arma_fit.params)
    arma_cov = np.asarray(fit.arma_fit.cov_params())
    if not np.all(np.isfinite(arma_cov)):
        arma_cov = np.zeros_like(arma_cov)
    names = list(fit.arma.param_names)
    paths = []
    attempts = 0
    while len(paths) < draws and attempts < 5 * draws:
        attempts += 1
        theta = rng.multivariate_normal(arma_params, arma_cov, method="eigh")
        if not _admissible(theta, names):
            continue
        betas = rng.multivariate_normal(
            fit.beta.to_numpy(), fit.beta_cov, size=PATHS_PER_DRAW, method="eigh"
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            filtered = fit.arma.filter(theta, cov_type="none")
        errors = simulate_errors(filtered, horizon, filtered.nobs, PATHS_PER_DRAW, rng)
        paths.append(offset + design @ betas.T + errors)
    if not paths:
        raise UserInputError(
            "The baseline model is unstable on this pre-period: try another metric or segment.",
            code="lift_unstable",
        )
    return np.concatenate(paths, axis=1)


def simulate_errors(
    filtered: Any, steps: int, anchor: int, repetitions: int, rng: np.random.Generator
) -> np.ndarray:
    """``filtered.simulate(steps, anchor=anchor, repetitions=repetitions, rng=rng)`` of
    statsmodels for these time-invariant, single-series models, every repetition at once:
    the same draws from ``rng`` in the same order (start states, then each repetition's
    measurement and state shocks), so the same paths, without statsmodels' set-up per path.
    Returns an array (steps, repetitions)."""
    ssm = filtered.model.ssm
    states = rng.multivariate_normal(
        filtered.predicted_state[:, anchor],
        filtered.predicted_state_cov[:, :, anchor],
        size=repetitions,
    ).T
    shocks = rng.normal(size=(repetitions, steps * (1 + ssm.k_posdef)))
    noise = np.sqrt(ssm["obs_cov"][0, 0]) * shocks[:, :steps].T
    state_shocks = shocks[:, steps:].reshape(repetitions, steps, ssm.k_posdef)
    innovations = state_shocks @ np.linalg.cholesky(ssm["state_cov"]).T
    design, transition = ssm["design"], ssm["transition"]
    selection, intercept = ssm["selection"], ssm["state_intercept"][:, None]
    out = np.empty((steps, repetitions))
    for t in range(steps):
        out[t] = noise[t] + ssm["obs_intercept"][0] + (design @ states)[0]
        states = intercept + selection @ innovations[:, t, :].T + transition @ states
    return out


def _admissible(params: np.ndarray, names: list[str]) -> bool:
    """A drawn parameter vector must describe a stationary, invertible model with positive
    variance; draws outside that region explode and say nothing about the baseline."""
    values = dict(zip(names, params, strict=True))
    if values.get("sigma2", 1.0) <= 0:
        return False
    for prefix, sign in (("ar.L", -1.0), ("ma.L", 1.0)):
        coefs = [values[n] for n in names if n.startswith(prefix)]
        if coefs:
            roots = np.roots(np.r_[1.0, sign * np.asarray(coefs)][::-1])
            if np.any(np.abs(roots) <= 1.0001):
                return False
    return True
