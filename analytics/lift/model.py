"""Campaign lift: a counterfactual baseline for the campaign window from a SARIMAX model fitted
on the pre-period, with intervals from simulated paths that include parameter uncertainty."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import t as student_t
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.statespace.sarimax import SARIMAX
from threadpoolctl import threadpool_limits

from analytics.calendar import festival_regressors
from analytics.errors import UserInputError
from analytics.ingest.roles import CAMPAIGN, DIMENSION, PROMO_FLAG, Mapping
from analytics.periods import infer_frequency, period_offset
from analytics.selection import (
    Campaign,
    Where,
    check_column,
    metric_series,
    row_number,
    rows_where,
    segments_overlap,
)

# "R": the rows of a file without dates, taken as a regular sequence with no calendar.
ROWS = "R"
# Recommended pre-period; shorter ones are fitted with a warning.
MIN_PRE_PERIODS = {"D": 56, "W": 26, "M": 24, ROWS: 30}
# Too little to fit at all: twice the parameters of the smallest baseline (constant, trend,
# weekday dummies for daily data, two ARMA terms and the error variance), and three weekly cycles.
FIT_MIN_PRE_PERIODS = {"D": 22, "W": 10, "M": 10, ROWS: 10}
MAX_PRE_PERIODS = {"D": 365, "W": 156, "M": 60, ROWS: 365}
SEASON = {"D": 7, "W": 0, "M": 12, ROWS: 0}
UNITS = {"D": "days", "W": "weeks", "M": "months", ROWS: "rows"}
ORDERS = ((1, 0, 0), (1, 0, 1), (2, 0, 0))
MAX_CONTROLS = 5
# Forward selection keeps a control that cuts the holdout error by SELECTION_GAIN, more when it
# was the best of more than FEW_CANDIDATES tries (see _required_ratio).
SELECTION_GAIN = 0.03
FEW_CANDIDATES = 8
PARAMETER_DRAWS = 20
PATHS_PER_DRAW = 50
# A festival enters the baseline when the fitted pre-period holds at least this many of its
# periods (one is enough for the one-day festivals: a year of history holds one of each).
MIN_FESTIVAL_PERIODS = 1
CONTROL_CHECK_LEVEL = 0.05
MAX_PEERS = 12


@dataclass(frozen=True)
class Notice:
    """A warning about an estimate: a code and parameters (for translation) and the English
    sentence the command line prints."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "params": dict(self.params)}


@dataclass(frozen=True)
class ControlCheck:
    """Did a control series move during the window? Its window mean against its own forecast
    from the pre-period (weekday, trend, festivals), judged against how much means of windows
    of the same length wander in the pre-period."""

    name: str
    shift: float
    p_value: float
    moved: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Spec:
    """A baseline specification. ``controls``: "auto" (forward selection), "none", or "best"
    (the single best candidate even when it does not beat none); ``order``: the ARMA order
    (None: by AIC); ``log``: the scale (None: log when every value is positive)."""

    controls: str = "auto"
    order: tuple[int, int, int] | None = None
    log: bool | None = None


@dataclass(frozen=True)
class LiftInputs:
    """Everything a fit needs, as plain series (small, so it can go to a worker process)."""

    series: pd.Series
    start: pd.Timestamp
    end: pd.Timestamp
    frequency: str
    candidates: pd.DataFrame
    busy: pd.Series | None = None
    promo: pd.Series | None = None
    metric: str = "y"
    campaign: str | None = None
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LiftResult:
    """What a campaign added over its counterfactual baseline, summed over the window."""

    metric: str
    campaign: str | None
    start: str
    end: str
    segment: dict[str, list[str]]
    pre_start: str
    pre_end: str
    actual: float
    baseline: float
    abs_effect: float
    abs_effect_ci: tuple[float, float]
    rel_effect: float
    rel_effect_ci: tuple[float, float]
    p_value: float
    pre_mape: float
    order: tuple[int, int, int]
    controls: dict[str, float]
    warnings: tuple[str, ...]
    daily: pd.DataFrame = field(repr=False, compare=False)
    notices: tuple[Notice, ...] = ()
    festivals: tuple[str, ...] = ()
    control_checks: tuple[ControlCheck, ...] = ()
    pre_periods: int = 0
    missing_periods: int = 0
    log_scale: bool = True
    frequency: str = "D"
    # Share of the simulated cumulative effects above zero (CausalImpact's posterior
    # probability of a positive effect); ``probability`` is the two-sided 1 − p.
    probability_positive: float = float("nan")

    @property
    def probability(self) -> float:
        """Probability that the cumulative effect is real (not chance), 1 − p."""
        return 1.0 - self.p_value

    def to_dict(self) -> dict[str, Any]:
        # Without dates the window is given and reported as row numbers.
        point = int if self.frequency == ROWS else str
        return {
            "metric": self.metric,
            "campaign": self.campaign,
            "start": point(self.start),
            "end": point(self.end),
            "segment": self.segment,
            "pre_start": point(self.pre_start),
            "pre_end": point(self.pre_end),
            "actual": self.actual,
            "baseline": self.baseline,
            "abs_effect": self.abs_effect,
            "abs_effect_ci": list(self.abs_effect_ci),
            "rel_effect": self.rel_effect,
            "rel_effect_ci": list(self.rel_effect_ci),
            "p_value": self.p_value,
            "pre_mape": self.pre_mape,
            "order": list(self.order),
            "controls": self.controls,
            "warnings": list(self.warnings),
            "notices": [n.to_dict() for n in self.notices],
            "festivals": list(self.festivals),
            "control_checks": [c.to_dict() for c in self.control_checks],
            "pre_periods": self.pre_periods,
            "missing_periods": self.missing_periods,
            "log_scale": self.log_scale,
            "frequency": self.frequency,
            "probability_positive": self.probability_positive,
        }


