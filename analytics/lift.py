"""Campaign lift: a counterfactual baseline for the campaign window from a SARIMAX model fitted
on the pre-period, with intervals from simulated paths that include parameter uncertainty."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.statespace.sarimax import SARIMAX
from threadpoolctl import threadpool_limits

from analytics.errors import UserInputError
from analytics.roles import CAMPAIGN, DIMENSION, Mapping
from analytics.series import Where, metric_series, rows_where
from analytics.timeseries import infer_frequency, period_offset

MIN_PRE_PERIODS = {"D": 56, "W": 26, "M": 24}
MAX_PRE_PERIODS = {"D": 365, "W": 156, "M": 60}
SEASON = {"D": 7, "W": 0, "M": 12}
ORDERS = ((1, 0, 0), (1, 0, 1), (2, 0, 0))
MAX_CONTROLS = 5
PARAMETER_DRAWS = 20
PATHS_PER_DRAW = 50


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

    @property
    def probability(self) -> float:
        """Probability that the cumulative effect is real (not chance), 1 − p."""
        return 1.0 - self.p_value

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "campaign": self.campaign,
            "start": self.start,
            "end": self.end,
            "segment": self.segment,
            "pre_start": self.pre_start,
            "pre_end": self.pre_end,
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
) -> LiftResult:
    """Lift of ``metric`` over [start, end] in the segment ``where`` (all rows if empty)."""
    series = metric_series(frame, mapping, metric, where)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    frequency = infer_frequency(series.index.to_numpy()) or "D"
    _check_window(series, start, end, frequency)
    busy = _other_campaign_periods(frame, mapping, where, campaign, series.index)
    candidates = _control_candidates(frame, mapping, metric, where, start, end, controls)
    return fit_counterfactual(
        series,
        start,
        end,
        frequency,
        candidates,
        busy,
        metric=metric,
        campaign=campaign,
        where=where,
        seed=seed,
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
) -> LiftResult:
    """The model part, on plain series: ``series`` indexed by period, ``candidates`` the control
    series on the same index, ``busy`` marks pre-period periods to leave out of the fit."""
    notes: list[str] = []
    pre_end = start - period_offset(frequency)
    pre_start = max(series.index[0], start - MAX_PRE_PERIODS[frequency] * period_offset(frequency))
    pre = series.loc[pre_start:pre_end].copy()
    window = series.loc[start:end]
    if busy is not None:
        pre[busy.reindex(pre.index, fill_value=False).to_numpy()] = np.nan
        overlap = int(busy.reindex(window.index, fill_value=False).sum())
        if overlap:
            notes.append(
                f"Another campaign ran in this segment on {overlap} of the window's "
                f"{len(window)} periods: the effect measured here includes it."
            )
    _check_pre(pre, frequency)
    if window.isna().any():
        notes.append(
            f"{int(window.isna().sum())} periods inside the window have no data; "
            "they are left out of the sums."
        )
    use_log = bool((series.loc[pre_start:end].dropna() > 0).all())
    chosen = _select_controls(pre, candidates.loc[pre_start:pre_end], use_log)
    exog = _design(series.loc[pre_start:end].index, candidates[chosen], frequency, use_log)
    y = np.log(pre) if use_log else pre
    with threadpool_limits(1):
        fit = _fit(y, exog.loc[pre.index])
        paths = _simulate(fit, exog.loc[window.index], seed)
    baseline_paths = np.exp(paths) if use_log else paths
    fitted = np.exp(fit.fitted) if use_log else fit.fitted
    weights = {name: float(fit.beta[f"ctl_{i}"]) for i, name in enumerate(chosen)}
    return _summarise(
        window,
        baseline_paths,
        pre,
        fitted,
        fit.order,
        weights,
        notes,
        metric=metric,
        campaign=campaign,
        where=where or {},
        pre_start=pre_start,
        pre_end=pre_end,
    )


def _check_window(
    series: pd.Series, start: pd.Timestamp, end: pd.Timestamp, frequency: str
) -> None:
    first, last = series.index[0], series.index[-1]
    if end < start:
        raise UserInputError("The window ends before it starts: swap the start and end dates.")
    if start <= first or end > last:
        raise UserInputError(
            f"The window {start:%Y-%m-%d} to {end:%Y-%m-%d} is outside the data "
            f"({first:%Y-%m-%d} to {last:%Y-%m-%d}): choose dates inside it, after the first."
        )


def _check_pre(pre: pd.Series, frequency: str) -> None:
    needed = MIN_PRE_PERIODS[frequency]
    have = int(pre.notna().sum())
    if have < needed:
        unit = {"D": "days", "W": "weeks", "M": "months"}[frequency]
        raise UserInputError(
            f"Only {have} {unit} of data before the campaign; the baseline needs at least "
            f"{needed}. Upload a longer history or pick a later campaign."
        )


def _other_campaign_periods(
    frame: pd.DataFrame, mapping: Mapping, where: Where, campaign: str | None, index: pd.Index
) -> pd.Series:
    """Periods when another campaign ran in the segment: not 'business as usual'."""
    columns = mapping.columns(CAMPAIGN)
    if not columns:
        return pd.Series(False, index=index)
    labels = frame[columns[0]].astype("string").str.strip()
    mask = rows_where(frame, where) & labels.notna().to_numpy() & (labels != "").to_numpy()
    if campaign is not None:
        mask &= (labels != campaign).fillna(True).to_numpy()
    dates = pd.DatetimeIndex(frame.loc[mask, mapping.date_column].dropna().unique())
    return pd.Series(index.isin(dates), index=index)


def _control_candidates(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    where: Where,
    start: pd.Timestamp,
    end: pd.Timestamp,
    controls: str | tuple[str, ...],
) -> pd.DataFrame:
    """Untouched segments: for each filtered dimension, each value the campaign did not target
    (the other filters kept), unless a campaign ran there during the window."""
    if controls == "none" or not where:
        return pd.DataFrame(index=metric_series(frame, mapping, metric, where).index)
    if isinstance(controls, tuple):
        return pd.DataFrame({c: metric_series(frame, mapping, c, where) for c in controls})
    candidates = {}
    for column, treated in where.items():
        if column not in mapping.columns(DIMENSION):
            continue
        for value in sorted(set(frame[column].dropna().astype(str)) - set(treated)):
            control_where = {**where, column: (value,)}
            if _campaign_during(frame, mapping, control_where, start, end):
                continue
            candidates[f"{column}={value}"] = metric_series(frame, mapping, metric, control_where)
    return pd.DataFrame(candidates)


def _campaign_during(
    frame: pd.DataFrame, mapping: Mapping, where: Where, start: pd.Timestamp, end: pd.Timestamp
) -> bool:
    columns = mapping.columns(CAMPAIGN)
    if not columns:
        return False
    dates = frame[mapping.date_column]
    rows = rows_where(frame, where) & ((dates >= start) & (dates <= end)).to_numpy()
    labels = frame.loc[rows, columns[0]].astype("string").str.strip()
    return bool((labels.notna() & (labels != "")).any())


def _select_controls(pre: pd.Series, candidates: pd.DataFrame, use_log: bool) -> list[str]:
    """Forward selection of the controls that best predict the last quarter of the pre-period
    from the rest (least squares on levels): the test the baseline itself faces. Few are kept,
    so dozens of candidates and a short pre-period cannot overfit."""
    usable = candidates.loc[:, candidates.notna().all() & (candidates > 0).all()]
    rows = pre.notna().to_numpy()
    if usable.empty or rows.sum() < 20:
        return []
    target = (np.log(pre) if use_log else pre)[rows].to_numpy()
    scaled = (np.log(usable) if use_log else usable)[rows]
    split = int(len(target) * 0.75)
    limit = max(1, min(MAX_CONTROLS, int(rows.sum()) // 40))
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
        if error > 0.97 * best_error:
            break
        chosen.append(name)
        best_error = error
    return chosen


def _with_constant(frame: pd.DataFrame) -> np.ndarray:
    return np.column_stack([frame.to_numpy(), np.ones(len(frame))])


def _holdout_error(target: np.ndarray, design: np.ndarray, split: int) -> float:
    beta, *_ = np.linalg.lstsq(design[:split], target[:split], rcond=None)
    return float(np.mean(np.abs(design[split:] @ beta - target[split:])))


def _design(
    index: pd.DatetimeIndex, controls: pd.DataFrame, frequency: str, use_log: bool
) -> pd.DataFrame:
    columns = {}
    for i, name in enumerate(controls.columns):
        values = controls[name].reindex(index)
        columns[f"ctl_{i}"] = np.log(values) if use_log else values
    period = SEASON[frequency]
    if not len(controls.columns):
        columns["trend"] = np.arange(len(index)) / 365.25
    if period and not len(controls.columns):
        position = (index.day_of_week if frequency == "D" else index.month - 1).to_numpy()
        for k in range(1, period):
            columns[f"season_{k}"] = (position == k).astype(float)
    return pd.DataFrame(columns, index=index)


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


def _fit(y: pd.Series, exog: pd.DataFrame) -> _Fit:
    design = exog.assign(const=1.0)
    rows = y.notna().to_numpy()
    ols = sm.OLS(y[rows], design[rows]).fit(cov_type="HAC", cov_kwds={"maxlags": 7})
    residuals = y - design @ ols.params
    best = None
    for order in ORDERS:
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
            "a larger segment or a longer history."
        )
    model, arma_fit, order = best
    beta, beta_cov = _whitened_regression(y, design, arma_fit)
    fitted = design @ beta + pd.Series(arma_fit.fittedvalues, index=y.index)
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
            "The baseline model is unstable on this pre-period: try another metric or segment."
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
    notes: list[str],
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
        pre_mape=_mape(pre, fitted),
        order=order,
        controls=weights,
        warnings=tuple(notes),
        daily=daily,
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
