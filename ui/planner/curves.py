"""The Planner's response curves: each channel's curve and marginal ROI, which channel the next
unit of spend returns most on, and the channels left without a curve."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.formatting import percent, ratio
from analytics.planner.model import PlannerModel
from analytics.planner.response_curves import CurvesResult, response_curves
from ui.failures import show_failure
from ui.figures import chart_config
from ui.glossary import glossary_caption
from ui.i18n import t
from ui.lift.view import roi_text
from ui.numbers import column_name, in_words, money, span
from ui.planner import figures as planner_figures
from ui.planner.trust import show_trust
from ui.planner.wording import chart_labels, period_word
from ui.safe import chart_text, md
from ui.tables import download_csv, show_table


def show_curves(model: PlannerModel, margin: float, presenter: bool) -> CurvesResult | None:
    try:
        curves = response_curves(model, margin)
    except UserInputError as exc:
        show_failure(exc)
        return None
    period = period_word(model)
    labels = chart_labels(
        band="plan_legend_band", curve="plan_legend_curve", current="plan_legend_current"
    )
    labels["spend"] = t("plan_axis_spend", period=period)
    title = t("plan_curves_chart", outcome=chart_text(column_name(model.outcome)), period=period)
    st.plotly_chart(
        planner_figures.response_curves(curves, labels, presenter=presenter, title=title),
        config=chart_config(),
    )
    for line in curves_conclusion(curves, period):
        st.markdown(line)
    title = t("plan_marginal_chart", margin=percent(margin, 0))
    st.plotly_chart(
        planner_figures.marginal_roi(curves, labels, presenter=presenter, title=title),
        config=chart_config(),
    )
    st.caption(t("plan_curves_caption", outcome=md(in_words(model.outcome)), period=period))
    glossary_caption("mroi", "saturation")
    st.caption(t(f"plan_mode_{'dates' if curves.mode == 'date effects' else 'calendar'}"))
    excluded_warnings(model)
    show_trust(model, presenter)
    if not presenter:
        table = channel_table(curves)
        show_table(
            table,
            "response_curves_channels.csv",
            label="plan_download_channels",
            money=[t("plan_col_half_sat"), t("plan_col_current")],
        )
        glossary_caption("carry_over", "half_saturation", "shape")
        download_csv(curves.table, "response_curves.csv", label="plan_download_curves")
    return curves


def excluded_warnings(model: PlannerModel) -> None:
    """Say which channels have no curve because their spend never varied enough, and why."""
    for channel, why in model.fit.exclusions.items():
        value = percent(why.value) if why.code == "flat" else percent(why.value, 0)
        st.warning(t(f"plan_excluded_{why.code}", channel=md(column_name(channel)), value=value))


def curves_conclusion(curves: CurvesResult, period: str) -> list[str]:
    known = [c for c in curves.channels if c.identifiable]
    if len(known) < 2:  # no ranking to state: one channel, or curves that cannot be told apart
        return []
    ranked = sorted(known, key=lambda c: c.marginal_roas, reverse=True)
    best, worst = ranked[0], ranked[-1]
    lines = [
        t(
            "plan_curves_conclusion",
            channel=md(in_words(best.channel)),
            roas=ratio(best.marginal_roas),
            roi=roi_text(best.marginal_roi),
            worst=md(in_words(worst.channel)),
            wroas=ratio(worst.marginal_roas),
            wroi=roi_text(worst.marginal_roi),
        )
    ]
    return lines


def channel_table(curves: CurvesResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_channel"): column_name(c.channel),
                t("plan_col_decay"): round(c.decay, 3),
                t("plan_col_decay_ci"): span(c.decay_ci, ratio),
                t("plan_col_half_sat"): round(c.half_sat),
                t("plan_col_half_sat_ci"): span(c.half_sat_ci, money),
                t("plan_col_shape"): round(c.shape, 2),
                t("plan_col_shape_ci"): span(c.shape_ci, ratio),
                t("plan_col_roas"): round(c.roas, 2),
                t("plan_col_roas_ci"): span(c.roas_ci, ratio),
                t("plan_col_current"): round(c.current_spend),
                t("plan_col_marginal_roas"): round(c.marginal_roas, 2),
                t("plan_col_marginal_roi"): roi_text(c.marginal_roi),
                t("plan_col_marginal_roi_ci"): span(c.marginal_roi_ci, roi_text),
            }
            for c in curves.channels
        ]
    )
