"""Forecast page on the sample workspace: one series, all series, stock cover, presenter mode,
Chinese, and the view restored from the URL."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, TIMEOUT, new_app
from tests.app.helpers import plain
from tests.app.zh_scan import page_strings
from tests.promotion_panel import panel_table, promotion_panel
from tests.zh_text import WORD, english_words, page_file_words

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
    assert len(at.get("plotly_chart")) == 3  # forecast, backtest, the order plan's demand
    shown = text(at)
    assert "Expected revenue over the next 28 days (2026-01-01 to 2026-01-28)" in shown
    assert "error is" in shown and "of the seasonal naive forecast's" in shown
    assert "Model: ARIMA(" in shown and "Ljung–Box" in shown
    assert "Which model, and why" in shown and "backtest MASE" in shown
    assert at.expander[0].label == "Model card"
    assert not at.error


def test_stock_cover_flags_a_stock_that_runs_out_before_the_lead_time(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE)
    at.number_input(key="_w_fc_stock").set_value(10_000.0).run()
    assert not at.exception
    table = table_with(at, "Stock-out risk")
    assert table["Stock-out risk"].iloc[0] == "⚠ yes"
    assert table["Safety stock"].iloc[0] > 0
    assert any("Stock-out risk: the stock lasts" in e.value for e in at.error)
    units = [plain(c.value) for c in at.caption if "counted in units" in c.value]
    assert units == [
        "Stock is counted in units, so the cover below is planned on the forecast of units "
        "(the chart above shows revenue)."
    ]


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
    at = new_app(
        FORECAST_PAGE,
        present="1",
        horizon="14",
        lead="5",
        level="99",
        plan="Flash|2026-01-05|2026-01-08|10",
    )
    assert len(at.get("plotly_chart")) == 3  # forecast, backtest, the order plan's demand
    assert not at.get("expander")
    assert not [s for s in at.selectbox if s.key in ("metric", "segment", "horizon")]
    assert not at.get("download_button")
    assert len(at.table) == 1 and not at.dataframe  # the stock table, in the presenter's type
    assert at.table[0].value.iloc[0, 4] == "—"  # no current stock entered
    assert not at.number_input and not at.warning
    captions = plain(" ".join(c.value for c in at.caption))
    assert "revenue · All rows (total) · 14 days" in captions
    assert "Lead time 5 days, service level 99%." in captions
    assert _plan_windows(at) == [("2026-01-05", "2026-01-08")]


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
    stocks = {"East": 5_000_000.0, "West": 1_000.0}
    at = _opened_with({"fc_stocks": stocks}, segment="*region", horizon="14")
    table = table_with(at, "Reorder point").set_index("Series")
    assert table.loc["West", "Stock-out risk"] == "⚠ yes"
    assert table.loc["East", "Stock-out risk"] == "no"
    assert table.loc["East", "Days of cover"] == "> 14"
    assert table.loc["North", "Stock-out risk"] == "—"  # no stock entered for North
    assert any(
        "Stock-out risk (cover shorter than the lead time): West" in e.value for e in at.error
    )


def test_both_bands_and_the_fit_are_drawn_and_the_forecast_csv_is_offered(
    reader_home: Path,
) -> None:
    at = new_app(FORECAST_PAGE, horizon="14")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in figure["data"]}
    assert {"Actual", "Forecast", "80% interval", "95% interval"} <= names
    families = ("ARIMA", "Exponential smoothing (ETS)", "Theta method", "Combination")
    chosen = next(c for c in table_with(at, "Backtest MASE").itertuples() if c.Chosen == "✓")
    assert chosen.Candidate in families
    assert f"Model fit ({chosen.Candidate})" in names  # the fit of the family that forecasts
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

    from analytics.forecast.results import ForecastSettings
    from analytics.forecast.series import forecast_series
    from ui.forecast.view import show_backtest

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


def _query(at: AppTest) -> dict[str, str]:
    """The link the session shows (single values as text)."""
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


def _forecast_means(at: AppTest) -> list[float]:
    """The forecast line as drawn (Plotly may send numbers as base64 binary)."""
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    y = next(tr["y"] for tr in figure["data"] if tr.get("name") == "Forecast")
    if isinstance(y, dict):
        y = np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"])
    return [float(v) for v in y]


def _plan_windows(at: AppTest) -> list[tuple[str, str]]:
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    shapes = [s for s in figure["layout"].get("shapes", []) if s.get("type") == "rect"]
    return [(s["x0"][:10], s["x1"][:10]) for s in shapes]


def test_stock_inputs_and_plan_in_a_link_reproduce_the_forecast_and_stock_table(
    reader_home: Path,
) -> None:
    plan = pd.DataFrame(
        {
            "name": ["Spring | Sale", "Flash"],
            "start": [pd.Timestamp("2026-01-12"), pd.Timestamp("2026-01-22")],
            "end": [pd.Timestamp("2026-01-18"), pd.Timestamp("2026-01-23")],
            "discount": [20.0, 12.5],
        }
    )
    at = _opened_with({"fc_plan_rows": plan}, horizon="28", metric="units")
    at.number_input(key="_w_fc_lead").set_value(10)
    at.select_slider(key="_w_fc_level").set_value("99")
    at.number_input(key="_w_fc_stock").set_value(20_000.0)
    at.run()
    assert not at.exception
    query = _query(at)
    assert (
        query["plan"] == "Spring | Sale|2026-01-12|2026-01-18|20\nFlash|2026-01-22|2026-01-23|12.5"
    )
    assert (query["lead"], query["level"], query["stock"]) == ("10", "99", "20000")
    assert "festivals" not in query and "segment" not in query  # defaults stay out

    link = new_app(FORECAST_PAGE, **query)
    assert not link.warning
    assert [e.value for e in link.error] == [e.value for e in at.error]  # the same stock-out risk
    assert link.number_input(key="_w_fc_lead").value == 10
    assert link.select_slider(key="_w_fc_level").value == "99"
    assert link.number_input(key="_w_fc_stock").value == 20_000.0
    assert (
        _plan_windows(link)
        == _plan_windows(at)
        == [
            ("2026-01-12", "2026-01-18"),
            ("2026-01-22", "2026-01-23"),
        ]
    )
    figure = json.loads(link.get("plotly_chart")[0].proto.spec)
    names = {a.get("text") for a in figure["layout"]["annotations"]}
    assert {"Spring | Sale", "Flash"} <= names
    assert _expected_total(link) == _expected_total(at)
    assert _forecast_means(link) == _forecast_means(at)

    stock = table_with(link, "Reorder point")
    pd.testing.assert_frame_equal(stock, table_with(at, "Reorder point"))
    row = stock.iloc[0]
    means = _forecast_means(link)
    assert row["Lead-time demand"] == round(sum(means[:10]))
    assert abs(row["Reorder point"] - sum(means[:10]) - row["Safety stock"]) <= 1
    assert row["Current stock"] == 20_000.0
    used = pd.Series(means).cumsum()
    day = int((used <= 20_000).sum())
    cover = day + (20_000 - used.iloc[day - 1]) / means[day]
    assert row["Days of cover"] == f"{cover:.1f}"
    assert row["Stock-out risk"] == ("⚠ yes" if cover < 10 else "no")
    assert any("z (2.33)" in plain(c.value) for c in link.caption)


def test_stock_per_series_is_read_from_the_link(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, segment="*region", horizon="14", stocks="East|5000000\nWest|1000")
    assert not at.warning
    table = table_with(at, "Reorder point").set_index("Series")
    assert table.loc["West", "Stock-out risk"] == "⚠ yes"
    assert table.loc["East", "Stock-out risk"] == "no"
    assert table.loc["East", "Days of cover"] == "> 14"
    assert table.loc["West", "Current stock"] == 1_000.0
    assert table.loc["North", "Stock-out risk"] == "—"  # no stock entered for North
    assert _query(at)["stocks"] == "East|5000000\nWest|1000"

    odd = new_app(
        FORECAST_PAGE, segment="*region", horizon="14", stocks=["Atlantis|5", "East|-1", "West|9"]
    )
    notes = [plain(w.value) for w in odd.warning]
    assert [n.split(": ", 1)[1] for n in notes] == ["stocks = “Atlantis|5”.", "stocks = “East|-1”."]
    table = table_with(odd, "Reorder point").set_index("Series")
    assert table.loc["West", "Current stock"] == 9.0 and pd.isna(table.loc["East", "Current stock"])
    assert _query(odd)["stocks"] == "West|9"


def test_malformed_link_values_are_ignored_with_a_note(reader_home: Path) -> None:
    at = new_app(
        FORECAST_PAGE,
        horizon="28",
        lead="1e3",
        level="42",
        stock="-5",
        plan=[
            "**Boom** :red[x]|2026-13-01|2026-01-18|20",
            "Good|2026-01-12|2026-01-18|20",
            "Too deep|2026-01-12|2026-01-18|95",
            "<script>alert(1)</script>",
        ],
        stocks="x|nan",
    )
    notes = [plain(w.value) for w in at.warning]
    assert any("lead = “1e3”" in n for n in notes)
    assert any("level = “42”" in n for n in notes)
    assert any("stock = “-5”" in n for n in notes)
    assert any("plan = “**Boom** :red[x]|2026-13-01|2026-01-18|20”" in n for n in notes)
    assert any("plan = “Too deep|2026-01-12|2026-01-18|95”" in n for n in notes)
    assert any("plan = “<script>alert(1)</script>”" in n for n in notes)
    assert all(n.startswith("Part of the link could not be used and was ignored") for n in notes)
    assert len(notes) == 6  # stocks is only read when every series is shown
    assert at.number_input(key="_w_fc_lead").value == 7
    assert at.select_slider(key="_w_fc_level").value == "95"
    assert at.number_input(key="_w_fc_stock").value is None
    assert _plan_windows(at) == [("2026-01-12", "2026-01-18")]
    query = _query(at)
    assert query["plan"] == "Good|2026-01-12|2026-01-18|20"
    assert not {"lead", "level", "stock"} & set(query)

    zh = new_app(FORECAST_PAGE, lang="zh", horizon="28", lead="0")
    assert [plain(w.value) for w in zh.warning] == [
        "链接中的部分内容无法使用，已忽略：lead = “0”。"
    ]


def test_forty_five_coded_stores_are_forecast_store_by_store(home: Path) -> None:
    from analytics.ingest.load import load
    from analytics.workspace import Workspace

    workspace = Workspace(home)
    info = workspace.save(load(ROOT / "tests/fixtures/shapes/weekly_stores.csv"), "stores")
    workspace.close()
    at = new_app(FORECAST_PAGE, ds=info.id, segment="*Store", horizon="13")
    assert at.selectbox(key="segment").value == "*Store"
    beats = re.search(
        r"beats the seasonal naive forecast for (\d+) of 45 backtested series", text(at)
    )
    assert beats and int(beats.group(1)) >= 40  # measured: 45 of 45
    accuracy = table_with(at, "MASE")
    assert len(accuracy) == 46 and accuracy["MASE"].notna().all()
    assert (accuracy["MASE"] < 1.5).all()
    assert len(at.selectbox(key="series").options) == 45
    assert not at.error


def _fat_tailed_upload(home: Path) -> str:
    """A weekly revenue series (no units column) whose last year turns loud and fat-tailed, so
    the model's band, fitted mostly on the calm years, is too narrow for the backtests."""
    from analytics.ingest.load import load
    from analytics.workspace import Workspace

    new_app()  # installs the samples
    rng = np.random.default_rng(3)
    scale = np.where(np.arange(156) < 100, 5.0, 40.0)
    values = 500 + scale * rng.standard_t(2, 156)
    dates = pd.date_range("2022-01-02", periods=156, freq="W-SUN")
    lines = ["date,revenue"] + [f"{d:%Y-%m-%d},{v:.2f}" for d, v in zip(dates, values, strict=True)]
    dataset = load("\n".join(lines).encode(), file_name="weekly.csv")
    return Workspace(home).save(dataset, "weekly revenue").id


