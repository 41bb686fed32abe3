"""`order`: how much stock to order now, by the newsvendor rule on the forecast of demand over
the lead time plus the review period."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import add_file_arguments, load_dataset, parse_number, parse_where
from analytics.cli.output import emit

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.forecast.order import OrderPlan

# The JSON interface the issue spells out, in this order (more fields follow).
ORDER_FIELDS: tuple[str, ...] = (
    "critical_ratio",
    "order_up_to",
    "order_quantity",
    "stockout_probability",
    "expected_leftover",
)


def add_parsers(commands: Commands) -> None:
    order_cmd = commands.add_parser(
        "order", help="quantity to order now (newsvendor on the forecast over lead time + review)"
    )
    add_file_arguments(order_cmd)
    order_cmd.add_argument("--metric", required=True, help="units column, e.g. units")
    order_cmd.add_argument("--lead-time", required=True, metavar="DAYS", help="days to delivery")
    order_cmd.add_argument(
        "--review", required=True, metavar="DAYS", help="days until the next order"
    )
    order_cmd.add_argument("--price", required=True, metavar="P", help="selling price per unit")
    order_cmd.add_argument("--unit-cost", required=True, metavar="C", help="cost per unit")
    order_cmd.add_argument(
        "--salvage", default="0", metavar="S", help="value of a unit left over (default 0)"
    )
    order_cmd.add_argument("--stock", default="0", metavar="N", help="stock on hand (default 0)")
    order_cmd.add_argument(
        "--on-order", default="0", metavar="N", help="stock ordered, not yet arrived (default 0)"
    )
    order_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; repeat for several values or columns",
    )
    order_cmd.set_defaults(handler=_order)


def _order(args: argparse.Namespace) -> int:
    # Imported here: the forecast loads statsmodels (seconds), which `inspect` does not need.
    from analytics.forecast.order import OrderCosts, order_for_metric

    costs = OrderCosts(
        parse_number(args.price, "--price", minimum=0),
        parse_number(args.unit_cost, "--unit-cost", minimum=0),
        parse_number(args.salvage, "--salvage", minimum=0),
    )
    lead = parse_number(args.lead_time, "--lead-time", minimum=0)
    review = parse_number(args.review, "--review", minimum=0)
    on_hand = parse_number(args.stock, "--stock", minimum=0)
    on_order = parse_number(args.on_order, "--on-order", minimum=0)
    dataset = load_dataset(args)
    plan, warnings = order_for_metric(
        dataset.frame,
        dataset.mapping,
        args.metric,
        parse_where(args.where),
        costs,
        (lead, review),
        (on_hand, on_order),
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    emit((plan, warnings), args.json, _order_text, _order_json)
    return 0


def _order_json(found: tuple[OrderPlan, tuple[str, ...]]) -> dict[str, Any]:
    plan, warnings = found
    data = plan.to_dict()
    first = {key: data.pop(key) for key in ORDER_FIELDS}
    return {**first, **data, "warnings": list(warnings)}


def _order_text(found: tuple[OrderPlan, tuple[str, ...]]) -> str:
    plan = found[0]
    cover = plan.lead_time_days + plan.review_days
    return "\n".join(
        [
            f"order now: {plan.order_quantity:,.0f} units (order up to {plan.order_up_to:,.0f}; "
            f"stock on hand {plan.stock_on_hand:,.0f}, on order {plan.stock_on_order:,.0f})",
            f"critical ratio {plan.critical_ratio:.3f}: (price − unit cost) / (price − salvage)",
            f"demand over {cover:g} days (lead time + review): mean {plan.demand_mean:,.0f}, "
            f"sd {plan.demand_sd:,.0f} (the daily bands summed as if independent: "
            f"{plan.independent_sd:,.0f}; calibrated on {plan.backtest_windows} backtest windows "
            f"from {plan.backtest_origins} cut-offs)",
            f"stock-out probability {plan.stockout_probability:.1%}; expected leftover "
            f"{plan.expected_leftover:,.0f} units, expected shortage {plan.expected_shortage:,.0f}",
        ]
    )
