"""The Drivers page on the sample workspace: leaderboard, findings, SHAP charts, presenter mode,
Chinese, and the view (target, dependence feature, row) restored from the URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.app.conftest import new_app
from tests.app.helpers import plain

DRIVERS_PAGE = "pages/3_Drivers.py"
# Error bars, importance, beeswarm, dependence, waterfall.
ALL_CHARTS = 5


def charts(at) -> list:
    return list(at.get("plotly_chart"))


def markdown_text(at) -> str:
    return plain(" ".join(m.value for m in at.markdown))


def test_page_shows_leaderboard_findings_shap_charts_and_coefficients(reader_home: Path) -> None:
    at = new_app(DRIVERS_PAGE)
    assert at.title[0].value == "What drives your sales"
    assert at.selectbox(key="drv_target").value == "revenue"
    assert len(at.get("plotly_chart")) == ALL_CHARTS
    board = at.dataframe[0].value
    assert "Naive baseline" in set(board["Model"])
    assert len(board) == 5 and list(board["Chosen"]).count("✓") == 1
    assert board["Chosen"].iloc[0] == "✓"
    text = markdown_text(at)
    assert "predicts held-out periods best" in text
    assert "Each extra 10 points of discount changes revenue by about +" in text
    assert "Left out because they are the target in another form: orders, units" in text
    coefficients = at.dataframe[1].value
    assert {"Feature", "Coefficient", "95% low", "95% high", "p-value"} == set(coefficients)
    assert "discount" in set(coefficients["Feature"])
    assert any(b.label == "Download table (CSV)" for b in at.get("download_button"))
    assert any("revenue" in c.value and "⚠" in c.value for c in at.caption)


def test_view_is_restored_from_the_url(reader_home: Path) -> None:
    at = new_app(
        DRIVERS_PAGE, target="orders/visits", feature="discount", row="2024-06-18|East|Electronics"
    )
    assert at.selectbox(key="drv_target").value == "orders"
    assert at.selectbox(key="drv_per").value == "visits"
    assert at.selectbox(key="drv_feature").value == "discount"
    assert at.date_input(key="drv_day").value == dt.date(2024, 6, 18)
    assert at.selectbox(key="drv_segment").format_func(at.selectbox(key="drv_segment").value) == (
        "East · Electronics"
    )
    titles = " ".join(json.loads(c.proto.spec)["layout"]["title"]["text"] for c in charts(at))
    assert "Why the model predicts 0.0" in titles and "for 2024-06-18 · East · Electronics" in titles
    assert "How discount moves the prediction (colour:" in titles
    assert at.query_params["target"] == "orders/visits"
    assert "orders/visits" in markdown_text(at)
    at.selectbox(key="drv_target").set_value("revenue")
    at.selectbox(key="drv_per").set_value("").run()
    assert not at.exception
    assert "target" not in at.query_params  # revenue, the default, is left out of the link


def test_presenter_mode_hides_the_editing_widgets(reader_home: Path) -> None:
    at = new_app(DRIVERS_PAGE, present="1")
    assert not at.multiselect and not at.date_input
    assert [s.key for s in at.selectbox] == ["_w_ds"]
    assert len(at.get("plotly_chart")) == ALL_CHARTS
    assert any(c.value.startswith("Target: revenue (own scale);") for c in at.caption)
    assert not at.get("download_button")


def test_page_in_chinese(reader_home: Path) -> None:
    at = new_app(DRIVERS_PAGE, lang="zh")
    assert at.title[0].value == "销售的驱动因素"
    text = markdown_text(at)
    assert "对留出期的预测最好" in text and "每增加 10 个百分点" in text
    assert len(at.get("plotly_chart")) == ALL_CHARTS


def test_page_says_plainly_when_no_model_beats_the_baseline(reader_home: Path) -> None:
    at = new_app(DRIVERS_PAGE, target="units")
    at.multiselect(key="drv_features::units").set_value(["trend"]).run()
    assert not at.exception
    assert at.warning[0].value.startswith("No model beats the naive baseline")
    assert len(at.get("plotly_chart")) == 1
