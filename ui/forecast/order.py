"""The Forecast page's order plan: how much to order now for the lead time plus the review
period, by the newsvendor rule on the forecast of a units metric; one series or a table of many."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.forecast.many import ManyForecasts
from analytics.forecast.order import (
    OrderCosts,
    OrderPlan,
    cover_demand,
    cover_horizon,
    order_table,
    plan_order,
)
from analytics.forecast.results import ForecastResult
from analytics.forecast.stock import units_metric
from analytics.formatting import count, percent, plain, ratio
from analytics.ingest.roles import COST, PRICE
from analytics.lift.roi import DEFAULT_MARGIN, data_margin
from analytics.selection import rows_where
from analytics.workspace import DatasetInfo
from ui.cards import kpi
from ui.failures import failure_text, show_failure
from ui.figures import chart_config
from ui.forecast.cached import many_forecasts, one_forecast
from ui.forecast.choices import ForecastView, forecastable_metrics
from ui.forecast.figures import order_chart
from ui.forecast.link import amount_from_link, link_number, seed_from_link
from ui.forecast.stock import DEFAULT_LEAD
from ui.i18n import t
from ui.numbers import in_words, money
from ui.safe import md
from ui.tables import show_table
from ui.url import mirror_to_url, widget_for
from ui.workspace import load_frame

DEFAULT_REVIEW = 7
SHORT_HISTORY = frozenset({"order_history", "order_cover_beyond"})


def show_order_one(info: DatasetInfo, view: ForecastView, presenter: bool) -> None:
    """The order for the segment on screen: inputs, the quantity, its risk and the picture."""
    units = _order_header(info, view)
    if units is None:
        return
    costs, lead, review = _order_settings(info, view, presenter)
    on_hand, on_order = _one_stock(presenter)
    if costs is None:
        return
    result = one_forecast(info, _cover_view(info, view, units, lead + review))
    if isinstance(result, Failure):
        show_failure(result)
        return
    try:
        demand = cover_demand(result, lead + review)
        plan = plan_order(demand, costs, (lead, review), (on_hand, on_order))
    except UserInputError as exc:
        _show_order_problem(exc)
        return
    _order_cards(plan)
    st.markdown(_order_sentence(plan))
    level = max(plan.order_up_to, plan.stock_on_hand + plan.stock_on_order)
    labels = {
        "density": t("fc_order_density"),
        "up_to": t("fc_order_up_to_line", value=count(plan.order_up_to)),
        "stock": t("fc_order_stock_line", value=count(level)),
        "stockout": t("fc_order_stockout_area", risk=percent(plan.stockout_probability)),
        "axis": t("fc_order_axis", days=plain(lead + review)),
    }
    st.plotly_chart(
        order_chart(demand, plan.order_up_to, level, labels, presenter=presenter),
        config=chart_config(),
        key="fc_order_chart",
    )
    if not presenter:
        st.caption(_method_text(plan))


def _show_order_problem(exc: UserInputError) -> None:
    """Too little history for the lead time asked is a limit of the data, said as a note on what
    to change; anything else is an error."""
    if exc.code in SHORT_HISTORY:
        st.info(failure_text(exc))
    else:
        show_failure(exc)


def show_order_many(info: DatasetInfo, view: ForecastView, presenter: bool) -> None:
    """One order per series of the split, from the same many-series forecasts, with the stock
    on hand entered in the stock cover table; a CSV of the table."""
    units = _order_header(info, view)
    if units is None:
        return
    costs, lead, review = _order_settings(info, view, presenter)
    if costs is None:
        return
    batch = many_forecasts(info, _cover_view(info, view, units, lead + review))
    if isinstance(batch, Failure):
        show_failure(batch)
        return
    stocks = st.session_state.get("fc_stocks", {})
    on_hand = {label: (stocks.get(label) or 0.0, 0.0) for label in _labels(batch)}
    try:
        table = order_table(batch.results, costs, (lead, review), on_hand)
    except UserInputError as exc:
        _show_order_problem(exc)
        return
    planned = table[table["failure"].isna()]
    st.markdown(
        t(
            "fc_order_many_sentence",
            quantity=count(planned["order_quantity"].sum()),
            series=count(len(planned)),
            ratio=percent(costs.critical_ratio, 0),
        )
    )
    show_table(
        _order_frame(table),
        "order_plan.csv",
        presenter=presenter,
        label="fc_download_order",
        key="fc_download_order_plan",
    )
    if not presenter:
        st.caption(t("fc_order_many_help"))


def _order_header(info: DatasetInfo, view: ForecastView) -> str | None:
    """The section's title and its units metric (said when it is not the chart's), or None
    after asking for one."""
    st.subheader(t("fc_order_header"))
    units = units_metric(view.metric, forecastable_metrics(info))
    if units is None:
        st.info(t("fc_order_needs_units", metric=md(in_words(view.metric))))
        return None
    if units != view.metric:
        st.caption(t("fc_order_in_units", units=md(in_words(units))))
    return units


def _cover_view(info: DatasetInfo, view: ForecastView, units: str, days: float) -> ForecastView:
    """The view forecast far enough ahead for the order's backtest windows."""
    return replace(view, metric=units, horizon=cover_horizon(info.frequency, days, view.horizon))


