"""The 95% band is widened from the backtest errors when it held under 85% of their points."""

import numpy as np
import pandas as pd
import pytest

from analytics.forecast.intervals import coverage95, widen, widening_factor
from analytics.forecast.results import ForecastSettings
from analytics.forecast.series import forecast_series

SETTINGS = ForecastSettings(8, festivals=False, promotions=False)


def _weekly(noise: np.ndarray) -> pd.Series:
    index = pd.date_range("2022-01-02", periods=len(noise), freq="W-SUN")
    return pd.Series(500 + noise, index=index)


def test_fat_tailed_noise_gets_a_wider_band_that_holds_the_backtest_points():
    rng = np.random.default_rng(3)
    scale = np.where(np.arange(156) < 100, 5.0, 40.0)  # calm, then fat-tailed and 8x louder
    result = forecast_series(_weekly(scale * rng.standard_t(2, 156)), "W", SETTINGS)
    note = next(n for n in result.notes if n.code == "band_widened")
    assert result.backtest.coverage95 == pytest.approx(0.8125)  # 26 of 32 points before
    assert note.params["before"] == result.backtest.coverage95
    assert note.params["after"] == pytest.approx(0.9375)  # 30 of 32 after
    errors = result.backtest.errors
    assert note.params["factor"] == pytest.approx(widening_factor(errors))
    assert coverage95(widen(errors, note.params["factor"], True, center="forecast")) >= 0.9
    assert "81%" in note.message and "94%" in note.message


def test_a_band_that_holds_is_left_alone():
    rng = np.random.default_rng(4)
    result = forecast_series(_weekly(rng.normal(0, 10, 156)), "W", SETTINGS)
    assert result.backtest.coverage95 >= 0.85
    assert all(n.code != "band_widened" for n in result.notes)


def test_widening_factor_is_the_error_quantile_over_the_half_width():
    errors = pd.DataFrame(
        {
            "actual": [100.0 + e for e in range(0, 20)],
            "forecast": [100.0] * 20,
            "lo95": [95.0] * 20,
            "hi95": [105.0] * 20,
        }
    )
    expected = np.quantile(np.arange(20.0), 0.95) / 5.0
    assert widening_factor(errors) == pytest.approx(expected)
    table = pd.DataFrame(
        {"mean": [10.0], "lo80": [8.0], "hi80": [13.0], "lo95": [6.0], "hi95": [15.0]}
    )
    wide = widen(table, 2.0, nonnegative=True)
    assert wide.loc[0, ["lo80", "hi80", "lo95", "hi95"]].tolist() == [6.0, 16.0, 2.0, 20.0]
