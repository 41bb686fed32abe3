"""Forecast page on the sample workspace: one series, all series, stock cover, presenter mode,
Chinese, and the view restored from the URL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, TIMEOUT, new_app
from tests.app.helpers import plain

FORECAST_PAGE = "pages/4_Forecast.py"


def table_with(at, column: str):
    """The last table (data frame or editor) that has this column."""
    return next(d.value for d in reversed(at.dataframe) if column in d.value.columns)


def text(at) -> str:
    return plain(" ".join(m.value for m in at.markdown)).replace("**", "")


def test_forecast_page_shows_chart_backtest_and_model_card(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE)
    assert at.title[0].value == "Demand ahead, and the stock that covers it"
    assert at.selectbox(key="metric").value == "revenue"
    assert at.selectbox(key="segment").value == "all"
    assert at.selectbox(key="horizon").value == "28"
    assert len(at.get("plotly_chart")) == 2
    shown = text(at)
    assert "Expected revenue over the next 28 days (2026-01-01 to 2026-01-28)" in shown
    assert "error is" in shown and "of the seasonal naive forecast's" in shown
    assert "Model: ARIMA(" in shown and "Ljung–Box" in shown
    assert at.expander[0].label == "Model card"
    assert not at.error


def test_stock_cover_flags_a_stock_that_runs_out_before_the_lead_time(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE)
    at.number_input(key="_w_fc_stock").set_value(100_000.0).run()
    assert not at.exception
    table = table_with(at, "Stock-out risk")
    assert table["Stock-out risk"].iloc[0] == "⚠ yes"
    assert table["Safety stock"].iloc[0] > 0
    assert any("Stock-out risk: the stock lasts" in e.value for e in at.error)


def test_view_is_restored_from_the_url_and_kept_there(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, metric="units", segment="region=East", horizon="14")
    assert at.selectbox(key="metric").value == "units"
    assert at.selectbox(key="segment").value == "region=East"
    assert at.selectbox(key="horizon").value == "14"
    assert "Expected units over the next 14 days" in text(at)
    at.selectbox(key="horizon").set_value("7").run()
    assert not at.exception
    assert at.query_params["horizon"] == ["7"] or at.query_params["horizon"] == "7"
    assert at.query_params["segment"] in ("region=East", ["region=East"])


def test_all_series_by_a_dimension_with_table_and_drill_down(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, segment="*region", horizon="14")
    assert "The model beats the seasonal naive forecast for 4 of 4 backtested series" in text(at)
    accuracy = table_with(at, "MASE")
    assert list(accuracy["Series"]) == ["East", "North", "South", "West", "All rows (total)"]
    assert accuracy["Beats naive"].all()
    assert accuracy["MASE"].notna().all()
    assert at.selectbox(key="series").options == ["East", "North", "South", "West"]
    at.selectbox(key="series").set_value("West").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    stock = table_with(at, "Reorder point")
    assert list(stock["Series"]) == ["East", "North", "South", "West"]


def test_presenter_mode_hides_the_controls_and_keeps_the_charts(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, present="1", horizon="14")
    assert len(at.get("plotly_chart")) == 2
    assert not at.get("expander")
    assert not [s for s in at.selectbox if s.key in ("metric", "segment", "horizon")]
    assert not at.get("download_button")
    assert "revenue · All rows (total) · 14 days" in plain(" ".join(c.value for c in at.caption))


def test_forecast_page_in_chinese(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, lang="zh", horizon="14")
    assert at.title[0].value == "未来需求与所需库存"
    shown = text(at)
    assert "未来 14 天" in shown and "季节性朴素预测" in shown
    assert "模型：ARIMA(" in shown


def _opened_with(session: dict, **query: str) -> AppTest:
    """The page opened with values already in the session (as after switching pages)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.switch_page(FORECAST_PAGE)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _expected_total(at: AppTest) -> float:
    found = re.search(r"over the next \d+ days \([^)]*\): ([\d,]+)", text(at))
    assert found
    return float(found.group(1).replace(",", ""))


