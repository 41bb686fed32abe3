"""Response curves: what each channel's always-on spend returns, with carry-over (geometric
adstock) and diminishing returns (Hill saturation), fitted with the other drivers held fixed.

The model, per segment s (a combination of the dimension columns, e.g. region × category) and
period t, on the log scale:

    log y[t,s] = date effect[t] + level, trend and yearly season of segment s
                 + b_price · log price + b_disc · log(1 − discount) + promotion + campaign rows
                 + log(1 + Σ_c b[c,s] · hill(adstock(x[c,t,s]; θ_c); K_c, S_c))

where x is the segment's always-on spend in the channel (spend above the usual level on campaign
rows is the campaign's, measured by lift, and is left out), adstock a_t = x_t + θ·a_(t−1) and
hill(a) = a^S / (a^S + K^S). So media adds b[c,s] × hill(...) × the segment's outcome without
media: every segment has its own scale, the carry-over and saturation are shared.

The date effect takes out whatever moves every segment together on a day (weekday, festivals,
season and the shocks they share, which on this kind of data are larger than the media effect),
so curves are learnt from segments whose spend differed. With one segment, or spend that never
differs between segments, calendar terms (weekday, festivals, yearly season) replace it.

The linear terms are solved by least squares for any (θ, K, S) (variable projection); the nine or
so curve parameters by Levenberg-Marquardt from the best point of a coarse grid. Intervals come
from a moving-block bootstrap of the residuals (blocks of dates, all segments together, so serial
and cross-segment correlation are kept), each draw refitted from the estimate. Fitted residuals
are smaller than the noise by the degrees of freedom the fit used (one per date effect, segment
level, trend and season term, driver, scale and curve parameter: about one in ten on daily data
with a dozen segments), so they are scaled up by sqrt(n / (n − p)) before they are resampled
(Davison & Hinkley 1997, Bootstrap Methods and their Application, §6.2.3).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import least_squares
from scipy.signal import lfilter
from scipy.special import expit
from threadpoolctl import threadpool_limits

from analytics.calendar import festival_regressors
from analytics.errors import UserInputError
from analytics.ingest.roles import CAMPAIGN, DIMENSION, DISCOUNT, PRICE, PROMO_FLAG, SPEND, Mapping
from analytics.parallel import map_in_workers
from analytics.periods import expected_calendar, infer_frequency
from analytics.selection import check_column

MAX_SEGMENTS = 30
MIN_PERIODS = {"D": 90, "W": 30, "M": 24}
BLOCK = {"D": 14, "W": 4, "M": 3}  # bootstrap block length, in periods
PRE_PERIODS = {"D": 28, "W": 8, "M": 3}  # usual spend level before a campaign
RECENT = {"D": 56, "W": 8, "M": 3}  # periods that define "today's" level and spend
PERIODS_PER_YEAR = {"D": 365.25, "W": 365.25 / 7, "M": 12.0}
MIN_SPEND_CV = 0.05  # below this, a channel's spend never varied enough to learn its curve
MIN_ACTIVE_SHARE = 0.1  # ... or it was on in fewer than this share of periods
DECAY_MAX = 0.95
SHAPE_RANGE = (0.5, 4.0)
HALF_SAT_RANGE = (0.05, 50.0)  # × the channel's mean spend per segment and period when on
DEFAULT_DRAWS = 200
OUTER_ITERATIONS = 4
MARGINAL_STEP = 1.01  # marginal return: every cell's spend × this


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
) -> Panel:
    """Outcome, spend, price, discount and campaign cells per period and segment."""
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
            combined = keys.agg("\x1f".join, axis=1) if len(seg_columns) > 1 else keys.iloc[:, 0]
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


# --- the curves ----------------------------------------------------------------------------------


def adstock(spend: np.ndarray, decay: float) -> np.ndarray:
    """Geometric carry-over along axis 0: a_t = x_t + decay · a_(t−1)."""
    return lfilter([1.0], [1.0, -decay], spend, axis=0)


def hill(stock: np.ndarray | float, half_sat: float, shape: float) -> np.ndarray:
    """Saturation a^S / (a^S + K^S), between 0 and 1."""
    ratio = np.maximum(np.asarray(stock, dtype=float), 0.0) / half_sat
    powered = ratio**shape
    return powered / (1.0 + powered)


def hill_slope(stock: np.ndarray | float, half_sat: float, shape: float) -> np.ndarray:
    """d hill / d stock."""
    stock = np.maximum(np.asarray(stock, dtype=float), 1e-12)
    h = hill(stock, half_sat, shape)
    return shape * h * (1.0 - h) / stock


# --- fitting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelCurve:
    """One channel's fitted curve: shared carry-over and saturation, a scale per segment."""

    channel: str
    decay: float
    half_sat: float
    shape: float
    scale: np.ndarray  # b[c, s]: added share of the segment's outcome at full saturation


