"""The Customers page's widgets: which columns of the log say who, when, how much and the
discount; the lifetime-value horizon and discount rate; the holdout split. Presenter mode draws
none of them and keeps the choices made before (or the defaults)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics.customers.log import LogColumns
from analytics.ingest.roles import (
    CUSTOMER,
    DATE,
    DISCOUNT,
    ENTITIES,
    EXPERIMENT,
    METRIC,
    dataset_kind,
)
from analytics.workspace import DatasetInfo
from ui.customers.cached import LogChoices
from ui.i18n import t
from ui.url import mirror_to_url

NO_DISCOUNT = ""
DEFAULT_HORIZON_WEEKS = 52
DEFAULT_RATE_PERCENT = 10
OUTCOME_NAME = re.compile(r"respon|purchas|bought|buy|convert|churn|click|响应|购买|转化|流失")
HOLDOUT_WEEKS = 26  # the default holdout: the last 26 weeks, or the last third of a short log


LOG, TABLE = "log", "table"


def customer_columns(info: DatasetInfo) -> list[str]:
    return info.mapping.columns(CUSTOMER)


def page_mode(info: DatasetInfo, binary: Callable[[], list[str]]) -> str | None:
    """An order log (customers with dates), a table of units with a 0/1 outcome (customers,
    experiment users), or neither (a time series: the page says what it needs)."""
    if customer_columns(info) and info.mapping.date_column is not None:
        return LOG
    if dataset_kind(info.mapping) in (ENTITIES, EXPERIMENT) and binary():
        return TABLE
    return None


def log_choices(info: DatasetInfo, presenter: bool) -> LogChoices | None:
    """The columns and settings, or None when the log lacks a date or an amount column."""
    mapping = info.mapping
    dates = mapping.columns(DATE)
    amounts = sorted(mapping.columns(METRIC), key=lambda m: m != mapping.outcome)
    if not dates or not amounts:
        return None
    customers = customer_columns(info)
    discounts = [NO_DISCOUNT, *mapping.columns(DISCOUNT)]
    defaults = {
        "cus_customer": customers[0],
        "cus_date": dates[0],
        "cus_amount": amounts[0],
        "cus_discount": discounts[-1],
    }
    options = {
        "cus_customer": customers,
        "cus_date": dates,
        "cus_amount": amounts,
        "cus_discount": discounts,
    }
    for key, valid in options.items():
        if st.session_state.get(key) not in valid:
            st.session_state[key] = defaults[key]
    if not presenter:
        _column_widgets(options)
    columns = LogColumns(
        st.session_state["cus_customer"],
        st.session_state["cus_date"],
        st.session_state["cus_amount"],
        st.session_state["cus_discount"] or None,
    )
    horizon, rate, end = _value_widgets(info, presenter)
    return LogChoices(columns, float(horizon), rate / 100.0, end)


def _column_widgets(options: dict[str, list[str]]) -> None:
    cells = st.columns(4)
    for cell, (key, valid) in zip(cells, options.items(), strict=True):
        cell.selectbox(
            t(key),
            valid,
            key=key,
            format_func=lambda c: t("cus_no_discount") if c == NO_DISCOUNT else c,
        )


def _value_widgets(info: DatasetInfo, presenter: bool) -> tuple[int, float, str | None]:
    first, last = _date_range(info)
    default_end = _default_calibration_end(first, last)
    seed_number("cus_horizon", "horizon", DEFAULT_HORIZON_WEEKS, (4, 520))
    seed_number("cus_rate", "rate", DEFAULT_RATE_PERCENT, (0, 50))
    if default_end is not None:
        chosen = st.session_state.get("cus_calibration") or _url_date("split")
        if not isinstance(chosen, dt.date) or not first < chosen < last:
            chosen = default_end
        st.session_state["cus_calibration"] = chosen
    if not presenter:
        left, middle, right = st.columns(3)
        left.number_input(t("cus_horizon"), min_value=4, max_value=520, step=4, key="cus_horizon")
        middle.number_input(
            t("cus_rate"),
            min_value=0,
            max_value=50,
            step=1,
            key="cus_rate",
            help=t("cus_rate_help"),
        )
        if default_end is not None:
            right.date_input(
                t("cus_calibration"),
                min_value=first + dt.timedelta(days=1),
                max_value=last - dt.timedelta(days=1),
                key="cus_calibration",
                help=t("cus_calibration_help"),
            )
    end = st.session_state.get("cus_calibration") if default_end is not None else None
    horizon, rate = st.session_state["cus_horizon"], st.session_state["cus_rate"]
    mirror_to_url("horizon", f"{horizon:g}", f"{DEFAULT_HORIZON_WEEKS:g}", state=["cus_horizon"])
    mirror_to_url("rate", f"{rate:g}", f"{DEFAULT_RATE_PERCENT:g}", state=["cus_rate"])
    mirror_to_url("split", _iso(end), _iso(default_end), state=["cus_calibration"])
    return horizon, rate, _iso(end)


def seed_number(key: str, param: str, default: float, bounds: tuple[float, float]) -> None:
    """Before the widget: the session's value, else the link's (within bounds), else the default."""
    if key in st.session_state:
        return
    try:
        wanted = type(default)(st.query_params.get(param, ""))
    except ValueError:
        wanted = default
    st.session_state[key] = wanted if bounds[0] <= wanted <= bounds[1] else default


def _url_date(param: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        return None


def _date_range(info: DatasetInfo) -> tuple[dt.date, dt.date]:
    first = pd.Timestamp(info.date_min).date() if info.date_min else dt.date.today()
    last = pd.Timestamp(info.date_max).date() if info.date_max else first
    return first, last


def _default_calibration_end(first: dt.date, last: dt.date) -> dt.date | None:
    """The last 26 weeks held out, or the last third of a log shorter than 78 weeks; None for a
    log too short to split (under 6 weeks)."""
    span = (last - first).days
    if span < 42:
        return None
    holdout = min(HOLDOUT_WEEKS * 7, span // 3)
    return last - dt.timedelta(days=holdout)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if isinstance(day, dt.date) else None


def table_target(info: DatasetInfo, binary: list[str], presenter: bool) -> str:
    """The 0/1 outcome to predict: an outcome-like name first (responded, purchased…)."""
    outcome_like = [c for c in binary if OUTCOME_NAME.search(c.lower())]
    default = (outcome_like or binary)[-1]
    if st.session_state.get("cus_target") not in binary:
        st.session_state["cus_target"] = default
    if not presenter:
        st.selectbox(t("cus_target"), binary, key="cus_target", help=t("cus_target_help"))
    return st.session_state["cus_target"]
