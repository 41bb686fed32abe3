"""The weekly ARIMA's yearly Fourier pairs chosen by a screening backtest (ARMA coefficients
held, the regression re-solved at each cut-off) among the AIC's choice and its neighbours, and
backtests that stop once they cannot win."""

import numpy as np
import pandas as pd
import pytest

from analytics.forecast.backtest import rolling_origin
from analytics.forecast.pairs import _backtest, pairs_by_backtest, screen
from analytics.forecast.regressors import event_regressors
from analytics.forecast.results import ForecastSettings
from analytics.forecast.search import choose_model
from analytics.forecast.series import forecast_series, future_index

PLAIN = ForecastSettings(13, festivals=False, promotions=False)


def _two_harmonics(seed: int) -> pd.Series:
    """A yearly season of two harmonics (a spring peak and a winter one) on a slow walk."""
    rng = np.random.default_rng(seed)
    t = np.arange(200)
    angle = 2 * np.pi * t / 52.18
    season = 150 * np.sin(angle) + 90 * np.cos(2 * angle) + 40 * np.sin(3 * angle)
    values = 2000 + np.cumsum(rng.normal(0, 8, 200)) + season + rng.normal(0, 25, 200)
    dates = pd.date_range("2020-01-05", periods=200, freq="W-SUN")
    return pd.Series(values, index=dates)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_pairs_kept_backtest_no_worse_than_their_neighbours(seed: int) -> None:
    y = _two_harmonics(seed)
    future = future_index(y.index, "W", 13)
    history_x, future_x = event_regressors(y.index, future, "W", PLAIN, None, None, [])
    events = pd.concat([history_x, future_x])
    searched = choose_model(y, history_x, "W")
    kept, score = pairs_by_backtest(searched, y, events, PLAIN)
    assert kept.fourier >= 2  # two harmonics at least are needed
    screened = screen(searched, y, events, PLAIN, kept.fourier)
    for terms in {searched.fourier - 1, searched.fourier, searched.fourier + 1} - {kept.fourier}:
        if 0 <= terms <= 4:
            rival = screen(searched, y, events, PLAIN, terms)
            assert rival is None or screened.mase <= rival.mase
    # The backtest returned is the kept model's with full refits, as the families get it.
    assert score.mase == pytest.approx(_backtest(kept, y, events, PLAIN).mase)
    result = forecast_series(y, "W", PLAIN)
    assert result.card.fourier_terms == kept.fourier  # the model card says the pairs kept
    arima = next(c for c in result.candidates if c.name == "arima")
    assert arima.mase == pytest.approx(score.mase)


def test_a_backtest_stops_once_it_cannot_beat_its_rival() -> None:
    y = _two_harmonics(3)
    calls = []

    def flat(train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame:
        calls.append(len(train))
        mean = np.full(len(future), train.iloc[-52:].mean())
        bands = {"mean": mean, "lo80": mean, "hi80": mean, "lo95": mean, "hi95": mean}
        return pd.DataFrame(bands, index=future)

    assert rolling_origin(y, "W", PLAIN, [], 40, flat) is not None
    assert len(calls) == PLAIN.origins
    calls.clear()
    assert rolling_origin(y, "W", PLAIN, [], 40, flat, give_up_above=1.0) is None
    assert len(calls) == 1  # the first cut-off's errors already pass the rival's total
