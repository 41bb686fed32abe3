"""The Customers page's tables, sentences and charts from a result: headline numbers, the RFM
segments, lifetime value per segment, the model's parameters and the holdout check."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.customers.analysis import CustomersResult
from analytics.customers.holdout import HoldoutCheck
from analytics.customers.rfm import SEGMENTS
from analytics.formatting import count, percent
from ui.customers import figures as charts
from ui.i18n import t
from ui.numbers import money
from ui.tables import show_table


def segment_name(segment: str) -> str:
    return t(f"seg_{segment}")


def headline(result: CustomersResult) -> None:
    cards = st.columns(4)
    cards[0].metric(t("cus_kpi_customers"), f"{result.customers:,}")
    cards[1].metric(t("cus_kpi_purchases"), f"{result.purchases:,}")
    cards[2].metric(
        t("cus_kpi_clv", weeks=f"{result.value_settings.horizon_weeks:g}"),
        money(result.total_clv),
    )
    cards[3].metric(t("cus_kpi_alive"), f"{result.table['p_alive'].mean():.0%}")


def rfm_sentences(result: CustomersResult) -> list[str]:
    """The segment bringing the most revenue per customer, and the segments worth winning back."""
    segments = result.rfm.segments
    total = sum(s.customers for s in segments)
    top = max(segments, key=lambda s: s.revenue_share)
    lines = [
        t(
            "cus_top_segment",
            segment=segment_name(top.segment),
            customers=f"{top.customers / total:.0%}",
            revenue=f"{top.revenue_share:.0%}",
        )
    ]
    risky = [s for s in segments if s.segment in ("at_risk", "cant_lose")]
    if risky:
        lines.append(
            t(
                "cus_at_risk",
                customers=f"{sum(s.customers for s in risky):,}",
                revenue=f"{sum(s.revenue_share for s in risky):.0%}",
            )
        )
    return lines


def segment_map_chart(result: CustomersResult, presenter: bool) -> go.Figure:
    table = result.rfm.table
    counts = table.groupby(["r", "f"]).size().to_dict()
    return charts.segment_map(
        {(int(r), int(f)): int(n) for (r, f), n in counts.items()},
        segment_name,
        title=t("cus_map_title"),
        axis_recency=t("cus_axis_recency"),
        axis_frequency=t("cus_axis_frequency"),
        presenter=presenter,
    )


def segment_share_chart(result: CustomersResult, presenter: bool) -> go.Figure:
    return charts.segment_shares(
        result.rfm.segments,
        segment_name,
        title=t("cus_shares_title"),
        customers_label=t("cus_share_customers"),
        revenue_label=t("cus_share_revenue"),
        presenter=presenter,
    )


def segment_table(result: CustomersResult) -> pd.DataFrame:
    """One row per segment: customers, revenue and its share, recency, purchases, CLV, P(alive)."""
    per_segment = result.table.groupby("segment").agg(
        clv=("clv", "mean"), alive=("p_alive", "mean")
    )
    return pd.DataFrame(
        {
            t("cus_col_segment"): [segment_name(s.segment) for s in result.rfm.segments],
            t("cus_col_customers"): [s.customers for s in result.rfm.segments],
            t("cus_col_revenue"): [round(s.revenue, 2) for s in result.rfm.segments],
            t("cus_col_revenue_share"): [
                round(100 * s.revenue_share, 1) for s in result.rfm.segments
            ],
            t("cus_col_recency"): [round(s.mean_recency_days, 1) for s in result.rfm.segments],
            t("cus_col_purchases"): [round(s.mean_purchases, 2) for s in result.rfm.segments],
            t("cus_col_clv"): [
                round(per_segment.at[s.segment, "clv"], 2) for s in result.rfm.segments
            ],
            t("cus_col_alive"): [
                round(per_segment.at[s.segment, "alive"], 3) for s in result.rfm.segments
            ],
        }
    )


def value_chart(result: CustomersResult, presenter: bool) -> go.Figure:
    per_segment = result.table.groupby("segment").agg(clv=("clv", "sum"), alive=("p_alive", "mean"))
    shown = [s for s in SEGMENTS if s in per_segment.index]
    return charts.value_by_segment(
        shown,
        [float(per_segment.at[s, "clv"]) for s in shown],
        [float(per_segment.at[s, "alive"]) for s in shown],
        segment_name,
        title=t("cus_value_title", weeks=f"{result.value_settings.horizon_weeks:g}"),
        presenter=presenter,
    )


def value_caption(result: CustomersResult) -> str:
    settings = result.value_settings
    return t(
        "cus_value_caption",
        weeks=f"{settings.horizon_weeks:g}",
        rate=f"{settings.annual_discount:.0%}",
        as_of=result.as_of,
    )


def parameter_table(result: CustomersResult) -> pd.DataFrame:
    """BG/NBD and Gamma-Gamma parameters with their standard errors."""
    rows = []
    for model, fit in (("BG/NBD", result.bgnbd), ("Gamma-Gamma", result.gamma_gamma)):
        rows += [
            (model, name, round(value, 4), round(fit.std_errors[name], 4), fit.customers)
            for name, value in fit.params.items()
        ]
    return pd.DataFrame(
        rows,
        columns=[
            t("cus_col_model"),
            t("cus_col_parameter"),
            t("cus_col_estimate"),
            t("cus_col_std_error"),
            t("cus_col_fitted_on"),
        ],
    )


def holdout_chart(check: HoldoutCheck, presenter: bool) -> go.Figure:
    return charts.holdout_chart(
        check,
        title=t("cus_holdout_title", weeks=f"{check.holdout_weeks:.0f}"),
        axis_x=t("cus_holdout_axis_x", end=check.calibration_end),
        axis_y=t("cus_holdout_axis_y"),
        predicted_label=t("cus_predicted"),
        actual_label=t("cus_actual"),
        presenter=presenter,
    )


def holdout_sentence(check: HoldoutCheck) -> str:
    gap = check.predicted_purchases / check.actual_purchases - 1 if check.actual_purchases else 0
    return t(
        "cus_holdout_sentence",
        start=check.calibration_end,
        end=check.holdout_end,
        predicted=count(check.predicted_purchases),
        actual=count(check.actual_purchases),
        gap=percent(gap, 0, signed=True),
    )


def customer_table(result: CustomersResult, presenter: bool) -> None:
    """Every customer with their scores, segment, P(alive) and CLV, highest CLV first."""
    table = result.table.sort_values("clv", ascending=False)
    shown = pd.DataFrame(
        {
            t("cus_col_customer"): table["customer"].astype(str),
            t("cus_col_segment"): table["segment"].map(segment_name),
            "R": table["r"],
            "F": table["f"],
            "M": table["m"],
            t("cus_col_recency"): table["recency_days"],
            t("cus_col_purchases"): table["purchases"],
            t("cus_col_revenue"): table["revenue"].round(2),
            t("cus_col_alive"): table["p_alive"].round(3),
            t("cus_col_clv"): table["clv"].round(2),
        }
    )
    show_table(
        shown,
        "customers_rfm_clv.csv",
        presenter=presenter,
        key="cus_customers_csv",
        money=[t("cus_col_revenue"), t("cus_col_clv")],
    )
