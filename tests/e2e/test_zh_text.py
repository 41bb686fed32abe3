"""Every page in 简体中文, normal and presenter mode, drawn in Chromium with the sample it works
on: no English word in the page's text (sidebar, main area, chart ticks and labels, table cells)
outside the allow-list of tests/zh_text.py (brand and method names, Streamlit's uploader text,
names from the file).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import TIMEOUT, VIEWPORT
from tests.e2e.test_data_upload import (
    FIRST_RUN_TIMEOUT,
    IDLE,
    choose_dataset,
    expect_charts,
    screenshot,
)
from tests.e2e.test_walkthrough import WITHOUT_CHARTS, url_path
from tests.zh_text import english_words, page_file_words, sample_for
from ui.chrome import NAVIGATION

pytestmark = pytest.mark.e2e

PAGES = [entry[1] for entry in NAVIGATION]
# Every text node under the sidebar and the main area, Material icon names (drawn as glyphs),
# styles and scripts left out; table cells come from the grid's accessible copy.
TEXT_NODES = """roots => roots.flatMap(root => {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || parent.closest('[data-testid="stIconMaterial"], style, script')) continue;
        const text = node.data.trim();
        if (text) out.push(text);
    }
    return out;
})"""


@pytest.fixture(scope="module")
def sample_ids(browser: Browser, app_url: str) -> dict[str, str]:
    """The id of each sample the pages are checked with, chosen in the sidebar as a user would."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(app_url)
        expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
        names = dict.fromkeys(sample_for(page_file) for page_file in PAGES)
        return {name: choose_dataset(page, name) for name in names}
    finally:
        context.close()


def page_texts(page: Page) -> list[str]:
    """The text a reader sees on the page, one string per text node."""
    roots = page.locator('[data-testid="stSidebar"], [data-testid="stMain"]')
    return roots.evaluate_all(TEXT_NODES)


@pytest.mark.parametrize("presenter", [False, True], ids=["zh", "zh-presenter"])
@pytest.mark.parametrize("page_file", PAGES)
def test_a_chinese_page_shows_no_english_word(
    page_file: str,
    presenter: bool,
    sample_ids: dict[str, str],
    new_page: Page,
    app_url: str,
    output_dir: Path,
) -> None:
    page = new_page
    dataset = sample_ids[sample_for(page_file)]
    query = f"ds={dataset}&lang=zh" + ("&present=1" if presenter else "")
    page.goto(f"{app_url}{url_path(page_file)}?{query}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading").first).to_be_visible(timeout=FIRST_RUN_TIMEOUT)
    expect(page.locator(IDLE)).to_have_count(1, timeout=FIRST_RUN_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if page_file not in WITHOUT_CHARTS:
        expect_charts(page)  # drawn, ticks included, before their text is read
    mode = "zh-presenter" if presenter else "zh"
    screenshot(page, output_dir / f"text-{Path(page_file).stem}-{mode}.png")
    found = english_words(page_texts(page), page_file_words(page_file))
    report = "\n".join(f"{word!r} in {text!r}" for word, text in sorted(found.items()))
    assert not found, report
