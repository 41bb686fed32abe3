"""Recommendations page on the sample order lines and on an uploaded order-line file: bundles and
rules with the planted pairs first, the evaluation against popularity with its protocol, each
customer's recommendations with reasons and their CSV; English, 简体中文 and presenter mode."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analytics.ingest.load import load
from analytics.ingest.roles import CUSTOMER, DATE, ITEM, ORDER, Mapping
from analytics.samples import SAMPLE_DIR
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, plain, upload
from tests.app.test_rendering_as_text import BOLD, IMAGE, SALE, assert_shown_as_text

PAGE = "pages/8_Recommendations.py"
PLANTED = json.loads((SAMPLE_DIR / "ground_truth.json").read_text(encoding="utf-8"))["baskets"]


def dataset_id(home: Path, prefix: str) -> str:
    workspace = Workspace(home)
    try:
        return next(i.id for i in workspace.list() if i.name.startswith(prefix))
    finally:
        workspace.close()


@pytest.fixture
def sample_id(reader_home: Path) -> str:
    new_app()  # installs the samples
    return dataset_id(reader_home, "Sample · order lines")


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_sample_opens_with_planted_bundles_and_a_recommender_beating_popularity(
    sample_id: str,
) -> None:
    at = new_app(PAGE, ds=sample_id)
    assert at.title[0].value == "What sells together, and what each customer should be offered next"
    assert [tab.label for tab in at.tabs] == [
        "Bought together",
        "Next items per customer",
        "Offers per segment",
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Items"] == "96"
    planted = {frozenset(pair["items"]) for pair in PLANTED["pairs"]}
    bundles = [m.value for m in at.markdown if m.value.startswith("- **")]
    shown = {frozenset(b[4:].split("**")[0].replace("\\-", "-").split(" + ")) for b in bundles[:4]}
    assert shown == planted
    assert len(at.get("plotly_chart")) == 1
    rules = next(f.value for f in at.dataframe if "Lift" in f.value.columns)
    assert frozenset(rules.iloc[0, :2]) in planted
    assert "cancelled invoices" in captions(at)

    evaluation = next(f.value for f in at.dataframe if "Method" in f.value.columns)
    assert list(evaluation["Method"]) == [
        "Popularity",
        "Item-item (cosine)",
        "Matrix factorisation (ALS)",
    ]
    assert evaluation.loc[evaluation["Used"] == "✓", "Method"].item() != "Popularity"
    assert "as many of the items customers went on to buy as popularity" in markdown(at)
    assert "Trained on orders before" in captions(at)
    per_customer = next(f.value for f in at.dataframe if "Why" in f.value.columns)
    assert len(per_customer) == 5
    assert per_customer["Why"].str.startswith("bought ").all()
    assert {b.label for b in at.get("download_button")} == {
        "Download table (CSV)",
        "Download every customer's recommendations (CSV)",
    }


def test_offers_per_segment_in_english_and_chinese(sample_id: str) -> None:
    at = new_app(PAGE, ds=sample_id)
    sentences = [m.value for m in at.markdown if m.value.startswith("- **Champions** (")]
    assert len(sentences) == 1 and "customers, " in sentences[0]
    assert "): feature **" in sentences[0] and "lift " in sentences[0]
    offers = next(f.value for f in at.dataframe if "Share of segment" in f.value.columns)
    assert offers["Segment"].iloc[0] == "Champions"
    assert (offers["Lift"] > 1).all() and (offers["Buyers in segment"] >= 5).all()
    assert "RFM segments of the Customers page" in captions(at)
    assert "No segment's favourite stands clear of chance" in " ".join(i.value for i in at.info)
    assert set(offers["Beyond chance"]) == {""}  # the sample's tastes are not tied to RFM
    at.number_input(key="_w_rec_min_buyers").set_value(100).run()
    assert "lower the minimum buyers" in " ".join(i.value for i in at.info)
    assert at.query_params["rec_min_buyers"] in ("100", ["100"])

    zh = new_app(PAGE, ds=sample_id, lang="zh")
    sentences = [m.value for m in zh.markdown if m.value.startswith("- **冠军客户**（")]
    assert len(sentences) == 1 and "主推 **" in sentences[0] and "提升度" in sentences[0]
    offers = next(f.value for f in zh.dataframe if "占客群客户" in f.value.columns)
    assert "冠军客户" in set(offers["客群"])
    assert "没有哪个客群的偏好商品能排除偶然" in " ".join(i.value for i in zh.info)


def test_a_segment_with_its_own_taste_gets_its_item_beyond_chance(home: Path) -> None:
    """Twenty customers who bought four times lately, espresso on the first; twenty who bought
    once long ago, kibble. Everyone bought bread every time. No amount: 1 per line, so revenue
    shares are 100 and 40 of the 140 lines."""
    rows = []
    for n in range(20):
        for visit in range(4):
            order, day = f"f{n}-{visit}", f"2024-03-{10 + visit:02d}"
            rows += [(order, f"f{n}", day, "bread")] + [(order, f"f{n}", day, "espresso")] * (
                visit == 0
            )
        rows += [(f"o{n}", f"o{n}", "2024-01-05", item) for item in ("bread", "kibble")]
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "order_date", "sku"])
    mapping = Mapping({"order_id": ORDER, "customer_id": CUSTOMER, "order_date": DATE, "sku": ITEM})
    workspace = Workspace(home)
    try:
        info = workspace.save(load(_csv(frame), file_name="t.csv", mapping=mapping), "tastes")
    finally:
        workspace.close()
    at = new_app(PAGE, ds=info.id)
    offers = next(f.value for f in at.dataframe if "Share of segment" in f.value.columns)
    espresso = offers[offers["Item"] == "espresso"].iloc[0]
    assert (espresso["Segment"], espresso["Buyers in segment"]) == ("Loyal", 20)
    # Espresso: 20 of the loyal customers' 40 purchases, 20 of everyone's 80.
    assert (espresso["Share of segment"], espresso["Lift"], espresso["Beyond chance"]) == (
        "100.0%",
        2.0,
        "✓",
    )
    sentences = " ".join(m.value for m in at.markdown)
    assert "**Loyal** (20 customers, 71% of revenue): feature **espresso**" in sentences
    assert "**Hibernating** (20 customers, 29% of revenue): feature **kibble**" in sentences


def test_thresholds_change_the_rules_and_an_empty_result_says_what_to_do(sample_id: str) -> None:
    at = new_app(PAGE, ds=sample_id)
    at.number_input(key="_w_rec_support").set_value(50.0).run()
    assert not at.exception
    assert "No combination passes these thresholds" in " ".join(i.value for i in at.info)
    assert at.query_params["rec_support"] in ("50", ["50"])
    linked = new_app(PAGE, ds=sample_id, rec_support="50", rec_k="3", lang="zh", present="1")
    assert "没有商品组合达到这些阈值" in " ".join(i.value for i in linked.info)
    assert "召回率@3" in str(linked.get("table")[0].value)


def test_chinese_and_presenter_mode(sample_id: str) -> None:
    at = new_app(PAGE, ds=sample_id, lang="zh", present="1")
    assert at.title[0].value == "哪些商品一起卖，每位客户下一步该推荐什么"
    assert [tab.label for tab in at.tabs] == ["一起购买", "客户的下一件商品", "各客群主推商品"]
    assert "共同出现在" in markdown(at)
    assert "用 " in captions(at) and "之前的订单训练" in captions(at)
    assert not at.get("download_button")
    assert not at.number_input and not at.get("date_input")
    tables = at.get("table")
    assert len(tables) == 3  # rules, evaluation, one customer's items
    assert "买过" in str(tables[-1].value)
    assert any(m.value.startswith("- **冠军客户**（") for m in at.markdown)


def test_the_order_lines_fixture_uploaded_on_the_data_page(home: Path) -> None:
    content = (ROOT / "tests" / "fixtures" / "shapes" / "order_lines.csv").read_bytes()
    data = upload(new_app(DATA_PAGE), "order_lines.csv", content)
    button_with_prefix(data, "save_").click().run()
    assert not data.exception, data.exception
    info = next(i for i in Workspace(home).list() if i.name == "order_lines")
    at = new_app(PAGE, ds=info.id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Orders"] == "240" and metrics["Items"] == "12"
    assert next(f.value for f in at.dataframe if "Method" in f.value.columns).shape[0] == 3
    assert at.date_input(key=f"_w_rec_cutoff_{info.id}").value.isoformat() == "2024-03-14"
    assert len(next(f.value for f in at.dataframe if "Why" in f.value.columns)) == 5


def test_a_dataset_without_orders_or_items_says_what_the_page_needs(reader_home: Path) -> None:
    at = new_app(PAGE)  # the daily sales sample opens first: the shared gate sends it on
    assert at.info[0].value.startswith("This dataset is a time series: recommendations need a log")
    assert not at.tabs
    zh = new_app(PAGE, lang="zh")
    assert zh.info[0].value.startswith("该数据集是时间序列：商品推荐需要包含商品的订单记录")


def test_a_cutoff_outside_the_orders_says_which_dates_to_choose(sample_id: str) -> None:
    at = new_app(PAGE, ds=sample_id, rec_cutoff="2030-01-01")
    assert "choose a date between 2024-01-01 and 2024-12-31" in plain(at.error[0].value)
    zh = new_app(PAGE, ds=sample_id, rec_cutoff="2030-01-01", lang="zh")
    assert "请选择 2024-01-01 到 2024-12-31 之间的日期" in plain(zh.error[0].value)


def test_a_one_line_change_far_from_the_start_gives_new_numbers(home: Path) -> None:
    """Caches are keyed by the content hash: a return on the log's last sale shows at once."""
    lines = pd.read_csv(SAMPLE_DIR / "order_lines.csv", dtype=str, keep_default_na=False)
    changed = lines.copy()
    plain_sale = ~lines["invoice_no"].str.startswith("C") & ~lines["quantity"].str.startswith("-")
    row = int(lines.index[plain_sale & (lines["customer_id"] != "")][-1])
    changed.loc[row, "quantity"] = "-1"
    workspace = Workspace(home)
    try:
        info = workspace.save(load(_csv(lines), file_name="orders.csv"), "orders")
    finally:
        workspace.close()
    before = new_app(PAGE, ds=info.id)
    workspace = Workspace(home)
    try:
        workspace.replace(info.id, load(_csv(changed), file_name="orders.csv"))
    finally:
        workspace.close()
    after = new_app(PAGE, ds=info.id)
    assert "91 returns" in captions(before) and "92 returns" in captions(after)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def test_hostile_item_and_customer_names_are_shown_as_text(home: Path) -> None:
    names = [BOLD, SALE, IMAGE, "tea"]
    rows = []
    for number in range(60):
        basket = [names[number % 2], names[2 + number % 2]] if number % 3 else names[:3]
        day = f"2024-0{1 + number % 6}-{10 + number % 15}"
        customer = f"{BOLD} {number % 12}"
        rows += [(f"o{number}", customer, day, item) for item in basket]
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "order_date", "sku"])
    mapping = Mapping({"order_id": ORDER, "customer_id": CUSTOMER, "order_date": DATE, "sku": ITEM})
    workspace = Workspace(home)
    try:
        info = workspace.save(load(_csv(frame), file_name="h.csv", mapping=mapping), "hostile")
    finally:
        workspace.close()
    for query in ({}, {"present": "1"}):
        at = new_app(PAGE, ds=info.id, **query)
        assert_shown_as_text(at, (BOLD, SALE))
