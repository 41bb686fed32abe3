"""A process's connection to the workspace's DuckDB file. DuckDB lets one process open a file at
a time, so the app closes its connection after a moment without use (``idle_release``) and
opens it again when a page needs it: a scheduled refresh in another process takes its turn in
between, and a page that finds the file taken waits for it (a refresh holds it for seconds)."""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics.errors import UserInputError

OPEN_WAIT_SECONDS = 30.0  # how long a reopening waits for another process to finish
_RETRY_SECONDS = 0.1


class FileConnection:
    """One DuckDB connection to ``path``, leased by each operation. ``on_open(conn, first)``
    prepares a new connection; the first open is tried once (a second LiftBoard process is
    told at once), a reopening waits up to OPEN_WAIT_SECONDS."""

    def __init__(
        self,
        path: Path,
        on_open: Callable[[duckdb.DuckDBPyConnection, bool], None],
        *,
        idle_release: float | None = None,
    ) -> None:
        self.path = path
        self._on_open = on_open
        self._idle_release = idle_release
        self._lock = threading.Lock()
        self._users = 0
        self._last_use = time.monotonic()
        self._closed = False
        self._conn: duckdb.DuckDBPyConnection | None = self._connect(wait=0.0, first=True)
        _OPEN.add(self)
        if idle_release:
            threading.Thread(target=self._release_when_idle, daemon=True).start()

    @contextmanager
    def lease(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection (opened again if it was released) for one operation."""
        with self._lock:
            if self._conn is None:
                self._conn = self._connect(wait=OPEN_WAIT_SECONDS, first=False)
            self._users += 1
            conn = self._conn
        try:
            yield conn
        finally:
            with self._lock:
                self._users -= 1
                self._last_use = time.monotonic()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _connect(self, *, wait: float, first: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + wait
        while True:
            try:
                conn = duckdb.connect(str(self.path))
                break
            except duckdb.Error as exc:
                if time.monotonic() >= deadline:
                    raise UserInputError(
                        f"The workspace {self.path} cannot be opened ({_first_line(exc)}): close "
                        "other LiftBoard processes using it, or set LIFTBOARD_HOME to another "
                        "folder.",
                        code="workspace_locked",
                        path=str(self.path),
                    ) from exc
                time.sleep(_RETRY_SECONDS)
        self._on_open(conn, first)
        return conn

    def _release_when_idle(self) -> None:
        idle = float(self._idle_release or 0)
        while True:
            time.sleep(idle / 2)
            with self._lock:
                if self._closed:
                    return
                quiet = time.monotonic() - self._last_use >= idle
                if self._conn is not None and self._users == 0 and quiet:
                    self._conn.close()
                    self._conn = None


# Closed at exit, before the interpreter stops its daemon threads: a release thread stopped inside
# DuckDB's own close aborts the process ("FATAL: exception not rethrown", exit status 134).
_OPEN: weakref.WeakSet[FileConnection] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for connection in list(_OPEN):
        connection.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
