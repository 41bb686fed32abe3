"""Demand forecasts: automatic seasonal ARIMA (forecast.arima) with festivals and promotions as
regressors (past promotions from the data, planned ones from the user), 80% and 95% intervals,
a model card, and rolling-origin backtests against the seasonal naive forecast."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from threadpoolctl import threadpool_limits

from analytics.calendar import festival_regressors
from analytics.errors import UserInputError
from analytics.forecast import arima
from analytics.ingest.roles import CAMPAIGN, DISCOUNT, PROMO_FLAG, Mapping
from analytics.periods import infer_frequency, period_offset
from analytics.selection import Where, metric_series, rows_where

SEASON = {"D": 7, "W": 0, "M": 12}  # seasonal period of the ARIMA part
NAIVE_SEASON = {"D": 7, "W": 52, "M": 12}  # the benchmark repeats the last week / year / year
YEAR = {"D": 365.25, "W": 52.18}  # yearly Fourier terms; monthly data uses the seasonal part
FOURIER_MIN_PERIODS = {"D": 548, "W": 78}  # a year and a half
MAX_FOURIER = 4
MIN_MODEL_POINTS = {"D": 56, "W": 40, "M": 36}
MAX_HORIZON = {"D": 180, "W": 52, "M": 24}
LOG_BLOCK = {"D": 7, "W": 8, "M": 12}
LOG_SLOPE = 0.5
LOG_MIN_BLOCKS = 4
BACKTEST_ORIGINS = 4
LEVELS = (0.80, 0.95)
LJUNG_BOX_LAGS = {"D": 14, "W": 10, "M": 24}
MAX_DISCOUNT = 0.9
PROMOTION_REGRESSORS = (CAMPAIGN, DISCOUNT, PROMO_FLAG)
EPOCH = pd.Timestamp("1970-01-01")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

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
        return NOTE_TEXT[self.code].format(**self.params)

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
        }


# --- entry points -------------------------------------------------------------------------------


def forecast_metric(
    frame: pd.DataFrame, mapping: Mapping, metric: str, where: Where, settings: ForecastSettings
) -> ForecastResult:
    """Forecast ``metric`` summed over the segment ``where`` (every row when empty)."""
    series, frequency, promotions = metric_inputs(frame, mapping, metric, where, settings)
    return forecast_series(
        series,
        frequency,
        settings,
        promotions=promotions,
        metric=metric,
        segment={k: list(v) for k, v in where.items()},
    )


def holdout_forecast(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    holdout: int,
    settings: ForecastSettings,
) -> ForecastResult:
    """Fit on all but the last ``holdout`` periods (order selection included), forecast those
    periods with the promotions that really ran, and score the forecast against the truth."""
    series, frequency, promotions = metric_inputs(frame, mapping, metric, where, settings)
    series = series.loc[: series.last_valid_index()]
    most = MAX_HORIZON[frequency]
    if not 1 <= holdout <= most:
        raise UserInputError(
            f"The holdout must be between 1 and {most} periods.",
            code="holdout_range",
            most=most,
        )
    needed = MIN_MODEL_POINTS[frequency] + holdout
    if series.notna().sum() < needed:
        raise UserInputError(
            f"A holdout of {holdout} periods leaves too little history: the series has "
            f"{int(series.notna().sum())} periods and needs at least {needed}; choose a smaller "
            "holdout.",
            code="holdout_too_long",
            holdout=holdout,
            have=int(series.notna().sum()),
            needed=needed,
        )
    train, truth = series.iloc[:-holdout], series.iloc[-holdout:]
    past = future = None
    if promotions is not None:
        promotions = promotions.reindex(series.index, fill_value=0.0)
        past, future = promotions.iloc[:-holdout], promotions.iloc[-holdout:]
    result = forecast_series(
        train,
        frequency,
        ForecastSettings(holdout, settings.festivals, settings.promotions, (), origins=0),
        promotions=past,
        future_promotions=future,
        metric=metric,
        segment={k: list(v) for k, v in where.items()},
    )
    score = _score_points([_origin_errors(train, truth, result.forecast, frequency)], holdout)
    return _with_backtest(result, score)


def metric_inputs(
    frame: pd.DataFrame, mapping: Mapping, metric: str, where: Where, settings: ForecastSettings
) -> tuple[pd.Series, str, pd.DataFrame | None]:
    """The series to forecast, its frequency and (when asked for) its promotion history."""
    if metric in frame.columns and not pd.api.types.is_numeric_dtype(frame[metric]):
        raise UserInputError(
            f"{metric!r} is not a number column: choose a metric such as revenue or units.",
            code="not_numeric",
            column=metric,
        )
    series = metric_series(frame, mapping, metric, where)
    frequency = infer_frequency(series.index.to_numpy())
    if frequency is None:
        raise UserInputError(
            "The dates are not daily, weekly or monthly: forecasts need a regular calendar.",
            code="irregular_dates",
        )
    promotions = None
    if settings.promotions:
        promotions = promotion_history(frame, mapping, where, series.index)
    return series.astype(float), frequency, promotions


def promotion_history(
    frame: pd.DataFrame, mapping: Mapping, where: Where, index: pd.DatetimeIndex
) -> pd.DataFrame | None:
    """Per period, over the segment's rows: the share with a campaign, the mean discount and
    the share flagged as on promotion (one column per role the mapping has)."""
    date_column = mapping.date_column
    rows = frame.loc[rows_where(frame, where)]
    columns = {}
    for role in PROMOTION_REGRESSORS:
        found = mapping.columns(role)
        if not found:
            continue
        cells = rows[found[0]]
        if role == CAMPAIGN:
            text = cells.astype("string").str.strip()
            values = (text.notna() & (text != "")).astype(float)
        else:
            values = pd.to_numeric(cells, errors="coerce").fillna(0.0).astype(float)
            if role == DISCOUNT and values.max() > 1.0:
                values = values / 100.0  # discounts given in percent
        columns[role] = values.groupby(rows[date_column]).mean()
    if not columns:
        return None
    history = pd.DataFrame(columns).reindex(index).fillna(0.0)
    return history if (history != 0).any().any() else None


def validate_plan(
    rows: Iterable[dict[str, Any]], last_date: pd.Timestamp, frequency: str, horizon: int
) -> tuple[PlannedPromotion, ...]:
    """Planned promotions from table rows (name, start, end, discount as a fraction); blank rows
    are skipped. Raises UserInputError naming the row and what to change."""
    first = pd.Timestamp(last_date) + period_offset(frequency)
    last = pd.Timestamp(last_date) + horizon * period_offset(frequency)
    if frequency == "W":
        last += pd.Timedelta(days=6)
    elif frequency == "M":
        last = last + pd.offsets.MonthEnd(0)
    plan = []
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        start, end, discount = row.get("start"), row.get("end"), row.get("discount")
        if not name and _blank(start) and _blank(end) and _blank(discount):
            continue
        if not name:
            raise UserInputError(
                f"Row {number}: give the promotion a name.", code="plan_name", row=number
            )
        if _blank(start) or _blank(end):
            raise UserInputError(
                f"Row {number} ({name}): enter both a start and an end date.",
                code="plan_dates",
                row=number,
                name=name,
            )
        start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
        if end < start:
            raise UserInputError(
                f"Row {number} ({name}): the end date is before the start date.",
                code="plan_order",
                row=number,
                name=name,
            )
        value = 0.0 if _blank(discount) else float(discount)
        if not 0.0 <= value <= MAX_DISCOUNT:
            raise UserInputError(
                f"Row {number} ({name}): the discount must be between 0% and 90%.",
                code="plan_discount",
                row=number,
                name=name,
            )
        if end < first or start > last:
            raise UserInputError(
                f"Row {number} ({name}) is outside the forecast period {first:%Y-%m-%d} to "
                f"{last:%Y-%m-%d}: move it inside or lengthen the horizon.",
                code="plan_outside",
                row=number,
                name=name,
                first=f"{first:%Y-%m-%d}",
                last=f"{last:%Y-%m-%d}",
            )
        plan.append(PlannedPromotion(name, start, end, value))
    return tuple(plan)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def check_horizon(horizon: int, frequency: str) -> None:
    most = MAX_HORIZON[frequency]
    if not 1 <= horizon <= most:
        unit = {"D": "days", "W": "weeks", "M": "months"}[frequency]
        raise UserInputError(
            f"The horizon must be between 1 and {most} {unit}.",
            code="horizon",
            most=most,
        )


# --- the forecast of one series -----------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    """The chosen model: transform, yearly terms, differencing and orders."""

    log: bool
    log_slope: float | None
    fourier: int
    dummies: bool
    differencing: arima.Differencing
    orders: arima.Orders
    constant: bool
    models_tried: int
    fit: arima.CssFit = field(repr=False, compare=False)  # on the whole history
    columns: tuple[str, ...] = ()  # the regressors that fit uses


def forecast_series(
    series: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    *,
    promotions: pd.DataFrame | None = None,
    future_promotions: pd.DataFrame | None = None,
    metric: str = "y",
    segment: dict[str, list[str]] | None = None,
) -> ForecastResult:
    """Forecast a plain series (indexed by period). ``promotions`` holds promotion regressors on
    the series' index; their future values are ``future_promotions`` or, when None, come from
    ``settings.plan``."""
    check_horizon(settings.horizon, frequency)
    with threadpool_limits(1):
        return _forecast(
            series, frequency, settings, promotions, future_promotions, metric, segment or {}
        )


def _forecast(
    series: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    promotions: pd.DataFrame | None,
    future_promotions: pd.DataFrame | None,
    metric: str,
    segment: dict[str, list[str]],
) -> ForecastResult:
    y, notes = _clean(series)
    future = future_index(y.index, frequency, settings.horizon)
    context = {"metric": metric, "segment": segment, "plan": settings.plan}
    points = int(y.notna().sum())
    if points < MIN_MODEL_POINTS[frequency]:
        notes.append(Note("too_short", {"points": points, "needed": MIN_MODEL_POINTS[frequency]}))
        return _naive_result(y, future, frequency, settings, notes, context)
    history_x, future_x = _regressors(
        y.index, future, frequency, settings, promotions, future_promotions, notes
    )
    spec = _select(y, history_x, frequency)
    if spec is None:
        notes.append(Note("model_failed"))
        return _naive_result(y, future, frequency, settings, notes, context)
    if spec.log:
        notes.append(Note("log"))
    if frequency in YEAR and len(y) < FOURIER_MIN_PERIODS[frequency]:
        notes.append(Note("no_yearly"))
    all_x = _deterministic(pd.concat([history_x, future_x]), frequency, spec.fourier, spec.dummies)
    # The search already fitted the chosen model on this history with these regressors.
    fit, columns = spec.fit, list(spec.columns)
    results = _state_space(spec, fit, y, all_x.loc[y.index, columns], frequency)
    prediction = _predict(spec, fit, results, all_x.loc[future, columns], y)
    history = pd.DataFrame({"actual": y, "fitted": _fitted_levels(spec, fit, results, y)})
    backtest = _backtest(y, all_x, spec, frequency, settings, notes)
    card = _card(spec, fit, columns, results, y, frequency)
    return ForecastResult(
        metric=metric,
        segment=segment,
        frequency=frequency,
        horizon=settings.horizon,
        card=card,
        history=history,
        forecast=prediction,
        backtest=backtest,
        plan=settings.plan,
        notes=tuple(notes),
    )


def _clean(series: pd.Series) -> tuple[pd.Series, list[Note]]:
    """Leading and trailing periods without data removed; inner gaps kept as missing."""
    notes: list[Note] = []
    first, last = series.first_valid_index(), series.last_valid_index()
    if first is None:
        raise UserInputError("The series has no values to forecast.", code="no_values")
    if last < series.index[-1]:
        notes.append(Note("trimmed", {"date": f"{last:%Y-%m-%d}"}))
    y = series.loc[first:last].astype(float)
    y.index = pd.DatetimeIndex(y.index, freq=None)
    y.index.name = "date"
    if y.isna().any():
        notes.append(Note("gaps", {"count": int(y.isna().sum())}))
    return y, notes


def future_index(index: pd.DatetimeIndex, frequency: str, horizon: int) -> pd.DatetimeIndex:
    step = period_offset(frequency)
    return pd.DatetimeIndex([index[-1] + (i + 1) * step for i in range(horizon)], name="date")


def _regressors(
    index: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    frequency: str,
    settings: ForecastSettings,
    promotions: pd.DataFrame | None,
    future_promotions: pd.DataFrame | None,
    notes: list[Note],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Festival and promotion regressors over the history and the forecast periods."""
    both = index.append(future)
    parts = []
    if settings.festivals:
        festivals = festival_regressors(both, frequency)
        seen = festivals.loc[index].abs().sum() > 0
        unseen = [n for n in festivals.columns if not seen[n] and festivals.loc[future, n].any()]
        if unseen:
            notes.append(Note("festival_unseen", {"names": ", ".join(unseen)}))
        parts.append(festivals.loc[:, seen[seen].index])
    priced = False
    if promotions is not None and settings.promotions:
        past = promotions.reindex(index, fill_value=0.0)
        past = past.loc[:, (past != 0).any()]
        if future_promotions is None:
            coming = plan_regressors(settings.plan, future, frequency, tuple(past.columns))
        else:
            coming = future_promotions.reindex(future, fill_value=0.0)[past.columns]
        parts.append(pd.concat([past, coming]))
        priced = past.shape[1] > 0
    if settings.plan and future_promotions is None and not priced:
        notes.append(Note("plan_ignored"))
    design = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=both)
    design = design.reindex(both).fillna(0.0).astype(float)
    return design.loc[index], design.loc[future]


