"""`audit`: the log newest first, as text and as JSON; `append` and `refresh`: their alerts
in the JSON and `--fail-on-alert`'s exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_alerts import WEEKS, weekly_sales

from analytics.cli.main import main
from analytics.cli.workspace import EXIT_ALERT
from analytics.teams import command_actor

BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"
NEWER = "date,store,revenue\n2024-01-02,A,110\n"


def test_audit_lists_the_writes_newest_first(
    cli_team: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", *cli_team]) == 0
    assert "nothing recorded yet" in capsys.readouterr().out
    (tmp_path / "base.csv").write_text(BASE, encoding="utf-8")
    (tmp_path / "newer.csv").write_text(NEWER, encoding="utf-8")
    assert main(["save", str(tmp_path / "base.csv"), "--name", "Shop", "--json", *cli_team]) == 0
    assert main(["append", str(tmp_path / "newer.csv"), "--to", "Shop", "--json", *cli_team]) == 0
    capsys.readouterr()
    assert main(["audit", "--json", *cli_team]) == 0
    entries = json.loads(capsys.readouterr().out)["audit"]
    assert [e["action"] for e in entries] == ["append", "save"]
    assert set(entries[0]) == {
        "time", "user", "role", "action", "team", "dataset", "dataset_name", "batch"
    }  # fmt: skip
    actor = command_actor(cli_team[-1] if cli_team else None)  # local, or the operator
    assert (entries[0]["user"], entries[0]["role"], entries[0]["team"]) == (
        actor.user,
        "admin",
        actor.team,
    )
    assert entries[0]["dataset_name"] == "Shop" and entries[0]["batch"]
    assert main(["audit", *cli_team]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "append" in lines[0] and "Shop" in lines[0] and "save" in lines[1]


def test_append_and_refresh_return_alerts_and_fail_on_them(
    cli_team: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = weekly_sales(WEEKS)
    whole.loc[WEEKS - 1, "revenue"] = 1800.0
    whole.iloc[: WEEKS - 4].to_csv(tmp_path / "base.csv", index=False)
    whole.iloc[WEEKS - 4 : WEEKS - 2].to_csv(tmp_path / "normal.csv", index=False)
    (tmp_path / "exports").mkdir()
    whole.iloc[WEEKS - 2 :].to_csv(tmp_path / "exports" / "outlier.csv", index=False)
    assert main(["save", str(tmp_path / "base.csv"), "--name", "Weekly", "--json", *cli_team]) == 0
    capsys.readouterr()
    argv = ["append", str(tmp_path / "normal.csv"), "--to", "Weekly", "--json", "--fail-on-alert",
            *cli_team]  # fmt: skip
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["alerts"] == []
    refresh = ["refresh", "--source", str(tmp_path / "exports"), "--json", "--fail-on-alert",
               *cli_team]  # fmt: skip
    assert main(refresh) == EXIT_ALERT
    captured = capsys.readouterr()
    (alert,) = json.loads(captured.out)["alerts"]
    assert (alert["code"], alert["date"], alert["actual"]) == (
        "outcome_outside_band", whole.loc[WEEKS - 1, "date"], 1800.0
    )  # fmt: skip
    assert captured.err.count("\n") == 1 and "outcome_outside_band" in captured.err


def test_without_fail_on_alert_an_alert_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "home"))
    whole = weekly_sales(WEEKS)
    whole.loc[WEEKS - 1, "revenue"] = 1800.0
    whole.iloc[: WEEKS - 2].to_csv(tmp_path / "base.csv", index=False)
    whole.iloc[WEEKS - 2 :].to_csv(tmp_path / "newer.csv", index=False)
    assert main(["save", str(tmp_path / "base.csv"), "--name", "Weekly"]) == 0
    assert main(["append", str(tmp_path / "newer.csv"), "--to", "Weekly"]) == 0
    assert "alert outcome_outside_band: revenue on" in capsys.readouterr().out
