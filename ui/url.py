"""Choices identified by a code (dataset id, language) mirrored in the URL query string.

Streamlit's ``bind="query-params"`` writes an option's display label into the URL; for options
shown by name (datasets, languages) the link must hold the stable code instead.

A choice the user makes changes the URL (``mirror_to_url``), one browser history entry each.
When the URL changes under the page instead (Back, Forward, a link opened in the same tab),
``follow_history`` lets the URL win: the session's copies of the keys that changed are
forgotten before any widget is drawn, so each page seeds them from the URL as on a first visit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import streamlit as st

_LAST = "_url_last"  # (page, query) as the last run left the URL
_STATE = "_url_state"  # URL key -> the session keys holding its choice


def follow_history(page: str) -> None:
    """Call before any widget (``page_setup`` does). When the URL is not what the last run
    left it (Back, Forward, an edited link), forget the session's copies of every key that
    changed, so the URL's value is used; a key gone from the URL returns to its default. On
    another page only the keys its URL holds count: a page switch keeps the other choices."""
    now = _query()
    last_page, last = st.session_state.get(_LAST, (page, now))
    changed = {key for key in now.keys() | last.keys() if now.get(key) != last.get(key)}
    if last_page != page:
        changed &= now.keys()
    held = st.session_state.get(_STATE, {})
    for key in changed:
        for state_key in held.get(key, (key,)):
            st.session_state.pop(state_key, None)
            st.session_state.pop(f"_w_{state_key}", None)
    st.session_state[_LAST] = (page, now)


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _remember(key: str, state: Iterable[str] | None) -> None:
    """Which session keys hold ``key``'s choice, and the URL as this run leaves it."""
    st.session_state.setdefault(_STATE, {})[key] = tuple(state) if state is not None else (key,)
    page, _ = st.session_state.get(_LAST, ("", {}))
    st.session_state[_LAST] = (page, _query())


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
    key: str,
    value: str | list[str] | None,
    default: str | list[str] | None = None,
    *,
    state: Iterable[str] | None = None,
) -> None:
    """After the widget: the URL shows the value (defaults are left out to keep links short).
    A list becomes a repeated parameter: names from a file may hold any character, so they are
    not joined. ``state``: the session keys holding the choice, when not ``key`` itself (what
    ``follow_history`` forgets when the URL changes under the page)."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    else:
        shown = (
            st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)
        )
        if shown != value:
            st.query_params[key] = value
    _remember(key, state)


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