def plan_regressors(
    plan: Sequence[PlannedPromotion],
    future: pd.DatetimeIndex,
    frequency: str,
    columns: tuple[str, ...],
) -> pd.DataFrame:
    """Promotion regressors for the forecast periods from the plan: the share of each period's
    days in a planned window (campaign, promo flag) and the discount times that share."""
    starts, ends = _period_bounds(future, frequency)
    days = (ends - starts).days.to_numpy() + 1
    values = {column: np.zeros(len(future)) for column in columns}
    for promotion in plan:
        first = np.maximum(starts.to_numpy(), promotion.start.to_datetime64())
        last = np.minimum(ends.to_numpy(), promotion.end.to_datetime64())
        overlap = np.clip((last - first).astype("timedelta64[D]").astype(int) + 1, 0, None)
        share = overlap / days
        if CAMPAIGN in values:
            values[CAMPAIGN] += share
        if DISCOUNT in values:
            values[DISCOUNT] += share * promotion.discount
        if PROMO_FLAG in values:
            on_sale = promotion.discount > 0 or DISCOUNT not in values
            values[PROMO_FLAG] += share * float(on_sale)
    frame = pd.DataFrame(values, index=future)
    for column in (CAMPAIGN, PROMO_FLAG):
        if column in frame:
            frame[column] = frame[column].clip(upper=1.0)
    return frame


