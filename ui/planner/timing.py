"""The Planner's timing section: a planned campaign (channel or discount, budget, length, weeks
to scan, segment; all in the URL), every candidate start ranked by predicted incremental profit,
why the best one wins and how much worse the others are."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.formatting import percent
from analytics.planner.model import PlannerModel
from analytics.planner.timing import (
    DEFAULT_WEEKS_AHEAD,
    MAX_DAYS,
    MAX_WEEKS_AHEAD,
    TimingPlan,
    TimingResult,
    plan_timing,
)
from analytics.workspace import DatasetInfo
from ui.cards import kpi
from ui.failures import festival_name, show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.numbers import column_name, in_words, money, span
from ui.planner.cached import fitted
from ui.planner.choices import choose, mirror_number, number_from_url
from ui.planner.model_settings import ModelSettings
from ui.planner.timing_chart import timing_profit
from ui.planner.whatif import ALL, segment_choices
from ui.planner.wording import band, chart_labels, signed_money
from ui.progress import one_step
from ui.safe import chart_text, md
from ui.tables import show_table
from ui.workspace import cached_frame, dataset_info, workspace_home

NO_CHANNEL = "none"
DEFAULT_BUDGET = 100_000.0
DEFAULT_DAYS = 14


def show_timing(
    model: PlannerModel,
    info: DatasetInfo,
    settings: ModelSettings,
    margin: float,
    presenter: bool,
) -> TimingResult | None:
    plan = timing_form(model, info, presenter)
    if plan is None:
        return None
    result = _ranked(
        workspace_home(), info.id, info.content_hash, model.outcome, settings, margin, plan
    )
    if isinstance(result, Failure):
        show_failure(result)
        return None
    timing_cards(result)
    labels = chart_labels(
        best="plan_timing_best_bar", other="plan_timing_other_bar", start="plan_timing_axis"
    )
    title = t("plan_timing_chart", outcome=chart_text(in_words(result.outcome)))
    st.plotly_chart(
        timing_profit(result, labels, presenter=presenter, title=title), config=chart_config()
    )
    st.markdown(timing_text(result))
    if not presenter:  # the chart and the verdict are the message on a shared screen
        money_columns = [
            t(k)
            for k in (
                "plan_col_t_profit",
                "plan_col_t_lo",
                "plan_col_t_hi",
                "plan_col_t_behind",
                "plan_col_t_overlap_loss",
            )
        ]
        show_table(timing_table(result), "timing.csv", money=money_columns)
    st.caption(t("plan_timing_convention", margin=percent(result.margin, 0)))
    return result


@st.cache_data(max_entries=32, show_spinner=False)
def _ranked(
    home: str,
    dataset_id: str,
    content_hash: str,
    outcome: str,
    settings: ModelSettings,
    margin: float,
    plan: TimingPlan,
) -> Any:
    """The forecast and the ranking under a progress bar, cached per dataset version and plan
    (the fitted planner comes from its own cache)."""
    info = dataset_info(home, dataset_id)
    model = fitted(info, outcome, settings, margin)
    if isinstance(model, Failure):
        return model
    frame = cached_frame(home, dataset_id, content_hash)
    return one_step(
        "plan_timing_running", lambda: plan_timing(model, frame, info.mapping, plan, margin)
    )


def timing_form(model: PlannerModel, info: DatasetInfo, presenter: bool) -> TimingPlan | None:
    """Channel (or none), budget, discount, days, weeks ahead and segment, all in the URL."""
    segments = segment_choices(info)
    channels = [NO_CHANNEL, *model.channels]
    columns = st.columns(3) if not presenter else None
    with columns[0] if columns else st.container():
        channel = choose(
            "pl_t_channel",
            channels,
            model.channels[0],
            t("plan_wi_channel"),
            _channel_label,
            presenter,
        )
        _number("pl_t_budget", DEFAULT_BUDGET, 0.0, 1e13, "plan_timing_budget", presenter, 10_000)
    with columns[1] if columns else st.container():
        _number("pl_t_discount", 0.0, 0.0, 80.0, "plan_wi_discount", presenter, 5)
        segment = choose(
            "pl_t_segment", list(segments), ALL, t("plan_wi_segment"), _segment_label, presenter
        )
    with columns[2] if columns else st.container():
        _number("pl_t_days", DEFAULT_DAYS, 1, MAX_DAYS, "plan_timing_days", presenter, 1)
        _number(
            "pl_t_weeks", DEFAULT_WEEKS_AHEAD, 1, MAX_WEEKS_AHEAD, "plan_timing_weeks", presenter, 1
        )
    values = {k: float(st.session_state[k]) for k in ("pl_t_budget", "pl_t_discount")}
    days, weeks = int(st.session_state["pl_t_days"]), int(st.session_state["pl_t_weeks"])
    chosen = None if channel == NO_CHANNEL else channel
    if presenter:
        st.caption(_plan_caption(chosen, values, days, segment))
    if chosen is None and values["pl_t_discount"] <= 0:
        st.info(t("plan_timing_nothing"))
        return None
    if values["pl_t_budget"] <= 0:
        st.info(t("plan_timing_no_budget"))
        return None
    return TimingPlan(
        days=days,
        budget=values["pl_t_budget"],
        channel=chosen,
        discount=values["pl_t_discount"] / 100.0,
        weeks_ahead=weeks,
        where=segments[segment],
    )


def _number(
    key: str, default: float, low: float, high: float, label: str, presenter: bool, step: float
) -> None:
    """A number kept in the URL; whole numbers for days and weeks."""
    whole = isinstance(default, int)
    number_from_url(key, default, low, high)
    if whole:
        st.session_state[key] = int(st.session_state[key])
    if not presenter:
        kind = int if whole else float
        st.number_input(
            t(label),
            min_value=kind(low),
            max_value=kind(high),
            step=kind(step),
            format="%d" if whole else "%.0f",
            key=key,
        )
    mirror_number(key, float(st.session_state[key]), float(default))


def _channel_label(channel: str) -> str:
    return t("plan_timing_no_channel") if channel == NO_CHANNEL else column_name(channel)


def _segment_label(key: str) -> str:
    return t("plan_segment_all") if key == ALL else key


def _plan_caption(channel: str | None, values: dict[str, float], days: int, segment: str) -> str:
    parts = [md(column_name(channel)) if channel else t("plan_timing_no_channel")]
    parts.append(money(values["pl_t_budget"]))
    if values["pl_t_discount"] > 0:
        parts.append(percent(values["pl_t_discount"] / 100, 0))
    parts.append(t("plan_timing_days_value", days=days))
    parts.append(md(_segment_label(segment)))
    return " · ".join(parts)


def timing_cards(result: TimingResult) -> None:
    best = result.best
    cards = st.columns(2)
    kpi(
        cards[0],
        t("plan_timing_kpi_best"),
        span((best.start, best.end), str),
    )
    kpi(
        cards[1],
        t("plan_timing_kpi_profit"),
        money(best.predicted_incremental_profit, signed=True),
        band(best.predicted_incremental_profit_ci, signed_money),
    )


def timing_text(result: TimingResult) -> str:
    """Why the best window wins and how much worse the others are."""
    best = result.best
    names = ", ".join(festival_name(f) for f in best.festivals)
    demand = percent(best.demand_vs_average, 1, signed=True)
    lines = [
        t(
            f"plan_timing_reason_{result.reason}",
            demand=demand,
            outcome=md(in_words(result.outcome)),
        )
    ]
    if names and result.reason != "additive":
        lines.append(t("plan_timing_festival", names=names))
    if best.overlaps:
        lines.append(t("plan_timing_overlap", names=md(", ".join(best.overlaps))))
    if result.saturated:
        lines.append(_overlap_text(result))
    if result.reason in ("additive", "overlap"):
        if result.channel:
            lines.append(t("plan_timing_carry", share=percent(result.carry_over_share, 0)))
        return " ".join(lines)
    if len(result.windows) > 1:
        runner = result.windows[1]
        gaps = [w.difference_to_best for w in result.windows[1:]]
        lines.append(
            t(
                "plan_timing_worse",
                low=money(min(gaps)),
                high=money(max(gaps)),
                gap=money(runner.difference_to_best),
                span=span(runner.difference_to_best_ci, money),
            )
        )
        if not result.clear:
            lines.append(t("plan_timing_not_clear"))
    return " ".join(lines)


def _overlap_text(result: TimingResult) -> str:
    """Which windows the spend already planned in the channel makes worse, and by how much."""
    losses = [w.overlap_loss for w in result.windows if w.start in result.saturated]
    return t(
        "plan_timing_overlap_worse",
        starts=", ".join(result.saturated),
        channel=md(column_name(str(result.channel), in_sentence=True)),
        low=money(min(losses)),
        high=money(max(losses)),
    )


def timing_table(result: TimingResult) -> pd.DataFrame:
    """One row per window, best first; the profit lost to overlap when any window has some."""
    table = pd.DataFrame(
        [
            {
                t("plan_col_t_start"): w.start,
                t("plan_col_t_end"): w.end,
                t("plan_col_t_profit"): round(w.predicted_incremental_profit),
                t("plan_col_t_lo"): round(w.predicted_incremental_profit_ci[0]),
                t("plan_col_t_hi"): round(w.predicted_incremental_profit_ci[1]),
                t("plan_col_t_behind"): round(w.difference_to_best),
                t("plan_col_t_demand"): percent(w.demand_vs_average, 1, signed=True),
                t("plan_col_t_festivals"): ", ".join(festival_name(f) for f in w.festivals),
                t("plan_col_t_overlaps"): ", ".join(w.overlaps),
            }
            for w in result.windows
        ]
    )
    if any(w.overlap_loss for w in result.windows):
        table[t("plan_col_t_overlap_loss")] = [round(w.overlap_loss) for w in result.windows]
    return table
