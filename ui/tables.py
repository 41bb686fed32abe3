"""Result tables: amounts shown with thousands separators (and the dataset's currency where the
caller names money columns), other numbers with the same decimals down a column and never an
exponent, a CSV download made when clicked, and in presenter mode a static table in the
presenter's large type. Cells are written by analytics.formatting, as everywhere else."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import partial
from numbers import Real

import numpy as np
import pandas as pd
import streamlit as st

from analytics import formatting
from ui.i18n import t
from ui.numbers import currency, money_format
from ui.safe import csv_bytes, md

# A number column holding a value this large is an amount, whole or not.
AMOUNT_FROM = 1_000
# Money columns reaching this are shown whole, as analytics.formatting.amount writes them.
WHOLE_MONEY_FROM = 100
MISSING = formatting.MISSING  # what an empty cell shows
# Decimals of a column of other numbers: enough for two significant digits of its smallest
# non-zero value, at least 2, at most 6; a column needing more is written as text.
MIN_DECIMALS, MAX_DECIMALS = 2, 6
# Up to this many rows a table is as tall as its rows: no row hidden behind an inner scroll.
FULL_HEIGHT_ROWS = 40


def show_table(
    frame: pd.DataFrame,
    file_name: str | None = None,
    *,
    presenter: bool = False,
    label: str = "download_table",
    key: str | None = None,
    column_config: dict[str, object] | None = None,
    money: Iterable[str] = (),
) -> None:
    """The table, and when ``file_name`` is given a button downloading it as safe CSV (full
    numbers). ``money`` names the columns holding amounts of money, shown with the currency.

    In presenter mode the table is static text in the presenter's type, without the button:
    the interactive grid draws on a canvas at a size no page style reaches.
    """
    if presenter:
        st.table(presented(frame, money), hide_index=True)
        return
    shown = readable_numbers(frame)
    columns = {**number_columns(shown, money), **(column_config or {})}
    height = "content" if len(frame) <= FULL_HEIGHT_ROWS else "auto"
    st.dataframe(shown, hide_index=True, column_config=columns, placeholder=MISSING, height=height)
    if file_name is not None:
        download_csv(frame, file_name, label=label, key=key)


def download_csv(
    frame: pd.DataFrame, file_name: str, *, label: str = "download_table", key: str | None = None
) -> None:
    st.download_button(
        t(label),
        partial(csv_bytes, frame),  # made when clicked, not on every run
        file_name=file_name,
        mime="text/csv",
        key=key or f"download_{file_name}",
    )


def amount_columns(frame: pd.DataFrame) -> dict[str, object]:
    """Number columns holding amounts or counts, shown as 1,234,567 in the reader's locale.
    Other numbers (ratios, p-values) keep their own digits."""
    localized = st.column_config.NumberColumn(format="localized")
    return {str(name): localized for name, column in frame.items() if _is_amount(column)}


def number_columns(frame: pd.DataFrame, money: Iterable[str] = ()) -> dict[str, object]:
    """Every number column's format: money with the currency, other amounts and counts with
    separators, other numbers with one number of decimals per column."""
    columns = amount_columns(frame)
    for name in set(money) & {str(name) for name, column in frame.items() if _is_number(column)}:
        decimals = 0 if frame[name].abs().max() >= WHOLE_MONEY_FROM else 2
        columns[name] = st.column_config.NumberColumn(format=money_format(decimals))
    for name, column in frame.items():
        if str(name) not in columns and _is_number(column):
            decimals = column_decimals(column)
            columns[str(name)] = st.column_config.NumberColumn(format=f"%.{decimals}f")
    return columns


def column_decimals(column: pd.Series) -> int:
    """Decimals that give the column's smallest non-zero value two significant digits."""
    values = np.abs(column.dropna().to_numpy(dtype=float))
    values = values[(values > 0) & np.isfinite(values)]
    if values.size == 0:
        return MIN_DECIMALS
    needed = 1 - math.floor(math.log10(values.min()))
    return min(max(needed, MIN_DECIMALS), MAX_DECIMALS + 1)


def readable_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with any number column too small for fixed decimals written as text (4.5e-7
    reads 0.00000045), so no cell shows an exponent."""
    wide = [
        name
        for name, column in frame.items()
        if _is_number(column) and not _is_amount(column) and column_decimals(column) > MAX_DECIMALS
    ]
    if not wide:
        return frame
    shown = frame.copy()
    for name in wide:
        shown[name] = [formatting.plain(v, 4) for v in frame[name]]
    return shown


def presented(frame: pd.DataFrame, money: Iterable[str] = ()) -> pd.DataFrame:
    """Every cell and header as escaped text (st.table reads Markdown): amounts with thousands
    separators (money with the currency), other numbers with their column's decimals, yes/no
    for flags, a dash where empty."""
    money = set(money)
    shown = pd.DataFrame(index=frame.index)
    for name, column in frame.items():
        write = _writer(column, currency() if name in money else None)
        shown[md(name)] = [_cell(value, write) for value in column]
    return shown


def _writer(column: pd.Series, unit: str | None):
    if _is_amount(column):
        if unit is None and _is_whole(column):
            return formatting.count
        return lambda value: formatting.amount(value, unit)
    if not _is_number(column):
        return lambda value: formatting.plain(value, 4)
    decimals = column_decimals(column)
    if decimals > MAX_DECIMALS:
        return lambda value: formatting.plain(value, 4)
    return lambda value: formatting.ratio(value, decimals)


def _cell(value: object, write) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return t("yes") if value else t("no")
    if isinstance(value, Real):
        return md(write(float(value)))
    return md(value)


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _is_whole(column: pd.Series) -> bool:
    return bool((column.dropna() % 1 == 0).all())


def _is_amount(column: pd.Series) -> bool:
    if not _is_number(column):
        return False
    values = column.dropna().abs()
    return not values.empty and (values.max() >= AMOUNT_FROM or _is_whole(values))
