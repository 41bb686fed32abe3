"""The Planner's discount and price view: the elasticities of units, the gross profit at each
discount depth under the margin, and the discount that maximises it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.formatting import percent, ratio
from analytics.planner.elasticity import DiscountCurve, discount_curve
from analytics.planner.model import PlannerModel
from ui.cards import kpi
from ui.failures import failure_text, show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.planner import figures as planner_figures
from ui.planner.wording import band, chart_labels, whole_percent
from ui.tables import download_csv


def show_discount(model: PlannerModel, margin: float, presenter: bool) -> DiscountCurve | None:
    e = model.elasticities
    if e is None:
        st.info(failure_text(Failure(model.elasticity_note or "", model.elasticity_code)))
        return None
    cards = st.columns(3)
    if e.price is not None and e.price_ci:
        kpi(
            cards[0],
            t("plan_kpi_price_el"),
            ratio(e.price),
            band(e.price_ci, ratio),
        )
    if e.discount is None or not e.discount_ci:
        st.info(t("plan_no_discount_el"))
        return None
    kpi(
        cards[1],
        t("plan_kpi_discount_el"),
        ratio(e.discount),
        band(e.discount_ci, ratio),
    )
    try:
        curve = discount_curve(e, margin)
    except UserInputError as exc:
        show_failure(exc)
        return None
    kpi(
        cards[2],
        t("plan_kpi_best"),
        percent(curve.best, 0),
        band(curve.best_ci, whole_percent),
    )
    labels = chart_labels(
        band="plan_legend_band",
        profit="plan_legend_profit",
        best="plan_legend_best",
        margin="plan_legend_margin",
    )
    title = t("plan_discount_chart", margin=percent(margin, 0))
    st.plotly_chart(
        planner_figures.discount_profit(curve, labels, presenter=presenter, title=title),
        config=chart_config(),
    )
    st.markdown(discount_text(e.price, e.discount, curve))
    st.caption(t("plan_discount_convention"))
    if not presenter:
        table = pd.DataFrame(
            {
                t("plan_col_discount"): curve.discounts,
                t("plan_col_profit_ratio"): curve.profit_ratio,
                t("plan_col_profit_lo"): curve.profit_ratio_lo,
                t("plan_col_profit_hi"): curve.profit_ratio_hi,
            }
        )
        download_csv(table, "discount_profit.csv")
    return curve


def discount_text(price: float | None, discount: float, curve: DiscountCurve) -> str:
    lines = []
    if price is not None:
        lines.append(t("plan_price_text", price=ratio(price, 1, signed=True)))
    lines.append(
        t(
            "plan_discount_text",
            ten=ratio(0.9**discount),
            margin=percent(curve.margin, 0),
            best=percent(curve.best, 0),
            lo=percent(curve.best_ci[0], 0),
            hi=percent(curve.best_ci[1], 0),
            ratio=percent(curve.best_ratio, 0),
        )
    )
    return " ".join(lines)
