"""Forecast figures: history, fit, forecast with its 80% and 95% bands and the planned campaign
windows; the backtest against the seasonal naive forecast; accuracy across many series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.forecast.order import CoverDemand
from analytics.forecast.results import BacktestScore, ForecastResult
from ui.figures import PALETTE, band, metric_kind, number_axes, styled
from ui.safe import chart_text

BAND_95 = "rgba(224, 123, 0, 0.15)"
BAND_80 = "rgba(224, 123, 0, 0.30)"
PLAN_SHADE = "rgba(46, 133, 64, 0.12)"
HISTORY_SHOWN = {"D": 182, "W": 104, "M": 72}  # at least; more for long horizons


def forecast_chart(
    result: ForecastResult, labels: dict[str, str], *, presenter: bool, title: str | None = None
) -> go.Figure:
    """The last year or so of history with the fit of the family that forecasts (``labels``
    ["fitted"] names it), then the forecast and its bands; planned promotions shaded and named."""
    shown = max(HISTORY_SHOWN[result.frequency], 4 * result.horizon)
    history = result.history.iloc[-shown:]
    forecast = result.forecast
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=history.index,
            y=history["actual"],
            mode="lines",
            name=labels["actual"],
            line={"color": PALETTE[0], "width": 1.5},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=history.index,
            y=history["fitted"],
            mode="lines",
            name=labels["fitted"],
            line={"color": PALETTE[5], "width": 1, "dash": "dot"},
        )
    )
    band(fig, forecast.index, forecast["lo95"], forecast["hi95"], labels["band95"], color=BAND_95)
    band(fig, forecast.index, forecast["lo80"], forecast["hi80"], labels["band80"], color=BAND_80)
    fig.add_trace(
        go.Scatter(
            x=forecast.index,
            y=forecast["mean"],
            mode="lines",
            name=labels["forecast"],
            line={"color": PALETTE[1], "width": 2.5},
        )
    )
    for index, promotion in enumerate(result.plan):
        fig.add_vrect(
            x0=promotion.start,
            x1=promotion.end + pd.Timedelta(hours=23),
            fillcolor=PLAN_SHADE,
            line_width=0,
            annotation_text=chart_text(promotion.name),
            annotation_position="top left" if index % 2 == 0 else "bottom left",
        )
    fig.add_vline(x=history.index[-1], line={"color": "#888888", "width": 1, "dash": "dash"})
    fig.update_yaxes(rangemode="tozero")
    number_axes(fig, metric_kind(result.metric))
    return styled(fig, presenter=presenter, title=title)


def backtest_chart(
    backtest: BacktestScore,
    labels: dict[str, str],
    *,
    presenter: bool,
    title: str | None = None,
    metric: str = "",
) -> go.Figure:
    """What happened at each backtest cut-off: actual, the model's forecast, seasonal naive;
    ``metric`` the forecast's metric (money when it reads as money)."""
    errors = backtest.errors
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=errors.index,
            y=errors["actual"],
            mode="lines",
            name=labels["actual"],
            line={"color": PALETTE[0]},
        )
    )
    styles = (
        ("forecast", labels["forecast"], PALETTE[1], "solid"),
        ("naive", labels["naive"], PALETTE[5], "dash"),
    )
    for number, (origin, window) in enumerate(errors.groupby("origin", sort=True)):
        for column, name, color, dash in styles:
            fig.add_trace(
                go.Scatter(
                    x=window.index,
                    y=window[column],
                    mode="lines",
                    name=name,
                    legendgroup=column,
                    showlegend=number == 0,
                    line={"color": color, "dash": dash},
                )
            )
        fig.add_vline(x=origin, line={"color": "#bbbbbb", "width": 1, "dash": "dot"})
    number_axes(fig, metric_kind(metric))
    return styled(fig, presenter=presenter, title=title)


def accuracy_bars(
    names: list[str],
    mase: list[float],
    naive_mase: list[float],
    labels: dict[str, str],
    *,
    presenter: bool,
    title: str | None = None,
) -> go.Figure:
    """MASE per series, model against seasonal naive (below 1: better than the in-sample naive
    one-step error)."""
    shown = [chart_text(name) for name in names]
    fig = go.Figure(
        [
            go.Bar(x=shown, y=mase, name=labels["model"], marker_color=PALETTE[1]),
            go.Bar(x=shown, y=naive_mase, name=labels["naive"], marker_color=PALETTE[5]),
        ]
    )
    fig.add_hline(y=1, line={"color": "#444444", "width": 1, "dash": "dash"})
    fig.update_layout(barmode="group", hovermode="closest")
    number_axes(fig, "number")
    return styled(fig, presenter=presenter, title=title)


def order_chart(
    demand: CoverDemand,
    up_to: float,
    level: float,
    labels: dict[str, str],
    *,
    presenter: bool,
    title: str | None = None,
) -> go.Figure:
    """The distribution of demand over the lead time plus the review period, the order-up-to
    level as a line, the stock held after ordering (when above it) dashed, and the demand
    beyond that stock (a stock-out) shaded."""
    low, high = demand.quantile(0.0005), demand.quantile(0.9995)
    points = np.linspace(max(low, 0.0), max(high, level * 1.05), 240)
    density = demand.density(points) if demand.sd > 0 else np.zeros_like(points)
    beyond = points >= level
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=points,
            y=density,
            mode="lines",
            name=labels["density"],
            line={"color": PALETTE[0], "width": 2},
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=points[beyond],
            y=density[beyond],
            mode="lines",
            fill="tozeroy",
            name=labels["stockout"],
            line={"color": PALETTE[3], "width": 0},
            fillcolor="rgba(179, 38, 30, 0.35)",
            hoverinfo="skip",
        )
    )
    fig.add_vline(
        x=up_to,
        line={"color": PALETTE[1], "width": 3},
        annotation_text=labels["up_to"],
        annotation_position="top left",
    )
    if level > up_to:
        fig.add_vline(
            x=level,
            line={"color": PALETTE[2], "width": 3, "dash": "dash"},
            annotation_text=labels["stock"],
            annotation_position="top right",
        )
    fig.update_xaxes(title=labels["axis"])
    number_axes(fig, "amount", "x")
    # Headroom above the curve for the lines' labels.
    top = float(density.max()) * 1.2 if density.max() > 0 else 1.0
    fig.update_yaxes(showticklabels=False, title=None, range=[0, top])
    fig.update_layout(hovermode=False)
    return styled(fig, presenter=presenter, title=title)
