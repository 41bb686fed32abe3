"""`inspect`: what LiftBoard infers about a file."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import add_file_arguments, load_dataset
from analytics.cli.output import emit, select_fields
from analytics.ingest.load import Inspection, inspect

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands

# The JSON interface the issues spell out, field for field (the inspection holds more).
INSPECT_FIELDS: tuple[str, ...] = (
    "file",
    "rows",
    "encoding",
    "delimiter",
    "columns",
    "date_column",
    "frequency",
    "date_min",
    "date_max",
    "issues",
    "totals",
)
ISSUE_FIELDS: tuple[str, ...] = ("severity", "column", "rows", "message")


def add_parsers(commands: Commands) -> None:
    inspect_cmd = commands.add_parser("inspect", help="what LiftBoard infers about a file")
    add_file_arguments(inspect_cmd)
    inspect_cmd.set_defaults(handler=_inspect)


def _inspect(args: argparse.Namespace) -> int:
    emit(inspect(load_dataset(args)), args.json, _inspection_text, _inspection_json)
    return 0


def _inspection_json(result: Inspection) -> dict[str, Any]:
    data = result.to_dict()
    data["issues"] = [select_fields(issue, ISSUE_FIELDS) for issue in data["issues"]]
    return select_fields(data, INSPECT_FIELDS)


def _inspection_text(result: Inspection) -> str:
    delimiter = {"\t": "tab"}.get(result.delimiter or "", result.delimiter)
    lines = [
        f"{result.file}: {result.rows:,} rows, encoding {result.encoding or 'workbook'}, "
        f"delimiter {delimiter or '-'}",
        f"dates: {result.date_column or 'none'} ({result.frequency or 'irregular'}), "
        f"{result.date_min or '?'} to {result.date_max or '?'}; outcome: {result.outcome}",
        f"kind: {result.kind}",
        "columns:",
    ]
    lines += [
        f"  {c['name']}: {c['role']} ({c['dtype']}, {c['missing']} missing)" for c in result.columns
    ]
    lines += ["issues:" if result.issues else "issues: none"]
    lines += [f"  [{i.severity}] {i.message}" for i in result.issues]
    return "\n".join(lines)
