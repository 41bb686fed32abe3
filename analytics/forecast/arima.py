"""Seasonal ARIMA with regressors, chosen automatically (after R's ``auto.arima``).

Differencing comes from tests (seasonal strength for D, KPSS and ADF for d); orders from a
stepwise search by AIC. Coefficients are estimated by conditional least squares, R's
``method="CSS"`` and the approximation ``auto.arima`` uses on long series: a fit takes
milliseconds, so the search and the backtests stay fast. statsmodels' SARIMAX, evaluated at
those coefficients, then gives the exact likelihood (AIC), fitted values, forecasts, intervals
and residuals.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_triangular
from scipy.optimize import least_squares
from scipy.signal import lfilter
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.tsa.arima_process import arma2ma
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.statespace.sarimax import SARIMAX

from analytics.forecast.unit_root import unit_root_tests

SEASONAL_STRENGTH_THRESHOLD = 0.64  # Wang, Smith & Hyndman (2006), as in R's nsdiffs()
STL_SEASONAL_WINDOW = 11
TEST_LEVEL = 0.05
MAX_P = MAX_Q = 3
MAX_SEASONAL = 1
MAX_ORDER = 5  # p + q + P + Q, as auto.arima's max.order
MAX_FITS = 40
COEF_BOUND = 0.99
START_BOUND = 0.98  # a warm start must lie strictly inside the bounds
ROOT_MARGIN = 1.0005
# A poorly identified candidate (AR and MA roots cancelling) can take hundreds of steps for no
# gain in fit; the search only needs its AIC roughly.
MAX_EVALUATIONS = 60
# Candidates only need their AIC to a few decimals (a relative change of 1e-6 in the sum of
# squares moves the AIC by under 0.001); the chosen model is then refined to the default 1e-8.
SEARCH_FTOL = 1e-6
FTOL = 1e-8


@dataclass(frozen=True)
class Orders:
    """The ARMA orders searched over (differencing is decided before the search)."""

    p: int
    q: int
    P: int = 0
    Q: int = 0

    @property
    def size(self) -> int:
        return self.p + self.q + self.P + self.Q

    def allowed(self, seasonal: bool) -> bool:
        within = 0 <= self.p <= MAX_P and 0 <= self.q <= MAX_Q and self.size <= MAX_ORDER
        if not seasonal:
            return within and self.P == self.Q == 0
        return within and 0 <= self.P <= MAX_SEASONAL and 0 <= self.Q <= MAX_SEASONAL

    def neighbours(self) -> list[Orders]:
        """Hyndman–Khandakar moves: one order up or down, or p and q (P and Q) together."""
        p, q, sp, sq = self.p, self.q, self.P, self.Q
        moves = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1), (1, 1, 0, 0), (0, 0, 1, 1)]
        found = []
        for dp, dq, dsp, dsq in moves:
            for sign in (-1, 1):
                found.append(Orders(p + sign * dp, q + sign * dq, sp + sign * dsp, sq + sign * dsq))
        return found


STARTS = (Orders(2, 2, 1, 1), Orders(0, 0, 0, 0), Orders(1, 0, 1, 0), Orders(0, 1, 0, 1))


@dataclass(frozen=True)
class Differencing:
    """How often the series is differenced, and the test results that decided it."""

    d: int
    D: int
    kpss_p: float | None
    adf_p: float | None
    seasonal_strength: float | None


@dataclass(frozen=True)
class CssFit:
    """Coefficients in SARIMAX's order: intercept, regressors, ar, ma, seasonal ar, seasonal ma."""

    orders: Orders
    constant: bool
    params: np.ndarray
    std_errors: np.ndarray
    sigma2: float
    aic: float
    nobs: int


def difference(values: np.ndarray, d: int, D: int, m: int) -> np.ndarray:
    """(1 - L)^d (1 - L^m)^D applied along the first axis."""
    out = np.asarray(values, dtype=float)
    for _ in range(D):
        out = out[m:] - out[:-m]
    for _ in range(d):
        out = out[1:] - out[:-1]
    return out


