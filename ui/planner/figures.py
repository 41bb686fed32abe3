"""Planner charts: response curves, marginal ROI, budget before/after, what-if effect, gross profit
against discount, and the track record. Result objects in, plotly figures out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.formatting import percent
from analytics.planner.budget import BudgetResult
from analytics.planner.elasticity import DiscountCurve
from analytics.planner.response_curves import CurvesResult
from analytics.planner.track_record import TrackRecord
from analytics.planner.whatif import WhatIfResult
from ui.figures import BAD, GOOD, NEUTRAL, PALETTE, band, metric_kind, number_axes, styled
from ui.numbers import column_name, money
from ui.safe import chart_text


def response_curves(
    curves: CurvesResult, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """One panel per channel: outcome per period against spend per period, 95% band, and
    today's spend marked."""
    channels = [c.channel for c in curves.channels]
    fig = make_subplots(
        rows=1,
        cols=len(channels),
        subplot_titles=[chart_text(column_name(c)) for c in channels],
        shared_yaxes=True,
    )
    for i, summary in enumerate(curves.channels, start=1):
        rows = curves.table[curves.table["channel"] == summary.channel]
        where = {"row": 1, "col": i}
        low, high = rows["response_lo"], rows["response_hi"]
        band(fig, rows["spend"], low, high, labels["band"], show=i == 1, **where)
        fig.add_trace(
            go.Scatter(
                x=rows["spend"],
                y=rows["response"],
                mode="lines",
                name=labels["curve"],
                line={"color": PALETTE[0]},
                showlegend=i == 1,
            ),
            **where,
        )
        now = float(np.interp(summary.current_spend, rows["spend"], rows["response"]))
        fig.add_trace(
            go.Scatter(
                x=[summary.current_spend],
                y=[now],
                mode="markers",
                name=labels["current"],
                marker={"color": PALETTE[1], "size": 14 if presenter else 10, "symbol": "diamond"},
                showlegend=i == 1,
            ),
            **where,
        )
        fig.add_vline(
            x=summary.current_spend, line={"color": PALETTE[1], "dash": "dot", "width": 1}, **where
        )
    fig.update_xaxes(rangemode="tozero", title_text=labels["spend"])
    fig.update_yaxes(rangemode="tozero")
    number_axes(fig, "money", "x")
    number_axes(fig, metric_kind(curves.outcome))
    fig.update_layout(hovermode="closest")
    styled(fig, presenter=presenter, title=title)
    return fig


def marginal_roi(
    curves: CurvesResult, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """Marginal ROI against spend per channel (above zero the next unit of spend pays back),
    with today's spend marked on each line."""
    fig = go.Figure()
    for i, summary in enumerate(curves.channels):
        rows = curves.table[
            (curves.table["channel"] == summary.channel) & (curves.table["spend"] > 0)
        ]
        color = PALETTE[i % len(PALETTE)]
        fig.add_trace(
            go.Scatter(
                x=rows["spend"],
                y=rows["marginal_roi"],
                mode="lines",
                name=chart_text(column_name(summary.channel)),
                line={"color": color},
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[summary.current_spend],
                y=[summary.marginal_roi],
                mode="markers",
                marker={"color": color, "size": 14 if presenter else 10, "symbol": "diamond"},
                name=labels["current"],
                showlegend=i == 0,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [summary.marginal_roi_ci[1] - summary.marginal_roi],
                    "arrayminus": [summary.marginal_roi - summary.marginal_roi_ci[0]],
                },
            )
        )
    fig.add_hline(y=0, line={"color": "#444444", "width": 1})
    top = max(2.0, 1.5 * max((c.marginal_roi for c in curves.channels), default=1.0))
    fig.update_yaxes(range=[-1.05, top])
    number_axes(fig, "percent")
    fig.update_xaxes(rangemode="tozero", title_text=labels["spend"])
    number_axes(fig, "money", "x")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)


