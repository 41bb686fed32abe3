"""Campaign lift and ROI against the generator's planted truth."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from corpus import CAMPAIGN_TRUTH as TRUTH
from corpus import SAMPLE_CSV

import analytics.lift.design as lift_design
from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.ingest.roles import Mapping
from analytics.lift.estimate import fit_counterfactual
from analytics.lift.reports import measure, measure_each, reports_or_raise
from sample_data.generate import synthetic_series


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE_CSV)


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
    assert 0.025 < lift.probability_positive < 0.975


def test_probability_of_a_positive_effect_is_the_share_of_paths_above_zero(sample) -> None:
    lift = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week").lift
    assert lift.probability_positive > 0.975 and lift.probability_positive >= 1 - lift.p_value
    assert lift.to_dict()["probability_positive"] == lift.probability_positive


def test_roi_charges_only_the_spend_above_business_as_usual(sample) -> None:
    # Always-on flighting moves the usual level by 10-40k in a window: a campaign of 30k (Member
    # Week) is measured within that, so the check takes one whose spend is well above it.
    name = "Double 11 Warm-up"
    report = measure(sample.frame, sample.mapping, "revenue", campaign=name, margin=0.5)
    truth = TRUTH[name]
    assert report.roi.spend == pytest.approx(truth["spend"], rel=0.25)
    assert report.roi.roas == pytest.approx(report.lift.abs_effect / report.roi.spend)
    assert report.roi.naive_roas > 3 * report.roi.roas
    low, high = report.roi.roi_ci
    assert low <= report.roi.roi <= high
    assert report.roi.margin_source == "setting"


def test_another_margin_reuses_the_lift_and_gives_the_roi_a_fresh_measurement_would(sample):
    measured = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week")
    fresh = measure(sample.frame, sample.mapping, "revenue", campaign="Member Week", margin=0.55)
    moved = measured.with_margin(0.55)
    assert moved.lift is measured.lift
    assert moved.roi == fresh.roi
    assert measured.with_margin(None) is measured
    assert moved.roi.roi > measured.roi.roi


def test_the_data_margin_of_the_segment_is_used_until_a_margin_is_set(sample) -> None:
    from analytics.lift.roi import data_margin

    frame = sample.frame.assign(gross_margin=np.where(sample.frame["region"] == "East", 30.0, 50.0))
    mapping = Mapping({**sample.mapping.roles, "gross_margin": "margin"}, "revenue")
    assert data_margin(frame, mapping) == pytest.approx(0.45)
    assert data_margin(sample.frame, sample.mapping) is None
    report = measure(frame, mapping, "revenue", campaign="Member Week")  # not in East
    assert (report.roi.margin, report.roi.margin_source) == (pytest.approx(0.5), "data")
    assert report.with_margin(0.3).roi.margin_source == "setting"


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
    from analytics.cli.lift import LIFT_FIELDS
    from analytics.cli.main import main

    path = str(SAMPLE_CSV)
    code = main(["lift", path, "--metric", "revenue", "--campaign", "Member Week", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert tuple(data) == LIFT_FIELDS
    low, high = data["abs_effect_ci"]
    assert low <= TRUTH["Member Week"]["true_incremental_revenue"] <= high
    assert data["roas"] == pytest.approx(data["abs_effect"] / data["spend"])
    assert data["roi"] == pytest.approx(data["incremental_profit"] / data["spend"])
    assert data["incremental_profit"] == pytest.approx(
        data["incremental_gross_profit"] - data["discount_cost"] - data["spend"]
    )


def test_cli_lift_user_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from analytics.cli.main import main

    path = str(SAMPLE_CSV)
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


# --- issue 3: festivals, short pre-periods, missing data, control checks, row numbers ---------


def test_every_planted_campaign_is_covered_with_a_small_relative_error(sample) -> None:
    reports = reports_or_raise(measure_each(sample.frame, sample.mapping, "revenue"))
    assert sorted(r.lift.campaign for r in reports) == sorted(TRUTH)
    errors = []
    for report in reports:
        truth = TRUTH[report.lift.campaign]
        low, high = report.lift.abs_effect_ci
        assert low <= truth["true_incremental_revenue"] <= high, report.lift.campaign
        errors.append(abs(report.lift.rel_effect - truth["true_relative_effect"]))
    assert np.mean(errors) < 0.03


def test_measure_each_in_workers_gives_the_in_process_answers(sample) -> None:
    seen: list[tuple[int, int]] = []
    parallel = reports_or_raise(
        measure_each(sample.frame, sample.mapping, "units", progress=lambda *p: seen.append(p))
    )
    serial = reports_or_raise(measure_each(sample.frame, sample.mapping, "units", parallel=False))
    assert [r.lift.abs_effect for r in parallel] == [r.lift.abs_effect for r in serial]
    assert seen[-1] == (9, 9) and len(seen) == 9


def test_a_festival_the_pre_period_has_seen_is_not_mistaken_for_an_effect(
    sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chinese New Year 2025 (demand down 15-40% for a week) in all rows, where no campaign ran.
    window = {"start": "2025-01-26", "end": "2025-02-01"}
    lift = measure(sample.frame, sample.mapping, "revenue", **window).lift
    assert "Chinese New Year" in lift.festivals and not lift.controls
    assert lift.abs_effect_ci[0] < 0 < lift.abs_effect_ci[1]
    assert abs(lift.rel_effect) < 0.08
    monkeypatch.setattr(
        lift_design, "festival_regressors", lambda index, freq: pd.DataFrame(index=index)
    )
    blind = measure(sample.frame, sample.mapping, "revenue", **window).lift
    assert blind.abs_effect_ci[1] < 0 and blind.rel_effect < -0.15


def test_a_festival_in_the_window_but_not_in_the_pre_period_is_named(sample) -> None:
    lift = measure(
        sample.frame, sample.mapping, "revenue", start="2024-11-01", end="2024-11-11"
    ).lift
    unknown = {n.params["festival"]: n for n in lift.notices if n.code == "festival_unknown"}
    assert set(unknown) == {"Double 11 run-up", "Double 11"}
    assert unknown["Double 11 run-up"].params["inside"] == 10
    assert "Double 11 run-up falls on 10 of the window's 11 periods" in " ".join(lift.warnings)


def test_controls_carry_festivals_so_campaigns_with_controls_have_no_festival_terms(sample) -> None:
    lift = measure(sample.frame, sample.mapping, "revenue", campaign="618 Flash Deals").lift
    assert lift.controls and lift.festivals == ()


def test_weekly_series_uses_festival_shares() -> None:
    daily = synthetic_daily_total()
    weekly = daily.resample("W-MON", label="left", closed="left").sum()
    result = fit_counterfactual(
        weekly, pd.Timestamp("2025-01-27"), pd.Timestamp("2025-02-03"), "W",
        pd.DataFrame(index=weekly.index),
    )  # fmt: skip
    assert result.frequency == "W" and "Chinese New Year" in result.festivals
    assert result.abs_effect_ci[0] < 0 < result.abs_effect_ci[1]


def test_monthly_series_short_of_two_years_warns_and_merges_collinear_festivals() -> None:
    monthly = synthetic_daily_total().resample("MS").sum()
    result = fit_counterfactual(
        monthly, pd.Timestamp("2025-10-01"), pd.Timestamp("2025-10-01"), "M",
        pd.DataFrame(index=monthly.index),
    )  # fmt: skip
    short = next(n for n in result.notices if n.code == "short_pre")
    assert short.params == {"have": 21, "needed": 10, "recommended": 24, "unit": "months"}
    # 618's peak day and its run-up fall in the same months: one column carries both.
    assert "618 run-up" in result.festivals and "618" not in result.festivals


def synthetic_daily_total() -> pd.Series:
    frame = load(SAMPLE_CSV).frame
    return frame.groupby("date")["revenue"].sum()


def test_short_pre_period_is_fitted_with_a_warning_naming_the_recommended_minimum(sample) -> None:
    lift = measure(
        sample.frame, sample.mapping, "revenue", start="2024-02-05", end="2024-02-11"
    ).lift
    short = next(n for n in lift.notices if n.code == "short_pre")
    assert short.params == {"have": 35, "needed": 22, "recommended": 56, "unit": "days"}
    assert "at least 56 are recommended" in short.message
    assert np.isfinite(lift.abs_effect) and lift.pre_periods == 35


def test_too_short_to_fit_says_the_minimum_needed(sample) -> None:
    with pytest.raises(UserInputError, match="cannot be fitted on fewer than 22") as caught:
        measure(sample.frame, sample.mapping, "revenue", start="2024-01-20", end="2024-01-30")
    assert caught.value.code == "lift_pre_too_short" and caught.value.params["have"] == 19


def test_missing_days_inside_the_window_are_counted_and_left_out(sample) -> None:
    dates = sample.frame["date"]
    gone = dates.isin(pd.to_datetime(["2025-05-03", "2025-05-05", "2025-05-06"]))
    frame = sample.frame[~gone.to_numpy()].reset_index(drop=True)
    lift = measure(frame, sample.mapping, "revenue", start="2025-05-01", end="2025-05-07").lift
    assert lift.missing_periods == 3
    missing = next(n for n in lift.notices if n.code == "missing")
    assert missing.message.startswith("3 of the window's 7 periods have no data")
    assert lift.daily["actual"].isna().sum() == 3
    assert lift.actual == pytest.approx(float(lift.daily["actual"].sum()))


def test_a_control_that_moved_in_the_window_is_named() -> None:
    frame, truth = synthetic_series(n_days=400, effect=0.1, seed=11, n_controls=4)
    window = (truth.effect_start, truth.effect_end)
    clean = fit_counterfactual(frame["y"], *window, "D", frame.drop(columns="y"), metric="y")
    assert clean.controls and not any(c.moved for c in clean.control_checks)
    moved = next(iter(clean.controls))
    shifted = frame.drop(columns="y")
    shifted.loc[truth.effect_start :, moved] *= 1.3
    result = fit_counterfactual(frame["y"], *window, "D", shifted, metric="y")
    flagged = [c for c in result.control_checks if c.moved]
    assert [c.name for c in flagged] == [moved]
    assert flagged[0].shift == pytest.approx(0.3, abs=0.08) and flagged[0].p_value < 0.01
    assert any(n.code == "control_moved" and n.params["name"] == moved for n in result.notices)


def test_a_file_without_dates_takes_row_numbers(tmp_path, capsys) -> None:
    from analytics.cli.main import main

    frame, truth = synthetic_series(n_days=400, effect=0.1, seed=5, n_controls=3)
    path = tmp_path / "no_dates.csv"
    frame.round(2).to_csv(path, index=False)
    first = frame.index.get_loc(truth.effect_start) + 1
    argv = ["lift", str(path), "--metric", "y", "--start", str(first), "--end", "400", "--json"]
    code = main([*argv, "--controls", "control_1,control_2,control_3"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and (data["start"], data["end"]) == (373, 400)
    assert (data["pre_start"], data["pre_end"]) == (8, 372)
    low, high = data["abs_effect_ci"]
    assert low <= truth.incremental <= high and low > 0
    assert data["rel_effect"] == pytest.approx(0.10, abs=0.04)
    assert main([*argv[:4], "--start", "2025-01-07", "--end", "400"]) == 2
    assert "give --start and --end as row numbers from 1 to 400" in capsys.readouterr().err


def test_rows_have_no_weekday_or_festival_terms() -> None:
    frame, _ = synthetic_series(n_days=200, effect=0.0, seed=2)
    mapping = Mapping({"y": "metric"}, "y")
    report = measure(frame.to_frame().reset_index(drop=True), mapping, "y", start="173", end="200")
    assert report.lift.frequency == "R" and report.lift.festivals == ()
    assert report.lift.start == "173" and list(report.lift.daily.index[:2]) == [173, 174]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ({"campaign": "Nope"}, "lift_no_campaign"),
        ({"start": "2025-05-01", "end": "2025-05-14", "where": {"region": ("Mars",)}},
         "series_no_value"),
        ({"start": "2025-05-01", "end": "2025-05-14", "where": {"planet": ("Mars",)}},
         "series_no_column"),
        ({"start": "soon", "end": "2025-05-14"}, "lift_bad_date"),
        ({"start": "2025-05-01"}, "lift_no_target"),
        ({"start": "2025-05-14", "end": "2025-05-01"}, "lift_window_reversed"),
    ],
)  # fmt: skip
def test_user_errors_carry_a_code_and_the_params_its_chinese_sentence_needs(sample, target, code):
    from ui.i18n.messages import FAILURES_ZH

    with pytest.raises(UserInputError) as raised:
        measure(sample.frame, sample.mapping, "revenue", **target)
    assert raised.value.code == code
    assert FAILURES_ZH[code].format(**raised.value.params)


def test_forty_candidate_controls_against_a_short_pre_period_do_not_overfit() -> None:
    """Two real controls among 38 unrelated random walks, 92 days before a window without an
    effect: a real control is always picked and the interval keeps covering zero."""
    covering, real_first = 0, 0
    for seed in range(8):
        frame, truth = synthetic_series(n_days=120, effect=0.0, seed=500 + seed, n_controls=2)
        walks = np.random.default_rng(seed).normal(0, 0.03, (len(frame), 38)).cumsum(axis=0)
        candidates = frame.drop(columns="y").assign(
            **{f"city_{i}": 1000 * np.exp(walks[:, i]) for i in range(38)}
        )
        result = fit_counterfactual(
            frame["y"], truth.effect_start, truth.effect_end, "D", candidates, seed=seed
        )
        low, high = result.abs_effect_ci
        covering += low <= 0 <= high
        real_first += next(iter(result.controls)).startswith("control_")
        assert len(result.controls) <= 2
    assert covering == 8 and real_first == 8


def test_a_wide_file_names_its_control_columns(tmp_path, capsys) -> None:
    from analytics.cli.main import main

    frame, truth = synthetic_series(n_days=400, effect=0.1, seed=5, n_controls=3)
    path = tmp_path / "wide.csv"
    frame.round(2).reset_index().to_csv(path, index=False)
    window = ["--start", f"{truth.effect_start:%Y-%m-%d}", "--end", f"{truth.effect_end:%Y-%m-%d}"]
    argv = ["lift", str(path), "--metric", "y", *window, "--json", "--controls"]
    widths = {}
    for controls in ("control_1,control_2,control_3", "none"):
        assert main([*argv, controls]) == 0
        data = json.loads(capsys.readouterr().out)
        low, high = data["abs_effect_ci"]
        assert low <= truth.incremental <= high
        widths[controls] = high - low
    assert widths["control_1,control_2,control_3"] < 0.6 * widths["none"]
    dataset = load(path)
    lift = measure(
        dataset.frame, dataset.mapping, "y", start=window[1], end=window[3],
        controls=("control_1", "control_2", "control_3"),
    ).lift  # fmt: skip
    assert set(lift.controls) <= {"control_1", "control_2", "control_3"} and lift.controls
    assert main([*argv, "control_1,nope"]) == 2
    assert "There is no control column 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["lift", "x.csv", "--campaign", "Member Week"], ["campaigns", "x.csv"],
     ["lift", "x.csv", "--metric", "revenue", "--campaign", "A", "--start", "2025-01-01"]],
)  # fmt: skip
def test_cli_usage_mistakes_exit_2_with_one_line(argv, capsys) -> None:
    from analytics.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and err.count("\n") == 1 and err.startswith("error: ")


def test_cli_where_repeated_for_one_column_takes_any_value_and_all_columns_must_hold(
    sample, capsys
) -> None:
    from analytics.cli.main import main

    path = str(SAMPLE_CSV)
    where = ["--where", "region=East", "--where", "region=West", "--where", "category=Home"]
    window = ["--start", "2025-05-01", "--end", "2025-05-14"]
    code = main(["lift", path, "--metric", "revenue", *window, *where, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["segment"] == {"region": ["East", "West"], "category": ["Home"]}
    frame = sample.frame
    rows = (
        frame["region"].isin(["East", "West"])
        & (frame["category"] == "Home")
        & frame["date"].between("2025-05-01", "2025-05-14")
    )
    assert data["actual"] == pytest.approx(frame.loc[rows, "revenue"].sum())
