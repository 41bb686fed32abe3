"""Campaign timing: `timing` ranks the candidate start weeks of a planned campaign."""

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
    text_currency,
)
from analytics.cli.output import emit, select_fields
from analytics.errors import UserInputError
from analytics.formatting import amount, percent, span

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.planner.timing import TimingResult

# The JSON interface the issue spells out, field for field (the result holds more).
TIMING_FIELDS: tuple[str, ...] = ("windows", "best")
WINDOW_FIELDS: tuple[str, ...] = (
    "start",
    "end",
    "predicted_incremental_profit",
    "predicted_incremental_profit_ci",
)
TIMING_HELP = (
    "Rank the start weeks of a planned campaign over the next weeks by predicted incremental "
    "profit (95% intervals): the forecast of the outcome over those weeks (season, festivals, "
    "promotions already planned) as the baseline, the response curves for the spend on "
    "--channel, the discount elasticity for --discount. The budget is the campaign's spend over "
    "its --days (with a discount alone, its cost)."
)
REASONS = {
    "additive": "the response curves add the same outcome for the same spend whatever the "
    "demand, so the spend earns the same in every window: timing does not change this "
    "campaign's profit in this model",
    "overlap": "the response curves add the same outcome for the same spend whatever the "
    "demand, but the data's future rows plan spend in the same channel and the campaign's "
    "spend comes on top of it: where more is planned the curve is flatter and the window earns "
    "less (where less than today's, more)",
    "demand_high": "the discount earns on each sale it brings, so it earns most where the "
    "forecast demand is highest",
    "demand_low": "the discount loses money on the sales it discounts, so it loses least where "
    "the forecast demand is lowest",
}


def add_parsers(commands: Commands) -> None:
    command = commands.add_parser(
        "timing", help="when to run a planned campaign", description=TIMING_HELP
    )
    add_file_arguments(command)
    command.add_argument("--days", metavar="N", help="length of the campaign in days")
    command.add_argument("--budget", metavar="AMOUNT", help="spend over the whole campaign")
    command.add_argument("--channel", metavar="COL", help="spend column of the channel")
    command.add_argument("--discount", metavar="PCT", help="discount in percent, 10 for 10%% off")
    command.add_argument(
        "--weeks-ahead", metavar="W", default="12", help="weeks of start dates to scan (12)"
    )
    command.add_argument(
        "--where",
        action="extend",
        nargs="+",
        default=[],
        metavar="COL=VALUE",
        help="target segment; several after one flag, or repeat it (values of one column: any)",
    )
    command.add_argument("--outcome", metavar="COL", help="outcome column (default: the mapping's)")
    command.add_argument("--margin", metavar="M", help=MARGIN_HELP)
    command.add_argument(
        "--draws", metavar="N", default="200", help="bootstrap draws for the intervals (200)"
    )
    add_currency_argument(command)
    command.set_defaults(handler=_timing)


def _timing(args: argparse.Namespace) -> int:
    from analytics.ingest.roles import SPEND
    from analytics.lift.roi import checked_margin
    from analytics.planner.model import fit_planner
    from analytics.planner.timing import check_amounts, plan_timing

    plan = _plan(args)
    check_amounts(plan)
    margin = checked_margin(None if args.margin is None else parse_number(args.margin, "--margin"))
    draws = int(parse_number(args.draws, "--draws", minimum=0))
    dataset = load_dataset(args)
    spend_columns = dataset.mapping.columns(SPEND)
    if plan.channel is not None and plan.channel not in spend_columns:
        raise UserInputError(
            f"There is no spend channel {plan.channel!r}; the spend columns are: "
            f"{', '.join(spend_columns) or 'none'}.",
            code="timing_channel",
            channel=plan.channel,
            channels=", ".join(spend_columns),
        )
    model = fit_planner(dataset.frame, dataset.mapping, args.outcome, draws=draws)
    result = plan_timing(model, dataset.frame, dataset.mapping, plan, margin)
    currency = text_currency(args, dataset)
    emit(result, args.json, lambda r: _timing_text(r, currency), _timing_json)
    return 0


def _plan(args: argparse.Namespace) -> Any:
    """The campaign to place, from the arguments (amounts checked by the planner)."""
    from analytics.planner.timing import TimingPlan

    days = parse_number(args.days, "--days")
    weeks = parse_number(args.weeks_ahead, "--weeks-ahead")
    if days != int(days) or weeks != int(weeks):
        raise UserInputError("--days and --weeks-ahead take whole numbers.")
    discount = 0.0
    if args.discount is not None:
        discount = parse_number(args.discount.rstrip("%"), "--discount", minimum=0) / 100
    return TimingPlan(
        days=int(days),
        budget=parse_number(args.budget, "--budget"),
        channel=args.channel,
        discount=discount,
        weeks_ahead=int(weeks),
        where=parse_where(args.where),
    )


def _timing_json(result: TimingResult) -> dict[str, Any]:
    data = result.to_dict()
    windows = [
        {**select_fields(w, WINDOW_FIELDS), **w} for w in data.pop("windows")
    ]  # the spelled-out fields first, then the rest
    best = {**select_fields(data["best"], WINDOW_FIELDS), **data.pop("best")}
    return {"windows": windows, "best": best, **data}


def _timing_text(result: TimingResult, currency: str | None = None) -> str:
    """The ranking in words, amounts with ``currency``'s symbol."""
    money = partial(amount, currency=currency)
    signed = partial(amount, currency=currency, signed=True)
    what = [f"{result.channel} {money(result.budget)}"] if result.channel else []
    if result.discount > 0:
        what.append(f"{percent(result.discount, 0)} off")
    segment = "; ".join(f"{k}={','.join(v)}" for k, v in result.segment.items()) or "all segments"
    lines = [
        f"{', '.join(what)} for {result.days} days, {segment}: incremental profit of "
        f"{result.outcome} (margin {percent(result.margin, 0)}) by start, best first",
        f"  {'window':<26}{'profit (95% interval)':<36}{'behind the best (95%)':<34}"
        f"{'demand':>8}  festivals, other campaigns",
    ]
    for w in result.windows:
        band = span(w.predicted_incremental_profit_ci, signed)
        profit = f"{signed(w.predicted_incremental_profit)} ({band})"
        behind = f"{money(w.difference_to_best)} ({span(w.difference_to_best_ci, money)})"
        marks = ", ".join((*w.festivals, *w.overlaps))
        lines.append(
            f"  {w.start + ' to ' + w.end:<26}{profit:<36}{behind:<34}"
            f"{percent(w.demand_vs_average, 1, signed=True):>8}  {marks}"
        )
    best = result.best
    verdict = "wins clearly" if result.clear else "is not clearly better than the next one"
    lines.append(
        f"  best: {best.start} to {best.end} {verdict}: {REASONS[result.reason]} (its forecast "
        f"demand {percent(best.demand_vs_average, 1, signed=True)} against the average window)."
    )
    if len(result.windows) > 1:
        gaps = [w.difference_to_best for w in result.windows[1:]]
        lines.append(f"  the other windows earn {span((min(gaps), max(gaps)), money)} less.")
    if result.saturated:
        losses = [w.overlap_loss for w in result.windows if w.start in result.saturated]
        lines.append(
            f"  overlap makes worse the windows starting {', '.join(result.saturated)}: the spend "
            f"already planned in {result.channel} leaves {span((min(losses), max(losses)), money)}"
            " less profit than the campaign would earn alone."
        )
    lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines)
