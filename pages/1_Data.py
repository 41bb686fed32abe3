"""Data: upload exports, confirm what each column means, check them, and manage datasets."""

import streamlit as st

from ui.chrome import page_setup
from ui.datasets import dataset_manager
from ui.i18n import t
from ui.upload import upload_section

ctx = page_setup("page_data")
st.title(t("data_title"))
if ctx.presenter:
    st.caption(t("presenter_on"))
else:
    upload_section(ctx)
    st.divider()
dataset_manager(ctx)
