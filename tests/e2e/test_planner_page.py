"""The Planner page in a real browser: response curves, budget split, what-if and discount views
are drawn by Plotly with data, each opened from a link."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analytics.samples import SAMPLES
from tests.e2e.test_data_upload import (
    FIRST_RUN_TIMEOUT,
    IDLE,
    choose_dataset,
    expect_charts,
    screenshot,
    text,
)

pytestmark = pytest.mark.e2e

VIEWS = {
    "curves": "",
    "budget": "&pl_budget=1600000",
    "whatif": "&pl_spend=150000&pl_discount=10&pl_start=2026-01-05&pl_end=2026-01-18",
    "discount": "",
    "track": "&pl_track=1",
}


def test_every_planner_view_draws_its_charts(
    new_page: Page, app_url: str, output_dir: Path
) -> None:
    page = new_page
    page.goto(f"{app_url}/Planner")
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    sales_id = choose_dataset(page, SAMPLES[-1][1])
    for view, query in VIEWS.items():
        page.goto(f"{app_url}/Planner?ds={sales_id}&pl_view={view}{query}")
        expect(page.get_by_role("heading", name=text(f"plan_section_{view}"))).to_be_visible(
            timeout=FIRST_RUN_TIMEOUT
        )
        expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect_charts(page)
        screenshot(page, output_dir / f"planner-{view}.png")
