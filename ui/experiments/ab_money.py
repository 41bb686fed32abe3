"""The A/B tab's money (per 1,000 units and for a roll-out, with the campaigns' profit
definition), daily monitoring by a confidence sequence, and the planning panel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.experiments.decision import money
from analytics.experiments.planning import (
    detectable_effect,
    plan_mean,
    plan_proportion,
    proportion_mde,
)
from analytics.experiments.results import MEAN, PROPORTION, ABResult
from analytics.experiments.sequential import SequentialResult
from ui.experiments import figures
from ui.experiments.methods import method_name
from ui.experiments.wording import amount, span
from ui.failures import failure_text
from ui.figures import chart_config
from ui.i18n import t
from ui.safe import md
from ui.tables import show_table

ROLLOUT_DAYS = 30


def show_money(
    results: tuple[ABResult, ...],
    revenue_hint: str | None,
    margin: float,
    presenter: bool,
    daily_units: float | None = None,
) -> None:
    """Incremental revenue and profit of a variant per 1,000 units and for a roll-out: by
    default a month of the test's daily traffic, else as many units as the test had."""
    st.subheader(t("exp_money_header"))
    means = [r for r in results if r.metric_type == MEAN and r.denominator is None]
    if not means:
        st.info(t("exp_money_none"))
        return
    names = [r.metric for r in means]
    default = names.index(revenue_hint) if revenue_hint in names else 0
    result = means[default]
    variants = [c.variant for c in result.comparisons]
    best = max(result.comparisons, key=lambda c: c.diff).variant
    units = (
        round(daily_units * ROLLOUT_DAYS) if daily_units else sum(v.units for v in result.variants)
    )
    cost = 0.0
    if not presenter:
        left, middle, right, last = st.columns(4)
        result = means[
            left.selectbox(
                t("exp_revenue_metric"),
                range(len(names)),
                index=default,
                format_func=lambda i: names[i],
                key="exp_money_metric",
            )
        ]
        best = middle.selectbox(
            t("exp_money_variant"), variants, index=variants.index(best), key="exp_money_variant"
        )
        units = right.number_input(
            t("exp_rollout_units"),
            min_value=1,
            value=int(units),
            step=1000,
            key="exp_rollout_units",
        )
        cost = last.number_input(
            t("exp_cost_per_unit"), min_value=0.0, value=0.0, key="exp_cost_per_unit"
        )
    try:
        value = money(result, best, margin=margin, rollout_units=float(units), cost_per_unit=cost)
    except UserInputError as exc:
        st.warning(failure_text(exc))
        return
    table = pd.DataFrame(
        {
            "": [
                t("exp_row_revenue"),
                t("exp_row_revenue_ci"),
                t("exp_row_profit"),
                t("exp_row_profit_ci"),
            ],
            t("exp_col_per_1000"): [
                amount(value.revenue_per_1000),
                span(value.revenue_per_1000_ci, amount),
                amount(value.profit_per_1000),
                span(value.profit_per_1000_ci, amount),
            ],
            t("exp_col_rollout", units=f"{int(units):,}"): [
                amount(value.rollout_revenue),
                span(value.rollout_revenue_ci, amount),
                amount(value.rollout_profit),
                span(value.rollout_profit_ci, amount),
            ],
        }
    )
    show_table(table, presenter=presenter)
    st.caption(
        t("exp_money_caption", variant=md(best), control=md(result.control), margin=f"{margin:.0%}")
    )


def show_sequence(sequence: SequentialResult | Failure, metric_type: str, presenter: bool) -> None:
    """The confidence sequence of each variant over the assignment days, for one outcome."""
    if isinstance(sequence, Failure):
        st.info(t("exp_seq_failed", reason=failure_text(sequence)))
        return
    labels = {
        "title": t("exp_seq_chart", control=sequence.control, metric=sequence.metric),
        "band": t("exp_legend_sequence"),
        "diff": t("exp_legend_diff"),
    }
    scale = 100 if metric_type == PROPORTION else 1
    st.plotly_chart(
        figures.sequence_chart(sequence, labels, presenter, scale), config=chart_config()
    )
    for name in dict.fromkeys(look.variant for look in sequence.looks):
        first = sequence.first_exclusion(name)
        if first is None:
            st.markdown(t("exp_seq_never", variant=md(name)))
        else:
            st.markdown(
                t("exp_seq_first", variant=md(name), date=first.date, units=f"{first.units:,}")
            )
    if not presenter:
        st.caption(
            t("exp_seq_caption", method=method_name(sequence.method), metric=md(sequence.metric))
        )


