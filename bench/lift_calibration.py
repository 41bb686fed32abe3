"""Lift calibration: on seeded synthetic series with no effect, how often does the 95% interval
exclude zero (target at most 10%)? With a planted effect, how often does it cover the truth
(target at least 85%)? Also: recovery of the sample data's planted campaigns, the placebo and
robustness checks on them, how often a control is wrongly flagged as moved, and the speed of
one campaign, of all sample campaigns (serial and in worker processes) and of the checks.
When a separate environment holds CausalImpact for Python (bench/causalimpact_compare.py), it
runs on the same series and pre-periods, and its time and error are written beside ours.

Run: .venv/bin/python bench/lift_calibration.py [--seeds 50]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import causalimpact_compare  # noqa: E402
import pandas as pd  # noqa: E402
from results_file import replace_section  # noqa: E402

from analytics.ingest.load import load  # noqa: E402
from analytics.lift.estimate import fit_counterfactual, fit_inputs  # noqa: E402
from analytics.lift.inputs import prepare_lift  # noqa: E402
from analytics.lift.reports import measure, measure_each, reports_or_raise  # noqa: E402
from analytics.parallel import shutdown  # noqa: E402
from analytics.selection import campaigns_in, metric_series  # noqa: E402
from sample_data.generate import drifting_stores, synthetic_series  # noqa: E402

EFFECT = 0.10
# Stores that drift or keep their own seasons: name, what the series have, drifting_stores options.
DRIFT_CASES = (
    ("walk", "random-walk level, shared yearly season", {"season_shift_days": 0.0}),
    ("shift", "own linear trends, yearly peaks a month apart", {"walk_sd": 0.0}),
    ("both", "random-walk level and yearly peaks a month apart", {}),
)
# Measured by hand with --drifting-only on the code before the local-level form (162398e).
DRIFTING_BEFORE = (
    "Before the local-level form and the timing check (the code of 162398e, the same series, "
    "rows in the same order): intervals excluding 0 6%, 54%, 6%, 10%, 2%, 10%; covering the "
    "truth 94%, 94%, 94%, 94%, 98%, 94%; median 0.27, 0.27, 0.23, 0.21, 0.22, 0.22 CPU s per "
    "fit. The targets were met then too, with intervals wide enough that an effect of 10-30% "
    "over a few weeks was found in 1 case of 10 when the stores keep their own seasons; the "
    "failure that prompted the change is one such draw (drifting_stores seed 9, 20% over 21 "
    "days: 1.52 times the truth, interval 1.27-1.77 times, missed; now 1.01 times, covered, "
    "tests/unit/lift/test_lift_forms.py)."
)
HEADING = "## Lift calibration and speed (bench/lift_calibration.py)"


def study(seeds: int, effect: float, controls: int) -> tuple[dict[str, float], list[dict]]:
    """Our estimate on each seeded series; also the same series as CausalImpact cases."""
    excludes_zero, covers, flagged, seconds, errors, cases = 0, 0, 0, [], [], []
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
        errors.append(abs(result.rel_effect - truth.relative_effect))
        controls_frame = candidates.loc[result.pre_start : result.end]
        cases.append(
            _case(f"{controls}/{effect}/{seed}", y.loc[result.pre_start : result.end],
                  controls_frame, result, truth.incremental, truth.relative_effect)
        )  # fmt: skip
    return {
        "excludes_zero": excludes_zero / seeds,
        "covers_truth": covers / seeds,
        "control_flagged": flagged / seeds,
        "median_seconds": float(np.median(seconds)),
        "rel_error": float(np.mean(errors)),
    }, cases


def many_candidates(seeds: int, noise: int = 38, days: int = 120) -> dict[str, float]:
    """Dozens of candidate controls against a short pre-period: 2 real controls and ``noise``
    unrelated random walks, ``days`` − 28 days before a window without an effect."""
    excludes_zero, spurious, seconds = 0, 0, []
    for seed in range(seeds):
        frame, truth = synthetic_series(n_days=days, effect=0.0, seed=500 + seed, n_controls=2)
        walks = np.random.default_rng(seed).normal(0, 0.03, (days, noise)).cumsum(axis=0)
        candidates = frame.drop(columns="y").assign(
            **{f"city_{i}": 1000 * np.exp(walks[:, i]) for i in range(noise)}
        )
        start = time.perf_counter()
        result = fit_counterfactual(
            frame["y"], truth.effect_start, truth.effect_end, "D", candidates, seed=seed
        )
        seconds.append(time.perf_counter() - start)
        low, high = result.abs_effect_ci
        excludes_zero += not (low <= 0 <= high)
        spurious += any(name.startswith("city_") for name in result.controls)
    return {
        "excludes_zero": excludes_zero / seeds,
        "spurious": spurious / seeds,
        "median_seconds": float(np.median(seconds)),
        "candidates": noise + 2,
        "pre_days": days - 28,
    }


def drifting(seeds: int, options: dict, planted: bool) -> dict[str, float]:
    """Three stores (drifting_stores): the target and two controls; with ``planted`` each seed
    draws an effect of 10-30% over 7-28 days, else none is planted."""
    excludes_zero, covers, seconds, cpu, level = 0, 0, [], [], []
    for seed in range(seeds):
        draw = np.random.default_rng(7000 + seed)
        effect = draw.uniform(0.10, 0.30) if planted else 0.0
        frame, truth = drifting_stores(effect, int(draw.integers(7, 29)), 2000 + seed, **options)
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fit_counterfactual(
            frame["y"], truth.effect_start, truth.effect_end, "D", frame.drop(columns="y"),
            seed=seed,
        )  # fmt: skip
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        low, high = result.abs_effect_ci
        excludes_zero += not (low <= 0 <= high)
        covers += low <= truth.incremental <= high
        level.append(getattr(result, "form_weights", {}).get("level", 0.0))
    return {
        "excludes_zero": excludes_zero / seeds,
        "covers_truth": covers / seeds,
        "level_weight": float(np.mean(level)),
        "median_seconds": float(np.median(seconds)),
        "median_cpu": float(np.median(cpu)),
    }


def drifting_rows(seeds: int) -> list[str]:
    """One table row per case and planted/none."""
    rows = []
    for key, what, options in DRIFT_CASES:
        for planted in (False, True):
            o = drifting(seeds, options, planted)
            print("drifting", key, planted, o, flush=True)
            rows.append(
                f"| {what} | {'10-30% over 7-28 days' if planted else 'none'} | "
                f"{o['excludes_zero']:.0%} | {o['covers_truth']:.0%} | {o['level_weight']:.0%} | "
                f"{o['median_seconds']:.2f} ({o['median_cpu']:.2f} CPU) |"
            )
    return rows


def _case(name, y, controls, result, incremental: float, relative: float) -> dict:
    """A CausalImpact case on the series, pre-period and window our estimate used."""
    return {
        "name": name,
        "dates": [f"{d:%Y-%m-%d}" for d in y.index],
        "y": [float(v) for v in y.to_numpy()],
        "X": {str(c): [float(v) for v in controls[c].to_numpy()] for c in controls.columns},
        "pre": [result.pre_start, result.pre_end],
        "post": [result.start, result.end],
        "season": 7,
        "truth": incremental,
        "truth_rel": relative,
    }


def scored(outcomes: list[dict], cases: list[dict]) -> dict[str, float]:
    """CausalImpact's outcomes scored like ours."""
    fitted = [(o, c) for o, c in zip(outcomes, cases, strict=True) if "error" not in o]
    if not fitted:
        return {"failed": len(outcomes)}
    inside = [o["abs_effect_ci"][0] <= c["truth"] <= o["abs_effect_ci"][1] for o, c in fitted]
    zero = [not (o["abs_effect_ci"][0] <= 0 <= o["abs_effect_ci"][1]) for o, _ in fitted]
    return {
        "excludes_zero": float(np.mean(zero)),
        "covers_truth": float(np.mean(inside)),
        "covered": int(np.sum(inside)),
        "rel_error": float(np.mean([abs(o["rel_effect"] - c["truth_rel"]) for o, c in fitted])),
        "median_seconds": float(np.median([o["seconds"] for o, _ in fitted])),
        "failed": len(outcomes) - len(fitted),
    }


