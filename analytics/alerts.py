"""Checks after every import (the risk control): the outcome's new periods outside the 95% band
of a forecast fitted on the periods before them, and stock on hand that does not cover the lead
time. Alerts are codes with parameters; the app words them in the reader's language."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.forecast.results import ForecastSettings
from analytics.forecast.search import MIN_MODEL_POINTS
from analytics.forecast.series import MAX_HORIZON, forecast_series
from analytics.forecast.stock import DAYS_PER_PERIOD, stock_cover, units_metric
from analytics.ingest.roles import METRIC, SPEND
from analytics.periods import infer_frequency
from analytics.selection import metric_series
from analytics.workspace import DatasetInfo, Workspace

OUTCOME_OUTSIDE_BAND = "outcome_outside_band"
STOCK_BELOW_LEAD_TIME = "stock_below_lead_time"
SPEND_ABOVE_PLAN = "spend_above_plan"
SPEND_TOLERANCE = 0.05  # spend up to 5% above its plan is not worth an alert
LEAD_TIME_DAYS = 7.0  # the Forecast page's default lead time
SERVICE_LEVEL = 0.95
STOCK_NAME = re.compile(r"stock|on.?hand|inventory|库存|存货", re.IGNORECASE)


@dataclass(frozen=True)
class Alert:
    """One risk found after an import: ``code`` names it, ``params`` fill its sentence."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    dataset: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "dataset": self.dataset, **self.params}


def import_alerts(ws: Workspace, dataset_id: str) -> tuple[Alert, ...]:
    """The alerts of the dataset's latest import (or of its first save, when it has none)."""
    info = ws.get(dataset_id)
    if not info.mapping.date_column:
        return ()
    frame = ws.load(dataset_id)
    before = _rows_before_latest_import(ws, info)
    found = [
        _spend_alert(frame, info, before),
        _outcome_alert(frame, info, _last_date(before, info)),
        _stock_alert(frame, info),
    ]
    return tuple(replace(alert, dataset=info.id) for alert in found if alert is not None)


def _rows_before_latest_import(ws: Workspace, info: DatasetInfo) -> pd.DataFrame | None:
    """The dataset's rows as they were before its latest import that changed rows (kept for
    undo), or None when it has none."""
    rows = ws.query(
        "SELECT snapshot FROM imports WHERE dataset_id = ? AND undone_at IS NULL "
        "AND snapshot IS NOT NULL ORDER BY imported_at DESC LIMIT 1",
        [info.id],
    )
    if not rows:
        return None
    return pd.DataFrame(ws.query(f'SELECT * FROM "{rows[0][0]}"'), columns=list(info.columns))


def _last_date(before: pd.DataFrame | None, info: DatasetInfo) -> pd.Timestamp | None:
    """The last date with an outcome before the import (later rows hold planned campaigns)."""
    date, outcome = info.mapping.date_column, info.mapping.outcome
    if before is None or date is None or outcome is None or before[outcome].isna().all():
        return None
    return pd.Timestamp(pd.to_datetime(before.loc[before[outcome].notna(), date]).max())


def _spend_alert(
    frame: pd.DataFrame, info: DatasetInfo, before: pd.DataFrame | None
) -> Alert | None:
    """Spend of the periods the import filled in against the spend planned for them: the rows
    dated after the last outcome before the import (planned campaigns). No plan: no check."""
    spend, outcome = info.mapping.columns(SPEND), info.mapping.outcome
    date = info.mapping.date_column
    if before is None or not spend or outcome is None or date is None:
        return None
    if before[outcome].isna().all():
        return None
    dates = pd.to_datetime(before[date])
    planned_dates = dates[dates > dates[before[outcome].notna()].max()]
    now = pd.to_datetime(frame[date])
    filled = frame[now.isin(planned_dates) & frame[outcome].notna()]
    covered = pd.to_datetime(filled[date])
    planned = float(before.loc[dates.isin(covered), spend].sum().sum())
    actual = float(filled[spend].sum().sum())
    if filled.empty or planned <= 0 or actual <= planned * (1 + SPEND_TOLERANCE):
        return None
    return Alert(
        SPEND_ABOVE_PLAN,
        {
            "columns": spend,
            "start": f"{covered.min():%Y-%m-%d}",
            "end": f"{covered.max():%Y-%m-%d}",
            "planned": planned,
            "actual": actual,
            "over": actual / planned - 1.0,
        },
    )


