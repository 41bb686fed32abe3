"""The Data page driven through AppTest: upload, mapping, checks, save, manage."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest.roles import ROLES
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, open_data_page, plain, upload

SHAPES = ROOT / "tests" / "fixtures" / "shapes"


def _gbk_sales_csv(days: int = 30) -> bytes:
    lines = ["日期,门店,销售额,花费,活动"]
    for day in range(1, days + 1):
        for store in ("上海店", "北京店"):
            campaign = "双十一预热" if day > 20 and store == "上海店" else ""
            lines.append(f"2024-01-{day:02d},{store},{1000 + day * 10},{50 + day},{campaign}")
    return ("\n".join(lines) + "\n").encode("gbk")


def _roles(at: AppTest) -> dict[str, str]:
    editor = next(frame for frame in at.dataframe if (frame.key or "").startswith("map_"))
    return dict(zip(editor.value["Column"], editor.value["Role"], strict=True))


def test_gbk_upload_is_mapped_saved_and_becomes_active(home: Path) -> None:
    at = upload(open_data_page(), "销售.csv", _gbk_sales_csv())
    roles = _roles(at)
    assert roles["日期"] == "date"
    assert roles["门店"].startswith("dimension")
    assert roles["销售额"].startswith("metric")
    assert roles["花费"] == "spend"
    assert roles["活动"] == "campaign"
    assert any("gb18030" in caption.value for caption in at.caption)
    assert [s.value for s in at.success] == ["No problems found."]

    button_with_prefix(at, "save_").click().run()
    assert not at.exception
    assert any(s.value == "Saved “销售” (60 rows)." for s in at.success)
    saved = [info for info in Workspace(home).list() if info.name == "销售"]
    assert len(saved) == 1 and saved[0].n_rows == 60
    assert at.session_state["ds"] == saved[0].id
    assert saved[0].mapping.outcome == "销售额"


def test_errors_block_saving_and_say_what_to_change(home: Path) -> None:
    content = b"date,revenue,spend\n2024-01-01,100,10\n2024-01-02,120,-5\n2024-01-03,90,8\n"
    at = upload(open_data_page(), "bad.csv", content)
    assert "1 error(s) to fix before saving" in at.error[0].value
    assert button_with_prefix(at, "save_").disabled
    report = next(f.value for f in at.dataframe if "What to change" in f.value.columns)
    assert "Spend in 'spend' is negative in 1 row (row 3)" in report["What to change"].iloc[0]


def test_unreadable_upload_gives_one_sentence(home: Path) -> None:
    at = upload(open_data_page(), "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    assert [plain(e.value) for e in at.error] == [
        "This is an image (PNG), not a table: upload the CSV or Excel file that holds the numbers."
    ]


def test_unreadable_upload_is_explained_in_chinese(home: Path) -> None:
    at = upload(
        new_app(DATA_PAGE, lang="zh"), "照片.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50
    )
    assert [plain(e.value) for e in at.error] == [
        "这是图片（PNG），不是表格：请上传包含这些数字的 CSV 或 Excel 文件。"
    ]


def test_a_missing_sheet_name_is_shown_as_text(home: Path) -> None:
    from analytics.errors import UserInputError
    from ui.failures import failure_text

    error = UserInputError("No sheet '**x**'.", code="no_such_sheet", sheet="**x**", sheets="a")
    assert failure_text(error) == r"No sheet \'\*\*x\*\*\'\."


def test_western_encoding_is_confirmed_before_use(home: Path) -> None:
    content = "date,Filiale,Umsatz\n2024-01-01,München,100\n2024-01-02,Köln,120\n"
    at = upload(open_data_page(), "de.csv", content.encode("cp1252"))
    assert "It reads as cp1252" in at.warning[0].value
    assert "München" in at.code[0].value
    at.button(key=button_with_prefix(at, "enc_ok_").key).click().run()
    assert not at.exception
    assert any("cp1252" in caption.value for caption in at.caption)


def test_rename_then_delete_after_confirmation(home: Path) -> None:
    at = open_data_page()
    target = at.selectbox(key="manage").value
    at.text_input(key=f"rename_{target}").set_value("Weekly review").run()
    at.button(key="rename_go").click().run()
    assert Workspace(home).get(target).name == "Weekly review"

    at.button(key="delete_go").click().run()
    assert "Delete “Weekly review”" in at.warning[0].value
    assert target in {info.id for info in Workspace(home).list()}
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert target not in {info.id for info in Workspace(home).list()}


def test_presenter_mode_hides_upload_and_editing(home: Path) -> None:
    at = new_app(DATA_PAGE, present="1")
    assert not at.get("file_uploader")
    assert not [b for b in at.button if b.key == "delete_go"]
    assert len(at.table) == 1 and not at.dataframe  # the datasets, in the presenter's type
    assert "Sample" in " ".join(at.table[0].value.iloc[:, 0])


def _reasons(at: AppTest) -> dict[str, str]:
    editor = next(frame for frame in at.dataframe if (frame.key or "").startswith("map_"))
    return dict(zip(editor.value.iloc[:, 0], editor.value.iloc[:, 2], strict=True))


def _outlets_csv() -> bytes:
    """Six outlets coded 101..106 over 40 days, with the fiscal quarter written out."""
    lines = ["Day,Outlet,FQ,takings"]
    for day in pd.date_range("2024-03-01", periods=40):
        for outlet in range(101, 107):
            lines.append(f"{day:%Y-%m-%d},{outlet},{day.year}Q{day.quarter},{outlet * 3 + day.day}")
    return ("\n".join(lines) + "\n").encode()


def test_the_mapping_form_says_why_and_offers_every_role(home: Path) -> None:
    at = upload(open_data_page(), "outlets.csv", _outlets_csv())
    assert _roles(at) == {
        "Day": "date",
        "Outlet": "dimension (store, region, product…)",
        "FQ": "calendar (quarter, month, week no.: from the date)",
        "takings": "metric (revenue, units, visits…)",
    }
    assert _reasons(at) == {
        "Day": "the name says so",
        "Outlet": "a code repeated once per date of 'Day'",
        "FQ": "restates the quarter of 'Day'",
        "takings": "numbers that vary",
    }
    editor = next(frame for frame in at.dataframe if (frame.key or "").startswith("map_"))
    options = json.loads(editor.proto.columns)["Role"]["type_config"]["options"]
    assert len(options) == len(ROLES) and "experiment arm (variant)" in options
    assert at.info[0].value == (
        "This file is a time series panel: one row per date, or per date and segment. "
        "Pages that work on it: Overview, Campaign lift, Drivers, Experiments, Forecast, ROI planner."
    )


def test_a_table_without_dates_is_explained_and_saved(home: Path) -> None:
    content = (SHAPES / "store_attributes.csv").read_bytes()
    at = upload(open_data_page(), "store_attributes.csv", content)
    reasons = _reasons(at)
    assert reasons["Urban"] == "only two values (0/1, yes/no)"
    assert reasons["store_name"].endswith(
        "but a different value on every row: the rows' identifier"
    )
    assert at.info[0].value == (
        "This file is a table of entities without dates (stores, customers, products). "
        "Pages that work on it: Drivers."
    )
    button_with_prefix(at, "save_").click().run()
    assert not at.exception
    assert any(s.value == "Saved “store\\_attributes” (60 rows)." for s in at.success)


def test_reasons_and_kind_in_chinese(home: Path) -> None:
    content = (SHAPES / "experiment_gbk.csv").read_bytes()
    at = upload(new_app(DATA_PAGE, lang="zh"), "实验.csv", content)
    reasons = _reasons(at)
    assert reasons["分组"] == "列名如此表明"
    assert reasons["用户ID"].startswith("列名像客户")
    assert at.info[0].value.startswith("该文件是实验：带实验分组的单元及其结果。适用页面：驱动因素")


@pytest.mark.parametrize(
    ("lang", "name", "expected"),
    [
        ("en", "chart.png", "“chart.png” was not read: LiftBoard opens tables saved as .csv, "
         ".tsv, .txt, .xlsx, .xls, not .png. Export the table as CSV or Excel"),
        ("zh", "报表", "“报表”未读取：LiftBoard 只能打开 .csv, .tsv, .txt, .xlsx, .xls 格式的表格，"
         "不能打开 无扩展名的文件。"),
    ],
)  # fmt: skip
def test_a_file_of_another_type_is_refused_with_a_sentence_in_the_page(
    home: Path, lang: str, name: str, expected: str
) -> None:
    at = new_app(DATA_PAGE, lang=lang)
    at.file_uploader(key="uploader").set_value(
        (name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "image/png")
    ).run()
    assert not at.exception
    assert len(at.error) == 1 and plain(at.error[0].value).startswith(expected)
    assert not [b for b in at.button if (b.key or "").startswith("save_")]  # nothing to save
