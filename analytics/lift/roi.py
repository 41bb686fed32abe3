"""What a campaign returned per unit of spend, from its measured lift.

Conventions (shown on screen next to the figures; the profit steps are analytics/lift/profit.py):
- incremental revenue = actual − counterfactual baseline over the window (from the lift);
- spend = spend in the window above business as usual (the segment's average spend per period
  over the pre-period, times the window's periods), so always-on spend is not charged to it;
- incremental gross profit, the discount cost on sales that would have happened anyway and the
  incremental profit: the profit bridge, with the margin on list-price revenue;
- ROAS = incremental revenue / spend; ROI = incremental profit / spend;
- naive ROAS = all revenue in the window / spend: what a dashboard without a baseline reports.
Intervals come from the ends of the lift's interval: every step is linear in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.ingest.roles import DISCOUNT, MARGIN, SPEND, Mapping
from analytics.lift.profit import (
    ProfitBridge,
    discount_rate,
    incremental_profit_of,
    profit_bridge,
)
from analytics.lift.result import LiftResult
from analytics.selection import Where, rows_where

DEFAULT_MARGIN = 0.4


@dataclass(frozen=True)
class RoiResult:
    spend: float | None
    roas: float | None
    roas_ci: tuple[float, float] | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    naive_roas: float | None
    margin: float
    margin_source: str
    bridge: ProfitBridge
    profit_ci: tuple[float, float] | None = None
    spend_source: str = "data"

    @property
    def discount_cost(self) -> float:
        """The discount given away on sales that would have happened anyway."""
        return self.bridge.discount_cost

    @property
    def incremental_profit(self) -> float | None:
        return self.bridge.incremental_profit

    def to_dict(self) -> dict[str, Any]:
        return {
            "spend": self.spend,
            "roas": self.roas,
            "roas_ci": list(self.roas_ci) if self.roas_ci else None,
            "roi": self.roi,
            "roi_ci": list(self.roi_ci) if self.roi_ci else None,
            "naive_roas": self.naive_roas,
            "margin": self.margin,
            "margin_source": self.margin_source,
            "incremental_gross_profit": self.bridge.incremental_gross_profit,
            "discount_given": self.bridge.discount_given,
            "discount_cost": self.bridge.discount_cost,
            "incremental_profit": self.bridge.incremental_profit,
            "incremental_profit_ci": list(self.profit_ci) if self.profit_ci else None,
            "spend_source": self.spend_source,
        }


def campaign_roi(
    frame: pd.DataFrame,
    mapping: Mapping,
    lift: LiftResult,
    where: Where,
    margin: float | None = None,
    *,
    spend: float | None = None,
) -> RoiResult:
    """ROI and ROAS of a measured lift, with intervals carried over from the lift's interval.
    ``spend``: the campaign's spend when a campaign table gives it (else from spend columns)."""
    margin, margin_source = resolve_margin(frame, mapping, where, margin)
    start, end = pd.Timestamp(lift.start), pd.Timestamp(lift.end)
    pre_start, pre_end = pd.Timestamp(lift.pre_start), pd.Timestamp(lift.pre_end)
    source = "table" if spend is not None else "data"
    if spend is None:
        spend = campaign_spend(frame, mapping, where, start, end, pre_start, pre_end)
    given = _discount_given(frame, mapping, where, start, end, lift.metric)
    return _roi_of(lift, margin, given, spend, margin_source, source)


def with_margin(roi: RoiResult, lift: LiftResult, margin: float) -> RoiResult:
    """The same ROI under another gross margin (a setting): arithmetic on the measured lift,
    spend and discount, so changing the margin never refits the baseline."""
    given = roi.bridge.discount_given
    return _roi_of(lift, float(margin), given, roi.spend, "setting", roi.spend_source)


