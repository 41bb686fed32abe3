"""The Planner's what-if: a planned campaign (channel and spend, more channels, discount, dates,
segment; all in the URL), its predicted return, and past campaigns like it."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.formatting import count, percent, ratio
from analytics.ingest.roles import DIMENSION
from analytics.planner.curve_arrays import identifiable
from analytics.planner.model import PlannerModel
from analytics.planner.whatif import PlannedCampaign, WhatIfResult, whatif
from analytics.selection import segment_values
from analytics.workspace import DatasetInfo
from ui.cards import kpi
from ui.failures import show_failure
from ui.figures import chart_config
from ui.i18n import t
from ui.lift.bridge import show_bridge
from ui.lift.view import roi_text
from ui.numbers import column_name, in_words, money, span
from ui.planner import figures as planner_figures
from ui.planner.cached import measured_lifts
from ui.planner.choices import choose, json_amount, json_object, mirror_number, number_from_url
from ui.planner.wording import (
    band,
    chart_labels,
    period_word,
    signed_count,
    signed_money,
)
from ui.safe import chart_text, md
from ui.tables import download_csv, show_table
from ui.url import mirror_to_url
from ui.workspace import load_frame

ALL = "all"


def segment_choices(info: DatasetInfo) -> dict[str, dict[str, tuple[str, ...]]]:
    """'all' and one entry per dimension value, keyed by a code that can sit in the URL."""
    frame = load_frame(info)
    options: dict[str, dict[str, tuple[str, ...]]] = {ALL: {}}
    for dimension in info.mapping.columns(DIMENSION):
        if dimension not in frame.columns:
            continue
        values = segment_values(frame[dimension])
        if len(values) <= 200:
            for value in values:
                options[f"{dimension}={value}"] = {dimension: (value,)}
    return options


def unidentified_whatif(model: PlannerModel, spend: dict[str, float]) -> None:
    """A warning per planned channel whose effect the data cannot separate from zero."""
    fit = model.fit
    for channel in spend:
        if channel in fit.channels and not identifiable(fit, fit.channels.index(channel)):
            st.warning(
                t("plan_whatif_unidentified", channel=md(column_name(channel)))
                + " "
                + t("plan_identify_hint")
            )


def show_whatif(
    model: PlannerModel, info: DatasetInfo, margin: float, presenter: bool
) -> WhatIfResult | None:
    plan = whatif_form(model, info, presenter)
    if plan is None:
        return None
    lifts = measured_lifts(info, model.outcome, margin)
    try:
        result = whatif(
            model,
            load_frame(info),
            info.mapping,
            plan,
            margin,
            measured=lifts,
        )
    except UserInputError as exc:
        show_failure(exc)
        return None
    whatif_card(result)
    labels = chart_labels(
        band="plan_legend_band", effect="plan_legend_effect", window="plan_legend_window"
    )
    title = t(
        "plan_whatif_chart",
        outcome=chart_text(column_name(model.outcome)),
        period=period_word(model),
    )
    st.plotly_chart(
        planner_figures.whatif_effect(result, labels, presenter=presenter, title=title),
        config=chart_config(),
    )
    st.caption(t("plan_whatif_convention", margin=percent(result.margin, 0)))
    if result.bridge is not None:
        show_bridge(result.bridge, result.outcome, presenter=presenter, chart=False)
    st.caption(t("plan_wi_note_baseline"))
    unidentified_whatif(model, result.spend)
    st.subheader(t("plan_comparable_header"))
    if not result.comparable:
        st.markdown(t("plan_no_comparable"))
    else:
        table = comparable_table(result)
        show_table(table, presenter=presenter, money=[t("plan_col_spend")])
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
            column_name,
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
                        f"{md(column_name(c))} {money(amount)}"
                        for c, amount in {channel: spend, **extra}.items()
                    ),
                    percent(discount / 100, 0),
                    span((start, end), str),
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
                    t("plan_wi_more_spend", channel=md(column_name(channel))),
                    min_value=0.0,
                    step=10_000.0,
                    format="%.0f",
                    key=f"pl_extra_{channel}",
                )
    amounts = {c: float(st.session_state[f"pl_extra_{c}"] or 0.0) for c in others}
    extra = {c: amount for c, amount in amounts.items() if amount > 0}
    text = json.dumps(extra, separators=(",", ":"), ensure_ascii=False) if extra else None
    mirror_to_url("pl_extra", text, state=[f"pl_extra_{c}" for c in model.channels])
    return extra


def amounts_from_url(text: str | None, channels: tuple[str, ...]) -> dict[str, float]:
    """{"channel": amount} from a link, keeping only known channels and non-negative numbers."""
    found = {}
    for channel, value in json_object(text).items():
        amount = json_amount(value)
        if channel in channels and amount is not None:
            found[channel] = amount
    return found


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
    kpi(
        cards[0],
        t("plan_kpi_incremental", outcome=md(in_words(result.outcome))),
        money(result.incremental_revenue, signed=True),
        band((lo, hi), signed_money),
    )
    if result.incremental_units is not None and result.incremental_units_ci is not None:
        ulo, uhi = result.incremental_units_ci
        kpi(
            cards[1],
            t("plan_kpi_units"),
            count(result.incremental_units, signed=True),
            band((ulo, uhi), signed_count),
        )
    if result.roas is not None and result.roas_ci and result.roi is not None and result.roi_ci:
        kpi(
            cards[2],
            t("plan_kpi_roas"),
            ratio(result.roas),
            band(result.roas_ci, ratio),
        )
        kpi(
            cards[3],
            t("plan_kpi_roi"),
            roi_text(result.roi),
            band(result.roi_ci, roi_text),
        )
    st.markdown(
        t(
            "plan_whatif_summary",
            outcome=md(in_words(result.outcome)),
            inc=money(result.incremental_revenue, signed=True),
            lo=money(lo, signed=True),
            hi=money(hi, signed=True),
            media=money(result.media_revenue, signed=True),
            disc=money(result.discount_revenue, signed=True),
            cost=money(result.discount_given),
        )
    )


def comparable_table(result: WhatIfResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("plan_col_campaign"): c.name,
                t("plan_col_channel"): column_name(c.channel),
                t("plan_col_spend"): round(c.spend),
                t("plan_col_periods"): c.periods,
                t("plan_col_discount"): percent(c.discount, 0),
                t("plan_col_measured_roas"): None if c.roas is None else round(c.roas, 2),
                t("plan_col_measured_roi"): None if c.roi is None else roi_text(c.roi),
            }
            for c in result.comparable
        ]
    )
