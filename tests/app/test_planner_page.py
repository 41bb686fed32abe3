"""Planner page on the sample workspace: each view's charts, the what-if card, links that restore
a view, presenter mode in Chinese, and the track record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.app.conftest import new_app

PLANNER = "pages/5_Planner.py"
CHANNELS = ["search_spend", "social_spend", "display_spend"]


def charts(at) -> int:
    return len(at.get("plotly_chart"))


def text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_response_curves_with_marginal_roi_and_the_channel_table(reader_home: Path) -> None:
    at = new_app(PLANNER)
    assert at.title[0].value == "Plan spend and promotions"
    assert at.subheader[0].value == "Response curves"
    assert charts(at) == 2
    table = next(f.value for f in at.dataframe if "Channel" in f.value.columns)
    assert list(table["Channel"]) == CHANNELS
    assert "The next unit of spend returns most on" in text(at)
    assert len(at.get("download_button")) == 2


def test_budget_view_restores_budget_and_period_from_the_link(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="budget", pl_budget="1500000", pl_days="182")
    assert at.segmented_control(key="pl_view").value == "budget"
    assert at.number_input(key="pl_budget").value == 1_500_000
    assert at.selectbox(key="pl_days").value == "182"
    metrics = {m.label: m for m in at.metric}
    assert re.fullmatch(r"[+-][\d,]+", metrics["Predicted gain in gross profit"].value)
    assert charts(at) == 1
    assert "over 182 days" in text(at)
    at.number_input(key="pl_budget").set_value(1_200_000).run()
    assert not at.exception
    assert at.query_params["pl_budget"] in ("1200000", ["1200000"])


def test_whatif_card_from_a_link(reader_home: Path) -> None:
    at = new_app(
        PLANNER,
        pl_view="whatif",
        pl_channel="search_spend",
        pl_spend="200000",
        pl_discount="15",
        pl_segment="region=East",
        pl_start="2026-01-05",
        pl_end="2026-01-18",
    )
    assert at.selectbox(key="pl_segment").value == "region=East"
    labels = [m.label for m in at.metric]
    assert labels == ["Incremental revenue", "Incremental units", "ROAS", "ROI"]
    assert charts(at) == 1
    assert "of which" in text(at) and "from the discount" in text(at)
    assert "Past campaigns like it (measured lift)" in [s.value for s in at.subheader]


def test_discount_view_shows_elasticities_and_the_best_discount(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="discount")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Price elasticity of units"].startswith("-1.")
    assert metrics["Discount that maximises gross profit"] == "0%"
    assert charts(at) == 1


def test_presenter_mode_in_chinese_hides_the_controls(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="budget", present="1", lang="zh")
    assert at.title[0].value == "规划投放与促销"
    assert at.subheader[0].value == "预算分配"
    assert not at.number_input
    assert not [s for s in at.selectbox if s.key and s.key.startswith("pl_")]
    assert charts(at) == 1
    assert "预计毛利增加" in [m.label for m in at.metric]


@pytest.mark.slow
def test_track_record_runs_on_request(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="track")
    assert charts(at) == 0
    at.button(key="plan_track_button").click().run()
    assert not at.exception
    assert charts(at) == 1
    assert "Median gap between predicted and measured ROI" in text(at)
    table = next(f.value for f in at.dataframe if "Predicted ROI" in f.value.columns)
    assert len(table) == 9
