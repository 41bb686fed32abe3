"""The choice among forecasting families by backtest, on series with known structure, and the
regressors known in advance: a planted price elasticity recovered, future rows used."""

import numpy as np
import pandas as pd
import pytest

from analytics.forecast.backtest import rolling_origin
from analytics.forecast.choice import COMBINATION
from analytics.forecast.families import (
    EtsFits,
    Seasons,
    adjust,
    ets_search,
    theta_fitted,
    theta_forecaster,
    uses_log,
    weekly_seasons,
)
from analytics.forecast.metric import forecast_metric
from analytics.forecast.results import ForecastSettings
from analytics.forecast.series import forecast_series
from analytics.ingest.roles import Mapping

PLAIN = ForecastSettings(13, festivals=False, promotions=False)


def _weekly(values: np.ndarray, start: str = "2020-01-05") -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="W-SUN"))


def _spiky_season(seed: int) -> pd.Series:
    """A wandering level plus a yearly pattern of sharp peaks (a few weeks a year): smooth
    Fourier terms cannot draw it, a season repeated from the last year can."""
    rng = np.random.default_rng(seed)
    week = np.arange(208) % 52
    season = 300.0 * np.isin(week, [10, 11, 30, 47, 48, 49]) - 50.0 * np.isin(week, [0, 1, 25])
    level = 1000 + np.cumsum(rng.normal(0, 15, 208))
    return _weekly(level + season + rng.normal(0, 20, 208))


@pytest.mark.parametrize("seed", [0, 1])
def test_a_spiky_yearly_season_goes_to_ets_or_theta_not_the_arima(seed: int) -> None:
    result = forecast_series(_spiky_season(seed), "W", PLAIN)
    mase = {c.name: c.mase for c in result.candidates}
    assert set(mase) == {"arima", "ets", "theta", "seasonal_naive", COMBINATION}
    assert "arima" not in result.members
    assert result.model in ("ets", "theta", COMBINATION)
    assert mase[result.model] == min(mase.values()) < 0.8 * mase["arima"]
    assert result.backtest.mase == pytest.approx(mase[result.model])


def test_a_smooth_trend_with_a_smooth_season_is_forecast_well_by_every_family() -> None:
    rng = np.random.default_rng(5)
    t = np.arange(160)
    values = 500 + 3 * t + 80 * np.sin(2 * np.pi * t / 52.18) + rng.normal(0, 10, 160)
    y = _weekly(values)
    adjusted = adjust(y.iloc[:-13], "W", log=False)
    assert adjusted.period == 52
    config = ets_search(adjusted.values, positive=True)[0]
    assert config[1] == "add"  # the trend is found
    future = y.index[-13:]
    truth = values[-13:]
    seasons = Seasons("W", log=False)
    for forecaster in (EtsFits(seasons, config).forecast, theta_forecaster(seasons)):
        table = forecaster(y.iloc[:-13], future)
        assert np.mean(np.abs(table["mean"].to_numpy() - truth)) < 30  # noise sd 10, season 80
        assert (table["lo95"] < table["mean"]).all() and (table["mean"] < table["hi95"]).all()


def test_the_combination_is_the_mean_of_its_members() -> None:
    result = forecast_series(_spiky_season(2), "W", PLAIN)
    combination = next(c for c in result.candidates if c.name == COMBINATION)
    members = combination.label.split(" + ")
    labels = {c.label: c.mase for c in result.candidates}
    assert 2 <= len(members) <= 3 and all(m in labels for m in members)
    best = sorted(c.mase for c in result.candidates if c.name != COMBINATION)
    assert sorted(labels[m] for m in members) == best[: len(members)]  # the best ones


