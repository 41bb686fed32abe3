"""The workspace: every confirmed dataset, its mapping, version and upload time, in a store (the
embedded DuckDB file by default, a PostgreSQL schema per team with ``database_url``).

Writes are single transactions (a failed or interrupted save leaves the workspace as it was);
ids are generated, and names users type are metadata, never paths or table names.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analytics import access, audit, teams
from analytics.audit import Actor, AuditEntry, Write
from analytics.errors import UserInputError
from analytics.ingest.issues import ERROR
from analytics.ingest.load import Dataset
from analytics.ingest.roles import Mapping
from analytics.periods import infer_frequency
from analytics.store import DuckDBStore, Session

if TYPE_CHECKING:
    from analytics.pgstore import PostgresStore

DEFAULT_HOME = "workspace"
DB_FILE = "liftboard.duckdb"
TEAMS_FOLDER = "teams"  # team mode on files: one workspace folder per team under the home
MAX_NAME_LENGTH = 120
LOCAL_SCHEMA = "liftboard"  # PostgreSQL: the workspace opened without a team


@dataclass(frozen=True)
class DatasetInfo:
    """A stored dataset's metadata. ``content_hash`` is its version: file bytes plus mapping."""

    id: str
    name: str
    file_name: str | None
    content_hash: str
    uploaded_at: datetime
    n_rows: int
    columns: tuple[str, ...]
    mapping: Mapping
    notes: dict[str, list[str]]
    date_min: str | None
    date_max: str | None
    frequency: str | None
    encoding: str | None
    sheet: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "file_name": self.file_name,
            "content_hash": self.content_hash,
            "uploaded_at": self.uploaded_at.isoformat(),
            "rows": self.n_rows,
            "columns": list(self.columns),
            "mapping": self.mapping.to_dict(),
            "date_min": self.date_min,
            "date_max": self.date_max,
            "frequency": self.frequency,
        }


def default_home() -> Path:
    return Path(os.environ.get("LIFTBOARD_HOME") or DEFAULT_HOME)


def open_workspace(
    home: str | Path | None = None,
    *,
    team: str | None = None,
    actor: Actor = audit.LOCAL_ACTOR,
    idle_release: float | None = None,
    database_url: str | None = None,
) -> Workspace:
    """The workspace a page or command works in: the local one under ``home``, or with
    ``team`` that team's own, whose datasets no other team's workspace can reach. With a
    ``database_url`` (default: the team configuration's) it lives in PostgreSQL, one schema
    per team; otherwise in a DuckDB file (teams: LIFTBOARD_HOME/teams/<team>/)."""
    root = Path(home) if home else default_home()
    schema = schema_for(team)  # refuses a team name that is no name
    config = None if database_url else teams.load_config()
    url = database_url or (config.database_url if config else None)
    if url:
        from analytics.pgstore import PostgresStore  # SQLAlchemy and psycopg only when asked

        return Workspace(root, actor=actor, store=PostgresStore(url, schema))
    folder = root / TEAMS_FOLDER / team if team else root
    return Workspace(folder, idle_release=idle_release, actor=actor)


def schema_for(team: str | None) -> str:
    """The schema of a team's workspace (``team_<name>``), or of the workspace without one."""
    if team is None:
        return LOCAL_SCHEMA
    if not teams.TEAM_NAME.fullmatch(team):
        raise UserInputError(
            f"{team!r} is not a team name: use lower-case letters, digits, - and _ (at most 40).",
            code="team_name_invalid",
            team=team,
        )
    return f"team_{team}"