def budget_split(
    result: BudgetResult, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """Current against proposed spend per channel, with the marginal ROI at each as labels."""
    names = [chart_text(column_name(c.channel)) for c in result.channels]
    fig = go.Figure()
    for key, values, rois, color in (
        (
            "now",
            [c.current_spend for c in result.channels],
            [c.marginal_roi_current for c in result.channels],
            NEUTRAL,
        ),
        (
            "proposed",
            [c.proposed_spend for c in result.channels],
            [c.marginal_roi_proposed for c in result.channels],
            PALETTE[0],
        ),
    ):
        fig.add_trace(
            go.Bar(
                x=names,
                y=values,
                name=labels[key],
                marker_color=color,
                text=[
                    f"{money(v)}<br>{labels['mroi']} {percent(r, 0, signed=True)}"
                    for v, r in zip(values, rois, strict=True)
                ],
                textposition="outside",
            )
        )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(rangemode="tozero")
    number_axes(fig, "money")
    return styled(fig, presenter=presenter, title=title)


def whatif_effect(
    result: WhatIfResult, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """Predicted incremental outcome per period, the window shaded, carry-over after it."""
    daily = result.daily
    fig = go.Figure()
    band(fig, daily.index, daily["effect_lo"], daily["effect_hi"], labels["band"])
    fig.add_trace(
        go.Scatter(
            x=daily.index,
            y=daily["effect"],
            mode="lines",
            name=labels["effect"],
            line={"color": PALETTE[0]},
        )
    )
    inside = daily.index[daily["in_window"]]
    if len(inside):
        fig.add_vrect(
            x0=inside[0],
            x1=inside[-1],
            fillcolor="rgba(224,123,0,0.10)",
            line_width=0,
            annotation_text=labels["window"],
            annotation_position="top left",
        )
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    number_axes(fig, metric_kind(result.outcome))
    return styled(fig, presenter=presenter, title=title)


def discount_profit(
    curve: DiscountCurve, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """Gross profit relative to selling at list price, per discount depth, with the best one."""
    x = np.array(curve.discounts)
    fig = go.Figure()
    band(fig, x, curve.profit_ratio_lo, curve.profit_ratio_hi, labels["band"])
    fig.add_trace(
        go.Scatter(
            x=x,
            y=curve.profit_ratio,
            mode="lines",
            name=labels["profit"],
            line={"color": PALETTE[0]},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[curve.best],
            y=[curve.best_ratio],
            mode="markers",
            name=labels["best"],
            marker={"color": GOOD, "size": 16 if presenter else 11, "symbol": "star"},
        )
    )
    fig.add_hline(y=1.0, line={"color": "#444444", "width": 1, "dash": "dot"})
    fig.add_vline(
        x=curve.margin,
        line={"color": BAD, "width": 1, "dash": "dash"},
        annotation_text=labels["margin"],
        annotation_position="top",
    )
    fig.update_xaxes(range=[0, max(x)])
    number_axes(fig, "percent", "x")
    number_axes(fig, "percent")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)


def track_record(
    record: TrackRecord, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """Predicted (before the start) against measured ROI per campaign, with the predicted
    interval as whiskers; on the diagonal the planner was right."""
    rows = record.compared
    fig = go.Figure()
    if rows:
        measured = [r.measured_roi for r in rows]
        predicted = [r.predicted_roi for r in rows]
        fig.add_trace(
            go.Scatter(
                x=measured,
                y=predicted,
                mode="markers+text",
                name=labels["campaigns"],
                text=[chart_text(r.campaign) for r in rows],
                # labels point inwards, so names at either edge stay inside the chart
                textposition=[
                    "top right" if x < (min(measured) + max(measured)) / 2 else "top left"
                    for x in measured
                ],
                marker={"color": PALETTE[0], "size": 14 if presenter else 10},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [r.predicted_roi_ci[1] - r.predicted_roi for r in rows],
                    "arrayminus": [r.predicted_roi - r.predicted_roi_ci[0] for r in rows],
                },
            )
        )
        low = min([*measured, *predicted, *(r.predicted_roi_ci[0] for r in rows)])
        high = max([*measured, *predicted, *(r.predicted_roi_ci[1] for r in rows)])
        fig.add_trace(
            go.Scatter(
                x=[low, high],
                y=[low, high],
                mode="lines",
                name=labels["diagonal"],
                line={"color": "#888888", "dash": "dash", "width": 1},
            )
        )
    fig.update_xaxes(title_text=labels["measured"])
    fig.update_yaxes(title_text=labels["predicted"])
    number_axes(fig, "percent", "x")
    number_axes(fig, "percent")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)
