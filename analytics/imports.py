"""Appending a newer export to a stored dataset: rows merged on the dataset's key, every import
recorded (file hash, user, time, counts) and undoable; the same file twice adds nothing.

Rows merge on the key: the date column plus the dimensions (and the customer, order, item and
variant columns of order logs and experiments). Inside the new file, the last row of a key wins
(an export lists corrections after the rows they correct); a stored key that the file holds takes
the file's row; every other stored row stays. Each import that changes rows keeps the rows before
it, so undoing restores the previous rows and version exactly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pyarrow as pa

from analytics import audit
from analytics.audit import LOCAL_ACTOR, Write
from analytics.customers.privacy import KEY_ENV, hashed_with, id_key, pseudonymise
from analytics.errors import UserInputError
from analytics.ingest.load import Dataset, build_dataset
from analytics.ingest.profiles import ColumnProfile
from analytics.ingest.raw_table import RawTable
from analytics.ingest.roles import CUSTOMER, DATE, DIMENSION, ITEM, ORDER, VARIANT
from analytics.workspace import DatasetInfo, Workspace, date_summary, refuse_errors, store_rows

LOCAL_USER = LOCAL_ACTOR.user  # who imports in local mode, where nobody signs in
EXAMPLE_ROWS = 5
KEY_ROLES = (DATE, DIMENSION, CUSTOMER, ORDER, ITEM, VARIANT)
_CHANGED = "__changed"
_FINE_IN_AN_APPEND = frozenset({"single_row"})


@dataclass(frozen=True)
class AppendPreview:
    """What appending a file would do, before anything is stored."""

    dataset_id: str
    file_name: str
    file_hash: str
    key: tuple[str, ...]
    added: int
    changed: int
    unchanged: int
    duplicates_in_file: int
    base_version: str
    earlier_batch: str | None  # the import that already brought this very file, if any
    added_examples: pd.DataFrame
    changed_examples: pd.DataFrame  # the file's rows, the stored values in "<column> (before)"
    merged: pd.DataFrame
    id_lookup: pd.DataFrame | None = None  # (pseudonym, original) of the file's hashed ids

    @property
    def already_imported(self) -> bool:
        return self.earlier_batch is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset_id,
            "file": self.file_name,
            "file_hash": self.file_hash,
            "key": list(self.key),
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "duplicates_in_file": self.duplicates_in_file,
            "already_imported": self.already_imported,
        }


@dataclass(frozen=True)
class ImportRecord:
    """One import of a file into a dataset, as recorded."""

    batch: str
    dataset_id: str
    file_name: str | None
    file_hash: str
    user: str
    imported_at: datetime
    added: int
    changed: int
    unchanged: int
    duplicates_in_file: int
    undone: bool
    undoable: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset_id,
            "batch": self.batch,
            "file": self.file_name,
            "file_hash": self.file_hash,
            "user": self.user,
            "imported_at": self.imported_at.isoformat(),
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "duplicates_in_file": self.duplicates_in_file,
            "undone": self.undone,
        }


def key_columns(info: DatasetInfo) -> tuple[str, ...]:
    """The columns that identify a row of the dataset, in the file's order (maybe none)."""
    return tuple(name for name in info.columns if info.mapping.roles.get(name) in KEY_ROLES)


def merge_key(info: DatasetInfo) -> tuple[str, ...]:
    """The key rows merge on; a dataset without one cannot take appended rows."""
    key = key_columns(info)
    if not key:
        raise UserInputError(
            f"The dataset {info.name!r} has no date or dimension column to match rows on: map "
            "its date and dimension columns (upload it again), or replace it with the new file.",
            code="append_no_key",
            name=info.name,
        )
    return key


def fit_export(info: DatasetInfo, raw: RawTable, profiles: dict[str, ColumnProfile]) -> Dataset:
    """The new file built with the stored dataset's mapping; its columns must be the same."""
    missing = [name for name in info.columns if name not in raw.names]
    extra = [name for name in raw.names if name not in info.columns]
    if missing or extra:
        raise UserInputError(
            f"The file's columns do not match the dataset {info.name!r}: "
            f"missing {_names(missing)}; extra {_names(extra)}. Export the same columns as "
            "before, or save the file as a new dataset.",
            code="append_columns_mismatch",
            name=info.name,
            missing=_names(missing),
            extra=_names(extra),
        )
    return build_dataset(raw, profiles, info.mapping)


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "none"


