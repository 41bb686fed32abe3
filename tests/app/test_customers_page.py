"""The Customers page on the sample order log, on the sample customer table and on uploaded order
files: RFM segments and their map, lifetime value, the holdout check, next-period propensity,
offers and the targeting list, retention after campaigns, in English, 简体中文 and presenter
mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import button_with_prefix, open_data_page, plain, upload

CUSTOMERS_PAGE = "pages/7_Customers.py"
SHAPES = ROOT / "tests" / "fixtures" / "shapes"
# Segment map, shares, value per segment, holdout check, gains, calibration, SHAP; retention:
# repeat curves, value by cohort, existing customers before and after.
LOG_CHARTS = 10
TABLE_CHARTS = 3


def _dataset_id(home: Path, name_part: str) -> str:
    return next(i.id for i in Workspace(home).list() if name_part in i.name)


def open_on(home: Path, name_part: str, **query: str):
    new_app(CUSTOMERS_PAGE)  # installs the samples into a new workspace
    return new_app(CUSTOMERS_PAGE, ds=_dataset_id(home, name_part), **query)


def text_of(at) -> str:
    return plain(" ".join(m.value for m in at.markdown))


def test_sample_log_shows_segments_value_holdout_propensity_and_offers(reader_home: Path) -> None:
    at = open_on(reader_home, "customer orders")
    assert at.title[0].value.startswith("Customers")
    assert at.selectbox(key="cus_customer").value == "customer_id"
    assert at.selectbox(key="cus_amount").value == "amount"
    assert at.selectbox(key="cus_discount").value == "discount"
    assert len(at.get("plotly_chart")) == LOG_CHARTS
    text = text_of(at)
    assert "Champions are" in text and "of revenue" in text
    assert "the model predicted" in text and "customers made" in text
    assert "ranks buyers best (AUC 0.7" in text
    assert "coupons: expected value" in text
    segments = at.dataframe[0].value
    assert "Champions" in set(segments["Segment"])
    assert segments["Customers"].sum() == 3000
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Customers"] == "3,000"
    labels = [b.label for b in at.get("download_button")]
    assert "Download the targeting list (CSV)" in labels


def test_holdout_split_is_a_date_the_user_moves(reader_home: Path) -> None:
    at = open_on(reader_home, "customer orders")
    assert str(at.date_input(key="cus_calibration").value) == "2025-07-01"
    at.date_input(key="cus_calibration").set_value("2025-03-31").run()
    assert not at.exception
    assert "Fitted on purchases up to 2025-03-31" in text_of(at)


def test_page_in_chinese(reader_home: Path) -> None:
    at = open_on(reader_home, "customer orders", lang="zh")
    assert at.title[0].value == "客户：分群、终身价值与购买倾向"
    text = text_of(at)
    assert "冠军客户占客户的" in text and "模型预测此后到" in text
    assert len(at.get("plotly_chart")) == LOG_CHARTS
    titles = " ".join(
        json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")
    )
    assert "分群地图" in titles and "留出期" in titles


def test_presenter_mode_has_no_widgets_and_large_type(reader_home: Path) -> None:
    at = open_on(reader_home, "customer orders", present="1")
    assert [s.key for s in at.selectbox] == ["_w_ds"]
    assert not at.date_input and not at.number_input and not at.slider
    assert not at.get("download_button") and not at.dataframe
    assert len(at.get("plotly_chart")) == LOG_CHARTS
    sizes = {json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")}
    assert min(sizes) >= 22


def test_customer_table_scores_who_responds(reader_home: Path) -> None:
    at = open_on(reader_home, "campaign's response")
    assert at.selectbox(key="cus_target").value == "responded"
    assert len(at.get("plotly_chart")) == TABLE_CHARTS
    models = at.dataframe[0].value
    assert set(models["Model"]) == {"Logistic regression", "Gradient boosting"}
    assert models["AUC"].max() > 0.75
    assert "Who responds: responded" in [s.value for s in at.subheader]


@pytest.fixture
def uploaded_home(home: Path) -> Path:
    new_app(CUSTOMERS_PAGE)
    workspace = Workspace(home)
    for name in ("order_lines.csv", "tickets.csv"):
        workspace.save(load(SHAPES / name), name)
    return home


def test_uploaded_order_lines_and_tickets(uploaded_home: Path) -> None:
    at = open_on(uploaded_home, "order_lines.csv")
    assert at.selectbox(key="cus_amount").value == "line_amount"
    assert len(at.get("plotly_chart")) >= 4
    assert at.dataframe[0].value["Customers"].sum() == 59
    retention = plain(" ".join(i.value for i in at.info))
    assert "Retention by campaign cannot be shown" in retention
    assert "need a campaign column (each order's campaign) or a discount column" in retention
    tickets = open_on(uploaded_home, "tickets.csv")
    assert tickets.info[0].value.startswith("This page needs an order log with a customer column")
    assert not tickets.get("plotly_chart")


def test_settings_are_kept_in_the_link(reader_home: Path) -> None:
    at = open_on(reader_home, "customer orders")
    at.number_input(key="cus_horizon").set_value(104)
    at.slider(key="cus_threshold").set_value(0.3)
    at.date_input(key="cus_calibration").set_value("2025-05-31").run()
    assert not at.exception
    query = {k: at.query_params[k] for k in ("horizon", "threshold", "split")}
    assert query == {"horizon": "104", "threshold": "0.3", "split": "2025-05-31"}
    linked = open_on(reader_home, "customer orders", present="1", **query)
    text = text_of(linked)
    assert "Fitted on purchases up to 2025-05-31" in text
    titles = " ".join(
        json.loads(c.proto.spec)["layout"]["title"]["text"] for c in linked.get("plotly_chart")
    )
    assert "over the next 104 weeks" in titles


def test_daily_sales_are_told_what_the_page_needs(reader_home: Path) -> None:
    at = new_app(CUSTOMERS_PAGE)  # the daily sales sample opens first: a time series
    assert at.info[0].value.startswith("This page needs an order log with a customer column")
    assert not at.get("plotly_chart")


def test_ids_stored_hashed_are_exported_as_originals_only_on_request(home: Path) -> None:
    at = upload(open_data_page(), "order_lines.csv", (SHAPES / "order_lines.csv").read_bytes())
    switch = next(s for s in at.toggle if (s.key or "").startswith("hash_ids_"))
    assert switch.value is False and switch.label == "Store customer ids hashed"
    switch.set_value(True).run()
    button_with_prefix(at, "save_").click().run()
    assert not at.exception, at.exception
    [info] = [i for i in Workspace(home).list() if i.name == "order_lines"]
    stored = Workspace(home).load(info.id)["customer_id"]
    assert stored.str.startswith("c_").all() and stored.nunique() == 59
    page = new_app(CUSTOMERS_PAGE, ds=info.id)
    assert "This dataset's customer ids are stored hashed." in [c.value for c in page.caption]
    assert page.checkbox(key="cus_original_ids").value is False
    assert page.dataframe[0].value["Customers"].sum() == 59
    page.checkbox(key="cus_original_ids").check().run()
    assert not page.exception, page.exception


def test_retention_says_campaign_customers_are_worth_less_in_each_language(
    reader_home: Path,
) -> None:
    planted = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())["customers"]
    at = open_on(reader_home, "customer orders")
    assert "Retention after campaigns" in [s.value for s in at.subheader]
    text = text_of(at)
    assert "Customers first acquired during a campaign are worth less:" in text
    assert "Within 90 days of their first purchase" in text
    assert "No detectable change in later purchases" in text  # none planted
    captions = plain(" ".join(c.value for c in at.caption))
    assert "Campaign windows from the column" in captions and "618_2024" in captions
    assert f"({planted['retention']['acquired_in_campaigns']} customers;" in captions
    titles = " ".join(
        json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")
    )
    assert "Share who bought again" in titles and "before and after a campaign" in titles
    zh = open_on(reader_home, "customer orders", lang="zh")
    zh_text = text_of(zh)
    assert "活动期间首次获取的客户价值更低" in zh_text and "没有可检测到的变化" in zh_text
    presenting = open_on(reader_home, "customer orders", present="1")
    assert "Customers first acquired during a campaign are worth less:" in text_of(presenting)
    assert not any("Campaign windows from" in c.value for c in presenting.caption)


def test_without_a_campaign_column_the_first_order_discount_is_used_and_said(
    home: Path, tmp_path: Path
) -> None:
    new_app(CUSTOMERS_PAGE)
    orders = load(ROOT / "sample_data" / "customer_orders.csv").frame.drop(columns="campaign")
    path = tmp_path / "orders_without_campaigns.csv"
    orders.to_csv(path, index=False)
    Workspace(home).save(load(path), path.name)
    at = open_on(home, path.name)
    captions = plain(" ".join(c.value for c in at.caption))
    assert "No campaign column: a customer whose first order carried a discount" in captions
    infos = plain(" ".join(i.value for i in at.info))
    assert "Existing customers need campaign windows" in infos
    zh = open_on(home, path.name, lang="zh")
    assert "没有活动列：首单带折扣的客户算作活动期间获取" in plain(
        " ".join(c.value for c in zh.caption)
    )
