"""Browser tests: one Streamlit server for the session, driven by Debian's headless Chromium.

The server runs ``app.py`` from the repository root on a free port with its own empty
``LIFTBOARD_HOME`` (the sample datasets are installed on its first run). Playwright's own browser
download is not used: the tests launch ``/usr/bin/chromium`` (``scripts/test.sh`` installs it).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = ROOT / "test-output" / "e2e"
SERVER_START_TIMEOUT = 60  # seconds
# Without the background-networking flags Chromium dials out at start and this machine's
# closed network refuses the connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The one user the OpenID Connect provider on loopback (the ``provider`` fixture) knows.
PROVIDER_EMAIL = "ana@example.com"
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT = 60_000  # ms, for every Playwright action and navigation: two slow cores

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does) to run the "
        "browser tests",
        allow_module_level=True,
    )

# expect() waits 5 s by default; the first draw of a lazily loaded widget can take longer here.
expect.set_options(timeout=TIMEOUT)

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_SERVER_LOG = pytest.StashKey[Path]()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server's whole process group (Streamlit may start helpers)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


def start_server(
    home: Path,
    log_path: Path,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run app.py`` on ``port`` (else a free one) with ``LIFTBOARD_HOME=home``, more
    ``env`` and Streamlit ``args``, once it is healthy: the process (its own process group) and
    its base URL. Output goes to ``log_path``."""
    port = port or free_port()
    env = {**os.environ, "LIFTBOARD_HOME": str(home), **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        *args,
    ]  # fmt: skip
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not _healthy(f"{base}/_stcore/health"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            output = log_path.read_text(errors="replace")
            state = f"exited with {process.returncode}" if process.returncode else "timed out"
            pytest.fail(f"streamlit did not become healthy ({state}):\n{output}")
        time.sleep(0.25)
    return process, base


@pytest.fixture(scope="session")
def app_url(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    """Base URL of a running LiftBoard with a fresh workspace (samples only); its output (where
    tracebacks go, as the app shows no error details) is printed with any failing test."""
    folder = tmp_path_factory.mktemp("e2e-server")
    log_path = folder / "server.log"
    request.config.stash[_SERVER_LOG] = log_path
    process, base = start_server(folder / "workspace", log_path)
    try:
        yield base
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """Keep each phase's report on the test item, for the failure screenshots below."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def new_context(
    browser: Browser, request: pytest.FixtureRequest, output_dir: Path
) -> Iterator[Callable[[], BrowserContext]]:
    """Opens browser contexts (fresh cookies and storage: a new Streamlit session each), all
    closed after the test; when the test failed, each open page is saved as
    ``test-output/e2e/FAILED-<test>-<n>.png`` first. An uncaught JavaScript error in any page
    fails the test."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def open_context() -> BrowserContext:
        context = browser.new_context(viewport=VIEWPORT, locale="en-US")
        context.set_default_timeout(TIMEOUT)
        context.set_default_navigation_timeout(TIMEOUT)
        context.on("weberror", lambda error: errors.append(str(error.error)))
        contexts.append(context)
        return context

    try:
        yield open_context
    finally:
        call = request.node.stash.get(_REPORTS, {}).get("call")
        pages = [page for context in contexts for page in context.pages]
        failed = call is None or call.failed
        log = request.config.stash.get(_SERVER_LOG, None)
        if failed and log is not None and log.exists():
            print(f"--- streamlit server output (last 5000 characters of {log}) ---")
            print(log.read_text(errors="replace")[-5000:])
        for number, page in enumerate(pages if failed else []):
            try:
                name = re.sub(r"[^\w.\[\]-]+", "-", request.node.name)
                page.screenshot(path=output_dir / f"FAILED-{name}-{number}.png")
            except Exception as exc:  # the page may be what broke; keep the original failure
                print(f"no failure screenshot of page {number}: {exc}")
        for context in contexts:
            context.close()
    if errors:
        pytest.fail("uncaught JavaScript errors:\n" + "\n".join(errors))


@pytest.fixture
def new_page(new_context: Callable[[], BrowserContext]) -> Page:
    """A page in a browser context of its own."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Screenshots go to test-output/e2e/ (gitignored) for people and CI artefacts."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for stale in OUTPUT.glob("FAILED-*.png"):
        stale.unlink()
    return OUTPUT


@pytest.fixture(scope="session")
def provider() -> Iterator[str]:
    """An OpenID Connect provider on loopback (oidc-provider-mock), its base URL; it knows one
    user, PROVIDER_EMAIL, whose email is verified."""
    from oidc_provider_mock import run_server_in_thread
    from oidc_provider_mock._storage import User

    claims = {"email": PROVIDER_EMAIL, "email_verified": True, "name": "Ana"}
    user = User(sub=PROVIDER_EMAIL, claims=claims)
    with run_server_in_thread(port=free_port(), user_claims=[user]) as server:
        yield f"http://localhost:{server.server_port}"
