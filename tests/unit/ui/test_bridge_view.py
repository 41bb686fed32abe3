"""The profit bridge on screen (ui.lift.bridge): the waterfall's bars and the formulas' numbers."""

from __future__ import annotations

import pytest

from analytics.formatting import p_value as p_text
from analytics.lift.profit import discount_rate, profit_bridge
from ui.lift.bridge import bridge_lines, waterfall_steps
from ui.lift.view import share_text


def hand_worked():
    """1,000 units at 10 would have sold; 20% off and 1,000 of spend sell 1,500; 40% margin."""
    given = 1500 * 10 * 0.2
    return profit_bridge(2000.0, 10_000.0, 0.4, given, discount_rate(12_000.0, given), 1000.0)


def test_the_waterfall_walks_from_incremental_revenue_to_incremental_profit() -> None:
    labels, values, totals = waterfall_steps(hand_worked())
    steps = dict(zip(labels, values, strict=True))
    assert labels[0] == "Incremental revenue" and labels[-1] == "Incremental profit"
    assert steps["Cost of the extra goods"] == pytest.approx(-0.6 * 5000)  # 500 extra units × 6
    running = 0.0
    for value, total in zip(values, totals, strict=True):
        if total:
            assert value == pytest.approx(running)  # a subtotal is the sum of the bars before it
        else:
            running += value
    assert values[-1] == pytest.approx(-2000)


def test_a_campaign_without_a_discount_has_no_discount_bars() -> None:
    labels, values, _ = waterfall_steps(profit_bridge(3000.0, 10_000.0, 0.4, 0.0, 0.0, 500.0))
    assert labels == (
        "Incremental revenue",
        "Cost of the extra goods",
        "Incremental gross profit",
        "Spend",
        "Incremental profit",
    )
    assert values == pytest.approx((3000, -1800, 1200, -500, 700))


def test_every_formula_shows_this_campaigns_numbers() -> None:
    text = " ".join(bridge_lines(hand_worked(), "revenue")).replace("**", "")
    assert "actual revenue − baseline = 12,000 − 10,000 = 2,000" in text
    assert "= 2,000 + 2,000 − 60% × (2,000 + 3,000) = 1,000" in text
    assert "average discount × baseline = 20.0% × 10,000 = 2,000" in text
    assert "= 1,000 − 2,000 − 1,000 = −2,000" in text
    assert "ROI = incremental profit / spend = −2,000 / 1,000 = −200%" in text


def test_shares_and_p_values_never_read_as_certainties() -> None:
    assert share_text(0.9996) == "> 99.9%" and share_text(0.0002) == "< 0.1%"
    assert share_text(0.981) == "98.1%"
    assert p_text(0.0) == "< 0.001" and p_text(0.0004) == "< 0.001" and p_text(0.042) == "0.042"
