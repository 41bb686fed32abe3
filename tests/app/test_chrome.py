"""The shared chrome: sample workspace, language switch, presenter mode, query-string restore."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics.workspace import Workspace
from tests.app.conftest import ROOT, TIMEOUT

SAMPLE = ROOT / "sample_data" / "sales_daily.csv"


def test_first_start_opens_on_the_sample_dataset_with_its_totals(app: AppTest) -> None:
    truth = pd.read_csv(SAMPLE)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Rows"] == f"{len(truth):,}"
    assert metrics["Total revenue"] == f"{truth['revenue'].sum():,.0f}"
    spend = truth[["search_spend", "social_spend", "display_spend"]].to_numpy().sum()
    assert metrics["Total spend"] == f"{spend:,.0f}"
    assert len(app.get("plotly_chart")) == 1


def test_language_switch_translates_the_page(app: AppTest) -> None:
    app.segmented_control(key="_w_lang").set_value("zh").run()
    assert not app.exception
    assert app.title[0].value == "工作区概览"
    assert "行数" in [m.label for m in app.metric]


def test_query_string_restores_dataset_language_and_presenter(app: AppTest, home: Path) -> None:
    campaigns = next(i for i in Workspace(home).list() if "campaign" in i.name)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update({"ds": campaigns.id, "lang": "zh", "present": "true"})
    at.run()
    assert not at.exception
    assert at.selectbox(key="_w_ds").value == campaigns.id
    assert at.title[0].value == "工作区概览"
    assert at.toggle(key="_w_present").value is True
    assert {m.label: m.value for m in at.metric}["行数"] == "9"


def test_unknown_dataset_in_link_falls_back_to_the_newest(app: AppTest) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["ds"] = "does-not-exist"
    at.run()
    assert not at.exception
    assert at.selectbox(key="_w_ds").value == app.selectbox(key="_w_ds").value
