"""The ETS fits (analytics/forecast/ets.py): planted smoothing parameters recovered, the same
likelihood as statsmodels' ETSModel (or a better one), and the forecast's damped trend."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from analytics.forecast.ets import fit_ets

CONFIGS = [
    ("add", None, False),
    ("add", "add", True),
    ("add", "add", False),
    ("mul", None, False),
    ("mul", "add", True),
]


def _simulated(n: int, alpha: float, beta: float, phi: float, seed: int) -> np.ndarray:
    """An additive-error ETS path with these parameters (level 100, trend 0.5 when there is
    one, errors sd 1)."""
    rng = np.random.default_rng(seed)
    level, trend, values = 100.0, 0.5 if beta else 0.0, np.empty(n)
    for t in range(n):
        error = rng.normal()
        values[t] = level + phi * trend + error
        level, trend = level + phi * trend + alpha * error, phi * trend + beta * error
    return values


def test_planted_smoothing_is_recovered() -> None:
    simple = fit_ets(_simulated(3000, 0.3, 0.0, 1.0, seed=1), "add", None, False)
    assert simple.alpha == pytest.approx(0.3, abs=0.03)
    damped = fit_ets(_simulated(3000, 0.4, 0.1, 0.9, seed=2), "add", "add", True)
    assert damped.alpha == pytest.approx(0.4, abs=0.05)
    assert damped.beta == pytest.approx(0.1, abs=0.05)
    assert damped.phi == pytest.approx(0.9, abs=0.06)


def _series(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(60, 200))
    return 100 + np.cumsum(rng.normal(0.2 * (seed % 3), 1, n)) + rng.normal(0, 3, n)


@pytest.mark.parametrize("config", CONFIGS)
def test_likelihood_matches_statsmodels_or_beats_it(config) -> None:
    error, trend, damped = config
    for seed in range(6):
        values = _series(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = ETSModel(values, error=error, trend=trend, damped_trend=damped).fit(disp=False)
        ours = fit_ets(values, error, trend, damped)
        # Multiplicative errors take the initial states of the additive fit: a hair below.
        assert ours.llf >= theirs.llf - (0.2 if error == "mul" else 1e-3), (seed, ours, theirs)
        if abs(ours.llf - theirs.llf) < 0.01:
            assert np.allclose(ours.forecast(13), theirs.forecast(13), rtol=0.01)
            assert ours.aicc == pytest.approx(theirs.aicc, abs=0.05)
            assert np.allclose(ours.fitted, theirs.fittedvalues, rtol=0.01)


def test_forecast_damps_the_trend_and_a_start_gives_the_same_fit() -> None:
    values = _simulated(400, 0.3, 0.05, 0.9, seed=3)
    fit = fit_ets(values, "add", "add", True)
    ahead = fit.forecast(30)
    steps = np.diff(ahead)
    assert np.allclose(steps[1:] / steps[:-1], fit.phi)  # each step phi times the one before
    again = fit_ets(values, "add", "add", True, start=fit.params)
    assert again.llf == pytest.approx(fit.llf, abs=1e-3)


def test_multiplicative_errors_need_positive_values() -> None:
    values = _series(1) - 200
    assert fit_ets(values, "mul", None, False) is None
    assert fit_ets(values, "add", None, False) is not None
    assert fit_ets(np.array([1.0, np.nan, 2.0, 3.0, 4.0]), "add", None, False) is None
