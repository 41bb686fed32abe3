"""The Planner's track record, run on request: every past campaign's predicted ROI (from the data
before it) against the ROI its lift measured."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.formatting import percent, ratio
from analytics.planner.track_record import TrackRecord
from analytics.workspace import DatasetInfo
from ui.failures import failure_text, show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.lift.view import roi_text
from ui.numbers import column_name, in_words, span
from ui.planner import figures as planner_figures
from ui.planner.cached import track_record
from ui.planner.wording import chart_labels
from ui.safe import md
from ui.tables import show_table
from ui.url import mirror_to_url, seed_from_url


def show_track(
    info: DatasetInfo, outcome: str, margin: float, presenter: bool
) -> TrackRecord | None:
    st.caption(t("plan_track_help"))
    seed_from_url("pl_track", ("1",))
    running = st.session_state.get("pl_track") == "1"
    if not presenter and not running and st.button(t("plan_track_run"), key="plan_track_button"):
        st.session_state["pl_track"] = "1"
    if st.session_state.get("pl_track") != "1":
        return None
    mirror_to_url("pl_track", "1")
    record = track_record(info, outcome, margin)
    if isinstance(record, Failure):
        show_failure(record)
        return None
    if not record.rows:
        st.info(t("plan_track_none"))
        return record
    labels = chart_labels(
        campaigns="plan_legend_campaigns",
        diagonal="plan_legend_diagonal",
        measured="plan_axis_measured",
        predicted="plan_axis_predicted",
    )
    st.plotly_chart(
        planner_figures.track_record(
            record, labels, presenter=presenter, title=t("plan_track_chart")
        ),
        config=chart_config(),
    )
    if record.median_error is not None:
        st.markdown(
            t(
                "plan_track_summary",
                error=ratio(100 * record.median_error, 0),
                covered=record.covered,
                total=len(record.compared),
            )
        )
    st.caption(t("plan_track_caveat"))
    show_misses(record)
    if not presenter:
        table = track_table(record)
        show_table(table, "track_record.csv", money=[t("plan_col_spend")])
    return record


def show_misses(record: TrackRecord) -> None:
    """Per campaign the curves did not predict, why they could not."""
    missed = [r for r in record.compared if r.missed]
    if not missed:
        return
    st.markdown(f"**{t('plan_track_why_title')}**")
    for r in missed:
        lo, hi = r.predicted_roi_ci
        st.markdown(
            t(
                f"plan_track_why_{'uplift' if r.missed == 'above' else 'below'}",
                campaign=md(r.campaign),
                channel=md(in_words(r.channel or "")),
                measured="ROI " + roi_text(r.measured_roi),
                lo=roi_text(lo),
                hi=roi_text(hi),
            )
        )


def track_table(record: TrackRecord) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_campaign"): r.campaign,
                t("plan_col_window"): span((r.start, r.end), str),
                t("plan_col_channel"): r.channel and column_name(r.channel),
                t("plan_col_spend"): round(r.spend),
                t("plan_col_discount"): percent(r.discount, 0),
                t("plan_col_predicted_roi"): None
                if r.predicted_roi is None
                else roi_text(r.predicted_roi),
                t("plan_col_predicted_roi_ci"): None
                if r.predicted_roi_ci is None
                else span(r.predicted_roi_ci, roi_text),
                t("plan_col_measured_roi"): None
                if r.measured_roi is None
                else roi_text(r.measured_roi),
                t("plan_col_note"): failure_text(r.note, markdown=False) if r.note else "",
            }
            for r in record.rows
        ]
    )
