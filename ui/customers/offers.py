"""Offers on the Customers page: the margin (shared with the other pages), the offer for each
segment with its expected value and cost, the assumptions, and the targeting list as CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.customers.analysis import CustomersResult
from analytics.customers.offers import OFFERS, OfferPlan, plan_offers
from analytics.customers.propensity import PropensityResult
from analytics.errors import Failure, UserInputError
from analytics.lift.roi import DEFAULT_MARGIN
from analytics.workspace import DatasetInfo
from ui.customers.privacy import export_ids
from ui.customers.view import segment_name
from ui.i18n import t
from ui.numbers import money
from ui.settings import margin_setting
from ui.tables import download_csv, show_table
from ui.workspace import load_frame, workspace


def offer_name(name: str) -> str:
    return t(f"cus_offer_{name}")


def offer_plan(
    info: DatasetInfo, result: CustomersResult, scored: PropensityResult, presenter: bool
) -> OfferPlan | Failure:
    margin = margin_setting(presenter, load_frame(info), info.mapping) or DEFAULT_MARGIN
    propensity = pd.Series(scored.future_scores, index=scored.future_ids.astype(str))
    try:
        return plan_offers(result.table, propensity, margin)
    except UserInputError as exc:
        return Failure.of(exc)


def plan_sentence(plan: OfferPlan) -> str:
    sent = sum(s.targeted for s in plan.segments)
    return t(
        "cus_offers_sentence",
        sent=f"{sent:,}",
        value=money(plan.expected_value),
        cost=money(plan.cost),
        margin=f"{plan.margin:.0%}",
    )


def segment_offers_table(plan: OfferPlan) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("cus_col_segment"): [segment_name(s.segment) for s in plan.segments],
            t("cus_col_customers"): [s.customers for s in plan.segments],
            t("cus_col_propensity"): [round(s.propensity, 3) for s in plan.segments],
            t("cus_col_discount_share"): [round(s.discount_share, 3) for s in plan.segments],
            t("cus_col_clv"): [round(s.clv, 2) for s in plan.segments],
            t("cus_col_offer"): [offer_name(s.offer) for s in plan.segments],
            t("cus_col_targeted"): [s.targeted for s in plan.segments],
            t("cus_col_expected_value"): [round(s.expected_value, 2) for s in plan.segments],
            t("cus_col_cost"): [round(s.cost, 2) for s in plan.segments],
        }
    )


def assumptions_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("cus_col_offer"): [offer_name(o.name) for o in OFFERS],
            t("cus_col_discount_given"): [f"{o.discount:.0%}" for o in OFFERS],
            t("cus_col_uplift"): [f"{o.uplift:+.0%}" for o in OFFERS],
            t("cus_col_contact_cost"): [o.contact_cost for o in OFFERS],
        }
    )


def targeting_download(info: DatasetInfo, plan: OfferPlan) -> None:
    """The targeting list as CSV (formula-looking cells neutralised by ui.safe.csv_bytes), with
    the original customer ids only when the user asks for them."""
    targets = plan.targets.sort_values("expected_value", ascending=False)
    ids = export_ids(workspace(), info.id, targets["customer"].astype(str))
    shown = pd.DataFrame(
        {
            "customer_id": ids,
            "segment": targets["segment"],
            "p_alive": targets["p_alive"].round(4),
            "clv": targets["clv"].round(2),
            "propensity": targets["propensity"].round(4),
            "suggested_offer": targets["offer"],
            "expected_value": targets["expected_value"].round(2),
            "cost": targets["cost"].round(2),
        }
    )
    download_csv(shown, "targeting_list.csv", label="cus_download_targets", key="cus_targets_csv")


def show_offers(info: DatasetInfo, plan: OfferPlan, presenter: bool) -> None:
    st.markdown(plan_sentence(plan))
    money = [t(key) for key in ("cus_col_clv", "cus_col_expected_value", "cus_col_cost")]
    show_table(segment_offers_table(plan), presenter=presenter, money=money)
    if not presenter:
        targeting_download(info, plan)
        with st.expander(t("cus_assumptions")):
            st.caption(t("cus_assumptions_caption"))
            show_table(assumptions_table())
