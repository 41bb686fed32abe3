"""The unit-root tests behind the ARIMA's order of differencing: KPSS (stationarity as the null)
and the augmented Dickey-Fuller test (a unit root as the null), both with a constant."""

from __future__ import annotations

import warnings

import numpy as np
from statsmodels.tsa.adfvalues import mackinnonp
from statsmodels.tsa.stattools import kpss


def unit_root_tests(series: np.ndarray) -> tuple[float, float]:
    """The KPSS and ADF p-values of a series."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # KPSS warns when its p-value is outside its table
        kpss_p = float(kpss(series, regression="c", nlags="auto")[1])
    return kpss_p, adf_pvalue(series)


def adf_pvalue(x: np.ndarray) -> float:
    """The augmented Dickey-Fuller test with a constant, its lags chosen by AIC: statsmodels'
    adfuller(regression="c", autolag="AIC"), with the nested lag regressions' residual sums
    of squares read off one QR instead of one OLS fit each."""
    maxlag = min(int(np.ceil(12.0 * (len(x) / 100.0) ** 0.25)), len(x) // 2 - 2)
    diff = np.diff(x)
    rows = len(diff) - maxlag
    # Columns: constant, level, then the lagged differences (the same rows for every lag).
    design = np.column_stack(
        [np.ones(rows), x[maxlag:-1]]
        + [diff[maxlag - k : len(diff) - k] for k in range(1, maxlag + 1)]
    )
    target = diff[maxlag:]
    q = np.linalg.qr(design)[0]
    explained = np.cumsum((q.T @ target) ** 2)
    total = float(target @ target)
    aics = []
    for lag in range(maxlag + 1):
        k = lag + 2
        ssr = max(total - explained[k - 1], 1e-300)
        aics.append((rows * np.log(ssr / rows) + 2 * k, lag))
    lag = min(aics)[1]
    # The chosen lag refitted on every row it allows.
    rows = len(diff) - lag
    design = np.column_stack(
        [x[lag:-1]] + [diff[lag - k : len(diff) - k] for k in range(1, lag + 1)] + [np.ones(rows)]
    )
    target = diff[lag:]
    coefficients, _, rank, _ = np.linalg.lstsq(design, target, rcond=None)
    residuals = target - design @ coefficients
    sigma2 = float(residuals @ residuals) / (rows - rank)
    spread = np.sqrt(sigma2 * np.linalg.pinv(design.T @ design)[0, 0])
    return float(mackinnonp(coefficients[0] / spread, regression="c", N=1))