def _roi_of(
    lift: LiftResult,
    margin: float,
    discount_given: float,
    spend: float | None,
    margin_source: str = "setting",
    spend_source: str = "data",
) -> RoiResult:
    """The bridge of the lift's estimate, with ROAS, ROI and profit at its interval's ends."""
    rate = discount_rate(lift.actual, discount_given)
    bridge = profit_bridge(lift.abs_effect, lift.baseline, margin, discount_given, rate, spend)
    if bridge.spend is None:
        return RoiResult(None, None, None, None, None, None, margin, margin_source, bridge,
                         spend_source=spend_source)  # fmt: skip
    low, high = lift.abs_effect_ci
    profit_ci = (
        float(incremental_profit_of(low, margin, discount_given, bridge.spend)),
        float(incremental_profit_of(high, margin, discount_given, bridge.spend)),
    )
    return RoiResult(
        spend=bridge.spend,
        roas=bridge.roas,
        roas_ci=(low / bridge.spend, high / bridge.spend),
        roi=bridge.roi,
        roi_ci=(profit_ci[0] / bridge.spend, profit_ci[1] / bridge.spend),
        naive_roas=lift.actual / bridge.spend,
        margin=margin,
        margin_source=margin_source,
        bridge=bridge,
        profit_ci=profit_ci,
        spend_source=spend_source,
    )


def campaign_spend(
    frame: pd.DataFrame,
    mapping: Mapping,
    where: Where,
    start: pd.Timestamp,
    end: pd.Timestamp,
    pre_start: pd.Timestamp,
    pre_end: pd.Timestamp,
) -> float | None:
    """Spend in the window above the pre-period's average spend per period (None without spend
    columns)."""
    columns = mapping.columns(SPEND)
    if not columns:
        return None
    dates = frame[mapping.date_column]
    rows = rows_where(frame, where)
    daily = frame.loc[rows, columns].sum(axis=1).groupby(dates[rows]).sum()
    window = daily.loc[start:end]
    usual = daily.loc[pre_start:pre_end].tail(90).mean()
    extra = float(window.sum() - usual * len(window))
    return max(extra, 0.0)


def _discount_given(
    frame: pd.DataFrame, mapping: Mapping, where: Where, start: pd.Timestamp, end: pd.Timestamp,
    metric: str,
) -> float:  # fmt: skip
    """List-price value given away as discount in the window: revenue × d / (1 − d) per row."""
    discounts = mapping.columns(DISCOUNT)
    if not discounts:
        return 0.0
    dates = frame[mapping.date_column]
    rows = rows_where(frame, where) & ((dates >= start) & (dates <= end)).to_numpy()
    d = frame.loc[rows, discounts[0]].fillna(0).clip(0, 0.95).to_numpy(dtype=float)
    revenue = frame.loc[rows, metric].fillna(0).to_numpy(dtype=float)
    return float(np.sum(revenue * d / (1 - d)))


def checked_margin(margin: float | None) -> float | None:
    """A gross margin the user set, if it is a fraction above 0 and at most 1 (0.4 means 40%);
    None (no setting: the data's margin, else the default) passes through."""
    if margin is None:
        return None
    if not 0 < float(margin) <= 1:
        raise UserInputError(
            f"The gross margin must be a fraction above 0 and at most 1 (0.4 means 40%), "
            f"not {margin}.",
            code="margin_range",
            margin=margin,
        )
    return float(margin)


def resolve_margin(
    frame: pd.DataFrame, mapping: Mapping, where: Where, margin: float | None
) -> tuple[float, str]:
    """The margin and where it came from: the user's setting, the data's margin column over the
    segment, else the default."""
    if checked_margin(margin) is not None:
        return float(margin), "setting"
    found = data_margin(frame, mapping, where)
    return (DEFAULT_MARGIN, "default") if found is None else (found, "data")


def data_margin(frame: pd.DataFrame, mapping: Mapping, where: Where | None = None) -> float | None:
    """The mean of the margin column over the segment's rows (a percentage read as such), or
    None without one."""
    columns = mapping.columns(MARGIN)
    if not columns:
        return None
    values = frame.loc[rows_where(frame, where or {}), columns[0]].dropna()
    if not len(values):
        return None
    value = float(values.mean())
    return value / 100 if value > 1 else value
