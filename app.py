"""Overview: what every campaign added and returned, for a manager at a glance."""

import streamlit as st

from analytics.errors import Failure
from analytics.lift.portfolio import portfolio
from analytics.summary import metric_over_time, spend_by_channel, summarise
from ui import figures
from ui.alerts import import_alerts_section
from ui.cards import kpi
from ui.chrome import dataset_caption, page_setup
from ui.failures import failure_text
from ui.i18n import t
from ui.kinds import OVERVIEW, kind_gate
from ui.lift import figures as lift_figures
from ui.lift.campaigns import all_reports, campaign_table_of
from ui.lift.controls import table_picker
from ui.lift.view import (
    campaign_table,
    conclusions,
    key_columns,
    measured,
    money_columns,
    portfolio_bridge,
    roi_convention,
    roi_text,
    unmeasured,
)
from ui.numbers import column_name, in_words, money
from ui.safe import chart_text, md
from ui.settings import margin_setting
from ui.tables import show_table
from ui.workspace import load_frame

ctx = page_setup("page_overview")
st.title(t("overview_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.page_link("pages/1_Data.py", label=t("go_to_data"), icon=":material/upload:")
    st.stop()

info = ctx.dataset
st.markdown(dataset_caption(info))
import_alerts_section(info)
kind_gate(ctx, OVERVIEW)
frame = load_frame(info)
summary = summarise(frame, info.mapping)
metric = summary.outcome
if metric is None:
    st.info(t("no_outcome"))
    st.stop()

with st.sidebar:
    margin = margin_setting(ctx.presenter, frame, info.mapping)
    table = table_picker(ctx, info)
source = campaign_table_of(info, table)
if isinstance(source, Failure):
    st.error(failure_text(source))
    st.stop()
results = all_reports(info, metric, margin, table)
reports = measured(results)
period = t(f"period_{info.frequency or 'none'}")
series = metric_over_time(frame, info.mapping, metric)
title = t("chart_windows", metric=chart_text(column_name(metric)), period=period)

if not reports:
    st.info(t("no_campaigns"))
    trend = lift_figures.metric_over_time(series, presenter=ctx.presenter, title=title)
    st.plotly_chart(trend, config=figures.chart_config())
    st.stop()

overall = portfolio(reports)
cards = st.columns(4)
cards[0].metric(t("kpi_campaign_spend"), money(overall.spend))
cards[1].metric(
    t("kpi_incremental", metric=md(in_words(metric))), money(overall.incremental, signed=True)
)
if overall.roi is not None and overall.roi_ci is not None:
    lo, hi = overall.roi_ci
    interval = t("kpi_interval_caption", lo=roi_text(lo), hi=roi_text(hi))
    kpi(cards[2], t("kpi_roi"), roi_text(overall.roi), interval)
cards[3].metric(t("kpi_paid_back"), f"{overall.paid_back} / {overall.campaigns}")

st.subheader(t("conclusions"))
for line in conclusions(overall, reports):
    st.markdown(f"- {line}")

with_roi = [r for r in reports if r.roi.roi is not None and r.roi.roi_ci is not None]
if with_roi:
    fig = lift_figures.roi_bars(
        [r.lift.campaign or "" for r in with_roi],
        [r.roi.roi for r in with_roi],
        [r.roi.roi_ci[0] for r in with_roi],
        [r.roi.roi_ci[1] for r in with_roi],
        title=t("chart_roi"),
        presenter=ctx.presenter,
    )
    st.plotly_chart(fig, config=figures.chart_config())
    st.caption(roi_convention(with_roi[0], ctx.presenter))
    if not ctx.presenter:
        with st.expander(t("lft_bridge_how")):
            st.markdown(portfolio_bridge(overall))
            st.markdown(t("lft_bridge_steps"))

windows = tuple((c.name, c.start, c.end) for c, _ in results)
trend = lift_figures.metric_over_time(series, presenter=ctx.presenter, title=title, windows=windows)
st.plotly_chart(trend, config=figures.chart_config())

totals = spend_by_channel(frame, info.mapping)
channels_title = t("chart_channels")
if source is not None and len(source.spend_by_channel()) > 1:
    totals = source.spend_by_channel()
    channels_title = t("lft_chart_channels_table")
if len(totals) > 1:
    fig = lift_figures.simple_bars(
        [column_name(str(name)) for name in totals.index],
        list(totals.to_numpy()),
        title=channels_title,
        presenter=ctx.presenter,
    )
    st.plotly_chart(fig, config=figures.chart_config())

st.subheader(t("table_campaigns"))
every_column = campaign_table(results)
show_table(key_columns(every_column), presenter=ctx.presenter)
if unmeasured(results):
    st.caption(t("lft_table_unmeasured", n=unmeasured(results)))
if not ctx.presenter:
    with st.expander(t("lft_table_details")):
        show_table(every_column, "campaigns.csv", money=money_columns())
