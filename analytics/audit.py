"""The workspace's audit log: who did what to which dataset, when. Append-only: rows are
inserted by the workspace's one write path, inside the write's own transaction, and nothing
updates or deletes them (reads through ``Workspace.query`` refuse any writing statement; on
PostgreSQL a trigger refuses any change to a recorded row, see analytics/migrations.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb  # its parser tells reading statements from writing ones, for either backend

SAVE = "save"
REPLACE = "replace"
RENAME = "rename"
DELETE = "delete"
PRESENTATION = "presentation"
APPEND = "append"
UNDO = "undo"
REFRESH = "refresh"
CREATE_KEY = "create_key"
ACTIONS = (SAVE, REPLACE, RENAME, DELETE, PRESENTATION, APPEND, UNDO, REFRESH, CREATE_KEY)

AUDIT_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_log (
    recorded_at TIMESTAMP NOT NULL,
    user_name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    team VARCHAR NOT NULL,
    dataset_id VARCHAR,
    dataset_name VARCHAR,
    batch VARCHAR
);
"""


@dataclass(frozen=True)
class Actor:
    """Who writes: in local mode nobody signs in, so it is the local administrator."""

    user: str = "local"
    role: str = "admin"
    team: str = "local"


LOCAL_ACTOR = Actor()


@dataclass(frozen=True)
class AuditEntry:
    """One recorded write."""

    at: datetime
    user: str
    role: str
    action: str
    team: str
    dataset_id: str | None
    dataset_name: str | None
    batch: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": self.at.isoformat(),
            "user": self.user,
            "role": self.role,
            "action": self.action,
            "team": self.team,
            "dataset": self.dataset_id,
            "dataset_name": self.dataset_name,
            "batch": self.batch,
        }


@dataclass(frozen=True)
class Write:
    """What a transaction does, recorded with it: the action, its datasets and import batch."""

    action: str
    dataset_ids: tuple[str, ...] = ()
    batch: str | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown audit action {self.action!r}")


def dataset_names(cursor: Any, write: Write) -> dict[str, str]:
    """The names of the write's datasets as stored now."""
    names = {}
    for dataset_id in write.dataset_ids:
        found = cursor.execute("SELECT name FROM datasets WHERE id = ?", [dataset_id]).fetchone()
        if found:
            names[dataset_id] = found[0]
    return names


def record(cursor: Any, actor: Actor, write: Write, names_before: dict[str, str]) -> None:
    """Insert the write's rows (one per dataset) in the caller's transaction; a dataset is
    named as after the write, or as before it when the write deleted it."""
    now = datetime.now(UTC).replace(tzinfo=None)
    names = {**names_before, **dataset_names(cursor, write)}
    for dataset_id in write.dataset_ids or (None,):
        cursor.execute(
            "INSERT INTO audit_log (recorded_at, user_name, role, action, team, dataset_id, "
            "dataset_name, batch, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nextval('audit_seq'))",
            [now, actor.user, actor.role, write.action, actor.team, dataset_id,
             names.get(dataset_id or ""), write.batch],
        )  # fmt: skip


def read_log(cursor: Any) -> list[AuditEntry]:
    """Every recorded write, newest first."""
    rows = cursor.execute(
        "SELECT recorded_at, user_name, role, action, team, dataset_id, dataset_name, batch "
        "FROM audit_log ORDER BY recorded_at DESC, seq DESC"
    ).fetchall()
    return [AuditEntry(*row) for row in rows]


def refuse_writes(sql: str) -> None:
    """Raise unless every statement of ``sql`` only reads."""
    for statement in duckdb.extract_statements(sql):
        if statement.type not in _READING:
            raise PermissionError("Workspace.query runs reading statements only.")


_READING = frozenset({
    duckdb.StatementType.SELECT,
    duckdb.StatementType.EXPLAIN,
})  # fmt: skip
