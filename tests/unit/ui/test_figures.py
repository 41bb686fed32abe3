"""Chart layout and reuse (ui.figures)."""

from __future__ import annotations

import pandas as pd
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