def _price_defaults(info: DatasetInfo, view: ForecastView) -> tuple[float | None, float | None]:
    """The mean price over the segment's rows (price column) and the unit cost (cost column
    when it reads per unit, below the price; else the price less the data's margin, else less
    the default margin)."""
    mapping = info.mapping
    frame = load_frame(info)
    rows = frame.loc[rows_where(frame, view.segment.where)]

    def mean_of(role: str) -> float | None:
        columns = [c for c in mapping.columns(role) if c in rows]
        values = (
            pd.to_numeric(rows[columns[0]], errors="coerce") if columns else pd.Series(dtype=float)
        )
        values = values[values > 0]
        return round(float(values.mean()), 2) if len(values) else None

    price, cost = mean_of(PRICE), mean_of(COST)
    if cost is not None and price is not None and cost >= price:
        cost = None  # cost of goods per row, not per unit
    if cost is None and price is not None:
        margin = data_margin(frame, mapping, view.segment.where) or DEFAULT_MARGIN
        cost = round(price * (1 - margin), 2)
    return price, cost


def _order_settings(
    info: DatasetInfo, view: ForecastView, presenter: bool
) -> tuple[OrderCosts | None, float, float]:
    """Price, unit cost and salvage (defaults from the file), the review period, each in the
    link; the lead time is the stock cover's. None for the costs, after asking for them, when
    there is no price or cost."""
    price, cost = _price_defaults(info, view)
    keys = {"price": f"fc_order_price_{info.id}", "cost": f"fc_order_cost_{info.id}"}
    settings = (
        ("fc_order_review", "review", DEFAULT_REVIEW),
        (keys["price"], "oprice", price),
        (keys["cost"], "ocost", cost),
        ("fc_order_salvage", "salvage", 0.0),
    )
    for key, param, default in settings:
        seed_from_link(key, param, amount_from_link, default)
    if not presenter:
        boxes = st.columns(4)
        labels = ("fc_order_review", "fc_order_price", "fc_order_cost", "fc_order_salvage")
        for box, label, (key, _, default) in zip(boxes, labels, settings, strict=True):
            extra = {"value": None} if default is None else {}
            box.number_input(t(label), min_value=0.0, **extra, **widget_for(key))
    for key, param, default in settings:
        value = st.session_state.get(key)
        shown = None if default is None else link_number(default)
        mirror_to_url(param, None if value is None else link_number(value), shown, state=[key])
    lead = float(st.session_state.get("fc_lead", DEFAULT_LEAD))
    review = float(st.session_state["fc_order_review"] or 0.0)
    price, cost = st.session_state[keys["price"]], st.session_state[keys["cost"]]
    salvage = float(st.session_state["fc_order_salvage"] or 0.0)
    if price is None or cost is None:
        st.info(t("fc_order_needs_price"))
        return None, lead, review
    if presenter:
        st.caption(
            t(
                "fc_order_settings",
                lead=ratio(lead, 0),
                review=plain(review),
                price=money(price, exact=True),
                cost=money(cost, exact=True),
                salvage=money(salvage, exact=True),
            )
        )
    return OrderCosts(float(price), float(cost), salvage), lead, review


def _one_stock(presenter: bool) -> tuple[float, float]:
    """Stock on hand (the stock cover's current stock) and on order (in the link)."""
    seed_from_link("fc_order_on_order", "onorder", amount_from_link, 0.0)
    if not presenter:
        st.number_input(t("fc_order_on_order"), min_value=0.0, **widget_for("fc_order_on_order"))
    on_order = float(st.session_state["fc_order_on_order"] or 0.0)
    mirror_to_url("onorder", link_number(on_order), "0", state=["fc_order_on_order"])
    on_hand = st.session_state.get("fc_stock") or 0.0
    return float(on_hand), on_order


def _labels(batch: ManyForecasts) -> list[str]:
    return [label for label, r in batch.results.items() if isinstance(r, ForecastResult)]


def _order_cards(plan: OrderPlan) -> None:
    quantity, up_to, risk, leftover = st.columns(4)
    kpi(quantity, t("fc_order_quantity"), count(plan.order_quantity))
    kpi(up_to, t("fc_order_up_to"), count(plan.order_up_to))
    kpi(risk, t("fc_order_stockout"), percent(plan.stockout_probability))
    kpi(leftover, t("fc_order_leftover"), count(plan.expected_leftover))


def _order_sentence(plan: OrderPlan) -> str:
    key = "fc_order_sentence" if plan.order_quantity > 0 else "fc_order_sentence_none"
    return t(
        key,
        quantity=count(plan.order_quantity),
        up_to=count(plan.order_up_to),
        days=plain(plan.lead_time_days + plan.review_days),
        mean=count(plan.demand_mean),
        stock=count(plan.stock_on_hand + plan.stock_on_order),
        risk=percent(plan.stockout_probability),
        leftover=count(plan.expected_leftover),
        ratio=percent(plan.critical_ratio, 0),
    )


def _method_text(plan: OrderPlan) -> str:
    return t(
        "fc_order_method",
        ratio=ratio(plan.critical_ratio),
        sd=count(plan.demand_sd),
        independent=count(plan.independent_sd),
        factor=ratio(plan.correlation_factor),
        windows=count(plan.backtest_windows),
        origins=count(plan.backtest_origins),
    )


def _order_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The order table as the reader sees it: whole units, percentages, why a row has none."""
    planned = table["failure"].isna()

    def column(name: str, form) -> list[str]:
        if name not in table:
            return [""] * len(table)
        return [form(v) if ok else "" for v, ok in zip(table[name], planned, strict=True)]

    return pd.DataFrame(
        {
            t("fc_col_series"): table["series"],
            t("fc_col_cover_demand"): column("demand_mean", count),
            t("fc_order_up_to"): column("order_up_to", count),
            t("fc_col_on_hand"): column("stock_on_hand", count),
            t("fc_order_quantity"): column("order_quantity", count),
            t("fc_order_stockout"): column("stockout_probability", percent),
            t("fc_order_leftover"): column("expected_leftover", count),
            t("fc_col_message"): [
                "" if ok else failure_text(f, markdown=False)
                for f, ok in zip(table["failure"], planned, strict=True)
            ],
        }
    )
