"""Roles from English and Chinese column names and from the values; the outcome metric."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import fixture_path, load_fixture

from analytics.ingest.inference import infer_mapping, infer_roles
from analytics.ingest.issues import has_errors
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.ingest.roles import (
    CALENDAR,
    CAMPAIGN,
    COST,
    CUSTOMER,
    DATE,
    DIMENSION,
    DISCOUNT,
    ENTITIES,
    EVENTS,
    EXPERIMENT,
    FLAG,
    ID,
    IGNORE,
    ITEM,
    MARGIN,
    METRIC,
    ORDER,
    PANEL,
    PRICE,
    PROMO_FLAG,
    SPEND,
    VARIANT,
    Mapping,
    choose_outcome,
    dataset_kind,
    name_role,
)
from sample_data.experiments import ab_users


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
        ("id", ID), ("序号", ID), ("Unnamed: 0", ID), ("session_id", ID),
        ("customer_id", CUSTOMER), ("userid", CUSTOMER), ("会员编号", CUSTOMER), ("客户", CUSTOMER),
        ("order_id", ORDER), ("ticket_no", ORDER), ("订单号", ORDER), ("orders", METRIC),
        ("订单数", METRIC), ("variant", VARIANT), ("test_group", VARIANT), ("分组", VARIANT),
        ("quarter", CALENDAR), ("yr_nbr", CALENDAR), ("季度", CALENDAR), ("星期", CALENDAR),
        ("Holiday_Flag", FLAG), ("is_holiday", FLAG), ("是否节假日", FLAG),
        ("line_amount", METRIC), ("金额", METRIC), ("store_id", DIMENSION),
        ("notes", None),
    ],
)  # fmt: skip
def test_name_role(name: str, role: str | None) -> None:
    assert name_role(name) == role


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
    roles = _roles(
        b"order_date,ship_date,revenue\n2024-01-01,2024-01-03,5\n2024-01-02,2024-01-05,6\n"
    )
    assert roles == {"order_date": DATE, "ship_date": IGNORE, "revenue": METRIC}


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


def _roles(content: bytes) -> dict[str, str]:
    raw = read_table(content, file_name="t.csv")
    return infer_mapping(raw, profile(raw)).roles


def _reasons(content: bytes) -> dict[str, tuple[str, str, dict]]:
    raw = read_table(content, file_name="t.csv")
    guesses = infer_roles(raw, profile(raw))
    return {name: (g.role, g.reason, g.detail) for name, g in guesses.items()}


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def test_columns_that_restate_the_calendar_are_found_by_their_values() -> None:
    days = pd.date_range("2021-10-01", "2022-12-31", freq="D")
    frame = pd.DataFrame({
        "day": days.strftime("%Y-%m-%d"),
        "label": [f"{d.year}Q{d.quarter}" for d in days],
        "m": days.month,
        "wd": days.strftime("%A"),
        "y": days.year,
        "sales": np.arange(len(days)) % 17 + 100.5,
    })  # fmt: skip
    reasons = _reasons(_csv(frame))
    assert reasons["label"] == (
        CALENDAR,
        "values_date_part",
        {"part": "year_quarter", "date": "day"},
    )
    assert reasons["m"] == (CALENDAR, "values_date_part", {"part": "month", "date": "day"})
    assert reasons["wd"][:2] == (CALENDAR, "values_date_part")
    assert reasons["wd"][2]["part"] == "weekday"
    assert reasons["y"][2]["part"] == "year"
    assert reasons["sales"] == (METRIC, "name", {})


def test_month_numbers_over_a_single_year_are_calendar_but_a_monthly_metric_is_not() -> None:
    months = pd.date_range("2023-01-01", periods=12, freq="MS")
    frame = pd.DataFrame(
        {
            "period_start": months.strftime("%Y-%m-%d"),
            "mm": months.month,
            "visits": [310, 290, 400, 380, 350, 420, 480, 460, 390, 370, 410, 500],
        }
    )
    roles = _roles(_csv(frame))
    assert (roles["mm"], roles["visits"]) == (CALENDAR, METRIC)


def test_an_integer_code_repeated_once_per_date_is_a_segment() -> None:
    weeks = pd.date_range("2024-01-05", periods=30, freq="W-FRI")
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        "wk": np.tile(weeks.strftime("%Y-%m-%d"), 8),
        "site": np.repeat(np.arange(101, 109), 30),
        "visitors": rng.integers(50, 500, 240),
        "basket_value": rng.gamma(3, 10, 240).round(2),
    })  # fmt: skip
    reasons = _reasons(_csv(frame))
    assert reasons["site"] == (DIMENSION, "values_per_date", {"date": "wk"})
    assert reasons["visitors"][0] == METRIC  # integers too, but repeated within a date
    assert reasons["basket_value"][0] == METRIC


def test_flags_from_zero_one_yes_no_and_chinese() -> None:
    frame = pd.DataFrame({
        "date": pd.date_range("2024-01-01", periods=6).strftime("%Y-%m-%d"),
        "Urban": ["Yes", "No", "Yes", "Yes", "No", "No"],
        "rainy": [0, 1, 0, 0, 1, 0],
        "是否节假日": ["是", "否", "否", "否", "否", "是"],
        "sales": [5.0, 6.0, 7.0, 5.5, 6.5, 7.5],
    })  # fmt: skip
    dataset = load(_csv(frame), file_name="flags.csv")
    roles = dataset.mapping.roles
    assert (roles["Urban"], roles["rainy"], roles["是否节假日"]) == (FLAG, FLAG, FLAG)
    assert dataset.frame["Urban"].tolist() == [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
    assert dataset.frame["是否节假日"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]


def test_identifiers_are_never_metrics() -> None:
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({
        "": np.arange(1, 41),
        "ref": [f"R-{i:06d}" for i in rng.permutation(40)],
        "userid": rng.permutation(np.arange(7000, 7040)),
        "spend": rng.gamma(2, 5, 40).round(2),
    })  # fmt: skip
    reasons = _reasons(_csv(frame))
    assert reasons["column_1"][:2] == (ID, "values_sequence")
    assert reasons["ref"] == (ID, "values_unique", {"count": 40})
    assert reasons["userid"] == (ID, "name_unique", {"named": CUSTOMER})
    assert reasons["spend"][0] == SPEND


def test_arms_are_found_by_the_control_label() -> None:
    frame = pd.DataFrame(
        {
            "cell": ["Control", "B", "C", "B", "Control", "C"] * 4,
            "converted": [0, 1, 0, 0, 1, 1] * 4,
        }
    )
    reasons = _reasons(_csv(frame))
    assert reasons["cell"] == (VARIANT, "values_arms", {"control": "Control"})


SHAPES = "shapes/"


@pytest.mark.parametrize(
    ("name", "kind", "roles", "outcome"),
    [
        ("advertising_by_market.csv", ENTITIES,
         {"column_1": ID, "TV": METRIC, "radio": METRIC, "newspaper": METRIC, "sales": METRIC},
         "sales"),
        ("store_attributes.csv", ENTITIES,
         {"store_name": ID, "region": DIMENSION, "Urban": FLAG, "size_sqm": METRIC,
          "revenue": METRIC}, "revenue"),
        ("weekly_stores.csv", PANEL,
         {"Store": DIMENSION, "Date": DATE, "Weekly_Sales": METRIC, "Holiday_Flag": FLAG,
          "Temperature": METRIC, "CPI": METRIC}, "Weekly_Sales"),
        ("daily_calendar_columns.csv", PANEL,
         {"date": DATE, "quarter": CALENDAR, "month": CALENDAR, "week": CALENDAR,
          "year": CALENDAR, "weekday": CALENDAR, "region": DIMENSION, "sales": METRIC}, "sales"),
        ("tickets.csv", EVENTS,
         {"ticket_no": ORDER, "date": DATE, "shop": DIMENSION, "amount": METRIC}, "amount"),
        ("order_lines.csv", EVENTS,
         {"order_id": ORDER, "customer_id": CUSTOMER, "order_date": DATE, "sku": ITEM,
          "quantity": METRIC, "unit_price": PRICE, "line_amount": METRIC}, "line_amount"),
        ("ab_test_users.csv", EXPERIMENT,
         {"userid": ID, "group": VARIANT, "converted": FLAG, "revenue": METRIC}, "revenue"),
        ("experiment_gbk.csv", EXPERIMENT,
         {"用户ID": ID, "分组": VARIANT, "是否购买": FLAG, "消费金额": METRIC}, "消费金额"),
    ],
)  # fmt: skip
def test_every_shape_is_read_into_its_roles_and_kind(
    name: str, kind: str, roles: dict[str, str], outcome: str
) -> None:
    dataset = load_fixture(SHAPES + name)
    assert dataset.mapping.roles == roles
    assert dataset.mapping.outcome == outcome
    assert dataset_kind(dataset.mapping) == kind
    assert not has_errors(dataset.issues), [i.message for i in dataset.issues]


def test_values_of_the_shapes_parse() -> None:
    stores = load_fixture(SHAPES + "weekly_stores.csv")
    frame = stores.frame
    assert frame["Store"].nunique() == 45 and frame["Store"].iloc[0] == "1"
    assert str(frame["Date"].iloc[1])[:10] == "2021-02-12"  # 12-02-2021 read day first
    assert frame.groupby("Date")["Store"].nunique().eq(45).all()
    assert frame["Holiday_Flag"].isin([0.0, 1.0]).all()
    orders = load_fixture(SHAPES + "order_lines.csv").frame
    assert (orders["quantity"] * orders["unit_price"]).round(2).equals(orders["line_amount"])
    assert orders["order_id"].iloc[0] == "SO-00001"
    experiment = load_fixture(SHAPES + "experiment_gbk.csv")
    assert experiment.raw.encoding in ("gb18030", "gbk")
    assert set(experiment.frame["分组"]) == {"对照组", "实验组"}


def test_a_dated_ab_export_keeps_its_roles_against_the_date() -> None:
    """Many users a day: unique ids, arms, a 0/1 outcome and mostly-zero amounts are not read
    as calendar parts or per-date codes (the checks the date column runs on long files)."""
    frame = ab_users(seed=5, users=30_000)
    dataset = load(_csv(frame), file_name="ab.csv")
    assert dataset.mapping.roles == {
        "user_id": ID, "assigned_date": DATE, "variant": VARIANT, "platform": DIMENSION,
        "pre_revenue": METRIC, "converted": FLAG, "orders": METRIC, "revenue": METRIC,
    }  # fmt: skip
