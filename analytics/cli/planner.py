"""ROI planner: `plan` (a budget split across channels) and `whatif` (a planned campaign)."""

from __future__ import annotations

import argparse
from functools import partial
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import (
    MARGIN_HELP,
    add_currency_argument,
    add_file_arguments,
    load_dataset,
    parse_number,
    parse_where,
    split_names,
    text_currency,
)
from analytics.cli.output import emit, select_fields
from analytics.errors import UserInputError
from analytics.formatting import amount, is_money
from analytics.ingest.load import Dataset

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.planner.budget import BudgetResult
    from analytics.planner.model import PlannerModel
    from analytics.planner.whatif import WhatIfResult

# The JSON interfaces the issues spell out, field for field (results hold more).
PLAN_FIELDS: tuple[str, ...] = (
    "outcome",
    "channels",
    "predicted_gain",
    "predicted_gain_ci",
    "warnings",
)
PLAN_CHANNEL_FIELDS: tuple[str, ...] = (
    "channel",
    "roas",
    "roas_ci",
    "current_spend",
    "proposed_spend",
    "marginal_roi_current",
    "marginal_roi_proposed",
    "identifiable",
)
CALIBRATED_CHANNEL_FIELDS = ("roas_uncalibrated",)  # added when lift tests calibrated the curves
WHATIF_FIELDS: tuple[str, ...] = (
    "incremental_revenue",
    "incremental_revenue_ci",
    "roas",
    "roi",
    "roi_ci",
    "incremental_gross_profit",
    "discount_cost",
    "incremental_profit",
)
PLAN_HELP = (
    "Split a budget over the spend channels to maximise predicted incremental profit "
    "(margin × incremental revenue − spend) from response curves with carry-over and "
    "saturation. The budget is for --days days (default 91, a quarter); a channel's current "
    "spend is its always-on spend per day over the last 8 weeks × those days (what it would "
    "spend at today's rate), and the gain compares the proposed split with it."
)
WHATIF_HELP = (
    "Predicted incremental revenue, ROAS and ROI (95% intervals) of spend on a "
    "channel between two dates, with an optional discount and segment, from the response "
    "curves and the discount elasticity. The spend comes on top of today's always-on spend."
)


def add_parsers(commands: Commands) -> None:
    plan_cmd = commands.add_parser(
        "plan", help="budget split across channels from response curves", description=PLAN_HELP
    )
    add_file_arguments(plan_cmd)
    _add_curve_arguments(plan_cmd, "--spend")
    plan_cmd.add_argument("--budget", metavar="AMOUNT", help="total budget for the period")
    plan_cmd.add_argument(
        "--days", metavar="N", default="91", help="days the budget covers (default 91)"
    )
    for flag, word in (("--min", "minimum"), ("--max", "maximum")):
        plan_cmd.add_argument(
            flag,
            action="extend",
            nargs="+",
            default=[],
            metavar="CHANNEL=AMOUNT",
            help=f"a channel's {word} over the period; several after one flag, or repeat it",
        )
    plan_cmd.add_argument(
        "--move-unidentified",
        action="store_true",
        help="let the split move spend on channels whose effect the data cannot separate from "
        "zero (by default they keep their current spend)",
    )
    add_currency_argument(plan_cmd)
    plan_cmd.set_defaults(handler=_plan)

    whatif_cmd = commands.add_parser(
        "whatif", help="predicted return of a planned campaign", description=WHATIF_HELP
    )
    add_file_arguments(whatif_cmd)
    _add_curve_arguments(whatif_cmd, "--spend-columns")
    whatif_cmd.add_argument("--channel", help="spend column of the channel, e.g. search_spend")
    whatif_cmd.add_argument("--spend", metavar="AMOUNT", help="spend over the whole window")
    whatif_cmd.add_argument("--discount", metavar="D", default="0", help="e.g. 0.15 for 15%% off")
    whatif_cmd.add_argument("--start", help="first day of the window")
    whatif_cmd.add_argument("--end", help="last day of the window")
    whatif_cmd.add_argument(
        "--where",
        action="extend",
        nargs="+",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; several after one flag, or repeat it (values of one column: any)",
    )
    add_currency_argument(whatif_cmd)
    whatif_cmd.set_defaults(handler=_whatif)


