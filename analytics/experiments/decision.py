"""What an A/B result means for the business: the verdict a comparison supports (no claim
beyond its interval) and its money, with the profit definition campaigns use.

Incremental revenue = the difference in revenue per unit (variant − control) × units; the
incremental profit = margin × incremental revenue − the cost of the change on those units
(spend or discount given away, when the user gives one). Intervals carry over linearly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analytics.errors import UserInputError
from analytics.experiments.results import MEAN, SRM_STOP, ABResult, Comparison

PER_UNITS = 1_000
SRM_FAILED, BETTER, WORSE, INCONCLUSIVE = "srm_failed", "better", "worse", "inconclusive"


def verdict(result: ABResult, comparison: Comparison) -> str:
    """``srm_failed`` when the split is broken (no result can be trusted), else better or worse
    when the Holm-adjusted p is below 0.05 and the interval excludes zero, else inconclusive."""
    if result.srm.level == SRM_STOP:
        return SRM_FAILED
    if comparison.p_value_adjusted >= 0.05 or not comparison.excludes_zero:
        return INCONCLUSIVE
    return BETTER if comparison.diff > 0 else WORSE


@dataclass(frozen=True)
class Money:
    """Incremental revenue and profit of a variant, per 1,000 units and for a roll-out."""

    variant: str
    metric: str
    margin: float
    cost_per_unit: float
    rollout_units: float
    revenue_per_1000: float
    revenue_per_1000_ci: tuple[float, float]
    profit_per_1000: float
    profit_per_1000_ci: tuple[float, float]
    rollout_revenue: float
    rollout_revenue_ci: tuple[float, float]
    rollout_profit: float
    rollout_profit_ci: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self.__dict__.items()
        }


def money(
    result: ABResult,
    variant: str,
    *,
    margin: float,
    rollout_units: float,
    cost_per_unit: float = 0.0,
) -> Money:
    """The variant's incremental revenue and profit per 1,000 units and over ``rollout_units``
    (e.g. a month of all traffic), from a revenue-per-unit metric."""
    if result.metric_type != MEAN:
        raise UserInputError(
            "Money needs a revenue per unit (a mean metric such as revenue per user), not a "
            "rate or a ratio: choose the revenue column.",
            code="ab_money_needs_revenue",
        )
    if not rollout_units > 0:
        raise UserInputError(
            "The roll-out needs a positive number of units.", code="ab_bad_rollout"
        )
    comparison = next(c for c in result.comparisons if c.variant == variant)

    def scaled(units: float) -> tuple[float, tuple[float, float], float, tuple[float, float]]:
        revenue = comparison.diff * units
        low, high = (bound * units for bound in comparison.diff_ci)
        profit = margin * revenue - cost_per_unit * units
        profit_ci = (margin * low - cost_per_unit * units, margin * high - cost_per_unit * units)
        return revenue, (low, high), profit, profit_ci

    per_1000 = scaled(PER_UNITS)
    rollout = scaled(rollout_units)
    return Money(variant, result.metric, margin, cost_per_unit, rollout_units, *per_1000, *rollout)
