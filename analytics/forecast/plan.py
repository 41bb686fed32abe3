"""Planned promotions: checked from the rows of the page's table, and turned into promotion
regressors over the forecast periods."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.forecast.results import PlannedPromotion
from analytics.ingest.roles import CAMPAIGN, DISCOUNT, PROMO_FLAG
from analytics.periods import period_offset

MAX_DISCOUNT = 0.9


def validate_plan(
    rows: Iterable[dict[str, Any]], last_date: pd.Timestamp, frequency: str, horizon: int
) -> tuple[PlannedPromotion, ...]:
    """Planned promotions from table rows (name, start, end, discount as a fraction); blank rows
    are skipped. Raises UserInputError naming the row and what to change."""
    first = pd.Timestamp(last_date) + period_offset(frequency)
    last = pd.Timestamp(last_date) + horizon * period_offset(frequency)
    if frequency == "W":
        last += pd.Timedelta(days=6)
    elif frequency == "M":
        last = last + pd.offsets.MonthEnd(0)
    plan = []
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        start, end, discount = row.get("start"), row.get("end"), row.get("discount")
        if not name and _blank(start) and _blank(end) and _blank(discount):
            continue
        if not name:
            raise UserInputError(
                f"Row {number}: give the promotion a name.", code="plan_name", row=number
            )
        if _blank(start) or _blank(end):
            raise UserInputError(
                f"Row {number} ({name}): enter both a start and an end date.",
                code="plan_dates",
                row=number,
                name=name,
            )
        start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
        if end < start:
            raise UserInputError(
                f"Row {number} ({name}): the end date is before the start date.",
                code="plan_order",
                row=number,
                name=name,
            )
        value = 0.0 if _blank(discount) else float(discount)
        if not 0.0 <= value <= MAX_DISCOUNT:
            raise UserInputError(
                f"Row {number} ({name}): the discount must be between 0% and 90%.",
                code="plan_discount",
                row=number,
                name=name,
            )
        if end < first or start > last:
            raise UserInputError(
                f"Row {number} ({name}) is outside the forecast period {first:%Y-%m-%d} to "
                f"{last:%Y-%m-%d}: move it inside or lengthen the horizon.",
                code="plan_outside",
                row=number,
                name=name,
                first=f"{first:%Y-%m-%d}",
                last=f"{last:%Y-%m-%d}",
            )
        plan.append(PlannedPromotion(name, start, end, value))
    return tuple(plan)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def plan_regressors(
    plan: Sequence[PlannedPromotion],
    future: pd.DatetimeIndex,
    frequency: str,
    columns: tuple[str, ...],
) -> pd.DataFrame:
    """Promotion regressors for the forecast periods from the plan: the share of each period's
    days in a planned window (campaign, promo flag) and the discount times that share."""
    starts, ends = _period_bounds(future, frequency)
    days = (ends - starts).days.to_numpy() + 1
    values = {column: np.zeros(len(future)) for column in columns}
    for promotion in plan:
        first = np.maximum(starts.to_numpy(), promotion.start.to_datetime64())
        last = np.minimum(ends.to_numpy(), promotion.end.to_datetime64())
        overlap = np.clip((last - first).astype("timedelta64[D]").astype(int) + 1, 0, None)
        share = overlap / days
        if CAMPAIGN in values:
            values[CAMPAIGN] += share
        if DISCOUNT in values:
            values[DISCOUNT] += share * promotion.discount
        if PROMO_FLAG in values:
            on_sale = promotion.discount > 0 or DISCOUNT not in values
            values[PROMO_FLAG] += share * float(on_sale)
    frame = pd.DataFrame(values, index=future)
    for column in (CAMPAIGN, PROMO_FLAG):
        if column in frame:
            frame[column] = frame[column].clip(upper=1.0)
    return frame


def _period_bounds(
    index: pd.DatetimeIndex, frequency: str
) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    days = index.normalize()
    if frequency == "W":
        return days, days + pd.Timedelta(days=6)
    if frequency == "M":
        months = days.to_period("M")
        return months.start_time, months.end_time.normalize()
    return days, days
