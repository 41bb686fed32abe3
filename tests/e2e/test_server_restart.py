"""The server killed hard in the middle of a save, then restarted on the same workspace: the
completed save is there and whole, the interrupted one is absent or whole, never half.

A user saves a small upload through the Data page, then uploads a 500,000-row file and presses
save; the moment the workspace files start to change, the whole server process group gets
SIGKILL. A new server on the same LIFTBOARD_HOME must start, list and open the first dataset;
afterwards the workspace is opened directly to check every stored table against its row count.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from analytics.workspace import Workspace
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.test_data_upload import (
    DATASET_NAME,
    FIRST_RUN_TIMEOUT,
    HOME_TITLE,
    ROWS,
    expect_charts,
    gbk_csv,
    text,
    url_dataset,
    wait_until_idle,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BIG_NAME = "big_export"
BIG_DAYS, BIG_STORES = 500, 1_000


def big_csv(folder: Path) -> Path:
    """500 days x 1,000 stores of daily sales: a save that takes a while."""
    lines = ["date,store,revenue,spend"]
    for day in range(BIG_DAYS):
        date = dt.date(2023, 1, 1) + dt.timedelta(days=day)
        lines.extend(
            f"{date},store {store},{1000 + (day * 7 + store) % 900},{50 + store % 13}"
            for store in range(BIG_STORES)
        )
    path = folder / f"{BIG_NAME}.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def file_states(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.iterdir()
        if path.is_file()
    }


def kill_when_files_change(
    process: subprocess.Popen[bytes], folder: Path, timeout: float = 120
) -> float:
    """SIGKILL the server's process group as soon as the workspace's files change; seconds
    waited."""
    before = file_states(folder)
    started = time.monotonic()
    while file_states(folder) == before:
        if time.monotonic() - started > timeout:
            pytest.fail("the save never started writing to the workspace")
        time.sleep(0.002)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return time.monotonic() - started


def test_a_hard_kill_during_a_save_loses_nothing_that_was_saved(
    new_context: Callable[[], BrowserContext], tmp_path: Path, output_dir: Path
) -> None:
    home = tmp_path / "workspace"
    log = tmp_path / "server.log"
    process, base = start_server(home, log)
    try:
        page = new_context().new_page()
        page.goto(f"{base}/Data")
        wait_until_idle(
            page, page.get_by_role("heading", name=text("upload_header")), FIRST_RUN_TIMEOUT
        )
        uploader = page.get_by_test_id("stFileUploaderDropzoneInput").first
        save = page.get_by_role("button", name=text("save_button"))

        uploader.set_input_files(gbk_csv(tmp_path))
        expect(save).to_be_enabled()
        save.click()
        saved = page.get_by_text(text("saved", name=DATASET_NAME, rows=ROWS), exact=True)
        wait_until_idle(page, saved)
        small_id = url_dataset(page)

        uploader.set_input_files(big_csv(tmp_path))
        expect(page.get_by_role("heading", name=text("mapping_header"))).to_be_visible()
        expect(save).to_be_enabled(timeout=FIRST_RUN_TIMEOUT)
        wait_until_idle(page, save, FIRST_RUN_TIMEOUT)
        save.click()
        waited = kill_when_files_change(process, home)
        print(f"server killed {waited:.3f} s after the save was pressed")
    finally:
        stop_server(process)

    process, base = start_server(home, log)
    try:
        page = new_context().new_page()
        page.goto(f"{base}/?ds={small_id}")
        wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)), FIRST_RUN_TIMEOUT)
        expect(page.get_by_test_id("stMain")).to_contain_text(DATASET_NAME)
        expect_charts(page)
    finally:
        stop_server(process)

    workspace = Workspace(home)
    try:
        stored = {info.name: info for info in workspace.list()}
        assert stored[DATASET_NAME].n_rows == ROWS
        assert len(workspace.load(small_id)) == ROWS
        big = stored.get(BIG_NAME)
        print("interrupted save:", "absent" if big is None else f"whole ({big.n_rows:,} rows)")
        if big is not None:
            assert big.n_rows == BIG_DAYS * BIG_STORES
            assert len(workspace.load(big.id)) == BIG_DAYS * BIG_STORES
        for info in stored.values():
            assert len(workspace.load(info.id)) == info.n_rows
    finally:
        workspace.close()
