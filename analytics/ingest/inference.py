"""Roles LiftBoard proposes for a file's columns, each with the reason a user can check.

A name says most ("store", "销售额", "order_id"); the values decide the rest: dates, numbers,
two values only (a flag), a different value on every row (an identifier), a column that restates
the calendar of the date column, an integer code repeated once per date (a coded store).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.numbers import NumberParse
from analytics.ingest.profiles import ColumnProfile
from analytics.ingest.raw_table import RawTable
from analytics.ingest.roles import (
    CALENDAR,
    CUSTOMER,
    DATE,
    DIMENSION,
    FLAG,
    ID,
    IGNORE,
    ITEM,
    KEY_ROLES,
    METRIC,
    NUMERIC_ROLES,
    ORDER,
    TEXT_ROLES,
    VARIANT,
    Mapping,
    choose_outcome,
    name_role,
)

# A text column with at most this many values (or 5% of the rows) is a segment, not free text.
FEW_VALUES = 50
# An identifier differs on nearly every row; below this many rows nothing is called one by values.
UNIQUE_SHARE = 0.95
UNIQUE_MIN_ROWS = 20
_ITEM_NAMES = re.compile(r"product|sku|item|goods|article|商品|产品|货号|单品")
_CONTROL_ARM = re.compile(r"^(?:control|ctrl|holdout|baseline|original|对照|对照组|基线|原版)$")
_MAX_ARMS = 10


@dataclass(frozen=True)
class RoleGuess:
    """A proposed role and why: ``reason`` is a code the mapping form puts in words, ``detail``
    the facts it names (a count, the calendar part, the date column)."""

    role: str
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "reason": self.reason, **self.detail}


def infer_mapping(raw: RawTable, profiles: dict[str, ColumnProfile]) -> Mapping:
    """The roles LiftBoard proposes; the user confirms or edits them before saving."""
    roles = {name: guess.role for name, guess in infer_roles(raw, profiles).items()}
    outcome = choose_outcome([name for name, role in roles.items() if role == METRIC])
    return Mapping(roles, outcome)


def infer_roles(raw: RawTable, profiles: dict[str, ColumnProfile]) -> dict[str, RoleGuess]:
    """Each column's role and reason: by name and values, then against the date column."""
    guesses = {
        name: _column_guess(name, prof, raw.n_rows - prof.missing)
        for name, prof in profiles.items()
    }
    guesses = _one_date_column(guesses)
    date_column = next((n for n, g in guesses.items() if g.role == DATE), None)
    if date_column is not None:
        dates = profiles[date_column].parse.values  # type: ignore[union-attr]
        guesses = _against_dates(raw, profiles, guesses, date_column, dates)
    return _keys_by_repetition(raw, profiles, guesses)


def _column_guess(name: str, prof: ColumnProfile, present: int) -> RoleGuess:
    suggested = name_role(name)
    if prof.kind == "empty":
        return RoleGuess(IGNORE, "values_empty")
    if prof.kind == "date":
        if suggested in (None, DATE, CALENDAR):
            return RoleGuess(DATE, "name" if suggested == DATE else "values_dates")
        return RoleGuess(IGNORE, "name_values_disagree", {"named": suggested})
    if prof.kind == "number":
        return _number_guess(suggested, prof, present)
    return _text_guess(suggested, prof, present)


def _number_guess(suggested: str | None, prof: ColumnProfile, present: int) -> RoleGuess:
    integer = isinstance(prof.parse, NumberParse) and prof.parse.is_integer
    if suggested == FLAG and not prof.binary:
        return RoleGuess(METRIC, "values_numbers")
    if suggested in NUMERIC_ROLES:
        return RoleGuess(suggested, "name")
    if suggested in (DATE, CALENDAR):
        return RoleGuess(CALENDAR, "name_not_dates")
    if suggested in KEY_ROLES or (
        suggested in TEXT_ROLES and integer and _few(prof.distinct, present)
    ):
        return RoleGuess(suggested, "name")
    if prof.binary:
        return RoleGuess(FLAG, "values_two")
    if integer and _is_row_number(prof.parse.values):  # type: ignore[union-attr]
        return RoleGuess(ID, "values_sequence")
    return RoleGuess(METRIC, "values_numbers")


def _is_row_number(values: np.ndarray) -> bool:
    """1..n or 0..n-1 (in any order): the row numbers an export or an index writes."""
    n = len(values)
    if n < UNIQUE_MIN_ROWS or np.isnan(values).any():
        return False
    low, high = values.min(), values.max()
    return low in (0.0, 1.0) and high - low == n - 1 and len(np.unique(values)) == n


