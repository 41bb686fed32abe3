"""The Drivers page on the sample workspace: leaderboard, findings, SHAP charts, presenter mode,
Chinese, and the view (target, dependence feature, row) restored from the URL."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
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
    assert not at.get("imgs")  # Plotly charts, no matplotlib images
    board = at.dataframe[0].value
    assert "Naive baseline" in set(board["Model"])
    assert len(board) == 5 and list(board["Chosen"]).count("✓") == 1
    assert board["Chosen"].iloc[0] == "✓"
    text = markdown_text(at)
    assert "predicts held-out periods best" in text
    assert "Each extra 10 points of discount changes revenue by about +" in text
    assert "Left out because they are the target in another form: visits, orders, units" in text
    coefficients = at.dataframe[1].value
    assert {"Feature", "Coefficient", "95% low", "95% high", "p-value"} == set(coefficients)
    assert "Discount" in set(coefficients["Feature"])  # the column discount by its display name
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
    assert (
        "Why the model predicts 0.0" in titles and "for 2024-06-18 · East · Electronics" in titles
    )
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
    assert len(at.table) == 1 and not at.dataframe  # the leaderboard, in the presenter's type
    assert "Linear model coefficients (OLS)" not in [
        s.value for s in at.subheader
    ]  # findings say it in words
    # Readable on a shared screen: every chart's type is larger than on the normal page.
    sizes = {json.loads(c.proto.spec)["layout"]["font"]["size"] for c in charts(at)}
    normal = {
        json.loads(c.proto.spec)["layout"]["font"]["size"] for c in charts(new_app(DRIVERS_PAGE))
    }
    assert min(sizes) > max(normal)


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
    text = markdown_text(at).replace("**", "")
    assert "does not predict units on unseen periods better than a plain average" in text
    assert "More history: the models learned from" in text
    assert "add or swap them under Features above" in text
    assert "switch on Log scale (effects in %) above" in text
    assert "model a rate with Divided by above" in text
    assert "Open the Data page" in [p.proto.label for p in at.get("page_link")]
    assert at.toggle(key="drv_log").value is False  # the control it points to is on the page
    logged = new_app(DRIVERS_PAGE, target="units", features="trend", log="1")
    assert "switch off Log scale (effects in %) above" in markdown_text(logged).replace("**", "")

    zh = new_app(DRIVERS_PAGE, target="units", features="trend", lang="zh")
    assert "可以尝试" in markdown_text(zh) and "换一个层级" in markdown_text(zh)


def test_findings_show_the_top_three_levers_first_and_the_rest_in_an_expander(
    reader_home: Path,
) -> None:
    at = new_app(DRIVERS_PAGE)
    more = next(e for e in at.expander if e.label.startswith("More findings ("))
    count = int(more.label.split("(")[1].split(")")[0])
    inside = [plain(m.value) for m in more.markdown]
    assert len(inside) == count > 0
    findings = at.subheader.values.index("Findings")
    assert findings >= 0
    first = [
        plain(m.value)
        for m in at.markdown
        if m.value.startswith("- ") and plain(m.value) not in inside
    ]
    levers = [line for line in first if line.startswith(("- Each ", "- With "))]
    assert len(levers) == 3  # levers the business sets, clear of zero: spend, discount, price
    assert all(line.startswith("- Each extra") for line in levers)
    assert not any("Double 11" in line or "618" in line for line in levers)  # festivals wait
    assert any("Double 11" in line for line in inside)
    assert "predicts held-out periods best" in first[0]


def test_chosen_features_and_models_are_kept_in_the_url(reader_home: Path) -> None:
    at = new_app(DRIVERS_PAGE, target="units")
    assert "features" not in at.query_params and "models" not in at.query_params
    chosen = ["discount", "price", "weekday", "social_spend_lag1"]
    at.multiselect(key="drv_features::units").set_value(chosen)
    at.multiselect(key="drv_models").set_value(["ols", "random_forest"]).run()
    assert not at.exception
    assert at.query_params["features"] == chosen
    assert at.query_params["models"] == "ols,random_forest"
    # The link reproduces the view: the same features, models and leaderboard.
    linked = new_app(
        DRIVERS_PAGE, **{k: at.query_params[k] for k in ("target", "features", "models")}
    )
    assert linked.multiselect(key="drv_features::units").value == chosen
    assert linked.multiselect(key="drv_models").value == ["ols", "random_forest"]
    board = linked.dataframe[0].value
    assert board.equals(at.dataframe[0].value) and len(board) == 3
    # The link's features belong to its target: another target starts from its suggestions.
    linked.selectbox(key="drv_target").set_value("revenue").run()
    assert not linked.exception
    assert "social_spend_lag1" not in linked.multiselect(key="drv_features::revenue").value
    assert "features" not in linked.query_params


def test_a_cached_rerun_fits_nothing(reader_home: Path, monkeypatch) -> None:
    """Everything a rerun draws comes from the caches (keyed by dataset version and settings)."""
    at = new_app(DRIVERS_PAGE)

    def refit(*args, **kwargs):
        raise RuntimeError("refitted on a cached rerun")

    for name in ("suggest_features", "prepare", "score_models", "finish", "waterfall"):
        monkeypatch.setattr(f"ui.drivers.view.{name}", refit)
    before = [c.proto.spec for c in charts(at)]
    at.run()
    assert not at.exception, at.exception
    assert [c.proto.spec for c in charts(at)] == before
    # New settings are a new cache entry: they do refit (which shows the patches took effect).
    at.toggle(key="drv_log").set_value(True).run()
    assert at.exception  # the message is redacted (client.showErrorDetails is off)


def test_a_progress_bar_advances_model_by_model(reader_home: Path, monkeypatch) -> None:
    import streamlit as st

    steps: list[tuple[float, str]] = []
    real = st.progress

    def recorded(value, text=None):
        steps.append((value, text))
        bar = real(value, text=text)
        original = bar.progress

        def progress(value, text=None):
            steps.append((value, text))
            return original(value, text=text)

        bar.progress = progress
        return bar

    monkeypatch.setattr(st, "progress", recorded)
    new_app(DRIVERS_PAGE, target="units", models="ols,lasso")
    values = [v for v, _ in steps]
    assert values == sorted(values) and values[-1] == 0.75
    texts = [text for _, text in steps if text]
    assert texts[-3:] == [
        "Fitting Linear (OLS) on time-ordered folds (2/4)…",
        "Fitting Lasso on time-ordered folds (3/4)…",
        "Explaining the best model with SHAP (4/4)…",
    ]


def saved_shape(home: Path, name: str) -> str:
    """A file of tests/fixtures/shapes read with its inferred roles and saved in the workspace."""
    workspace = Workspace(home)
    try:
        return workspace.save(load(ROOT / "tests/fixtures/shapes" / name), name).id
    finally:
        workspace.close()


@pytest.fixture
def advertising_dataset(home: Path) -> str:
    """The advertising table (one row per market, no dates) in a fresh workspace."""
    return saved_shape(home, "advertising_by_market.csv")


def test_a_table_without_dates_is_compared_on_shuffled_folds_said_on_screen(
    advertising_dataset: str,
) -> None:
    at = new_app(DRIVERS_PAGE, ds=advertising_dataset)
    assert at.selectbox(key="drv_target").value == "sales"
    assert at.multiselect(key="drv_features::sales").value == ["TV", "radio", "newspaper"]
    captions = " ".join(c.value for c in at.caption)
    assert "what moves the target from row to row (this table has no dates)" in captions
    assert "This table has no dates" in captions
    assert "4 shuffled folds" in captions and "fixed seed 0" in captions
    board = at.dataframe[0].value
    assert "Naive baseline (mean of the training folds)" in set(board["Model"])
    assert board["Chosen"].iloc[0] == "✓"
    text = markdown_text(at)
    assert "predicts held-out rows best" in text
    assert "the naive baseline (the mean of the training folds)" in text
    assert re.search(r"Each extra 50 of TV changes sales by about \+2\.2\d? \(95% interval", text)
    assert len(charts(at)) == ALL_CHARTS
    coefficients = at.dataframe[1].value
    assert list(coefficients["Feature"]) == ["TV", "Radio", "Newspaper"]  # display names
    # The one-row view picks a row by its number in the table, kept in the link.
    at.number_input(key="drv_row_number").set_value(7).run()
    assert not at.exception
    titles = " ".join(json.loads(c.proto.spec)["layout"]["title"]["text"] for c in charts(at))
    assert "for row 7" in titles
    assert at.query_params["row"] == "7"
    linked = new_app(DRIVERS_PAGE, ds=advertising_dataset, row="7")
    assert linked.number_input(key="drv_row_number").value == 7
    present = new_app(DRIVERS_PAGE, ds=advertising_dataset, row="7", present="1")
    assert not present.number_input and len(charts(present)) == ALL_CHARTS
    assert any(c.value.startswith("This table has no dates") for c in present.caption)


def test_a_table_without_dates_in_chinese(advertising_dataset: str) -> None:
    at = new_app(DRIVERS_PAGE, ds=advertising_dataset, lang="zh")
    captions = " ".join(c.value for c in at.caption)
    assert (
        "该表没有日期" in captions
        and "4 个随机打乱的折" in captions
        and "固定随机种子 0" in captions
    )
    assert "朴素基线（训练折的平均值）" in set(at.dataframe[0].value["模型"])
    assert "对留出行的预测最好" in markdown_text(at)


def test_the_feature_control_offers_flags_and_metrics_never_ids(home: Path) -> None:
    """Store attributes: the Yes/No flag and the region suggested, the size offered with its
    warning (it moves one for one with revenue), the store name (an id) not offered at all."""
    at = new_app(DRIVERS_PAGE, ds=saved_shape(home, "store_attributes.csv"))
    features = at.multiselect(key="drv_features::revenue")
    assert features.value == ["Urban", "region"]
    assert features.options == ["Urban", "Region", "⚠ Size sqm"]  # display names
    assert any(c.value.startswith("⚠ Size sqm moves almost one for one") for c in at.caption)
    features.set_value(["Urban", "region", "size_sqm"]).run()
    assert not at.exception
    coefficients = at.dataframe[1].value
    assert set(coefficients["Feature"]) == {
        "Urban",
        "Region=North",
        "Region=South",
        "Region=West",
        "Size sqm",  # the column's display name, also before a dummy's level
    }
