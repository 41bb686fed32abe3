"""Chart layout and reuse (ui.figures)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from ui import figures
from ui.lift import figures as lift_figures


def three_panels_with_legend() -> go.Figure:
    fig = make_subplots(rows=1, cols=3, subplot_titles=("search", "social", "display"))
    for col, name in enumerate(("Predicted", "95% band", "Today's spend"), start=1):
        fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], name=name), row=1, col=col)
    return fig


@pytest.mark.parametrize("presenter", [False, True])
def test_title_legend_and_panel_titles_are_stacked_in_the_top_margin(presenter: bool) -> None:
    size = 22 if presenter else 14
    fig = figures.styled(three_panels_with_legend(), presenter=presenter, title="Response curves")
    layout = fig.layout
    title_bottom = layout.title.pad.t + layout.title.font.size
    legend_top = (1 - layout.legend.y) * layout.height
    legend_bottom = legend_top + 1.2 * layout.legend.font.size
    panel_titles_top = layout.margin.t - 1.2 * size  # the panel titles sit on the plot area
    assert layout.title.yref == "container" and layout.legend.yref == "container"
    assert title_bottom <= legend_top
    assert legend_bottom <= panel_titles_top


def test_a_chart_without_a_legend_keeps_no_room_for_one() -> None:
    single = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], name="revenue"))
    with_legend = three_panels_with_legend()
    plain_top = figures.styled(single, presenter=False, title="t").layout.margin.t
    assert plain_top < figures.styled(with_legend, presenter=False, title="t").layout.margin.t


def test_a_figure_is_built_once_for_the_same_inputs_and_again_for_changed_data() -> None:
    series = pd.Series(
        [1.0, 2.0, 3.0], index=pd.date_range("2025-01-01", periods=3), name="revenue"
    )
    first = lift_figures.metric_over_time(series, title="Revenue", presenter=False)
    assert lift_figures.metric_over_time(series.copy(), title="Revenue", presenter=False) is first
    changed = series.copy()
    changed.iloc[-1] = 4.0
    rebuilt = lift_figures.metric_over_time(changed, title="Revenue", presenter=False)
    assert rebuilt is not first
    assert list(rebuilt.data[0].y) == [1.0, 2.0, 4.0]
    assert lift_figures.metric_over_time(series, title="Revenue", presenter=True) is not first


def test_negative_money_ticks_carry_the_sign_before_the_currency(monkeypatch) -> None:
    """plotly writes a tick prefix before the sign ("¥-20,000"); an axis that goes below zero
    gets its ticks written as analytics.formatting writes amounts instead ("-¥20,000")."""
    monkeypatch.setattr(figures, "currency", lambda: "CNY")
    fig = go.Figure(go.Bar(x=["a", "b"], y=[-20_000, 35_000], error_y={"array": [5_000, 1_000]}))
    axis = figures.number_axes(fig, "money").layout.yaxis
    assert axis.tickprefix == "" and axis.tickmode == "array"
    assert min(axis.tickvals) <= -25_000 and max(axis.tickvals) >= 36_000
    assert "-¥20,000" in axis.ticktext and "¥0" in axis.ticktext
    assert not [t for t in axis.ticktext if t.startswith("¥-")]
    positive = figures.number_axes(go.Figure(go.Bar(x=["a"], y=[35_000])), "money").layout.yaxis
    assert positive.tickprefix == "¥" and positive.tickvals is None


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (-20_000, 35_000, [-20_000, -10_000, 0, 10_000, 20_000, 30_000, 40_000]),
        (-0.3, 0.12, [-0.3, -0.2, -0.1, 0.0, 0.1, 0.2]),
        (-1_234, 0, [-1_250, -1_000, -750, -500, -250, 0]),
    ],
)
def test_nice_ticks_are_round_and_cover_the_range(low, high, ticks) -> None:
    assert figures.nice_ticks(low, high) == pytest.approx(ticks)


@pytest.mark.parametrize("days", [2, 14, 60])
def test_a_few_whole_days_tick_once_a_day_not_in_hours(days: int) -> None:
    dates = pd.date_range("2026-03-01", periods=days, freq="D")
    for fig in (
        go.Figure(go.Scatter(x=dates, y=list(range(days)))),
        px.line(pd.DataFrame({"date": dates, "revenue": list(range(days))}), x="date", y="revenue"),
    ):
        figures.styled(fig, presenter=False)
        ticks = fig.layout.xaxis.tickvals
        assert (len(ticks) if ticks else None) == (days if days <= 14 else None)
        if ticks:  # every day, the last one too, inside the axis
            low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
            assert low < dates[0] and dates[-1] < high


def test_hours_in_the_data_or_numbers_on_the_axis_keep_plotly_ticks() -> None:
    hours = pd.date_range("2026-03-01", periods=10, freq="h")
    numbers = go.Figure(go.Bar(x=[1, 2, 3], y=[4, 5, 6]))
    for fig in (go.Figure(go.Scatter(x=hours, y=list(range(10)))), numbers):
        figures.styled(fig, presenter=False)
        assert fig.layout.xaxis.tickvals is None
