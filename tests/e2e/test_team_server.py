"""The team server in a real browser: two Streamlit processes behind nginx
(scripts/serve-team.sh) on one PostgreSQL database started for the test, in team mode: every
browser signs in through the OpenID Connect provider on loopback (the ``provider`` fixture).

A browser's page loads, reruns and websockets all reach one process (nginx's route cookie;
which process served which request is read from nginx's access log); a dataset saved through
one process is listed by a browser that another process serves, one that had the list open
before the save; and a browser signed in on one process stays signed in when nginx sends it to
the other (one cookie secret for all).
"""

from __future__ import annotations

import shutil
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from analytics.access import ADMIN
from analytics.audit import Actor
from analytics.ingest.load import load
from analytics.workspace import open_workspace
from bench.team_server import ROOT, ROUTE_COOKIE, SignIn, TeamServer, start_team_server
from tests.e2e.conftest import PROVIDER_EMAIL
from tests.e2e.test_data_upload import (
    DATASET_NAME,
    FIRST_RUN_TIMEOUT,
    HOME_TITLE,
    ROWS,
    gbk_csv,
    sidebar_dataset,
    text,
    wait_until_idle,
)
from tests.e2e.test_signin import DATASET as TEAM_DATASET
from tests.e2e.test_signin import SALES

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

if shutil.which("nginx") is None:
    pytest.skip("nginx is missing: scripts/test.sh installs Debian's", allow_module_level=True)
if not (ROOT / "scripts" / "postgres.sh").exists():
    pytest.skip(
        "several processes need a database they can share: this version has no PostgreSQL "
        "backend (scripts/postgres.sh)",
        allow_module_level=True,
    )

TEAM = "growth"
ADMIN_EMAIL = "lead@example.com"
TEAM_CONFIG = f"""\
[teams.{TEAM}]
admins = ["{ADMIN_EMAIL}"]
editors = ["@example.com"]
"""
SIGNED_IN = f"{PROVIDER_EMAIL} · Editor"  # the sidebar's account line


@pytest.fixture(scope="module")
def team_server(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamServer]:
    """The server, its growth team holding one dataset (saved by the team's admin)."""
    folder = tmp_path_factory.mktemp("team-server")
    config = folder / "liftboard.toml"
    config.write_text(TEAM_CONFIG)
    sign_in = SignIn(f"{provider}/.well-known/openid-configuration")
    try:
        server = start_team_server(
            2, folder / "workspace", config=config, extra=("--local-postgres",), sign_in=sign_in
        )
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        (folder / "sales.csv").write_text(SALES, encoding="utf-8")
        admin = Actor(ADMIN_EMAIL, ADMIN, TEAM)
        ws = open_workspace(
            folder / "workspace", team=TEAM, actor=admin, database_url=server.database_url()
        )
        try:
            ws.save(load(folder / "sales.csv"), TEAM_DATASET)
        finally:
            ws.close()
        yield server
    finally:
        print(f"--- team server output ---\n{server.output()[-6000:]}")
        server.stop()


def route_of(context: BrowserContext) -> str:
    (route,) = [c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE]
    return route


def upstreams(server: TeamServer, route: str) -> set[str]:
    return {served.upstream for served in server.served() if served.route == route}


def websockets_opened(server: TeamServer, route: str) -> int:
    return sum(
        1
        for served in server.served()
        if served.route == route and "/_stcore/stream" in served.request
    )


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.2)


def open_home(context: BrowserContext, server: TeamServer) -> Page:
    """A new page signed in as the provider's user, as a person does: the sign-in screen, the
    provider's page, back on the Overview."""
    page = context.new_page()
    page.goto(server.url)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=PROVIDER_EMAIL).click()
    wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)), FIRST_RUN_TIMEOUT)
    expect_team_page(page)
    return page


def expect_team_page(page: Page) -> None:
    """Signed in, and the team's datasets listed (the dataset box shows only when there are)."""
    expect(page.get_by_test_id("stSidebar").get_by_text(SIGNED_IN)).to_be_visible()
    expect(sidebar_dataset(page)).to_be_visible()


