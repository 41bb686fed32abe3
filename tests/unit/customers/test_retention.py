"""Retention after campaigns: the sample's planted campaign cohorts recovered (repeat-purchase gap
within its interval, lower value), no change for existing customers where none was planted, a
planted change recovered on a simulated log, no gap found where none was planted, censoring, and
the sentences' inputs for logs without campaign information."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.customers.analysis import analyse_customers
from analytics.customers.log import LogColumns
from analytics.customers.retention import (
    CAMPAIGN_GROUP,
    CAMPAIGN_SOURCE,
    DISCOUNT_SOURCE,
    OUTSIDE_GROUP,
    analyse_retention,
)
from analytics.errors import UserInputError
from analytics.ingest.load import load
from sample_data.customers import simulate_customers

ROOT = Path(__file__).resolve().parents[3]
TRUTH = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text(encoding="utf-8"))
PLANTED = TRUTH["customers"]["retention"]
COLUMNS = LogColumns("customer_id", "order_date", "amount", "discount")
START = pd.Timestamp("2024-01-01")
WINDOWS = (("spring", 60, 74), ("summer", 200, 214), ("autumn", 480, 494))


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load(ROOT / "sample_data" / PLANTED_FILE).frame


PLANTED_FILE = TRUTH["customers"]["file"]


@pytest.fixture(scope="module")
def sample_result(sample: pd.DataFrame):
    values = analyse_customers(sample, COLUMNS).table
    return analyse_retention(sample, COLUMNS, PLANTED["campaign_column"], values)


def test_sample_windows_and_cohorts_are_the_planted_ones(sample_result) -> None:
    result = sample_result
    assert result.source == CAMPAIGN_SOURCE
    found = [(c.name, str(c.start.date()), str(c.end.date())) for c in result.campaigns]
    assert found == [(c["name"], c["start"], c["end"]) for c in PLANTED["campaigns"]]
    assert result.campaign_customers == PLANTED["acquired_in_campaigns"]
    assert result.campaign_customers + result.outside_customers == TRUTH["customers"]["customers"]


def test_sample_repeat_gap_holds_the_planted_gap_at_every_headline_day(sample_result) -> None:
    cohorts = PLANTED["cohorts"]
    assert [g.day for g in sample_result.gaps] == [30, 60, 90, 180]
    for gap in sample_result.gaps:
        planted = (
            cohorts["campaign"]["repeat_share_by_day"][str(gap.day)]
            - cohorts["outside"]["repeat_share_by_day"][str(gap.day)]
        )
        assert gap.low <= planted <= gap.high, (gap.day, planted, gap)
        assert gap.detected and gap.difference < 0
    points = {(p.group, p.day): p for p in sample_result.curve}
    for group, name in ((CAMPAIGN_GROUP, "campaign"), (OUTSIDE_GROUP, "outside")):
        at_90 = points[(group, 90)]
        planted = cohorts[name]["repeat_share_by_day"]["90"]
        assert at_90.low <= planted <= at_90.high


def test_sample_campaign_customers_are_worth_less_by_about_the_planted_share(sample_result) -> None:
    clv = sample_result.value_gap("clv")
    assert clv.verdict == "less" and clv.mean_ci[1] < 0
    cohorts = PLANTED["cohorts"]
    planted = (
        cohorts["campaign"]["expected_repeat_purchases_52w"]
        / cohorts["outside"]["expected_repeat_purchases_52w"]
        - 1
    )
    assert clv.relative == pytest.approx(planted, abs=0.15)
    assert clv.relative_ci[0] < clv.relative < clv.relative_ci[1] < 0
    sizes = {(v.metric, v.group): v.customers for v in sample_result.values}
    assert sizes[("clv", CAMPAIGN_GROUP)] == sample_result.campaign_customers


def test_sample_existing_customers_show_no_change_as_planted(sample_result) -> None:
    matched = sample_result.matched
    assert PLANTED["frequency_effect"] == 0.0
    assert matched is not None and not matched.detected
    assert matched.ci[0] <= PLANTED["frequency_effect"] <= matched.ci[1]
    # Windows with 90 days of orders on both sides; the last campaign ends 50 days before the end.
    assert matched.campaigns == ("618_2024", "double11_2024", "618_2025")
    assert matched.reached >= 100 and matched.matched <= matched.pool
    json.dumps(sample_result.to_dict())


def _simulated_log(seed: int, extra_after: float = 0.0, customers: int = 4000) -> pd.DataFrame:
    """Customers acquired uniformly over 400 days, observed to day 729, one process for all;
    existing customers buying in a window use the campaign half the time, and those who do make
    Poisson(``extra_after``) more purchases in the 90 days after it."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 400, customers)
    sim = simulate_customers(rng, (729 - first) / 7.0)
    uses = rng.random((customers, len(WINDOWS))) < 0.5
    rows = []
    for i in range(customers):
        days = first[i] + np.floor(sim.purchase_weeks[i] * 7.0).astype(int)
        labels = [_label(int(d), int(first[i]), uses[i]) for d in days]
        for k, (_, a, b) in enumerate(WINDOWS):
            if first[i] < a - 90 and uses[i, k] and any(a <= d <= b for d in days):
                extra = rng.integers(b + 1, b + 91, rng.poisson(extra_after))
                days, labels = np.r_[days, extra], labels + [""] * len(extra)
        rows += [(f"c{i}", int(d), 50.0, lab) for d, lab in zip(days, labels, strict=True)]
    frame = pd.DataFrame(rows, columns=["customer_id", "day", "amount", "campaign"])
    frame["order_date"] = START + pd.to_timedelta(frame.pop("day"), unit="D")
    frame["discount"] = np.where(frame["campaign"] != "", 10.0, 0.0)
    return frame


