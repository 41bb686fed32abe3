"""A geo test: the treated markets against a synthetic control of the untreated ones, with
95% intervals and a p-value from placebo tests (conformal inference by permutation).

Placebos: every untreated market (or, with k treated markets, random groups of k) given the
same window with the other untreated markets as donors ("in space"), and the treated markets
themselves in earlier windows of the same length ("in time"). Their relative errors are the
distribution of what the method gets wrong when nothing happened; the intervals are the
estimate minus their conformal 97.5% and 2.5% order statistics, the p-value twice the smaller
share of them on either side of the estimate (equal-tailed, so it agrees with the interval).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments.abtest import require_column
from analytics.experiments.geo_results import GeoDay, GeoResult
from analytics.experiments.synthetic import SyntheticFit, fit_synthetic

MIN_PRE_PERIODS = 28
MIN_PLACEBOS = 5
MOST_SPACE_PLACEBOS = 40
SHOWN_WEIGHT = 0.001


@dataclass(frozen=True)
class GeoPanel:
    """The metric per day (rows) and location (columns)."""

    dates: pd.DatetimeIndex
    values: np.ndarray
    locations: tuple[str, ...]

    def columns(self, names: tuple[str, ...]) -> np.ndarray:
        return np.array([self.locations.index(name) for name in names], dtype=int)


@dataclass(frozen=True)
class Placebos:
    """Relative errors per day (rows: placebos; columns: days of the window)."""

    daily: np.ndarray
    in_space: int
    in_time: int


def geo_panel(frame: pd.DataFrame, metric: str, location: str, date: str) -> GeoPanel:
    """Totals of ``metric`` per period (day or week, as the data has them) and location;
    locations with gaps cannot be donors."""
    for column in (metric, location, date):
        require_column(frame, column)
    days = pd.to_datetime(frame[date], errors="coerce").dt.normalize()
    values = pd.to_numeric(frame[metric], errors="coerce")
    names = frame[location].astype("string").str.strip()
    rows = pd.DataFrame({"day": days, "location": names, "value": values}).dropna()
    table = rows.pivot_table(index="day", columns="location", values="value", aggfunc="sum")
    step = period_step(table.index)
    if step is not None:  # regular days or weeks: a missing date becomes a gap
        table = table.reindex(pd.date_range(table.index.min(), table.index.max(), freq=step))
    return GeoPanel(table.index, table.to_numpy(float), tuple(str(c) for c in table.columns))


def period_step(dates: pd.DatetimeIndex) -> pd.Timedelta | None:
    """The data's period when it is regular (days, weeks), else None (months)."""
    steps = pd.Series(dates).diff().dropna()
    if steps.empty:
        return None
    step = steps.mode().iloc[0]
    regular = (steps % step == pd.Timedelta(0)).all()
    return step if regular or step == pd.Timedelta(days=1) else None


def geo_test(
    frame: pd.DataFrame,
    *,
    metric: str,
    location: str,
    date: str,
    treated: tuple[str, ...],
    start: str,
    end: str,
    augment: bool | None = None,
    seed: int = 0,
) -> GeoResult:
    """The effect of a campaign run in the ``treated`` locations from ``start`` to ``end``."""
    panel = geo_panel(frame, metric, location, date)
    first, last = window_rows(panel, start, end)
    treated_idx, donor_idx = split_locations(panel, treated, last)
    target = panel.values[: last + 1, treated_idx].mean(axis=1)
    donors = panel.values[: last + 1][:, donor_idx]
    fit = fit_synthetic(target[:first], donors[:first], augment)
    counterfactual = fit.predict(donors)
    placebos = placebo_errors(panel, treated_idx, donor_idx, first, last, augment, seed)
    return _result(
        panel, metric, treated, first, last, target, counterfactual, fit, donor_idx, placebos
    )


