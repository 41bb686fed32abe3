"""Campaign timing against the sample generator's planted truth.

In the generator (sample_data/generate.py, ``_Simulation.units_float``) units are
(demand + media) × price effect × (1 − discount)^−2 × noise: media adds units whatever the demand,
so a channel campaign earns the same in every week, while a discount multiplies the demand it
meets. At the sample's 40% margin and elasticity −2 a discount loses money on every sale, so it
loses least in the week of lowest planted demand: the Chinese New Year dip of 2026.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import SAMPLE_CSV as SAMPLE

from analytics.calendar import CHINESE_NEW_YEAR
from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.ingest.roles import Mapping
from analytics.planner.model import fit_planner
from analytics.planner.timing import (
    MAX_DAYS,
    TimingPlan,
    candidate_starts,
    check_plan,
    first_start,
    plan_timing,
)
from sample_data import generate as gen
from tests.timing_truth import planted_channel_profit

BUDGET = 100_000.0
DAYS = 14


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


@pytest.fixture(scope="module")
def model(sample):
    return fit_planner(sample.frame, sample.mapping, "revenue", draws=100, parallel=False)


@pytest.fixture(scope="module")
def search_timing(sample, model):
    plan = TimingPlan(days=DAYS, budget=BUDGET, channel="search_spend")
    return plan_timing(model, sample.frame, sample.mapping, plan)


def planted_demand_revenue(day: pd.Timestamp) -> float:
    """The generator's noise-free list-price demand of one day (no media), every segment, with
    the Chinese New Year dip placed on the calendar's 2026 date."""
    years = (day - pd.Timestamp(gen.START_DATE)).days / 365.25
    phase = 2 * np.pi * (day.day_of_year - gen.YEARLY_PEAK_DAY) / 365.25
    cny = pd.Timestamp(CHINESE_NEW_YEAR[day.year])
    offset = (day - cny).days
    dip = gen.CNY_MULTIPLIERS[offset + 3] if -3 <= offset <= 3 else 1.0
    total = 0.0
    for region, category in gen.SEGMENTS:
        units = gen.BASE_UNITS[category] * gen.REGION_DEMAND[region]
        units *= (1 + gen.TREND_PER_YEAR[category]) ** years
        units *= 1 + gen.YEARLY_AMPLITUDE[category] * np.cos(phase)
        total += units * dip * gen.REFERENCE_PRICE[category]
    return total


def test_a_channel_campaign_earns_the_same_in_every_week_as_planted(search_timing) -> None:
    profits = [w.predicted_incremental_profit for w in search_timing.windows]
    assert search_timing.reason == "additive"
    assert not search_timing.clear
    assert max(profits) - min(profits) <= 1e-6 * abs(profits[0])
    assert all(w.difference_to_best_ci[0] <= 0 <= w.difference_to_best_ci[1] for w in
               search_timing.windows)  # fmt: skip


# Search is left out: the planner's search curve overstates its marginal return on the sample
# (its marginal-ROAS interval misses the planted value in bench/results.md), and so does a plan.
@pytest.mark.parametrize("channel", ["social_spend", "display_spend"])
def test_the_best_windows_interval_holds_the_planted_incremental_profit(
    sample, model, channel: str
) -> None:
    plan = TimingPlan(days=DAYS, budget=BUDGET, channel=channel)
    result = plan_timing(model, sample.frame, sample.mapping, plan)
    planted = planted_channel_profit(sample.frame, channel, BUDGET, DAYS)
    low, high = result.best.predicted_incremental_profit_ci
    assert low <= planted <= high, (planted, low, high)


def test_windows_are_the_candidate_weeks_sorted_best_first(search_timing, model) -> None:
    starts = candidate_starts(first_start(model.last_date, model.frequency), 12)
    assert sorted(w.start for w in search_timing.windows) == [f"{s:%Y-%m-%d}" for s in starts]
    profits = [w.predicted_incremental_profit for w in search_timing.windows]
    assert profits == sorted(profits, reverse=True)
    assert search_timing.windows[0].start == "2026-01-01"  # ties keep the earliest first
    assert all(w.end == f"{pd.Timestamp(w.start) + pd.Timedelta(days=DAYS - 1):%Y-%m-%d}"
               for w in search_timing.windows)  # fmt: skip