def preview_append(ws: Workspace, dataset_id: str, incoming: Dataset) -> AppendPreview:
    """Added, changed and unchanged rows if ``incoming`` were appended; nothing is stored."""
    refuse_errors(_for_appending(incoming))
    info = ws.get(dataset_id)
    key = merge_key(info)
    file_hash = incoming.raw.content_hash
    incoming, lookup = _private_like_stored(ws, info, incoming)
    stored = ws.load(dataset_id)
    new = incoming.frame[list(info.columns)]
    deduped = new.drop_duplicates(subset=list(key), keep="last")
    compared = _compare(stored, deduped, key)
    earlier = _earlier_batch(ws, dataset_id, file_hash)
    added = int((compared["_merge"] == "left_only").sum())
    changed = int(compared[_CHANGED].sum())
    if earlier is not None:
        added = changed = 0
    return AppendPreview(
        dataset_id=dataset_id,
        file_name=incoming.raw.file_name,
        file_hash=file_hash,
        key=key,
        added=added,
        changed=changed,
        unchanged=len(deduped) - added - changed,
        duplicates_in_file=len(new) - len(deduped),
        base_version=info.content_hash,
        earlier_batch=earlier,
        added_examples=deduped[(compared["_merge"] == "left_only").to_numpy()].head(EXAMPLE_ROWS),
        changed_examples=_changed_examples(compared, stored.columns, key),
        merged=_merged(stored, deduped, key, info),
        id_lookup=lookup,
    )


def _for_appending(incoming: Dataset) -> Dataset:
    """The file's validation report as it bears on an append: a single row is a fine addition
    (the dataset's other rows make the series), every other error still blocks."""
    kept = tuple(issue for issue in incoming.issues if issue.code not in _FINE_IN_AN_APPEND)
    return dataclasses.replace(incoming, issues=kept)


def _compare(stored: pd.DataFrame, deduped: pd.DataFrame, key: tuple[str, ...]) -> pd.DataFrame:
    """The file's rows, each with the stored row of its key (suffix " (before)") and whether
    any value differs (a key stored more than once counts as changed: it becomes one row)."""
    keys = list(key)
    counts = stored.groupby(keys, dropna=False, sort=False).size().rename("__stored_rows")
    last = stored.drop_duplicates(subset=keys, keep="last").merge(
        counts.reset_index(), on=keys, how="left"
    )
    compared = deduped.merge(last, on=keys, how="left", suffixes=("", " (before)"), indicator=True)
    matched = compared["_merge"] == "both"
    differs = compared["__stored_rows"].fillna(1) > 1
    for name in (c for c in deduped.columns if c not in key):
        new, old = compared[name], compared[f"{name} (before)"]
        differs |= ~(new.eq(old) | (new.isna() & old.isna()))
    compared[_CHANGED] = matched & differs
    return compared


def _changed_examples(
    compared: pd.DataFrame, columns: pd.Index, key: tuple[str, ...]
) -> pd.DataFrame:
    rows = compared[compared[_CHANGED]].head(EXAMPLE_ROWS)
    shown = [c for c in columns if c in key]
    for name in (c for c in columns if c not in key):
        if not (rows[name].eq(rows[f"{name} (before)"])).all():
            shown += [f"{name} (before)", name]
    return rows[shown].reset_index(drop=True)


def _merged(
    stored: pd.DataFrame, deduped: pd.DataFrame, key: tuple[str, ...], info: DatasetInfo
) -> pd.DataFrame:
    """Stored rows whose key the file lacks, then the file's rows; in date order (stable)."""
    keys = list(key)
    hit = stored[keys].merge(deduped[keys].assign(__hit=True), on=keys, how="left")["__hit"]
    merged = pd.concat([stored[hit.isna().to_numpy()], deduped], ignore_index=True)
    date_column = info.mapping.date_column
    if date_column in merged:
        merged = merged.sort_values(date_column, kind="stable", ignore_index=True)
    return merged


def append(
    ws: Workspace, dataset_id: str, incoming: Dataset, *, action: str = audit.APPEND
) -> tuple[AppendPreview, ImportRecord]:
    """Merge ``incoming`` into the dataset in one transaction and record the import. A file
    already imported changes nothing and returns its earlier record."""
    preview = preview_append(ws, dataset_id, incoming)
    if preview.earlier_batch is not None:
        return preview, import_record(ws, preview.earlier_batch)
    return preview, commit_append(ws, preview, action=action)


