"""Presentation of campaign measurements: tables and plain-language text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.formatting import p_value, percent, ratio
from analytics.lift.portfolio import Portfolio
from analytics.lift.reports import CampaignReport
from analytics.lift.result import Notice
from analytics.selection import Campaign
from ui.failures import failure_text, festival_name, localised
from ui.glossary import glossary_caption
from ui.i18n import STRINGS, t
from ui.numbers import column_name, in_words, money, span
from ui.safe import md
from ui.tables import show_table

Results = list[tuple[Campaign, CampaignReport | Failure]]
# The campaign table's columns a manager reads first (headers by i18n key).
KEY_COLUMNS = (
    "campaign_label",
    "col_window",
    "col_lift",
    "col_rel",
    "col_roas",
    "col_roi",
    "lft_col_roi_ci",
    "lft_col_paid_back",
)


def measured(results: Results) -> list[CampaignReport]:
    return [r for _, r in results if isinstance(r, CampaignReport)]


def campaign_table(results: Results) -> pd.DataFrame:
    rows = []
    for campaign, result in results:
        row = {
            t("campaign_label"): campaign.name,
            t("col_window"): span((campaign.start, campaign.end), _day),
            t("col_segment"): segment_text(campaign.segment),
        }
        if isinstance(result, CampaignReport):
            row.update(_measured_columns(result))
        else:
            row[t("col_lift")] = None
            row[t("col_message")] = failure_text(result, markdown=False)
        rows.append(row)
    return pd.DataFrame(rows)


def key_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The columns a manager reads first, narrow enough for a 1280 px screen: campaign, window,
    lift, lift %, ROAS, ROI with its interval and whether it paid back. The rest of
    ``campaign_table`` (segment, the bridge's steps, naive ROAS, failures) goes in details."""
    return table[[t(key) for key in KEY_COLUMNS if t(key) in table.columns]]


def unmeasured(results: Results) -> int:
    """How many campaigns could not be measured (their reason is in the details table)."""
    return sum(isinstance(result, Failure) for _, result in results)


def _measured_columns(report: CampaignReport) -> dict[str, object]:
    """A measured campaign's columns: its lift, then each step of its profit bridge."""
    lift, roi = report.lift, report.roi
    low, high = lift.abs_effect_ci
    return {
        t("col_spend"): _rounded(roi.spend),
        t("col_lift"): round(lift.abs_effect),
        t("col_lift_ci"): span((low, high), _signed),
        t("lft_col_excludes_zero"): t("yes") if low > 0 or high < 0 else t("no"),
        t("col_rel"): percent(lift.rel_effect, signed=True),
        t("lft_col_gross"): round(roi.bridge.incremental_gross_profit),
        t("lft_col_discount_cost"): round(roi.bridge.discount_cost),
        t("lft_col_profit"): _rounded(roi.incremental_profit),
        t("col_roas"): None if roi.roas is None else round(roi.roas, 2),
        t("col_roi"): None if roi.roi is None else roi_text(roi.roi),
        t("lft_col_roi_ci"): None if roi.roi_ci is None else span(roi.roi_ci, roi_text),
        t("col_naive_roas"): None if roi.naive_roas is None else round(roi.naive_roas, 2),
        t("lft_col_paid_back"): None if not roi.spend else _paid_back(roi.incremental_profit),
    }


def money_columns() -> list[str]:
    """The campaign table's columns holding money, shown with the dataset's currency."""
    keys = ("col_spend", "col_lift", "lft_col_gross", "lft_col_discount_cost", "lft_col_profit")
    return [t(key) for key in keys]


def _paid_back(profit: float | None) -> str:
    return t("yes") if (profit or 0.0) > 0 else t("no")


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def _day(day: pd.Timestamp) -> str:
    return f"{day:%Y-%m-%d}"


def _signed(value: float) -> str:
    return money(value, signed=True)


def roi_text(value: float) -> str:
    """An ROI as everywhere: a whole signed percentage."""
    return percent(value, 0, signed=True)


def share_text(share: float) -> str:
    """A share of simulated outcomes to one decimal, never rounded to 0% or 100%."""
    if share > 0.999:
        return "> " + percent(0.999)
    if share < 0.001:
        return "< " + percent(0.001)
    return percent(share)


