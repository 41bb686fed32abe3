"""Forecasting families besides ARIMA: exponential smoothing (ETS) and Theta on the seasonally
adjusted series (an STL season repeated ahead, or for weekly series the yearly Fourier pairs
of a 52.18-week year when they backtest better), each a ``Forecaster`` the backtest can run
from any cut-off. Their bands have the families' own shape (the level's variance growing
with the horizon) and are calibrated on the backtest errors afterwards."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.signal import lfilter

from analytics.forecast.arima import stl
from analytics.forecast.backtest import rolling_origin
from analytics.forecast.choice import rank_key
from analytics.forecast.ets import fit_ets
from analytics.forecast.intervals import levels
from analytics.forecast.regressors import fourier_terms
from analytics.forecast.results import BacktestScore, ForecastSettings
from analytics.forecast.search import FOURIER_MIN_PERIODS, LOG_SLOPE, filled, log_slope

STL_PERIOD = {"D": 7, "W": 52, "M": 12}  # the season taken out before ETS and Theta
STL_CYCLES = 2  # STL needs two full cycles
YEARLY_PAIRS = 4  # yearly Fourier pairs taken out of long daily series before STL
# Error, trend and damping of the ETS models tried (chosen among by AICc on the history).
ETS_CONFIGS = (
    ("add", None, False),
    ("add", "add", True),
    ("add", "add", False),
    ("mul", None, False),
    ("mul", "add", True),
)


@dataclass(frozen=True)
class Adjusted:
    """A series on the model's scale with its seasons taken out (STL's, and yearly Fourier
    pairs for long daily series), and those seasons."""

    values: np.ndarray  # seasonally adjusted, on the log scale when ``log``
    cycle: np.ndarray  # the STL season, one value per period (zeros without one)
    period: int
    log: bool
    index: pd.DatetimeIndex
    yearly: np.ndarray | None = None  # coefficients of the yearly Fourier pairs
    frequency: str = "D"  # the calendar of the yearly pairs (365.25 days or 52.18 weeks)

    @property
    def season(self) -> np.ndarray:
        """Every seasonal component over the history."""
        return self.cycle + self.yearly_at(self.index)

    def season_ahead(self, future: pd.DatetimeIndex) -> np.ndarray:
        """The last STL cycle repeated plus the yearly pairs at those dates."""
        ahead = np.zeros(len(future))
        if self.period:
            ahead = self.cycle[-self.period :][np.arange(len(future)) % self.period]
        return ahead + self.yearly_at(future)

    def yearly_at(self, dates: pd.DatetimeIndex) -> np.ndarray:
        """The yearly season at these dates (zero without yearly pairs)."""
        if self.yearly is None:
            return np.zeros(len(dates))
        return fourier_terms(dates, self.frequency, len(self.yearly) // 2).to_numpy() @ self.yearly


def uses_log(y: pd.Series, frequency: str) -> bool:
    """The logarithm when the seasonal swing grows with the level (the ARIMA search's rule)."""
    slope = log_slope(y, frequency)
    return slope is not None and slope > LOG_SLOPE


def yearly_fit(
    z: np.ndarray, index: pd.DatetimeIndex, frequency: str = "D", pairs: int = YEARLY_PAIRS
) -> np.ndarray:
    """Coefficients of the yearly Fourier pairs in a least-squares fit with a level and a
    linear trend (so the trend is not taken for a season)."""
    terms = fourier_terms(index, frequency, pairs).to_numpy()
    t = np.arange(len(z)) / len(z)
    design = np.column_stack([np.ones(len(z)), t, terms])
    return np.linalg.lstsq(design, z, rcond=None)[0][2:]


def adjust(y: pd.Series, frequency: str, log: bool, pairs: int | None = None) -> Adjusted:
    """The series (its logarithm when ``log``) less its STL season, when there are two cycles;
    a daily series of a year and a half or more (the ARIMA's rule for yearly terms) also less
    its yearly Fourier pairs. With ``pairs`` (weekly) the yearly season is that many Fourier
    pairs of the 52.18-week year instead of STL's 52-week cycle (none with 0 pairs)."""
    values = filled(y.to_numpy(dtype=float))
    z = np.log(values) if log else values
    period = STL_PERIOD[frequency]
    index = pd.DatetimeIndex(y.index)
    found = Adjusted(z, np.zeros(len(z)), 0, log, index, frequency=frequency)
    if pairs is not None:
        if not pairs:
            return found
        found = replace(found, yearly=yearly_fit(z, index, frequency, pairs))
        return replace(found, values=z - found.yearly_at(index))
    if frequency == "D" and len(z) >= FOURIER_MIN_PERIODS["D"]:
        found = replace(found, yearly=yearly_fit(z, index))
        z = z - found.yearly_at(index)
    if len(z) < STL_CYCLES * period + 1:
        return replace(found, values=z)
    cycle = stl(z, period).seasonal
    return replace(found, values=z - cycle, cycle=cycle, period=period)


def history_key(train: pd.Series) -> tuple:
    """A history by its first and last period and length (the backtests' histories are all
    prefixes of one series, so this tells them apart)."""
    return (train.index[0], train.index[-1], len(train))


class Seasons:
    """Seasonal adjustments by history, shared by ETS and Theta: each backtest cut-off (and the
    whole history) is decomposed once. ``pairs``: weekly yearly Fourier pairs instead of STL."""

    def __init__(self, frequency: str, log: bool, pairs: int | None = None) -> None:
        self.frequency, self.log, self.pairs = frequency, log, pairs
        self._found: dict[tuple, Adjusted] = {}

    def __call__(self, train: pd.Series) -> Adjusted:
        key = history_key(train)
        if key not in self._found:
            self._found[key] = adjust(train, self.frequency, self.log, self.pairs)
        return self._found[key]


def _table(
    adjusted: Adjusted, mean: np.ndarray, variance: np.ndarray, future, nonnegative: bool
) -> pd.DataFrame:
    """Forecast table in the metric's units from a mean and variance on the adjusted scale."""
    mu = mean + adjusted.season_ahead(future)
    table = levels(mu, variance, adjusted.log, nonnegative)
    table.index = future
    return table


def _level_variance(sigma2: float, alpha: float, horizon: int) -> np.ndarray:
    """Variance of the h-step error of a smoothed level: sigma² (1 + (h - 1) alpha²)."""
    steps = np.arange(horizon)
    return sigma2 * (1.0 + steps * alpha**2)


def ets_search(adjusted: np.ndarray, positive: bool):
    """The ETS model with the lowest AICc on the adjusted series (multiplicative errors only
    for positive values): its configuration and its fit; None when no model fits."""
    best, best_fit = None, None
    for error, trend, damped in ETS_CONFIGS:
        if error == "mul" and not positive:
            continue
        fit = fit_ets(adjusted, error, trend, damped)
        if fit is None or not np.isfinite(fit.aicc):
            continue
        if best_fit is None or fit.aicc < best_fit.aicc:
            best, best_fit = (error, trend, damped), fit
    return None if best is None else (best, best_fit)


class EtsFits:
    """ETS with one configuration on any history's seasonally adjusted values, each history
    fitted once (the forecast and the fitted values share it). ``whole``: a history and the
    fit ``ets_search`` already made on it, kept, and the start of the other histories' fits."""

    def __init__(self, seasons: Seasons, config: tuple[str, str | None, bool], whole=None) -> None:
        self.seasons, self.config = seasons, config
        self._fits: dict[tuple, object] = {}
        self._start = None
        if whole is not None:
            history, fit = whole
            self._fits[history_key(history)] = fit
            self._start = np.asarray(fit.params, dtype=float)

    def fit(self, train: pd.Series):
        """This history's adjusted values and the fit on them (None when it fails)."""
        adjusted, key = self.seasons(train), history_key(train)
        if key not in self._fits:
            error, trend, damped = self.config
            error = error if np.min(adjusted.values) > 0 else "add"
            start = self._start if error == self.config[0] else None
            self._fits[key] = fit_ets(adjusted.values, error, trend, damped, start)
        return adjusted, self._fits[key]

    def forecast(self, train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame | None:
        """The forecast from this history, with the families' band shape."""
        adjusted, fit = self.fit(train)
        if fit is None:
            return None
        mean = fit.forecast(len(future))
        residuals = adjusted.values - fit.fitted
        variance = _level_variance(float(np.var(residuals)), fit.alpha, len(future))
        if not np.all(np.isfinite(mean)):
            return None
        return _table(adjusted, mean, variance, future, bool(train.min() >= 0))

    def fitted(self, y: pd.Series) -> pd.Series | None:
        """The one-step fitted values over a whole history, in the metric's units."""
        adjusted, fit = self.fit(y)
        if fit is None:
            return None
        return _in_units(adjusted, fit.fitted, y.index)


def ets_name(config: tuple[str, str | None, bool]) -> str:
    """ETS(error, trend, none) in the usual letters, e.g. ETS(A,Ad,N)."""
    error, trend, damped = config
    trend_letter = "N" if trend is None else ("Ad" if damped else "A")
    return f"ETS({'M' if error == 'mul' else 'A'},{trend_letter},N)"


def _ses_one_step(values: np.ndarray, alpha: float) -> np.ndarray:
    """One-step forecasts of simple exponential smoothing with this alpha (the first value
    forecasts itself)."""
    level = lfilter([alpha], [1.0, alpha - 1.0], values[1:], zi=[(1 - alpha) * values[0]])[0]
    return np.concatenate([values[:1], values[:1], level[:-1]])


def _ses_sigma2(values: np.ndarray, alpha: float) -> float:
    """Mean squared one-step error of simple exponential smoothing with this alpha (Theta's
    own variance fits an ARIMA(0,1,1) by maximum likelihood, slower than the whole forecast)."""
    errors = values[1:] - _ses_one_step(values, alpha)[1:]
    return float(np.mean(errors**2))


def _in_units(adjusted: Adjusted, fitted: np.ndarray, index: pd.Index) -> pd.Series:
    """One-step fitted values on the adjusted scale back in the metric's units (season added,
    the logarithm undone)."""
    values = fitted + adjusted.season
    return pd.Series(np.exp(values) if adjusted.log else values, index=index)


@dataclass(frozen=True)
class ThetaFit:
    """The Theta method's two parts: the slope of a straight line through the values and a
    simple exponential smoothing (alpha by least squares, the first value as initial level)."""

    alpha: float
    slope: float
    level: float  # the smoothed level after the last value
    points: int

    def forecast(self, horizon: int) -> np.ndarray:
        """The smoothed level plus half the line's slope, carried as the method does (theta 2)."""
        a, steps = self.alpha, np.arange(horizon)
        drift = steps + 1 / a - (1 - a) ** self.points / a
        return self.level + 0.5 * self.slope * drift


def _theta_fit(values: np.ndarray) -> ThetaFit | None:
    """The Theta method's fit in closed form and a bounded one-dimensional search (the same
    estimates as statsmodels' ThetaModel without MLE, at a fraction of its time)."""
    if len(values) < 3 or not np.all(np.isfinite(values)):
        return None
    t = np.arange(len(values), dtype=float)
    slope = float(np.polyfit(t, values, 1)[0])
    found = optimize.minimize_scalar(
        lambda a: _ses_sigma2(values, a), bounds=(1e-4, 1.0), method="bounded"
    )
    alpha = float(found.x)
    one_step = _ses_one_step(values, alpha)
    level = alpha * values[-1] + (1 - alpha) * one_step[-1]
    return ThetaFit(alpha, slope, float(level), len(values))


def theta_fitted(seasons: Seasons):
    """Theta's one-step fitted values over a whole history: the smoothed level plus half the
    trend's slope carried as in its forecast (theta = 2), in the metric's units."""

    def fitted(y: pd.Series) -> pd.Series | None:
        adjusted = seasons(y)
        fit = _theta_fit(adjusted.values)
        if fit is None:
            return None
        alpha = fit.alpha
        steps = np.arange(len(adjusted.values))
        drift = 0.5 * fit.slope * (1 - (1 - alpha) ** steps) / alpha
        one_step = _ses_one_step(adjusted.values, alpha) + drift
        return _in_units(adjusted, one_step, y.index)

    return fitted


def theta_forecaster(seasons: Seasons):
    """The Theta method (SES with half the linear trend's slope) on the STL-adjusted values."""

    def forecast(train: pd.Series, future: pd.DatetimeIndex) -> pd.DataFrame | None:
        adjusted = seasons(train)
        fit = _theta_fit(adjusted.values)
        if fit is None:
            return None
        mean = fit.forecast(len(future))
        variance = _level_variance(_ses_sigma2(adjusted.values, fit.alpha), fit.alpha, len(future))
        if not np.all(np.isfinite(mean)):
            return None
        return _table(adjusted, mean, variance, future, bool(train.min() >= 0))

    return forecast


def weekly_seasons(
    y: pd.Series, log: bool, pairs: int, settings: ForecastSettings, minimum: int
) -> tuple[Seasons, BacktestScore | None]:
    """The season ETS and Theta take out of a weekly series: STL's 52-week cycle (it draws
    sharp peaks that recur on the same weeks) or the ARIMA's yearly Fourier pairs (smooth, on
    the 52.18-week year, their number chosen by backtest; none when it chose none), whichever
    gives Theta, the cheapest family to backtest, the lower backtest MASE; and that backtest."""
    best: tuple[Seasons, BacktestScore | None] | None = None
    for route in (Seasons("W", log, pairs), Seasons("W", log)):
        score = rolling_origin(y, "W", settings, [], minimum, theta_forecaster(route))
        if best is None or _key(score) < _key(best[1]):
            best = (route, score)
    return best


def _key(score: BacktestScore | None) -> float:
    return np.inf if score is None else rank_key(score)
