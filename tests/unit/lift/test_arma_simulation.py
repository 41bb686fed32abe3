"""The baseline's simulated errors: every repetition at once, the same paths as statsmodels'
own simulation from the same generator, and a robustness check that shares the estimate's
residuals and order reuses its fit."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.statespace.sarimax import SARIMAX

from analytics.lift import arma_model
from analytics.lift.arma_model import LEVEL_ORDERS, ORDERS, fit_baseline, simulate_errors


@pytest.fixture(scope="module")
def errors() -> np.ndarray:
    """A wandering series with gaps (periods another campaign ran are blanked before a fit)."""
    rng = np.random.default_rng(1)
    values = np.cumsum(rng.normal(size=300)) * 0.3 + rng.normal(size=300)
    values[[20, 21, 50, 140]] = np.nan
    return values


@pytest.mark.parametrize("order", ORDERS + LEVEL_ORDERS)
def test_paths_are_statsmodels_own_from_the_same_generator(errors, order):
    model = SARIMAX(errors, order=order, trend="n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        filtered = model.filter(model.fit(disp=False).params, cov_type="none")
    for anchor in ("end", 250, 100):
        expected = filtered.simulate(
            17, anchor=anchor, repetitions=50, rng=np.random.default_rng(3)
        )
        at = filtered.nobs if anchor == "end" else anchor
        paths = simulate_errors(filtered, 17, at, 50, np.random.default_rng(3))
        np.testing.assert_array_equal(paths, np.asarray(expected).reshape(17, -1))


def test_the_same_residuals_and_order_are_fitted_once(errors, monkeypatch):
    y = pd.Series(np.nan_to_num(errors) + 50.0, index=pd.date_range("2024-01-01", periods=300))
    exog = pd.DataFrame({"trend": np.arange(300.0)}, index=y.index)
    fitted = []
    original = SARIMAX.fit

    def counted(self, *args, **kwargs):
        fitted.append(self.order)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SARIMAX, "fit", counted)
    monkeypatch.setattr(arma_model, "_recent_fits", {})
    first = fit_baseline(y, exog)
    again = fit_baseline(y, exog, first.order)
    assert len(fitted) == len(ORDERS)
    assert again.order == first.order
    pd.testing.assert_series_equal(again.beta, first.beta)
