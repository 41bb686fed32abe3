"""The Customers page's Retention section: customers first acquired during a campaign against
the others (repeat curves, lifetime value and P(alive)), existing customers who bought with a
campaign against matched ones who did not, and one plain sentence on what they are worth."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formatting
from analytics.customers.log import LogColumns
from analytics.customers.reached import MatchedComparison
from analytics.customers.retention import (
    CAMPAIGN_GROUP,
    CAMPAIGN_SOURCE,
    OUTSIDE_GROUP,
    RetentionResult,
    retention_job,
)
from analytics.errors import Failure
from analytics.ingest.roles import CAMPAIGN
from analytics.parallel import map_in_workers
from analytics.workspace import DatasetInfo
from ui.customers import retention_figures as charts
from ui.customers.cached import LogChoices
from ui.failures import failure_text
from ui.figures import chart_config
from ui.i18n import language, t
from ui.numbers import column_name, money, span
from ui.progress import with_progress
from ui.tables import show_table
from ui.workspace import cached_frame, workspace_home

PERIOD_DAYS = 90  # before and after a campaign, for existing customers


@st.cache_data(max_entries=16, show_spinner=False)
def _retention(
    home: str,
    dataset_id: str,
    content_hash: str,
    columns: tuple[str, str, str, str | None],
    campaign_column: str | None,
    horizon_weeks: float,
    annual_discount: float,
    _values: pd.DataFrame,
) -> RetentionResult | Failure:
    """Keyed by the choices that made ``_values`` (the analysis' customer table)."""
    frame = cached_frame(home, dataset_id, content_hash)
    job = (frame, LogColumns(*columns), campaign_column, _values, PERIOD_DAYS)

    def work(advance) -> RetentionResult | Failure:
        return map_in_workers(retention_job, [job], advance)[0]

    return with_progress("ret_progress", work)


def retention(info: DatasetInfo, choices: LogChoices, values: pd.DataFrame):
    """The retention analysis of the page's log, or a Failure saying what to add."""
    c = choices.columns
    campaigns = info.mapping.columns(CAMPAIGN)
    return _retention(
        workspace_home(),
        info.id,
        info.content_hash,
        (c.customer, c.date, c.amount, c.discount),
        campaigns[0] if campaigns else None,
        choices.horizon_weeks,
        choices.annual_discount,
        values,
    )


def show_retention(found: RetentionResult | Failure, horizon_weeks: float, presenter: bool) -> None:
    """The whole section; a Failure is an empty state saying what to add."""
    if isinstance(found, Failure):
        st.info(t("ret_empty", reason=failure_text(found)))
        return
    if not presenter:
        st.caption(source_caption(found))
    for line in (value_sentence(found, horizon_weeks), repeat_sentence(found)):
        if line:
            st.markdown(line)
    names = group_names()
    st.plotly_chart(
        charts.repeat_curves(
            found.curve,
            names,
            title=t("ret_curve_title"),
            axis_x=t("ret_axis_days"),
            axis_y=t("ret_axis_repeat"),
            band_name=t("ret_band"),
            presenter=presenter,
        ),
        config=chart_config(),
    )
    show_table(gap_table(found), presenter=presenter)
    if found.values:
        st.plotly_chart(
            charts.value_boxes(
                found.values,
                names,
                {
                    "clv": t("ret_panel_clv", weeks=f"{horizon_weeks:g}"),
                    "p_alive": t("ret_panel_alive"),
                },
                title=t("ret_value_title"),
                presenter=presenter,
            ),
            config=chart_config(),
        )
        show_table(value_table(found), presenter=presenter)
        if not presenter:
            st.caption(f"{t('ret_mean_line')}. {t('ret_alive_note')}")
    st.markdown(f"**{t('ret_existing_header')}**")
    show_existing(found, presenter)


def group_names() -> dict[str, str]:
    return {CAMPAIGN_GROUP: t("ret_group_campaign"), OUTSIDE_GROUP: t("ret_group_outside")}


def source_caption(found: RetentionResult) -> str:
    """How campaign acquisition was known: the campaign column's windows, or a first-order
    discount (and what to add for windows)."""
    if found.source == CAMPAIGN_SOURCE and found.campaign_column is not None:
        windows = t("ret_list_separator").join(
            f"{c.name} {formatting.interval(str(c.start.date()), str(c.end.date()), language())}"
            for c in found.campaigns
        )
        return t(
            "ret_source_campaign",
            column=column_name(found.campaign_column, in_sentence=True),
            windows=windows,
            campaign=formatting.count(found.campaign_customers),
            outside=formatting.count(found.outside_customers),
        )
    return t(
        "ret_source_discount",
        campaign=formatting.count(found.campaign_customers),
        outside=formatting.count(found.outside_customers),
    )


def value_sentence(found: RetentionResult, horizon_weeks: float) -> str | None:
    """Are customers a campaign acquired worth less, by how much, with the interval; "no
    detectable difference" when the interval includes zero."""
    gap = found.value_gap("clv")
    if gap is None:
        return None
    means = {v.group: v.mean for v in found.values if v.metric == "clv"}
    return t(
        f"ret_worth_{gap.verdict}",
        weeks=f"{horizon_weeks:g}",
        gap=formatting.percent(abs(gap.relative), 0),
        campaign=money(means[CAMPAIGN_GROUP]),
        outside=money(means[OUTSIDE_GROUP]),
        interval=span(gap.mean_ci, lambda x: money(x, signed=True)),
    )


def repeat_sentence(found: RetentionResult) -> str | None:
    """The repeat gap at the latest headline day every cohort reaches (90 days, else earlier)."""
    gaps = [g for g in found.gaps if g.day <= 90] or list(found.gaps)
    if not gaps:
        return None
    gap = gaps[-1]
    return t(
        "ret_repeat_detected" if gap.detected else "ret_repeat_none",
        days=gap.day,
        campaign=formatting.percent(gap.campaign_share, 0),
        outside=formatting.percent(gap.outside_share, 0),
        difference=formatting.points(gap.difference),
        interval=span(
            (gap.low * 100, gap.high * 100), lambda x: formatting.ratio(x, 1, signed=True)
        ),
    )


def gap_table(found: RetentionResult) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("ret_col_days"): [g.day for g in found.gaps],
            t("ret_group_campaign"): [formatting.percent(g.campaign_share) for g in found.gaps],
            t("ret_group_outside"): [formatting.percent(g.outside_share) for g in found.gaps],
            t("ret_col_difference"): [formatting.points(g.difference) for g in found.gaps],
            t("ret_col_interval"): [
                span((g.low * 100, g.high * 100), lambda x: formatting.ratio(x, 1, signed=True))
                for g in found.gaps
            ],
            t("ret_col_observed"): [
                f"{formatting.count(g.campaign_at_risk)} / {formatting.count(g.outside_at_risk)}"
                for g in found.gaps
            ],
        }
    )


