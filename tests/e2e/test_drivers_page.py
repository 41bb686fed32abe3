"""The Drivers page in a real browser: every SHAP view (importance, beeswarm, dependence, one-row
waterfall) is drawn by Plotly with data, and the row picked in the link is the waterfall's."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analytics.samples import SAMPLES
from tests.e2e.test_data_upload import (
    FIRST_RUN_TIMEOUT,
    IDLE,
    choose_dataset,
    screenshot,
    text,
)

pytestmark = pytest.mark.e2e

TABS = ("drv_tab_importance", "drv_tab_beeswarm", "drv_tab_dependence", "drv_tab_waterfall")


def open_sales_sample(page: Page, app_url: str) -> str:
    """Open the Drivers page on the sample sales dataset (chosen in the sidebar); its id."""
    page.goto(f"{app_url}/Drivers")
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    return choose_dataset(page, SAMPLES[-1][1])


def test_every_shap_view_is_drawn(new_page: Page, app_url: str, output_dir: Path) -> None:
    page = new_page
    sales_id = open_sales_sample(page, app_url)
    page.goto(f"{app_url}/Drivers?ds={sales_id}&row=2024-06-18|East|Electronics")
    expect(page.get_by_role("heading", name=text("drv_title"))).to_be_visible(
        timeout=FIRST_RUN_TIMEOUT
    )
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    for key in TABS:
        page.get_by_role("tab", name=text(key)).click()
        panel = page.get_by_role("tabpanel", name=text(key))
        chart = panel.get_by_test_id("stPlotlyChart")
        expect(chart).to_be_visible()
        expect(chart.locator(".js-plotly-plot g.trace path").first).to_be_attached()
        if key == "drv_tab_beeswarm":
            # The hover names the feature (passed as data, not written into the template).
            chart.locator("g.trace.scatter path.point").first.hover(force=True)
            hover = chart.locator(".hoverlayer")
            expect(hover).to_contain_text("SHAP")
            expect(hover).to_contain_text(" = ")
            expect(hover).not_to_contain_text("fullData")
        screenshot(page, output_dir / f"drivers-{key.removeprefix('drv_tab_')}.png")
    waterfall = page.get_by_role("tabpanel", name=text("drv_tab_waterfall"))
    expect(waterfall.locator(".gtitle")).to_contain_text("2024-06-18 · East · Electronics")
