"""The rows a drivers analysis models: one per date and segment (the dimension values), rows that
share both added up first, or, in a table without dates, the rows as they are; and what the
features read off them (frequency, segments, labels)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.ingest import roles
from analytics.ingest.roles import Mapping
from analytics.periods import infer_frequency
from analytics.selection import rows_where


def segment_rows(
    frame: pd.DataFrame, mapping: Mapping, where: dict[str, tuple[str, ...]] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The filtered rows, one per date and segment, sorted by date; and the dimension columns.

    Without a date column every row is one store, customer or market: the rows are kept as they
    are, in the file's order, with the file's row positions as their index."""
    date_column = mapping.date_column
    rows = frame.loc[rows_where(frame, where)] if where else frame
    dims = [d for d in mapping.columns(roles.DIMENSION) if d in rows.columns]
    if date_column is None:
        return rows, dims
    rows = rows[rows[date_column].notna()]
    keys = [date_column, *dims]
    if rows.duplicated(keys).any():
        rows = _add_up_duplicates(rows, mapping, keys)
    return rows.sort_values(keys, kind="stable").reset_index(drop=True), dims


def _add_up_duplicates(rows: pd.DataFrame, mapping: Mapping, keys: list[str]) -> pd.DataFrame:
    """Rows sharing a date and segment become one: amounts add up, rates and prices average."""
    how: dict[str, Any] = {}
    for name, role in mapping.roles.items():
        if name in keys or name not in rows.columns:
            continue
        if role in (roles.METRIC, roles.SPEND, roles.COST):
            how[name] = "sum"
        elif role in (roles.DISCOUNT, roles.PRICE, roles.MARGIN, roles.PROMO_FLAG):
            how[name] = "mean"
        elif role == roles.CAMPAIGN:
            how[name] = _first_label
    return rows.groupby(keys, dropna=False, sort=False).agg(how).reset_index()


def _first_label(cells: pd.Series) -> str:
    labels = cells.dropna().astype(str).str.strip()
    labels = labels[labels != ""]
    return labels.iloc[0] if len(labels) else ""


def data_frequency(rows: pd.DataFrame, mapping: Mapping) -> str | None:
    """'D', 'W' or 'M' from the rows' dates; None when irregular or there are no dates."""
    if mapping.date_column is None:
        return None
    return infer_frequency(rows[mapping.date_column].to_numpy())


def segment_codes(rows: pd.DataFrame, dims: list[str]) -> np.ndarray:
    """Each row's segment as a number (0 for every row when there are no dimensions)."""
    if not dims:
        return np.zeros(len(rows), dtype=np.int64)
    return rows.groupby(dims, dropna=False, sort=False).ngroup().to_numpy(dtype=np.int64)


def cell_labels(cells: pd.Series) -> pd.Series:
    """Cells as trimmed text, missing ones as empty text."""
    return cells.astype("string").fillna("").str.strip()
