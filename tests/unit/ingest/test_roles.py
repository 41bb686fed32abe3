"""Roles from English and Chinese column names and from the values; the outcome metric."""

from __future__ import annotations

import pytest
from corpus import fixture_path

from analytics.ingest.load import infer_mapping, profile
from analytics.ingest.reading import read_table
from analytics.ingest.roles import (
    CAMPAIGN,
    COST,
    DATE,
    DIMENSION,
    DISCOUNT,
    IGNORE,
    MARGIN,
    METRIC,
    PRICE,
    PROMO_FLAG,
    SPEND,
    Mapping,
    choose_outcome,
    infer_role,
    name_role,
    single_date_column,
)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("date", DATE), ("Order Date", DATE), ("日期", DATE), ("week", DATE), ("wk_strt_dt", DATE),
        ("store", DIMENSION), ("门店", DIMENSION), ("渠道", DIMENSION), ("Region", DIMENSION),
        ("revenue", METRIC), ("销售额", METRIC), ("销量", METRIC), ("visits", METRIC),
        ("conversions", METRIC), ("转化", METRIC), ("访问量", METRIC),
        ("spend", SPEND), ("花费", SPEND), ("投放金额", SPEND), ("cost", SPEND), ("tv_S", SPEND),
        ("Channel0_spend", SPEND), ("mdsp_dm", SPEND),
        ("campaign", CAMPAIGN), ("活动", CAMPAIGN),
        ("discount", DISCOUNT), ("折扣", DISCOUNT), ("mrkdn_pdm", DISCOUNT),
        ("price", PRICE), ("价格", PRICE),
        ("promo_flag", PROMO_FLAG), ("促销", PROMO_FLAG),
        ("gross margin", MARGIN), ("毛利率", MARGIN),
        ("unit cost", COST), ("成本", COST),
        ("id", IGNORE), ("序号", IGNORE), ("Unnamed: 0", IGNORE),
        ("notes", None),
    ],
)  # fmt: skip
def test_name_role(name: str, role: str | None) -> None:
    assert name_role(name) == role


@pytest.mark.parametrize(
    ("name", "kind", "distinct", "n_values", "binary", "role"),
    [
        ("date", "date", 10, 10, False, DATE),
        ("created", "date", 10, 10, False, DATE),
        ("revenue", "date", 10, 10, False, IGNORE),
        ("revenue", "number", 10, 10, False, METRIC),
        ("spend", "number", 10, 10, False, SPEND),
        ("profit", "number", 10, 10, False, METRIC),
        ("promo", "number", 2, 10, True, PROMO_FLAG),
        ("store", "text", 3, 100, False, DIMENSION),
        ("campaign", "text", 3, 100, False, CAMPAIGN),
        ("comment", "text", 5, 100, False, DIMENSION),
        ("comment", "text", 900, 1000, False, IGNORE),
        ("id", "number", 10, 10, False, IGNORE),
        ("week", "number", 52, 104, False, IGNORE),
        ("revenue", "empty", 0, 0, False, IGNORE),
    ],
)  # fmt: skip
def test_infer_role_combines_name_and_values(
    name: str, kind: str, distinct: int, n_values: int, binary: bool, role: str
) -> None:
    assert infer_role(name, kind, distinct, n_values, binary) == role


@pytest.mark.parametrize(
    ("metrics", "outcome"),
    [
        (["units", "revenue", "visits"], "revenue"),
        (["conversions", "revenue_per_conversion", "Channel0_impression"], "conversions"),
        (["mdip_dm", "sales", "me_ics_all"], "sales"),
        (["销量", "销售额"], "销售额"),
        (["competitor_sales_B", "revenue"], "revenue"),
        (["conversion_rate", "visits"], "conversion_rate"),
        ([], None),
    ],
)
def test_choose_outcome_prefers_revenue_then_conversions(
    metrics: list[str], outcome: str | None
) -> None:
    assert choose_outcome(metrics) == outcome


def test_only_the_first_date_column_is_the_date() -> None:
    roles = {"order_date": DATE, "ship_date": DATE, "revenue": METRIC}
    assert single_date_column(roles) == {
        "order_date": DATE, "ship_date": IGNORE, "revenue": METRIC
    }  # fmt: skip


def test_mapping_round_trips_through_a_dict() -> None:
    mapping = Mapping({"日期": DATE, "销售额": METRIC, "花费": SPEND}, "销售额", "dmy")
    again = Mapping.from_dict(mapping.to_dict())
    assert again == mapping
    assert again.date_column == "日期"
    assert again.columns(SPEND) == ["花费"]
    assert Mapping({"x": METRIC}).date_column is None


def test_infer_mapping_on_a_chinese_export() -> None:
    raw = read_table(fixture_path("gbk_chinese.csv"))
    mapping = infer_mapping(raw, profile(raw))
    assert mapping.roles == {
        "日期": DATE,
        "门店": DIMENSION,
        "销售额": METRIC,
        "销量": METRIC,
        "花费": SPEND,
        "活动": CAMPAIGN,
        "折扣": DISCOUNT,
    }
    assert mapping.outcome == "销售额"


@pytest.mark.parametrize(
    ("name", "roles", "outcome"),
    [
        ("utf8_basic.csv",
         {"date": DATE, "store": DIMENSION, "revenue": METRIC, "units": METRIC, "spend": SPEND,
          "campaign": CAMPAIGN, "discount": DISCOUNT}, "revenue"),
        ("pipe_delimited.csv",
         {"date": DATE, "channel": DIMENSION, "visits": METRIC, "conversions": METRIC,
          "spend": SPEND}, "conversions"),
        ("tab_separated.tsv",
         {"date": DATE, "category": DIMENSION, "sales": METRIC, "cost": SPEND}, "sales"),
        ("currency.csv",
         {"date": DATE, "revenue": METRIC, "spend": SPEND, "price": PRICE, "discount": DISCOUNT},
         "revenue"),
        ("dates_iso_week.csv", {"week": DATE, "sales": METRIC, "spend": SPEND}, "sales"),
        ("dates_monthly.csv", {"month": DATE, "revenue": METRIC, "spend": SPEND}, "revenue"),
        ("no_date_column.csv", {"store": DIMENSION, "revenue": METRIC, "spend": SPEND}, "revenue"),
    ],
)  # fmt: skip
def test_infer_mapping_on_the_corpus(name: str, roles: dict[str, str], outcome: str) -> None:
    raw = read_table(fixture_path(name))
    mapping = infer_mapping(raw, profile(raw))
    assert mapping.roles == roles
    assert mapping.outcome == outcome
