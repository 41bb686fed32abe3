"""Campaigns from an uploaded campaign table instead of the sales file's campaign column."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from corpus import GROUND_TRUTH
from corpus import SAMPLE_DATA as SAMPLE

from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.lift.campaign_table import looks_like_campaign_table, read_campaign_table
from analytics.lift.reports import measure, measure_each, reports_or_raise
from analytics.selection import campaigns_in

TRUTH = GROUND_TRUTH["campaigns"]


@pytest.fixture(scope="module")
def sales():
    return load(SAMPLE / "sales_daily.csv")


@pytest.fixture(scope="module")
def table(sales):
    return read_campaign_table(load(SAMPLE / "campaigns.csv").frame, sales.frame, sales.mapping)


def test_the_sample_table_is_recognised_and_the_sales_file_is_not(sales):
    assert looks_like_campaign_table(list(load(SAMPLE / "campaigns.csv").frame.columns))
    assert not looks_like_campaign_table(list(sales.frame.columns))
    assert looks_like_campaign_table(["活动名称", "渠道", "开始日期", "结束日期", "投放金额"])


def test_table_campaigns_match_the_campaign_column(sales, table):
    columns = table.columns
    assert (columns.name, columns.start, columns.end) == ("name", "start", "end")
    assert (columns.spend, columns.channel) == ("spend", "channel")
    assert columns.segments == {"target_regions": "region", "target_categories": "category"}
    from_column = {c.name: c for c in campaigns_in(sales.frame, sales.mapping)}
    assert [c.name for c in table.campaigns] == list(from_column)
    for campaign in table.campaigns:
        assert campaign == from_column[campaign.name]
    assert table.spend == {c["name"]: c["spend"] for c in TRUTH}
    assert table.channel["Member Week"] == "social"
    planted = {c["channel"]: 0.0 for c in TRUTH}
    for c in TRUTH:
        planted[c["channel"]] += c["spend"]
    assert table.spend_by_channel().to_dict() == planted


def test_spend_comes_from_the_table_and_the_lift_is_unchanged(sales, table):
    with_table = measure(sales.frame, sales.mapping, "revenue", campaign="Member Week", table=table)
    from_column = measure(sales.frame, sales.mapping, "revenue", campaign="Member Week")
    planted = next(c["spend"] for c in TRUTH if c["name"] == "Member Week")
    assert with_table.roi.spend == planted
    assert with_table.roi.roas == pytest.approx(with_table.lift.abs_effect / planted)
    assert with_table.lift.abs_effect == pytest.approx(from_column.lift.abs_effect)
    assert with_table.lift.abs_effect_ci == pytest.approx(from_column.lift.abs_effect_ci)


def test_every_campaign_is_measured_with_its_table_spend(sales, table):
    reports = reports_or_raise(measure_each(sales.frame, sales.mapping, "revenue", table=table))
    assert {r.lift.campaign: r.roi.spend for r in reports} == table.spend
    for report in reports:
        truth = next(c for c in TRUTH if c["name"] == report.lift.campaign)
        low, high = report.lift.abs_effect_ci
        assert low <= truth["true_incremental_revenue"] <= high


def test_chinese_headers_and_all_markers(sales):
    frame = pd.DataFrame(
        {
            "活动名称": ["春季上新", "会员周"],
            "开始日期": ["2024-04-08", "2024/9/9"],
            "结束日期": ["2024-04-21", "2024/9/15"],
            "目标地区": ["East、South", "全部"],
            "品类": ["Apparel", "Apparel|Electronics|Home"],
            "投放金额": ["70,000", "60000"],
        }
    )
    table = read_campaign_table(frame, sales.frame, sales.mapping)
    spring, member = table.campaigns
    assert spring.segment == {"region": ("East", "South"), "category": ("Apparel",)}
    assert member.segment == {}
    assert (member.start, member.end) == (pd.Timestamp("2024-09-09"), pd.Timestamp("2024-09-15"))
    assert table.spend == {"春季上新": 70_000.0, "会员周": 60_000.0}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_regions": "East|Mars"}, "targets region 'Mars', which the sales data does not"),
        ({"end": "2024-04-01"}, "ends before it starts"),
        ({"start": "someday"}, "no readable start or end date"),
    ],
)
def test_table_errors_say_what_to_fix(sales, change, message):
    frame = load(SAMPLE / "campaigns.csv").frame.head(1).copy()
    frame["end"] = frame["end"].astype("string")
    frame["start"] = frame["start"].astype("string").str[:10]
    for column, value in change.items():
        frame[column] = value
    with pytest.raises(UserInputError, match=message):
        read_campaign_table(frame, sales.frame, sales.mapping)


def test_a_table_without_an_end_column_is_not_a_campaign_table(sales):
    frame = pd.DataFrame({"name": ["A"], "start": ["2024-04-08"], "spend": [1.0]})
    with pytest.raises(UserInputError, match="it has no end column"):
        read_campaign_table(frame, sales.frame, sales.mapping)


def test_cli_campaigns_take_the_table(capsys):
    from analytics.cli.lift import LIFT_FIELDS
    from analytics.cli.main import main

    code = main(
        ["campaigns", str(SAMPLE / "sales_daily.csv"), "--metric", "revenue", "--json",
         "--campaign-table", str(SAMPLE / "campaigns.csv")]
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)["campaigns"]
    assert code == 0 and all(tuple(row) == LIFT_FIELDS for row in data)
    assert {row["campaign"]: row["spend"] for row in data} == {c["name"]: c["spend"] for c in TRUTH}


def test_a_target_column_matching_no_dimension_is_refused(sales):
    frame = pd.DataFrame(
        {"name": ["A"], "start": ["2024-04-08"], "end": ["2024-04-21"], "target_city": ["Paris"]}
    )
    with pytest.raises(UserInputError, match="'target_city' names segments the sales data does"):
        read_campaign_table(frame, sales.frame, sales.mapping)
