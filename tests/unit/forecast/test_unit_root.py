"""The differencing test's ADF p-value (analytics/forecast/unit_root.adf_pvalue) against
statsmodels' adfuller with a constant and lags by AIC, on random walks, white noise, doubly
integrated and ARMA series of 20 to 400 points: the same p-value, and a random walk is not
rejected where white noise is."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from statsmodels.tsa.stattools import adfuller

from analytics.forecast.unit_root import adf_pvalue


def _series(kind: int, n: int, rng: np.random.Generator) -> np.ndarray:
    shocks = rng.normal(size=n)
    if kind == 0:
        return np.cumsum(shocks)
    if kind == 1:
        return shocks
    if kind == 2:
        return np.cumsum(np.cumsum(shocks))
    values = np.zeros(n)
    for t in range(1, n):
        values[t] = 0.8 * values[t - 1] + shocks[t] + 0.5 * shocks[t - 1]
    return values


@pytest.mark.parametrize("kind", range(4))
def test_adf_pvalue_is_statsmodels(kind) -> None:
    rng = np.random.default_rng(kind)
    for n in rng.integers(20, 400, size=25):
        values = _series(kind, int(n), rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = adfuller(values, regression="c", autolag="AIC")[1]
        assert adf_pvalue(values) == pytest.approx(expected, abs=1e-9)


def test_adf_tells_a_random_walk_from_noise() -> None:
    rng = np.random.default_rng(7)
    assert adf_pvalue(np.cumsum(rng.normal(size=300))) > 0.05
    assert adf_pvalue(rng.normal(size=300)) < 0.01
