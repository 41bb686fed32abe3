"""Bands calibrated on the backtest errors (split conformal) hold near their nominal level on
periods they were not calibrated on, widening a band that is too narrow and narrowing one that
is too wide."""

import numpy as np
import pandas as pd
import pytest

from analytics.forecast.choice import calibrated_table, calibration
from analytics.forecast.intervals import conformal_factor, conformal_scores, scaled_bands
from analytics.forecast.results import ForecastSettings
from analytics.forecast.series import forecast_series

SETTINGS = ForecastSettings(8, festivals=False, promotions=False)


def _weekly(values: np.ndarray) -> pd.Series:
    index = pd.date_range("2020-01-05", periods=len(values), freq="W-SUN")
    return pd.Series(values, index=index)


def _seasonal_series(rng: np.random.Generator, n: int) -> np.ndarray:
    t = np.arange(n)
    return 1000 + 2 * t + 120 * np.sin(2 * np.pi * t / 52.18) + rng.standard_t(3, n) * 30


def test_conformal_bands_hold_near_nominal_on_the_periods_after_the_history():
    """40 simulated weekly series: fit on 150 weeks, score the next 8 against the calibrated
    bands (points never seen by the calibration)."""
    inside80, inside95 = [], []
    for seed in range(40):
        values = _seasonal_series(np.random.default_rng(seed), 158)
        result = forecast_series(_weekly(values[:150]), "W", SETTINGS)
        actual = values[150:]
        band = result.forecast
        inside80 += list((actual >= band["lo80"]) & (actual <= band["hi80"]))
        inside95 += list((actual >= band["lo95"]) & (actual <= band["hi95"]))
    assert 0.72 <= np.mean(inside80) <= 0.90
    assert 0.89 <= np.mean(inside95) <= 0.99


def test_fat_tailed_noise_gets_a_wider_band_and_its_coverage_is_reported():
    rng = np.random.default_rng(3)
    scale = np.where(np.arange(156) < 100, 5.0, 40.0)  # calm, then fat-tailed and 8x louder
    result = forecast_series(_weekly(500 + scale * rng.standard_t(2, 156)), "W", SETTINGS)
    found = result.calibration
    assert found is not None and found.points == result.backtest.points
    assert found.factor95 > 1.0  # the model's own band was too narrow for the loud years
    assert found.factor80 < found.factor95
    assert result.backtest.coverage95 == found.coverage95
    assert 0.8 <= found.coverage95 <= 1.0


def test_the_conformal_factor_is_the_scores_quantile_with_the_finite_sample_rank():
    errors = pd.DataFrame(
        {
            "actual": [100.0 + e for e in range(0, 20)],
            "forecast": [100.0] * 20,
            "lo95": [95.0] * 20,
            "hi95": [105.0] * 20,
        }
    )
    scores = conformal_scores(errors)
    assert scores.tolist() == pytest.approx([e / 5.0 for e in range(20)])
    # ceil(21 × 0.8) = 17th smallest score; 0.95 asks for the 20th (the largest).
    assert conformal_factor(scores, 0.8) == pytest.approx(16 / 5.0)
    assert conformal_factor(scores, 0.95) == pytest.approx(19 / 5.0)
    table = pd.DataFrame(
        {"mean": [10.0], "lo80": [8.0], "hi80": [13.0], "lo95": [6.0], "hi95": [15.0]}
    )
    wide = scaled_bands(table, {"80": 0.5, "95": 2.0}, nonnegative=True)
    assert wide.loc[0, ["lo80", "hi80", "lo95", "hi95"]].tolist() == [8.0, 12.5, 2.0, 20.0]


def test_a_band_too_wide_is_narrowed_and_coverage_is_held_out_by_cut_off():
    rng = np.random.default_rng(7)
    origins = np.repeat(pd.date_range("2024-01-07", periods=4, freq="28D"), 50)
    actual = 100 + rng.normal(0, 1, 200)
    errors = pd.DataFrame(
        {"origin": origins, "actual": actual, "forecast": 100.0, "lo95": 90.0, "hi95": 110.0}
    )
    found = calibration(errors, nonnegative=True)
    assert found.factor95 == pytest.approx(0.2, abs=0.05)  # 1.96 sd of 1 over a half-band of 10
    assert 0.9 <= found.coverage95 <= 0.99
    assert 0.74 <= found.coverage80 <= 0.86
    assert found.width95 == pytest.approx(2 * found.factor95 * 10 / np.abs(actual).mean())


def _noisy_on_events(seed: int) -> tuple[pd.DataFrame, pd.Series]:
    """Backtest points with a ±10 raw band: sd 1 on quiet days, sd 5 on every fifth (events)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-01-01", periods=200, freq="D")
    events = pd.Series(np.arange(200) % 5 == 0, index=dates)
    actual = 100 + rng.normal(0, 1, 200) * np.where(events, 5.0, 1.0)
    origins = np.repeat(dates[::50], 50)
    errors = pd.DataFrame(
        {"origin": origins, "actual": actual, "forecast": 100.0, "lo95": 90.0, "hi95": 110.0},
        index=dates,
    )
    return errors, events


def test_quiet_and_festival_periods_get_bands_of_their_own():
    errors, events = _noisy_on_events(3)
    found = calibration(errors, nonnegative=True, events=events)
    assert found.quiet95 == pytest.approx(0.2, abs=0.05)  # 1.96 sd of 1 over 10
    assert found.event95 == pytest.approx(1.0, abs=0.25)  # 1.96 sd of 5 over 10
    assert found.quiet95 < found.factor95 < found.event95  # the pooled one between them
    assert 0.9 <= found.coverage95 <= 0.99
    assert 0.74 <= found.coverage80 <= 0.86
    future = pd.DataFrame(
        {"mean": 100.0, "lo80": 95.0, "hi80": 105.0, "lo95": 90.0, "hi95": 110.0},
        index=pd.date_range("2024-07-19", periods=4, freq="D"),
    )
    coming = pd.Series([False, True, False, False], index=future.index)
    banded = calibrated_table(future, found, nonnegative=True, events=coming)
    width = (banded["hi95"] - banded["lo95"]).tolist()
    assert width[0] == width[2] == pytest.approx(20 * found.quiet95)
    assert width[1] == pytest.approx(20 * found.event95)
    assert calibration(errors, nonnegative=True).quiet95 is None  # no events: one factor


def test_the_95_band_is_no_narrower_than_a_normal_tail_from_the_80_band():
    rng = np.random.default_rng(4)
    origins = np.repeat(pd.date_range("2024-01-07", periods=4, freq="28D"), 50)
    actual = 100 + rng.uniform(-10, 10, 200)  # flat errors: no tail beyond the 80% quantile
    errors = pd.DataFrame(
        {"origin": origins, "actual": actual, "forecast": 100.0, "lo95": 90.0, "hi95": 110.0}
    )
    found = calibration(errors, nonnegative=True)
    assert found.factor80 == pytest.approx(0.8, abs=0.05)
    assert found.factor95 == pytest.approx(found.factor80 * 1.959964 / 1.281552)
