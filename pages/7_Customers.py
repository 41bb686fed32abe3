"""Customers: from an order log, RFM segments, lifetime value (BG/NBD + Gamma-Gamma), the holdout
check, who will buy next period, an offer per segment and retention after campaigns; from a
customer table, who responds."""

import streamlit as st

from analytics.customers.features import binary_columns
from analytics.errors import Failure
from ui.chrome import dataset_caption, page_setup
from ui.customers.cached import analyses
from ui.customers.controls import TABLE, log_choices, page_mode, table_target
from ui.customers.offers import offer_plan, show_offers
from ui.customers.propensity import (
    next_period,
    scored_list,
    show_propensity,
    table_propensity,
    threshold_control,
)
from ui.customers.retention import retention, show_retention
from ui.customers.view import (
    customer_table,
    headline,
    holdout_chart,
    holdout_sentence,
    parameter_table,
    rfm_sentences,
    segment_map_chart,
    segment_share_chart,
    segment_table,
    value_caption,
    value_chart,
)
from ui.failures import failure_text
from ui.figures import chart_config
from ui.i18n import t
from ui.kinds import CUSTOMERS, offer_fitting_datasets
from ui.tables import show_table
from ui.workspace import load_frame

ctx = page_setup("page_customers")
st.title(t("cus_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))

mode = page_mode(info, lambda: binary_columns(load_frame(info)))
if mode is None:
    st.info(t("cus_needs_customers"))
    offer_fitting_datasets(ctx, CUSTOMERS)
    st.stop()
if mode == TABLE:  # who responds, from one row per customer and a 0/1 outcome
    binary = binary_columns(load_frame(info))
    if not ctx.presenter:
        st.caption(t("cus_table_intro"))
    target = table_target(info, binary, ctx.presenter)
    scored = table_propensity(info, target, None, threshold_control(ctx.presenter))
    if isinstance(scored, Failure):
        st.error(t("cus_propensity_failed", reason=failure_text(scored)))
        st.stop()
    st.subheader(t("cus_table_header", target=target))
    show_propensity(scored, ctx.presenter)
    if not ctx.presenter:
        scored_list(scored)
    st.stop()

choices = log_choices(info, ctx.presenter)
if choices is None:
    st.info(t("cus_needs_dates_amounts"))
    st.stop()
if not ctx.presenter:
    st.caption(t("cus_intro"))
found = analyses(info, choices)
result = found if isinstance(found, Failure) else found.now
if isinstance(result, Failure):
    st.error(t("cus_error", reason=failure_text(result)))
    st.stop()

headline(result)
st.subheader(t("cus_rfm_header"))
for line in rfm_sentences(result):
    st.markdown(f"- {line}")
cells = st.columns(1 if ctx.presenter else 2)  # presenting: one chart a row, in large type
cells[0].plotly_chart(segment_map_chart(result, ctx.presenter), config=chart_config())
cells[-1].plotly_chart(segment_share_chart(result, ctx.presenter), config=chart_config())
show_table(segment_table(result), "customer_segments.csv", presenter=ctx.presenter)

st.subheader(t("cus_value_header"))
st.caption(value_caption(result))
st.plotly_chart(value_chart(result, ctx.presenter), config=chart_config())
if not ctx.presenter:
    with st.expander(t("cus_parameters")):
        show_table(parameter_table(result))

st.subheader(t("cus_holdout_header"))
check = found.check
if check is None:
    st.info(t("cus_holdout_short"))
elif isinstance(check, Failure):
    st.warning(t("cus_holdout_failed", reason=failure_text(check)))
else:
    st.markdown(holdout_sentence(check.holdout))
    st.plotly_chart(holdout_chart(check.holdout, ctx.presenter), config=chart_config())

st.subheader(t("cus_next_header"))
scored = next_period(info, choices.columns, threshold_control(ctx.presenter))
if isinstance(scored, Failure):
    st.warning(t("cus_propensity_failed", reason=failure_text(scored)))
else:
    show_propensity(scored, ctx.presenter)
    st.subheader(t("cus_offers_header"))
    plan = offer_plan(info, result, scored, ctx.presenter)
    if isinstance(plan, Failure):
        st.warning(failure_text(plan))
    else:
        show_offers(info, plan, ctx.presenter)

st.subheader(t("ret_header"))
show_retention(retention(info, choices, result.table), choices.horizon_weeks, ctx.presenter)

if not ctx.presenter:
    st.subheader(t("cus_customers_header"))
    customer_table(result, ctx.presenter)