def _add_curve_arguments(command: argparse.ArgumentParser, spend_flag: str) -> None:
    command.add_argument("--outcome", metavar="COL", help="outcome column (default: the mapping's)")
    command.add_argument(
        spend_flag,
        dest="spend_columns",
        metavar="COL,COL",
        help="spend columns, one per channel (default: the columns with the spend role)",
    )
    command.add_argument(
        "--controls",
        metavar="COL,COL",
        help="metric or flag columns to hold fixed in the response model (demand drivers that "
        "move with spend: a competitor's price, the weather, a demand index)",
    )
    command.add_argument(
        "--calibrate",
        action="store_true",
        help="calibrate the curves by the dataset's campaigns as their lifts measure them",
    )
    command.add_argument(
        "--lift-tests",
        metavar="PATH",
        help="CSV of outside lift tests to calibrate the curves by (columns channel, start, end, "
        "incremental, lo, hi: the outcome a channel's spend added over the window, 95%% interval)",
    )
    command.add_argument("--margin", metavar="M", help=MARGIN_HELP)
    command.add_argument(
        "--draws", metavar="N", default="200", help="bootstrap draws for the intervals (200)"
    )


def _channel_amounts(items: list[str], flag: str) -> dict[str, float]:
    amounts = {}
    for item in items:
        channel, sep, value = item.partition("=")
        if not sep or not channel:
            raise UserInputError(f"{flag} {item!r} should look like CHANNEL=AMOUNT.")
        amounts[channel] = parse_number(value, f"{flag} {channel}=", minimum=0)
    return amounts


def _planner_model(args: argparse.Namespace) -> tuple[Dataset, PlannerModel, float | None]:
    """The data, the response curves fitted to it, and the --margin setting (checked)."""
    from analytics.lift.roi import checked_margin
    from analytics.planner.calibration import read_lift_tests
    from analytics.planner.model import fit_planner

    dataset = load_dataset(args)
    margin = checked_margin(None if args.margin is None else parse_number(args.margin, "--margin"))
    draws = int(parse_number(args.draws, "--draws", minimum=0))
    spend = split_names(args.spend_columns) if args.spend_columns else None
    controls = split_names(args.controls) if args.controls else ()
    lifts = read_lift_tests(args.lift_tests) if args.lift_tests else ()
    measured = _measured_campaigns(dataset, args.outcome, margin) if args.calibrate else None
    model = fit_planner(
        dataset.frame,
        dataset.mapping,
        args.outcome,
        spend,
        draws=draws,
        controls=controls,
        lifts=lifts,
        measured=measured,
    )
    return dataset, model, margin


def _measured_campaigns(dataset: Dataset, outcome: str | None, margin: float | None) -> dict:
    """What the lifts of the dataset's campaigns measured (campaigns that cannot be measured are
    left out)."""
    from analytics.lift.reports import CampaignReport, measure_each
    from analytics.planner.whatif import measured_from_reports

    metric = outcome or dataset.mapping.outcome
    results = measure_each(dataset.frame, dataset.mapping, metric, margin=margin)
    return measured_from_reports([r for _, r in results if isinstance(r, CampaignReport)])


def _plan(args: argparse.Namespace) -> int:
    from analytics.lift.roi import resolve_margin
    from analytics.planner.budget import optimise_budget

    budget = parse_number(args.budget, "--budget", minimum=0)
    days = parse_number(args.days, "--days", minimum=1)
    minimum = _channel_amounts(args.min, "--min")
    maximum = _channel_amounts(args.max, "--max")
    dataset, model, margin = _planner_model(args)
    margin_value, _ = resolve_margin(dataset.frame, dataset.mapping, {}, margin)
    result = optimise_budget(
        model,
        budget,
        days=int(days),
        minimum=minimum,
        maximum=maximum,
        margin=margin_value,
        move_unidentified=args.move_unidentified,
    )
    currency = text_currency(args, dataset)
    emit(result, args.json, lambda r: _plan_text(r, currency), _plan_json)
    return 0


def _plan_json(result: BudgetResult) -> dict[str, Any]:
    data = result.to_dict()
    calibrated = any(c["roas_uncalibrated"] is not None for c in data["channels"])
    fields = PLAN_CHANNEL_FIELDS + (CALIBRATED_CHANNEL_FIELDS if calibrated else ())
    data["channels"] = [select_fields(c, fields) for c in data["channels"]]
    return select_fields(data, PLAN_FIELDS)


