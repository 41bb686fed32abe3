"""Did a chosen control series move during the window? If so the baseline moved with it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from analytics.formatting import p_clause, percent
from analytics.lift.result import ControlCheck, Notice

CONTROL_CHECK_LEVEL = 0.05
MAX_PEERS = 12


def check_controls(
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


def moved_notice(check: ControlCheck) -> Notice:
    return Notice(
        "control_moved",
        f"The control series {check.name} moved during the window "
        f"({percent(check.shift, signed=True)} against what its usual relation to the other "
        f"series predicts, {p_clause(check.p_value)}): if "
        "the campaign reached it, or something else moved it, the baseline moved too and the "
        "effect is misstated; compare the estimate without controls in the robustness check.",
        {"name": check.name, "shift": check.shift, "p": check.p_value},
    )
