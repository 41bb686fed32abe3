"""`customers`, `retention` and `propensity`: RFM segments and lifetime value from an order log;
what campaigns do to retention; who is likely to buy, from a customer table."""

from __future__ import annotations

import argparse
from functools import partial
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import (
    add_currency_argument,
    add_file_arguments,
    load_dataset,
    parse_number,
    split_names,
    text_currency,
)
from analytics.cli.output import emit, select_fields
from analytics.formatting import amount, percent, plain, points

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.customers.analysis import CustomersResult
    from analytics.customers.propensity import PropensityResult
    from analytics.customers.retention import RetentionResult

# The JSON interfaces the issue spells out, field for field (the results hold more).
CUSTOMERS_FIELDS = ("customers", "transactions", "rfm", "bgnbd", "gamma_gamma", "holdout")
RFM_FIELDS = ("segment", "customers", "revenue_share")
BGNBD_FIELDS = ("r", "alpha", "a", "b")
GAMMA_GAMMA_FIELDS = ("p", "q", "v")
HOLDOUT_FIELDS = ("predicted_purchases", "actual_purchases")
PROPENSITY_FIELDS = (
    "target",
    "rows",
    "positive_rate",
    "models",
    "best",
    "importance",
    "gains",
)
PROPENSITY_MODEL_FIELDS = ("name", "auc", "average_precision", "precision", "recall", "f1")
IMPORTANCE_FIELDS = ("feature", "mean_abs_shap")
GAINS_FIELDS = ("top_share", "captured_share")


def add_parsers(commands: Commands) -> None:
    customers = commands.add_parser(
        "customers", help="RFM segments, BG/NBD + Gamma-Gamma lifetime value of an order log"
    )
    _log_arguments(customers)
    customers.add_argument(
        "--calibration-end",
        help="fit on purchases up to DATE and check the predictions on the purchases after it",
    )
    add_currency_argument(customers)
    customers.set_defaults(handler=_customers)

    retention = commands.add_parser(
        "retention",
        help="customers first acquired during campaigns against the others; existing customers "
        "who bought with a campaign against matched ones",
    )
    _log_arguments(retention)
    retention.add_argument(
        "--campaign",
        help="column naming each order's campaign (default: the column read as a campaign; "
        "without one, a discount on the first order marks campaign customers)",
    )
    retention.add_argument(
        "--days", default="90", help="days before and after a campaign for existing customers"
    )
    add_currency_argument(retention)
    retention.set_defaults(handler=_retention)

    propensity = commands.add_parser(
        "propensity", help="who is likely to respond or buy: classifiers scored by K-fold"
    )
    add_file_arguments(propensity)
    propensity.add_argument("--target", required=True, help="0/1 outcome column")
    propensity.add_argument("--features", help="C1,C2,... (default: every other usable column)")
    propensity.add_argument(
        "--threshold", default="0.5", help="score above which a row counts as a predicted buyer"
    )
    propensity.add_argument("--folds", default="5", help="stratified folds (default 5)")
    propensity.set_defaults(handler=_propensity)


def _log_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_arguments(parser)
    parser.add_argument("--customer", required=True, help="customer id column")
    parser.add_argument("--date", required=True, help="order date column")
    parser.add_argument("--amount", required=True, help="order value column")
    parser.add_argument("--discount", help="discount amount column (optional)")
    parser.add_argument("--horizon", default="52", help="CLV horizon in weeks (default 52)")
    parser.add_argument(
        "--discount-rate", default="0.1", help="yearly discount rate of future value (default 0.1)"
    )


def _log_settings(args: argparse.Namespace):
    """The log's columns and the value settings from the shared arguments."""
    from analytics.customers.log import LogColumns
    from analytics.customers.value import ValueSettings

    settings = ValueSettings(
        horizon_weeks=parse_number(args.horizon, "--horizon", minimum=1),
        annual_discount=parse_number(args.discount_rate, "--discount-rate", minimum=0),
    )
    return LogColumns(args.customer, args.date, args.amount, args.discount), settings


def _customers(args: argparse.Namespace) -> int:
    from analytics.customers.analysis import analyse_customers

    dataset = load_dataset(args)
    columns, settings = _log_settings(args)
    result = analyse_customers(dataset.frame, columns, args.calibration_end, settings)
    currency = text_currency(args, dataset)
    emit(result, args.json, lambda r: _customers_text(r, currency), _customers_json)
    return 0


def _retention(args: argparse.Namespace) -> int:
    from analytics.customers.analysis import analyse_customers
    from analytics.customers.retention import analyse_retention
    from analytics.ingest.roles import CAMPAIGN

    dataset = load_dataset(args)
    columns, settings = _log_settings(args)
    campaigns = dataset.mapping.columns(CAMPAIGN)
    campaign = args.campaign or (campaigns[0] if campaigns else None)
    days = int(parse_number(args.days, "--days", minimum=1))
    values = analyse_customers(dataset.frame, columns, None, settings).table
    result = analyse_retention(dataset.frame, columns, campaign, values, days)
    currency = text_currency(args, dataset)
    emit(result, args.json, lambda r: _retention_text(r, currency), lambda r: r.to_dict())
    return 0


