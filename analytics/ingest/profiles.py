"""What each column's values are: dates, numbers, text or nothing, decided on a sample and parsed
whole; the first step after reading, before roles are inferred."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.dates import DateParse, parse_dates
from analytics.ingest.numbers import NumberParse, parse_numbers
from analytics.ingest.raw_table import RawTable
from analytics.ingest.roles import DATE, NUMERIC_ROLES, name_role

_SAMPLE_ROWS = 5_000
_KIND_SHARE = 0.8
# A column named like a number (revenue, 花费, price) or a date (date, 日期) stays a number or
# date column down to this share, so that its other cells are reported one by one instead of the
# column silently becoming text.
_NAMED_SHARE = 0.5


@dataclass(frozen=True)
class ColumnProfile:
    """What one column's values are: 'date', 'number', 'text' or 'empty', with the parse."""

    name: str
    kind: str
    missing: int
    distinct: int
    parse: NumberParse | DateParse | None = None

    @property
    def binary(self) -> bool:
        if not isinstance(self.parse, NumberParse):
            return False
        finite = self.parse.values[~np.isnan(self.parse.values)]
        return bool(finite.size) and bool(np.isin(finite, (0.0, 1.0)).all())

    @property
    def dtype(self) -> str:
        if self.kind == "number" and isinstance(self.parse, NumberParse):
            return "integer" if self.parse.is_integer else "number"
        return self.kind


def profile(raw: RawTable) -> dict[str, ColumnProfile]:
    """Decide each column's kind on a sample, then parse the whole column as that kind."""
    with column_pool() as pool:
        found = pool.map(lambda name: _profile_column(name, raw.column(name)), raw.names)
        profiles = dict(zip(raw.names, found, strict=True))
    return _harmonise_decimals(raw, profiles)


def column_pool() -> ThreadPoolExecutor:
    """Columns convert independently and Arrow releases the GIL: one thread per core."""
    return ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1)))


def _profile_column(name: str, cells: pa.ChunkedArray) -> ColumnProfile:
    cells = cells.combine_chunks()
    missing = cells.null_count
    present = cells.drop_null()
    if len(present) == 0:
        return ColumnProfile(name, "empty", missing, 0)
    sample = present.slice(0, _SAMPLE_ROWS)
    hinted_date = name_role(name) == DATE
    date_share = parse_dates(sample, serials=hinted_date).date_share
    named_number = name_role(name) in NUMERIC_ROLES
    # 1e308 in 'revenue' is a number too large to use (reported), in 'order_id' a code (text).
    numbers = parse_numbers(sample)
    number_share = numbers.number_share if named_number else numbers.parsed_share
    sample_distinct = pc.count_distinct(sample).as_py()
    date_threshold = _NAMED_SHARE if hinted_date else _KIND_SHARE
    if date_share >= date_threshold and (hinted_date or number_share < _KIND_SHARE):
        parse = parse_dates(cells, serials=hinted_date)
        return ColumnProfile(name, "date", missing, sample_distinct, parse)
    if number_share >= (_NAMED_SHARE if named_number else _KIND_SHARE):
        return ColumnProfile(name, "number", missing, sample_distinct, parse_numbers(cells))
    return ColumnProfile(name, "text", missing, pc.count_distinct(present).as_py())


def _harmonise_decimals(
    raw: RawTable, profiles: dict[str, ColumnProfile]
) -> dict[str, ColumnProfile]:
    """A file uses one decimal mark: columns the values could not decide follow the others."""
    decided = [
        p.parse.decimal
        for p in profiles.values()
        if isinstance(p.parse, NumberParse) and p.parse.decisive
    ]
    if not decided or decided.count(",") <= decided.count("."):
        return profiles
    fixed = dict(profiles)
    for name, prof in profiles.items():
        if isinstance(prof.parse, NumberParse) and not prof.parse.decisive:
            parse = parse_numbers(raw.column(name), decimal=",")
            note = "read with a decimal comma, like the file's other number columns (1.234 → 1234)"
            fixed[name] = replace(prof, parse=replace(parse, notes=(*parse.notes, note)))
    return fixed
