"""Versioned migrations: applied once, in order, in a transaction, on both backends; a workspace
file made before versions were kept is upgraded; a newer one is refused."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pandas as pd
import pytest
from corpus import load_fixture

from analytics import imports, migrations
from analytics.errors import UserInputError
from analytics.workspace import DB_FILE, Workspace, open_workspace
from tests.postgres import drop_team, new_team

V1_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace_v1.duckdb.gz"


def versions(ws: Workspace) -> list[int]:
    return [row[0] for row in ws.query("SELECT version FROM schema_version ORDER BY version")]


def test_a_new_workspace_has_every_migration_once(open_ws) -> None:
    ws = open_ws()
    assert versions(ws) == [1, 2] and migrations.LATEST == 2
    ws.close()
    again = open_ws()
    assert versions(again) == [1, 2]
    again.save(load_fixture("utf8_basic.csv"), "after reopening")
    assert [entry.action for entry in again.audit_log()] == ["save"]


def test_a_version_1_file_is_upgraded_and_keeps_everything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / DB_FILE).write_bytes(gzip.decompress(V1_FILE.read_bytes()))
    ws = Workspace(home)
    try:
        assert versions(ws) == [2]
        names = {info.name: info for info in ws.list()}
        assert sorted(names) == ["shop", "门店销售 2024"]
        pd.testing.assert_frame_equal(
            ws.load(names["门店销售 2024"].id), load_fixture("gbk_chinese.csv").frame
        )
        shop = names["shop"]
        assert ws.load(shop.id)["revenue"].tolist() == [10.0, 11.0, 13.0, 14.0]
        logged = [(entry.action, entry.dataset_name) for entry in ws.audit_log()]
        assert logged == [
            ("rename", "门店销售 2024"),
            ("append", "shop"),
            ("save", "shop"),
            ("save", "门店销售"),
        ]
        (record,) = imports.import_history(ws, shop.id)
        restored = imports.undo_import(ws, record.batch)
        assert ws.load(shop.id)["revenue"].tolist() == [10.0, 11.0, 12.0]
        assert restored.n_rows == 3
        assert [entry.action for entry in ws.audit_log()][:2] == ["undo", "rename"]
    finally:
        ws.close()
    assert versions(Workspace(home)) == [2]


def test_a_newer_workspace_is_refused_with_what_to_do(open_ws) -> None:
    ws = open_ws()
    with ws._cursor() as session:
        session.execute("INSERT INTO schema_version VALUES (99, 'from the future', now())")
    ws.close()
    with pytest.raises(UserInputError, match=r"newer LiftBoard .*version 99.*up to 2") as raised:
        open_ws()
    assert raised.value.code == "workspace_too_new"


def test_a_failing_migration_changes_nothing(open_ws, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = open_ws().save(load_fixture("utf8_basic.csv"), "kept")

    def half_done(session) -> None:
        session.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("interrupted")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", (*migrations.MIGRATIONS, (3, "half done", half_done))
    )
    monkeypatch.setattr(migrations, "LATEST", 3)
    with pytest.raises(RuntimeError, match="interrupted"):
        open_ws()
    monkeypatch.undo()
    ws = open_ws()
    assert versions(ws) == [1, 2]
    assert "half_done" not in ws.tables()
    assert [info.id for info in ws.list()] == [saved.id]


def test_processes_opening_a_new_team_schema_at_once_migrate_it_once(
    postgres_url: str, tmp_path: Path
) -> None:
    team = new_team()
    opened, failures = [], []

    def open_it() -> None:
        try:
            opened.append(open_workspace(tmp_path, team=team, database_url=postgres_url))
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == [] and len(opened) == 4
        assert versions(opened[0]) == [1, 2]
    finally:
        drop_team(postgres_url, team)