def _period_bounds(
    index: pd.DatetimeIndex, frequency: str
) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    days = index.normalize()
    if frequency == "W":
        return days, days + pd.Timedelta(days=6)
    if frequency == "M":
        months = days.to_period("M")
        return months.start_time, months.end_time.normalize()
    return days, days


def fourier_terms(index: pd.DatetimeIndex, frequency: str, terms: int) -> pd.DataFrame:
    """Sine and cosine pairs of the year (365.25 days, or 52.18 weeks), ``terms`` harmonics."""
    columns = {}
    if terms:
        t = (index - EPOCH).days.to_numpy() / (7.0 if frequency == "W" else 1.0)
        for k in range(1, terms + 1):
            angle = 2 * np.pi * k * t / YEAR[frequency]
            columns[f"year sin {k}"] = np.sin(angle)
            columns[f"year cos {k}"] = np.cos(angle)
    return pd.DataFrame(columns, index=index)


def season_dummies(index: pd.DatetimeIndex, frequency: str) -> pd.DataFrame:
    """One 0/1 column per weekday after Monday (daily) or month after January (monthly)."""
    if frequency == "D":
        position, names = index.day_of_week.to_numpy(), WEEKDAYS
    else:
        position, names = index.month.to_numpy() - 1, MONTHS
    return pd.DataFrame(
        {name: (position == k).astype(float) for k, name in enumerate(names) if k},
        index=index,
    )


