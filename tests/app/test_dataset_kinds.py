"""Every shape of file on every page: each shapes fixture saved in one workspace and opened on
the Overview, Data, Lift, Drivers, Forecast and Planner pages. No page shows a traceback; the
pages that need dates say what the dataset is and link to the page that fits it."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, plain

SHAPES = ROOT / "tests" / "fixtures" / "shapes"
KINDS = {
    "advertising_by_market": "table without dates",
    "store_attributes": "table without dates",
    "weekly_stores": "time series",
    "daily_calendar_columns": "time series",
    "tickets": "order log",
    "order_lines": "order log",
    "ab_test_users": "experiment",
    "experiment_gbk": "experiment",
}
TIME_PAGES = {
    "app.py": "the campaign overview needs one row per date",
    "pages/2_Lift.py": "campaign lift needs one row per date",
    "pages/4_Forecast.py": "a forecast needs a history of dates",
    "pages/5_Planner.py": "the ROI planner needs spend and sales by date",
}
WHAT = {
    "table without dates": "This dataset is a table of stores/customers without dates",
    "experiment": "This dataset is an experiment (units with an arm)",
}
NEXT_STEP = {
    "table without dates": ("Drivers", "Open Drivers to see what drives its metrics."),
    "experiment": ("Experiments", "Open Experiments to compare its arms."),
}
DRIVERS_PAGE = "pages/3_Drivers.py"


@pytest.fixture(scope="module")
def shapes_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One workspace holding every shapes fixture; the dataset ids by fixture name."""
    home = tmp_path_factory.mktemp("shapes") / "workspace"
    workspace = Workspace(home)
    try:
        ids = {name: workspace.save(load(SHAPES / f"{name}.csv"), name).id for name in KINDS}
    finally:
        workspace.close()
    return {"home": str(home), **ids}


@pytest.fixture
def ids(shapes_home: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("LIFTBOARD_HOME", shapes_home["home"])
    monkeypatch.chdir(ROOT)
    return shapes_home


def _info_text(at) -> str:
    return " ".join(plain(box.value) for box in at.info)


@pytest.mark.parametrize("page", list(TIME_PAGES))
@pytest.mark.parametrize("name", list(KINDS))
def test_time_pages_open_every_shape(ids: dict[str, str], name: str, page: str) -> None:
    at = new_app(page, ds=ids[name])
    kind = KINDS[name]
    links = [link.proto.label for link in at.main.get("page_link")]
    if kind in WHAT:
        fits, next_step = NEXT_STEP[kind]
        assert _info_text(at) == f"{WHAT[kind]}: {TIME_PAGES[page]}. {next_step}"
        # The page that fits, then up to three saved datasets this page works on.
        assert links[0] == fits and 1 <= len(links[1:]) <= 3
        undated = {n for n, k in KINDS.items() if k in WHAT}
        assert not undated & set(links[1:]), links
        offered = [link.proto.query_string for link in at.main.get("page_link")[1:]]
        assert all(query.startswith("ds=") for query in offered)
    else:
        assert "This dataset is" not in _info_text(at)
        assert not links
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("name", list(KINDS))
def test_drivers_page_opens_every_shape(ids: dict[str, str], name: str) -> None:
    new_app(DRIVERS_PAGE, ds=ids[name])  # the page's content is tested with the page


def test_data_page_lists_each_dataset_with_its_kind(ids: dict[str, str]) -> None:
    at = new_app(DATA_PAGE, ds=ids["weekly_stores"])
    table = next(frame.value for frame in at.dataframe if "Kind" in frame.value.columns)
    listed = dict(zip(table["Name"], table["Kind"], strict=True))
    assert {name: listed[name] for name in KINDS} == KINDS
    frequency = dict(zip(table["Name"], table["Frequency"], strict=True))
    assert frequency["store_attributes"] == "no dates"
    assert frequency["weekly_stores"] == "weekly"


def test_an_order_log_is_summed_per_date_on_the_overview_and_forecast(ids: dict[str, str]) -> None:
    overview = new_app("app.py", ds=ids["order_lines"])
    (chart,) = overview.get("plotly_chart")
    (trace,) = json.loads(chart.proto.spec)["data"]
    per_day = np.frombuffer(base64.b64decode(trace["y"]["bdata"]), dtype=trace["y"]["dtype"])
    lines = pd.read_csv(SHAPES / "order_lines.csv")
    by_date = lines.groupby(pd.to_datetime(lines["order_date"]))["line_amount"].sum()
    calendar = pd.date_range(by_date.index.min(), by_date.index.max(), freq="D")
    assert (len(by_date), len(per_day)) == (84, len(calendar)) == (84, 90)
    # A day without an order is a day without sales: 0, not a gap.
    np.testing.assert_allclose(per_day, by_date.reindex(calendar, fill_value=0).to_numpy())
    forecast = new_app("pages/4_Forecast.py", ds=ids["order_lines"])
    shown = plain(" ".join(m.value for m in forecast.markdown))
    assert "Expected line amount over the next 28 days (2024-03-31 to 2024-04-27)" in shown
    assert "MASE" in shown


def test_the_gate_in_chinese_and_the_caption_of_a_table_without_dates(ids: dict[str, str]) -> None:
    at = new_app("pages/2_Lift.py", ds=ids["store_attributes"], lang="zh")
    assert _info_text(at) == (
        "该数据集是不含日期的门店/客户表：活动增量需要按日期排列的数据。打开“驱动因素”查看影响其指标的因素。"
    )
    assert next(link.proto.label for link in at.main.get("page_link")) == "驱动因素"
    assert "或用适用的已保存数据集打开“活动增量”：" in [plain(c.value) for c in at.caption]
    assert plain(at.markdown[0].value) == "store_attributes · 60 · 无日期"