@dataclass(frozen=True)
class ResponseFit:
    """Fitted curves with bootstrap draws, and what planning needs about the recent period."""

    outcome_name: str
    frequency: str
    segments: tuple[str, ...]
    channels: tuple[str, ...]
    excluded: dict[str, str]  # channel -> why its curve could not be learnt
    mode: str  # "date effects" or "calendar"
    decay: np.ndarray  # (C,)
    half_sat: np.ndarray
    shape: np.ndarray
    scale: np.ndarray  # (C, S)
    draws: dict[str, np.ndarray] = field(repr=False)  # decay/half_sat/shape (B, C), scale (B,C,S)
    level: np.ndarray = field(repr=False)  # (S,) recent outcome media scales with (no media, × ρ)
    spend_share: np.ndarray = field(repr=False)  # (C, S) recent split of each channel's spend
    recent_spend: np.ndarray = field(repr=False)  # (C,) recent always-on spend per period
    history_spend: np.ndarray = field(repr=False)  # (C,) always-on spend over the fit
    contribution: np.ndarray = field(repr=False)  # (B+1, C) outcome from each channel, fit
    marginal: np.ndarray = field(repr=False)  # (B+1, C) outcome per extra unit of spend, fit
    residual_sd: float
    periods: int
    notes: tuple[str, ...]
    exclusions: dict[str, Exclusion] = field(default_factory=dict, repr=False)  # as excluded

    def curve(self, channel: str, draw: int | None = None) -> ChannelCurve:
        c = self.channels.index(channel)
        if draw is None:
            return ChannelCurve(
                channel, self.decay[c], self.half_sat[c], self.shape[c], self.scale[c]
            )
        d = self.draws
        return ChannelCurve(
            channel,
            d["decay"][draw, c],
            d["half_sat"][draw, c],
            d["shape"][draw, c],
            d["scale"][draw, c],
        )

    @property
    def n_draws(self) -> int:
        return len(self.draws["decay"])


@dataclass(frozen=True)
class Exclusion:
    """Why a channel's curve cannot be learnt: ``code`` is no_spend, flat (spend barely varied;
    ``value`` is its coefficient of variation) or rare (``value`` is the share of periods with
    spend), so the app can say it in the user's language."""

    code: str
    value: float = 0.0

    @property
    def reason(self) -> str:
        if self.code == "no_spend":
            return "no always-on spend in the data"
        if self.code == "flat":
            return (
                f"spend barely varied (coefficient of variation {self.value:.1%}): its curve "
                "cannot be told apart from the baseline"
            )
        return f"spend was on in only {self.value:.0%} of periods"


def channel_exclusions(panel: Panel) -> dict[str, Exclusion]:
    """Channels whose spend never varied enough to learn a curve, and why."""
    excluded = {}
    for channel in panel.channels:
        total = panel.spend[channel].sum(axis=1)
        mean = float(total.mean())
        if mean <= 0:
            excluded[channel] = Exclusion("no_spend")
            continue
        cv = float(total.std() / mean)
        active = float((total > 0).mean())
        if cv < MIN_SPEND_CV:
            excluded[channel] = Exclusion("flat", cv)
        elif active < MIN_ACTIVE_SHARE:
            excluded[channel] = Exclusion("rare", active)
    return excluded