def test_the_model_card_lists_every_candidate_and_the_calibrated_bands(home: Path) -> None:
    dataset = _fat_tailed_upload(home)
    at = new_app(FORECAST_PAGE, ds=dataset, horizon="8")
    candidates = table_with(at, "Backtest MASE")
    assert set(candidates["Candidate"]) >= {
        "ARIMA",
        "Exponential smoothing (ETS)",
        "Theta method",
        "Seasonal naive",
        "Combination",
    }
    assert candidates["Backtest MASE"].is_monotonic_increasing  # best first
    assert candidates["Chosen"].tolist().count("✓") == 1
    shown = text(at)
    assert "forecasts here: its backtest MASE" in shown or "The forecast is the mean of" in shown
    captions = " ".join(plain(c.value) for c in at.caption)
    assert "MASE: the mean absolute backtest error divided by" in captions
    assert "The bands are calibrated on the backtest errors (32 points)" in captions
    assert any("Stock cover needs a metric counted in units" in i.value for i in at.info)
    assert not table_with_or_none(at, "Reorder point")  # no safety stock in currency

    zh = new_app(FORECAST_PAGE, ds=dataset, horizon="8", lang="zh")
    assert "回测 MASE" in table_with(zh, "回测 MASE").columns
    zh_captions = " ".join(plain(c.value) for c in zh.caption)
    assert "区间按回测误差校准（32 个数据点）" in zh_captions
    assert "MASE：回测平均绝对误差除以季节性朴素预测" in zh_captions
    assert any("库存覆盖需要以件数计的指标" in i.value for i in zh.info)