def commit_append(
    ws: Workspace, preview: AppendPreview, *, action: str = audit.APPEND
) -> ImportRecord:
    """Store a previewed append (``action``: an append, or a scheduled refresh) as the
    workspace's user: a new version when rows were added or changed."""
    batch = uuid.uuid4().hex[:16]
    now = datetime.now(UTC).replace(tzinfo=None)
    user = ws.actor.user
    with ws.transaction(Write(action, (preview.dataset_id,), batch)) as cursor:
        info = ws.get(preview.dataset_id)
        if info.content_hash != preview.base_version:
            raise UserInputError(
                f"The dataset {info.name!r} changed since this preview: check the preview "
                "again, then confirm.",
                code="append_stale_preview",
                name=info.name,
            )
        if _earlier_batch(ws, info.id, preview.file_hash) is not None:
            raise UserInputError(
                "This file is already imported into the dataset.", code="append_already_imported"
            )
        previous = snapshot = None
        if preview.added or preview.changed:
            snapshot = f"prev_{batch}"
            previous = _previous_metadata(info)
            cursor.execute(f'ALTER TABLE "data_{info.id}" RENAME TO "{snapshot}"')
            _store_merged(cursor, info, preview, snapshot, now)
            _add_lookup(cursor, info.id, preview.id_lookup)
        cursor.execute(
            "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [batch, info.id, preview.file_name, preview.file_hash, user, now, preview.added,
             preview.changed, preview.unchanged, preview.duplicates_in_file, previous, snapshot],
        )  # fmt: skip
    return import_record(ws, batch)


def _store_merged(
    cursor: Any,
    info: DatasetInfo,
    preview: AppendPreview,
    snapshot: str,
    now: datetime,
) -> None:
    schema = cursor.read_table(snapshot, limit=0).schema
    merged = preview.merged.copy()
    merged.columns = schema.names
    store_rows(cursor, info.id, pa.Table.from_pandas(merged, schema=schema, preserve_index=False))
    date_min = date_max = frequency = None
    date_column = info.mapping.date_column
    if date_column:
        dates = preview.merged[date_column].to_numpy(dtype="datetime64[ns]")
        date_min, date_max, frequency = date_summary(dates)
    version = hashlib.blake2b(
        f"{info.content_hash}+{preview.file_hash}".encode(), digest_size=16
    ).hexdigest()
    cursor.execute(
        "UPDATE datasets SET content_hash = ?, uploaded_at = ?, n_rows = ?, date_min = ?, "
        "date_max = ?, frequency = ? WHERE id = ?",
        [version, now, len(merged), date_min, date_max, frequency, info.id],
    )


def _previous_metadata(info: DatasetInfo) -> str:
    return json.dumps({
        "content_hash": info.content_hash,
        "uploaded_at": info.uploaded_at.isoformat(),
        "n_rows": info.n_rows,
        "date_min": info.date_min,
        "date_max": info.date_max,
        "frequency": info.frequency,
    })  # fmt: skip


def undo_import(ws: Workspace, batch: str) -> DatasetInfo:
    """Undo a dataset's latest import: its previous rows and version come back exactly."""
    now = datetime.now(UTC).replace(tzinfo=None)
    dataset_id = import_record(ws, batch).dataset_id
    with ws.transaction(Write(audit.UNDO, (dataset_id,), batch)) as cursor:
        record = import_record(ws, batch)  # again under the write lock: two clicks undo once
        live = [r for r in import_history(ws, record.dataset_id) if not r.undone]
        if record.undone or not live or live[0].batch != batch or not record.undoable:
            raise UserInputError(
                "Only the latest import of a dataset can be undone, once: undo the later ones "
                "first.",
                code="undo_not_latest",
            )
        ((previous, snapshot),) = ws.query(
            "SELECT previous, snapshot FROM imports WHERE batch = ?", [batch]
        )
        if snapshot:
            old = json.loads(previous)
            cursor.execute(f'DROP TABLE "data_{record.dataset_id}"')
            cursor.execute(f'ALTER TABLE "{snapshot}" RENAME TO "data_{record.dataset_id}"')
            cursor.execute(
                "UPDATE datasets SET content_hash = ?, uploaded_at = ?, n_rows = ?, "
                "date_min = ?, date_max = ?, frequency = ? WHERE id = ?",
                [old["content_hash"], datetime.fromisoformat(old["uploaded_at"]), old["n_rows"],
                 old["date_min"], old["date_max"], old["frequency"], record.dataset_id],
            )  # fmt: skip
        cursor.execute(
            "UPDATE imports SET undone_at = ?, snapshot = NULL WHERE batch = ?", [now, batch]
        )
    return ws.get(record.dataset_id)


