"""The profit bridge on screen: a waterfall from incremental revenue to incremental profit and a
"How is this computed?" expander with each step's formula and this estimate's numbers."""

from __future__ import annotations

import streamlit as st

from analytics.formatting import percent, ratio
from analytics.lift.profit import ProfitBridge
from ui import figures
from ui.i18n import t
from ui.lift import figures as lift_figures
from ui.numbers import in_words, money
from ui.safe import chart_text, md


def show_bridge(bridge: ProfitBridge, metric: str, *, presenter: bool, chart: bool = True) -> None:
    """The waterfall (with ``chart``, when there is spend to charge) and the expander with every
    formula (not in presenter mode, where the waterfall carries the numbers)."""
    if chart and bridge.incremental_profit is not None:
        labels, values, totals = waterfall_steps(bridge)
        title = t(
            "lft_wf_title", metric=chart_text(in_words(metric)), margin=percent(bridge.margin, 0)
        )
        fig = lift_figures.profit_waterfall(
            labels, values, totals, title=title, presenter=presenter
        )
        st.plotly_chart(fig, config=figures.chart_config())
    if presenter:
        return
    with st.expander(t("lft_bridge_how")):
        for line in bridge_lines(bridge, metric):
            st.markdown(f"- {line}")


def waterfall_steps(
    bridge: ProfitBridge,
) -> tuple[tuple[str, ...], tuple[float, ...], tuple[bool, ...]]:
    """Bars of the waterfall: label, amount, and whether it is a subtotal drawn from zero. The
    discount on sales that would have happened anyway is inside the incremental revenue: it is
    added back before the gross profit and charged on its own bar (no bars without a discount)."""
    gross, cost = bridge.incremental_gross_profit, bridge.discount_cost
    goods = gross - bridge.incremental_revenue - cost
    steps = [(t("lft_wf_revenue"), bridge.incremental_revenue, False)]
    steps += [(t("lft_wf_moved"), cost, False)] if cost else []
    steps += [(t("lft_wf_goods"), goods, False), (t("lft_wf_gross"), gross, True)]
    steps += [(t("lft_wf_discount"), -cost, False)] if cost else []
    steps += [
        (t("lft_wf_spend"), -(bridge.spend or 0.0), False),
        (t("lft_wf_profit"), bridge.incremental_profit or 0.0, True),
    ]
    labels, values, totals = zip(*steps, strict=True)
    return labels, values, totals


def bridge_lines(bridge: ProfitBridge, metric: str) -> list[str]:
    """Each step's formula with this estimate's numbers, in the current language."""
    revenue, gross = bridge.incremental_revenue, bridge.incremental_gross_profit
    given, cost = bridge.discount_given, bridge.discount_cost
    lines = [
        t(
            "lft_bridge_revenue",
            metric=md(in_words(metric)),
            actual=_amount(bridge.baseline_revenue + revenue),
            baseline=_amount(bridge.baseline_revenue),
            value=_amount(revenue),
        ),
        t(
            "lft_bridge_gross",
            margin=percent(bridge.margin, 0),
            unit_cost=percent(1 - bridge.margin, 0),
            revenue=_amount(revenue),
            given=_amount(given),
            cost=_amount(cost),
            value=_amount(gross),
        ),
        t(
            "lft_bridge_discount",
            rate=percent(bridge.discount_rate),
            baseline=_amount(bridge.baseline_revenue),
            value=_amount(cost),
        ),
    ]
    if bridge.spend is None or bridge.incremental_profit is None:
        return [*lines, t("lft_bridge_no_spend")]
    profit, spend = bridge.incremental_profit, bridge.spend
    return [
        *lines,
        t(
            "lft_bridge_profit",
            gross=_amount(gross),
            cost=_amount(cost),
            spend=_amount(spend),
            value=_amount(profit),
        ),
        t(
            "lft_bridge_ratios",
            profit=_amount(profit),
            revenue=_amount(revenue),
            spend=_amount(spend),
            roi=_minus(percent(bridge.roi, 0, signed=True)),
            roas=ratio(bridge.roas),
        ),
    ]


def _amount(value: float) -> str:
    """An amount in a formula: thousands separators, a true minus sign for negatives."""
    return _minus(money(value))


def _minus(text: str) -> str:
    """A formula's numbers with the minus sign of its operators."""
    return text.replace("-", "−")
