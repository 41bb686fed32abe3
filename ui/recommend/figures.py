"""Recommendations figures: the lift of the strongest pairs as a heat map."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from analytics.recommend.rules import Pair
from ui.figures import styled
from ui.safe import chart_text

HEATMAP_ITEMS = 12


def strongest_items(pairs: tuple[Pair, ...], most: int = HEATMAP_ITEMS) -> list[str]:
    """The items of the highest-lift pairs, in that order, at most ``most``."""
    items: list[str] = []
    for pair in pairs:
        for item in (pair.first, pair.second):
            if item not in items and len(items) < most:
                items.append(item)
    return items


def pair_heatmap(
    pairs: tuple[Pair, ...], *, presenter: bool, title: str, lift_label: str
) -> go.Figure:
    """Lift between the items of the strongest pairs; blank where a pair is too rare to count."""
    items = strongest_items(pairs)
    position = {item: i for i, item in enumerate(items)}
    lift = np.full((len(items), len(items)), np.nan)
    for pair in pairs:
        if pair.first in position and pair.second in position:
            a, b = position[pair.first], position[pair.second]
            lift[a, b] = lift[b, a] = pair.lift
    labels = [chart_text(item) for item in items]
    fig = go.Figure(
        go.Heatmap(
            z=lift,
            x=labels,
            y=labels,
            colorscale="Oranges",
            texttemplate="%{z:.2f}",
            hovertemplate="%{y} + %{x}<br>" + chart_text(lift_label) + " %{z:.2f}<extra></extra>",
            colorbar={"title": {"text": chart_text(lift_label)}},
        )
    )
    fig.update_yaxes(autorange="reversed")
    styled(fig, presenter=presenter, title=title, height=560 if presenter else 460)
    fig.update_layout(hovermode="closest")
    return fig
