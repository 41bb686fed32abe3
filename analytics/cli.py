"""`python -m analytics`: the app's computations from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest import Inspection, inspect, load

if TYPE_CHECKING:
    from analytics.campaigns import CampaignReport

EXIT_USER_ERROR = 2
# The JSON interfaces the issues spell out, field for field (result objects hold more).
INSPECT_FIELDS = (
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
ISSUE_FIELDS = ("severity", "column", "rows", "message")
LIFT_FIELDS = (
    "metric",
    "campaign",
    "start",
    "end",
    "segment",
    "pre_start",
    "pre_end",
    "actual",
    "baseline",
    "abs_effect",
    "abs_effect_ci",
    "rel_effect",
    "rel_effect_ci",
    "p_value",
    "pre_mape",
    "spend",
    "roas",
    "roi",
)


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

    lift_cmd = commands.add_parser("lift", help="what one campaign or window added, and its ROI")
    _add_file_arguments(lift_cmd)
    lift_cmd.add_argument("--metric", required=True, help="outcome column, e.g. revenue")
    target = lift_cmd.add_mutually_exclusive_group(required=True)
    target.add_argument("--campaign", help="campaign name from the campaign column")
    target.add_argument("--start", help="window start date (with --end)")
    lift_cmd.add_argument("--end", help="window end date")
    lift_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; repeat for several values or columns",
    )
    lift_cmd.add_argument("--controls", default="auto", help="auto, none, or COL,COL,...")
    lift_cmd.add_argument("--margin", type=float, help="gross margin (default: data, else 0.4)")
    lift_cmd.set_defaults(handler=_lift)

    all_cmd = commands.add_parser("campaigns", help="lift and ROI of every campaign")
    _add_file_arguments(all_cmd)
    all_cmd.add_argument("--metric", required=True, help="outcome column, e.g. revenue")
    all_cmd.add_argument("--margin", type=float, help="gross margin (default: data, else 0.4)")
    all_cmd.set_defaults(handler=_campaigns)
    return parser


def _add_file_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("path", metavar="PATH", help="CSV, TSV or XLSX file")
    command.add_argument("--encoding", help="text encoding, when detection needs confirming")
    command.add_argument("--sheet", help="workbook sheet (default: the first)")
    command.add_argument("--json", action="store_true", help="print one JSON object")


def _inspect(args: argparse.Namespace) -> int:
    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    _emit(inspect(dataset), args.json, _inspection_text, _inspection_json)
    return 0


def _lift(args: argparse.Namespace) -> int:
    # Imported here: the models load statsmodels (seconds), which `inspect` does not need.
    from analytics.campaigns import measure

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    report = measure(
        dataset.frame,
        dataset.mapping,
        args.metric,
        campaign=args.campaign,
        start=args.start,
        end=args.end,
        where=_parse_where(args.where),
        controls=_parse_controls(args.controls),
        margin=args.margin,
    )
    _emit(report, args.json, _report_text, _lift_json)
    return 0


def _campaigns(args: argparse.Namespace) -> int:
    from analytics.campaigns import measure_all

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    reports = measure_all(dataset.frame, dataset.mapping, args.metric, margin=args.margin)
    if args.json:
        print(json.dumps({"campaigns": [_lift_json(r) for r in reports]}, ensure_ascii=False))
    else:
        print("\n\n".join(_report_text(r) for r in reports) or "No campaigns in the data.")
    return 0


def _parse_where(items: list[str]) -> dict[str, tuple[str, ...]]:
    where: dict[str, tuple[str, ...]] = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column:
            raise UserInputError(f"--where {item!r} should look like COLUMN=VALUE.")
        where[column] = (*where.get(column, ()), value)
    return where


def _parse_controls(text: str) -> str | tuple[str, ...]:
    if text in ("auto", "none"):
        return text
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _report_text(report: CampaignReport) -> str:
    lift, roi = report.lift, report.roi
    low, high = lift.abs_effect_ci
    lines = [
        f"{lift.campaign or 'window'}: {lift.start} to {lift.end} "
        f"(baseline fitted on {lift.pre_start} to {lift.pre_end})",
        f"  {lift.metric}: actual {lift.actual:,.0f}, baseline {lift.baseline:,.0f}",
        f"  effect {lift.abs_effect:,.0f} (95% interval {low:,.0f} to {high:,.0f}), "
        f"{lift.rel_effect:+.1%}; p = {lift.p_value:.3f}; pre-period MAPE {lift.pre_mape:.1%}",
    ]
    if roi.spend is not None:
        lines.append(
            f"  spend {roi.spend:,.0f}: ROAS {roi.roas:.2f}, ROI {roi.roi:+.2f} "
            f"(margin {roi.margin:.0%}, {roi.margin_source}); naive ROAS {roi.naive_roas:.2f}"
        )
    lines += [f"  note: {warning}" for warning in lift.warnings]
    return "\n".join(lines)


def _emit(
    result: Any,
    as_json: bool,
    as_text: Callable[[Any], str],
    as_dict: Callable[[Any], dict[str, Any]],
) -> None:
    if as_json:
        print(json.dumps(as_dict(result), ensure_ascii=False, default=str))
    else:
        print(as_text(result))


def _inspection_json(result: Inspection) -> dict[str, Any]:
    data = result.to_dict()
    data["issues"] = [{k: issue[k] for k in ISSUE_FIELDS} for issue in data["issues"]]
    return {key: data[key] for key in INSPECT_FIELDS}


def _lift_json(report: CampaignReport) -> dict[str, Any]:
    data = report.to_dict()
    return {key: data[key] for key in LIFT_FIELDS}


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