_RECORD_COLUMNS = (
    "batch, dataset_id, file_name, file_hash, user_name, imported_at, added, changed, "
    "unchanged, duplicates_in_file, undone_at IS NOT NULL, snapshot IS NOT NULL OR "
    "(added = 0 AND changed = 0)"
)


def import_history(ws: Workspace, dataset_id: str) -> list[ImportRecord]:
    """Every import of the dataset, newest first."""
    rows = ws.query(
        f"SELECT {_RECORD_COLUMNS} FROM imports WHERE dataset_id = ? "
        "ORDER BY imported_at DESC, batch",
        [dataset_id],
    )
    return [ImportRecord(*row) for row in rows]


def import_record(ws: Workspace, batch: str) -> ImportRecord:
    rows = ws.query(f"SELECT {_RECORD_COLUMNS} FROM imports WHERE batch = ?", [batch])
    if not rows:
        raise UserInputError("That import is not in the workspace.", code="import_gone")
    return ImportRecord(*rows[0])


def version_count(ws: Workspace, dataset_id: str) -> int:
    """Versions of the dataset: its first, plus one per import (not undone) that changed rows."""
    rows = ws.query(
        "SELECT count(*) FROM imports WHERE dataset_id = ? AND undone_at IS NULL "
        "AND added + changed > 0",
        [dataset_id],
    )
    return 1 + int(rows[0][0])


def imported_hashes(ws: Workspace) -> set[str]:
    """File hashes of every import not undone, in any dataset (what a refresh skips)."""
    return {row[0] for row in ws.query("SELECT file_hash FROM imports WHERE undone_at IS NULL")}


def _earlier_batch(ws: Workspace, dataset_id: str, file_hash: str) -> str | None:
    rows = ws.query(
        "SELECT batch FROM imports WHERE dataset_id = ? AND file_hash = ? AND undone_at IS NULL",
        [dataset_id, file_hash],
    )
    return rows[0][0] if rows else None


def _private_like_stored(
    ws: Workspace, info: DatasetInfo, incoming: Dataset
) -> tuple[Dataset, pd.DataFrame | None]:
    """A dataset stored with hashed customer ids gets the new file's ids hashed the same way
    (the same workspace key), with their lookup."""
    stored = ws.id_lookup(info.id)
    if stored is None:
        return incoming, None
    key = id_key(ws)
    if not hashed_with(stored, key):
        raise UserInputError(
            f"The customer ids of {info.name!r} were hashed with another key ({KEY_ENV} was "
            "changed, set or unset since): set the key they were stored with, or save the file "
            "as a new dataset.",
            code="id_key_changed",
            name=info.name,
            env=KEY_ENV,
        )
    return pseudonymise(incoming, key)


def _add_lookup(cursor: Any, dataset_id: str, lookup: pd.DataFrame | None) -> None:
    """The new pseudonyms added to the dataset's lookup (kept on undo: they reveal nothing more
    than the file the user imported)."""
    if lookup is None or lookup.empty:
        return
    table = f"ids_{dataset_id}"
    known = {row[0] for row in cursor.execute(f'SELECT pseudonym FROM "{table}"').fetchall()}
    new = lookup.loc[~lookup["pseudonym"].isin(known), ["pseudonym", "original"]]
    if not new.empty:
        cursor.append_rows(table, pa.Table.from_pandas(new, preserve_index=False))


def dataset_named(ws: Workspace, name: str) -> DatasetInfo:
    """The stored dataset a user names (by its name, or its id when names repeat)."""
    datasets = ws.list()
    found = [info for info in datasets if info.name == name.strip()] or [
        info for info in datasets if info.id == name.strip()
    ]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(info.id for info in found)
        raise UserInputError(
            f"Several datasets are named {name!r} (ids {ids}): name one by its id.",
            code="dataset_name_repeated",
            name=name,
            ids=ids,
        )
    names = ", ".join(repr(info.name) for info in datasets) or "none"
    raise UserInputError(
        f"No dataset is named {name!r} in the workspace (stored: {names}): check the name with "
        "`python -m analytics datasets`.",
        code="dataset_name_unknown",
        name=name,
    )
