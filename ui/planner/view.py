"""The Planner page's pieces: choices kept in the URL, cached fits, and one section per view
(response curves, budget split, what-if, discount and price, track record)."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.ingest.roles import DIMENSION, METRIC, SPEND
from analytics.lift.roi import resolve_margin
from analytics.planner.budget import DEFAULT_DAYS, BudgetResult, optimise_budget
from analytics.planner.elasticity import DiscountCurve, discount_curve
from analytics.planner.model import PlannerModel, fit_planner
from analytics.planner.response_curves import CurvesResult, response_curves
from analytics.planner.track_record import TrackRecord, track_record
from analytics.planner.whatif import PlannedCampaign, WhatIfResult, measured_from_reports, whatif
from analytics.workspace import DatasetInfo
from ui.failures import failure_text, show_failure
from ui.figures import CHART_CONFIG
from ui.i18n import t
from ui.lift.campaigns import all_reports
from ui.lift.view import measured
from ui.planner import figures as planner_figures
from ui.progress import with_progress
from ui.safe import chart_text, md
from ui.settings import margin_setting
from ui.tables import download_csv, show_table
from ui.url import mirror_to_url, seed_from_url
from ui.workspace import cached_frame, load_frame, open_workspace, workspace_home

SECTIONS = ("curves", "budget", "whatif", "discount", "track")
DRAWS = 200
TRACK_DRAWS = 20
DAYS = (28, 56, 91, 182, 364)
ALL = "all"


# --- choices ------------------------------------------------------------------------------------


def planner_possible(info: DatasetInfo) -> bool:
    return bool(info.mapping.date_column and info.mapping.columns(SPEND) and outcome_options(info))


def outcome_options(info: DatasetInfo) -> list[str]:
    frame = load_frame(info)
    return [
        c
        for c in info.mapping.columns(METRIC)
        if c in frame.columns and pd.api.types.is_numeric_dtype(frame[c])
    ]


def planner_margin(info: DatasetInfo, presenter: bool) -> float:
    """The margin setting (shared with the Lift page); until a user sets one, the data's margin
    over all rows, else the default: the planner uses one margin for every channel."""
    frame = load_frame(info)
    setting = margin_setting(presenter, frame, info.mapping)
    return resolve_margin(frame, info.mapping, {}, setting)[0]


def choose(key: str, options: list[str], default: str, label: str, shown, presenter: bool) -> str:
    """A choice kept in the URL; in presenter mode the URL decides and no widget is drawn."""
    seed_from_url(key, options)
    st.session_state.setdefault(key, default)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    if presenter:
        value = st.session_state[key]
    else:
        value = st.selectbox(label, options, format_func=shown, key=key)
    mirror_to_url(key, value, default)
    return value


def choose_section(presenter: bool) -> str:
    """The section shown (navigation, so drawn in presenter mode too)."""
    seed_from_url("pl_view", SECTIONS)
    st.session_state.setdefault("pl_view", SECTIONS[0])
    value = st.segmented_control(
        t("plan_section"),
        SECTIONS,
        format_func=lambda s: t(f"plan_section_{s}"),
        required=True,
        key="pl_view",
    )
    value = value or SECTIONS[0]
    mirror_to_url("pl_view", value, SECTIONS[0])
    return value


def number_from_url(key: str, default: float, low: float, high: float) -> None:
    """Seed a number widget's session value from the URL (once), else the default."""
    if key in st.session_state:
        return
    try:
        value = float(st.query_params.get(key, default))
    except (TypeError, ValueError):
        value = default
    st.session_state[key] = min(max(value, low), high)


def mirror_number(key: str, value: float, default: float) -> None:
    mirror_to_url(key, f"{value:.15g}", f"{default:.15g}")


# --- cached computations ------------------------------------------------------------------------


def _info(home: str, dataset_id: str) -> DatasetInfo:
    return open_workspace(home).get(dataset_id)


@st.cache_data(max_entries=16, show_spinner=False)
def _model(home: str, dataset_id: str, content_hash: str, outcome: str, draws: int) -> Any:
    """Curves with bootstrap intervals and elasticities, fitted in worker processes with a
    progress bar (drawn inside the cached function, so a cached call replays it emptied)."""
    info = _info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    return with_progress(
        "plan_fitting",
        lambda advance: fit_planner(frame, info.mapping, outcome, draws=draws, progress=advance),
    )