def value_table(found: RetentionResult) -> pd.DataFrame:
    """Means per cohort, and the differences of means and medians with their intervals."""
    return pd.DataFrame([_value_row(found, gap.metric) for gap in found.value_gaps])


def _value_row(found: RetentionResult, metric: str) -> dict[str, str]:
    gap = found.value_gap(metric)
    by_group = {v.group: v for v in found.values if v.metric == metric}

    def form(value: float, signed: bool = False) -> str:
        if metric == "clv":
            return money(value, signed=signed)
        return formatting.percent(value, 1, signed=signed)

    return {
        t("ret_col_metric"): t(f"ret_metric_{metric}"),
        t("ret_col_mean_campaign"): form(by_group[CAMPAIGN_GROUP].mean),
        t("ret_col_mean_outside"): form(by_group[OUTSIDE_GROUP].mean),
        t("ret_col_mean_gap"): span(gap.mean_ci, lambda x: form(x, True)),
        t("ret_col_median_gap"): span(gap.median_ci, lambda x: form(x, True)),
    }


def show_existing(found: RetentionResult, presenter: bool) -> None:
    """Existing customers who bought with a campaign against matched ones who did not, or why
    there is no comparison."""
    matched = found.matched
    if matched is None:
        st.info(t(f"ret_existing_{found.matched_reason}", days=PERIOD_DAYS))
        return
    st.markdown(existing_sentence(matched))
    if not presenter:
        st.caption(
            t(
                "ret_existing_method",
                days=matched.period_days,
                campaigns=t("ret_name_separator").join(matched.campaigns),
                reached=formatting.count(matched.reached),
                pool=formatting.count(matched.pool),
            )
        )
    days = matched.period_days
    st.plotly_chart(
        charts.before_after(
            matched,
            {
                "reached": t("ret_reached"),
                "matched": t("ret_matched"),
                "without": t("ret_without"),
            },
            (t("ret_before", days=days), t("ret_after", days=days)),
            title=t("ret_existing_title"),
            axis_y=t("ret_axis_purchases"),
            presenter=presenter,
        ),
        config=chart_config(),
    )


def existing_sentence(matched: MatchedComparison) -> str:
    def purchases(x: float) -> str:
        return formatting.ratio(x, 2)

    return t(
        "ret_existing_detected" if matched.detected else "ret_existing_none",
        days=matched.period_days,
        before_reached=purchases(matched.before_reached),
        after_reached=purchases(matched.after_reached),
        before_matched=purchases(matched.before_matched),
        after_matched=purchases(matched.after_matched),
        effect=formatting.ratio(matched.effect, 2, signed=True),
        relative=formatting.percent(matched.relative, 0, signed=True),
        interval=span(matched.ci, lambda x: formatting.ratio(x, 2, signed=True)),
    )