def ground_truth() -> tuple[list[str], float, int, list[dict]]:
    """Every planted campaign: estimate against truth; returns table rows, mean error, covered,
    and the CausalImpact cases (the segment's series and every untouched segment as a
    covariate, unmasked: that implementation refuses gaps, so other campaigns' days stay in)."""
    dataset = load(ROOT / "sample_data" / "sales_daily.csv")
    truth = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())["campaigns"]
    windows = {c.name: c for c in campaigns_in(dataset.frame, dataset.mapping)}
    rows, errors, covered, cases = [], [], 0, []
    for planted in truth:
        lift = measure(dataset.frame, dataset.mapping, "revenue", campaign=planted["name"]).lift
        cases.append(_sample_case(dataset, windows[planted["name"]], lift, planted))
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
    return rows, float(np.mean(errors)), covered, cases


def _sample_case(dataset, campaign, lift, planted: dict) -> dict:
    frame, mapping = dataset.frame, dataset.mapping
    inputs = prepare_lift(
        frame, mapping, "revenue", campaign.start, campaign.end, dict(campaign.segment),
        campaign=campaign.name,
    )  # fmt: skip
    started = time.perf_counter()
    fit_inputs(inputs)
    seconds = time.perf_counter() - started
    span = slice(pd.Timestamp(lift.pre_start), pd.Timestamp(lift.end))
    controls = {}
    for name in inputs.candidates.columns:
        column, value = name.split("=", 1)
        where = {**campaign.segment, column: (value,)}
        controls[name] = metric_series(frame, mapping, "revenue", where).loc[span]
    case = _case(
        planted["name"], inputs.series.loc[span], pd.DataFrame(controls), lift,
        planted["true_incremental_revenue"], planted["true_relative_effect"],
    )  # fmt: skip
    return {**case, "ours_seconds": seconds}


