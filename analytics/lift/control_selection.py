"""Which control series the baseline uses: forward selection on a holdout at the end of the
pre-period, with a bar that rises with the number of candidates tried."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.lift.frequencies import FIT_MIN_PRE_PERIODS

MAX_CONTROLS = 5
# Forward selection keeps a control that cuts the holdout error by SELECTION_GAIN, more when it
# was the best of more than FEW_CANDIDATES tries (see _required_ratio).
SELECTION_GAIN = 0.03
FEW_CANDIDATES = 8
# The yearly timing check: periods in a month (the smoothing and the growth span), the history
# it needs, the lags it tries and how much better a shifted timing must match to drop a control.
MONTH = {"D": 28, "W": 4}
TIMING_HISTORY = {"D": 240, "W": 35}
TIMING_LAGS = {"D": range(-56, 57, 7), "W": range(-8, 9)}
TIMING_SHIFT = {"D": 21, "W": 3}
TIMING_MARGIN = 0.2


def controls_for(
    pre: pd.Series, candidates: pd.DataFrame, use_log: bool, mode: str, frequency: str
) -> list[str]:
    """The controls to use; periods when one of them had its own campaign are blanked in the
    pre-period (unless that leaves too little to fit, and then no controls are used)."""
    timed = [name for name in candidates.columns if same_timing(pre, candidates[name], frequency)]
    chosen = _select_controls(pre, candidates[timed], use_log, mode)
    blank = candidates.reindex(pre.index)[chosen].isna().any(axis=1).to_numpy()
    if not chosen or (pre.notna().to_numpy() & ~blank).sum() < FIT_MIN_PRE_PERIODS[frequency]:
        return []
    pre[blank] = np.nan
    return chosen


def same_timing(target: pd.Series, control: pd.Series, frequency: str) -> bool:
    """Does the control rise and fall over the year when the target does? Month-on-month growth
    of both (monthly means, on the log scale) is correlated at lags of up to two months; a
    control that matches clearly better some weeks off is a store with its own season, which
    would bend the baseline over the window. Without most of a year of history, or for other
    frequencies, every control passes."""
    month = MONTH.get(frequency)
    if month is None or int(target.notna().sum()) < TIMING_HISTORY[frequency]:
        return True
    growth = [_monthly_growth(series.reindex(target.index), month) for series in (target, control)]
    match = {lag: growth[0].corr(growth[1].shift(-lag)) for lag in TIMING_LAGS[frequency]}
    best = max(match, key=lambda lag: -np.inf if np.isnan(match[lag]) else match[lag])
    at_zero = match[0] if np.isfinite(match[0]) else -1.0
    return abs(best) < TIMING_SHIFT[frequency] or match[best] < at_zero + TIMING_MARGIN


def _monthly_growth(series: pd.Series, month: int) -> pd.Series:
    positive = series.where(series > 0)
    smooth = np.log(positive).rolling(month, center=True, min_periods=month // 2).mean()
    return smooth - smooth.shift(month)


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
