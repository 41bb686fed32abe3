"""Inputs kept in the page's link beyond the plain choices: the planned promotions, the lead
time, service level and stocks. A value that does not read is left out, with a note."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from analytics.forecast.plan import MAX_DISCOUNT
from analytics.forecast.results import PlannedPromotion
from ui.i18n import t
from ui.safe import md

SERVICE_LEVELS = ("90", "95", "97.5", "99")
PLAN_COLUMNS = ("name", "start", "end", "discount")
MAX_LEAD = 365
# Lists in the link (plan, stocks): one row per line of the value (a repeated parameter is read
# too); fields split by "|" from the right, so a name may hold "|". Names are written on one line.
FIELD = "|"
MAX_LINK_ROWS = 50
MAX_LINK_NAME = 200
_LINK_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LINK_LEAD = re.compile(r"[0-9]{1,3}")

T = TypeVar("T")


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def link_number(value: float) -> str:
    """A number as the link writes it (15 significant digits at most)."""
    return f"{value:.15g}"


def _note_ignored(param: str, value: str) -> None:
    """A value from the link that was left out, said on the page (as text, shortened)."""
    shown = value if len(value) <= 60 else value[:60] + "…"
    st.warning(t("fc_link_ignored", param=param, value=md(shown)))


def _link_rows(param: str, values: list[str]) -> list[str]:
    """The rows of a list parameter (lines of its values), at most MAX_LINK_ROWS."""
    rows = [row for value in values for row in value.splitlines() if row.strip()]
    if len(rows) > MAX_LINK_ROWS:
        st.warning(t("fc_link_too_many", param=param, limit=MAX_LINK_ROWS))
    return rows[:MAX_LINK_ROWS]


def seed_from_link(key: str, param: str, read: Callable[[str], T | None], default: T) -> None:
    """Before the widget: the session's value stays; else the link's value when it reads, else
    the default (and a note when the link held something unreadable)."""
    if key in st.session_state:
        return
    text = st.query_params.get(param)
    value = None if text is None else read(text)
    if text is not None and value is None:
        _note_ignored(param, text)
    st.session_state[key] = default if value is None else value


def lead_from_link(text: str) -> int | None:
    """Whole days, 1 to MAX_LEAD."""
    text = text.strip()
    if not _LINK_LEAD.fullmatch(text):
        return None
    return int(text) if 1 <= int(text) <= MAX_LEAD else None


def level_from_link(text: str) -> str | None:
    return text if text in SERVICE_LEVELS else None


def amount_from_link(text: str) -> float | None:
    """A finite number, zero or more (a stock in units, a discount in percent)."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def plan_to_link(plan: tuple[PlannedPromotion, ...]) -> str | None:
    """``NAME|2026-01-05|2026-01-18|15`` per promotion (discount in percent), one per line."""
    rows = [
        FIELD.join(
            [
                _one_line(p.name),
                f"{p.start:%Y-%m-%d}",
                f"{p.end:%Y-%m-%d}",
                link_number(round(p.discount * 100, 10)),
            ]
        )
        for p in plan
    ]
    return "\n".join(rows) or None


def plan_rows_from_link(values: list[str]) -> pd.DataFrame:
    """The planned promotions table from the link; rows that do not read are left out, with a
    note. Whether the dates fall in the forecast period is checked with the table."""
    rows = []
    for row in _link_rows("plan", values):
        found = _plan_row(row)
        if found is None:
            _note_ignored("plan", row)
        else:
            rows.append(found)
    if not rows:
        return _empty_plan()
    table = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    return table.astype(_empty_plan().dtypes.to_dict())


def _empty_plan() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": pd.Series(dtype="string"),
            "start": pd.Series(dtype="datetime64[ns]"),
            "end": pd.Series(dtype="datetime64[ns]"),
            "discount": pd.Series(dtype="float"),
        }
    )


def _plan_row(row: str) -> tuple[str, pd.Timestamp, pd.Timestamp, float] | None:
    parts = row.rsplit(FIELD, 3)
    if len(parts) != 4:
        return None
    name, start, end, discount = _one_line(parts[0]), *(p.strip() for p in parts[1:])
    if not name or len(name) > MAX_LINK_NAME:
        return None
    if not (_LINK_DATE.fullmatch(start) and _LINK_DATE.fullmatch(end)):
        return None
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, OverflowError):
        return None
    percent = amount_from_link(discount) if discount else math.nan
    if percent is None or percent > MAX_DISCOUNT * 100:
        return None
    return name, first, last, percent


def stocks_to_link(stocks: dict[str, float | None], labels: list[str]) -> str | None:
    """``SERIES|UNITS`` per series with a stock entered, one per line."""
    rows = [
        f"{_one_line(label)}{FIELD}{link_number(stocks[label])}"
        for label in labels
        if stocks.get(label) is not None
    ]
    return "\n".join(rows) or None


def stocks_from_link(values: list[str], labels: list[str]) -> dict[str, float | None]:
    """Stock per series from the link; unknown series and unreadable numbers are left out, with a
    note."""
    known = {_one_line(label): label for label in labels}
    stocks: dict[str, float | None] = {}
    for row in _link_rows("stocks", values):
        name, _, number = row.rpartition(FIELD)
        label = known.get(_one_line(name))
        value = amount_from_link(number)
        if label is None or value is None:
            _note_ignored("stocks", row)
        else:
            stocks[label] = value
    return stocks