def stl(values: np.ndarray, period: int, seasonal: int = 7):
    """statsmodels' STL fit with R's ``stl()`` default jumps: each LOESS smoother is evaluated
    at every tenth of its window and interpolated between (statsmodels evaluates every point;
    on a weekly series with a 52-week period this is 6 times faster, the season within 0.1% of
    its swing)."""
    trend = int(np.ceil(1.5 * period / (1 - 1.5 / seasonal)))
    trend += trend % 2 == 0
    low_pass = period + 1 if period % 2 == 0 else period
    return STL(
        np.asarray(values, dtype=float),
        period=period,
        seasonal=seasonal,
        seasonal_jump=int(np.ceil(seasonal / 10)),
        trend_jump=int(np.ceil(trend / 10)),
        low_pass_jump=int(np.ceil(low_pass / 10)),
    ).fit()


def seasonal_strength(values: np.ndarray, m: int) -> float:
    """1 - Var(remainder) / Var(season + remainder) of an STL decomposition (0 to 1), with R's
    mstl() settings (seasonal window 11, not robust)."""
    fit = stl(values, m, STL_SEASONAL_WINDOW)
    both = fit.seasonal + fit.resid
    spread = float(np.var(both))
    if spread <= 0:
        return 0.0
    return float(max(0.0, 1.0 - np.var(fit.resid) / spread))


def choose_differencing(residuals: np.ndarray, m: int) -> Differencing:
    """D = 1 when the seasonal strength exceeds 0.64; then d = 1 (at most 2 in all) while KPSS
    rejects stationarity and ADF does not reject a unit root, both at 5%."""
    strength = None
    D = 0
    if m and len(residuals) >= 3 * m + 2:
        strength = seasonal_strength(residuals, m)
        D = int(strength > SEASONAL_STRENGTH_THRESHOLD)
    d, kpss_p, adf_p = 0, None, None
    while d + D < 2:
        series = difference(residuals, d, D, m)
        if len(series) < 20 or np.ptp(series) == 0:
            break
        kpss_p, adf_p = unit_root_tests(series)
        if not (kpss_p < TEST_LEVEL and adf_p > TEST_LEVEL):
            break
        d += 1
    return Differencing(d, D, kpss_p, adf_p, strength)


def _lag_polynomial(coefficients: np.ndarray, lag: int, sign: float) -> np.ndarray:
    poly = np.zeros(lag * len(coefficients) + 1)
    poly[0] = 1.0
    poly[lag::lag] = sign * np.asarray(coefficients)
    return poly


def polynomials(
    params: np.ndarray, orders: Orders, m: int, n_regression: int
) -> tuple[np.ndarray, np.ndarray]:
    """The AR and MA lag polynomials (seasonal factors multiplied in) from a parameter vector."""
    i = n_regression
    ar = params[i : i + orders.p]
    i += orders.p
    ma = params[i : i + orders.q]
    i += orders.q
    sar = params[i : i + orders.P]
    i += orders.P
    sma = params[i : i + orders.Q]
    ar_poly = np.convolve(_lag_polynomial(ar, 1, -1.0), _lag_polynomial(sar, max(m, 1), -1.0))
    ma_poly = np.convolve(_lag_polynomial(ma, 1, 1.0), _lag_polynomial(sma, max(m, 1), 1.0))
    return ar_poly, ma_poly


def _outside_unit_circle(poly: np.ndarray) -> bool:
    if len(poly) <= 1 or not np.any(poly[1:]):
        return True
    roots = np.roots(poly[::-1])
    return bool(np.all(np.abs(roots) > ROOT_MARGIN))


def css_fit(
    w: np.ndarray,
    xw: np.ndarray,
    orders: Orders,
    m: int,
    constant: bool,
    ncond: int,
    start: np.ndarray | None = None,
    ftol: float = FTOL,
    std_errors: bool = True,
) -> CssFit | None:
    """Conditional least squares on the differenced series ``w`` and regressors ``xw``; the
    first ``ncond`` residuals are conditioned on. None when the fit is not stationary and
    invertible. Without ``std_errors`` (a backtest refit) the standard errors are left zero.

    The constant and regression coefficients enter the residuals linearly, so for given ARMA
    coefficients they are solved exactly (variable projection, Golub & Pereyra); the
    optimiser only searches the few ARMA coefficients, from ``start`` when given (a nested
    model's estimates) or from zero."""
    problem = _CssProblem(w, xw, orders, m, constant, ncond)
    phi = np.zeros(orders.size)
    if start is not None and len(start) == orders.size:
        phi = np.clip(np.asarray(start, dtype=float), -START_BOUND, START_BOUND)
    if orders.size:
        phi = _minimise(problem, phi, ftol)
    regression, fitted = problem.profile(phi)[:2]
    params = np.r_[regression, phi]
    ar_poly, ma_poly = polynomials(params, orders, m, problem.n_regression)
    if not (_outside_unit_circle(ar_poly) and _outside_unit_circle(ma_poly)):
        return None
    n = len(fitted)
    sigma2 = float(fitted @ fitted / n)
    if not np.isfinite(sigma2) or sigma2 <= 0:
        return None
    errors = np.zeros(len(params))
    if std_errors:
        jac = problem.jacobian(params)
        information = jac.T @ jac
        errors = np.sqrt(np.clip(np.diag(np.linalg.pinv(information)) * sigma2, 0.0, None))
    aic = n * np.log(sigma2) + 2 * (len(params) + 1)
    return CssFit(orders, constant, params, errors, sigma2, float(aic), n)