def summary_table(report: CampaignReport) -> pd.DataFrame:
    """The estimate as CausalImpact's summary reads: each measure summed over the window and
    averaged per period, with its 95% interval; then what it returned per unit of spend."""
    lift, roi = report.lift, report.roi
    periods = max(1, int(lift.daily["actual"].notna().sum()))
    low, high = lift.abs_effect_ci
    rows = [
        (t("lft_row_actual"), money(lift.actual), money(lift.actual / periods), ""),
        (
            t("lft_row_baseline"),
            money(lift.baseline),
            money(lift.baseline / periods),
            span((lift.actual - high, lift.actual - low), money),
        ),
        (
            t("lft_row_abs"),
            _signed(lift.abs_effect),
            _signed(lift.abs_effect / periods),
            span(lift.abs_effect_ci, _signed),
        ),
        (t("lft_row_rel"), _rel(lift.rel_effect), "", span(lift.rel_effect_ci, _rel)),
        (t("lft_row_share_positive"), share_text(lift.probability_positive), "", ""),
        (t("lft_row_p_two_sided"), p_value(lift.p_value), "", ""),
    ]
    if roi.spend is not None and roi.roas is not None and roi.roi is not None:
        rows += [
            (t("col_spend"), money(roi.spend), "", ""),
            (
                t("lft_col_profit"),
                _signed(roi.incremental_profit),
                "",
                _optional_span(roi.profit_ci, _signed),
            ),
            (t("col_roas"), ratio(roi.roas), "", _optional_span(roi.roas_ci, ratio)),
            (t("col_roi"), roi_text(roi.roi), "", _optional_span(roi.roi_ci, roi_text)),
            (t("col_naive_roas"), ratio(roi.naive_roas), "", ""),
        ]
    columns = [t("lft_col_measure"), t("lft_col_total"), t("lft_col_average"), t("lft_col_ci")]
    return pd.DataFrame(rows, columns=columns)


def _rel(value: float) -> str:
    return percent(value, signed=True)


def _optional_span(pair: tuple[float, float] | None, form) -> str:
    return "" if pair is None else span(pair, form)


def segment_text(segment: dict[str, tuple[str, ...]] | dict[str, list[str]]) -> str:
    if not segment:
        return t("all_segments")
    return "; ".join(
        f"{in_words(column)}: {', '.join(values)}" for column, values in segment.items()
    )


def conclusions(summary: Portfolio, reports: list[CampaignReport]) -> list[str]:
    """Two or three sentences from the numbers (names escaped for Markdown)."""
    lines = []
    by_name = {r.lift.campaign: r for r in reports}
    best = by_name.get(summary.best)
    if best and best.roi.roas_ci and best.roi.roi is not None:
        lo, hi = best.roi.roas_ci
        lines.append(
            t(
                "conclusion_best",
                name=md(best.lift.campaign),
                roas=ratio(best.roi.roas),
                lo=ratio(lo),
                hi=ratio(hi),
                roi=roi_text(best.roi.roi),
            )
        )
    if summary.not_paid_back:
        lines.append(
            t("conclusion_not_paid", names=", ".join(md(n) for n in summary.not_paid_back))
        )
    if reports:
        margin = reports[0].roi.margin
        lines.append(
            t(
                "conclusion_share",
                paid=summary.paid_back,
                total=summary.campaigns,
                margin=percent(margin, 0),
            )
        )
    return lines


def portfolio_bridge(summary: Portfolio) -> str:
    """The bridge summed over the campaigns with spend, as one sentence of numbers."""
    return t(
        "lft_overview_bridge",
        gross=money(summary.incremental_gross_profit),
        cost=money(summary.discount_cost),
        spend=money(summary.spend),
        profit=_signed(summary.incremental_profit or 0.0),
        roi=roi_text(summary.roi or 0.0),
    )


def roi_convention(report: CampaignReport, presenter: bool = False) -> str:
    """How ROI is computed and the margin it used; in presenter mode, where the margin input is
    hidden, a default margin says where it is changed outside presenter mode."""
    source = report.roi.margin_source
    shown = "default_presenter" if presenter and source == "default" else source
    source = t(f"margin_source_{shown}")
    text = t("roi_convention", margin=percent(report.roi.margin, 0), source=source)
    return text + (" " + t("lft_convention_table") if report.roi.spend_source == "table" else "")


def lift_panel_labels() -> dict[str, str]:
    """The three-panel lift chart's panel titles and legend, in the current language."""
    return {
        "actual_panel": t("panel_actual"),
        "point_panel": t("panel_point"),
        "cumulative_panel": t("panel_cumulative"),
        "actual": t("legend_actual"),
        "baseline": t("legend_baseline"),
        "band": t("legend_band"),
    }


