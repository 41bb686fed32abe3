"""The data a response fit needs: outcome, spend, price, discount and campaign cells per period
and segment (a combination of the dimension columns, e.g. region × category) on the full
calendar, with each campaign's extra spend split from the always-on spend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import CAMPAIGN, DIMENSION, DISCOUNT, PRICE, PROMO_FLAG, SPEND, Mapping
from analytics.periods import expected_calendar, infer_frequency
from analytics.selection import check_column

MAX_SEGMENTS = 30
MIN_PERIODS = {"D": 90, "W": 30, "M": 24}
PRE_PERIODS = {"D": 28, "W": 8, "M": 3}  # usual spend level before a campaign
RECENT = {"D": 56, "W": 8, "M": 3}  # periods that define "today's" level and spend


@dataclass(frozen=True)
class Panel:
    """The data a response fit needs: T periods × S segments arrays on the full calendar."""

    outcome_name: str
    frequency: str
    dates: pd.DatetimeIndex
    segment_columns: tuple[str, ...]
    segments: tuple[tuple[str, ...], ...]
    outcome: np.ndarray
    channels: tuple[str, ...]
    spend: dict[str, np.ndarray]  # always-on spend per channel
    campaign_spend: dict[str, np.ndarray]  # spend above the usual level on campaign cells
    price: np.ndarray | None
    discount: np.ndarray | None
    promo: np.ndarray | None
    campaign_cells: dict[str, np.ndarray]
    controls: dict[str, np.ndarray] = field(default_factory=dict)  # column -> mean per cell

    @property
    def shape(self) -> tuple[int, int]:
        return self.outcome.shape

    def segment_label(self, index: int) -> str:
        if not self.segment_columns:
            return "all"
        return " · ".join(self.segments[index])

    def until(self, end: pd.Timestamp) -> Panel:
        """The panel cut to periods before ``end`` (for re-predicting a past campaign)."""
        keep = np.asarray(self.dates < end)
        cut = lambda a: None if a is None else a[keep]  # noqa: E731
        return Panel(
            outcome_name=self.outcome_name,
            frequency=self.frequency,
            dates=self.dates[keep],
            segment_columns=self.segment_columns,
            segments=self.segments,
            outcome=self.outcome[keep],
            channels=self.channels,
            spend={c: v[keep] for c, v in self.spend.items()},
            campaign_spend={c: v[keep] for c, v in self.campaign_spend.items()},
            price=cut(self.price),
            discount=cut(self.discount),
            promo=cut(self.promo),
            campaign_cells={n: v[keep] for n, v in self.campaign_cells.items() if v[keep].any()},
            controls={c: v[keep] for c, v in self.controls.items()},
        )


# --- building the panel ------------------------------------------------------------------------


def segment_columns(frame: pd.DataFrame, mapping: Mapping) -> tuple[str, ...]:
    """All dimension columns when their combinations are few enough, else the one dimension with
    the most values within the limit, else none (the total)."""
    dims = [d for d in mapping.columns(DIMENSION) if d in frame.columns]
    if not dims:
        return ()
    if len(frame[dims].dropna().drop_duplicates()) <= MAX_SEGMENTS:
        return tuple(dims)
    fitting = [d for d in dims if 2 <= frame[d].nunique() <= MAX_SEGMENTS]
    return (max(fitting, key=lambda d: frame[d].nunique()),) if fitting else ()


def build_panel(
    frame: pd.DataFrame,
    mapping: Mapping,
    outcome: str | None = None,
    spend: Sequence[str] | None = None,
    controls: Sequence[str] = (),
) -> Panel:
    """Outcome, spend, price, discount, campaign cells and the chosen control columns (their
    mean per cell) per period and segment."""
    date_column = mapping.date_column
    if date_column is None:
        raise UserInputError("The data has no date column: choose one in the mapping.")
    outcome = outcome or mapping.outcome
    if outcome is None:
        raise UserInputError("Choose an outcome column (e.g. revenue) with --outcome.")
    check_column(frame, outcome, "outcome")
    channels = tuple(spend) if spend else tuple(mapping.columns(SPEND))
    if not channels:
        raise UserInputError(
            "The data has no spend column: mark the spend columns on the Data page or pass "
            "--spend COL,COL."
        )
    for column in channels:
        check_column(frame, column, "spend")
        if not pd.api.types.is_numeric_dtype(frame[column]):
            raise UserInputError(f"The spend column {column!r} is not numeric: choose another.")
    if not pd.api.types.is_numeric_dtype(frame[outcome]):
        raise UserInputError(f"The outcome column {outcome!r} is not numeric: choose another.")
    _check_controls(frame, controls, (outcome, *channels))
    rows = frame[frame[date_column].notna()]
    frequency = infer_frequency(rows[date_column].to_numpy())
    if frequency is None:
        raise UserInputError(
            "The dates are irregular; response curves need daily, weekly or monthly data."
        )
    dates = expected_calendar(rows[date_column].min(), rows[date_column].max(), frequency)
    seg_columns = segment_columns(rows, mapping)
    cells = _Cells(rows, date_column, seg_columns, dates)
    raw_spend = {c: np.nan_to_num(cells.sum(c)) for c in channels}
    labels = _campaign_labels(cells, mapping)
    campaign_cells = {name: labels == name for name in pd.unique(labels[labels != ""])}
    always_on, campaign_spend = _split_campaign_spend(
        raw_spend, campaign_cells, frequency, cells.segments
    )
    return Panel(
        outcome_name=outcome,
        frequency=frequency,
        dates=dates,
        segment_columns=seg_columns,
        segments=cells.segments,
        outcome=cells.sum(outcome),
        channels=channels,
        spend=always_on,
        campaign_spend=campaign_spend,
        price=cells.mean_of_role(mapping, PRICE),
        discount=cells.mean_of_role(mapping, DISCOUNT),
        promo=cells.mean_of_role(mapping, PROMO_FLAG),
        campaign_cells=campaign_cells,
        controls={c: cells.mean(c) for c in controls},
    )


def _check_controls(frame: pd.DataFrame, controls: Sequence[str], taken: Sequence[str]) -> None:
    """Control columns exist, are numbers and are not the outcome or a spend column."""
    for column in controls:
        check_column(frame, column, "control")
        if column in taken:
            raise UserInputError(
                f"{column!r} is the outcome or a spend column; a control must be another column.",
                code="plan_control_taken",
                column=column,
            )
        values = frame[column]
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            raise UserInputError(
                f"The control column {column!r} is not numeric: choose a metric or a 0/1 flag.",
                code="plan_control_not_numeric",
                column=column,
            )
        if values.nunique(dropna=True) < 2:
            raise UserInputError(
                f"The control column {column!r} never changes, so it cannot control for anything.",
                code="plan_control_constant",
                column=column,
            )


class _Cells:
    """Rows grouped into (period, segment) cells on the full calendar."""

    def __init__(
        self,
        rows: pd.DataFrame,
        date_column: str,
        seg_columns: tuple[str, ...],
        dates: pd.DatetimeIndex,
    ) -> None:
        self.rows = rows
        if seg_columns:
            keys = rows[list(seg_columns)].astype("string").fillna("")
            first, *others = (keys[column] for column in keys.columns)
            combined = first.str.cat(others, sep="\x1f") if others else first
            codes, uniques = pd.factorize(combined, sort=True)
            self.segments = tuple(tuple(str(u).split("\x1f")) for u in uniques)
        else:
            codes = np.zeros(len(rows), dtype=int)
            self.segments = ((),)
        self.seg = np.asarray(codes)
        self.t = dates.get_indexer(pd.DatetimeIndex(rows[date_column]))
        self.shape = (len(dates), len(self.segments))
        self.present = np.zeros(self.shape, dtype=bool)
        self.present[self.t, self.seg] = True

    def sum(self, column: str) -> np.ndarray:
        values = self.rows[column].to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(values)
        out = np.zeros(self.shape)
        np.add.at(out, (self.t[ok], self.seg[ok]), values[ok])
        out[~self.present] = np.nan
        return out

    def mean(self, column: str) -> np.ndarray:
        values = self.rows[column].to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(values)
        total, count = np.zeros(self.shape), np.zeros(self.shape)
        np.add.at(total, (self.t[ok], self.seg[ok]), values[ok])
        np.add.at(count, (self.t[ok], self.seg[ok]), 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / count, np.nan)

    def mean_of_role(self, mapping: Mapping, role: str) -> np.ndarray | None:
        columns = [c for c in mapping.columns(role) if c in self.rows.columns]
        if not columns or not pd.api.types.is_numeric_dtype(self.rows[columns[0]]):
            return None
        return self.mean(columns[0])


def _campaign_labels(cells: _Cells, mapping: Mapping) -> np.ndarray:
    labels = np.full(cells.shape, "", dtype=object)
    columns = [c for c in mapping.columns(CAMPAIGN) if c in cells.rows.columns]
    if not columns:
        return labels
    names = cells.rows[columns[0]].astype("string").str.strip().fillna("").to_numpy(dtype=object)
    named = names != ""
    labels[cells.t[named], cells.seg[named]] = names[named]
    return labels


def _split_campaign_spend(
    spend: dict[str, np.ndarray],
    campaign_cells: dict[str, np.ndarray],
    frequency: str,
    segments: tuple[tuple[str, ...], ...],
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """On a campaign's cells, spend above what the segment would usually have spent that period
    is the campaign's; the rest is always-on spend.

    The usual spend follows the untouched segments most like the segment (sharing the most
    dimension values) on the same dates, scaled by the segment's usual ratio to them, so flighting
    that happened anyway is kept; without such
    segments it is the segment's mean over the periods before the campaign. A campaign that did
    not spend clearly more than usual in a channel (20% more) leaves that channel as it was.
    """
    busy = np.zeros(next(iter(spend.values())).shape, dtype=bool)
    for mask in campaign_cells.values():
        busy |= mask
    always_on, extra = {}, {}
    for channel, values in spend.items():
        kept = values.copy()
        for mask in campaign_cells.values():
            usual = _usual_spend(values, mask, busy, frequency, segments)
            window = mask & (usual >= 0)
            if values[window].sum() > 1.2 * usual[window].sum():
                kept[window] = np.minimum(values[window], usual[window])
        always_on[channel] = kept
        extra[channel] = values - kept
    return always_on, extra


def _usual_spend(
    values: np.ndarray,
    mask: np.ndarray,
    busy: np.ndarray,
    frequency: str,
    segments: tuple[tuple[str, ...], ...],
) -> np.ndarray:
    """Expected always-on spend on a campaign's cells (−1 elsewhere)."""
    usual = np.full(values.shape, -1.0)
    days = np.flatnonzero(mask.any(axis=1))
    untouched = np.flatnonzero(~busy[days].any(axis=0))
    lookback = np.arange(max(0, days[0] - 4 * PRE_PERIODS[frequency]), days[0])
    for s in np.flatnonzero(mask.any(axis=0)):
        rows = np.flatnonzero(mask[:, s])
        quiet = lookback[~busy[lookback, s]]
        if len(untouched):
            shared = np.array([_shared_values(segments[s], segments[u]) for u in untouched])
            reference = values[:, untouched[shared == shared.max()]].mean(axis=1)
            base = reference[quiet].sum()
            ratio = values[quiet, s].sum() / base if base > 0 else 1.0
            usual[rows, s] = ratio * reference[rows]
        else:
            recent = quiet[-PRE_PERIODS[frequency] :]
            usual[rows, s] = values[recent, s].mean() if len(recent) else 0.0
    return usual


def _shared_values(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return sum(x == y for x, y in zip(a, b, strict=True))
