"""`basket` and `recommend`: association rules of an order-line log, and next-item recommenders
evaluated on a time split."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import pandas as pd

from analytics.cli.arguments import add_file_arguments, load_dataset
from analytics.cli.output import emit, select_fields
from analytics.errors import UserInputError
from analytics.formatting import plain, ratio
from analytics.recommend.lines import Dropped, LogColumns, clean_lines

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.recommend.evaluation import Evaluation
    from analytics.recommend.rules import BasketResult

# The JSON interfaces the issue spells out, field for field (the results hold more).
BASKET_FIELDS: tuple[str, ...] = ("orders", "items", "rules")
RULE_FIELDS: tuple[str, ...] = ("antecedent", "consequent", "support", "confidence", "lift")
RECOMMEND_FIELDS: tuple[str, ...] = ("k", "cutoff", "users_evaluated", "methods", "best")
METHOD_FIELDS: tuple[str, ...] = ("name", "recall_at_k", "precision_at_k")
TEXT_RULES = 20


def add_parsers(commands: Commands) -> None:
    basket = commands.add_parser("basket", help="association rules: what sells together")
    add_file_arguments(basket)
    basket.add_argument("--order", required=True, help="order (invoice) column")
    basket.add_argument("--item", required=True, help="item (product, SKU) column")
    basket.add_argument("--min-support", type=float, default=0.01, help="share of orders")
    basket.add_argument("--min-confidence", type=float, default=0.25)
    basket.add_argument("--quantity", help="quantity column: negative lines (returns) left out")
    basket.set_defaults(handler=_basket)

    recommend = commands.add_parser(
        "recommend", help="next items per customer: methods evaluated on a time split"
    )
    add_file_arguments(recommend)
    recommend.add_argument("--customer", required=True, help="customer column")
    recommend.add_argument("--item", required=True, help="item (product, SKU) column")
    recommend.add_argument("--date", required=True, help="order date column")
    recommend.add_argument("--cutoff", required=True, help="train before this date, test from it")
    recommend.add_argument("--k", type=int, default=10, help="recommendations per customer")
    recommend.add_argument("--order", help="order column: cancelled invoices (C...) left out")
    recommend.add_argument("--quantity", help="quantity column: negative lines (returns) left out")
    recommend.set_defaults(handler=_recommend)


def _basket(args: argparse.Namespace) -> int:
    from analytics.recommend.rules import basket_rules

    dataset = load_dataset(args)
    columns = LogColumns(item=args.item, order=args.order, quantity=args.quantity)
    result = basket_rules(
        clean_lines(dataset.frame, columns), args.min_support, args.min_confidence
    )
    emit(result, args.json, _basket_text, _basket_json)
    return 0


def _basket_json(result: BasketResult) -> dict[str, Any]:
    return _interface(result.to_dict(), BASKET_FIELDS, "rules", RULE_FIELDS)


def _interface(
    data: dict[str, Any], fields: tuple[str, ...], listed: str, listed_fields: tuple[str, ...]
) -> dict[str, Any]:
    """The fields of the interface, and of each entry of its list ``listed``."""
    chosen = select_fields(data, fields)
    chosen[listed] = [select_fields(entry, listed_fields) for entry in chosen[listed]]
    return chosen


def _with_note(lines: list[str], dropped: Dropped) -> str:
    note = dropped.note()
    return "\n".join(lines + ([f"note: {note}"] if note else []))


def _basket_text(result: BasketResult) -> str:
    lines = [
        f"{result.orders:,} orders, {result.items:,} items; {len(result.rules):,} rules with "
        f"support >= {plain(result.min_support)} and confidence >= {plain(result.min_confidence)}"
    ]
    lines += [
        f"{', '.join(r.antecedent)} -> {', '.join(r.consequent)}: lift {ratio(r.lift)}, "
        f"confidence {r.confidence:.0%}, support {r.support:.2%}"
        for r in result.rules[:TEXT_RULES]
    ]
    if len(result.rules) > TEXT_RULES:
        lines.append(f"... {len(result.rules) - TEXT_RULES:,} more (--json for all)")
    return _with_note(lines, result.dropped)


def _recommend(args: argparse.Namespace) -> int:
    from analytics.recommend.evaluation import evaluate

    dataset = load_dataset(args)
    columns = LogColumns(
        item=args.item,
        order=args.order,
        customer=args.customer,
        date=args.date,
        quantity=args.quantity,
    )
    result = evaluate(clean_lines(dataset.frame, columns), parse_cutoff(args.cutoff), args.k)
    emit(result, args.json, _recommend_text, _recommend_json)
    return 0


def parse_cutoff(text: str) -> pd.Timestamp:
    """A --cutoff date such as 2024-10-01."""
    try:
        cutoff = pd.Timestamp(text)
    except ValueError:
        cutoff = pd.NaT
    if pd.isna(cutoff):
        raise UserInputError(
            f"--cutoff {text!r} is not a date; write it as YYYY-MM-DD.",
            code="rec_bad_cutoff",
            value=text,
        )
    return cutoff


def _recommend_json(result: Evaluation) -> dict[str, Any]:
    return _interface(result.to_dict(), RECOMMEND_FIELDS, "methods", METHOD_FIELDS)


def _recommend_text(result: Evaluation) -> str:
    lines = [
        f"trained before {result.cutoff} ({result.train_lines:,} lines), tested from it "
        f"({result.test_lines:,} lines) on {result.users_evaluated:,} customers who bought "
        "something new",
        f"method       recall@{result.k}  precision@{result.k}",
    ]
    lines += [
        f"{m.name:<12} {m.recall_at_k:>9.3f}  {m.precision_at_k:>12.3f}" for m in result.methods
    ]
    lines.append(f"best: {result.best}")
    return _with_note(lines, result.dropped)
