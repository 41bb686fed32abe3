"""Columns worth adding to the response model as controls: metrics or flags that move with both
the channels' spend and the outcome within segments and dates (what the model compares), so a
channel would otherwise be credited with their effect."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.ingest.roles import FLAG, METRIC, Mapping
from analytics.planner.controls import filled
from analytics.planner.panel import Panel, build_panel

MIN_CORRELATION = 0.2  # |r| with spend and with the outcome to suggest a column
MAX_OUTCOME_CORRELATION = 0.9  # above this a column is another measure of the outcome itself


@dataclass(frozen=True)
class ControlCandidate:
    """A column that moves with spend (its strongest channel) and with the outcome."""

    column: str
    channel: str
    with_spend: float  # correlation with the channel's spend
    with_outcome: float  # correlation with the log outcome

    @property
    def reason(self) -> str:
        return (
            f"moves with {self.channel} (r = {self.with_spend:+.2f}) and with the outcome "
            f"(r = {self.with_outcome:+.2f})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "reason": self.reason}


def control_columns(frame: pd.DataFrame, mapping: Mapping, taken: Sequence[str]) -> list[str]:
    """Metric and flag columns of numbers that could be controls (not the outcome or spend)."""
    return [
        c
        for c in (*mapping.columns(METRIC), *mapping.columns(FLAG))
        if c in frame.columns
        and c not in taken
        and (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))
        and frame[c].nunique(dropna=True) >= 2
    ]


def suggest_controls(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
) -> tuple[ControlCandidate, ...]:
    """Candidate controls, strongest first: |r| ≥ 0.2 with some channel's spend and with the
    log outcome, within segments and dates, but not a near copy of the outcome (|r| < 0.9)."""
    bare = build_panel(frame, mapping, outcome, spend)
    columns = control_columns(frame, mapping, (bare.outcome_name, *bare.channels))
    if not columns:
        return ()
    panel = build_panel(frame, mapping, bare.outcome_name, bare.channels, columns)
    log_y = _within(np.log(np.maximum(np.nan_to_num(panel.outcome), 1e-9)), panel)
    found = []
    for column, values in panel.controls.items():
        control = _within(filled(values), panel)
        with_outcome = _correlation(control, log_y)
        if not MIN_CORRELATION <= abs(with_outcome) < MAX_OUTCOME_CORRELATION:
            continue
        spends = {c: _correlation(control, _within(panel.spend[c], panel)) for c in panel.channels}
        channel = max(spends, key=lambda c: abs(spends[c]))
        if abs(spends[channel]) >= MIN_CORRELATION:
            found.append(ControlCandidate(column, channel, spends[channel], with_outcome))
    return tuple(sorted(found, key=lambda c: -abs(c.with_spend * c.with_outcome)))


def _within(values: np.ndarray, panel: Panel) -> np.ndarray:
    """Each segment's mean and, with several segments, each date's mean taken out."""
    out = values - values.mean(axis=0, keepdims=True)
    if panel.shape[1] >= 2:
        out = out - out.mean(axis=1, keepdims=True)
    return out.ravel()


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    scale = float(np.std(a) * np.std(b))
    return float(np.mean((a - a.mean()) * (b - b.mean())) / scale) if scale > 0 else 0.0
