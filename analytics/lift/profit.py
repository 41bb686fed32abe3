"""The profit bridge: from a campaign's incremental revenue to what it added to profit.

One definition for every page, the planner and the CLI. With the gross margin m on list-price
revenue (a unit costs (1 − m) × list price), a discount d on the offer's sales and the campaign's
spend:

1. incremental revenue = actual revenue − baseline revenue (both as sold, net of discount);
2. incremental gross profit = m × (incremental revenue + discount given) − (discount given −
   discount cost): the margin on the extra sales at list price, less the discount the extra
   sales were given (for one discount d: (m − d) × the extra sales at list price). The same
   number = incremental revenue + discount cost − (1 − m) × (incremental revenue + discount
   given): the incremental revenue already counts the discount on sales that would have
   happened anyway as lost revenue; it is added back here and charged in step 3, and the extra
   sales at list price (incremental revenue + discount given) cost 1 − m of their value;
3. discount cost = d × baseline revenue: the discount given away on sales that would have
   happened anyway (the baseline sells at list price);
4. incremental profit = incremental gross profit − discount cost − spend
   (= m × incremental revenue − (1 − m) × discount given − spend);
5. ROI = incremental profit / spend; ROAS = incremental revenue / spend.

"Discount given" is the list-price value given away on every sale of the offer (revenue ×
d / (1 − d)). Every function takes numbers or numpy arrays (the planner's bootstrap draws).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def incremental_gross_profit(
    incremental_revenue: Any, margin: float, discount_given: Any, discount_cost: Any
) -> Any:
    """m × (incremental revenue + discount given) − (discount given − discount cost): the margin
    on the extra sales at list price, less the discount those extra sales were given."""
    return margin * (incremental_revenue + discount_given) - (discount_given - discount_cost)


def baseline_discount_cost(discount_rate: Any, baseline_revenue: Any) -> Any:
    """d × baseline revenue: the discount given away on sales that would have happened anyway."""
    return discount_rate * baseline_revenue


def incremental_profit(gross_profit: Any, discount_cost: Any, spend: Any) -> Any:
    """Incremental gross profit − discount cost − spend."""
    return gross_profit - discount_cost - spend


def incremental_profit_of(
    incremental_revenue: Any, margin: float, discount_given: Any, spend: Any
) -> Any:
    """Steps 2 to 4 added up: m × incremental revenue − (1 − m) × discount given − spend (the
    discount cost is subtracted once and added back once, so it cancels)."""
    return margin * incremental_revenue - (1 - margin) * discount_given - spend


def roi(profit: Any, spend: float) -> Any:
    """Incremental profit / spend."""
    return profit / spend


def roas(incremental_revenue: Any, spend: float) -> Any:
    """Incremental revenue / spend."""
    return incremental_revenue / spend


def discount_rate(revenue: float, discount_given: float) -> float:
    """The offer's average discount, weighted by list-price value: given / (revenue + given)."""
    list_value = revenue + discount_given
    return discount_given / list_value if list_value > 0 else 0.0


@dataclass(frozen=True)
class ProfitBridge:
    """Every step from incremental revenue to incremental profit, for one estimate."""

    incremental_revenue: float
    margin: float
    discount_rate: float
    discount_given: float
    baseline_revenue: float
    incremental_gross_profit: float
    discount_cost: float
    spend: float | None
    incremental_profit: float | None
    roas: float | None
    roi: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def profit_bridge(
    incremental_revenue: float,
    baseline_revenue: float,
    margin: float,
    discount_given: float,
    discount_rate: float,
    spend: float | None,
) -> ProfitBridge:
    """The bridge of one estimate: ``baseline_revenue`` is what the offer's period would have
    sold at list price, ``discount_given`` the list-price value given away on its actual sales,
    ``discount_rate`` their average discount; without spend it stops at the discount cost."""
    cost = float(baseline_discount_cost(discount_rate, baseline_revenue))
    gross = float(incremental_gross_profit(incremental_revenue, margin, discount_given, cost))
    charged = spend is not None and spend > 0
    profit = float(incremental_profit(gross, cost, spend)) if charged else None
    return ProfitBridge(
        incremental_revenue=float(incremental_revenue),
        margin=float(margin),
        discount_rate=float(discount_rate),
        discount_given=float(discount_given),
        baseline_revenue=float(baseline_revenue),
        incremental_gross_profit=gross,
        discount_cost=cost,
        spend=spend if charged else None,
        incremental_profit=profit,
        roas=float(roas(incremental_revenue, spend)) if charged else None,
        roi=float(roi(profit, spend)) if charged else None,
    )
