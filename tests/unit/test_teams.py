"""Team mode's configuration: parsing, what each mistake says, and who holds which role."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import teams
from analytics.errors import UserInputError
from analytics.teams import load_config, parse_config, role_in, teams_for

CONFIG = b"""
database_url = "postgresql://user@127.0.0.1:5432/liftboard"
[teams.growth]
admins = ["Lead@Example.com"]
editors = ["@example.com"]
viewers = ["cfo@partner.com", "lead@example.com"]

[teams.retail-cn_2]
viewers = ["@example.com"]
"""


def test_a_config_is_parsed_with_lower_case_members_and_its_database_url() -> None:
    config = parse_config(CONFIG)
    assert config.database_url == "postgresql://user@127.0.0.1:5432/liftboard"
    assert sorted(config.teams) == ["growth", "retail-cn_2"]
    growth = config.teams["growth"]
    assert growth.admins == ("lead@example.com",)
    assert growth.to_dict()["viewers"] == ["cfo@partner.com", "lead@example.com"]


def test_the_highest_matching_role_wins_case_insensitively_and_domains_match_exactly() -> None:
    config = parse_config(CONFIG)
    assert role_in(config, "LEAD@example.COM", "growth") == "admin"  # also editor and viewer
    assert role_in(config, "ana@example.com", "growth") == "editor"
    assert role_in(config, "cfo@partner.com", "growth") == "viewer"
    assert role_in(config, "eve@sub.example.com", "growth") is None  # a subdomain is not it
    assert role_in(config, "eve@example.com.evil.org", "growth") is None
    assert role_in(config, "example.com", "growth") is None  # no address at all
    assert role_in(config, "cfo@partner.com", "no-such-team") is None


def test_teams_for_lists_each_team_the_user_belongs_to_and_denies_by_default() -> None:
    config = parse_config(CONFIG)
    assert teams_for(config, "ana@example.com") == {"growth": "editor", "retail-cn_2": "viewer"}
    assert teams_for(config, "cfo@partner.com") == {"growth": "viewer"}
    assert teams_for(config, "stranger@else.org") == {}
    assert teams_for(config, "") == {}


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        (b"[teams.growth\nadmins = []", "config_bad_toml", "not valid TOML"),
        (b'databse_url = "x"\n[teams.a]\nadmins = ["a@b.co"]', "config_unknown_key", "databse_url"),
        (b'[teams.a]\nadmin = ["a@b.co"]', "config_unknown_key", "teams.a.admin"),
        (b'[teams.Growth]\nadmins = ["a@b.co"]', "config_team_name", "'Growth'"),
        (b'[teams."a b"]\nadmins = ["a@b.co"]', "config_team_name", "lower-case"),
        (b'[teams.a]\nadmins = ["ana"]', "config_bad_member", "neither an email"),
        (b'[teams.a]\neditors = ["@localhost"]', "config_bad_member", "@localhost"),
        (b'[teams.a]\nadmins = "a@b.co"', "config_not_list", "teams.a.admins"),
        (b"teams = 3", "config_not_table", "teams"),
        (b'database_url = ""\n[teams.a]\nadmins = ["a@b.co"]', "config_database_url", "text"),
        (b'database_url = "x"', "config_no_teams", "[teams.NAME]"),
    ],
)
def test_each_mistake_says_what_to_change(text: bytes, code: str, says: str) -> None:
    with pytest.raises(UserInputError) as caught:
        parse_config(text, "liftboard.toml")
    assert caught.value.code == code
    assert says in str(caught.value)
    assert caught.value.params["path"] == "liftboard.toml"


def test_no_file_is_local_mode_and_a_named_file_that_is_missing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(teams.CONFIG_ENV, raising=False)
    assert load_config() is None
    (tmp_path / "liftboard.toml").write_bytes(CONFIG)
    assert sorted(load_config().teams) == ["growth", "retail-cn_2"]  # ./liftboard.toml
    monkeypatch.setenv(teams.CONFIG_ENV, str(tmp_path / "missing.toml"))
    with pytest.raises(UserInputError) as caught:
        load_config()
    assert caught.value.code == "config_missing"  # never silently local mode without sign-in


def test_a_changed_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "team.toml"
    path.write_bytes(b'[teams.a]\nviewers = ["ana@example.com"]\n')
    monkeypatch.setenv(teams.CONFIG_ENV, str(path))
    assert role_in(load_config(), "ana@example.com", "a") == "viewer"
    path.write_bytes(b'[teams.a]\nadmins = ["ana@example.com", "bo@example.com"]\n')
    assert role_in(load_config(), "ana@example.com", "a") == "admin"