def channel_variation(panel: Panel) -> dict[str, str]:
    """Channels whose spend never varied enough to learn a curve, with the reason."""
    return {c: e.reason for c, e in channel_exclusions(panel).items()}


def fit_response(
    panel: Panel,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
) -> ResponseFit:
    """Fit every channel's curve on the panel, then ``draws`` bootstrap refits for intervals."""
    _check_length(panel)
    exclusions = channel_exclusions(panel)
    channels = tuple(c for c in panel.channels if c not in exclusions)
    if not channels:
        reasons = "; ".join(f"{c}: {why.reason}" for c, why in exclusions.items())
        raise UserInputError(
            f"No spend column varied enough to learn a response curve ({reasons}). Upload data "
            "in which spend changed over time.",
            code="plan_no_varied_spend",
            channels=", ".join(exclusions),
        )
    with threadpool_limits(1):
        problem = _Problem.build(panel, channels)
        estimate = problem.fit_point()
    chunks = _chunks(problem, estimate, draws, seed)
    results = map_in_workers(_bootstrap_chunk, chunks, progress, parallel=parallel and draws > 0)
    boot = np.concatenate([r for r in results], axis=0) if results else np.empty((0, 0))
    return problem.result(estimate, boot, exclusions)


def _check_length(panel: Panel) -> None:
    needed = MIN_PERIODS[panel.frequency]
    if len(panel.dates) < needed:
        unit = {"D": "days", "W": "weeks", "M": "months"}[panel.frequency]
        raise UserInputError(
            f"Only {len(panel.dates)} {unit} of data; response curves need at least {needed}. "
            "Upload a longer history."
        )


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


@dataclass
class _Estimate:
    params: np.ndarray  # unconstrained, 3 per channel
    scale: np.ndarray  # (C, S)
    weight: np.ndarray  # (T, S) ρ / (1 + u): the media features' multiplier in the fit
    linear: np.ndarray  # (T, S) 1 / (1 + u): the linearisation of log(1 + u)
    offset: np.ndarray  # (T, S)
    fitted: np.ndarray  # (T, S) log scale
    residual: np.ndarray  # (T, S) log scale
    media: np.ndarray  # (T, S) u = Σ_c b h ρ
    demand: np.ndarray  # (T, S) ρ: average demand / the cell's demand


