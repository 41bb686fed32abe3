"""One report per campaign: its lift and what it returned; the CLI and the pages print these."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from analytics.errors import Failure, UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift.campaign_table import CampaignTable
from analytics.lift.checks import PLACEBO_WINDOWS, LiftChecks, check_lift
from analytics.lift.estimate import fit_inputs
from analytics.lift.frequencies import ROWS
from analytics.lift.inputs import LiftInputs, prepare_lift
from analytics.lift.result import LiftResult, as_row_numbers
from analytics.lift.roi import RoiResult, campaign_roi, with_margin
from analytics.parallel import map_in_workers
from analytics.selection import (
    Campaign,
    Where,
    campaigns_in,
    find_campaign,
    row_period,
    with_row_periods,
)


@dataclass(frozen=True)
class CampaignReport:
    lift: LiftResult
    roi: RoiResult
    checks: LiftChecks | None = None

    def with_margin(self, margin: float | None) -> CampaignReport:
        """The report with ROI under the margin setting (None: the margin it was measured
        with, from the data or the default); the lift is reused as it is."""
        if margin is None:
            return self
        return replace(self, roi=with_margin(self.roi, self.lift, margin))

    def to_dict(self) -> dict[str, Any]:
        result = self.lift.to_dict()
        result.update(spend=self.roi.spend, roas=self.roi.roas, roi=self.roi.roi)
        bridge = self.roi.bridge
        result.update(
            incremental_gross_profit=bridge.incremental_gross_profit,
            discount_cost=bridge.discount_cost,
            incremental_profit=bridge.incremental_profit,
        )
        result["roi_detail"] = self.roi.to_dict()
        if self.checks is not None:
            result["checks"] = self.checks.to_dict()
        return result


@dataclass(frozen=True)
class _Target:
    """What to measure: a window, a segment, and the campaigns to leave out of the fit."""

    start: pd.Timestamp
    end: pd.Timestamp
    segment: dict[str, tuple[str, ...]]
    others: tuple[Campaign, ...] | None
    spend: float | None


def measure(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    *,
    campaign: str | None = None,
    start: str | None = None,
    end: str | None = None,
    where: Where | None = None,
    controls: str | tuple[str, ...] = "auto",
    margin: float | None = None,
    table: CampaignTable | None = None,
    checks: bool = False,
    placebo_windows: int = PLACEBO_WINDOWS,
    parallel: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CampaignReport:
    """Lift and ROI of a named campaign (from the campaign column, or from ``table``), or of a
    window and segment given by hand. A file without dates takes ``start``/``end`` as 1-based
    row numbers. ``checks`` adds the robustness and placebo checks (up to ``placebo_windows``
    windows; fits in ``parallel``; ``progress(done, total)`` is called as each one finishes)."""
    if mapping.date_column is None:
        return _measure_rows(frame, mapping, metric, campaign, start, end, where, controls, margin)
    target = _target(frame, mapping, campaign, start, end, where, table)
    inputs = _prepared(frame, mapping, metric, campaign, target, controls)
    lift = fit_inputs(inputs)
    roi = campaign_roi(frame, mapping, lift, target.segment, margin, spend=target.spend)
    extra = None
    if checks:
        extra = check_lift(
            inputs, lift, windows=placebo_windows, parallel=parallel, progress=progress
        )
    return CampaignReport(lift, roi, extra)


def _prepared(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    campaign: str | None,
    target: _Target,
    controls: str | tuple[str, ...] = "auto",
) -> LiftInputs:
    return prepare_lift(
        frame, mapping, metric, target.start, target.end, target.segment,
        campaign=campaign, controls=controls, others=target.others,
    )  # fmt: skip


def _target(
    frame: pd.DataFrame,
    mapping: Mapping,
    campaign: str | None,
    start: str | None,
    end: str | None,
    where: Where | None,
    table: CampaignTable | None,
) -> _Target:
    if campaign is not None and table is not None:
        found = table.find(campaign)
        return _Target(found.start, found.end, dict(found.segment), table.campaigns,
                       table.spend.get(campaign))  # fmt: skip
    if campaign is not None:
        found = find_campaign(frame, mapping, campaign)
        return _Target(found.start, found.end, dict(found.segment), None, None)
    others = table.campaigns if table is not None else None
    if start is None or end is None:
        raise UserInputError(
            "Give a campaign name, or both a start and an end date.", code="lift_no_target"
        )
    return _Target(_date(start), _date(end), dict(where or {}), others, None)


def _measure_rows(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    campaign: str | None,
    start: str | None,
    end: str | None,
    where: Where | None,
    controls: str | tuple[str, ...],
    margin: float | None,
) -> CampaignReport:
    """A file without dates: each row is one period, in file order, with no calendar."""
    if campaign is not None or where:
        raise UserInputError(
            "This file has no date column, so each row is one period: give the window as row "
            "numbers with --start and --end (no campaign name or segment filter).",
            code="lift_rows_only",
        )
    first, last = _row(start, len(frame)), _row(end, len(frame))
    frame, mapping = with_row_periods(frame, mapping)
    inputs = prepare_lift(
        frame, mapping, metric, row_period(first), row_period(last), {},
        controls=controls, frequency=ROWS,
    )  # fmt: skip
    lift = fit_inputs(inputs)
    roi = campaign_roi(frame, mapping, lift, {}, margin)
    return CampaignReport(as_row_numbers(lift), roi)


def _row(text: str | None, rows: int) -> int:
    if text is None or not str(text).strip().isdigit() or not 1 <= int(text) <= rows:
        raise UserInputError(
            f"This file has no date column: give --start and --end as row numbers from 1 to "
            f"{rows} (1 is the first row under the header), not {text!r}.",
            code="lift_row_number",
            rows=rows,
            value=str(text),
        )
    return int(text)


def measure_each(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    *,
    margin: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    table: CampaignTable | None = None,
    parallel: bool = True,
    checked: Collection[str] = (),
    placebo_windows: int = PLACEBO_WINDOWS,
) -> list[tuple[Campaign, CampaignReport | Failure]]:
    """Every campaign in the data (or in ``table``) with its report, or the reason it cannot be
    measured; fitted in worker processes, ``progress(done, total)`` is called as each one
    finishes. The campaigns named in ``checked`` also get the robustness and placebo checks (up
    to ``placebo_windows`` windows)."""
    found = list(table.campaigns) if table is not None else campaigns_in(frame, mapping)
    items = [
        _Item(frame, mapping, metric, c.name, margin, table, c.name in checked, placebo_windows)
        for c in found
    ]
    reports = map_in_workers(_measure_item, items, progress, parallel=parallel)
    return list(zip(found, reports, strict=True))


def with_checks(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    measured: list[tuple[Campaign, CampaignReport | Failure]],
    checked: Collection[str],
    *,
    placebo_windows: int = PLACEBO_WINDOWS,
    parallel: bool = True,
) -> list[tuple[Campaign, CampaignReport | Failure]]:
    """``measure_each``'s results (of the campaign column) with the robustness and placebo
    checks added to the campaigns named in ``checked``: their estimates are reused as they are,
    only the checks are fitted, in worker processes."""
    chosen = [
        (campaign, result)
        for campaign, result in measured
        if campaign.name in checked and isinstance(result, CampaignReport)
    ]
    items = [
        _Item(frame, mapping, metric, campaign.name, None, None, True, placebo_windows, result)
        for campaign, result in chosen
    ]
    checks = dict(
        zip(
            [c.name for c, _ in chosen],
            map_in_workers(_check_item, items, parallel=parallel),
            strict=True,
        )
    )
    return [
        (
            campaign,
            replace(result, checks=checks[campaign.name]) if campaign.name in checks else result,
        )
        for campaign, result in measured
    ]


def reports_or_raise(
    results: list[tuple[Campaign, CampaignReport | Failure]],
) -> list[CampaignReport]:
    """The reports of ``measure_each``, in order; a campaign that could not be measured raises
    its error."""
    for _, result in results:
        if isinstance(result, Failure):
            raise UserInputError(result.message, code=result.code, **result.params)
    return [result for _, result in results if isinstance(result, CampaignReport)]


@dataclass(frozen=True)
class _Item:
    frame: pd.DataFrame
    mapping: Mapping
    metric: str
    campaign: str
    margin: float | None
    table: CampaignTable | None
    checks: bool = False
    placebo_windows: int = PLACEBO_WINDOWS
    known: CampaignReport | None = None


def _measure_item(item: _Item) -> CampaignReport | Failure:
    """One campaign (in a worker process; its checks, if any, in the same process)."""
    try:
        return measure(
            item.frame, item.mapping, item.metric, campaign=item.campaign, margin=item.margin,
            table=item.table, checks=item.checks, placebo_windows=item.placebo_windows,
            parallel=False,
        )  # fmt: skip
    except UserInputError as exc:
        return Failure.of(exc)


def _check_item(item: _Item) -> LiftChecks:
    """The checks of a campaign measured before (in a worker process)."""
    assert item.known is not None
    target = _target(item.frame, item.mapping, item.campaign, None, None, None, None)
    inputs = _prepared(item.frame, item.mapping, item.metric, item.campaign, target)
    return check_lift(inputs, item.known.lift, windows=item.placebo_windows, parallel=False)


def _date(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text)
    except (ValueError, TypeError) as exc:
        raise UserInputError(
            f"{text!r} is not a date: write it as 2024-01-31.", code="lift_bad_date", text=text
        ) from exc
