"""Checks on a lift estimate: the effect under alternative specifications (robustness), and the
same estimate on windows of the same length before the campaign, when none ran (placebo)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.lift.estimate import Spec, fit_inputs
from analytics.lift.forms import LEVEL, form_of, other_form
from analytics.lift.frequencies import MAX_PRE_PERIODS, MIN_PRE_PERIODS, UNITS
from analytics.lift.inputs import LiftInputs
from analytics.lift.result import LiftResult
from analytics.parallel import map_in_workers

POSITIVE, NEGATIVE, UNCLEAR = "positive", "negative", "unclear"
PLACEBO_WINDOWS = 8
PRIMARY = "primary"
SPEC_LABELS = {
    PRIMARY: "as estimated",
    "no_controls": "without controls (weekday, trend, festivals)",
    "with_controls": "with the best control series",
    "order": "other ARMA order",
    "trend_stationary": "trend-stationary form only",
    "local_level": "local-level form only (differenced)",
    "level": "level scale",
    "log": "log scale",
}


def conclusion_of(interval: tuple[float, float]) -> str:
    """'positive' or 'negative' when the 95% interval excludes zero on that side, else 'unclear'."""
    low, high = interval
    if low > 0:
        return POSITIVE
    if high < 0:
        return NEGATIVE
    return UNCLEAR


@dataclass(frozen=True)
class SpecEffect:
    """The effect under one specification."""

    key: str
    abs_effect: float
    abs_effect_ci: tuple[float, float]
    rel_effect: float
    rel_effect_ci: tuple[float, float]
    p_value: float
    controls: tuple[str, ...]
    order: tuple[int, int, int]
    log_scale: bool

    @property
    def label(self) -> str:
        return SPEC_LABELS[self.key]

    @property
    def conclusion(self) -> str:
        return conclusion_of(self.abs_effect_ci)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "abs_effect": self.abs_effect,
            "abs_effect_ci": list(self.abs_effect_ci),
            "rel_effect": self.rel_effect,
            "rel_effect_ci": list(self.rel_effect_ci),
            "p_value": self.p_value,
            "conclusion": self.conclusion,
            "controls": list(self.controls),
            "order": list(self.order),
            "log_scale": self.log_scale,
        }


@dataclass(frozen=True)
class Robustness:
    """The primary estimate and its alternatives side by side, with the verdict: does the
    conclusion (positive, negative or unclear) hold under every specification?"""

    specs: tuple[SpecEffect, ...]
    skipped: dict[str, str] = field(default_factory=dict)
    # Why a specification could not be fitted, as (code, params) for other languages.
    skipped_codes: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    @property
    def conclusion(self) -> str:
        return self.specs[0].conclusion

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.specs[1:] if s.conclusion != self.conclusion)

    @property
    def holds(self) -> bool:
        return not self.differing

    def sentence(self) -> str:
        what = {POSITIVE: "a positive effect", NEGATIVE: "a negative effect"}.get(
            self.conclusion, "no clear effect"
        )
        if self.holds:
            return f"The conclusion ({what}) holds under all {len(self.specs)} specifications."
        names = ", ".join(SPEC_LABELS[key] for key in self.differing)
        return (
            f"The conclusion ({what}) does not hold under every specification: it differs "
            f"under {names}. Read the estimate with care."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "specs": [s.to_dict() for s in self.specs],
            "skipped": dict(self.skipped),
            "conclusion": self.conclusion,
            "holds": self.holds,
            "differing": list(self.differing),
        }


@dataclass(frozen=True)
class PlaceboWindow:
    """The estimate on a window before the campaign, when no campaign or promotion ran."""

    start: str
    end: str
    abs_effect: float
    abs_effect_ci: tuple[float, float]
    rel_effect: float
    p_value: float

    @property
    def found(self) -> bool:
        """The interval excludes zero: the model 'found' an effect where there was none."""
        return conclusion_of(self.abs_effect_ci) != UNCLEAR

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "abs_effect": self.abs_effect,
            "abs_effect_ci": list(self.abs_effect_ci),
            "rel_effect": self.rel_effect,
            "p_value": self.p_value,
            "found": self.found,
        }


@dataclass(frozen=True)
class Placebo:
    """How often the estimate finds an effect on placebo windows (about 1 in 20 is chance)."""

    windows: tuple[PlaceboWindow, ...]
    reason: str | None = None

    @property
    def total(self) -> int:
        return len(self.windows)

    @property
    def found(self) -> int:
        return sum(w.found for w in self.windows)

    @property
    def share(self) -> float | None:
        return self.found / self.total if self.total else None

    def sentence(self) -> str:
        if not self.total:
            return f"No placebo check: {self.reason}"
        return (
            f"In {self.found} of {self.total} placebo windows (same length, before the campaign, "
            "when no campaign or promotion ran) the model found an effect where there was none; "
            "with 95% intervals about 1 in 20 is expected by chance."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "windows": [w.to_dict() for w in self.windows],
            "found": self.found,
            "total": self.total,
            "share": self.share,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class LiftChecks:
    robustness: Robustness
    placebo: Placebo

    def to_dict(self) -> dict[str, Any]:
        return {"robustness": self.robustness.to_dict(), "placebo": self.placebo.to_dict()}


@dataclass(frozen=True)
class _Job:
    """One fit for a worker: the inputs, the window and the specification."""

    inputs: LiftInputs
    spec: Spec
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    seed: int = 0


def check_lift(
    inputs: LiftInputs,
    primary: LiftResult | None = None,
    *,
    windows: int = PLACEBO_WINDOWS,
    parallel: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> LiftChecks:
    """Robustness and placebo checks of the estimate ``primary`` (fitted here when not given);
    the fits run in worker processes."""
    primary = primary or fit_inputs(inputs)
    alternatives = alternative_specs(primary)
    slots, reason = placebo_windows(inputs, windows)
    jobs = [_Job(inputs, spec) for spec in alternatives.values()]
    jobs += [_Job(inputs, Spec(), start, end, seed) for seed, (start, end) in enumerate(slots, 1)]
    outcomes = map_in_workers(_run, jobs, progress, parallel=parallel)
    specs, skipped, codes = [_spec_effect(PRIMARY, primary)], {}, {}
    for key, outcome in zip(alternatives, outcomes, strict=False):
        if isinstance(outcome, UserInputError):
            skipped[key] = str(outcome)
            if outcome.code:
                codes[key] = (outcome.code, dict(outcome.params))
        elif key == "with_controls" and not outcome.controls:
            skipped[key] = "no untouched segment tracks this one to serve as a control."
        else:
            specs.append(_spec_effect(key, outcome))
    if not primary.log_scale:
        skipped["log"] = "the series has zeros or negatives, so it has no log scale."
    placebo = sorted(
        (
            _placebo_window(outcome)
            for outcome in outcomes[len(alternatives) :]
            if not isinstance(outcome, UserInputError)
        ),
        key=lambda window: window.start,
    )
    if slots and not placebo:
        reason = "the model could not be fitted on any placebo window."
    robustness = Robustness(tuple(specs), skipped, codes)
    return LiftChecks(robustness, Placebo(tuple(placebo), reason))


def alternative_specs(primary: LiftResult) -> dict[str, Spec]:
    """One change at a time: controls on or off, the form that weighs less alone, another ARMA
    order of the form that weighs more, the other scale."""
    specs = {}
    if primary.controls:
        specs["no_controls"] = Spec(controls="none", log=primary.log_scale)
    else:
        specs["with_controls"] = Spec(controls="best", log=primary.log_scale)
    other = other_form(form_of(primary.order))
    specs[_FORM_KEYS[other]] = Spec(form=other, log=primary.log_scale)
    specs["order"] = Spec(order=_other_order(tuple(primary.order)), log=primary.log_scale)
    if primary.log_scale:
        specs["level"] = Spec(log=False)
    return specs


_FORM_KEYS = {LEVEL: "local_level", other_form(LEVEL): "trend_stationary"}


def _other_order(order: tuple[int, ...]) -> tuple[int, int, int]:
    if form_of(order) == LEVEL:
        return (1, 1, 1) if order == (0, 1, 1) else (0, 1, 1)
    return (2, 0, 0) if order == (1, 0, 0) else (1, 0, 0)


def placebo_windows(
    inputs: LiftInputs, count: int = PLACEBO_WINDOWS
) -> tuple[list[tuple[pd.Timestamp, pd.Timestamp]], str | None]:
    """Up to ``count`` non-overlapping windows of the campaign's length inside its pre-period,
    spread over it, each with at least the recommended history before it and no campaign or
    promotion in it. Returns the windows, or none and the reason."""
    series, frequency = inputs.series, inputs.frequency
    index = series.index
    length = len(series.loc[inputs.start : inputs.end])
    first = index.get_indexer([inputs.start])[0]
    earliest = max(0, first - MAX_PRE_PERIODS[frequency])
    quiet = ~_flagged(inputs.busy, index) & ~_flagged(inputs.promo, index)
    usable = series.notna().to_numpy() & ~_flagged(inputs.busy, index)
    history = np.concatenate([[0], np.cumsum(usable)])
    needed = MIN_PRE_PERIODS[frequency]
    slots = []
    for last in range(first - 1, earliest + length - 2, -length):
        begin = last - length + 1
        own_history = history[begin] - history[max(0, begin - MAX_PRE_PERIODS[frequency])]
        inside = slice(begin, last + 1)
        if own_history >= needed and quiet[inside].all() and usable[inside].any():
            slots.append((index[begin], index[last]))
    if not slots:
        unit = UNITS[frequency]
        return [], (
            f"there is not enough quiet history before the campaign for windows of {length} "
            f"{unit} (each needs {needed} {unit} before it)."
        )
    picks = np.unique(np.linspace(0, len(slots) - 1, min(count, len(slots))).round().astype(int))
    return [slots[i] for i in sorted(picks, reverse=True)], None


def _flagged(flags: pd.Series | None, index: pd.Index) -> np.ndarray:
    if flags is None:
        return np.zeros(len(index), dtype=bool)
    return flags.reindex(index, fill_value=False).to_numpy(dtype=bool)


def _run(job: _Job) -> LiftResult | UserInputError:
    """One fit (in a worker); a fit the data cannot support returns the reason instead."""
    try:
        return fit_inputs(job.inputs, start=job.start, end=job.end, spec=job.spec, seed=job.seed)
    except UserInputError as exc:
        return exc


def _spec_effect(key: str, result: LiftResult) -> SpecEffect:
    return SpecEffect(
        key=key,
        abs_effect=result.abs_effect,
        abs_effect_ci=result.abs_effect_ci,
        rel_effect=result.rel_effect,
        rel_effect_ci=result.rel_effect_ci,
        p_value=result.p_value,
        controls=tuple(result.controls),
        order=tuple(result.order),
        log_scale=result.log_scale,
    )


def _placebo_window(result: LiftResult) -> PlaceboWindow:
    return PlaceboWindow(
        start=result.start,
        end=result.end,
        abs_effect=result.abs_effect,
        abs_effect_ci=result.abs_effect_ci,
        rel_effect=result.rel_effect,
        p_value=result.p_value,
    )