class Workspace:
    """Datasets in one store: by default the DuckDB file under ``home`` ($LIFTBOARD_HOME or
    ./workspace); ``open_workspace`` gives a team's, or a PostgreSQL one."""

    def __init__(
        self,
        home: str | Path | None = None,
        *,
        idle_release: float | None = None,
        actor: Actor = audit.LOCAL_ACTOR,
        store: DuckDBStore | PostgresStore | None = None,
    ) -> None:
        """``idle_release``: close the file after that many seconds without use, so another
        process (a scheduled refresh) can take its turn; the app sets it, one-off commands
        keep the file for their short life."""
        self.home = Path(home) if home else default_home()
        self.actor = actor  # who this workspace's writes are recorded as
        self.path: Path | None = None  # the DuckDB file, when the store is one
        if store is None:
            self.home.mkdir(parents=True, exist_ok=True)
            self.path = (self.home / DB_FILE).resolve()
            store = DuckDBStore(self.path, idle_release=idle_release)
        self.store = store
        self._write_lock = threading.RLock()
        self._listings: dict[Path | None, tuple[int, list[DatasetInfo]]] = {}  # shared by its views

    def acting_as(self, actor: Actor) -> Workspace:
        """This workspace for another user of its team: the same connection, lock and listing
        cache; reads and writes checked against that user's role and recorded as theirs."""
        if actor.team != self.actor.team:
            raise ValueError(f"a workspace of team {self.actor.team!r} acting for {actor.team!r}")
        view = copy.copy(self)
        view.actor = actor
        return view

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def _cursor(self) -> Iterator[Session]:
        """A session of the store: every read goes through here (and every write, inside
        ``transaction``)."""
        access.require(self.actor, access.READ)
        with self.store.session() as session:
            yield session

    @contextmanager
    def transaction(self, write: Write) -> Iterator[Session]:
        """A session in one transaction: committed at the end with the write's audit rows,
        rolled back (rows and audit alike) on any error. Every write goes through here."""
        access.require(self.actor, write.action)
        with self._write_lock, self._cursor() as cursor:
            cursor.begin()
            try:
                cursor.lock_schema()  # one writer at a time, across processes (PostgreSQL)
                names_before = audit.dataset_names(cursor, write)
                yield cursor
                audit.record(cursor, self.actor, write, names_before)
                cursor.commit()
            except BaseException:
                cursor.rollback()
                raise
            finally:
                self.store.wrote()

    def list(self) -> list[DatasetInfo]:
        """Every stored dataset, newest first (read again only after a write, or after the file
        was released and opened again)."""
        with self._cursor() as cursor:
            generation = self.store.generation()
            listing = self._listings.get(self.path)
            if generation is None or listing is None or listing[0] != generation:
                rows = cursor.execute(
                    f"SELECT {_INFO_COLUMNS} FROM datasets ORDER BY uploaded_at DESC, name"
                ).fetchall()
                listing = (generation, [_info(row) for row in rows])
                self._listings[self.path] = listing
        return list(listing[1])

    def get(self, dataset_id: str) -> DatasetInfo:
        with self._cursor() as cursor:
            row = cursor.execute(
                f"SELECT {_INFO_COLUMNS} FROM datasets WHERE id = ?", [dataset_id]
            ).fetchone()
        if row is None:
            raise UserInputError(
                "That dataset is not in the workspace (it may have been deleted): "
                "choose another one on the Data page.",
                code="dataset_gone",
            )
        return _info(row)

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Rows of one read-only statement on the workspace's tables (a writing one is
        refused: writes go through ``transaction``, which records them)."""
        audit.refuse_writes(sql)
        with self._cursor() as cursor, cursor.read_only():
            return cursor.execute(sql, params or []).fetchall()

    def stored_rows(self, dataset_id: str) -> pa.Table:
        """The dataset's rows as stored: columns by position (c0, c1, ...) with their types."""
        info = self.get(dataset_id)
        with self._cursor() as cursor:
            return cursor.read_table(f"data_{info.id}")

    def load(self, dataset_id: str) -> pd.DataFrame:
        """The dataset's rows, columns named as in the file, dates as datetime64."""
        info = self.get(dataset_id)
        frame = self.stored_rows(dataset_id).to_pandas()
        frame.columns = list(info.columns)
        return frame

    def save(
        self, dataset: Dataset, name: str, *, id_lookup: pd.DataFrame | None = None
    ) -> DatasetInfo:
        """Store a new dataset in one transaction and return its metadata; ``id_lookup``
        (pseudonym, original) is stored with it when its customer ids are hashed."""
        refuse_errors(dataset)
        dataset_id = new_dataset_id()
        with self.transaction(Write(audit.SAVE, (dataset_id,))) as cursor:
            self._insert(cursor, dataset, name, dataset_id)
            _store_lookup(cursor, dataset_id, id_lookup)
        return self.get(dataset_id)

    def save_many(self, items: list[tuple[Dataset, str]], *, flag: str | None = None) -> bool:
        """Store several datasets and set a meta flag, all or nothing; with a flag, only if that
        flag is not set yet, checked inside the write (two processes cannot both store them).
        False when the flag was already set and nothing was stored."""
        for dataset, _ in items:
            refuse_errors(dataset)
        ids = [new_dataset_id() for _ in items]
        try:
            with self.transaction(Write(audit.SAVE, tuple(ids))) as cursor:
                if flag and _flag_set(cursor, flag):
                    raise _AlreadyDone
                for (dataset, name), dataset_id in zip(items, ids, strict=True):
                    self._insert(cursor, dataset, name, dataset_id)
                if flag:
                    cursor.execute("INSERT INTO meta VALUES (?, 'true')", [flag])
        except _AlreadyDone:
            return False
        return True

    def replace(
        self, dataset_id: str, dataset: Dataset, *, id_lookup: pd.DataFrame | None = None
    ) -> DatasetInfo:
        """Swap a dataset's rows and mapping for a new version; its id and name stay."""
        refuse_errors(dataset)
        old = self.get(dataset_id)
        with self.transaction(Write(audit.REPLACE, (old.id,))) as cursor:
            cursor.execute(f'DROP TABLE "data_{old.id}"')
            cursor.execute(f'DROP TABLE IF EXISTS "ids_{old.id}"')
            forget_imports(cursor, old.id)
            _create_rows(cursor, old.id, dataset)
            _store_lookup(cursor, old.id, id_lookup)
            cursor.execute(
                "UPDATE datasets SET file_name = ?, content_hash = ?, uploaded_at = ?, n_rows = ?, "
                "columns = ?, mapping = ?, notes = ?, date_min = ?, date_max = ?, frequency = ?, "
                "encoding = ?, sheet = ? WHERE id = ?",
                [*_row_values(dataset)[1:], old.id],
            )
        return self.get(dataset_id)

    def rename(self, dataset_id: str, name: str) -> DatasetInfo:
        clean = clean_name(name)
        self.get(dataset_id)
        with self.transaction(Write(audit.RENAME, (dataset_id,))) as cursor:
            cursor.execute("UPDATE datasets SET name = ? WHERE id = ?", [clean, dataset_id])
        return self.get(dataset_id)

    def set_presentation(
        self, dataset_id: str, labels: dict[str, str], currency: str | None
    ) -> DatasetInfo:
        """Store how a dataset's columns are named on screen and its amounts' currency. Its
        version stays: nothing computed from it changes."""
        info = self.get(dataset_id)
        mapping = replace(info.mapping, labels=dict(labels), currency=currency or None)
        with self.transaction(Write(audit.PRESENTATION, (info.id,))) as cursor:
            cursor.execute(
                "UPDATE datasets SET mapping = ? WHERE id = ?",
                [json.dumps(mapping.to_dict(), ensure_ascii=False), dataset_id],
            )
        return self.get(dataset_id)

    def delete(self, dataset_id: str) -> None:
        info = self.get(dataset_id)
        with self.transaction(Write(audit.DELETE, (info.id,))) as cursor:
            cursor.execute(f'DROP TABLE "data_{info.id}"')
            cursor.execute(f'DROP TABLE IF EXISTS "ids_{info.id}"')
            forget_imports(cursor, info.id)
            cursor.execute("DELETE FROM datasets WHERE id = ?", [info.id])

    def id_lookup(self, dataset_id: str) -> pd.DataFrame | None:
        """(pseudonym, original) of a dataset stored with hashed customer ids, else None."""
        info = self.get(dataset_id)
        with self._cursor() as cursor:
            if not cursor.table_exists(f"ids_{info.id}"):
                return None
            return cursor.read_table(f"ids_{info.id}").to_pandas()

    def secret(self, name: str) -> bytes:
        """A random key of this workspace, made the first time it is asked for (hashing ids)."""
        key = f"secret:{name}"
        found = self.query("SELECT value FROM meta WHERE key = ?", [key])
        if found:
            return bytes.fromhex(found[0][0])
        with self.transaction(Write(audit.CREATE_KEY)) as cursor:
            row = cursor.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
            if row is None:  # another process may have made it meanwhile
                row = (secrets.token_hex(32),)
                cursor.execute("INSERT INTO meta VALUES (?, ?)", [key, row[0]])
        return bytes.fromhex(row[0])

    def audit_log(self) -> list[AuditEntry]:
        """Every recorded write, newest first (admins only)."""
        access.require(self.actor, access.READ_AUDIT)
        with self._cursor() as cursor:
            return audit.read_log(cursor)

    def flag(self, key: str) -> bool:
        with self._cursor() as cursor:
            return _flag_set(cursor, key)

    def tables(self) -> list[str]:
        """Every table of the workspace, by name (what a failed write must leave as it was)."""
        with self._cursor() as cursor:
            return cursor.table_names()

    def _insert(self, cursor: Session, dataset: Dataset, name: str, dataset_id: str) -> None:
        _create_rows(cursor, dataset_id, dataset)
        values = _row_values(dataset)
        cursor.execute(
            "INSERT INTO datasets (id, name, file_name, content_hash, uploaded_at, n_rows, "
            "columns, mapping, notes, date_min, date_max, frequency, encoding, sheet, table_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [dataset_id, clean_name(name), *values[1:], f"data_{dataset_id}"],
        )