def estimate_lift(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    where: Where,
    *,
    campaign: str | None = None,
    controls: str | tuple[str, ...] = "auto",
    seed: int = 0,
    others: Sequence[Campaign] | None = None,
    frequency: str | None = None,
) -> LiftResult:
    """Lift of ``metric`` over [start, end] in the segment ``where`` (all rows if empty).

    ``others``: the campaigns of an uploaded campaign table (instead of the campaign column),
    whose periods are left out of the fit; ``frequency``: overrides the inferred one."""
    inputs = prepare_lift(
        frame, mapping, metric, start, end, where,
        campaign=campaign, controls=controls, others=others, frequency=frequency,
    )  # fmt: skip
    return fit_inputs(inputs, seed=seed)


def prepare_lift(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    where: Where,
    *,
    campaign: str | None = None,
    controls: str | tuple[str, ...] = "auto",
    others: Sequence[Campaign] | None = None,
    frequency: str | None = None,
) -> LiftInputs:
    """The series, window, control candidates and periods to leave out, cut from a dataset."""
    series = metric_series(frame, mapping, metric, where)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    frequency = frequency or infer_frequency(series.index.to_numpy()) or "D"
    _check_window(series, start, end)
    if others is None:
        busy = _other_campaign_periods(frame, mapping, where, campaign, series.index)
    else:
        busy = _table_campaign_periods(others, where, campaign, series.index)
    candidates = _control_candidates(frame, mapping, metric, where, start, end, controls, others)
    return LiftInputs(
        series=series,
        start=start,
        end=end,
        frequency=frequency,
        candidates=candidates,
        busy=busy,
        promo=_promo_periods(frame, mapping, where, series.index),
        metric=metric,
        campaign=campaign,
        where={k: tuple(v) for k, v in where.items()},
    )


def fit_inputs(
    inputs: LiftInputs,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    spec: Spec | None = None,
    seed: int = 0,
) -> LiftResult:
    """Fit prepared inputs, on their window or on another one (placebo windows)."""
    return fit_counterfactual(
        inputs.series,
        inputs.start if start is None else start,
        inputs.end if end is None else end,
        inputs.frequency,
        inputs.candidates,
        inputs.busy,
        metric=inputs.metric,
        campaign=inputs.campaign,
        where=inputs.where,
        seed=seed,
        spec=spec,
    )


def fit_counterfactual(
    series: pd.Series,
    start: pd.Timestamp,
    end: pd.Timestamp,
    frequency: str,
    candidates: pd.DataFrame,
    busy: pd.Series | None = None,
    *,
    metric: str = "y",
    campaign: str | None = None,
    where: Where | None = None,
    seed: int = 0,
    spec: Spec | None = None,
) -> LiftResult:
    """The model part, on plain series: ``series`` indexed by period, ``candidates`` the control
    series on the same index, ``busy`` marks pre-period periods to leave out of the fit."""
    spec = spec or Spec()
    step = _step(frequency)
    pre_end = start - step
    pre_start = max(series.index[0], start - MAX_PRE_PERIODS[frequency] * step)
    pre = series.loc[pre_start:pre_end].copy()
    window = series.loc[start:end]
    notes = _mask_busy(pre, window, busy)
    notes += _check_pre(pre, frequency)
    notes += _missing_in(window)
    use_log = _use_log(series.loc[pre_start:end], spec.log)
    index = series.loc[pre_start:end].index
    chosen = _controls_for(pre, candidates.reindex(index), use_log, spec.controls, frequency)
    observed = pre.index[pre.notna().to_numpy()]
    base = _base_design(index, frequency, seasonal=len(observed) >= 2 * SEASON[frequency])
    calendar = _festivals(index, observed, window.index, frequency, len(base.columns))
    notes += _unknown_festivals(index, calendar.columns, observed, window.index, frequency, chosen)
    # Control series live through the same festivals and carry them into the baseline; a
    # festival term on top would estimate a difference from a day or two of history.
    festivals = calendar.iloc[:, :0] if chosen else _independent(calendar, base, observed)
    exog = _design(index, candidates[chosen], base, festivals, use_log)
    y = np.log(pre) if use_log else pre
    with threadpool_limits(1):
        fit = _fit(y, exog.loc[pre.index], spec.order)
        paths = _simulate(fit, exog.loc[window.index], seed)
    checks = _control_checks(
        candidates.reindex(index), chosen, observed, window.index,
        pd.concat([base, calendar], axis=1), use_log,
    )  # fmt: skip
    notes += [_moved_notice(check) for check in checks if check.moved]
    result = _summarise(
        window,
        np.exp(paths) if use_log else paths,
        pre,
        np.exp(fit.fitted) if use_log else fit.fitted,
        fit.order,
        {name: float(fit.beta[f"ctl_{i}"]) for i, name in enumerate(chosen)},
        notes,
        metric=metric,
        campaign=campaign,
        where=where or {},
        pre_start=pre_start,
        pre_end=pre_end,
    )
    return replace(
        result,
        festivals=tuple(festivals.columns),
        control_checks=checks,
        pre_periods=len(observed),
        missing_periods=int(window.isna().sum()),
        log_scale=use_log,
        frequency=frequency,
    )


