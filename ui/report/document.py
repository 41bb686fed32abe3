"""The report as pages in the current language: each a heading, a chart whose title is its
takeaway, and plain sentences. The PowerPoint, HTML and PDF writers all draw this one list."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import plotly.graph_objects as go

from analytics.drivers.results import DriversResult
from analytics.errors import Failure
from analytics.forecast.results import ForecastResult
from analytics.formatting import percent, ratio
from analytics.planner.budget import DEFAULT_DAYS, BudgetResult
from analytics.report.content import PLANNER_DRAWS, CampaignPage, ReportContent
from ui.drivers import view as drivers_view
from ui.failures import failure_text
from ui.figures import styled
from ui.forecast import figures as forecast_figures
from ui.forecast.view import chart_labels as forecast_labels
from ui.i18n import t
from ui.lift import figures as lift_figures
from ui.lift.bridge import waterfall_steps
from ui.lift.checks import placebo_sentence, robustness_sentence
from ui.lift.view import conclusions, lift_panel_labels, lift_report, portfolio_bridge, roi_text
from ui.numbers import column_name, in_words, money, span
from ui.planner import figures as planner_figures
from ui.planner.budget import budget_conclusion
from ui.planner.wording import chart_labels as planner_labels
from ui.safe import chart_text
from ui.workspace import shown_name


@dataclass(frozen=True)
class Page:
    """One slide, or one section of the HTML and PDF."""

    heading: str
    lines: tuple[str, ...] = ()
    figure: go.Figure | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ReportDocument:
    title: str
    subtitle: str
    generated: str
    pages: tuple[Page, ...]


BRIDGE_HEIGHT = 720  # the step names are long and drawn slanted: more room than the page's 520
_ESCAPED = re.compile(r"\\(.)")


def plain(markdown: str) -> str:
    """A page's Markdown sentence as plain text: escapes undone and bold marks dropped (the
    writers escape for their own format)."""
    return _ESCAPED.sub(r"\1", markdown.replace("**", ""))


def build_document(
    content: ReportContent, each_page: Callable[[Page], object] = lambda page: None
) -> ReportDocument:
    """Every page of the report, in the language ``t`` is set to; ``each_page(page)`` is called
    as each page is built (its chart can be drawn while the next pages are built)."""
    pages = []
    for page in _pages(content):
        each_page(page)
        pages.append(page)
    return ReportDocument(
        title=t("rep_title", dataset=shown_name(content.dataset)),
        subtitle=t(
            "rep_subtitle", metric=content.metric, start=content.date_min, end=content.date_max
        ),
        generated=t("rep_generated", when=f"{content.generated:%Y-%m-%d %H:%M}"),
        pages=tuple(pages),
    )


def _pages(content: ReportContent) -> Iterator[Page]:
    yield from _portfolio_pages(content)
    yield from (_campaign_page(page) for page in content.pages)
    yield _drivers_page(content.drivers, content.metric)
    yield from _forecast_pages(content.forecast)
    yield _budget_page(content.budget)
    yield _methods_page(content)


def _missing(heading: str, failure: Failure) -> Page:
    return Page(heading, (t("rep_section_missing", reason=plain(failure_text(failure))),))


def _portfolio_pages(content: ReportContent) -> list[Page]:
    overall, reports = content.portfolio, list(content.reports)
    unmeasured = tuple(
        t("rep_unmeasured", name=name, reason=plain(failure_text(failure)))
        for name, failure in content.unmeasured
    )
    if overall is None:
        empty = t("rep_no_campaigns") if unmeasured else t("rep_no_campaigns_found")
        return [Page(t("rep_sec_portfolio"), (empty, *unmeasured))]
    kpis = [
        (t("kpi_campaign_spend"), money(overall.spend)),
        (t("kpi_incremental", metric=content.metric), money(overall.incremental, signed=True)),
        (t("kpi_paid_back"), f"{overall.paid_back} / {overall.campaigns}"),
    ]
    if overall.roi is not None and overall.roi_ci is not None:
        lo, hi = overall.roi_ci
        kpis.insert(2, (t("kpi_roi"), f"{roi_text(overall.roi)} ({span((lo, hi), roi_text)})"))
    lines = [t("rep_kpi_line", label=label, value=value) for label, value in kpis]
    lines += [plain(line) for line in conclusions(overall, reports)]
    pages = [Page(t("rep_sec_portfolio"), (*lines, *unmeasured))]
    with_roi = [r for r in reports if r.roi.roi is not None and r.roi.roi_ci is not None]
    if with_roi:
        best = max(with_roi, key=lambda r: r.roi.roi or 0.0)
        title = t(
            "rep_take_roi",
            paid=overall.paid_back,
            total=overall.campaigns,
            best=chart_text(best.lift.campaign),
            roi=roi_text(best.roi.roi),
        )
        fig = lift_figures.roi_bars(
            [r.lift.campaign or "" for r in with_roi],
            [r.roi.roi for r in with_roi],
            [r.roi.roi_ci[0] for r in with_roi],
            [r.roi.roi_ci[1] for r in with_roi],
            title=title,
            presenter=True,
        )
        pages.append(Page(t("rep_sec_roi"), (), fig))
    if overall.incremental_profit is not None:
        pages.append(_bridge_page(content))
    return pages


def _bridge_page(content: ReportContent) -> Page:
    """The portfolio's bridge: the campaigns' bridges summed step by step (a campaign without a
    discount has no discount steps: it adds nothing to them)."""
    steps = [
        waterfall_steps(r.roi.bridge)
        for r in content.reports
        if r.roi.spend and r.roi.bridge.incremental_profit is not None
    ]
    labels, _, totals = max(steps, key=lambda step: len(step[0]))
    sums = dict.fromkeys(labels, 0.0)
    for names, values, _ in steps:
        for name, value in zip(names, values, strict=True):
            sums[name] += value
    profit = content.portfolio.incremental_profit or 0.0
    fig = lift_figures.profit_waterfall(
        labels,
        tuple(sums.values()),
        totals,
        title=t("rep_take_bridge", profit=money(profit, signed=True)),
        presenter=True,
    )
    tall = styled(go.Figure(fig), presenter=True, title=fig.layout.title.text, height=BRIDGE_HEIGHT)
    return Page(t("rep_sec_bridge"), (plain(portfolio_bridge(content.portfolio)),), tall)


def _campaign_page(page: CampaignPage) -> Page:
    report = page.report
    lift = report.lift
    labels = lift_panel_labels()
    shared = lift_figures.lift_panels(lift.daily, page.history, labels, presenter=True)
    takeaway = t(
        "rep_take_lift",
        name=chart_text(lift.campaign),
        effect=money(lift.abs_effect, signed=True),
        metric=chart_text(lift.metric),
        rel=percent(lift.rel_effect, 1, signed=True),
    )
    fig = styled(go.Figure(shared), presenter=True, title=takeaway, height=shared.layout.height)
    lines = [plain(paragraph) for paragraph in lift_report(report)]
    if report.checks is not None:
        robust = plain(robustness_sentence(report.checks.robustness, table_below=False))
        placebo = plain(placebo_sentence(report.checks.placebo))
        lines.append(t("rep_robustness_line", robust=robust, placebo=placebo))
    return Page(t("rep_sec_campaign", name=lift.campaign), tuple(lines), fig)


def _drivers_page(result: DriversResult | Failure, metric: str) -> Page:
    heading = t("rep_sec_drivers")
    if isinstance(result, Failure):
        return _missing(heading, result)
    head, _ = drivers_view.grouped_findings_text(result)
    findings = tuple(plain(line) for line in head[-3:])
    if not result.beats_baseline or not result.importance:
        return Page(heading, (t("rep_take_no_driver", metric=metric), *findings))
    best = next(m for m in result.models if m.name == result.best)
    title = t(
        "rep_take_drivers",
        feature=chart_text(result.importance[0].feature),
        metric=chart_text(metric),
        model=drivers_view.model_name(result.best),
        r2=ratio(best.r2),
    )
    fig = drivers_view.importance_chart(result, presenter=True)
    return Page(
        heading,
        findings,
        styled(go.Figure(fig), presenter=True, title=title, height=fig.layout.height),
    )


def _forecast_pages(result: ForecastResult | Failure) -> list[Page]:
    if isinstance(result, Failure):
        return [_missing(t("rep_sec_forecast"), result)]
    unit = t(f"fc_units_{result.frequency}")
    total = result.forecast["mean"].sum()
    title = t(
        "rep_take_forecast",
        total=money(total),
        metric=chart_text(result.metric),
        count=result.horizon,
        unit=unit,
    )
    labels = forecast_labels()
    fig = forecast_figures.forecast_chart(result, labels, presenter=True, title=title)
    sentence = t(
        "fc_total_sentence",
        metric=result.metric,
        total=money(total),
        count=result.horizon,
        unit=unit,
        first=f"{result.forecast.index[0]:%Y-%m-%d}",
        last=f"{result.forecast.index[-1]:%Y-%m-%d}",
    )
    pages = [Page(t("rep_sec_forecast"), (plain(sentence),), fig)]
    backtest = result.backtest
    if backtest is not None and backtest.naive_mae:
        share = percent(backtest.mae / backtest.naive_mae, 0)
        line = t(
            "rep_backtest_line",
            points=backtest.points,
            unit=unit,
            origins=backtest.origins,
            mae=money(backtest.mae),
            nmae=money(backtest.naive_mae),
            c95=percent(backtest.coverage95, 0),
        )
        chart = forecast_figures.backtest_chart(
            backtest, labels, presenter=True, title=t("rep_take_backtest", ratio=share)
        )
        pages.append(Page(t("rep_sec_backtest"), (line,), chart))
    return pages


def _budget_page(result: BudgetResult | Failure) -> Page:
    heading = t("rep_sec_budget")
    if isinstance(result, Failure):
        return _missing(heading, result)
    conclusion = plain(budget_conclusion(result))
    lines = [conclusion] + [
        t(
            "rep_budget_line",
            channel=column_name(c.channel),
            now=money(c.current_spend),
            proposed=money(c.proposed_spend),
            mroi_now=roi_text(c.marginal_roi_current),
            mroi_new=roi_text(c.marginal_roi_proposed),
        )
        for c in result.channels
    ]
    now = sum(c.current_spend for c in result.channels) or 1.0
    # The channel whose share of the budget rises most, as the Planner's conclusion names it.
    up = max(
        result.channels, key=lambda c: c.proposed_spend / result.budget - c.current_spend / now
    )
    if conclusion == t("plan_budget_no_change"):
        title = t("rep_take_budget_same")
    else:
        title = t(
            "rep_take_budget",
            up=chart_text(in_words(up.channel)),
            gain=money(result.predicted_gain, signed=True),
            days=result.days,
        )
    labels = planner_labels(
        now="plan_legend_now", proposed="plan_legend_proposed", mroi="plan_mroi_short"
    )
    fig = planner_figures.budget_split(result, labels, presenter=True, title=title)
    return Page(heading, tuple(lines), fig)


def _methods_page(content: ReportContent) -> Page:
    source = t(f"margin_source_{content.margin_source}")
    if content.margin_source == "default":  # a report has no sidebar
        source = t("margin_source_default_report")
    return Page(
        t("rep_sec_methods"),
        (
            t("rep_method_lift"),
            t("rep_method_profit", margin=percent(content.margin, 0), source=source),
            t("rep_method_checks"),
            t("rep_method_drivers"),
            t("rep_method_forecast"),
            t("rep_method_planner", draws=PLANNER_DRAWS, days=DEFAULT_DAYS),
        ),
    )
