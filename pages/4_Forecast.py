"""Forecast: demand ahead with planned promotions, proven against the seasonal naive forecast,
and the stock that covers it."""

import streamlit as st

from analytics.errors import Failure
from analytics.forecast.results import ForecastResult
from ui.chrome import dataset_caption, page_setup
from ui.failures import failure_text
from ui.forecast.cached import many_forecasts, one_forecast
from ui.forecast.choices import choose_view, forecastable_metrics
from ui.forecast.order import show_order_many, show_order_one
from ui.forecast.pooled import presenter_line
from ui.forecast.stock import show_stock_many, show_stock_one
from ui.forecast.view import model_card, show_backtest, show_forecast, show_many
from ui.i18n import t
from ui.kinds import FORECAST, kind_gate
from ui.safe import md

ctx = page_setup("page_forecast")
st.title(t("fc_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
kind_gate(ctx, FORECAST)
if info.frequency not in ("D", "W", "M") or not forecastable_metrics(info):
    st.info(t("fc_not_possible"))
    st.stop()

view = choose_view(info, ctx.presenter)

if view.segment.split:
    batch = many_forecasts(info, view)
    if isinstance(batch, Failure):
        st.error(failure_text(batch))
        st.stop()
    st.subheader(t("fc_many_header", dimension=md(" × ".join(view.segment.split))))
    chosen = show_many(batch, ctx.presenter)
    result = batch.results.get(chosen) if chosen else None
    if isinstance(result, ForecastResult):
        show_forecast(result, chosen, ctx.presenter, "series")
        show_backtest(result, ctx.presenter, "series")
        if ctx.presenter:
            presenter_line(result)
        else:
            with st.expander(t("fc_card_header")):
                model_card(result)
    show_stock_many(info, view, batch, ctx.presenter)
    show_order_many(info, view, ctx.presenter)
    st.stop()

result = one_forecast(info, view)
if not isinstance(result, ForecastResult):
    st.error(failure_text(result))
    st.stop()
show_forecast(result, view.segment.label, ctx.presenter, "one")
show_backtest(result, ctx.presenter, "one")
if not ctx.presenter:
    with st.expander(t("fc_card_header")):
        model_card(result)
show_stock_one(info, view, result, ctx.presenter)
show_order_one(info, view, ctx.presenter)
