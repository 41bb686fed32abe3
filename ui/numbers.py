"""The formatting module (analytics.formatting) in the reader's language and with the dataset on
screen's currency and column names: what pages call to write a number or name a column."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics import formatting
from analytics.ingest.display_names import display_name
from analytics.ingest.roles import Mapping
from ui.i18n import language

_SHOWN = "_shown_mapping"  # the mapping of the dataset the page shows, set by the chrome


def show_dataset(mapping: Mapping | None) -> None:
    """Remember whose currency and column names this run writes (the chrome calls it)."""
    st.session_state[_SHOWN] = mapping


def shown_mapping() -> Mapping | None:
    """None outside a page run (the report's renderer): plain amounts, proposed names."""
    return st.session_state.get(_SHOWN) if get_script_run_ctx(suppress_warning=True) else None


def currency() -> str | None:
    mapping = shown_mapping()
    return mapping.currency if mapping is not None else None


def money(value: float | None, *, signed: bool = False, exact: bool = False) -> str:
    """An amount of the dataset on screen, with its currency when it has one."""
    return formatting.amount(value, currency(), signed=signed, exact=exact)


def span(pair: tuple[float, float] | None, form: Callable[[float], str]) -> str:
    """An interval, "a to b" or "a 至 b"."""
    return formatting.span(pair, form, language())


def column_name(column: str, *, in_sentence: bool = False) -> str:
    """A column's display name in the reader's language; a name that is no column of the
    dataset on screen (a derived feature, a category) stays as it is. ``in_sentence`` for a
    name inside a sentence ("changes search spend by")."""
    mapping = shown_mapping()
    if mapping is not None and column not in mapping.roles:
        return column
    return display_name(mapping, column, language(), in_sentence=in_sentence)


def in_words(column: str) -> str:
    """A column's display name inside a sentence."""
    return column_name(column, in_sentence=True)


def money_format(decimals: int = 0) -> str:
    """The printf format of a money column in an interactive table: the currency, separators,
    ``decimals`` places ("¥%,.0f" reads ¥1,234,567)."""
    symbol = formatting.currency_symbol(currency()).replace("%", "%%")
    return f"{symbol}%,.{decimals}f"
