"""Cold first visits: a fresh server and workspace, a browser that opens the Overview, then
Drivers, then the Planner on the sample sales dataset, each READ_SECONDS after the page before
finished (a reader's pause). Prints, per page, the seconds from navigation until the page
stopped running, with the background analyses off (``LIFTBOARD_BACKGROUND=0``, as before) and
on.

    nice -n 10 .venv/bin/python bench/first_visit.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402
from tests.e2e.test_data_upload import IDLE  # noqa: E402

PAGES = ("/", "/Drivers", "/Planner")
LIMIT_MS = 600_000
READ_SECONDS = float(os.environ.get("READ_SECONDS", "15"))


def visit_times(background: bool) -> list[float]:
    """Seconds until each page of PAGES is idle, in one fresh session of a fresh server."""
    os.environ["LIFTBOARD_BACKGROUND"] = "1" if background else "0"
    with tempfile.TemporaryDirectory() as folder:
        process, base = start_server(Path(folder) / "workspace", Path(folder) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                times = []
                for path in PAGES:
                    started = time.perf_counter()
                    page.goto(base + path)
                    expect(
                        page.get_by_test_id("stMain").get_by_role("heading").first
                    ).to_be_visible(timeout=LIMIT_MS)
                    page.wait_for_timeout(300)  # the first run has started
                    expect(page.locator(IDLE)).to_have_count(1, timeout=LIMIT_MS)
                    expect(page.get_by_test_id("stException")).to_have_count(0)
                    times.append(time.perf_counter() - started)
                    page.wait_for_timeout(READ_SECONDS * 1000)
                browser.close()
                return times
        finally:
            stop_server(process)
            log = (Path(folder) / "server.log").read_text(errors="replace")
            for line in log.splitlines():
                if "background analysis" in line or "Traceback" in line:
                    print("  server:", line)


def main() -> None:
    for background in (False, True):
        times = visit_times(background)
        shown = ", ".join(f"{p} {s:.1f} s" for p, s in zip(PAGES, times, strict=True))
        print(f"background {'on ' if background else 'off'}: {shown}", flush=True)


if __name__ == "__main__":
    main()
