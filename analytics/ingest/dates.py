"""Explicit, vectorised date parsing: ISO, y/m/d, d/m/y vs m/d/y decided from the values,
Chinese dates (2024年1月5日), month names, year-month, ISO weeks and Excel serial numbers.

Years written with two digits (12/31/99, 31-Dec-99, Jan-24, 99年12月31日) take their century from
Excel's rule: 00-29 are 2000-2029, 30-99 are 1930-1999. Their positions are kept so that the
validation report always says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.numbers import _as_array

_SPACES = " \t\u00a0"
_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?"
FULL_DATE = (
    r"^(?P<a>\d{1,4})\s*[-/.年]\s*(?P<b>\d{1,2})\s*[-/.月]\s*(?P<c>\d{1,4})\s*日?" + _TIME + "$"
)
YEAR_MONTH = r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*月?$"
MONTH_YEAR = r"^(?P<m>\d{1,2})[-/.](?P<y>\d{4})$"
ISO_WEEK = r"^(?P<y>\d{4})-?[Ww](?P<w>\d{1,2})(?:-?(?P<d>[1-7]))?$"
COMPACT = r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$"
EXCEL_SERIAL = r"^\d{5}(?:\.0+)?$"
EXCEL_EPOCH = np.datetime64("1899-12-30")
# Four-digit years first; then the same with two ("31-Dec-99"), their century by Excel's rule.
MONTH_NAME_FORMATS = (
    "%d-%b-%Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%d-%b-%y",
    "%d %b %y",
    "%b %d, %y",
    "%d-%B-%y",
    "%d %B %y",
    "%B %d, %y",
)
# Monthly exports: "Jan 2024", "January 2024", Excel's "Jan-24".
MONTH_NAME_YEAR_FORMATS = ("%b %Y", "%B %Y", "%b-%Y", "%B-%Y", "%b-%y", "%b %y")
# Excel's rule for years written with two digits: below 30 in the 2000s, from 30 in the 1900s.
CENTURY_PIVOT = 30
TWO_DIGIT_YEAR_RULE = "00–29 → 2000–2029, 30–99 → 1930–1999"
# What a date column's reading assumed, said beside it (ui.i18n.note_text words it).
NOTE_TIMES_DROPPED = "times of day were dropped; rows are dated by their day"
NOTE_DAY_FIRST = "day first (d/m/y)"
NOTE_MONTH_FIRST = "month first (m/d/y)"
NOTE_TWO_DIGIT_YEARS = f"two-digit years read by Excel's rule ({TWO_DIGIT_YEAR_RULE})"
ORDERS = ("ymd", "dmy", "mdy")
# Dates outside these years are typos or placeholders (0001-01-01, 9999-12-31), never sales days.
FIRST_DAY = np.datetime64("1900-01-01", "D")
LAST_DAY = np.datetime64("2200-12-31", "D")


@dataclass(frozen=True)
class DateParse:
    """A column read as dates (datetime64[ns] at midnight; NaT = missing or bad)."""

    values: np.ndarray
    bad: np.ndarray
    format: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    ambiguous_order: bool = False
    mixed_order_rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    two_digit_year_rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    @property
    def parsed_share(self) -> float:
        ok = int(np.count_nonzero(~np.isnat(self.values)))
        total = ok + len(self.bad)
        return ok / total if total else 0.0

    @property
    def date_share(self) -> float:
        """Share of non-missing cells that are dates, counting those in the other d/m order."""
        ok = int(np.count_nonzero(~np.isnat(self.values)))
        total = ok + len(self.bad)
        return (ok + len(self.mixed_order_rows)) / total if total else 0.0


def parse_dates(
    cells: pa.Array | pa.ChunkedArray, *, serials: bool = False, order: str | None = None
) -> DateParse:
    """Parse text cells as dates, choosing the reading that fits most cells.

    ``serials`` allows Excel serial numbers and yyyymmdd integers (only sensible when the column
    is known to hold dates); ``order`` ('dmy' or 'mdy') overrides the day/month decision.
    """
    cells = _as_array(cells)
    fast = _fast_iso(cells)
    if fast is not None:
        return fast
    text = pc.utf8_trim(cells, characters=_SPACES)
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    readers = [(FULL_DATE, _full_dates), (YEAR_MONTH, _year_months), (ISO_WEEK, _iso_weeks)]
    readers += [(MONTH_YEAR, _month_years), (r"[A-Za-z]{3}", _month_names)]
    readers.append((r"[A-Za-z]{3}", _month_name_years))
    if serials:
        readers += [(EXCEL_SERIAL, _excel_serials), (COMPACT, _compact_dates)]
    candidates = [
        reader(text, order)
        for pattern, reader in readers
        if pc.any(pc.match_substring_regex(text, pattern)).as_py()
    ]
    if not candidates:
        return _finish(text, np.full(len(text), np.datetime64("NaT"), "datetime64[ns]"), "none", ())
    return max(candidates, key=lambda parse: np.count_nonzero(~np.isnat(parse.values)))


def _fast_iso(cells: pa.Array) -> DateParse | None:
    """ISO dates (and ISO timestamps) convert strictly in one step."""
    try:
        days = pc.cast(cells, pa.date32()).to_numpy(zero_copy_only=False)
        return _plausible(cells, days.astype("datetime64[D]"), "iso", ())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    try:
        stamps = pc.cast(cells, pa.timestamp("s")).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    days = stamps.astype("datetime64[D]")
    notes: tuple[str, ...] = ()
    if np.any((stamps != days) & ~np.isnat(stamps)):
        notes = (NOTE_TIMES_DROPPED,)
    return _plausible(cells, days, "iso", notes)


def _plausible(cells: pa.Array, days: np.ndarray, fmt: str, notes: tuple[str, ...]) -> DateParse:
    """Days outside 1900-2200 are bad cells (year 9999 would wrap around in nanoseconds)."""
    days = np.where((days >= FIRST_DAY) & (days <= LAST_DAY), days, np.datetime64("NaT"))
    return _finish(cells, days.astype("datetime64[ns]"), fmt, notes)


def _full_dates(text: pa.Array, order: str | None) -> DateParse:
    parts = pc.extract_regex(text, FULL_DATE)
    matched = np.asarray(pc.fill_null(pc.is_valid(parts), False))
    a, b, c = (_int_field(parts, name, matched) for name in ("a", "b", "c"))
    # 年 after the first number marks it as the year, however many digits it has (24年1月5日).
    marked = np.asarray(pc.fill_null(pc.match_substring_regex(text, r"^\d{1,4}\s*年"), False))
    year_first = matched & ((a > 31) | marked)
    rest = matched & ~year_first
    day_first_evidence = rest & (a > 12) & (b <= 12)
    month_first_evidence = rest & (b > 12) & (a <= 12)
    notes: list[str] = []
    ambiguous = False
    mixed_rows = np.empty(0, dtype=np.int64)
    if order in ("dmy", "mdy"):
        chosen = order
    elif day_first_evidence.any() and month_first_evidence.any():
        chosen = "dmy" if day_first_evidence.sum() >= month_first_evidence.sum() else "mdy"
        losing = month_first_evidence if chosen == "dmy" else day_first_evidence
        mixed_rows = np.flatnonzero(losing)
    elif day_first_evidence.any():
        chosen = "dmy"
    elif month_first_evidence.any():
        chosen = "mdy"
    else:
        ambiguous = bool(rest.any())
        chosen = _default_order(text, rest) if ambiguous else "mdy"
    if rest.any():
        notes.append(NOTE_DAY_FIRST if chosen == "dmy" else NOTE_MONTH_FIRST)
    day = np.where(year_first, c, np.where(chosen == "dmy", a, b))
    month = np.where(year_first, b, np.where(chosen == "dmy", b, a))
    written_year = np.where(year_first, a, c)
    # A two-digit number first is a year only when 年 says so: '99/12/31' stays unread (it
    # could be a typo in a d/m/y column), never a guess.
    short = matched & (written_year < 100) & (marked | ~year_first)
    year = np.where(short, full_year(written_year), written_year)
    values = _assemble(year, month, day, matched)
    if mixed_rows.size:
        values[mixed_rows] = np.datetime64("NaT")
    fmt = "ymd" if not rest.any() else chosen
    parse = _finish(text, values, fmt, tuple(notes), ambiguous, mixed_rows)
    return _with_two_digit_years(parse, short)


def full_year(two_digits: np.ndarray) -> np.ndarray:
    """The year Excel reads for a year written with two digits: 00-29 → 20xx, 30-99 → 19xx."""
    return np.where(two_digits < CENTURY_PIVOT, 2000, 1900) + two_digits


def _with_two_digit_years(parse: DateParse, short: np.ndarray) -> DateParse:
    """Remember which dates had a two-digit year, and say which rule gave them their century."""
    rows = np.flatnonzero(short & ~np.isnat(parse.values))
    if not rows.size:
        return parse
    return replace(parse, notes=(*parse.notes, NOTE_TWO_DIGIT_YEARS), two_digit_year_rows=rows)


def _default_order(text: pa.Array, rest: np.ndarray) -> str:
    """Undecidable d/m vs m/d: dotted dates are European (d.m.y); slashes follow m/d/y."""
    dotted = pc.fill_null(pc.match_substring_regex(text, r"^\d{1,2}\.\d{1,2}\."), False)
    return "dmy" if np.asarray(dotted)[rest].mean() > 0.5 else "mdy"


def _year_months(text: pa.Array, _order: str | None) -> DateParse:
    parts = pc.extract_regex(text, YEAR_MONTH)
    matched = np.asarray(pc.fill_null(pc.is_valid(parts), False))
    year, month = (_int_field(parts, name, matched) for name in ("y", "m"))
    values = _assemble(year, month, np.ones_like(year), matched)
    return _finish(text, values, "year-month", ("year and month; dated the 1st",))


def _month_years(text: pa.Array, _order: str | None) -> DateParse:
    parts = pc.extract_regex(text, MONTH_YEAR)
    matched = np.asarray(pc.fill_null(pc.is_valid(parts), False))
    year, month = (_int_field(parts, name, matched) for name in ("y", "m"))
    values = _assemble(year, month, np.ones_like(year), matched)
    return _finish(text, values, "month-year", ("month and year; dated the 1st",))


def _iso_weeks(text: pa.Array, _order: str | None) -> DateParse:
    parts = pc.extract_regex(text, ISO_WEEK)
    matched = np.asarray(pc.fill_null(pc.is_valid(parts), False))
    year, week, weekday = (_int_field(parts, name, matched) for name in ("y", "w", "d"))
    weekday = np.where(weekday == 0, 1, weekday)
    values = _week_one_monday(year, matched) + ((week - 1) * 7 + weekday - 1) * np.timedelta64(
        1, "D"
    )
    # Week 53 exists only in some years: in the others it is invalid, not week 1 of the next.
    valid_week = (week >= 1) & (values < _week_one_monday(year + 1, matched))
    values[~valid_week] = np.datetime64("NaT")
    return _finish(text, values, "iso-week", ("ISO weeks; dated their Monday",))


def _week_one_monday(year: np.ndarray, matched: np.ndarray) -> np.ndarray:
    """The Monday of ISO week 1: the week that holds 4 January."""
    jan4 = _assemble(year, np.ones_like(year), np.full_like(year, 4), matched)
    weekday = (jan4.astype("datetime64[D]").view("int64") + 3) % 7
    return jan4 - weekday * np.timedelta64(1, "D")


def _month_names(text: pa.Array, _order: str | None) -> DateParse:
    best, short = _first_format_that_fits(text, MONTH_NAME_FORMATS)
    parse = _finish(text, _reject_rollover(text, best), "month-name", ())
    return _with_two_digit_years(parse, short)


def _month_name_years(text: pa.Array, _order: str | None) -> DateParse:
    best, short = _first_format_that_fits(text, MONTH_NAME_YEAR_FORMATS)
    parse = _finish(text, best, "month-name-year", ("month and year; dated the 1st",))
    return _with_two_digit_years(parse, short)


def _first_format_that_fits(
    text: pa.Array, formats: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Per cell, the first format that reads it as a date from 1900 to 2200 (else NaT), and
    which cells a two-digit year format (%y) read, their century set by Excel's rule."""
    best = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[D]")
    short = np.zeros(len(text), dtype=bool)
    present = np.asarray(pc.is_valid(text))
    for fmt in formats:
        if not (present & np.isnat(best)).any():
            break  # every cell is read: the later formats cannot change anything
        stamps = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
        values = stamps.to_numpy(zero_copy_only=False).astype("datetime64[D]")
        if "%y" in fmt:
            values = _excel_century(values)
        values[(values < FIRST_DAY) | (values > LAST_DAY)] = np.datetime64("NaT")
        fill = np.isnat(best) & ~np.isnat(values)
        best[fill] = values[fill]
        short |= fill & ("%y" in fmt)
    return best.astype("datetime64[ns]"), short


