"""What a forecast depends on and returns: its settings and planned promotions, the notes for
the reader, the model card, the backtest score and the result itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

BACKTEST_ORIGINS = 4

NOTE_TEXT = {
    "too_short": "Only {points} periods of history, fewer than the {needed} a model needs: "
    "the forecast is the seasonal naive one (each period repeats the same period of the last "
    "cycle).",
    "model_failed": "No stable model fitted this series: the forecast is the seasonal naive one.",
    "log": "The seasonal swing grows with the level, so the model works on the logarithm of "
    "the metric; forecasts and intervals are transformed back (the point forecast is the mean).",
    "gaps": "{count} periods without data inside the history are treated as missing.",
    "trimmed": "The series has no data after {date}: the forecast starts from there.",
    "plan_ignored": "This series has no past promotions to learn from, so the planned "
    "promotions cannot be priced in and are left out of the forecast.",
    "festival_unseen": "{names} falls in the forecast period but not in the history: no "
    "effect is assumed.",
    "no_backtest": "Too little history to backtest {horizon} periods ahead.",
    "no_yearly": "Less than a year and a half of history: no yearly pattern is modelled.",
}


@dataclass(frozen=True)
class Note:
    """Something the reader should know; ``code`` and ``params`` let the app translate it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English sentence; a list parameter (festival keys) reads "a, b"."""
        params = {k: ", ".join(v) if isinstance(v, list) else v for k, v in self.params.items()}
        return NOTE_TEXT[self.code].format(**params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "message": self.message}


@dataclass(frozen=True)
class PlannedPromotion:
    """A promotion the user plans: it runs on every row of the forecast segment."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    discount: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": f"{self.start:%Y-%m-%d}",
            "end": f"{self.end:%Y-%m-%d}",
            "discount": self.discount,
        }


@dataclass(frozen=True)
class ForecastSettings:
    """Everything a forecast depends on besides the data; plain values, so it can be a cache key."""

    horizon: int
    festivals: bool = True
    promotions: bool = True
    plan: tuple[PlannedPromotion, ...] = ()
    origins: int = BACKTEST_ORIGINS
    regressors: tuple[str, ...] | None = None  # file columns known in advance; None: default


@dataclass(frozen=True)
class Coefficient:
    """One estimated coefficient; ``kind`` is ar, ma, seasonal_ar, seasonal_ma, constant,
    fourier, festival or promotion."""

    name: str
    kind: str
    estimate: float
    std_error: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ModelCard:
    """What the model is and how well it fits, as data (the app writes the sentences)."""

    method: str  # "sarimax" or "seasonal_naive"
    order: tuple[int, int, int]
    seasonal_order: tuple[int, int, int, int]
    trend: str  # "constant", "drift" or "none"
    log: bool
    log_slope: float | None
    fourier_terms: int
    fourier_period: float | None
    season_dummies: bool
    aic: float | None
    nobs: int
    sigma: float | None
    seasonal_strength: float | None
    kpss_p: float | None
    adf_p: float | None
    coefficients: tuple[Coefficient, ...]
    ljung_box_lags: int | None
    ljung_box_stat: float | None
    ljung_box_p: float | None
    models_tried: int
    estimation: str = "conditional least squares; exact likelihood and forecasts by SARIMAX"

    @property
    def residuals_white(self) -> bool | None:
        """True when the Ljung–Box test finds nothing predictable left (p ≥ 0.05)."""
        return None if self.ljung_box_p is None else self.ljung_box_p >= 0.05

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["order"] = list(self.order)
        data["seasonal_order"] = list(self.seasonal_order)
        data["coefficients"] = [c.to_dict() for c in self.coefficients]
        data["residuals_white"] = self.residuals_white
        return data


@dataclass(frozen=True)
class BacktestScore:
    """Forecasts from several cut-offs scored on the points that followed each, next to the
    seasonal naive forecast from the same cut-offs. MASE divides by the mean absolute error of
    the in-sample seasonal naive forecast (Hyndman & Koehler, 2006)."""

    origins: int
    horizon: int
    points: int
    mae: float
    mape: float | None
    mase: float | None
    rmse: float
    naive_mae: float
    naive_mape: float | None
    naive_mase: float | None
    coverage80: float
    coverage95: float
    errors: pd.DataFrame = field(repr=False, compare=False)

    @property
    def model_better(self) -> bool:
        return self.mae < self.naive_mae

    def rmse_within(self, steps: float) -> float:
        """RMSE of the errors up to ``steps`` periods after the cut-off (at least one)."""
        near = self.errors[self.errors["step"] <= max(1, int(np.ceil(steps)))]
        error = near["actual"] - near["forecast"]
        return float(np.sqrt(np.mean(np.square(error))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "origins": self.origins,
            "horizon": self.horizon,
            "points": self.points,
            "mae": self.mae,
            "mape": self.mape,
            "mase": self.mase,
            "rmse": self.rmse,
            "naive_mae": self.naive_mae,
            "naive_mape": self.naive_mape,
            "naive_mase": self.naive_mase,
            "coverage80": self.coverage80,
            "coverage95": self.coverage95,
        }


@dataclass(frozen=True)
class Candidate:
    """One forecasting family's backtest: ``name`` arima, ets, theta, seasonal_naive, global
    or combination; ``label`` the fitted model (ETS(A,Ad,N), or the combination's members)."""

    name: str
    label: str
    mase: float | None
    mae: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "mase": self.mase, "mae": self.mae}


