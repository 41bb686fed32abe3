"""Overview and Lift pages on the sample workspace."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import LIFT_PAGE, plain

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


# --- issue 3: robustness, placebo, hand-defined windows, campaign tables ----------------------


def _text(at) -> str:
    return plain(" ".join(m.value for m in at.markdown))


def _table_id(home: Path) -> str:
    return next(i.id for i in Workspace(home).list() if "campaign" in i.name)


def test_lift_page_shows_robustness_and_placebo_checks(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    text = _text(at)
    assert "The conclusion (a positive effect) holds under all 4 model specifications" in text
    models = next(f.value for f in at.dataframe if "Model" in f.value.columns)
    assert list(models["Model"])[:2] == [
        "As estimated",
        "Without controls (weekday, trend, festivals)",
    ]
    assert set(models["Conclusion"]) == {"positive"}
    assert "placebo windows (same length, before the campaign" in text
    placebo = next(f.value for f in at.dataframe if "Found an effect" in f.value.columns)
    assert len(placebo) == 8
    assert "Did the controls move during the window?" in text


def test_lift_page_measures_a_window_defined_in_the_url(reader_home: Path) -> None:
    where = json.dumps({"region": ["East"], "category": ["Home"]})
    at = new_app(LIFT_PAGE, mode="window", start="2025-05-01", end="2025-05-14", where=where)
    assert at.segmented_control(key="mode").value == "window"
    assert at.date_input(key="lft_start").value == dt.date(2025, 5, 1)
    assert at.multiselect(key="lft_where_region").value == ["East"]
    assert "During 2025-05-01 to 2025-05-14, revenue in category: Home; region: East" in _text(at)
    at.multiselect(key="lft_where_category").set_value([]).run()
    assert not at.exception
    assert json.loads(at.query_params["where"]) == {"region": ["East"]}
    assert "revenue in region: East was" in _text(at)
    at.date_input(key="lft_end").set_value(dt.date(2025, 5, 20)).run()
    assert at.query_params["end"] == "2025-05-20"
    assert "During 2025-05-01 to 2025-05-20" in _text(at)


def test_switching_to_window_mode_starts_with_the_last_two_weeks(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE)
    at.segmented_control(key="mode").set_value("window").run()
    assert not at.exception
    assert at.query_params["mode"] == "window"
    assert at.date_input(key="lft_start").value == dt.date(2025, 12, 18)
    assert at.date_input(key="lft_end").value == dt.date(2025, 12, 31)
    assert "During 2025-12-18 to 2025-12-31, revenue in all rows was" in _text(at)


def test_overview_takes_campaigns_and_spend_from_a_campaign_table(reader_home: Path) -> None:
    at = new_app()
    table_id = _table_id(reader_home)
    picker = at.selectbox(key="_w_ctable")
    assert picker.options[0] == "the dataset's campaign column" and len(picker.options) == 2
    picker.set_value(table_id).run()
    assert not at.exception
    assert at.query_params["ctable"] == table_id
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Campaign spend"] == "1,520,000"
    charts = " ".join(str(c.proto) for c in at.get("plotly_chart"))
    assert "Campaign spend by channel (campaign table)" in charts


def test_lift_page_reports_the_campaign_table_spend(reader_home: Path) -> None:
    new_app()
    at = new_app(LIFT_PAGE, campaign="Member Week", ctable=_table_id(reader_home))
    assert at.selectbox(key="_w_ctable").value == _table_id(reader_home)
    assert "Its spend in the campaign table is 60,000: ROAS" in _text(at)
    assert "Spend is the campaign's spend in the campaign table." in " ".join(
        c.value for c in at.caption
    )


def test_lift_checks_in_chinese(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week", lang="zh")
    text = _text(at)
    assert "结论（存在正向效应）在下列全部 4 种模型设定下都成立" in text
    assert "个安慰剂窗口" in text
    assert any("模型设定" in f.value.columns for f in at.dataframe)


def test_window_warnings_and_errors_in_chinese(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, mode="window", start="2024-02-05", end="2024-02-11", lang="zh")
    warnings = " ".join(w.value for w in at.warning)
    assert "窗口前只有 35 天的数据：基线已拟合，但建议至少 56 天" in warnings
    at = new_app(LIFT_PAGE, mode="window", start="2024-01-20", end="2024-01-30", lang="zh")
    errors = " ".join(plain(e.value) for e in at.error)
    assert "活动前只有 19 天的数据：基线至少需要 22 天才能拟合" in errors