def _deterministic(design: pd.DataFrame, frequency: str, terms: int, dummies: bool) -> pd.DataFrame:
    """The regressors plus yearly Fourier terms and, if asked, fixed seasonal effects."""
    parts = [design]
    if terms:
        parts.append(fourier_terms(design.index, frequency, terms))
    if dummies:
        parts.append(season_dummies(design.index, frequency))
    return pd.concat(parts, axis=1) if len(parts) > 1 else design


# --- choosing the model -------------------------------------------------------------------------


def log_slope(y: pd.Series, frequency: str) -> float | None:
    """How the within-block swing grows with the block's level: the robust (Theil–Sen) slope
    of log swing on log level over blocks of a week (daily), 8 weeks or a year (monthly).
    About 1 for multiplicative seasonality, 0 for additive; None when it cannot be told."""
    values = y.to_numpy(dtype=float)
    block = LOG_BLOCK[frequency]
    usable = len(values) // block
    if usable < LOG_MIN_BLOCKS or np.nanmin(values) <= 0:
        return None
    blocks = values[len(values) - usable * block :].reshape(usable, block)
    blocks = blocks[~np.isnan(blocks).any(axis=1)]
    if len(blocks) < LOG_MIN_BLOCKS:
        return None
    position = np.arange(block) - (block - 1) / 2
    slopes = blocks @ position / (position @ position)
    detrended = blocks - slopes[:, None] * position
    level = detrended.mean(axis=1)
    swing = detrended.std(axis=1)
    keep = swing > 0
    if keep.sum() < LOG_MIN_BLOCKS or np.ptp(np.log(level[keep])) < 0.05:
        return None
    return float(stats.theilslopes(np.log(swing[keep]), np.log(level[keep]))[0])


def _transform(y: pd.Series, log: bool) -> np.ndarray:
    values = y.to_numpy(dtype=float)
    return np.log(values) if log else values


def _filled(z: np.ndarray) -> np.ndarray:
    """Missing values interpolated for the least-squares fits (the state-space model skips
    them)."""
    if not np.isnan(z).any():
        return z
    return pd.Series(z).interpolate(limit_direction="both").to_numpy()


def _usable_columns(design: pd.DataFrame, differencing: arima.Differencing, m: int) -> list[str]:
    """Regressors that vary after differencing and add to the others (no exact collinearity)."""
    if design.shape[1] == 0:
        return []
    differenced = arima.difference(design.to_numpy(), differencing.d, differencing.D, m)
    return [design.columns[j] for j in _independent(differenced)]


