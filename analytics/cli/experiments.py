"""Experiments: `abtest` (an A/B export), `abplan` (units a test needs), `geo` (a geo test) and
`geodesign` (markets and lengths for a geo test, from history)."""

from __future__ import annotations

import argparse
import importlib
import threading
from functools import partial
from typing import TYPE_CHECKING, Any

from analytics.cli import arguments
from analytics.cli.arguments import add_file_arguments, load_dataset, parse_number, split_names
from analytics.cli.output import emit, select_fields
from analytics.errors import UserInputError
from analytics.formatting import (
    amount,
    is_money,
    p_clause,
    p_value,
    percent,
    plain,
    ratio,
    span,
)

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.experiments.geo_design import GeoDesign
    from analytics.experiments.geo_results import GeoResult
    from analytics.experiments.planning import TestPlan
    from analytics.experiments.results import ABResult
    from analytics.ingest.load import Dataset

# The JSON interfaces the issue spells out, field for field (results hold more).
ABTEST_FIELDS = ("metric", "metric_type", "control", "variants", "comparisons", "srm", "cuped")
VARIANT_FIELDS = ("name", "units", "mean", "mean_ci")
COMPARISON_FIELDS = (
    "variant",
    "diff",
    "diff_ci",
    "rel_diff",
    "rel_diff_ci",
    "p_value",
    "p_value_adjusted",
    "method",
)
SRM_FIELDS = ("p_value", "expected_shares", "observed_units")
CUPED_FIELDS = ("covariate", "variance_reduction")
ABPLAN_FIELDS = ("units_per_variant", "total_units")
GEO_FIELDS = (
    "metric",
    "treated",
    "start",
    "end",
    "actual",
    "counterfactual",
    "abs_effect",
    "abs_effect_ci",
    "rel_effect",
    "rel_effect_ci",
    "p_value",
    "weights",
    "pre_rmse",
)
ABTEST_HELP = (
    "Each variant against the control on one outcome from a file with one row per unit: "
    "proportions (0/1, yes/no) by the pooled z-test, means by Welch's t (with a trimmed-mean or "
    "bootstrap check), ratios (--denominator) by the delta method; Holm's correction when "
    "several variants are compared; the sample-ratio check against the planned split; CUPED "
    "with a pre-experiment --covariate."
)
ABPLAN_HELP = (
    "Units per variant to detect a relative lift --mde on a conversion rate --baseline with "
    "the two-sided test (Cohen's h, as statsmodels' NormalIndPower). units_per_variant is one "
    "number for an even split, else one per variant in the order of --split."
)
GEO_HELP = (
    "The effect of a campaign run in some locations: a synthetic control from the others "
    "(non-negative weights summing to one on the pre-period, ridge-augmented when that fit "
    "is poor), 95%% intervals and p from placebo tests over locations and earlier windows."
)

GEODESIGN_HELP = (
    "The smallest lift a geo test would detect, from placebo tests on history: for the "
    "--treated markets, or else for market sets of each of --sizes found by a search (every "
    "market with its most correlated neighbours, the best reproduced by a synthetic control "
    "kept), for each test length in --days; ranked by that lift."
)


def add_parsers(commands: Commands) -> None:
    abtest = commands.add_parser("abtest", help="an A/B test's results", description=ABTEST_HELP)
    add_file_arguments(abtest)
    abtest.add_argument("--variant", metavar="COL", required=True, help="the variant column")
    abtest.add_argument("--metric", metavar="COL", required=True, help="the outcome column")
    abtest.add_argument("--control", metavar="VALUE", help="the control (default: first sorted)")
    abtest.add_argument("--covariate", metavar="COL", help="pre-experiment covariate for CUPED")
    abtest.add_argument("--denominator", metavar="COL", help="a ratio metric's denominator")
    abtest.add_argument("--split", metavar="0.5,0.5", help="planned shares, variants sorted")
    abtest.add_argument(
        "--units",
        metavar="COL",
        help="one row per variant: COL holds its units and --metric the converted units",
    )
    abtest.add_argument(
        "--spread",
        metavar="COL",
        help="one row per variant: --metric is a total (revenue) and COL its spread per unit",
    )
    abtest.add_argument(
        "--spread-kind",
        choices=("std", "variance", "sum_of_squares"),
        default="std",
        help="what --spread holds (std)",
    )
    abtest.set_defaults(handler=_abtest)

    abplan = commands.add_parser("abplan", help="units an A/B test needs", description=ABPLAN_HELP)
    abplan.add_argument("--baseline", metavar="RATE", required=True, help="e.g. 0.1")
    abplan.add_argument("--mde", metavar="REL", required=True, help="relative lift, e.g. 0.05")
    abplan.add_argument("--power", default="0.8", help="power (0.8)")
    abplan.add_argument("--alpha", default="0.05", help="two-sided significance level (0.05)")
    abplan.add_argument("--split", metavar="0.5,0.5", default="0.5,0.5", help="planned shares")
    abplan.add_argument("--daily-traffic", metavar="UNITS", help="units a day, for the duration")
    abplan.add_argument("--json", action="store_true", help="print one JSON object")
    abplan.set_defaults(handler=_abplan)

    geo = commands.add_parser("geo", help="a geo test's effect", description=GEO_HELP)
    add_file_arguments(geo)
    geo.add_argument("--metric", metavar="COL", required=True, help="the outcome column")
    geo.add_argument("--location", metavar="COL", required=True, help="the location column")
    geo.add_argument("--treated", metavar="A,B", required=True, help="treated locations")
    geo.add_argument("--start", metavar="DATE", required=True, help="first day of the test")
    geo.add_argument("--end", metavar="DATE", required=True, help="last day of the test")
    geo.add_argument("--date", metavar="COL", help="date column (default: the mapping's)")
    arguments.add_currency_argument(geo)
    geo.set_defaults(handler=_geo)

    design = commands.add_parser(
        "geodesign", help="markets and length for a geo test", description=GEODESIGN_HELP
    )
    add_file_arguments(design)
    design.add_argument("--metric", metavar="COL", required=True, help="the outcome column")
    design.add_argument("--location", metavar="COL", required=True, help="the location column")
    design.add_argument("--treated", metavar="A,B", help="markets to assess (default: search)")
    design.add_argument("--sizes", metavar="2,3", default="2,3", help="markets per searched set")
    design.add_argument("--days", metavar="14,28,56", default="14,28,56", help="test lengths")
    design.add_argument("--power", default="0.8", help="power (0.8)")
    design.add_argument("--before", metavar="DATE", help="use the history before DATE only")
    design.add_argument("--top", metavar="N", default="10", help="designs to print (10)")
    design.add_argument("--date", metavar="COL", help="date column (default: the mapping's)")
    design.set_defaults(handler=_geodesign)


