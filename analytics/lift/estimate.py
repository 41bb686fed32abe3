"""Campaign lift: a counterfactual baseline for the campaign window from a SARIMAX model fitted
on the pre-period, with intervals from simulated paths that include parameter uncertainty."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analytics.errors import UserInputError
from analytics.lift.control_checks import check_controls, moved_notice
from analytics.lift.control_selection import controls_for
from analytics.lift.design import (
    base_design,
    independent_festivals,
    learnable_festivals,
    regression_design,
    unknown_festival_notices,
)
from analytics.lift.effect import summarise
from analytics.lift.forms import blended_baseline
from analytics.lift.frequencies import (
    FIT_MIN_PRE_PERIODS,
    MAX_PRE_PERIODS,
    MIN_PRE_PERIODS,
    SEASON,
    UNITS,
    period_step,
)
from analytics.lift.inputs import LiftInputs
from analytics.lift.result import LiftResult, Notice
from analytics.selection import Where


@dataclass(frozen=True)
class Spec:
    """A baseline specification. ``controls``: "auto" (forward selection), "none", or "best"
    (the single best candidate even when it does not beat none); ``order``: the ARMA order
    (None: by AIC); ``log``: the scale (None: log when every value is positive); ``form``:
    "trend" (trend-stationary) or "level" (local level), None: both, weighted on a holdout."""

    controls: str = "auto"
    order: tuple[int, int, int] | None = None
    log: bool | None = None
    form: str | None = None


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
    step = period_step(frequency)
    pre_end = start - step
    pre_start = max(series.index[0], start - MAX_PRE_PERIODS[frequency] * step)
    pre = series.loc[pre_start:pre_end].copy()
    window = series.loc[start:end]
    notes = _mask_busy(pre, window, busy)
    notes += _check_pre(pre, frequency)
    notes += _missing_in(window)
    use_log = _use_log(series.loc[pre_start:end], spec.log)
    index = series.loc[pre_start:end].index
    chosen = controls_for(pre, candidates.reindex(index), use_log, spec.controls, frequency)
    observed = pre.index[pre.notna().to_numpy()]
    base = base_design(index, frequency, seasonal=len(observed) >= 2 * SEASON[frequency])
    calendar = learnable_festivals(index, observed, window.index, frequency, len(base.columns))
    notes += unknown_festival_notices(
        index, calendar.columns, observed, window.index, frequency, chosen
    )
    # Control series live through the same festivals and carry them into the baseline; a
    # festival term on top would estimate a difference from a day or two of history.
    festivals = calendar.iloc[:, :0] if chosen else independent_festivals(calendar, base, observed)
    exog = regression_design(index, candidates[chosen], base, festivals, use_log)
    y = np.log(pre) if use_log else pre
    with threadpool_limits(1):
        blend = blended_baseline(
            y, exog, window.index, seed, order=spec.order, form=spec.form, use_log=use_log
        )
    fit = blend.fit
    checks = check_controls(
        candidates.reindex(index), chosen, observed, window.index,
        pd.concat([base, calendar], axis=1), use_log,
    )  # fmt: skip
    notes += [moved_notice(check) for check in checks if check.moved]
    result = summarise(
        window,
        np.exp(blend.paths) if use_log else blend.paths,
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
        form_weights=blend.weights,
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


def _use_log(values: pd.Series, wanted: bool | None) -> bool:
    positive = bool((values.dropna() > 0).all())
    if wanted and not positive:
        raise UserInputError(
            "The log scale needs positive values, and this series has zeros or negatives: "
            "use the level scale.",
            code="lift_log_needs_positive",
        )
    return positive if wanted is None else wanted


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
