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
so curve parameters by Levenberg-Marquardt from the best point of a coarse grid
(analytics.planner.problem). Intervals come from a moving-block bootstrap of the residuals
(analytics.planner.bootstrap).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from analytics.errors import UserInputError
from analytics.planner.bootstrap import bootstrap
from analytics.planner.calibration import (
    Calibration,
    CalibrationCheck,
    LiftMeasurement,
    calibration_rows,
    predictions,
)
from analytics.planner.panel import MIN_PERIODS, RECENT, Panel
from analytics.planner.problem import OUTER_ITERATIONS, CurveProblem, Estimate

MIN_SPEND_CV = 0.05  # below this, a channel's spend never varied enough to learn its curve
MIN_ACTIVE_SHARE = 0.1  # ... or it was on in fewer than this share of periods
DEFAULT_DRAWS = 200
MARGINAL_STEP = 1.01  # marginal return: every cell's spend × this


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
    uncalibrated_roas: np.ndarray | None = field(default=None, repr=False)  # (C,) before lifts
    evidence: np.ndarray | None = field(default=None, repr=False)  # (C,) likelihood ratios
    evidence_df: int = 0  # their degrees of freedom: a scale per segment and 3 curve parameters
    calibration: tuple[CalibrationCheck, ...] = ()  # the lifts it was calibrated by

    @property
    def n_draws(self) -> int:
        return len(self.draws["decay"])


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


def fit_response(
    panel: Panel,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
    lifts: Sequence[LiftMeasurement] = (),
) -> ResponseFit:
    """Fit every channel's curve on the panel (calibrated by measured ``lifts``, if any), then
    ``draws`` bootstrap refits for intervals."""
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
        problem = CurveProblem.build(panel, channels)
        estimate = problem.fit_point()
        before = None
        if lifts:
            before = estimate
            problem, estimate = _calibrated(problem, estimate, tuple(lifts))
    boot = bootstrap(problem, estimate, draws, seed, progress, parallel)
    fit = _response_fit(problem, estimate, boot, exclusions)
    if before is None:
        return fit
    return _with_calibration(fit, problem, before, estimate)


def _calibrated(
    problem: CurveProblem, estimate: Estimate, lifts: tuple[LiftMeasurement, ...]
) -> tuple[CurveProblem, Estimate]:
    """The problem with the lifts' rows (weighed against the data's noise) refitted from the
    uncalibrated estimate and from the grid; the better of the two (a lift that disagrees with
    the data can leave the uncalibrated estimate in the wrong basin)."""
    rows = calibration_rows(problem.panel, problem.channels, lifts)
    noise_sd = float(np.std(estimate.residual)) * problem.residual_inflation()
    calibration = Calibration(rows, problem.panel.outcome, noise_sd)
    calibrated = problem.with_calibration(calibration)
    ones = np.ones_like(problem.log_y)
    refits = [
        calibrated.fit_rounds(calibrated.log_y, start, ones, 0 * ones, ones, OUTER_ITERATIONS)
        for start in (estimate.params, calibrated.start_values(calibrated.log_y))
    ]

    def objective(fit: Estimate) -> float:
        predicted = predictions(calibration, calibrated, fit.params, fit.weight, fit.scale)
        misses = calibration.misses(calibration.weights * predicted, calibration.targets)
        return float(np.sum(fit.residual**2) + np.sum(misses**2))

    return calibrated, min(refits, key=objective)


def _with_calibration(
    fit: ResponseFit, problem: CurveProblem, before: Estimate, after: Estimate
) -> ResponseFit:
    """The fit with each channel's ROAS before calibration and each lift's prediction before
    and after."""
    calibration = problem.calibration
    plain = problem.with_calibration(None)
    contribution, _ = _contributions(plain, before, _draws(plain, before, np.empty((0, 0))))
    checks = zip(
        calibration.rows,
        predictions(calibration, plain, before.params, before.weight, before.scale),
        predictions(calibration, plain, after.params, after.weight, after.scale),
        strict=True,
    )
    return dataclasses.replace(
        fit,
        uncalibrated_roas=contribution[0] / np.maximum(fit.history_spend, 1e-12),
        calibration=tuple(CalibrationCheck(r.measurement, b, a) for r, b, a in checks),
    )


def _check_length(panel: Panel) -> None:
    needed = MIN_PERIODS[panel.frequency]
    if len(panel.dates) < needed:
        unit = {"D": "days", "W": "weeks", "M": "months"}[panel.frequency]
        raise UserInputError(
            f"Only {len(panel.dates)} {unit} of data; response curves need at least {needed}. "
            "Upload a longer history."
        )


# --- the fitted curves and what planning needs about the recent period ---------------------------


