"""Plotly figure builders: result objects in, figures out; one message per chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.safe import chart_text

_P = ParamSpec("_P")

WINDOW_SHADE = "rgba(224,123,0,0.15)"
PALETTE = ("#1f4e79", "#e07b00", "#2e8540", "#b3261e", "#6f42c1", "#5f6b7a")
CHART_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "liftboard-chart"},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def reused(builder: Callable[_P, go.Figure]) -> Callable[_P, go.Figure]:
    """Build a figure once per process for the same inputs (hashed by value): plotly validates
    every property it is given, 10 to 60 ms per chart, on each page run. The figure is shared,
    so its callers only read it (st.plotly_chart does)."""
    return st.cache_resource(max_entries=512, show_spinner=False)(builder)


def styled(
    fig: go.Figure, *, presenter: bool, title: str | None = None, height: int | None = None
) -> go.Figure:
    """House style: plain white, readable; presenter mode doubles the type and thickens lines.

    The top margin is laid out here, top down: the title, the legend, the panel titles, then the
    plot. Plotly places a title and a legend above the plot independently, so they overlap."""
    size = 22 if presenter else 14
    height = height or (520 if presenter else 400)
    title_px = round((size + 6) * 1.4) if title else 0
    legend_px = round(size * 1.7) * _legend_rows(fig, size)
    panel_px = round(size * 1.6) if _has_panel_titles(fig) else 0
    fig.update_layout(
        template="plotly_white",
        colorway=list(PALETTE),
        font={"size": size, "color": "#111111"},
        title={
            "text": title,
            "font": {"size": size + 6},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": _TOP_PAD},
        }
        if title
        else None,
        margin={"l": 10, "r": 10, "t": _TOP_PAD + title_px + legend_px + panel_px + 8, "b": 10},
        hovermode="x unified",
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 1 - (_TOP_PAD + title_px) / height,
            "x": 0,
            "font": {"size": size - 2},
        },
        height=height,
    )
    fig.update_xaxes(tickfont={"size": size - 2})
    fig.update_yaxes(tickfont={"size": size - 2})
    fig.update_annotations(font_size=size - 2)
    fig.update_traces(textfont_size=size - 2, selector={"type": "bar"})
    if presenter:
        fig.update_traces(
            line={"width": 4},
            selector=lambda trace: trace.type == "scatter" and trace.meta != BAND_TRACE,
        )
    return fig


_TOP_PAD = 10
_LEGEND_WIDTH = 700  # pixels a legend row is assumed to have (charts are at least this wide)


def _legend_rows(fig: go.Figure, size: int) -> int:
    """How many rows the horizontal legend takes (0 when plotly shows none)."""
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or (len(names) < 2 and fig.layout.showlegend is not True):
        return 0
    widths = [40 + 0.6 * size * len(name) for name in names]
    return max(1, -(-round(sum(widths)) // _LEGEND_WIDTH))


def _has_panel_titles(fig: go.Figure) -> bool:
    """Subplot titles sit on top of the plot area, under the legend."""
    return any(
        a.yref == "paper" and a.yanchor == "bottom" and (a.y or 0) >= 0.99
        for a in fig.layout.annotations
    )


@reused
def metric_over_time(
    series: pd.Series,
    *,
    title: str,
    presenter: bool,
    windows: tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...] = (),
) -> go.Figure:
    """One metric against time, with campaign windows shaded and labelled by campaign name."""
    fig = go.Figure(
        go.Scatter(x=series.index, y=series.to_numpy(), mode="lines", name=chart_text(series.name))
    )
    fig.update_yaxes(rangemode="tozero", tickformat="~s")
    _shade_windows(fig, windows)
    return styled(fig, presenter=presenter, title=title)


BAND = "rgba(31, 78, 121, 0.18)"
BAND_TRACE = "band"  # marks the edge traces of an interval band
GOOD, BAD, NEUTRAL = "#2e8540", "#b3261e", "#5f6b7a"


def band(
    fig: go.Figure, x, low, high, name: str, *, show: bool = True, color: str = BAND, **where
) -> None:
    """A shaded interval between ``low`` and ``high`` with invisible edges; ``where``: the
    subplot's row and col."""
    edge = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "meta": BAND_TRACE}
    fig.add_trace(go.Scatter(x=x, y=high, showlegend=False, **edge), **where)
    fig.add_trace(
        go.Scatter(x=x, y=low, fill="tonexty", fillcolor=color, name=name, showlegend=show, **edge),
        **where,
    )


