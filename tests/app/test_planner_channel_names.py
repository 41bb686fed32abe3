"""The Planner names channels as a reader knows them: the display name ("Search spend", or the
name written on the Data page) in sentences, warnings, tables, charts and failures, in English,
简体中文 and presenter mode; the file's own name (search_spend) only in the link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.conftest import new_app
from tests.app.test_chart_numbers import presented_sample

PLANNER = "pages/5_Planner.py"
RAW = ("search_spend", "social_spend", "display_spend")
SHOWN = ["Search spend", "Social spend", "Display spend"]
ZH_NAMES = {"search_spend": "搜索投放", "social_spend": "社交投放", "display_spend": "展示广告投放"}
TEXT = ("markdown", "caption", "info", "warning", "error")


def sentences(at) -> str:
    return " ".join(e.value for kind in TEXT for e in at.get(kind))


def chart_text(at) -> str:
    """Titles, trace names, bar categories and subplot titles of every chart."""
    parts = []
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        parts += [json.dumps([t.get("name"), t.get("x")]) for t in figure.get("data", [])]
        parts += [a.get("text", "") for a in figure["layout"].get("annotations", [])]
    return " ".join(parts)


def assert_no_raw_name(at) -> None:
    shown = sentences(at) + chart_text(at)
    for raw in RAW:
        assert raw not in shown and raw.replace("_", "\\_") not in shown, raw


def test_curves_and_budget_name_channels_by_display_name(reader_home: Path) -> None:
    at = new_app(PLANNER)
    table = next(f.value for f in at.dataframe if "Channel" in f.value.columns)
    assert list(table["Channel"]) == SHOWN
    assert "returns most on **display spend**" in sentences(at)
    assert "least on **search spend**" in sentences(at)
    assert "Search spend" in chart_text(at)
    assert_no_raw_name(at)
    budget = new_app(PLANNER, pl_view="budget")
    split = next(f.value for f in budget.dataframe if "Proposed spend" in f.value.columns)
    assert list(split["Channel"]) == SHOWN
    assert "Shift the mix towards **" in sentences(budget)
    assert_no_raw_name(budget)


def test_presenter_mode_shows_display_names(reader_home: Path) -> None:
    for view in ("curves", "budget"):
        at = new_app(PLANNER, pl_view=view, present="1")
        assert "Search spend" in chart_text(at), view
        assert_no_raw_name(at)


def test_a_failure_names_the_channel_by_its_display_name(reader_home: Path) -> None:
    limits = '{"search_spend":[500000,100000]}'
    at = new_app(PLANNER, pl_view="budget", pl_budget="1500000", pl_limits=limits)
    assert [e.value for e in at.error] == [
        "The minimum for Search spend is above its maximum\\: lower it\\."
    ]


@pytest.fixture
def named_channels(home: Path) -> str:
    """The sample with Chinese names written for its spend columns on the Data page."""
    return presented_sample(home, ZH_NAMES, "CNY")


def test_names_written_on_the_data_page_reach_the_planner_in_chinese(named_channels: str) -> None:
    at = new_app(PLANNER, ds=named_channels, pl_view="budget", lang="zh")
    split = next(f.value for f in at.dataframe if "渠道" in f.value.columns)
    assert list(split["渠道"]) == list(ZH_NAMES.values())
    assert any(name in sentences(at) for name in ZH_NAMES.values())
    assert_no_raw_name(at)
    limits = '{"search_spend":[500000,100000]}'
    bad = new_app(PLANNER, ds=named_channels, pl_view="budget", pl_limits=limits, lang="zh")
    assert [e.value for e in bad.error] == ["搜索投放 的最低花费高于其最高花费：请调低。"]
