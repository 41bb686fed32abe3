"""Widgets that choose what to measure: the campaign source (the campaign column or a campaign
table), a campaign or a window defined by hand, and the segment; all kept in the URL."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.lift.reports import CampaignReport
from analytics.summary import date_span, dimension_values
from analytics.workspace import DatasetInfo
from ui.chrome import PageContext
from ui.failures import failure_text
from ui.i18n import t
from ui.lift.campaigns import (
    campaign_table_of,
    campaign_tables,
    campaigns,
    report,
    where_json,
    window_report,
)
from ui.safe import md
from ui.url import mirror_to_url, seed_from_url, widget_for
from ui.workspace import dataset_name

MODES = ("campaign", "window")
DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Window:
    """A window and segment defined by hand."""

    start: str
    end: str
    where: dict[str, tuple[str, ...]]


def table_picker(ctx: PageContext, info: DatasetInfo) -> DatasetInfo | None:
    """The campaign source: the dataset's own campaign column, or a campaign table of the
    workspace (URL key ``ctable``). Without a campaign column the default is the first table
    that reads against this dataset (a table of another shop's regions would only be an error)."""
    tables = {other.id: other for other in campaign_tables(ctx.workspace, info)}
    if not tables:
        return None
    options = ["", *tables]
    default = "" if info.mapping.columns("campaign") else _first_fitting(info, tables)
    seed_from_url("ctable", options)
    if st.session_state.get("ctable") not in options:
        st.session_state["ctable"] = default
    if not ctx.presenter:
        st.selectbox(
            t("lft_source"),
            options,
            format_func={
                "": t("lft_source_column"),
                **{key: dataset_name(info) for key, info in tables.items()},
            }.get,
            help=t("lft_source_help"),
            **widget_for("ctable"),
        )
    chosen = st.session_state["ctable"]
    mirror_to_url("ctable", chosen, default)
    return tables.get(chosen)


def _first_fitting(info: DatasetInfo, tables: dict[str, DatasetInfo]) -> str:
    for key, table in tables.items():
        if not isinstance(campaign_table_of(info, table), Failure):
            return key
    return ""


def mode_picker(presenter: bool) -> str:
    """Measure a campaign, or a window defined by hand (URL key ``mode``)."""
    seed_from_url("mode", MODES)
    st.session_state.setdefault("mode", MODES[0])
    if presenter:
        mode = st.session_state["mode"]
    else:
        mode = st.segmented_control(
            t("lft_mode"),
            MODES,
            format_func=lambda key: t(f"lft_mode_{key}"),
            required=True,
            key="mode",
        )
    mirror_to_url("mode", mode, MODES[0])
    return mode


def window_inputs(
    dates: tuple[pd.Timestamp, pd.Timestamp],
    dimensions: dict[str, list[str]],
    presenter: bool,
) -> Window:
    """Start and end dates within the data, and one multiselect per dimension (empty = all);
    URL keys ``start``, ``end`` and ``where``."""
    first, last = dates[0].date(), dates[1].date()
    earliest = first + dt.timedelta(days=1)
    default_end = last
    default_start = max(earliest, last - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1))
    for key, url_key, default in (
        ("lft_start", "start", default_start),
        ("lft_end", "end", default_end),
    ):
        asked = _seed_date(key, url_key, default, earliest, last)
        if asked is not None:
            st.warning(
                t(
                    "lft_link_date_moved",
                    asked=md(asked),
                    used=st.session_state[key].isoformat(),
                    first=earliest.isoformat(),
                    last=last.isoformat(),
                )
            )
    _seed_where(dimensions)
    if presenter:
        start, end = st.session_state["lft_start"], st.session_state["lft_end"]
        where = {c: tuple(st.session_state.get(f"lft_where_{c}", [])) for c in dimensions}
    else:
        left, right = st.columns(2)
        start = left.date_input(t("lft_start"), min_value=earliest, max_value=last, key="lft_start")
        end = right.date_input(t("lft_end"), min_value=earliest, max_value=last, key="lft_end")
        where = _segment_inputs(dimensions)
    where = {column: values for column, values in where.items() if values}
    mirror_to_url("start", start.isoformat(), default_start.isoformat(), state=["lft_start"])
    mirror_to_url("end", end.isoformat(), default_end.isoformat(), state=["lft_end"])
    where_keys = [f"lft_where_{column}" for column in dimensions]
    mirror_to_url("where", where_json(where), where_json({}), state=where_keys)
    return Window(start.isoformat(), end.isoformat(), where)


