"""`python -m analytics`: the app's computations from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest.load import Inspection, inspect, load

if TYPE_CHECKING:
    from analytics.lift.reports import CampaignReport

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
DRIVERS_FIELDS = ("target", "n_rows", "models", "best", "importance", "coefficients")
DRIVERS_MODEL_FIELDS = ("name", "mae", "rmse", "r2", "mape")
DRIVERS_IMPORTANCE_FIELDS = ("feature", "mean_abs_shap")
DRIVERS_COEFFICIENT_FIELDS = ("feature", "coef", "ci", "p_value")
FORECAST_FIELDS = (
    "metric",
    "frequency",
    "order",
    "seasonal_order",
    "aic",
    "forecast",
    "backtest",
)
FORECAST_POINT_FIELDS = ("date", "mean", "lo", "hi")
FORECAST_BACKTEST_FIELDS = ("mae", "mape", "mase", "naive_mae", "naive_mape")
PLAN_FIELDS = ("outcome", "channels", "predicted_gain", "predicted_gain_ci")
PLAN_CHANNEL_FIELDS = (
    "channel",
    "roas",
    "roas_ci",
    "current_spend",
    "proposed_spend",
    "marginal_roi_current",
    "marginal_roi_proposed",
)
WHATIF_FIELDS = ("incremental_revenue", "incremental_revenue_ci", "roas", "roi", "roi_ci")


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


class _OneLineErrors(argparse.ArgumentParser):
    """A usage mistake (a missing or unknown argument) is one line on stderr and exit 2, like
    every other error a user can cause; subcommands inherit it."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USER_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineErrors(prog="python -m analytics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    inspect_cmd = commands.add_parser("inspect", help="what LiftBoard infers about a file")
    _add_file_arguments(inspect_cmd)
    inspect_cmd.set_defaults(handler=_inspect)

    lift_cmd = commands.add_parser("lift", help="what one campaign or window added, and its ROI")
    _add_file_arguments(lift_cmd)
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
    lift_cmd.add_argument("--margin", type=float, help="gross margin (default: data, else 0.4)")
    _add_campaign_table_argument(lift_cmd)
    lift_cmd.add_argument(
        "--checks", action="store_true", help="also print the robustness and placebo checks"
    )
    lift_cmd.set_defaults(handler=_lift)

    all_cmd = commands.add_parser("campaigns", help="lift and ROI of every campaign")
    _add_file_arguments(all_cmd)
    all_cmd.add_argument("--metric", required=True, help="outcome column, e.g. revenue")
    all_cmd.add_argument("--margin", type=float, help="gross margin (default: data, else 0.4)")
    _add_campaign_table_argument(all_cmd)
    all_cmd.set_defaults(handler=_campaigns)

    drivers_cmd = commands.add_parser("drivers", help="what moves a metric, explained with SHAP")
    _add_file_arguments(drivers_cmd)
    drivers_cmd.add_argument(
        "--target",
        required=True,
        help="metric column, or a ratio NUMERATOR/DENOMINATOR such as orders/visits "
        "(a column whose name contains '/' is taken as that column)",
    )
    drivers_cmd.add_argument(
        "--features", help="C1,C2,... (default: the suggested ones, without leaking metrics)"
    )
    drivers_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="row filter; repeat for several values or columns",
    )
    drivers_cmd.add_argument(
        "--models", help="comma-separated: ols,lasso,random_forest,gradient_boosting (default all)"
    )
    drivers_cmd.add_argument(
        "--log", action="store_true", help="model the log of the target (effects in %%)"
    )
    drivers_cmd.set_defaults(handler=_drivers)

    forecast_cmd = commands.add_parser("forecast", help="ARIMA forecast with intervals, backtested")
    _add_file_arguments(forecast_cmd)
    forecast_cmd.add_argument("--metric", required=True, help="column to forecast, e.g. units")
    forecast_cmd.add_argument(
        "--horizon", required=True, type=int, help="periods ahead (also the backtest horizon)"
    )
    forecast_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; repeat for several values or columns",
    )
    forecast_cmd.add_argument(
        "--holdout",
        type=int,
        metavar="N",
        help="fit on all but the last N periods, forecast them and score against the truth",
    )
    forecast_cmd.set_defaults(handler=_forecast)
    _add_planner_commands(commands)
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
    from analytics.lift.reports import measure

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
        table=_campaign_table(args, dataset),
        checks=args.checks and not args.json,
    )
    _emit(report, args.json, _report_text, _lift_json)
    return 0


