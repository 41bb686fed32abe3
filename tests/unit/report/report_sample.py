"""The sample's report content, gathered once per test process (about a minute of fits)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from analytics.cli.arguments import read_file
from analytics.report.content import ReportContent, gather_report

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_data" / "sales_daily.csv"
CHOSEN = ("618 Mega Sale", "Double 11 Warm-up")


@cache
def sample_content() -> ReportContent:
    """Every campaign measured, two of them with pages (and checks)."""
    dataset = read_file(str(SAMPLE))
    return gather_report(dataset.frame, dataset.mapping, SAMPLE.name, campaigns=CHOSEN)


UPLOAD_CAMPAIGN = "春季<新品> & 上市"  # a name from the file that HTML must escape


def chinese_upload() -> bytes:
    """A user's export: one region of the sample (two categories, five campaigns) with Chinese
    headers, one campaign renamed with markup characters, encoded in GBK."""
    import pandas as pd

    frame = pd.read_csv(SAMPLE)
    frame = frame[(frame["region"] == "East") & frame["category"].isin(["Apparel", "Home"])]
    frame = frame.drop(columns=["region"]).rename(
        columns={"date": "日期", "category": "品类", "visits": "访问", "orders": "订单",
                 "units": "销量", "revenue": "销售额", "price": "价格", "discount": "折扣",
                 "promo_flag": "促销", "campaign": "活动"}
    )  # fmt: skip
    frame["活动"] = frame["活动"].replace("Spring Launch", UPLOAD_CAMPAIGN)
    return frame.to_csv(index=False).encode("gbk")