def fitted(info: DatasetInfo, outcome: str) -> PlannerModel | Failure:
    return _model(workspace_home(), info.id, info.content_hash, outcome, DRAWS)


@st.cache_data(max_entries=16, show_spinner=False)
def _track(
    home: str, dataset_id: str, content_hash: str, outcome: str, margin: float, draws: int
) -> Any:
    info = _info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    reports = measured(all_reports(info, outcome, margin))
    bar = st.progress(0.0, text=t("plan_track_running", done=0, total="…"))

    def advance(done: int, total: int) -> None:
        bar.progress(done / total, text=t("plan_track_running", done=done, total=total))

    try:
        return track_record(
            frame,
            info.mapping,
            outcome,
            measured=measured_from_reports(reports),
            margin=margin,
            draws=draws,
            progress=advance,
        )
    except UserInputError as exc:
        return Failure.of(exc)
    finally:
        bar.empty()


def _labels(**keys: str) -> dict[str, str]:
    return {name: t(key) for name, key in keys.items()}


def _period(model: PlannerModel) -> str:
    return t(f"period_{model.frequency}")


# --- response curves ----------------------------------------------------------------------------


def show_curves(model: PlannerModel, margin: float, presenter: bool) -> CurvesResult:
    curves = response_curves(model, margin)
    period = _period(model)
    labels = _labels(
        band="plan_legend_band", curve="plan_legend_curve", current="plan_legend_current"
    )
    labels["spend"] = t("plan_axis_spend", period=period)
    title = t("plan_curves_chart", outcome=chart_text(model.outcome), period=period)
    st.plotly_chart(
        planner_figures.response_curves(curves, labels, presenter=presenter, title=title),
        config=CHART_CONFIG,
    )
    for line in curves_conclusion(curves, period):
        st.markdown(line)
    title = t("plan_marginal_chart", margin=f"{margin:.0%}")
    st.plotly_chart(
        planner_figures.marginal_roi(curves, labels, presenter=presenter, title=title),
        config=CHART_CONFIG,
    )
    st.caption(t("plan_curves_caption", outcome=md(model.outcome), period=period))
    st.caption(t(f"plan_mode_{'dates' if curves.mode == 'date effects' else 'calendar'}"))
    excluded_warnings(model)
    if not presenter:
        table = channel_table(curves)
        show_table(table, "response_curves_channels.csv", label="plan_download_channels")
        download_csv(curves.table, "response_curves.csv", label="plan_download_curves")
    return curves


def excluded_warnings(model: PlannerModel) -> None:
    """Say which channels have no curve because their spend never varied enough, and why."""
    for channel, why in model.fit.exclusions.items():
        value = f"{why.value:.1%}" if why.code == "flat" else f"{why.value:.0%}"
        st.warning(t(f"plan_excluded_{why.code}", channel=md(channel), value=value))


def curves_conclusion(curves: CurvesResult, period: str) -> list[str]:
    if not curves.channels:
        return []
    ranked = sorted(curves.channels, key=lambda c: c.marginal_roas, reverse=True)
    best, worst = ranked[0], ranked[-1]
    lines = [
        t(
            "plan_curves_conclusion",
            channel=md(best.channel),
            roas=f"{best.marginal_roas:.2f}",
            roi=f"{best.marginal_roi:+.0%}",
            worst=md(worst.channel),
            wroas=f"{worst.marginal_roas:.2f}",
            wroi=f"{worst.marginal_roi:+.0%}",
        )
    ]
    return lines


def _ci(pair: tuple[float, float], fmt: str) -> str:
    return f"{pair[0]:{fmt}} – {pair[1]:{fmt}}"


def channel_table(curves: CurvesResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_channel"): c.channel,
                t("plan_col_decay"): round(c.decay, 3),
                t("plan_col_decay_ci"): _ci(c.decay_ci, ".2f"),
                t("plan_col_half_sat"): round(c.half_sat),
                t("plan_col_half_sat_ci"): _ci(c.half_sat_ci, ",.0f"),
                t("plan_col_shape"): round(c.shape, 2),
                t("plan_col_shape_ci"): _ci(c.shape_ci, ".2f"),
                t("plan_col_roas"): round(c.roas, 2),
                t("plan_col_roas_ci"): _ci(c.roas_ci, ".2f"),
                t("plan_col_current"): round(c.current_spend),
                t("plan_col_marginal_roas"): round(c.marginal_roas, 2),
                t("plan_col_marginal_roi"): f"{c.marginal_roi:+.0%}",
                t("plan_col_marginal_roi_ci"): _ci(c.marginal_roi_ci, "+.0%"),
            }
            for c in curves.channels
        ]
    )