def _independent(differenced: np.ndarray) -> list[int]:
    """Positions of the columns that vary and are not combinations of earlier kept ones."""
    kept: list[int] = []
    basis = np.zeros((differenced.shape[0], 0))
    for j in range(differenced.shape[1]):
        column = differenced[:, j]
        if np.std(column) < 1e-9:
            continue
        # What the column adds to those kept (Gram–Schmidt, twice for accuracy).
        rest = column - basis @ (basis.T @ column)
        rest = rest - basis @ (basis.T @ rest)
        norm = float(np.linalg.norm(rest))
        if norm > 1e-8 * max(1.0, float(np.abs(column).max())) * np.sqrt(len(column)):
            kept.append(j)
            basis = np.column_stack([basis, rest / norm])
    return kept


def _select(y: pd.Series, design: pd.DataFrame, frequency: str) -> _Spec | None:
    """Log or not, differencing, deterministic terms and ARMA orders, each by its test or AIC.

    Without seasonal differencing a fixed seasonal pattern would need a seasonal AR root at 1,
    so fixed weekday (month) effects are offered as regressors, kept when the AIC says so."""
    m = SEASON[frequency]
    slope = log_slope(y, frequency)
    log = slope is not None and slope > LOG_SLOPE
    z = _filled(_transform(y, log))
    allow_fourier = frequency in YEAR and len(y) >= FOURIER_MIN_PERIODS[frequency]
    # Every candidate's regressors are columns of this one table, built once.
    full = _deterministic(design, frequency, MAX_FOURIER if allow_fourier else 0, bool(m))
    dummy_names = list(season_dummies(full.index[:1], frequency).columns) if m else []
    widest = full.drop(columns=dummy_names)
    regression = np.column_stack([np.ones(len(z)), widest.to_numpy()])
    residuals = z - regression @ np.linalg.lstsq(regression, z, rcond=None)[0]
    differencing = arima.choose_differencing(residuals, m)
    constant = differencing.d + differencing.D <= 1
    w = arima.difference(z, differencing.d, differencing.D, m)
    ncond = arima.conditioning(m)
    default = arima.Orders(1, 1, 0, 1 if m else 0)
    options = [
        (terms, dummies)
        for terms in (range(MAX_FOURIER + 1) if allow_fourier else (0,))
        for dummies in ((False, True) if m and not differencing.D else (False,))
    ]
    differenced = arima.difference(full.to_numpy(), differencing.d, differencing.D, m)
    position = {name: j for j, name in enumerate(full.columns)}

    def option_columns(terms: int, dummies: bool) -> list[str]:
        """Usable columns of _deterministic(design, frequency, terms, dummies), in its order."""
        names = [*design.columns]
        names += [f"year {f} {k}" for k in range(1, terms + 1) for f in ("sin", "cos")]
        names += dummy_names if dummies else []
        kept = _independent(differenced[:, [position[name] for name in names]])
        return [names[j] for j in kept]

    best_option, best_fit, start = (0, False), None, None
    for terms, dummies in options:
        xw = differenced[:, [position[name] for name in option_columns(terms, dummies)]]
        fit = arima.css_fit(w, xw, default, m, constant, ncond, start, arima.SEARCH_FTOL)
        if fit is None:
            continue
        start = arima.arma_coefficients(fit)  # the next option starts from here
        if best_fit is None or fit.aic < best_fit.aic:
            best_option, best_fit = (terms, dummies), fit
    terms, dummies = best_option
    columns = option_columns(terms, dummies)
    xw = differenced[:, [position[name] for name in columns]]
    best, searched = arima.stepwise_search(w, xw, m, constant, near=best_fit)
    if best is None or len(w) - ncond <= len(columns) + best.orders.size + 2:
        return None
    tried = len(options) + searched
    return _Spec(
        log, slope, terms, dummies, differencing, best.orders, constant, tried, best, tuple(columns)
    )


def _fit_fixed(
    spec: _Spec, y: pd.Series, design: pd.DataFrame, frequency: str
) -> tuple[arima.CssFit, list[str]] | None:
    """The chosen model's coefficients on this history (the order stays fixed), starting from
    its coefficients on the whole history."""
    m = SEASON[frequency]
    columns = _usable_columns(design, spec.differencing, m)
    z = _filled(_transform(y, spec.log))
    d, seasonal_d = spec.differencing.d, spec.differencing.D
    w = arima.difference(z, d, seasonal_d, m)
    xw = arima.difference(design[columns].to_numpy(), d, seasonal_d, m)
    if len(w) - arima.conditioning(m) <= len(columns) + spec.orders.size + 2:
        return None
    start = arima.arma_coefficients(spec.fit)
    fit = arima.css_fit(w, xw, spec.orders, m, spec.constant, arima.conditioning(m), start)
    return None if fit is None else (fit, columns)


