"""The page's numbers and cut-off kept across pages and in the link (a copied link reopens the
same thresholds); in presenter mode only the link and the last choices decide."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.forecast.link import link_number, seed_from_link
from ui.url import mirror_to_url, widget_for


def number_setting(
    cell,
    key: str,
    default: float,
    bounds: tuple[float, float],
    presenter: bool,
    **widget: object,
) -> float:
    """A number input between ``bounds`` whose value lives in the session and the link."""
    low, high = bounds
    integer = isinstance(default, int)

    def read(text: str) -> float | None:
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            return None
        return value if low <= value <= high else None

    seed_from_link(key, key, read, default)
    if not presenter:
        cell.number_input(min_value=low, max_value=high, **widget, **widget_for(key))
    value = st.session_state[key]
    mirror_to_url(key, link_number(value), link_number(default))
    return value


def date_setting(
    cell, key: str, param: str, default: str, presenter: bool, **widget: object
) -> str:
    """A date input (ISO in the link, ``default`` when the link holds none or no date)."""

    def read(text: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return None

    seed_from_link(key, param, read, dt.date.fromisoformat(default))
    if not presenter:
        cell.date_input(**widget, **widget_for(key))
    value = f"{st.session_state[key]:%Y-%m-%d}"
    mirror_to_url(param, value, default, state=[key])
    return value
