"""The shared chrome: sample workspace, language switch, presenter mode, query-string restore."""

from __future__ import annotations

from pathlib import Path

from analytics.samples import SAMPLES
from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, plain


def test_first_start_installs_the_samples_and_opens_the_daily_sales(home: Path) -> None:
    at = new_app(DATA_PAGE)
    names = [info.name for info in Workspace(home).list()]
    assert len(names) == len(SAMPLES)
    assert at.selectbox(key="_w_ds").value == Workspace(home).list()[0].id
    assert "daily sales" in Workspace(home).list()[0].name


def test_language_switch_translates_the_page(home: Path) -> None:
    at = new_app(DATA_PAGE)
    at.segmented_control(key="_w_lang").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "数据管理"
    assert at.query_params.get("lang") in (None, "zh")


def test_query_string_restores_dataset_language_and_presenter(home: Path) -> None:
    new_app(DATA_PAGE)
    campaigns = next(i for i in Workspace(home).list() if "campaign" in i.name)
    at = new_app(DATA_PAGE, ds=campaigns.id, lang="zh", present="1")
    assert at.selectbox(key="_w_ds").value == campaigns.id
    assert at.title[0].value == "数据管理"
    assert at.toggle(key="_w_present").value is True
    assert not at.get("file_uploader")


def test_unknown_dataset_in_link_falls_back_to_the_newest(home: Path) -> None:
    first = new_app(DATA_PAGE)
    at = new_app(DATA_PAGE, ds="does-not-exist")
    assert at.selectbox(key="_w_ds").value == first.selectbox(key="_w_ds").value
    picker = at.selectbox(key="_w_ds")
    opened = picker.options[picker.index]  # the sample's name as shown in English
    assert opened == "Sample · daily sales by region and category"
    assert [plain(w.value) for w in at.warning] == [
        f"The link asked for the dataset “does-not-exist”, which is not in this workspace (it "
        f"may have been deleted): showing “{opened}” instead. Pick another dataset in the sidebar."
    ]
    assert not at.toast
    zh = new_app(DATA_PAGE, ds="does-not-exist", lang="zh")
    assert any("链接中的数据集“does-not-exist”不在此工作区中" in plain(w.value) for w in zh.warning)
