"""The choice among forecasting families: every candidate backtested from the same cut-offs,
the combination of the best two or three (the mean of their forecasts), the winner by
backtest MASE over the user's horizon, and its bands calibrated on its backtest errors
(split conformal: the empirical quantiles of the errors in units of the raw band)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analytics.forecast.backtest import (
    ERROR_BANDS,
    Forecaster,
    rolling_origin,
    score_columns,
    score_points,
)
from analytics.forecast.intervals import (
    COLUMNS,
    conformal_factor,
    conformal_scores,
    scaled_bands,
    scaled_bounds,
)
from analytics.forecast.results import BacktestScore, Calibration, Candidate, ForecastSettings

COMBINED = (3, 2)  # the combination averages the best three, or two when that backtests better
COMBINATION = "combination"
LEVELS = {"80": 0.80, "95": 0.95}
# A normal tail's 95% half-width over its 80% one (about 1.53).
NORMAL_95_OVER_80 = float(
    stats.norm.ppf(0.5 + LEVELS["95"] / 2) / stats.norm.ppf(0.5 + LEVELS["80"] / 2)
)


@dataclass(frozen=True)
class Family:
    """A candidate: its name, a readable label (ETS(A,Ad,N), ARIMA(1,1,1)...), how it
    forecasts from any history and its one-step fitted values over a whole history."""

    name: str
    label: str
    forecaster: Forecaster
    fitted: Callable[[pd.Series], pd.Series | None]
    backtest: BacktestScore | None = None  # when already run from the same cut-offs


@dataclass(frozen=True)
class Choice:
    """Every candidate's backtest, the winner and the families it forecasts with."""

    winner: str
    members: tuple[str, ...]  # the winner's families (several for the combination)
    candidates: tuple[Candidate, ...]
    backtest: BacktestScore


def rank_key(score: BacktestScore) -> float:
    """Lower is better: backtest MASE, MAE relative to the naive's when MASE is undefined."""
    if score.mase is not None:
        return score.mase
    return score.mae / score.naive_mae if score.naive_mae else np.inf


def choose(
    y: pd.Series,
    frequency: str,
    settings: ForecastSettings,
    families: Sequence[Family],
    minimum: int,
) -> Choice | None:
    """Backtest every family from the same cut-offs and add the combination; None when no
    family could be backtested."""
    scores: dict[str, BacktestScore] = {}
    for family in families:
        score = family.backtest or rolling_origin(
            y, frequency, settings, [], minimum, family.forecaster
        )
        if score is not None:
            scores[family.name] = score
    if not scores:
        return None
    ranked = sorted(scores, key=lambda name: rank_key(scores[name]))
    members_of = {name: (name,) for name in ranked}
    combined = _best_combination(ranked, scores, settings.horizon)
    if combined is not None:
        members, score = combined
        scores[COMBINATION], members_of[COMBINATION] = score, members
    winner = min(scores, key=lambda name: rank_key(scores[name]))
    labels = {family.name: family.label for family in families}
    labels[COMBINATION] = " + ".join(labels[m] for m in members_of.get(COMBINATION, ()))
    candidates = tuple(
        Candidate(name, labels[name], scores[name].mase, scores[name].mae)
        for name in sorted(scores, key=lambda name: rank_key(scores[name]))
    )
    return Choice(winner, members_of[winner], candidates, scores[winner])


def _best_combination(
    ranked: list[str], scores: dict[str, BacktestScore], horizon: int
) -> tuple[tuple[str, ...], BacktestScore] | None:
    """The mean of the best three (or two) candidates' backtest forecasts, scored on the points
    they share; the better of the two sizes."""
    best = None
    for size in COMBINED:
        if len(ranked) < size:
            continue
        members = tuple(ranked[:size])
        score = _combined_score([scores[m].errors for m in members], horizon)
        if score is not None and (best is None or rank_key(score) < rank_key(best[1])):
            best = (members, score)
    return best


def _combined_score(frames: list[pd.DataFrame], horizon: int) -> BacktestScore | None:
    columns = list(ERROR_BANDS)
    if all(_same_points(frames[0], f) for f in frames[1:]):
        first = frames[0]
        combined = {"index": first.index, **{n: first[n].to_numpy() for n in first.columns}}
        for name in columns:
            combined[name] = sum(f[name].to_numpy() for f in frames) / len(frames)
        return score_columns(combined, horizon)
    keyed = [f.set_index("origin", append=True) for f in frames]
    shared = keyed[0].index
    for frame in keyed[1:]:
        shared = shared.intersection(frame.index)
    if shared.empty:
        return None
    combined = keyed[0].loc[shared].copy()
    combined[columns] = mean_tables([f.loc[shared, columns] for f in keyed])
    return score_points([combined.reset_index("origin")], horizon)


def _same_points(one: pd.DataFrame, other: pd.DataFrame) -> bool:
    """Whether two backtests scored the same periods from the same cut-offs, row for row."""
    return one.index.equals(other.index) and np.array_equal(
        one["origin"].to_numpy(), other["origin"].to_numpy()
    )


