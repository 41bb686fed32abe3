"""The Customers analysis of an order log: RFM segments, BG/NBD and Gamma-Gamma fits, each
customer's P(alive) and lifetime value, and with a calibration end the holdout check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers import bgnbd, gamma_gamma
from analytics.customers.estimation import Estimate
from analytics.customers.holdout import HoldoutCheck, holdout_check
from analytics.customers.log import LogColumns, Purchases, Summary, purchases, summarise
from analytics.customers.rfm import Rfm, rfm
from analytics.customers.value import ValueSettings, customer_values
from analytics.errors import Failure, UserInputError


@dataclass(frozen=True)
class CustomersResult:
    """Everything the page and ``python -m analytics customers`` show. ``customers`` and
    ``transactions`` count the whole log; the rest is as of ``as_of`` (the calibration end, or
    the last day of the log). ``table`` has one row per customer: RFM, segment, P(alive), CLV."""

    columns: LogColumns
    customers: int
    transactions: int
    purchases: int
    first_day: str
    last_day: str
    as_of: str
    rfm: Rfm
    bgnbd: Estimate
    gamma_gamma: Estimate
    value_settings: ValueSettings
    holdout: HoldoutCheck | None
    table: pd.DataFrame

    @property
    def total_clv(self) -> float:
        return float(self.table["clv"].sum())

    def to_dict(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "transactions": self.transactions,
            "purchases": self.purchases,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "as_of": self.as_of,
            "rfm": [s.to_dict() for s in self.rfm.segments],
            "bgnbd": self.bgnbd.to_dict(),
            "gamma_gamma": self.gamma_gamma.to_dict(),
            "horizon_weeks": self.value_settings.horizon_weeks,
            "annual_discount": self.value_settings.annual_discount,
            "total_clv": self.total_clv,
            "mean_p_alive": float(self.table["p_alive"].mean()),
            "holdout": self.holdout.to_dict() if self.holdout else None,
        }


def analyse_customers(
    frame: pd.DataFrame,
    columns: LogColumns,
    calibration_end: str | pd.Timestamp | None = None,
    value_settings: ValueSettings | None = None,
) -> CustomersResult:
    """RFM, the two fits and each customer's value as of the calibration end (default: the
    log's last day); with an end before the last day, the holdout check after it."""
    value_settings = value_settings or ValueSettings()
    value_settings.check()
    bought = purchases(frame, columns)
    end = None if calibration_end is None else _day(calibration_end)
    summary = summarise(bought, end)
    purchases_fit = bgnbd.fit(summary.frequency, summary.recency, summary.age)
    spend_fit = gamma_gamma.fit(summary.frequency, summary.repeat_value)
    scores = rfm(summary)
    values = customer_values(summary, purchases_fit, spend_fit, value_settings)
    check = holdout_check(bought, summary, purchases_fit) if end is not None else None
    return CustomersResult(
        columns=columns,
        customers=int(bought.frame["customer"].nunique()),
        transactions=bought.transactions,
        purchases=len(bought.frame),
        first_day=str(bought.first_day.date()),
        last_day=str(bought.last_day.date()),
        as_of=str(summary.end.date()),
        rfm=scores,
        bgnbd=purchases_fit,
        gamma_gamma=spend_fit,
        value_settings=value_settings,
        holdout=check,
        table=_customer_table(scores, values, _discount_share(bought, summary)),
    )


def _day(text: str | pd.Timestamp) -> pd.Timestamp:
    try:
        return pd.Timestamp(text).normalize()
    except ValueError:
        raise UserInputError(
            f"The calibration end {text!r} is not a date: write it as YYYY-MM-DD.",
            code="cust_bad_date",
            date=str(text),
        ) from None


def _discount_share(bought: Purchases, summary: Summary) -> np.ndarray:
    """Each customer's discount as a share of what they paid before it, up to the summary end."""
    rows = bought.frame[bought.frame["day"] <= summary.end]
    totals = rows.groupby("customer", sort=True)[["amount", "discount"]].sum()
    gross = totals["amount"] + totals["discount"]
    share = (totals["discount"] / gross.where(gross > 0)).fillna(0.0)
    return share.reindex(pd.Index(summary.customers)).to_numpy(dtype=float)


def _customer_table(scores: Rfm, values: pd.DataFrame, discount_share: np.ndarray) -> pd.DataFrame:
    table = scores.table.merge(values, on="customer", how="left", validate="one_to_one")
    table["discount_share"] = discount_share
    return table


def analyse_job(
    job: tuple[pd.DataFrame, LogColumns, str | None, ValueSettings],
) -> CustomersResult | Failure:
    """``analyse_customers`` for a worker process: a user error comes back as a value, so that
    one job's failure (a calibration period too short) leaves the other's result."""
    frame, columns, calibration_end, settings = job
    try:
        return analyse_customers(frame, columns, calibration_end, settings)
    except UserInputError as exc:
        return Failure.of(exc)
