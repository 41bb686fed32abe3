"""Backtest refits forecast with the conditional-least-squares recursion instead of SARIMAX's
Kalman filter: on a long history both give the same mean and bands."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.forecast import arima
from analytics.forecast.intervals import levels
from analytics.forecast.regressors import deterministic
from analytics.forecast.sarimax import predict, state_space
from analytics.forecast.search import SEASON, choose_model, filled, transform
from analytics.ingest.load import load

HORIZON = {"D": 28, "W": 13}
SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"


def _weekly_with_price(seed: int) -> tuple[pd.Series, pd.DataFrame]:
    """Three years of weekly units with a price elasticity of -1.5 and AR(1) noise."""
    rng = np.random.default_rng(seed)
    n = 156
    dates = pd.date_range("2021-01-03", periods=n, freq="W-SUN")
    price = 10 * np.exp(rng.normal(0, 0.1, n))
    noise = np.zeros(n)
    for t in range(1, n):
        noise[t] = 0.6 * noise[t - 1] + rng.normal(0, 0.05)
    y = pd.Series(np.exp(5 - 1.5 * np.log(price / 10) + noise), index=dates)
    return y, pd.DataFrame({"price": np.log(price)}, index=dates)


def _daily_segment() -> tuple[pd.Series, pd.DataFrame]:
    frame = load(SAMPLE / "sales_daily.csv").frame
    rows = frame[(frame["region"] == "East") & (frame["category"] == "Apparel")]
    y = rows.groupby("date")["revenue"].sum()
    y.index = pd.DatetimeIndex(y.index)
    return y.asfreq("D"), pd.DataFrame(index=y.index)


@pytest.mark.parametrize("case", ["weekly price", "daily sample"])
def test_the_recursion_agrees_with_the_kalman_filter(case: str) -> None:
    y, design = _weekly_with_price(4) if case == "weekly price" else _daily_segment()
    frequency = "W" if case == "weekly price" else "D"
    h = HORIZON[frequency]
    train, future = y.iloc[:-h], y.index[-h:]
    spec = choose_model(train, design.loc[train.index], frequency)
    x = deterministic(design, frequency, spec.fourier, spec.dummies)[list(spec.columns)]
    results = state_space(spec, spec.fit, train, x.loc[train.index], frequency)
    kalman = predict(spec, spec.fit, results, x.loc[future], train)
    mu, variance = arima.css_forecast(
        filled(transform(train, spec.log)),
        x.loc[train.index].to_numpy(),
        x.loc[future].to_numpy(),
        spec.fit,
        spec.differencing,
        SEASON[frequency],
    )
    recursion = levels(mu, variance, spec.log, nonnegative=True)
    for column in ("mean", "lo95", "hi95"):
        scale = kalman[column].abs().mean()
        gap = np.abs(recursion[column].to_numpy() - kalman[column].to_numpy()).max() / scale
        assert gap < 0.01, (column, gap)