def _response_fit(
    problem: CurveProblem, estimate: Estimate, boot: np.ndarray, exclusions: dict[str, Exclusion]
) -> ResponseFit:
    excluded = {c: why.reason for c, why in exclusions.items()}
    S = problem.log_y.shape[1]
    decay, half_sat, shape = problem.unpack(estimate.params)
    # Coefficients were fitted on weighted features: b·h·w ≈ log-scale effect, so the
    # scale of the outcome-level effect is b itself (see the module docstring).
    scale = estimate.scale
    draws = _draws(problem, estimate, boot)
    contribution, marginal = _contributions(problem, estimate, draws)
    recent_spend, share = _recent_spend(problem)
    notes = list(problem.notes)
    notes += [f"{c}: left out of the curves ({why})." for c, why in excluded.items()]
    panel = problem.panel
    return ResponseFit(
        outcome_name=panel.outcome_name,
        frequency=panel.frequency,
        segments=tuple(panel.segment_label(i) for i in range(S)),
        channels=problem.channels,
        excluded=dict(excluded),
        mode=problem.mode,
        decay=decay,
        half_sat=half_sat,
        shape=shape,
        scale=scale,
        draws=draws,
        level=_recent_level(problem, estimate),
        spend_share=share,
        recent_spend=recent_spend,
        history_spend=problem.spend.sum(axis=(1, 2)),
        contribution=contribution,
        marginal=marginal,
        residual_sd=float(np.std(estimate.residual)),
        periods=len(panel.dates),
        notes=tuple(notes),
        exclusions=dict(exclusions),
        evidence=problem.evidence(estimate),
        evidence_df=S + 3,
    )


def _draws(problem: CurveProblem, estimate: Estimate, boot: np.ndarray) -> dict[str, np.ndarray]:
    """Curve parameters and scales per bootstrap draw (the estimate alone without draws)."""
    C, S = estimate.scale.shape
    if not boot.size:
        decay, half_sat, shape = problem.unpack(estimate.params)
        return {
            "decay": decay[None],
            "half_sat": half_sat[None],
            "shape": shape[None],
            "scale": estimate.scale[None],
        }
    unpacked = [problem.unpack(p) for p in boot[:, : 3 * C]]
    return {
        "decay": np.array([u[0] for u in unpacked]),
        "half_sat": np.array([u[1] for u in unpacked]),
        "shape": np.array([u[2] for u in unpacked]),
        "scale": boot[:, 3 * C :].reshape(len(boot), C, S),
    }


def _recent_spend(problem: CurveProblem) -> tuple[np.ndarray, np.ndarray]:
    """Each channel's always-on spend per period over the recent periods (C,), and its split
    over the segments (C, S; even when it did not spend)."""
    spend = problem.spend
    recent = slice(max(0, spend.shape[1] - RECENT[problem.panel.frequency]), None)
    recent_spend = spend[:, recent].sum(axis=2).mean(axis=1)
    totals = spend[:, recent].sum(axis=1)
    share = totals / np.maximum(totals.sum(axis=1, keepdims=True), 1e-12)
    share[totals.sum(axis=1) <= 0] = 1.0 / spend.shape[2]
    return recent_spend, share


def _recent_level(problem: CurveProblem, estimate: Estimate) -> np.ndarray:
    """Per segment, the outcome per period that media's effect scales with (outcome without
    media × ρ), over the recent periods (cells without campaigns or discounts when there
    are enough of them)."""
    outcome = np.exp(problem.log_y) / (1.0 + estimate.media) * estimate.demand
    T = outcome.shape[0]
    recent = np.zeros_like(outcome, dtype=bool)
    recent[max(0, T - RECENT[problem.panel.frequency]) :] = True
    quiet = recent & ~_busy(problem.panel)
    levels = []
    for s in range(outcome.shape[1]):
        rows = quiet[:, s] if quiet[:, s].sum() >= 7 else recent[:, s]
        levels.append(float(np.mean(outcome[rows, s])))
    return np.array(levels)


def _busy(panel: Panel) -> np.ndarray:
    """Cells with a campaign or a discount."""
    busy = np.zeros(panel.shape, dtype=bool)
    for mask in panel.campaign_cells.values():
        busy |= mask
    if panel.discount is not None:
        busy |= np.nan_to_num(panel.discount) > 0
    return busy


def _contributions(
    problem: CurveProblem, estimate: Estimate, draws: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """For the estimate (row 0) and every draw: the outcome from each channel over the fit
    (actual × its share of the media factor), and the extra outcome per extra unit of spend
    when every cell's spend rises by 1% (the marginal return at the levels spent)."""
    y = np.nan_to_num(problem.panel.outcome)
    sets = [(estimate.params, estimate.scale)] + [
        (
            problem.pack(draws["decay"][i], draws["half_sat"][i], draws["shape"][i]),
            draws["scale"][i],
        )
        for i in range(len(draws["decay"]))
    ]
    spent = np.maximum(problem.spend.sum(axis=(1, 2)), 1e-12)
    contributions, marginals = [], []
    for params, scale in sets:
        per_channel = _media(problem, params, scale, estimate.demand)
        total = 1.0 + np.maximum(per_channel.sum(axis=0), -0.9)
        contributions.append((y[None] * per_channel / total[None]).sum(axis=(1, 2)))
        bumped = _media(problem, params, scale, estimate.demand, MARGINAL_STEP)
        extra = (y[None] * (bumped - per_channel) / total[None]).sum(axis=(1, 2))
        marginals.append(extra / ((MARGINAL_STEP - 1.0) * spent))
    return np.array(contributions), np.array(marginals)


def _media(
    problem: CurveProblem,
    params: np.ndarray,
    scale: np.ndarray,
    demand: np.ndarray,
    factor: float = 1.0,
) -> np.ndarray:
    """u per channel (C, T, S) = b · hill(adstock(factor · x)) · ρ."""
    h, _ = problem.features(params, spend_factor=factor)
    return h * scale[:, None, :] * demand[None]
