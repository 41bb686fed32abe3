"""Robustness across model specifications and placebo windows before the campaign."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import CAMPAIGN_TRUTH as TRUTH
from corpus import SAMPLE_CSV

from analytics.ingest.load import load
from analytics.lift.checks import (
    NEGATIVE,
    POSITIVE,
    UNCLEAR,
    Robustness,
    SpecEffect,
    alternative_specs,
    check_lift,
    placebo_windows,
)
from analytics.lift.estimate import fit_inputs
from analytics.lift.inputs import LiftInputs
from analytics.lift.reports import measure
from analytics.parallel import shutdown
from sample_data.generate import synthetic_series


@pytest.fixture(scope="module")
def sample():
    yield load(SAMPLE_CSV)
    shutdown()


@pytest.fixture(scope="module")
def member_week(sample):
    return measure(
        sample.frame, sample.mapping, "revenue", campaign="Member Week", checks=True
    ).checks


def test_robustness_changes_one_thing_at_a_time_and_the_conclusion_holds(sample, member_week):
    robustness = member_week.robustness
    lift = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week").lift
    other = "trend_stationary" if lift.order[1] == 1 else "local_level"
    keys = ["primary", "no_controls", other, "order", "level"]
    assert [s.key for s in robustness.specs] == keys
    primary, no_controls, form, order, level = robustness.specs
    assert primary.abs_effect == pytest.approx(lift.abs_effect)
    assert primary.controls and not no_controls.controls
    # The other form alone: differenced exactly when the estimate leans on the trend form.
    assert form.order[1] == (other == "local_level") and form.controls == primary.controls
    assert order.order != primary.order and order.controls == primary.controls
    assert order.order[1] == primary.order[1]
    assert primary.log_scale and not level.log_scale
    truth = TRUTH["Member Week"]["true_incremental_revenue"]
    for spec in robustness.specs:
        assert spec.conclusion == POSITIVE and spec.p_value < 0.05
    for spec in (primary, form, order, level):
        assert spec.abs_effect_ci[0] <= truth <= spec.abs_effect_ci[1]
    assert robustness.holds and robustness.differing == ()
    assert robustness.sentence() == (
        "The conclusion (a positive effect) holds under all 5 specifications."
    )


def test_placebo_windows_are_quiet_the_same_length_and_rarely_find_an_effect(sample, member_week):
    placebo = member_week.placebo
    assert placebo.total == 8 and placebo.found <= 1
    starts = [pd.Timestamp(w.start) for w in placebo.windows]
    assert starts == sorted(starts) and pd.Timestamp(placebo.windows[-1].end) < pd.Timestamp(
        "2024-09-09"
    )
    flags = sample.frame.groupby("date")["promo_flag"].max()
    north_west = sample.frame[sample.frame["region"].isin(["North", "West"])]
    busy = north_west.groupby("date")["promo_flag"].max()
    for window in placebo.windows:
        days = pd.date_range(window.start, window.end)
        assert len(days) == 7
        assert busy.loc[days].sum() == 0, window.start
    assert flags.sum() > 0
    assert placebo.sentence().startswith(f"In {placebo.found} of 8 placebo windows")


def test_no_placebo_without_enough_history_before_the_window(sample):
    checks = measure(
        sample.frame, sample.mapping, "revenue",
        start="2024-03-04", end="2024-03-17", where={"region": ("East",)},
        checks=True, parallel=False,
    ).checks  # fmt: skip
    assert checks.placebo.total == 0 and checks.placebo.share is None
    assert "each needs 56 days before it" in checks.placebo.reason


def test_placebo_on_series_without_any_effect_seldom_finds_one():
    found = total = 0
    for seed in range(3):
        frame, truth = synthetic_series(n_days=500, effect=0.0, seed=40 + seed, n_controls=3)
        inputs = LiftInputs(
            frame["y"], truth.effect_start, truth.effect_end, "D", frame.drop(columns="y")
        )
        placebo = check_lift(inputs, parallel=False).placebo
        found, total = found + placebo.found, total + placebo.total
    assert total == 24 and found <= 3


def test_the_verdict_names_the_specification_that_disagrees():
    def effect(key: str, low: float, high: float) -> SpecEffect:
        return SpecEffect(
            key, (low + high) / 2, (low, high), 0.1, (0.0, 0.2), 0.01, (), (1, 0, 0), True
        )

    robustness = Robustness((effect("primary", 10, 30), effect("no_controls", -5, 40),
                             effect("order", 12, 28)))  # fmt: skip
    assert [s.conclusion for s in robustness.specs] == [POSITIVE, UNCLEAR, POSITIVE]
    assert not robustness.holds and robustness.differing == ("no_controls",)
    assert "differs under without controls" in robustness.sentence()
    assert effect("primary", -3, -1).conclusion == NEGATIVE


def test_alternatives_add_controls_when_the_estimate_has_none_and_skip_log_for_zeros():
    frame, truth = synthetic_series(n_days=300, effect=0.0, seed=8, n_controls=2)
    y = frame["y"].copy()
    y.iloc[10] = 0.0
    inputs = LiftInputs(y, truth.effect_start, truth.effect_end, "D", frame.drop(columns="y"))
    primary = fit_inputs(inputs)
    assert not primary.log_scale
    specs = alternative_specs(primary)
    assert "level" not in specs and "log" not in specs
    checks = check_lift(inputs, primary, parallel=False, windows=2)
    assert "log" in checks.robustness.skipped
    keys = [s.key for s in checks.robustness.specs]
    assert keys[0] == "primary" and ("no_controls" in keys or "with_controls" in keys)


def test_placebo_windows_step_back_from_the_campaign_without_overlap():
    frame, truth = synthetic_series(n_days=400, effect=0.0, seed=1)
    inputs = LiftInputs(
        frame, truth.effect_start, truth.effect_end, "D", frame.to_frame().iloc[:, :0]
    )
    windows, reason = placebo_windows(inputs, 8)
    assert reason is None and len(windows) == 8
    ends = np.array([w[1] for w in windows])
    assert all((w[1] - w[0]).days == 27 for w in windows)
    assert all(ends[:-1] < np.array([w[0] for w in windows])[1:])
    assert windows[-1][1] == truth.effect_start - pd.Timedelta(days=1)
