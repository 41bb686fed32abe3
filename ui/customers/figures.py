"""Plotly figures of the Customers page: the RFM segment map, customers against revenue per
segment, lifetime value per segment, the holdout check. Builders take result objects and the
translated labels they show."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go

from analytics.customers.holdout import TOP_GROUP, HoldoutCheck
from analytics.customers.rfm import SCORES, SEGMENTS, SegmentShare, segment_of
from analytics.formatting import percent
from ui.figures import PALETTE, number_axes, styled
from ui.numbers import money

LABEL_ROOM = 1.3  # the value axis reaches this far past the longest bar, for its label
# One colour per segment, from best to gone: greens, blues, ambers, reds, greys.
SEGMENT_COLOURS = {
    "champions": "#1b5e20",
    "loyal": "#2e8540",
    "potential_loyal": "#7cb342",
    "new": "#1f4e79",
    "promising": "#5b8fc7",
    "need_attention": "#e0a800",
    "about_to_sleep": "#e07b00",
    "cant_lose": "#b3261e",
    "at_risk": "#d9534f",
    "hibernating": "#8d99a6",
    "lost": "#5f6b7a",
}


def segment_map(
    counts: dict[tuple[int, int], int],
    names: Callable[[str], str],
    *,
    title: str,
    axis_recency: str,
    axis_frequency: str,
    presenter: bool,
) -> go.Figure:
    """The R × F grid: each cell coloured by its segment and labelled with it and its customers."""
    order = {name: i for i, name in enumerate(SEGMENTS)}
    scores = list(range(1, SCORES + 1))
    z = [[order[segment_of(r, f)] + 0.5 for f in scores] for r in scores]
    text = [
        [f"{names(segment_of(r, f))}<br>{counts.get((r, f), 0):,}" for f in scores] for r in scores
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=scores,
            y=scores,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18 if presenter else 12},
            hoverinfo="text",
            colorscale=_stepped(),
            zmin=0,
            zmax=len(SEGMENTS),
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(title=axis_frequency, dtick=1)
    fig.update_yaxes(title=axis_recency, dtick=1)
    styled(fig, presenter=presenter, title=title, height=620 if presenter else 480)
    fig.update_layout(hovermode="closest")
    return fig


def _stepped() -> list[list[object]]:
    """A colourscale of flat steps: each segment's colour over its own band of values."""
    steps = len(SEGMENTS)
    out = []
    for i, name in enumerate(SEGMENTS):
        out += [[i / steps, SEGMENT_COLOURS[name]], [(i + 1) / steps, SEGMENT_COLOURS[name]]]
    return out


def segment_shares(
    segments: tuple[SegmentShare, ...],
    names: Callable[[str], str],
    *,
    title: str,
    customers_label: str,
    revenue_label: str,
    presenter: bool,
) -> go.Figure:
    """Share of customers beside share of revenue, per segment."""
    total = sum(s.customers for s in segments) or 1
    labels = [names(s.segment) for s in segments]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=[s.customers / total for s in segments],
                name=customers_label,
                orientation="h",
                marker_color=PALETTE[5],
                text=[percent(s.customers / total, 0) for s in segments],
                textposition="outside",
            ),
            go.Bar(
                y=labels,
                x=[s.revenue_share for s in segments],
                name=revenue_label,
                orientation="h",
                marker_color=[SEGMENT_COLOURS[s.segment] for s in segments],
                text=[percent(s.revenue_share, 0) for s in segments],
                textposition="outside",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed")
    widest = max([s.revenue_share for s in segments] + [s.customers / total for s in segments])
    fig.update_xaxes(range=[0, widest * LABEL_ROOM])
    number_axes(fig, "percent", "x")
    styled(fig, presenter=presenter, title=title, height=_bar_height(len(segments), presenter))
    fig.update_layout(barmode="group", hovermode="closest")
    return fig


def value_by_segment(
    segments: list[str],
    values: list[float],
    alive: list[float],
    names: Callable[[str], str],
    *,
    title: str,
    presenter: bool,
) -> go.Figure:
    """Expected lifetime value per segment, each bar labelled with the segment's mean P(alive)."""
    fig = go.Figure(
        go.Bar(
            y=[names(s) for s in segments],
            x=values,
            orientation="h",
            marker_color=[SEGMENT_COLOURS[s] for s in segments],
            text=[f"{money(v)} · {percent(a, 0)}" for v, a in zip(values, alive, strict=True)],
            textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(values, default=0) * LABEL_ROOM or 1])
    number_axes(fig, "money", "x")
    styled(fig, presenter=presenter, title=title, height=_bar_height(len(segments), presenter))
    fig.update_layout(hovermode="closest")
    return fig


def holdout_chart(
    check: HoldoutCheck,
    *,
    title: str,
    axis_x: str,
    axis_y: str,
    predicted_label: str,
    actual_label: str,
    presenter: bool,
) -> go.Figure:
    """Mean purchases in the holdout weeks per number of repeat purchases in calibration:
    predicted by the model against what customers did (Fader, Hardie and Lee's check)."""
    groups = [g.repeat_purchases for g in check.groups]
    labels = [f"{g}+" if g == TOP_GROUP else str(g) for g in groups]
    fig = go.Figure(
        [
            go.Scatter(
                x=labels,
                y=[g.actual for g in check.groups],
                name=actual_label,
                mode="lines+markers",
                line={"color": PALETTE[0], "width": 4 if presenter else 2},
            ),
            go.Scatter(
                x=labels,
                y=[g.predicted for g in check.groups],
                name=predicted_label,
                mode="lines+markers",
                line={"color": PALETTE[1], "dash": "dash", "width": 4 if presenter else 2},
            ),
        ]
    )
    fig.update_xaxes(title=axis_x, type="category")
    fig.update_yaxes(title=axis_y, rangemode="tozero")
    number_axes(fig, "number")
    return styled(fig, presenter=presenter, title=title)


def _bar_height(bars: int, presenter: bool) -> int:
    return int(np.clip(120 + bars * (56 if presenter else 40), 300, 900))
