"""The sample datasets installed into a new workspace, so every page works before any upload."""

from __future__ import annotations

from pathlib import Path

from analytics.ingest.load import load
from analytics.workspace import Workspace

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
# Installed in this order; the last one is the newest, so it opens first.
SAMPLES = (
    ("geo_test_sample.csv", "Sample · geo test by city 示例城市实验"),
    ("ab_test_sample.csv", "Sample · A/B test export 示例A/B实验"),
    ("customer_campaign.csv", "Sample · customers and a campaign's response 示例客户响应"),
    ("customer_orders.csv", "Sample · customer orders 示例客户订单"),
    ("order_lines.csv", "Sample · order lines 示例订单明细"),
    ("campaigns.csv", "Sample · campaign calendar 示例活动表"),
    ("sales_daily.csv", "Sample · daily sales by region and category 示例日销售"),
)
INSTALLED_FLAG = "samples_installed"


def sample_name(path: str | Path) -> str | None:
    """The installed name of the sample file at ``path`` (the app shows it in the reader's
    language, as ``ui.workspace.shown_name`` does), None for any other file."""
    found = Path(path).expanduser().resolve()
    for file_name, name in SAMPLES:
        if found == (SAMPLE_DIR / file_name).resolve():
            return name
    return None


def install_samples(workspace: Workspace) -> bool:
    """Install the samples once per workspace (all or nothing); False if they were already."""
    if workspace.flag(INSTALLED_FLAG):  # the usual case, without reading the sample files
        return False
    items = [(load(SAMPLE_DIR / file_name), name) for file_name, name in SAMPLES]
    return workspace.save_many(items, flag=INSTALLED_FLAG)
