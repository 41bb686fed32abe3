"""Plotly figures of the Customers page's Retention section: repeat-purchase curves of the two
cohorts with their bands, lifetime value and P(alive) by cohort, and existing customers'
purchases before and after a campaign against their matches."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.customers.reached import MatchedComparison
from analytics.customers.retention import (
    CAMPAIGN_GROUP,
    OUTSIDE_GROUP,
    CurvePoint,
    GroupValues,
)
from ui.figures import PALETTE, band, number_axes, styled

GROUP_COLOURS = {CAMPAIGN_GROUP: PALETTE[1], OUTSIDE_GROUP: PALETTE[0]}
BAND_COLOURS = {CAMPAIGN_GROUP: "rgba(224, 123, 0, 0.18)", OUTSIDE_GROUP: "rgba(31, 78, 121, 0.18)"}


def repeat_curves(
    curve: Sequence[CurvePoint],
    names: dict[str, str],
    *,
    title: str,
    axis_x: str,
    axis_y: str,
    band_name: str,
    presenter: bool,
) -> go.Figure:
    """Each cohort's share with a second purchase by day since the first, with its interval."""
    fig = go.Figure()
    for group in (OUTSIDE_GROUP, CAMPAIGN_GROUP):
        points = [p for p in curve if p.group == group]
        days = [p.day for p in points]
        band(
            fig,
            days,
            [p.low for p in points],
            [p.high for p in points],
            f"{names[group]} · {band_name}",
            show=False,
            color=BAND_COLOURS[group],
        )
        fig.add_trace(
            go.Scatter(
                x=days,
                y=[p.share for p in points],
                name=names[group],
                mode="lines+markers",
                line={"color": GROUP_COLOURS[group], "width": 4 if presenter else 2},
                customdata=[p.at_risk for p in points],
                hovertemplate="%{x}: %{y:.1%} (n = %{customdata:,})<extra></extra>",
            )
        )
    fig.update_xaxes(title=axis_x, rangemode="tozero")
    fig.update_yaxes(title=axis_y, rangemode="tozero")
    number_axes(number_axes(fig, "number", "x"), "percent")
    return styled(fig, presenter=presenter, title=title)


def value_boxes(
    values: Sequence[GroupValues],
    names: dict[str, str],
    panels: dict[str, str],
    *,
    title: str,
    presenter: bool,
) -> go.Figure:
    """Lifetime value and P(alive) per cohort: boxes from the 5/25/50/75/95% quantiles, the
    mean as a dashed line."""
    metrics = list(panels)
    fig = make_subplots(rows=1, cols=len(metrics), subplot_titles=list(panels.values()))
    for col, metric in enumerate(metrics, start=1):
        for group in (CAMPAIGN_GROUP, OUTSIDE_GROUP):
            found = next((v for v in values if v.metric == metric and v.group == group), None)
            if found is None:
                continue
            low, q1, median, q3, high = found.quantiles
            fig.add_trace(
                go.Box(
                    x=[names[group]],
                    lowerfence=[low],
                    q1=[q1],
                    median=[median],
                    q3=[q3],
                    upperfence=[high],
                    mean=[found.mean],
                    boxmean=True,
                    name=names[group],
                    marker_color=GROUP_COLOURS[group],
                    showlegend=False,
                    hoverinfo="y",
                ),
                row=1,
                col=col,
            )
    fig.update_yaxes(rangemode="tozero")
    for col, metric in enumerate(metrics, start=1):
        kind = "percent" if col == len(metrics) else "money" if metric == "clv" else "number"
        number_axes(fig, kind, row=1, col=col)
    styled(fig, presenter=presenter, title=title, height=560 if presenter else 420)
    fig.update_layout(hovermode="closest", boxmode="group")
    return fig


def before_after(
    matched: MatchedComparison,
    names: dict[str, str],
    periods: tuple[str, str],
    *,
    title: str,
    axis_y: str,
    presenter: bool,
) -> go.Figure:
    """Mean purchases per customer in the period before and after the campaigns: reached
        customers against their matches, and dotted the reached customers' path had they changed as
    their matches did: the gap at the end is the difference in differences."""
    without = matched.before_reached + matched.after_matched - matched.before_matched
    rows = (
        ("reached", matched.before_reached, matched.after_reached, PALETTE[1], "solid"),
        ("matched", matched.before_matched, matched.after_matched, PALETTE[0], "solid"),
        ("without", matched.before_reached, without, PALETTE[1], "dot"),
    )
    fig = go.Figure(
        [
            go.Scatter(
                x=list(periods),
                y=[before, after],
                name=names[key],
                mode="lines+markers",
                line={"color": colour, "width": 4 if presenter else 2, "dash": dash},
                marker={"size": 14 if presenter else 9},
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            )
            for key, before, after, colour, dash in rows
        ]
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title=axis_y, rangemode="tozero")
    number_axes(fig, "number")
    return styled(fig, presenter=presenter, title=title)
