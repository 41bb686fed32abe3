"""The Data page's "Add a newer export": preview counts and examples, confirm, history, undo,
a file that does not fit, 简体中文 and presenter mode."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics.imports import import_history
from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE
from tests.app.test_number_formats import visible_text
from tests.app.zh_scan import page_strings
from tests.zh_text import english_words, page_file_words

BASE = "date,store,revenue,spend\n2024-01-01,A,100,10\n2024-01-01,B,200,20\n2024-01-02,A,110,11\n"
# A unchanged on the 2nd, B on the 1st changed (its last row, 260, wins), two rows added.
NEWER = (
    "date,store,revenue,spend\n2024-01-02,A,110,11\n2024-01-01,B,250,20\n"
    "2024-01-01,B,260,20\n2024-01-03,A,120,12\n2024-01-03,B,220,22\n"
)


# Names from the user's file and the dataset's name are shown as they are.
FILE_WORDS = page_file_words(DATA_PAGE) | {"Shop", "date", "store", "revenue", "spend", "week"}


def saved(home: Path, tmp_path: Path) -> str:
    path = tmp_path / "base.csv"
    path.write_text(BASE, encoding="utf-8")
    ws = Workspace(home)
    try:
        return ws.save(load(path), "Shop").id
    finally:
        ws.close()


def stored(home: Path, dataset_id: str) -> tuple[int, str, pd.DataFrame, int]:
    ws = Workspace(home)
    try:
        info = ws.get(dataset_id)
        return info.n_rows, info.content_hash, ws.load(dataset_id), len(import_history(ws, info.id))
    finally:
        ws.close()


def managed(dataset_id: str, **query: str) -> AppTest:
    at = new_app(DATA_PAGE, ds=dataset_id, **query)
    at.selectbox(key="manage").set_value(dataset_id).run()
    assert not at.exception, at.exception
    return at


def with_file(at: AppTest, dataset_id: str, name: str, text: str) -> AppTest:
    uploader = at.file_uploader(key=f"append_file_{dataset_id}")
    uploader.set_value((name, text.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


def cards(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_preview_confirm_history_and_undo(home: Path, tmp_path: Path) -> None:
    dataset_id = saved(home, tmp_path)
    rows, version, before, _ = stored(home, dataset_id)
    at = with_file(managed(dataset_id), dataset_id, "week2.csv", NEWER)
    assert cards(at) == {"Rows added": "2", "Rows changed": "1", "Rows unchanged": "1",
                         "Repeats in the file": "1"}  # fmt: skip
    tables = [frame.value for frame in at.dataframe]
    changed = next(t for t in tables if "Revenue (before)" in t.columns)
    assert changed["Revenue (before)"].tolist() == [200.0] and changed["Revenue"].tolist() == [
        260.0
    ]
    added = next(t for t in tables if list(t.columns) == ["Date", "Store", "Revenue", "Spend"])
    assert added["Date"].tolist() == ["2024-01-03", "2024-01-03"]
    assert added["Revenue"].tolist() == [120.0, 220.0]
    assert stored(home, dataset_id)[0] == rows  # nothing stored before confirming

    at.button(key=f"append_go_{dataset_id}").click().run()
    assert not at.exception, at.exception
    assert any("2 rows added, 1 changed" in s.value for s in at.success)
    assert stored(home, dataset_id)[0] == 5
    history = next(f.value for f in at.dataframe if "By" in f.value.columns)
    assert history.iloc[0].tolist()[1:] == ["week2.csv", "this computer", 2, 1, 1, 1, "In the data"]

    at.button(key=f"append_undo_{dataset_id}").click().run()
    assert not at.exception, at.exception
    n_rows, restored_version, frame, imports = stored(home, dataset_id)
    assert (n_rows, restored_version, imports) == (rows, version, 1)
    pd.testing.assert_frame_equal(frame, before)
    assert any("back to its previous version" in s.value for s in at.success)


def test_the_same_file_again_is_recognised(home: Path, tmp_path: Path) -> None:
    dataset_id = saved(home, tmp_path)
    at = with_file(managed(dataset_id), dataset_id, "week2.csv", NEWER)
    at.button(key=f"append_go_{dataset_id}").click().run()
    at = with_file(managed(dataset_id), dataset_id, "week2-copy.csv", NEWER)
    assert any("already imported" in info.value for info in at.info)
    assert not [b for b in at.button if b.key == f"append_go_{dataset_id}"]


def test_a_file_that_does_not_fit_says_which_columns_and_stores_nothing(
    home: Path, tmp_path: Path
) -> None:
    dataset_id = saved(home, tmp_path)
    before = stored(home, dataset_id)
    other = "date,store,revenue,clicks\n2024-01-03,A,1,2\n"
    at = with_file(managed(dataset_id), dataset_id, "other.csv", other)
    assert any("missing spend; extra clicks" in e.value for e in at.error)
    after = stored(home, dataset_id)
    assert after[:2] == before[:2] and after[3] == 0


def test_chinese_preview_and_history(home: Path, tmp_path: Path) -> None:
    dataset_id = saved(home, tmp_path)
    at = with_file(managed(dataset_id, lang="zh"), dataset_id, "week2.csv", NEWER)
    assert cards(at)["新增行"] == "2"
    found = english_words(page_strings(at), FILE_WORDS)
    assert not found, found
    at.button(key=f"append_go_{dataset_id}").click().run()
    assert any("已追加" in s.value for s in at.success)
    found = english_words(page_strings(at), FILE_WORDS)
    assert not found, found
    text = " ".join(visible_text(at))
    assert not any(bad in text for bad in ("nan", "None", "e-0"))


def test_presenter_mode_shows_no_append_controls(home: Path, tmp_path: Path) -> None:
    dataset_id = saved(home, tmp_path)
    at = new_app(DATA_PAGE, ds=dataset_id, present="1")
    assert not at.exception
    assert not [u for u in at.get("file_uploader") if (u.key or "").startswith("append_file_")]
    assert any(t.value.columns[0] == "Name" for t in at.table)  # the datasets, as static text