def _retention_text(result: RetentionResult, currency: str | None = None) -> str:
    """The cohorts in words; customer value with ``currency``'s symbol."""
    money = partial(amount, currency=currency, signed=True)
    if result.campaign_column:
        source = f"campaign windows from column {result.campaign_column!r}: " + ", ".join(
            f"{c.name} {c.start.date()} to {c.end.date()}" for c in result.campaigns
        )
    else:
        source = "no campaign column: a discount on the first order marks campaign customers"
    lines = [
        source,
        f"{result.campaign_customers:,} customers first acquired during a campaign, "
        f"{result.outside_customers:,} outside; data to {result.last_day}",
        "bought again within (campaign / outside / difference in points, 95% interval):",
    ]
    lines += [
        f"  {g.day:>3} days  {percent(g.campaign_share)} / {percent(g.outside_share)} / "
        f"{points(g.difference)} ({points(g.low)} to {points(g.high)})"
        for g in result.gaps
    ]
    clv = result.value_gap("clv")
    if clv is not None:
        verdicts = {"less": "worth less", "more": "worth more"}
        lines.append(
            f"mean CLV of campaign customers {percent(clv.relative, 0, signed=True)} "
            f"(difference {money(clv.mean_difference)}, 95% "
            f"{money(clv.mean_ci[0])} to {money(clv.mean_ci[1])}): "
            + verdicts.get(clv.verdict, "no detectable difference")
        )
    m = result.matched
    if m is None:
        lines.append(f"existing customers: no comparison ({result.matched_reason})")
    else:
        lines.append(
            f"existing customers who bought with a campaign ({m.reached:,}; "
            f"{', '.join(m.campaigns)}): {plain(m.effect, 2, signed=True)} purchase days in the "
            f"{m.period_days} days after against matched ones (95% "
            f"{plain(m.ci[0], 2, signed=True)} to {plain(m.ci[1], 2, signed=True)})"
            + ("" if m.detected else ": no detectable change")
        )
    return "\n".join(lines)


def _customers_json(result: CustomersResult) -> dict[str, Any]:
    data = result.to_dict()
    data["rfm"] = [select_fields(s, RFM_FIELDS) for s in data["rfm"]]
    data["bgnbd"] = select_fields(data["bgnbd"], BGNBD_FIELDS)
    data["gamma_gamma"] = select_fields(data["gamma_gamma"], GAMMA_GAMMA_FIELDS)
    if data["holdout"] is not None:
        data["holdout"] = select_fields(data["holdout"], HOLDOUT_FIELDS)
    return select_fields(data, CUSTOMERS_FIELDS)


def _customers_text(result: CustomersResult, currency: str | None = None) -> str:
    """The analysis in words; customer value with ``currency``'s symbol."""
    fit, spend = result.bgnbd, result.gamma_gamma
    lines = [
        f"{result.customers:,} customers, {result.transactions:,} transactions "
        f"({result.purchases:,} customer-days) from {result.first_day} to {result.last_day}; "
        f"models as of {result.as_of}, time in weeks",
        "RFM segments (customers, share of revenue):",
    ]
    lines += [
        f"  {s.segment:<16} {s.customers:>8,}  {s.revenue_share:6.1%}" for s in result.rfm.segments
    ]
    lines.append(
        "BG/NBD: " + _params(fit.params, fit.std_errors) + f" on {fit.customers:,} customers"
    )
    lines.append(
        "Gamma-Gamma: "
        + _params(spend.params, spend.std_errors)
        + f" on {spend.customers:,} repeat customers"
    )
    settings = result.value_settings
    lines.append(
        f"CLV over {settings.horizon_weeks:g} weeks at {settings.annual_discount:.0%} a year: "
        f"{amount(result.total_clv, currency)} in total, "
        f"mean P(alive) {result.table['p_alive'].mean():.2f}"
    )
    if result.holdout is not None:
        check = result.holdout
        lines.append(
            f"holdout {check.calibration_end} to {check.holdout_end} ({check.holdout_weeks:.1f} "
            f"weeks): predicted {check.predicted_purchases:,.0f} purchases, "
            f"actual {check.actual_purchases:,.0f}"
        )
    return "\n".join(lines)


def _params(params: dict[str, float], errors: dict[str, float]) -> str:
    return ", ".join(
        f"{name} {plain(value, 4)} (se {plain(errors[name], 2)})" for name, value in params.items()
    )


def _propensity(args: argparse.Namespace) -> int:
    from analytics.customers.propensity import PropensitySettings, score_propensity

    dataset = load_dataset(args)
    settings = PropensitySettings(
        target=args.target,
        features=split_names(args.features) if args.features else None,
        threshold=parse_number(args.threshold, "--threshold", minimum=0),
        folds=int(parse_number(args.folds, "--folds", minimum=2)),
    )
    result = score_propensity(dataset.frame, dataset.mapping, settings)
    emit(result, args.json, _propensity_text, _propensity_json)
    return 0


def _propensity_json(result: PropensityResult) -> dict[str, Any]:
    data = result.to_dict()
    data["models"] = [select_fields(m, PROPENSITY_MODEL_FIELDS) for m in data["models"]]
    data["importance"] = [select_fields(i, IMPORTANCE_FIELDS) for i in data["importance"]]
    data["gains"] = [select_fields(g, GAINS_FIELDS) for g in data["gains"]]
    return select_fields(data, PROPENSITY_FIELDS)


def _propensity_text(result: PropensityResult) -> str:
    lines = [
        f"{result.target}: {result.rows:,} rows, {result.positive_rate:.1%} positive, "
        f"{len(result.features)} features, {result.folds} stratified folds, "
        f"threshold {plain(result.threshold)}",
    ]
    lines += [
        f"  {m.name:<20} AUC {m.auc:.3f}  AP {m.average_precision:.3f}  precision "
        f"{m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}"
        for m in result.models
    ]
    lines.append(f"best: {result.best}; mean |SHAP| (log-odds):")
    lines += [f"  {i.feature:<28} {plain(i.mean_abs_shap, 4)}" for i in result.importance[:15]]
    lines.append(
        "gains: "
        + ", ".join(f"top {g.top_share:.0%} → {g.captured_share:.0%}" for g in result.gains)
    )
    return "\n".join(lines)
