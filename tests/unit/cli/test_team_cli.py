"""The workspace commands in team mode: --team names the team's own workspace, the command acts
as its admin; without it, or with a team the file does not name, exit 2 with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.cli.main import main
from analytics.teams import CONFIG_ENV

BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"
CONFIG = '[teams.growth]\nadmins = ["lead@example.com"]\n[teams.retail]\nviewers = ["@x.org"]\n'


@pytest.fixture
def team_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "liftboard.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "base.csv").write_text(BASE, encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "liftboard.toml"))
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "home"))
    return tmp_path


def listed(capsys: pytest.CaptureFixture[str], *team: str) -> list[str]:
    capsys.readouterr()
    assert main(["datasets", "--json", *team]) == 0
    return [d["name"] for d in json.loads(capsys.readouterr().out)["datasets"]]


def test_save_with_team_stores_in_that_teams_workspace_only(
    team_mode: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = str(team_mode / "base.csv")
    assert main(["save", csv, "--name", "Shop", "--team", "growth", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Shop"
    assert (team_mode / "home" / "teams" / "growth").is_dir()
    assert listed(capsys, "--team", "growth") == ["Shop"]
    assert listed(capsys, "--team", "retail") == []
    assert main(["audit", "--json", "--team", "growth"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["audit"]
    assert (entry["role"], entry["team"], entry["action"]) == ("admin", "growth", "save")
    assert entry["user"].endswith("(command line)")


@pytest.mark.parametrize(
    ("team", "says"),
    [
        ((), "Team mode is on"),
        (("--team", "finance"), "has no team 'finance': use one of growth, retail"),
    ],
)
def test_team_mode_needs_a_team_it_knows(
    team_mode: Path, capsys: pytest.CaptureFixture[str], team: tuple[str, ...], says: str
) -> None:
    assert main(["save", str(team_mode / "base.csv"), "--name", "Shop", *team]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1
    assert not (team_mode / "home").exists()


def test_local_mode_refuses_a_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "home"))
    assert main(["datasets", "--team", "growth"]) == 2
    assert "--team growth needs team mode, which is off" in capsys.readouterr().err
