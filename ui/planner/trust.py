"""How far the Planner's curves can be trusted: the controls they hold fixed, the channels whose
effect the data cannot separate from zero (and what would identify them), and what calibration
by lift tests changed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.formatting import ratio
from analytics.planner.budget import BudgetResult
from analytics.planner.cautions import DISAGREES
from analytics.planner.curve_arrays import history_roas, identifiable
from analytics.planner.model import PlannerModel
from ui.i18n import t
from ui.numbers import column_name, in_words, money, span
from ui.safe import md
from ui.tables import show_table


def show_trust(model: PlannerModel, presenter: bool) -> None:
    """Controls, channels not identifiable and the calibration, under the curves."""
    if model.controls:
        st.caption(
            t("plan_controls_used", columns=", ".join(md(column_name(c)) for c in model.controls))
        )
    fit = model.fit
    for c, channel in enumerate(fit.channels):
        if not identifiable(fit, c):
            _, (lo, hi) = history_roas(fit, c)
            st.warning(
                t(
                    "plan_not_identifiable",
                    channel=md(column_name(channel)),
                    lo=ratio(lo),
                    hi=ratio(hi),
                )
                + " "
                + t("plan_identify_hint")
            )
    if fit.exclusions:
        st.caption(t("plan_identify_hint"))
    if fit.calibration:
        show_calibration(model, presenter)


def show_calibration(model: PlannerModel, presenter: bool) -> None:
    """Each calibrated channel's ROAS before and after, and the measurements that moved it."""
    fit = model.fit
    st.markdown(f"**{t('plan_calibration_title')}**")
    measured = {check.measurement.channel for check in fit.calibration}
    for c, channel in enumerate(fit.channels):
        if channel in measured and fit.uncalibrated_roas is not None:
            roas, _ = history_roas(fit, c)
            st.markdown(
                t(
                    "plan_calibration_roas",
                    channel=md(column_name(channel)),
                    before=ratio(fit.uncalibrated_roas[c]),
                    after=ratio(roas),
                )
            )
    for check in fit.calibration:
        if abs(check.z_before) > DISAGREES:
            m = check.measurement
            st.warning(
                t(
                    "plan_calibration_above_cap"
                    if check.under_bound
                    else "plan_calibration_disagrees",
                    source=md(m.source if m.kind == "campaign" else t("plan_lift_file_source")),
                    channel=md(in_words(m.channel)),
                    measured=money(m.incremental),
                    before=money(check.before),
                    z=ratio(check.z_before, 1, signed=True),
                )
            )
    if not presenter:
        show_table(
            calibration_table(model),
            "calibration.csv",
            money=[t(k) for k in ("plan_col_measured", "plan_col_before", "plan_col_after")],
        )


def calibration_table(model: PlannerModel) -> pd.DataFrame:
    rows = []
    for check in model.fit.calibration:
        m = check.measurement
        source = t("plan_lift_file_source") if m.kind == "holdout" else m.source
        rows.append(
            {
                t("plan_col_measurement"): source,
                t("plan_col_channel"): column_name(m.channel),
                t("plan_col_window"): span((m.start, m.end), str),
                t("plan_col_measured"): round(m.incremental),
                t("plan_col_measured_ci"): span((m.low, m.high), money),
                t("plan_col_before"): round(check.before),
                t("plan_col_after"): round(check.after),
            }
        )
    return pd.DataFrame(rows)


def move_unidentified_choice(model: PlannerModel, presenter: bool) -> bool:
    """The override that lets the split move channels the data cannot identify (only offered
    when there is one)."""
    fit = model.fit
    if all(identifiable(fit, c) for c in range(len(fit.channels))):
        return False
    st.session_state.setdefault("pl_move", st.query_params.get("pl_move") == "1")
    if not presenter:
        st.checkbox(t("plan_move_unidentified"), key="pl_move", help=t("plan_identify_hint"))
    moving = bool(st.session_state["pl_move"])
    if moving:
        st.query_params["pl_move"] = "1"
    elif "pl_move" in st.query_params:
        del st.query_params["pl_move"]
    return moving


def show_held(result: BudgetResult) -> None:
    """Which channels kept today's spend because the data cannot identify them, and whether the
    gain may be nothing."""
    for plan in result.channels:
        if plan.held:
            st.info(
                t(
                    "plan_held",
                    channel=md(column_name(plan.channel)),
                    spend=money(plan.current_spend),
                )
            )
        elif not plan.identifiable:
            st.warning(t("plan_moved_anyway", channel=md(column_name(plan.channel))))
    lo, hi = result.predicted_gain_ci
    if lo <= 0 < hi:
        st.warning(t("plan_gain_includes_zero"))
