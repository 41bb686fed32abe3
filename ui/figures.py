"""Chart style shared by every page: palette, interval bands, the top margin laid out once
(title, legend, panel titles), and figures reused by value. Each page's figures are in its
package (ui/lift/figures.py, ui/drivers/figures.py, ...)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import ParamSpec

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.formatting import currency_symbol, is_money, plain
from ui.i18n import language
from ui.numbers import currency

_P = ParamSpec("_P")

PALETTE = ("#1f4e79", "#e07b00", "#2e8540", "#b3261e", "#6f42c1", "#5f6b7a")
CHART_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "liftboard-chart"},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# Plotly's zh-CN locale, passed with each chart (Streamlit's Plotly bundle registers only
# English): month and day names of date ticks and hover labels, and the tool bar's tips. Months
# are written 1月..12月, as Chinese dates are, rather than plotly.js's own 一..十二.
ZH_CN_LOCALE = {
    "dictionary": {
        "Autoscale": "自动缩放",
        "Box Select": "矩形框选",
        "Download plot as a png": "下载图表为 PNG 格式",
        "Download plot": "下载图表",
        "Double-click to zoom back out": "双击返回缩小显示",
        "Lasso Select": "套索选择",
        "Pan": "平移",
        "Reset axes": "重置轴",
        "Reset": "重置",
        "Zoom": "缩放",
        "Zoom in": "放大",
        "Zoom out": "缩小",
        "Produced with Plotly.js": "由 Plotly.js 生成",
        "Show closest data on hover": "悬停时显示最近的数据",
        "Compare data on hover": "悬停时比较数据",
    },
    "format": {
        "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "months": [f"{m}月" for m in range(1, 13)],
        "shortMonths": [f"{m}月" for m in range(1, 13)],
        "date": "%Y-%m-%d",
        # Date axes' automatic ticks: 2024年, 2024年1月, 1月14日, 2024年1月14日.
        "year": "%Y年",
        "month": "%Y年%-m月",
        "dayMonth": "%-m月%-d日",
        "dayMonthYear": "%Y年%-m月%-d日",
    },
}
_LOCALES = {"zh": ("zh-CN", ZH_CN_LOCALE)}


def chart_config() -> dict:
    """Plotly's chart options in the current language: dates, tool tips and numbers follow it."""
    if language() not in _LOCALES:
        return CHART_CONFIG
    name, locale = _LOCALES[language()]
    return {**CHART_CONFIG, "locale": name, "locales": {name: locale}}


def reused(builder: Callable[_P, go.Figure]) -> Callable[_P, go.Figure]:
    """Build a figure once per process for the same inputs (hashed by value) and the same way of
    writing numbers (the shown dataset's currency, the language): plotly validates every
    property it is given, 10 to 60 ms per chart, on each page run. The figure is shared, so its
    callers only read it (st.plotly_chart does)."""

    def build(number_style: tuple[str, str], *args: _P.args, **kwargs: _P.kwargs) -> go.Figure:
        return builder(*args, **kwargs)

    build.__module__, build.__qualname__ = builder.__module__, builder.__qualname__
    cached = st.cache_resource(max_entries=512, show_spinner=False)(build)

    @functools.wraps(builder)
    def reuse(*args: _P.args, **kwargs: _P.kwargs) -> go.Figure:
        return cached((currency_symbol(currency()), language()), *args, **kwargs)

    return reuse


