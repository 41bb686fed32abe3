"""The Planner page's choices, kept in the URL: the outcome, the section, numbers, and the one
margin the planner uses for every channel."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import streamlit as st

from analytics.ingest.roles import METRIC, SPEND
from analytics.lift.roi import resolve_margin
from analytics.workspace import DatasetInfo
from ui.i18n import t
from ui.settings import margin_setting
from ui.url import mirror_to_url, seed_from_url
from ui.workspace import load_frame

SECTIONS = ("curves", "budget", "whatif", "discount", "track", "timing")


def planner_possible(info: DatasetInfo) -> bool:
    return bool(info.mapping.date_column and info.mapping.columns(SPEND) and outcome_options(info))


def outcome_options(info: DatasetInfo) -> list[str]:
    frame = load_frame(info)
    return [
        c
        for c in info.mapping.columns(METRIC)
        if c in frame.columns and pd.api.types.is_numeric_dtype(frame[c])
    ]


def planner_margin(info: DatasetInfo, presenter: bool) -> float:
    """The margin setting (shared with the Lift page); until a user sets one, the data's margin
    over all rows, else the default: the planner uses one margin for every channel."""
    frame = load_frame(info)
    setting = margin_setting(presenter, frame, info.mapping)
    return resolve_margin(frame, info.mapping, {}, setting)[0]


def choose(key: str, options: list[str], default: str, label: str, shown, presenter: bool) -> str:
    """A choice kept in the URL; in presenter mode the URL decides and no widget is drawn."""
    seed_from_url(key, options)
    st.session_state.setdefault(key, default)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    if presenter:
        value = st.session_state[key]
    else:
        value = st.selectbox(label, options, format_func=shown, key=key)
    mirror_to_url(key, value, default)
    return value


def choose_section(presenter: bool) -> str:
    """The section shown (navigation, so drawn in presenter mode too)."""
    seed_from_url("pl_view", SECTIONS)
    st.session_state.setdefault("pl_view", SECTIONS[0])
    value = st.segmented_control(
        t("plan_section"),
        SECTIONS,
        format_func=lambda s: t(f"plan_section_{s}"),
        required=True,
        key="pl_view",
    )
    value = value or SECTIONS[0]
    mirror_to_url("pl_view", value, SECTIONS[0])
    return value


def number_from_url(key: str, default: float, low: float, high: float) -> None:
    """Seed a number widget's session value from the URL (once), else the default."""
    if key in st.session_state:
        return
    try:
        value = float(st.query_params.get(key, default))
    except (TypeError, ValueError):
        value = default
    st.session_state[key] = min(max(value, low), high)


def mirror_number(key: str, value: float, default: float) -> None:
    mirror_to_url(key, f"{value:.15g}", f"{default:.15g}")


def json_object(text: str | None) -> dict[str, Any]:
    """A JSON object from a link, else an empty one."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def json_amount(value: Any) -> float | None:
    """A non-negative finite number from JSON, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None
