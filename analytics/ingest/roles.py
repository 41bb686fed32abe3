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
FLAG = "flag"
CALENDAR = "calendar"
ID = "id"
CUSTOMER = "customer"
ORDER = "order"
ITEM = "item"
VARIANT = "variant"
IGNORE = "ignore"
ROLES = (
    DATE,
    DIMENSION,
    METRIC,
    SPEND,
    CAMPAIGN,
    PROMO_FLAG,
    FLAG,
    DISCOUNT,
    PRICE,
    MARGIN,
    COST,
    CALENDAR,
    ID,
    CUSTOMER,
    ORDER,
    ITEM,
    VARIANT,
    IGNORE,
)
NUMERIC_ROLES = frozenset({METRIC, SPEND, PROMO_FLAG, FLAG, DISCOUNT, PRICE, MARGIN, COST})
# Kept as the file's text: labels and codes, never summed (an integer store code stays "7").
TEXT_ROLES = frozenset({DIMENSION, CAMPAIGN, CALENDAR, ID, CUSTOMER, ORDER, ITEM, VARIANT})
# Who, which order, which product, which arm: keys of the rows, never a feature or a sum.
KEY_ROLES = frozenset({ID, CUSTOMER, ORDER, ITEM, VARIANT})

# Dataset kinds, from the roles: what the rows are.
PANEL = "panel"  # a date per row, optional segments: a time series or a panel of them
ENTITIES = "entities"  # no dates: one row per store, customer, product, ad or market
EVENTS = "events"  # dated rows of customers, orders or items: orders, transactions
EXPERIMENT = "experiment"  # units with an arm (variant) and outcomes
KINDS = (PANEL, ENTITIES, EVENTS, EXPERIMENT)

# Checked in order: the first role whose pattern matches the name wins (if the values fit it).
_KEY_SUFFIX = r"[ _\-]?(?:id|no|nr|num|number|code|key)"
_NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    (ID, r"^(?:id|index|idx|row|row.?(?:id|no|num|number)|unnamed.*|#|no\.?|uuid|guid|"
         r"serial(?:.?no)?|record.?id|序号|编号|行号|流水号)$|^$"),
    (CUSTOMER, r"^(?:customer|cust|client|user|member|buyer|shopper|consumer|visitor)"
               rf"(?:{_KEY_SUFFIX}|[ _]?name)?$|"
               r"^(?:客户|用户|会员|买家|顾客|访客)(?:id|编号|号|名称?|代码)?$"),
    (ORDER, r"^(?:order|transaction|trans|txn|invoice|receipt|ticket|basket|bill)"
            rf"(?:{_KEY_SUFFIX})?$|^(?:订单|交易|小票|单据|发票)(?:号|编号|id|代码)$|^单号$"),
    (VARIANT, r"variant|^arm$|treatment|test.?group|ab.?group|ab.?test|experiment.?group|"
              r"^(?:test|experiment).?(?:arm|cell|version)$|^bucket$|实验组|分组|组别|^版本$"),
    (CALENDAR, r"^(?:year|yr|quarter|qtr|weekday|day.?of.?week|dow|day.?of.?month|day.?of.?year|"
               r"week.?(?:no|num|number|of.?year)|month.?(?:no|num|number)|fiscal.?\w+|"
               r"yr_nbr|qtr_nbr|prd|wk_nbr|wk_in_yr_nbr|年|年份|季度|星期|周几|周次|月次)$"),
    (DATE, r"date|^day$|^week$|^month$|^time$|^period$|^dt$|_dt$|wk_strt|日期|时间|^周$|月份|"
           r"^日$|^月$"),
    (COST, r"cogs|cost of goods|cost_of_goods|unit.?cost|product.?cost|成本"),
    (MARGIN, r"margin|毛利率|利润率"),
    (SPEND, r"spend|^cost$|ad.?cost|_cost$|budget|mdsp_|花费|投放|消耗|费用|广告费|营销费"),
    (DISCOUNT, r"discount|markdown|mrkdn|折扣|优惠|降价"),
    (PRICE, r"price|^asp$|价格|单价|售价"),
    (PROMO_FLAG, r"promo|on_sale|is_sale|促销|大促"),
    (FLAG, r"holiday|hldy|^is_|^has_|_flag$|^flag|^event$|节假日|假日|节日|是否|标志"),
    (CAMPAIGN, r"campaign|活动|营销"),
    (DIMENSION, r"store|shop|region|city|province|country|market|product|sku|item|category|"
                r"brand|channel|segment|门店|店铺|地区|区域|大区|城市|省|产品|商品|品类|类目|渠道|品牌"),
    (METRIC, r"revenue|sales|gmv|turnover|amount|units|qty|quantity|orders|visits|sessions|traffic|"
             r"conversions?|impressions?|clicks|销售额|营收|收入|金额|销量|件数|订单|访问|流量|转化|曝光|点击"),
    (ID, r"_id$|^id_|_uuid$"),
)  # fmt: skip
_ROBYN_SPEND_SUFFIX = re.compile(r"_S$")
_OUTCOME_RANKS: tuple[tuple[int, str], ...] = (
    (4, r"^(?:revenue|sales|gmv|net_?sales|total_?sales|销售额|营收|收入|成交额)$"),
    (3, r"revenue|sales|gmv|amount|销售额|营收|收入|成交额|金额"),
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
    # How the columns are shown, not what they mean: names a user wrote for some columns (the
    # rest use analytics.ingest.display_names' proposal) and the currency of amounts (ISO code).
    labels: dict[str, str] = field(default_factory=dict)
    currency: str | None = None

    def columns(self, role: str) -> list[str]:
        return [name for name, assigned in self.roles.items() if assigned == role]

    @property
    def date_column(self) -> str | None:
        dates = self.columns(DATE)
        return dates[0] if dates else None

    def meaning(self) -> dict[str, Any]:
        """What the analyses read (the dataset's version hashes it): roles, outcome, date order."""
        return {"roles": dict(self.roles), "outcome": self.outcome, "date_order": self.date_order}

    def to_dict(self) -> dict[str, Any]:
        """Labels and currency only when set, so a mapping without them keeps its old form."""
        data = self.meaning()
        if self.labels:
            data["labels"] = dict(self.labels)
        if self.currency:
            data["currency"] = self.currency
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        labels = dict(data.get("labels") or {})
        return cls(
            dict(data["roles"]), data.get("outcome"), data.get("date_order"),
            labels=labels, currency=data.get("currency") or None,
        )  # fmt: skip


def name_role(name: str) -> str | None:
    """The role a column's name suggests, if any."""
    if _ROBYN_SPEND_SUFFIX.search(name):
        return SPEND
    lowered = name.strip().lower()
    for role, pattern in _NAME_PATTERNS:
        if re.search(pattern, lowered):
            return role
    return None


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


def dataset_kind(mapping: Mapping) -> str:
    """What the rows are, from the roles: an experiment, a table without dates, a log of
    customers' orders, or a time series (panel)."""
    if mapping.columns(VARIANT):
        return EXPERIMENT
    if mapping.date_column is None:
        return ENTITIES
    if any(mapping.columns(role) for role in (CUSTOMER, ORDER, ITEM)):
        return EVENTS
    return PANEL
