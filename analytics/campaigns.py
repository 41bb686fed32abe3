"""One report per campaign: its lift and what it returned; the CLI and the pages print these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.errors import UserInputError
from analytics.lift import LiftResult, estimate_lift
from analytics.roi import RoiResult, campaign_roi
from analytics.roles import Mapping
from analytics.series import Where, campaigns_in, find_campaign


@dataclass(frozen=True)
class CampaignReport:
    lift: LiftResult
    roi: RoiResult

    def to_dict(self) -> dict[str, Any]:
        result = self.lift.to_dict()
        result.update(spend=self.roi.spend, roas=self.roi.roas, roi=self.roi.roi)
        result["roi_detail"] = self.roi.to_dict()
        return result


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
) -> CampaignReport:
    """Lift and ROI of a named campaign, or of a window and segment given by hand."""
    if campaign is not None:
        found = find_campaign(frame, mapping, campaign)
        window_start, window_end, segment = found.start, found.end, found.segment
    else:
        if start is None or end is None:
            raise UserInputError("Give a campaign name, or both a start and an end date.")
        window_start, window_end, segment = _date(start), _date(end), dict(where or {})
    lift = estimate_lift(
        frame, mapping, metric, window_start, window_end, segment,
        campaign=campaign, controls=controls,
    )  # fmt: skip
    return CampaignReport(lift, campaign_roi(frame, mapping, lift, segment, margin))


def measure_all(
    frame: pd.DataFrame,
    mapping: Mapping,
    metric: str,
    *,
    margin: float | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[CampaignReport]:
    """Every campaign in the data; ``progress(done, total, name)`` is called before each one."""
    campaigns = campaigns_in(frame, mapping)
    reports = []
    for done, found in enumerate(campaigns):
        if progress:
            progress(done, len(campaigns), found.name)
        reports.append(measure(frame, mapping, metric, campaign=found.name, margin=margin))
    return reports


def _date(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text)
    except (ValueError, TypeError) as exc:
        raise UserInputError(f"{text!r} is not a date: write it as 2024-01-31.") from exc


@dataclass(frozen=True)
class Portfolio:
    """All measured campaigns together, for the Overview's headline numbers."""

    campaigns: int
    spend: float
    incremental: float
    incremental_ci: tuple[float, float]
    roi: float | None
    roi_ci: tuple[float, float] | None
    paid_back: int
    best: str | None
    not_paid_back: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def portfolio(reports: list[CampaignReport]) -> Portfolio:
    """Sums over campaigns; interval half-widths add in quadrature (campaigns are measured on
    separate windows, so their errors are treated as independent)."""
    with_spend = [r for r in reports if r.roi.spend]
    spend = sum(r.roi.spend or 0.0 for r in with_spend)
    incremental = sum(r.lift.abs_effect for r in reports)
    half = sum(((r.lift.abs_effect_ci[1] - r.lift.abs_effect_ci[0]) / 2) ** 2 for r in reports)
    incremental_ci = (incremental - half**0.5, incremental + half**0.5)
    roi = roi_ci = None
    if spend > 0:
        profit = sum((r.roi.roi or 0.0) * (r.roi.spend or 0.0) for r in with_spend)
        roi_half = (
            sum(
                (
                    ((r.roi.roi_ci or (0, 0))[1] - (r.roi.roi_ci or (0, 0))[0])
                    / 2
                    * (r.roi.spend or 0)
                )
                ** 2
                for r in with_spend
            )
            ** 0.5
        )
        roi, roi_ci = profit / spend, ((profit - roi_half) / spend, (profit + roi_half) / spend)
    paid = [r for r in with_spend if (r.roi.roi or 0.0) > 0]
    best = max(with_spend, key=lambda r: r.roi.roi or float("-inf"), default=None)
    return Portfolio(
        campaigns=len(reports),
        spend=spend,
        incremental=incremental,
        incremental_ci=incremental_ci,
        roi=roi,
        roi_ci=roi_ci,
        paid_back=len(paid),
        best=best.lift.campaign if best else None,
        not_paid_back=tuple(r.lift.campaign or "" for r in with_spend if (r.roi.roi or 0) <= 0),
    )