@dataclass(frozen=True)
class Calibration:
    """The conformal factors of the 80% and 95% bands (multiples of the raw 95% band's sides),
    the coverage each cut-off's points get when calibrated on the other cut-offs, and the
    calibrated bands' mean width relative to the mean actual value."""

    factor80: float
    factor95: float
    coverage80: float
    coverage95: float
    width80: float
    width95: float
    points: int
    # The factors of periods without festival or promotion and of those with one, when each
    # kind has its own (None: the pooled ones above).
    quiet80: float | None = None
    quiet95: float | None = None
    event80: float | None = None
    event95: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RegressorEffect:
    """A regressor known in advance and its ARIMA coefficient; for a price (entered as its
    logarithm) also the elasticity: the % change of the metric per 1% change of the price."""

    name: str
    kind: str  # price, promotion or flag
    estimate: float
    std_error: float
    elasticity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class GlobalModel:
    """What the gradient-boosting model across the series uses: the series pooled, its fits
    (one per backtest cut-off and the final one), lags and rolling means (in periods back,
    from the horizon on), the value a season back, calendar fields and the regressors known
    in advance (festivals, price, promotions)."""

    series: int
    fits: int
    lags: tuple[int, ...]
    season_lag: int
    windows: tuple[int, ...]
    calendar: tuple[str, ...]  # weekday, week, month
    known: tuple[str, ...]  # regressor columns: festival names, price, discount, promo_flag...

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class PooledCandidate:
    """One series' share of the global model: its forecast from the whole history (raw bands),
    its backtest from the per-series cut-offs, its in-sample fitted values and the model."""

    forecast: pd.DataFrame = field(repr=False)
    backtest: BacktestScore = field(repr=False)
    fitted: pd.Series = field(repr=False)
    model: GlobalModel


@dataclass(frozen=True)
class ForecastResult:
    """A forecast with its history, fit, intervals, model card and backtest."""

    metric: str
    segment: dict[str, list[str]]
    frequency: str
    horizon: int
    card: ModelCard
    history: pd.DataFrame = field(repr=False, compare=False)  # actual, fitted
    forecast: pd.DataFrame = field(repr=False, compare=False)  # mean, lo80, hi80, lo95, hi95
    backtest: BacktestScore | None
    plan: tuple[PlannedPromotion, ...]
    notes: tuple[Note, ...]
    model: str = "arima"  # the chosen family, or "combination"
    members: tuple[str, ...] = ()  # the families the combination averages
    candidates: tuple[Candidate, ...] = ()
    calibration: Calibration | None = None
    regressors: tuple[RegressorEffect, ...] = ()
    fitted_by: str = ""  # the family whose fitted values ``history`` holds (or combination)
    pooled: GlobalModel | None = None  # the global model, when it was a candidate

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "segment": self.segment,
            "frequency": self.frequency,
            "horizon": self.horizon,
            "order": list(self.card.order),
            "seasonal_order": list(self.card.seasonal_order),
            "aic": self.card.aic,
            "forecast": [
                {
                    "date": f"{date:%Y-%m-%d}",
                    "mean": float(row["mean"]),
                    "lo": float(row["lo95"]),
                    "hi": float(row["hi95"]),
                    "lo80": float(row["lo80"]),
                    "hi80": float(row["hi80"]),
                }
                for date, row in self.forecast.iterrows()
            ],
            "backtest": self.backtest.to_dict() if self.backtest else None,
            "card": self.card.to_dict(),
            "plan": [p.to_dict() for p in self.plan],
            "notes": [n.to_dict() for n in self.notes],
            "model": self.model,
            "members": list(self.members),
            "candidates": [c.to_dict() for c in self.candidates],
            "calibration": self.calibration.to_dict() if self.calibration else None,
            "regressors": [r.to_dict() for r in self.regressors],
            "fitted_by": self.fitted_by,
            "global_model": self.pooled.to_dict() if self.pooled else None,
        }
