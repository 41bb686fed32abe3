"""Back and Forward on the Forecast, Planner and Experiments pages: when the URL changes under
the page (what the browser's Back does), the page shows the URL's choice, including choices
kept under a session key other than their URL key, and does not rewrite the URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.app.conftest import new_app
from tests.app.test_experiments_page import PAGE as EXPERIMENTS
from tests.app.test_experiments_page import TRUTH, choose_geo
from tests.app.test_forecast_page import FORECAST_PAGE, _plan_windows, _query, table_with
from tests.app.test_planner_page import PLANNER

FLASH = "Flash|2026-01-05|2026-01-08|10"


def test_back_on_the_forecast_restores_the_switches_the_lead_time_and_the_plan(
    reader_home: Path,
) -> None:
    at = new_app(FORECAST_PAGE, metric="units", horizon="14", plan=FLASH)
    at.toggle(key="_w_fc_festivals").set_value(False).run()
    assert _query(at)["festivals"] == "0"
    del at.query_params["festivals"]  # Back
    at.run()
    assert not at.exception
    assert at.toggle(key="_w_fc_festivals").value is True
    assert "festivals" not in at.query_params  # the page did not write it back
    at.number_input(key="_w_fc_lead").set_value(10).run()
    assert _query(at)["lead"] == "10"
    del at.query_params["lead"]  # Back to the default lead time
    at.run()
    assert at.number_input(key="_w_fc_lead").value == 7
    assert _plan_windows(at) == [("2026-01-05", "2026-01-08")]
    del at.query_params["plan"]  # Back to the link before the plan
    at.run()
    assert _plan_windows(at) == []
    assert "plan" not in at.query_params
    at.query_params["plan"] = FLASH  # Forward
    at.run()
    assert _plan_windows(at) == [("2026-01-05", "2026-01-08")]


def test_back_on_the_forecast_restores_the_stock_of_every_series(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, segment="*region", horizon="14", stocks="East|5000000\nWest|1000")
    at.query_params["stocks"] = "East|2000"  # Back to an earlier table
    at.run()
    assert not at.exception
    stocks = table_with(at, "stock").set_index("series")["stock"]
    assert stocks["East"] == 2000 and stocks.isna()["West"]
    assert _query(at)["stocks"] == "East|2000"


def test_back_on_the_planner_restores_dates_extra_spend_limits_and_calibration(
    reader_home: Path,
) -> None:
    window = {"pl_start": "2026-01-05", "pl_end": "2026-01-18"}
    at = new_app(PLANNER, pl_view="whatif", pl_channel="search_spend", **window)
    at.date_input(key="pl_end").set_value(dt.date(2026, 1, 25)).run()
    assert _query(at)["pl_end"] == "2026-01-25"
    at.query_params["pl_end"] = "2026-01-18"  # Back
    at.run()
    assert at.date_input(key="pl_end").value == dt.date(2026, 1, 18)
    at.number_input(key="pl_extra_social_spend").set_value(50_000.0).run()
    assert json.loads(_query(at)["pl_extra"]) == {"social_spend": 50_000.0}
    del at.query_params["pl_extra"]  # Back
    at.run()
    assert at.number_input(key="pl_extra_social_spend").value == 0
    assert "pl_extra" not in at.query_params
    at.query_params["pl_extra"] = '{"social_spend":50000}'  # Forward
    at.run()
    assert at.number_input(key="pl_extra_social_spend").value == 50_000

    at.checkbox(key="pl_calibrate").check().run()
    assert _query(at)["pl_calibrate"] == "1"
    del at.query_params["pl_calibrate"]  # Back
    at.run()
    assert at.checkbox(key="pl_calibrate").value is False

    limits = '{"search_spend":[900000.0,null]}'
    budget = new_app(PLANNER, pl_view="budget", pl_budget="1500000", pl_limits=limits)
    del budget.query_params["pl_limits"]  # Back to the link without limits
    budget.run()
    assert not budget.exception
    assert "pl_limits" not in budget.query_params
    editor = next(d.value for d in budget.dataframe if "minimum" in d.value.columns)
    assert editor["minimum"].isna().all()


def test_back_on_the_experiments_page_restores_the_geo_test_and_the_ab_choices(
    reader_home: Path,
) -> None:
    geo = TRUTH["geo"]
    at = choose_geo(new_app(EXPERIMENTS), geo["treated"], (geo["start"], geo["end"]))
    assert list(at.query_params["treated"]) == geo["treated"]
    del at.query_params["treated"]  # Back to before the treated locations were chosen
    at.run()
    assert not at.exception
    assert at.multiselect(key="exp_geo_treated_city").value == []
    assert "treated" not in at.query_params
    at.query_params["treated"] = geo["treated"]  # Forward
    at.run()
    assert at.multiselect(key="exp_geo_treated_city").value == geo["treated"]
    del at.query_params["from"], at.query_params["to"]  # Back to the default window
    at.run()
    assert at.date_input(key="exp_geo_window").value != (
        dt.date.fromisoformat(geo["start"]),
        dt.date.fromisoformat(geo["end"]),
    )
    assert "from" not in at.query_params

    at.multiselect(key="ab_outcomes").set_value(["revenue"]).run()
    assert _query(at)["ab_outcomes"] == "revenue"
    del at.query_params["ab_outcomes"]  # Back
    at.run()
    assert at.multiselect(key="ab_outcomes").value == ["converted", "revenue"]
    assert "ab_outcomes" not in at.query_params