def _add_campaign_table_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--campaign-table",
        metavar="PATH",
        help="campaign table (name, start, end, target segments, channel, spend): campaigns "
        "and their spend come from it instead of the campaign column",
    )


def _campaign_table(args: argparse.Namespace, sales: Any) -> Any:
    from analytics.lift.campaign_table import read_campaign_table

    if not args.campaign_table:
        return None
    table = load(args.campaign_table, encoding=args.encoding)
    return read_campaign_table(table.frame, sales.frame, sales.mapping)


def _campaigns(args: argparse.Namespace) -> int:
    from analytics.lift.reports import measure_all

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    table = _campaign_table(args, dataset)
    reports = measure_all(
        dataset.frame, dataset.mapping, args.metric, margin=args.margin, table=table
    )
    if args.json:
        print(json.dumps({"campaigns": [_lift_json(r) for r in reports]}, ensure_ascii=False))
    else:
        print("\n\n".join(_report_text(r) for r in reports) or "No campaigns in the data.")
    return 0


def _drivers(args: argparse.Namespace) -> int:
    from analytics.drivers.analysis import run_drivers
    from analytics.drivers.models import FITTED_MODELS
    from analytics.drivers.settings import DriverSettings, where_items

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    settings = DriverSettings(
        target=args.target,
        features=_split_names(args.features) if args.features is not None else None,
        models=_split_names(args.models) if args.models else FITTED_MODELS,
        where=where_items(_parse_where(args.where)),
        log_target=args.log,
    )
    result = run_drivers(dataset.frame, dataset.mapping, settings)
    _emit(result, args.json, _drivers_text, _drivers_json)
    return 0