@pytest.mark.parametrize("seed", [0, 2])
def test_the_fit_drawn_is_the_winning_familys(seed: int) -> None:
    y = _spiky_season(seed)
    result = forecast_series(y, "W", PLAIN)
    assert result.model != "arima" and result.fitted_by == result.model
    log = uses_log(y, "W")
    seasons = Seasons("W", log)
    adjusted = seasons(y).values
    config = ets_search(adjusted, positive=not log and bool(np.min(adjusted) > 0))[0]
    own = {"ets": EtsFits(seasons, config).fitted(y), "theta": theta_fitted(seasons)(y)}
    members = result.members if result.model == COMBINATION else (result.model,)
    expected = sum(own[m].to_numpy() for m in members) / len(members)
    drawn = result.history["fitted"].to_numpy()
    assert np.allclose(drawn, expected, rtol=1e-3, equal_nan=True)  # optimiser tolerance
    # It draws the spikes the ARIMA's smooth season misses: close to the data past year one.
    late = slice(60, None)
    assert np.mean(np.abs(drawn[late] - y.to_numpy()[late])) < 40  # noise 20, level walk 15


def _priced_series(seed: int, weeks: int = 156):
    """Units = level × season × (price / mean)^-1.8 × (1 + 0.35 on promotion) × noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(weeks)
    list_price = 20 * np.repeat(rng.choice([0.9, 1.0, 1.1], weeks // 26 + 1), 26)[:weeks]
    promo = (rng.uniform(size=weeks) < 0.15).astype(float)
    price = list_price * (1 - promo * rng.uniform(0.1, 0.3, weeks))
    season = 1 + 0.2 * np.sin(2 * np.pi * t / 52.18)
    units = 200 * season * (price / 20) ** -1.8 * (1 + 0.35 * promo) * rng.lognormal(0, 0.06, weeks)
    dates = pd.date_range("2022-01-02", periods=weeks, freq="W-SUN")
    return dates, units, price, promo


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_planted_price_elasticity_is_recovered(seed: int) -> None:
    dates, units, price, promo = _priced_series(seed)
    regressors = pd.DataFrame({"price": np.log(price), "promo_flag": promo}, index=dates)
    result = forecast_series(
        pd.Series(units[:-13], index=dates[:-13]),
        "W",
        ForecastSettings(13, festivals=False),
        promotions=regressors.iloc[:-13],
        future_promotions=regressors.iloc[-13:],
    )
    effects = {e.name: e for e in result.regressors}
    assert effects["price"].elasticity == pytest.approx(-1.8, abs=0.3)
    assert effects["price"].kind == "price" and effects["promo_flag"].elasticity is None
    assert result.model == "arima"  # the only family that uses the prices it is told
    mase = {c.name: c.mase for c in result.candidates}
    assert mase["arima"] < 0.6 * min(mase["ets"], mase["theta"], mase["seasonal_naive"])


def test_rows_after_the_last_outcome_carry_the_future_prices(capsys) -> None:
    dates, units, price, promo = _priced_series(4, weeks=164)
    outcome = units.copy()
    outcome[-8:] = np.nan  # eight planned weeks: price known, sales not yet
    price[-4:] = price[-5] * 0.7  # a 30% price cut in the last four of them
    frame = pd.DataFrame({"date": dates, "units": outcome, "price": price, "promo": promo})
    roles = {"date": "date", "units": "metric", "price": "price", "promo": "promo_flag"}
    mapping = Mapping(roles, outcome="units")
    result = forecast_metric(frame, mapping, "units", {}, ForecastSettings(8, festivals=False))
    assert result.forecast.index[0] == dates[-8]
    mean = result.forecast["mean"].to_numpy()
    lift = mean[-4:].mean() / mean[:4].mean()
    assert lift == pytest.approx(0.7**-1.8, rel=0.2)  # about +90% from the price cut
    only_promo = forecast_metric(
        frame, mapping, "units", {}, ForecastSettings(8, festivals=False, regressors=("promo",))
    )
    assert [e.name for e in only_promo.regressors] == ["promo_flag"]


def _daily_with_a_year(days: int, seed: int = 8) -> tuple[pd.Series, np.ndarray]:
    """Level 1000 + a yearly wave of ±200 + a weekday pattern + noise sd 15; and the wave."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-01", periods=days, freq="D")
    yearly = 200 * np.sin(2 * np.pi * (dates - pd.Timestamp("1970-01-01")).days / 365.25)
    weekly = np.array([0, 20, 30, 10, -10, -60, -40])[dates.day_of_week]
    values = 1000 + yearly + weekly + rng.normal(0, 15, days)
    return pd.Series(values, index=dates), yearly.to_numpy()