def parse_split(text: str | None) -> tuple[float, ...] | None:
    """--split's shares, e.g. 0.5,0.5 or 50,50."""
    if text is None:
        return None
    return tuple(parse_number(part, "--split", minimum=0) for part in split_names(text))


def _abtest(args: argparse.Namespace) -> int:
    split = parse_split(args.split)
    dataset = _load_while_importing(
        args, ("analytics.experiments.abtest", "analytics.experiments.counts")
    )
    from analytics.experiments.abtest import analyse_ab
    from analytics.experiments.counts import analyse_counts

    if args.units:
        spread = (args.spread, args.spread_kind) if args.spread else None
        result = analyse_counts(
            dataset.frame,
            args.variant,
            args.metric,
            args.units,
            control=args.control,
            split=split,
            spread=spread,
        )
        emit(result, args.json, _abtest_text, _abtest_json)
        return 0
    result = analyse_ab(
        dataset.frame,
        args.variant,
        args.metric,
        control=args.control,
        covariate=args.covariate,
        split=split,
        denominator=args.denominator,
    )
    emit(result, args.json, _abtest_text, _abtest_json)
    return 0


def _load_while_importing(args: argparse.Namespace, modules: tuple[str, ...]) -> Dataset:
    """The command's file, read in its worker process while this one imports the analysis
    (SciPy's statistics, about 0.5 s): the two overlap on a second core."""
    importer = threading.Thread(target=_import_all, args=(modules,))
    importer.start()
    try:
        return load_dataset(args)
    finally:
        importer.join()


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)


def _abtest_json(result: ABResult) -> dict[str, Any]:
    data = result.to_dict()
    data["variants"] = [select_fields(v, VARIANT_FIELDS) for v in data["variants"]]
    data["comparisons"] = [select_fields(c, COMPARISON_FIELDS) for c in data["comparisons"]]
    data["srm"] = select_fields(data["srm"], SRM_FIELDS)
    data["cuped"] = select_fields(data["cuped"], CUPED_FIELDS) if data["cuped"] else None
    return select_fields(data, ABTEST_FIELDS)


def _abtest_text(result: ABResult) -> str:
    srm = result.srm
    shares = "/".join(f"{s:.0%}" for s in srm.expected_shares)
    lines = [
        f"sample ratio: {'/'.join(map(str, srm.observed_units))} units against {shares} planned, "
        f"{p_clause(srm.p_value)} ({srm.level})",
        f"{result.metric} ({result.metric_type}); control {result.control}",
    ]
    if result.cuped:
        lines.append(
            f"  CUPED on {result.cuped.covariate}: variance reduced by "
            f"{result.cuped.variance_reduction:.1%}"
        )
    for v in result.variants:
        lines.append(
            f"  {v.name:<20}{v.units:>10,} units  mean {plain(v.mean, 4)} "
            f"(95% {span(v.mean_ci, _four)})"
        )
    for c in result.comparisons:
        lines.append(
            f"  {c.variant} − {result.control}: {_four(c.diff)} ({span(c.diff_ci, _four)}), "
            f"{_rel(c.rel_diff)} ({span(c.rel_diff_ci, _rel)}), {p_clause(c.p_value)}"
            + (f", Holm {p_value(c.p_value_adjusted)}" if result.correction else "")
            + f" [{c.method}]"
        )
        if c.robust:
            lines.append(
                f"    {c.robust.method}: {_four(c.robust.diff)} "
                f"({span(c.robust.diff_ci, _four)}), {p_clause(c.robust.p_value)}"
            )
    return "\n".join(lines)