def _state_space(spec: _Spec, fit: arima.CssFit, y: pd.Series, design: pd.DataFrame, frequency):
    z = _transform(y, spec.log)
    return arima.state_space(z, design.to_numpy(), fit, spec.differencing, SEASON[frequency])


def _predict(
    spec: _Spec, fit: arima.CssFit, results, future_design: pd.DataFrame, y: pd.Series
) -> pd.DataFrame:
    """Mean, 80% and 95% bounds in the metric's units, and the standard deviation of the
    cumulative demand from the first forecast period to each one (for safety stock)."""
    horizon = len(future_design)
    exog = future_design.to_numpy() if future_design.shape[1] else None
    forecast = results.get_forecast(horizon, exog=exog)
    mu = np.asarray(forecast.predicted_mean, dtype=float)
    variance = np.clip(np.asarray(forecast.var_pred_mean, dtype=float), 0.0, None)
    table = _levels(mu, variance, spec.log, nonnegative=bool(np.nanmin(y.to_numpy()) >= 0))
    m = int(results.model.seasonal_periods or 0)
    psi = arima.psi_weights(fit, spec.differencing, m, _n_regression(fit), horizon)
    scale = table["mean"].to_numpy() if spec.log else np.ones(horizon)
    table["cum_sd"] = cumulative_sd(psi, scale, fit.sigma2)
    table.index = future_design.index
    return table


def _n_regression(fit: arima.CssFit) -> int:
    return len(fit.params) - fit.orders.size


def _levels(mu: np.ndarray, variance: np.ndarray, log: bool, nonnegative: bool) -> pd.DataFrame:
    """Back to the metric's units: under the log the mean is exp(mu + var/2) and the bounds are
    the exponentiated bounds (quantiles survive a monotone transform)."""
    sd = np.sqrt(variance)
    columns = {"mean": np.exp(mu + variance / 2) if log else mu}
    for level in LEVELS:
        z = stats.norm.ppf(0.5 + level / 2)
        low, high = mu - z * sd, mu + z * sd
        name = f"{round(level * 100)}"
        columns[f"lo{name}"] = np.exp(low) if log else low
        columns[f"hi{name}"] = np.exp(high) if log else high
    table = pd.DataFrame(columns)
    return table.clip(lower=0.0) if nonnegative else table


def cumulative_sd(psi: np.ndarray, scale: np.ndarray, sigma2: float) -> np.ndarray:
    """Standard deviation of the sum of the first k forecast errors, for every k: the shock
    of period i moves every later period j by psi[j - i] (times the level under the log)."""
    horizon = len(scale)
    out = np.empty(horizon)
    for k in range(1, horizon + 1):
        loads = np.array([scale[i:k] @ psi[: k - i] for i in range(k)])
        out[k - 1] = np.sqrt(sigma2 * np.sum(loads**2))
    return out


def _fitted_levels(spec: _Spec, fit: arima.CssFit, results, y: pd.Series) -> pd.Series:
    fitted = np.asarray(results.fittedvalues, dtype=float).copy()
    m = int(results.model.seasonal_periods or 0)
    fitted[: spec.differencing.d + spec.differencing.D * m + 1] = np.nan
    if spec.log:
        fitted = np.exp(fitted + fit.sigma2 / 2)
    return pd.Series(fitted, index=y.index)


def _card(
    spec: _Spec,
    fit: arima.CssFit,
    columns: list[str],
    results,
    y: pd.Series,
    frequency: str,
) -> ModelCard:
    m = SEASON[frequency]
    d, seasonal_d = spec.differencing.d, spec.differencing.D
    residuals = np.asarray(results.resid, dtype=float)[d + seasonal_d * m + arima.conditioning(m) :]
    lags, statistic, p_value = arima.ljung_box(
        residuals, LJUNG_BOX_LAGS[frequency], spec.orders.size
    )
    return ModelCard(
        method="sarimax",
        order=(spec.orders.p, d, spec.orders.q),
        seasonal_order=(spec.orders.P, seasonal_d, spec.orders.Q, m) if m else (0, 0, 0, 0),
        trend=("drift" if d + seasonal_d == 1 else "constant") if spec.constant else "none",
        log=spec.log,
        log_slope=spec.log_slope,
        fourier_terms=spec.fourier,
        fourier_period=YEAR.get(frequency) if spec.fourier else None,
        season_dummies=spec.dummies,
        aic=float(results.aic),
        nobs=int(y.notna().sum()),
        sigma=float(np.sqrt(fit.sigma2)),
        seasonal_strength=spec.differencing.seasonal_strength,
        kpss_p=spec.differencing.kpss_p,
        adf_p=spec.differencing.adf_p,
        coefficients=_coefficients(fit, columns, m),
        ljung_box_lags=lags,
        ljung_box_stat=statistic,
        ljung_box_p=p_value,
        models_tried=spec.models_tried,
    )


