"""ROI planner against the generator's planted truth: response curves, elasticities, what-if,
budget split (checked in the generator's own simulator), track record and the CLI."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
from corpus import GROUND_TRUTH as TRUTH
from corpus import SAMPLE_CSV as SAMPLE

from analytics.cli.main import main
from analytics.cli.planner import PLAN_CHANNEL_FIELDS, PLAN_FIELDS, WHATIF_FIELDS
from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.ingest.roles import Mapping
from analytics.lift.reports import measure
from analytics.planner.budget import optimise_budget
from analytics.planner.elasticity import discount_curve
from analytics.planner.fit import fit_response
from analytics.planner.model import fit_planner
from analytics.planner.panel import build_panel
from analytics.planner.problem import CurveProblem
from analytics.planner.response_curves import response_curves, steady_response
from analytics.planner.track_record import (
    predict_past_campaigns,
    track_record,
    track_with_margin,
)
from analytics.planner.whatif import PlannedCampaign, measured_from_reports, whatif
from sample_data.generate import expected_units

CHANNELS = {"search_spend": "search", "social_spend": "social", "display_spend": "display"}
MARGIN = 0.4


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


@pytest.fixture(scope="module")
def model(sample):
    return fit_planner(sample.frame, sample.mapping, draws=200, parallel=False)


def interval(values: np.ndarray) -> tuple[float, float]:
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


# --- response curves against the planted adstock and Hill parameters ----------------------------


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_carry_over_and_shape_intervals_cover_the_planted_values(model, channel: str) -> None:
    truth = TRUTH["channels"][CHANNELS[channel]]
    curve = next(c for c in response_curves(model, MARGIN).channels if c.channel == channel)
    assert curve.decay_ci[0] <= truth["decay"] <= curve.decay_ci[1]
    assert curve.shape_ci[0] <= truth["shape"] <= curve.shape_ci[1]
    assert abs(curve.decay - truth["decay"]) < 0.05


DISPLAY_HALF_SAT_MISS = pytest.mark.xfail(
    strict=True,
    reason="display's half-saturation interval on the sample (about 1,720 to 4,750) just misses "
    "the planted 1,700 because the sample's own noise puts it there: to first order at the planted "
    "curves, with the planted noise sd, that noise moves display's log half-saturation by +2.04 "
    "standard errors, and the profile likelihood rejects 1,700 too (likelihood ratio 4.12 > 3.84). "
    "Without noise the fit recovers 1,716. Over generator seeds 1 to 24 the bootstrap intervals "
    "cover 198 of 216 curve parameters, the profile-likelihood intervals 197, and the seeds' own "
    "noise stays within 1.96 standard errors for 203 (bench/results.md, Planner); with nine curve "
    "parameters on one sample, one misses about one time in three.",
)


@pytest.mark.parametrize(
    "channel",
    ["search_spend", "social_spend", pytest.param("display_spend", marks=DISPLAY_HALF_SAT_MISS)],
)
def test_half_saturation_intervals_cover_the_planted_values(model, channel: str) -> None:
    truth = TRUTH["channels"][CHANNELS[channel]]
    curve = next(c for c in response_curves(model, MARGIN).channels if c.channel == channel)
    assert curve.half_sat_ci[0] <= truth["half_sat"] <= curve.half_sat_ci[1]


def test_bootstrap_resamples_residuals_at_the_planted_noise_scale(sample) -> None:
    """With date effects the curves are learnt from the per-segment noise (log sd 0.035 in the
    generator). The fitted residuals are smaller by the degrees of freedom the fit used; scaled
    by sqrt(n / (n − p)) they are back at the planted scale, so the bootstrap draws noise as
    large as the data's."""
    panel = build_panel(sample.frame, sample.mapping)
    problem = CurveProblem.build(panel, panel.channels)
    assert problem.mode == "date effects"
    residual = problem.fit_point().residual
    raw = float(np.sqrt(np.mean(residual**2)))
    scaled = raw * problem.residual_inflation()
    planted = TRUTH["demand"]["segment_noise_log_sd"]
    assert raw < 0.96 * planted
    assert scaled == pytest.approx(planted, rel=0.03)


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_average_return_on_spend_interval_covers_the_truth(model, channel: str) -> None:
    truth = TRUTH["channels"][CHANNELS[channel]]["avg_revenue_per_yuan"]
    curve = next(c for c in response_curves(model, MARGIN).channels if c.channel == channel)
    assert curve.roas_ci[0] <= truth <= curve.roas_ci[1]
    assert curve.roas == pytest.approx(truth, rel=0.1)