# --- budget -----------------------------------------------------------------------------------


def show_budget(model: PlannerModel, margin: float, presenter: bool) -> BudgetResult | None:
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
    periods = max(1, round(days / {"D": 1, "W": 7, "M": 30.44}[model.frequency]))
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
    st.caption(t("plan_budget_help", current=f"{current:,.0f}", days=days))
    low, high = _limits(model, presenter)
    try:
        result = optimise_budget(model, budget, days=days, minimum=low, maximum=high, margin=margin)
    except UserInputError as exc:
        show_failure(exc)
        return None
    cards = st.columns(3)
    lo, hi = result.predicted_gain_ci
    cards[0].metric(
        t("plan_kpi_gain"),
        f"{result.predicted_gain:+,.0f}",
        t("plan_interval", lo=f"{lo:+,.0f}", hi=f"{hi:+,.0f}"),
        delta_color="off",
    )
    cards[1].metric(t("plan_kpi_profit_now"), f"{result.profit_current:,.0f}")
    cards[2].metric(t("plan_kpi_profit_new"), f"{result.profit_proposed:,.0f}")
    labels = _labels(now="plan_legend_now", proposed="plan_legend_proposed", mroi="plan_mroi_short")
    title = t("plan_budget_chart", days=days)
    st.plotly_chart(
        planner_figures.budget_split(result, labels, presenter=presenter, title=title),
        config=CHART_CONFIG,
    )
    st.markdown(budget_conclusion(result))
    st.caption(t("plan_profit_convention", outcome=md(model.outcome), margin=f"{margin:.0%}"))
    if result.differs_from_today:
        current_total = sum(c.current_spend for c in result.channels)
        st.caption(
            t("plan_budget_differs", budget=f"{budget:,.0f}", current=f"{current_total:,.0f}")
        )
    excluded_warnings(model)
    if not presenter:
        table = budget_table(result)
        show_table(table, "budget_split.csv")
    return result


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
                rows,
                key=f"{key}_editor",
                hide_index=True,
                disabled=["channel"],
                column_config={
                    "channel": st.column_config.TextColumn(t("plan_col_channel")),
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
    mirror_to_url("pl_limits", limits_to_url(low, high))
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
    for channel, pair in _json_object(text).items():
        if channel not in channels or not isinstance(pair, list) or len(pair) != 2:
            continue
        for target, value in zip((low, high), pair, strict=True):
            if (amount := _amount(value)) is not None:
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
        up=md(up),
        down=md(down),
        gain=f"{result.predicted_gain:+,.0f}",
        lo=f"{lo:+,.0f}",
        hi=f"{hi:+,.0f}",
        days=result.days,
        margin=f"{result.margin:.0%}",
    )


def budget_table(result: BudgetResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_channel"): c.channel,
                t("plan_col_roas"): round(c.roas, 2),
                t("plan_col_roas_ci"): _ci(c.roas_ci, ".2f"),
                t("plan_col_current"): round(c.current_spend),
                t("plan_col_proposed"): round(c.proposed_spend),
                t("plan_col_revenue_now"): round(c.revenue_current),
                t("plan_col_revenue_proposed"): round(c.revenue_proposed),
                t("plan_col_roi_now"): f"{c.marginal_roi_current:+.0%}",
                t("plan_col_roi_proposed"): f"{c.marginal_roi_proposed:+.0%}",
            }
            for c in result.channels
        ]
    )


# --- what-if ----------------------------------------------------------------------------------


def segment_choices(info: DatasetInfo) -> dict[str, dict[str, tuple[str, ...]]]:
    """'all' and one entry per dimension value, keyed by a code that can sit in the URL."""
    frame = load_frame(info)
    options: dict[str, dict[str, tuple[str, ...]]] = {ALL: {}}
    for dimension in info.mapping.columns(DIMENSION):
        if dimension not in frame.columns:
            continue
        values = sorted(frame[dimension].dropna().astype(str).unique())
        if len(values) <= 200:
            for value in values:
                options[f"{dimension}={value}"] = {dimension: (value,)}
    return options


