"""The profit bridge against hand-worked examples, and every caller using it."""

from __future__ import annotations

import pytest

from analytics.lift import profit
from analytics.lift.profit import profit_bridge

# 1,000 units a week at a list price of 10 would have sold anyway; 20% off and the campaign's
# 1,000 of spend sell 1,500. A unit costs 6 (40% margin on the list price).
UNITS_WITHOUT, UNITS_WITH, LIST_PRICE, DISCOUNT, MARGIN, SPEND = 1000, 1500, 10.0, 0.2, 0.4, 1000.0


def hand_worked() -> profit.ProfitBridge:
    actual = UNITS_WITH * LIST_PRICE * (1 - DISCOUNT)  # 12,000
    baseline = UNITS_WITHOUT * LIST_PRICE  # 10,000
    given = UNITS_WITH * LIST_PRICE * DISCOUNT  # 3,000
    rate = profit.discount_rate(actual, given)
    return profit_bridge(actual - baseline, baseline, MARGIN, given, rate, SPEND)


def test_every_step_of_the_bridge_matches_the_hand_worked_example() -> None:
    bridge = hand_worked()
    assert bridge.discount_rate == pytest.approx(0.2)
    assert bridge.incremental_revenue == pytest.approx(2000)  # 12,000 − 10,000
    # the 500 extra units earn 8 − 6 = 2 each
    assert bridge.incremental_gross_profit == pytest.approx(500 * 2)
    # the 1,000 units that would have sold anyway were given 2 off each
    assert bridge.discount_cost == pytest.approx(1000 * 2)
    assert bridge.incremental_profit == pytest.approx(1000 - 2000 - 1000)
    assert bridge.roi == pytest.approx(-2.0)
    assert bridge.roas == pytest.approx(2.0)


def test_the_bridge_ends_where_the_two_profit_and_loss_statements_differ() -> None:
    unit_cost = (1 - MARGIN) * LIST_PRICE
    with_campaign = UNITS_WITH * (LIST_PRICE * (1 - DISCOUNT) - unit_cost) - SPEND
    without = UNITS_WITHOUT * (LIST_PRICE - unit_cost)
    assert hand_worked().incremental_profit == pytest.approx(with_campaign - without)


def test_without_a_discount_gross_profit_is_the_margin_on_incremental_revenue() -> None:
    # 1,300 units instead of 1,000 at 10, no discount, 500 of spend
    bridge = profit_bridge(3000.0, 10_000.0, MARGIN, 0.0, 0.0, 500.0)
    assert bridge.incremental_gross_profit == pytest.approx(1200)
    assert bridge.discount_cost == 0
    assert bridge.incremental_profit == pytest.approx(700)
    assert (bridge.roi, bridge.roas) == (pytest.approx(1.4), pytest.approx(6.0))


def test_the_steps_added_up_are_the_one_line_formula() -> None:
    bridge = hand_worked()
    one_line = profit.incremental_profit_of(
        bridge.incremental_revenue, MARGIN, bridge.discount_given, SPEND
    )
    assert bridge.incremental_profit == pytest.approx(one_line)


def test_without_spend_the_bridge_stops_before_roi() -> None:
    bridge = profit_bridge(2000.0, 10_000.0, MARGIN, 0.0, 0.0, None)
    assert bridge.incremental_gross_profit == pytest.approx(800)
    assert (bridge.spend, bridge.incremental_profit, bridge.roi, bridge.roas) == (None,) * 4


# --- the sample's campaigns against their planted profit ---------------------------------------


@pytest.fixture(scope="module")
def sample_reports():
    from corpus import SAMPLE_CSV

    from analytics.ingest.load import load
    from analytics.lift.reports import measure_each, reports_or_raise

    sample = load(SAMPLE_CSV)
    return reports_or_raise(measure_each(sample.frame, sample.mapping, "revenue"))


def test_the_sample_plants_campaigns_that_pay_back_and_campaigns_that_do_not() -> None:
    from corpus import CAMPAIGN_TRUTH

    from analytics.lift.roi import DEFAULT_MARGIN

    profits = [c["true_incremental_profit"] for c in CAMPAIGN_TRUTH.values()]
    assert sum(p > 0 for p in profits) >= 3 and sum(p < 0 for p in profits) >= 3
    assert {c["margin"] for c in CAMPAIGN_TRUTH.values()} == {DEFAULT_MARGIN}


def test_profit_intervals_cover_the_true_incremental_profit_for_most_campaigns(
    sample_reports,
) -> None:
    from corpus import CAMPAIGN_TRUTH

    covered = []
    for report in sample_reports:
        low, high = report.roi.profit_ci
        covered.append(
            low <= CAMPAIGN_TRUTH[report.lift.campaign]["true_incremental_profit"] <= high
        )
    # the interval carries the lift's uncertainty, not the spend's (read from the spend columns)
    assert sum(covered) >= len(covered) - 2


def test_every_clear_campaign_is_called_on_the_right_side_of_zero(sample_reports) -> None:
    from corpus import CAMPAIGN_TRUTH

    for report in sample_reports:
        truth = CAMPAIGN_TRUTH[report.lift.campaign]
        if abs(truth["true_roi"]) >= 0.5:
            assert (report.roi.roi > 0) == (truth["true_roi"] > 0), report.lift.campaign


def test_each_step_of_a_measured_bridge_is_near_its_planted_value(sample_reports) -> None:
    from corpus import CAMPAIGN_TRUTH

    for report in sample_reports:
        truth, bridge = CAMPAIGN_TRUTH[report.lift.campaign], report.roi.bridge
        assert bridge.discount_cost == pytest.approx(truth["true_baseline_discount_cost"], rel=0.1)
        gross = truth["true_incremental_gross_profit"]
        assert abs(bridge.incremental_gross_profit - gross) <= 0.1 * abs(gross) + 25_000
        assert bridge.incremental_profit == pytest.approx(
            bridge.incremental_gross_profit - bridge.discount_cost - bridge.spend
        )
        assert report.roi.roi == pytest.approx(bridge.incremental_profit / bridge.spend)