def causal_impact(study_cases: dict, sample_cases: list[dict]) -> dict | str:
    """CausalImpact on the same cases, when a separate environment has it."""
    package = causalimpact_compare.available()
    if package is None:
        return "none"
    try:
        study_scores = {
            key: scored(causalimpact_compare.compare(cases), cases)
            for key, cases in study_cases.items()
        }
        outcomes = causalimpact_compare.compare(sample_cases)
    except (RuntimeError, ValueError) as exc:
        return f"{package} failed: {exc}"
    return {
        "package": package,
        "study": study_scores,
        "sample": scored(outcomes, sample_cases),
        "rows": [
            f"| {c['name']} | {c['truth_rel']:+.1%} | "
            + (
                f"{o['rel_effect']:+.1%} | {o['abs_effect_ci'][0]:,.0f} – "
                f"{o['abs_effect_ci'][1]:,.0f} | "
                f"{'yes' if o['abs_effect_ci'][0] <= c['truth'] <= o['abs_effect_ci'][1] else 'NO'}"
                f" | {o['seconds']:.2f} |"
                if "error" not in o
                else f"failed: {o['error']} | | | |"
            )
            for o, c in zip(outcomes, sample_cases, strict=True)
        ],
    }


def speed() -> dict[str, float]:
    dataset = load(ROOT / "sample_data" / "sales_daily.csv")
    frame, mapping = dataset.frame, dataset.mapping
    shutdown()
    start = time.perf_counter()
    parallel = reports_or_raise(measure_each(frame, mapping, "revenue"))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    reports_or_raise(measure_each(frame, mapping, "revenue"))
    warm = time.perf_counter() - start
    singles, cpu = [], []
    for report in parallel:
        start, start_cpu = time.perf_counter(), time.process_time()
        measure(frame, mapping, "revenue", campaign=report.lift.campaign)
        singles.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    start = time.perf_counter()
    measure(frame, mapping, "revenue", campaign="Member Week", checks=True)
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
    for report in reports_or_raise(measure_each(dataset.frame, dataset.mapping, "revenue")):
        name = report.lift.campaign
        checks = measure(
            dataset.frame, dataset.mapping, "revenue", campaign=name, checks=True
        ).checks
        found += checks.placebo.found
        total += checks.placebo.total
        if not checks.robustness.holds:
            differing.append(f"{name} ({', '.join(checks.robustness.differing)})")
    return found, total, differing