def _mask_busy(pre: pd.Series, window: pd.Series, busy: pd.Series | None) -> list[Notice]:
    """Blank the pre-period periods when another campaign ran; say if one ran in the window."""
    if busy is None:
        return []
    pre[busy.reindex(pre.index, fill_value=False).to_numpy()] = np.nan
    overlap = int(busy.reindex(window.index, fill_value=False).sum())
    if not overlap:
        return []
    return [
        Notice(
            "overlap",
            f"Another campaign ran in this segment on {overlap} of the window's "
            f"{len(window)} periods: the effect measured here includes it.",
            {"overlap": overlap, "periods": len(window)},
        )
    ]


def _missing_in(window: pd.Series) -> list[Notice]:
    missing = int(window.isna().sum())
    if not missing:
        return []
    return [
        Notice(
            "missing",
            f"{missing} of the window's {len(window)} periods have no data; "
            "they are left out of the sums.",
            {"missing": missing, "periods": len(window)},
        )
    ]


def _controls_for(
    pre: pd.Series, candidates: pd.DataFrame, use_log: bool, mode: str, frequency: str
) -> list[str]:
    """The controls to use; periods when one of them had its own campaign are blanked in the
    pre-period (unless that leaves too little to fit, and then no controls are used)."""
    chosen = _select_controls(pre, candidates, use_log, mode)
    blank = candidates.reindex(pre.index)[chosen].isna().any(axis=1).to_numpy()
    if not chosen or (pre.notna().to_numpy() & ~blank).sum() < FIT_MIN_PRE_PERIODS[frequency]:
        return []
    pre[blank] = np.nan
    return chosen


def as_row_numbers(result: LiftResult) -> LiftResult:
    """A result on a file without dates, with its stand-in dates turned back into row numbers."""
    daily = result.daily.copy()
    daily.index = pd.Index([row_number(p) for p in daily.index], name="row")
    return replace(
        result,
        start=str(row_number(result.start)),
        end=str(row_number(result.end)),
        pre_start=str(row_number(result.pre_start)),
        pre_end=str(row_number(result.pre_end)),
        daily=daily,
    )


def _step(frequency: str) -> pd.DateOffset:
    return period_offset("D" if frequency == ROWS else frequency)


def _use_log(values: pd.Series, wanted: bool | None) -> bool:
    positive = bool((values.dropna() > 0).all())
    if wanted and not positive:
        raise UserInputError(
            "The log scale needs positive values, and this series has zeros or negatives: "
            "use the level scale.",
            code="lift_log_needs_positive",
        )
    return positive if wanted is None else wanted


