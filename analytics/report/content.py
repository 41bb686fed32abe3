"""What a report holds: the portfolio of campaigns, a page per chosen campaign with its checks,
the drivers, the forecast and the planner's budget split, each computed as the pages compute it.
A section that cannot be computed for this dataset keeps its reason (a ``Failure``) instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import pandas as pd
from threadpoolctl import threadpool_limits

from analytics.drivers.results import DriversResult
from analytics.errors import Failure, UserInputError
from analytics.forecast.results import ForecastResult
from analytics.ingest.roles import Mapping
from analytics.lift.portfolio import Portfolio, portfolio
from analytics.lift.reports import CampaignReport, measure_each, with_checks
from analytics.lift.roi import checked_margin, resolve_margin
from analytics.parallel import in_worker
from analytics.planner.budget import BudgetResult
from analytics.selection import Campaign, campaigns_in
from analytics.summary import recent_history

# The steps a report takes, in order, for a progress bar.
STAGES = ("campaigns", "drivers", "forecast", "planner")
# The Forecast page's default horizon per frequency; the Planner's bootstrap draws are halved
# for the report (the split is the same; its interval rests on 100 refits instead of 200).
FORECAST_HORIZON = {"D": 28, "W": 13, "M": 12}
PLANNER_DRAWS = 100
# Placebo windows per campaign page: the page shows the check as one sentence ("in 0 of 4
# windows..."); four windows instead of the Lift page's eight halve the report's fits.
PLACEBO_WINDOWS = 4

Section = TypeVar("Section")
Measured = list[tuple[Campaign, CampaignReport | Failure]]


@dataclass(frozen=True)
class CampaignPage:
    """One chosen campaign: its report with the robustness and placebo checks, and the
    segment's metric around the window (the lift chart's context)."""

    report: CampaignReport
    history: pd.Series = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()


@dataclass(frozen=True)
class ReportContent:
    dataset: str
    metric: str
    date_min: str
    date_max: str
    generated: datetime
    margin: float
    margin_source: str
    portfolio: Portfolio | None
    reports: tuple[CampaignReport, ...]
    unmeasured: tuple[tuple[str, Failure], ...]
    pages: tuple[CampaignPage, ...]
    drivers: DriversResult | Failure
    forecast: ForecastResult | Failure
    budget: BudgetResult | Failure

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "metric": self.metric,
            "date_min": self.date_min,
            "date_max": self.date_max,
            "generated": self.generated.isoformat(timespec="seconds"),
            "margin": self.margin,
            "margin_source": self.margin_source,
            "portfolio": None if self.portfolio is None else self.portfolio.to_dict(),
            "campaigns": [page.to_dict() for page in self.pages],
            "unmeasured": {name: failure.message for name, failure in self.unmeasured},
            "drivers": _section_dict(self.drivers),
            "forecast": _section_dict(self.forecast),
            "budget": _section_dict(self.budget),
        }


def gather_report(
    frame: pd.DataFrame,
    mapping: Mapping,
    dataset: str,
    *,
    campaigns: Sequence[str] = (),
    margin: float | None = None,
    progress: Callable[[str], None] | None = None,
    parallel: bool = True,
    measured: Measured | None = None,
) -> ReportContent:
    """Every section of the report of a dated dataset with an outcome; ``campaigns`` picks the
    campaigns that get a page of their own (default: all). ``progress(stage)`` is called as
    each of ``STAGES`` starts. ``measured``: every campaign as ``measure_each`` measured it
    (under ``margin``) for the app's pages; then only the chosen ones' checks are fitted."""
    metric, dates = _outcome_and_dates(frame, mapping)
    checked_margin(margin)
    found = [c.name for c in campaigns_in(frame, mapping)]
    chosen = _chosen(found, campaigns)
    step = progress or (lambda stage: None)
    step("campaigns")
    with _beside(parallel) as side:
        # Drivers and forecast fit in the workers beside the campaigns, the planner's model
        # here (its refits in the workers too), while the campaigns are measured.
        later = [
            side.submit(_apart, parallel, _drivers, frame, mapping, metric),
            side.submit(_apart, parallel, _forecast, frame, mapping, metric),
            side.submit(_section, lambda: _budget(frame, mapping, metric, margin, parallel)),
        ]
        measured = _measured(frame, mapping, metric, margin, chosen, parallel, measured)
        reports = tuple(r for _, r in measured if isinstance(r, CampaignReport))
        unmeasured = tuple((c.name, r) for c, r in measured if isinstance(r, Failure))
        pages = tuple(_page(frame, mapping, r) for r in reports if r.lift.campaign in chosen)
        drivers, forecast, budget = (
            _result(stage, job, step) for stage, job in zip(STAGES[1:], later, strict=True)
        )
    value, source = resolve_margin(frame, mapping, {}, margin)
    return ReportContent(
        dataset=dataset,
        metric=metric,
        date_min=f"{dates.min():%Y-%m-%d}",
        date_max=f"{dates.max():%Y-%m-%d}",
        generated=datetime.now(UTC),
        margin=value,
        margin_source=source,
        portfolio=portfolio(list(reports)) if reports else None,
        reports=reports,
        unmeasured=unmeasured,
        pages=pages,
        drivers=drivers,
        forecast=forecast,
        budget=budget,
    )


def _measured(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    margin: float | None,
    chosen: set[str],
    parallel: bool,
    known: Measured | None,
) -> Measured:
    """Every campaign, the chosen ones with their checks (the estimates reused when known)."""
    if known is not None:
        return with_checks(
            frame, mapping, metric, known, chosen,
            placebo_windows=PLACEBO_WINDOWS, parallel=parallel,
        )  # fmt: skip
    return measure_each(
        frame, mapping, metric, margin=margin, parallel=parallel, checked=chosen,
        placebo_windows=PLACEBO_WINDOWS,
    )  # fmt: skip


def _outcome_and_dates(frame: pd.DataFrame, mapping: Mapping) -> tuple[str, pd.Series]:
    if mapping.date_column is None:
        raise UserInputError(
            "A report needs a date column: campaigns, forecasts and budgets are measured over "
            "time. Map a column to the date role on the Data page, or upload a dated file.",
            code="report_no_dates",
        )
    if mapping.outcome is None:
        raise UserInputError(
            "A report needs an outcome metric (such as revenue): mark one metric column as the "
            "outcome on the Data page.",
            code="report_no_outcome",
        )
    return mapping.outcome, pd.to_datetime(frame[mapping.date_column])


def _chosen(found: list[str], asked: Sequence[str]) -> set[str]:
    """The campaigns given a page: those asked for (each must exist), else all."""
    unknown = [name for name in asked if name not in found]
    if unknown:
        known = ", ".join(found) or "none"
        raise UserInputError(
            f"No campaign named {unknown[0]!r} in this file; its campaigns are: {known}.",
            code="report_unknown_campaign",
            name=unknown[0],
            known=known,
        )
    return set(asked or found)


def _page(frame: pd.DataFrame, mapping: Mapping, report: CampaignReport) -> CampaignPage:
    lift = report.lift
    where = {column: tuple(values) for column, values in lift.segment.items()}
    history = recent_history(frame, mapping, lift.metric, where, lift.start, lift.end)
    return CampaignPage(report, history)


@contextmanager
def _beside(parallel: bool) -> Iterator[ThreadPoolExecutor]:
    """A thread per section, computed (or waited for) while the campaigns are measured
    (``parallel``; else the sections wait their turn), BLAS held to one thread so the processes
    share the cores instead of fighting over them."""
    threads = len(STAGES) - 1 if parallel else 1
    with (
        ThreadPoolExecutor(max_workers=threads) as side,
        threadpool_limits(1 if parallel else None),
    ):
        yield side


def _result(stage: str, job: Future[Section], step: Callable[[str], None]) -> Section:
    step(stage)
    return job.result()


def _section(compute: Callable[[], Section]) -> Section | Failure:
    """A section's result, or why it cannot be computed for this dataset."""
    try:
        return compute()
    except UserInputError as exc:
        return Failure.of(exc)


