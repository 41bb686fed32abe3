"""A planned campaign on top of spend the file already plans in the same channel.

Rows after the last outcome may carry spend planned for then (another campaign's budget). A
campaign placed over it does not earn what it would alone: the response curve is priced at the
total, so its incremental outcome is f(existing + planned) − f(existing), both through the
curves' carry-over (ad stock). Periods without planned rows keep today's steady spend, as the
planner assumes everywhere else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ingest.roles import Mapping
from analytics.planner.curve_arrays import CurveArrays
from analytics.planner.curves import hill
from analytics.planner.model import PlannerModel, periods_between
from analytics.planner.whatif import added_stock


def planned_spend(
    frame: pd.DataFrame,
    mapping: Mapping,
    model: PlannerModel,
    channel: str,
    first: pd.Timestamp,
    periods: int,
) -> np.ndarray | None:
    """The channel's spend per period from ``first`` and per segment (periods, S) that the rows
    after the last outcome plan, today's steady spend where they plan none; None when no such
    row gives spend in this channel."""
    dates = pd.to_datetime(frame[mapping.date_column])
    future = frame[(dates >= first) & frame[model.outcome].isna() & frame[channel].notna()]
    if future.empty:
        return None
    arrays = CurveArrays(model.fit)
    c = model.channels.index(channel)
    steady = np.tile(arrays.recent[c] * arrays.share[c], (periods, 1))
    spend = np.zeros_like(steady)
    seen = np.zeros(steady.shape, dtype=bool)
    period = np.array(
        [periods_between(first, day, model.frequency) - 1 for day in dates[future.index]]
    )
    segment = _segment_index(future, model)
    keep = (period < periods) & (segment >= 0)
    values = future[channel].to_numpy(dtype=float)[keep]
    np.add.at(spend, (period[keep], segment[keep]), values)
    seen[period[keep], segment[keep]] = True
    return np.where(seen, spend, steady) if seen.any() else None


def _segment_index(rows: pd.DataFrame, model: PlannerModel) -> np.ndarray:
    """Each row's position in the model's segments (−1 for a segment the model lacks)."""
    if not model.segment_columns:
        return np.zeros(len(rows), dtype=int)
    position = {segment: s for s, segment in enumerate(model.segments)}
    keys = rows[list(model.segment_columns)].astype("string").fillna("")
    return np.array([position.get(tuple(key), -1) for key in keys.itertuples(index=False)])


def existing_stock(arrays: CurveArrays, c: int, spend: np.ndarray) -> np.ndarray:
    """The ad stock (B1, periods, S) of the planned spend, starting from today's steady stock:
    a_t = x_t + decay × a_{t−1}."""
    decay = arrays.decay[:, c, None]  # (B1, 1)
    stock = np.empty((len(arrays), *spend.shape))
    previous = arrays.recent[c] * arrays.share[c][None, :] / (1 - decay)
    for t in range(spend.shape[0]):
        previous = spend[t][None, :] + decay * previous
        stock[:, t] = previous
    return stock


def stacked_media(
    arrays: CurveArrays,
    c: int,
    amount: float,
    window: tuple[int, int, int],
    shares: np.ndarray,
    existing: np.ndarray,
) -> np.ndarray:
    """The outcome (B1, periods + tail) that ``amount`` adds when spread over the window on top
    of the ``existing`` ad stock (B1, H, S) from the forecast's first period; ``window``: its
    first period, its length and the carry-over periods after it."""
    first, periods, tail = window
    _, half_sat, shape, scale = arrays.of_channel(c)
    base = _stock_ahead(arrays, c, existing, first, periods + tail)
    stock = base + added_stock(arrays, c, amount, periods, tail, shares)
    extra = scale * (hill(stock, half_sat, shape) - hill(base, half_sat, shape))
    return (arrays.level * shares * extra).sum(axis=2)


def _stock_ahead(
    arrays: CurveArrays, c: int, existing: np.ndarray, first: int, length: int
) -> np.ndarray:
    """The existing stock over ``length`` periods from ``first``; past its end the planned spend
    gives way to today's again, so the stock decays back to today's steady level."""
    known = existing[:, first : first + length]
    missing = length - known.shape[1]
    if missing <= 0:
        return known
    decay = arrays.decay[:, c, None, None]  # (B1, 1, 1)
    steady = arrays.recent[c] * arrays.share[c][None, None, :] / (1 - decay)
    last = existing[:, -1:, :] if existing.shape[1] else steady
    steps = np.arange(1, missing + 1)[None, :, None]
    return np.concatenate([known, steady + (last - steady) * decay**steps], axis=1)
