"""Presenter mode: large type and no clutter, for screens shared in meetings."""

from __future__ import annotations

import streamlit as st

_PRESENTER_CSS = """
<style>
html, body, [class*="stMarkdown"], [data-testid="stMetricValue"] { font-size: 1.25rem; }
[data-testid="stMetricValue"] { font-size: 2.6rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
h1 { font-size: 2.8rem !important; }
h2 { font-size: 2.1rem !important; }
h3 { font-size: 1.7rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
.block-container { padding-top: 1.5rem; max-width: 1500px; }
</style>
"""


def apply_presenter_style() -> None:
    """Static CSS only: nothing derived from user data is ever written as HTML."""
    st.html(_PRESENTER_CSS)
