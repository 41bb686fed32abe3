"""Campaigns from an uploaded campaign table (name, start, end, target segments, channel, spend)
instead of a sales file's campaign column. Columns are recognised by name (English or Chinese);
target segments by their values, which must be values of the sales data's dimension columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analytics.errors import UserInputError
from analytics.ingest.dates import parse_dates
from analytics.ingest.numbers import parse_numbers
from analytics.ingest.roles import DIMENSION, Mapping
from analytics.selection import Campaign

# Checked against the lower-cased, trimmed column name; the first column that matches wins.
_NAME = re.compile(r"^(?:campaign[ _]?)?name$|^campaign$|^title$|^活动(?:名称|名)?$|^名称$")
_START = re.compile(r"(?<![a-z])(?:start|begin|from)|开始|起始|上线")
_END = re.compile(r"(?<![a-z])(?:end|finish|until|stop)|结束|截止|下线")
_SPEND = re.compile(r"spend|budget|cost|花费|投放|预算|费用|金额")
_CHANNEL = re.compile(r"channel|渠道|媒体|平台")
_ID = re.compile(r"(?:^|_| )id$|^编号$|^序号$")
# Names of columns that say which segments a campaign targets.
_TARGET = re.compile(
    r"target|segment|region|city|store|shop|market|categor|product|sku|brand|"
    r"目标|地区|区域|大区|城市|门店|店铺|品类|类目|产品|商品|品牌"
)
_SEPARATORS = re.compile(r"\s*[|,;、，；/]\s*")
_ALL = frozenset({"all", "*", "全部", "所有", "全国"})
MIN_TOKEN_MATCH = 0.5


@dataclass(frozen=True)
class TableColumns:
    """Which column of the campaign table holds what; ``segments`` maps a table column to the
    sales dimension its values belong to."""

    name: str
    start: str
    end: str
    spend: str | None
    channel: str | None
    segments: dict[str, str]


@dataclass(frozen=True)
class CampaignTable:
    """Campaigns read from a table: windows and segments, spend and channel per campaign."""

    campaigns: tuple[Campaign, ...]
    spend: dict[str, float | None]
    channel: dict[str, str | None]
    columns: TableColumns

    def find(self, name: str) -> Campaign:
        for campaign in self.campaigns:
            if campaign.name == name:
                return campaign
        known = ", ".join(c.name for c in self.campaigns) or "none"
        raise UserInputError(
            f"There is no campaign {name!r} in the campaign table; the campaigns are: {known}.",
            code="lift_unknown_campaign",
            name=name,
            known=known,
        )

    def spend_by_channel(self) -> pd.Series:
        """Total spend per channel (campaigns without a channel under '')."""
        totals: dict[str, float] = {}
        for campaign in self.campaigns:
            spend = self.spend.get(campaign.name)
            if spend is not None:
                channel = self.channel.get(campaign.name) or ""
                totals[channel] = totals.get(channel, 0.0) + spend
        return pd.Series(totals, dtype=float)

    def to_dict(self) -> dict[str, Any]:
        return {
            "campaigns": [
                {
                    "name": c.name,
                    "start": f"{c.start:%Y-%m-%d}",
                    "end": f"{c.end:%Y-%m-%d}",
                    "segment": {k: list(v) for k, v in c.segment.items()},
                    "spend": self.spend.get(c.name),
                    "channel": self.channel.get(c.name),
                }
                for c in self.campaigns
            ]
        }


def table_columns(columns: Sequence[str]) -> dict[str, str]:
    """The name, start, end, spend and channel columns recognised by name (those found)."""
    found: dict[str, str] = {}
    for column in columns:
        lowered = str(column).strip().lower()
        for key, pattern in (("start", _START), ("end", _END), ("name", _NAME)):
            if key not in found and pattern.search(lowered) and column not in found.values():
                found[key] = column
        if "spend" not in found and _SPEND.search(lowered) and column not in found.values():
            found["spend"] = column
        if "channel" not in found and _CHANNEL.search(lowered) and column not in found.values():
            found["channel"] = column
    return found


def looks_like_campaign_table(columns: Sequence[str]) -> bool:
    """A table with a campaign name, a start and an end column."""
    return {"name", "start", "end"} <= set(table_columns(columns))


def read_campaign_table(
    table: pd.DataFrame, sales: pd.DataFrame, sales_mapping: Mapping
) -> CampaignTable:
    """Campaigns of ``table`` as windows and segments of ``sales``; spend per campaign."""
    found = table_columns(list(table.columns))
    missing = [key for key in ("name", "start", "end") if key not in found]
    if missing:
        raise UserInputError(
            f"This is not a campaign table: it has no {missing[0]} column (a campaign table "
            "needs name, start and end columns, e.g. name, start, end or 活动名称, 开始, 结束).",
            code="campaign_table_columns",
            missing=missing[0],
        )
    dimensions = _dimension_values(sales, sales_mapping)
    used = set(found.values()) | {c for c in table.columns if _ID.search(str(c).strip().lower())}
    segments = _segment_columns(table, [c for c in table.columns if c not in used], dimensions)
    channel = found.get("channel")
    if channel is not None and channel not in segments:
        segments.update(_segment_columns(table, [channel], dimensions))
    columns = TableColumns(
        found["name"], found["start"], found["end"], found.get("spend"), channel, segments
    )
    return _campaigns(table, columns, dimensions)


def _dimension_values(sales: pd.DataFrame, mapping: Mapping) -> dict[str, set[str]]:
    return {
        column: set(sales[column].dropna().astype(str).str.strip())
        for column in mapping.columns(DIMENSION)
    }


def _tokens(cell: object) -> list[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)) or cell is pd.NA:
        return []
    return [token for token in _SEPARATORS.split(str(cell).strip()) if token]


def _segment_columns(
    table: pd.DataFrame, columns: list[str], dimensions: dict[str, set[str]]
) -> dict[str, str]:
    """Table columns whose values are mostly values of one sales dimension."""
    matched: dict[str, str] = {}
    for column in columns:
        if pd.api.types.is_numeric_dtype(table[column]) or pd.api.types.is_datetime64_any_dtype(
            table[column]
        ):
            continue
        tokens = {t for cell in table[column] for t in _tokens(cell) if t.lower() not in _ALL}
        if not tokens:
            continue
        share, dimension = max(
            ((len(tokens & values) / len(tokens), name) for name, values in dimensions.items()),
            default=(0.0, None),
        )
        if dimension is not None and share >= MIN_TOKEN_MATCH:
            matched[column] = dimension
        elif _TARGET.search(str(column).lower()):
            example = sorted(tokens)[0]
            raise UserInputError(
                f"The campaign table's column {column!r} names segments the sales data does not "
                f"have (for example {example!r}): use the values of one of its dimension "
                f"columns ({', '.join(dimensions) or 'none'}).",
                code="campaign_table_unmatched",
                column=str(column),
                value=example,
                dimensions=", ".join(dimensions),
            )
    return matched


def _campaigns(
    table: pd.DataFrame, columns: TableColumns, dimensions: dict[str, set[str]]
) -> CampaignTable:
    names = table[columns.name].astype("string").str.strip()
    starts = _dates(table[columns.start], columns.start)
    ends = _dates(table[columns.end], columns.end)
    spend = _numbers(table[columns.spend]) if columns.spend else None
    campaigns, spends, channels = [], {}, {}
    for row, name in enumerate(names):
        if pd.isna(name) or not name:
            continue
        if name in spends:
            raise UserInputError(
                f"The campaign table names {name!r} twice: give each campaign its own name.",
                code="campaign_table_duplicate",
                name=name,
            )
        start, end = starts[row], ends[row]
        if pd.isna(start) or pd.isna(end):
            raise UserInputError(
                f"Campaign {name!r} has no readable start or end date in the campaign table: "
                "write them as 2024-01-31.",
                code="campaign_table_dates",
                name=name,
            )
        if end < start:
            raise UserInputError(
                f"Campaign {name!r} ends before it starts in the campaign table: swap its dates.",
                code="campaign_table_reversed",
                name=name,
            )
        segment = _segment(table.iloc[row], columns.segments, dimensions, name)
        campaigns.append(Campaign(str(name), pd.Timestamp(start), pd.Timestamp(end), segment))
        spends[str(name)] = None if spend is None or np.isnan(spend[row]) else float(spend[row])
        channel = table[columns.channel].iloc[row] if columns.channel else None
        channels[str(name)] = None if channel is None or pd.isna(channel) else str(channel)
    campaigns.sort(key=lambda c: c.start)
    return CampaignTable(tuple(campaigns), spends, channels, columns)


def _segment(
    row: pd.Series, segments: dict[str, str], dimensions: dict[str, set[str]], name: str
) -> dict[str, tuple[str, ...]]:
    """The campaign's target values per dimension; a dimension it covers entirely is left out."""
    result: dict[str, tuple[str, ...]] = {}
    for column, dimension in segments.items():
        tokens = _tokens(row[column])
        if not tokens or any(t.lower() in _ALL for t in tokens):
            continue
        unknown = [t for t in tokens if t not in dimensions[dimension]]
        if unknown:
            raise UserInputError(
                f"Campaign {name!r} targets {dimension} {unknown[0]!r}, which the sales data "
                f"does not have: correct the campaign table's {column!r} column.",
                code="campaign_table_segment",
                name=name,
                dimension=dimension,
                value=unknown[0],
                column=column,
            )
        if set(tokens) != dimensions[dimension]:
            result[dimension] = tuple(sorted(set(tokens)))
    return result


def _dates(column: pd.Series, name: str) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.to_numpy(dtype="datetime64[ns]")
    cells = pa.array(column.astype("string").to_numpy(dtype=object, na_value=None), pa.string())
    return parse_dates(cells).values


def _numbers(column: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=float, na_value=np.nan)
    cells = pa.array(column.astype("string").to_numpy(dtype=object, na_value=None), pa.string())
    return parse_numbers(cells).values
