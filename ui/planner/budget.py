"""The Planner's budget split: the budget and its period, per-channel limits kept in the link,
the proposed split against today's, and the predicted gain in incremental profit."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.formatting import percent, ratio
from analytics.planner.budget import DEFAULT_DAYS, BudgetResult, budget_periods, optimise_budget
from analytics.planner.model import PlannerModel
from ui.cards import kpi
from ui.failures import show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.numbers import column_name, in_words, money, span
from ui.planner import figures as planner_figures
from ui.planner.choices import choose, json_amount, json_object, mirror_number, number_from_url
from ui.planner.curves import excluded_warnings
from ui.planner.trust import move_unidentified_choice, show_held
from ui.planner.wording import band, chart_labels, signed_money
from ui.safe import md
from ui.tables import show_table
from ui.url import mirror_to_url

DAYS = (28, 56, 91, 182, 364)


def show_budget(model: PlannerModel, margin: float, presenter: bool) -> BudgetResult | None:
    days, budget = budget_choice(model, presenter)
    low, high = _limits(model, presenter)
    move = move_unidentified_choice(model, presenter)
    try:
        result = optimise_budget(
            model,
            budget,
            days=days,
            minimum=low,
            maximum=high,
            margin=margin,
            move_unidentified=move,
        )
    except UserInputError as exc:
        show_failure(exc)
        return None
    cards = st.columns(3)
    lo, hi = result.predicted_gain_ci
    kpi(
        cards[0],
        t("plan_kpi_gain"),
        money(result.predicted_gain, signed=True),
        band((lo, hi), signed_money),
    )
    cards[1].metric(t("plan_kpi_profit_now"), money(result.profit_current))
    cards[2].metric(t("plan_kpi_profit_new"), money(result.profit_proposed))
    labels = chart_labels(
        now="plan_legend_now", proposed="plan_legend_proposed", mroi="plan_mroi_short"
    )
    title = t("plan_budget_chart", days=days)
    st.plotly_chart(
        planner_figures.budget_split(result, labels, presenter=presenter, title=title),
        config=chart_config(),
    )
    st.markdown(budget_conclusion(result))
    show_held(result)
    st.caption(
        t("plan_profit_convention", outcome=md(in_words(model.outcome)), margin=percent(margin, 0))
    )
    if result.differs_from_today:
        current_total = sum(c.current_spend for c in result.channels)
        st.caption(t("plan_budget_differs", budget=money(budget), current=money(current_total)))
    excluded_warnings(model)
    if not presenter:
        table = budget_table(result)
        show_table(
            table,
            "budget_split.csv",
            money=[
                t(key)
                for key in (
                    "plan_col_current",
                    "plan_col_proposed",
                    "plan_col_revenue_now",
                    "plan_col_revenue_proposed",
                )
            ],
        )
    return result


def budget_choice(model: PlannerModel, presenter: bool) -> tuple[int, float]:
    """The budget's period in days and the budget (default: today's spend rate over it), both
    in the URL."""
    days_options = [str(d) for d in DAYS]
    days = int(
        choose(
            "pl_days",
            days_options,
            str(DEFAULT_DAYS),
            t("plan_days"),
            lambda d: t("plan_days_value", days=d),
            presenter,
        )
    )
    periods = budget_periods(days, model.frequency)
    current = float(model.fit.recent_spend.sum() * periods)
    default = float(round(current, -3) or round(current))
    number_from_url("pl_budget", default, 0.0, 1e15)
    if not presenter:
        st.number_input(
            t("plan_budget"),
            min_value=0.0,
            step=max(1000.0, round(default / 100, -3)),
            format="%.0f",
            key="pl_budget",
        )
    budget = float(st.session_state["pl_budget"])
    mirror_number("pl_budget", budget, default)
    if not presenter:
        st.caption(t("plan_budget_reads", amount=money(budget)))
    st.caption(t("plan_budget_help", current=money(current), days=days))
    return days, budget


def _limits(model: PlannerModel, presenter: bool) -> tuple[dict[str, float], dict[str, float]]:
    """Per-channel minimum and maximum: an editable table, seeded from the link (pl_limits) and
    kept in it, so a shared link shows the same split."""
    key = f"plan_limits_{'|'.join(model.channels)}"
    if key not in st.session_state:
        low, high = limits_from_url(st.query_params.get("pl_limits"), model.channels)
        st.session_state[key] = pd.DataFrame(
            {
                "channel": list(model.channels),
                "minimum": [low.get(c) for c in model.channels],
                "maximum": [high.get(c) for c in model.channels],
            }
        ).astype({"minimum": "float", "maximum": "float"})
    rows = st.session_state[key]
    if not presenter:
        with st.expander(t("plan_limits")):
            rows = st.data_editor(
                rows.assign(name=[column_name(c) for c in rows["channel"]]),
                key=f"{key}_editor",
                hide_index=True,
                disabled=["name"],
                column_order=["name", "minimum", "maximum"],
                column_config={
                    "name": st.column_config.TextColumn(t("plan_col_channel")),
                    "minimum": st.column_config.NumberColumn(
                        t("plan_col_min"), min_value=0.0, format="%.0f"
                    ),
                    "maximum": st.column_config.NumberColumn(
                        t("plan_col_max"), min_value=0.0, format="%.0f"
                    ),
                },
            )
    low = {r["channel"]: float(r["minimum"]) for _, r in rows.iterrows() if pd.notna(r["minimum"])}
    high = {r["channel"]: float(r["maximum"]) for _, r in rows.iterrows() if pd.notna(r["maximum"])}
    mirror_to_url("pl_limits", limits_to_url(low, high), state=[key, f"{key}_editor"])
    return low, high


def limits_to_url(low: dict[str, float], high: dict[str, float]) -> str | None:
    """{"channel": [minimum or null, maximum or null], ...} as compact JSON (None if no limit)."""
    channels = [c for c in {**low, **high}]
    if not channels:
        return None
    data = {c: [low.get(c), high.get(c)] for c in channels}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def limits_from_url(
    text: str | None, channels: tuple[str, ...]
) -> tuple[dict[str, float], dict[str, float]]:
    """The limits a link holds, keeping only known channels and non-negative numbers."""
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    for channel, pair in json_object(text).items():
        if channel not in channels or not isinstance(pair, list) or len(pair) != 2:
            continue
        for target, value in zip((low, high), pair, strict=True):
            if (amount := json_amount(value)) is not None:
                target[channel] = amount
    return low, high


def budget_conclusion(result: BudgetResult) -> str:
    """The channels whose share of the budget rises and falls most, and the predicted gain."""
    now = sum(c.current_spend for c in result.channels) or 1.0
    change = {
        c.channel: c.proposed_spend / result.budget - c.current_spend / now for c in result.channels
    }
    up, down = max(change, key=change.__getitem__), min(change, key=change.__getitem__)
    lo, hi = result.predicted_gain_ci
    if change[up] < 0.02:
        return t("plan_budget_no_change")
    return t(
        "plan_budget_conclusion",
        up=md(in_words(up)),
        down=md(in_words(down)),
        gain=money(result.predicted_gain, signed=True),
        lo=money(lo, signed=True),
        hi=money(hi, signed=True),
        days=result.days,
        margin=percent(result.margin, 0),
    )


def budget_table(result: BudgetResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_channel"): column_name(c.channel),
                t("plan_col_roas"): round(c.roas, 2),
                t("plan_col_roas_ci"): span(c.roas_ci, ratio),
                t("plan_col_current"): round(c.current_spend),
                t("plan_col_proposed"): round(c.proposed_spend),
                t("plan_col_revenue_now"): round(c.revenue_current),
                t("plan_col_revenue_proposed"): round(c.revenue_proposed),
                t("plan_col_roi_now"): percent(c.marginal_roi_current, 0, signed=True),
                t("plan_col_roi_proposed"): percent(c.marginal_roi_proposed, 0, signed=True),
                t("plan_col_identifiable"): t("plan_yes" if c.identifiable else "plan_no"),
            }
            for c in result.channels
        ]
    )
