"""A file that aborts the Excel reader, uploaded in one browser session, stops only the worker
process that read it: that session gets one sentence, and another session open on the same server
keeps working (its page still runs and reads an upload of its own).

Before uploads were read in a fenced worker process, this 2 KB workbook (a shared-strings table
claiming 4,294,967,295 entries) aborted the server and every open page said "Connection error".
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.bad_corpus import BAD, EXPECTED
from tests.e2e.test_data_upload import gbk_csv, text, wait_until_idle

pytestmark = pytest.mark.e2e

CRASHING = BAD / "xlsx_shared_strings_claim.xlsx"
# The sentence the bad corpus expects for it (the fence's, unless a check refuses it first).
SENTENCE = EXPECTED[CRASHING.name].message
FIRST_RUN_TIMEOUT = 150_000  # ms: the first page of a fresh workspace installs the samples


def open_data_page(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/Data")
    wait_until_idle(
        page, page.get_by_role("heading", name=text("upload_header")), FIRST_RUN_TIMEOUT
    )


def test_a_crashing_upload_leaves_the_other_sessions_working(
    new_context: Callable[[], BrowserContext], app_url: str, output_dir: Path, tmp_path: Path
) -> None:
    other = new_context().new_page()
    open_data_page(other, app_url)
    page = new_context().new_page()
    open_data_page(page, app_url)

    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(CRASHING)
    wait_until_idle(page, page.get_by_text(SENTENCE, exact=True))
    expect(page.get_by_role("heading", name=text("mapping_header"))).to_have_count(0)
    page.screenshot(path=output_dir / "crashing_upload.png")

    # The server is still up, and the other session's page still runs: it reads a file.
    with urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=10) as response:
        assert response.read().strip() == b"ok"
    other.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(gbk_csv(tmp_path))
    wait_until_idle(other, other.get_by_text(text("validation_ok"), exact=True))
    expect(other.get_by_role("button", name=text("save_button"))).to_be_enabled()
    expect(other.get_by_text("Connection error")).to_have_count(0)
    # ...and so does the session whose upload was stopped.
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(gbk_csv(tmp_path))
    wait_until_idle(page, page.get_by_text(text("validation_ok"), exact=True))
