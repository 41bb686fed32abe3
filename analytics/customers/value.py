"""Each customer's lifetime value over a horizon: BG/NBD's expected purchases per week,
discounted, times Gamma-Gamma's expected value of a purchase."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.customers import bgnbd, gamma_gamma
from analytics.customers.estimation import Estimate
from analytics.customers.log import Summary
from analytics.errors import UserInputError

WEEKS_PER_YEAR = 52.0
STEP_WEEKS = 4.0  # purchases are discounted per 4-week step


@dataclass(frozen=True)
class ValueSettings:
    """The horizon in weeks and the yearly discount rate applied to future purchases."""

    horizon_weeks: float = 52.0
    annual_discount: float = 0.10

    def check(self) -> None:
        if not 1 <= self.horizon_weeks <= 520:
            raise UserInputError(
                "The lifetime-value horizon must be between 1 and 520 weeks.",
                code="cust_bad_horizon",
            )
        if not 0 <= self.annual_discount < 1:
            raise UserInputError(
                "The yearly discount rate must be at least 0% and below 100%.",
                code="cust_bad_discount_rate",
            )


def discounted_purchases(
    params: np.ndarray, summary: Summary, settings: ValueSettings
) -> np.ndarray:
    """Expected purchases in each step of the horizon, each discounted to today, summed."""
    x, t_x, age = summary.frequency, summary.recency, summary.age
    steps = np.append(
        np.arange(STEP_WEEKS, settings.horizon_weeks, STEP_WEEKS), settings.horizon_weeks
    )
    total = np.zeros(summary.size)
    before = np.zeros(summary.size)
    for end in steps:
        upto = bgnbd.expected_purchases(params, x, t_x, age, float(end))
        factor = (1.0 + settings.annual_discount) ** (-end / WEEKS_PER_YEAR)
        total += (upto - before) * factor
        before = upto
    return total


def customer_values(
    summary: Summary, purchases_fit: Estimate, spend_fit: Estimate, settings: ValueSettings
) -> pd.DataFrame:
    """Per customer: P(alive), expected purchases over the horizon, expected value of a
    purchase and the discounted lifetime value (CLV) over the horizon."""
    purchase_params = np.array([purchases_fit.params[n] for n in bgnbd.NAMES])
    spend_params = np.array([spend_fit.params[n] for n in gamma_gamma.NAMES])
    x, t_x, age = summary.frequency, summary.recency, summary.age
    spend = gamma_gamma.expected_value(spend_params, x, summary.repeat_value)
    discounted = discounted_purchases(purchase_params, summary, settings)
    return pd.DataFrame(
        {
            "customer": summary.customers,
            "p_alive": bgnbd.probability_alive(purchase_params, x, t_x, age),
            "expected_purchases": bgnbd.expected_purchases(
                purchase_params, x, t_x, age, settings.horizon_weeks
            ),
            "expected_spend": spend,
            "clv": discounted * spend,
        }
    )
