"""Overview and Lift pages on the sample workspace."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from analytics.ingest.load import load
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
    # the key columns first, narrow enough for 1280 px; everything else in the details below
    key = next(f for f in frames if "Campaign" in f.columns)
    assert list(key.columns) == [
        "Campaign", "Window", "Lift", "Lift %", "ROAS", "ROI", "ROI 95% interval", "Paid back"
    ]  # fmt: skip
    details = next(e for e in at.get("expander") if e.label.startswith("Details"))
    campaigns = details.dataframe[0].value
    assert sorted(campaigns["Campaign"]) == sorted(c["name"] for c in TRUTH["campaigns"])
    assert campaigns["ROI 95% interval"].str.contains(" to ").all()
    assert list(key["Paid back"]) == [
        "yes" if p > 0 else "no" for p in campaigns["Incremental profit"]
    ]
    interval = next(c.value for c in at.caption if c.value.startswith("95% interval: "))
    assert re.fullmatch(r"95% interval: [+-]\d+% to [+-]\d+%", interval)
    assert not at.metric[2].proto.delta  # an interval is a caption, never a delta arrow
    # the profit bridge's steps as columns: ROI = incremental profit / spend on every row
    bridge = campaigns["Incremental gross profit"] - campaigns["Discount cost"] - campaigns["Spend"]
    assert (bridge - campaigns["Incremental profit"]).abs().max() <= 2  # each rounded to 1
    roi = campaigns["Incremental profit"] / campaigns["Spend"]
    shown_roi = campaigns["ROI"].str.rstrip("%").astype(float) / 100
    assert (roi - shown_roi).abs().max() <= 0.006
    # the sample plants campaigns that pay back and campaigns that do not, and the page says so
    planted = [c["true_incremental_profit"] > 0 for c in TRUTH["campaigns"]]
    assert (campaigns["Incremental profit"] > 0).sum() == sum(planted)
    assert metrics["Campaigns that paid back"] == f"{sum(planted)} / {len(planted)}"
    how = next(e for e in at.get("expander") if e.label == "How is this computed?")
    assert "= incremental profit" in plain(" ".join(m.value for m in how.markdown)).replace(
        "**", ""
    )
    assert any(m.value.startswith("- Best return:") for m in at.markdown)
    shown = json.loads(at.dataframe[-1].proto.columns)  # money reads 1,234,567; ratios 2 decimals
    assert shown["Spend"]["type_config"]["format"] == "%,.0f"  # the sample has no currency set
    assert shown["Lift"]["type_config"]["format"] == "%,.0f"
    assert shown["ROAS"]["type_config"]["format"] == "%.2f"
    assert at.dataframe[-1].proto.placeholder == "—"  # an empty cell, not "None"


def test_lift_page_reports_the_chosen_campaign_and_keeps_it_in_the_url(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    assert at.selectbox(key="campaign").value == "Member Week"
    report = " ".join(m.value for m in at.markdown)
    assert "During 2024-09-09 to 2024-09-15" in report
    assert "probability that this effect is real" not in report
    assert "The 95% interval excludes zero" in report and "two-sided p" in report
    assert "to profit (95% interval" in report
    assert len(at.get("plotly_chart")) == 2  # the lift panels and the profit bridge
    waterfall = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    assert waterfall["type"] == "waterfall" and waterfall["x"][-1] == "Incremental profit"
    steps = dict(zip(waterfall["x"], waterfall["y"], strict=True))
    charged = steps["Discount on sales that would have happened anyway"] + steps["Spend"]
    assert steps["Incremental gross profit"] + charged == pytest.approx(steps["Incremental profit"])
    how = next(e for e in at.get("expander") if e.label == "How is this computed?")
    formulas = plain(" ".join(m.value for m in how.markdown)).replace("**", "")
    assert "Incremental profit = incremental gross profit − discount cost − spend" in formulas
    assert "ROI = incremental profit / spend" in formulas
    at.selectbox(key="campaign").set_value("Back to School").run()
    assert not at.exception
    assert "During 2025-08-18 to 2025-08-31" in " ".join(m.value for m in at.markdown)


def test_lift_page_in_chinese_presenter_mode(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week", lang="zh", present="1")
    assert at.title[0].value == "活动真正带来的增量"
    assert not at.get("expander")
    text = " ".join(m.value for m in at.markdown)
    assert "真实存在的概率" not in text and "95% 区间不包含 0" in text
    assert "下列" not in text  # no pointer to the robustness table presenter mode hides
    # The summary in the presenter's type (a static table, not the canvas-drawn grid), without
    # its download button.
    assert len(at.table) == 1 and not at.dataframe
    assert not at.get("download_button")
    summary = at.table[0].value
    assert summary.columns[0] == "指标"
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", summary.iloc[0, 1])  # the actual total, e.g. 344,797


# --- issue 3: robustness, placebo, hand-defined windows, campaign tables ----------------------


def _text(at) -> str:
    return plain(" ".join(m.value for m in at.markdown))


def _table_id(home: Path) -> str:
    return next(i.id for i in Workspace(home).list() if "campaign" in i.name)


def test_lift_page_shows_robustness_and_placebo_checks(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    text = _text(at)
    assert "The conclusion (a positive effect) holds under all 5 model specifications" in text
    models = next(f.value for f in at.dataframe if "Model" in f.value.columns)
    assert list(models["Model"])[:2] == [
        "As estimated",
        "Without controls (weekday, trend, festivals)",
    ]
    # The baseline form that weighs less in the estimate, alone.
    assert list(models["Model"])[2] in {
        "Trend-stationary form only (returns to its trend)",
        "Local-level form only (differenced; the level wanders)",
    }
    assert "Baseline forms, weighted by how well each forecast the end of the pre-period" in text
    assert set(models["Conclusion"]) == {"positive"}
    # Formatted like the summary table above it: signed, thousands separated, p to 3 places.
    assert models["Effect"].str.fullmatch(r"\+\d{1,3}(,\d{3})*").all()
    assert models["p-value"].str.fullmatch(r"\d\.\d{3}|< 0\.001").all()
    assert not (models["p-value"] == "0.000").any()
    assert "placebo windows (same length, before the campaign" in text
    placebo = next(f.value for f in at.dataframe if "Found an effect" in f.value.columns)
    assert len(placebo) == 8
    assert placebo["Effect"].str.fullmatch(r"[+-]\d{1,3}(,\d{3})*").all()
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
    assert metrics["Campaign spend"] == f"{sum(c['spend'] for c in TRUTH['campaigns']):,.0f}"
    charts = " ".join(str(c.proto) for c in at.get("plotly_chart"))
    assert "Campaign spend by channel (campaign table)" in charts


def test_lift_page_reports_the_campaign_table_spend(reader_home: Path) -> None:
    new_app()
    at = new_app(LIFT_PAGE, campaign="Member Week", ctable=_table_id(reader_home))
    assert at.selectbox(key="_w_ctable").value == _table_id(reader_home)
    spend = next(c["spend"] for c in TRUTH["campaigns"] if c["name"] == "Member Week")
    assert f"Its spend in the campaign table is {spend:,.0f}: ROAS" in _text(at)
    assert "Spend is the campaign's spend in the campaign table." in " ".join(
        c.value for c in at.caption
    )


def test_lift_checks_in_chinese(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week", lang="zh")
    text = _text(at)
    assert "结论（存在正向效应）在下列全部 5 种模型设定下都成立" in text
    assert "基线形式按其对前期末段的预测效果加权" in text
    assert "个安慰剂窗口" in text
    assert any("模型设定" in f.value.columns for f in at.dataframe)


def test_window_warnings_and_errors_in_chinese(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, mode="window", start="2024-02-05", end="2024-02-11", lang="zh")
    warnings = " ".join(w.value for w in at.warning)
    assert "窗口前只有 35 天的数据：基线已拟合，但建议至少 56 天" in warnings
    at = new_app(LIFT_PAGE, mode="window", start="2024-01-20", end="2024-01-30", lang="zh")
    errors = " ".join(plain(e.value) for e in at.error)
    assert "活动前只有 19 天的数据：基线至少需要 22 天才能拟合" in errors


def _count_calls(monkeypatch, module, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_changing_the_margin_recomputes_roi_without_refitting(reader_home: Path, monkeypatch):
    import ui.lift.campaigns as results

    fits = _count_calls(monkeypatch, results, "measure")
    batches = _count_calls(monkeypatch, results, "measure_each")
    # A margin no other test uses: with margin in the cache key the pages would refit here.
    at = new_app(LIFT_PAGE, campaign="Member Week")
    assert any("margin 40% (default" in c.value for c in at.caption)
    assert at.number_input(key="_w_margin").value == 0.4
    fitted, report = fits[0], _text(at)
    at.number_input(key="_w_margin").set_value(0.63).run()
    assert not at.exception
    assert fits[0] == fitted
    assert any("margin 63% (setting)" in c.value for c in at.caption)
    assert _text(at) != report
    at.switch_page("app.py").run()
    assert not at.exception
    measured = batches[0]
    paid = {m.label: m.value for m in at.metric}["ROI (95% interval)"]
    at.number_input(key="_w_margin").set_value(0.71).run()
    assert not at.exception
    assert batches[0] == measured
    assert {m.label: m.value for m in at.metric}["ROI (95% interval)"] != paid


def test_model_warnings_are_in_chinese_on_the_chinese_page(reader_home: Path) -> None:
    where = json.dumps({"region": ["East"]})
    at = new_app(
        LIFT_PAGE, mode="window", start="2024-11-01", end="2024-11-14", where=where, lang="zh"
    )
    warnings = [plain(w.value) for w in at.warning]
    text = " ".join(warnings)
    assert "窗口 14 个周期中有 3 个周期该范围内还有其他活动" in text
    assert "双十一预热落在窗口 14 个周期中的 10 个" in text
    assert "基线只能通过对照序列了解其影响" in text
    assert "对照序列 region=West 在窗口内发生了变动（与其平时和其他序列的关系相比 +" in text
    assert re.search(r"，p (< 0\.001|\d\.\d{3})）：", text)  # never "0.000"
    assert not any(w.isascii() or "Another campaign" in w or "moved" in w for w in warnings)
    controls = next(f.value for f in at.dataframe if "权重" in f.value.columns)
    assert list(controls["名称"]) == ["region=West"]


def test_lift_page_summary_table_sums_the_window_with_intervals(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    summary = next(f.value for f in at.dataframe if "Measure" in f.value.columns)
    total = dict(zip(summary["Measure"], summary["Total over the window"], strict=True))
    interval = dict(zip(summary["Measure"], summary["95% interval"], strict=True))
    truth = next(c for c in TRUTH["campaigns"] if c["name"] == "Member Week")
    assert total["Actual"] == f"{truth['actual_revenue']:,.0f}"
    low, high = (float(v.replace(",", "")) for v in interval["Absolute effect"].split(" to "))
    assert low <= truth["true_incremental_revenue"] <= high
    assert not any("real" in measure for measure in total)
    share = total["Share of the model's simulated outcomes above zero"]
    assert share == "> 99.9%" or 97.5 < float(share.rstrip("%")) <= 99.9
    assert total["p-value (two-sided)"] == "< 0.001" or total["p-value (two-sided)"] != "0.000"
    assert {"ROAS", "ROI", "Naive ROAS", "Incremental profit"} <= set(total)
    assert interval["ROI"]
    downloads = " ".join(str(d.proto) for d in at.get("download_button"))
    for name in ("lift_summary", "robustness", "placebo", "controls", "control_checks"):
        assert f"download_{name}.csv" in downloads


def test_a_margin_set_is_in_the_url_and_a_link_with_it_shows_the_same_roi(reader_home: Path):
    at = new_app(LIFT_PAGE, campaign="Member Week")
    assert "margin" not in at.query_params
    at.number_input(key="_w_margin").set_value(0.55).run()
    assert at.query_params["margin"] == "0.55"
    report = _text(at)
    shared = new_app(LIFT_PAGE, campaign="Member Week", margin="0.55")
    assert shared.number_input(key="_w_margin").value == 0.55
    assert _text(shared) == report
    assert any("margin 55% (setting)" in c.value for c in shared.caption)


def test_a_dataset_without_campaigns_does_not_default_to_a_foreign_campaign_table(
    home: Path,
) -> None:
    new_app()  # installs the samples, the campaign calendar among them
    lines = ["日期,门店,销售额,花费"] + [
        f"2025-03-{day:02d},{store},{1000 + day * 17.5 + len(store)},{100 + day % 7}"
        for day in range(1, 31)
        for store in ("北京店", "上海店")
    ]
    dataset = load("\n".join(lines).encode("gbk"), file_name="门店.csv")
    assert not dataset.mapping.columns("campaign")
    shop_id = Workspace(home).save(dataset, "另一家店").id
    at = new_app(ds=shop_id)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="_w_ctable").value == ""
    assert "ctable" not in at.query_params


def test_charts_built_once_are_shared_and_never_change_between_runs(reader_home: Path) -> None:
    at = new_app()
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    trend = next(s for s in specs if s["data"][0].get("mode") == "lines")
    windows = [s for s in trend["layout"]["shapes"] if s["type"] == "rect"]
    assert len(windows) == len(TRUTH["campaigns"])
    at.run()
    assert [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")] == specs


def test_a_reversed_window_is_not_measured_and_can_be_swapped(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, mode="window", start="2025-05-14", end="2025-05-01")
    assert [e.value for e in at.error] == [
        "The window ends (2025-05-01) before it starts (2025-05-14), so nothing was measured: "
        "swap the dates, or pick an end after the start."
    ]
    assert not at.get("plotly_chart")  # no other window measured in its place
    at.button(key="lft_swap").click().run()
    assert not at.exception and not at.error
    assert (at.query_params["start"], at.query_params["end"]) == ("2025-05-01", "2025-05-14")
    assert any("Window 2025-05-01 to 2025-05-14" in m.value for m in at.markdown)

    zh = new_app(LIFT_PAGE, mode="window", start="2025-05-14", end="2025-05-01", lang="zh")
    assert any(
        "窗口的结束日期（2025-05-01）早于开始日期（2025-05-14）" in e.value for e in zh.error
    )


def test_a_link_date_outside_the_data_is_moved_with_a_warning(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, mode="window", start="2023-01-01", end="2024-03-01")
    assert [plain(w.value) for w in at.warning][:1] == [
        "The link asked for 2023-01-01, which is not a date within the data (2024-01-02 to "
        "2025-12-31): 2024-01-02 is used instead. Change the window dates if that is not what "
        "you meant."
    ]


def test_an_unknown_campaign_in_a_link_says_what_opened_instead(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Atlantis Sale")
    opened = at.selectbox(key="campaign").value
    assert [plain(w.value) for w in at.warning][:1] == [
        f"The link asked for the campaign “Atlantis Sale”, which this dataset does not have: "
        f"showing “{opened}” instead. Pick the campaign you meant below."
    ]
    zh = new_app(LIFT_PAGE, campaign="Atlantis Sale", lang="zh")
    assert any(
        "链接中的活动“Atlantis Sale”在该数据集中不存在" in plain(w.value) for w in zh.warning
    )
    assert not new_app(LIFT_PAGE, campaign=opened).warning


def test_overview_in_presenter_mode_keeps_a_compact_table(reader_home: Path) -> None:
    at = new_app(present="1")
    assert not at.dataframe and len(at.table) == 1
    assert list(at.table[0].value.columns) == [
        "Campaign", "Window", "Lift", "Lift %", "ROAS", "ROI", "ROI 95% interval", "Paid back"
    ]  # fmt: skip
    assert len(at.table[0].value) == len(TRUTH["campaigns"])


def test_roi_labels_sit_past_their_whiskers_and_window_names_do_not_collide(reader_home: Path):
    at = new_app()
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = next(c for c in charts if c["data"][0]["type"] == "bar" and "error_y" in c["data"][0])
    bar = bars["data"][0]
    assert "text" not in bar  # the value is an annotation beyond the whisker, not on the bar
    for label, value, plus, minus in zip(
        bars["layout"]["annotations"], bar["y"], bar["error_y"]["array"],
        bar["error_y"]["arrayminus"], strict=True,
    ):  # fmt: skip
        end = value + plus if value > 0 else value - minus
        assert label["y"] == pytest.approx(end)
    timeline = next(c for c in charts if c["data"][0]["type"] == "scatter")
    names = [a for a in timeline["layout"]["annotations"] if a.get("yref") == "paper"]
    assert len(names) == len(TRUTH["campaigns"])
    lanes: dict[float, list[str]] = {}
    for a in sorted(names, key=lambda a: a["x"]):
        lanes.setdefault(a["y"], []).append(a["x"])
    assert len(lanes) > 1  # neighbours close in time are put on different rows


@pytest.mark.parametrize("typed", [1.5, -0.2])
def test_a_margin_outside_zero_to_one_says_what_to_change_and_is_not_used(
    reader_home: Path, typed: float
) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    at.number_input(key="_w_margin").set_value(0.55).run()
    assert any("margin 55% (setting)" in c.value for c in at.caption)
    at.number_input(key="_w_margin").set_value(typed).run()
    assert not at.exception
    errors = plain(" ".join(e.value for e in at.error))
    assert f"must be a fraction above 0 and at most 1 (0.4 means 40%), not {typed}" in errors
    assert "Until you correct it" in errors
    assert not any("margin 55% (setting)" in c.value for c in at.caption)  # the old one is gone
    assert any("margin 40% (default" in c.value for c in at.caption)
    assert "margin" not in at.query_params


def test_back_after_a_campaign_switch_returns_to_the_previous_campaign(reader_home: Path) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week")
    at.selectbox(key="campaign").set_value("Back to School").run()
    assert at.query_params["campaign"] == "Back to School"  # the choice is in the URL
    at.query_params["campaign"] = "Member Week"  # what Back does to the URL
    at.run()
    assert not at.exception
    assert at.selectbox(key="campaign").value == "Member Week"
    assert at.query_params["campaign"] == "Member Week"  # the page did not rewrite it
    assert "During 2024-09-09 to 2024-09-15" in _text(at)
    at.query_params["campaign"] = "Back to School"  # Forward
    at.run()
    assert at.selectbox(key="campaign").value == "Back to School"


def test_back_restores_a_window_and_a_margin_and_a_page_switch_keeps_choices(reader_home: Path):
    at = new_app(LIFT_PAGE, mode="window", start="2024-11-01", end="2024-11-14")
    at.date_input(key="lft_end").set_value(dt.date(2024, 11, 20)).run()
    assert at.query_params["end"] == "2024-11-20"
    at.query_params["end"] = "2024-11-14"  # Back
    at.run()
    assert at.date_input(key="lft_end").value == dt.date(2024, 11, 14)
    at.number_input(key="_w_margin").set_value(0.5).run()
    del at.query_params["margin"]  # Back to the link without a margin: the default again
    at.run()
    assert at.number_input(key="_w_margin").value == 0.4
    at.number_input(key="_w_margin").set_value(0.45).run()
    at.switch_page("app.py").run()  # another page: the session's choices stay
    assert at.number_input(key="_w_margin").value == 0.45


@pytest.mark.parametrize(("lang", "line"), [("en", "the model order"), ("zh", "即模型阶数")])
def test_the_model_order_is_explained_beside_it(reader_home: Path, lang: str, line: str) -> None:
    at = new_app(LIFT_PAGE, campaign="Member Week", lang=lang)
    captions = [plain(c.value) for c in at.caption if "ARMA(p, d, q)" in c.value]
    assert len(captions) == 2 and all(line in c for c in captions)  # diagnostics, robustness