def window_rows(panel: GeoPanel, start: str, end: str) -> tuple[int, int]:
    """Row positions of the window's first and last day, with enough pre-period before it."""
    try:
        first_day, last_day = pd.Timestamp(start), pd.Timestamp(end)
    except ValueError:
        raise UserInputError(
            f"The window {start} to {end} is not two dates (use YYYY-MM-DD).",
            code="geo_bad_dates",
        ) from None
    data_start, data_end = panel.dates[0].date(), panel.dates[-1].date()
    first = int(panel.dates.searchsorted(first_day))
    if first_day > last_day or last_day > panel.dates[-1] or first < MIN_PRE_PERIODS:
        raise UserInputError(
            f"The window {first_day.date()} to {last_day.date()} must lie inside the data "
            f"({data_start} to {data_end}) with at least {MIN_PRE_PERIODS} periods (days, weeks) "
            "of data before it.",
            code="geo_window_outside",
            start=str(first_day.date()),
            end=str(last_day.date()),
            data_start=str(data_start),
            data_end=str(data_end),
            days=MIN_PRE_PERIODS,
        )
    return first, int(panel.dates.searchsorted(last_day, side="right")) - 1


def split_locations(
    panel: GeoPanel, treated: tuple[str, ...], last: int
) -> tuple[np.ndarray, np.ndarray]:
    """Columns of the treated locations and of the donors (untreated, without gaps)."""
    unknown = [name for name in treated if name not in panel.locations]
    if not treated or unknown:
        raise UserInputError(
            f"Treated locations not in the file: {', '.join(unknown) or '(none given)'}; "
            f"its locations: {', '.join(panel.locations[:20])}.",
            code="geo_unknown_treated",
            names=", ".join(unknown),
        )
    treated_idx = panel.columns(treated)
    complete = ~np.isnan(panel.values[: last + 1]).any(axis=0)
    if not complete[treated_idx].all():
        raise UserInputError(
            "A treated location has days without a value before the window ends: fill them "
            "or leave that location out.",
            code="geo_treated_gaps",
        )
    donors = np.array(
        [i for i in range(len(panel.locations)) if complete[i] and i not in set(treated_idx)]
    )
    if len(donors) < 2:
        raise UserInputError(
            "A synthetic control needs at least 2 untreated locations with a value every day.",
            code="geo_too_few_controls",
        )
    return treated_idx, donors


def placebo_errors(
    panel: GeoPanel,
    treated_idx: np.ndarray,
    donor_idx: np.ndarray,
    first: int,
    last: int,
    augment: bool | None,
    seed: int,
) -> Placebos:
    """Relative daily errors of the synthetic control where nothing happened."""
    length = last - first + 1
    rows = []
    for group in _space_groups(donor_idx, len(treated_idx), seed):
        others = np.setdiff1d(donor_idx, group)
        rows.append(_window_error(panel, group, others, first, length, augment))
    in_space = len(rows)
    begin = first - length
    while begin >= max(MIN_PRE_PERIODS, length):
        rows.append(_window_error(panel, treated_idx, donor_idx, begin, length, augment))
        begin -= length
    if len(rows) < MIN_PLACEBOS:
        raise UserInputError(
            f"Too few placebo tests ({len(rows)}) for intervals: add untreated locations or "
            "history before the window.",
            code="geo_too_few_placebos",
            count=len(rows),
        )
    return Placebos(np.array(rows), in_space, len(rows) - in_space)


def _space_groups(donor_idx: np.ndarray, size: int, seed: int) -> list[np.ndarray]:
    """Every donor alone, or random groups of ``size`` donors (leaving at least 2 donors)."""
    if len(donor_idx) - size < 2:
        return []
    if size == 1:
        return [np.array([i]) for i in donor_idx[:MOST_SPACE_PLACEBOS]]
    rng = np.random.default_rng(seed)
    return [rng.choice(donor_idx, size, replace=False) for _ in range(MOST_SPACE_PLACEBOS)]


def _window_error(
    panel: GeoPanel, group: np.ndarray, donors: np.ndarray, first: int, length: int,
    augment: bool | None,
) -> np.ndarray:  # fmt: skip
    """A placebo's daily errors in the window, relative to its counterfactual's mean there."""
    target = panel.values[: first + length, group].mean(axis=1)
    x = panel.values[: first + length][:, donors]
    fit = fit_synthetic(target[:first], x[:first], augment)
    predicted = fit.predict(x[first:])
    return (target[first:] - predicted) / _level(predicted)


def _level(values: np.ndarray) -> float:
    mean = float(np.mean(np.abs(values)))
    return mean if mean > 0 else 1.0


