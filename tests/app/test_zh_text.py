"""简体中文 mode shows no English word outside a short allow-list (brand and method names, names
from the file), on every page with the sample it works on; a sample's name follows the language
and a renamed one keeps the user's name.

The browser check (tests/e2e/test_zh_text.py) reads the drawn page, chart ticks included; this
one reads the elements Streamlit sends, so CI catches a regression without a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics.samples import SAMPLES
from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, upload
from tests.app.zh_scan import page_strings
from tests.zh_text import english_words, page_file_words, sample_for
from ui.chrome import NAVIGATION

SALES = SAMPLES[-1][1]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def sample_ids(home: Path) -> dict[str, str]:
    """Every sample's id by its stored name (the samples are installed by the first run)."""
    new_app(DATA_PAGE)
    workspace = Workspace(home)
    try:
        return {info.name: info.id for info in workspace.list()}
    finally:
        workspace.close()


@pytest.mark.parametrize("page_file", [entry[1] for entry in NAVIGATION])
def test_a_chinese_page_shows_no_english_word(page_file: str, reader_home: Path) -> None:
    dataset = sample_ids(reader_home)[sample_for(page_file)]
    at = new_app(None if page_file == "app.py" else page_file, ds=dataset, lang="zh")
    found = english_words(page_strings(at), page_file_words(page_file))
    assert not found, "\n".join(f"{word!r} in {text!r}" for word, text in found.items())


def test_a_sample_is_named_in_the_language_of_the_page(reader_home: Path) -> None:
    sales = sample_ids(reader_home)[SALES]
    english = new_app(DATA_PAGE, ds=sales)
    chinese = new_app(DATA_PAGE, ds=sales, lang="zh")
    assert "Sample · daily sales by region and category" in english.selectbox(key="_w_ds").options
    assert "示例 · 按地区和品类的日销售" in chinese.selectbox(key="_w_ds").options
    assert not CHINESE.search(" ".join(english.selectbox(key="_w_ds").options))


def test_a_renamed_sample_keeps_the_users_name_in_both_languages(home: Path) -> None:
    sales = sample_ids(home)[SALES]
    workspace = Workspace(home)
    try:
        workspace.rename(sales, "我的日销售")
    finally:
        workspace.close()
    for lang in ("en", "zh"):
        at = new_app(DATA_PAGE, ds=sales, lang=lang)
        assert "我的日销售" in at.selectbox(key="_w_ds").options


def test_how_an_upload_was_read_is_said_in_chinese(home: Path) -> None:
    rows = ["日期,销售额,折扣率"] + [
        f'{day:02d}/03/2025,"1,{day:03d}",{day % 5 * 5}%' for day in range(13, 29)
    ]
    at = new_app(DATA_PAGE, lang="zh")
    upload(at, "门店.csv", "\n".join(rows).encode())
    (profiles,) = [d.value for d in at.dataframe if "读取方式" in d.value.columns]
    notes = " ".join(profiles["读取方式"])
    assert "带 % 的值按小数读取" in notes
    assert "形如 1,234 的值按逗号为千位分隔符读取" in notes
    assert "日在前（日/月/年）" in notes
    assert not english_words([notes])