def table_with_or_none(at, column: str):
    return next((d.value for d in at.dataframe if column in d.value.columns), None) is not None


def test_regressors_known_in_advance_default_to_the_varying_ones_and_price_is_an_elasticity(
    reader_home: Path,
) -> None:
    at = new_app(FORECAST_PAGE)
    picker = at.multiselect(key="fc_regressors")
    assert picker.label == "Known in advance"
    assert set(picker.value) == {"campaign", "discount", "promo_flag", "price"}
    shown = text(at)
    assert "Price elasticity" in shown and "a 1% higher price moves revenue by" in shown
    picker.set_value(["promo_flag"]).run()
    assert not at.error
    assert "Price elasticity" not in text(at)

    zh = new_app(FORECAST_PAGE, lang="zh")
    assert zh.multiselect(key="fc_regressors").label == "预先已知的变量"
    assert "价格弹性" in text(zh)


def _promotion_panel_upload(home: Path) -> str:
    """Stores × items with 16 weeks of days each and a shared promotion lift: the gradient-
    boosting model across the series forecasts most of them (tests/promotion_panel.py)."""
    from analytics.ingest.load import load
    from analytics.workspace import Workspace

    new_app()  # installs the samples
    table = panel_table(promotion_panel()).to_csv(index=False).encode()
    return Workspace(home).save(load(table, file_name="panel.csv"), "panel").id


