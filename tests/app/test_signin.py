"""Team mode driven through AppTest, one signed-in user per role (``at.user``): who sees what,
what each role may change, a link opened by another team's user, a signed-out visitor, and
local mode left as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.audit import Actor
from analytics.ingest.load import load
from analytics.teams import CONFIG_ENV
from analytics.workspace import open_workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, plain, upload
from tests.app.zh_scan import page_strings
from tests.postgres import BACKENDS, drop_team
from tests.zh_text import english_words, page_file_words

CONFIG = """
[teams.growth]
admins = ["lead@example.com"]
editors = ["@example.com"]
viewers = ["cfo@partner.com"]

[teams.retail]
admins = ["boss@retail.org"]
viewers = ["lead@example.com"]
"""
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-enough-length",
    "client_id": "liftboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
SALES = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n2024-01-02,A,120\n"
SECRET_NAME = "Growth weekly 机密"


@pytest.fixture(params=BACKENDS)
def team_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """Team mode: a config file and a home whose growth team holds one dataset; on each
    backend (the teams' DuckDB files, or their PostgreSQL schemas by database_url)."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    config = tmp_path / "liftboard.toml"
    config.write_text((f'database_url = "{url}"\n' if url else "") + CONFIG, encoding="utf-8")
    home = tmp_path / "workspace"
    monkeypatch.setenv(CONFIG_ENV, str(config))
    monkeypatch.setenv("LIFTBOARD_HOME", str(home))
    monkeypatch.chdir(ROOT)
    yield home
    if url:
        for team in ("growth", "retail"):
            drop_team(url, team)


def growth_dataset(home: Path, tmp_path: Path) -> str:
    path = tmp_path / "sales.csv"
    path.write_text(SALES, encoding="utf-8")
    ws = open_workspace(home, team="growth", actor=Actor("lead@example.com", "admin", "growth"))
    try:
        return ws.save(load(path), SECRET_NAME).id
    finally:
        ws.close()


def as_user(email: str | None, page: str | None = DATA_PAGE, **query: str) -> AppTest:
    """A session of ``email`` (None: signed out) opened on ``page``."""
    user = {"is_logged_in": True, "email": email} if email else None
    return new_app(page, user=user, secrets={"auth": AUTH}, **query)


def shown_text(at: AppTest) -> str:
    """Every text the page shows, widgets' labels and options and tables' cells included."""
    parts = [
        str(e.value)
        for kind in (
            "markdown",
            "caption",
            "title",
            "info",
            "warning",
            "error",
            "success",
            "subheader",
        )
        for e in at.get(kind)
    ]
    parts += [str(b.label) for b in at.button]
    parts += [str(o) for box in at.selectbox for o in box.options]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)  # fmt: skip


def listed(home: Path, team: str = "growth") -> list[str]:
    ws = open_workspace(home, team=team, actor=Actor("lead@example.com", "admin", team))
    try:
        return [info.name for info in ws.list()]
    finally:
        ws.close()


def test_a_signed_out_visitor_sees_only_the_sign_in_screen(team_home: Path, tmp_path) -> None:
    growth_dataset(team_home, tmp_path)
    at = as_user(None)
    assert [title.value for title in at.title] == ["Sign in to LiftBoard"]
    assert [button.key for button in at.button] == ["signin_default"]
    assert not at.selectbox and not at.dataframe and not at.sidebar.children
    assert SECRET_NAME not in shown_text(at)


def test_each_named_provider_gets_its_button(team_home: Path) -> None:
    shared = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    providers = {"google": {**AUTH, "client_kwargs": {"prompt": "login"}}, "microsoft": AUTH}
    at = new_app(secrets={"auth": {**shared, **providers}})
    assert [b.label for b in at.button] == ["Sign in with Google", "Sign in with Microsoft"]


def test_a_viewer_reads_the_teams_data_but_cannot_upload_or_delete(
    team_home: Path, tmp_path: Path
) -> None:
    dataset_id = growth_dataset(team_home, tmp_path)
    at = as_user("CFO@partner.com")
    assert SECRET_NAME in shown_text(at)  # the dataset table
    assert at.session_state["ds"] == dataset_id
    assert not at.get("file_uploader")
    assert "You are a viewer in team growth" in at.info[0].value
    assert at.button(key="delete_go").disabled and at.button(key="rename_go").disabled
    assert not [e for e in at.expander if e.label.startswith("Audit log")]
    assert any("cfo@partner.com · Viewer" in plain(c.value) for c in at.sidebar.caption)
    # The confirmation reached anyway (as a crafted request would): the workspace refuses.
    at.session_state["_confirm_delete"] = dataset_id
    at.run()
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert listed(team_home) == [SECRET_NAME]
    assert any("this needs admin" in toast.value for toast in at.toast)


def test_an_editor_uploads_but_may_not_delete(team_home: Path, tmp_path: Path) -> None:
    growth_dataset(team_home, tmp_path)
    at = upload(as_user("ana@example.com"), "new.csv", SALES.encode())
    button_with_prefix(at, "save_").click().run()
    assert not at.exception
    assert sorted(listed(team_home)) == sorted([SECRET_NAME, "new"])
    assert not at.button(key="rename_go").disabled
    assert at.button(key="delete_go").disabled
    assert not [e for e in at.expander if e.label.startswith("Audit log")]