def _outcome_alert(
    frame: pd.DataFrame, info: DatasetInfo, before: pd.Timestamp | None
) -> Alert | None:
    """The new periods of the outcome against the 95% band of a forecast from the earlier ones."""
    outcome = info.mapping.outcome
    if before is None or not outcome or outcome not in frame:
        return None
    series = metric_series(frame, info.mapping, outcome, {}).astype(float)
    frequency = infer_frequency(series.index.to_numpy())
    earlier, new = series.loc[:before], series.loc[series.index > before].dropna()
    if frequency is None or new.empty or earlier.notna().sum() < MIN_MODEL_POINTS[frequency]:
        return None
    horizon = min(
        len(series.loc[series.index > before].loc[: new.index[-1]]), MAX_HORIZON[frequency]
    )
    result = forecast_series(earlier, frequency, ForecastSettings(horizon, promotions=False))
    band = result.forecast.reindex(new.index).dropna(subset=["lo95"])
    actual = new.loc[band.index]
    outside = (actual < band["lo95"]) | (actual > band["hi95"])
    if not outside.any():
        return None
    miss = (actual - band["mean"]).abs().where(outside)
    worst = miss.idxmax()
    return Alert(
        OUTCOME_OUTSIDE_BAND,
        {
            "metric": outcome,
            "periods": int(outside.sum()),
            "checked": len(band),
            "date": f"{worst:%Y-%m-%d}",
            "actual": float(actual[worst]),
            "low": float(band.loc[worst, "lo95"]),
            "high": float(band.loc[worst, "hi95"]),
        },
    )


def stock_column(info: DatasetInfo) -> str | None:
    """The number column holding stock on hand, by its name (stock, on hand, 库存, ...)."""
    numbers = [name for name in info.columns if info.mapping.roles.get(name) == METRIC]
    return next((name for name in numbers if STOCK_NAME.search(name)), None)


def _stock_alert(frame: pd.DataFrame, info: DatasetInfo) -> Alert | None:
    """Stock on hand on the last date against the forecast demand within the lead time."""
    column = stock_column(info)
    metrics = [m for m in info.mapping.columns(METRIC) if m != column]
    units = units_metric(info.mapping.outcome or "", metrics) if column else None
    if column is None or units is None or units not in frame:
        return None
    stock = metric_series(frame, info.mapping, column, {}).dropna()
    demand = metric_series(frame, info.mapping, units, {}).astype(float)
    frequency = infer_frequency(demand.index.to_numpy())
    if stock.empty or frequency is None:
        return None
    periods = math.ceil(LEAD_TIME_DAYS / DAYS_PER_PERIOD[frequency])
    horizon = min(MAX_HORIZON[frequency], max(2 * periods, 4))
    try:
        result = forecast_series(demand, frequency, ForecastSettings(horizon, promotions=False))
        cover = stock_cover(result, LEAD_TIME_DAYS, SERVICE_LEVEL, float(stock.iloc[-1]))
    except UserInputError:  # too little history to forecast: nothing to say about cover
        return None
    if not cover.stockout_risk:
        return None
    return Alert(
        STOCK_BELOW_LEAD_TIME,
        {
            "column": column,
            "stock": float(stock.iloc[-1]),
            "date": f"{stock.index[-1]:%Y-%m-%d}",
            "days_of_cover": cover.days_of_cover,
            "lead_time_days": LEAD_TIME_DAYS,
        },
    )


def alert_line(alert: Alert) -> str:
    """The alert in one English line (the command line's wording; the app words it in i18n)."""
    p = alert.params
    if alert.code == SPEND_ABOVE_PLAN:
        return (
            f"alert {alert.code}: {', '.join(p['columns'])} from {p['start']} to {p['end']} was "
            f"{p['actual']:,.2f} against {p['planned']:,.2f} planned ({p['over']:+.0%})"
        )
    if alert.code == OUTCOME_OUTSIDE_BAND:
        return (
            f"alert {alert.code}: {p['metric']} on {p['date']} was {p['actual']:,.2f}, outside "
            f"the 95% forecast band {p['low']:,.2f} to {p['high']:,.2f} "
            f"({p['periods']} of {p['checked']} new periods outside)"
        )
    return (
        f"alert {alert.code}: {p['column']} of {p['stock']:,.0f} on {p['date']} lasts "
        f"{p['days_of_cover']:.1f} days, less than the {p['lead_time_days']:g}-day lead time"
    )
