"""Lift calibration: on seeded synthetic series with no effect, how often does the 95% interval
exclude zero (target at most 10%)? With a planted effect, how often does it cover the truth
(target at least 85%)? Also: recovery of the sample data's planted campaigns, the placebo and
robustness checks on them, how often a control is wrongly flagged as moved, and the speed of
one campaign, of all sample campaigns (serial and in worker processes) and of the checks.

Run: .venv/bin/python bench/lift_calibration.py [--seeds 50]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from analytics.campaigns import check, measure, measure_all  # noqa: E402
from analytics.ingest import load  # noqa: E402
from analytics.lift import fit_counterfactual  # noqa: E402
from analytics.parallel import shutdown  # noqa: E402
from sample_data.generate import synthetic_series  # noqa: E402

EFFECT = 0.10
HEADING = "## Lift calibration and speed (bench/lift_calibration.py)"


def study(seeds: int, effect: float, controls: int) -> dict[str, float]:
    excludes_zero, covers, flagged, seconds = 0, 0, 0, []
    for seed in range(seeds):
        frame, truth = synthetic_series(
            n_days=400, effect=effect, seed=1000 + seed, n_controls=controls
        )
        y = frame["y"] if controls else frame
        candidates = frame.drop(columns="y") if controls else y.to_frame().iloc[:, :0]
        start = time.perf_counter()
        result = fit_counterfactual(
            y, truth.effect_start, truth.effect_end, "D", candidates, seed=seed
        )
        seconds.append(time.perf_counter() - start)
        low, high = result.abs_effect_ci
        excludes_zero += not (low <= 0 <= high)
        covers += low <= truth.incremental <= high
        flagged += any(c.moved for c in result.control_checks)
    return {
        "excludes_zero": excludes_zero / seeds,
        "covers_truth": covers / seeds,
        "control_flagged": flagged / seeds,
        "median_seconds": float(np.median(seconds)),
    }


def ground_truth() -> tuple[list[str], float, int]:
    """Every planted campaign: estimate against truth; returns table rows, mean error, covered."""
    dataset = load(ROOT / "sample_data" / "sales_daily.csv")
    truth = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())["campaigns"]
    rows, errors, covered = [], [], 0
    for planted in truth:
        lift = measure(dataset.frame, dataset.mapping, "revenue", campaign=planted["name"]).lift
        low, high = lift.abs_effect_ci
        inside = low <= planted["true_incremental_revenue"] <= high
        covered += inside
        errors.append(abs(lift.rel_effect - planted["true_relative_effect"]))
        rows.append(
            f"| {planted['name']} | {planted['true_relative_effect']:+.1%} | "
            f"{lift.rel_effect:+.1%} | {planted['true_incremental_revenue']:,.0f} | "
            f"{low:,.0f} – {high:,.0f} | {'yes' if inside else 'NO'} | "
            f"{', '.join(lift.controls) or 'none'} |"
        )
    return rows, float(np.mean(errors)), covered


def speed() -> dict[str, float]:
    dataset = load(ROOT / "sample_data" / "sales_daily.csv")
    frame, mapping = dataset.frame, dataset.mapping
    shutdown()
    start = time.perf_counter()
    parallel = measure_all(frame, mapping, "revenue")
    cold = time.perf_counter() - start
    start = time.perf_counter()
    measure_all(frame, mapping, "revenue")
    warm = time.perf_counter() - start
    singles, cpu = [], []
    for report in parallel:
        start, start_cpu = time.perf_counter(), time.process_time()
        measure(frame, mapping, "revenue", campaign=report.lift.campaign)
        singles.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    start = time.perf_counter()
    check(frame, mapping, "revenue", campaign="Member Week")
    checks = time.perf_counter() - start
    return {
        "cold": cold,
        "warm": warm,
        "serial": float(np.sum(singles)),
        "single_median": float(np.median(singles)),
        "single_max": float(np.max(singles)),
        "single_cpu": float(np.median(cpu)),
        "checks": checks,
    }


def placebo_and_robustness() -> tuple[int, int, list[str]]:
    """The checks on every sample campaign: placebo windows that found an effect, and the
    campaigns whose conclusion changes under some specification."""
    dataset = load(ROOT / "sample_data" / "sales_daily.csv")
    found = total = 0
    differing = []
    for report in measure_all(dataset.frame, dataset.mapping, "revenue"):
        name = report.lift.campaign
        checks = check(dataset.frame, dataset.mapping, "revenue", campaign=name)
        found += checks.placebo.found
        total += checks.placebo.total
        if not checks.robustness.holds:
            differing.append(f"{name} ({', '.join(checks.robustness.differing)})")
    return found, total, differing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=50)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rows = []
    for controls in (0, 4):
        for effect in (0.0, EFFECT):
            outcome = study(args.seeds, effect, controls)
            rows.append((controls, effect, outcome))
            print(controls, effect, outcome, flush=True)
    truth_rows, mean_error, covered = ground_truth()
    print("ground truth", covered, mean_error, flush=True)
    timing = speed()
    print(timing, flush=True)
    found, total, differing = placebo_and_robustness()
    print("placebo", found, total, differing, flush=True)
    shutdown()
    causalimpact = importlib.util.find_spec("causalimpact") is not None
    lines = [
        HEADING,
        "",
        f"{args.seeds} seeded synthetic daily series per row (400 days, 28-day window, weekly "
        "seasonality, trend, AR(1) noise shared with the controls, no festival effects although "
        "Chinese New Year falls in the pre-period and the window); 95% intervals.",
        "",
        "| controls | planted effect | intervals excluding 0 | intervals covering the truth "
        "| a control flagged as moved | median s per fit |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {c} | {e:.0%} | {o['excludes_zero']:.0%} | {o['covers_truth']:.0%} "
        f"| {o['control_flagged']:.0%} | {o['median_seconds']:.2f} |"
        for c, e, o in rows
    ]
    lines += [
        "",
        "Targets: with no effect at most 10% of intervals exclude 0; with an effect at least 85% "
        "cover the truth. No control moves in these series, so every flag is a false alarm "
        "(Bonferroni 5% over the controls used).",
        "",
        f"Planted campaigns of the sample dataset (revenue): {covered} of {len(truth_rows)} "
        f"intervals cover the true incremental revenue; mean absolute error of the relative "
        f"effect {mean_error:.1%} (target under 3 percentage points).",
        "",
        "| campaign | true lift | estimated | true incremental | 95% interval | covered "
        "| controls |",
        "| --- | ---: | ---: | ---: | ---: | :---: | --- |",
        *truth_rows,
        "",
        f"Placebo windows before the 9 sample campaigns: {found} of {total} found an effect "
        "where none was planted. Robustness (without/with controls, other ARMA order, level "
        "scale): the conclusion changes for "
        + ("; ".join(differing) if differing else "no campaign")
        + ".",
        "",
        "Speed on the sample dataset (2 years daily): one campaign "
        f"{timing['single_median']:.2f} s median, {timing['single_max']:.2f} s at most "
        f"({timing['single_cpu']:.2f} CPU s median; target under 2 s); all 9 campaigns "
        f"{timing['serial']:.1f} s one after another in one process, {timing['cold']:.1f} s in "
        f"worker processes from cold (pool start included; target under 30 s), "
        f"{timing['warm']:.1f} s with the pool running; robustness and placebo checks of one "
        f"campaign (11 fits in workers) {timing['checks']:.1f} s. The pages cache all of these "
        "per dataset version.",
        "",
        "x86_64, 2 cores shared with other jobs while this ran (load average "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
        + " at the end), so wall-clock figures are contended; with both cores taken by other "
        "work the worker processes cannot beat one process.",
        "",
        "CausalImpact comparison: "
        + (
            "tfcausalimpact is installed but not yet compared."
            if causalimpact
            else "tfcausalimpact is not installed and not added as a dependency, so no side-by-"
            "side figures."
        ),
        "",
    ]
    replace_section(HEADING, "\n".join(lines))


if __name__ == "__main__":
    main()