@reused
def lift_panels(
    daily: pd.DataFrame, history: pd.Series, labels: dict[str, str], *, presenter: bool
) -> go.Figure:
    """Actual vs baseline with its band; effect per period; cumulative effect; with bands."""
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=(labels["actual_panel"], labels["point_panel"], labels["cumulative_panel"]),
    )
    x = daily.index
    fig.add_trace(
        go.Scatter(
            x=history.index,
            y=history.to_numpy(),
            mode="lines",
            line={"color": PALETTE[0]},
            name=labels["actual"],
        ),
        row=1,
        col=1,
    )
    band(fig, x, daily["baseline_lo"], daily["baseline_hi"], labels["band"], row=1, col=1)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=daily["baseline"],
            mode="lines",
            name=labels["baseline"],
            line={"color": PALETTE[1], "dash": "dash"},
        ),
        row=1,
        col=1,
    )
    for row, column in ((2, "effect"), (3, "cum_effect")):
        low, high = daily[f"{column}_lo"], daily[f"{column}_hi"]
        band(fig, x, low, high, labels["band"], show=False, row=row, col=1)
        line = go.Scatter(
            x=x, y=daily[column], mode="lines", line={"color": PALETTE[0]}, showlegend=False
        )
        fig.add_trace(line, row=row, col=1)
    zero_lines = [
        {
            "type": "line",
            "xref": f"x{row} domain",
            "x0": 0,
            "x1": 1,
            "yref": f"y{row}",
            "y0": 0,
            "y1": 0,
            "line": {"color": "#888888", "width": 1},
        }
        for row in (2, 3)
    ]
    fig.update_layout(shapes=[*zero_lines, _band_across(x[0], x[-1], "rgba(224,123,0,0.08)")])
    fig.update_yaxes(tickformat="~s")
    return styled(fig, presenter=presenter, height=900 if presenter else 720)


@reused
def roi_bars(
    names: list[str],
    roi: list[float],
    low: list[float],
    high: list[float],
    *,
    title: str,
    presenter: bool,
) -> go.Figure:
    """ROI per campaign, green when it paid back, with the 95% interval as whiskers."""
    colors = [GOOD if value > 0 else BAD for value in roi]
    fig = go.Figure(
        go.Bar(
            x=[chart_text(name) for name in names],
            y=roi,
            marker_color=colors,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [h - r for h, r in zip(high, roi, strict=True)],
                "arrayminus": [r - lo for r, lo in zip(roi, low, strict=True)],
            },
            text=[f"{value:+.0%}" for value in roi],
            textposition="outside",
        )
    )
    fig.add_hline(y=0, line={"color": "#444444", "width": 1})
    fig.update_yaxes(tickformat=".0%")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)


def _shade_windows(
    fig: go.Figure, windows: tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...]
) -> None:
    if not windows:
        return
    labels = [
        {
            "x": start,
            "xref": "x",
            "y": 1 if index % 2 == 0 else 0,
            "yref": "paper",
            "yanchor": "top" if index % 2 == 0 else "bottom",
            "xanchor": "left",
            "text": chart_text(name),
            "showarrow": False,
            "font": {"size": 11},
        }
        for index, (name, start, _) in enumerate(windows)
    ]
    fig.update_layout(
        shapes=[*fig.layout.shapes, *(_band_across(s, e, WINDOW_SHADE) for _, s, e in windows)],
        annotations=[*fig.layout.annotations, *labels],
    )


def _band_across(start: object, end: object, color: str) -> dict[str, object]:
    """A band over the plot's whole height between two x values: what add_vrect draws, built
    directly (add_vrect resolves every subplot per call, ~10 ms per band)."""
    return {
        "type": "rect",
        "xref": "x",
        "x0": start,
        "x1": end,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "fillcolor": color,
        "line": {"width": 0},
    }


@reused
def simple_bars(
    labels: list[str], values: list[float], *, title: str, presenter: bool
) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[chart_text(label) for label in labels],
            y=values,
            marker_color=PALETTE[0],
            text=[f"{v:,.0f}" for v in values],
            textposition="outside",
        )
    )
    fig.update_yaxes(tickformat="~s")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)
