"""Experiments: an A/B test from its export to the decision and its money, and a geo test
read against a synthetic control."""

import streamlit as st

from ui.chrome import page_setup
from ui.experiments.tabs import show_ab_tab, show_geo_tab
from ui.i18n import t
from ui.workspace import workspace_home

ctx = page_setup("page_experiments")
st.title(t("exp_title"))
ab_tab, geo_tab = st.tabs([t("exp_tab_ab"), t("exp_tab_geo")])
with ab_tab:
    show_ab_tab(ctx, workspace_home())
with geo_tab:
    show_geo_tab(ctx, workspace_home())
