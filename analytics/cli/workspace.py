"""`save`, `append`, `datasets`, `refresh`: the workspace ($LIFTBOARD_HOME, else ./workspace)
from the command line, the same store the app opens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analytics.alerts import Alert, alert_line, import_alerts
from analytics.cli.arguments import add_file_arguments, load_dataset
from analytics.cli.output import emit, fail
from analytics.imports import (
    AppendPreview,
    ImportRecord,
    append,
    dataset_named,
    fit_export,
    preview_append,
    version_count,
)
from analytics.ingest.fence import read_file_table
from analytics.refresh import (
    FAILED,
    IMPORTED,
    RefreshResult,
    WorkspaceBusy,
    open_when_free,
    refresh,
)
from analytics.teams import command_actor
from analytics.workspace import DatasetInfo, Workspace

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands

# The exit code of a refresh that found the workspace held by another process all along
# (EX_TEMPFAIL: cron and systemd read it as "try again later").
EXIT_BUSY = 75
DEFAULT_WAIT_SECONDS = 30.0  # save, append, datasets: someone is waiting at the terminal
REFRESH_WAIT_SECONDS = 120.0
EXIT_ALERT = 3  # --fail-on-alert: the import went in, and an alert was raised after it
Appended = tuple[AppendPreview, ImportRecord | None, tuple[Alert, ...]]


def add_parsers(commands: Commands) -> None:
    save_cmd = commands.add_parser("save", help="store a file in the workspace as a new dataset")
    add_file_arguments(save_cmd)
    save_cmd.add_argument("--name", required=True, help="the dataset's name")
    add_wait(save_cmd, DEFAULT_WAIT_SECONDS)
    save_cmd.set_defaults(handler=_save)

    append_cmd = commands.add_parser("append", help="append a newer export to a stored dataset")
    add_file_arguments(append_cmd)
    append_cmd.add_argument("--to", required=True, metavar="NAME", help="the dataset's name")
    append_cmd.add_argument(
        "--dry-run", action="store_true", help="show what would change, store nothing"
    )
    add_wait(append_cmd, DEFAULT_WAIT_SECONDS)
    _add_fail_on_alert(append_cmd)
    append_cmd.set_defaults(handler=_append)

    list_cmd = commands.add_parser("datasets", help="the datasets stored in the workspace")
    list_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    add_wait(list_cmd, DEFAULT_WAIT_SECONDS)
    list_cmd.set_defaults(handler=_datasets)

    refresh_cmd = commands.add_parser(
        "refresh", help="append every export in a folder that was not imported before"
    )
    refresh_cmd.add_argument("--source", required=True, metavar="DIR", help="the exports' folder")
    refresh_cmd.add_argument(
        "--to", metavar="NAME", help="the dataset (default: the one with the file's columns)"
    )
    add_wait(refresh_cmd, REFRESH_WAIT_SECONDS)
    _add_fail_on_alert(refresh_cmd)
    refresh_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    refresh_cmd.set_defaults(handler=_refresh)


def add_wait(command: argparse.ArgumentParser, default: float) -> None:
    """The options of a command that opens the workspace: which one (--team) and how long to
    wait for it."""
    command.add_argument(
        "--team",
        metavar="NAME",
        help="in team mode, the team whose workspace to use (the command acts as its admin)",
    )
    command.add_argument(
        "--wait",
        type=float,
        default=default,
        metavar="SECONDS",
        help="how long to wait for a workspace another process holds (default %(default)g)",
    )


def _add_fail_on_alert(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fail-on-alert",
        action="store_true",
        help=f"exit {EXIT_ALERT} when the import raises an alert (for cron)",
    )


def _alert_exit(args: argparse.Namespace, found: tuple[Alert, ...]) -> int:
    """The exit code after printing: EXIT_ALERT (one line on stderr) when asked to fail."""
    if found and args.fail_on_alert:
        fail(f"{len(found)} alert(s) after the import: {alert_line(found[0])}")
        return EXIT_ALERT
    return 0


def open_workspace(wait: float, team: str | None = None) -> Workspace | None:
    """The workspace (in team mode ``team``'s) once this process's turn comes; None (said on
    stderr) after ``wait``."""
    actor = command_actor(team)
    try:
        return open_when_free(None, wait, _say, team=team, actor=actor)
    except WorkspaceBusy as exc:
        fail(str(exc))
        return None


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _save(args: argparse.Namespace) -> int:
    dataset = load_dataset(args)
    ws = open_workspace(args.wait, args.team)
    if ws is None:
        return EXIT_BUSY
    try:
        info = ws.save(dataset, args.name)
    finally:
        ws.close()
    emit(info, args.json, _saved_text, _saved_json)
    return 0


def _saved_json(info: DatasetInfo) -> dict[str, Any]:
    return {"dataset": info.id, "name": info.name, "rows": info.n_rows}


def _saved_text(info: DatasetInfo) -> str:
    return f"saved {info.file_name} as {info.name!r} ({info.n_rows:,} rows, id {info.id})"


def _append(args: argparse.Namespace) -> int:
    ws = open_workspace(args.wait, args.team)
    if ws is None:
        return EXIT_BUSY
    try:
        info = dataset_named(ws, args.to)
        raw, profiles = read_file_table(args.path, encoding=args.encoding, sheet=args.sheet)
        dataset = fit_export(info, raw, profiles)
        if args.dry_run:
            result: Appended = (preview_append(ws, info.id, dataset), None, ())
        else:
            result = (*append(ws, info.id, dataset), import_alerts(ws, info.id))
    finally:
        ws.close()
    emit(result, args.json, _appended_text, _appended_json)
    return _alert_exit(args, result[2])


def _appended_json(result: Appended) -> dict[str, Any]:
    preview, record, found = result
    return {
        "dataset": preview.dataset_id,
        "batch": record.batch if record else None,
        "added": preview.added,
        "changed": preview.changed,
        "unchanged": preview.unchanged,
        "duplicates_in_file": preview.duplicates_in_file,
        "alerts": [alert.to_dict() for alert in found],
    }


def _appended_text(result: Appended) -> str:
    preview, record, found = result
    return "\n".join([_append_summary(preview, record), *map(alert_line, found)])


def _append_summary(preview: AppendPreview, record: ImportRecord | None) -> str:
    counts = (
        f"{preview.added:,} added, {preview.changed:,} changed, {preview.unchanged:,} unchanged; "
        f"{preview.duplicates_in_file:,} repeated rows in the file (the last of each kept)"
    )
    if record is None:
        return f"would append {preview.file_name}: {counts}; nothing stored (--dry-run)"
    if preview.already_imported:
        return f"{preview.file_name} was already imported (batch {record.batch}): nothing changed"
    return f"appended {preview.file_name}: {counts}; batch {record.batch}"


def _datasets(args: argparse.Namespace) -> int:
    ws = open_workspace(args.wait, args.team)
    if ws is None:
        return EXIT_BUSY
    try:
        rows = [
            {"dataset": i.id, "name": i.name, "rows": i.n_rows, "versions": version_count(ws, i.id)}
            for i in ws.list()
        ]
    finally:
        ws.close()
    emit(rows, args.json, _datasets_text, lambda found: {"datasets": found})
    return 0


def _datasets_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no datasets in the workspace (python -m analytics save PATH --name NAME)"
    return "\n".join(
        f"{row['dataset']}  {row['name']}: {row['rows']:,} rows, "
        f"{row['versions']} {'version' if row['versions'] == 1 else 'versions'}"
        for row in rows
    )


def _refresh(args: argparse.Namespace) -> int:
    ws = open_workspace(args.wait, args.team)
    if ws is None:
        return EXIT_BUSY
    try:
        target = dataset_named(ws, args.to) if args.to else None
        result = refresh(ws, Path(args.source), target)
    finally:
        ws.close()
    emit(result, args.json, _refreshed_text, RefreshResult.to_dict)
    failed = [outcome for outcome in result.files if outcome.status == FAILED]
    if failed:
        fail(f"{len(failed)} of {len(result.files)} files not imported: {failed[0].reason}")
        return 2
    return _alert_exit(args, result.alerts)


def _refreshed_text(result: RefreshResult) -> str:
    lines = [
        f"{result.source}: {result.count(IMPORTED)} imported, "
        f"{len(result.files) - result.count(IMPORTED) - result.count(FAILED)} already imported, "
        f"{result.count(FAILED)} failed"
    ]
    for outcome in result.files:
        if outcome.status == IMPORTED:
            lines.append(
                f"  {outcome.file} -> {outcome.name}: {outcome.added:,} added, "
                f"{outcome.changed:,} changed, {outcome.unchanged:,} unchanged"
            )
        elif outcome.status == FAILED:
            lines.append(f"  {outcome.file}: {outcome.reason}")
    lines.extend(alert_line(alert) for alert in result.alerts)
    return "\n".join(lines)