def lift_report(report: CampaignReport) -> list[str]:
    lift, roi = report.lift, report.roi
    paragraphs = [
        t(
            "lift_report",
            start=lift.start,
            end=lift.end,
            metric=md(in_words(lift.metric)),
            segment=md(segment_text(lift.segment)),
            actual=money(lift.actual),
            baseline=money(lift.baseline),
            blo=money(lift.actual - lift.abs_effect_ci[1]),
            bhi=money(lift.actual - lift.abs_effect_ci[0]),
            effect=_signed(lift.abs_effect),
            rel=_rel(lift.rel_effect),
            lo=_signed(lift.abs_effect_ci[0]),
            hi=_signed(lift.abs_effect_ci[1]),
        )
    ]
    low, high = lift.abs_effect_ci
    clear = "lft_effect_excludes_zero" if low > 0 or high < 0 else "lft_effect_includes_zero"
    paragraphs.append(t(clear, p=p_value(lift.p_value)))
    if roi.spend and roi.roas_ci:
        paragraphs.append(
            t(
                "lft_report_roi_table" if roi.spend_source == "table" else "lift_report_roi",
                spend=money(roi.spend),
                roas=ratio(roi.roas),
                rlo=ratio(roi.roas_ci[0]),
                rhi=ratio(roi.roas_ci[1]),
                roi=roi_text(roi.roi),
                naive=ratio(roi.naive_roas),
            )
        )
    if roi.incremental_profit is not None and roi.profit_ci is not None:
        paragraphs.append(profit_sentence(report))
    return paragraphs


def profit_sentence(report: CampaignReport) -> str:
    """What the campaign added to profit after the bridge's costs, and whether it paid back."""
    roi = report.roi
    profit = roi.incremental_profit or 0.0
    low, high = roi.profit_ci or (profit, profit)
    return t(
        "lft_report_profit",
        margin=percent(roi.margin, 0),
        cost=money(roi.discount_cost),
        profit=_signed(profit),
        lo=_signed(low),
        hi=_signed(high),
        verdict=t("lft_verdict_paid" if profit > 0 else "lft_verdict_not_paid"),
    )


def notice_text(notice: Notice) -> str:
    """A lift warning in the current language (names escaped for Markdown)."""
    key = f"lft_note_{notice.code}"
    if key not in STRINGS:
        return md(notice.message)
    if notice.code == "festival_unknown" and notice.params.get("controls"):
        key += "_controls"
    params = {k: md(v) if isinstance(v, str) else v for k, v in localised(notice.params).items()}
    if "p" in params:  # a p-value, written as everywhere else
        params["p"] = p_value(params["p"])
    return t(key, **params)


def diagnostics(report: CampaignReport) -> None:
    lift = report.lift
    st.markdown(
        t(
            "diag_pre",
            start=lift.pre_start,
            end=lift.pre_end,
            mape=percent(lift.pre_mape),
            order=str(tuple(lift.order)),
        )
    )
    glossary_caption("model_order")
    if len(lift.form_weights) > 1:
        shares = {form: percent(weight, 0) for form, weight in lift.form_weights.items()}
        st.markdown(t("diag_forms", **shares))
    st.markdown(_festival_line(report))
    if lift.controls:
        st.markdown(t("diag_controls"))
        weights = pd.DataFrame(
            {
                t("col_name"): [column_name(name) for name in lift.controls],
                t("lft_col_weight"): [round(w, 3) for w in lift.controls.values()],
            }
        )
        show_table(weights, "controls.csv")
        _control_checks(report)
    else:
        st.markdown(t("diag_no_controls"))
    for notice in lift.notices:
        st.warning(notice_text(notice))


def _festival_line(report: CampaignReport) -> str:
    lift = report.lift
    if lift.festivals:
        return t("lft_festivals", names=md(", ".join(map(festival_name, lift.festivals))))
    if lift.controls:
        return t("lft_festivals_controls")
    return t("lft_festivals_none")


def _control_checks(report: CampaignReport) -> None:
    checks = report.lift.control_checks
    if not checks:
        return
    st.markdown(t("lft_control_check"))
    moved = pd.DataFrame(
        {
            t("col_name"): [column_name(c.name) for c in checks],
            t("lft_col_shift"): [_rel(c.shift) for c in checks],
            t("lft_col_p"): [p_value(c.p_value) for c in checks],
            t("lft_col_moved"): [t("yes") if c.moved else t("no") for c in checks],
        }
    )
    show_table(moved, "control_checks.csv")
