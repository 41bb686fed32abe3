"""An order log as purchases: one purchase per customer and day (Fader, Hardie and Lee's
convention), and each customer's summary at the end of a calibration period, in weeks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.selection import check_column

DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class LogColumns:
    """Which columns of the log say who bought, when and for how much (discount optional)."""

    customer: str
    date: str
    amount: str
    discount: str | None = None


@dataclass(frozen=True)
class Purchases:
    """One row per customer and day: ``customer``, ``day``, ``amount`` (the day's spend),
    ``lines`` (transactions that day) and ``discount`` (the day's discount, 0 without one)."""

    frame: pd.DataFrame
    transactions: int

    @property
    def first_day(self) -> pd.Timestamp:
        return self.frame["day"].min()

    @property
    def last_day(self) -> pd.Timestamp:
        return self.frame["day"].max()


def purchases(frame: pd.DataFrame, columns: LogColumns) -> Purchases:
    """The log's rows with a customer, a date and an amount, grouped by customer and day."""
    for column, what in (
        (columns.customer, "customer"),
        (columns.date, "date"),
        (columns.amount, "amount"),
    ):
        check_column(frame, column, what)
    rows = pd.DataFrame(
        {
            "customer": frame[columns.customer].astype("string"),
            "day": _days(frame[columns.date], columns.date),
            "amount": _numbers(frame[columns.amount], columns.amount),
            "discount": _discounts(frame, columns.discount),
        }
    ).dropna(subset=["customer", "day", "amount"])
    if rows.empty:
        raise UserInputError(
            f"No row has a customer, a date and an amount in {columns.amount!r}: "
            "choose the columns that hold them.",
            code="cust_no_rows",
            amount=columns.amount,
        )
    daily = (
        rows.groupby(["customer", "day"], sort=True, observed=True)
        .agg(amount=("amount", "sum"), lines=("amount", "size"), discount=("discount", "sum"))
        .reset_index()
    )
    return Purchases(daily, len(rows))


def _days(values: pd.Series, name: str) -> pd.Series:
    if not pd.api.types.is_datetime64_any_dtype(values):
        raise UserInputError(
            f"The column {name!r} does not hold dates: choose the order date.",
            code="cust_not_dates",
            column=name,
        )
    return values.dt.normalize()


def _numbers(values: pd.Series, name: str) -> pd.Series:
    if not pd.api.types.is_numeric_dtype(values):
        raise UserInputError(
            f"The column {name!r} does not hold amounts: choose the order value.",
            code="cust_not_amounts",
            column=name,
        )
    return values.astype(float)


def _discounts(frame: pd.DataFrame, column: str | None) -> pd.Series | float:
    if column is None:
        return 0.0
    check_column(frame, column, "discount")
    return _numbers(frame[column], column).fillna(0.0)


@dataclass(frozen=True)
class Summary:
    """Per customer (arrays in the order of ``customers``) at the end of calibration ``end``:
    ``frequency`` repeat purchases, ``recency`` weeks from the first to the last purchase, ``age``
    (T) weeks from the first purchase to ``end``, ``repeat_value`` mean value of the repeat
    purchases (0 without one), ``revenue`` all purchases' value, ``days_since`` days from the last
    purchase to ``end``."""

    customers: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    repeat_value: np.ndarray
    revenue: np.ndarray
    days_since: np.ndarray
    first_day: np.ndarray
    end: pd.Timestamp

    @property
    def size(self) -> int:
        return len(self.customers)


def summarise(bought: Purchases, end: pd.Timestamp | None = None) -> Summary:
    """Each customer who bought by ``end`` (default: the last day of the log), from purchases up
    to and including that day."""
    end = bought.last_day if end is None else pd.Timestamp(end).normalize()
    daily = bought.frame[bought.frame["day"] <= end]
    if daily.empty:
        raise UserInputError(
            f"No purchase falls on or before {end.date()}: choose a later calibration end.",
            code="cust_calibration_empty",
            end=str(end.date()),
        )
    codes, customers = pd.factorize(daily["customer"], sort=True)
    day = daily["day"].to_numpy()
    amount = daily["amount"].to_numpy(dtype=float)
    # Rows are sorted by customer then day: each customer's rows are one run.
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    count = np.diff(np.r_[starts, len(codes)])
    first, last = day[starts], day[starts + count - 1]
    revenue = np.add.reduceat(amount, starts)
    first_amount = amount[starts]
    repeats = count - 1
    repeat_value = np.divide(
        revenue - first_amount, repeats, out=np.zeros(len(customers)), where=repeats > 0
    )
    end64 = np.datetime64(end.to_datetime64())
    return Summary(
        customers=np.asarray(customers, dtype=object),
        frequency=repeats.astype(float),
        recency=_weeks(last - first),
        age=_weeks(end64 - first),
        repeat_value=repeat_value,
        revenue=revenue,
        days_since=(end64 - last) / np.timedelta64(1, "D"),
        first_day=first,
        end=end,
    )


def _weeks(spans: np.ndarray) -> np.ndarray:
    return spans / np.timedelta64(1, "D") / DAYS_PER_WEEK


def purchases_after(bought: Purchases, end: pd.Timestamp, customers: np.ndarray) -> np.ndarray:
    """Purchases (customer-days) after ``end`` of each of ``customers``, in their order."""
    later = bought.frame.loc[bought.frame["day"] > end, "customer"].value_counts()
    return later.reindex(pd.Index(customers)).fillna(0).to_numpy(dtype=float)
