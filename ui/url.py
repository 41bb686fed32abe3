"""Choices identified by a code (dataset id, language) mirrored in the URL query string.

Streamlit's ``bind="query-params"`` writes an option's display label into the URL; for options
shown by name (datasets, languages) the link must hold the stable code instead.
"""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st


def seed_from_url(key: str, valid: Collection[str]) -> str | None:
    """Before the widget is drawn: keep the session's value, else adopt a valid one from the URL.

    Returns the URL's value when it was there but not valid (for a notice), else None.
    """
    if st.session_state.get(key) in valid:
        return None
    st.session_state.pop(key, None)
    wanted = st.query_params.get(key)
    if wanted in valid:
        st.session_state[key] = wanted
        return None
    return wanted


def mirror_to_url(
    key: str, value: str | list[str] | None, default: str | list[str] | None = None
) -> None:
    """After the widget: the URL shows the value (defaults are left out to keep links short).
    A list becomes a repeated parameter: names from a file may hold any character, so they are
    not joined."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
        return
    shown = st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)
    if shown != value:
        st.query_params[key] = value


def widget_for(key: str) -> dict[str, object]:
    """Keyword arguments tying a widget to the persistent session value ``key``.

    Widget state is dropped when the user switches pages, so the widget gets its own key, is
    seeded from the persistent value on every run, and copies changes back to it.
    """
    widget_key = f"_w_{key}"
    if key in st.session_state:
        st.session_state[widget_key] = st.session_state[key]
    return {"key": widget_key, "on_change": _copy, "args": (widget_key, key)}


def _copy(source: str, target: str) -> None:
    st.session_state[target] = st.session_state.get(source)
