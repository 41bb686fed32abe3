"""Every page in the navigation, on the sample workspace, in English and 简体中文, in normal and
presenter mode: the page finishes without an exception box, its charts are drawn with data, its
key numbers are on screen, and one screenshot per page and mode is saved.

The sample sales dataset is named in every link, so the walk does not depend on what other
browser tests uploaded before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from analytics.samples import SAMPLES
from tests.e2e.conftest import TIMEOUT, VIEWPORT
from tests.e2e.test_data_upload import (
    FIRST_RUN_TIMEOUT,
    IDLE,
    choose_dataset,
    expect_charts,
    screenshot,
    text,
    url_dataset,
)
from tests.zh_text import sample_for
from ui.chrome import NAVIGATION

pytestmark = pytest.mark.e2e

SALES_SAMPLE = SAMPLES[-1][1]
# Pages whose purpose is not a chart (the Data page manages files).
WITHOUT_CHARTS = {"pages/1_Data.py"}
# A number as the pages print them: 1,234 / 12.5% / ¥2.40 / 0.87.
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MODES = [("en", False), ("zh", False), ("en", True), ("zh", True)]


def url_campaign(url: str) -> str | None:
    """The campaign named in a URL's query string, if any."""
    return parse_qs(urlsplit(url).query).get("campaign", [None])[0]


def url_path(page_file: str) -> str:
    """Streamlit's URL for a page file: pages/2_Lift.py -> /Lift, app.py -> /."""
    if page_file == "app.py":
        return "/"
    return "/" + re.sub(r"^\d+_", "", Path(page_file).stem)


@pytest.fixture(scope="module")
def sales_id(sample_ids: dict[str, str]) -> str:
    """The sample sales dataset's id."""
    return sample_ids[SALES_SAMPLE]


@pytest.fixture(scope="module")
def sample_ids(browser: Browser, app_url: str) -> dict[str, str]:
    """Every sample dataset's id by name, each chosen in the sidebar as a user would."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(app_url)
        expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
        return {name: choose_dataset(page, name) for _, name in reversed(SAMPLES)}
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "presenter"), MODES, ids=["en", "zh", "en-presenter", "zh-presenter"]
)
@pytest.mark.parametrize("page_file", [entry[1] for entry in NAVIGATION])
def test_every_page_in_every_mode(
    page_file: str,
    lang: str,
    presenter: bool,
    sample_ids: dict[str, str],
    new_page: Page,
    app_url: str,
    output_dir: Path,
) -> None:
    page = new_page
    dataset = sample_ids[sample_for(page_file)]
    query = f"ds={dataset}&lang={lang}" + ("&present=1" if presenter else "")
    page.goto(f"{app_url}{url_path(page_file)}?{query}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading").first).to_be_visible(timeout=FIRST_RUN_TIMEOUT)
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    if page_file in WITHOUT_CHARTS:
        # Presenter mode shows tables as static text in its large type, not the data grid.
        table = "stTable" if presenter else "stDataFrame"
        expect(page.get_by_test_id(table).first).to_be_visible()
    else:
        expect_charts(page)
    # Text content, not inner text: tables keep their cells in an accessible, unpainted grid.
    expect(main).to_contain_text(NUMBER)
    if presenter:
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    mode = f"{lang}-presenter" if presenter else lang
    screenshot(page, output_dir / f"walk-{Path(page_file).stem}-{mode}.png")


def test_a_copied_lift_link_reopens_the_same_campaign(
    sales_id: str, new_context: Callable[[], BrowserContext], app_url: str
) -> None:
    page = new_context().new_page()
    page.goto(f"{app_url}/Lift?ds={sales_id}")
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    campaign = page.get_by_test_id("stMain").get_by_role("combobox", name=text("campaign_label"))
    campaign.click()
    options = page.get_by_role("option")
    chosen = options.nth(options.count() - 1).inner_text()
    options.nth(options.count() - 1).click()
    expect(campaign).to_have_value(chosen)
    # The first campaign is in the URL from the first run, so wait for the chosen one's run.
    page.wait_for_url(lambda url: url_campaign(url) == chosen, timeout=FIRST_RUN_TIMEOUT)
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)

    other = new_context().new_page()
    other.goto(page.url)
    expect(other.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    again = other.get_by_test_id("stMain").get_by_role("combobox", name=text("campaign_label"))
    expect(again).to_have_value(chosen)
    expect_charts(other)
    assert url_dataset(other) == sales_id


def test_the_campaign_table_downloads_as_safe_csv(
    sales_id: str, new_context: Callable[[], BrowserContext], app_url: str
) -> None:
    """Downloads are made when clicked (not on every run): the file still arrives, whole."""
    page = new_context().new_page()
    page.goto(f"{app_url}/?ds={sales_id}")
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    page.get_by_text(text("lft_table_details")).click()  # every column is in the details
    button = page.get_by_role("button", name=text("download_table")).first
    with page.expect_download(timeout=FIRST_RUN_TIMEOUT) as download_info:
        button.click()
    content = Path(download_info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert "Campaign" in lines[0]
    assert any("Member Week" in line for line in lines[1:])