def styled(
    fig: go.Figure, *, presenter: bool, title: str | None = None, height: int | None = None
) -> go.Figure:
    """House style: plain white, readable; presenter mode doubles the type and thickens lines.

    The top margin is laid out here, top down: the title, the legend, the panel titles, then the
    plot. Plotly places a title and a legend above the plot independently, so they overlap."""
    size = 22 if presenter else 14
    height = height or (520 if presenter else 400)
    title_px = round((size + 6) * 1.4) if title else 0
    legend_px = round(size * 1.7) * _legend_rows(fig, size)
    panel_px = round(size * 1.6) if _has_panel_titles(fig) else 0
    fig.update_layout(
        template="plotly_white",
        colorway=list(PALETTE),
        font={"size": size, "color": "#111111"},
        title={
            "text": title,
            "font": {"size": size + 6},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": _TOP_PAD},
        }
        if title
        else None,
        margin={"l": 10, "r": 10, "t": _TOP_PAD + title_px + legend_px + panel_px + 8, "b": 10},
        hovermode="x unified",
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 1 - (_TOP_PAD + title_px) / height,
            "x": 0,
            "font": {"size": size - 2},
        },
        height=height,
    )
    fig.update_xaxes(tickfont={"size": size - 2})
    fig.update_yaxes(tickfont={"size": size - 2})
    _whole_day_ticks(fig)
    _readable_hover(fig)
    fig.update_annotations(font_size=size - 2)
    fig.update_traces(textfont_size=size - 2, selector={"type": "bar"})
    if presenter:
        fig.update_traces(
            line={"width": 4},
            selector=lambda trace: trace.type == "scatter" and trace.meta != BAND_TRACE,
        )
    return fig


_TOP_PAD = 10
# Numbers on axes and in hovers as analytics.formatting writes them: separators, never an SI
# suffix ("~s" writes 1.5M, and "m" for milli) nor an exponent (d3's "r" is decimal notation to
# significant digits); percentages whole on ticks and to one decimal on hover.
TICK_NUMBER, TICK_PERCENT = ",.6~r", ".0%"
HOVER_NUMBER, HOVER_PERCENT = ",.6~r", ".1%"
AXIS_KINDS = ("amount", "money", "number", "percent")


def number_axes(fig: go.Figure, kind: str, axis: str = "y", **where: int) -> go.Figure:
    """Write an axis's ticks and hover values the way analytics.formatting writes numbers:
    ``money`` an amount with the shown dataset's currency first (¥1,500,000), ``amount`` an
    amount without one (units, orders), ``number`` any other quantity, ``percent`` a share
    (12%). Amounts hover whole from 100 up and with two decimals below, as ``amount`` writes
    them. ``where``: a subplot's row and col."""
    if kind not in AXIS_KINDS:
        raise ValueError(f"unknown axis kind {kind!r}: one of {', '.join(AXIS_KINDS)}")
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    if kind == "percent":
        return update(tickformat=TICK_PERCENT, hoverformat=HOVER_PERCENT, **where)
    hover = HOVER_NUMBER
    if kind in ("amount", "money"):
        hover = ",.0f" if _largest(fig, axis) >= 100 else ",.2f"
    prefix = currency_symbol(currency()) if kind == "money" else ""
    low, high = _extent(fig, axis)
    if prefix and low < 0:  # plotly would write the prefix before the sign: "¥−20,000"
        values = nice_ticks(low, high)
        symbol = currency_symbol(currency())
        texts = [("-" if v < 0 else "") + symbol + plain(abs(v), 6) for v in values]
        return update(
            tickformat=TICK_NUMBER,
            hoverformat=hover,
            tickprefix="",
            tickmode="array",
            tickvals=values,
            ticktext=texts,
            **where,
        )
    return update(tickformat=TICK_NUMBER, hoverformat=hover, tickprefix=prefix, **where)


def nice_ticks(low: float, high: float, most: int = 7) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × a power of ten apart) covering ``low`` to ``high``,
    at most ``most`` of them."""
    span = max(high - low, abs(high), abs(low), 1e-9)
    for power in range(math.floor(math.log10(span / most)) - 1, 400):
        for base in (1.0, 2.0, 2.5, 5.0):
            step = base * 10.0**power
            first, last = math.floor(low / step), math.ceil(high / step)
            if last - first + 1 <= most:
                return [round(k * step, 10) for k in range(first, last + 1)]
    return [low, high]


def _extent(fig: go.Figure, axis: str) -> tuple[float, float]:
    """The lowest and highest value the traces put on the ``axis`` axes, error bars included."""
    low, high = 0.0, 0.0
    for trace in fig.data:
        values = getattr(trace, axis, None)
        if values is None:
            continue
        numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce")
        error = getattr(trace, f"error_{axis}", None)
        above = below = 0.0
        if error is not None and error.array is not None:
            above = pd.to_numeric(pd.Series(list(error.array)), errors="coerce").fillna(0)
            minus = error.arrayminus if error.arrayminus is not None else error.array
            below = pd.to_numeric(pd.Series(list(minus)), errors="coerce").fillna(0)
        if numbers.notna().any():
            low = min(low, float((numbers - below).min()))
            high = max(high, float((numbers + above).max()))
    return low, high


def metric_kind(metric: object) -> str:
    """How a metric's axis is written: money for revenue, sales, GMV; else a plain amount."""
    return "money" if is_money(str(metric)) else "amount"