def _label(day: int, first: int, uses: np.ndarray) -> str:
    for k, (name, a, b) in enumerate(WINDOWS):
        if a <= day <= b and (day == first or (first < a and uses[k])):
            return name
    return ""


def test_a_planted_change_of_existing_customers_purchases_is_recovered() -> None:
    planted = 0.8
    result = analyse_retention(_simulated_log(5, extra_after=planted), COLUMNS, "campaign")
    matched = result.matched
    assert matched is not None and matched.detected
    assert matched.ci[0] <= planted <= matched.ci[1]
    assert matched.effect == pytest.approx(planted, abs=0.3)


def test_no_gap_is_found_where_none_was_planted() -> None:
    frame = _simulated_log(8)
    values = analyse_customers(frame, COLUMNS).table
    result = analyse_retention(frame, COLUMNS, "campaign", values)
    assert result.campaign_customers > 100
    assert not any(g.detected for g in result.gaps), result.gaps
    assert result.value_gap("clv").verdict == "no_difference"
    assert result.matched is not None and not result.matched.detected


def test_a_customer_counts_only_on_days_they_were_observed() -> None:
    """Outside: 40 customers from 1 January, half buying again on day 10 or day 100. Campaign:
    40 customers acquired 20 days before the log ends, all buying again 5 days later."""
    rows = []
    for i in range(40):
        rows.append((f"o{i}", "2024-01-01", ""))
        if i % 2:
            rows.append((f"o{i}", "2024-01-11" if i % 4 == 1 else "2024-04-10", ""))
        rows += [(f"n{i}", "2024-05-05", "may"), (f"n{i}", "2024-05-10", "")]
    rows.append(("o0", "2024-05-25", ""))  # the log's last day
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "campaign"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["amount"] = 20.0
    result = analyse_retention(frame, LogColumns("customer_id", "order_date", "amount"), "campaign")
    campaign = [p for p in result.curve if p.group == CAMPAIGN_GROUP]
    assert [p.day for p in campaign] == [7, 14]  # observed 20 days: nothing at 21 and later
    assert all(p.share == 1.0 and p.at_risk == 40 for p in campaign)
    outside = {p.day: p for p in result.curve if p.group == OUTSIDE_GROUP}
    assert outside[14].repeaters == 10 and outside[98].repeaters == 10
    assert outside[105].repeaters == 10 + 10
    assert outside[140].at_risk == 40 and 147 not in outside  # observed 145 days
    assert result.gaps == ()  # no headline day both cohorts reach
    assert result.matched is None and result.matched_reason == "no_full_period"


def test_without_campaign_column_the_first_order_discount_decides(sample: pd.DataFrame) -> None:
    result = analyse_retention(sample, COLUMNS, None)
    assert result.source == DISCOUNT_SOURCE and result.campaign_column is None
    assert result.matched is None and result.matched_reason == "no_campaign_column"
    first_discounted = (
        sample.sort_values("order_date").groupby("customer_id").head(1)["discount"] > 0
    ).sum()
    assert result.campaign_customers >= first_discounted - 10  # split first days summed


def test_logs_without_campaign_information_or_campaign_customers_are_refused(sample) -> None:
    bare = LogColumns("customer_id", "order_date", "amount")
    with pytest.raises(UserInputError) as unknown:
        analyse_retention(sample, bare, None)
    assert unknown.value.code == "ret_no_campaign_info"
    few = sample.copy()
    few.loc[few["campaign"] != "618_2024", "campaign"] = np.nan
    few.loc[few["order_date"] > few["order_date"].min(), "campaign"] = np.nan
    few.loc[few.index[0], "campaign"] = "tiny"
    with pytest.raises(UserInputError) as too_few:
        analyse_retention(few, bare, "campaign")
    assert too_few.value.code == "ret_too_few_customers"
    assert too_few.value.params["least"] == 30