def _abplan(args: argparse.Namespace) -> int:
    from analytics.experiments.planning import plan_proportion

    split = parse_split(args.split)
    daily = (
        None if args.daily_traffic is None else parse_number(args.daily_traffic, "--daily-traffic")
    )
    plan = plan_proportion(
        parse_number(args.baseline, "--baseline"),
        parse_number(args.mde, "--mde"),
        power=parse_number(args.power, "--power"),
        alpha=parse_number(args.alpha, "--alpha"),
        split=split or (0.5, 0.5),
        daily_units=daily,
    )
    emit(plan, args.json, _abplan_text, lambda p: select_fields(p.to_dict(), ABPLAN_FIELDS))
    return 0


def _abplan_text(plan: TestPlan) -> str:
    units = ", ".join(f"{u:,}" for u in plan.units)
    text = (
        f"baseline {plan.baseline:.2%}, lift {plan.mde:+.1%}, power {plan.power:.0%}, "
        f"alpha {plain(plan.alpha)} (two-sided): units per variant {units}; "
        f"total {plan.total_units:,}"
    )
    return text + (f"; {plan.days} days at the daily traffic" if plan.days else "")


def _date_column(args: argparse.Namespace, dataset: Dataset) -> str:
    date = args.date or dataset.mapping.date_column
    if date is None:
        raise UserInputError(
            "The file has no date column: a geo test needs a dated panel (give --date COL).",
            code="geo_no_dates",
        )
    return date


def _geo(args: argparse.Namespace) -> int:
    from analytics.experiments.geo import geo_test

    dataset = load_dataset(args)
    date = _date_column(args, dataset)
    result = geo_test(
        dataset.frame,
        metric=args.metric,
        location=args.location,
        date=date,
        treated=split_names(args.treated),
        start=args.start,
        end=args.end,
    )
    currency = arguments.text_currency(args, dataset)
    emit(
        result,
        args.json,
        lambda r: _geo_text(r, currency),
        lambda r: select_fields(r.to_dict(), GEO_FIELDS),
    )
    return 0


def _geo_text(result: GeoResult, currency: str | None = None) -> str:
    """The test in words; a metric of money with ``currency``'s symbol."""
    value = partial(amount, currency=currency) if is_money(result.metric) else amount
    signed = partial(value, signed=True)
    low, high = result.abs_effect_ci
    weights = ", ".join(f"{name} {w:.2f}" for name, w in result.weights[:8])
    return "\n".join(
        [
            f"{result.metric} in {', '.join(result.treated)}, {result.start} to {result.end}",
            f"  actual {value(result.actual)}, synthetic control {value(result.counterfactual)}",
            f"  effect {signed(result.abs_effect)} (95% {span((low, high), signed)}), "
            f"{_rel(result.rel_effect)} ({span(result.rel_effect_ci, _rel)}), "
            f"{p_clause(result.p_value)} from "
            f"{result.placebos_in_space + result.placebos_in_time} placebos",
            f"  pre-period fit: RMSE {value(result.pre_rmse)}, R² {ratio(result.pre_r2)}"
            + (" (ridge-augmented)" if result.augmented else ""),
            f"  weights: {weights}",
        ]
    )


def _four(value: float) -> str:
    """A difference or mean to four significant digits, signed, never an exponent."""
    return plain(value, 4, signed=True)


def _rel(value: float) -> str:
    return percent(value, signed=True)


def _whole_numbers(text: str, flag: str) -> tuple[int, ...]:
    return tuple(int(parse_number(part, flag, minimum=1)) for part in split_names(text))


def _geodesign(args: argparse.Namespace) -> int:
    from analytics.experiments.geo_design import design_search, geo_design

    dataset = load_dataset(args)
    options = {
        "metric": args.metric,
        "location": args.location,
        "date": _date_column(args, dataset),
        "durations": _whole_numbers(args.days, "--days"),
        "power": parse_number(args.power, "--power"),
        "before": args.before,
    }
    if args.treated:
        design = geo_design(dataset.frame, candidates=[split_names(args.treated)], **options)
    else:
        sizes = _whole_numbers(args.sizes, "--sizes")
        design = design_search(dataset.frame, sizes=sizes, **options)
    top = int(parse_number(args.top, "--top", minimum=1))
    emit(design, args.json, lambda d: _geodesign_text(d, top), lambda d: d.to_dict())
    return 0


def _geodesign_text(design: GeoDesign, top: int) -> str:
    lines = [
        f"{design.metric}: smallest lift detected with {design.power:.0%} power at "
        f"{1 - design.alpha:.0%}"
        + (f" ({design.searched} market sets screened)" if design.searched else "")
    ]
    for rank, cell in enumerate(design.cells[:top], start=1):
        lines.append(
            f"  {rank:>2}. {', '.join(cell.treated)}; {cell.days} days: {cell.mde:.1%} "
            f"(share {cell.share:.1%}, fit R² {cell.pre_r2:.2f}, {cell.placebos} placebos)"
        )
    return "\n".join(lines)
