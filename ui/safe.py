"""Text from files (column, campaign, store names) shown as text, never as Markdown or HTML."""

from __future__ import annotations

import re

import pandas as pd

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md(text: object) -> str:
    """Escape every character Markdown (and Streamlit's :color[] and :emoji: syntax) reads."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", flat)


def chart_text(text: object) -> str:
    """A name from a file as Plotly label text: Plotly reads <b>, <a href> and <br> in labels
    (and decodes &lt; back to '<' when drawing), so the name shows as typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def neutralise_cell(value: object) -> object:
    """A spreadsheet would run a cell starting with = + - @ (or tab, CR) as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV download safe to open in Excel: formula-looking cells neutralised, UTF-8 BOM.

    Rows end with CRLF, so that a cell holding a lone carriage return is quoted: unquoted, Excel
    would start a new row there and read what follows ('\r=cmd()') as a formula.
    """
    safe = frame.copy()
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = _neutralise_column(safe[column])
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _neutralise_column(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype):  # every cell text or missing: vectorised
        formula = values.str.startswith(_FORMULA_START).fillna(False).astype(bool)
        return values.mask(formula, "'" + values)
    return values.map(neutralise_cell)
