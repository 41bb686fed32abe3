"""The Experiments page: the A/B tab on the sample and on the shapes' exports (English and GBK
Chinese), the sample-ratio stop sign, the geo tab recovering the planted lift, presenter mode
and Chinese."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import plain

PAGE = "pages/6_Experiments.py"
TRUTH = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())["experiments"]
SHAPES = ROOT / "tests" / "fixtures" / "shapes"


def text_of(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.success, *at.warning, *at.error, *at.info)]
    return plain(" ".join(parts))


def saved(home: Path, path: Path, name: str) -> str:
    new_app()  # installs the samples first
    return Workspace(home).save(load(path), name).id


def choose_geo(at, treated: list[str], window: tuple[str, str]):
    at.multiselect(key="exp_geo_treated_city").set_value(treated)
    start, end = (dt.date.fromisoformat(day) for day in window)
    return at.date_input(key="exp_geo_window").set_value((start, end)).run()


def test_ab_tab_opens_ready_on_the_sample_export(reader_home: Path) -> None:
    at = new_app(PAGE)
    assert at.title[0].value == "Experiments: A/B tests and geo tests"
    headers = [s.value for s in at.subheader]
    assert headers[0] == "Sample-ratio check"  # before any result
    assert at.success[0].value.startswith("Units per variant 12,000 / 12,000 / 12,000")
    assert at.selectbox(key="ab_control").value == "control"
    assert at.multiselect(key="ab_outcomes").value == ["converted", "revenue"]
    assert at.selectbox(key="ab_covariate").value == "pre_revenue"
    text = text_of(at)
    assert "coupon_10** raises converted by +18.2% against control" in text
    assert "free_shipping** against control on converted" in text
    assert "Holm's correction over all 4 comparisons" in text
    assert "removed 6.1% of the variance" in text
    comparisons = at.dataframe[1].value
    assert list(comparisons["p (Holm)"]) == ["< 0.001", "1.000"]
    money = at.dataframe[4].value
    assert money.columns[1] == "Per 1,000 units" and money.iloc[0, 1] == "1,567"
    assert money.columns[2] == "Roll-out (51,429 units)"  # a month at 36,000 users / 21 days
    assert "incremental profit = margin 40% × incremental revenue" in text
    assert "coupon_10: the sequence first excluded zero on 2025-03-" in text
    assert "free_shipping: the sequence has not excluded zero yet." in text
    assert "units per variant" in text and "Howard" in text
    # two outcomes, each with its means and lifts, and each monitored day by day
    assert len(at.get("plotly_chart")) == 6
    assert text.count("the sequence first excluded zero") + text.count("not excluded zero") == 4
    # the active dataset is the daily sales: the tab says what it shows instead
    assert "is not an A/B experiment (no variant column): this tab shows" in text


def test_margin_changes_the_profit_not_the_statistics(reader_home: Path) -> None:
    at = new_app(PAGE, margin="0.5")
    money = at.dataframe[4].value
    assert money.iloc[0, 1] == "1,567" and money.iloc[2, 1] == "783"  # 0.5 × 1,567.3
    assert "margin 50%" in text_of(at)


@pytest.mark.parametrize(
    ("file_name", "control", "outcome", "words"),
    [
        ("ab_test_users.csv", "control", "converted", "treatment** against control on converted"),
        ("experiment_gbk.csv", "对照组", "是否购买", "实验组** raises 是否购买 by +101.4%"),
    ],
)
def test_ab_tab_reads_the_exports(home: Path, file_name, control, outcome, words) -> None:
    dataset_id = saved(home, SHAPES / file_name, file_name)
    at = new_app(PAGE, ds=dataset_id)
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="ab_control").value == control
    assert outcome in at.multiselect(key="ab_outcomes").value
    assert words in text_of(at)
    assert "Daily monitoring" not in [s.value for s in at.subheader]  # no assignment dates


def test_broken_split_shows_the_stop_sign_and_no_decision(home: Path, tmp_path: Path) -> None:
    rows = ["user,arm,bought"] + [f"{i},{'a' if i % 10 < 6 else 'b'},{i % 2}" for i in range(2000)]
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(rows))
    at = new_app(PAGE, ds=saved(home, path, "broken"))
    assert at.error[0].value.startswith("Stop: units per variant 1,200 / 800")
    assert "No decision: the sample-ratio check failed" in text_of(at)


def test_geo_tab_recovers_the_planted_lift(reader_home: Path) -> None:
    geo = TRUTH["geo"]
    at = choose_geo(new_app(PAGE), geo["treated"], (geo["start"], geo["end"]))
    assert not at.exception and not at.error, [e.value for e in at.error]
    text = text_of(at)
    assert (
        "In Hangzhou, Nanjing, Suzhou, revenue from 2025-05-06 to 2025-06-02 was +576,034" in text
    )
    assert "The interval excludes zero." in text
    weights = at.dataframe[-4].value
    assert abs(weights["Weight"].sum() - 1) < 0.01
    assert not set(weights["Location"]) & set(geo["treated"])
    assert "40 placebo tests on untreated locations and 16 on earlier windows" in text
    design = at.dataframe[-3].value  # the design of a test on the same markets
    assert list(design["Days"]) == [14, 28, 56]
    assert all(0 < float(v.rstrip("%")) < 10 for v in design["Smallest detectable lift"])
    best = at.dataframe[-2].value  # the searched market sets: the best for each length
    assert list(best["Days"]) == [14, 28, 56]
    assert all(len(markets.split(", ")) in (2, 3) for markets in best["Markets"])
    lifts = [float(v.rstrip("%")) for v in best["Smallest detectable lift"]]
    mine = [float(v.rstrip("%")) for v in design["Smallest detectable lift"]]
    assert all(0 < b <= m + 1e-9 or b < 10 for b, m in zip(lifts, mine, strict=True))
    assert "market sets screened" in text
    ranked = at.dataframe[-1].value
    assert len(ranked) == 15 and list(ranked.columns)[:2] == ["Markets", "Days"]


def test_geo_design_search_needs_no_treated_markets(reader_home: Path) -> None:
    at = new_app(PAGE)
    assert "Choose the treated locations and the test window." in text_of(at)
    headers = [s.value for s in at.subheader]
    assert "Find markets and a length for a next test" in headers
    assert "Design a test on these markets" not in headers
    at.multiselect(key="exp_search_sizes").set_value([1]).run()
    best = at.dataframe[-2].value
    assert all("," not in markets for markets in best["Markets"])  # one market each
    at.multiselect(key="exp_search_sizes").set_value([]).run()
    assert "Choose how many markets a test group holds" in text_of(at)


def test_geo_tab_says_what_to_choose_and_what_is_wrong(reader_home: Path) -> None:
    at = new_app(PAGE)
    assert "Choose the treated locations and the test window." in text_of(at)
    at = choose_geo(at, ["Hangzhou"], ("2024-01-05", "2024-01-20"))
    assert "at least 28 periods (days, weeks) of data before it" in plain(at.error[0].value)


def test_presenter_mode_shows_results_without_editing_widgets(reader_home: Path) -> None:
    geo = TRUTH["geo"]
    link = {"treated": geo["treated"], "from": geo["start"], "to": geo["end"]}
    at = new_app(PAGE, present="1", **link)
    assert not at.exception
    assert not [s for s in at.selectbox if s.key.startswith("exp_ab")]
    assert not at.number_input and not at.text_input
    assert at.success and "coupon_10** raises converted" in text_of(at)
    headers = [s.value for s in at.subheader]
    assert "Plan a test" not in headers and "Design a test on these markets" not in headers
    assert "Find markets and a length for a next test" not in headers
    assert "is not an A/B experiment" not in text_of(at)
    assert "Weights of the synthetic control" in headers and "was +576,034" in text_of(at)
    sizes = {json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")}
    assert sizes == {22}


def test_page_in_chinese(reader_home: Path) -> None:
    at = new_app(PAGE, lang="zh")
    assert at.title[0].value == "实验分析：A/B 实验与地域实验"
    text = text_of(at)
    assert "各组单位数 12,000 / 12,000 / 12,000 与计划分流" in text
    assert "**coupon\\_10** 相比 control 使 converted 提高 +18.2%" in at.markdown[0].value or (
        "coupon_10** 相比 control 使 converted 提高 +18.2%" in text
    )
    assert "增量利润 = 毛利率 40%" in text
    assert "不是 A/B 实验（没有组别列）" in text
    assert "为下一次实验挑选地区和时长" in [h.value for h in at.subheader]
    best = at.dataframe[-2].value  # the searched market sets, worded in Chinese
    assert list(best.columns) == ["地区", "天数", "最小可检测提升", "指标占比", "拟合度（R²）"]
    geo = TRUTH["geo"]
    at = choose_geo(at, geo["treated"], (geo["start"], geo["end"]))
    assert "区间不含零" in text_of(at)


def test_ab_tab_reads_one_row_per_variant(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "by_variant.csv"
    path.write_text("variant,users,conversions\ncontrol,10000,1000\ncoupon,10100,1120\n")
    at = new_app(PAGE, ds=saved(home, path, "by variant"))
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="exp_ab_units").value == "users"
    assert at.multiselect(key="exp_ab_counts").value == ["conversions"]
    text = text_of(at)
    assert "coupon** raises conversions by +10.9% against control" in text
    assert "Money needs a revenue per unit" in text


def test_one_row_per_variant_compares_a_total_with_its_spread_as_a_mean(
    home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "by_variant_revenue.csv"
    path.write_text(
        "variant,users,conversions,revenue,revenue_std\n"
        "control,10000,1000,100000,30\ncoupon,10100,1120,111100,31\n"
    )
    at = new_app(PAGE, ds=saved(home, path, "by variant, revenue"))
    at.multiselect(key="exp_ab_counts").set_value(["conversions", "revenue"]).run()
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="exp_ab_spread_revenue").value == "revenue_std"
    assert at.selectbox(key="exp_ab_spread_kind_revenue_revenue_std").value == "std"
    text = text_of(at)
    assert "coupon** raises revenue by +10.0% against control" in text  # 11.00 against 10.00
    at.selectbox(key="exp_ab_spread_revenue").set_value("").run()
    assert "An outcome above is a total, not a count of units" in text_of(at)
    presenter = new_app(PAGE, ds=at.query_params["ds"], present="1")
    assert not presenter.error


def test_a_link_reproduces_the_geo_test(reader_home: Path) -> None:
    geo = TRUTH["geo"]
    at = choose_geo(new_app(PAGE), geo["treated"], (geo["start"], geo["end"]))
    assert list(at.query_params["treated"]) == geo["treated"]
    assert at.query_params["from"] == geo["start"]
    link = {"treated": geo["treated"], "from": geo["start"], "to": geo["end"]}
    again = new_app(PAGE, **link)
    assert again.multiselect(key="exp_geo_treated_city").value == geo["treated"]
    assert "was +576,034" in text_of(again)


def test_segments_on_request_with_holm_over_all_of_them(reader_home: Path) -> None:
    at = new_app(PAGE)
    assert "Segments" in [s.value for s in at.subheader]
    at.selectbox(key="exp_segment").set_value("platform").run()
    table = next(d.value for d in at.dataframe if "platform" in d.value.columns)
    assert set(table["platform"]) == {"app", "web", "mini_program"} and len(table) == 12
    assert set(table["Outcome"]) == {"converted", "revenue"}  # every outcome, not the first
    assert "Holm's correction over all 12 comparisons (each outcome in each segment" in text_of(at)
    assert "segment" not in [s.value for s in at.subheader]  # results first, segments on request


def test_planning_panel_matches_the_command_line(reader_home: Path) -> None:
    at = new_app(PAGE)
    at.number_input(key="exp_plan_base").set_value(0.1)
    at.number_input(key="exp_plan_mde").set_value(0.05)
    at.number_input(key="exp_plan_traffic").set_value(5000)
    at.text_input(key="exp_plan_split").set_value("50,50").run()
    text = text_of(at)
    assert "**57,756 / 57,756 units per variant**, 115,512 in all, about **24 days**" in text
    assert "The same +5.0% lift on revenue (control mean 10.36" in text
    at.number_input(key="exp_plan_size").set_value(2000).run()
    assert "With 2,000 units in the control (and the split above)" in text_of(at)


def test_a_link_reproduces_the_ab_choices_in_presenter_mode(reader_home: Path) -> None:
    at = new_app(PAGE)
    at.selectbox(key="ab_control").set_value("free_shipping")
    at.multiselect(key="ab_outcomes").set_value(["revenue"]).run()
    at.selectbox(key="ab_covariate").set_value("").run()
    link = {"ab_control": "free_shipping", "ab_outcomes": ["revenue"]}
    assert at.query_params["ab_control"] == "free_shipping"
    assert at.query_params["ab_outcomes"] in ("revenue", ["revenue"])
    assert at.query_params["ab_covariate"] == ""
    shown = new_app(PAGE, present="1", ab_covariate="", **link)
    text = text_of(shown)
    assert "coupon_10** raises revenue by" in text and "against free_shipping" in text
    assert "converted" not in text
    methods = shown.table[1].value.iloc[:, -1]  # the comparisons, in the presenter's type
    assert all("CUPED" not in method for method in methods)
