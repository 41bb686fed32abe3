"""The timing chart: predicted incremental profit per candidate start with 95% whiskers, the
best start highlighted, festivals shaded. A result object in, a plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.calendar import FESTIVALS, festival_days
from analytics.planner.timing import TimingResult
from ui.failures import festival_name
from ui.figures import GOOD, PALETTE, number_axes, styled
from ui.numbers import money
from ui.safe import chart_text

DAY_MS = 86_400_000


def timing_profit(
    result: TimingResult, labels: dict[str, str], *, presenter: bool, title: str
) -> go.Figure:
    """One bar per candidate start (best in green), whiskers for the 95% interval, festivals
    in the scanned weeks shaded and named."""
    fig = go.Figure()
    best = result.best
    for name, windows, color in (
        (labels["best"], [best], GOOD),
        (labels["other"], list(result.windows[1:]), PALETTE[0]),
    ):
        if not windows:
            continue
        values = [w.predicted_incremental_profit for w in windows]
        fig.add_trace(
            go.Bar(
                x=[pd.Timestamp(w.start) for w in windows],
                y=values,
                width=5 * DAY_MS,
                offset=0,  # a bar starts on its campaign's first day
                name=name,
                marker_color=color,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        w.predicted_incremental_profit_ci[1] - v
                        for w, v in zip(windows, values, strict=True)
                    ],
                    "arrayminus": [
                        v - w.predicted_incremental_profit_ci[0]
                        for w, v in zip(windows, values, strict=True)
                    ],
                    "thickness": 3 if presenter else 1.5,
                    "color": "#444444",
                },
            )
        )
    fig.add_annotation(
        x=pd.Timestamp(best.start) + pd.Timedelta(days=2.5),
        y=max(best.predicted_incremental_profit_ci[1], 0.0),
        text=f"<b>{money(best.predicted_incremental_profit, signed=True)}</b>",
        showarrow=False,
        yanchor="bottom",
        font={"color": GOOD},
    )
    _festivals(fig, result)
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_layout(hovermode="closest", barmode="overlay")
    number_axes(fig, "money")
    fig.update_xaxes(title_text=labels["start"])
    return styled(fig, presenter=presenter, title=title)


def _festivals(fig: go.Figure, result: TimingResult) -> None:
    """Shade each festival's days inside the scanned weeks, with its name."""
    first = min(pd.Timestamp(w.start) for w in result.windows)
    last = max(pd.Timestamp(w.end) for w in result.windows)
    for name in FESTIVALS:
        days = festival_days(name, first, last)
        if len(days):
            fig.add_vrect(
                x0=days[0] - pd.Timedelta(hours=12),
                x1=days[-1] + pd.Timedelta(hours=12),
                fillcolor="rgba(224,123,0,0.15)",
                line_width=0,
                layer="below",
                annotation_text=chart_text(festival_name(name)),
                annotation_position="bottom left",
            )