def comparison_lines(
    ci: dict | str, rows: list, mean_error: float, covered: int, sample_cases: list[dict]
) -> list[str]:
    """CausalImpact beside LiftBoard on the same cases (or why there is no comparison)."""
    if ci == "none":
        return [
            "CausalImpact comparison: no CausalImpact for Python in the separate environment "
            f"({causalimpact_compare.VENV}), so no side-by-side figures; see "
            "bench/causalimpact_compare.py to set it up. It is not a LiftBoard dependency."
        ]
    if isinstance(ci, str):
        return [f"CausalImpact comparison: {ci}"]
    ours = {(c, e): o for c, e, o in rows}
    lines = [
        f"### Beside CausalImpact ({ci['package']}, in a separate environment)",
        "",
        "The same series, pre-periods and windows; CausalImpact with its defaults (local level, "
        "spike-and-slab regression on the covariates, 1,000 MCMC draws after 500 warm-up) and a "
        "weekly season, 95% intervals, run one case after another in one process. Its p-value "
        "is one-sided, ours two-sided; coverage and errors are compared, not p.",
        "",
        "| series | measure | LiftBoard | CausalImpact |",
        "| --- | --- | ---: | ---: |",
    ]
    for (controls, effect), theirs in ci["study"].items():
        mine = ours[(controls, effect)]
        label = f"synthetic, {controls} controls, {effect:.0%} effect"
        measures = [("intervals excluding 0", "excludes_zero", "{:.0%}")]
        if effect:
            measures += [
                ("intervals covering the truth", "covers_truth", "{:.0%}"),
                ("mean abs. error of the relative effect", "rel_error", "{:.1%}"),
            ]
        measures += [("median s per fit", "median_seconds", "{:.2f}")]
        for title, key, form in measures:
            value = theirs.get(key)
            lines.append(
                f"| {label} | {title} | {form.format(mine[key])} | "
                f"{'failed' if value is None else form.format(value)} |"
            )
    sample, campaigns = ci["sample"], len(sample_cases)
    ours_seconds = float(np.median([c["ours_seconds"] for c in sample_cases]))
    if "covered" in sample:
        lines += [
            f"| sample campaigns | intervals covering the truth | {covered} of {campaigns} | "
            f"{sample['covered']} of {campaigns - sample['failed']} |",
            f"| sample campaigns | mean abs. error of the relative effect | {mean_error:.1%} | "
            f"{sample['rel_error']:.1%} |",
            f"| sample campaigns | median s per fit | {ours_seconds:.2f} | "
            f"{sample['median_seconds']:.2f} |",
        ]
    lines += [
        "",
        "CausalImpact on each sample campaign (covariates: every untouched segment, unmasked; "
        "other campaigns' days stay in its pre-period because it refuses gaps):",
        "",
        "| campaign | true lift | CausalImpact | its 95% interval | covered | s |",
        "| --- | ---: | ---: | ---: | :---: | ---: |",
        *ci["rows"],
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument(
        "--drifting-only", action="store_true", help="print the drifting-stores rows and stop"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    drift_rows = drifting_rows(args.seeds)
    if args.drifting_only:
        print("\n".join(drift_rows))
        return
    rows, study_cases = [], {}
    for controls in (0, 4):
        for effect in (0.0, EFFECT):
            outcome, cases = study(args.seeds, effect, controls)
            rows.append((controls, effect, outcome))
            study_cases[(controls, effect)] = cases
            print(controls, effect, outcome, flush=True)
    crowd = many_candidates(args.seeds)
    print("many candidates", crowd, flush=True)
    truth_rows, mean_error, covered, sample_cases = ground_truth()
    print("ground truth", covered, mean_error, flush=True)
    ci = causal_impact(study_cases, sample_cases)
    print("causalimpact", ci, flush=True)
    timing = speed()
    print(timing, flush=True)
    found, total, differing = placebo_and_robustness()
    print("placebo", found, total, differing, flush=True)
    shutdown()
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
        f"Dozens of candidates against a short pre-period: {args.seeds} series with "
        f"{crowd['candidates']} candidate controls (2 real, the rest unrelated random walks) and "
        f"{crowd['pre_days']} days before a 28-day window without an effect: "
        f"{crowd['excludes_zero']:.0%} of intervals exclude 0, an unrelated series was among the "
        f"controls in {crowd['spurious']:.0%}, median {crowd['median_seconds']:.2f} s per fit. "
        "(Forward selection needs a control to help on two holdout folds and to beat a bar that "
        "rises with the number of candidates; with one fold and a flat 3% bar, 15% of 20 such "
        "intervals excluded 0 and 11 of 20 fits kept an unrelated series.)",
        "",
        f"Stores that drift or keep their own seasons: {args.seeds} seeded series per row, each "
        "a target and two control stores over 730 days (sample_data.generate.drifting_stores: "
        "yearly season of amplitude 0.3 in logs, own linear trend per store, a random walk of "
        "0.004 a day where named, AR(1) noise shared by the stores, weekly cycle), the window "
        "ending 40 days before the data; 95% intervals. The last but one column is the local-level "
        "form's mean weight in the baseline.",
        "",
        "| series | planted effect | intervals excluding 0 | intervals covering the truth "
        "| local-level weight | median s per fit |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        *drift_rows,
        "",
        "Targets: coverage at least 90% and at most 10% of intervals excluding 0 without an "
        "effect. " + DRIFTING_BEFORE,
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
        "where none was planted. Robustness (without/with controls, the other baseline form "
        "alone, other ARMA order, level "
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
        f"campaign (12 fits in workers) {timing['checks']:.1f} s. The pages cache all of these "
        "per dataset version.",
        "",
        "x86_64, 2 cores shared with other jobs while this ran (load average "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
        + " at the end), so wall-clock figures are contended; with both cores taken by other "
        "work the worker processes cannot beat one process.",
        "",
        *comparison_lines(ci, rows, mean_error, covered, sample_cases),
        "",
    ]
    replace_section(HEADING, "\n".join(lines))


if __name__ == "__main__":
    main()