def _excel_century(values: np.ndarray) -> np.ndarray:
    """strptime's %y puts 69-99 in the 1900s and 00-68 in the 2000s; Excel's rule decides."""
    read = np.flatnonzero(~np.isnat(values))
    if not read.size:
        return values
    index = pd.DatetimeIndex(values[read].astype("datetime64[ns]"))
    year, month, day = (
        part.to_numpy(dtype="int64") for part in (index.year, index.month, index.day)
    )
    values = values.copy()
    every = np.ones(read.size, dtype=bool)
    values[read] = _assemble(full_year(year % 100), month, day, every).astype("datetime64[D]")
    return values


def _reject_rollover(text: pa.Array, values: np.ndarray) -> np.ndarray:
    """strptime rolls 30 Feb over to 1 March; a day number that changed marks an invalid date."""
    day_text = pc.extract_regex(text, r"(?P<d>\b\d{1,2}\b)")
    matched = np.asarray(pc.fill_null(pc.is_valid(day_text), False))
    day = _int_field(day_text, "d", matched)
    actual_day = pd.DatetimeIndex(values).day.to_numpy(dtype="float64", na_value=np.nan)
    rolled = matched & ~np.isnat(values) & (actual_day != day)
    values = values.copy()
    values[rolled] = np.datetime64("NaT")
    return values