def css_regression(
    w: np.ndarray, xw: np.ndarray, orders: Orders, m: int, constant: bool, ncond: int, phi
) -> CssFit | None:
    """The constant and regression coefficients by least squares with the ARMA coefficients
    held at ``phi`` (one linear solve, no search); standard errors are not computed."""
    problem = _CssProblem(w, xw, orders, m, constant, ncond)
    regression, residuals = problem.profile(np.asarray(phi, dtype=float))[:2]
    n = len(residuals)
    sigma2 = float(residuals @ residuals / n) if n else np.nan
    if not np.isfinite(sigma2) or sigma2 <= 0:
        return None
    params = np.r_[regression, phi]
    aic = n * np.log(sigma2) + 2 * (len(params) + 1)
    return CssFit(orders, constant, params, np.zeros(len(params)), sigma2, float(aic), n)


def _minimise(problem: _CssProblem, phi: np.ndarray, ftol: float) -> np.ndarray:
    """The ARMA coefficients with the least conditional sum of squares, each kept inside
    (-0.99, 0.99) by writing it as 0.99 tanh(theta): Levenberg–Marquardt (MINPACK) then
    searches theta freely, with far less overhead per step than a bounded trust region."""
    if len(problem.w) - problem.ncond <= len(phi):  # MINPACK needs more residuals than unknowns
        return least_squares(
            problem.projected,
            phi,
            jac=problem.projected_jacobian,
            bounds=(-COEF_BOUND, COEF_BOUND),
            max_nfev=MAX_EVALUATIONS,
            ftol=ftol,
        ).x

    def residuals(theta: np.ndarray) -> np.ndarray:
        return problem.projected(COEF_BOUND * np.tanh(theta))

    def jacobian(theta: np.ndarray) -> np.ndarray:
        slope = COEF_BOUND * (1.0 - np.tanh(theta) ** 2)
        return problem.projected_jacobian(COEF_BOUND * np.tanh(theta)) * slope

    theta = np.arctanh(np.asarray(phi, dtype=float) / COEF_BOUND)
    solution = least_squares(
        residuals, theta, jac=jacobian, method="lm", max_nfev=MAX_EVALUATIONS, ftol=ftol
    )
    return COEF_BOUND * np.tanh(solution.x)


