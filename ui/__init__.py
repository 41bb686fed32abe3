"""Streamlit-facing helpers: page chrome, i18n, presenter mode, safe text, figures, cached calls."""
