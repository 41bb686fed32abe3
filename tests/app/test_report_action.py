"""The sidebar's Report action: on every page, it builds the active dataset's report in the
chosen format and language and offers it for download, or says why there is none."""

from __future__ import annotations

from pathlib import Path

from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, plain

BUILD_TIMEOUT = 1200  # every campaign, drivers, forecast and planner fitted on a shared machine


def test_the_report_of_the_daily_sales_is_built_in_chinese_and_offered_as_html(home: Path) -> None:
    at = new_app(DATA_PAGE, lang="zh")
    assert at.sidebar.expander[0].label == "报告"
    at.selectbox(key="rep_format").set_value("html")
    assert at.selectbox(key="rep_lang").value == "zh"  # the page's language by default
    at.button(key="rep_build").click().run(timeout=BUILD_TIMEOUT)
    assert not at.exception, at.exception
    dataset_id, name, data, mime = at.session_state["rep_file"]
    assert dataset_id == Workspace(home).list()[0].id
    assert name.endswith(".html") and mime == "text/html"
    html = data.decode("utf-8")
    assert "<h2>活动组合：关键数字</h2>" in html and "示例日销售" in html
    (download,) = at.get("download_button")
    assert download.proto.label == f"下载 {name}"


def test_a_dataset_without_dates_gets_a_sentence_instead_of_a_file(home: Path) -> None:
    new_app(DATA_PAGE)
    table = next(i for i in Workspace(home).list() if "response" in i.name)
    at = new_app(DATA_PAGE, ds=table.id)
    at.selectbox(key="rep_format").set_value("pptx")
    at.button(key="rep_build").click().run()
    assert not at.exception, at.exception
    (error,) = at.sidebar.error
    assert "A report needs a date column" in plain(error.value)
    assert not at.get("download_button")
