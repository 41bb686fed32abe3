"""The Data page's audit log: the workspace's writes newest first in an expander, in English and
简体中文, its CSV with formula cells neutralised, and nothing of it in presenter mode."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE
from tests.app.zh_scan import page_strings
from tests.zh_text import english_words, page_file_words
from ui.data.audit import audit_table
from ui.safe import csv_bytes

BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"


def written(home: Path, tmp_path: Path, name: str = "Shop") -> str:
    path = tmp_path / "base.csv"
    path.write_text(BASE, encoding="utf-8")
    ws = Workspace(home)
    try:
        info = ws.save(load(path), "draft")
        ws.rename(info.id, name)
        return info.id
    finally:
        ws.close()


def audit_frame(at: AppTest) -> pd.DataFrame:
    """The log's rows about the test's dataset (the app also records saving its samples)."""
    expander = next(e for e in at.expander if e.label.startswith(("Audit log", "操作记录")))
    frame = expander.dataframe[0].value
    name = "名称" if "名称" in frame.columns else "Name"
    return frame[frame[name].isin(["Shop", "draft"])]


def test_the_log_is_shown_newest_first(home: Path, tmp_path: Path) -> None:
    dataset_id = written(home, tmp_path)
    at = new_app(DATA_PAGE, ds=dataset_id)
    frame = audit_frame(at)
    assert list(frame.columns) == [
        "Time (UTC)",
        "By",
        "Role",
        "Team",
        "Action",
        "Name",
        "Import batch",
    ]
    assert frame["Action"].tolist() == ["Renamed", "Saved"]
    assert frame["By"].tolist() == ["this computer"] * 2
    assert frame["Role"].tolist() == ["Administrator"] * 2
    assert frame["Name"].tolist() == ["Shop", "draft"]


def test_the_log_in_chinese(home: Path, tmp_path: Path) -> None:
    dataset_id = written(home, tmp_path)
    at = new_app(DATA_PAGE, ds=dataset_id, lang="zh")
    frame = audit_frame(at)
    assert frame["操作"].tolist() == ["重命名", "保存"]
    assert frame["角色"].tolist() == ["管理员"] * 2
    words = page_file_words(DATA_PAGE) | {"Shop", "draft", "date", "store", "revenue"}
    found = english_words(page_strings(at), words)
    assert not found, found


def test_presenter_mode_hides_the_log(home: Path, tmp_path: Path) -> None:
    dataset_id = written(home, tmp_path)
    at = new_app(DATA_PAGE, ds=dataset_id, present="1")
    assert not [e for e in at.expander if e.label.startswith("Audit log")]


def test_the_csv_neutralises_formula_cells(home: Path, tmp_path: Path) -> None:
    written(home, tmp_path, name="=HYPERLINK(1)")
    ws = Workspace(home)
    try:
        text = csv_bytes(audit_table(ws.audit_log())).decode("utf-8-sig")
    finally:
        ws.close()
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
