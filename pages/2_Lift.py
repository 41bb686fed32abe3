"""Lift: one campaign's (or a hand-defined window's) actual against its counterfactual baseline,
with the written report, the robustness and placebo checks, and diagnostics."""

import streamlit as st

from analytics.lift.checks import LiftChecks
from analytics.lift.reports import CampaignReport
from ui import figures
from ui.chrome import dataset_caption, page_setup
from ui.failures import failure_text
from ui.i18n import t
from ui.kinds import LIFT, kind_gate
from ui.lift import figures as lift_figures
from ui.lift.bridge import show_bridge
from ui.lift.campaigns import checks, history
from ui.lift.checks import show_placebo, show_robustness
from ui.lift.controls import campaign_choice, mode_picker, table_picker, window_choice
from ui.lift.view import (
    diagnostics,
    lift_panel_labels,
    lift_report,
    roi_convention,
    summary_table,
)
from ui.settings import margin_setting
from ui.tables import show_table
from ui.workspace import load_frame

ctx = page_setup("page_lift")
st.title(t("lift_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
kind_gate(ctx, LIFT)
metric = info.mapping.outcome
if metric is None:
    st.info(t("no_outcome"))
    st.stop()

frame = load_frame(info)
with st.sidebar:
    margin = margin_setting(ctx.presenter, frame, info.mapping)
    table = table_picker(ctx, info)
mode = mode_picker(ctx.presenter)

if mode == "campaign":
    choice = campaign_choice(info, metric, margin, table)
else:
    choice = window_choice(ctx, info, frame, metric, margin, table)
result = choice.result
if not isinstance(result, CampaignReport):
    st.error(t("lift_error", reason=failure_text(result)))
    st.stop()

lift = result.lift
recent = history(info, metric, choice.segment, lift.start, lift.end)
fig = lift_figures.lift_panels(lift.daily, recent, lift_panel_labels(), presenter=ctx.presenter)
st.plotly_chart(fig, config=figures.chart_config())

st.subheader(t("lft_summary_header"))
show_table(summary_table(result), "lift_summary.csv", presenter=ctx.presenter)

st.subheader(t("report_header"))
for paragraph in lift_report(result):
    st.markdown(paragraph)
st.caption(roi_convention(result, ctx.presenter))

st.subheader(t("lft_bridge_header"))
show_bridge(result.roi.bridge, lift.metric, presenter=ctx.presenter)

st.subheader(t("lft_robustness"))
extra = checks(info, metric, table=table, **choice.target)
if isinstance(extra, LiftChecks):
    show_robustness(extra.robustness, ctx.presenter)
else:
    st.warning(t("lft_checks_failed", reason=failure_text(extra)))
if not ctx.presenter:
    with st.expander(t("diagnostics")):
        diagnostics(result)
        if isinstance(extra, LiftChecks):
            show_placebo(extra.placebo)
