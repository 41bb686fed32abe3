"""Data: upload exports, confirm what each column means, check them, and manage datasets."""

import streamlit as st

from analytics.access import READ_AUDIT
from analytics.audit import SAVE
from ui.chrome import page_setup
from ui.data.audit import audit_section
from ui.data.datasets import dataset_manager
from ui.data.upload import upload_section
from ui.i18n import t
from ui.signin import can

ctx = page_setup("page_data")
st.title(t("data_title"))
if ctx.presenter:
    st.caption(t("presenter_on"))
elif can(ctx.workspace, SAVE):
    upload_section(ctx)
    st.divider()
else:
    st.info(t("role_reads_only", team=ctx.workspace.actor.team))
dataset_manager(ctx)
if not ctx.presenter and can(ctx.workspace, READ_AUDIT):
    audit_section(ctx)
