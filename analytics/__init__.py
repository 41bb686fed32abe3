"""LiftBoard analytics: pure computation, no streamlit or plotly."""
