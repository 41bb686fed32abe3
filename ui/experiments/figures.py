"""Charts of the Experiments page: means per variant, relative differences, the confidence
sequence over days, and the geo test's actual against its synthetic control."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.experiments.geo_results import GeoResult
from analytics.experiments.results import PROPORTION, ABResult
from analytics.experiments.sequential import SequentialResult
from ui.figures import BAD, GOOD, NEUTRAL, PALETTE, band, metric_kind, number_axes, styled
from ui.safe import chart_text

# Pre-period days drawn before a geo test's window.
SHOWN_PRE_DAYS = 120


def means_chart(result: ABResult, title: str, presenter: bool) -> go.Figure:
    """Each variant's mean with its 95% interval as whiskers."""
    scale = 100 if result.metric_type == PROPORTION else 1
    names = [chart_text(v.name) for v in result.variants]
    means = [v.mean * scale for v in result.variants]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=means,
            marker_color=[
                NEUTRAL if v.name == result.control else PALETTE[0] for v in result.variants
            ],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [(v.mean_ci[1] - v.mean) * scale for v in result.variants],
                "arrayminus": [(v.mean - v.mean_ci[0]) * scale for v in result.variants],
            },
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
        )
    )
    if result.metric_type == PROPORTION:
        number_axes(fig, "number").update_yaxes(ticksuffix="%")
    else:
        number_axes(fig, metric_kind(result.metric))
    return styled(fig, presenter=presenter, title=title, height=360)


def relative_chart(results: tuple[ABResult, ...], title: str, presenter: bool) -> go.Figure:
    """Every comparison's relative difference with its 95% interval, zero marked."""
    fig = go.Figure()
    labels, values, lows, highs, colors = [], [], [], [], []
    for result in results:
        for c in result.comparisons:
            labels.append(f"{chart_text(c.variant)} · {chart_text(result.metric)}")
            values.append(c.rel_diff * 100)
            lows.append((c.rel_diff - c.rel_diff_ci[0]) * 100)
            highs.append((c.rel_diff_ci[1] - c.rel_diff) * 100)
            low, high = c.rel_diff_ci
            colors.append(GOOD if low > 0 else BAD if high < 0 else NEUTRAL)
    fig.add_trace(
        go.Scatter(
            x=values,
            y=labels,
            mode="markers",
            marker={"size": 12, "color": colors},
            error_x={"type": "data", "symmetric": False, "array": highs, "arrayminus": lows},
            hovertemplate="%{y}: %{x:+.1f}%<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_vline(x=0, line_color="#111111", line_width=1)
    number_axes(fig, "number", "x").update_xaxes(ticksuffix="%")
    height = max(260, 70 * len(labels) + 120)
    return styled(fig, presenter=presenter, title=title, height=height)


def sequence_chart(
    sequence: SequentialResult, labels: dict[str, str], presenter: bool, scale: float
) -> go.Figure:
    """Each variant's difference from the control after each day, inside its sequence."""
    fig = go.Figure()
    variants = list(dict.fromkeys(look.variant for look in sequence.looks))
    for i, name in enumerate(variants):
        looks = [look for look in sequence.looks if look.variant == name]
        days = [look.date for look in looks]
        color = PALETTE[i % len(PALETTE)]
        band(
            fig,
            days,
            [look.ci[0] * scale for look in looks],
            [look.ci[1] * scale for look in looks],
            f"{chart_text(name)} · {labels['band']}",
            color=_faded(color),
        )
        fig.add_trace(
            go.Scatter(
                x=days,
                y=[look.diff * scale for look in looks],
                name=f"{chart_text(name)} · {labels['diff']}",
                line={"color": color},
            )
        )
    fig.add_hline(y=0, line_color="#111111", line_width=1)
    number_axes(fig, "number")
    return styled(fig, presenter=presenter, title=labels["title"])


def geo_panels(result: GeoResult, labels: dict[str, str], presenter: bool) -> go.Figure:
    """Three panels: actual and synthetic control; effect per day; cumulative effect; the
    window's 95% intervals as bands."""
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=(labels["series"], labels["daily"], labels["cumulative"]),
    )
    first = next(i for i, day in enumerate(result.days) if day.in_window)
    shown = result.days[max(0, first - SHOWN_PRE_DAYS) :]
    window = [day for day in shown if day.in_window]
    dates = [day.date for day in shown]
    fig.add_trace(
        go.Scatter(
            x=dates, y=[d.actual for d in shown], name=labels["actual"], line={"color": PALETTE[0]}
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[d.counterfactual for d in shown],
            name=labels["counterfactual"],
            line={"color": PALETTE[1], "dash": "dash"},
        ),
        row=1,
        col=1,
    )
    window_dates = [d.date for d in window]
    band(
        fig,
        window_dates,
        [d.effect_ci[0] for d in window],
        [d.effect_ci[1] for d in window],
        labels["band"],
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=window_dates,
            y=[d.effect for d in window],
            showlegend=False,
            line={"color": PALETTE[0]},
            name=labels["daily"],
        ),
        row=2,
        col=1,
    )
    band(
        fig,
        window_dates,
        [d.cumulative_ci[0] for d in window],
        [d.cumulative_ci[1] for d in window],
        labels["band"],
        show=False,
        row=3,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=window_dates,
            y=[d.cumulative for d in window],
            showlegend=False,
            line={"color": PALETTE[0]},
            name=labels["cumulative"],
        ),
        row=3,
        col=1,
    )
    for row in (2, 3):
        fig.add_hline(y=0, line_color="#111111", line_width=1, row=row, col=1)
    fig.add_vrect(
        x0=window_dates[0],
        x1=window_dates[-1],
        fillcolor="#e07b00",
        opacity=0.08,
        line_width=0,
        row=1,
        col=1,
    )
    number_axes(fig, metric_kind(result.metric))
    return styled(fig, presenter=presenter, title=labels["title"], height=760 if presenter else 640)


def _faded(color: str) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, 0.18)"