def test_an_admin_deletes_and_reads_the_audit_log(team_home: Path, tmp_path: Path) -> None:
    growth_dataset(team_home, tmp_path)
    at = as_user("lead@example.com", team="growth")
    at.button(key="delete_go").click().run()
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert listed(team_home) == []
    log = next(e for e in at.expander if e.label.startswith("Audit log")).dataframe[0].value
    assert log["By"].tolist() == ["lead@example.com"] * 2
    assert log["Team"].tolist() == ["growth"] * 2


def test_another_teams_user_opening_a_link_gets_a_refusal_and_nothing_of_the_data(
    team_home: Path, tmp_path: Path
) -> None:
    dataset_id = growth_dataset(team_home, tmp_path)
    refusals = []
    for asked in (dataset_id, "0123456789abcdef"):  # the growth team's, and nobody's
        at = as_user("boss@retail.org", ds=asked)
        refusals.append([e.value for e in at.error])
        text = shown_text(at)
        assert SECRET_NAME not in text and "120" not in text
        assert not at.dataframe
    assert refusals[0] == refusals[1]
    assert "not in team retail's workspace" in refusals[0][0]


def test_a_member_of_two_teams_picks_one_and_sees_only_its_datasets(
    team_home: Path, tmp_path: Path
) -> None:
    growth_dataset(team_home, tmp_path)
    at = as_user("lead@example.com")
    picker = at.sidebar.selectbox(key="_w_team")
    assert picker.options == ["growth", "retail"] and picker.value == "growth"
    assert SECRET_NAME in shown_text(at)
    picker.set_value("retail").run()
    assert at.query_params["team"] == "retail"
    assert SECRET_NAME not in shown_text(at)
    assert any("lead@example.com · Viewer" in plain(c.value) for c in at.sidebar.caption)
    assert not at.get("file_uploader")  # a viewer in retail


def test_a_user_of_no_team_is_refused_with_a_sign_out(team_home: Path, tmp_path: Path) -> None:
    growth_dataset(team_home, tmp_path)
    at = as_user("eve@elsewhere.org")
    assert "no team on this server lists that address" in at.warning[0].value
    assert [b.key for b in at.button] == ["signout"]
    assert SECRET_NAME not in shown_text(at)


def test_a_broken_config_stops_every_page_with_what_to_change(
    team_home: Path, tmp_path: Path
) -> None:
    (tmp_path / "liftboard.toml").write_text('[teams.Growth]\nadmins = ["a@b.co"]\n')
    at = as_user("lead@example.com")
    assert "the team name 'Growth' is not allowed" in plain(at.error[0].value)
    assert not at.selectbox


def test_local_mode_is_unchanged_with_a_small_banner(home: Path) -> None:
    at = new_app(DATA_PAGE)
    banner = [c.value for c in at.sidebar.caption if "Single-user local mode" in c.value]
    assert len(banner) == 1
    assert not at.button(key="delete_go").disabled
    assert at.get("file_uploader")
    assert not [b for b in at.button if b.key == "signout"]
    presenting = new_app(DATA_PAGE, present="1")
    assert not [c for c in presenting.sidebar.caption if "local mode" in c.value]


def test_sign_in_and_a_viewers_data_page_in_chinese(team_home: Path, tmp_path: Path) -> None:
    growth_dataset(team_home, tmp_path)
    signed_out = as_user(None, lang="zh")
    assert [title.value for title in signed_out.title] == ["登录 LiftBoard"]
    viewer = as_user("cfo@partner.com", lang="zh")
    assert "你是团队 growth 的查看者" in viewer.info[0].value
    assert any("查看者" in c.value for c in viewer.sidebar.caption)
    names = {"cfo", "partner", "com", "growth", "Growth", "weekly", "date", "store", "revenue",
             "sales", "csv"}  # fmt: skip
    for at in (signed_out, viewer):
        found = english_words(page_strings(at), page_file_words(DATA_PAGE) | names)
        assert not found, found


def test_without_an_auth_section_the_sign_in_screen_says_what_is_missing(team_home: Path) -> None:
    at = new_app(DATA_PAGE)
    assert "Sign-in is not set up on this server" in plain(at.error[0].value)
    assert not at.button


def test_presenter_mode_in_team_mode_shows_the_data_without_editing(
    team_home: Path, tmp_path: Path
) -> None:
    growth_dataset(team_home, tmp_path)
    at = as_user("lead@example.com", present="1")
    assert SECRET_NAME in shown_text(at)
    assert not at.get("file_uploader") and not at.button(key="signout").disabled
    assert not [b for b in at.button if b.key in ("delete_go", "rename_go")]
    assert not [c for c in at.sidebar.caption if "local mode" in c.value]


def test_an_address_the_provider_has_not_verified_gets_no_access(
    team_home: Path, tmp_path: Path
) -> None:
    growth_dataset(team_home, tmp_path)
    user = {"is_logged_in": True, "email": "lead@example.com", "email_verified": False}
    at = new_app(DATA_PAGE, user=user, secrets={"auth": AUTH})
    assert "has not verified the address lead@example.com" in plain(at.warning[0].value)
    assert SECRET_NAME not in shown_text(at)
