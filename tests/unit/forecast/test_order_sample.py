"""The order plan on the sample file against the demand the generator really draws.

The truth for a cut-off is sample_data.generate.cover_demand_draws: demand over lead time +
review from the generator's own mean path (season, trend, festivals, prices, discounts,
campaigns, the media its spend buys) and its noise model (shared AR(1) log noise from its value
on the cut-off day, each segment's own noise). The segment is East × Apparel; the cases are
tests/order_truth.py's: 7 + 7 days after 2025-07-31 (ordinary days) and 10 + 7 days after
2025-10-24 (the Double 11 ramp), at critical ratios 0.4 and 0.8.

Tolerances come from the plan's sampling error, measured by bench/order_truth.py on generator
seeds 1-40 (same parameters, other draws; 2026-12-07):

| case | ratio | error of the order-up-to level in true sd: mean, sd, 2.5%-97.5% | true stock-out: mean over seeds ± se (promised) |
| ordinary | 0.4 | -0.24, 1.12, -2.14 to 1.74 | 0.629 ± 0.050 (0.60) |
| ordinary | 0.8 | +0.74, 1.15, -1.39 to 3.05 | 0.150 ± 0.033 (0.20) |
| Double 11 | 0.4 | -0.78, 1.06, -2.46 to 0.79 | 0.768 ± 0.038 (0.60) |
| Double 11 | 0.8 | +0.50, 1.31, -2.33 to 2.36 | 0.202 ± 0.040 (0.20) |

The true sd is narrow (119 units on about 5,000 over 14 days): the plan's error is mostly the
forecast's own, which must estimate the level from one history and cannot see the always-on
media the file's future spend will buy (sd 149 units over these windows), so its spread is about
twice the noise alone. 97.5% of the 160 seed errors lie within 2.72 true sd.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from corpus import SAMPLE_CSV

from sample_data import generate as gen
from tests.order_truth import CASES, OrderAgainstTruth, plans_against_truth

ERROR_BOUND_SD = 2.72  # the 97.5% quantile of |error| over seeds 1-40, every case and ratio
CALIBRATION_SEEDS = range(1, 25)
CALIBRATION_DRAWS = 50_000
# The true stock-out probability's sd across seeds 1-40, by (case, critical ratio).
STOCKOUT_SD_OVER_SEEDS = {(0, 0.4): 0.314, (0, 0.8): 0.210, (1, 0.4): 0.239, (1, 0.8): 0.254}


@functools.cache
def _sample_plans() -> tuple[OrderAgainstTruth, ...]:
    sim = gen.simulate(gen.DEFAULT_SEED)
    return tuple(plans_against_truth(pd.read_csv(SAMPLE_CSV), sim))


def test_the_truth_is_drawn_from_the_state_that_wrote_the_sample() -> None:
    sample = pd.read_csv(SAMPLE_CSV)
    assert np.array_equal(sample["units"], gen.build_daily(gen.simulate()).units)


def test_the_true_distribution_follows_the_generator_s_closed_form_mean() -> None:
    # The mean of day k after the cut-off is the mean path times the shared noise's conditional
    # mean: e_{T+k} ~ N(φ^k e_T, σ²(1 − φ^{2k})), so E[exp(e − σ²/2)] = exp(φ^k e_T − σ²φ^{2k}/2);
    # the segment's own noise has mean one. Within 3 standard errors of the draws.
    sim = gen.simulate()
    cutoff, lead, review = CASES[0]
    draws = gen.cover_demand_draws(sim, cutoff, lead + review, [("East", "Apparel")], 100_000)
    day = sim.dates.get_loc(pd.Timestamp(cutoff))
    column = gen.SEGMENTS.index(("East", "Apparel"))
    path = (sim.units_float(sim.discount, sim.camp["uplift"]) / sim.noise)[:, column]
    state = np.log(sim.common[day]) + gen.COMMON_NOISE_SD**2 / 2
    steps = np.arange(1, lead + review + 1)
    phi, sd = gen.COMMON_NOISE_PHI, gen.COMMON_NOISE_SD
    shared = np.exp(phi**steps * state - sd**2 * phi ** (2 * steps) / 2)
    expected = float((path[day + 1 : day + 1 + lead + review] * shared).sum())
    assert draws.mean() == pytest.approx(expected, abs=3 * draws.std() / np.sqrt(len(draws)) + 1)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(4))
def test_order_up_to_is_near_the_true_critical_ratio_quantile(index: int) -> None:
    found = _sample_plans()[index]
    assert abs(found.error_in_sd) <= ERROR_BOUND_SD, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "ratio"),
    [
        (0, 0.4),
        (0, 0.8),
        pytest.param(
            1,
            0.4,
            marks=pytest.mark.xfail(
                strict=True,
                reason="before a festival ramp the forecast's level is low (mean error -0.59 "
                "true sd over seeds 1-12) and its spread wide, so a low ratio under-orders: "
                "true stock-out 0.78 against the 0.60 promised",
            ),
        ),
        (1, 0.8),
    ],
)
def test_stockouts_average_the_promised_rate_over_generator_seeds(case: int, ratio: float) -> None:
    """Over seeds the plan's level is a draw of its sampling error; the true stock-out probability
    at that level averages 1 − ratio when the forecast distribution is calibrated. Tolerance: 3
    standard errors of the mean over the seeds, from its sd across seeds 1-40."""
    rates = [_seed_plan(seed, case, ratio).true_stockout for seed in CALIBRATION_SEEDS]
    spread = STOCKOUT_SD_OVER_SEEDS[case, ratio]
    error = 3 * spread / np.sqrt(len(rates))
    assert np.mean(rates) == pytest.approx(1 - ratio, abs=error)


@functools.cache
def _seed_plans(seed: int) -> tuple[OrderAgainstTruth, ...]:
    sim = gen.simulate(seed)
    return tuple(plans_against_truth(gen.build_daily(sim), sim, CALIBRATION_DRAWS))


def _seed_plan(seed: int, case: int, ratio: float) -> OrderAgainstTruth:
    return next(
        p
        for p in _seed_plans(seed)
        if p.cutoff == CASES[case][0] and p.critical_ratio == pytest.approx(ratio)
    )
