"""An order-line log made ready for counting: the columns the user chose, returns, cancelled
invoices and rows without a customer left out, each count kept for a note; each line's amount
(the line amount, or quantity × unit price, or 1 per line without them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from analytics.errors import UserInputError

# An invoice number like "C536379" marks a cancellation (the Online Retail convention), when
# such numbers are a minority of the orders (a file where every order starts with C is not).
_CANCELLED = r"^[Cc]\d"


@dataclass(frozen=True)
class LogColumns:
    """Which column holds what; order or customer may be absent depending on the question."""

    item: str
    order: str | None = None
    customer: str | None = None
    date: str | None = None
    quantity: str | None = None
    amount: str | None = None
    price: str | None = None

    def chosen(self) -> list[str]:
        return [
            c
            for c in (
                self.order,
                self.item,
                self.customer,
                self.date,
                self.quantity,
                self.amount,
                self.price,
            )
            if c
        ]


@dataclass(frozen=True)
class Dropped:
    """How many lines were left out, and why."""

    returns: int = 0
    cancelled: int = 0
    no_customer: int = 0
    no_item: int = 0
    no_date: int = 0

    @property
    def total(self) -> int:
        return self.returns + self.cancelled + self.no_customer + self.no_item + self.no_date

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total}

    def note(self) -> str | None:
        """One English sentence naming what was left out, or None when nothing was."""
        parts = [
            f"{count:,} {label}"
            for count, label in (
                (self.returns, "returns (negative quantity)"),
                (self.cancelled, "lines of cancelled invoices (numbers starting with C)"),
                (self.no_customer, "lines without a customer"),
                (self.no_item, "lines without an item"),
                (self.no_date, "lines without a date"),
            )
            if count
        ]
        return f"Left out: {', '.join(parts)}." if parts else None


@dataclass(frozen=True)
class CleanLines:
    """The kept lines (columns renamed to order, item, customer, date; ``amount`` always) and
    what was dropped."""

    frame: pd.DataFrame
    dropped: Dropped
    lines_read: int


def clean_lines(frame: pd.DataFrame, columns: LogColumns) -> CleanLines:
    """The kept lines of ``frame``: no return, no cancelled invoice, an item, and a customer and a
    date when those columns are named. Keys are compared as text."""
    _check_columns(frame, columns)
    out = pd.DataFrame(index=frame.index)
    for role in ("order", "item", "customer"):
        name = getattr(columns, role)
        if name:
            out[role] = _keys(frame[name])
    if columns.date:
        out["date"] = pd.to_datetime(frame[columns.date], errors="coerce")
    out["amount"] = line_amounts(frame, columns)
    keep = pd.Series(True, index=frame.index)
    counts: dict[str, int] = {}
    for reason, bad in _reasons(frame, out, columns):
        counts[reason] = int((bad & keep).sum())
        keep &= ~bad
    kept = out.loc[keep].reset_index(drop=True)
    if kept.empty:
        raise UserInputError(
            "No usable order lines: every line is a return, a cancellation or misses a key.",
            code="rec_no_lines",
        )
    return CleanLines(kept, Dropped(**counts), len(frame))


def _reasons(
    frame: pd.DataFrame, out: pd.DataFrame, columns: LogColumns
) -> list[tuple[str, pd.Series]]:
    reasons = [("no_item", out["item"].isna())]
    if columns.order:
        cancelled = out["order"].str.match(_CANCELLED).fillna(False).astype(bool)
        if cancelled.mean() < 0.5:
            reasons.append(("cancelled", cancelled))
    if columns.quantity:
        quantity = pd.to_numeric(frame[columns.quantity], errors="coerce")
        reasons.append(("returns", quantity < 0))
    if columns.customer:
        reasons.append(("no_customer", out["customer"].isna()))
    if columns.date:
        reasons.append(("no_date", out["date"].isna()))
    return reasons


def line_amounts(frame: pd.DataFrame, columns: LogColumns) -> pd.Series:
    """The line amount if chosen, else quantity × unit price if both are, else 1 per line;
    a blank amount counts 0."""
    if columns.amount:
        amount = _amounts(frame, columns.amount)
    elif columns.quantity and columns.price:
        quantity = pd.to_numeric(frame[columns.quantity], errors="coerce")
        amount = quantity * _amounts(frame, columns.price)
    else:
        return pd.Series(1.0, index=frame.index)
    return amount.fillna(0.0).astype(float)


def _amounts(frame: pd.DataFrame, column: str) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    if values.notna().sum() == 0:
        raise UserInputError(
            f"The column {column!r} holds no numbers: choose the line amount or the unit price.",
            code="rec_not_amounts",
            column=column,
        )
    return values


def _keys(values: pd.Series) -> pd.Series:
    """Keys as trimmed text, blanks missing; whole numbers read as floats print as 12, not 12.0."""
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna() % 1 == 0
        if bool(whole.all()):
            values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.mask(text == "")


def _check_columns(frame: pd.DataFrame, columns: LogColumns) -> None:
    missing = [name for name in columns.chosen() if name not in frame.columns]
    if missing:
        raise UserInputError(
            f"Column {missing[0]!r} is not in the file; choose one of: "
            f"{', '.join(map(str, frame.columns[:12]))}.",
            code="rec_unknown_column",
            column=missing[0],
        )
    if len(set(columns.chosen())) < len(columns.chosen()):
        raise UserInputError(
            "Choose a different column for each of order, item, customer and date.",
            code="rec_same_column",
        )
