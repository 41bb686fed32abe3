"""Figures of the Overview and Campaign lift pages: a metric over time with campaign windows,
the three lift panels, ROI by campaign, spend by channel and the profit bridge."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.formatting import percent
from ui.figures import BAD, GOOD, PALETTE, band, metric_kind, number_axes, reused, styled
from ui.numbers import money
from ui.safe import chart_text

WINDOW_SHADE = "rgba(224,123,0,0.15)"


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
    fig.update_yaxes(rangemode="tozero")
    number_axes(fig, metric_kind(series.name))
    lanes = _label_lanes(series, windows, presenter)
    _shade_windows(fig, windows, lanes)
    _headroom(fig, series, lanes)
    return styled(fig, presenter=presenter, title=title)


# What a label needs to estimate its width on a chart about this wide (px), per character.
_PLOT_PX = 820
_CHAR_PX = {False: 7.0, True: 11.5}
_LANE_HEIGHT = 0.075  # of the plot's height


def _label_lanes(
    series: pd.Series, windows: tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...], presenter: bool
) -> list[int]:
    """A lane (row from the top) for each window's label: the first lane where the label would
    not overlap the previous one's estimated width, so neighbouring names never collide."""
    lanes = [0] * len(windows)
    if not windows or len(series.index) < 2:
        return lanes
    first = pd.Timestamp(series.index[0])
    span = (pd.Timestamp(series.index[-1]) - first).total_seconds()
    per_char = span * _CHAR_PX[presenter] / _PLOT_PX
    ends: list[float] = []  # where each lane's last label ends, in seconds from the first date
    for index in sorted(range(len(windows)), key=lambda i: pd.Timestamp(windows[i][1])):
        name, start, _ = windows[index]
        left = (pd.Timestamp(start) - first).total_seconds()
        lane = next((i for i, end in enumerate(ends) if end <= left), len(ends))
        ends[lane : lane + 1] = [left + per_char * (len(str(name)) + 2)]
        lanes[index] = lane
    return lanes


def _headroom(fig: go.Figure, series: pd.Series, lanes: list[int]) -> None:
    """Room above the line for the label lanes, so no name sits on the data."""
    top = series.max()
    if lanes and pd.notna(top) and top > 0:
        share = (max(lanes) + 1) * _LANE_HEIGHT + 0.02
        fig.update_yaxes(range=[0, top / (1 - share)])


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
    number_axes(fig, metric_kind(history.name))
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
            customdata=[percent(value, 0, signed=True) for value in roi],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#444444", "width": 1})
    number_axes(fig, "percent")
    fig.update_layout(hovermode="closest", annotations=_labels_past_whiskers(fig, low, high))
    return styled(fig, presenter=presenter, title=title)


def _labels_past_whiskers(fig: go.Figure, low: list[float], high: list[float]) -> list[dict]:
    """Each bar's value written beyond the end of its whisker (above a bar that paid back,
    below one that did not), so the interval's line never crosses the label."""
    bar = fig.data[0]
    return [
        {
            "x": name,
            "y": top if value > 0 else bottom,
            "yanchor": "bottom" if value > 0 else "top",
            "text": percent(value, 0, signed=True),
            "showarrow": False,
        }
        for name, value, bottom, top in zip(bar.x, bar.y, low, high, strict=True)
    ]


@reused
def profit_waterfall(
    labels: tuple[str, ...],
    values: tuple[float, ...],
    totals: tuple[bool, ...],
    *,
    title: str,
    presenter: bool,
) -> go.Figure:
    """The profit bridge as a waterfall: each step added or taken away, the subtotals (``totals``
    marks them) drawn from zero."""
    fig = go.Figure(
        go.Waterfall(
            x=list(labels),
            y=list(values),
            measure=["total" if total else "relative" for total in totals],
            text=[money(value, signed=True) for value in values],
            textposition="outside",
            increasing={"marker": {"color": GOOD}},
            decreasing={"marker": {"color": BAD}},
            totals={"marker": {"color": PALETTE[0]}},
            connector={"line": {"color": "#888888", "width": 1}},
        )
    )
    fig.add_hline(y=0, line={"color": "#444444", "width": 1})
    number_axes(fig, "money")
    fig.update_layout(hovermode="closest", showlegend=False)
    return styled(fig, presenter=presenter, title=title)


def _shade_windows(
    fig: go.Figure,
    windows: tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...],
    lanes: list[int],
) -> None:
    """Each window shaded, its name at the top in its own lane (see ``_label_lanes``)."""
    if not windows:
        return
    labels = [
        {
            "x": start,
            "xref": "x",
            "y": 1 - lane * _LANE_HEIGHT,
            "yref": "paper",
            "yanchor": "top",
            "xanchor": "left",
            "text": chart_text(name),
            "showarrow": False,
        }
        for (name, start, _), lane in zip(windows, lanes, strict=True)
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
            text=[money(v) for v in values],
            textposition="outside",
        )
    )
    number_axes(fig, "money")
    fig.update_layout(hovermode="closest")
    return styled(fig, presenter=presenter, title=title)
