"""The baseline's two forms, trend-stationary and local level, weighted by how well each
forecast the end of the pre-period, so that the interval carries the doubt about which applies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.lift.arma_model import (
    PARAMETER_DRAWS,
    BaselineFit,
    fit_baseline,
    simulate_errors,
    simulate_paths,
)

TREND, LEVEL = "trend", "level"
FORMS = (TREND, LEVEL)
# The holdout: up to HOLDOUT_ORIGINS stretches as long as the window, together at most
# HOLDOUT_SHARE of the observed pre-period, each with HOLDOUT_PATHS simulated paths.
HOLDOUT_ORIGINS = 4
HOLDOUT_SHARE = 0.5
HOLDOUT_PATHS = 100


@dataclass(frozen=True)
class Blend:
    """Baseline paths over the window drawn from each form in proportion to its weight;
    ``fit`` is the form with the larger weight (its order and pre-period fit are reported)."""

    fit: BaselineFit
    paths: np.ndarray
    weights: dict[str, float]


def form_of(order: tuple[int, ...]) -> str:
    return LEVEL if order[1] == 1 else TREND


def other_form(form: str) -> str:
    return TREND if form == LEVEL else LEVEL


def blended_baseline(
    y: pd.Series,
    exog: pd.DataFrame,
    window: pd.Index,
    seed: int,
    *,
    order: tuple[int, int, int] | None = None,
    form: str | None = None,
    use_log: bool = False,
) -> Blend:
    """Fit the forms (one when ``order`` or ``form`` fixes it) on the pre-period ``y`` (on the
    model's scale), weight them on a holdout at its end, and draw the window's paths."""
    forms = (form_of(order),) if order else (form,) if form else FORMS
    fits: dict[str, BaselineFit] = {}
    failure: UserInputError | None = None
    for name in forms:
        try:
            fits[name] = fit_baseline(y, exog.loc[y.index], order, differenced=name == LEVEL)
        except UserInputError as exc:
            failure = exc
    if not fits:
        assert failure is not None
        raise failure
    weights = _holdout_weights(y, exog, fits, len(window), seed, use_log)
    paths = {}
    for i, (name, count) in enumerate(_draws(weights).items()):
        try:
            if count:
                paths[name] = simulate_paths(fits[name], exog.loc[window], seed + i, count)
        except UserInputError:
            if len(fits) == 1:
                raise
            # A form whose parameter draws all explode leaves the paths to the other.
            other = {key: fit for key, fit in fits.items() if key != name}
            return _single(other, exog.loc[window], seed)
    best = max(weights, key=lambda name: weights[name])
    return Blend(fits[best], np.concatenate(list(paths.values()), axis=1), weights)


def _single(fits: dict[str, BaselineFit], window: pd.DataFrame, seed: int) -> Blend:
    (name, fit), *_ = fits.items()
    return Blend(fit, simulate_paths(fit, window, seed), {name: 1.0})


def _draws(weights: dict[str, float]) -> dict[str, int]:
    """Parameter draws per form, in proportion to the weights, adding up to PARAMETER_DRAWS."""
    counts = {name: round(w * PARAMETER_DRAWS) for name, w in weights.items()}
    best = max(weights, key=lambda name: weights[name])
    counts[best] += PARAMETER_DRAWS - sum(counts.values())
    return counts


def _holdout_weights(
    y: pd.Series,
    exog: pd.DataFrame,
    fits: dict[str, BaselineFit],
    horizon: int,
    seed: int,
    use_log: bool,
) -> dict[str, float]:
    """Each form refitted without the end of the pre-period and scored there on windows as long
    as the campaign's (up to HOLDOUT_ORIGINS of them, at most half the pre-period): the density
    its simulated sums give each actual sum; the weights are proportional to the product."""
    if len(fits) == 1:
        return dict.fromkeys(fits, 1.0)
    observed = int(y.notna().sum())
    length = max(1, min(horizon, int(observed * HOLDOUT_SHARE)))
    origins = max(1, min(HOLDOUT_ORIGINS, int(observed * HOLDOUT_SHARE) // length))
    cut = len(y) - origins * length
    scores = {}
    for name, fit in fits.items():
        try:
            short = fit_baseline(y.iloc[:cut], exog.loc[y.index[:cut]], fit.order)
        except UserInputError:
            scores[name] = -np.inf
            continue
        stretches = range(cut, len(y), length)
        scores[name] = sum(
            _log_score(y.iloc[o : o + length], paths, use_log)
            for o, paths in zip(
                stretches, _held_out_paths(short, y, exog, stretches, seed), strict=True
            )
        )
    top = max(scores.values())
    if not np.isfinite(top):
        return dict.fromkeys(fits, 1.0 / len(fits))
    raw = {name: float(np.exp(score - top)) for name, score in scores.items()}
    total = sum(raw.values())
    return {name: value / total for name, value in raw.items()}


def _held_out_paths(
    fit: BaselineFit, y: pd.Series, exog: pd.DataFrame, stretches: range, seed: int
) -> Iterator[np.ndarray]:
    """Paths over each held-out stretch from what came before it, with ``fit``'s parameters."""
    design = exog.loc[y.index].assign(const=1.0)[fit.beta.index]
    level = (design @ fit.beta).to_numpy()
    errors = fit.arma.clone(y.to_numpy() - level).filter(
        np.asarray(fit.arma_fit.params), cov_type="none"
    )
    rng = np.random.default_rng(seed)
    for origin in stretches:
        simulated = simulate_errors(errors, stretches.step, origin, HOLDOUT_PATHS, rng)
        yield level[origin : origin + stretches.step, None] + simulated


def _scaled(values: pd.Series | np.ndarray, use_log: bool) -> pd.Series | np.ndarray:
    return np.exp(values) if use_log else values


def _log_score(actual: pd.Series, paths: np.ndarray, use_log: bool) -> float:
    """Normal log density of the actual sum (on the data's scale) under the simulated sums."""
    known = actual.notna().to_numpy()
    if not known.any():
        return 0.0
    actual, paths = _scaled(actual[known], use_log), _scaled(paths[known], use_log)
    sums = paths.sum(axis=0)
    spread = float(np.std(sums)) or 1e-9
    z = (float(actual.sum()) - float(np.mean(sums))) / spread
    return -np.log(spread) - 0.5 * z * z