def test_the_model_card_explains_the_global_model_and_why_it_won_or_lost(home: Path) -> None:
    dataset = _promotion_panel_upload(home)
    at = new_app(FORECAST_PAGE, ds=dataset, segment="*store+item", horizon="14", series="S2 · I2")
    accuracy = table_with(at, "MASE")
    assert (accuracy["Model"] == "Global model across series").sum() >= 3  # measured: 4 of 12
    card = text(at)
    assert "The gradient-boosting model across the series (GBM)" in card
    assert "learns from all 12 series at once" in card and "fitted 5 times" in card
    assert "Lags: the values 14, 15, 16, 17, 18, 19, 20 days back" in card
    assert "The value 14 days back, at the same point of the season" in card
    assert "Rolling means over 7, 28 days, ending 14 days back" in card
    assert "Calendar: day of the week, week of the year, month" in card
    assert "Known in advance, for the forecast periods too: " in card and "On promotion" in card
    assert "Why it forecasts this series: its backtest MASE" in card
    candidates = table_with(at, "Backtest MASE")
    chosen = candidates.loc[candidates["Chosen"] == "✓", "Candidate"].tolist()
    assert chosen == ["Global model across series"]

    at.selectbox(key="series").set_value("S2 · I1").run()  # its own ARIMA wins there
    assert not at.exception
    assert "Why it does not forecast this series: its backtest MASE" in text(at)

    zh = new_app(
        FORECAST_PAGE, ds=dataset, segment="*store+item", horizon="14", series="S2 · I2", lang="zh"
    )
    shown = text(zh)
    assert "跨序列的梯度提升模型（GBM）" in shown and "同时从全部 12 个序列中学习" in shown
    assert "滞后值：14、15、16、17、18、19、20 天之前的数值" in shown
    assert "日历：星期几、一年中的第几周、月份" in shown and "促销中" in shown
    assert "为什么此序列由它预测：它的回测 MASE 为" in shown
    # Store and item codes (S2, I1...) come from the file; every other word is Chinese.
    found = english_words(page_strings(zh), _panel_words())
    assert not found, found


def _panel_words() -> frozenset[str]:
    """Names from the files the page shows: the samples the sidebar lists, and the panel's
    name, columns and store and item codes."""
    table = panel_table(promotion_panel())
    texts = [*table.columns, *table["store"].unique(), *table["item"].unique(), "panel.csv"]
    return page_file_words(FORECAST_PAGE) | {w for text in texts for w in WORD.findall(text)}


def test_presenter_mode_says_in_one_line_that_the_global_model_forecasts(home: Path) -> None:
    dataset = _promotion_panel_upload(home)
    query = {"ds": dataset, "segment": "*store+item", "horizon": "14", "present": "1"}
    at = new_app(FORECAST_PAGE, series="S2 · I2", **query)
    assert not at.get("expander")
    lines = [plain(c.value) for c in at.caption if "gradient-boosting" in c.value]
    assert len(lines) == 1 and lines[0].startswith(
        "Forecast with one gradient-boosting model learned across 12 series: backtest MASE 0."
    )
    assert "for the best model of this series alone." in lines[0]
    own = new_app(FORECAST_PAGE, series="S2 · I1", **query)  # its own ARIMA forecasts
    assert not [c for c in own.caption if "gradient-boosting" in c.value]
    zh = new_app(FORECAST_PAGE, series="S2 · I2", lang="zh", **query)
    assert any("预测使用跨 12 个序列学习的梯度提升模型" in c.value for c in zh.caption)
