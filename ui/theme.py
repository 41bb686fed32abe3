"""Presenter mode: large type and no clutter, for screens shared in meetings."""

from __future__ import annotations

import streamlit as st

_PRESENTER_CSS = """
<style>
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li
  { font-size: 1.25rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.1rem !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { font-size: 1.15rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * { font-size: 1rem !important; }
[data-testid="stTable"] th, [data-testid="stTable"] td,
[data-testid="stTable"] [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.15rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *
  { font-size: 1.15rem !important; color: #31333f !important; }
[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] input
  { font-size: 1.15rem !important; }
h1 { font-size: 2.8rem !important; }
h2 { font-size: 2.1rem !important; }
h3 { font-size: 1.7rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
[data-testid="stHeader"] { background: transparent; }
.block-container { padding-top: 1.5rem; max-width: 1500px; }
</style>
"""


def apply_presenter_style() -> None:
    """Static CSS only: nothing derived from user data is ever written as HTML."""
    st.html(_PRESENTER_CSS)