def _check_window(series: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> None:
    first, last = series.index[0], series.index[-1]
    if end < start:
        raise UserInputError(
            "The window ends before it starts: swap the start and end dates.",
            code="lift_window_reversed",
        )
    if start <= first or end > last:
        raise UserInputError(
            f"The window {start:%Y-%m-%d} to {end:%Y-%m-%d} is outside the data "
            f"({first:%Y-%m-%d} to {last:%Y-%m-%d}): choose dates inside it, after the first.",
            code="lift_window_outside",
            start=f"{start:%Y-%m-%d}",
            end=f"{end:%Y-%m-%d}",
            first=f"{first:%Y-%m-%d}",
            last=f"{last:%Y-%m-%d}",
        )


def _check_pre(pre: pd.Series, frequency: str) -> list[Notice]:
    """Too little history to fit is an error saying what is needed; less than recommended is a
    warning saying what is recommended."""
    needed, recommended = FIT_MIN_PRE_PERIODS[frequency], MIN_PRE_PERIODS[frequency]
    have = int(pre.notna().sum())
    unit = UNITS[frequency]
    params = {"have": have, "needed": needed, "recommended": recommended, "unit": unit}
    if have < needed:
        raise UserInputError(
            f"Only {have} {unit} of data before the campaign: the baseline cannot be fitted on "
            f"fewer than {needed} and needs at least {recommended} for a reliable estimate. "
            "Upload a longer history or pick a later campaign.",
            code="lift_pre_too_short",
            **params,
        )
    if have < recommended:
        return [
            Notice(
                "short_pre",
                f"Only {have} {unit} of data before the window: the baseline was fitted, but at "
                f"least {recommended} are recommended, so read its interval with care.",
                params,
            )
        ]
    return []


def _other_campaign_periods(
    frame: pd.DataFrame, mapping: Mapping, where: Where, campaign: str | None, index: pd.Index
) -> pd.Series:
    """Periods when another campaign ran in the segment: not 'business as usual'."""
    columns = mapping.columns(CAMPAIGN)
    if not columns or mapping.date_column is None:
        return pd.Series(False, index=index)
    labels = frame[columns[0]].astype("string").str.strip()
    mask = rows_where(frame, where) & labels.notna().to_numpy() & (labels != "").to_numpy()
    if campaign is not None:
        mask &= (labels != campaign).fillna(True).to_numpy()
    dates = pd.DatetimeIndex(frame.loc[mask, mapping.date_column].dropna().unique())
    return pd.Series(index.isin(dates), index=index)


def _table_campaign_periods(
    others: Sequence[Campaign], where: Where, campaign: str | None, index: pd.DatetimeIndex
) -> pd.Series:
    """Periods when another campaign of a campaign table ran in a segment overlapping this one."""
    busy = np.zeros(len(index), dtype=bool)
    for other in others:
        if other.name != campaign and segments_overlap(other.segment, where):
            busy |= np.asarray((index >= other.start) & (index <= other.end))
    return pd.Series(busy, index=index)


def _promo_periods(
    frame: pd.DataFrame, mapping: Mapping, where: Where, index: pd.Index
) -> pd.Series | None:
    """Periods with a promotion flag set in the segment (placebo windows avoid them)."""
    flags = mapping.columns(PROMO_FLAG)
    if not flags or mapping.date_column is None:
        return None
    rows = rows_where(frame, where) & (frame[flags[0]].fillna(0) > 0).to_numpy()
    dates = pd.DatetimeIndex(frame.loc[rows, mapping.date_column].dropna().unique())
    return pd.Series(index.isin(dates), index=index)


def _control_candidates(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    start: pd.Timestamp,
    end: pd.Timestamp,
    controls: str | tuple[str, ...],
    others: Sequence[Campaign] | None = None,
) -> pd.DataFrame:
    """Untouched segments: for each filtered dimension, each value the campaign did not target
    (the other filters kept), unless a campaign ran there during the window. Periods when a
    campaign ran in a candidate before the window are blanked: its own lift is not a baseline."""
    if isinstance(controls, tuple):
        for column in controls:
            check_column(frame, column, "control")
        return pd.DataFrame({c: metric_series(frame, mapping, c, where) for c in controls})
    if controls == "none" or not where:
        return pd.DataFrame(index=metric_series(frame, mapping, metric, where).index)
    candidates = {}
    for column, treated in where.items():
        if column not in mapping.columns(DIMENSION):
            continue
        for value in sorted(set(frame[column].dropna().astype(str)) - set(treated)):
            control_where = {**where, column: (value,)}
            series = metric_series(frame, mapping, metric, control_where)
            if others is None:
                busy = _other_campaign_periods(frame, mapping, control_where, None, series.index)
            else:
                busy = _table_campaign_periods(others, control_where, None, series.index)
            if busy.loc[start:end].any():
                continue
            candidates[f"{column}={value}"] = series.mask(busy.to_numpy())
    return pd.DataFrame(candidates)


def _select_controls(
    pre: pd.Series, candidates: pd.DataFrame, use_log: bool, mode: str = "auto"
) -> list[str]:
    """Forward selection of the controls that best predict the last quarter of the pre-period
    from the rest (least squares on levels): the test the baseline itself faces. Few are kept,
    each must also help on an earlier fold and clear a bar that rises with the number of
    candidates, so dozens of candidates and a short pre-period cannot overfit. ``mode`` "best"
    keeps the best single one even when it does not beat no control; "none" keeps none.
    ``candidates`` cover the pre-period and the window; blanks are allowed in the pre-period
    only."""
    if mode == "none":
        return []
    window = candidates.index > pre.index[-1]
    known = candidates.loc[pre.index].notna() & pre.notna().to_numpy()[:, None]
    usable = candidates.columns[
        candidates.loc[window].notna().all()
        & (candidates.fillna(1.0) > 0).all()
        & (known.sum() >= 0.8 * pre.notna().sum())
    ]
    rows = (pre.notna() & candidates.loc[pre.index, usable].notna().all(axis=1)).to_numpy()
    if usable.empty or rows.sum() < 20:
        return []
    target = (np.log(pre) if use_log else pre)[rows].to_numpy()
    scaled = candidates.loc[pre.index, usable][rows]
    scaled = np.log(scaled) if use_log else scaled
    split = int(len(target) * 0.75)
    limit = 1 if mode == "best" else max(1, min(MAX_CONTROLS, int(rows.sum()) // 40))
    chosen: list[str] = []
    best_error = _holdout_error(target, np.ones((len(target), 1)), split)
    while len(chosen) < limit:
        trials = {
            name: _holdout_error(target, _with_constant(scaled[[*chosen, name]]), split)
            for name in scaled.columns
            if name not in chosen
        }
        if not trials:
            break
        name, error = min(trials.items(), key=lambda item: item[1])
        if mode != "best" and (
            error > _required_ratio(len(trials)) * best_error
            or not _improves_earlier(target, scaled, chosen, name, split)
        ):
            break
        chosen.append(name)
        best_error = error
    return chosen


def _improves_earlier(
    target: np.ndarray, scaled: pd.DataFrame, chosen: list[str], name: str, split: int
) -> bool:
    """Does adding ``name`` also help on an earlier fold (fit on the first half, predict the
    third quarter)? The best of dozens of unrelated series wins one holdout by chance, rarely
    two."""
    middle = int(len(target) * 0.5)
    before = _holdout_error(target[:split], _with_constant(scaled[chosen][:split]), middle)
    after = _holdout_error(target[:split], _with_constant(scaled[[*chosen, name]][:split]), middle)
    return after < before


def _required_ratio(tried: int) -> float:
    """How much a control must cut the holdout error to be kept: 3%, and more when it is the
    best of many tries, since the best of dozens of unrelated series beats no control by
    chance (forty random series against a 92-day pre-period did in 11 of 20 trials)."""
    return 1.0 - SELECTION_GAIN * (1.0 + np.log(max(tried, FEW_CANDIDATES) / FEW_CANDIDATES))


def _with_constant(frame: pd.DataFrame) -> np.ndarray:
    return np.column_stack([frame.to_numpy(), np.ones(len(frame))])


def _holdout_error(target: np.ndarray, design: np.ndarray, split: int) -> float:
    beta, *_ = np.linalg.lstsq(design[:split], target[:split], rcond=None)
    return float(np.mean(np.abs(design[split:] @ beta - target[split:])))


def _base_design(index: pd.DatetimeIndex, frequency: str, seasonal: bool) -> pd.DataFrame:
    """Trend and, with at least two seasonal cycles of history, weekday or month dummies."""
    columns = {"trend": np.arange(len(index)) / 365.25}
    period = SEASON[frequency]
    if period and seasonal:
        position = (index.day_of_week if frequency == "D" else index.month - 1).to_numpy()
        for k in range(1, period):
            columns[f"season_{k}"] = (position == k).astype(float)
    return pd.DataFrame(columns, index=index)


def _festivals(
    index: pd.DatetimeIndex, observed: pd.Index, window: pd.Index, frequency: str, parameters: int
) -> pd.DataFrame:
    """Festival regressors the pre-period can estimate: present on at least as many of its
    observed periods as of the window's (a few days of a run-up say little about the rest of
    it), and no more of them than keeps two observations per parameter."""
    if frequency == ROWS:
        return pd.DataFrame(index=index)
    table = festival_regressors(index, frequency)
    seen = (table.loc[observed] > 0).sum()
    inside = (table.loc[window] > 0).sum()
    enough = (seen >= MIN_FESTIVAL_PERIODS) & (seen >= inside)
    usable = seen[enough].sort_values(ascending=False, kind="stable")
    room = max(0, len(observed) // 2 - parameters - 4)
    return table[list(usable.index[:room])]


def _independent(festivals: pd.DataFrame, base: pd.DataFrame, rows: pd.Index) -> pd.DataFrame:
    """Drop festival columns the others already span on the fitted rows (in monthly data a
    run-up and its peak day fall in the same months: one column carries both)."""
    kept: list[str] = []
    design = base.loc[rows].assign(const=1.0).to_numpy()
    rank = np.linalg.matrix_rank(design)
    for name in festivals.columns:
        trial = np.column_stack([design, festivals.loc[rows, name].to_numpy()])
        if np.linalg.matrix_rank(trial) > rank:
            design, rank = trial, rank + 1
            kept.append(name)
    return festivals[kept]


def _unknown_festivals(
    index: pd.DatetimeIndex,
    used: pd.Index,
    observed: pd.Index,
    window: pd.Index,
    frequency: str,
    controls: list[str],
) -> list[Notice]:
    """Festivals inside the window that the baseline could not learn from the pre-period."""
    if frequency == ROWS:
        return []
    table = festival_regressors(index, frequency)
    notes = []
    for name in table.columns:
        inside = int((table.loc[window, name] > 0).sum())
        if not inside or name in used:
            continue
        seen = int((table.loc[observed, name] > 0).sum())
        carried = "unless the control series carry it" if controls else "nor do control series"
        params = {"festival": name, "inside": inside, "periods": len(window)}
        notes.append(
            Notice(
                "festival_unknown",
                f"{name} falls on {inside} of the window's {len(window)} periods but on "
                f"{'too few' if seen else 'none'} of the pre-period's: the baseline cannot know "
                f"its effect ({carried}), so the lift may include it.",
                {**params, "controls": bool(controls)},
            )
        )
    return notes


def _design(
    index: pd.DatetimeIndex,
    controls: pd.DataFrame,
    base: pd.DataFrame,
    festivals: pd.DataFrame,
    use_log: bool,
) -> pd.DataFrame:
    """Controls (on the model's scale) or, without controls, trend and season; festivals."""
    columns = {}
    for i, name in enumerate(controls.columns):
        values = controls[name].reindex(index)
        columns[f"ctl_{i}"] = np.log(values) if use_log else values
    design = pd.DataFrame(columns, index=index)
    if not len(controls.columns):
        design = pd.concat([design, base], axis=1)
    festival_columns = festivals.rename(columns=lambda name: f"fest_{name}")
    return pd.concat([design, festival_columns], axis=1)


def _control_checks(
    candidates: pd.DataFrame,
    chosen: list[str],
    observed: pd.Index,
    window: pd.Index,
    design: pd.DataFrame,
    use_log: bool,
) -> tuple[ControlCheck, ...]:
    """Did a chosen control move during the window? Its window mean against what its usual
    relation to each other candidate series (a peer) predicts, taking the median peer, so one
    peer that moved itself does not make the others look moved; without peers, against its own
    trend, season and festivals. The spread of pre-period means over windows of the same
    length is the yardstick; Bonferroni over the controls."""
    checks = []
    level = CONTROL_CHECK_LEVEL / max(1, len(chosen))
    scale = np.log if use_log else (lambda values: values)
    for name in chosen:
        peers = [
            other
            for other in candidates.columns
            if other != name and candidates.loc[window, other].notna().all()
        ][:MAX_PEERS]
        references = [
            pd.DataFrame({"peer": scale(candidates[peer]), "trend": design["trend"]})
            for peer in peers
        ] or [design]
        found = [
            _level_shift(name, scale(candidates[name]), ref.assign(const=1.0), observed, window,
                         use_log)
            for ref in references
        ]  # fmt: skip
        found = sorted((c for c in found if c is not None), key=lambda c: -c.p_value)
        if found:
            median = found[(len(found) - 1) // 2]
            checks.append(replace(median, moved=median.p_value < level))
    return tuple(checks)


def _level_shift(
    name: str,
    values: pd.Series,
    regressors: pd.DataFrame,
    observed: pd.Index,
    window: pd.Index,
    use_log: bool,
) -> ControlCheck | None:
    """The window's mean residual from a pre-period least-squares fit, as a t-score against
    the spread of the residual's means over windows of the same length in the pre-period,
    widened for the uncertainty of the fitted coefficients carried into the window."""
    pre = values.reindex(observed)
    rows = pre.notna() & regressors.loc[observed].notna().all(axis=1)
    pre = pre[rows]
    design = regressors.loc[pre.index].to_numpy()
    beta, *_ = np.linalg.lstsq(design, pre.to_numpy(), rcond=None)
    residual = (pre - design @ beta).reindex(observed)
    ahead = regressors.loc[window][values.loc[window].notna().to_numpy()]
    inside = values.loc[ahead.index] - ahead @ beta
    length = len(inside)
    if not length or len(pre) < 3 * length:
        return None
    spread = residual.rolling(length, min_periods=max(1, length // 2)).mean().dropna().std()
    if not spread > 0:
        return None
    # Coefficient error: for errors as noisy as the window means, Var(mean x'b) = spread² L h.
    mean_x = ahead.mean().to_numpy()
    leverage = float(mean_x @ np.linalg.pinv(design.T @ design) @ mean_x)
    scale = spread * np.sqrt(1 + length * leverage)
    shift = float(inside.mean())
    # The spread is itself estimated from a few independent windows: Student's t, not normal.
    p_value = float(2 * student_t.sf(abs(shift) / scale, df=max(1, len(pre) // length - 1)))
    relative = float(np.expm1(shift)) if use_log else shift / float(pre.abs().mean())
    return ControlCheck(str(name), relative, p_value, False)


def _moved_notice(check: ControlCheck) -> Notice:
    return Notice(
        "control_moved",
        f"The control series {check.name} moved during the window ({check.shift:+.1%} against "
        f"what its usual relation to the other series predicts, p = {check.p_value:.3f}): if "
        "the campaign reached it, or something else moved it, the baseline moved too and the "
        "effect is misstated; compare the estimate without controls in the robustness check.",
        {"name": check.name, "shift": check.shift, "p": check.p_value},
    )


@dataclass(frozen=True)
class _Fit:
    """Regression on the design (controls, season, constant) with ARMA errors, in two steps:
    least squares for the regression (HAC covariance), then SARIMAX for the errors."""

    beta: pd.Series
    beta_cov: np.ndarray
    arma: SARIMAX
    arma_fit: Any
    order: tuple[int, int, int]
    fitted: pd.Series


def _fit(y: pd.Series, exog: pd.DataFrame, forced: tuple[int, int, int] | None = None) -> _Fit:
    """``forced`` fixes the ARMA order (robustness checks); by default the best by AIC."""
    design = exog.assign(const=1.0)
    rows = y.notna().to_numpy()
    ols = sm.OLS(y[rows], design[rows]).fit(cov_type="HAC", cov_kwds={"maxlags": 7})
    residuals = y - design @ ols.params
    best = None
    for order in ORDERS if forced is None else (forced,):
        model = SARIMAX(residuals.to_numpy(), order=order, trend="n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", UserWarning)
            arma_fit = model.fit(disp=False, maxiter=100)
        if not _well_identified(arma_fit):
            continue
        if best is None or arma_fit.aic < best[1].aic:
            best = (model, arma_fit, order)
    if best is None:
        raise UserInputError(
            "The baseline model could not be fitted on this pre-period: try another metric, "
            "a larger segment or a longer history.",
            code="lift_unfittable",
        )
    _, arma_fit, order = best
    beta, beta_cov = _whitened_regression(y, design, arma_fit)
    # The errors' model runs on the residuals of the final regression, so the paths start from
    # where those residuals end (the first-step residuals would shift them when the two differ).
    model = SARIMAX((y - design @ beta).to_numpy(), order=order, trend="n")
    errors = model.filter(np.asarray(arma_fit.params), cov_type="none")
    fitted = design @ beta + pd.Series(errors.fittedvalues, index=y.index)
    return _Fit(beta, beta_cov, model, arma_fit, order, fitted)


def _whitened_regression(
    y: pd.Series, design: pd.DataFrame, arma_fit: Any
) -> tuple[pd.Series, np.ndarray]:
    """Least squares again after filtering out the errors' autoregression (feasible GLS), so
    the coefficients' covariance reflects autocorrelated errors; plain least squares makes the
    level look far more certain than it is and the intervals too narrow."""
    names = list(arma_fit.model.param_names)
    phi = np.array(
        [v for n, v in zip(names, np.asarray(arma_fit.params), strict=True) if n.startswith("ar.")]
    )
    whitened_y, whitened_x = y.copy(), design.copy()
    for lag, coefficient in enumerate(phi, start=1):
        whitened_y = whitened_y - coefficient * y.shift(lag)
        whitened_x = whitened_x - coefficient * design.shift(lag)
    rows = (whitened_y.notna() & whitened_x.notna().all(axis=1)).to_numpy()
    gls = sm.OLS(whitened_y[rows], whitened_x[rows]).fit()
    return gls.params, np.asarray(gls.cov_params())


def _well_identified(arma_fit: Any) -> bool:
    """An order whose coefficients are not pinned down (an AR and MA root cancelling) gives
    parameter draws all over the place; such fits are skipped, whatever their AIC."""
    names = list(arma_fit.model.param_names)
    errors = np.asarray(arma_fit.bse)
    coefficient = np.array([n.startswith(("ar.", "ma.")) for n in names])
    return (
        bool(np.all(np.isfinite(errors)))
        and bool(np.all(errors[coefficient] < 0.3))
        and _admissible(np.asarray(arma_fit.params), names)
    )


def _simulate(fit: _Fit, exog: pd.DataFrame, seed: int) -> np.ndarray:
    """Future paths over the window: regression and ARMA parameters are both drawn around their
    estimates for each batch of paths, so the spread includes parameter uncertainty (fixed
    parameters give intervals that are too narrow). Returns an array (periods, paths)."""
    rng = np.random.default_rng(seed)
    design = exog.assign(const=1.0)[fit.beta.index].to_numpy()
    horizon = len(design)
    arma_params = np.asarray(fit.arma_fit.params)
    arma_cov = np.asarray(fit.arma_fit.cov_params())
    if not np.all(np.isfinite(arma_cov)):
        arma_cov = np.zeros_like(arma_cov)
    names = list(fit.arma.param_names)
    paths = []
    attempts = 0
    while len(paths) < PARAMETER_DRAWS and attempts < 5 * PARAMETER_DRAWS:
        attempts += 1
        theta = rng.multivariate_normal(arma_params, arma_cov, method="eigh")
        if not _admissible(theta, names):
            continue
        betas = rng.multivariate_normal(
            fit.beta.to_numpy(), fit.beta_cov, size=PATHS_PER_DRAW, method="eigh"
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            errors = fit.arma.filter(theta, cov_type="none").simulate(
                horizon, repetitions=PATHS_PER_DRAW, anchor="end", rng=rng
            )
        paths.append(design @ betas.T + np.asarray(errors).reshape(horizon, -1))
    if not paths:
        raise UserInputError(
            "The baseline model is unstable on this pre-period: try another metric or segment.",
            code="lift_unstable",
        )
    return np.concatenate(paths, axis=1)


def _admissible(params: np.ndarray, names: list[str]) -> bool:
    """A drawn parameter vector must describe a stationary, invertible model with positive
    variance; draws outside that region explode and say nothing about the baseline."""
    values = dict(zip(names, params, strict=True))
    if values.get("sigma2", 1.0) <= 0:
        return False
    for prefix, sign in (("ar.L", -1.0), ("ma.L", 1.0)):
        coefs = [values[n] for n in names if n.startswith(prefix)]
        if coefs:
            roots = np.roots(np.r_[1.0, sign * np.asarray(coefs)][::-1])
            if np.any(np.abs(roots) <= 1.0001):
                return False
    return True


def _summarise(
    window: pd.Series,
    baseline_paths: np.ndarray,
    pre: pd.Series,
    fitted: pd.Series,
    order: tuple[int, int, int],
    weights: dict[str, float],
    notes: list[Notice],
    *,
    metric: str,
    campaign: str | None,
    where: Where,
    pre_start: pd.Timestamp,
    pre_end: pd.Timestamp,
) -> LiftResult:
    observed = window.notna().to_numpy()
    actual = window.to_numpy(dtype=float)
    paths = baseline_paths[observed]
    actual_sum = float(np.nansum(actual))
    baseline_sums = paths.sum(axis=0)
    effects = actual_sum - baseline_sums
    relative = effects / baseline_sums
    # Two-sided, so that p < 0.05 exactly when the 95% interval excludes zero.
    p_value = float(min(1.0, 2 * min((effects <= 0).mean(), (effects >= 0).mean())))
    baseline = float(np.mean(baseline_sums))
    daily = _daily_frame(window, baseline_paths)
    return LiftResult(
        metric=metric,
        campaign=campaign,
        start=f"{window.index[0]:%Y-%m-%d}",
        end=f"{window.index[-1]:%Y-%m-%d}",
        segment={k: list(v) for k, v in where.items()},
        pre_start=f"{pre_start:%Y-%m-%d}",
        pre_end=f"{pre_end:%Y-%m-%d}",
        actual=actual_sum,
        baseline=baseline,
        abs_effect=actual_sum - baseline,
        abs_effect_ci=_interval(effects),
        rel_effect=(actual_sum - baseline) / baseline,
        rel_effect_ci=_interval(relative),
        p_value=p_value,
        probability_positive=float((effects > 0).mean()),
        pre_mape=_mape(pre, fitted),
        order=order,
        controls=weights,
        warnings=tuple(note.message for note in notes),
        daily=daily,
        notices=tuple(notes),
    )


def _interval(values: np.ndarray) -> tuple[float, float]:
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def _mape(pre: pd.Series, fitted: pd.Series) -> float:
    both = pd.concat([pre, fitted], axis=1).dropna().iloc[7:]
    both = both[both.iloc[:, 0] != 0]
    if both.empty:
        return float("nan")
    return float((both.iloc[:, 0] - both.iloc[:, 1]).abs().div(both.iloc[:, 0].abs()).mean())


def _daily_frame(window: pd.Series, baseline_paths: np.ndarray) -> pd.DataFrame:
    """Per period: actual, baseline with band, pointwise and cumulative effect with bands."""
    actual = window.to_numpy(dtype=float)[:, None]
    point = actual - baseline_paths
    cumulative = np.nancumsum(point, axis=0)
    low, high = 2.5, 97.5
    return pd.DataFrame(
        {
            "actual": actual[:, 0],
            "baseline": baseline_paths.mean(axis=1),
            "baseline_lo": np.percentile(baseline_paths, low, axis=1),
            "baseline_hi": np.percentile(baseline_paths, high, axis=1),
            "effect": point.mean(axis=1),
            "effect_lo": np.percentile(point, low, axis=1),
            "effect_hi": np.percentile(point, high, axis=1),
            "cum_effect": cumulative.mean(axis=1),
            "cum_effect_lo": np.percentile(cumulative, low, axis=1),
            "cum_effect_hi": np.percentile(cumulative, high, axis=1),
        },
        index=window.index,
    )
