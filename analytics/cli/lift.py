"""`lift` (what one campaign or window added, and its ROI) and `campaigns` (every campaign)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import (
    MARGIN_HELP,
    add_currency_argument,
    add_file_arguments,
    load_dataset,
    parse_where,
    read_file,
    split_names,
    text_currency,
)
from analytics.cli.output import emit, select_fields, strict_json
from analytics.formatting import amount, is_money, p_value, percent, ratio, span
from analytics.ingest.load import Dataset

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.lift.campaign_table import CampaignTable
    from analytics.lift.checks import LiftChecks
    from analytics.lift.reports import CampaignReport

# The JSON interface the issues spell out, field for field (a report holds more).
LIFT_FIELDS: tuple[str, ...] = (
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
    "incremental_gross_profit",
    "discount_cost",
    "incremental_profit",
)


def add_parsers(commands: Commands) -> None:
    lift_cmd = commands.add_parser("lift", help="what one campaign or window added, and its ROI")
    add_file_arguments(lift_cmd)
    lift_cmd.add_argument("--metric", required=True, help="outcome column, e.g. revenue")
    target = lift_cmd.add_mutually_exclusive_group(required=True)
    target.add_argument("--campaign", help="campaign name from the campaign column")
    target.add_argument(
        "--start", help="window start date (with --end); a row number in a file without dates"
    )
    lift_cmd.add_argument("--end", help="window end date (or row number, from 1)")
    lift_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; repeat for several values or columns",
    )
    lift_cmd.add_argument("--controls", default="auto", help="auto, none, or COL,COL,...")
    lift_cmd.add_argument("--margin", type=float, help=MARGIN_HELP)
    _add_campaign_table_argument(lift_cmd)
    lift_cmd.add_argument(
        "--checks", action="store_true", help="also print the robustness and placebo checks"
    )
    add_currency_argument(lift_cmd)
    lift_cmd.set_defaults(handler=_lift)

    all_cmd = commands.add_parser("campaigns", help="lift and ROI of every campaign")
    add_file_arguments(all_cmd)
    all_cmd.add_argument("--metric", required=True, help="outcome column, e.g. revenue")
    all_cmd.add_argument("--margin", type=float, help=MARGIN_HELP)
    _add_campaign_table_argument(all_cmd)
    add_currency_argument(all_cmd)
    all_cmd.set_defaults(handler=_campaigns)


def _add_campaign_table_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--campaign-table",
        metavar="PATH",
        help="campaign table (name, start, end, target segments, channel, spend): campaigns "
        "and their spend come from it instead of the campaign column",
    )


def _lift(args: argparse.Namespace) -> int:
    # Imported here: the models load statsmodels (seconds), which `inspect` does not need.
    from analytics.lift.reports import measure
    from analytics.lift.roi import checked_margin

    dataset = load_dataset(args)
    report = measure(
        dataset.frame,
        dataset.mapping,
        args.metric,
        campaign=args.campaign,
        start=args.start,
        end=args.end,
        where=parse_where(args.where),
        controls=_parse_controls(args.controls),
        margin=checked_margin(args.margin),
        table=_campaign_table(args, dataset),
        checks=args.checks and not args.json,
    )
    currency = text_currency(args, dataset)
    emit(report, args.json, lambda r: _report_text(r, currency), _lift_json)
    return 0


def _campaigns(args: argparse.Namespace) -> int:
    from analytics.lift.reports import measure_each, reports_or_raise
    from analytics.lift.roi import checked_margin

    dataset = load_dataset(args)
    table = _campaign_table(args, dataset)
    margin = checked_margin(args.margin)
    reports = reports_or_raise(
        measure_each(dataset.frame, dataset.mapping, args.metric, margin=margin, table=table)
    )
    if args.json:
        print(strict_json({"campaigns": [_lift_json(r) for r in reports]}))
    else:
        currency = text_currency(args, dataset)
        texts = [_report_text(r, currency) for r in reports]
        print("\n\n".join(texts) or "No campaigns in the data.")
    return 0


def _parse_controls(text: str) -> str | tuple[str, ...]:
    return text if text in ("auto", "none") else split_names(text)


def _campaign_table(args: argparse.Namespace, sales: Dataset) -> CampaignTable | None:
    from analytics.lift.campaign_table import read_campaign_table

    if not args.campaign_table:
        return None
    table = read_file(args.campaign_table, encoding=args.encoding)
    return read_campaign_table(table.frame, sales.frame, sales.mapping)


def _lift_json(report: CampaignReport) -> dict[str, Any]:
    data = report.to_dict()
    return select_fields(data, LIFT_FIELDS)


def _report_text(report: CampaignReport, currency: str | None = None) -> str:
    """The report in words; amounts of money (spend, profit, a revenue metric) with
    ``currency``'s symbol."""
    lift, roi = report.lift, report.roi
    money = partial(amount, currency=currency)
    value = money if is_money(lift.metric) else amount
    signed = partial(value, signed=True)
    lines = [
        f"{lift.campaign or 'window'}: {lift.start} to {lift.end} "
        f"(baseline fitted on {lift.pre_start} to {lift.pre_end})",
        f"  {lift.metric}: actual {value(lift.actual)}, baseline {value(lift.baseline)}",
        f"  effect {signed(lift.abs_effect)} "
        f"(95% interval {span(lift.abs_effect_ci, signed)}), "
        f"{percent(lift.rel_effect, signed=True)}; two-sided p {p_value(lift.p_value)}; "
        f"pre-period MAPE {percent(lift.pre_mape)}",
    ]
    if roi.spend is not None:
        bridge = roi.bridge
        lines += [
            f"  spend {money(roi.spend)}: ROAS {ratio(roi.roas)}, "
            f"ROI {percent(roi.roi, 0, signed=True)} (margin {percent(roi.margin, 0)}, "
            f"{roi.margin_source}); naive ROAS {ratio(roi.naive_roas)}",
            f"  profit: incremental gross profit {money(bridge.incremental_gross_profit)} − "
            f"discount on sales that would have happened anyway {money(bridge.discount_cost)} − "
            f"spend {money(roi.spend)} = incremental profit "
            f"{money(bridge.incremental_profit, signed=True)}",
        ]
    lines += [f"  note: {warning}" for warning in lift.warnings]
    if report.checks is not None:
        lines += _checks_text(report.checks, signed)
    return "\n".join(lines)


def _checks_text(checks: LiftChecks, signed: Callable[[float], str]) -> list[str]:
    robustness, placebo = checks.robustness, checks.placebo
    lines = ["  robustness:"]
    lines += [
        f"    {s.label:<40} {signed(s.abs_effect):>14} "
        f"({span(s.abs_effect_ci, signed)}), {percent(s.rel_effect, signed=True)}, "
        f"p {p_value(s.p_value)}"
        for s in robustness.specs
    ]
    lines += [f"    not run: {key}: {why}" for key, why in robustness.skipped.items()]
    lines += [f"  {robustness.sentence()}", f"  placebo: {placebo.sentence()}"]
    return lines