def _largest(fig: go.Figure, axis: str) -> float:
    """The largest magnitude the traces put on the ``axis`` ("x" or "y") axes."""
    largest = 0.0
    for trace in fig.data:
        values = getattr(trace, axis, None)
        if values is None:
            continue
        numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce").abs()
        if numbers.notna().any():
            largest = max(largest, float(numbers.max()))
    return largest


FEW_DAYS = 14


def _whole_day_ticks(fig: go.Figure) -> None:
    """Dates of whole days spanning at most two weeks tick on each of those days: plotly would
    otherwise fill a short span with hours (12:00) that no row of the data has."""
    days = []
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is None or len(x) == 0:
            continue
        values = np.asarray(x)
        if values.dtype.kind != "M" and not isinstance(values.flat[0], pd.Timestamp):
            return  # not a date axis
        try:
            days.append(pd.Series(pd.to_datetime(values)))
        except (ValueError, TypeError):
            return
    if not days:
        return
    dates = pd.concat(days)
    if (dates != dates.dt.normalize()).any() or (dates.max() - dates.min()).days > FEW_DAYS:
        return
    half_day = pd.Timedelta(hours=12)  # the first and last day inside the axis, labelled
    fig.update_xaxes(
        tickmode="array",
        tickvals=sorted(dates.unique()),
        range=[dates.min() - half_day, dates.max() + half_day],
    )


def _readable_hover(fig: go.Figure) -> None:
    """Every y axis without its own hover format gets one matching its ticks."""
    fig.for_each_yaxis(
        lambda axis: (
            axis.update(
                hoverformat=HOVER_PERCENT if (axis.tickformat or "").endswith("%") else HOVER_NUMBER
            )
            if not axis.hoverformat
            else None
        )
    )


_LEGEND_WIDTH = 700  # pixels a legend row is assumed to have (charts are at least this wide)


def _legend_rows(fig: go.Figure, size: int) -> int:
    """How many rows the horizontal legend takes (0 when plotly shows none)."""
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or (len(names) < 2 and fig.layout.showlegend is not True):
        return 0
    widths = [40 + 0.6 * size * len(name) for name in names]
    return max(1, -(-round(sum(widths)) // _LEGEND_WIDTH))


def _has_panel_titles(fig: go.Figure) -> bool:
    """Subplot titles sit on top of the plot area, under the legend."""
    return any(
        a.yref == "paper" and a.yanchor == "bottom" and (a.y or 0) >= 0.99
        for a in fig.layout.annotations
    )


BAND = "rgba(31, 78, 121, 0.18)"
BAND_TRACE = "band"  # marks the edge traces of an interval band
GOOD, BAD, NEUTRAL = "#2e8540", "#b3261e", "#5f6b7a"


def band(
    fig: go.Figure, x, low, high, name: str, *, show: bool = True, color: str = BAND, **where
) -> None:
    """A shaded interval between ``low`` and ``high`` with invisible edges; ``where``: the
    subplot's row and col."""
    edge = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "meta": BAND_TRACE}
    fig.add_trace(go.Scatter(x=x, y=high, showlegend=False, **edge), **where)
    fig.add_trace(
        go.Scatter(x=x, y=low, fill="tonexty", fillcolor=color, name=name, showlegend=show, **edge),
        **where,
    )
