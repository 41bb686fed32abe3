"""Recommendations: what sells together (association rules, bundles) and what each customer
should be offered next (recommenders evaluated against popularity on a time split), and which
items to feature for each customer segment."""

import streamlit as st

from ui.chrome import dataset_caption, page_setup
from ui.i18n import t
from ui.kinds import RECOMMENDATIONS, kind_gate
from ui.recommend.basket import show_basket
from ui.recommend.choices import choose_columns
from ui.recommend.next_view import show_next_items
from ui.recommend.offers_view import show_segment_offers

ctx = page_setup("page_recommend")
st.title(t("rec_title"))
if ctx.dataset is None:
    st.info(t("no_datasets"))
    st.stop()
info = ctx.dataset
st.markdown(dataset_caption(info))
columns = choose_columns(info, ctx.presenter)
if columns is None:  # a log without dates but with orders and items still has baskets
    kind_gate(ctx, RECOMMENDATIONS)
    st.info(t("rec_wrong_kind"))
    st.stop()

together, following, offers = st.tabs([t("rec_tab_basket"), t("rec_tab_next"), t("rec_tab_offers")])
with together:
    show_basket(info, columns, ctx.presenter)
with following:
    show_next_items(info, columns, ctx.presenter)
with offers:
    show_segment_offers(info, columns, ctx.presenter)
