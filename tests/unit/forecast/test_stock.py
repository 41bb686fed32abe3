"""Safety stock, reorder point and days of cover, on numbers that can be checked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analytics.errors import UserInputError
from analytics.forecast.metric import forecast_metric
from analytics.forecast.results import ForecastSettings
from analytics.forecast.stock import cover_table, plan_stock, stock_cover
from analytics.ingest.load import load

Z95 = 1.6448536269514722
ROOT = Path(__file__).resolve().parents[3]


def test_safety_stock_from_backtest_error_reorder_point_and_cover() -> None:
    # 10 a day; RMSE 3 a day; lead time 4 days: sd = 3 × √4 = 6, safety stock = 1.645 × 6.
    cover = plan_stock([10.0] * 10, 1.0, 4, 0.95, error_rmse=3.0, current_stock=35)
    assert cover.z == pytest.approx(Z95)
    assert cover.lead_time_demand == pytest.approx(40.0)
    assert (cover.demand_sd, cover.sd_source) == (pytest.approx(6.0), "backtest")
    assert cover.safety_stock == pytest.approx(9.8691, abs=1e-4)
    assert cover.reorder_point == pytest.approx(49.8691, abs=1e-4)
    # 35 units last 3.5 days, less than the 4-day lead time: risk, and below the reorder point.
    assert cover.days_of_cover == pytest.approx(3.5)
    assert cover.stockout_risk is True and cover.reorder_now is True
    assert cover.beyond_horizon is False


def test_the_models_cumulative_uncertainty_is_used_when_it_is_larger() -> None:
    cumulative = [5.0, 8.0, 10.0, 12.0, 13.0]
    cover = plan_stock([10.0] * 5, 1.0, 4, 0.95, error_rmse=3.0, cumulative_sd=cumulative)
    assert (cover.demand_sd, cover.sd_source) == (pytest.approx(12.0), "model")
    assert cover.safety_stock == pytest.approx(Z95 * 12.0)
    assert cover.current_stock is None and cover.days_of_cover is None
    assert cover.stockout_risk is None and cover.reorder_now is None


def test_fractional_lead_time_takes_part_of_a_period() -> None:
    # 2.5 days: demand 10 + 20 + half of 30; model sd halfway between 6 and 8.
    cover = plan_stock([10.0, 20.0, 30.0], 1.0, 2.5, 0.5, cumulative_sd=[4.0, 6.0, 8.0])
    assert cover.lead_time_demand == pytest.approx(45.0)
    assert cover.demand_sd == pytest.approx(7.0)
    assert cover.z == pytest.approx(0.0) and cover.reorder_point == pytest.approx(45.0)


def test_weekly_forecast_covers_days() -> None:
    # 70 a week = 10 a day; 140 units last two weeks; a 10-day lead time needs 100.
    cover = plan_stock([70.0] * 8, 7.0, 10, 0.9, error_rmse=7.0, current_stock=140)
    assert cover.lead_time_demand == pytest.approx(100.0)
    assert cover.demand_sd == pytest.approx(7.0 * np.sqrt(10 / 7))
    assert cover.days_of_cover == pytest.approx(14.0)
    assert cover.stockout_risk is False and cover.reorder_now is False


def test_stock_beyond_the_forecast_is_flagged_as_lasting_longer() -> None:
    cover = plan_stock([10.0] * 10, 1.0, 4, 0.95, error_rmse=3.0, current_stock=1000)
    assert cover.days_of_cover == pytest.approx(10.0) and cover.beyond_horizon
    assert cover.stockout_risk is False


def test_cover_walks_uneven_demand() -> None:
    cover = plan_stock([5.0, 0.0, 20.0, 10.0], 1.0, 1, 0.95, error_rmse=1.0, current_stock=15)
    # 5 on day 1, nothing on day 2, 10 of the 20 on day 3: half of day 3.
    assert cover.days_of_cover == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"lead_time_days": 11, "service_level": 0.95}, "lead_time_beyond"),
        ({"lead_time_days": 0, "service_level": 0.95}, "lead_time"),
        ({"lead_time_days": 3, "service_level": 0.3}, "service_level"),
        ({"lead_time_days": 3, "service_level": 0.95, "current_stock": -1}, "stock_negative"),
    ],
)
def test_impossible_settings_are_user_errors(arguments: dict, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        plan_stock([10.0] * 10, 1.0, error_rmse=1.0, **arguments)
    assert caught.value.code == code


@pytest.fixture(scope="module")
def forecast():
    sample = load(ROOT / "sample_data" / "sales_daily.csv")
    return forecast_metric(
        sample.frame, sample.mapping, "units", {"region": ("East",)}, ForecastSettings(28)
    )


def test_stock_cover_of_a_forecast_uses_its_backtest_and_its_mean(forecast) -> None:
    cover = stock_cover(forecast, 7, 0.95, current_stock=2000)
    mean = forecast.forecast["mean"].to_numpy()
    assert cover.lead_time_demand == pytest.approx(mean[:7].sum())
    errors = forecast.backtest.errors
    near = errors[errors["step"] <= 7]
    rmse = np.sqrt(np.mean((near["actual"] - near["forecast"]) ** 2))
    backtest_sd = rmse * np.sqrt(7)
    model_sd = forecast.forecast["cum_sd"].iloc[6]
    assert cover.demand_sd == pytest.approx(max(backtest_sd, model_sd))
    days = np.searchsorted(np.cumsum(mean), 2000)
    assert int(cover.days_of_cover) == days


def test_cover_table_has_a_row_per_forecast(forecast) -> None:
    table = cover_table({"East": forecast, "broken": "no data"}, 7, 0.95, {"East": 100.0})
    assert list(table["series"]) == ["East"]
    assert table.loc[0, "stockout_risk"] and table.loc[0, "days_of_cover"] < 1
