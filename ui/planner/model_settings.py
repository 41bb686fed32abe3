"""What the Planner's curves are fitted with beyond the data's roles: controls (with the columns
worth adding and why) and calibration by measured lifts (the dataset's campaigns and an uploaded
file of outside lift tests)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.formatting import ratio
from analytics.ingest.roles import SPEND
from analytics.planner.calibration import LiftMeasurement, read_lift_tests
from analytics.planner.control_candidates import (
    ControlCandidate,
    control_columns,
    suggest_controls,
)
from analytics.workspace import DatasetInfo
from ui.failures import show_failure
from ui.i18n import t
from ui.numbers import column_name, in_words
from ui.safe import md
from ui.url import mirror_to_url
from ui.workspace import cached_frame, dataset_info, load_frame, workspace_home


@dataclass(frozen=True)
class ModelSettings:
    """Controls, whether to calibrate by the dataset's measured campaigns, outside lift tests."""

    controls: tuple[str, ...] = ()
    calibrate: bool = False
    lifts: tuple[LiftMeasurement, ...] = ()


@st.cache_data(max_entries=16, show_spinner=False)
def _candidates(home: str, dataset_id: str, content_hash: str, outcome: str):
    """Suggested controls (or the failure that prevented looking)."""
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return suggest_controls(frame, info.mapping, outcome)
    except UserInputError as exc:
        return Failure.of(exc)


def model_settings(info: DatasetInfo, outcome: str, presenter: bool) -> ModelSettings:
    """The settings in an expander (kept in the link, so presenter mode shows the same fit)."""
    frame = load_frame(info)
    options = control_columns(frame, info.mapping, (outcome, *info.mapping.columns(SPEND)))
    _seed_from_url(options)
    lifts: tuple[LiftMeasurement, ...] = ()
    if not presenter:
        with st.expander(t("plan_settings"), expanded=bool(st.session_state["pl_controls"])):
            st.multiselect(
                t("plan_controls"),
                options,
                key="pl_controls",
                format_func=column_name,
                help=t("plan_controls_help"),
            )
            _show_candidates(_candidates(workspace_home(), info.id, info.content_hash, outcome))
            st.checkbox(t("plan_calibrate"), key="pl_calibrate", help=t("plan_calibrate_help"))
            lifts = _uploaded_lifts()
    controls = list(st.session_state["pl_controls"])
    calibrate = bool(st.session_state["pl_calibrate"])
    mirror_to_url("pl_controls", controls, [])
    mirror_to_url("pl_calibrate", "1" if calibrate else None)
    return ModelSettings(tuple(controls), calibrate, lifts)


def _seed_from_url(options: list[str]) -> None:
    """Controls and the calibration switch from the link, once per session."""
    if "pl_controls" not in st.session_state:
        wanted = st.query_params.get_all("pl_controls")
        st.session_state["pl_controls"] = [c for c in wanted if c in options]
    st.session_state["pl_controls"] = [c for c in st.session_state["pl_controls"] if c in options]
    st.session_state.setdefault("pl_calibrate", st.query_params.get("pl_calibrate") == "1")


def _show_candidates(candidates: tuple[ControlCandidate, ...] | Failure) -> None:
    if isinstance(candidates, Failure):
        return
    if not candidates:
        st.caption(t("plan_controls_none"))
    for c in candidates:
        st.caption(
            t(
                "plan_controls_suggested",
                column=md(column_name(c.column)),
                channel=md(in_words(c.channel)),
                spend=ratio(c.with_spend, signed=True),
                outcome=ratio(c.with_outcome, signed=True),
            )
        )


def _uploaded_lifts() -> tuple[LiftMeasurement, ...]:
    upload = st.file_uploader(
        t("plan_lift_upload"), type=["csv"], key="pl_lifts", help=t("plan_lift_upload_help")
    )
    if upload is None:
        return ()
    try:
        return read_lift_tests(upload)
    except UserInputError as exc:
        show_failure(exc)
        return ()
