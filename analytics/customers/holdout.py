"""The calibration/holdout check: the purchases BG/NBD fitted up to a date predicts for the
weeks after it, against the purchases made, per number of repeat purchases in calibration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers import bgnbd
from analytics.customers.estimation import Estimate
from analytics.customers.log import DAYS_PER_WEEK, Purchases, Summary, purchases_after
from analytics.errors import UserInputError

TOP_GROUP = 7  # customers with 7 or more repeat purchases are one group


@dataclass(frozen=True)
class FrequencyGroup:
    """Customers with ``repeat_purchases`` in calibration (the last group: that many or more)
    and their mean predicted and actual purchases in the holdout weeks."""

    repeat_purchases: int
    customers: int
    predicted: float
    actual: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "repeat_purchases": self.repeat_purchases,
            "customers": self.customers,
            "predicted": self.predicted,
            "actual": self.actual,
        }


@dataclass(frozen=True)
class HoldoutCheck:
    """Predicted against actual purchases after ``calibration_end``, in total and per group."""

    calibration_end: str
    holdout_end: str
    holdout_weeks: float
    predicted_purchases: float
    actual_purchases: float
    groups: tuple[FrequencyGroup, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "calibration_end": self.calibration_end,
            "holdout_end": self.holdout_end,
            "holdout_weeks": self.holdout_weeks,
            "predicted_purchases": self.predicted_purchases,
            "actual_purchases": self.actual_purchases,
            "groups": [g.to_dict() for g in self.groups],
        }


def holdout_check(bought: Purchases, summary: Summary, fitted: Estimate) -> HoldoutCheck:
    """Compare the calibration fit's expected purchases with the purchases after its end."""
    end = summary.end
    if bought.last_day <= end:
        raise UserInputError(
            f"No purchase falls after the calibration end {end.date()}: choose an earlier date.",
            code="cust_no_holdout",
            end=str(end.date()),
        )
    weeks = (bought.last_day - end).days / DAYS_PER_WEEK
    params = np.array([fitted.params[n] for n in bgnbd.NAMES])
    predicted = bgnbd.expected_purchases(
        params, summary.frequency, summary.recency, summary.age, weeks
    )
    actual = purchases_after(bought, end, summary.customers)
    group = np.minimum(summary.frequency, TOP_GROUP).astype(int)
    per_group = (
        pd.DataFrame({"group": group, "predicted": predicted, "actual": actual})
        .groupby("group")
        .agg(
            customers=("actual", "size"), predicted=("predicted", "mean"), actual=("actual", "mean")
        )
    )
    return HoldoutCheck(
        calibration_end=str(end.date()),
        holdout_end=str(bought.last_day.date()),
        holdout_weeks=weeks,
        predicted_purchases=float(predicted.sum()),
        actual_purchases=float(actual.sum()),
        groups=tuple(
            FrequencyGroup(int(g), int(row.customers), float(row.predicted), float(row.actual))
            for g, row in per_group.iterrows()
        ),
    )
