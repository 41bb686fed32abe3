"""The effect over the window from simulated baseline paths: sums, intervals, p-value and the
per-period frame."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.lift.result import LiftResult, Notice
from analytics.selection import Where


def summarise(
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
    """The result from the window's actual values and the baseline's simulated paths."""
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
