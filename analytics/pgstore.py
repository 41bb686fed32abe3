"""The PostgreSQL store of team workspaces: one schema per team (``team_<name>``; ``liftboard``
without a team) in the database of ``database_url``, reached through a SQLAlchemy 2 connection
pool with the psycopg 3 driver. Rows go in by COPY and come back as Arrow tables whose types
keep the values (timestamps, floats, nullable integers, text in any script)."""

from __future__ import annotations

import os
import re
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pyarrow as pa
import sqlalchemy

from analytics.errors import UserInputError
from analytics.migrations import migrate

CONFIG_ENV = "LIFTBOARD_CONFIG"
CONFIG_FILE = "liftboard.toml"
LOCAL_SCHEMA = "liftboard"
TEAM_NAME = re.compile(r"[a-z0-9_-]{1,40}")
POOL_SIZE = 5
POOL_OVERFLOW = 10

_ENGINES: dict[str, sqlalchemy.Engine] = {}
_ENGINES_LOCK = threading.Lock()

# Arrow type of a stored column -> PostgreSQL type, and back by the column's type oid.
_TO_SQL = (
    (pa.types.is_integer, "BIGINT"),
    (pa.types.is_floating, "DOUBLE PRECISION"),
    (pa.types.is_boolean, "BOOLEAN"),
    (pa.types.is_timestamp, "TIMESTAMP"),
    (pa.types.is_date, "DATE"),
    (lambda t: pa.types.is_string(t) or pa.types.is_large_string(t), "TEXT"),
)
_FROM_OID = {
    20: pa.int64(),
    21: pa.int64(),
    23: pa.int64(),
    700: pa.float64(),
    701: pa.float64(),
    16: pa.bool_(),
    1114: pa.timestamp("ns"),
    1082: pa.date32(),
    25: pa.string(),
    1043: pa.string(),
}


def configured_database_url() -> str | None:
    """``database_url`` of the team configuration (LIFTBOARD_CONFIG, else ./liftboard.toml),
    or None: no configuration, or one keeping the workspaces in DuckDB files."""
    path = Path(os.environ.get(CONFIG_ENV) or CONFIG_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        url = tomllib.load(handle).get("database_url")
    return str(url) if url else None


def schema_for(team: str | None) -> str:
    """The schema of a team's workspace (``team_<name>``), or of the workspace without one."""
    if team is None:
        return LOCAL_SCHEMA
    if not TEAM_NAME.fullmatch(team):
        raise UserInputError(
            f"{team!r} is not a team name: use lower-case letters, digits, - and _ (at most 40).",
            code="team_name_invalid",
            team=team,
        )
    return f"team_{team}"


def engine_for(url: str) -> sqlalchemy.Engine:
    """The process's one connection pool to ``url`` (postgresql://... as psycopg 3)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            driver_url = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)
            engine = sqlalchemy.create_engine(
                driver_url,
                pool_size=POOL_SIZE,
                max_overflow=POOL_OVERFLOW,
                pool_pre_ping=True,
                # Rows come back in the order they were stored (tables are never updated).
                connect_args={"options": "-c synchronize_seqscans=off -c client_encoding=UTF8"},
            )
            _ENGINES[url] = engine
        return engine


class PostgresStore:
    """A workspace in one schema of a PostgreSQL database, migrated when first opened."""

    dialect = "postgresql"

    def __init__(self, url: str, schema: str) -> None:
        self.url = url
        self.schema = schema
        self._engine = engine_for(url)
        with self.session(search=False) as session:
            session.begin()
            try:
                session.lock_schema()
                session.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                session.execute(f'SET LOCAL search_path TO "{schema}"')
                migrate(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def session(self, *, search: bool = True) -> Iterator[PostgresSession]:
        try:
            pooled = self._engine.raw_connection()
        except (sqlalchemy.exc.OperationalError, psycopg.OperationalError) as exc:
            raise _unreachable(self._engine, exc) from exc
        try:
            conn = pooled.driver_connection
            conn.autocommit = True
            session = PostgresSession(conn, self.schema)
            if search:
                session.execute(f'SET search_path TO "{self.schema}"')
            yield session
        finally:
            pooled.close()

    def generation(self) -> int | None:
        """None: other processes write to the database at any time, so listings are read
        again each time."""
        return None

    def wrote(self) -> None:
        """Nothing to note: listings are not reused."""

    def close(self) -> None:
        """The pool stays for the process's other workspaces."""


def _unreachable(engine: sqlalchemy.Engine, exc: Exception) -> UserInputError:
    where = f"{engine.url.host or 'localhost'}:{engine.url.port or 5432}"
    reason = str(exc.__cause__ or exc).strip().splitlines()[0][:200]
    return UserInputError(
        f"The database at {where} cannot be reached ({reason}): start PostgreSQL, or correct "
        "database_url in the team configuration.",
        code="database_unreachable",
        where=where,
    )


class PostgresSession:
    """A pooled psycopg connection speaking the session interface (``?`` placeholders)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection, schema: str) -> None:
        self.conn = conn
        self.schema = schema

    def execute(self, sql: str, params: list[Any] | None = None) -> psycopg.Cursor:
        cursor = self.conn.cursor()
        if params:
            return cursor.execute(placeholders(sql), params)
        return cursor.execute(sql)

    def begin(self) -> None:
        self.conn.execute("BEGIN")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def table_exists(self, name: str) -> bool:
        return name in self.table_names()

    def table_names(self) -> list[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
            [self.schema],
        ).fetchall()
        return sorted(row[0] for row in rows)

    def create_table(self, name: str, table: pa.Table) -> None:
        columns = ", ".join(f'"{field.name}" {_sql_type(field.type)}' for field in table.schema)
        self.execute(f'CREATE TABLE "{name}" ({columns})')
        self.append_rows(name, table)

    def append_rows(self, name: str, table: pa.Table) -> None:
        names = ", ".join(f'"{column}"' for column in table.column_names)
        with self.conn.cursor().copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
            for row in _python_rows(table):
                copy.write_row(row)

    def read_table(self, name: str, *, limit: int | None = None) -> pa.Table:
        sql = f'SELECT * FROM "{name}"' + (f" LIMIT {int(limit)}" if limit is not None else "")
        cursor = self.execute(sql)
        rows = cursor.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(cursor.description)
        return pa.table(
            {
                column.name: pa.array(values, _FROM_OID.get(column.type_code, pa.string()))
                for column, values in zip(cursor.description, columns, strict=True)
            }
        )

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """A read-only transaction: the database itself refuses any write in it."""
        self.conn.execute("BEGIN READ ONLY")
        try:
            yield
        finally:
            self.conn.execute("ROLLBACK")

    def lock_schema(self) -> None:
        """Serialise schema creation and migrations across processes, until the transaction ends."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", [f"liftboard:{self.schema}"])


def _sql_type(arrow_type: pa.DataType) -> str:
    for matches, sql_type in _TO_SQL:
        if matches(arrow_type):
            return sql_type
    raise TypeError(f"no PostgreSQL column type for {arrow_type}")


def _python_rows(table: pa.Table) -> Iterator[tuple]:
    columns = []
    for column in table.columns:
        if pa.types.is_timestamp(column.type):
            column = column.cast(pa.timestamp("us", column.type.tz), safe=False)
        columns.append(column.to_pylist())
    return zip(*columns, strict=True)


_QUOTED = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")


def placeholders(sql: str) -> str:
    """The statement with ``?`` placeholders as psycopg's ``%s`` (quoted text untouched)."""
    parts = _QUOTED.split(sql.replace("%", "%%"))
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("?", "%s")
    return "".join(parts)