def _segment_inputs(dimensions: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    if not dimensions:
        return {}
    columns = st.columns(min(len(dimensions), 3))
    where = {}
    for i, (column, values) in enumerate(dimensions.items()):
        chosen = columns[i % len(columns)].multiselect(
            t("lft_segment", column=md(column)),
            values,
            placeholder=t("lft_segment_all"),
            key=f"lft_where_{column}",
        )
        where[column] = tuple(chosen)
    return where


def _seed_date(key: str, url_key: str, default: dt.date, low: dt.date, high: dt.date) -> str | None:
    """The date from the URL when the session has none (moved into the data's range), else the
    default. Returns the link's text when it was not used as given (for a warning)."""
    if key in st.session_state:
        return None
    asked = st.query_params.get(url_key)
    try:
        wanted = dt.date.fromisoformat(asked or "")
    except ValueError:
        wanted = default
    st.session_state[key] = min(max(wanted, low), high)
    if asked and st.session_state[key].isoformat() != asked:
        return asked
    return None


def _swap_dates() -> None:
    st.session_state["lft_start"], st.session_state["lft_end"] = (
        st.session_state["lft_end"],
        st.session_state["lft_start"],
    )


def _seed_where(dimensions: dict[str, list[str]]) -> None:
    """Multiselect values from the URL's ``where`` JSON, keeping only known values."""
    if any(f"lft_where_{column}" in st.session_state for column in dimensions):
        return
    try:
        wanted = json.loads(st.query_params.get("where", "") or "{}")
    except json.JSONDecodeError:
        wanted = {}
    if not isinstance(wanted, dict):
        return
    for column, values in dimensions.items():
        chosen = wanted.get(column)
        if isinstance(chosen, list):
            st.session_state[f"lft_where_{column}"] = [v for v in chosen if v in values]


def mode_caption(window: Window) -> str:
    """The window and segment as one line of text (names escaped)."""
    segment = "; ".join(f"{c}: {', '.join(v)}" for c, v in window.where.items())
    return t("lft_window_caption", start=window.start, end=window.end) + (
        f" · {md(segment)}" if segment else ""
    )


@dataclass(frozen=True)
class Choice:
    """What the page measures: the report (or why it failed), the segment, and the same target
    as keyword arguments for the checks."""

    result: CampaignReport | Failure
    segment: dict[str, tuple[str, ...]]
    target: dict[str, object]


def campaign_choice(
    info: DatasetInfo, metric: str, margin: float | None, table: DatasetInfo | None
) -> Choice:
    """Pick a campaign (URL key ``campaign``) and measure it; stops the page when none exist."""
    found = campaigns(info, table)
    if isinstance(found, Failure):
        st.error(t("lift_error", reason=failure_text(found)))
        st.stop()
    if not found:
        st.info(t("no_campaigns") + " " + t("lft_try_window"))
        st.stop()
    names = [c.name for c in found]
    asked = seed_from_url("campaign", names)
    name = st.selectbox(t("campaign_label"), names, key="campaign")
    if asked:
        st.warning(t("lft_link_campaign_unknown", asked=md(asked), opened=md(name)))
    mirror_to_url("campaign", name)
    with st.spinner(t("measuring", name=name, done=1, total=1)):
        result = report(info, metric, name, margin, table)
    segment = next(c.segment for c in found if c.name == name)
    return Choice(result, segment, {"campaign": name})


def window_choice(
    ctx: PageContext,
    info: DatasetInfo,
    frame: pd.DataFrame,
    metric: str,
    margin: float | None,
    table: DatasetInfo | None,
) -> Choice:
    """Define a window and segment by hand and measure it."""
    window = window_inputs(
        date_span(frame, info.mapping), dimension_values(frame, info.mapping), ctx.presenter
    )
    st.markdown(mode_caption(window))
    if window.end < window.start:
        st.error(t("lft_window_reversed", start=window.start, end=window.end))
        if not ctx.presenter:
            st.button(t("lft_swap_dates"), on_click=_swap_dates, key="lft_swap")
        st.stop()
    with st.spinner(t("lft_measuring_window")):
        result = window_report(info, metric, window.start, window.end, window.where, margin, table)
    target = {"start": window.start, "end": window.end, "where": window.where}
    return Choice(result, window.where, target)
