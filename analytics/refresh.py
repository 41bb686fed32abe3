"""Scheduled refresh: each export in a folder that was not imported before (by file hash)
appended to its dataset, oldest file first; it waits its turn for the workspace file, which
DuckDB lets one process open at a time (the app releases it when idle)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analytics import audit
from analytics.alerts import Alert, import_alerts
from analytics.errors import UserInputError
from analytics.imports import append, fit_export, imported_hashes
from analytics.ingest.fence import read_file_table
from analytics.ingest.reading import content_hash_of
from analytics.workspace import DatasetInfo, Workspace, open_workspace

EXPORT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xls"})
IMPORTED, ALREADY_IMPORTED, FAILED = "imported", "already_imported", "failed"


class WorkspaceBusy(UserInputError):
    """Another process kept the workspace open for the whole wait."""


@dataclass(frozen=True)
class FileOutcome:
    """What the refresh did with one file."""

    file: str
    status: str  # imported, already_imported or failed
    dataset: str | None = None
    name: str | None = None
    batch: str | None = None
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates_in_file: int = 0
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RefreshResult:
    source: str
    files: tuple[FileOutcome, ...]
    alerts: tuple[Alert, ...] = ()  # of each dataset the refresh added to, after its files

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "imported": self.count(IMPORTED),
            "already_imported": self.count(ALREADY_IMPORTED),
            "failed": self.count(FAILED),
            "files": [outcome.to_dict() for outcome in self.files],
            "alerts": [alert.to_dict() for alert in self.alerts],
        }


def open_when_free(
    home: str | Path | None,
    wait_seconds: float,
    on_wait: Callable[[str], None] | None = None,
    poll_seconds: float = 1.0,
) -> Workspace:
    """The workspace, once no other process holds its file; WorkspaceBusy after the wait. With
    a configured ``database_url`` it is the PostgreSQL one, which never waits."""
    deadline = time.monotonic() + wait_seconds
    told = False
    while True:
        try:
            return open_workspace(home)
        except UserInputError as exc:
            if exc.code != "workspace_locked":
                raise
            if time.monotonic() >= deadline:
                raise WorkspaceBusy(
                    f"The workspace stayed open in another LiftBoard process for {wait_seconds:g} "
                    "s (the app while busy, or another command): nothing was imported; run the "
                    "refresh again later.",
                    code="workspace_busy",
                    seconds=f"{wait_seconds:g}",
                ) from exc
            if on_wait and not told:
                on_wait(
                    "The workspace is open in another LiftBoard process; waiting up to "
                    f"{wait_seconds:g} s for it."
                )
                told = True
            time.sleep(poll_seconds)


def export_files(source: Path) -> list[Path]:
    """The folder's exports (CSV, TSV, text, Excel), oldest first, so newer rows win."""
    if not source.is_dir():
        raise UserInputError(
            f"{source} is not a folder: give --source the folder the exports are saved in.",
            code="refresh_no_folder",
            path=str(source),
        )
    files = [p for p in source.iterdir() if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def refresh(ws: Workspace, source: Path, target: DatasetInfo | None = None) -> RefreshResult:
    """Append every file of ``source`` not imported before: to ``target``, or else to the one
    dataset whose columns are the file's."""
    done = imported_hashes(ws)
    outcomes = []
    for path in export_files(source):
        file_hash = content_hash_of(path.read_bytes())
        if file_hash in done:
            outcomes.append(FileOutcome(path.name, ALREADY_IMPORTED))
            continue
        outcomes.append(_import_file(ws, path, target))
        done.add(file_hash)
    changed = dict.fromkeys(o.dataset for o in outcomes if o.status == IMPORTED and o.dataset)
    found = tuple(alert for dataset in changed for alert in import_alerts(ws, dataset))
    return RefreshResult(str(source), tuple(outcomes), found)


def _import_file(ws: Workspace, path: Path, target: DatasetInfo | None) -> FileOutcome:
    try:
        raw, profiles = read_file_table(path)
        info = target or _dataset_for(ws, raw.names, path.name)
        export = fit_export(ws.get(info.id), raw, profiles)
        preview, record = append(ws, info.id, export, action=audit.REFRESH)
    except UserInputError as exc:
        return FileOutcome(path.name, FAILED, reason=str(exc))
    return FileOutcome(
        path.name,
        ALREADY_IMPORTED if preview.already_imported else IMPORTED,
        dataset=info.id,
        name=info.name,
        batch=record.batch,
        added=preview.added,
        changed=preview.changed,
        unchanged=preview.unchanged,
        duplicates_in_file=preview.duplicates_in_file,
    )


def _dataset_for(ws: Workspace, names: tuple[str, ...], file_name: str) -> DatasetInfo:
    """The one stored dataset with exactly the file's columns."""
    fitting = [info for info in ws.list() if set(info.columns) == set(names)]
    if len(fitting) == 1:
        return fitting[0]
    which = "several datasets have" if fitting else "no dataset has"
    raise UserInputError(
        f"{which.capitalize()} the columns of {file_name}: pass --to NAME.",
        code="refresh_no_target",
        file=file_name,
    )
