"""From a file to a typed, validated dataset: read, profile each column, infer the mapping, build.

The flow the app and the CLI share: ``read_table`` -> ``profile`` -> ``infer_mapping`` (the user
may change it) -> ``build_dataset`` -> workspace. ``inspect`` runs it all with the inferred mapping.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.dates import DateParse, parse_dates
from analytics.ingest.inference import infer_mapping
from analytics.ingest.issues import Issue
from analytics.ingest.numbers import NumberParse, parse_numbers
from analytics.ingest.profiles import ColumnProfile, column_pool, profile
from analytics.ingest.raw_table import RawTable
from analytics.ingest.reading import read_table
from analytics.ingest.roles import (
    DATE,
    IGNORE,
    METRIC,
    NUMERIC_ROLES,
    PANEL,
    SPEND,
    Mapping,
    dataset_kind,
)
from analytics.ingest.validate import validate
from analytics.periods import infer_frequency


@dataclass(frozen=True)
class Dataset:
    """Typed columns (Arrow, named as in the file) with their mapping and validation report."""

    columns: dict[str, pa.Array]
    mapping: Mapping
    issues: tuple[Issue, ...]
    raw: RawTable = field(repr=False)
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return self.raw.n_rows

    @property
    def version(self) -> str:
        """Content hash of the file plus the mapping's meaning: changes when either does (not
        when only display names or the currency do: nothing needs computing again)."""
        payload = json.dumps(self.mapping.meaning(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.blake2b((self.raw.content_hash + payload).encode(), digest_size=16)
        return digest.hexdigest()

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The columns as a pandas frame (dates datetime64, numbers float64, text strings)."""
        table = pa.Table.from_arrays(list(self.columns.values()), names=list(self.columns))
        return table.to_pandas()


def build_dataset(raw: RawTable, profiles: dict[str, ColumnProfile], mapping: Mapping) -> Dataset:
    """Convert every column as its role requires and validate the result."""

    def convert(name: str) -> tuple[pa.Array, NumberParse | DateParse | None]:
        return _convert(raw, profiles[name], mapping.roles.get(name, IGNORE), mapping)

    with column_pool() as pool:
        converted = dict(zip(raw.names, pool.map(convert, raw.names), strict=True))
    columns = {name: array for name, (array, _) in converted.items()}
    parses = {name: parse for name, (_, parse) in converted.items() if parse is not None}
    issues = validate(columns, mapping, parses, raw)
    notes = {name: parse.notes for name, parse in parses.items() if parse.notes}
    return Dataset(columns, mapping, tuple(issues), raw, notes)


def _convert(
    raw: RawTable, prof: ColumnProfile, role: str, mapping: Mapping
) -> tuple[pa.Array, NumberParse | DateParse | None]:
    if role == DATE:
        parse = prof.parse
        if not isinstance(parse, DateParse) or mapping.date_order:
            parse = parse_dates(raw.column(prof.name), serials=True, order=mapping.date_order)
        return pa.array(parse.values, pa.timestamp("ns"), from_pandas=True), parse
    if role in NUMERIC_ROLES:
        parse = prof.parse if isinstance(prof.parse, NumberParse) else None
        parse = parse or parse_numbers(raw.column(prof.name))
        return pa.array(parse.values, pa.float64(), from_pandas=True), parse
    cells = raw.column(prof.name).combine_chunks()
    return pc.utf8_trim_whitespace(cells), None


@dataclass(frozen=True)
class Inspection:
    """What LiftBoard infers about a file, as the app shows it and `inspect --json` prints it."""

    file: str
    rows: int
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    columns: tuple[dict[str, Any], ...]
    date_column: str | None
    frequency: str | None
    date_min: str | None
    date_max: str | None
    outcome: str | None
    issues: tuple[Issue, ...]
    totals: dict[str, float]
    kind: str = PANEL

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
            "columns": [dict(c) for c in self.columns],
            "date_column": self.date_column,
            "frequency": self.frequency,
            "date_min": self.date_min,
            "date_max": self.date_max,
            "outcome": self.outcome,
            "issues": [issue.to_dict() for issue in self.issues],
            "totals": dict(self.totals),
            "kind": self.kind,
        }


def load(
    source: bytes | str | Path,
    *,
    file_name: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    mapping: Mapping | None = None,
) -> Dataset:
    """Read, profile and build a dataset with the given (or the inferred) mapping."""
    raw = read_table(source, file_name=file_name, encoding=encoding, sheet=sheet)
    profiles = profile(raw)
    return build_dataset(raw, profiles, mapping or infer_mapping(raw, profiles))


def inspect(dataset: Dataset) -> Inspection:
    """Summarise a built dataset for display or JSON."""
    arrays, mapping, raw = dataset.columns, dataset.mapping, dataset.raw
    date_column = mapping.date_column
    dates = _datetimes(arrays[date_column]) if date_column else None
    frequency = infer_frequency(dates) if dates is not None else None
    valid = dates[~np.isnat(dates)] if dates is not None else np.empty(0)
    columns = tuple(
        {
            "name": name,
            "role": mapping.roles.get(name, IGNORE),
            "dtype": _dtype_of(arrays[name]),
            "missing": arrays[name].null_count,
        }
        for name in raw.names
    )
    totals = {
        name: float(pc.sum(arrays[name]).as_py() or 0.0)
        for name in mapping.columns(METRIC) + mapping.columns(SPEND)
    }
    return Inspection(
        file=raw.file_name,
        rows=raw.n_rows,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        sheet=raw.sheet,
        columns=columns,
        date_column=date_column,
        frequency=frequency,
        date_min=str(valid.min())[:10] if valid.size else None,
        date_max=str(valid.max())[:10] if valid.size else None,
        outcome=mapping.outcome,
        issues=dataset.issues,
        totals=totals,
        kind=dataset_kind(mapping),
    )


def _dtype_of(column: pa.Array) -> str:
    if pa.types.is_timestamp(column.type):
        return "date"
    if pa.types.is_floating(column.type):
        finite = pc.drop_null(column)
        whole = len(finite) and pc.all(pc.equal(finite, pc.round(finite))).as_py()
        return "integer" if whole else "number"
    return "text"


def _datetimes(column: pa.Array) -> np.ndarray:
    return column.to_numpy(zero_copy_only=False).astype("datetime64[ns]")
