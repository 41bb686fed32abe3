"""The controls response curves and elasticities are fitted with: each segment's own level,
trend and yearly season, the shared drivers (price, discount, promotion, campaigns) and calendar
terms (weekday, festivals, run-ups), and the projection that takes them out of a column."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.calendar import festival_regressors
from analytics.planner.panel import Panel


def _orth(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal basis of the columns (near-duplicates dropped)."""
    if matrix.size == 0 or matrix.shape[1] == 0:
        return np.zeros((matrix.shape[0], 0))
    scale = np.abs(matrix).max(axis=0)
    keep = scale > 0
    if not keep.any():
        return np.zeros((matrix.shape[0], 0))
    u, s, _ = np.linalg.svd(matrix[:, keep] / scale[keep], full_matrices=False)
    return u[:, s > s[0] * 1e-9]


class Residualizer:
    """Projects panel columns off the controls: date effects (optional), each segment's own
    level, trend and season, then the shared terms (price, discount, campaigns, calendar)."""

    def __init__(self, basis: np.ndarray, shared: np.ndarray, date_effects: bool) -> None:
        self.basis = _orth(basis)
        self.date_effects = date_effects
        self.shared = _orth(self.within(shared))

    def within(self, values: np.ndarray) -> np.ndarray:
        """(T, S, k) -> (T·S, k): date means and each segment's own basis projected out."""
        if self.date_effects:
            values = values - values.mean(axis=1, keepdims=True)
        coef = np.einsum("tf,tsk->fsk", self.basis, values)
        values = values - np.einsum("tf,fsk->tsk", self.basis, coef)
        T, S, k = values.shape
        return values.reshape(T * S, k)

    def __call__(self, values: np.ndarray) -> np.ndarray:
        flat = self.within(values)
        return flat - self.shared @ (self.shared.T @ flat)


def segment_basis(dates: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """Each segment's own level, trend and yearly season (harmonics as the history allows)."""
    years = np.asarray((dates - dates[0]).days, dtype=float) / 365.25
    columns = [np.ones(len(dates)), years]
    span = years[-1] if len(years) else 0.0
    harmonics = 2 if span >= 1.0 else (1 if span >= 0.5 else 0)
    angle = 2 * np.pi * np.asarray(dates.day_of_year, dtype=float) / 365.25
    for k in range(1, harmonics + 1):
        columns += [np.sin(k * angle), np.cos(k * angle)]
    return np.column_stack(columns)


def shared_terms(panel: Panel, calendar: bool) -> tuple[np.ndarray, int]:
    """(T, S, q) shared terms and how many of them are drivers: price, discount, promotion, one
    column per campaign; then the user's controls (demand drivers such as a competitor's price
    or the weather: they move demand, not media's multiplier, so they are not counted as
    drivers); then, with ``calendar``, weekday, festivals and run-up ramps."""
    T, S = panel.shape
    terms = []
    if panel.price is not None:
        price = filled(panel.price)
        if np.all(price > 0):
            terms.append(np.log(price))
    if panel.discount is not None:
        terms.append(np.log1p(-np.clip(filled(panel.discount, 0.0), 0.0, 0.9)))
    if panel.promo is not None:
        terms.append(filled(panel.promo, 0.0))
    terms += [mask.astype(float) for mask in panel.campaign_cells.values()]
    n_drivers = len(terms)
    terms += control_terms(panel)
    if calendar:
        for column in calendar_terms(panel.dates, panel.frequency).T:
            terms.append(np.repeat(column[:, None], S, axis=1))
    if not terms:
        return np.zeros((T, S, 0)), 0
    return np.stack(terms, axis=2), n_drivers


def control_terms(panel: Panel) -> list[np.ndarray]:
    """Each control column (T, S) on the model's log scale: a column positive throughout (an
    index, a price, a count) as its log, so it multiplies the outcome as a demand driver does
    (its coefficient an elasticity); any other (a flag, a temperature) as it is."""
    terms = []
    for values in panel.controls.values():
        column = filled(values)
        terms.append(np.log(column) if np.all(column > 0) else column)
    return terms


def calendar_terms(dates: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """(T, q): weekday dummies (daily data), festivals, and a 0→1 ramp through each run-up."""
    columns = []
    if frequency == "D":
        weekday = np.asarray(dates.day_of_week)
        columns += [(weekday == k).astype(float) for k in range(1, 7)]
    festivals = festival_regressors(dates, frequency)
    for name in festivals.columns:
        flag = festivals[name].to_numpy(dtype=float)
        columns.append(flag)
        if frequency == "D" and "run-up" in name:
            columns.append(_ramp(flag > 0))
    return np.column_stack(columns) if columns else np.zeros((len(dates), 0))


def _ramp(flag: np.ndarray) -> np.ndarray:
    out = np.zeros(len(flag))
    start = None
    for i, on in enumerate([*flag, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            out[start:i] = np.linspace(0.0, 1.0, i - start)
            start = None
    return out


def filled(values: np.ndarray, default: float | None = None) -> np.ndarray:
    """Missing cells filled with the segment's median (or ``default``)."""
    out = values.copy()
    for s in range(out.shape[1]):
        column = out[:, s]
        missing = np.isnan(column)
        if missing.any():
            fill = default if default is not None or missing.all() else np.nanmedian(column)
            column[missing] = 0.0 if fill is None else fill
    return out
