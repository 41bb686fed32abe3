"""Plotly figures of the Drivers page: held-out error per model, SHAP importance, beeswarm,
dependence and one row's waterfall. Builders take result objects and translated labels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from analytics.drivers.explain import Beeswarm, Dependence, Importance, Waterfall
from analytics.drivers.models import BASELINE
from analytics.drivers.scoring import ModelScore
from analytics.formatting import plain
from ui.drivers.labels import feature_label
from ui.figures import GOOD, NEUTRAL, PALETTE, number_axes, styled
from ui.safe import chart_text

# SHAP's own colours: blue for low feature values, magenta-red for high.
LOW_HIGH = [[0.0, "#008bfb"], [0.5, "#8f5dbb"], [1.0, "#ff0052"]]
BEESWARM_WIDTH = 0.38
BEESWARM_BINS = 60


def error_bars(
    scores: Sequence[ModelScore], names: dict[str, str], best: str, *, title: str, presenter: bool
) -> go.Figure:
    """Held-out MAE per model (smaller is better): the chosen one green, the baseline grey."""
    colours = [
        GOOD if s.name == best else NEUTRAL if s.name == BASELINE else PALETTE[0] for s in scores
    ]
    fig = go.Figure(
        go.Bar(
            x=[s.mae for s in scores],
            y=[names[s.name] for s in scores],
            orientation="h",
            marker_color=colours,
            text=[_short(s.mae) for s in scores],
            textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    number_axes(fig, "number", "x")
    styled(fig, presenter=presenter, title=title, height=_bar_height(len(scores), presenter))
    fig.update_layout(hovermode="closest")
    return fig


def importance_bars(
    importance: Sequence[Importance], *, title: str, axis: str, presenter: bool, top: int = 15
) -> go.Figure:
    """Mean |SHAP| per feature, the largest on top."""
    shown = list(importance[:top])
    fig = go.Figure(
        go.Bar(
            x=[i.mean_abs_shap for i in shown],
            y=[chart_text(feature_label(i.feature)) for i in shown],
            orientation="h",
            marker_color=PALETTE[0],
            text=[_short(i.mean_abs_shap) for i in shown],
            textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=axis, rangemode="tozero")
    number_axes(fig, "number", "x")
    styled(fig, presenter=presenter, title=title, height=_bar_height(len(shown), presenter))
    fig.update_layout(hovermode="closest")
    return fig


def beeswarm(
    data: Beeswarm, *, title: str, axis: str, low: str, high: str, presenter: bool
) -> go.Figure:
    """Each explained row as a dot per feature: its SHAP value across, coloured by the feature's
    value (blue low, red high); the most important feature on top."""
    fig = go.Figure()
    for position, name in enumerate(data.features):
        shap_values = data.shap_values[position]
        fig.add_trace(
            go.Scatter(
                x=shap_values,
                y=position + _swarm_offsets(shap_values),
                mode="markers",
                name=chart_text(feature_label(name)),
                showlegend=False,
                marker={
                    "color": data.colour[position],
                    "coloraxis": "coloraxis",
                    "size": 7 if presenter else 5,
                    "opacity": 0.75,
                },
                customdata=data.values[position],
                # The name comes in as data: written into the template, a %{...} in it would be
                # read as a placeholder.
                hovertemplate="%{fullData.name} = %{customdata:,.4~r}<br>SHAP %{x:,.4~r}"
                "<extra></extra>",
            )
        )
    fig.add_vline(x=0, line={"color": "#888888", "width": 1})
    fig.update_yaxes(
        tickvals=list(range(len(data.features))),
        ticktext=[chart_text(feature_label(n)) for n in data.features],
        autorange="reversed",
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(title_text=axis)
    number_axes(fig, "number", "x")
    height = max(400, (60 if presenter else 42) * len(data.features) + 120)
    styled(fig, presenter=presenter, title=title, height=height)
    fig.update_layout(
        hovermode="closest",
        coloraxis={
            "colorscale": LOW_HIGH,
            "cmin": 0,
            "cmax": 1,
            "colorbar": {"tickvals": [0, 1], "ticktext": [low, high], "thickness": 12},
        },
    )
    return fig


def _swarm_offsets(values: np.ndarray) -> np.ndarray:
    """Vertical offsets that spread dots with similar values apart, alternately up and down."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    low, high = float(np.min(values)), float(np.max(values))
    width = (high - low) or 1.0
    bins = np.minimum(((values - low) / width * BEESWARM_BINS).astype(int), BEESWARM_BINS - 1)
    order = np.argsort(bins, kind="stable")
    rank = np.empty(len(values), dtype=int)
    sorted_bins = bins[order]
    starts = np.searchsorted(sorted_bins, sorted_bins, side="left")
    rank[order] = np.arange(len(values)) - starts
    offsets = ((rank + 1) // 2) * np.where(rank % 2 == 0, 1.0, -1.0)
    biggest = np.max(np.abs(offsets)) or 1.0
    return offsets / biggest * BEESWARM_WIDTH


def dependence(
    data: Dependence, *, title: str, axis: str, colour_label: str | None, presenter: bool
) -> go.Figure:
    """A feature's SHAP value against its value, coloured by the feature it interacts with most."""
    marker: dict[str, object] = {"size": 8 if presenter else 6, "opacity": 0.75}
    if data.interaction_values is not None:
        marker |= {
            "color": data.interaction_values,
            "colorscale": LOW_HIGH,
            "colorbar": {"title": {"text": chart_text(colour_label or "")}, "thickness": 12},
        }
    else:
        marker["color"] = PALETTE[0]
    fig = go.Figure(
        go.Scatter(
            x=data.values,
            y=data.shap_values,
            mode="markers",
            marker=marker,
            showlegend=False,
            hovertemplate="%{x:,.4~r}: SHAP %{y:,.4~r}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_xaxes(title_text=chart_text(feature_label(data.feature)))
    fig.update_yaxes(title_text=axis)
    number_axes(number_axes(fig, "number", "x"), "number")
    styled(fig, presenter=presenter, title=title)
    fig.update_layout(hovermode="closest")
    return fig


def waterfall(
    data: Waterfall,
    *,
    title: str,
    base_label: str,
    other_label: str,
    prediction_label: str,
    presenter: bool,
    top: int = 10,
) -> go.Figure:
    """From the expected value, each feature's push up or down, to the row's prediction."""
    head, rest = data.top(top)
    labels = [
        base_label,
        *(f"{chart_text(feature_label(c.feature))} = {plain(c.value, 4)}" for c in head),
    ]
    values = [data.base_value, *(c.shap for c in head)]
    measures = ["absolute", *["relative"] * len(head)]
    if len(data.contributions) > len(head):
        labels.append(other_label.format(count=len(data.contributions) - len(head)))
        values.append(rest)
        measures.append("relative")
    labels.append(prediction_label)
    values.append(0.0)
    measures.append("total")
    fig = go.Figure(
        go.Waterfall(
            orientation="h",
            y=labels,
            x=values,
            measure=measures,
            text=[
                _short(data.base_value),
                *(_signed(v) for v in values[1:-1]),
                _short(data.prediction),
            ],
            textposition="outside",
            increasing={"marker": {"color": "#ff0052"}},
            decreasing={"marker": {"color": "#008bfb"}},
            totals={"marker": {"color": PALETTE[0]}},
            connector={"line": {"color": "#bbbbbb", "width": 1}},
        )
    )
    fig.update_yaxes(autorange="reversed")
    number_axes(fig, "number", "x")
    styled(fig, presenter=presenter, title=title, height=_bar_height(len(labels), presenter))
    fig.update_layout(hovermode="closest")
    return fig


def _bar_height(bars: int, presenter: bool) -> int:
    return max(320, (54 if presenter else 34) * bars + 120)


def _short(value: float) -> str:
    return plain(value, 3)


def _signed(value: float) -> str:
    return plain(value, 3, signed=True)
