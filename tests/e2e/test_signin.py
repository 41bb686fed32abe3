"""Team mode in the browser: the served app signs a user in through a real OpenID Connect
provider on loopback (oidc-provider-mock), and the page then shows that user's team's data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from analytics.audit import Actor
from analytics.ingest.load import load
from analytics.teams import CONFIG_ENV
from analytics.workspace import open_workspace
from tests.e2e.conftest import PROVIDER_EMAIL, free_port, start_server, stop_server

EMAIL = PROVIDER_EMAIL
DATASET = "Growth weekly sales"
CONFIG = f"""
[teams.growth]
admins = ["lead@example.com"]
editors = ["{EMAIL}"]
"""
SALES = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n2024-01-02,A,120\n"


@pytest.fixture(scope="module")
def team_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """LiftBoard in team mode (a config file, sign-in in a secrets file of the test's own),
    its growth team holding one dataset; the app's base URL."""
    folder = tmp_path_factory.mktemp("e2e-signin")
    home = folder / "workspace"
    (folder / "liftboard.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "sales.csv").write_text(SALES, encoding="utf-8")
    ws = open_workspace(home, team="growth", actor=Actor("lead@example.com", "admin", "growth"))
    try:
        ws.save(load(folder / "sales.csv"), DATASET)
    finally:
        ws.close()
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "an-e2e-cookie-secret-long-enough-for-signing"\n'
        'client_id = "liftboard-e2e"\n'
        'client_secret = "e2e-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    process, base = start_server(
        home,
        folder / "server.log",
        port=port,
        env={CONFIG_ENV: str(folder / "liftboard.toml")},
        args=("--secrets.files", str(secrets)),
    )
    try:
        yield base
    finally:
        stop_server(process)


def test_sign_in_through_the_provider_lands_on_the_teams_data(
    new_page: Page, team_app: str
) -> None:
    page = new_page
    page.goto(team_app)
    expect(page.get_by_role("heading", name="Sign in to LiftBoard")).to_be_visible()
    expect(page.get_by_text(DATASET)).to_have_count(0)
    page.get_by_role("button", name="Sign in").click()
    # The provider's authorisation page: pick the known user, as a person would.
    page.get_by_role("button", name=EMAIL).click()
    expect(page.get_by_role("heading", name="Campaign overview")).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_text(f"{DATASET} · 3 · daily")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"{EMAIL} · Editor")).to_be_visible()
    sidebar.get_by_role("link", name="Data", exact=True).click()
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzone").first).to_be_visible()  # an editor
    sidebar.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's own sign-out
    expect(page.get_by_role("heading", name="Sign in to LiftBoard")).to_be_visible()
