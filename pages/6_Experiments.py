"""Experiments: an A/B test from its export to the decision and its money, and a geo test
read against a synthetic control."""

import streamlit as st

from analytics.errors import Failure
from analytics.lift.roi import resolve_margin
from ui.chrome import page_setup
from ui.experiments import ab, ab_money, data, geo
from ui.failures import failure_text
from ui.i18n import t
from ui.settings import margin_setting
from ui.workspace import load_frame, workspace_home

ctx = page_setup("page_experiments")
st.title(t("exp_title"))
home = workspace_home()
ab_tab, geo_tab = st.tabs([t("exp_tab_ab"), t("exp_tab_geo")])

with ab_tab:
    options = data.ab_datasets(ctx.workspace)
    if not options:
        st.info(t("exp_ab_needs"))
    else:
        info = data.dataset_choice(options, ctx.dataset, "exp_ab_dataset", ctx.presenter)
        frame = load_frame(info)
        with st.sidebar:
            setting = margin_setting(ctx.presenter, frame, info.mapping)
        margin, _ = resolve_margin(frame, info.mapping, {}, setting)  # as campaigns resolve it
        if not ctx.presenter:
            st.caption(t("exp_ab_intro"))
        choice = ab.ab_controls(info, frame, ctx.presenter)
        if choice is not None:
            key = (home, info.id, info.content_hash, choice.variant)
            results = data.ab_results(
                *key,
                choice.metrics,
                choice.control,
                choice.covariate,
                choice.ratio,
                choice.split,
                choice.units,
            )
            if isinstance(results, Failure):
                st.error(t("exp_error", reason=failure_text(results)))
            else:
                ab.show_sample_ratio(results[0])
                for result in results:
                    ab.show_outcome(result, ctx.presenter)
                note = ab.holm_note(results)
                if note:
                    st.info(note)
                st.subheader(t("exp_decision_header"))
                for line in ab.decisions(results):
                    st.markdown(f"- {line}")
                ab_money.show_money(results, info.mapping.outcome, margin, ctx.presenter)
                segment = None if ctx.presenter else ab.segment_column(info, frame, choice.variant)
                if segment is not None:
                    found = data.segments(
                        *key, results[0].metric, segment, choice.control, choice.covariate
                    )
                    if isinstance(found, Failure):
                        st.warning(failure_text(found))
                    else:
                        ab.show_segments(found, ctx.presenter)
                date = info.mapping.date_column
                if date is not None:
                    first = results[0]
                    sequence = data.sequence(*key, first.metric, date, choice.control)
                    ab_money.show_sequence(sequence, first.metric_type, ctx.presenter)
                if not ctx.presenter:
                    ab_money.show_plan(results, data.daily_units(frame, date))

with geo_tab:
    options = data.geo_datasets(ctx.workspace)
    if not options:
        st.info(t("exp_geo_needs"))
    else:
        info = data.dataset_choice(options, ctx.dataset, "exp_geo_dataset", ctx.presenter)
        frame = load_frame(info)
        if not ctx.presenter:
            st.caption(t("exp_geo_intro"))
        choice = geo.geo_controls(info, frame)
        if choice is not None:
            result = data.geo_result(
                home,
                info.id,
                info.content_hash,
                choice.metric,
                choice.location,
                choice.date,
                choice.treated,
                choice.window,
            )
            if isinstance(result, Failure):
                st.error(t("exp_geo_failed", reason=failure_text(result)))
            else:
                geo.show_geo(result, ctx.presenter)
        if choice is not None and not ctx.presenter:
            st.subheader(t("exp_design_header"))
            durations = geo.design_durations()
            design = data.geo_design_for(
                home,
                info.id,
                info.content_hash,
                choice.metric,
                choice.location,
                choice.date,
                choice.treated,
                durations,
                choice.window[0],
            )
            if isinstance(design, Failure):
                st.warning(t("exp_design_failed", reason=failure_text(design)))
            else:
                geo.show_design(design, ctx.presenter)
