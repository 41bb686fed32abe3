"""The Experiments page's two tabs, each from its dataset to its conclusions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.experiments.results import ABResult
from analytics.ingest.roles import EXPERIMENT
from analytics.lift.roi import resolve_margin
from analytics.workspace import DatasetInfo
from ui.chrome import PageContext
from ui.experiments import ab, ab_money, data, geo
from ui.failures import failure_text
from ui.i18n import t
from ui.kinds import EXPERIMENTS, kind_of, offer_fitting_datasets
from ui.safe import md
from ui.settings import margin_setting
from ui.workspace import dataset_name, load_frame


def show_ab_tab(ctx: PageContext, home: str) -> None:
    """The A/B test: sample-ratio check, outcomes, decision, money, segments, monitoring, plan."""
    options = data.ab_datasets(ctx.workspace)
    if not options:
        st.info(t("exp_ab_needs"))
        return
    info = data.dataset_choice(options, ctx.dataset, "exp_ab_dataset", ctx.presenter)
    active = ctx.dataset
    if not ctx.presenter and active is not None and kind_of(active) != EXPERIMENT:
        # Say what is shown instead of the active dataset, and where the other experiments are.
        st.info(
            t(
                "exp_ab_active_not_experiment",
                active=md(dataset_name(active)),
                shown=md(dataset_name(info)),
            )
        )
        offer_fitting_datasets(ctx, EXPERIMENTS, kinds=(EXPERIMENT,))
    frame = load_frame(info)
    with st.sidebar:
        setting = margin_setting(ctx.presenter, frame, info.mapping)
    margin, _ = resolve_margin(frame, info.mapping, {}, setting)  # as campaigns resolve it
    if not ctx.presenter:
        st.caption(t("exp_ab_intro"))
    choice = ab.ab_controls(info, frame, ctx.presenter)
    if choice is None:
        return
    key = (home, info.id, info.content_hash, choice.variant)
    results = data.ab_results(
        *key,
        choice.metrics,
        choice.control,
        choice.covariate,
        choice.ratio,
        choice.split,
        choice.units,
        choice.spreads,
    )
    if isinstance(results, Failure):
        st.error(t("exp_error", reason=failure_text(results)))
        return
    ab.show_sample_ratio(results[0])  # before any result
    for result in results:
        ab.show_outcome(result, ctx.presenter)
    note = ab.holm_note(results)
    if note:
        st.info(note)
    st.subheader(t("exp_decision_header"))
    for line in ab.decisions(results):
        st.markdown(f"- {line}")
    date = info.mapping.date_column
    daily = data.daily_units(frame, date)
    ab_money.show_money(results, info.mapping.outcome, margin, ctx.presenter, daily)
    if not ctx.presenter:
        _segments(info, frame, key, results, choice)
    if date is not None:
        _monitoring(key, results, date, choice.control, ctx.presenter)
    if not ctx.presenter:
        ab_money.show_plan(results, daily)


def _segments(
    info: DatasetInfo,
    frame: pd.DataFrame,
    key: tuple[str, str, str, str],
    results: tuple[ABResult, ...],
    choice: ab.ABChoice,
) -> None:
    """Every outcome (ratios aside) by segment, when the user picks a column to split by."""
    segment = ab.segment_column(info, frame, choice.variant)
    metrics = tuple(r.metric for r in results if r.denominator is None)
    if segment is None or not metrics:
        return
    found = data.segments(*key, metrics, segment, choice.control, choice.covariate)
    if isinstance(found, Failure):
        st.warning(failure_text(found))
    else:
        ab.show_segments(found, presenter=False)


def _monitoring(
    key: tuple[str, str, str, str],
    results: tuple[ABResult, ...],
    date: str,
    control: str,
    presenter: bool,
) -> None:
    """The confidence sequence of every outcome (ratios aside) by assignment day."""
    st.subheader(t("exp_seq_header"))
    for result in (r for r in results if r.denominator is None):
        sequence = data.sequence(*key, result.metric, date, control)
        ab_money.show_sequence(sequence, result.metric_type, presenter)


def show_geo_tab(ctx: PageContext, home: str) -> None:
    """The geo test: choices, the synthetic control's effect, and the design of a next test."""
    options = data.geo_datasets(ctx.workspace)
    if not options:
        st.info(t("exp_geo_needs"))
        return
    info = data.dataset_choice(options, ctx.dataset, "exp_geo_dataset", ctx.presenter)
    frame = load_frame(info)
    if not ctx.presenter:
        st.caption(t("exp_geo_intro"))
    choice = geo.geo_controls(info, frame)
    key = (
        home,
        info.id,
        info.content_hash,
        choice.metric,
        choice.location,
        choice.date,
    )
    if choice.ready:
        result = data.geo_result(*key, choice.treated, choice.window)
        if isinstance(result, Failure):
            st.error(t("exp_geo_failed", reason=failure_text(result)))
        else:
            geo.show_geo(result, ctx.presenter)
    else:
        st.info(t("exp_geo_choose"))
    if not ctx.presenter:
        _geo_design(key, choice)


def _geo_design(key: tuple[str, ...], choice: geo.GeoChoice) -> None:
    """How small a lift a test would detect: on the chosen markets, and the market sets a
    search over history finds best, for each test length."""
    # A test already run would read as a placebo's error: design from the history before it.
    before = choice.window[0] if choice.ready else None
    if choice.ready:
        st.subheader(t("exp_design_header"))
        durations = geo.design_durations()
        design = data.geo_design_for(*key, choice.treated, durations, before)
        if isinstance(design, Failure):
            st.warning(t("exp_design_failed", reason=failure_text(design)))
        else:
            geo.show_design(design, presenter=False)
        st.subheader(t("exp_search_header"))
    else:
        st.subheader(t("exp_search_header"))
        durations = geo.design_durations()
    sizes = geo.design_sizes()
    if not sizes or not durations:
        st.info(t("exp_search_choose"))
        return
    found = data.geo_design_for(*key, (), durations, before, sizes)
    if isinstance(found, Failure):
        st.warning(t("exp_design_failed", reason=failure_text(found)))
    else:
        geo.show_search(found, presenter=False)
