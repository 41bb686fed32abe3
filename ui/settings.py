"""Settings several pages share, kept for the session and in the URL: the gross margin for ROI."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift.roi import DEFAULT_MARGIN, checked_margin, data_margin
from ui.failures import failure_text
from ui.i18n import t
from ui.url import mirror_to_url, widget_for


def margin_setting(presenter: bool, frame: pd.DataFrame, mapping: Mapping) -> float | None:
    """The gross margin a user set for ROI (kept for the session), or None until they set one:
    then each campaign's ROI uses the data's margin column over its segment, else the default.
    The input starts at the data's margin over all rows, else the default. A margin set is in
    the URL (key ``margin``), so a shared link shows the same ROI. A margin that
    ``checked_margin`` refuses is said under the input and not used."""
    if "margin" not in st.session_state and _url_margin() is not None:
        st.session_state["margin"] = _url_margin()
    widget = widget_for("margin")
    if "margin" not in st.session_state and widget["key"] not in st.session_state:
        found = data_margin(frame, mapping)
        st.session_state[widget["key"]] = DEFAULT_MARGIN if found is None else round(found, 2)
    if not presenter:
        # No min/max: Streamlit would hold a value outside them uncommitted, with only "Press
        # Enter to apply", and the page would go on with the old margin.
        st.number_input(
            t("margin_setting"),
            step=0.05,
            format="%.2f",
            help=t("lft_margin_help"),
            **widget,
        )
    try:
        margin = checked_margin(st.session_state.get("margin"))
    except UserInputError as exc:
        st.error(f"{failure_text(exc)} {t('margin_not_used')}")
        mirror_to_url("margin", None)
        return None
    if margin is None:
        return None
    mirror_to_url("margin", f"{margin:g}")
    return margin


def _url_margin() -> float | None:
    """The margin a link holds, if ``checked_margin`` accepts it."""
    try:
        return checked_margin(float(st.query_params.get("margin", "")))
    except (ValueError, UserInputError):
        return None
