"""Many forecasts at once: one per value of a dimension (or per combination of dimensions) plus
the total, fitted in worker processes, with an accuracy table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.forecast.global_model import pooled_candidates
from analytics.forecast.metric import metric_inputs, promotion_history
from analytics.forecast.results import ForecastResult, ForecastSettings, PooledCandidate
from analytics.forecast.sarimax import arima_label
from analytics.forecast.series import forecast_series
from analytics.ingest.roles import DIMENSION, Mapping
from analytics.parallel import map_in_workers
from analytics.selection import natural_key

MAX_SERIES = 500
TOTAL = "total"


@dataclass(frozen=True)
class SeriesJob:
    """One series to forecast, with everything a worker process needs."""

    label: str
    where: dict[str, tuple[str, ...]]
    series: pd.Series
    promotions: pd.DataFrame | None
    frequency: str
    settings: ForecastSettings
    metric: str
    pooled: PooledCandidate | None = None  # the global model's candidate for this series


def run_job(job: SeriesJob) -> ForecastResult | str:
    """A worker's task: the forecast, or the sentence saying why this series has none."""
    try:
        return forecast_series(
            job.series,
            job.frequency,
            job.settings,
            promotions=job.promotions,
            metric=job.metric,
            segment={k: list(v) for k, v in job.where.items()},
            pooled=job.pooled,
        )
    except UserInputError as exc:
        return str(exc)


@dataclass(frozen=True)
class ManyForecasts:
    """Every series' forecast (or why it has none), keyed by label, and the total's."""

    metric: str
    dimensions: tuple[str, ...]
    frequency: str
    horizon: int
    total: ForecastResult | str
    results: dict[str, ForecastResult | str] = field(repr=False)
    keys: dict[str, tuple[str, ...]] = field(repr=False)

    @property
    def modelled(self) -> list[ForecastResult]:
        return [r for r in self.results.values() if isinstance(r, ForecastResult)]

    @property
    def beats_naive(self) -> int:
        """How many series' backtests have a lower MAE than the seasonal naive forecast."""
        return sum(1 for r in self.modelled if r.backtest and r.backtest.model_better)

    @property
    def backtested(self) -> int:
        return sum(1 for r in self.modelled if r.backtest)

    def table(self) -> pd.DataFrame:
        """One row per series (then the total): model, forecast over the horizon, accuracy."""
        rows = [self._row(label, result) for label, result in self.results.items()]
        rows.append(self._row(TOTAL, self.total))
        return pd.DataFrame(rows)

    def _row(self, label: str, result: ForecastResult | str) -> dict[str, Any]:
        values = self.keys.get(label, ("",) * len(self.dimensions))
        row: dict[str, Any] = {"series": label}
        row.update(dict(zip(self.dimensions, values, strict=True)))
        if isinstance(result, str):
            return {**row, "model": None, "message": result}
        backtest = result.backtest
        return {
            **row,
            "model": model_name(result),
            "family": result.model,
            "log": result.card.log,
            "forecast_total": float(result.forecast["mean"].sum()),
            "mae": backtest.mae if backtest else None,
            "mape": backtest.mape if backtest else None,
            "mase": backtest.mase if backtest else None,
            "naive_mae": backtest.naive_mae if backtest else None,
            "naive_mape": backtest.naive_mape if backtest else None,
            "beats_naive": backtest.model_better if backtest else None,
            "coverage95": backtest.coverage95 if backtest else None,
            "message": "; ".join(n.message for n in result.notes if n.code != "log") or None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "dimensions": list(self.dimensions),
            "frequency": self.frequency,
            "horizon": self.horizon,
            "beats_naive": self.beats_naive,
            "backtested": self.backtested,
            "series": [
                {
                    **row,
                    "candidates": self._candidates(row["series"]),
                    "global_model": self._global_model(row["series"]),
                }
                for row in self.table().to_dict(orient="records")
            ],
        }

    def _global_model(self, label: str) -> dict[str, Any] | None:
        """What the global model across the series learns from, where it was a candidate."""
        result = self.results.get(label)
        if not isinstance(result, ForecastResult) or result.pooled is None:
            return None
        return result.pooled.to_dict()

    def _candidates(self, label: str) -> list[dict[str, Any]]:
        """The series' candidates with their backtest MASE (the global model among them)."""
        result = self.total if label == TOTAL else self.results.get(label)
        if not isinstance(result, ForecastResult):
            return []
        return [c.to_dict() for c in result.candidates]