def _result(
    panel: GeoPanel,
    metric: str,
    treated: tuple[str, ...],
    first: int,
    last: int,
    target: np.ndarray,
    counterfactual: np.ndarray,
    fit: SyntheticFit,
    donor_idx: np.ndarray,
    placebos: Placebos,
) -> GeoResult:
    k = len(treated)
    actual, synthetic = target * k, counterfactual * k
    window = slice(first, last + 1)
    effect = actual[window] - synthetic[window]
    level = _level(synthetic[window])
    total_cf = float(synthetic[window].sum())
    rel = float(effect.sum() / total_cf) if total_cf else float("nan")
    totals = placebos.daily.sum(axis=1) * level
    abs_effect = float(effect.sum())
    abs_ci = _interval(abs_effect, totals)
    return GeoResult(
        metric=metric,
        treated=tuple(treated),
        start=str(panel.dates[first].date()),
        end=str(panel.dates[last].date()),
        actual=float(actual[window].sum()),
        counterfactual=total_cf,
        abs_effect=abs_effect,
        abs_effect_ci=abs_ci,
        rel_effect=rel,
        rel_effect_ci=(abs_ci[0] / total_cf, abs_ci[1] / total_cf) if total_cf else abs_ci,
        p_value=equal_tailed_p(abs_effect, totals),
        weights=_weights(panel, donor_idx, fit),
        pre_rmse=fit.pre_rmse * k,
        pre_r2=fit.pre_r2,
        augmented=fit.augmented,
        placebos_in_space=placebos.in_space,
        placebos_in_time=placebos.in_time,
        days=_days(panel, first, last, actual, synthetic, placebos.daily * level),
    )


def equal_tailed_p(estimate: float, errors: np.ndarray) -> float:
    """Twice the smaller share of placebo errors on either side of the estimate (each count
    with the estimate itself), so p < 0.05 where the interval excludes zero."""
    above = (1 + np.sum(errors >= estimate)) / (1 + len(errors))
    below = (1 + np.sum(errors <= estimate)) / (1 + len(errors))
    return float(min(1.0, 2 * min(above, below)))


def error_bounds(errors: np.ndarray) -> tuple[float, float]:
    """The conformal 2.5% and 97.5% order statistics of K placebo errors: the
    ⌈0.975(K + 1)⌉-th smallest and its mirror (the extremes below 39 placebos)."""
    ordered = np.sort(errors)
    k = len(ordered)
    high = min(k - 1, int(np.ceil(0.975 * (k + 1))) - 1)
    return (float(ordered[k - 1 - high]), float(ordered[high]))


def _interval(estimate: float, errors: np.ndarray) -> tuple[float, float]:
    """estimate − the placebo errors' conformal bounds: the interval excludes zero exactly
    where the equal-tailed p is below 0.05."""
    low_error, high_error = error_bounds(errors)
    return (estimate - high_error, estimate - low_error)


def _weights(
    panel: GeoPanel, donor_idx: np.ndarray, fit: SyntheticFit
) -> tuple[tuple[str, float], ...]:
    total = fit.weights + fit.ridge
    shown = [
        (panel.locations[i], float(w))
        for i, w in zip(donor_idx, total, strict=True)
        if abs(w) >= SHOWN_WEIGHT
    ]
    return tuple(sorted(shown, key=lambda item: -item[1]))


def _days(
    panel: GeoPanel,
    first: int,
    last: int,
    actual: np.ndarray,
    synthetic: np.ndarray,
    errors: np.ndarray,
) -> tuple[GeoDay, ...]:
    days = [
        GeoDay(str(panel.dates[i].date()), float(actual[i]), float(synthetic[i]), False)
        for i in range(first)
    ]
    cumulative = 0.0
    cumulative_errors = np.cumsum(errors, axis=1)
    for step, i in enumerate(range(first, last + 1)):
        effect = float(actual[i] - synthetic[i])
        cumulative += effect
        days.append(
            GeoDay(
                str(panel.dates[i].date()),
                float(actual[i]),
                float(synthetic[i]),
                True,
                _interval(effect, errors[:, step]),
                cumulative,
                _interval(cumulative, cumulative_errors[:, step]),
            )
        )
    return tuple(days)