def mean_tables(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The members' forecasts and bounds averaged period by period."""
    return sum(t.to_numpy() for t in tables) / len(tables) if tables else None


def calibration(
    errors: pd.DataFrame, nonnegative: bool, events: pd.Series | None = None
) -> Calibration | None:
    """Conformal factors for the 80% and 95% bands from the backtest errors, with the coverage
    they give on each cut-off when calibrated on the other cut-offs only (an honest estimate,
    not the in-sample one) and the bands' mean width relative to the actual values.

    With ``events`` (True on festival and promotion periods) quiet and eventful periods get
    factors of their own, each from its own kind's errors (Mondrian conformal): a festival's
    misses do not widen the band of an ordinary week, nor do quiet weeks narrow a festival's."""
    scores = conformal_scores(errors)
    on_event = eventful(errors, events)
    factors = _factors(scores, on_event)
    if factors is None:
        return None
    origins = errors["origin"].to_numpy()
    actual, mid = errors["actual"].to_numpy(dtype=float), errors["forecast"].to_numpy(dtype=float)
    raw = errors["lo95"].to_numpy(dtype=float), errors["hi95"].to_numpy(dtype=float)

    def bounds(rows: np.ndarray, found: dict, name: str) -> tuple[np.ndarray, np.ndarray]:
        factor = _per_row(found, on_event[rows])[name]
        return scaled_bounds(mid[rows], raw[0][rows], raw[1][rows], factor, nonnegative)

    held = {name: np.zeros(len(actual), dtype=bool) for name in LEVELS}
    for origin in np.unique(origins):
        inside = origins == origin
        fold = _factors(scores[~inside], on_event[~inside])
        if fold is None or len(np.unique(origins)) < 2:
            fold = factors
        for name in LEVELS:
            low, high = bounds(inside, fold, name)
            held[name][inside] = (actual[inside] >= low) & (actual[inside] <= high)
    everywhere = np.ones(len(actual), dtype=bool)
    widths = {name: np.subtract(*bounds(everywhere, factors, name)[::-1]) for name in LEVELS}
    level = float(np.abs(errors["actual"]).mean()) or 1.0
    quiet, event = factors.get("quiet", {}), factors.get("event", {})
    return Calibration(
        factor80=factors["80"],
        factor95=factors["95"],
        coverage80=float(held["80"].mean()),
        coverage95=float(held["95"].mean()),
        width80=float(widths["80"].mean() / level),
        width95=float(widths["95"].mean() / level),
        points=int(np.isfinite(scores).sum()),
        quiet80=quiet.get("80"),
        quiet95=quiet.get("95"),
        event80=event.get("80"),
        event95=event.get("95"),
    )


CLASS_MIN_POINTS = 30  # quiet or event periods get factors of their own from this many scores


def eventful(table: pd.DataFrame, events: pd.Series | None) -> np.ndarray:
    """True where a row (a backtest point, a forecast period) falls on a festival or
    promotion period."""
    if events is None:
        return np.zeros(len(table), dtype=bool)
    return events.reindex(table.index).fillna(False).to_numpy(dtype=bool)


def _factors(scores: np.ndarray, eventful: np.ndarray) -> dict | None:
    """The pooled factors per level and, when there are both kinds of periods, the quiet and
    the eventful periods' own ({"quiet": {...}, "event": {...}}) where a kind has enough
    points."""
    pooled = _level_factors(scores)
    if pooled is None or not eventful.any() or eventful.all():
        return pooled
    for kind, rows in (("quiet", ~eventful), ("event", eventful)):
        own = _level_factors(scores[rows])
        if own is not None and np.isfinite(scores[rows]).sum() >= CLASS_MIN_POINTS:
            pooled[kind] = own
    return pooled


def _level_factors(scores: np.ndarray) -> dict | None:
    """The 80% factor, and the 95% one no narrower than a normal tail from the 80% one: the
    95% quantile rests on the few largest of correlated scores, the 80% one on many more."""
    f80 = conformal_factor(scores, LEVELS["80"])
    f95 = conformal_factor(scores, LEVELS["95"])
    if f80 is None or f95 is None or not (np.isfinite(f80) and np.isfinite(f95)):
        return None
    return {"80": f80, "95": max(f95, f80 * NORMAL_95_OVER_80)}


def _per_row(factors: dict, eventful: np.ndarray) -> dict[str, np.ndarray | float]:
    """Each row's factor per level: its kind's own (quiet or event) where there is one, else
    the pooled one."""
    quiet, event = factors.get("quiet", factors), factors.get("event", factors)
    return {name: np.where(eventful, event[name], quiet[name]) for name in LEVELS}


def row_factors(found: Calibration, eventful: np.ndarray) -> dict[str, np.ndarray | float]:
    """The calibrated factors of each row of a table (``eventful`` True on event periods)."""
    factors: dict = {"80": found.factor80, "95": found.factor95}
    if found.quiet95 is not None:
        factors["quiet"] = {"80": found.quiet80, "95": found.quiet95}
    if found.event95 is not None:
        factors["event"] = {"80": found.event80, "95": found.event95}
    return _per_row(factors, eventful)


def calibrated_table(
    table: pd.DataFrame,
    found: Calibration | None,
    nonnegative: bool,
    events: pd.Series | None = None,
) -> pd.DataFrame:
    """The forecast's bands rebuilt from its raw 95% band with the conformal factors (the
    quiet ones on periods without festival or promotion); the spread of cumulative demand
    scaled with the 95% band."""
    if found is None:
        return table
    factors = row_factors(found, eventful(table, events))
    out = scaled_bands(table, factors, nonnegative)
    if "cum_sd" in table:
        out["cum_sd"] = table["cum_sd"] * factors["95"]
    return out


def cumulative_sd_from_band(table: pd.DataFrame) -> np.ndarray:
    """Standard deviation of cumulative demand from the 95% band, errors taken as independent
    (for families without an error model of their own)."""
    sd = (table["hi95"] - table["lo95"]).to_numpy() / (2 * stats.norm.ppf(0.975))
    return np.sqrt(np.cumsum(sd**2))


def combined_forecast(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The members' final forecasts averaged (bounds too), for the combination's forecast."""
    frame = pd.DataFrame(mean_tables([t[COLUMNS] for t in tables]), columns=COLUMNS)
    frame.index = tables[0].index
    return frame