def _split_names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _drivers_json(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    data["models"] = [_finite({k: m[k] for k in DRIVERS_MODEL_FIELDS}) for m in data["models"]]
    data["importance"] = [{k: i[k] for k in DRIVERS_IMPORTANCE_FIELDS} for i in data["importance"]]
    data["coefficients"] = [
        _finite({k: c[k] for k in DRIVERS_COEFFICIENT_FIELDS}) for c in data["coefficients"]
    ]
    return {key: data[key] for key in DRIVERS_FIELDS}


def _finite(row: dict[str, Any]) -> dict[str, Any]:
    """NaN is not JSON: a number that could not be computed is null."""
    return {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}


def _drivers_text(result: Any) -> str:
    lines = [
        f"{result.target}: {result.n_rows:,} rows, {len(result.features)} features"
        + (" (log scale)" if result.log_target else ""),
        "held-out errors (time-ordered folds), best first:",
    ]
    lines += [
        f"  {m.name:<18} MAE {m.mae:,.4g}  RMSE {m.rmse:,.4g}  R² {m.r2:.3f}"
        + (f"  MAPE {m.mape:.1%}" if m.mape is not None else "")
        for m in result.models
    ]
    if not result.beats_baseline:
        lines.append("No model beats the naive baseline: nothing here is worth explaining.")
    else:
        sample = result.explanation.sample_size
        lines.append(f"best: {result.best}; mean |SHAP| on {sample:,} rows:")
        lines += [f"  {i.feature:<28} {i.mean_abs_shap:,.4g}" for i in result.importance[:15]]
    lines.append("OLS coefficients (95% interval, p):")
    lines += [
        f"  {c.feature:<28} {c.coef:,.4g} ({c.ci[0]:,.4g} to {c.ci[1]:,.4g}), p = {c.p_value:.3g}"
        for c in result.coefficients
    ]
    return "\n".join(lines)


def _forecast(args: argparse.Namespace) -> int:
    from analytics.forecast.metric import forecast_metric, holdout_forecast
    from analytics.forecast.results import ForecastSettings

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    where = _parse_where(args.where)
    if args.holdout is None:
        settings = ForecastSettings(args.horizon)
        result = forecast_metric(dataset.frame, dataset.mapping, args.metric, where, settings)
    else:
        settings = ForecastSettings(args.holdout)
        result = holdout_forecast(
            dataset.frame, dataset.mapping, args.metric, where, args.holdout, settings
        )
    _emit(result, args.json, _forecast_text, _forecast_json)
    return 0


def _forecast_json(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    data["forecast"] = [{k: p[k] for k in FORECAST_POINT_FIELDS} for p in data["forecast"]]
    if data["backtest"] is not None:
        data["backtest"] = {k: data["backtest"][k] for k in FORECAST_BACKTEST_FIELDS}
    return {key: data[key] for key in FORECAST_FIELDS}


def _forecast_text(result: Any) -> str:
    card, backtest = result.card, result.backtest
    model = "seasonal naive"
    if card.method == "sarimax":
        model = (
            f"ARIMA{tuple(card.order)}{tuple(card.seasonal_order)}"
            + (", log" if card.log else "")
            + (f", {card.fourier_terms} yearly Fourier pairs" if card.fourier_terms else "")
            + f", AIC {card.aic:,.1f}"
        )
    lines = [f"{result.metric} ({result.frequency}): {model}", "date        mean  (95% interval)"]
    lines += [
        f"{date:%Y-%m-%d}  {row['mean']:,.1f}  ({row['lo95']:,.1f} to {row['hi95']:,.1f})"
        for date, row in result.forecast.iterrows()
    ]
    if backtest is not None:
        mase = "-" if backtest.mase is None else f"{backtest.mase:.2f}"
        lines.append(
            f"backtest ({backtest.points} points, {backtest.origins} cut-offs): MAE "
            f"{backtest.mae:,.1f}, MASE {mase}; seasonal naive MAE {backtest.naive_mae:,.1f}"
        )
    lines += [f"note: {note.message}" for note in result.notes]
    return "\n".join(lines)


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
    if report.checks is not None:
        lines += _checks_text(report.checks)
    return "\n".join(lines)


def _checks_text(checks: Any) -> list[str]:
    robustness, placebo = checks.robustness, checks.placebo
    lines = ["  robustness:"]
    lines += [
        f"    {s.label:<40} {s.abs_effect:>14,.0f} ({s.abs_effect_ci[0]:,.0f} to "
        f"{s.abs_effect_ci[1]:,.0f}), {s.rel_effect:+.1%}, p = {s.p_value:.3f}"
        for s in robustness.specs
    ]
    lines += [f"    not run: {key}: {why}" for key, why in robustness.skipped.items()]
    lines += [f"  {robustness.sentence()}", f"  placebo: {placebo.sentence()}"]
    return lines


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


# --- ROI planner: plan (budget split) and whatif (a planned campaign) ---------------------------

PLAN_HELP = (
    "Split a budget over the spend channels to maximise predicted incremental gross profit "
    "(margin × incremental revenue − spend) from response curves with carry-over and "
    "saturation. The budget is for --days days (default 91, a quarter); a channel's current "
    "spend is its always-on spend per day over the last 8 weeks × those days (what it would "
    "spend at today's rate), and the gain compares the proposed split with it."
)


def _add_planner_commands(commands: Any) -> None:
    plan_cmd = commands.add_parser(
        "plan", help="budget split across channels from response curves", description=PLAN_HELP
    )
    _add_file_arguments(plan_cmd)
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
    plan_cmd.set_defaults(handler=_plan)

    whatif_cmd = commands.add_parser(
        "whatif",
        help="predicted return of a planned campaign",
        description="Predicted incremental revenue, ROAS and ROI (95% intervals) of spend on a "
        "channel between two dates, with an optional discount and segment, from the response "
        "curves and the discount elasticity. The spend comes on top of today's always-on spend.",
    )
    _add_file_arguments(whatif_cmd)
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
    whatif_cmd.set_defaults(handler=_whatif)


def _add_curve_arguments(command: argparse.ArgumentParser, spend_flag: str) -> None:
    command.add_argument("--outcome", metavar="COL", help="outcome column (default: the mapping's)")
    command.add_argument(
        spend_flag,
        dest="spend_columns",
        metavar="COL,COL",
        help="spend columns, one per channel (default: the columns with the spend role)",
    )
    command.add_argument("--margin", metavar="M", help="gross margin (default: data, else 0.4)")
    command.add_argument(
        "--draws", metavar="N", default="200", help="bootstrap draws for the intervals (200)"
    )


def _number(text: str | None, flag: str, *, minimum: float | None = None) -> float:
    if text is None:
        raise UserInputError(f"Give {flag} AMOUNT.")
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise UserInputError(f"{flag} {text!r} is not a number.") from None
    if value != value or (minimum is not None and value < minimum):
        raise UserInputError(f"{flag} must be a number of at least {minimum:g}.")
    return value


def _channel_amounts(items: list[str], flag: str) -> dict[str, float]:
    amounts = {}
    for item in items:
        channel, sep, value = item.partition("=")
        if not sep or not channel:
            raise UserInputError(f"{flag} {item!r} should look like CHANNEL=AMOUNT.")
        amounts[channel] = _number(value, f"{flag} {channel}=", minimum=0)
    return amounts


def _planner_model(args: argparse.Namespace) -> tuple[Any, Any, float | None]:
    from analytics.planner.plan import fit_planner

    dataset = load(args.path, encoding=args.encoding, sheet=args.sheet)
    margin = None if args.margin is None else _number(args.margin, "--margin", minimum=0)
    if margin is not None and margin >= 1:
        raise UserInputError("--margin is a fraction: 0.4 means 40%.")
    draws = int(_number(args.draws, "--draws", minimum=0))
    spend = _split_names(args.spend_columns) if args.spend_columns else None
    model = fit_planner(dataset.frame, dataset.mapping, args.outcome, spend, draws=draws)
    return dataset, model, margin


def _plan(args: argparse.Namespace) -> int:
    from analytics.lift.roi import resolve_margin
    from analytics.planner.plan import optimise_budget

    budget = _number(args.budget, "--budget", minimum=0)
    days = _number(args.days, "--days", minimum=1)
    minimum = _channel_amounts(args.min, "--min")
    maximum = _channel_amounts(args.max, "--max")
    dataset, model, margin = _planner_model(args)
    margin_value, _ = resolve_margin(dataset.frame, dataset.mapping, {}, margin)
    result = optimise_budget(
        model, budget, days=int(days), minimum=minimum, maximum=maximum, margin=margin_value
    )
    _emit(result, args.json, _plan_text, _plan_json)
    return 0


def _plan_json(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    data["channels"] = [{k: c[k] for k in PLAN_CHANNEL_FIELDS} for c in data["channels"]]
    return {key: data[key] for key in PLAN_FIELDS}


def _plan_text(result: Any) -> str:
    lines = [
        f"{result.outcome}: budget {result.budget:,.0f} over {result.days} days "
        f"(margin {result.margin:.0%}); current = today's spend rate over the same days",
        f"  {'channel':<18}{'ROAS (95%)':<20}{'current':>14}{'proposed':>14}"
        f"{'marginal ROI now → proposed':>32}",
    ]
    for c in result.channels:
        lines.append(
            f"  {c.channel:<18}{f'{c.roas:.2f} ({c.roas_ci[0]:.2f}–{c.roas_ci[1]:.2f})':<20}"
            f"{c.current_spend:>14,.0f}{c.proposed_spend:>14,.0f}"
            f"{f'{c.marginal_roi_current:+.0%} → {c.marginal_roi_proposed:+.0%}':>32}"
        )
    lo, hi = result.predicted_gain_ci
    lines.append(
        f"  predicted gain in gross profit: {result.predicted_gain:+,.0f} "
        f"(95% interval {lo:+,.0f} to {hi:+,.0f})"
    )
    lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines)


def _whatif(args: argparse.Namespace) -> int:
    from analytics.planner.plan import PlannedCampaign, whatif

    if not args.channel:
        raise UserInputError("Give the channel with --channel COLUMN (a spend column).")
    spend = _number(args.spend, "--spend", minimum=0)
    discount = _number(args.discount, "--discount", minimum=0)
    if not (args.start and args.end):
        raise UserInputError("Give the window with --start DATE and --end DATE.")
    plan = PlannedCampaign(
        spend={args.channel: spend},
        start=args.start,
        end=args.end,
        discount=discount,
        where=_parse_where(args.where),
    )
    dataset, model, margin = _planner_model(args)
    result = whatif(model, dataset.frame, dataset.mapping, plan, margin)
    _emit(result, args.json, _whatif_text, _whatif_json)
    return 0


def _whatif_json(result: Any) -> dict[str, Any]:
    data = result.to_dict()
    return {key: data[key] for key in WHATIF_FIELDS}


def _whatif_text(result: Any) -> str:
    spend = ", ".join(f"{c} {v:,.0f}" for c, v in result.spend.items())
    segment = "; ".join(f"{k}={','.join(v)}" for k, v in result.segment.items()) or "all segments"
    lo, hi = result.incremental_revenue_ci
    lines = [
        f"{spend}, {result.discount:.0%} off, {result.start} to {result.end} "
        f"({result.periods} periods), {segment}",
        f"  incremental {result.outcome} {result.incremental_revenue:,.0f} (95% interval "
        f"{lo:,.0f} to {hi:,.0f}); from the spend {result.media_revenue:,.0f}, from the "
        f"discount {result.discount_revenue:,.0f}",
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
            f"margin {result.margin:.0%} ({result.margin_source}), discount cost "
            f"{result.discount_cost:,.0f}"
        )
    for past in result.comparable:
        lines.append(
            f"  like past campaign {past.name}: {past.channel} {past.spend:,.0f} over "
            f"{past.periods} periods, {past.discount:.0%} off"
        )
    lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines)
