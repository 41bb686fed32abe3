"""The app in a real browser: presenter mode in Chinese from a link, the home page, an upload
saved from the Data page, and the link to the new dataset opened in another browser.

The presenter test comes first: it sees the fresh workspace (samples only), whose newest dataset
is the one selected when a link names none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from ui.i18n import STRINGS
from ui.workspace import SAMPLE_KEYS

pytestmark = pytest.mark.e2e

TIMEOUT = 60_000  # ms: two slow cores
# The home page's first run in a fresh workspace also installs the samples and fits their lift.
FIRST_RUN_TIMEOUT = 150_000
HOME_TITLE = "overview_title"  # the i18n key of app.py's title
# The app root's script state in this Streamlit version: initial, running, notRunning, ...
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
UPLOAD_NAME = "门店日销售.csv"
DATASET_NAME = "门店日销售"
ROWS = 60


def text(key: str, lang: str = "en", **params: object) -> str:
    """What the app shows for an i18n key (the tests follow wording changes)."""
    return STRINGS[key][lang].format(**params)


def wait_until_idle(page: Page, landmark: Locator, timeout: float = TIMEOUT) -> None:
    """The script has drawn ``landmark`` and is not running any more; nothing failed."""
    expect(landmark).to_be_visible(timeout=timeout)
    expect(page.locator(IDLE)).to_have_count(1, timeout=timeout)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def expect_charts(page: Page) -> None:
    """At least one Plotly chart, and every one drawn with at least one trace (lines, bars and
    markers draw paths; a heat map draws an image)."""
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    drawn = page.locator(".js-plotly-plot g.trace path, .js-plotly-plot g.hm image")
    expect(charts.filter(has_not=drawn)).to_have_count(0)


def sidebar_dataset(page: Page) -> Locator:
    """The sidebar's dataset select box (its input holds the chosen dataset's name)."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=text("dataset"))


def url_dataset(page: Page) -> str:
    """The dataset id in the page's query string."""
    (dataset_id,) = parse_qs(urlsplit(page.url).query)["ds"]
    return dataset_id


def choose_dataset(page: Page, name: str) -> str:
    """Choose a dataset in the sidebar as a user would; its id, once the page has rerun on it.

    The page's caption names the dataset on screen; the URL (which the same run updates, and
    earlier) is only read once the caption shows the new name, not while the old run is idle.
    A sample is shown under its English name (the page opens in English)."""
    shown = text(SAMPLE_KEYS[name]) if name in SAMPLE_KEYS else name
    box = sidebar_dataset(page)
    box.click()
    page.get_by_role("option", name=shown, exact=True).click()
    expect(box).to_have_value(shown)
    expect(page.get_by_test_id("stMain")).to_contain_text(shown, timeout=FIRST_RUN_TIMEOUT)
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    return url_dataset(page)


def screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main element, so full_page=True alone would
    stop at the window; the window is made as tall as the content for the shot."""
    size = page.viewport_size or {"width": 1400, "height": 900}
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    try:
        page.screenshot(path=path)
    finally:
        page.set_viewport_size(size)


def gbk_csv(folder: Path) -> Path:
    """A store export as Chinese spreadsheet tools write it: GBK, Chinese headers, CRLF."""
    start = dt.date(2025, 3, 1)
    lines = ["日期,门店,销售额,花费"]
    for day in range(ROWS):
        date, store = start + dt.timedelta(days=day), ("北京店", "上海店")[day % 2]
        lines.append(f"{date},{store},{1000 + day * 17.5:.2f},{100 + day % 7 * 3}")
    path = folder / UPLOAD_NAME
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def test_presenter_mode_in_chinese(new_page: Page, app_url: str, output_dir: Path) -> None:
    # ui/chrome.py reads both itself: present accepts 1/true/yes/on, lang a language code.
    page = new_page
    page.goto(f"{app_url}/?present=true&lang=zh")
    title = page.get_by_role("heading", name=text(HOME_TITLE, "zh"))
    wait_until_idle(page, title, FIRST_RUN_TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(sidebar).not_to_be_in_viewport()
    expect_charts(page)
    screenshot(page, output_dir / "home_presenter_zh.png")


def test_home_then_upload_on_data_page(
    new_page: Page,
    new_context: Callable[[], BrowserContext],
    app_url: str,
    output_dir: Path,
    tmp_path: Path,
) -> None:
    page = new_page
    page.goto(app_url)
    wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)), FIRST_RUN_TIMEOUT)
    expect_charts(page)
    expect(page).to_have_url(re.compile(r"[?&]ds=\w+"))
    sample_id = url_dataset(page)
    screenshot(page, output_dir / "home.png")

    page.get_by_test_id("stSidebar").get_by_role("link", name=text("page_data"), exact=True).click()
    upload_header = page.get_by_role("heading", name=text("upload_header"))
    wait_until_idle(page, upload_header)
    expect(page).to_have_url(re.compile(r"/Data\?"))

    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(gbk_csv(tmp_path))
    expect(page.get_by_role("heading", name=text("mapping_header"))).to_be_visible()
    save = page.get_by_role("button", name=text("save_button"))
    expect(save).to_be_enabled()
    expect(page.get_by_text(text("validation_ok"), exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    save.click()

    saved = page.get_by_text(text("saved", name=DATASET_NAME, rows=ROWS), exact=True)
    wait_until_idle(page, saved)
    expect(sidebar_dataset(page)).to_have_value(DATASET_NAME)
    screenshot(page, output_dir / "data_saved.png")

    # The link now names the new dataset...
    expect(page).to_have_url(re.compile(rf"[?&]ds=(?!{sample_id}\b)\w+"))
    dataset_id = url_dataset(page)
    # ...and opens it in a browser that never saw this session.
    other = new_context().new_page()
    other.goto(page.url)
    wait_until_idle(other, other.get_by_role("heading", name=text("upload_header")))
    expect(sidebar_dataset(other)).to_have_value(DATASET_NAME)
    assert url_dataset(other) == dataset_id

    # The new dataset drives the Overview page.
    page.get_by_test_id("stSidebar").get_by_role("link", name=text("page_overview")).click()
    wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)))
    expect(page.get_by_test_id("stMain")).to_contain_text(DATASET_NAME)
    expect_charts(page)
    assert url_dataset(page) == dataset_id
    screenshot(page, output_dir / "home_uploaded.png")
