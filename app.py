"""LiftBoard home: the active dataset at a glance (becomes the Overview once lift exists)."""

import streamlit as st

from analytics.roles import METRIC
from analytics.summary import metric_over_time, summarise
from ui import figures
from ui.chrome import dataset_caption, page_setup
from ui.i18n import t
from ui.safe import md
from ui.workspace import load_frame

ctx = page_setup("page_home")
st.title(t("home_title"))
if not ctx.presenter:
    st.caption(t("home_intro"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.page_link("pages/1_Data.py", label=t("go_to_data"), icon=":material/upload:")
    st.stop()

info = ctx.dataset
frame = load_frame(info)
summary = summarise(frame, info.mapping)
st.markdown(dataset_caption(info))

cards = st.columns(4)
cards[0].metric(t("kpi_rows"), f"{summary.rows:,}")
cards[1].metric(t("kpi_period"), f"{summary.date_min or '–'} → {summary.date_max or '–'}")
if summary.outcome:
    cards[2].metric(t("kpi_outcome", metric=md(summary.outcome)), f"{summary.outcome_total:,.0f}")
if summary.spend_total is not None:
    cards[3].metric(t("kpi_spend"), f"{summary.spend_total:,.0f}")

metrics = info.mapping.columns(METRIC)
if metrics and info.mapping.date_column:
    default = metrics.index(summary.outcome) if summary.outcome in metrics else 0
    metric = st.selectbox(
        t("metric_label"), metrics, index=default, key="metric", bind="query-params"
    )
    series = metric_over_time(frame, info.mapping, metric)
    period = t(f"period_{info.frequency or 'none'}")
    title = t("chart_over_time", metric=metric, period=period)
    fig = figures.metric_over_time(series, title=title, presenter=ctx.presenter)
    st.plotly_chart(fig, config=figures.CHART_CONFIG)

if not ctx.presenter:
    st.caption(t("home_next"))
