"""Versioned migrations of the workspace's schema, the same on both backends.

``schema_version`` holds one row per applied migration. Opening a workspace applies the ones it
lacks, in order, in the opener's transaction; a workspace written before versions were kept
(tables but no ``schema_version``) is version 1; a newer version than this code knows is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from analytics import audit
from analytics.errors import UserInputError

_VERSION_1 = (
    """
CREATE TABLE IF NOT EXISTS datasets (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    file_name VARCHAR,
    content_hash VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    n_rows BIGINT NOT NULL,
    columns VARCHAR NOT NULL,
    mapping VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    date_min DATE,
    date_max DATE,
    frequency VARCHAR,
    encoding VARCHAR,
    sheet VARCHAR
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS imports (
    batch VARCHAR PRIMARY KEY,
    dataset_id VARCHAR NOT NULL,
    file_name VARCHAR,
    file_hash VARCHAR NOT NULL,
    user_name VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    added BIGINT NOT NULL,
    changed BIGINT NOT NULL,
    unchanged BIGINT NOT NULL,
    duplicates_in_file BIGINT NOT NULL,
    previous VARCHAR,
    snapshot VARCHAR,
    undone_at TIMESTAMP
);
"""
    + audit.AUDIT_SCHEMA
)

# PostgreSQL refuses every change to a recorded audit row, whoever connects (the table's owner
# included): the log is append-only in the database, not only in the code.
_APPEND_ONLY_AUDIT = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
"""


def _create_tables(session: Any) -> None:
    session.execute(_VERSION_1)


def _order_the_audit_log(session: Any) -> None:
    """Audit rows get their insertion order (``seq``, from a sequence) on both backends;
    existing rows keep theirs; on PostgreSQL the log becomes append-only."""
    session.execute("ALTER TABLE audit_log ADD COLUMN seq BIGINT")
    if session.dialect == "duckdb":
        session.execute("UPDATE audit_log SET seq = rowid + 1")
    (count,) = session.execute("SELECT count(*) FROM audit_log").fetchone()
    session.execute(f"CREATE SEQUENCE audit_seq START WITH {int(count) + 1}")
    if session.dialect == "postgresql":
        session.execute(_APPEND_ONLY_AUDIT)


MIGRATIONS: tuple[tuple[int, str, Callable[[Any], None]], ...] = (
    (1, "datasets, meta, imports and audit_log", _create_tables),
    (2, "audit_log ordered by seq; append-only on PostgreSQL", _order_the_audit_log),
)
LATEST = MIGRATIONS[-1][0]


def migrate(session: Any) -> int:
    """Apply the migrations the workspace lacks inside the caller's transaction; return the
    version it had before."""
    session.lock_schema()
    session.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    current = schema_version(session)
    if current > LATEST:
        raise UserInputError(
            f"This workspace was written by a newer LiftBoard (schema version {current}; this "
            f"one knows up to {LATEST}): update LiftBoard, or open another workspace.",
            code="workspace_too_new",
            version=current,
            latest=LATEST,
        )
    now = datetime.now(UTC).replace(tzinfo=None)
    for version, description, step in MIGRATIONS[current:]:
        step(session)
        session.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, now])
    return current


def schema_version(session: Any) -> int:
    """The workspace's schema version: 0 when empty, 1 when made before versions were kept."""
    (found,) = session.execute("SELECT max(version) FROM schema_version").fetchone()
    if found is not None:
        return int(found)
    return 1 if session.table_exists("datasets") else 0