def show_whatif(
    model: PlannerModel, info: DatasetInfo, margin: float, presenter: bool
) -> WhatIfResult | None:
    plan = whatif_form(model, info, presenter)
    if plan is None:
        return None
    reports = measured(all_reports(info, model.outcome, margin))
    try:
        result = whatif(
            model,
            load_frame(info),
            info.mapping,
            plan,
            margin,
            measured=measured_from_reports(reports),
        )
    except UserInputError as exc:
        show_failure(exc)
        return None
    whatif_card(result)
    labels = _labels(
        band="plan_legend_band", effect="plan_legend_effect", window="plan_legend_window"
    )
    title = t("plan_whatif_chart", outcome=chart_text(model.outcome), period=_period(model))
    st.plotly_chart(
        planner_figures.whatif_effect(result, labels, presenter=presenter, title=title),
        config=CHART_CONFIG,
    )
    st.caption(t("plan_whatif_convention", margin=f"{result.margin:.0%}"))
    st.caption(t("plan_wi_note_baseline"))
    st.subheader(t("plan_comparable_header"))
    if not result.comparable:
        st.markdown(t("plan_no_comparable"))
    else:
        table = comparable_table(result)
        show_table(table, presenter=presenter)
    if not presenter:
        download_csv(result.daily.reset_index(), "whatif.csv")
    return result


def whatif_form(model: PlannerModel, info: DatasetInfo, presenter: bool) -> PlannedCampaign | None:
    """Channel, spend, discount, dates and segment, all in the URL."""
    last = pd.Timestamp(model.last_date)
    default_start = (last + pd.Timedelta(days=1)).date()
    default_end = (last + pd.Timedelta(days=14)).date()
    segments = segment_choices(info)
    columns = st.columns(3) if not presenter else None
    with columns[0] if columns else st.container():
        channel = choose(
            "pl_channel",
            list(model.channels),
            model.channels[0],
            t("plan_wi_channel"),
            str,
            presenter,
        )
        number_from_url("pl_spend", 100_000.0, 0.0, 1e13)
        if not presenter:
            st.number_input(
                t("plan_wi_spend"), min_value=0.0, step=10_000.0, format="%.0f", key="pl_spend"
            )
    with columns[1] if columns else st.container():
        number_from_url("pl_discount", 0.0, 0.0, 80.0)
        if not presenter:
            st.number_input(
                t("plan_wi_discount"),
                min_value=0.0,
                max_value=80.0,
                step=5.0,
                format="%.0f",
                key="pl_discount",
            )
        segment = choose(
            "pl_segment",
            list(segments),
            ALL,
            t("plan_wi_segment"),
            lambda k: t("plan_segment_all") if k == ALL else k,
            presenter,
        )
    with columns[2] if columns else st.container():
        start = _date_from_url("pl_start", default_start, t("plan_wi_start"), presenter)
        end = _date_from_url("pl_end", default_end, t("plan_wi_end"), presenter)
    spend = float(st.session_state["pl_spend"])
    discount = float(st.session_state["pl_discount"])
    mirror_number("pl_spend", spend, 100_000.0)
    mirror_number("pl_discount", discount, 0.0)
    extra = extra_spend(model, channel, presenter)
    if presenter:
        st.caption(
            " · ".join(
                [
                    " + ".join(
                        f"{md(c)} {amount:,.0f}" for c, amount in {channel: spend, **extra}.items()
                    ),
                    f"{discount:.0f}%",
                    f"{start} – {end}",
                    md(t("plan_segment_all") if segment == ALL else segment),
                ]
            )
        )
    if spend <= 0 and discount <= 0 and not extra:
        st.info(t("plan_wi_no_spend"))
        return None
    return PlannedCampaign(
        spend={channel: spend, **extra},
        start=str(start),
        end=str(end),
        discount=discount / 100.0,
        where=segments[segment],
    )


