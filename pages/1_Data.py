"""Data: upload exports, confirm what each column means, check them, and manage datasets."""

import streamlit as st

from ui.chrome import page_setup
from ui.data.audit import audit_section
from ui.data.datasets import dataset_manager
from ui.data.upload import upload_section
from ui.i18n import t

ctx = page_setup("page_data")
st.title(t("data_title"))
if ctx.presenter:
    st.caption(t("presenter_on"))
else:
    upload_section(ctx)
    st.divider()
dataset_manager(ctx)
if not ctx.presenter:
    audit_section(ctx)
