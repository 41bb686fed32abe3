"""Campaign lift and ROI against the generator's planted truth."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.campaigns import measure
from analytics.errors import UserInputError
from analytics.ingest import load
from analytics.lift import fit_counterfactual
from sample_data.generate import synthetic_series

ROOT = Path(__file__).resolve().parents[2]
TRUTH = {
    c["name"]: c
    for c in json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())["campaigns"]
}


@pytest.fixture(scope="module")
def sample():
    return load(ROOT / "sample_data" / "sales_daily.csv")


@pytest.mark.parametrize(
    "name", ["Spring Launch", "Member Week", "Brand Awareness Push", "Black Friday Blitz"]
)
def test_interval_covers_the_planted_incremental_revenue(sample, name: str) -> None:
    report = measure(sample.frame, sample.mapping, "revenue", campaign=name)
    truth = TRUTH[name]
    low, high = report.lift.abs_effect_ci
    assert low <= truth["true_incremental_revenue"] <= high
    assert report.lift.actual == pytest.approx(truth["actual_revenue"], rel=1e-6)
    assert abs(report.lift.rel_effect - truth["true_relative_effect"]) < 0.10
    assert report.lift.pre_mape < 0.05


def test_campaign_without_effect_is_not_called_real(sample) -> None:
    lift = measure(sample.frame, sample.mapping, "revenue", campaign="Brand Awareness Push").lift
    assert lift.abs_effect_ci[0] < 0 < lift.abs_effect_ci[1]
    assert lift.p_value > 0.05


def test_roi_charges_only_the_spend_above_business_as_usual(sample) -> None:
    report = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week", margin=0.5)
    truth = TRUTH["Member Week"]
    assert report.roi.spend == pytest.approx(truth["spend"], rel=0.25)
    assert report.roi.roas == pytest.approx(report.lift.abs_effect / report.roi.spend)
    assert report.roi.naive_roas > 3 * report.roi.roas
    low, high = report.roi.roi_ci
    assert low <= report.roi.roi <= high
    assert report.roi.margin_source == "setting"


@pytest.mark.parametrize("effect", [0.0, 0.2])
def test_synthetic_series_with_controls(effect: float) -> None:
    frame, truth = synthetic_series(n_days=300, effect=effect, seed=3, n_controls=3)
    result = fit_counterfactual(
        frame["y"], truth.effect_start, truth.effect_end, "D", frame.drop(columns="y"), metric="y"
    )
    low, high = result.abs_effect_ci
    assert low <= truth.incremental <= high
    assert result.rel_effect == pytest.approx(truth.relative_effect, abs=0.05)
    assert (low > 0) == (effect > 0)


def test_too_short_pre_period_says_how_much_is_needed(sample) -> None:
    with pytest.raises(UserInputError, match="needs at least 56"):
        measure(sample.frame, sample.mapping, "revenue", start="2024-01-20", end="2024-01-30")


def test_window_outside_the_data_is_refused(sample) -> None:
    with pytest.raises(UserInputError, match="outside the data"):
        measure(sample.frame, sample.mapping, "revenue", start="2026-03-01", end="2026-03-10")


def test_unknown_campaign_lists_the_known_ones(sample) -> None:
    with pytest.raises(UserInputError, match="the campaigns are: Spring Launch"):
        measure(sample.frame, sample.mapping, "revenue", campaign="Nope")


def test_daily_bands_are_ordered(sample) -> None:
    lift = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week").lift
    daily = lift.daily
    assert (daily["baseline_lo"] <= daily["baseline"]).all()
    assert (daily["baseline"] <= daily["baseline_hi"]).all()
    assert daily["cum_effect"].iloc[-1] == pytest.approx(lift.abs_effect, rel=1e-6)
    assert np.isfinite(daily.to_numpy()).all()
    assert isinstance(daily.index, pd.DatetimeIndex)


def test_cli_lift_prints_exactly_the_documented_json(capsys: pytest.CaptureFixture[str]) -> None:
    from analytics.cli import LIFT_FIELDS, main

    path = str(ROOT / "sample_data" / "sales_daily.csv")
    code = main(["lift", path, "--metric", "revenue", "--campaign", "Member Week", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert tuple(data) == LIFT_FIELDS
    low, high = data["abs_effect_ci"]
    assert low <= TRUTH["Member Week"]["true_incremental_revenue"] <= high
    assert data["roas"] == pytest.approx(data["abs_effect"] / data["spend"])


def test_cli_lift_user_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from analytics.cli import main

    path = str(ROOT / "sample_data" / "sales_daily.csv")
    code = main(["lift", path, "--metric", "nope", "--campaign", "Member Week"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: There is no metric")


def test_window_overlapping_another_campaign_is_flagged(sample) -> None:
    member_week = TRUTH["Member Week"]
    lift = measure(
        sample.frame,
        sample.mapping,
        "revenue",
        start="2024-09-01",
        end="2024-09-12",
        where={"region": tuple(member_week["target_regions"])},
    ).lift
    assert any(
        "Another campaign ran in this segment on 4 of the window's 12" in w for w in lift.warnings
    )
    clean = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week").lift
    assert not [w for w in clean.warnings if "Another campaign" in w]
