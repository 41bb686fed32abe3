"""The Overview's alerts: what the active dataset's latest import raised (spend above its plan,
new periods outside the forecast band, stock below the lead time), in the reader's language."""

from __future__ import annotations

import streamlit as st

from analytics.alerts import OUTCOME_OUTSIDE_BAND, SPEND_ABOVE_PLAN, Alert, import_alerts
from analytics.formatting import count, percent, plain
from analytics.workspace import DatasetInfo
from ui.i18n import t
from ui.numbers import column_name, money, span
from ui.workspace import open_workspace, workspace_home


@st.cache_data(max_entries=16, show_spinner=False)
def cached_alerts(home: str, dataset_id: str, content_hash: str) -> tuple[Alert, ...]:
    return import_alerts(open_workspace(home), dataset_id)


def import_alerts_section(info: DatasetInfo) -> None:
    """One warning per alert of the dataset's latest import; nothing when there is none."""
    with st.spinner(t("alerts_checking")):
        found = cached_alerts(workspace_home(), info.id, info.content_hash)
    for alert in found:
        st.warning(alert_text(alert), icon=":material/warning:")


def alert_text(alert: Alert) -> str:
    p = alert.params
    if alert.code == SPEND_ABOVE_PLAN:
        return t(
            "alert_spend_above_plan",
            start=p["start"],
            end=p["end"],
            actual=money(p["actual"]),
            planned=money(p["planned"]),
            over=percent(p["over"], 0),
        )
    if alert.code == OUTCOME_OUTSIDE_BAND:
        return t(
            "alert_outcome_outside_band",
            metric=column_name(p["metric"], in_sentence=True),
            date=p["date"],
            actual=plain(p["actual"]),
            band=span((p["low"], p["high"]), plain),
            periods=count(p["periods"]),
            checked=count(p["checked"]),
        )
    return t(
        "alert_stock_below_lead_time",
        column=column_name(p["column"], in_sentence=True),
        stock=count(p["stock"]),
        date=p["date"],
        days=plain(p["days_of_cover"], 2),
        lead=plain(p["lead_time_days"], 2),
    )
