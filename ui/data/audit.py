"""The Data page's audit log: every write to the workspace, newest first, with a CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.audit import LOCAL_ACTOR, AuditEntry
from ui.chrome import PageContext
from ui.i18n import t
from ui.tables import show_table


def audit_section(ctx: PageContext) -> None:
    with st.expander(t("audit_header")):
        st.caption(t("audit_caption"))
        log = ctx.workspace.audit_log()
        if not log:
            st.info(t("audit_empty"))
            return
        show_table(audit_table(log), "audit_log.csv", key="download_audit_log")


def audit_table(log: list[AuditEntry]) -> pd.DataFrame:
    return pd.DataFrame({
        t("audit_col_time"): [e.at.strftime("%Y-%m-%d %H:%M:%S") for e in log],
        t("append_col_user"): [_local_or(e.user, LOCAL_ACTOR.user, "append_user_local")
                               for e in log],
        t("audit_col_role"): [_local_or(e.role, LOCAL_ACTOR.role, "audit_role_admin") for e in log],
        t("audit_col_team"): [_local_or(e.team, LOCAL_ACTOR.team, "audit_team_local") for e in log],
        t("audit_col_action"): [t(f"audit_action_{e.action}") for e in log],
        t("col_name"): [e.dataset_name or "" for e in log],
        t("audit_col_batch"): [e.batch or "" for e in log],
    })  # fmt: skip


def _local_or(value: str, local: str, key: str) -> str:
    """Local mode's own user, role and team in the reader's language; others as recorded."""
    return t(key) if value == local else value
