"""The sidebar's Report action: on every page, it builds the active dataset's report in the
chosen format and language and offers it for download, or says why there is none."""

from __future__ import annotations

from html import escape
from pathlib import Path

from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, plain, upload
from tests.unit.report.report_sample import UPLOAD_CAMPAIGN, chinese_upload

BUILD_TIMEOUT = 900  # every campaign, drivers, forecast and planner fitted on a shared machine


def test_an_uploaded_gbk_export_gets_its_report_in_chinese_as_html(home: Path) -> None:
    """Through the Data page's upload and save: Chinese headers, GBK, names from the file (the
    dataset's and a campaign's) with markup characters, escaped. One region of the sample keeps
    the fits few; the whole sample's report is checked in tests/unit/report."""
    saving = upload(new_app(DATA_PAGE), "东区<销售>.csv", chinese_upload())
    button_with_prefix(saving, "save_").click().run()
    assert not saving.exception, saving.exception
    saved = next(info for info in Workspace(home).list() if info.name == "东区<销售>")
    at = new_app(DATA_PAGE, lang="zh", ds=saved.id)
    assert at.sidebar.expander[0].label == "报告"
    at.selectbox(key="rep_format").set_value("html")
    assert at.selectbox(key="rep_lang").value == "zh"  # the page's language by default
    at.button(key="rep_build").click().run(timeout=BUILD_TIMEOUT)
    assert not at.exception, at.exception
    dataset_id, name, data, mime = at.session_state["rep_file"]
    assert dataset_id == saved.id
    assert name.endswith(".html") and mime == "text/html"
    html = data.decode("utf-8")
    assert "<h2>活动组合：关键数字</h2>" in html
    assert "东区&lt;销售&gt;" in html and "<销售>" not in html
    assert f"<h2>活动：{escape(UPLOAD_CAMPAIGN)}</h2>" in html and UPLOAD_CAMPAIGN not in html
    (download,) = at.sidebar.get("download_button")
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
    assert not at.sidebar.get("download_button")
