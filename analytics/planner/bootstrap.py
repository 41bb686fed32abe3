"""Intervals for the response curves: a moving-block bootstrap of the residuals (blocks of dates,
all segments together, so serial and cross-segment correlation are kept), each draw refitted from
the estimate. Fitted residuals are smaller than the noise by the degrees of freedom the fit used
(one per date effect, segment level, trend and season term, driver, scale and curve parameter:
about one in ten on daily data with a dozen segments), so they are scaled up by sqrt(n / (n − p))
before they are resampled (Davison & Hinkley 1997, Bootstrap Methods and their Application,
§6.2.3). A calibrated fit's lift measurements are redrawn from their errors around what the
calibrated fit predicts for them, as the data are around its fitted values, so the draws are
centred on the calibrated estimate (analytics.planner.calibration).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from analytics.parallel import map_in_workers
from analytics.planner.calibration import predictions
from analytics.planner.problem import CurveProblem, Estimate

BLOCK = {"D": 14, "W": 4, "M": 3}  # bootstrap block length, in periods


def bootstrap(
    problem: CurveProblem,
    estimate: Estimate,
    draws: int,
    seed: int,
    progress: Callable[[int, int], None] | None,
    parallel: bool,
) -> np.ndarray:
    """``draws`` refits on resampled residuals, in worker processes: one row (params, scales)
    per draw (an empty array without draws)."""
    if problem.calibration is not None:
        predicted = predictions(
            problem.calibration, problem, estimate.params, estimate.weight, estimate.scale
        )
        problem = problem.with_calibration(problem.calibration.centred(predicted))
    chunks = _chunks(problem, estimate, draws, seed)
    results = map_in_workers(_bootstrap_chunk, chunks, progress, parallel=parallel and draws > 0)
    return np.concatenate(results, axis=0) if results else np.empty((0, 0))


@dataclass(frozen=True)
class _Chunk:
    problem: CurveProblem
    estimate: Estimate
    seeds: tuple[int, ...]


def _chunks(problem: CurveProblem, estimate: Estimate, draws: int, seed: int) -> list[_Chunk]:
    if draws <= 0:
        return []
    size = max(1, min(25, draws // 8 or 1))
    seeds = [seed * 100_003 + i for i in range(draws)]
    return [_Chunk(problem, estimate, tuple(seeds[i : i + size])) for i in range(0, draws, size)]


def _bootstrap_chunk(chunk: _Chunk) -> np.ndarray:
    """Refits on resampled residual blocks: one row (params, coefficients) per seed."""
    with threadpool_limits(1):
        return _refits(chunk.problem, chunk.estimate, chunk.seeds)


def _refits(problem: CurveProblem, estimate: Estimate, seeds: tuple[int, ...]) -> np.ndarray:
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
        calibration = problem.calibration
        drawn = problem.with_calibration(calibration and calibration.perturbed(rng))
        draw = drawn.fit_rounds(
            log_y, estimate.params, estimate.linear, estimate.offset, estimate.demand, 0
        )
        rows.append(np.concatenate([draw.params, draw.scale.ravel()]))
    return np.array(rows)
