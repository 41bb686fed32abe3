"""The Forecast page in a real browser: every series by region, its accuracy table, and the
drill-down to one series, kept in the link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_data_upload import (
    FIRST_RUN_TIMEOUT,
    IDLE,
    expect_charts,
    screenshot,
    text,
)
from tests.e2e.test_walkthrough import sales_id, sample_ids  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e


def test_all_series_drill_down_is_drawn_and_kept_in_the_link(
    sales_id: str,  # noqa: F811 (the imported fixture)
    new_page: Page,
    app_url: str,
    output_dir: Path,
) -> None:
    page = new_page
    page.goto(f"{app_url}/Forecast?ds={sales_id}&segment=*region&horizon=14")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=text("fc_title"))).to_be_visible(
        timeout=FIRST_RUN_TIMEOUT
    )
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(main).to_contain_text("The model beats the seasonal naive forecast for")
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(3)
    expect_charts(page)

    box = main.get_by_role("combobox", name=text("fc_drill"))
    # A click alone left the box focused with its list closed (also on the committed code);
    # typing opens the list and keeps only the matching option.
    box.click()
    box.press_sequentially("West")
    page.get_by_role("option", name="West", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]series=West\b"))
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    expect(box).to_have_value("West")
    expect_charts(page)
    screenshot(page, output_dir / "forecast-all-series-west.png")
