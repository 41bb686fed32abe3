"""Planner: response curves, the budget split, a what-if for a planned campaign, discount and
price, the planner's track record on past campaigns, and when to run a planned campaign."""

import streamlit as st

from analytics.errors import Failure
from ui.chrome import dataset_caption, page_setup
from ui.failures import failure_text
from ui.i18n import t
from ui.kinds import PLANNER, kind_gate
from ui.numbers import column_name
from ui.planner.budget import show_budget
from ui.planner.cached import fitted
from ui.planner.choices import (
    choose,
    choose_section,
    outcome_options,
    planner_margin,
    planner_possible,
)
from ui.planner.curves import show_curves
from ui.planner.discount import show_discount
from ui.planner.model_settings import model_settings
from ui.planner.timing import show_timing
from ui.planner.track import show_track
from ui.planner.whatif import show_whatif

ctx = page_setup("page_planner")
st.title(t("plan_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
kind_gate(ctx, PLANNER)
if not planner_possible(info):
    st.info(t("plan_not_possible"))
    st.stop()

with st.sidebar:
    margin = planner_margin(info, ctx.presenter)
outcomes = outcome_options(info)
default = info.mapping.outcome if info.mapping.outcome in outcomes else outcomes[0]
outcome = choose("pl_outcome", outcomes, default, t("plan_outcome"), column_name, ctx.presenter)
settings = model_settings(info, outcome, ctx.presenter)
section = choose_section(ctx.presenter)

model = fitted(info, outcome, settings, margin)
if isinstance(model, Failure):
    st.error(t("plan_fit_failed", reason=failure_text(model)))
    st.stop()

st.subheader(t(f"plan_section_{section}"))
if section == "curves":
    show_curves(model, margin, ctx.presenter)
elif section == "budget":
    show_budget(model, margin, ctx.presenter)
elif section == "whatif":
    show_whatif(model, info, margin, ctx.presenter)
elif section == "discount":
    show_discount(model, margin, ctx.presenter)
elif section == "timing":
    show_timing(model, info, settings, margin, ctx.presenter)
else:
    show_track(info, outcome, margin, ctx.presenter)
