"""The baseline's regressors: trend and season, the festivals the pre-period can estimate (and
those it cannot), and control series on the model's scale."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.lift.frequencies import ROWS, SEASON
from analytics.lift.result import Notice

# A festival enters the baseline when the fitted pre-period holds at least this many of its
# periods (one is enough for the one-day festivals: a year of history holds one of each).
MIN_FESTIVAL_PERIODS = 1


def base_design(index: pd.DatetimeIndex, frequency: str, seasonal: bool) -> pd.DataFrame:
    """Trend and, with at least two seasonal cycles of history, weekday or month dummies."""
    columns = {"trend": np.arange(len(index)) / 365.25}
    period = SEASON[frequency]
    if period and seasonal:
        position = (index.day_of_week if frequency == "D" else index.month - 1).to_numpy()
        for k in range(1, period):
            columns[f"season_{k}"] = (position == k).astype(float)
    return pd.DataFrame(columns, index=index)


def learnable_festivals(
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


def independent_festivals(
    festivals: pd.DataFrame, base: pd.DataFrame, rows: pd.Index
) -> pd.DataFrame:
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


def unknown_festival_notices(
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


def regression_design(
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
