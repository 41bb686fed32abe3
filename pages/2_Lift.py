"""Lift: one campaign's actual against its counterfactual baseline, with the written report."""

import streamlit as st

from analytics.campaigns import CampaignReport
from analytics.summary import recent_history
from ui import figures
from ui.campaign_results import campaigns, report
from ui.chrome import dataset_caption, page_setup
from ui.i18n import t
from ui.lift_view import diagnostics, lift_report, margin_setting, roi_convention
from ui.url import mirror_to_url, seed_from_url
from ui.workspace import load_frame

ctx = page_setup("page_lift")
st.title(t("lift_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
found = campaigns(info)
metric = info.mapping.outcome
if not found or metric is None:
    st.info(t("no_campaigns") if metric else t("no_outcome"))
    st.stop()

names = [c.name for c in found]
seed_from_url("campaign", names)
name = st.selectbox(t("campaign_label"), names, key="campaign")
mirror_to_url("campaign", name)
with st.sidebar:
    margin = margin_setting(ctx.presenter)

with st.spinner(t("measuring", name=name, done=1, total=1)):
    result = report(info, metric, name, margin)
if not isinstance(result, CampaignReport):
    st.error(t("lift_error", reason=result))
    st.stop()

lift = result.lift
frame = load_frame(info)
campaign = next(c for c in found if c.name == name)
history = recent_history(frame, info.mapping, metric, campaign.segment, lift.start, lift.end)
labels = {
    "actual_panel": t("panel_actual"),
    "point_panel": t("panel_point"),
    "cumulative_panel": t("panel_cumulative"),
    "actual": t("legend_actual"),
    "baseline": t("legend_baseline"),
    "band": t("legend_band"),
}
fig = figures.lift_panels(lift.daily, history, labels, presenter=ctx.presenter)
st.plotly_chart(fig, config=figures.CHART_CONFIG)

st.subheader(t("report_header"))
for paragraph in lift_report(result):
    st.markdown(paragraph)
st.caption(roi_convention(result))
if not ctx.presenter:
    with st.expander(t("diagnostics")):
        diagnostics(result)
