"""The audit log: one row per write action, with who and which dataset; nothing can update or
delete it, and a failed write records nothing."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from analytics import audit, imports
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.refresh import refresh

ROOT = Path(__file__).resolve().parents[2]
BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"
NEWER = "date,store,revenue\n2024-01-02,A,110\n2024-01-02,B,210\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_write_action_is_recorded_with_who_and_which_dataset(open_ws, tmp_path: Path) -> None:
    ws = open_ws()
    info = ws.save(load(write(tmp_path, "base.csv", BASE)), "sales")
    ws.rename(info.id, "shop sales")
    ws.set_presentation(info.id, {"revenue": "Revenue"}, "CNY")
    raw = read_table(write(tmp_path, "newer.csv", NEWER))
    _, record = imports.append(ws, info.id, imports.fit_export(ws.get(info.id), raw, profile(raw)))
    imports.undo_import(ws, record.batch)
    write(tmp_path / "exports", "newer.csv", NEWER)
    refresh(ws, tmp_path / "exports")
    ws.replace(info.id, load(write(tmp_path, "base2.csv", BASE)))
    other = ws.save(load(write(tmp_path, "other.csv", BASE)), "other")
    ws.delete(other.id)

    log = ws.audit_log()
    assert [e.action for e in log] == [
        "delete", "save", "replace", "refresh", "undo", "append", "presentation", "rename", "save"
    ]  # fmt: skip
    assert {(e.user, e.role, e.team) for e in log} == {("local", "admin", "local")}
    assert log[0].dataset_name == "other"  # named as it was before it was deleted
    assert log[-1].dataset_name == "sales" and log[-2].dataset_name == "shop sales"
    assert log[4].batch == log[5].batch == record.batch
    assert log[3].batch is not None and log[3].dataset_id == info.id
    ws.close()


def test_the_log_cannot_be_updated_or_deleted_through_the_workspace(
    open_ws, tmp_path: Path
) -> None:
    ws = open_ws()
    ws.save(load(write(tmp_path, "base.csv", BASE)), "sales")
    for statement in (
        "DELETE FROM audit_log",
        "UPDATE audit_log SET user_name = 'someone'",
        "DROP TABLE audit_log",
        "SELECT 1; DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ):
        with pytest.raises(PermissionError):
            ws.query(statement)
    assert [(e.action, e.user) for e in ws.audit_log()] == [("save", "local")]
    ws.close()


def test_no_code_path_updates_or_deletes_the_log() -> None:
    """Only the migration that gave the log its order column fills that column in, once, on
    the rows of a workspace written before it (before PostgreSQL's trigger exists)."""
    writes = re.compile(r"(UPDATE|DELETE\s+FROM|DROP\s+TABLE|TRUNCATE)\s+\"?audit_log", re.I)
    found = [
        str(path.relative_to(ROOT))
        for folder in ("analytics", "ui", "pages")
        for path in (ROOT / folder).rglob("*.py")
        if writes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["analytics/migrations.py"]
    migration = (ROOT / "analytics" / "migrations.py").read_text(encoding="utf-8")
    assert [m.group(0) for m in writes.finditer(migration)] == ["UPDATE audit_log"]


def test_postgresql_itself_refuses_to_change_a_recorded_row(pg_ws, tmp_path: Path) -> None:
    """Past Workspace.query: a statement on the app's own connection is refused by the
    database (a trigger), so nothing the app runs can rewrite the log."""
    ws = pg_ws
    ws.save(load(write(tmp_path, "base.csv", BASE)), "sales")
    for statement in (
        "DELETE FROM audit_log",
        "UPDATE audit_log SET user_name = 'someone'",
        "TRUNCATE audit_log",
    ):
        with (
            ws._cursor() as session,
            pytest.raises(psycopg.errors.RaiseException, match="append-only"),
        ):
            session.execute(statement)
    with ws._cursor() as session:
        session.execute(
            "INSERT INTO audit_log (recorded_at, user_name, role, action, team, seq) "
            "VALUES (now(), 'x', 'admin', 'save', 'local', nextval('audit_seq'))"
        )
    assert [(e.action, e.user) for e in ws.audit_log()] == [("save", "x"), ("save", "local")]


def test_a_failed_write_records_nothing(open_ws, tmp_path: Path) -> None:
    ws = open_ws()
    info = ws.save(load(write(tmp_path, "base.csv", BASE)), "sales")
    with pytest.raises(RuntimeError), ws.transaction(audit.Write(audit.RENAME, (info.id,))) as cur:
        cur.execute("UPDATE datasets SET name = 'x' WHERE id = ?", [info.id])
        raise RuntimeError("interrupted")
    assert [e.action for e in ws.audit_log()] == ["save"]
    assert ws.get(info.id).name == "sales"
    ws.close()


def test_a_signed_in_actor_is_recorded_as_such(open_ws, tmp_path: Path) -> None:
    actor = audit.Actor(user="mei", role="analyst", team="growth")
    ws = open_ws(actor=actor)
    info = ws.save(load(write(tmp_path, "base.csv", BASE)), "sales")
    (entry,) = ws.audit_log()
    assert (entry.user, entry.role, entry.team, entry.dataset_id) == (
        "mei", "analyst", "growth", info.id
    )  # fmt: skip
    ws.close()
