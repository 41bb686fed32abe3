"""`audit`: the workspace's audit log (who saved, appended, renamed, deleted what, and when)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from analytics.audit import AuditEntry
from analytics.cli.output import emit
from analytics.cli.workspace import DEFAULT_WAIT_SECONDS, EXIT_BUSY, add_wait, open_workspace

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands


def add_parsers(commands: Commands) -> None:
    audit_cmd = commands.add_parser("audit", help="the workspace's audit log, newest first")
    audit_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    add_wait(audit_cmd, DEFAULT_WAIT_SECONDS)
    audit_cmd.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    ws = open_workspace(args.wait, args.team)
    if ws is None:
        return EXIT_BUSY
    try:
        log = ws.audit_log()
    finally:
        ws.close()
    emit(log, args.json, _log_text, lambda entries: {"audit": [e.to_dict() for e in entries]})
    return 0


def _log_text(log: list[AuditEntry]) -> str:
    if not log:
        return "nothing recorded yet: the workspace has not been written to"
    return "\n".join(
        f"{e.at:%Y-%m-%d %H:%M:%S}  {e.user} ({e.role}, {e.team})  {e.action}  "
        f"{e.dataset_name or e.dataset_id or '-'}" + (f"  batch {e.batch}" if e.batch else "")
        for e in log
    )
