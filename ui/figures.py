"""Plotly figure builders: result objects in, figures out; one message per chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

PALETTE = ("#1f4e79", "#e07b00", "#2e8540", "#b3261e", "#6f42c1", "#5f6b7a")
CHART_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "liftboard-chart"},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def styled(fig: go.Figure, *, presenter: bool, title: str | None = None) -> go.Figure:
    """House style: plain white, readable; presenter mode doubles the type and thickens lines."""
    size = 22 if presenter else 14
    fig.update_layout(
        template="plotly_white",
        colorway=list(PALETTE),
        font={"size": size, "color": "#111111"},
        title={"text": title, "font": {"size": size + 6}} if title else None,
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        height=520 if presenter else 400,
    )
    if presenter:
        fig.update_traces(line={"width": 4}, selector={"type": "scatter"})
    return fig


def metric_over_time(series: pd.Series, *, title: str, presenter: bool) -> go.Figure:
    """One metric against time."""
    fig = go.Figure(
        go.Scatter(x=series.index, y=series.to_numpy(), mode="lines", name=str(series.name))
    )
    fig.update_yaxes(rangemode="tozero", tickformat="~s")
    return styled(fig, presenter=presenter, title=title)
