"""Column roles inferred from English and Chinese names and from the values; confirmed by users."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DATE = "date"
DIMENSION = "dimension"
METRIC = "metric"
SPEND = "spend"
CAMPAIGN = "campaign"
PROMO_FLAG = "promo_flag"
DISCOUNT = "discount"
PRICE = "price"
MARGIN = "margin"
COST = "cost"
IGNORE = "ignore"
ROLES = (
    DATE,
    DIMENSION,
    METRIC,
    SPEND,
    CAMPAIGN,
    PROMO_FLAG,
    DISCOUNT,
    PRICE,
    MARGIN,
    COST,
    IGNORE,
)
NUMERIC_ROLES = frozenset({METRIC, SPEND, PROMO_FLAG, DISCOUNT, PRICE, MARGIN, COST})
TEXT_ROLES = frozenset({DIMENSION, CAMPAIGN})

# Checked in order: the first role whose pattern matches the name wins (if the values fit it).
_NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    (IGNORE, r"^(?:id|index|row|unnamed.*|#|序号|编号|yr_nbr|qtr_nbr|prd|wk_nbr|wk_in_yr_nbr)$"),
    (DATE, r"date|^day$|^week$|^month$|^time$|^period$|^dt$|_dt$|wk_strt|日期|时间|^周$|月份|^日$"),
    (COST, r"cogs|cost of goods|cost_of_goods|unit.?cost|product.?cost|成本"),
    (MARGIN, r"margin|毛利率|利润率"),
    (SPEND, r"spend|^cost$|ad.?cost|_cost$|budget|mdsp_|花费|投放|消耗|费用|广告费|营销费"),
    (DISCOUNT, r"discount|markdown|mrkdn|折扣|优惠|降价"),
    (PRICE, r"price|^asp$|价格|单价|售价"),
    (PROMO_FLAG, r"promo|on_sale|is_sale|促销|大促"),
    (CAMPAIGN, r"campaign|活动|营销"),
    (DIMENSION, r"store|shop|region|city|province|country|market|product|sku|item|category|"
                r"brand|channel|segment|门店|店铺|地区|区域|大区|城市|省|产品|商品|品类|类目|渠道|品牌"),
    (METRIC, r"revenue|sales|gmv|turnover|units|qty|quantity|orders|visits|sessions|traffic|"
             r"conversions?|impressions?|clicks|销售额|营收|收入|销量|件数|订单|访问|流量|转化|曝光|点击"),
)  # fmt: skip
_ROBYN_SPEND_SUFFIX = re.compile(r"_S$")
_OUTCOME_RANKS: tuple[tuple[int, str], ...] = (
    (4, r"^(?:revenue|sales|gmv|net_?sales|total_?sales|销售额|营收|收入|成交额)$"),
    (3, r"revenue|sales|gmv|销售额|营收|收入|成交额"),
    (2, r"^(?:conversions?|orders|units|销量|订单数?|转化)$"),
    (1, r"conversion|orders|units|qty|quantity|销量|订单|转化"),
)
_NOT_OUTCOME = re.compile(r"competitor|control|_per_|per_|rate|ratio|share|avg|average|率|均")


@dataclass(frozen=True)
class Mapping:
    """What each column means, and the main outcome metric; saved with the dataset."""

    roles: dict[str, str]
    outcome: str | None = None
    date_order: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def columns(self, role: str) -> list[str]:
        return [name for name, assigned in self.roles.items() if assigned == role]

    @property
    def date_column(self) -> str | None:
        dates = self.columns(DATE)
        return dates[0] if dates else None

    def to_dict(self) -> dict[str, Any]:
        return {"roles": dict(self.roles), "outcome": self.outcome, "date_order": self.date_order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        return cls(dict(data["roles"]), data.get("outcome"), data.get("date_order"))


def name_role(name: str) -> str | None:
    """The role a column's name suggests, if any."""
    if _ROBYN_SPEND_SUFFIX.search(name):
        return SPEND
    lowered = name.strip().lower()
    for role, pattern in _NAME_PATTERNS:
        if re.search(pattern, lowered):
            return role
    return None


def infer_role(name: str, kind: str, distinct: int, n_values: int, binary: bool) -> str:
    """Combine the name's suggestion with the kind of values ('date', 'number', 'text', 'empty')."""
    suggested = name_role(name)
    if kind == "empty":
        return IGNORE
    if kind == "date":
        return DATE if suggested in (None, DATE) else IGNORE
    if kind == "number":
        if suggested in NUMERIC_ROLES or suggested == IGNORE:
            return suggested
        if suggested == DATE:
            return IGNORE  # week or day numbers: the values did not read as dates
        return PROMO_FLAG if binary and suggested == PROMO_FLAG else METRIC
    if suggested in TEXT_ROLES:
        return suggested
    if suggested == IGNORE:
        return IGNORE
    few_values = distinct <= max(50, int(0.05 * n_values))
    return DIMENSION if few_values else IGNORE


def choose_outcome(metrics: list[str]) -> str | None:
    """The metric a marketer most likely means by 'sales': revenue first, then conversions/units."""
    best, best_rank = None, 0
    for name in metrics:
        lowered = name.lower()
        if _NOT_OUTCOME.search(lowered):
            continue
        rank = next((r for r, pattern in _OUTCOME_RANKS if re.search(pattern, lowered)), 0)
        if rank > best_rank:
            best, best_rank = name, rank
    if best is None and metrics:
        return metrics[0]
    return best


def single_date_column(roles: dict[str, str]) -> dict[str, str]:
    """Keep the first date column as the date; later ones are not the row's date."""
    seen = False
    fixed = {}
    for name, role in roles.items():
        if role == DATE:
            fixed[name] = IGNORE if seen else DATE
            seen = True
        else:
            fixed[name] = role
    return fixed
