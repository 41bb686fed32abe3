"""`save`, `append`, `datasets` and `refresh`: JSON fields as the issue writes them, exit codes,
and a refresh that waits its turn while another process holds the workspace as the app does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy

from analytics.cli.main import main
from analytics.cli.workspace import EXIT_BUSY
from analytics.pgstore import engine_for
from analytics.refresh import open_when_free
from analytics.workspace import Workspace

BASE = "date,store,revenue,spend\n2024-01-01,A,100,10\n2024-01-01,B,200,20\n"
NEWER = "date,store,revenue,spend\n2024-01-01,B,250,20\n2024-01-01,B,260,20\n2024-01-02,A,1,1\n"
LATEST = "date,store,revenue,spend\n2024-01-03,A,5,1\n2024-01-03,B,6,1\n"
# Opens the workspace and keeps it open, as the app's one cached connection does.
HOLDER = """
import sys, time
from analytics.workspace import Workspace
ws = Workspace(sys.argv[1])
print("open", flush=True)
time.sleep(float(sys.argv[2]))
ws.close()
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("LIFTBOARD_HOME", str(path))
    return path


@pytest.fixture
def home_on(
    backend: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request
) -> Iterator[Path]:
    """The commands' workspace on each backend: PostgreSQL through the team configuration's
    database_url (schema `liftboard`, dropped after the test)."""
    if backend == "duckdb":
        yield home
        return
    url = request.getfixturevalue("postgres_url")
    config = tmp_path / "liftboard.toml"
    config.write_text(f'database_url = "{url}"\n', encoding="utf-8")
    monkeypatch.setenv("LIFTBOARD_CONFIG", str(config))
    yield home
    with engine_for(url).begin() as conn:
        conn.execute(sqlalchemy.text('DROP SCHEMA IF EXISTS "liftboard" CASCADE'))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def run_error(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_save_append_datasets_json(
    home_on: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    assert set(saved) == {"dataset", "name", "rows"}
    assert (saved["name"], saved["rows"]) == ("Shop", 2)
    newer = str(write(tmp_path, "newer.csv", NEWER))
    appended = run_json(capsys, "append", newer, "--to", "Shop")
    assert list(appended) == ["dataset", "batch", "added", "changed", "unchanged",
                              "duplicates_in_file", "alerts"]  # fmt: skip
    assert appended["dataset"] == saved["dataset"] and appended["batch"]
    assert (appended["added"], appended["changed"], appended["unchanged"]) == (1, 1, 0)
    assert appended["duplicates_in_file"] == 1
    again = run_json(capsys, "append", newer, "--to", "Shop")
    assert (again["added"], again["changed"]) == (0, 0)
    listed = run_json(capsys, "datasets")
    assert listed == {"datasets": [{"dataset": saved["dataset"], "name": "Shop", "rows": 3,
                                    "versions": 2}]}  # fmt: skip


def test_dry_run_stores_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    newer = str(write(tmp_path, "newer.csv", NEWER))
    preview = run_json(capsys, "append", newer, "--to", "Shop", "--dry-run")
    assert preview["batch"] is None and preview["added"] == 1
    assert run_json(capsys, "datasets")["datasets"][0]["rows"] == 2


def test_unusable_input_exits_2_with_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    newer = str(write(tmp_path, "newer.csv", NEWER))
    other = str(write(tmp_path, "other.csv", "date,store,clicks\n2024-01-02,A,3\n"))
    cases = {
        "unknown": ("append", newer, "--to", "Nope"),
        "unreadable": ("append", str(tmp_path / "missing.csv"), "--to", "Shop"),
        "mismatch": ("append", other, "--to", "Shop"),
        "no folder": ("refresh", "--source", str(tmp_path / "none")),
    }
    for case, argv in cases.items():
        code, err = run_error(capsys, *argv)
        assert code == 2, case
        assert err.startswith("error: ") and err.count("\n") == 1, (case, err)
    assert "missing revenue, spend; extra clicks" in run_error(capsys, *cases["mismatch"])[1]
    assert run_json(capsys, "datasets")["datasets"][0]["versions"] == 1


def test_refresh_imports_new_files_once(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    exports = tmp_path / "exports"
    write(exports, "week1.csv", NEWER)
    write(exports, "notes.md", "not an export")
    first = run_json(capsys, "refresh", "--source", str(exports))
    assert (first["imported"], first["already_imported"], first["failed"]) == (1, 0, 0)
    assert first["files"][0]["name"] == "Shop" and first["files"][0]["added"] == 1
    latest = write(exports, "week2.csv", LATEST)
    os.utime(latest, (time.time() + 5, time.time() + 5))
    second = run_json(capsys, "refresh", "--source", str(exports), "--to", "Shop")
    assert [f["status"] for f in second["files"]] == ["already_imported", "imported"]
    assert second["files"][1]["added"] == 2
    assert run_json(capsys, "datasets")["datasets"][0] == {
        "dataset": first["files"][0]["dataset"], "name": "Shop", "rows": 5, "versions": 3}  # fmt: skip


def hold_workspace(home: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    return holder


def test_refresh_waits_for_a_process_holding_the_workspace(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    write(tmp_path / "exports", "week1.csv", NEWER)
    holder = hold_workspace(home, 3)
    try:
        started = time.monotonic()
        code = main(["refresh", "--source", str(tmp_path / "exports"), "--json"])
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "waiting up to 120 s" in captured.err  # refresh waits longer than save or append
    assert json.loads(captured.out)["imported"] == 1
    assert waited >= 1.0


def test_refresh_gives_up_cleanly_when_the_workspace_stays_held(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    write(tmp_path / "exports", "week1.csv", NEWER)
    holder = hold_workspace(home, 60)
    try:
        code = main(["refresh", "--source", str(tmp_path / "exports"), "--wait", "2"])
        assert main(["datasets", "--wait", "1"]) == EXIT_BUSY
    finally:
        holder.kill()
        holder.wait(timeout=30)
    err = capsys.readouterr().err
    assert code == EXIT_BUSY
    assert err.splitlines()[-1].startswith("error: The workspace stayed open")
    ws = Workspace(home)
    try:
        assert ws.list()[0].n_rows == 2
        assert ws.query("SELECT count(*) FROM imports") == [(0,)]
    finally:
        ws.close()


# Serves like the app: its workspace released after a moment without use; reads on request.
APP_LIKE = """
import sys
from analytics.workspace import Workspace
ws = Workspace(sys.argv[1], idle_release=0.5)
print("open", flush=True)
for line in sys.stdin:
    print(sum(info.n_rows for info in ws.list()), flush=True)
"""


def test_refresh_takes_its_turn_while_the_app_runs_and_the_app_sees_the_new_rows(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "save", str(write(tmp_path, "base.csv", BASE)), "--name", "Shop")
    write(tmp_path / "exports", "week1.csv", NEWER)
    app = subprocess.Popen(
        [sys.executable, "-c", APP_LIKE, str(home)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert app.stdin is not None and app.stdout is not None

    def rows_the_app_reads() -> int:
        app.stdin.write("rows\n")
        app.stdin.flush()
        return int(app.stdout.readline())

    try:
        assert app.stdout.readline().strip() == "open"
        assert rows_the_app_reads() == 2
        refreshed = run_json(capsys, "refresh", "--source", str(tmp_path / "exports"))
        assert refreshed["imported"] == 1
        assert rows_the_app_reads() == 3  # reopened after the refresh: the new version
        held = open_when_free(home, 10)  # as a refresh holds it: the app's read waits for it
        try:
            app.stdin.write("rows\n")
            app.stdin.flush()
            time.sleep(1.0)
        finally:
            held.close()
        assert int(app.stdout.readline()) == 3
    finally:
        app.kill()
        app.wait(timeout=30)