def extra_spend(model: PlannerModel, main: str, presenter: bool) -> dict[str, float]:
    """Spend on the other channels in the same campaign (optional), kept in the link as
    pl_extra={"channel": amount, ...}."""
    others = [c for c in model.channels if c != main]
    seeded = amounts_from_url(st.query_params.get("pl_extra"), model.channels)
    for channel in others:
        st.session_state.setdefault(f"pl_extra_{channel}", seeded.get(channel, 0.0))
    if others and not presenter:
        with st.expander(t("plan_wi_more"), expanded=any(c in seeded for c in others)):
            for channel in others:
                st.number_input(
                    t("plan_wi_more_spend", channel=md(channel)),
                    min_value=0.0,
                    step=10_000.0,
                    format="%.0f",
                    key=f"pl_extra_{channel}",
                )
    amounts = {c: float(st.session_state[f"pl_extra_{c}"] or 0.0) for c in others}
    extra = {c: amount for c, amount in amounts.items() if amount > 0}
    text = json.dumps(extra, separators=(",", ":"), ensure_ascii=False) if extra else None
    mirror_to_url("pl_extra", text)
    return extra


def amounts_from_url(text: str | None, channels: tuple[str, ...]) -> dict[str, float]:
    """{"channel": amount} from a link, keeping only known channels and non-negative numbers."""
    found = {}
    for channel, value in _json_object(text).items():
        amount = _amount(value)
        if channel in channels and amount is not None:
            found[channel] = amount
    return found


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _amount(value: Any) -> float | None:
    """A non-negative finite number from JSON, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def _date_from_url(key: str, default, label: str, presenter: bool):
    if key not in st.session_state:
        try:
            st.session_state[key] = pd.Timestamp(st.query_params.get(key, str(default))).date()
        except (TypeError, ValueError):
            st.session_state[key] = default
    if not presenter:
        st.date_input(label, key=key)
    value = st.session_state[key]
    mirror_to_url(key, str(value), str(default))
    return value


def whatif_card(result: WhatIfResult) -> None:
    cards = st.columns(4)
    lo, hi = result.incremental_revenue_ci
    cards[0].metric(
        t("plan_kpi_incremental", outcome=md(result.outcome)),
        f"{result.incremental_revenue:+,.0f}",
        t("plan_interval", lo=f"{lo:+,.0f}", hi=f"{hi:+,.0f}"),
        delta_color="off",
    )
    if result.incremental_units is not None and result.incremental_units_ci is not None:
        ulo, uhi = result.incremental_units_ci
        cards[1].metric(
            t("plan_kpi_units"),
            f"{result.incremental_units:+,.0f}",
            t("plan_interval", lo=f"{ulo:+,.0f}", hi=f"{uhi:+,.0f}"),
            delta_color="off",
        )
    if result.roas is not None and result.roas_ci and result.roi is not None and result.roi_ci:
        cards[2].metric(
            t("plan_kpi_roas"),
            f"{result.roas:.2f}",
            t("plan_interval", lo=f"{result.roas_ci[0]:.2f}", hi=f"{result.roas_ci[1]:.2f}"),
            delta_color="off",
        )
        cards[3].metric(
            t("plan_kpi_roi"),
            f"{result.roi:+.0%}",
            t("plan_interval", lo=f"{result.roi_ci[0]:+.0%}", hi=f"{result.roi_ci[1]:+.0%}"),
            delta_color="off",
        )
    st.markdown(
        t(
            "plan_whatif_summary",
            outcome=md(result.outcome),
            inc=f"{result.incremental_revenue:+,.0f}",
            lo=f"{lo:+,.0f}",
            hi=f"{hi:+,.0f}",
            media=f"{result.media_revenue:+,.0f}",
            disc=f"{result.discount_revenue:+,.0f}",
            cost=f"{result.discount_cost:,.0f}",
        )
    )


def comparable_table(result: WhatIfResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_campaign"): c.name,
                t("plan_col_channel"): c.channel,
                t("plan_col_spend"): round(c.spend),
                t("plan_col_periods"): c.periods,
                t("plan_col_discount"): f"{c.discount:.0%}",
                t("plan_col_measured_roas"): None if c.roas is None else round(c.roas, 2),
                t("plan_col_measured_roi"): None if c.roi is None else f"{c.roi:+.0%}",
            }
            for c in result.comparable
        ]
    )


# --- discount and price -------------------------------------------------------------------------


def show_discount(model: PlannerModel, margin: float, presenter: bool) -> DiscountCurve | None:
    e = model.elasticities
    if e is None:
        st.info(failure_text(Failure(model.elasticity_note or "", model.elasticity_code)))
        return None
    cards = st.columns(3)
    if e.price is not None and e.price_ci:
        cards[0].metric(
            t("plan_kpi_price_el"),
            f"{e.price:.2f}",
            t("plan_interval", lo=f"{e.price_ci[0]:.2f}", hi=f"{e.price_ci[1]:.2f}"),
            delta_color="off",
        )
    if e.discount is None or not e.discount_ci:
        st.info(t("plan_no_discount_el"))
        return None
    cards[1].metric(
        t("plan_kpi_discount_el"),
        f"{e.discount:.2f}",
        t("plan_interval", lo=f"{e.discount_ci[0]:.2f}", hi=f"{e.discount_ci[1]:.2f}"),
        delta_color="off",
    )
    try:
        curve = discount_curve(e, margin)
    except UserInputError as exc:
        show_failure(exc)
        return None
    cards[2].metric(
        t("plan_kpi_best"),
        f"{curve.best:.0%}",
        t("plan_interval", lo=f"{curve.best_ci[0]:.0%}", hi=f"{curve.best_ci[1]:.0%}"),
        delta_color="off",
    )
    labels = _labels(
        band="plan_legend_band",
        profit="plan_legend_profit",
        best="plan_legend_best",
        margin="plan_legend_margin",
    )
    title = t("plan_discount_chart", margin=f"{margin:.0%}")
    st.plotly_chart(
        planner_figures.discount_profit(curve, labels, presenter=presenter, title=title),
        config=CHART_CONFIG,
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
        lines.append(t("plan_price_text", price=f"{price:+.1f}"))
    lines.append(
        t(
            "plan_discount_text",
            ten=f"{0.9**discount:.2f}",
            margin=f"{curve.margin:.0%}",
            best=f"{curve.best:.0%}",
            lo=f"{curve.best_ci[0]:.0%}",
            hi=f"{curve.best_ci[1]:.0%}",
            ratio=f"{curve.best_ratio:.0%}",
        )
    )
    return " ".join(lines)


# --- track record -------------------------------------------------------------------------------


def show_track(
    info: DatasetInfo, outcome: str, margin: float, presenter: bool
) -> TrackRecord | None:
    st.caption(t("plan_track_help"))
    seed_from_url("pl_track", ("1",))
    running = st.session_state.get("pl_track") == "1"
    if not presenter and not running and st.button(t("plan_track_run"), key="plan_track_button"):
        st.session_state["pl_track"] = "1"
    if st.session_state.get("pl_track") != "1":
        return None
    mirror_to_url("pl_track", "1")
    record = _track(workspace_home(), info.id, info.content_hash, outcome, margin, TRACK_DRAWS)
    if isinstance(record, Failure):
        show_failure(record)
        return None
    if not record.rows:
        st.info(t("plan_track_none"))
        return record
    labels = _labels(
        campaigns="plan_legend_campaigns",
        diagonal="plan_legend_diagonal",
        measured="plan_axis_measured",
        predicted="plan_axis_predicted",
    )
    st.plotly_chart(
        planner_figures.track_record(
            record, labels, presenter=presenter, title=t("plan_track_chart")
        ),
        config=CHART_CONFIG,
    )
    if record.median_error is not None:
        st.markdown(
            t(
                "plan_track_summary",
                error=f"{100 * record.median_error:.0f}",
                covered=record.covered,
                total=len(record.compared),
            )
        )
    st.caption(t("plan_track_caveat"))
    if not presenter:
        table = track_table(record)
        show_table(table, "track_record.csv")
    return record


def track_table(record: TrackRecord) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_campaign"): r.campaign,
                t("plan_col_window"): f"{r.start} – {r.end}",
                t("plan_col_channel"): r.channel,
                t("plan_col_spend"): round(r.spend),
                t("plan_col_discount"): f"{r.discount:.0%}",
                t("plan_col_predicted_roi"): None
                if r.predicted_roi is None
                else f"{r.predicted_roi:+.0%}",
                t("plan_col_predicted_roi_ci"): None
                if r.predicted_roi_ci is None
                else _ci(r.predicted_roi_ci, "+.0%"),
                t("plan_col_measured_roi"): None
                if r.measured_roi is None
                else f"{r.measured_roi:+.0%}",
                t("plan_col_note"): r.note or "",
            }
            for r in record.rows
        ]
    )