def new_dataset_id() -> str:
    return uuid.uuid4().hex[:16]


_INFO_COLUMNS = (
    "id, name, file_name, content_hash, uploaded_at, n_rows, columns, mapping, notes, "
    "CAST(date_min AS VARCHAR), CAST(date_max AS VARCHAR), frequency, encoding, sheet"
)


def _info(row: tuple) -> DatasetInfo:
    return DatasetInfo(
        id=row[0],
        name=row[1],
        file_name=row[2],
        content_hash=row[3],
        uploaded_at=row[4],
        n_rows=int(row[5]),
        columns=tuple(json.loads(row[6])),
        mapping=Mapping.from_dict(json.loads(row[7])),
        notes=json.loads(row[8]),
        date_min=row[9],
        date_max=row[10],
        frequency=row[11],
        encoding=row[12],
        sheet=row[13],
    )


def forget_imports(cursor: Session, dataset_id: str) -> None:
    """A dataset replaced by a new file or deleted starts without imports: their records and
    the rows kept to undo them go (the same file may then be appended again)."""
    rows = cursor.execute(
        "SELECT snapshot FROM imports WHERE dataset_id = ? AND snapshot IS NOT NULL", [dataset_id]
    ).fetchall()
    for (snapshot,) in rows:
        cursor.execute(f'DROP TABLE IF EXISTS "{snapshot}"')
    cursor.execute("DELETE FROM imports WHERE dataset_id = ?", [dataset_id])


