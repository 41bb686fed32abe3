"""The order plan against known demand: the newsvendor quantity on i.i.d. normal, Poisson and
weekly-seasonal series whose demand over lead time plus review period is known exactly, and the
stock-out frequency over many simulated order cycles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analytics.errors import UserInputError
from analytics.forecast.order import (
    CoverDemand,
    OrderCosts,
    check_cover,
    check_units,
    cover_horizon,
    order_plan,
    order_table,
    plan_order,
)
from analytics.forecast.results import ForecastSettings
from analytics.forecast.series import forecast_series

DAYS = 420
START = pd.Timestamp("2024-01-01")


def _forecast(values: np.ndarray, cover_days: int, horizon: int = 28):
    series = pd.Series(values, index=pd.date_range(START, periods=len(values), freq="D"))
    settings = ForecastSettings(cover_horizon("D", cover_days, horizon), festivals=False)
    return forecast_series(series, "D", settings)


def _demand(mean: float, sd: float) -> CoverDemand:
    return CoverDemand(10.0, 10.0, mean, sd, sd, 1.0, 10, 4)


def test_critical_ratio_is_margin_over_margin_plus_overage() -> None:
    # Short by one: lose 10 − 6 = 4; over by one: lose 6 − 2 = 4, so order up to the median.
    assert OrderCosts(10, 6, 2).critical_ratio == pytest.approx(0.5)
    assert OrderCosts(10, 3).critical_ratio == pytest.approx(0.7)


def test_newsvendor_arithmetic_on_a_known_distribution() -> None:
    demand = _demand(1000.0, 100.0)
    plan = plan_order(demand, OrderCosts(10, 3), (7, 3))
    truth = stats.gamma(100.0, scale=10.0)  # mean 1000, sd 100
    assert plan.order_up_to == pytest.approx(truth.ppf(0.7))
    assert plan.order_quantity == pytest.approx(plan.order_up_to)
    assert plan.stockout_probability == pytest.approx(0.3)
    draws = truth.rvs(400_000, random_state=np.random.default_rng(5))
    assert plan.expected_leftover == pytest.approx(
        np.maximum(plan.order_up_to - draws, 0).mean(), rel=0.01
    )
    assert plan.expected_shortage == pytest.approx(
        np.maximum(draws - plan.order_up_to, 0).mean(), rel=0.01
    )


def test_stock_on_hand_and_on_order_are_subtracted() -> None:
    demand = _demand(1000.0, 100.0)
    plan = plan_order(demand, OrderCosts(10, 3), (7, 3), (600, 200))
    assert plan.order_quantity == pytest.approx(plan.order_up_to - 800)
    assert plan.stockout_probability == pytest.approx(0.3)


def test_stock_above_the_order_up_to_level_orders_nothing() -> None:
    demand = _demand(1000.0, 100.0)
    plan = plan_order(demand, OrderCosts(10, 3), (7, 3), (1500, 0))
    assert plan.order_quantity == 0.0
    # The risk and the leftover are those of the 1,500 units really held, not of the target.
    assert plan.stockout_probability < 1e-4
    assert plan.expected_leftover == pytest.approx(500.0, abs=0.5)


def test_a_salvage_value_raises_the_order() -> None:
    demand = _demand(1000.0, 100.0)
    without = plan_order(demand, OrderCosts(10, 6), (7, 3))
    salvaged = plan_order(demand, OrderCosts(10, 6, 5), (7, 3))
    assert without.critical_ratio == pytest.approx(0.4)
    assert salvaged.critical_ratio == pytest.approx(0.8)
    assert salvaged.order_up_to > demand.mean > without.order_up_to


def test_normal_demand_order_up_to_is_the_true_quantile_of_the_sum() -> None:
    rng = np.random.default_rng(11)
    result = _forecast(100 + 20 * rng.standard_normal(DAYS), 14)
    plan = order_plan(result, OrderCosts(10, 3), (10, 4))
    truth = 1400 + stats.norm.ppf(0.7) * 20 * np.sqrt(14)
    assert plan.critical_ratio == pytest.approx(0.7)
    assert plan.order_up_to == pytest.approx(truth, rel=0.03)
    assert plan.demand_sd == pytest.approx(20 * np.sqrt(14), rel=0.3)


def test_poisson_demand_order_up_to_is_the_true_quantile_of_the_sum() -> None:
    rng = np.random.default_rng(12)
    result = _forecast(rng.poisson(8.0, DAYS).astype(float), 7)
    plan = order_plan(result, OrderCosts(20, 5), (5, 2))  # critical ratio 0.75
    truth = stats.poisson(56).ppf(0.75)
    assert plan.order_up_to == pytest.approx(truth, abs=4)


def test_seasonal_demand_sums_the_days_the_order_covers() -> None:
    rng = np.random.default_rng(13)
    day = np.arange(DAYS + 10)
    level = 100 + 30 * np.sin(2 * np.pi * day / 7)
    result = _forecast(level[:DAYS] + 15 * rng.standard_normal(DAYS), 10)
    plan = order_plan(result, OrderCosts(10, 2), (6, 4))  # critical ratio 0.8
    truth = level[DAYS : DAYS + 10].sum() + stats.norm.ppf(0.8) * 15 * np.sqrt(10)
    assert plan.order_up_to == pytest.approx(truth, rel=0.03)


def _ar1(rng: np.random.Generator, size: int, start: float = 0.0) -> np.ndarray:
    """AR(1) noise, φ = 0.6, shocks of sd 12, from ``start``."""
    noise = np.empty(size)
    previous = start
    for i, shock in enumerate(12 * rng.standard_normal(size)):
        previous = noise[i] = 0.6 * previous + shock
    return noise


def _realised_stockouts(history: np.ndarray, futures: np.ndarray, costs: OrderCosts):
    """The order from ``history`` for 7 + 3 days, and how often each simulated future's demand
    over those days exceeds its order-up-to level (calibrated, and daily spreads summed as if
    independent)."""
    plan = order_plan(_forecast(history, 10), costs, (7, 3))
    demand = futures.sum(axis=1)
    independent = plan.demand_mean + stats.norm.ppf(plan.critical_ratio) * plan.independent_sd
    return float(np.mean(demand > plan.order_up_to)), float(np.mean(demand > independent))


def test_realised_stockouts_match_one_minus_the_critical_ratio() -> None:
    """Orders from one history each, against 20,000 futures drawn from the true process given
    that history: i.i.d. normal, Poisson, and AR(1) demand whose errors of successive days move
    together (there the daily spreads summed as if independent run out far more often)."""
    rng = np.random.default_rng(21)
    costs = OrderCosts(10, 1)  # critical ratio 0.9: out of stock 10% of the time
    draws = (20_000, 10)
    normal = _realised_stockouts(
        100 + 20 * rng.standard_normal(DAYS), 100 + 20 * rng.standard_normal(draws), costs
    )
    poisson = _realised_stockouts(
        rng.poisson(8.0, DAYS).astype(float), rng.poisson(8.0, draws).astype(float), costs
    )
    past = _ar1(rng, DAYS)
    futures = np.array([_ar1(rng, 10, past[-1]) for _ in range(draws[0])])
    ar1 = _realised_stockouts(200 + past, 200 + futures, costs)
    calibrated = [normal[0], poisson[0], ar1[0]]
    assert all(abs(share - 0.1) < 0.08 for share in calibrated), calibrated
    assert abs(np.mean(calibrated) - 0.1) < 0.05, calibrated
    assert ar1[1] > 0.15 and abs(ar1[0] - 0.1) < abs(ar1[1] - 0.1), ar1


def test_order_table_keeps_a_row_for_series_without_a_plan() -> None:
    rng = np.random.default_rng(14)
    result = _forecast(50 + 5 * rng.standard_normal(DAYS), 7)
    table = order_table(
        {"A": result, "B": "The series has no values to forecast."},
        OrderCosts(10, 3),
        (5, 2),
        {"A": (100.0, 0.0)},
    )
    assert table["series"].tolist() == ["A", "B"]
    assert table.loc[0, "failure"] is None and table.loc[0, "stock_on_hand"] == 100.0
    assert table.loc[1, "failure"].message.startswith("The series has no values")


@pytest.mark.parametrize(
    ("costs", "code"),
    [
        (OrderCosts(5, 5), "order_price_cost"),
        (OrderCosts(4, 5), "order_price_cost"),
        (OrderCosts(10, 5, 5), "order_salvage"),
        (OrderCosts(10, 5, 7), "order_salvage"),
    ],
)
def test_costs_that_make_no_sense_are_refused(costs: OrderCosts, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        plan_order(_demand(100.0, 10.0), costs, (1, 1))
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("lead", "review", "code"),
    [(-1, 7, "order_negative_days"), (3, -1, "order_negative_days"), (0, 0, "order_cover_days")],
)
def test_days_that_make_no_sense_are_refused(lead: float, review: float, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        check_cover(lead, review)
    assert caught.value.code == code


def test_money_metrics_are_refused_and_other_names_only_flagged() -> None:
    assert check_units("units") and check_units("销量")
    assert check_units("visits") is False
    with pytest.raises(UserInputError) as caught:
        check_units("revenue")
    assert caught.value.code == "order_money_metric"


def test_too_little_history_for_the_cover_is_refused() -> None:
    rng = np.random.default_rng(15)
    series = pd.Series(
        50 + 5 * rng.standard_normal(60), index=pd.date_range(START, periods=60, freq="D")
    )
    result = forecast_series(series, "D", ForecastSettings(60, festivals=False))
    with pytest.raises(UserInputError) as caught:
        order_plan(result, OrderCosts(10, 3), (20, 10))
    assert caught.value.code == "order_history"
