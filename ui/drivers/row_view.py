"""The Drivers page's one-row view: the row picker (a date and a segment, or in a table without
dates the row's number) kept in the URL, and the row's waterfall with its caption."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.drivers.design import DriverData
from analytics.drivers.explain import Waterfall
from analytics.drivers.results import DriversResult
from analytics.drivers.row_picker import default_row, find_row, numbered_row, row_label, segments
from analytics.formatting import plain
from ui.drivers import figures as charts
from ui.i18n import t
from ui.safe import chart_text, md
from ui.url import mirror_to_url

ROW_SEPARATOR = "|"


def picked_row(result: DriversResult, presenter: bool) -> int:
    """The waterfall's row: a date and a segment (``row=DATE|SEGMENT`` in the URL), or without
    dates the row's number (``row=NUMBER|SEGMENT``); at first the row the model predicts
    highest."""
    data = result.data
    fallback = default_row(result)
    if data.dated:
        row = _dated_row(data, fallback, presenter)
    else:
        row = _numbered_row(data, fallback, presenter)
    default_key = ROW_SEPARATOR.join(_row_key(data, fallback))
    mirror_to_url("row", ROW_SEPARATOR.join(_row_key(data, row)), default_key)
    return row


def _dated_row(data: DriverData, fallback: int, presenter: bool) -> int:
    all_segments = segments(data)
    dims = list(data.keys.columns[1:])
    _seed_row(data, all_segments, fallback)
    if not presenter:
        left, right = st.columns(2)
        dates = data.keys.iloc[:, 0]
        left.date_input(
            t("drv_row_date"),
            min_value=dates.min().date(),
            max_value=dates.max().date(),
            key="drv_day",
        )
        if dims:
            right.selectbox(
                t("drv_row_segment"),
                list(range(len(all_segments))),
                format_func=lambda i: " · ".join(v or "—" for v in all_segments[i]),
                key="drv_segment",
            )
    day = pd.Timestamp(st.session_state["drv_day"]).strftime("%Y-%m-%d")
    segment = all_segments[st.session_state.get("drv_segment", 0)]
    row = find_row(data, day, segment)
    if row is None:
        st.info(t("drv_row_missing", day=day, segment=md(" · ".join(segment))))
        row = fallback
    return row


def _numbered_row(data: DriverData, fallback: int, presenter: bool) -> int:
    """A table without dates: the row by its number in the table."""
    numbers = data.keys.iloc[:, 0]
    first, last = int(numbers.min()), int(numbers.max())
    chosen = st.session_state.get("drv_row_number")
    if not (isinstance(chosen, int) and first <= chosen <= last):
        wanted = st.query_params.get("row", "").split(ROW_SEPARATOR)
        linked = find_row(data, wanted[0], tuple(wanted[1:]))
        row = linked if linked is not None else fallback
        st.session_state["drv_row_number"] = int(numbers.iloc[row])
    if not presenter:
        st.number_input(
            t("drv_row_number"), min_value=first, max_value=last, step=1, key="drv_row_number"
        )
    number = int(st.session_state["drv_row_number"])
    row = numbered_row(data, number)
    if row is None:
        st.info(t("drv_row_number_missing", number=number))
        row = fallback
    return row


def _row_key(data: DriverData, row: int) -> list[str]:
    first, segment = row_label(data, row)
    return [first, *segment]


def _seed_row(data: DriverData, all_segments: list[tuple[str, ...]], fallback: int) -> None:
    """Before the widgets: keep the session's date and segment if this data has them, else take
    the URL's row, else the fallback row."""
    dates = data.keys.iloc[:, 0]
    day = st.session_state.get("drv_day")
    in_range = day is not None and dates.min().date() <= day <= dates.max().date()
    if in_range and st.session_state.get("drv_segment", 0) < len(all_segments):
        return
    day, segment = row_label(data, fallback)
    wanted = st.query_params.get("row", "")
    if wanted:
        parts = wanted.split(ROW_SEPARATOR)
        if find_row(data, parts[0], tuple(parts[1:])) is not None:
            day, segment = parts[0], tuple(parts[1:])
    st.session_state["drv_day"] = pd.Timestamp(day).date()
    st.session_state["drv_segment"] = all_segments.index(segment) if segment in all_segments else 0


def row_name(result: DriversResult, row: int) -> str:
    """Date (or, without dates, the row's number) and segment of a row, as plain text."""
    first, segment = row_label(result.data, row)
    if not result.data.dated:
        first = t("drv_row_numbered", number=first)
    return " · ".join([first, *segment])


def row_caption(result: DriversResult, wf: Waterfall) -> str:
    return t(
        "drv_row_caption",
        target=md(result.target),
        predicted=plain(result.predictions[wf.row]),
        actual=plain(result.data.actual[wf.row]),
    )


def waterfall_chart(result: DriversResult, wf: Waterfall, presenter: bool) -> go.Figure:
    title = t(
        "drv_chart_waterfall",
        prediction=plain(result.predictions[wf.row]),
        row=chart_text(row_name(result, wf.row)),
    )
    return charts.waterfall(
        wf,
        title=title,
        base_label=t("drv_base_value"),
        other_label=t("drv_other_features"),
        prediction_label=t("drv_prediction"),
        presenter=presenter,
    )