def test_a_planned_promotion_is_shaded_on_the_chart_and_raises_the_forecast(
    reader_home: Path,
) -> None:
    plan = pd.DataFrame(
        {
            "name": ["Spring Sale"],
            "start": [pd.Timestamp("2026-01-12")],
            "end": [pd.Timestamp("2026-01-18")],
            "discount": [20.0],
        }
    )
    at = _opened_with({"fc_plan_rows": plan}, horizon="28")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    shapes = [s for s in figure["layout"]["shapes"] if s.get("type") == "rect"]
    assert [s["x0"][:10] for s in shapes] == ["2026-01-12"]
    assert any(a.get("text") == "Spring Sale" for a in figure["layout"]["annotations"])
    without = new_app(FORECAST_PAGE, horizon="28")
    assert _expected_total(at) > 1.03 * _expected_total(without)


def test_an_impossible_plan_row_is_reported_and_left_out(reader_home: Path) -> None:
    plan = pd.DataFrame(
        {
            "name": ["Backwards"],
            "start": [pd.Timestamp("2026-01-18")],
            "end": [pd.Timestamp("2026-01-12")],
            "discount": [10.0],
        }
    )
    at = _opened_with({"fc_plan_rows": plan}, horizon="28", lang="zh")
    assert any("结束日期早于开始日期" in e.value for e in at.error)
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not [s for s in figure["layout"].get("shapes", []) if s.get("type") == "rect"]


def test_stock_entered_per_series_flags_the_ones_at_risk(reader_home: Path) -> None:
    stocks = {"East": 5_000_000.0, "West": 50_000.0}
    at = _opened_with({"fc_stocks": stocks}, segment="*region", horizon="14")
    table = table_with(at, "Reorder point").set_index("Series")
    assert table.loc["West", "Stock-out risk"] == "⚠ yes"
    assert table.loc["East", "Stock-out risk"] == "no"
    assert table.loc["East", "Days of cover"] == "> 14"
    assert pd.isna(table.loc["North", "Stock-out risk"])
    assert any(
        "Stock-out risk (cover shorter than the lead time): West" in e.value for e in at.error
    )


def test_both_bands_and_the_fit_are_drawn_and_the_forecast_csv_is_offered(
    reader_home: Path,
) -> None:
    at = new_app(FORECAST_PAGE, horizon="14")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in figure["data"]}
    assert {"Actual", "Model fit", "Forecast", "80% interval", "95% interval"} <= names
    download = next(b for b in at.get("download_button") if "forecast" in b.proto.label.lower())
    assert download.proto.label == "Download the forecast (CSV)"


def test_regressor_switches_are_kept_in_the_link(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, festivals="0", horizon="14")
    assert at.toggle(key="_w_fc_festivals").value is False
    assert at.toggle(key="_w_fc_promotions").value is True
    kinds = set(table_with(at, "Kind")["Kind"])
    assert "festival" not in kinds and "promotion" in kinds
    assert at.query_params["festivals"] in ("0", ["0"])
    at.toggle(key="_w_fc_festivals").set_value(True).run()
    assert not at.exception
    assert "festival" in set(table_with(at, "Kind")["Kind"])
    assert "festivals" not in at.query_params


def _backtest_section(kind: str) -> None:
    """A script for AppTest: the backtest section of a naive fallback, or of a model whose
    backtest error is set above the seasonal naive forecast's."""
    from dataclasses import replace

    import numpy as np
    import pandas as pd

    from analytics.forecast import ForecastSettings, forecast_series
    from ui.forecast_view import show_backtest

    days = 40 if kind == "naive" else 200
    rng = np.random.default_rng(0)
    values = 100 + 10 * (np.arange(days) % 7) + rng.normal(0, 3, days)
    series = pd.Series(values, index=pd.date_range("2025-01-01", periods=days, freq="D"))
    result = forecast_series(series, "D", ForecastSettings(7, festivals=False))
    if kind == "worse":
        backtest = replace(result.backtest, mae=2 * result.backtest.naive_mae)
        result = replace(result, backtest=backtest)
    show_backtest(result, False, "test")


def test_the_page_says_plainly_when_seasonal_naive_is_better(reader_home: Path) -> None:
    at = AppTest.from_function(_backtest_section, args=("worse",), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.warning[0].value.startswith(
        "The seasonal naive forecast (repeat the last cycle) was better than the model"
    )
    naive = AppTest.from_function(_backtest_section, args=("naive",), default_timeout=TIMEOUT)
    naive.run()
    assert not naive.exception and not naive.warning
    assert naive.info[0].value.startswith("This forecast is the seasonal naive one")