def test_a_planted_yearly_season_is_recovered_for_daily_ets_and_theta() -> None:
    y, yearly = _daily_with_a_year(2 * 365 + 90)
    train, future = y.iloc[:-90], y.index[-90:]
    adjusted = adjust(train, "D", log=False)
    found = adjusted.yearly_at(train.index)
    assert np.corrcoef(found, yearly[:-90])[0, 1] > 0.99
    assert np.abs(found - yearly[:-90]).max() < 30  # amplitude 200
    ahead = adjusted.yearly_at(future)
    assert np.abs(ahead - yearly[-90:]).mean() < 15  # the wave carried 90 days ahead
    seasons = Seasons("D", log=False)
    config = ets_search(seasons(train).values, positive=True)[0]
    for forecaster in (EtsFits(seasons, config).forecast, theta_forecaster(seasons)):
        table = forecaster(train, future)
        assert np.mean(np.abs(table["mean"].to_numpy() - y.iloc[-90:].to_numpy())) < 30
    assert adjust(y.iloc[:400], "D", log=False).yearly is None  # under a year and a half


def test_the_theta_fit_matches_the_textbook_method() -> None:
    """Slope of the straight line, SES alpha by least squares, forecast level + slope/2 × (h - 1
    + 1/alpha - (1 - alpha)^n / alpha): against statsmodels' ThetaModel (no MLE)."""
    from statsmodels.tsa.forecasting.theta import ThetaModel

    from analytics.forecast.families import _theta_fit

    rng = np.random.default_rng(11)
    values = 100 + np.cumsum(rng.normal(0, 1, 400)) + 0.05 * np.arange(400)
    reference = ThetaModel(values, period=1, deseasonalize=False).fit()
    mine = _theta_fit(values)
    assert mine.alpha == pytest.approx(float(reference.params["alpha"]), abs=1e-3)
    assert mine.slope == pytest.approx(float(reference.params["b0"]))
    expected = np.asarray(reference.forecast(28, theta=2), dtype=float)
    assert np.abs(mine.forecast(28) - expected).max() < 1e-2


def test_weekly_ets_and_theta_take_no_season_out_of_a_series_without_one() -> None:
    # Three years of a flat level with noise: STL's 52-week cycle copies last year's noise
    # ahead; the ARIMA chose no pairs, so that route takes nothing out, and backtests better.
    rng = np.random.default_rng(3)
    y = _weekly(1000 + rng.normal(0, 40, 160))
    seasons, theta_backtest = weekly_seasons(y, False, 0, PLAIN, 40)
    assert seasons.pairs == 0 and not seasons(y).season.any()
    stl = rolling_origin(y, "W", PLAIN, [], 40, theta_forecaster(Seasons("W", log=False)))
    assert theta_backtest.mase < stl.mase


def test_weekly_ets_and_theta_keep_stl_for_peaks_on_the_same_weeks() -> None:
    y = _spiky_season(0)
    seasons, _ = weekly_seasons(y, False, 2, PLAIN, 40)
    assert seasons.pairs is None  # STL's cycle draws the peaks two smooth pairs cannot


def test_a_smooth_season_of_a_52_18_week_year_is_taken_out_by_fourier_pairs() -> None:
    rng = np.random.default_rng(8)
    t = np.arange(170)
    y = _weekly(800 + 120 * np.sin(2 * np.pi * t / 52.18 + 0.5) + rng.normal(0, 15, 170))
    adjusted = adjust(y, "W", log=False, pairs=1)
    assert adjusted.period == 0 and np.std(adjusted.values) < 20  # the season is gone
    future = pd.date_range(y.index[-1], periods=14, freq="W-SUN")[1:]
    ahead = adjusted.season_ahead(future)
    truth = 120 * np.sin(2 * np.pi * np.arange(170, 183) / 52.18 + 0.5)
    assert np.max(np.abs(ahead - truth)) < 15
