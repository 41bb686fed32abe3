"""A variant of the sample with a planted confounder, for the planner's tests and bench: a local
demand driver per region (a slow random walk around 1, given as the column ``demand_index``)
multiplies each region's baseline demand, and one channel's always-on spend rises with it (the
team spends more where demand is up). Without the column as a control, that channel is credited
with part of the driver's effect; with it, its planted curve is what remains.

The default sample is not changed: this builds a separate simulation from the same generator.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from sample_data import generate

CONTROL = "demand_index"
CONFOUNDED_CHANNEL = "social"
DRIVER_PHI = 0.99  # day-to-day persistence of the driver's log
DRIVER_SD = 0.1  # its stationary standard deviation on the log scale
SPEND_EXPONENT = 2.0  # spend × driver ** this in the confounded channel
DRIVER_SEED_OFFSET = 7_919  # the driver's random stream, apart from the generator's own


def demand_driver(dates: pd.DatetimeIndex, seed: int) -> np.ndarray:
    """exp(AR(1)) per region, repeated over its categories (days × segments)."""
    rng = np.random.default_rng(seed + DRIVER_SEED_OFFSET)
    n, regions = len(dates), len(generate.REGIONS)
    shocks = rng.normal(0.0, DRIVER_SD * np.sqrt(1 - DRIVER_PHI**2), size=(n, regions))
    log_driver = np.empty((n, regions))
    log_driver[0] = rng.normal(0.0, DRIVER_SD, size=regions)
    for t in range(1, n):
        log_driver[t] = DRIVER_PHI * log_driver[t - 1] + shocks[t]
    region_of = [generate.REGIONS.index(region) for region, _ in generate.SEGMENTS]
    return np.exp(log_driver[:, region_of])


def simulate_confounded(seed: int = generate.DEFAULT_SEED) -> tuple[object, np.ndarray]:
    """The generator's simulation with the driver in demand and in the confounded channel's
    spend (media recomputed from that spend), and the driver itself."""
    sim = generate.simulate(seed)
    driver = demand_driver(sim.dates, seed)
    always_on = dict(sim.always_on)
    always_on[CONFOUNDED_CHANNEL] = np.round(
        always_on[CONFOUNDED_CHANNEL] * driver**SPEND_EXPONENT, 2
    )
    media = {
        name: generate.channel_units(spend, generate.channel_spec(name))
        for name, spend in always_on.items()
    }
    confounded = dataclasses.replace(
        sim, demand=sim.demand * driver, always_on=always_on, media=media
    )
    return confounded, driver


def confounded_daily(seed: int = generate.DEFAULT_SEED) -> tuple[pd.DataFrame, dict]:
    """The daily table with the ``demand_index`` column, and each channel's planted truth
    (generate.channel_truth on this simulation) by channel name."""
    sim, driver = simulate_confounded(seed)
    frame = generate.build_daily(sim)
    frame[CONTROL] = np.round(100 * driver, 2).ravel()
    truth = {spec.name: generate.channel_truth(sim, spec) for spec in generate.CHANNEL_SPECS}
    return frame, truth


def true_channel_revenue(sim, name: str, start: str, end: str) -> float:
    """Revenue a channel's always-on spend added between two dates (both included), as
    generate.channel_truth counts it: what a holdout of that channel would measure."""
    discount = sim.discount
    scale = sim.price_effect * (1.0 - discount) ** generate.DISCOUNT_ELASTICITY
    scale = scale * (1.0 + sim.camp["uplift"]) * sim.noise
    revenue = sim.media[name] * scale * sim.price * (1.0 - discount)
    inside = np.asarray((sim.dates >= pd.Timestamp(start)) & (sim.dates <= pd.Timestamp(end)))
    return float(revenue[inside].sum())
