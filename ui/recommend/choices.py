"""Which columns of the dataset are the order, item, customer, date, quantity, line amount and
unit price: defaults from the roles, changed in an expander (the presenter sees the defaults)."""

from __future__ import annotations

import re

import streamlit as st

from analytics.ingest.roles import CUSTOMER, DATE, DIMENSION, ITEM, METRIC, ORDER, PRICE
from analytics.recommend.lines import LogColumns
from analytics.workspace import DatasetInfo
from ui.i18n import t

_QUANTITY = re.compile(r"qty|quantity|units|数量|件数|销量", re.IGNORECASE)
_AMOUNT = re.compile(
    r"amount|revenue|sales|total|value|paid|金额|销售额|收入|总价|实付", re.IGNORECASE
)
_ROLES = ("order", "item", "customer", "date", "quantity", "amount", "price")
_PER_ROW = 4  # selectboxes side by side in the expander


def default_columns(info: DatasetInfo) -> dict[str, str | None] | None:
    """The columns the roles suggest, or None when the dataset is not an order-line log."""
    mapping = info.mapping
    items = mapping.columns(ITEM) or mapping.columns(DIMENSION)
    keys = mapping.columns(ORDER) + mapping.columns(CUSTOMER)
    if (not mapping.columns(ITEM) and not keys) or not items:
        return None
    metrics = mapping.columns(METRIC)
    quantities = [c for c in metrics if _QUANTITY.search(c)]
    amounts = [c for c in metrics if _AMOUNT.search(c) and c not in quantities]
    return {
        "order": _first(mapping.columns(ORDER)),
        "item": items[0],
        "customer": _first(mapping.columns(CUSTOMER)),
        "date": _first(mapping.columns(DATE)),
        "quantity": _first(quantities),
        "amount": _first(amounts),
        "price": _first(mapping.columns(PRICE)),
    }


def choose_columns(info: DatasetInfo, presenter: bool) -> LogColumns | None:
    """The user's columns (defaults from the roles), or None for a dataset of another kind."""
    defaults = default_columns(info)
    if defaults is None:
        return None
    if presenter:
        return LogColumns(**defaults)
    names = list(info.mapping.roles)
    chosen: dict[str, str | None] = {}
    with st.expander(t("rec_columns")):
        cells = [cell for _ in range(0, len(_ROLES), _PER_ROW) for cell in st.columns(_PER_ROW)]
        for cell, role in zip(cells, _ROLES, strict=False):
            optional = role != "item"
            options = ([None] if optional else []) + names
            default = defaults[role]
            chosen[role] = cell.selectbox(
                t(f"rec_col_{role}"),
                options,
                index=options.index(default) if default in options else 0,
                format_func=lambda name: t("rec_none") if name is None else name,
                key=f"rec_col_{role}_{info.id}",
            )
    return LogColumns(**chosen)


def _first(names: list[str]) -> str | None:
    return names[0] if names else None