def _coefficients(fit: arima.CssFit, columns: list[str], m: int) -> tuple[Coefficient, ...]:
    names: list[tuple[str, str]] = []
    if fit.constant:
        names.append(("constant", "constant"))
    for column in columns:
        kind = "festival"
        if column.startswith("year "):
            kind = "fourier"
        elif column in WEEKDAYS or column in MONTHS:
            kind = "season"
        elif column in PROMOTION_REGRESSORS:
            kind = "promotion"
        names.append((column, kind))
    orders = fit.orders
    names += [(f"ar{i}", "ar") for i in range(1, orders.p + 1)]
    names += [(f"ma{i}", "ma") for i in range(1, orders.q + 1)]
    names += [(f"seasonal ar{m * i}", "seasonal_ar") for i in range(1, orders.P + 1)]
    names += [(f"seasonal ma{m * i}", "seasonal_ma") for i in range(1, orders.Q + 1)]
    return tuple(
        Coefficient(name, kind, float(value), float(error))
        for (name, kind), value, error in zip(names, fit.params, fit.std_errors, strict=True)
    )


# --- the seasonal naive forecast ----------------------------------------------------------------


def naive_season(frequency: str, points: int) -> int:
    """The benchmark's period: a week (daily), a year (weekly, monthly) when there is a full
    one, else 1 (the last value)."""
    season = NAIVE_SEASON[frequency]
    return season if points > season else 1


def seasonal_naive(train: pd.Series, horizon: int, season: int) -> np.ndarray:
    """Each future period repeats the same period of the last cycle (gaps carry the last value
    forward)."""
    last_cycle = train.ffill().to_numpy(dtype=float)[-season:]
    return last_cycle[np.arange(horizon) % season]


def naive_scale(train: pd.Series, season: int) -> float | None:
    """Mean absolute error of the in-sample seasonal naive forecast (the MASE denominator)."""
    values = train.to_numpy(dtype=float)
    errors = np.abs(values[season:] - values[:-season])
    errors = errors[np.isfinite(errors)]
    scale = float(errors.mean()) if errors.size else 0.0
    return scale if scale > 0 else None


def _naive_result(
    y: pd.Series,
    future: pd.DatetimeIndex,
    frequency: str,
    settings: ForecastSettings,
    notes: list[Note],
    context: dict[str, Any],
) -> ForecastResult:
    """The seasonal naive forecast, with intervals from its in-sample errors (sd × √(cycles
    ahead)), for series too short or too odd to model."""
    points = int(y.notna().sum())
    if points < 2:
        raise UserInputError(
            "The series has fewer than two values: there is nothing to forecast from.",
            code="no_values",
        )
    season = naive_season(frequency, points)
    table, sd = _naive_table(y, settings.horizon, season)
    table.index = future
    backtest = _naive_backtest(y, frequency, settings, notes)
    card = ModelCard(
        method="seasonal_naive",
        order=(0, 0, 0),
        seasonal_order=(0, 1, 0, season) if season > 1 else (0, 0, 0, 0),
        trend="none",
        log=False,
        log_slope=None,
        fourier_terms=0,
        fourier_period=None,
        season_dummies=False,
        aic=None,
        nobs=points,
        sigma=sd,
        seasonal_strength=None,
        kpss_p=None,
        adf_p=None,
        coefficients=(),
        ljung_box_lags=None,
        ljung_box_stat=None,
        ljung_box_p=None,
        models_tried=0,
    )
    fitted = y.shift(season)
    return ForecastResult(
        metric=context["metric"],
        segment=context["segment"],
        frequency=frequency,
        horizon=settings.horizon,
        card=card if season > 1 else _naive_card_order(card),
        history=pd.DataFrame({"actual": y, "fitted": fitted}),
        forecast=table,
        backtest=backtest,
        plan=context["plan"],
        notes=tuple(notes),
    )


def _naive_table(train: pd.Series, horizon: int, season: int) -> tuple[pd.DataFrame, float]:
    """Seasonal naive forecast with bounds from the sd of its in-sample errors × √(cycles
    ahead); also returns that sd."""
    values = train.to_numpy(dtype=float)
    diffs = values[season:] - values[:-season]
    sd = float(np.nanstd(diffs)) if np.isfinite(diffs).sum() > 1 else float(np.nanstd(values))
    cycles = np.floor(np.arange(horizon) / season) + 1
    mean = seasonal_naive(train, horizon, season)
    table = _levels(mean, sd**2 * cycles, False, nonnegative=bool(np.nanmin(values) >= 0))
    table["cum_sd"] = sd * np.sqrt(np.cumsum(cycles))
    return table, sd


def _naive_card_order(card: ModelCard) -> ModelCard:
    return replace(card, order=(0, 1, 0))


# --- backtests ----------------------------------------------------------------------------------


