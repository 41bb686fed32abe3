"""Drivers: what moves a metric, which model predicts it best on held-out periods, and why."""

import streamlit as st

from analytics.drivers.settings import DriverSettings
from analytics.errors import Failure
from ui.chrome import dataset_caption, page_setup
from ui.drivers.row_view import picked_row, row_caption, waterfall_chart
from ui.drivers.view import (
    beeswarm_chart,
    candidates,
    dependence_chart,
    dependence_feature,
    errors_chart,
    feature_controls,
    findings_text,
    fit,
    grouped_findings_text,
    importance_chart,
    leaderboard_table,
    log_control,
    metric_columns,
    model_controls,
    model_name,
    ols_caption,
    row_waterfall,
    settings_text,
    show_coefficients,
    show_next_steps,
    target_controls,
    validation_text,
)
from ui.failures import failure_text
from ui.figures import chart_config
from ui.i18n import t
from ui.tables import show_table

ctx = page_setup("page_drivers")
st.title(t("drv_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
metrics = metric_columns(info)
if not metrics:
    st.info(t("drv_no_metrics"))
    st.stop()
if not ctx.presenter:
    st.caption(t("drv_intro" if info.mapping.date_column is not None else "drv_intro_rows"))

target = target_controls(metrics, ctx.presenter)
log_target = log_control(ctx.presenter)
found = candidates(info, target)
if isinstance(found, Failure):
    st.error(t("drv_error", reason=failure_text(found)))
    st.stop()
features = feature_controls(target, found, ctx.presenter)
models = model_controls(ctx.presenter)
if not models:
    st.warning(t("drv_choose_model"))
    st.stop()
settings = DriverSettings(target, features, models, log_target=log_target)

result = fit(info, settings)
if isinstance(result, Failure):
    st.error(t("drv_error", reason=failure_text(result)))
    st.stop()
if ctx.presenter:
    st.caption(settings_text(settings, len(result.chosen)))

st.subheader(t("drv_leaderboard"))
validation = validation_text(result)
if validation:
    st.caption(validation)
st.plotly_chart(errors_chart(result, ctx.presenter), config=chart_config())
show_table(leaderboard_table(result), presenter=ctx.presenter)
if not result.beats_baseline:
    findings = findings_text(result)
    st.warning(findings[0])
    show_next_steps(result, ctx.presenter)
    for line in findings[1:]:
        st.markdown(f"- {line}")
    st.stop()

st.subheader(t("drv_findings"))
first, rest = grouped_findings_text(result)
for line in first:
    st.markdown(f"- {line}")
if rest:
    with st.expander(t("drv_more_findings", count=len(rest))):
        for line in rest:
            st.markdown(f"- {line}")

st.subheader(t("drv_shap_header", model=model_name(result.best)))
if result.log_target:
    st.caption(t("drv_log_note"))
importance, swarm, dependence, one_row = st.tabs(
    [
        t("drv_tab_importance"),
        t("drv_tab_beeswarm"),
        t("drv_tab_dependence"),
        t("drv_tab_waterfall"),
    ]
)
with importance:
    st.plotly_chart(importance_chart(result, ctx.presenter), config=chart_config())
with swarm:
    st.plotly_chart(beeswarm_chart(result, ctx.presenter), config=chart_config())
with dependence:
    feature = dependence_feature(result, ctx.presenter)
    st.plotly_chart(dependence_chart(result, feature, ctx.presenter), config=chart_config())
with one_row:
    row = picked_row(result, ctx.presenter)
    waterfall = row_waterfall(info, settings, row)
    if waterfall is not None:
        st.plotly_chart(waterfall_chart(result, waterfall, ctx.presenter), config=chart_config())
        st.caption(row_caption(result, waterfall))

if not ctx.presenter:  # the findings above already say each coefficient in words
    st.subheader(t("drv_ols_header"))
    st.caption(ols_caption(result))
    show_coefficients(result)
