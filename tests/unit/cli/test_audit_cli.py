"""`audit`: the log newest first, as text and as JSON with the recorded fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.cli.main import main

BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"
NEWER = "date,store,revenue\n2024-01-02,A,110\n"


def test_audit_lists_the_writes_newest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "home"))
    assert main(["audit"]) == 0
    assert "nothing recorded yet" in capsys.readouterr().out
    (tmp_path / "base.csv").write_text(BASE, encoding="utf-8")
    (tmp_path / "newer.csv").write_text(NEWER, encoding="utf-8")
    assert main(["save", str(tmp_path / "base.csv"), "--name", "Shop", "--json"]) == 0
    assert main(["append", str(tmp_path / "newer.csv"), "--to", "Shop", "--json"]) == 0
    capsys.readouterr()
    assert main(["audit", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["audit"]
    assert [e["action"] for e in entries] == ["append", "save"]
    assert set(entries[0]) == {
        "time", "user", "role", "action", "team", "dataset", "dataset_name", "batch"
    }  # fmt: skip
    assert (entries[0]["user"], entries[0]["role"], entries[0]["team"]) == (
        "local",
        "admin",
        "local",
    )
    assert entries[0]["dataset_name"] == "Shop" and entries[0]["batch"]
    assert main(["audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "append" in lines[0] and "Shop" in lines[0] and "save" in lines[1]