def test_a_loss_making_discount_is_best_placed_in_the_planted_demand_dip(sample, model) -> None:
    plan = TimingPlan(days=7, budget=1_000.0, discount=0.10)
    result = plan_timing(model, sample.frame, sample.mapping, plan)
    # The planted profit per unit of list-price demand of a 10% discount: negative.
    factor = 0.9**gen.DISCOUNT_ELASTICITY
    per_demand = factor * 0.9 - gen.SAMPLE_MARGIN - (1 - gen.SAMPLE_MARGIN) * factor
    assert per_demand < 0
    starts = candidate_starts(first_start(model.last_date, model.frequency), 12)
    demand = {
        s: sum(planted_demand_revenue(s + pd.Timedelta(days=d)) for d in range(7)) for s in starts
    }
    expected = min(demand, key=demand.get)
    assert result.reason == "demand_low"
    assert result.best.start == f"{expected:%Y-%m-%d}"
    assert "Chinese New Year" in result.best.festivals
    assert result.clear
    assert all(w.predicted_incremental_profit < 0 for w in result.windows)
    busiest = max(demand, key=demand.get)
    worst = next(w for w in result.windows if w.start == f"{busiest:%Y-%m-%d}")
    assert worst.difference_to_best_ci[0] > 0


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (TimingPlan(days=7, budget=1_000.0), "timing_nothing"),
        (TimingPlan(days=7, budget=1_000.0, channel="tv_spend"), "timing_channel"),
        (TimingPlan(days=7, budget=0.0, channel="search_spend"), "timing_budget"),
        (TimingPlan(days=0, budget=1_000.0, channel="search_spend"), "timing_days"),
        (TimingPlan(days=7, budget=1e3, channel="search_spend", weeks_ahead=0), "timing_weeks"),
        (TimingPlan(days=7, budget=1_000.0, discount=0.95), "timing_discount_range"),
    ],
)
def test_unusable_plans_say_what_to_change(model, plan: TimingPlan, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        check_plan(model, plan)
    assert caught.value.code == code


def test_a_segment_narrows_the_baseline_and_the_spend(sample, model, search_timing) -> None:
    plan = TimingPlan(days=DAYS, budget=BUDGET, channel="search_spend", where={"region": ("East",)})
    east = plan_timing(model, sample.frame, sample.mapping, plan)
    assert east.segment == {"region": ["East"]}
    assert 0 < east.best.baseline_per_day < 0.5 * search_timing.best.baseline_per_day


def test_the_longest_plan_over_the_most_weeks_stays_inside_the_forecast(sample, model) -> None:
    plan = TimingPlan(days=MAX_DAYS, budget=BUDGET, channel="display_spend", weeks_ahead=16)
    result = plan_timing(model, sample.frame, sample.mapping, plan)
    assert len(result.windows) == 16
    assert max(w.end for w in result.windows) <= result.forecast_end


def test_weekly_data_places_a_discount_in_the_chinese_new_year_week(sample) -> None:
    whole_weeks = sample.frame[sample.frame["date"] < "2025-12-29"]  # the last week has 3 days
    frame = whole_weeks.assign(week=whole_weeks["date"].dt.to_period("W-SUN").dt.start_time)
    sums = {c: "sum" for c in ["revenue", "units", "search_spend", "social_spend"]}
    weekly = frame.groupby(["week", "region", "category"], as_index=False).agg(
        {**sums, "display_spend": "sum", "price": "mean", "discount": "mean", "campaign": "max"}
    )
    roles = {**sample.mapping.roles, "week": "date"}
    roles = {c: r for c, r in roles.items() if c in weekly.columns}
    model = fit_planner(weekly, Mapping(roles, "revenue"), draws=20, parallel=False)
    plan = TimingPlan(days=7, budget=1_000.0, discount=0.10, weeks_ahead=10)
    result = plan_timing(model, weekly, Mapping(roles, "revenue"), plan)
    assert model.frequency == "W" and len(result.windows) == 10
    cny = pd.Timestamp(CHINESE_NEW_YEAR[2026])
    assert pd.Timestamp(result.best.start) <= cny <= pd.Timestamp(result.best.end)


def test_a_campaign_planned_in_future_rows_is_named_and_in_the_baseline(tmp_path) -> None:
    """Rows after the last sale carry a planned push: the candidates start after the sales, the
    weeks it covers name it, and its promotion raises their forecast demand."""
    rows = pd.read_csv(SAMPLE)
    last = rows[rows["date"] == rows["date"].max()]
    planned = []
    for day in pd.date_range("2026-01-15", "2026-01-28"):
        row = last.assign(date=f"{day:%Y-%m-%d}", campaign="New Year Push", search_spend=5000.0)
        planned.append(row.assign(visits=None, orders=None, units=None, revenue=None))
    path = tmp_path / "planned.csv"
    pd.concat([rows, *planned]).to_csv(path, index=False)
    data = load(path)
    model = fit_planner(data.frame, data.mapping, "revenue", draws=10, parallel=False)
    plan = TimingPlan(days=7, budget=1_000.0, discount=0.10, weeks_ahead=6)
    result = plan_timing(model, data.frame, data.mapping, plan)
    by_start = {w.start: w for w in result.windows}
    assert min(by_start) == "2026-01-01"
    pushed = [by_start["2026-01-15"], by_start["2026-01-22"]]
    assert all(w.overlaps == ("New Year Push",) for w in pushed)
    others = [w for w in result.windows if not w.overlaps]
    assert min(w.demand_vs_average for w in pushed) > max(w.demand_vs_average for w in others)