def _plan_text(result: BudgetResult, currency: str | None = None) -> str:
    """The split in words, amounts with ``currency``'s symbol."""
    money = partial(amount, currency=currency)
    lines = [
        f"{result.outcome}: budget {money(result.budget)} over {result.days} days "
        f"(margin {result.margin:.0%}); current = today's spend rate over the same days",
        f"  {'channel':<18}{'ROAS (95%)':<20}{'current':>14}{'proposed':>14}"
        f"{'marginal ROI now → proposed':>32}",
    ]
    for c in result.channels:
        lines.append(
            f"  {c.channel:<18}{f'{c.roas:.2f} ({c.roas_ci[0]:.2f}–{c.roas_ci[1]:.2f})':<20}"
            f"{money(c.current_spend):>14}{money(c.proposed_spend):>14}"
            f"{f'{c.marginal_roi_current:+.0%} → {c.marginal_roi_proposed:+.0%}':>32}"
        )
        if c.roas_uncalibrated is not None:
            lines.append(
                f"  {'':<18}ROAS before calibration by lift tests {c.roas_uncalibrated:.2f}"
            )
    lo, hi = result.predicted_gain_ci
    lines.append(
        f"  predicted gain in incremental profit: {money(result.predicted_gain, signed=True)} "
        f"(95% interval {money(lo, signed=True)} to {money(hi, signed=True)})"
    )
    lines += [f"  note: {note}" for note in result.notes]
    lines += [f"  warning: {warning}" for warning in result.warnings]
    return "\n".join(lines)


def _whatif(args: argparse.Namespace) -> int:
    from analytics.planner.whatif import PlannedCampaign, whatif

    if not args.channel:
        raise UserInputError("Give the channel with --channel COLUMN (a spend column).")
    spend = parse_number(args.spend, "--spend", minimum=0)
    discount = parse_number(args.discount, "--discount", minimum=0)
    if not (args.start and args.end):
        raise UserInputError("Give the window with --start DATE and --end DATE.")
    plan = PlannedCampaign(
        spend={args.channel: spend},
        start=args.start,
        end=args.end,
        discount=discount,
        where=parse_where(args.where),
    )
    dataset, model, margin = _planner_model(args)
    result = whatif(model, dataset.frame, dataset.mapping, plan, margin)
    currency = text_currency(args, dataset)
    emit(result, args.json, lambda r: _whatif_text(r, currency), _whatif_json)
    return 0


def _whatif_json(result: WhatIfResult) -> dict[str, Any]:
    data = result.to_dict()
    return select_fields(data, WHATIF_FIELDS)


def _whatif_text(result: WhatIfResult, currency: str | None = None) -> str:
    """The prediction in words, amounts of money with ``currency``'s symbol."""
    money = partial(amount, currency=currency)
    value = money if is_money(result.outcome) else amount
    spend = ", ".join(f"{c} {money(v)}" for c, v in result.spend.items())
    segment = "; ".join(f"{k}={','.join(v)}" for k, v in result.segment.items()) or "all segments"
    lo, hi = result.incremental_revenue_ci
    lines = [
        f"{spend}, {result.discount:.0%} off, {result.start} to {result.end} "
        f"({result.periods} periods), {segment}",
        f"  incremental {result.outcome} {value(result.incremental_revenue)} (95% interval "
        f"{value(lo)} to {value(hi)}); from the spend {value(result.media_revenue)}, from the "
        f"discount {value(result.discount_revenue)}",
    ]
    if result.incremental_units is not None and result.incremental_units_ci is not None:
        ulo, uhi = result.incremental_units_ci
        lines.append(
            f"  incremental units {result.incremental_units:,.0f} ({ulo:,.0f} to {uhi:,.0f})"
        )
    if result.roi is not None and result.roas_ci and result.roi_ci:
        lines.append(
            f"  ROAS {result.roas:.2f} ({result.roas_ci[0]:.2f} to {result.roas_ci[1]:.2f}), "
            f"ROI {result.roi:+.0%} ({result.roi_ci[0]:+.0%} to {result.roi_ci[1]:+.0%}); "
            f"margin {result.margin:.0%} ({result.margin_source})"
        )
        lines.append(
            f"  incremental gross profit {money(result.incremental_gross_profit)} − discount "
            f"on sales that would have happened anyway {money(result.discount_cost)} − spend "
            f"{money(sum(result.spend.values()))} = incremental profit "
            f"{money(result.incremental_profit, signed=True)}"
        )
    for past in result.comparable:
        lines.append(
            f"  like past campaign {past.name}: {past.channel} {money(past.spend)} over "
            f"{past.periods} periods, {past.discount:.0%} off"
        )
    lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines)