def _cutoffs(points: int, horizon: int, origins: int, minimum: int) -> list[int]:
    """Cut-offs one horizon apart, the last one a horizon before the end."""
    cuts = [points - horizon * i for i in range(origins, 0, -1)]
    return [c for c in cuts if c >= minimum]


def _backtest(
    y: pd.Series,
    design: pd.DataFrame,
    spec: _Spec,
    frequency: str,
    settings: ForecastSettings,
    notes: list[Note],
) -> BacktestScore | None:
    """Refit the chosen model at each cut-off (coefficients re-estimated, order kept) and
    forecast the next ``horizon`` periods with the regressors that really happened."""
    if settings.origins <= 0:
        return None
    horizon = settings.horizon
    cuts = _cutoffs(len(y), horizon, settings.origins, MIN_MODEL_POINTS[frequency])
    frames = []
    for cut in cuts:
        train, truth = y.iloc[:cut], y.iloc[cut : cut + horizon]
        if train.notna().sum() < MIN_MODEL_POINTS[frequency] or truth.notna().sum() == 0:
            continue
        fitted = _fit_fixed(spec, train, design.loc[train.index], frequency)
        if fitted is None:
            continue
        fit, columns = fitted
        results = _state_space(spec, fit, train, design.loc[train.index, columns], frequency)
        prediction = _predict(spec, fit, results, design.loc[truth.index, columns], train)
        frames.append(_origin_errors(train, truth, prediction, frequency))
    if not frames:
        notes.append(Note("no_backtest", {"horizon": horizon}))
        return None
    return _score_points(frames, horizon)


def _naive_backtest(
    y: pd.Series, frequency: str, settings: ForecastSettings, notes: list[Note]
) -> BacktestScore | None:
    if settings.origins <= 0:
        return None
    horizon = settings.horizon
    frames = []
    for cut in _cutoffs(len(y), horizon, settings.origins, 2):
        train, truth = y.iloc[:cut], y.iloc[cut : cut + horizon]
        if truth.notna().sum() == 0:
            continue
        season = naive_season(frequency, int(train.notna().sum()))
        table, _ = _naive_table(train, len(truth), season)
        frames.append(_origin_errors(train, truth, table, frequency))
    if not frames:
        notes.append(Note("no_backtest", {"horizon": horizon}))
        return None
    return _score_points(frames, horizon)


def _origin_errors(
    train: pd.Series, truth: pd.Series, prediction: pd.DataFrame, frequency: str
) -> pd.DataFrame:
    """One cut-off's points: actual, forecast with bounds, seasonal naive, and the MASE scale."""
    season = naive_season(frequency, int(train.notna().sum()))
    horizon = len(truth)
    return pd.DataFrame(
        {
            "origin": train.index[-1],
            "step": np.arange(1, horizon + 1),
            "actual": truth.to_numpy(dtype=float),
            "forecast": prediction["mean"].to_numpy()[:horizon],
            "lo80": prediction["lo80"].to_numpy()[:horizon],
            "hi80": prediction["hi80"].to_numpy()[:horizon],
            "lo95": prediction["lo95"].to_numpy()[:horizon],
            "hi95": prediction["hi95"].to_numpy()[:horizon],
            "naive": seasonal_naive(train, horizon, season),
            "scale": naive_scale(train, season) or np.nan,
        },
        index=truth.index,
    )


def _score_points(frames: list[pd.DataFrame], horizon: int) -> BacktestScore:
    errors = pd.concat(frames)
    errors = errors[errors["actual"].notna()]
    actual = errors["actual"].to_numpy()
    model = np.abs(actual - errors["forecast"].to_numpy())
    naive = np.abs(actual - errors["naive"].to_numpy())
    scale = errors["scale"].to_numpy()
    nonzero = actual != 0
    covered80 = (actual >= errors["lo80"]) & (actual <= errors["hi80"])
    covered95 = (actual >= errors["lo95"]) & (actual <= errors["hi95"])
    return BacktestScore(
        origins=int(errors["origin"].nunique()),
        horizon=horizon,
        points=len(errors),
        mae=float(model.mean()),
        mape=_mean_ratio(model, np.abs(actual), nonzero),
        mase=_mean_ratio(model, scale, np.isfinite(scale)),
        rmse=float(np.sqrt(np.mean(model**2))),
        naive_mae=float(naive.mean()),
        naive_mape=_mean_ratio(naive, np.abs(actual), nonzero),
        naive_mase=_mean_ratio(naive, scale, np.isfinite(scale)),
        coverage80=float(covered80.mean()),
        coverage95=float(covered95.mean()),
        errors=errors,
    )


def _mean_ratio(numerator: np.ndarray, denominator: np.ndarray, keep: np.ndarray) -> float | None:
    if not keep.any():
        return None
    return float(np.mean(numerator[keep] / denominator[keep]))


def _with_backtest(result: ForecastResult, score: BacktestScore) -> ForecastResult:
    return replace(result, backtest=score)
