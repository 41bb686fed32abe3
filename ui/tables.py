"""Result tables: amounts shown with thousands separators, a CSV download made when clicked, and
in presenter mode a static table in the presenter's large type."""

from __future__ import annotations

from functools import partial
from numbers import Real

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.safe import csv_bytes, md

# A number column holding a value this large is an amount, whole or not.
AMOUNT_FROM = 1_000
MISSING = "—"  # what an empty cell shows
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
) -> None:
    """The table, and when ``file_name`` is given a button downloading it as safe CSV.

    In presenter mode the table is static text in the presenter's type, without the button:
    the interactive grid draws on a canvas at a size no page style reaches.
    """
    if presenter:
        st.table(presented(frame), hide_index=True)
        return
    columns = {**amount_columns(frame), **(column_config or {})}
    height = "content" if len(frame) <= FULL_HEIGHT_ROWS else "auto"
    st.dataframe(frame, hide_index=True, column_config=columns, placeholder=MISSING, height=height)
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


def presented(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and header as escaped text (st.table reads Markdown): amounts with thousands
    separators, other numbers to 4 significant digits, yes/no for flags, a dash where empty."""
    shown = pd.DataFrame(index=frame.index)
    for name, column in frame.items():
        amount = _is_amount(column)
        shown[md(name)] = [_cell(value, amount) for value in column]
    return shown


def _cell(value: object, amount: bool) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, Real):
        return md(_number(float(value), amount))
    return md(value)


def _number(value: float, amount: bool) -> str:
    if amount:
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return f"{value:.4g}"


def _is_amount(column: pd.Series) -> bool:
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    values = column.dropna().abs()
    return not values.empty and (values.max() >= AMOUNT_FROM or bool((values % 1 == 0).all()))
