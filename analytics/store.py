"""Where a workspace's tables live: the store interface the Workspace speaks, and its DuckDB file
implementation (the default; analytics/pgstore.py is the PostgreSQL one).

A store lends sessions. A session runs SQL written in the subset both backends accept (``?``
placeholders), begins, commits and rolls back transactions, and moves a dataset's rows in and
out as Arrow tables (columns by position: c0, c1, ...).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from analytics.connection import FileConnection
from analytics.migrations import migrate


class Rows(Protocol):
    def fetchall(self) -> list[tuple]: ...
    def fetchone(self) -> tuple | None: ...


class Session(Protocol):
    """One leased connection of a store."""

    dialect: str

    def execute(self, sql: str, params: list[Any] | None = None) -> Rows: ...
    def begin(self) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def table_exists(self, name: str) -> bool: ...
    def table_names(self) -> list[str]: ...
    def create_table(self, name: str, table: pa.Table) -> None: ...
    def append_rows(self, name: str, table: pa.Table) -> None: ...
    def read_table(self, name: str, *, limit: int | None = None) -> pa.Table: ...
    def read_only(self) -> Any: ...
    def lock_schema(self) -> None: ...


# Every write through a store of this process bumps its file's generation, and listings are
# reused until it changes. Another process can write only while this one has released the file
# (DuckDB locks an open file), so reopening it bumps the generation too.
_GENERATIONS: dict[Path, int] = {}
_GENERATIONS_LOCK = threading.Lock()


class DuckDBStore:
    """The workspace's DuckDB file, migrated to the present schema when first opened."""

    dialect = "duckdb"

    def __init__(self, path: Path, *, idle_release: float | None = None) -> None:
        self.path = path
        self._connection = FileConnection(path, self._prepare, idle_release=idle_release)

    def _prepare(self, conn: duckdb.DuckDBPyConnection, first: bool) -> None:
        # No progress bar: a long store would print one into the server's or CLI's output.
        conn.execute("SET enable_progress_bar = false")
        if first:
            session = DuckDBSession(conn.cursor())
            session.begin()
            try:
                migrate(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise
        else:  # reopened after a release: another process may have written meanwhile
            self.wrote()

    @contextmanager
    def session(self) -> Iterator[DuckDBSession]:
        with self._connection.lease() as conn:
            cursor = conn.cursor()
            try:
                yield DuckDBSession(cursor)
            finally:
                cursor.close()

    def generation(self) -> int | None:
        """A number that changes with every write (None: listings cannot be reused)."""
        return _GENERATIONS.get(self.path, 0)

    def wrote(self) -> None:
        with _GENERATIONS_LOCK:
            _GENERATIONS[self.path] = _GENERATIONS.get(self.path, 0) + 1

    def close(self) -> None:
        self._connection.close()


class DuckDBSession:
    """A DuckDB cursor speaking the session interface."""

    dialect = "duckdb"

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor

    def execute(self, sql: str, params: list[Any] | None = None) -> Rows:
        return self.cursor.execute(sql, params or [])

    def begin(self) -> None:
        self.cursor.begin()

    def commit(self) -> None:
        self.cursor.commit()

    def rollback(self) -> None:
        self.cursor.rollback()

    def table_exists(self, name: str) -> bool:
        return name in self.table_names()

    def table_names(self) -> list[str]:
        rows = self.cursor.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        return sorted(row[0] for row in rows)

    def create_table(self, name: str, table: pa.Table) -> None:
        self._from_arrow(name, table, f'CREATE TABLE "{name}" AS SELECT * FROM "{{view}}"')

    def append_rows(self, name: str, table: pa.Table) -> None:
        self._from_arrow(name, table, f'INSERT INTO "{name}" SELECT * FROM "{{view}}"')

    def _from_arrow(self, name: str, table: pa.Table, sql: str) -> None:
        view = f"incoming_{name}"
        self.cursor.register(view, table)
        try:
            self.cursor.execute(sql.format(view=view))
        finally:
            self.cursor.unregister(view)

    def read_table(self, name: str, *, limit: int | None = None) -> pa.Table:
        sql = f'SELECT * FROM "{name}"' + (f" LIMIT {int(limit)}" if limit is not None else "")
        return self.cursor.sql(sql).to_arrow_table()

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """Reads as they are (Workspace.query's parser check refuses writing statements)."""
        yield

    def lock_schema(self) -> None:
        """Nothing to do: DuckDB lets one process open the file at a time."""
