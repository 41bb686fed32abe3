"""Overview and Lift pages on the sample workspace."""

from __future__ import annotations

import json
from pathlib import Path

from tests.app.conftest import ROOT, new_app
from tests.app.helpers import LIFT_PAGE

TRUTH = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())


def test_overview_shows_every_campaign_with_kpis_charts_and_conclusions(reader_home: Path) -> None:
    at = new_app()
    assert at.title[0].value == "Campaign overview"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Campaigns that paid back"].endswith(f"/ {len(TRUTH['campaigns'])}")
    assert metrics["Incremental revenue"].startswith("+")
    assert len(at.get("plotly_chart")) == 3
    frames = [f.value for f in at.dataframe]
    campaigns = next(f for f in frames if "Campaign" in f.columns)
    assert sorted(campaigns["Campaign"]) == sorted(c["name"] for c in TRUTH["campaigns"])
    assert any(m.value.startswith("- Best return:") for m in at.markdown)


def test_lift_page_reports_the_chosen_campaign_and_keeps_it_in_the_url(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    assert at.selectbox(key="campaign").value == "Member Week"
    report = " ".join(m.value for m in at.markdown)
    assert "During 2024-09-09 to 2024-09-15" in report
    assert "The probability that this effect is real" in report
    assert len(at.get("plotly_chart")) == 1
    at.selectbox(key="campaign").set_value("Back to School").run()
    assert not at.exception
    assert "During 2025-08-18 to 2025-08-31" in " ".join(m.value for m in at.markdown)


def test_lift_page_in_chinese_presenter_mode(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week", lang="zh", present="1")
    assert at.title[0].value == "活动真正带来的增量"
    assert not at.get("expander")
    assert "该效应真实存在的概率" in " ".join(m.value for m in at.markdown)
