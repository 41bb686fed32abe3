"""Sparse 0/1 incidence matrices (orders × items, customers × items) from key columns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp


@dataclass(frozen=True)
class Incidence:
    """A CSR matrix of ones where a row key met a column key, with the keys of both axes."""

    matrix: sp.csr_matrix
    rows: np.ndarray
    columns: np.ndarray


def incidence(
    rows: pd.Series, columns: pd.Series, column_keys: np.ndarray | None = None
) -> Incidence:
    """Rows × columns with a 1 where they occur together (repeats count once). Given
    ``column_keys``, the columns are those keys, in that order, and other values are ignored."""
    row_codes, row_keys = pd.factorize(rows, sort=True)
    if column_keys is None:
        column_codes, column_keys = pd.factorize(columns, sort=True)
    else:
        column_codes = pd.Index(column_keys).get_indexer(columns)
    known = column_codes >= 0
    matrix = sp.csr_matrix(
        (
            np.ones(int(known.sum()), dtype=np.float32),
            (row_codes[known], column_codes[known]),
        ),
        shape=(len(row_keys), len(column_keys)),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return Incidence(
        matrix, np.asarray(row_keys, dtype=object), np.asarray(column_keys, dtype=object)
    )
