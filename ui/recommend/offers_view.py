"""Offers per segment: for each RFM segment of the Customers page, the items to feature (those
its customers favour over everyone's purchases), a sentence and a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.recommend.lines import LogColumns
from analytics.recommend.segment_offers import (
    DEFAULT_MIN_BUYERS,
    DEFAULT_TOP_ITEMS,
    FALSE_DISCOVERY_RATE,
    SegmentItems,
    SegmentOffers,
)
from analytics.workspace import DatasetInfo
from ui.customers.view import segment_name
from ui.failures import show_failure
from ui.i18n import t
from ui.recommend import cached
from ui.recommend.basket import show_left_out
from ui.recommend.settings import number_setting
from ui.safe import md
from ui.tables import show_table

SENTENCE_ITEMS = 3
RATE = f"{FALSE_DISCOVERY_RATE:.0%}"


def show_segment_offers(info: DatasetInfo, columns: LogColumns, presenter: bool) -> None:
    if columns.customer is None or columns.date is None:
        st.info(t("rec_offers_needs_customer_date"))
        return
    min_buyers, top = _settings(presenter)
    result = cached.offers(info, columns, min_buyers, top)
    if isinstance(result, Failure):
        show_failure(result)
        return
    if not presenter:
        st.caption(t("rec_offers_intro", as_of=result.as_of, customers=f"{result.customers:,}"))
    listed = [i for s in result.segments for i in s.items]
    some_real = any(i.beyond_chance for i in listed)
    if listed and not some_real:
        st.info(t("rec_offers_all_chance", rate=RATE))
    for segment in result.segments:
        st.markdown("- " + segment_sentence(segment, result.min_buyers, caveat=some_real))
    if not listed:
        st.info(t("rec_offers_none", min_buyers=result.min_buyers))
    elif not presenter:  # presenting, the sentences carry it: a row per segment and item is long
        show_table(offers_table(result), "segment_offers.csv", key="rec_offers_csv")
    st.caption(t("rec_offers_lift_caption", min_buyers=result.min_buyers, rate=RATE))
    show_left_out(result.dropped)


def _settings(presenter: bool) -> tuple[int, int]:
    """The minimum buyers in a segment and the items per segment."""
    left, right = st.columns(2) if not presenter else (None, None)
    min_buyers = number_setting(
        left,
        "rec_min_buyers",
        DEFAULT_MIN_BUYERS,
        (1, 10_000),
        presenter,
        label=t("rec_min_buyers"),
        step=1,
        help=t("rec_min_buyers_help"),
    )
    top = number_setting(
        right,
        "rec_offer_items",
        DEFAULT_TOP_ITEMS,
        (1, 20),
        presenter,
        label=t("rec_offer_items"),
        step=1,
    )
    return int(min_buyers), int(top)


def segment_sentence(segment: SegmentItems, min_buyers: int, *, caveat: bool = True) -> str:
    """The segment, its size and revenue, and the items to feature (or that none stands out);
    with ``caveat``, a word when none of its items stands clear of chance."""
    who = t(
        "rec_offer_segment",
        segment=segment_name(segment.segment),
        customers=f"{segment.customers:,}",
        revenue=f"{segment.revenue_share:.0%}",
    )
    if not segment.items:
        return who + t("rec_offer_nothing", min_buyers=min_buyers)
    items = [
        t("rec_offer_item", item=md(i.item), share=f"{i.share:.0%}", lift=f"{i.lift:.2f}")
        for i in segment.items[:SENTENCE_ITEMS]
    ]
    sentence = who + t("rec_offer_feature", items=t("rec_list_separator").join(items))
    if caveat and not any(i.beyond_chance for i in segment.items):
        sentence += " " + t("rec_offer_chance")
    return sentence


def offers_table(result: SegmentOffers) -> pd.DataFrame:
    """One row per segment and featured item, highest lift first within a segment."""
    rows = [
        (segment_name(s.segment), rank, i.item, i.buyers, i.share, i.overall_share, i.lift, i)
        for s in result.segments
        for rank, i in enumerate(s.items, start=1)
    ]
    frame = pd.DataFrame(
        rows, columns=["segment", "rank", "item", "buyers", "share", "overall", "lift", "found"]
    )
    return pd.DataFrame(
        {
            t("rec_offer_col_segment"): frame["segment"],
            t("rec_rank"): frame["rank"],
            t("rec_item"): frame["item"],
            t("rec_offer_col_buyers"): frame["buyers"],
            t("rec_offer_col_share"): [f"{v:.1%}" for v in frame["share"]],
            t("rec_offer_col_overall"): [f"{v:.1%}" for v in frame["overall"]],
            t("rec_lift"): frame["lift"].round(2),
            t("rec_offer_col_chance"): ["✓" if i.beyond_chance else "" for i in frame["found"]],
        }
    )