def _text_guess(suggested: str | None, prof: ColumnProfile, present: int) -> RoleGuess:
    """Text: ``prof.distinct`` counts the whole column's values."""
    if suggested in TEXT_ROLES:
        return RoleGuess(suggested, "name")
    if suggested in (DATE, CALENDAR):
        return RoleGuess(CALENDAR, "name_not_dates")
    if present >= UNIQUE_MIN_ROWS and prof.distinct >= UNIQUE_SHARE * present:
        return RoleGuess(ID, "values_unique", {"count": prof.distinct})
    if _few(prof.distinct, present):
        return RoleGuess(DIMENSION, "values_few", {"count": prof.distinct})
    return RoleGuess(IGNORE, "values_many_text", {"count": prof.distinct})


def _few(distinct: int, present: int) -> bool:
    """Few enough values to be segments (stores, regions, products), not amounts or free text."""
    return distinct <= max(FEW_VALUES, int(0.05 * present))


def _one_date_column(guesses: dict[str, RoleGuess]) -> dict[str, RoleGuess]:
    """The first date column is the row's date; later ones (ship date, signup date) are not."""
    first = None
    fixed = {}
    for name, guess in guesses.items():
        if guess.role == DATE and first is not None:
            guess = RoleGuess(IGNORE, "later_date", {"date": first})
        elif guess.role == DATE:
            first = name
        fixed[name] = guess
    return fixed


# --- against the date column: calendar parts and codes repeated once per date ---

_PARTS = ("year", "quarter", "year_quarter", "month", "year_month", "week", "year_week",
          "weekday", "day")  # fmt: skip


def _against_dates(
    raw: RawTable,
    profiles: dict[str, ColumnProfile],
    guesses: dict[str, RoleGuess],
    date_column: str,
    dates: np.ndarray,
) -> dict[str, RoleGuess]:
    """Columns the values alone called metrics or segments may restate the date or code a store."""
    valid = ~np.isnat(dates)
    if valid.sum() < 2:
        return guesses
    day_codes, days = pd.factorize(dates[valid])
    parts = _calendar_parts(pd.DatetimeIndex(days))
    fixed = dict(guesses)
    for name, guess in guesses.items():
        if guess.reason not in ("values_numbers", "values_few", "values_sequence"):
            continue
        codes = _value_codes(raw.column(name), profiles[name])[valid]
        part = _restated_part(codes, day_codes, parts, profiles[name])
        if part is not None:
            fixed[name] = RoleGuess(
                CALENDAR, "values_date_part", {"part": part, "date": date_column}
            )
        elif guess.role == METRIC and _coded_segment(codes, day_codes, profiles[name]):
            fixed[name] = RoleGuess(DIMENSION, "values_per_date", {"date": date_column})
    return fixed


_NUMBERED_PARTS = frozenset({"year", "quarter", "month"})