def _store_lookup(cursor: Session, dataset_id: str, lookup: pd.DataFrame | None) -> None:
    if lookup is None:
        return
    table = pa.Table.from_pandas(lookup[["pseudonym", "original"]], preserve_index=False)
    cursor.create_table(f"ids_{dataset_id}", table)


def _create_rows(cursor: Session, dataset_id: str, dataset: Dataset) -> None:
    """Columns are stored by position (c0, c1, ...): file names may clash in a case-blind SQL."""
    arrays = list(dataset.columns.values())
    table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
    store_rows(cursor, dataset_id, table)


def store_rows(cursor: Session, dataset_id: str, table: pa.Table) -> None:
    """Create the dataset's rows table from columns named by position (c0, c1, ...)."""
    cursor.create_table(f"data_{dataset_id}", table)


def _row_values(dataset: Dataset) -> list[Any]:
    """Metadata values in the order of the UPDATE statement, preceded by the name slot."""
    mapping = dataset.mapping
    date_column = mapping.date_column
    date_min = date_max = frequency = None
    if date_column:
        date_min, date_max, frequency = date_summary(
            dataset.columns[date_column].to_numpy(zero_copy_only=False)
        )
    return [
        None,
        dataset.raw.file_name,
        dataset.version,
        datetime.now(UTC).replace(tzinfo=None),
        dataset.n_rows,
        json.dumps(list(dataset.columns), ensure_ascii=False),
        json.dumps(mapping.to_dict(), ensure_ascii=False),
        json.dumps({k: list(v) for k, v in dataset.notes.items()}, ensure_ascii=False),
        date_min,
        date_max,
        frequency,
        dataset.raw.encoding,
        dataset.raw.sheet,
    ]


def date_summary(dates: np.ndarray) -> tuple[str | None, str | None, str | None]:
    """First and last date (YYYY-MM-DD) and the frequency of a date column; None when empty."""
    valid = dates[~np.isnat(dates)]
    if not valid.size:
        return None, None, None
    return str(valid.min())[:10], str(valid.max())[:10], infer_frequency(valid)


def refuse_errors(dataset: Dataset) -> None:
    """Errors in the validation report block saving, whoever asks (the app disables its button)."""
    count = sum(issue.severity == ERROR for issue in dataset.issues)
    if count:
        raise UserInputError(
            f"The dataset has {count} {'error' if count == 1 else 'errors'} in its validation "
            "report, which block saving: correct the file or the column mapping, then save it.",
            code="dataset_has_errors",
            count=count,
        )


def clean_name(name: str) -> str:
    """A dataset name is display text: trimmed, single-line, bounded, never empty."""
    clean = " ".join(str(name).split())[:MAX_NAME_LENGTH]
    if not clean:
        raise UserInputError("Give the dataset a name (any text).", code="empty_name")
    return clean


class _AlreadyDone(Exception):
    """A write that finds, once it holds the lock, that another process already made it."""


def _flag_set(cursor: Session, key: str) -> bool:
    return cursor.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone() is not None
