"""The Forecast page's stock cover: lead time and service level (in the link), the stock on
hand, and safety stock, reorder point and days of cover for one series or many."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import numpy as np
import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.forecast.many import ManyForecasts
from analytics.forecast.results import ForecastResult
from analytics.forecast.stock import cover_table, stock_cover, units_metric
from analytics.formatting import amount, plain, ratio
from analytics.workspace import DatasetInfo
from ui.failures import show_failure
from ui.forecast.cached import many_forecasts, one_forecast
from ui.forecast.choices import ForecastView, forecastable_metrics
from ui.forecast.link import (
    MAX_LEAD,
    SERVICE_LEVELS,
    amount_from_link,
    lead_from_link,
    level_from_link,
    link_number,
    seed_from_link,
    stocks_from_link,
    stocks_to_link,
)
from ui.i18n import t
from ui.numbers import in_words
from ui.safe import md
from ui.tables import MISSING, show_table
from ui.url import mirror_to_url, widget_for

DEFAULT_LEAD = 7
T = TypeVar("T")
DEFAULT_LEVEL = "95"


def stock_settings(presenter: bool) -> tuple[float, float]:
    """Lead time in days and service level (a fraction), in the link as lead and level."""
    seed_from_link("fc_lead", "lead", lead_from_link, DEFAULT_LEAD)
    seed_from_link("fc_level", "level", level_from_link, DEFAULT_LEVEL)
    if not presenter:
        left, right = st.columns(2)
        left.number_input(
            t("fc_lead_time"), min_value=1, max_value=MAX_LEAD, step=1, **widget_for("fc_lead")
        )
        right.select_slider(
            t("fc_service_level"),
            options=SERVICE_LEVELS,
            format_func=lambda v: f"{v}%",
            **widget_for("fc_level"),
        )
    lead, level = int(st.session_state["fc_lead"]), str(st.session_state["fc_level"])
    mirror_to_url("lead", str(lead), str(DEFAULT_LEAD), state=["fc_lead"])
    mirror_to_url("level", level, DEFAULT_LEVEL, state=["fc_level"])
    if presenter:
        st.caption(t("fc_stock_settings", lead=lead, level=level))
    return float(lead), float(level) / 100.0


def _stock_frame(table: pd.DataFrame) -> pd.DataFrame:
    yes, no = t("fc_yes"), t("fc_no")

    def flag(value: object) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return MISSING
        return yes if value else no

    cover = [
        MISSING if pd.isna(days) else ("> " + ratio(days, 0) if beyond else ratio(days, 1))
        for days, beyond in zip(table["days_of_cover"], table["beyond_horizon"], strict=True)
    ]
    shown = pd.DataFrame(
        {
            t("fc_col_series"): table["series"],
            t("fc_col_lead_demand"): table["lead_time_demand"].round(0),
            t("fc_col_safety"): table["safety_stock"].round(0),
            t("fc_col_reorder_point"): table["reorder_point"].round(0),
            t("fc_col_stock"): table["current_stock"],
            t("fc_col_cover"): cover,
            t("fc_col_risk"): [flag(v) for v in table["stockout_risk"]],
            t("fc_col_reorder_now"): [flag(v) for v in table["reorder_now"]],
        }
    )
    return shown


def in_units(info: DatasetInfo, view: ForecastView, shown: T, compute: Callable) -> T | None:
    """The forecast stock is planned on: ``shown`` when its metric counts units, else
    ``compute`` on the dataset's units metric (said in a caption); None, after asking for a
    units metric or showing why its forecast failed, when there is none."""
    st.subheader(t("fc_stock_header"))
    units = units_metric(view.metric, forecastable_metrics(info))
    if units is None:
        st.info(t("fc_stock_needs_units", metric=md(in_words(view.metric))))
        return None
    if units == view.metric:
        return shown
    st.caption(t("fc_stock_in_units", units=md(in_words(units)), metric=md(in_words(view.metric))))
    computed = compute(info, replace(view, metric=units))
    if isinstance(computed, Failure):
        show_failure(computed)
        return None
    return computed


def show_stock_one(
    info: DatasetInfo, view: ForecastView, result: ForecastResult, presenter: bool
) -> None:
    result = in_units(info, view, result, one_forecast)
    if result is None:
        return
    label = view.segment.label
    lead, level = stock_settings(presenter)
    seed_from_link("fc_stock", "stock", amount_from_link, None)
    if not presenter:
        st.number_input(t("fc_current_stock"), min_value=0.0, value=None, **widget_for("fc_stock"))
    stock = st.session_state.get("fc_stock")
    mirror_to_url("stock", None if stock is None else link_number(stock), state=["fc_stock"])
    try:
        cover = stock_cover(result, lead, level, stock)
    except UserInputError as exc:
        show_failure(exc)
        return
    table = pd.DataFrame([{"series": label, **cover.to_dict()}])
    _stock_outputs(table, presenter, "stock.csv")
    if cover.stockout_risk:
        st.error(t("fc_stock_risk_one", days=ratio(cover.days_of_cover, 1), lead=plain(lead)))
    st.caption(
        t(
            "fc_stock_method",
            z=ratio(cover.z),
            sd=amount(cover.demand_sd),
            source=t(f"fc_sd_{cover.sd_source}"),
        )
    )


def show_stock_many(
    info: DatasetInfo, view: ForecastView, batch: ManyForecasts, presenter: bool
) -> None:
    batch = in_units(info, view, batch, many_forecasts)
    if batch is None:
        return
    lead, level = stock_settings(presenter)
    labels = [label for label, r in batch.results.items() if isinstance(r, ForecastResult)]
    if "fc_stocks" not in st.session_state:
        st.session_state["fc_stocks"] = stocks_from_link(st.query_params.get_all("stocks"), labels)
    stocks: dict[str, float | None] = st.session_state["fc_stocks"]
    if not presenter:
        st.caption(t("fc_stock_many_help"))
        entered = st.data_editor(
            pd.DataFrame(
                {"series": labels, "stock": [stocks.get(label) for label in labels]}
            ).astype({"stock": "float"}),
            key="fc_stock_editor",
            hide_index=True,
            disabled=["series"],
            column_config={
                "series": st.column_config.TextColumn(t("fc_col_series")),
                "stock": st.column_config.NumberColumn(t("fc_col_stock"), min_value=0.0),
            },
        )
        stocks.update(
            {
                row["series"]: None if pd.isna(row["stock"]) else float(row["stock"])
                for row in entered.to_dict(orient="records")
            }
        )
    mirror_to_url("stocks", stocks_to_link(stocks, labels), state=["fc_stocks", "fc_stock_editor"])
    try:
        table = cover_table(batch.results, lead, level, stocks)
    except UserInputError as exc:
        show_failure(exc)
        return
    at_risk = table[table["stockout_risk"].eq(True)]["series"].tolist()
    _stock_outputs(table, presenter, "stock_cover.csv")
    if at_risk:
        names = t("drv_list_separator").join(md(n) for n in at_risk)
        st.error(t("fc_stock_risk_many", names=names))


def _stock_outputs(table: pd.DataFrame, presenter: bool, file_name: str) -> None:
    shown = _stock_frame(table)
    show_table(
        shown,
        file_name,
        presenter=presenter,
        label="fc_download_stock",
        key=f"fc_download_{file_name}",
    )