def _excel_serials(text: pa.Array, _order: str | None) -> DateParse:
    matched = np.asarray(pc.fill_null(pc.match_substring_regex(text, EXCEL_SERIAL), False))
    numbers = pc.cast(pc.if_else(matched, text, pa.scalar(None, pa.string())), pa.float64())
    serial = np.nan_to_num(numbers.to_numpy(zero_copy_only=False), nan=0).astype("int64")
    in_range = matched & (serial >= 20000) & (serial <= 80000)
    values = (EXCEL_EPOCH + serial.astype("timedelta64[D]")).astype("datetime64[ns]")
    values[~in_range] = np.datetime64("NaT")
    return _finish(text, values, "excel-serial", ("Excel serial day numbers",))


def _compact_dates(text: pa.Array, _order: str | None) -> DateParse:
    parts = pc.extract_regex(text, COMPACT)
    matched = np.asarray(pc.fill_null(pc.is_valid(parts), False))
    year, month, day = (_int_field(parts, name, matched) for name in ("y", "m", "d"))
    return _finish(text, _assemble(year, month, day, matched), "yyyymmdd", ())


def _int_field(parts: pa.Array, name: str, matched: np.ndarray) -> np.ndarray:
    child = pc.struct_field(parts, name)
    child = pc.if_else(pc.equal(child, ""), pa.scalar(None, pa.string()), child)
    numbers = pc.cast(child, pa.int64()).to_numpy(zero_copy_only=False)
    numbers = np.nan_to_num(np.asarray(numbers, dtype="float64"), nan=0).astype("int64")
    return np.where(matched, numbers, 0)


def _assemble(
    year: np.ndarray, month: np.ndarray, day: np.ndarray, matched: np.ndarray
) -> np.ndarray:
    """Build dates from parts; impossible ones (31 April, month 13) become NaT, never roll over."""
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    frame.loc[~matched] = (2000, 1, 1)
    out_of_range = (frame["year"] < 1900) | (frame["year"] > 2200)
    frame.loc[out_of_range] = (2000, 1, 1)
    values = pd.to_datetime(frame, errors="coerce").to_numpy(dtype="datetime64[ns]")
    values[~matched | out_of_range.to_numpy()] = np.datetime64("NaT")
    return values


def _finish(
    text: pa.Array,
    values: np.ndarray,
    fmt: str,
    notes: tuple[str, ...],
    ambiguous: bool = False,
    mixed_rows: np.ndarray | None = None,
) -> DateParse:
    present = np.asarray(pc.is_valid(text))
    bad = np.flatnonzero(present & np.isnat(values))
    mixed = np.empty(0, dtype=np.int64) if mixed_rows is None else mixed_rows
    return DateParse(values, bad, fmt, notes, ambiguous, mixed)