def show_plan(results: tuple[ABResult, ...], daily_units: float | None) -> None:
    """Units per variant and days for a lift worth detecting; the lift a given size detects."""
    st.subheader(t("exp_plan_header"))
    rate = next((r for r in results if r.metric_type == PROPORTION), None)
    shown = rate or (results[0] if results else None)
    baseline = rate.variant(rate.control).mean if rate else 0.1
    variants = len(shown.variants) if shown else 2
    columns = st.columns(6)
    baseline = columns[0].number_input(
        t("exp_plan_baseline"),
        0.0001,
        0.9999,
        float(round(baseline, 4)),
        format="%.4f",
        key="exp_plan_base",
    )
    mde = columns[1].number_input(
        t("exp_plan_mde"), 0.001, 10.0, 0.05, format="%.3f", key="exp_plan_mde"
    )
    power = columns[2].number_input(t("exp_plan_power"), 0.5, 0.99, 0.8, key="exp_plan_power")
    alpha = columns[3].number_input(
        t("exp_plan_alpha"), 0.001, 0.2, 0.05, format="%.3f", key="exp_plan_alpha"
    )
    traffic = columns[4].number_input(
        t("exp_plan_traffic"), 1, None, int(daily_units or 1000), key="exp_plan_traffic"
    )
    split_text = columns[5].text_input(
        t("exp_plan_split"),
        ",".join(["50"] * variants) if variants == 2 else ",".join(["1"] * variants),
        key="exp_plan_split",
    )
    try:
        split = [float(part) for part in split_text.replace("，", ",").split(",") if part.strip()]
        plan = plan_proportion(
            baseline, mde, power=power, alpha=alpha, split=split, daily_units=float(traffic)
        )
    except ValueError as exc:  # UserInputError included
        st.warning(t("exp_plan_failed", reason=failure_text(_as_user_error(exc))))
        return
    st.markdown(
        t(
            "exp_plan_result",
            mde=f"{mde:+.1%}",
            baseline=f"{baseline:.2%}",
            power=f"{power:.0%}",
            units=" / ".join(f"{u:,}" for u in plan.units),
            total=f"{plan.total_units:,}",
            days=plan.days,
            traffic=f"{int(traffic):,}",
        )
    )
    size = shown.variant(shown.control).units if shown else 1000
    units = st.number_input(t("exp_plan_size"), 2, None, int(size), key="exp_plan_size")
    ratio = split[1] / split[0]
    lift = proportion_mde(baseline, detectable_effect(units, power=power, alpha=alpha, ratio=ratio))
    st.markdown(
        t("exp_plan_mde_result", units=f"{units:,}", power=f"{power:.0%}", mde=f"{lift:+.1%}")
    )
    for result in (r for r in results if r.metric_type == MEAN and r.denominator is None):
        _plan_for_mean(result, mde, power, alpha, split, float(traffic))
    st.caption(t("exp_plan_caption"))


def _plan_for_mean(
    result: ABResult, mde: float, power: float, alpha: float, split: list[float], traffic: float
) -> None:
    """The same lift on a mean per unit (revenue per user): Cohen's d from the control's spread."""
    control = result.variant(result.control)
    spread = control.std_error * control.units**0.5
    try:
        plan = plan_mean(
            control.mean, spread, mde, power=power, alpha=alpha, split=split, daily_units=traffic
        )
    except UserInputError:
        return
    st.markdown(
        t(
            "exp_plan_mean_result",
            metric=md(result.metric),
            mde=f"{mde:+.1%}",
            mean=f"{control.mean:,.2f}",
            spread=f"{spread:,.2f}",
            units=" / ".join(f"{u:,}" for u in plan.units),
            days=plan.days,
        )
    )


def _as_user_error(exc: ValueError) -> UserInputError:
    if isinstance(exc, UserInputError):
        return exc
    return UserInputError(str(exc), code="plan_bad_split")