class _Problem:
    """The variable-projection least-squares problem for one panel."""

    def __init__(
        self,
        panel: Panel,
        channels: tuple[str, ...],
        log_y: np.ndarray,
        residualizer: Residualizer,
        mode: str,
        notes: list[str],
    ) -> None:
        self.panel = panel
        self.channels = channels
        self.log_y = log_y
        self.res = residualizer
        self.mode = mode
        self.notes = notes
        self.spend = np.stack([panel.spend[c] for c in channels])  # (C, T, S)
        self.ref = np.array([_mean_when_on(x) for x in self.spend])
        self._cache: dict[str, Any] = {}

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def build(cls, panel: Panel, channels: tuple[str, ...]) -> _Problem:
        notes: list[str] = []
        log_y = _log_outcome(panel.outcome, notes)
        S = panel.shape[1]
        varies = all(_varies_across_segments(panel.spend[c]) for c in channels)
        date_effects = S >= 2 and varies
        if S >= 2 and not varies:
            notes.append(
                "Spend did not differ between segments, so the curves are fitted with calendar "
                "terms (weekday, festivals, season) instead of date effects."
            )
        basis = segment_basis(panel.dates, panel.frequency)
        shared, n_drivers = _shared_terms(panel, calendar=not date_effects)
        residualizer = Residualizer(basis, shared, date_effects)
        mode = "date effects" if date_effects else "calendar"
        problem = cls(panel, channels, log_y, residualizer, mode, notes)
        problem.basis, problem.shared_raw, problem.n_drivers = basis, shared, n_drivers
        return problem

    def residual_inflation(self) -> float:
        """sqrt(n / (n − p)): fitted residuals → noise scale, p the degrees of freedom of the fit
        (date effects, each segment's basis, the shared terms, a scale per channel and segment and
        three curve parameters per channel)."""
        T, S = self.log_y.shape
        C = len(self.channels)
        n = T * S
        if self.res.date_effects:
            controls = T + self.res.basis.shape[1] * (S - 1)
        else:
            controls = self.res.basis.shape[1] * S
        p = controls + self.res.shared.shape[1] + C * S + 3 * C
        return float(np.sqrt(n / (n - p))) if n > 2 * p else float(np.sqrt(2.0))

    # -- parameters ----------------------------------------------------------------------------

    def unpack(self, params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        q = params.reshape(-1, 3)
        sig = expit(q)
        decay = DECAY_MAX * sig[:, 0]
        lo, hi = np.log(HALF_SAT_RANGE)
        half_sat = self.ref * np.exp(lo + (hi - lo) * sig[:, 1])
        shape = SHAPE_RANGE[0] + (SHAPE_RANGE[1] - SHAPE_RANGE[0]) * sig[:, 2]
        return decay, half_sat, shape

    def pack(self, decay: np.ndarray, half_sat: np.ndarray, shape: np.ndarray) -> np.ndarray:
        def logit(p: np.ndarray) -> np.ndarray:
            p = np.clip(p, 1e-4, 1 - 1e-4)
            return np.log(p / (1 - p))

        lo, hi = np.log(HALF_SAT_RANGE)
        q = np.column_stack(
            [
                logit(np.asarray(decay) / DECAY_MAX),
                logit((np.log(np.asarray(half_sat) / self.ref) - lo) / (hi - lo)),
                logit((np.asarray(shape) - SHAPE_RANGE[0]) / (SHAPE_RANGE[1] - SHAPE_RANGE[0])),
            ]
        )
        return q.ravel()

    def _chain(self, params: np.ndarray) -> np.ndarray:
        """d(decay, log K, shape) / d(unconstrained), per channel (C, 3)."""
        q = params.reshape(-1, 3)
        sig = expit(q)
        lo, hi = np.log(HALF_SAT_RANGE)
        return np.column_stack(
            [
                DECAY_MAX * sig[:, 0] * (1 - sig[:, 0]),
                (hi - lo) * sig[:, 1] * (1 - sig[:, 1]),
                (SHAPE_RANGE[1] - SHAPE_RANGE[0]) * sig[:, 2] * (1 - sig[:, 2]),
            ]
        )

    # -- features ------------------------------------------------------------------------------

    def features(
        self, params: np.ndarray, gradients: bool = False, spend_factor: float = 1.0
    ) -> tuple[np.ndarray, Any]:
        """hill(adstock(x)) per channel (C, T, S), and optionally its derivatives."""
        decay, half_sat, shape = self.unpack(params)
        hs, grads = [], []
        for c in range(len(self.channels)):
            stock = adstock(self.spend[c] * spend_factor, decay[c])
            log_stock = np.log(np.maximum(stock, 1e-12))
            z = np.exp(np.clip(shape[c] * (log_stock - np.log(half_sat[c])), -700, 700))
            h = z / (1.0 + z)
            h[stock <= 0] = 0.0
            hs.append(h)
            if gradients:
                g = h * (1.0 - h)
                lagged = np.vstack([np.zeros((1, stock.shape[1])), stock[:-1]])
                d_stock = adstock(lagged, decay[c])
                safe = np.maximum(stock, 1e-12)
                grads.append(
                    (
                        g * shape[c] * d_stock / safe,
                        -g * shape[c],
                        g * (log_stock - np.log(half_sat[c])),
                    )
                )
        return np.stack(hs), grads

    def media_design(self, h: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Residualized columns, one per (channel, segment)."""
        C, T, S = h.shape
        values = np.zeros((T, S, C * S))
        seg = np.arange(S)
        for c in range(C):
            values[:, seg, c * S + seg] = h[c] * weight
        return self.res(values)

    # -- least squares -------------------------------------------------------------------------

    def residuals(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
        h, _ = self.features(params)
        design = self.media_design(h, weight)
        gram = design.T @ design
        gram[np.diag_indices_from(gram)] += 1e-10 * max(float(np.trace(gram)), 1e-300)
        coef = np.linalg.solve(gram, design.T @ target)
        self._cache = {"params": params.copy(), "design": design, "coef": coef, "gram": gram}
        return target - design @ coef

    def jacobian(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Kaufman's variable-projection Jacobian of the residuals."""
        if not np.array_equal(self._cache.get("params"), params):
            self.residuals(params, target, weight)
        design, coef = self._cache["design"], self._cache["coef"]
        _, grads = self.features(params, gradients=True)
        chain = self._chain(params)
        C, S = len(self.channels), weight.shape[1]
        columns = np.zeros((*weight.shape, 3 * C))
        for c in range(C):
            scale = coef[c * S : (c + 1) * S][None, :] * weight
            for k, grad in enumerate(grads[c]):
                columns[:, :, 3 * c + k] = grad * scale * chain[c, k]
        jac = self.res(columns)
        return -(jac - design @ np.linalg.solve(self._cache["gram"], design.T @ jac))

    def solve(
        self, start: np.ndarray, log_y: np.ndarray, weight: np.ndarray, offset: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Levenberg-Marquardt from ``start``: curve parameters, coefficients, residual vector."""
        target = self.res((log_y - offset)[:, :, None])[:, 0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            solution = least_squares(
                self.residuals,
                start,
                jac=self.jacobian,
                method="lm",
                args=(target, weight),
                xtol=1e-6,
                ftol=1e-8,
                max_nfev=200,
            )
        residual = self.residuals(solution.x, target, weight)
        coef = self._cache["coef"].reshape(len(self.channels), -1)
        return solution.x, coef, residual

    def profile_rss(self, params: np.ndarray, target: np.ndarray, weight: np.ndarray) -> float:
        return float(np.sum(self.residuals(params, target, weight) ** 2))

    def start_values(self, log_y: np.ndarray) -> np.ndarray:
        """Best point of a coarse grid, one channel at a time (two sweeps)."""
        C = len(self.channels)
        decay = np.full(C, 0.4)
        half_sat = self.ref * 1.5
        shape = np.full(C, 1.5)
        weight = np.ones_like(log_y)
        target = self.res(log_y[:, :, None])[:, 0]
        grid = [
            (d, k, s) for d in (0.1, 0.4, 0.7) for k in (0.5, 1.5, 4.0) for s in (0.8, 1.5, 2.5)
        ]
        for _ in range(2):
            for c in range(C):
                best, best_rss = None, np.inf
                for d, k, s in grid:
                    trial_d, trial_k, trial_s = decay.copy(), half_sat.copy(), shape.copy()
                    trial_d[c], trial_k[c], trial_s[c] = d, k * self.ref[c], s
                    rss = self.profile_rss(self.pack(trial_d, trial_k, trial_s), target, weight)
                    if rss < best_rss:
                        best, best_rss = (d, k * self.ref[c], s), rss
                decay[c], half_sat[c], shape[c] = best
        return self.pack(decay, half_sat, shape)

    def fit_point(self) -> _Estimate:
        """The estimate: grid start, then Levenberg-Marquardt, re-linearising log(1 + u) and
        re-estimating each segment's demand profile between rounds."""
        ones = np.ones_like(self.log_y)
        params = self.start_values(self.log_y)
        return self.fit_rounds(self.log_y, params, ones, 0 * ones, ones, OUTER_ITERATIONS)

    def fit_rounds(
        self,
        log_y: np.ndarray,
        params: np.ndarray,
        linear: np.ndarray,
        offset: np.ndarray,
        demand: np.ndarray,
        rounds: int,
    ) -> _Estimate:
        """Solve, then ``rounds`` times: update the demand profile and the linearisation of
        log(1 + u) around the current fit, and solve again."""
        T, S = log_y.shape
        for round_ in range(rounds + 1):
            params, coef, residual = self.solve(params, log_y, linear * demand, offset)
            h, _ = self.features(params)
            if round_ == rounds:
                break
            media_term = np.einsum("cts,cs->ts", h, coef) * demand * linear
            fitted = log_y - residual.reshape(T, S)
            demand = self._demand_scale(fitted - offset - media_term)
            media = np.maximum(np.einsum("cts,cs->ts", h, coef) * demand, -0.9)
            linear = 1.0 / (1.0 + media)
            offset = np.log1p(media) - media * linear
        media = np.maximum(np.einsum("cts,cs->ts", h, coef) * demand, -0.9)
        residual = residual.reshape(T, S)
        return _Estimate(
            params=params,
            scale=coef,
            weight=linear * demand,
            linear=linear,
            offset=offset,
            fitted=log_y - residual,
            residual=residual,
            media=media,
            demand=demand,
        )

    def _demand_scale(self, controls_part: np.ndarray) -> np.ndarray:
        """Average demand / demand per cell, from the fitted controls without price, discount,
        campaigns and the day's shared shock: media adds a similar amount of outcome for the
        same spend, so a smaller share of it on busy days."""
        T, S = controls_part.shape
        shared = self.shared_raw
        if shared.shape[2]:
            gamma, *_ = np.linalg.lstsq(
                self.res.within(shared),
                self.res.within(controls_part[:, :, None])[:, 0],
                rcond=None,
            )
            drivers = shared[:, :, : self.n_drivers] @ gamma[: self.n_drivers]
        else:
            drivers = np.zeros((T, S))
        log_demand = controls_part - drivers
        if self.mode == "date effects":
            common = log_demand.mean(axis=1)
            smooth_basis = np.column_stack(
                [self.basis, calendar_terms(self.panel.dates, self.panel.frequency)]
            )
            coef, *_ = np.linalg.lstsq(smooth_basis, common, rcond=None)
            log_demand = log_demand - (common - smooth_basis @ coef)[:, None]
        log_demand = log_demand - log_demand.mean(axis=0, keepdims=True)
        demand = np.exp(log_demand)
        return demand.mean(axis=0, keepdims=True) / demand

    # -- results -------------------------------------------------------------------------------

    def result(
        self, estimate: _Estimate, boot: np.ndarray, exclusions: dict[str, Exclusion]
    ) -> ResponseFit:
        excluded = {c: why.reason for c, why in exclusions.items()}
        C = len(self.channels)
        S = self.log_y.shape[1]
        decay, half_sat, shape = self.unpack(estimate.params)
        # Coefficients were fitted on weighted features: b·h·w ≈ log-scale effect, so the
        # scale of the outcome-level effect is b itself (see the module docstring).
        scale = estimate.scale
        if boot.size:
            b_params = boot[:, : 3 * C]
            b_scale = boot[:, 3 * C :].reshape(len(boot), C, S)
            unpacked = [self.unpack(p) for p in b_params]
            draws = {
                "decay": np.array([u[0] for u in unpacked]),
                "half_sat": np.array([u[1] for u in unpacked]),
                "shape": np.array([u[2] for u in unpacked]),
                "scale": b_scale,
            }
        else:
            draws = {
                "decay": decay[None],
                "half_sat": half_sat[None],
                "shape": shape[None],
                "scale": scale[None],
            }
        level = self._recent_level(estimate)
        contribution, marginal = self._contributions(estimate, draws)
        recent = slice(max(0, self.spend.shape[1] - RECENT[self.panel.frequency]), None)
        recent_spend = self.spend[:, recent].sum(axis=2).mean(axis=1)
        totals = self.spend[:, recent].sum(axis=1)
        share = totals / np.maximum(totals.sum(axis=1, keepdims=True), 1e-12)
        share[totals.sum(axis=1) <= 0] = 1.0 / S
        notes = list(self.notes)
        notes += [f"{c}: left out of the curves ({why})." for c, why in excluded.items()]
        return ResponseFit(
            outcome_name=self.panel.outcome_name,
            frequency=self.panel.frequency,
            segments=tuple(self.panel.segment_label(i) for i in range(S)),
            channels=self.channels,
            excluded=dict(excluded),
            mode=self.mode,
            decay=decay,
            half_sat=half_sat,
            shape=shape,
            scale=scale,
            draws=draws,
            level=level,
            spend_share=share,
            recent_spend=recent_spend,
            history_spend=self.spend.sum(axis=(1, 2)),
            contribution=contribution,
            marginal=marginal,
            residual_sd=float(np.std(estimate.residual)),
            periods=len(self.panel.dates),
            notes=tuple(notes),
            exclusions=dict(exclusions),
        )

    def _recent_level(self, estimate: _Estimate) -> np.ndarray:
        """Per segment, the outcome per period that media's effect scales with (outcome without
        media × ρ), over the recent periods (cells without campaigns or discounts when there
        are enough of them)."""
        outcome = np.exp(self.log_y) / (1.0 + estimate.media) * estimate.demand
        T = outcome.shape[0]
        recent = np.zeros_like(outcome, dtype=bool)
        recent[max(0, T - RECENT[self.panel.frequency]) :] = True
        quiet = recent & ~self._busy()
        levels = []
        for s in range(outcome.shape[1]):
            rows = quiet[:, s] if quiet[:, s].sum() >= 7 else recent[:, s]
            levels.append(float(np.mean(outcome[rows, s])))
        return np.array(levels)

    def _busy(self) -> np.ndarray:
        busy = np.zeros(self.log_y.shape, dtype=bool)
        for mask in self.panel.campaign_cells.values():
            busy |= mask
        if self.panel.discount is not None:
            busy |= np.nan_to_num(self.panel.discount) > 0
        return busy

    def _contributions(
        self, estimate: _Estimate, draws: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """For the estimate (row 0) and every draw: the outcome from each channel over the fit
        (actual × its share of the media factor), and the extra outcome per extra unit of spend
        when every cell's spend rises by 1% (the marginal return at the levels spent)."""
        y = np.nan_to_num(self.panel.outcome)
        sets = [(estimate.params, estimate.scale)] + [
            (
                self.pack(draws["decay"][i], draws["half_sat"][i], draws["shape"][i]),
                draws["scale"][i],
            )
            for i in range(len(draws["decay"]))
        ]
        spent = np.maximum(self.spend.sum(axis=(1, 2)), 1e-12)
        contributions, marginals = [], []
        for params, scale in sets:
            per_channel = self._media(params, scale, estimate.demand)
            total = 1.0 + np.maximum(per_channel.sum(axis=0), -0.9)
            contributions.append((y[None] * per_channel / total[None]).sum(axis=(1, 2)))
            bumped = self._media(params, scale, estimate.demand, MARGINAL_STEP)
            extra = (y[None] * (bumped - per_channel) / total[None]).sum(axis=(1, 2))
            marginals.append(extra / ((MARGINAL_STEP - 1.0) * spent))
        return np.array(contributions), np.array(marginals)

    def _media(
        self, params: np.ndarray, scale: np.ndarray, demand: np.ndarray, factor: float = 1.0
    ) -> np.ndarray:
        """u per channel (C, T, S) = b · hill(adstock(factor · x)) · ρ."""
        h, _ = self.features(params, spend_factor=factor)
        return h * scale[:, None, :] * demand[None]


def _log_outcome(outcome: np.ndarray, notes: list[str]) -> np.ndarray:
    """log outcome; empty or non-positive cells (a few) filled from the segment's neighbours."""
    values = np.where(outcome > 0, outcome, np.nan)
    bad = np.isnan(values)
    if bad.mean() > 0.05:
        raise UserInputError(
            f"{bad.mean():.0%} of the outcome's periods × segments are empty or not positive; "
            "response curves need a positive outcome in almost every period."
        )
    if bad.any():
        notes.append(
            f"{int(bad.sum())} empty or non-positive cells were filled in from neighbours."
        )
    logged = pd.DataFrame(np.log(values)).interpolate(limit_direction="both")
    return logged.to_numpy()


def _mean_when_on(spend: np.ndarray) -> float:
    on = spend[spend > 0]
    return float(on.mean()) if on.size else 1.0


def _varies_across_segments(spend: np.ndarray) -> bool:
    """Whether the spend differs between segments beyond a fixed split (date effects would
    otherwise absorb it)."""
    total = spend.sum(axis=1, keepdims=True)
    on = total[:, 0] > 0
    if on.sum() < 10:
        return False
    share = spend[on] / total[on]
    return bool(np.median(share.std(axis=0) / np.maximum(share.mean(axis=0), 1e-12)) > 0.02)


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


def _shared_terms(panel: Panel, calendar: bool) -> tuple[np.ndarray, int]:
    """(T, S, q) shared terms and how many of them are drivers: price, discount, promotion, one
    column per campaign; then, with ``calendar``, weekday, festivals and run-up ramps."""
    T, S = panel.shape
    terms = []
    if panel.price is not None:
        price = _filled(panel.price)
        if np.all(price > 0):
            terms.append(np.log(price))
    if panel.discount is not None:
        terms.append(np.log1p(-np.clip(_filled(panel.discount, 0.0), 0.0, 0.9)))
    if panel.promo is not None:
        terms.append(_filled(panel.promo, 0.0))
    terms += [mask.astype(float) for mask in panel.campaign_cells.values()]
    n_drivers = len(terms)
    if calendar:
        for column in calendar_terms(panel.dates, panel.frequency).T:
            terms.append(np.repeat(column[:, None], S, axis=1))
    if not terms:
        return np.zeros((T, S, 0)), 0
    return np.stack(terms, axis=2), n_drivers


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


def _filled(values: np.ndarray, default: float | None = None) -> np.ndarray:
    """Missing cells filled with the segment's median (or ``default``)."""
    out = values.copy()
    for s in range(out.shape[1]):
        column = out[:, s]
        missing = np.isnan(column)
        if missing.any():
            fill = default if default is not None or missing.all() else np.nanmedian(column)
            column[missing] = 0.0 if fill is None else fill
    return out


# --- bootstrap --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    problem: _Problem
    estimate: _Estimate
    seeds: tuple[int, ...]


def _chunks(problem: _Problem, estimate: _Estimate, draws: int, seed: int) -> list[_Chunk]:
    if draws <= 0:
        return []
    size = max(1, min(25, draws // 8 or 1))
    seeds = [seed * 100_003 + i for i in range(draws)]
    return [_Chunk(problem, estimate, tuple(seeds[i : i + size])) for i in range(0, draws, size)]


def _bootstrap_chunk(chunk: _Chunk) -> np.ndarray:
    """Refits on resampled residual blocks: one row (params, coefficients) per seed."""
    with threadpool_limits(1):
        return _refits(chunk.problem, chunk.estimate, chunk.seeds)


def _refits(problem: _Problem, estimate: _Estimate, seeds: tuple[int, ...]) -> np.ndarray:
    """Moving-block residual bootstrap: blocks of consecutive periods' residuals (all segments
    together, so serial and cross-segment correlation are kept), scaled up for the degrees of
    freedom the fit used, drawn with replacement onto the fit; each draw refitted from the
    estimate (demand profile and linearisation held)."""
    T = estimate.residual.shape[0]
    block = min(BLOCK[problem.panel.frequency], max(1, T // 4))
    residual = estimate.residual * problem.residual_inflation()
    rows = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        starts = rng.integers(0, T - block + 1, size=T // block + 1)
        index = np.concatenate([np.arange(s, s + block) for s in starts])[:T]
        resampled = residual[index]
        log_y = estimate.fitted + resampled - resampled.mean(axis=0, keepdims=True)
        draw = problem.fit_rounds(
            log_y, estimate.params, estimate.linear, estimate.offset, estimate.demand, 0
        )
        rows.append(np.concatenate([draw.params, draw.scale.ravel()]))
    return np.array(rows)