class _CssProblem:
    """Residuals e of  MA(L) e_t = AR(L) (w_t - x_t b) - c  for t >= ncond (zero MA presample),
    and their exact derivatives, so each least-squares step costs a few linear filters."""

    def __init__(
        self, w: np.ndarray, xw: np.ndarray, orders: Orders, m: int, constant: bool, ncond: int
    ) -> None:
        self.w, self.xw, self.orders, self.m = w, xw, orders, max(m, 1)
        self.constant, self.ncond = constant, ncond
        self.k = xw.shape[1]
        self.x_rows = np.ascontiguousarray(xw.T)
        self.n_regression = int(constant) + self.k
        # w, then the constant's column, then the regressors: filtered together.
        rows = [self.w[None, :]]
        if constant:
            rows.append(np.ones((1, len(w))))
        self.rows = np.vstack([*rows, self.x_rows])
        self._cached: tuple[bytes, tuple] | None = None

    def _parts(self, theta: np.ndarray):
        o, i = self.orders, self.n_regression
        c = theta[0] if self.constant else 0.0
        beta = theta[int(self.constant) : i]
        ar, ma = theta[i : i + o.p], theta[i + o.p : i + o.p + o.q]
        j = i + o.p + o.q
        sar, sma = theta[j : j + o.P], theta[j + o.P : j + o.P + o.Q]
        return (
            c,
            beta,
            _lag_polynomial(ar, 1, -1.0),
            _lag_polynomial(ma, 1, 1.0),
            _lag_polynomial(sar, self.m, -1.0),
            _lag_polynomial(sma, self.m, 1.0),
        )

    def profile(self, phi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """For ARMA coefficients ``phi``: the least-squares constant and regression
        coefficients, the residuals, and an orthonormal basis of the filtered regressors."""
        key = phi.tobytes()
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        _, _, ar, ma, sar, sma = self._parts(np.concatenate([np.zeros(self.n_regression), phi]))
        ar_poly, ma_poly = np.convolve(ar, sar), np.convolve(ma, sma)
        # e = MA^-1 (AR w - AR X b - c) on t >= ncond; the constant is not AR-filtered.
        filtered = _fir(ar_poly, self.rows)[:, self.ncond :]
        if self.constant:
            filtered[1] = 1.0
        filtered = _inverse_filter(ma_poly, filtered)
        y, design = filtered[0], filtered[1:].T
        basis = None
        if design.shape[1]:
            basis, upper = np.linalg.qr(design)
            coefficients = solve_triangular(upper, basis.T @ y, check_finite=False)
            if not np.all(np.isfinite(coefficients)):
                coefficients = np.linalg.lstsq(design, y, rcond=None)[0]
            residuals = y - design @ coefficients
        else:
            coefficients, residuals = np.zeros(0), y
        found = (coefficients, residuals, basis)
        self._cached = (key, found)
        return found

    def projected(self, phi: np.ndarray) -> np.ndarray:
        """The residuals with the linear coefficients solved for."""
        return self.profile(phi)[1]

    def projected_jacobian(self, phi: np.ndarray) -> np.ndarray:
        """Kaufman's approximation: the ARMA columns of the full Jacobian, projected off the
        filtered regressors."""
        coefficients, residuals, basis = self.profile(phi)
        jac = self._arma_rows(np.concatenate([coefficients, phi]), residuals).T
        if basis is not None:
            jac = jac - basis @ (basis.T @ jac)
        return jac

    def _u(self, beta: np.ndarray) -> np.ndarray:
        return self.w - self.xw @ beta if self.k else self.w

    def residuals(self, theta: np.ndarray) -> np.ndarray:
        c, beta, ar, ma, sar, sma = self._parts(theta)
        v = _fir(np.convolve(ar, sar), self._u(beta)[None, :])[0, self.ncond :] - c
        return _inverse_filter(np.convolve(ma, sma), v)

    def _arma_rows(self, theta: np.ndarray, e: np.ndarray) -> np.ndarray:
        """d e / d (ar, ma, seasonal ar, seasonal ma), one row each, given the residuals e."""
        _, beta, ar, ma, sar, sma = self._parts(theta)
        o, n0, m = self.orders, self.ncond, self.m
        if not o.size:
            return np.zeros((0, len(e)))
        u = self._u(beta)
        after_sar, after_ar = _fir(sar, u[None, :])[0], _fir(ar, u[None, :])[0]
        after_sma, after_ma = _fir(sma, e[None, :])[0], _fir(ma, e[None, :])[0]
        rows = [-_shift(after_sar, lag)[None, n0:] for lag in range(1, o.p + 1)]
        rows += [-_shift(after_sma, lag)[None, :] for lag in range(1, o.q + 1)]
        rows += [-_shift(after_ar, m * lag)[None, n0:] for lag in range(1, o.P + 1)]
        rows += [-_shift(after_ma, m * lag)[None, :] for lag in range(1, o.Q + 1)]
        return _inverse_filter(np.convolve(ma, sma), np.vstack(rows))

    def jacobian(self, theta: np.ndarray) -> np.ndarray:
        """The full Jacobian d e / d theta (for the standard errors)."""
        _, _, ar, ma, sar, sma = self._parts(theta)
        ar_poly, ma_poly = np.convolve(ar, sar), np.convolve(ma, sma)
        e = self.residuals(theta)
        # One row per parameter (rows filter faster than columns): d v / d theta, then
        # d e / d theta = MA(L)^-1 (d v / d theta - (d MA / d theta) e).
        rows = []
        if self.constant:
            rows.append(-np.ones((1, len(e))))
        if self.k:
            rows.append(-_fir(ar_poly, self.x_rows)[:, self.ncond :])
        regression = _inverse_filter(ma_poly, np.vstack(rows)) if rows else np.zeros((0, len(e)))
        return np.vstack([regression, self._arma_rows(theta, e)]).T


def _fir(poly: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """poly(L) applied along each row (a short lag polynomial: a few shifted additions)."""
    out = rows * poly[0]
    for lag in np.flatnonzero(poly[1:]) + 1:
        out[:, lag:] += poly[lag] * rows[:, :-lag]
    return out


def _inverse_filter(poly: np.ndarray, values: np.ndarray) -> np.ndarray:
    """poly(L)^-1 applied along the last axis, zero before the start (nothing to do when the
    polynomial is 1)."""
    if len(poly) == 1 or not np.any(poly[1:]):
        return values / poly[0]
    return lfilter([1.0], poly, values, axis=-1)


def _shift(values: np.ndarray, lag: int) -> np.ndarray:
    """values[t - lag], zero before the start."""
    out = np.zeros_like(values)
    out[lag:] = values[: len(values) - lag]
    return out


def conditioning(m: int) -> int:
    """Residuals left out of every candidate's sum of squares, so AICs compare like with like."""
    return MAX_P + MAX_SEASONAL * m


def stepwise_search(
    w: np.ndarray,
    xw: np.ndarray,
    m: int,
    constant: bool,
    max_fits: int = MAX_FITS,
    near: CssFit | None = None,
) -> tuple[CssFit | None, int]:
    """Hyndman–Khandakar stepwise search: start from four models, move to a neighbour while
    the AIC improves. Returns the best fit and how many models were fitted. The four start
    from ``near`` (a fit of another order on the same data) when given, each neighbour from
    the model it neighbours."""
    seasonal = m > 0
    ncond = conditioning(m)
    fits: dict[Orders, CssFit | None] = {}

    def fit(orders: Orders, near: CssFit | None = None) -> CssFit | None:
        if orders not in fits:
            start = None if near is None else warm_start(near, orders)
            fits[orders] = css_fit(w, xw, orders, m, constant, ncond, start, SEARCH_FTOL, False)
        return fits[orders]

    starts = STARTS if seasonal else tuple(Orders(o.p, o.q) for o in STARTS)
    candidates = [fit(orders, near) for orders in starts if orders.allowed(seasonal)]
    found = [c for c in candidates if c is not None]
    if not found:
        return None, len(fits)
    best = min(found, key=lambda c: c.aic)
    moved = True
    while moved and len(fits) < max_fits:
        moved = False
        for orders in best.orders.neighbours():
            if orders in fits or not orders.allowed(seasonal) or len(fits) >= max_fits:
                continue
            candidate = fit(orders, best)
            if candidate is not None and candidate.aic < best.aic:
                best, moved = candidate, True
                break
    refined = css_fit(w, xw, best.orders, m, constant, ncond, arma_coefficients(best))
    if refined is None or refined.aic > best.aic:  # the candidate itself, with standard errors
        start = arma_coefficients(best)
        refined = css_fit(w, xw, best.orders, m, constant, ncond, start, SEARCH_FTOL) or best
    return refined, len(fits)


def arma_coefficients(fit: CssFit) -> np.ndarray:
    """The fit's ARMA coefficients (ar, ma, seasonal ar, seasonal ma), without the regression."""
    return fit.params[len(fit.params) - fit.orders.size :]


def warm_start(fit: CssFit, orders: Orders) -> np.ndarray:
    """Start values for ``orders`` from a neighbouring fit: its coefficients where the two
    models share a lag, zero for the new ones. The fit of the neighbour is then a point of the
    new model, so the optimiser starts no worse than it."""
    phi, o = arma_coefficients(fit), fit.orders
    parts = np.split(phi, np.cumsum([o.p, o.q, o.P]))
    start = []
    for values, size in zip(parts, (orders.p, orders.q, orders.P, orders.Q), strict=True):
        start.append(np.r_[values[:size], np.zeros(max(0, size - len(values)))])
    return np.concatenate(start)


def state_space(
    z: np.ndarray, exog: np.ndarray | None, fit: CssFit, differencing: Differencing, m: int
):
    """statsmodels' SARIMAX at the CSS coefficients (filtered, not re-estimated)."""
    orders = fit.orders
    model = SARIMAX(
        z,
        exog=exog if exog is not None and exog.shape[1] else None,
        order=(orders.p, differencing.d, orders.q),
        seasonal_order=(orders.P, differencing.D, orders.Q, m) if m else (0, 0, 0, 0),
        trend="c" if fit.constant else "n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.filter(np.r_[fit.params, fit.sigma2], cov_type="none")


def psi_weights(
    fit: CssFit, differencing: Differencing, m: int, n_regression: int, horizon: int
) -> np.ndarray:
    """Weights of past shocks in the h-step forecast error, differencing included."""
    ar_poly, ma_poly = polynomials(fit.params, fit.orders, m, n_regression)
    integrated = ar_poly
    for _ in range(differencing.d):
        integrated = np.convolve(integrated, [1.0, -1.0])
    for _ in range(differencing.D):
        integrated = np.convolve(integrated, _lag_polynomial(np.array([1.0]), m, -1.0))
    return arma2ma(integrated, ma_poly, lags=horizon)


def ljung_box(residuals: np.ndarray, lags: int, model_df: int) -> tuple[int, float, float]:
    """Ljung–Box lags, statistic and p-value: is anything predictable left in the residuals?"""
    clean = residuals[np.isfinite(residuals)]
    lags = max(model_df + 1, min(lags, len(clean) // 5))
    table = acorr_ljungbox(clean, lags=[lags], model_df=model_df)
    return lags, float(table["lb_stat"].iloc[0]), float(table["lb_pvalue"].iloc[0])


def css_forecast(
    z: np.ndarray,
    x_history: np.ndarray,
    x_future: np.ndarray,
    fit: CssFit,
    differencing: Differencing,
    m: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the forecast of ``z`` (model scale) at the fit's coefficients,
    computed as conditional least squares sees the model: the ARMA recursion continued from
    its own residuals, then the differencing undone; the variance from the psi weights. Next
    to SARIMAX's Kalman filter it skips building a state space, which is most of a backtest
    refit's time; the two agree once the presample no longer matters."""
    d, seasonal_d, horizon = differencing.d, differencing.D, len(x_future)
    n_regression = len(fit.params) - fit.orders.size
    c = fit.params[0] if fit.constant else 0.0
    beta = fit.params[int(fit.constant) : n_regression]
    xw = difference(np.vstack([x_history, x_future]), d, seasonal_d, m)
    w = difference(z, d, seasonal_d, m)
    v = w - xw[: len(w)] @ beta if beta.size else w.copy()
    ar_poly, ma_poly = polynomials(fit.params, fit.orders, m, n_regression)
    ncond = min(conditioning(m), len(v))
    e = np.zeros(len(v) + horizon)
    e[ncond : len(v)] = _inverse_filter(ma_poly, _fir(ar_poly, v[None, :])[0, ncond:] - c)
    path = np.r_[v, np.zeros(horizon)]
    ar_lags, ma_lags = np.flatnonzero(ar_poly[1:]) + 1, np.flatnonzero(ma_poly[1:]) + 1
    for t in range(len(v), len(path)):
        past_v = [ar_poly[k] * path[t - k] for k in ar_lags if t >= k]
        past_e = [ma_poly[k] * e[t - k] for k in ma_lags if t >= k]
        path[t] = c - sum(past_v) + sum(past_e)
    ahead = path[len(v) :] + (xw[len(w) :] @ beta if beta.size else 0.0)
    integration = np.array([1.0])
    for _ in range(d):
        integration = np.convolve(integration, [1.0, -1.0])
    for _ in range(seasonal_d):
        integration = np.convolve(integration, _lag_polynomial(np.array([1.0]), m, -1.0))
    levels = np.r_[np.asarray(z, dtype=float), np.zeros(horizon)]
    lags = np.flatnonzero(integration[1:]) + 1
    for step in range(horizon):
        t = len(z) + step
        levels[t] = ahead[step] - sum(integration[k] * levels[t - k] for k in lags)
    psi = psi_weights(fit, differencing, m, n_regression, horizon)
    return levels[len(z) :], fit.sigma2 * np.cumsum(psi**2)
