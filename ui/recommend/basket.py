"""Bought together: thresholds, the rules table, the heat map of the strongest pairs and the
bundles worth offering."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.recommend.lines import Dropped, LogColumns
from analytics.recommend.rules import BasketResult
from analytics.workspace import DatasetInfo
from ui.failures import show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.recommend import cached
from ui.recommend.figures import pair_heatmap
from ui.recommend.settings import number_setting
from ui.safe import md
from ui.tables import show_table

DEFAULT_SUPPORT_PERCENT = 1.0
DEFAULT_CONFIDENCE_PERCENT = 25.0
BUNDLES = 5


def show_basket(info: DatasetInfo, columns: LogColumns, presenter: bool) -> None:
    if columns.order is None:
        st.info(t("rec_needs_order"))
        return
    support, confidence = _thresholds(presenter)
    # A guest order without a customer is still a basket; dates play no part here.
    baskets = replace(columns, customer=None, date=None)
    result = cached.basket(info, baskets, support, confidence)
    if isinstance(result, Failure):
        show_failure(result)
        return
    left, middle, right = st.columns(3)
    left.metric(t("rec_kpi_orders"), f"{result.orders:,}")
    middle.metric(t("rec_kpi_items"), f"{result.items:,}")
    right.metric(t("rec_kpi_rules"), f"{len(result.rules):,}")
    show_left_out(result.dropped)
    if not result.rules:
        st.info(t("rec_no_rules"))
        return
    st.subheader(t("rec_bundles"))
    for pair in result.bundles(BUNDLES):
        st.markdown(
            "- "
            + t(
                "rec_bundle_line",
                first=md(pair.first),
                second=md(pair.second),
                orders=f"{pair.orders:,}",
                lift=pair.lift,
            )
        )
    st.plotly_chart(
        pair_heatmap(
            result.pairs,
            presenter=presenter,
            title=t("rec_heatmap_title"),
            lift_label=t("rec_lift"),
        ),
        config=chart_config(),
    )
    st.subheader(t("rec_rules_header"))
    show_table(rules_table(result), "association_rules.csv", presenter=presenter, key="rec_rules")
    st.caption(t("rec_rules_caption"))


def _thresholds(presenter: bool) -> tuple[float, float]:
    """Minimum support and confidence as fractions."""
    left, right = st.columns(2) if not presenter else (None, None)
    support = number_setting(
        left,
        "rec_support",
        DEFAULT_SUPPORT_PERCENT,
        (0.01, 100.0),
        presenter,
        label=t("rec_min_support"),
        step=0.5,
        format="%.2f",
        help=t("rec_min_support_help"),
    )
    confidence = number_setting(
        right,
        "rec_confidence",
        DEFAULT_CONFIDENCE_PERCENT,
        (0.0, 100.0),
        presenter,
        label=t("rec_min_confidence"),
        step=5.0,
        format="%.0f",
        help=t("rec_min_confidence_help"),
    )
    return support / 100, confidence / 100


def rules_table(result: BasketResult, most: int = 500) -> pd.DataFrame:
    """The strongest rules, in the reader's words, numbers as percentages and a lift."""
    rules = result.rules[:most]
    return pd.DataFrame(
        {
            t("rec_rule_if"): [" + ".join(r.antecedent) for r in rules],
            t("rec_rule_then"): [" + ".join(r.consequent) for r in rules],
            t("rec_support"): [f"{r.support:.1%}" for r in rules],
            t("rec_confidence"): [f"{r.confidence:.0%}" for r in rules],
            t("rec_lift"): [round(r.lift, 2) for r in rules],
            t("rec_orders"): [r.orders for r in rules],
        }
    )


def show_left_out(dropped: Dropped) -> None:
    """How many lines were left out and why, naming only the reasons that occurred."""
    counts = dropped.to_dict()
    parts = [
        t(f"rec_left_out_{reason}", count=f"{counts[reason]:,}")
        for reason in ("returns", "cancelled", "no_customer", "no_item", "no_date")
        if counts[reason]
    ]
    if parts:
        st.caption(t("rec_left_out", parts=t("rec_list_separator").join(parts)))