def test_a_browser_stays_on_its_process(
    team_server: TeamServer, new_context: Callable[[], BrowserContext]
) -> None:
    context = new_context()
    page = open_home(context, team_server)
    route = route_of(context)

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name=text("page_data"), exact=True).click()
    wait_until_idle(page, page.get_by_role("heading", name=text("upload_header")))
    page.reload()  # a new websocket and a new Streamlit session
    wait_until_idle(page, page.get_by_role("heading", name=text("upload_header")))
    page.goto(team_server.url)  # a new page load
    wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)))

    assert route_of(context) == route  # nginx set the cookie once
    page.close()  # nginx logs a websocket when it closes
    wait_for(lambda: websockets_opened(team_server, route) >= 3)
    assert len(upstreams(team_server, route)) == 1, team_server.served()
    other = new_context()
    other.new_page().goto(f"{team_server.url}/_stcore/health")
    assert route_of(other) != route  # another browser, a cookie of its own


def test_a_dataset_saved_through_one_process_is_listed_by_the_other(
    team_server: TeamServer, new_context: Callable[[], BrowserContext], tmp_path: Path
) -> None:
    reader_context = new_context()
    reader = open_home(reader_context, team_server)
    (reader_process,) = upstreams(team_server, route_of(reader_context))
    writer_context, writer = on_another_process(team_server, new_context, reader_process)

    # The reader's process has listed the datasets (its dataset box) before the save.
    box = sidebar_dataset(reader)
    box.click()
    expect(reader.get_by_role("option", name=DATASET_NAME, exact=True)).to_have_count(0)
    reader.keyboard.press("Escape")

    writer.get_by_test_id("stSidebar").get_by_role(
        "link", name=text("page_data"), exact=True
    ).click()
    wait_until_idle(writer, writer.get_by_role("heading", name=text("upload_header")))
    writer.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(gbk_csv(tmp_path))
    save = writer.get_by_role("button", name=text("save_button"))
    expect(save).to_be_enabled()
    save.click()
    wait_until_idle(
        writer, writer.get_by_text(text("saved", name=DATASET_NAME, rows=ROWS), exact=True)
    )

    reader.reload()
    wait_until_idle(reader, reader.get_by_role("heading", name=text(HOME_TITLE)))
    box = sidebar_dataset(reader)
    box.click()
    expect(reader.get_by_role("option", name=DATASET_NAME, exact=True)).to_have_count(1)

    assert upstreams(team_server, route_of(reader_context)) == {reader_process}
    assert upstreams(team_server, route_of(writer_context)) != {reader_process}


def on_another_process(
    server: TeamServer, new_context: Callable[[], BrowserContext], taken: str
) -> tuple[BrowserContext, Page]:
    """A browser that nginx sends to another process than ``taken`` (new browsers get random
    route cookies, so a few tries find one)."""
    for _ in range(12):
        context = new_context()
        page = open_home(context, server)
        if upstreams(server, route_of(context)) != {taken}:
            return context, page
        context.close()
    pytest.fail(f"12 new browsers were all sent to {taken}: {server.served()}")


def test_a_sign_in_on_one_process_holds_on_the_other(
    team_server: TeamServer, new_context: Callable[[], BrowserContext]
) -> None:
    context = new_context()
    page = open_home(context, team_server)
    (first,) = upstreams(team_server, route_of(context))

    other_route = route_to_another_process(team_server, first)
    context.add_cookies([{"name": ROUTE_COOKIE, "value": other_route, "url": team_server.url}])
    assert route_of(context) == other_route
    page.reload()  # the page and its websocket now reach the other process
    wait_until_idle(page, page.get_by_role("heading", name=text(HOME_TITLE)), FIRST_RUN_TIMEOUT)
    expect_team_page(page)
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)

    page.close()
    wait_for(lambda: websockets_opened(team_server, other_route) >= 1)
    (second,) = upstreams(team_server, other_route)
    assert second != first


def route_to_another_process(server: TeamServer, taken: str) -> str:
    """A route cookie value that nginx's consistent hash sends to another process than
    ``taken``: candidates tried by requests, their upstream read from nginx's access log."""
    for _ in range(40):
        route = uuid.uuid4().hex
        request = urllib.request.Request(
            f"{server.url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={route}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
        wait_for(lambda route=route: bool(upstreams(server, route)))
        if upstreams(server, route) != {taken}:
            return route
    pytest.fail(f"40 route cookies were all sent to {taken}")
