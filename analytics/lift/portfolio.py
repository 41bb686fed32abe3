"""All measured campaigns together: the Overview's headline numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analytics.lift.reports import CampaignReport


@dataclass(frozen=True)
class Portfolio:
    """All measured campaigns together, for the Overview's headline numbers; the profit steps
    are sums of the campaigns' bridges (analytics/lift/profit.py) over those with spend."""

    campaigns: int
    spend: float
    incremental: float
    incremental_ci: tuple[float, float]
    roi: float | None
    roi_ci: tuple[float, float] | None
    paid_back: int
    best: str | None
    not_paid_back: tuple[str, ...]
    incremental_gross_profit: float = 0.0
    discount_cost: float = 0.0
    incremental_profit: float | None = None

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
    roi = roi_ci = profit = None
    if spend > 0:
        profit = sum(r.roi.incremental_profit or 0.0 for r in with_spend)
        roi_half = sum(_half_width(r.roi.profit_ci) ** 2 for r in with_spend) ** 0.5
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
        incremental_gross_profit=sum(r.roi.bridge.incremental_gross_profit for r in with_spend),
        discount_cost=sum(r.roi.bridge.discount_cost for r in with_spend),
        incremental_profit=profit,
    )


def _half_width(pair: tuple[float, float] | None) -> float:
    return 0.0 if pair is None else (pair[1] - pair[0]) / 2