def _apart(parallel: bool, compute: Callable[..., Section], *args: object) -> Section | Failure:
    """``_section`` of ``compute(*args)``, in a worker process when ``parallel``."""
    if parallel:
        return in_worker(_computed, compute, *args)
    return _computed(compute, *args)


def _computed(compute: Callable[..., Section], *args: object) -> Section | Failure:
    return _section(lambda: compute(*args))


def _section_dict(section: Any) -> dict[str, Any]:
    if isinstance(section, Failure):
        return {"failure": section.message, "code": section.code}
    return section.to_dict()


def _drivers(frame: pd.DataFrame, mapping: Mapping, metric: str) -> DriversResult:
    from analytics.drivers.analysis import run_drivers
    from analytics.drivers.models import FITTED_MODELS
    from analytics.drivers.settings import DriverSettings

    settings = DriverSettings(target=metric, features=None, models=FITTED_MODELS)
    return run_drivers(frame, mapping, settings, parallel=False)


def _forecast(frame: pd.DataFrame, mapping: Mapping, metric: str) -> ForecastResult:
    from analytics.forecast.metric import forecast_metric
    from analytics.forecast.results import ForecastSettings
    from analytics.periods import infer_frequency

    dates = pd.to_datetime(frame[mapping.date_column]).to_numpy()
    horizon = FORECAST_HORIZON.get(infer_frequency(dates) or "D", 28)
    return forecast_metric(frame, mapping, metric, {}, ForecastSettings(horizon))


def _budget(
    frame: pd.DataFrame, mapping: Mapping, metric: str, margin: float | None, parallel: bool
) -> BudgetResult:
    """The Planner's default: today's spend rate over a quarter, split for the most profit; its
    refits run in the workers (``parallel``) after the campaigns and sections queued first."""
    from analytics.planner.budget import DEFAULT_DAYS, budget_periods, optimise_budget
    from analytics.planner.model import fit_planner

    model = fit_planner(frame, mapping, metric, draws=PLANNER_DRAWS, parallel=parallel)
    current = float(model.fit.recent_spend.sum() * budget_periods(DEFAULT_DAYS, model.frequency))
    budget = float(round(current, -3) or round(current))
    value, _ = resolve_margin(frame, mapping, {}, margin)
    return optimise_budget(model, budget, days=DEFAULT_DAYS, margin=value)