def _calendar_parts(days: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """Each distinct date's year, quarter, month, ISO week, weekday and day, as integer codes."""
    iso = days.isocalendar()
    year, week = iso["year"].to_numpy(np.int64), iso["week"].to_numpy(np.int64)
    return {
        "year": days.year.to_numpy(np.int64),
        "quarter": days.quarter.to_numpy(np.int64),
        "year_quarter": days.year.to_numpy(np.int64) * 10 + days.quarter.to_numpy(np.int64),
        "month": days.month.to_numpy(np.int64),
        "year_month": days.year.to_numpy(np.int64) * 100 + days.month.to_numpy(np.int64),
        "week": week,
        "year_week": year * 100 + week,
        "weekday": days.day_of_week.to_numpy(np.int64),
        "day": days.day.to_numpy(np.int64),
    }


def _value_codes(cells: pa.ChunkedArray, prof: ColumnProfile) -> np.ndarray:
    """Each row's value as a code (-1 when missing): numbers by value, text by trimmed text."""
    if isinstance(prof.parse, NumberParse):
        values = prof.parse.values
        codes, _ = pd.factorize(values, use_na_sentinel=True)
        return codes
    text = pc.utf8_trim_whitespace(cells.combine_chunks())
    return pc.dictionary_encode(text).indices.fill_null(-1).to_numpy().astype(np.int64)


def _restated_part(
    codes: np.ndarray, day_codes: np.ndarray, parts: dict[str, np.ndarray], prof: ColumnProfile
) -> str | None:
    """The calendar part the column is one to one with, if it holds fewer values than the dates
    (a metric of a one-row-per-month file is one to one with the month too) or the part's own
    numbers (month = 1..12 over a single year)."""
    known = codes >= 0
    codes, day_codes = codes[known], day_codes[known]
    distinct = len(pd.unique(codes))
    if distinct < 2:
        return None
    days_seen = pd.unique(day_codes)
    numbers = prof.parse.values if isinstance(prof.parse, NumberParse) else None
    for part in _PARTS:
        # as many values as the part takes on the rows' dates, before comparing row by row
        if len(pd.unique(parts[part][days_seen])) != distinct:
            continue
        if not _one_to_one(codes, parts[part][day_codes]):
            continue
        if distinct < len(days_seen) or (
            numbers is not None and _same_numbers(numbers, part, parts)
        ):
            return part
    return None


def _one_to_one(a: np.ndarray, b: np.ndarray) -> bool:
    """Each value of ``a`` goes with one value of ``b`` and back: as many distinct pairs as
    values on either side (counted by hashing; the pair as one integer of the two codes)."""
    n_a, n_b = len(pd.unique(a)), len(pd.unique(b))
    return n_a == n_b == _distinct_pairs(a, b)


def _distinct_pairs(a: np.ndarray, b: np.ndarray) -> int:
    """How many distinct (a, b) pairs the rows hold: each pair as one integer of two codes."""
    a_codes, _ = pd.factorize(a)
    b_codes, b_values = pd.factorize(b)
    return len(pd.unique(a_codes.astype(np.int64) * len(b_values) + b_codes))


def _same_numbers(numbers: np.ndarray, part: str, parts: dict[str, np.ndarray]) -> bool:
    """The column holds the part's own numbers (month 1..12 over one year). Weeks, weekdays and
    days are left out: over a single cycle they are also the row numbers of a short file."""
    if part not in _NUMBERED_PARTS:
        return False
    return np.array_equal(np.unique(numbers[~np.isnan(numbers)]), np.unique(parts[part]))


def _coded_segment(codes: np.ndarray, day_codes: np.ndarray, prof: ColumnProfile) -> bool:
    """An integer code (a store, a region) that differs between the rows of each date and comes
    back date after date: a segment written as a number, not an amount."""
    if not (isinstance(prof.parse, NumberParse) and prof.parse.is_integer):
        return False
    known = codes >= 0
    codes, day_codes = codes[known], day_codes[known]
    distinct, n_days = len(pd.unique(codes)), len(pd.unique(day_codes))
    if distinct < 2 or len(codes) <= n_days or len(codes) / distinct < 0.5 * n_days:
        return False
    return _distinct_pairs(day_codes, codes) == len(codes)  # no code twice on a date


# --- keys: customers repeat in a log and identify the rows of a table; products in a log ---


def _keys_by_repetition(
    raw: RawTable, profiles: dict[str, ColumnProfile], guesses: dict[str, RoleGuess]
) -> dict[str, RoleGuess]:
    fixed = dict(guesses)
    for name, guess in guesses.items():
        if guess.role in (CUSTOMER, DIMENSION) and guess.reason == "name":
            if _unique_per_row(raw, name, profiles[name]):
                fixed[name] = RoleGuess(ID, "name_unique", {"named": guess.role})
        elif guess.role == DIMENSION and guess.reason == "values_few":
            arms = _arms(raw, name, profiles[name])
            if arms:
                fixed[name] = RoleGuess(VARIANT, "values_arms", {"control": arms})
    has_keys = any(g.role in (CUSTOMER, ORDER) for g in fixed.values())
    if has_keys and not any(g.role == ITEM for g in fixed.values()):
        item = next(
            (n for n, g in fixed.items() if g.role == DIMENSION and _ITEM_NAMES.search(n.lower())),
            None,
        )
        if item is not None:
            fixed[item] = RoleGuess(ITEM, "event_log_item")
    return fixed


def _unique_per_row(raw: RawTable, name: str, prof: ColumnProfile) -> bool:
    """A customer or store named on every row once: the rows are customers or stores."""
    present = raw.n_rows - prof.missing
    if present < UNIQUE_MIN_ROWS:
        return False
    needed = UNIQUE_SHARE * present
    if isinstance(prof.parse, NumberParse):
        # a number is written at least one way: the cells hold at least as many texts
        numbers = prof.parse.values
        if len(pd.unique(numbers[~np.isnan(numbers)])) >= needed:
            return True
    return pc.count_distinct(raw.column(name).drop_null()).as_py() >= needed


def _arms(raw: RawTable, name: str, prof: ColumnProfile) -> str | None:
    """The control arm's label when the column's few values read as experiment arms."""
    if not 2 <= prof.distinct <= _MAX_ARMS:
        return None
    labels = pc.unique(pc.utf8_trim_whitespace(raw.column(name).drop_null())).to_pylist()
    return next((label for label in labels if _CONTROL_ARM.match(label.lower())), None)