def model_name(result: ForecastResult) -> str:
    """The chosen model's label (ARIMA(p,d,q)(P,D,Q)m, ETS(A,Ad,N), Theta, a combination of
    them), or 'seasonal naive'."""
    for candidate in result.candidates:
        if candidate.name == result.model:
            return candidate.label
    if result.card.method != "sarimax":
        return "seasonal naive"
    return arima_label(result.card)


def series_keys(
    frame: pd.DataFrame, mapping: Mapping, dimensions: Sequence[str]
) -> list[tuple[str, ...]]:
    """The combinations of the dimensions' values that occur in the data, sorted."""
    if not dimensions:
        raise UserInputError("Choose at least one dimension to split the series by.")
    known = mapping.columns(DIMENSION)
    for dimension in dimensions:
        if dimension not in frame.columns or dimension not in known:
            raise UserInputError(
                f"{dimension!r} is not a dimension of this dataset; the dimensions are: "
                f"{', '.join(known) or 'none'}.",
                code="not_dimension",
                column=dimension,
                dimensions=", ".join(known) or "-",
            )
    cells = frame[list(dimensions)].dropna().astype(str).drop_duplicates()
    keys = sorted(
        (tuple(row) for row in cells.itertuples(index=False)),
        key=lambda key: tuple(natural_key(part) for part in key),
    )
    if len(keys) > MAX_SERIES:
        raise UserInputError(
            f"That split gives {len(keys)} series; at most {MAX_SERIES} are forecast at once. "
            "Choose a dimension with fewer values.",
            code="too_many_series",
            count=len(keys),
            most=MAX_SERIES,
        )
    return keys


def forecast_many(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    dimensions: Sequence[str],
    settings: ForecastSettings,
    progress: Callable[[int, int], None] | None = None,
    *,
    parallel: bool = True,
) -> ManyForecasts:
    """One forecast per combination of ``dimensions`` and one for the total, in parallel; the
    global model across the series (fitted first, here) one more candidate of each series.
    ``progress(done, total)`` counts the series; while the global model is fitted it is called
    as ``progress(fits_done, fits, "global")``."""
    dimensions = tuple(dimensions)
    keys = series_keys(frame, mapping, dimensions)
    jobs = _jobs(frame, mapping, metric, dimensions, keys, settings)
    inputs = {job.label: (job.series, job.promotions) for job in jobs[1:]}
    pooled = pooled_candidates(
        inputs, jobs[0].frequency, settings, progress=progress, parallel=parallel
    )
    jobs = [
        replace(job, pooled=pooled.get(job.label)) if job.label in inputs else job for job in jobs
    ]
    outcomes = map_in_workers(run_job, jobs, progress, parallel=parallel)
    results = {job.label: outcome for job, outcome in zip(jobs[1:], outcomes[1:], strict=True)}
    return ManyForecasts(
        metric=metric,
        dimensions=dimensions,
        frequency=jobs[0].frequency,
        horizon=settings.horizon,
        total=outcomes[0],
        results=results,
        keys={label_of(values): values for values in keys},
    )


def label_of(values: tuple[str, ...]) -> str:
    return " · ".join(values)


def _jobs(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    dimensions: tuple[str, ...],
    keys: list[tuple[str, ...]],
    settings: ForecastSettings,
) -> list[SeriesJob]:
    """The total's job, then one per key. The frame is split once by the keys and every series
    shares the total's calendar: what ``metric_inputs`` gives with each key as the filter,
    without scanning the whole frame and building the calendar again per series."""
    total, frequency, total_promotions = metric_inputs(frame, mapping, metric, {}, settings)
    jobs = [SeriesJob(TOTAL, {}, total, total_promotions, frequency, settings, metric)]
    date_column = mapping.date_column
    rows = frame.loc[frame[date_column].notna() & frame[list(dimensions)].notna().all(axis=1)]
    labels = [rows[d].astype("string").astype(str) for d in dimensions]
    groups = rows.groupby(labels, sort=False).indices
    calendar = total.index
    for values in keys:
        where = {d: (v,) for d, v in zip(dimensions, values, strict=True)}
        positions = groups.get(values)
        if positions is None and len(values) == 1:  # pandas keys one grouper by its value
            positions = groups.get(values[0])
        if positions is None:  # no dated rows: let the one-series path say why
            series, _, promotions = metric_inputs(frame, mapping, metric, where, settings)
        else:
            segment = rows.iloc[positions]
            summed = segment.groupby(date_column, sort=True)[metric].sum(min_count=1)
            series = summed.reindex(calendar).astype(float)
            series.index.name = "date"
            promotions = None
            if settings.promotions:
                promotions = promotion_history(segment, mapping, {}, calendar, settings.regressors)
        jobs.append(
            SeriesJob(label_of(values), where, series, promotions, frequency, settings, metric)
        )
    return jobs
