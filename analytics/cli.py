"""`python -m analytics`: the app's computations from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest import Inspection, inspect, load

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except EncodingNeedsConfirmation as exc:
        _fail(f"{exc} (pass --encoding {exc.encoding} to accept it)")
    except UserInputError as exc:
        _fail(str(exc))
    except MemoryError:
        _fail("The file is too large for this machine's memory: split it or remove columns.")
    return EXIT_USER_ERROR


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    inspect_cmd = commands.add_parser("inspect", help="what LiftBoard infers about a file")
    _add_file_arguments(inspect_cmd)
    inspect_cmd.set_defaults(handler=_inspect)
    return parser


def _add_file_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("path", metavar="PATH", help="CSV, TSV or XLSX file")
    command.add_argument("--encoding", help="text encoding, when detection needs confirming")
    command.add_argument("--sheet", help="workbook sheet (default: the first)")
    command.add_argument("--json", action="store_true", help="print one JSON object")


def _inspect(args: argparse.Namespace) -> int:
    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    _emit(inspect(dataset), args.json, _inspection_text)
    return 0


def _emit(result: Any, as_json: bool, as_text: Callable[[Any], str]) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
    else:
        print(as_text(result))


def _inspection_text(result: Inspection) -> str:
    delimiter = {"\t": "tab"}.get(result.delimiter or "", result.delimiter)
    lines = [
        f"{result.file}: {result.rows:,} rows, encoding {result.encoding or 'workbook'}, "
        f"delimiter {delimiter or '-'}",
        f"dates: {result.date_column or 'none'} ({result.frequency or 'irregular'}), "
        f"{result.date_min or '?'} to {result.date_max or '?'}; outcome: {result.outcome}",
        "columns:",
    ]
    lines += [
        f"  {c['name']}: {c['role']} ({c['dtype']}, {c['missing']} missing)" for c in result.columns
    ]
    lines += ["issues:" if result.issues else "issues: none"]
    lines += [f"  [{i.severity}] {i.message}" for i in result.issues]
    return "\n".join(lines)
