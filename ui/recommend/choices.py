"""Which columns of the dataset are the order, item, customer, date and quantity: defaults from
the roles, changed in an expander (the presenter sees the defaults)."""

from __future__ import annotations

import re

import streamlit as st

from analytics.ingest.roles import CUSTOMER, DATE, DIMENSION, ITEM, METRIC, ORDER
from analytics.recommend.lines import LogColumns
from analytics.workspace import DatasetInfo
from ui.i18n import t

_QUANTITY = re.compile(r"qty|quantity|units|数量|件数|销量", re.IGNORECASE)
_ROLES = ("order", "item", "customer", "date", "quantity")


def default_columns(info: DatasetInfo) -> dict[str, str | None] | None:
    """The columns the roles suggest, or None when the dataset is not an order-line log."""
    mapping = info.mapping
    items = mapping.columns(ITEM) or mapping.columns(DIMENSION)
    keys = mapping.columns(ORDER) + mapping.columns(CUSTOMER)
    if (not mapping.columns(ITEM) and not keys) or not items:
        return None
    quantities = [c for c in mapping.columns(METRIC) if _QUANTITY.search(c)]
    return {
        "order": _first(mapping.columns(ORDER)),
        "item": items[0],
        "customer": _first(mapping.columns(CUSTOMER)),
        "date": _first(mapping.columns(DATE)),
        "quantity": _first(quantities),
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
        cells = st.columns(len(_ROLES))
        for cell, role in zip(cells, _ROLES, strict=True):
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