def test_curves_rise_and_flatten_with_bands_around_them(model) -> None:
    curves = response_curves(model, MARGIN)
    for channel in model.channels:
        rows = curves.table[curves.table["channel"] == channel]
        assert rows["response"].iloc[0] == 0
        assert np.all(np.diff(rows["response"]) > 0)
        assert rows["marginal_roi"].iloc[-1] < rows["marginal_roi"].iloc[len(rows) // 2]
        assert np.all(rows["response_lo"] <= rows["response"] + 1e-6)
        assert np.all(rows["response"] <= rows["response_hi"] + 1e-6)


def test_a_channel_whose_spend_never_varied_is_left_out_with_a_note(sample) -> None:
    frame = sample.frame.assign(tv_spend=500.0)
    roles = {**sample.mapping.roles, "tv_spend": "spend"}
    mapping = Mapping(roles, sample.mapping.outcome)
    fit = fit_response(build_panel(frame, mapping), draws=0, parallel=False)
    assert "tv_spend" not in fit.channels
    assert "varied" in fit.excluded["tv_spend"]
    assert any(note.startswith("tv_spend: left out") for note in fit.notes)


def test_no_spend_that_varies_is_a_user_error(sample) -> None:
    frame = sample.frame.assign(tv_spend=500.0)
    mapping = Mapping({**sample.mapping.roles, "tv_spend": "spend"}, "revenue")
    with pytest.raises(UserInputError, match="No spend column varied enough"):
        fit_response(build_panel(frame, mapping, spend=["tv_spend"]), draws=0, parallel=False)


def test_one_series_without_dimensions_is_fitted_with_calendar_terms(sample) -> None:
    columns = ["revenue", "units", "search_spend", "social_spend", "display_spend"]
    total = sample.frame.groupby("date", as_index=False)[columns].sum()
    mapping = Mapping({"date": "date", **{c: sample.mapping.roles[c] for c in columns}}, "revenue")
    fit = fit_response(build_panel(total, mapping), draws=0, parallel=False)
    assert fit.mode == "calendar"
    assert fit.channels == tuple(CHANNELS)
    assert np.all(np.isfinite(fit.decay)) and np.all(fit.contribution[0] > 0)


def test_weekly_data_recovers_the_return_on_spend(sample) -> None:
    """The same sample summed per week and segment: carry-over and saturation now act per week,
    and the average return on spend still covers the truth."""
    frame = sample.frame.assign(week=sample.frame["date"].dt.to_period("W-SUN").dt.start_time)
    sums = {c: "sum" for c in ["revenue", "units", *CHANNELS]}
    weekly = frame.groupby(["week", "region", "category"], as_index=False).agg(
        {**sums, "price": "mean", "discount": "mean", "campaign": "max"}
    )
    roles = {**sample.mapping.roles, "week": "date"}
    roles = {c: r for c, r in roles.items() if c in weekly.columns}
    model = fit_planner(weekly, Mapping(roles, "revenue"), draws=60, parallel=False)
    assert model.frequency == "W"
    for curve in response_curves(model, MARGIN).channels:
        truth = TRUTH["channels"][CHANNELS[curve.channel]]["avg_revenue_per_yuan"]
        assert curve.roas_ci[0] <= truth <= curve.roas_ci[1]
    assert model.elasticities.discount_ci[0] <= -2.0 <= model.elasticities.discount_ci[1]


# --- elasticities and the best discount ---------------------------------------------------------


def test_elasticity_intervals_cover_the_planted_values(model) -> None:
    e = model.elasticities
    truth = TRUTH["elasticities"]
    assert e.price_ci[0] <= truth["price_elasticity"] <= e.price_ci[1]
    assert e.discount_ci[0] <= truth["discount_elasticity"] <= e.discount_ci[1]
    assert e.price == pytest.approx(truth["price_elasticity"], abs=0.1)
    assert e.discount == pytest.approx(truth["discount_elasticity"], abs=0.1)


@pytest.mark.parametrize("margin", [0.3, 0.4, 0.6])
def test_best_discount_earns_the_true_best_gross_profit(model, margin: float) -> None:
    """With units ∝ (1 − d)^−2 the truly best discount is max(0, (1 − 2m) / −1); the planner's
    choice, valued with the true elasticity, earns within 1% of it."""
    curve = discount_curve(model.elasticities, margin)
    true_e = TRUTH["elasticities"]["discount_elasticity"]

    def profit(d: float) -> float:
        return (1 - d) ** true_e * (margin - d)

    best = max(0.0, (1 + true_e * margin) / (1 + true_e))
    assert profit(curve.best) >= 0.99 * profit(best)
    assert curve.best_ci[0] <= curve.best <= curve.best_ci[1]
    if margin <= 0.5:
        assert curve.best == 0.0


# --- what-if ------------------------------------------------------------------------------------


def plan(**changes) -> PlannedCampaign:
    base = PlannedCampaign({"search_spend": 200_000.0}, "2026-01-05", "2026-01-18")
    return dataclasses.replace(base, **changes)


def test_whatif_numbers_are_consistent_with_the_roi_conventions(model, sample) -> None:
    result = whatif(
        model,
        sample.frame,
        sample.mapping,
        plan(discount=0.15, where={"region": ("East",)}),
        MARGIN,
    )
    spend = 200_000.0
    assert result.roas == pytest.approx(result.incremental_revenue / spend)
    assert result.roi == pytest.approx(
        (MARGIN * result.incremental_revenue - (1 - MARGIN) * result.discount_given - spend) / spend
    )
    # the profit bridge, step by step, as the Lift page draws it
    assert result.incremental_profit == pytest.approx(
        result.incremental_gross_profit - result.discount_cost - spend
    )
    assert result.roi == pytest.approx(result.incremental_profit / spend)
    low, high = result.incremental_profit_ci
    assert low <= result.incremental_profit <= high
    for value, (low, high) in (
        (result.incremental_revenue, result.incremental_revenue_ci),
        (result.roi, result.roi_ci),
        (result.incremental_units, result.incremental_units_ci),
    ):
        assert low <= value <= high
    assert result.media_revenue > 0 and result.discount_revenue > 0
    assert result.incremental_revenue == pytest.approx(
        result.media_revenue + result.discount_revenue
    )
    assert result.incremental_revenue >= result.in_window_revenue
    assert result.daily["effect"].sum() == pytest.approx(result.incremental_revenue)
    assert result.periods == 14 and result.segment == {"region": ["East"]}
    assert json.loads(json.dumps(result.to_dict(), default=str))["periods"] == 14


def test_discount_effect_follows_the_elasticity(model, sample) -> None:
    """Without spend, revenue rises by (1 − d)^(e + 1) − 1 of the baseline and units by
    (1 − d)^e − 1; the discount cost is the list-price value given away on what is sold."""
    result = whatif(model, sample.frame, sample.mapping, plan(spend={}, discount=0.2), MARGIN)
    e = model.elasticities.discount
    baseline = result.incremental_revenue / (0.8 ** (e + 1) - 1)
    sold = baseline + result.incremental_revenue
    assert baseline > 0 and result.media_revenue == 0
    assert result.discount_given == pytest.approx(sold * 0.2 / 0.8)
    # 20% off the sales the window would have made anyway (the baseline, at list price)
    assert result.discount_cost == pytest.approx(0.2 * baseline)
    units_ratio = result.incremental_units / (0.8**e - 1)
    assert units_ratio > 0
    assert result.roi is None and result.roas is None


def test_whatif_agrees_with_the_curves_at_steady_state(model, sample) -> None:
    """A year of extra spend: the daily increment settles at the curve's difference between
    today's spend and today's plus the extra."""
    extra_per_day = 2_000.0
    result = whatif(
        model,
        sample.frame,
        sample.mapping,
        plan(spend={"display_spend": extra_per_day * 364}, end="2027-01-03"),
        MARGIN,
    )
    now = model.fit.recent_spend[model.channels.index("display_spend")]
    difference = steady_response(model, "display_spend", now + extra_per_day)
    difference -= steady_response(model, "display_spend", now)
    settled = result.daily["effect"].iloc[100:364].mean()
    assert settled == pytest.approx(difference, rel=0.01)


def test_more_spend_returns_less_per_unit(model, sample) -> None:
    small = whatif(model, sample.frame, sample.mapping, plan(), MARGIN)
    large = whatif(
        model, sample.frame, sample.mapping, plan(spend={"search_spend": 400_000.0}), MARGIN
    )
    east = whatif(model, sample.frame, sample.mapping, plan(where={"region": ("East",)}), MARGIN)
    assert small.incremental_revenue < large.incremental_revenue < 2 * small.incremental_revenue
    assert large.roas < small.roas
    assert east.incremental_revenue < small.incremental_revenue


def test_whatif_lists_past_campaigns_like_it_with_their_measured_roi(model, sample) -> None:
    report = measure(sample.frame, sample.mapping, "revenue", campaign="Double 11 Warm-up")
    planted = next(c for c in TRUTH["campaigns"] if c["name"] == "Double 11 Warm-up")
    result = whatif(
        model,
        sample.frame,
        sample.mapping,
        plan(spend={"search_spend": planted["spend"]}),
        MARGIN,
        measured=measured_from_reports([report]),
    )
    names = [c.name for c in result.comparable]
    assert names[0] == "Double 11 Warm-up"
    assert set(names) <= {"618 Mega Sale", "Double 11 Warm-up", "Back to School"}
    assert result.comparable[0].roi == pytest.approx(report.roi.roi)
    assert result.comparable[1].roi is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"spend": {"tv": 1.0}}, "There is no spend channel 'tv'"),
        ({"end": "2026-01-01"}, "ends before it starts"),
        ({"discount": 0.95}, "between 0 and 0.9"),
        ({"where": {"region": ("Mars",)}}, "'region' has no value 'Mars'"),
    ],
)
def test_whatif_user_errors(model, sample, changes: dict, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        whatif(model, sample.frame, sample.mapping, plan(**changes), MARGIN)


# --- budget split, checked in the generator's own simulator -------------------------------------


def true_profit(model, spend_per_day: np.ndarray, days: int) -> float:
    """Margin × revenue the generator's expected_units gives for this spend (each channel split
    over the segments as the planner splits it) − spend."""
    revenue = 0.0
    for c, channel in enumerate(model.channels):
        for s, segment in enumerate(model.segments):
            daily = spend_per_day[c] * model.fit.spend_share[c, s]
            response = expected_units({CHANNELS[channel]: daily}, days=days, segments=[segment])
            revenue += response.revenue
    return MARGIN * revenue - float(spend_per_day.sum()) * days


@pytest.mark.parametrize("scale", [1.0, 0.6, 1.5])
def test_proposed_split_earns_more_true_profit_than_the_current_one(model, scale: float) -> None:
    days = 91
    current = model.fit.recent_spend
    result = optimise_budget(model, float(current.sum() * days * scale), days=days, margin=MARGIN)
    proposed = np.array([c.proposed_spend for c in result.channels]) / days
    assert proposed.sum() * days == pytest.approx(result.budget)
    same_total = current * scale
    assert true_profit(model, proposed, days) > true_profit(model, same_total, days)
    if scale == 1.0:
        assert result.predicted_gain > 0 and result.predicted_gain_ci[0] > 0
        gain = true_profit(model, proposed, days) - true_profit(model, current, days)
        assert gain > 0.25 * result.predicted_gain


def test_marginal_roi_is_equal_across_channels_at_an_interior_optimum(model) -> None:
    result = optimise_budget(model, 1_500_000.0, days=91, margin=MARGIN)
    marginal = [c.marginal_roi_proposed for c in result.channels]
    assert max(marginal) - min(marginal) < 0.02
    for c in result.channels:
        assert (
            c.marginal_roi_proposed_ci[0]
            <= c.marginal_roi_proposed
            <= c.marginal_roi_proposed_ci[1]
        )


def test_channel_limits_are_respected(model) -> None:
    budget = 1_500_000.0
    result = optimise_budget(
        model,
        budget,
        days=91,
        margin=MARGIN,
        minimum={"search_spend": 900_000.0},
        maximum={"display_spend": 100_000.0},
    )
    spend = {c.channel: c.proposed_spend for c in result.channels}
    assert spend["search_spend"] >= 900_000.0 - 1e-6
    assert spend["display_spend"] <= 100_000.0 + 1e-6
    assert sum(spend.values()) == pytest.approx(budget)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"minimum": {"search_spend": 2e6}}, "minimums add up to 2,000,000, more than the budget"),
        ({"maximum": {c: 1.0 for c in CHANNELS}}, "maximums add up to 3, less than the budget"),
        ({"minimum": {"tv": 1.0}}, "There is no spend channel 'tv'"),
        ({"minimum": {"search_spend": 5.0}, "maximum": {"search_spend": 1.0}}, "above its maximum"),
    ],
)
def test_impossible_limits_are_user_errors(model, kwargs: dict, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        optimise_budget(model, 1_000_000.0, days=91, margin=MARGIN, **kwargs)


# --- track record ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def record(sample):
    names = ["Summer Clearance", "Back to School"]
    reports = [measure(sample.frame, sample.mapping, "revenue", campaign=n) for n in names]
    return track_record(
        sample.frame,
        sample.mapping,
        measured=measured_from_reports(reports),
        draws=5,
        names=names,
        parallel=False,
    )


def test_track_record_sets_predicted_against_measured_roi(record) -> None:
    rows = {r.campaign: r for r in record.rows}
    assert set(rows) == {"Summer Clearance", "Back to School"}
    clearance = rows["Summer Clearance"]
    assert clearance.channel == "display_spend" and clearance.discount == pytest.approx(0.3)
    # 30% off at a 40% margin loses money; the planner sees it coming from the elasticity.
    assert clearance.predicted_roi < -1 and clearance.measured_roi < -1
    assert abs(clearance.predicted_roi - clearance.measured_roi) < 1.0
    for row in rows.values():
        low, high = row.predicted_roi_ci
        assert low <= row.predicted_roi <= high
    assert len(record.compared) == 2 and record.median_error is not None


def test_track_record_predicts_from_data_before_the_campaign_only(sample, record) -> None:
    start = pd.Timestamp("2025-08-18")
    frame = sample.frame.copy()
    after = frame["date"] >= start
    frame.loc[after, "revenue"] *= 3.0
    frame.loc[after, "units"] *= 3.0
    again = track_record(frame, sample.mapping, draws=5, names=["Back to School"], parallel=False)
    before = next(r for r in record.rows if r.campaign == "Back to School")
    assert again.rows[0].predicted_incremental == pytest.approx(before.predicted_incremental)


@pytest.fixture(scope="module")
def predictions(sample):
    names = ["Summer Clearance", "Back to School"]
    return predict_past_campaigns(
        sample.frame, sample.mapping, draws=5, names=names, parallel=False
    )


def test_a_margin_applied_to_the_refits_gives_the_track_record(sample, record, predictions):
    """The refits hold no margin: under the record's margin they give the same numbers as
    track_record, and another margin changes only the ROI (by the ROI convention)."""
    names = ["Summer Clearance", "Back to School"]
    reports = [measure(sample.frame, sample.mapping, "revenue", campaign=n) for n in names]
    measured = measured_from_reports(reports)
    assert track_with_margin(predictions, record.margin, measured) == record
    other = track_with_margin(predictions, 0.6, measured)
    for before, after in zip(record.rows, other.rows, strict=True):
        assert after.predicted_incremental == before.predicted_incremental
        assert after.predicted_roi != before.predicted_roi
    clearance = next(p for p in predictions.predictions if p.campaign.name == "Summer Clearance")
    row = next(r for r in other.rows if r.campaign == "Summer Clearance")
    spend = clearance.campaign.total_spend
    assert row.predicted_roi == pytest.approx(
        (0.6 * clearance.incremental - 0.4 * clearance.discount_given - spend) / spend
    )


@pytest.mark.parametrize("margin", [0.0, -0.2, 1.5])
def test_every_planner_entry_point_refuses_a_margin_outside_0_to_1(
    model, sample, predictions, margin: float
) -> None:
    """The same check (analytics.lift.roi.checked_margin) everywhere a margin goes in."""
    calls = {
        "curves": lambda: response_curves(model, margin),
        "budget": lambda: optimise_budget(model, 1_000_000.0, margin=margin),
        "whatif": lambda: whatif(model, sample.frame, sample.mapping, plan(), margin),
        "discount": lambda: discount_curve(model.elasticities, margin),
        "track record": lambda: track_record(sample.frame, sample.mapping, margin=margin),
        "track margin": lambda: track_with_margin(predictions, margin),
    }
    for name, call in calls.items():
        with pytest.raises(UserInputError) as refused:
            call()
        assert refused.value.code == "margin_range", name


# --- command line -------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors, as `python -m analytics` exits
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_plan_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, err = run(
        capsys,
        "plan",
        str(SAMPLE),
        "--budget",
        "1500000",
        "--min",
        "search_spend=300000",
        "--margin",
        "0.4",
        "--draws",
        "5",
        "--json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert tuple(data) == PLAN_FIELDS
    assert [c["channel"] for c in data["channels"]] == list(CHANNELS)
    assert all(tuple(c) == PLAN_CHANNEL_FIELDS for c in data["channels"])
    assert sum(c["proposed_spend"] for c in data["channels"]) == pytest.approx(1_500_000)
    assert data["channels"][0]["proposed_spend"] >= 300_000
    assert data["predicted_gain_ci"][0] <= data["predicted_gain"] <= data["predicted_gain_ci"][1]
    assert data["outcome"] == "revenue"


def test_whatif_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, err = run(
        capsys,
        "whatif",
        str(SAMPLE),
        "--channel",
        "social_spend",
        "--spend",
        "80000",
        "--discount",
        "0.1",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-11",
        "--where",
        "region=North",
        "--draws",
        "5",
        "--json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert tuple(data) == WHATIF_FIELDS
    assert data["roas"] == pytest.approx(data["incremental_revenue"] / 80_000)
    assert data["roi"] == pytest.approx(data["incremental_profit"] / 80_000)
    assert data["incremental_profit"] == pytest.approx(
        data["incremental_gross_profit"] - data["discount_cost"] - 80_000
    )


def test_plan_takes_outcome_spend_columns_limits_and_margin(capsys) -> None:
    """--outcome picks the outcome (ROAS in its units per unit of spend), --spend the channels,
    several --min/--max after one flag or repeated, --margin the margin."""
    code, out, err = run(
        capsys,
        "plan",
        str(SAMPLE),
        "--outcome",
        "units",
        "--spend",
        "search_spend,display_spend",
        "--budget",
        "1,000,000",
        "--min",
        "search_spend=200000",
        "display_spend=100000",
        "--max",
        "display_spend=400000",
        "--margin",
        "0.5",
        "--draws",
        "5",
        "--json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert tuple(data) == PLAN_FIELDS and data["outcome"] == "units"
    spend = {c["channel"]: c["proposed_spend"] for c in data["channels"]}
    assert list(spend) == ["search_spend", "display_spend"]
    assert sum(spend.values()) == pytest.approx(1_000_000)
    assert spend["search_spend"] >= 200_000 and 100_000 <= spend["display_spend"] <= 400_000
    truth = TRUTH["channels"]
    for channel in data["channels"]:
        # units per yuan, not revenue per yuan: the planted average is 22-29 units per ¥1,000
        planted = truth[CHANNELS[channel["channel"]]]["avg_units_per_1000_yuan"] / 1000
        assert channel["roas"] == pytest.approx(planted, rel=0.25)
        assert channel["roas_ci"][0] <= channel["roas"] <= channel["roas_ci"][1]

    code, out, _ = run(
        capsys,
        "plan",
        str(SAMPLE),
        "--spend",
        "search_spend,display_spend",
        "--budget",
        "1000000",
        "--max",
        "display_spend=400000",
        "--max",
        "search_spend=700000",
        "--margin",
        "0.2",
        "--draws",
        "0",
        "--json",
    )
    assert code == 0
    low_margin = json.loads(out)
    spend = {c["channel"]: c["proposed_spend"] for c in low_margin["channels"]}
    assert spend["search_spend"] <= 700_000 and spend["display_spend"] <= 400_000
    # at a 20% margin every channel's marginal ROI is below what it is at 40% (ROI = m × ROAS − 1)
    assert all(c["marginal_roi_proposed"] < 0 for c in low_margin["channels"])


def test_whatif_discount_and_segment_options_change_the_prediction(capsys) -> None:
    """--discount adds the discount's effect (and its cost to ROI); --where narrows the segment,
    several values after one flag or the flag repeated."""
    common = ["--channel", "search_spend", "--spend", "100000", "--start", "2026-01-05"]
    common += ["--end", "2026-01-18", "--margin", "0.4", "--draws", "5", "--json"]

    def predicted(*extra: str) -> dict:
        code, out, err = run(capsys, "whatif", str(SAMPLE), *common, *extra)
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert tuple(data) == WHATIF_FIELDS
        for key in ("incremental_revenue", "roi"):
            low, high = data[f"{key}_ci"]
            assert low <= data[key] <= high
        assert data["roas"] == pytest.approx(data["incremental_revenue"] / 100_000)
        return data

    everywhere = predicted()
    discounted = predicted("--discount", "0.15")
    east = predicted("--where", "region=East")
    two = predicted("--where", "region=East", "region=North")
    repeated = predicted("--where", "region=East", "--where", "region=North")
    # 15% off at elasticity −2 sells 0.85^−2 = 1.38× the units: revenue rises, ROI falls (the
    # discount gives away 15% of list price on everything sold at a 40% margin)
    assert discounted["incremental_revenue"] > 2 * everywhere["incremental_revenue"]
    assert discounted["roi"] < everywhere["roi"]
    assert east["incremental_revenue"] < two["incremental_revenue"]
    assert two["incremental_revenue"] < everywhere["incremental_revenue"]
    assert repeated == two


def test_plan_and_whatif_text_output(capsys) -> None:
    code, out, _ = run(
        capsys,
        "whatif",
        str(SAMPLE),
        "--outcome",
        "units",
        "--channel",
        "search_spend",
        "--spend",
        "50000",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-18",
        "--draws",
        "0",
    )
    assert code == 0
    assert "incremental units" in out and "ROI" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", str(SAMPLE)], "error: Give --budget AMOUNT.\n"),
        (["plan", str(SAMPLE), "--budget", "lots"], "error: --budget 'lots' is not a number.\n"),
        (
            ["plan", str(SAMPLE), "--budget", "100", "--min", "search"],
            "error: --min 'search' should look like CHANNEL=AMOUNT.\n",
        ),
        (
            ["plan", str(SAMPLE), "--budget", "100", "--margin", "40"],
            "error: The gross margin must be a fraction above 0 and at most 1 (0.4 means 40%), "
            "not 40.0.\n",
        ),
        (
            ["plan", str(SAMPLE), "--budget", "100", "--outcome", "profit", "--draws", "0"],
            "error: There is no outcome column 'profit'",
        ),
        (
            ["plan", str(SAMPLE), "--budget", "1000", "--max", "tv=5", "--draws", "0"],
            "error: There is no spend channel 'tv'",
        ),
        (
            ["whatif", str(SAMPLE), "--channel", "search_spend", "--spend", "100"],
            "error: Give the window with --start DATE and --end DATE.\n",
        ),
        (["plan", "--budget", "100"], "error: the following arguments are required: PATH"),
        (["plan", str(SAMPLE), "--budget", "100", "--max"], "error: argument --max: expected"),
        (
            ["whatif", str(SAMPLE), "--channel", "search_spend", "--spend", "1", "--discount", "x"],
            "error: --discount 'x' is not a number.\n",
        ),
        (
            [
                "whatif",
                str(SAMPLE),
                "--channel",
                "search_spend",
                "--spend",
                "1",
                "--start",
                "2026-01-01",
                "--end",
                "2026-01-07",
                "--where",
                "East",
            ],
            "error: --where 'East' should look like COLUMN=VALUE.\n",
        ),
        (
            [
                "whatif",
                str(SAMPLE),
                "--channel",
                "tv",
                "--spend",
                "100",
                "--start",
                "2026-01-01",
                "--end",
                "2026-01-07",
                "--draws",
                "0",
            ],
            "error: There is no spend channel 'tv'",
        ),
        (
            [
                "whatif",
                str(SAMPLE),
                "--channel",
                "search_spend",
                "--spend",
                "100",
                "--start",
                "2026-02-01",
                "--end",
                "2026-01-01",
                "--draws",
                "0",
            ],
            "error: The window ends before it starts",
        ),
    ],
)
def test_user_errors_exit_2_with_one_line(capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_campaign_without_spend_says_why_it_has_no_roi(sample) -> None:
    record = track_record(
        sample.frame, sample.mapping, draws=5, names=["Member Week"], parallel=False
    )
    row = record.rows[0]
    assert row.spend == 0 and row.predicted_incremental is not None
    assert row.predicted_roi is None and row.note.code == "track_no_spend"
    assert row.to_dict()["note"].startswith("no spend above the channels' usual level")
