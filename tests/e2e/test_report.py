"""The sidebar's Report action in a real browser: the sample's report built as HTML and
received as a file download."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_data_upload import FIRST_RUN_TIMEOUT, IDLE, text
from tests.e2e.test_walkthrough import sales_id, sample_ids  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e
BUILD_TIMEOUT = 900_000  # ms: every campaign, drivers, forecast and planner on two busy cores


def test_report_is_built_and_downloaded_as_html(
    sales_id: str,  # noqa: F811 (the imported fixture)
    new_page: Page,
    app_url: str,
    output_dir: Path,
) -> None:
    page = new_page
    page.goto(f"{app_url}/?ds={sales_id}")
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(text("rep_action"), exact=True).click()
    box = sidebar.get_by_role("combobox", name=text("rep_format"))
    # A click alone can leave the box focused with its list closed (as on the Forecast page);
    # typing opens the list and keeps only the matching option.
    box.click()
    box.press_sequentially("HTML")
    page.get_by_role("option", name="HTML (.html)").click()
    sidebar.get_by_role("button", name=text("rep_build")).click()
    download_button = sidebar.get_by_role("button", name="Download")
    expect(download_button).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    with page.expect_download() as caught:
        download_button.click()
    download = caught.value
    assert download.suggested_filename.endswith(".html")
    saved = output_dir / download.suggested_filename
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert f"<h2>{text('rep_sec_portfolio')}</h2>" in html
    assert html.count("data:image/png;base64,") >= 10
